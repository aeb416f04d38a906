//! Validators: the plan (`crate::plan`) as Rust.
//!
//! Each request-side object type gets `validate_into(path, settings, out)` and
//! `is_valid_with(settings)`; the request gets `validate()` (the request alone),
//! `validate_with(current, settings)` (all three layers), `is_valid_with(current,
//! settings)` and a `<Prefix>Current` snapshot type.
//!
//! Every check is emitted twice from the same plan, in two [`Mode`]s: a predicate that
//! stops at the first failure and touches neither a path nor an output, and the
//! collecting pass that records every violation with its path. `validate_with` runs the
//! predicate and, only when it fails, the collecting pass: a valid request pays for its
//! checks alone. Paths are stack-linked and messages are literals, so even the
//! collecting pass allocates only for the violations it records.
//!
//! Every enum of the plan is matched exhaustively here, with no wildcard arm: a check
//! kind or a condition the plan gains is a compile error until it is emitted.
#![deny(clippy::wildcard_enum_match_arm)]

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, lit, tys};
use crate::model::{Endpoint, Format, Ty};
use crate::plan::{
    Bound, Check, Cleared, Count, EndpointPlan, Equality, Exposure, FieldCheck, FieldIs, FieldPlan, GroupCheck, Guard, Layer, MemberPath,
    ObjectPlan, Presence, Rule, SettingIs, Shape, StateIs, StateTest, Unset, ValueCheck, VersionIs,
};

/// Where the API's shared items live, seen from the module being emitted, and how the
/// emitted code names the fields of `self`.
pub(crate) struct Scope {
    /// `ProgramSettings`, or `super::ProgramSettings`.
    pub settings: TokenStream,
    /// `SideEffect`, or `super::SideEffect`, when the API has effects.
    pub effects: Option<TokenStream>,
    /// For a consumer's struct deriving `Update`, which names its fields as it likes: an
    /// expression giving a view of `self` whose fields have the spec's Rust names and
    /// types (bound to `__own` before the checks). `None`: `self` has the spec's fields.
    pub view: Option<TokenStream>,
}

impl Scope {
    /// A scope whose `self` fields have the spec's Rust names.
    pub fn new(settings: TokenStream, effects: Option<TokenStream>) -> Self {
        Scope {
            settings,
            effects,
            view: None,
        }
    }

    /// The request's field `rust` (a spec Rust name): `self.x`, or `__own.x`.
    fn field(&self, rust: &str) -> TokenStream {
        let n = ident(rust);
        match self.view {
            None => quote! { self.#n },
            Some(_) => quote! { __own.#n },
        }
    }

    /// The generated `ApiVersion` enum, beside `ProgramSettings` wherever that is.
    fn version_type(&self) -> TokenStream {
        let text = self.settings.to_string();
        let path = match text.rsplit_once("ProgramSettings") {
            Some((head, _)) => format!("{head}ApiVersion"),
            None => "ApiVersion".to_owned(),
        };
        path.parse().unwrap_or_else(|_| quote! { ApiVersion })
    }

    /// Whether the chosen version (the settings', else the latest) lies outside
    /// `since..until`.
    fn outside(&self, since: Option<&VersionIs>, until: Option<&VersionIs>) -> TokenStream {
        let t = self.version_type();
        let mut conds = Vec::new();
        if let Some(s) = since {
            let v = format_ident!("{}", s.rust);
            conds.push(quote! { #t::chosen(settings) < #t::#v });
        }
        if let Some(u) = until {
            let v = format_ident!("{}", u.rust);
            conds.push(quote! { #t::chosen(settings) >= #t::#v });
        }
        if conds.is_empty() {
            return quote! { false };
        }
        quote! { #(#conds)||* }
    }

    /// Binds the view, where there is one.
    fn prelude(&self) -> TokenStream {
        self.view.as_ref().map_or_else(TokenStream::new, |v| quote! { let __own = #v; })
    }
}

/// What an emitted check does when it fails.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `out.record(path, ...)`, then go on with the next check.
    Collect,
    /// `return false`: no path is built and nothing is recorded.
    Predicate,
}

/// `validate_into`, `is_valid_with` (and side effects) for an object type; for one whose
/// checks read the current resource, its snapshot type and `validate_current_into`,
/// `is_valid_current` too.
pub(crate) fn object(plan: &ObjectPlan, scope: &Scope) -> TokenStream {
    let name = ident(&plan.name);
    let settings = &scope.settings;
    let body = fields(plan, scope, Mode::Collect);
    let test = fields(plan, scope, Mode::Predicate);
    let effects = effects_fn(plan, scope, None);
    let ignored = ignored_into(plan, scope);
    if !plan.current.is_empty() {
        return object_with_current(plan, scope, body, test, effects, ignored);
    }
    quote! {
        impl #name {
            #ignored
            /// Checks this object's fields, appending every violation under `path`.
            /// `settings: None` skips the checks that depend on the program's settings.
            #[inline]
            pub fn validate_into(&self, path: &mutaspec_runtime::Path<'_>, settings: Option<&#settings>, out: &mut mutaspec_runtime::Violations) {
                let _ = (path, settings, &out);
                #body
            }
            /// Whether [`Self::validate_into`] would record nothing: the same checks,
            /// stopping at the first failure.
            #[inline]
            #[must_use]
            pub fn is_valid_with(&self, settings: Option<&#settings>) -> bool {
                let _ = settings;
                #test
                true
            }
            #effects
        }
    }
}

/// [`object`] for an object type whose checks read the current resource: `body`, `test`
/// read `current`, the object's snapshot.
fn object_with_current(
    plan: &ObjectPlan,
    scope: &Scope,
    body: TokenStream,
    test: TokenStream,
    effects: TokenStream,
    ignored: Option<TokenStream>,
) -> TokenStream {
    let name = ident(&plan.name);
    let settings = &scope.settings;
    let snapshot_name = crate::model::snapshot_name(&plan.name);
    let current = ident(&snapshot_name);
    let doc = format!(
        " What the checks of [`{}`] read of the current resource: the set-once, identifying, discriminator, transition, pattern and state fields it holds, and the snapshots of the objects inside it whose rules read it. Deserializing refuses unknown members.",
        plan.name
    );
    let snapshot = snapshot_struct(&snapshot_name, &doc, &plan.current);
    quote! {
        #snapshot
        impl #name {
            #ignored
            /// Checks this object's fields, appending every violation under `path`.
            /// `settings: None` skips the checks that depend on the program's settings;
            /// the checks against the current resource do not run.
            #[inline]
            pub fn validate_into(&self, path: &mutaspec_runtime::Path<'_>, settings: Option<&#settings>, out: &mut mutaspec_runtime::Violations) {
                self.validate_current_into(path, None, settings, out);
            }
            /// [`Self::validate_into`], plus the checks against the current resource's
            /// value of this object when `current` is given.
            #[inline]
            pub fn validate_current_into(&self, path: &mutaspec_runtime::Path<'_>, current: Option<&#current>, settings: Option<&#settings>, out: &mut mutaspec_runtime::Violations) {
                let _ = (path, current, settings, &out);
                #body
            }
            /// Whether [`Self::validate_into`] would record nothing: the same checks,
            /// stopping at the first failure.
            #[inline]
            #[must_use]
            pub fn is_valid_with(&self, settings: Option<&#settings>) -> bool {
                self.is_valid_current(None, settings)
            }
            /// Whether [`Self::validate_current_into`] would record nothing.
            #[inline]
            #[must_use]
            pub fn is_valid_current(&self, current: Option<&#current>, settings: Option<&#settings>) -> bool {
                let _ = (current, settings);
                #test
                true
            }
            #effects
        }
    }
}

/// The request's validators and its current-resource snapshot.
pub(crate) fn request(ep: &Endpoint, plan: &EndpointPlan, scope: &Scope) -> TokenStream {
    let name = ident(&ep.request_name());
    let current = ident(&ep.current_name());
    let snapshot = current_snapshot(ep, plan);
    let methods = request_impl(&quote! { #name }, &quote! { #current }, &plan.root, scope);
    let ignored = ignored_fields_impl(&quote! { #name }, &plan.root, scope);
    quote! {
        #snapshot
        #methods
        #ignored
    }
}

/// `ignored_fields()` (and `ignored_into`) of a request type, or of a consumer's struct
/// deriving `Update` (`head` as for [`request_impl`]), when some field of `root` is
/// ignored at some depth.
pub(crate) fn ignored_fields_impl(head: &TokenStream, root: &ObjectPlan, scope: &Scope) -> Option<TokenStream> {
    ignored_into(root, scope).map(|into| {
        quote! {
            impl #head {
                /// The JSON path of every field this request sends that the provider
                /// accepts and silently ignores (`rule: ignored`), in field order: sending
                /// them has no effect. The validators never refuse them.
                #[must_use]
                pub fn ignored_fields(&self) -> Vec<String> {
                    let mut out = Vec::new();
                    self.ignored_into(&mutaspec_runtime::Path::root(), &mut out);
                    out
                }
                #into
            }
        }
    })
}

/// `<Prefix>Current`: what the checks against the current resource read.
fn current_snapshot(ep: &Endpoint, plan: &EndpointPlan) -> TokenStream {
    let current_doc = format!(
        " What the checks against the current resource need to know of it (set-once, identifying, discriminator, transition and state fields of [`{}`], the snapshots of the objects inside it whose rules read it, and the endpoint's `current:` fields). Deserializing refuses unknown members.",
        ep.request_name()
    );
    snapshot_struct(&ep.current_name(), &current_doc, &plan.current)
}

/// A snapshot struct named `name` holding `fields`: each a whole value, or a nested
/// object's snapshot (boxed: a type may hold itself).
fn snapshot_struct(name: &str, doc: &str, fields: &[crate::plan::CurrentField]) -> TokenStream {
    let current = ident(name);
    let mut wire_fields = Vec::new();
    let snapshot_fields = fields.iter().map(|c| {
        let (wire, rust) = (&c.wire, &c.rust);
        let nested = c.nested.as_deref().map(|n| Ty::Named(crate::model::snapshot_name(n)));
        let ty = nested.as_ref().unwrap_or(&c.ty);
        let n = ident(rust);
        // The snapshot holds the resource's values: sensitive ones stay wrapped.
        let sensitive = c.sensitive;
        let t = match (&nested, &c.ty) {
            (Some(Ty::Named(s)), Ty::List(_)) => {
                let s = ident(s);
                quote! { Vec<#s> }
            }
            (Some(Ty::Named(s)), Ty::Map(_)) => {
                let s = ident(s);
                quote! { std::collections::BTreeMap<String, #s> }
            }
            (Some(Ty::Named(s)), _) => {
                let s = ident(s);
                if sensitive {
                    quote! { mutaspec_runtime::Sensitive<Box<#s>> }
                } else {
                    quote! { Box<#s> }
                }
            }
            _ => tys::rust(ty, sensitive),
        };
        let ty = &match (&nested, &c.ty) {
            (Some(n), Ty::List(_)) => Ty::List(Box::new(n.clone())),
            (Some(n), Ty::Map(_)) => Ty::Map(Box::new(n.clone())),
            _ => ty.clone(),
        };
        wire_fields.push(super::wire::WireField {
            rust: rust.clone(),
            wire: wire.clone(),
            aliases: c.aliases.clone(),
            clear: None,
            ty: Some(ty.clone()),
            rust_ty: quote! { Option<#t> },
            default: None,
            allow: super::tys::allow_complex(ty, sensitive),
        });
        let plain = rust.trim_start_matches("r#");
        let rename = (plain != wire).then(|| {
            let w = lit(wire);
            quote! { rename = #w, }
        });
        let doc = super::docs::attr(&format!("The resource's current {}.", super::docs::code(wire)));
        let allow = super::tys::allow_complex(ty, sensitive);
        quote! {
            #doc
            #[serde(#rename skip_serializing_if = "Option::is_none")]
            #allow
            pub #n: Option<#t>,
        }
    });
    let snapshot_fields: Vec<TokenStream> = snapshot_fields.collect();
    let current_doc = lit(doc);
    let deserialize = super::wire::deserialize(name, &wire_fields, &[], true);
    quote! {
        #[doc = #current_doc]
        #[derive(Clone, Debug, Default, PartialEq, mutaspec_runtime::serde::Serialize)]
        #[serde(crate = "mutaspec_runtime::serde")]
        pub struct #current {
            #(#snapshot_fields)*
        }
        #deserialize
    }
}

/// `validate`, `validate_with`, `validate_into` (and side effects) of a request type:
/// `head` is what follows `impl` (the type, with generics for a consumer's struct),
/// `current` the path of the current-resource snapshot, `root` the fields `self` has.
pub(crate) fn request_impl(head: &TokenStream, current: &TokenStream, root: &ObjectPlan, scope: &Scope) -> TokenStream {
    let settings = &scope.settings;
    let body = fields(root, scope, Mode::Collect);
    let test = fields(root, scope, Mode::Predicate);
    let effects = effects_fn(root, scope, Some(current));
    let unchecked = unchecked_fn(root, scope, current);
    let prelude = scope.prelude();
    quote! {
        impl #head {
            /// Checks the request alone: formats, enums, lengths, patterns, required
            /// sub-fields, one item per type, and conditional objects against the
            /// discriminator sent. Returns every violation at once.
            ///
            /// # Errors
            /// The violations, in a fixed order, each with its JSON path and code.
            pub fn validate(&self) -> Result<(), mutaspec_runtime::Violations> {
                self.validate_with(None, None)
            }

            /// [`Self::validate`], plus the checks against the current resource (set-once,
            /// identifying, conditional objects) when `current` is given, and against the
            /// program's settings (locked fields, settings-switched constraints) when
            /// `settings` is given.
            ///
            /// # Errors
            /// The violations, in a fixed order, each with its JSON path and code.
            #[inline]
            pub fn validate_with(&self, current: Option<&#current>, settings: Option<&#settings>) -> Result<(), mutaspec_runtime::Violations> {
                if self.is_valid_with(current, settings) {
                    return Ok(());
                }
                self.violations(current, settings).into_result()
            }

            /// Whether [`Self::validate_with`] would return `Ok(())`: the same checks,
            /// stopping at the first failure, building no path and allocating nothing.
            #[inline]
            #[must_use]
            pub fn is_valid_with(&self, current: Option<&#current>, settings: Option<&#settings>) -> bool {
                let _ = (current, settings);
                #prelude
                #test
                true
            }

            /// Every violation, in order (the collecting pass behind [`Self::validate_with`]).
            #[cold]
            #[inline(never)]
            fn violations(&self, current: Option<&#current>, settings: Option<&#settings>) -> mutaspec_runtime::Violations {
                let mut out = mutaspec_runtime::Violations::new();
                self.validate_into(&mutaspec_runtime::Path::root(), current, settings, &mut out);
                out
            }

            /// Appends every violation under `path`.
            #[inline]
            pub fn validate_into(&self, path: &mutaspec_runtime::Path<'_>, current: Option<&#current>, settings: Option<&#settings>, out: &mut mutaspec_runtime::Violations) {
                let _ = (path, current, settings, &out);
                #prelude
                #body
            }

            #effects

            #unchecked
        }
    }
}

/// `unchecked(current, settings)`: the checks of the request's fields that read a field
/// of the current resource the snapshot does not have (or all of them without one).
fn unchecked_fn(root: &ObjectPlan, scope: &Scope, current: &TokenStream) -> TokenStream {
    let settings = &scope.settings;
    let prelude = scope.prelude();
    let blocks: Vec<TokenStream> = root
        .fields
        .iter()
        .flat_map(|f| {
            let n = scope.field(&f.rust);
            let wire = lit(&f.wire);
            f.unknowable.iter().map(move |u| {
                let presence = match (u.absent, f.clear.is_some()) {
                    (false, _) => quote! { #n.as_ref().is_some() },
                    (true, true) => quote! { #n.is_absent() },
                    (true, false) => quote! { #n.is_none() },
                };
                let r = ident(&u.rust);
                let reads = lit(&u.wire);
                let rule = rule_path(u.rule);
                // No state condition known not to hold, and the field it reads unknown.
                let unbroken = u.guard.state.iter().map(state_unbroken);
                let own = quote! { #presence #(&& #unbroken)* && current.and_then(|c| c.#r.as_ref()).is_none() };
                let guard = Guard {
                    state: Vec::new(),
                    ..u.guard.clone()
                };
                let body = quote! { out.push(mutaspec_runtime::Unchecked { path: #wire.to_owned(), rule: #rule, reads: #reads }); };
                guarded(&guard, Some(own), body, scope)
            })
        })
        .collect();
    let body = if blocks.is_empty() {
        quote! { Vec::new() }
    } else {
        quote! {
            let mut out = Vec::new();
            #(#blocks)*
            out
        }
    };
    quote! {
        /// The checks of this request that read a field of the current resource that
        /// `current` does not have (without a snapshot, every such check that applies):
        /// state conditions (`while:`), a `current:` discriminator, transitions. They
        /// were not made, and [`Self::validate_with`] does not refuse the request for
        /// them: pass a snapshot with these fields to have them made.
        #[must_use]
        pub fn unchecked(&self, current: Option<&#current>, settings: Option<&#settings>) -> Vec<mutaspec_runtime::Unchecked> {
            let _ = (current, settings);
            #prelude
            #body
        }
    }
}

/// The side effects methods of an object type, or of the request when `current` (the
/// snapshot's path) is given: only the request's fields have state-conditioned effects.
fn effects_fn(plan: &ObjectPlan, scope: &Scope, current: Option<&TokenStream>) -> TokenStream {
    let Some(effect) = &scope.effects else { return quote! {} };
    let prelude = scope.prelude();
    let pushes = plan.fields.iter().map(|f| {
        let n = scope.field(&f.rust);
        let own = f.effects.iter().map(|e| {
            let v = format_ident!("{}", e);
            let push = quote! { out.push(#effect::#v); };
            // A state-conditioned effect: left out only when the snapshot shows a state
            // where one of its conditions does not hold.
            match f.state_effects.iter().find(|w| w.rust == *e) {
                Some(w) if current.is_some() && !w.state.is_empty() => {
                    let unbroken = w.state.iter().map(state_unbroken);
                    quote! { if #(#unbroken)&&* { #push } }
                }
                Some(_) | None => push,
            }
        });
        let nested = match &f.shape {
            Shape::Map(i) if f.clear_entries => {
                let inner = descend_effects(i, quote! { x }, f.sensitive());
                if inner.is_empty() {
                    inner
                } else {
                    for_each_entry(f, true, None, inner)
                }
            }
            Shape::Map(_) | Shape::List(_) | Shape::Object(_) | Shape::OrId(_) | Shape::Tagged { .. } | Shape::Scalar | Shape::Enum => {
                descend_effects(&f.shape, quote! { v }, f.sensitive())
            }
        };
        // A clearable field's value, when set.
        let n = if f.clear.is_some() {
            quote! { #n.as_ref() }
        } else {
            quote! { &#n }
        };
        quote! {
            if let Some(v) = #n {
                let _ = v;
                #(#own)*
                #nested
            }
        }
    });
    let Some(current) = current else {
        return quote! {
            /// Appends the side effects of the fields this value sends.
            pub fn collect_side_effects(&self, out: &mut Vec<#effect>) {
                let _ = &out;
                #prelude
                #(#pushes)*
            }
        };
    };
    quote! {
        /// The side effects sending this request may trigger (sorted, each once):
        /// ask before sending it. An effect that applies only in some states of the
        /// resource (`while:`) is included, the state being unknown: pass the current
        /// resource to [`Self::side_effects_with`] to leave it out where it does not apply.
        pub fn side_effects(&self) -> Vec<#effect> {
            self.side_effects_in(None)
        }

        /// [`Self::side_effects`] against the current resource: an effect that applies
        /// only in some states is left out when `current` shows a state where it does
        /// not (a snapshot without the field it reads leaves it in).
        pub fn side_effects_with(&self, current: &#current) -> Vec<#effect> {
            self.side_effects_in(Some(current))
        }

        /// Whether sending this request may trigger `effect` ([`Self::side_effects`]).
        pub fn triggers(&self, effect: #effect) -> bool {
            self.side_effects().contains(&effect)
        }

        /// Whether sending this request may trigger `effect` on the resource `current`
        /// ([`Self::side_effects_with`]).
        pub fn triggers_with(&self, current: &#current, effect: #effect) -> bool {
            self.side_effects_with(current).contains(&effect)
        }

        fn side_effects_in(&self, current: Option<&#current>) -> Vec<#effect> {
            let mut out = Vec::new();
            self.collect_side_effects_with(current, &mut out);
            out.sort_unstable();
            out.dedup();
            out
        }

        /// Appends the side effects of the fields this request sends (the state being
        /// unknown).
        pub fn collect_side_effects(&self, out: &mut Vec<#effect>) {
            self.collect_side_effects_with(None, out);
        }

        /// Appends the side effects of the fields this request sends, against the
        /// current resource when given.
        pub fn collect_side_effects_with(&self, current: Option<&#current>, out: &mut Vec<#effect>) {
            let _ = (current, &out);
            #prelude
            #(#pushes)*
        }
    }
}

/// The side effects of the objects inside `v`; `sensitive`: the innermost values are
/// wrapped in `Sensitive` (the effects walk exposes nothing beforehand).
fn descend_effects(shape: &Shape, v: TokenStream, sensitive: bool) -> TokenStream {
    match shape {
        Shape::Object(_) if sensitive => quote! { #v.expose().collect_side_effects(out); },
        Shape::Object(_) => quote! { #v.collect_side_effects(out); },
        Shape::OrId(_) if sensitive => quote! { if let Some(o) = #v.expose().object() { o.collect_side_effects(out); } },
        Shape::OrId(_) => quote! { if let Some(o) = #v.object() { o.collect_side_effects(out); } },
        // A union is never sensitive (`bad-union`): each variant's object has effects.
        Shape::Tagged { name, arms } => {
            let n = ident(name);
            let arms = arms.iter().map(|a| {
                let r = ident(&a.rust);
                quote! { #n::#r(o) => o.collect_side_effects(out), }
            });
            let untagged = ident(crate::model::Tagged::UNTAGGED);
            quote! { match #v { #(#arms)* #n::#untagged(_) => {} } }
        }
        Shape::List(i) | Shape::Map(i) => {
            let inner = descend_effects(i, quote! { x }, sensitive);
            if inner.is_empty() {
                return quote! {};
            }
            for_each_item(matches!(shape, Shape::Map(_)), &v, None, inner)
        }
        Shape::Scalar | Shape::Enum => quote! {},
    }
}

/// The checks of every field, in plan order.
fn fields(plan: &ObjectPlan, scope: &Scope, mode: Mode) -> TokenStream {
    let blocks = plan.fields.iter().map(|f| field(f, scope, mode));
    let groups = plan.groups.iter().map(|c| group(c, scope, mode));
    let each = plan.each_groups.iter().map(|g| each_group(g, scope, mode));
    quote! { #(#blocks)* #(#groups)* #(#each)* }
}

/// A group through an array or a map of objects: over each item's fields, reported at
/// the item's path.
fn each_group(g: &crate::plan::EachGroup, scope: &Scope, mode: Mode) -> TokenStream {
    let container = MemberPath {
        dotted: String::new(),
        steps: g.prefix.clone(),
        ty: crate::model::Ty::Json,
    };
    let Some(items) = member_value(&container, scope) else {
        return quote! {};
    };
    let inner = Scope {
        settings: scope.settings.clone(),
        effects: scope.effects.clone(),
        view: Some(quote! { __item }),
    };
    let check = group(&g.check, &inner, mode);
    // The container's own path, below a sensitive step marked so (its keys redacted).
    let steps = g.prefix.iter().enumerate().map(|(i, st)| {
        let (from, to) = (format_ident!("__p{}", i), format_ident!("__p{}", i + 1));
        let wire = lit(&st.wire);
        let mark = st.sensitive.then(|| quote! { .sensitive() });
        quote! { let #to = #from.key(#wire) #mark; }
    });
    let last = format_ident!("__p{}", g.prefix.len());
    let body = match (mode, g.map) {
        (Mode::Predicate, false) => quote! { for __item in __items.iter() { let __own = __item; #check } },
        (Mode::Predicate, true) => quote! { for __item in __items.values() { let __own = __item; #check } },
        (Mode::Collect, false) => quote! {
            let __p0 = path;
            #(#steps)*
            for (k, __item) in __items.iter().enumerate() {
                let path = &#last.index(k);
                let __own = __item;
                #check
            }
        },
        (Mode::Collect, true) => quote! {
            let __p0 = path;
            #(#steps)*
            for (k, __item) in __items.iter() {
                let path = &#last.entry(k);
                let __own = __item;
                #check
            }
        },
    };
    quote! {
        if let Some(__items) = #items {
            #body
        }
    }
}

/// A condition across fields, reported at the object's path.
fn group(c: &Check<GroupCheck>, scope: &Scope, mode: Mode) -> TokenStream {
    let sent = |m: &MemberPath| member_test(m, scope, None);
    let count = |ms: &[MemberPath]| {
        let each = ms.iter().map(|m| {
            let t = sent(m);
            quote! { usize::from(#t) }
        });
        quote! { let __sent: usize = #(#each)+*; }
    };
    // Counts, not negated conjunctions: clippy's `nonminimal_bool` would rewrite
    // `!(a.is_some())` in the generated code.
    let missing = |ms: &[MemberPath]| {
        let each = ms.iter().map(|m| {
            let t = sent(m);
            quote! { usize::from(#t) }
        });
        let n = ms.len();
        quote! { (#(#each)+*) != #n }
    };
    let (prep, failed) = match &c.kind {
        GroupCheck::RequiredTogether(ms) => {
            let n = ms.len();
            (count(ms), quote! { __sent != 0 && __sent != #n })
        }
        GroupCheck::Conflicts(ms) => (count(ms), quote! { __sent > 1 }),
        GroupCheck::ExactlyOneOf(ms) => (count(ms), quote! { __sent != 1 }),
        GroupCheck::AtLeastOneOf(ms) => (count(ms), quote! { __sent == 0 }),
        GroupCheck::RequiredWith { required, with } => {
            let any = with.iter().map(sent);
            let missing = missing(required);
            (quote! {}, quote! { (#(#any)||*) && #missing })
        }
        GroupCheck::RequiredIf { required, field, values } => {
            let is = member_test(field, scope, Some(values));
            let missing = missing(required);
            (quote! {}, quote! { #is && #missing })
        }
        GroupCheck::Sum { fields, equals } => {
            let vals = fields.iter().map(|m| member_number(m, scope));
            let total = proc_macro2::Literal::f64_suffixed(*equals);
            (quote! {}, quote! { !mutaspec_runtime::checks::sum_equals(&[#(#vals),*], #total) })
        }
        GroupCheck::Ascending { fields, strict } => {
            if fields.iter().any(|m| m.ty == crate::model::Ty::Date) {
                let vals = fields.iter().map(|m| match member_value(m, scope) {
                    Some(v) => quote! { #v.map(|x| x.as_str()) },
                    None => quote! { None },
                });
                (
                    quote! {},
                    quote! { !mutaspec_runtime::checks::ascending_dates(&[#(#vals),*], #strict) },
                )
            } else {
                let vals = fields.iter().map(|m| member_number(m, scope));
                (quote! {}, quote! { !mutaspec_runtime::checks::ascending(&[#(#vals),*], #strict) })
            }
        }
    };
    let rec = record(c, quote! { path }, mode);
    quote! {
        {
            #prep
            if #failed { #rec }
        }
    }
}

/// A group member's value as `Option<&T>` (`None`: a field the validated struct does
/// not have): `self.a.as_ref().and_then(|x| x.b.as_ref())`, exposing sensitive steps.
fn member_value(m: &MemberPath, scope: &Scope) -> Option<TokenStream> {
    let (first, rest) = m.steps.split_first()?;
    let f = scope.field(&first.rust);
    let mut out = quote! { #f.as_ref() };
    let mut sensitive = first.sensitive;
    for s in rest {
        let n = ident(&s.rust);
        let x = if sensitive {
            quote! { x.expose() }
        } else {
            quote! { x }
        };
        out = quote! { #out.and_then(|x| #x.#n.as_ref()) };
        sensitive = s.sensitive;
    }
    if sensitive {
        out = quote! { #out.map(|x| x.expose()) };
    }
    Some(out)
}

/// A number member's value as `Option<f64>`.
fn member_number(m: &MemberPath, scope: &Scope) -> TokenStream {
    match (member_value(m, scope), &m.ty) {
        (None, _) => quote! { None },
        (Some(v), crate::model::Ty::Number) => quote! { #v.copied() },
        (Some(v), _) => quote! { #v.map(|x| *x as f64) },
    }
}

/// Whether a group member is sent (`values: None`), or sent with one of `values`
/// (compared as text): `self.a.as_ref().is_some_and(|x| x.b.is_some())`.
fn member_test(m: &MemberPath, scope: &Scope, values: Option<&[String]>) -> TokenStream {
    let Some((first, rest)) = m.steps.split_first() else {
        // A field the validated struct does not have: never sent.
        return quote! { false };
    };
    fn inner(steps: &[crate::plan::Step], at: TokenStream, sensitive: bool, values: Option<&[String]>) -> TokenStream {
        let x = if sensitive {
            quote! { x.expose() }
        } else {
            quote! { x }
        };
        match steps.split_first() {
            None => match values {
                None => quote! { #at.is_some() },
                Some(vs) => {
                    let vs = vs.iter().map(|v| lit(v));
                    quote! { #at.as_ref().is_some_and(|x| matches!(#x.as_str(), #(#vs)|*)) }
                }
            },
            Some((next, rest)) => {
                let n = ident(&next.rust);
                let deeper = inner(rest, quote! { #x.#n }, next.sensitive, values);
                quote! { #at.as_ref().is_some_and(|x| #deeper) }
            }
        }
    }
    inner(rest, scope.field(&first.rust), first.sensitive, values)
}

fn field(f: &FieldPlan, scope: &Scope, mode: Mode) -> TokenStream {
    let wire = lit(&f.wire);
    let n = scope.field(&f.rust);
    let required: Vec<TokenStream> = f
        .required
        .iter()
        .map(|c| match c.kind {
            Presence::Required => guarded(&c.guard, None, record(c, quote! { &p }, mode), scope),
        })
        .collect();
    // A sensitive value is exposed once, here when it is not a container; a container's
    // items stay wrapped and each check on them exposes the item.
    let present: Vec<TokenStream> = f
        .checks
        .iter()
        .map(|c| {
            let (own, body) = field_check(f, c, quote! { v }, scope, mode);
            guarded(&c.guard, own, body, scope)
        })
        .collect();
    let cleared: Vec<TokenStream> = f
        .cleared
        .iter()
        .map(|c| {
            let (own, body) = cleared_check(f, c, mode);
            guarded(&c.guard, own, body, scope)
        })
        .collect();
    let keys = key_loop(f, scope, mode);
    let items = item_loop(f, scope, mode);
    let descend = match (&f.shape, f.descend) {
        (_, false) => quote! {},
        (_, true) if f.nested_current => descend_current(f, mode),
        // A deleted entry has no object to descend into.
        (Shape::Map(i), true) if f.clear_entries => {
            let inner = descend(i, quote! { x }, quote! { q }, f.exposure == Exposure::Items, mode);
            let at = (mode == Mode::Collect).then(|| (quote! { q }, quote! { p }));
            for_each_entry(f, true, at, inner)
        }
        (Shape::Map(_) | Shape::List(_) | Shape::Object(_) | Shape::OrId(_) | Shape::Tagged { .. } | Shape::Scalar | Shape::Enum, true) => {
            descend(&f.shape, quote! { v }, quote! { p }, f.exposure == Exposure::Items, mode)
        }
    };
    if required.is_empty() && cleared.is_empty() && present.is_empty() && keys.is_empty() && items.is_empty() && descend.is_empty() {
        return quote! {};
    }
    let expose = match f.exposure {
        Exposure::Value => Some(quote! { let v = v.expose(); }),
        Exposure::Plain | Exposure::Items => None,
    };
    // Below a sensitive field no map key reaches a path: `byName[<redacted>].kind`.
    let mark = f.redact_keys.then(|| quote! { .sensitive() });
    let here = (mode == Mode::Collect).then(|| quote! { let p = path.key(#wire) #mark; });
    if f.clear.is_some() {
        // A clearable field: absent, cleared or set.
        return quote! {
            {
                #here
                match &#n {
                    mutaspec_runtime::Patch::Absent => { #(#required)* }
                    mutaspec_runtime::Patch::Clear => { #(#cleared)* }
                    mutaspec_runtime::Patch::Set(v) => {
                        #expose
                        let _ = v;
                        #(#present)*
                        #keys
                        #items
                        #descend
                    }
                }
            }
        };
    }
    quote! {
        {
            #here
            match &#n {
                None => { #(#required)* }
                Some(v) => {
                    #expose
                    let _ = v;
                    #(#present)*
                    #keys
                    #items
                    #descend
                }
            }
        }
    }
}

/// `x.as_ref().is_some_and(|x| x.as_str() == "value")` for a field of `owner` (`self`
/// for a sibling, an item for an item condition), exposing a sensitive one.
fn field_is(owner: TokenStream, c: &FieldIs) -> TokenStream {
    let val = lit(&c.value);
    let x = if c.sensitive {
        quote! { x.expose() }
    } else {
        quote! { x }
    };
    quote! { #owner.as_ref().is_some_and(|x| #x.as_str() == #val) }
}

/// Wraps a check's failure `body` in its guard (layer, then siblings) and its own
/// failure condition `own` (`None`: the body decides by itself).
fn guarded(guard: &Guard, own: Option<TokenStream>, body: TokenStream, scope: &Scope) -> TokenStream {
    let mut conds: Vec<TokenStream> = Vec::new();
    match &guard.layer {
        // The check reads `current` itself and passes without it.
        Layer::Request | Layer::Current => {}
        Layer::Setting(SettingIs { rust, value, .. }) => {
            let s = ident(rust);
            conds.push(if *value {
                quote! { settings.is_some_and(|s| s.#s) }
            } else {
                quote! { settings.is_some_and(|s| !s.#s) }
            });
        }
    }
    for (sib, values) in guard.sibling_groups() {
        match values.as_slice() {
            [_] => conds.push(field_is(scope.field(&sib.rust), sib)),
            _ => {
                let x = if sib.sensitive {
                    quote! { x.expose() }
                } else {
                    quote! { x }
                };
                let owner = scope.field(&sib.rust);
                let vs = values.iter().map(|v| lit(v));
                conds.push(quote! { #owner.as_ref().is_some_and(|x| matches!(#x.as_str(), #(#vs)|*)) });
            }
        }
    }
    for t in &guard.sent {
        let owner = scope.field(&t.rust);
        conds.push(if t.sent {
            quote! { #owner.as_ref().is_some() }
        } else {
            quote! { #owner.as_ref().is_none() }
        });
    }
    for st in &guard.state {
        conds.push(state_holds(st, true));
    }
    conds.extend(own);
    if conds.is_empty() {
        body
    } else {
        quote! { if #(#conds)&&* { #body } }
    }
}

/// Whether the current resource's state is known to satisfy `st` (`holds`), or known to
/// break it (`!holds`): an unknown state (no snapshot, or no such field) is neither.
fn state_holds(st: &StateIs, holds: bool) -> TokenStream {
    let n = ident(&st.rust);
    match &st.test {
        StateTest::Bool(b) => {
            let want = if holds { *b } else { !*b };
            quote! { current.and_then(|c| c.#n) == Some(#want) }
        }
        StateTest::OneOf(values) => {
            let vals = values.iter().map(|v| lit(v));
            let m = quote! { matches!(x.as_str(), #(#vals)|*) };
            let m = if holds {
                m
            } else {
                quote! { !#m }
            };
            quote! { current.and_then(|c| c.#n.as_ref()).is_some_and(|x| #m) }
        }
    }
}

/// That the snapshot does not show a state where condition `st` fails: the state holds,
/// or is unknown (the negation of `state_holds(st, false)`, written the way clippy's
/// `nonminimal_bool` wants it).
fn state_unbroken(st: &StateIs) -> TokenStream {
    let n = ident(&st.rust);
    match &st.test {
        StateTest::Bool(b) => {
            let fails = !*b;
            quote! { current.and_then(|c| c.#n) != Some(#fails) }
        }
        StateTest::OneOf(values) => {
            let vals = values.iter().map(|v| lit(v));
            quote! { current.and_then(|c| c.#n.as_ref()).is_none_or(|x| matches!(x.as_str(), #(#vals)|*)) }
        }
    }
}

/// The runtime's `Rule` variant, as a path.
fn rule_path(rule: Rule) -> TokenStream {
    let v = format_ident!("{}", rule.as_str().to_upper_camel_case());
    quote! { mutaspec_runtime::Rule::#v }
}

/// What a failed check does: records its violation at `path`, or makes the predicate
/// false.
fn record<K>(c: &Check<K>, path: TokenStream, mode: Mode) -> TokenStream {
    if mode == Mode::Predicate {
        return quote! { return false; };
    }
    let rule = rule_path(c.rule);
    let msg = lit(&c.message);
    let code = match c.code {
        Some(code) => quote! { Some(#code) },
        None => quote! { None },
    };
    quote! { out.record(#path, #rule, #msg, #code); }
}

/// A check on a field sent as its clearing value: its own failure condition, and what
/// a failure does.
fn cleared_check(f: &FieldPlan, c: &Check<Cleared>, mode: Mode) -> (Option<TokenStream>, TokenStream) {
    let rec = record(c, quote! { &p }, mode);
    match &c.kind {
        Cleared::SetOnce { unset } => {
            let cur = snapshot_value(f);
            let own = match unset {
                Unset::AbsentOrEmpty => quote! { #cur.is_some_and(|cur| !cur.is_empty()) },
                Unset::Absent => quote! { #cur.is_some() },
            };
            (Some(own), rec)
        }
        Cleared::Identifying | Cleared::Required => (None, rec),
    }
}

/// A check on the field's present value `v` (already exposed when a sensitive scalar):
/// its own failure condition, and what a failure does.
fn field_check(f: &FieldPlan, c: &Check<FieldCheck>, v: TokenStream, scope: &Scope, mode: Mode) -> (Option<TokenStream>, TokenStream) {
    let rec = record(c, quote! { &p }, mode);
    match &c.kind {
        FieldCheck::Value(k) => (Some(value_failed(k, v)), rec),
        FieldCheck::Version { since, until } => (Some(scope.outside(since.as_ref(), until.as_ref())), rec),
        FieldCheck::UnionTag { tag_rust, missing, .. } => {
            let tag = scope.field(tag_rust);
            if *missing {
                return (Some(quote! { #tag.is_none() }), rec);
            }
            let crate::model::Ty::Tagged(t) = &f.ty else { return (None, rec) };
            let (n, untagged) = (ident(&t.name), ident(crate::model::Tagged::UNTAGGED));
            (Some(quote! { #tag.is_some() && matches!(#v, #n::#untagged(_)) }), rec)
        }
        FieldCheck::ValueVersion { value, since, until } => {
            let val = lit(value);
            let outside = scope.outside(since.as_ref(), until.as_ref());
            // `a && (b || c)`: parentheses only around two bounds (`unused_parens`).
            let outside = if since.is_some() && until.is_some() {
                quote! { (#outside) }
            } else {
                outside
            };
            (Some(quote! { #v.as_str() == #val && #outside }), rec)
        }
        FieldCheck::OnId(k) => {
            let failed = value_failed(k, quote! { id });
            (Some(quote! { #v.id().is_some_and(|id| #failed) }), rec)
        }
        FieldCheck::Lock { items, .. } if items.is_empty() => (None, rec),
        FieldCheck::Lock { items, .. } => {
            // The items of a sensitive array are each wrapped.
            let item = match f.exposure {
                Exposure::Items | Exposure::Value => quote! { item.expose() },
                Exposure::Plain => quote! { item },
            };
            let conds: Vec<TokenStream> = items
                .iter()
                .map(|c| {
                    let k = ident(&c.rust);
                    field_is(quote! { #item.#k }, c)
                })
                .collect();
            let body = match mode {
                Mode::Collect => {
                    let rec_item = record(c, quote! { &p.index(i) }, mode);
                    quote! {
                        for (i, item) in #v.iter().enumerate() {
                            if #(#conds)&&* { #rec_item }
                        }
                    }
                }
                Mode::Predicate => quote! {
                    for item in #v.iter() {
                        if #(#conds)&&* { return false; }
                    }
                },
            };
            (None, body)
        }
        FieldCheck::Discriminator(d) => {
            let sib = scope.field(&d.rust);
            let val = lit(&d.value);
            (Some(quote! { #sib.as_ref().is_none_or(|d| d.as_str() != #val) }), rec)
        }
        FieldCheck::CurrentDiscriminator(d) => {
            let n = ident(&d.rust);
            let val = lit(&d.value);
            (
                Some(quote! { current.and_then(|c| c.#n.as_ref()).is_some_and(|d| d.as_str() != #val) }),
                rec,
            )
        }
        FieldCheck::SetOnce { unset, equality } => {
            let cur = snapshot_value(f);
            let changed = differs(*equality, v);
            // No `true &&`: clippy::nonminimal_bool.
            let failed = match unset {
                Unset::AbsentOrEmpty => quote! { !cur.is_empty() && #changed },
                Unset::Absent => changed,
            };
            (Some(quote! { #cur.is_some_and(|cur| #failed) }), rec)
        }
        FieldCheck::Identifying { equality } => {
            let cur = snapshot_value(f);
            let changed = differs(*equality, v);
            (Some(quote! { #cur.is_some_and(|cur| #changed) }), rec)
        }
        FieldCheck::State(st) => (Some(state_holds(st, false)), rec),
        FieldCheck::Transition { from, to } => {
            let cur = snapshot_value(f);
            let from = lit(from);
            let failed = if to.is_empty() {
                quote! { cur.as_str() == #from && #v.as_str() != #from }
            } else {
                let to = to.iter().map(|t| lit(t));
                quote! { cur.as_str() == #from && #v.as_str() != #from && !matches!(#v.as_str(), #(#to)|*) }
            };
            (Some(quote! { #cur.is_some_and(|cur| #failed) }), rec)
        }
        FieldCheck::ProviderOnlySet(p) => {
            let cur = snapshot_value(f);
            let p = lit(p);
            (Some(quote! { #v.as_str() == #p && #cur.is_none_or(|cur| cur.as_str() != #p) }), rec)
        }
        FieldCheck::ProviderOnlyLeave(p) => {
            let cur = snapshot_value(f);
            let p = lit(p);
            (
                Some(quote! { #cur.is_some_and(|cur| cur.as_str() == #p && #v.as_str() != #p) }),
                rec,
            )
        }
        FieldCheck::IncreaseOnly | FieldCheck::DecreaseOnly => {
            let cur = snapshot_value(f);
            let increase = matches!(c.kind, FieldCheck::IncreaseOnly);
            let failed = match (&f.ty, increase) {
                (Ty::Decimal | Ty::Date | Ty::DateTime, true) => quote! { #v.cmp_str(cur.as_str()) == Some(std::cmp::Ordering::Less) },
                (Ty::Decimal | Ty::Date | Ty::DateTime, false) => quote! { #v.cmp_str(cur.as_str()) == Some(std::cmp::Ordering::Greater) },
                (_, true) => quote! { *#v < *cur },
                (_, false) => quote! { *#v > *cur },
            };
            (Some(quote! { #cur.is_some_and(|cur| #failed) }), rec)
        }
        FieldCheck::AppendOnly => {
            let cur = snapshot_value(f);
            (Some(quote! { #cur.is_some_and(|cur| !#v.starts_with(cur)) }), rec)
        }
        FieldCheck::SetOnceKeys { replace } => {
            let cur = snapshot_value(f);
            let changed = if *replace {
                quote! { #v.get(k) != Some(x) }
            } else {
                quote! { #v.get(k).is_some_and(|y| y != x) }
            };
            (Some(quote! { #cur.is_some_and(|cur| cur.iter().any(|(k, x)| #changed)) }), rec)
        }
        FieldCheck::UniqueBy { rust, .. } => {
            let k = ident(rust);
            let rec_item = record(c, quote! { &p.index(i) }, mode);
            // The items of a sensitive array are each wrapped.
            let (a, b) = match f.exposure {
                Exposure::Items | Exposure::Value => (quote! { a.expose() }, quote! { b.expose() }),
                Exposure::Plain => (quote! { a }, quote! { b }),
            };
            let body = quote! {
                for (i, a) in #v.iter().enumerate() {
                    if #a.#k.as_ref().is_some_and(|ka| #v[..i].iter().any(|b| #b.#k.as_ref() == Some(ka))) { #rec_item }
                }
            };
            (None, body)
        }
    }
}

/// The condition under which a check on one value `v` fails.
fn value_failed(kind: &ValueCheck, v: TokenStream) -> TokenStream {
    match kind {
        ValueCheck::ValidDate | ValueCheck::ValidDateTime | ValueCheck::ValidDecimal => quote! { !#v.is_valid() },
        ValueCheck::EnumMember(_) => quote! { !#v.is_known() },
        ValueCheck::Format(fmt) => {
            let f = match fmt {
                Format::Email => quote! { is_email },
                Format::CountryAlpha2 => quote! { is_country_alpha2 },
                Format::CountryAlpha3 => quote! { is_country_alpha3 },
                Format::Uuid => quote! { is_uuid },
                Format::Uri => quote! { is_uri },
                Format::Url => quote! { is_url },
                Format::Ipv4 => quote! { is_ipv4 },
                Format::Ipv6 => quote! { is_ipv6 },
                Format::E164 => quote! { is_e164 },
                Format::Currency => quote! { is_currency },
            };
            quote! { !mutaspec_runtime::checks::#f(#v) }
        }
        ValueCheck::MinLength(n, count) | ValueCheck::MaxLength(n, count) => {
            let len = match count {
                Count::Chars => quote! { mutaspec_runtime::checks::char_len(#v) },
                Count::Items => quote! { #v.len() },
            };
            let n = usize::try_from(*n).unwrap_or(usize::MAX);
            // A comparison of a length with 0 or 1 is clippy's `len_zero` (and `< 0` an
            // absurd comparison): emptiness says it.
            let min = matches!(kind, ValueCheck::MinLength(..));
            match (min, n) {
                (true, 0) => quote! { false },
                (true, 1) => quote! { #v.is_empty() },
                (false, 0) => quote! { !#v.is_empty() },
                (true, _) => quote! { #len < #n },
                (false, _) => quote! { #len > #n },
            }
        }
        ValueCheck::Min(bound) => compare(bound, v, quote! { < }, quote! { Less }),
        ValueCheck::Max(bound) => compare(bound, v, quote! { > }, quote! { Greater }),
        ValueCheck::After(bound) | ValueCheck::Before(bound) => {
            let b = bound_text(bound);
            let ok = if matches!(kind, ValueCheck::After(_)) {
                quote! { Greater }
            } else {
                quote! { Less }
            };
            quote! { #v.cmp_str(#b).is_some_and(|o| o != std::cmp::Ordering::#ok) }
        }
        ValueCheck::Pattern(p) => {
            let p = lit(p);
            quote! { !mutaspec_runtime::pattern::matches(#p, #v) }
        }
        ValueCheck::Named(name) => {
            let f = format_ident!("{}", name);
            quote! { !mutaspec_runtime::checks::#f(#v) }
        }
        ValueCheck::MaxDepth(n) => quote! { mutaspec_runtime::checks::json_depth_exceeds(#v, #n) },
        ValueCheck::MaxBytes(n) => quote! { mutaspec_runtime::checks::json_bytes_exceed(#v, #n) },
        // Planned as an item check only, which `item_failed` tests against the chosen
        // version: a value alone never fails it.
        ValueCheck::ValueVersion { .. } => quote! { false },
    }
}

/// Whether an item `v` of an array (or a map's value) fails `kind`: [`value_failed`], and
/// an enum value outside the versions that have it.
fn item_failed(kind: &ValueCheck, v: TokenStream, scope: &Scope) -> TokenStream {
    let ValueCheck::ValueVersion { value, since, until } = kind else {
        return value_failed(kind, v);
    };
    let val = lit(value);
    let outside = scope.outside(since.as_ref(), until.as_ref());
    // `a && (b || c)`: parentheses only around two bounds (`unused_parens`).
    let outside = if since.is_some() && until.is_some() {
        quote! { (#outside) }
    } else {
        outside
    };
    quote! { #v.as_str() == #val && #outside }
}

/// `v` beyond a bound: numbers with `op`, text-carried values by `cmp_str` being `bad`.
fn compare(bound: &Bound, v: TokenStream, op: TokenStream, bad: TokenStream) -> TokenStream {
    match bound {
        Bound::Integer(b) => quote! { *#v #op #b },
        Bound::Unsigned(b) => quote! { *#v #op #b },
        Bound::Number(b) => quote! { *#v #op #b },
        Bound::Decimal(_) | Bound::Date(_) | Bound::DateTime(_) => {
            let b = bound_text(bound);
            quote! { #v.cmp_str(#b) == Some(std::cmp::Ordering::#bad) }
        }
    }
}

/// A bound as the string literal `cmp_str` reads.
fn bound_text(bound: &Bound) -> proc_macro2::Literal {
    match bound {
        Bound::Integer(b) => lit(&b.to_string()),
        Bound::Unsigned(b) => lit(&b.to_string()),
        Bound::Number(b) => lit(&b.to_string()),
        Bound::Decimal(b) | Bound::Date(b) | Bound::DateTime(b) => lit(b),
    }
}

/// Whether the current value `cur` differs from the request's `v`.
fn differs(equality: Equality, v: TokenStream) -> TokenStream {
    match equality {
        Equality::Text => quote! { !mutaspec_runtime::checks::same_text(cur, #v) },
        Equality::Value => quote! { cur != #v },
    }
}

/// Checks on each key of a map, reported at the key's entry (redacted as every entry of
/// a sensitive map is; its keys are wrapped and exposed for the checks alone).
fn key_loop(f: &FieldPlan, scope: &Scope, mode: Mode) -> TokenStream {
    if f.key_checks.is_empty() {
        return quote! {};
    }
    let k = if f.sensitive() {
        quote! { key.expose() }
    } else {
        quote! { key }
    };
    let checks: Vec<TokenStream> = f
        .key_checks
        .iter()
        .map(|c| {
            guarded(
                &c.guard,
                Some(value_failed(&c.kind, k.clone())),
                record(c, quote! { &p }, mode),
                scope,
            )
        })
        .collect();
    let at = (mode == Mode::Collect).then(|| quote! { let p = p.entry(key); });
    quote! {
        for key in v.keys() {
            #at
            #(#checks)*
        }
    }
}

/// Checks on each scalar element of an array or map.
fn item_loop(f: &FieldPlan, scope: &Scope, mode: Mode) -> TokenStream {
    if f.item_checks.is_empty() {
        return quote! {};
    }
    let expose = f.sensitive().then(|| quote! { let x = x.expose(); });
    let checks: Vec<TokenStream> = f
        .item_checks
        .iter()
        .map(|c| {
            guarded(
                &c.guard,
                Some(item_failed(&c.kind, quote! { x }, scope)),
                record(c, quote! { &p }, mode),
                scope,
            )
        })
        .collect();
    let at = (mode == Mode::Collect).then(|| (quote! { p }, quote! { p }));
    let body = quote! { #expose #(#checks)* };
    for_each_entry(f, f.map, at, body)
}

/// `for x in <the items of field f's value v> { body }` ([`for_each_item`]), skipping the
/// map entries that are deletions (`clear_entries`: an entry is an `Option`, and a `None`
/// has no value to check). Without a path to bind, the deletions are skipped by the
/// iterator itself (`values().flatten()`), as clippy's `manual_flatten` wants.
fn for_each_entry(f: &FieldPlan, map: bool, at: Option<(TokenStream, TokenStream)>, body: TokenStream) -> TokenStream {
    match (f.clear_entries, at) {
        (false, at) => for_each_item(map, &quote! { v }, at, body),
        (true, None) => quote! { for x in v.values().flatten() { #body } },
        (true, at) => for_each_item(map, &quote! { v }, at, quote! { if let Some(x) = x { #body } }),
    }
}

/// `for x in <the items of v> { body }`, over a map's values or a list's items. With
/// `at = Some((name, parent))` each item's path is bound first, `let name =
/// parent.entry(k)` (map: a sensitive key, or any key below a sensitive field, is
/// redacted) or `parent.index(k)` (list), for the collecting pass.
fn for_each_item(map: bool, v: &TokenStream, at: Option<(TokenStream, TokenStream)>, body: TokenStream) -> TokenStream {
    let Some((name, parent)) = at else {
        let iter = if map {
            quote! { #v.values() }
        } else {
            quote! { #v.iter() }
        };
        return quote! { for x in #iter { #body } };
    };
    let (iter, seg) = if map {
        (quote! { #v.iter() }, quote! { entry(k) })
    } else {
        (quote! { #v.iter().enumerate() }, quote! { index(k) })
    };
    quote! {
        for (k, x) in #iter {
            let #name = #parent.#seg;
            #body
        }
    }
}

/// Descends into objects inside the value; `sensitive`: the objects are still wrapped in
/// `Sensitive` (the items of a sensitive container).
fn descend(shape: &Shape, v: TokenStream, p: TokenStream, sensitive: bool, mode: Mode) -> TokenStream {
    match shape {
        Shape::Object(_) => {
            let v = if sensitive {
                quote! { #v.expose() }
            } else {
                v
            };
            match mode {
                Mode::Collect => quote! { #v.validate_into(&#p, settings, out); },
                Mode::Predicate => quote! { if !#v.is_valid_with(settings) { return false; } },
            }
        }
        // The variant the tag chose; a value with no tag, or one naming no variant, has
        // nothing read inside.
        Shape::Tagged { name, arms } => {
            let n = ident(name);
            let arms = arms.iter().filter(|a| a.checked).map(|a| {
                let r = ident(&a.rust);
                match mode {
                    Mode::Collect => quote! { if let #n::#r(o) = #v { o.validate_into(&#p, settings, out); } },
                    Mode::Predicate => quote! { if matches!(#v, #n::#r(o) if !o.is_valid_with(settings)) { return false; } },
                }
            });
            quote! { #(#arms)* }
        }
        // An id has nothing inside: only a sent object is descended into.
        Shape::OrId(_) => {
            let v = if sensitive {
                quote! { #v.expose() }
            } else {
                v
            };
            match mode {
                Mode::Collect => quote! { if let Some(o) = #v.object() { o.validate_into(&#p, settings, out); } },
                Mode::Predicate => quote! { if #v.object().is_some_and(|o| !o.is_valid_with(settings)) { return false; } },
            }
        }
        Shape::List(i) | Shape::Map(i) => {
            let inner = descend(i, quote! { x }, quote! { q }, sensitive, mode);
            if inner.is_empty() {
                return quote! {};
            }
            let at = (mode == Mode::Collect).then(|| (quote! { q }, p));
            for_each_item(matches!(shape, Shape::Map(_)), &v, at, inner)
        }
        Shape::Scalar | Shape::Enum => quote! {},
    }
}

/// Into an object whose checks read the current resource, with the snapshot's value of
/// field `f` (a nested snapshot), `v` being already exposed when sensitive.
fn descend_current(f: &FieldPlan, mode: Mode) -> TokenStream {
    let n = ident(&f.rust);
    if let Some(key) = &f.item_key {
        // Each item against the current item of the same key (none: no current).
        let k = ident(&key.rust);
        let cur = quote! {
            x.#k.as_ref().and_then(|key| current.and_then(|c| c.#n.as_deref()).and_then(|cs| cs.iter().find(|c| c.#k.as_ref() == Some(key))))
        };
        return match mode {
            Mode::Collect => quote! {
                for (i, x) in v.iter().enumerate() {
                    x.validate_current_into(&p.index(i), #cur, settings, out);
                }
            },
            Mode::Predicate => quote! {
                for x in v.iter() {
                    if !x.is_valid_current(#cur, settings) { return false; }
                }
            },
        };
    }
    if f.map {
        // Each entry against the current entry of the same key (none: no current); a
        // deleted entry (`clear_entries`) has nothing to check.
        let cur = quote! { current.and_then(|c| c.#n.as_ref()).and_then(|cs| cs.get(k)) };
        let skip = f.clear_entries.then(|| quote! { let Some(x) = x else { continue }; });
        return match mode {
            Mode::Collect => quote! {
                for (k, x) in v.iter() {
                    #skip
                    x.validate_current_into(&p.entry(k), #cur, settings, out);
                }
            },
            Mode::Predicate => quote! {
                for (k, x) in v.iter() {
                    #skip
                    if !x.is_valid_current(#cur, settings) { return false; }
                }
            },
        };
    }
    let cur = match f.exposure {
        Exposure::Value => quote! { current.and_then(|c| c.#n.as_ref()).map(|c| &**c.expose()) },
        Exposure::Plain | Exposure::Items => quote! { current.and_then(|c| c.#n.as_deref()) },
    };
    match mode {
        Mode::Collect => quote! { v.validate_current_into(&p, #cur, settings, out); },
        Mode::Predicate => quote! { if !v.is_valid_current(#cur, settings) { return false; } },
    }
}

/// The current resource's value of field `f`, as `Option<&T>` comparable with the
/// request's value `v` (which a sensitive scalar has already exposed).
fn snapshot_value(f: &FieldPlan) -> TokenStream {
    let n = ident(&f.rust);
    match f.exposure {
        Exposure::Value => quote! { current.and_then(|c| c.#n.as_ref()).map(|cur| cur.expose()) },
        Exposure::Plain | Exposure::Items => quote! { current.and_then(|c| c.#n.as_ref()) },
    }
}

/// `ignored_into`: the paths of the ignored fields a value sends, for an object with an
/// ignored field at some depth (`None` for the others: nothing calls it on them).
fn ignored_into(plan: &ObjectPlan, scope: &Scope) -> Option<TokenStream> {
    if !plan.fields.iter().any(|f| f.ignored || f.ignored_inside) {
        return None;
    }
    let blocks = plan.fields.iter().filter(|f| f.ignored || f.ignored_inside).map(|f| {
        let n = scope.field(&f.rust);
        let wire = lit(&f.wire);
        let mark = f.redact_keys.then(|| quote! { .sensitive() });
        let body = if f.ignored {
            quote! { out.push(path.key(#wire).render()); }
        } else {
            let inner = descend_ignored(&f.shape, quote! { v }, quote! { p }, f.exposure);
            quote! {
                let p = path.key(#wire) #mark;
                #inner
            }
        };
        quote! {
            if let Some(v) = &#n {
                let _ = v;
                #body
            }
        }
    });
    let prelude = scope.prelude();
    Some(quote! {
        /// Appends, under `path`, the JSON path of every field this value sends that the
        /// provider accepts and ignores (`rule: ignored`).
        pub fn ignored_into(&self, path: &mutaspec_runtime::Path<'_>, out: &mut Vec<String>) {
            #prelude
            #(#blocks)*
        }
    })
}

/// Descends into the objects inside a value for [`ignored_into`].
fn descend_ignored(shape: &Shape, v: TokenStream, p: TokenStream, exposure: Exposure) -> TokenStream {
    match shape {
        Shape::Object(_) => {
            let v = match exposure {
                Exposure::Plain => v,
                Exposure::Value | Exposure::Items => quote! { #v.expose() },
            };
            quote! { #v.ignored_into(&#p, out); }
        }
        // Ignored fields inside a union's variants are not reported (`ignored_inside`).
        Shape::Tagged { .. } => quote! {},
        // An object or its id: only an object has fields.
        Shape::OrId(_) => {
            let v = match exposure {
                Exposure::Plain => v,
                Exposure::Value | Exposure::Items => quote! { #v.expose() },
            };
            quote! { if let Some(o) = #v.object() { o.ignored_into(&#p, out); } }
        }
        Shape::List(i) | Shape::Map(i) => {
            // The items of a sensitive container are wrapped each; a sensitive value's
            // own wrapper is taken off first.
            let (v, item) = match exposure {
                Exposure::Value => (quote! { #v.expose() }, Exposure::Plain),
                Exposure::Plain | Exposure::Items => (v, exposure),
            };
            let inner = descend_ignored(i, quote! { x }, quote! { q }, item);
            for_each_item(matches!(shape, Shape::Map(_)), &v, Some((quote! { q }, p)), inner)
        }
        Shape::Scalar | Shape::Enum => quote! {},
    }
}
