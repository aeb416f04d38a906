//! A consumer's own struct that updates an endpoint (`#[derive(Update)]`).
//!
//! Its validators are the generated request's, emitted by the same function
//! (`validate::request_impl`) over the endpoint's plan restricted to the fields the struct
//! has, so the struct reports the same violations with the same paths, rules, messages
//! and codes. It serializes as the generated request does: the fields that are set, by
//! wire name, in spec order. Everything goes inside one `const _: () = { ... };` that
//! imports the API module once, so a wrong module path is one error.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use super::{ident, lit, tys, validate};
use crate::model::{Api, Clear, Endpoint, Ty};
use crate::plan::{self, ObjectPlan};

/// The struct deriving `Update`, as the emitter needs it.
pub struct Target {
    /// `impl` generics (`<T>`), or nothing.
    pub impl_generics: TokenStream,
    /// The type with its generics (`ProfileChange`, `Change<T>`).
    pub ty: TokenStream,
    /// The `where` clause, or nothing.
    pub where_clause: TokenStream,
    /// The path of the API module, as written by the user (spanned there).
    pub module: TokenStream,
    /// The struct's fields, each matched to a field of the endpoint's body.
    pub fields: Vec<OwnField>,
}

/// A field of the consumer's struct and the body field it maps onto.
pub struct OwnField {
    /// The body field's wire name.
    pub wire: String,
    /// The struct's field.
    pub ident: Ident,
    /// Where the field's type is written, for the type assertion.
    pub ty_span: Span,
}

/// The name the emitted code gives the API module.
fn api_alias() -> Ident {
    format_ident!("__mutaspec_api")
}

/// The validators and serialization of a struct that passed every check against `ep`.
pub fn update(api: &Api, ep: &Endpoint, target: &Target) -> TokenStream {
    let module = &target.module;
    let alias = api_alias();
    let plan = plan::endpoint(api, ep);
    let root = restrict(&plan.root, target);
    let mut scope = validate::Scope::new(
        quote! { #alias::ProgramSettings },
        (!api.effects.is_empty()).then(|| quote! { #alias::SideEffect }),
    );
    scope.view = Some(quote! { self.__mutaspec_view() });
    let ep_mod = ident(&ep.name);
    let current = ident(&ep.current_name());
    let (g, ty, w) = (&target.impl_generics, &target.ty, &target.where_clause);
    let validators = validate::request_impl(&quote! { #g #ty #w }, &quote! { #alias::#ep_mod::#current }, &root, &scope);
    let ignored = validate::ignored_fields_impl(&quote! { #g #ty #w }, &root, &scope);
    let view = view(ep, target);
    let serialize = serialize(ep, target);
    quote! {
        const _: () = {
            use #module as #alias;
            #view
            #validators
            #ignored
            #serialize
        };
    }
}

/// The endpoint's root plan, over the struct's fields only. A check conditional on a
/// sibling the struct does not have is dropped: that sibling is never sent, so the
/// condition never holds. (A conditional field whose discriminator is missing is refused
/// before emission.)
fn restrict(root: &ObjectPlan, target: &Target) -> ObjectPlan {
    let has = |wire: &str| target.fields.iter().any(|o| o.wire == wire);
    // A presence test on a sibling the struct does not have: "not sent" always holds,
    // "sent" never does.
    let keep = |g: &plan::Guard| g.siblings.iter().all(|s| has(&s.wire)) && g.sent.iter().all(|t| !t.sent || has(&t.wire));
    let trim = |g: &mut plan::Guard| g.sent.retain(|t| has(&t.wire));
    let fields = root
        .fields
        .iter()
        .filter(|f| has(&f.wire))
        .map(|f| {
            let mut f = f.clone();
            f.required.retain(|c| keep(&c.guard));
            f.checks.retain(|c| keep(&c.guard));
            f.item_checks.retain(|c| keep(&c.guard));
            f.key_checks.retain(|c| keep(&c.guard));
            f.cleared.retain(|c| keep(&c.guard));
            f.required.iter_mut().for_each(|c| trim(&mut c.guard));
            f.checks.iter_mut().for_each(|c| trim(&mut c.guard));
            f.item_checks.iter_mut().for_each(|c| trim(&mut c.guard));
            f.key_checks.iter_mut().for_each(|c| trim(&mut c.guard));
            f.cleared.iter_mut().for_each(|c| trim(&mut c.guard));
            f.unknowable.retain(|u| keep(&u.guard));
            f.unknowable.iter_mut().for_each(|u| trim(&mut u.guard));
            f
        })
        .collect();
    // A group member the struct does not have is never sent: its path becomes empty,
    // which the validators read as absent.
    let groups = root
        .groups
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.kind.for_each_member(&mut |m| {
                if m.steps.first().is_some_and(|s| !has(&s.wire)) {
                    m.steps.clear();
                }
            });
            c
        })
        .collect();
    // A group through an array the struct does not have is never checked.
    let each_groups = root
        .each_groups
        .iter()
        .filter(|g| g.prefix.first().is_some_and(|s| has(&s.wire)))
        .cloned()
        .collect();
    ObjectPlan {
        name: root.name.clone(),
        fields,
        current: root.current.clone(),
        groups,
        each_groups,
    }
}

/// `Serialize`: a map of the fields that are set, by wire name, in spec order: the
/// generated request's JSON for the same values. It reads the view, like the validators.
fn serialize(ep: &Endpoint, target: &Target) -> TokenStream {
    let fields: Vec<(Ident, proc_macro2::Literal, Option<&Clear>)> = ep
        .body
        .fields
        .iter()
        .filter(|f| target.fields.iter().any(|o| o.wire == f.wire))
        .map(|f| (ident(&f.rust), lit(&f.wire), f.clear.as_ref()))
        .collect();
    let counts = fields.iter().map(|(n, _, clear)| match clear {
        Some(_) => quote! { + usize::from(!__own.#n.is_absent()) },
        None => quote! { + usize::from(__own.#n.is_some()) },
    });
    let entries = fields.iter().map(|(n, w, clear)| {
        // A cleared field is sent as `null` or its sentinel, as the generated request.
        let cleared = match clear {
            Some(Clear::Null) => quote! { map.serialize_entry(#w, &())?; },
            Some(Clear::Sentinel(s)) => {
                let s = lit(s);
                quote! { map.serialize_entry(#w, #s)?; }
            }
            None => quote! {},
        };
        match clear {
            Some(_) => quote! {
                match __own.#n {
                    mutaspec_runtime::Patch::Set(v) => map.serialize_entry(#w, v)?,
                    mutaspec_runtime::Patch::Clear => { #cleared }
                    mutaspec_runtime::Patch::Absent => {}
                }
            },
            None => quote! {
                if let Some(v) = __own.#n {
                    map.serialize_entry(#w, v)?;
                }
            },
        }
    });
    let (g, ty, w) = (&target.impl_generics, &target.ty, &target.where_clause);
    quote! {
        impl #g mutaspec_runtime::serde::Serialize for #ty #w {
            fn serialize<__S: mutaspec_runtime::serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                use mutaspec_runtime::serde::ser::SerializeMap as _;
                let __own = self.__mutaspec_view();
                let len = 0usize #(#counts)*;
                let mut map = serializer.serialize_map(Some(len))?;
                #(#entries)*
                map.end()
            }
        }
    }
}

/// The struct's fields under the spec's Rust names and with the spec's types, which the
/// validators read. The derive compares types by name (`Individual`); building the view
/// makes rustc compare them exactly, once per field, pointing at the field's type, and
/// the validators then see the right types whatever the struct holds (no follow-on
/// errors).
fn view(ep: &Endpoint, target: &Target) -> TokenStream {
    let alias = api_alias();
    let ep_mod = ident(&ep.name);
    let local: BTreeSet<&str> = ep.types.iter().map(|t| t.name.as_str()).collect();
    let named = |n: &str| {
        let t = ident(n);
        if local.contains(n) {
            quote! { #alias::#ep_mod::#t }
        } else {
            quote! { #alias::#t }
        }
    };
    let fields: Vec<(Ident, TokenStream, TokenStream)> = target
        .fields
        .iter()
        .filter_map(|o| {
            let f = ep.body.field(&o.wire)?;
            let expected = match f.ty.as_ref()? {
                // Entries a `null` deletes: the map's values are options.
                Ty::Map(i) if f.clear_entries => {
                    let i = tys::rust_in(i, f.sensitive, &named);
                    quote! { std::collections::BTreeMap<String, Option<#i>> }
                }
                t => tys::rust_in(t, f.sensitive, &named),
            };
            // A clearable field is three-state in the struct too.
            let expected = match f.clear {
                Some(_) => quote! { mutaspec_runtime::Patch<#expected> },
                None => quote! { Option<#expected> },
            };
            let mut own = o.ident.clone();
            own.set_span(o.ty_span);
            Some((ident(&f.rust), expected, quote_spanned! { o.ty_span=> &self.#own }))
        })
        .collect();
    let decls = fields.iter().map(|(n, t, _)| quote! { #n: &'a #t, });
    let inits = fields.iter().map(|(n, _, e)| quote! { #n: #e, });
    let (g, ty, w) = (&target.impl_generics, &target.ty, &target.where_clause);
    quote! {
        // Field types as the spec has them: nested maps and arrays can be clippy's
        // `type_complexity`, on this private view only.
        #[allow(dead_code, clippy::type_complexity)]
        struct __MutaspecView<'a> {
            #(#decls)*
            __marker: ::core::marker::PhantomData<&'a ()>,
        }
        impl #g #ty #w {
            fn __mutaspec_view(&self) -> __MutaspecView<'_> {
                __MutaspecView {
                    #(#inits)*
                    __marker: ::core::marker::PhantomData,
                }
            }
        }
    }
}

/// What the derive emits beside its errors: the same methods and `Serialize`, with bodies
/// that do nothing, so code using the struct still compiles and the user sees the
/// derive's errors alone. The current-resource and settings parameters take any value,
/// as the endpoint (and so their types) may be what is wrong.
pub fn fallback(target: &Target) -> TokenStream {
    let (g, ty, w) = (&target.impl_generics, &target.ty, &target.where_clause);
    quote! {
        const _: () = {
            impl #g #ty #w {
                /// Placeholder: the derive reported an error.
                pub fn validate(&self) -> Result<(), mutaspec_runtime::Violations> {
                    Ok(())
                }
                /// Placeholder: the derive reported an error.
                pub fn validate_with(&self, current: Option<&dyn ::core::any::Any>, settings: Option<&dyn ::core::any::Any>) -> Result<(), mutaspec_runtime::Violations> {
                    let _ = (current, settings);
                    Ok(())
                }
                /// Placeholder: the derive reported an error.
                pub fn is_valid_with(&self, current: Option<&dyn ::core::any::Any>, settings: Option<&dyn ::core::any::Any>) -> bool {
                    let _ = (current, settings);
                    true
                }
                /// Placeholder: the derive reported an error.
                pub fn validate_into(&self, path: &mutaspec_runtime::Path<'_>, current: Option<&dyn ::core::any::Any>, settings: Option<&dyn ::core::any::Any>, out: &mut mutaspec_runtime::Violations) {
                    let _ = (path, current, settings, out);
                }
            }
            impl #g mutaspec_runtime::serde::Serialize for #ty #w {
                fn serialize<__S: mutaspec_runtime::serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                    use mutaspec_runtime::serde::ser::SerializeMap as _;
                    serializer.serialize_map(Some(0))?.end()
                }
            }
        };
    }
}
