//! Structs: request bodies and object types.
//!
//! A request-side struct (`strict`) has no field for a not-updatable attribute, so
//! setting one does not compile, and rejects unknown fields; its private wire struct
//! (`emit::wire`) recognises the not-updatable attributes and fails with an error
//! naming every one the object carries, with its rule. Response-side structs accept
//! unknown fields and keep every documented one. Every struct reads a JSON object
//! only.

use proc_macro2::TokenStream;
use quote::quote;

use super::wire::{self, Refused, WireField};
use super::{docs, ident, lit, tys};
use crate::model::{Api, Clear, Endpoint, Field, Object, Tagged, Ty, TypeDef, UpdateRule};

/// The request body struct of an endpoint.
pub(crate) fn request(api: &Api, ep: &Endpoint) -> TokenStream {
    let fallback = format!(
        "The request body of {}: every field is optional, absent means unchanged.",
        ep.title.as_deref().map_or_else(|| ep.name.clone(), docs::prose)
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
        o.fields.iter().filter(|f| f.rule == UpdateRule::NotUpdatable).collect()
    } else {
        Vec::new()
    };
    let sendable: Vec<&Field> = o.fields.iter().filter(|f| !strict || f.sendable()).collect();
    let doc = docs::attr(&format!(
        "{}{}",
        docs::object(docs_text, fallback, &not_updatable),
        docs::open_and_groups(o)
    ));
    let ty_name = ident(name);
    let fields = sendable.iter().map(|f| field(api, ep, name, f, strict));
    let wire_fields: Vec<WireField> = sendable
        .iter()
        .map(|f| {
            let ty = field_type(api, ep, name, f);
            let rust_ty = match (&f.clear, strict) {
                (Some(_), true) => quote! { mutaspec_runtime::Patch<#ty> },
                (_, _) => quote! { Option<#ty> },
            };
            WireField {
                rust: f.rust.clone(),
                wire: f.wire.clone(),
                aliases: f.aliases.clone(),
                clear: f.clear.clone().filter(|_| strict),
                ty: f.ty.clone(),
                rust_ty,
                default: None,
                allow: f.ty.as_ref().map(|t| tys::allow_complex(t, f.sensitive)).unwrap_or_default(),
            }
        })
        .collect();
    let refused: Vec<Refused> = not_updatable
        .iter()
        .map(|f| Refused {
            wire: f.wire.clone(),
            reason: f
                .docs
                .clone()
                .unwrap_or_else(|| "the provider does not allow updating it".to_owned()),
        })
        .collect();
    // A request-side struct refuses `null` on a field that cannot be cleared.
    let deserialize = if o.open {
        wire::deserialize_open(name, &wire_fields, &refused, strict)
    } else {
        wire::deserialize_as(name, &wire_fields, &refused, strict, strict)
    };
    let additional = o.open.then(|| {
        let n = ident(Object::ADDITIONAL);
        quote! {
            /// Members beyond the fields above, which the provider accepts (`open: true`):
            /// kept as sent, never checked.
            #[serde(flatten)]
            pub #n: std::collections::BTreeMap<String, mutaspec_runtime::serde_json::Value>,
        }
    });
    let unions = sendable.iter().filter_map(|f| match &f.ty {
        Some(Ty::Tagged(t)) => Some(union_enum(api, ep, name, f, t)),
        _ => None,
    });
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, mutaspec_runtime::serde::Serialize)]
        #[serde(crate = "mutaspec_runtime::serde")]
        pub struct #ty_name {
            #(#fields)*
            #additional
        }
        #deserialize
        #(#unions)*
    }
}

/// The enum of a discriminated union (field `f` of `owner`): one variant per tag value,
/// written as its object alone (`untagged`: the tag is the sibling member), and
/// `Untagged`, the value sent with no tag or a tag naming no variant, kept as sent.
/// Its wire struct reads the value as JSON and hands it to `from_tagged` with the tag.
/// A variant that holds `owner` again is boxed (`tys::boxed`).
fn union_enum(api: &Api, ep: Option<&Endpoint>, owner: &str, f: &Field, t: &Tagged) -> TokenStream {
    let boxed = |ty: &str| tys::boxed(api, ep, owner, &Ty::Named(ty.to_owned()));
    let n = ident(&t.name);
    let doc = docs::attr(&format!(
        "The value of `{}` of [`{owner}`]: the object type its sibling `{}` names.",
        f.wire, t.tag
    ));
    let variants = t.variants.iter().map(|v| {
        let (r, ty) = (ident(&v.rust), ident(&v.ty));
        let d = docs::attr(&format!("`{}: {}`: a [`{}`].", t.tag, v.value, v.ty));
        if boxed(&v.ty) {
            quote! { #d #r(Box<#ty>), }
        } else {
            quote! { #d #r(#ty), }
        }
    });
    let reads = t.variants.iter().map(|v| {
        let (r, value) = (ident(&v.rust), lit(&v.value));
        if boxed(&v.ty) {
            quote! { Some(#value) => mutaspec_runtime::serde_json::from_value(value).map(|o| Self::#r(Box::new(o))), }
        } else {
            quote! { Some(#value) => mutaspec_runtime::serde_json::from_value(value).map(Self::#r), }
        }
    });
    let tags = t.variants.iter().map(|v| {
        let (r, value) = (ident(&v.rust), lit(&v.value));
        quote! { Self::#r(_) => Some(#value), }
    });
    let untagged = ident(Tagged::UNTAGGED);
    let tag_doc = docs::attr(&format!(
        "Reads `value` as the variant the tag value `tag` (the sibling `{}`) names; with no tag, or one naming no variant, keeps it as sent (`{}`).",
        t.tag,
        Tagged::UNTAGGED
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, mutaspec_runtime::serde::Serialize)]
        #[serde(crate = "mutaspec_runtime::serde", untagged)]
        pub enum #n {
            #(#variants)*
            /// Sent with no tag, or a tag naming none of the variants: kept as sent, never
            /// read (validation reports it).
            #untagged(mutaspec_runtime::serde_json::Value),
        }
        impl #n {
            #tag_doc
            ///
            /// # Errors
            ///
            /// When the value does not fit the variant's object (an unknown member, a wrong type).
            pub fn from_tagged(tag: Option<&str>, value: mutaspec_runtime::serde_json::Value) -> Result<Self, mutaspec_runtime::serde_json::Error> {
                match tag {
                    #(#reads)*
                    _ => Ok(Self::#untagged(value)),
                }
            }

            /// The tag value of the variant (`None` for an untagged value).
            #[must_use]
            pub fn tag(&self) -> Option<&'static str> {
                match self {
                    #(#tags)*
                    Self::#untagged(_) => None,
                }
            }
        }
    }
}

fn serde_attrs(f: &Field, clear: Option<&Clear>) -> TokenStream {
    let plain = f.rust.trim_start_matches("r#");
    let rename = (plain != f.wire).then(|| {
        let w = lit(&f.wire);
        quote! { rename = #w, }
    });
    match clear {
        None => quote! { #[serde(#rename skip_serializing_if = "Option::is_none")] },
        // A cleared field is sent as `null`, an absent one not at all.
        Some(Clear::Null) => quote! { #[serde(#rename skip_serializing_if = "mutaspec_runtime::Patch::is_absent")] },
        Some(Clear::Sentinel(_)) => quote! {
            #[serde(#rename skip_serializing_if = "mutaspec_runtime::Patch::is_absent", serialize_with = "mutaspec_runtime::patch::by_empty::serialize")]
        },
    }
}

/// The Rust type of field `f` of object type `owner`: boxed where the type would otherwise
/// contain itself ([`tys::boxed`]), the box inside `Sensitive`.
fn field_type(api: &Api, ep: Option<&Endpoint>, owner: &str, f: &Field) -> TokenStream {
    match &f.ty {
        Some(t @ Ty::Named(n)) if tys::boxed(api, ep, owner, t) => {
            let n = ident(n);
            if f.sensitive {
                quote! { mutaspec_runtime::Sensitive<Box<#n>> }
            } else {
                quote! { Box<#n> }
            }
        }
        // `T | string` holding `owner` again: the object is boxed inside.
        Some(Ty::OrId(n)) if tys::boxed(api, ep, owner, &Ty::Named(n.clone())) => {
            let n = ident(n);
            let t = quote! { mutaspec_runtime::OrId<Box<#n>> };
            if f.sensitive {
                quote! { mutaspec_runtime::Sensitive<#t> }
            } else {
                t
            }
        }
        // A map whose entries a `null` deletes (`clear_entries`): its values are options.
        Some(Ty::Map(i)) if f.clear_entries => {
            let i = tys::rust(i, f.sensitive);
            quote! { std::collections::BTreeMap<String, Option<#i>> }
        }
        Some(t) => tys::rust(t, f.sensitive),
        None => quote! { mutaspec_runtime::serde_json::Value },
    }
}

fn field(api: &Api, ep: Option<&Endpoint>, owner: &str, f: &Field, strict: bool) -> TokenStream {
    let doc = docs::attr(&docs::field(api, ep, f));
    // Only request-side types clear: a response carries the provider's values.
    let clear = f.clear.as_ref().filter(|_| strict);
    let attrs = serde_attrs(f, clear);
    let name = ident(&f.rust);
    let ty = field_type(api, ep, owner, f);
    let ty = match clear {
        Some(_) => quote! { mutaspec_runtime::Patch<#ty> },
        None => quote! { Option<#ty> },
    };
    let allow = f.ty.as_ref().map(|t| tys::allow_complex(t, f.sensitive));
    quote! {
        #doc
        #attrs
        #allow
        pub #name: #ty,
    }
}
