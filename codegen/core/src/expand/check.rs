//! The derive's checks: the struct against the spec endpoint it names. Each `check_*`
//! reports into the collector and the derive goes on, so the user sees every mistake
//! of a struct at once; the impls are emitted only when nothing failed.

use std::path::Path;

use quote::ToTokens;
use syn3::ext::IdentExt;
use syn3::{GenericArgument, LitStr, PathArguments, Type};

use super::ast::{Field, Input};
use super::{shown, Errors};
use crate::emit::consumer::OwnField;
use crate::model::{Api, ConstraintKind, Endpoint, Field as SpecField, Spec, Ty, UpdateRule};

/// The endpoint `api::endpoint` (or a bare name found in one API only).
pub(crate) fn endpoint<'s>(spec: &'s Spec, lit: &LitStr, errors: &mut Errors) -> Option<(&'s Api, &'s Endpoint)> {
    let name = lit.value();
    if let Some(found) = spec.endpoint(&name) {
        return Some(found);
    }
    let all: Vec<String> = spec.endpoints().map(|(a, e)| format!("{}::{}", a.name, e.name)).collect();
    let same: Vec<&String> = all.iter().filter(|n| n.rsplit("::").next() == Some(name.as_str())).collect();
    if same.len() > 1 {
        let names: Vec<String> = same.iter().map(|n| format!("`{n}`")).collect();
        errors.spanned(
            lit,
            format!(
                "endpoint `{name}` is in more than one API of the spec\n  = hint: write {}",
                names.join(" or ")
            ),
        );
    } else {
        let hint = crate::diag::did_you_mean(&name, all.iter().map(String::as_str));
        errors.spanned(lit, format!("no endpoint `{name}` in the spec\n  = hint: {hint}"));
    }
    None
}

/// Checks every field of the struct; returns the fields with the wire name each maps onto.
pub(crate) fn fields(input: &Input<'_>, api: &Api, ep: &Endpoint, base: &Path, errors: &mut Errors) -> Vec<OwnField> {
    let cx = DeriveChecker { api, ep, base };
    let matched: Vec<(&Field<'_>, &SpecField)> = input
        .fields
        .iter()
        .filter(|own| !own.broken)
        .filter_map(|own| Some((own, cx.check_exists(own, errors)?)))
        .collect();
    for (own, spec) in &matched {
        let updatable = cx.check_updatable(own, spec, errors);
        if updatable && cx.check_optional(own, spec, errors) {
            cx.check_type(own, spec, errors);
        }
    }
    check_duplicates(&matched, errors);
    // A field with a broken attribute or an unknown name was probably meant to be the
    // one the struct lacks: these checks would only repeat that mistake.
    if matched.len() == input.fields.len() {
        cx.check_discriminators(&matched, errors);
        cx.check_required(input, &matched, errors);
    }
    matched
        .iter()
        .map(|(own, spec)| OwnField {
            wire: spec.wire.clone(),
            ident: own.ident.clone(),
            ty_span: syn3::spanned::Spanned::span(own.ty),
        })
        .collect()
}

struct DeriveChecker<'a> {
    api: &'a Api,
    ep: &'a Endpoint,
    base: &'a Path,
}

impl<'a> DeriveChecker<'a> {
    fn at(&self, f: &SpecField) -> String {
        format!("{}:{}:{}", shown(&f.loc.file, self.base), f.loc.line, f.loc.col)
    }

    fn endpoint_name(&self) -> String {
        format!("{}::{}", self.api.name, self.ep.name)
    }

    /// The field maps onto a field of the body: by `rename` (a wire name), else by the
    /// spec's Rust name, else by wire name. Unknown ones get a "did you mean".
    fn check_exists(&self, own: &Field<'_>, errors: &mut Errors) -> Option<&'a SpecField> {
        let body: &'a [SpecField] = &self.ep.body.fields;
        if let Some(rename) = &own.rename {
            let wire = rename.value();
            let found = body.iter().find(|f| f.wire == wire);
            if found.is_none() {
                let hint = crate::diag::did_you_mean(&wire, body.iter().map(|f| f.wire.as_str()));
                let file = shown(&self.ep.file, self.base);
                let ep = self.endpoint_name();
                errors.spanned(
                    rename,
                    format!("no field `{wire}` in the body of `{ep}` ({file})\n  = hint: {hint}"),
                );
            }
            return found;
        }
        let name = own.ident.unraw().to_string();
        let found = body
            .iter()
            .find(|f| f.rust.trim_start_matches("r#") == name)
            .or_else(|| body.iter().find(|f| f.wire == name));
        if found.is_none() {
            let hint = match crate::diag::suggest(&name, body.iter().map(|f| f.rust.trim_start_matches("r#"))) {
                Some(s) => format!("did you mean `{s}`?"),
                None => {
                    let sendable = body.iter().filter(|f| f.sendable());
                    let names: Vec<String> = sendable.map(|f| format!("`{}`", f.rust.trim_start_matches("r#"))).collect();
                    format!("the fields an update can send: {}", names.join(", "))
                }
            };
            let file = shown(&self.ep.file, self.base);
            let ep = self.endpoint_name();
            errors.spanned(
                own.ident,
                format!(
                    "no field `{name}` in the body of `{ep}` ({file})\n  = hint: {hint}\n  = note: a field named otherwise maps onto a wire name with `#[mutaspec(rename = \"wireName\")]`"
                ),
            );
        }
        found
    }

    /// A not-updatable or provider-set field cannot be part of an update.
    fn check_updatable(&self, own: &Field<'_>, f: &SpecField, errors: &mut Errors) -> bool {
        let why = if f.rule == UpdateRule::NotUpdatable {
            format!("its rule is `not_updatable` ({})", self.at(f))
        } else if f.output_only {
            format!("it is `output_only`: set by the provider, only in responses ({})", self.at(f))
        } else {
            return true;
        };
        let docs = f.docs.as_deref().map_or_else(String::new, |d| format!(": {}", d.trim()));
        errors.spanned(
            own.ident,
            format!(
                "`{}` cannot be updated: {why}{docs}\n  = hint: remove the field; an update cannot send it",
                f.wire
            ),
        );
        false
    }

    /// Every field is an `Option`: absent means unchanged. For a set-once or identifying
    /// field a plain value would send it on every update, which its rule forbids.
    fn check_optional(&self, own: &Field<'_>, f: &SpecField, errors: &mut Errors) -> bool {
        let expected = f.ty.as_ref().map_or_else(|| "_".to_owned(), |t| expected(t, f.sensitive));
        // A clearable field is three-state: absent, cleared, set.
        if f.clear.is_some() {
            if patch_inner(own.ty).is_some() {
                return true;
            }
            errors.spanned(
                own.ty,
                format!(
                    "`{}` may be cleared ({}): it must be `mutaspec_runtime::Patch<{expected}>` (absent, cleared or set)",
                    f.wire,
                    self.at(f)
                ),
            );
            return false;
        }
        if option_inner(own.ty).is_some() {
            return true;
        }
        let message = match f.rule {
            UpdateRule::SetOnce | UpdateRule::Identifying => format!(
                "`{}` is {} ({}); a plain `{}` would be sent with every update: it must be `Option<{expected}>`",
                f.wire,
                f.rule.describe(&|s| format!("`{s}`")),
                self.at(f),
                type_text(own.ty)
            ),
            _ => format!(
                "`{}` must be `Option<{expected}>`: every field of an update is optional, absent means unchanged",
                f.wire
            ),
        };
        errors.spanned(own.ty, message);
        false
    }

    /// `Option<T>` where `T` is the spec's type, compared by name: the scalars, `Vec`,
    /// `BTreeMap<String, _>`, `Sensitive<_>` around the values of a sensitive field, and
    /// named types by their last path segment (the emitted code then checks the path).
    fn check_type(&self, own: &Field<'_>, f: &SpecField, errors: &mut Errors) {
        let own_inner = if f.clear.is_some() {
            patch_inner(own.ty)
        } else {
            option_inner(own.ty)
        };
        let (Some(inner), Some(ty)) = (own_inner, f.ty.as_ref()) else {
            return;
        };
        // A map whose entries `null` deletes holds options: the emitted view checks it.
        if f.clear_entries {
            return;
        }
        if compatible(inner, ty, f.sensitive) {
            return;
        }
        let sensitive = if f.sensitive { "a sensitive " } else { "" };
        errors.spanned(
            own.ty,
            format!(
                "`{}` is {sensitive}`{}` in the spec ({}): expected `Option<{}>`, found `{}`",
                f.wire,
                ty.spec_text(),
                self.at(f),
                expected(ty, f.sensitive),
                type_text(own.ty)
            ),
        );
    }

    /// A body field required in every update must be a field of the struct: without it
    /// every value of the struct would be refused.
    fn check_required(&self, input: &Input<'_>, matched: &[(&Field<'_>, &SpecField)], errors: &mut Errors) {
        let required = self
            .ep
            .body
            .fields
            .iter()
            .filter(|f| f.sendable() && f.constraints.iter().any(|c| c.kind == ConstraintKind::Required));
        for f in required {
            if !matched.iter().any(|(_, g)| g.wire == f.wire) {
                errors.spanned(
                    &input.input.ident,
                    format!(
                        "`{}` is required in every update ({}), and the struct has no field for it\n  = hint: add a field for `{}`",
                        f.wire,
                        self.at(f),
                        f.wire
                    ),
                );
            }
        }
    }

    /// A conditional field is sent only with its discriminator: the struct must have it.
    fn check_discriminators(&self, matched: &[(&Field<'_>, &SpecField)], errors: &mut Errors) {
        for (own, f) in matched {
            let UpdateRule::Conditional { discriminator, value } = &f.rule else {
                continue;
            };
            if !matched.iter().any(|(_, g)| g.wire == *discriminator) {
                errors.spanned(
                    own.ident,
                    format!(
                        "`{}` may be sent only with `{discriminator}` set to `{value}` ({}), and the struct has no field for `{discriminator}`\n  = hint: add a field for `{discriminator}`",
                        f.wire,
                        self.at(f)
                    ),
                );
            }
        }
    }
}

/// Two fields of the struct cannot map onto one wire name.
fn check_duplicates(matched: &[(&Field<'_>, &SpecField)], errors: &mut Errors) {
    for (i, (own, f)) in matched.iter().enumerate() {
        if let Some((first, _)) = matched[..i].iter().find(|(_, g)| g.wire == f.wire) {
            errors.spanned(
                own.ident,
                format!(
                    "`{}` and `{}` both map onto `{}`: a wire field can appear once",
                    first.ident, own.ident, f.wire
                ),
            );
        }
    }
}

/// `T` of `Patch<T>` (`mutaspec_runtime::Patch<T>`).
fn patch_inner(ty: &Type) -> Option<&Type> {
    generic_args(ty, "Patch").and_then(|a| match a.as_slice() {
        [t] => Some(*t),
        _ => None,
    })
}

/// `T` of `Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    generic_args(ty, "Option").and_then(|a| match a.as_slice() {
        [t] => Some(*t),
        _ => None,
    })
}

/// The type arguments of `ty` when its last path segment is `name`.
fn generic_args<'t>(ty: &'t Type, name: &str) -> Option<Vec<&'t Type>> {
    let seg = last_segment(ty)?;
    if seg.ident != name {
        return None;
    }
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => Some(
            a.args
                .iter()
                .filter_map(|g| match g {
                    GenericArgument::Type(t) => Some(t),
                    _ => None,
                })
                .collect(),
        ),
        PathArguments::None | PathArguments::Parenthesized(_) => Some(Vec::new()),
    }
}

fn last_segment(ty: &Type) -> Option<&syn3::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

/// Whether the Rust type `ty` carries the spec type `spec`.
fn compatible(ty: &Type, spec: &Ty, sensitive: bool) -> bool {
    let one = |name: &str| generic_args(ty, name).and_then(|a| (a.len() == 1).then(|| a[0]));
    match spec {
        Ty::List(i) => one("Vec").is_some_and(|t| compatible(t, i, sensitive)),
        Ty::Map(i) => generic_args(ty, "BTreeMap")
            .is_some_and(|a| a.len() == 2 && generic_args(a[0], "String").is_some_and(|k| k.is_empty()) && compatible(a[1], i, sensitive)),
        _ if sensitive => one("Sensitive").is_some_and(|t| compatible(t, spec, false)),
        Ty::OrId(n) => one("OrId").is_some_and(|t| compatible(t, &Ty::Named(n.clone()), false)),
        _ => {
            let name = match spec {
                Ty::String => "String",
                Ty::Integer => "i64",
                Ty::Unsigned => "u64",
                Ty::Number => "f64",
                Ty::Boolean => "bool",
                Ty::Decimal => "Decimal",
                Ty::Date => "Date",
                Ty::DateTime => "DateTime",
                Ty::Named(n) => n.as_str(),
                Ty::Tagged(t) => t.name.as_str(),
                Ty::Json => "Value",
                Ty::List(_) | Ty::Map(_) | Ty::OrId(_) => return false,
            };
            generic_args(ty, name).is_some_and(|a| a.is_empty())
        }
    }
}

/// The Rust type a field of spec type `ty` has, as a user would write it.
fn expected(ty: &Ty, sensitive: bool) -> String {
    match ty {
        Ty::List(i) => format!("Vec<{}>", expected(i, sensitive)),
        Ty::Map(i) => format!("BTreeMap<String, {}>", expected(i, sensitive)),
        _ if sensitive => format!("Sensitive<{}>", expected(ty, false)),
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Unsigned => "u64".into(),
        Ty::Number => "f64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Decimal => "Decimal".into(),
        Ty::Date => "Date".into(),
        Ty::DateTime => "DateTime".into(),
        Ty::Named(n) => n.clone(),
        Ty::Json => "serde_json::Value".into(),
        Ty::OrId(n) => format!("OrId<{n}>"),
        Ty::Tagged(t) => t.name.clone(),
    }
}

/// A type as written, without the spaces token printing adds.
fn type_text(ty: &Type) -> String {
    let text = ty.to_token_stream().to_string();
    text.replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}
