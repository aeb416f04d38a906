//! Spec types as Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Api, Endpoint, Ty, TypeDef, TypeKind};

/// The Rust type of a spec type; `sensitive` wraps the innermost value, and the keys of
/// every map (`SensitiveMap`), in `Sensitive`: a sensitive map's keys are data too, which
/// `Debug` must not print.
pub(crate) fn rust(ty: &Ty, sensitive: bool) -> TokenStream {
    rust_in(ty, sensitive, &|n| {
        let n = ident(n);
        quote! { #n }
    })
}

/// [`rust`], naming the spec's named types through `named` (a path from elsewhere).
pub(crate) fn rust_in(ty: &Ty, sensitive: bool, named: &dyn Fn(&str) -> TokenStream) -> TokenStream {
    let inner = match ty {
        Ty::List(i) => {
            let i = rust_in(i, sensitive, named);
            return quote! { Vec<#i> };
        }
        Ty::Map(i) => {
            let i = rust_in(i, sensitive, named);
            return if sensitive {
                quote! { mutaspec_runtime::SensitiveMap<#i> }
            } else {
                quote! { std::collections::BTreeMap<String, #i> }
            };
        }
        Ty::String => quote! { String },
        Ty::Integer => quote! { i64 },
        Ty::Unsigned => quote! { u64 },
        Ty::Number => quote! { f64 },
        Ty::Boolean => quote! { bool },
        Ty::Decimal => quote! { mutaspec_runtime::Decimal },
        Ty::Date => quote! { mutaspec_runtime::Date },
        Ty::DateTime => quote! { mutaspec_runtime::DateTime },
        Ty::Named(n) => named(n),
        Ty::Json => quote! { mutaspec_runtime::serde_json::Value },
        Ty::Tagged(t) => named(&t.name),
        Ty::OrId(n) => {
            let n = named(n);
            quote! { mutaspec_runtime::OrId<#n> }
        }
    };
    if sensitive {
        quote! { mutaspec_runtime::Sensitive<#inner> }
    } else {
        inner
    }
}

/// `#[allow(clippy::type_complexity)]` for a field of type `Option<rust(ty, sensitive)>`
/// that clippy finds too complex (nested maps and arrays: `map<map<integer[]>>`), on
/// that field only. Clippy scores each type path 10 times its nesting depth and warns
/// above 250; this allows from 200 on, so a score computed a little differently from
/// clippy's never lets a warning through.
pub(crate) fn allow_complex(ty: &Ty, sensitive: bool) -> TokenStream {
    fn score(ty: &Ty, sensitive: bool, nest: u64) -> u64 {
        match ty {
            Ty::List(i) => 10 * nest + score(i, sensitive, nest + 1),
            // `BTreeMap<String, _>`: the map and its key.
            Ty::Map(i) => 10 * nest + 10 * (nest + 1) + score(i, sensitive, nest + 1),
            _ if sensitive => 10 * nest + 10 * (nest + 1),
            _ => 10 * nest,
        }
    }
    // Three nested arrays and maps are allowed whatever the score: clippy already flags
    // `map<map<map<string>>>` (the loader bounds the nesting at `MAX_TYPE_DEPTH`).
    let mut containers = 0;
    let mut t = ty;
    while let Ty::List(i) | Ty::Map(i) = t {
        containers += 1;
        t = i;
    }
    if containers >= 3 || 10 + score(ty, sensitive, 2) >= 200 {
        quote! { #[allow(clippy::type_complexity)] }
    } else {
        quote! {}
    }
}

/// Whether a field of object type `owner` whose type is `ty` is boxed: `ty` names an
/// object type that holds `owner` again through fields that are not containers (a `Vec`
/// or a map already is an indirection), so without a `Box` the type would be infinitely
/// large (`Node { child: Node }`, or `A { b: B }` with `B { a: A }`).
pub(crate) fn boxed(api: &Api, ep: Option<&Endpoint>, owner: &str, ty: &Ty) -> bool {
    let Ty::Named(start) = ty else { return false };
    let mut seen: Vec<&str> = Vec::new();
    let mut todo = vec![start.as_str()];
    while let Some(name) = todo.pop() {
        if name == owner {
            return true;
        }
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if let Some(TypeDef {
            kind: TypeKind::Object(o), ..
        }) = api.find_type(ep, name)
        {
            todo.extend(o.fields.iter().filter_map(|f| match &f.ty {
                Some(Ty::Named(n) | Ty::OrId(n)) => Some(n.as_str()),
                _ => None,
            }));
            // A discriminated union holds each of its variants.
            todo.extend(o.fields.iter().flat_map(|f| match &f.ty {
                Some(Ty::Tagged(t)) => t.variants.iter().map(|v| v.ty.as_str()).collect(),
                _ => Vec::new(),
            }));
        }
    }
    false
}
