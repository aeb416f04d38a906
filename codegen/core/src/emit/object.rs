//! Structs: request bodies and object types.
//!
//! A request-side struct (`strict`) has no field for a not-updatable attribute, so
//! setting one does not compile, and rejects unknown fields; when the spec lists
//! not-updatable attributes, deserialization goes through a private wire struct that
//! recognises them and fails with an error naming the attribute and its rule.
//! Response-side structs accept unknown fields and keep every documented one.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, ident, lit, tys};
use crate::model::{Api, Endpoint, Field, Object, Rule, TypeDef};

/// The request body struct of an endpoint.
pub(crate) fn request(api: &Api, ep: &Endpoint) -> TokenStream {
    let fallback = format!(
        "The request body of {}: every field is optional, absent means unchanged.",
        ep.title.as_deref().unwrap_or(&ep.name)
    );
    emit(api, Some(ep), &ep.request_name(), None, &fallback, &ep.body, true)
}

/// A named or inline object type.
pub(crate) fn named(api: &Api, ep: Option<&Endpoint>, t: &TypeDef, o: &Object, strict: bool) -> TokenStream {
    let fallback = format!("The `{}` object.", t.name);
    emit(api, ep, &t.name, t.docs.as_deref(), &fallback, o, strict)
}

fn emit(api: &Api, ep: Option<&Endpoint>, name: &str, docs_text: Option<&str>, fallback: &str, o: &Object, strict: bool) -> TokenStream {
    let not_updatable: Vec<&Field> = if strict {
        o.fields.iter().filter(|f| f.rule == Rule::NotUpdatable).collect()
    } else {
        Vec::new()
    };
    let sendable: Vec<&Field> = o
        .fields
        .iter()
        .filter(|f| !strict || (f.rule != Rule::NotUpdatable && !f.output_only))
        .collect();
    let doc = docs::attr(&docs::object(docs_text, fallback, &not_updatable));
    let ty_name = ident(name);
    let fields = sendable.iter().map(|f| field(api, ep, f));
    let deny = strict.then(|| quote! { #[serde(deny_unknown_fields)] });
    let (try_from, wire) = if not_updatable.is_empty() {
        (quote! {}, quote! {})
    } else {
        let wire_name = format_ident!("{}Wire", name);
        let wire_lit = lit(&wire_name.to_string());
        (
            quote! { #[serde(try_from = #wire_lit)] },
            wire_struct(name, &wire_name, &sendable, &not_updatable),
        )
    };
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, mutaspec_runtime::serde::Serialize, mutaspec_runtime::serde::Deserialize)]
        #[serde(crate = "mutaspec_runtime::serde")]
        #deny
        #try_from
        pub struct #ty_name {
            #(#fields)*
        }
        #wire
    }
}

fn serde_attrs(f: &Field) -> TokenStream {
    let plain = f.rust.trim_start_matches("r#");
    let rename = (plain != f.wire).then(|| {
        let w = lit(&f.wire);
        quote! { rename = #w, }
    });
    quote! { #[serde(#rename default, skip_serializing_if = "Option::is_none")] }
}

/// Deserialize-only attributes of a wire struct's field.
fn wire_attrs(f: &Field) -> TokenStream {
    let plain = f.rust.trim_start_matches("r#");
    let rename = (plain != f.wire).then(|| {
        let w = lit(&f.wire);
        quote! { rename = #w, }
    });
    quote! { #[serde(#rename default)] }
}

fn field_type(f: &Field) -> TokenStream {
    match &f.ty {
        Some(t) => tys::rust(t, f.sensitive),
        None => quote! { mutaspec_runtime::serde_json::Value },
    }
}

fn field(api: &Api, ep: Option<&Endpoint>, f: &Field) -> TokenStream {
    let doc = docs::attr(&docs::field(api, ep, f));
    let attrs = serde_attrs(f);
    let name = ident(&f.rust);
    let ty = field_type(f);
    let allow = f.ty.as_ref().and_then(tys::allow_complexity);
    quote! {
        #doc
        #attrs
        #allow
        pub #name: Option<#ty>,
    }
}

/// The private struct a strict type deserializes through when it has not-updatable
/// attributes: it accepts them only to refuse them with a clear error.
fn wire_struct(name: &str, wire_name: &proc_macro2::Ident, sendable: &[&Field], not_updatable: &[&Field]) -> TokenStream {
    let ty_name = ident(name);
    let fields = sendable.iter().map(|f| {
        let attrs = wire_attrs(f);
        let n = ident(&f.rust);
        let ty = field_type(f);
        let allow = f.ty.as_ref().and_then(tys::allow_complexity);
        quote! { #attrs #allow #n: Option<#ty>, }
    });
    let flags = not_updatable.iter().enumerate().map(|(i, f)| {
        let w = lit(&f.wire);
        let n = format_ident!("not_updatable_{}", i);
        quote! {
            #[serde(rename = #w, default, deserialize_with = "mutaspec_runtime::wire::present")]
            #n: bool,
        }
    });
    let checks = not_updatable.iter().enumerate().map(|(i, f)| {
        let n = format_ident!("not_updatable_{}", i);
        let w = lit(&f.wire);
        let why = lit(f.docs.as_deref().unwrap_or("the provider does not allow updating it"));
        quote! {
            if wire.#n {
                return Err(mutaspec_runtime::wire::NotUpdatable { field: #w, reason: #why });
            }
        }
    });
    let moves = sendable.iter().map(|f| {
        let n = ident(&f.rust);
        quote! { #n: wire.#n, }
    });
    let doc = lit(&format!(" The wire form of [`{name}`], which refuses not-updatable attributes."));
    quote! {
        #[doc = #doc]
        #[derive(mutaspec_runtime::serde::Deserialize)]
        #[serde(crate = "mutaspec_runtime::serde")]
        #[serde(deny_unknown_fields)]
        struct #wire_name {
            #(#fields)*
            #(#flags)*
        }

        impl TryFrom<#wire_name> for #ty_name {
            type Error = mutaspec_runtime::wire::NotUpdatable;
            fn try_from(wire: #wire_name) -> Result<Self, Self::Error> {
                #(#checks)*
                Ok(Self { #(#moves)* })
            }
        }
    }
}
