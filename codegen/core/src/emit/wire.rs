//! How every generated struct deserializes: through a struct `Wire_` local to its
//! `Deserialize` impl (no spec type can take that name: they are UpperCamelCase, and
//! nothing is added to the module), read with serde's derive and handed a `mutaspec_runtime::wire::Object` so that only a JSON
//! object is read (the derive alone also reads an array, by position) and an unknown
//! member gets a did-you-mean. Fields whose type holds a map are read with
//! `mutaspec_runtime::wire::strict` (no repeated key, at any depth). Not-updatable
//! attributes are recognised by the wire struct and refused all at once, by name.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, lit};
use crate::model::{Clear, Ty};

/// A field of a generated struct, as its wire struct reads it.
pub(crate) struct WireField {
    /// The Rust name (`r#type`).
    pub rust: String,
    /// The wire name (`type`).
    pub wire: String,
    /// Other wire names read as this field (`aliases:`), never written.
    pub aliases: Vec<String>,
    /// How a clearable field (a `Patch`) is cleared; `None`: an `Option` or a setting.
    pub clear: Option<Clear>,
    /// The spec type, when it has one (for the map adapter).
    pub ty: Option<Ty>,
    /// The Rust type of the public field (`Option<String>`, or `bool` for a setting).
    pub rust_ty: TokenStream,
    /// For a field that is not an `Option`: the value an absent member takes.
    pub default: Option<TokenStream>,
    /// Lints allowed on the field (`tys::allow_complex`).
    pub allow: TokenStream,
}

/// A not-updatable attribute: recognised, then refused.
pub(crate) struct Refused {
    /// The wire name.
    pub wire: String,
    /// Why, as the spec documents it.
    pub reason: String,
}

/// The wire struct of `name` and the `Deserialize` impl of `name` through it. `deny`:
/// unknown members are refused (everything but response-side types).
///
/// The deserializer's type parameter is `__D`, a name no spec type takes (they are
/// UpperCamelCase): the wire struct inside the function sees it, and a type `D` (from a
/// field `d`) would be that parameter there (E0401).
pub(crate) fn deserialize(name: &str, fields: &[WireField], refused: &[Refused], deny: bool) -> TokenStream {
    read(name, fields, refused, deny, false, false)
}

/// [`deserialize`], and `request`: a request-side struct, read through
/// `Object::request` (a member sent as `null` is refused unless its field is a
/// clearable `Patch`).
pub(crate) fn deserialize_as(name: &str, fields: &[WireField], refused: &[Refused], deny: bool, request: bool) -> TokenStream {
    read(name, fields, refused, deny, request, false)
}

/// [`deserialize_as`] for an open object: unknown members are read into its
/// `additional` map (`#[serde(flatten)]`) rather than refused.
pub(crate) fn deserialize_open(name: &str, fields: &[WireField], refused: &[Refused], request: bool) -> TokenStream {
    read(name, fields, refused, false, request, true)
}

fn read(name: &str, fields: &[WireField], refused: &[Refused], deny: bool, request: bool, open: bool) -> TokenStream {
    let ty_name = ident(name);
    let additional = ident(crate::model::Object::ADDITIONAL);
    let (keep, keep_move) = if open {
        (
            Some(quote! {
                #[serde(flatten)]
                #additional: std::collections::BTreeMap<String, mutaspec_runtime::serde_json::Value>,
            }),
            Some(quote! { #additional: wire.#additional, }),
        )
    } else {
        (None, None)
    };
    let wire_name = format_ident!("Wire_");
    let deny = deny.then(|| quote! { #[serde(deny_unknown_fields)] });
    let wire_fields = fields.iter().map(|f| {
        let n = ident(&f.rust);
        let plain = f.rust.trim_start_matches("r#");
        let rename = (plain != f.wire).then(|| {
            let w = lit(&f.wire);
            quote! { rename = #w, }
        });
        let with = match (&f.default, f.ty.as_ref().filter(|t| holds_map(t)), &f.clear) {
            // An absent member takes the default; `null` is refused like any non-value.
            (Some(_), _, _) => Some(lit("mutaspec_runtime::wire::some")),
            (None, Some(t), Some(Clear::Null)) => Some(lit(&format!("mutaspec_runtime::wire::patched::<{}, _, _>", adapter(t)))),
            (None, Some(t), Some(Clear::Sentinel(_))) => {
                Some(lit(&format!("mutaspec_runtime::wire::patched_by_empty::<{}, _, _>", adapter(t))))
            }
            (None, None, Some(Clear::Sentinel(_))) => Some(lit("mutaspec_runtime::patch::by_empty::deserialize")),
            (None, None, Some(Clear::Null)) => None,
            (None, Some(t), None) => Some(lit(&format!(
                "mutaspec_runtime::wire::strict::<mutaspec_runtime::wire::Opt<{}>, _, _>",
                adapter(t)
            ))),
            (None, None, None) => None,
        };
        let with = with.map(|w| quote! { , deserialize_with = #w });
        let aliases = f.aliases.iter().map(|a| {
            let a = lit(a);
            quote! { , alias = #a }
        });
        // A discriminated union is read as JSON, then as the variant its tag names.
        let tagged_ty = quote! { Option<mutaspec_runtime::serde_json::Value> };
        let ty = if matches!(f.ty, Some(Ty::Tagged(_))) {
            &tagged_ty
        } else {
            &f.rust_ty
        };
        let ty = if f.default.is_some() {
            quote! { Option<#ty> }
        } else {
            quote! { #ty }
        };
        let allow = &f.allow;
        quote! {
            #[serde(#rename default #with #(#aliases)*)]
            #allow
            #n: #ty,
        }
    });
    let flags = refused.iter().enumerate().map(|(i, r)| {
        let w = lit(&r.wire);
        let n = format_ident!("not_updatable_{}", i);
        quote! {
            #[serde(rename = #w, default, deserialize_with = "mutaspec_runtime::wire::present")]
            #n: bool,
        }
    });
    let refuse = (!refused.is_empty()).then(|| {
        let attrs = refused.iter().enumerate().map(|(i, r)| {
            let n = format_ident!("not_updatable_{}", i);
            let (w, why) = (lit(&r.wire), lit(&r.reason));
            quote! { (wire.#n, #w, #why) }
        });
        quote! { mutaspec_runtime::wire::refuse::<__D::Error>(&[#(#attrs),*])?; }
    });
    let unions = fields.iter().filter_map(|f| {
        let Some(Ty::Tagged(t)) = &f.ty else { return None };
        let n = ident(&f.rust);
        let u = format_ident!("union_{}", f.rust.trim_start_matches("r#"));
        let e = ident(&t.name);
        let tag = match fields.iter().find(|s| s.wire == t.tag) {
            Some(WireField {
                rust,
                ty: Some(Ty::Named(e)),
                ..
            }) => {
                let (s, e) = (ident(rust), ident(e));
                quote! { wire.#s.as_ref().map(#e::as_str) }
            }
            Some(s) => {
                let s = ident(&s.rust);
                quote! { wire.#s.as_deref() }
            }
            None => quote! { None },
        };
        Some(quote! {
            let #u = match wire.#n {
                Some(v) => Some(#e::from_tagged(#tag, v).map_err(<__D::Error as mutaspec_runtime::serde::de::Error>::custom)?),
                None => None,
            };
        })
    });
    let moves = fields.iter().map(|f| {
        let n = ident(&f.rust);
        if matches!(f.ty, Some(Ty::Tagged(_))) {
            let u = format_ident!("union_{}", f.rust.trim_start_matches("r#"));
            return quote! { #n: #u, };
        }
        match &f.default {
            Some(d) => quote! { #n: wire.#n.unwrap_or(#d), },
            None => quote! { #n: wire.#n, },
        }
    });
    let doc = lit(&format!(" The wire form of [`{name}`]: what serde's derive reads."));
    let name_lit = lit(name);
    let reader = if request { format_ident!("request") } else { format_ident!("new") };
    let bind = if fields.is_empty() && refused.is_empty() && !open {
        quote! { let _: #wire_name = }
    } else {
        quote! { let wire: #wire_name = }
    };
    quote! {
        impl<'de> mutaspec_runtime::serde::Deserialize<'de> for #ty_name {
            /// Reads a JSON object only (not an array), with no repeated map key.
            fn deserialize<__D: mutaspec_runtime::serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                #[doc = #doc]
                #[allow(non_camel_case_types)]
                #[derive(mutaspec_runtime::serde::Deserialize)]
                #[serde(crate = "mutaspec_runtime::serde")]
                #deny
                struct #wire_name {
                    #(#wire_fields)*
                    #(#flags)*
                    #keep
                }
                #bind mutaspec_runtime::serde::Deserialize::deserialize(mutaspec_runtime::wire::Object::#reader(deserializer, #name_lit))?;
                #refuse
                #(#unions)*
                Ok(Self { #(#moves)* #keep_move })
            }
        }
    }
}

/// Whether a type holds a map somewhere.
fn holds_map(ty: &Ty) -> bool {
    match ty {
        // A free-form JSON value holds objects: read with no repeated key either.
        Ty::Map(_) | Ty::Json | Ty::Tagged(_) => true,
        Ty::List(i) => holds_map(i),
        _ => false,
    }
}

/// The runtime adapter reading a value of `ty` (`Map<Same>` for `map<string>`).
fn adapter(ty: &Ty) -> String {
    match ty {
        Ty::Map(i) => format!("mutaspec_runtime::wire::Map<{}>", adapter(i)),
        Ty::List(i) => format!("mutaspec_runtime::wire::List<{}>", adapter(i)),
        Ty::Json | Ty::Tagged(_) => "mutaspec_runtime::wire::Json".to_owned(),
        _ => "mutaspec_runtime::wire::Same".to_owned(),
    }
}
