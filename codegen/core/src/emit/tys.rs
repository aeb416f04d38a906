//! Spec types as Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::model::Ty;

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

/// The Rust type of a spec type; `sensitive` wraps the innermost value in `Sensitive`.
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
            return quote! { std::collections::BTreeMap<String, #i> };
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
