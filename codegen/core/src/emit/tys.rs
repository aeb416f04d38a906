//! Spec types as Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::{Api, Endpoint, Ty, TypeDef, TypeKind};

/// `#[allow(clippy::type_complexity)]` for a field whose type nests three or more arrays
/// and maps: clippy's default threshold flags `Option<BTreeMap<String, BTreeMap<String,
/// BTreeMap<String, String>>>>`, a type the spec may well describe (the loader bounds the
/// nesting at `MAX_TYPE_DEPTH`).
pub(crate) fn allow_complexity(ty: &Ty) -> Option<TokenStream> {
    let mut containers = 0;
    let mut t = ty;
    while let Ty::List(i) | Ty::Map(i) = t {
        containers += 1;
        t = i;
    }
    (containers >= 3).then(|| quote! { #[allow(clippy::type_complexity)] })
}

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
        Ty::Number => quote! { f64 },
        Ty::Boolean => quote! { bool },
        Ty::Decimal => quote! { mutaspec_runtime::Decimal },
        Ty::Date => quote! { mutaspec_runtime::Date },
        Ty::DateTime => quote! { mutaspec_runtime::DateTime },
        Ty::Named(n) => named(n),
    };
    if sensitive {
        quote! { mutaspec_runtime::Sensitive<#inner> }
    } else {
        inner
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
                Some(Ty::Named(n)) => Some(n.as_str()),
                _ => None,
            }));
        }
    }
    false
}
