//! Type expressions: `string`, `Address`, `Address[]`, `map<string>`.

use std::collections::BTreeSet;

use super::{At, MAX_TYPE_DEPTH};
use crate::diag::Diagnostics;
use crate::model::Ty;

/// Built-in type names.
pub(crate) const PRIMITIVES: [&str; 9] = [
    "string", "integer", "unsigned", "number", "boolean", "decimal", "date", "datetime", "json",
];

/// The type names a type expression may refer to.
pub(super) struct Scope<'a> {
    /// Names of the API's shared types.
    pub shared: &'a BTreeSet<String>,
    /// Names of the endpoint's local types (and inline ones), if inside an endpoint.
    pub local: Option<&'a BTreeSet<String>>,
}

impl Scope<'_> {
    pub(super) fn contains(&self, name: &str) -> bool {
        self.shared.contains(name) || self.local.is_some_and(|l| l.contains(name))
    }

    pub(super) fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.shared
            .iter()
            .chain(self.local.into_iter().flatten())
            .map(String::as_str)
            .chain(PRIMITIVES)
    }
}

/// Parses a type expression; reports and returns `None` when it is not one.
///
/// The `[]` and `map<...>` layers are peeled in a loop and counted, and an expression
/// deeper than [`MAX_TYPE_DEPTH`] is refused before anything recurses on it.
pub(super) fn parse(text: &str, scope: &Scope<'_>, at: &At<'_>, diags: &mut Diagnostics) -> Option<Ty> {
    if text.contains('|') {
        return union(text, scope, at, diags);
    }
    let mut t = text.trim();
    let mut layers = Vec::new();
    loop {
        if let Some(inner) = t.strip_suffix("[]") {
            layers.push(true);
            t = inner.trim();
        } else if let Some(inner) = t.strip_prefix("map<").and_then(|r| r.strip_suffix('>')) {
            layers.push(false);
            t = inner.trim();
        } else {
            break;
        }
        if layers.len() > MAX_TYPE_DEPTH {
            diags.error(
                "too-deep-type",
                at.value(),
                format!("this type expression nests more than {MAX_TYPE_DEPTH} arrays and maps"),
                super::fields::DEPTH_HINT,
            );
            return None;
        }
    }
    let base = base(t, scope, at, diags)?;
    Some(layers.into_iter().rev().fold(base, |inner, list| {
        if list {
            Ty::List(Box::new(inner))
        } else {
            Ty::Map(Box::new(inner))
        }
    }))
}

/// A type expression without `[]` and `map<...>`: a built-in or a declared type name.
fn base(t: &str, scope: &Scope<'_>, at: &At<'_>, diags: &mut Diagnostics) -> Option<Ty> {
    let ty = match t {
        "string" => Ty::String,
        "integer" => Ty::Integer,
        "unsigned" => Ty::Unsigned,
        "number" => Ty::Number,
        "boolean" => Ty::Boolean,
        "decimal" => Ty::Decimal,
        "date" => Ty::Date,
        "datetime" => Ty::DateTime,
        "json" => Ty::Json,
        "object" | "enum" => {
            let what = if t == "object" { "fields:" } else { "values:" };
            diags.error(
                "bad-type",
                at.value(),
                format!("`{t}` needs an inline definition"),
                format!("add `{what}` to this field, or name a type under `types:`"),
            );
            return None;
        }
        name if scope.contains(name) => Ty::Named(name.to_owned()),
        name => {
            let hint = match crate::diag::suggest(name, scope.names()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "use a built-in type (string, integer, number, boolean, decimal, date, datetime), `T[]`, `map<T>`, or a type declared under `types:`".to_owned(),
            };
            diags.error("unknown-type", at.value(), format!("unknown type `{name}`"), hint);
            return None;
        }
    };
    Some(ty)
}

/// The hint of a union form mutaspec does not take.
const UNION_HINT: &str = "a union is `Object | string` (an object type or its string id); an object whose shape \
                          depends on a discriminator beside it is a `union: { tag: <sibling>, variants: {...} }`";

/// A union type expression (`Customer | string`): an object type and its string id, in
/// either order. Other unions are refused: the value-or-sentinel `T | ""` is a clearing
/// rule, not a type, and two scalars or two objects have no form both back ends read alike.
fn union(text: &str, scope: &Scope<'_>, at: &At<'_>, diags: &mut Diagnostics) -> Option<Ty> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let mut error = |message: String, hint: &str| {
        diags.error("bad-union", at.value(), message, hint);
        None
    };
    if parts.iter().any(|p| p.starts_with('"') || p.starts_with('\'') || p.is_empty()) {
        return error(
            format!(
                "`{}` is not a union of types: a value or a sentinel is a clearing rule",
                text.trim()
            ),
            "write the type alone and say how the field is cleared (`clear: \"\"`)",
        );
    }
    if parts.len() != 2 {
        return error(format!("`{}` unites {} types", text.trim(), parts.len()), UNION_HINT);
    }
    let object = match (parts[0], parts[1]) {
        ("string", "string") => return error(format!("`{}` unites `string` with itself", text.trim()), UNION_HINT),
        ("string", other) | (other, "string") => other,
        _ => return error(format!("`{}` is not an object or its string id", text.trim()), UNION_HINT),
    };
    if PRIMITIVES.contains(&object) || object.contains('[') || object.contains('<') || !scope.contains(object) {
        let hint = if scope.contains(object) || PRIMITIVES.contains(&object) || object.contains('[') || object.contains('<') {
            UNION_HINT.to_owned()
        } else {
            match crate::diag::suggest(object, scope.names()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("declare `{object}` under `types:`; {UNION_HINT}"),
            }
        };
        diags.error(
            "bad-union",
            at.value(),
            format!("`{}`: `{object}` is not a declared object type", text.trim()),
            hint,
        );
        return None;
    }
    Some(Ty::OrId(object.to_owned()))
}
