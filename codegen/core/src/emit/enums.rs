//! Enums of string values.
//!
//! Every enum keeps values outside the documented set in `Unrecognized(String)`: a
//! response may carry a value the provider added later (`open: true`), and a request
//! payload with an unknown value must reach the validator, which reports the provider's
//! code, rather than fail in serde.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, lit};
use crate::model::{EnumDef, TypeDef};

pub(crate) fn emit(t: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&t.name);
    let mut text = t.docs.as_deref().map_or_else(|| format!("The `{}` values.", t.name), docs::prose);
    let values: Vec<String> = e.values.iter().map(|v| docs::code(&v.wire)).collect();
    text.push_str(&format!("\n\nValues: {}.", values.join(", ")));
    if e.open {
        text.push_str(" The provider may add values: unknown ones are kept as `Unrecognized`.");
    } else {
        let code = e.error.map_or_else(String::new, |c| format!(" (code {c})"));
        text.push_str(&format!(" Any other value is `Unrecognized` and fails validation{code}."));
    }
    let doc = docs::attr(&text);
    let variants = e.values.iter().map(|v| {
        let id = ident(&v.rust);
        let text = match &v.label {
            Some(l) => format!("{}: {}", docs::code(&v.wire), docs::prose(l)),
            None => docs::code(&v.wire),
        };
        let text = if v.available.always() {
            text
        } else {
            format!("{text} (available {})", v.available.describe())
        };
        let d = docs::attr(&text);
        quote! { #d #id, }
    });
    // `label()` only where the spec gives labels: other enums stay as they were.
    let label_fn = e.values.iter().any(|v| v.label.is_some()).then(|| {
        let arms = e.values.iter().map(|v| {
            let id = ident(&v.rust);
            match &v.label {
                Some(l) => {
                    let l = lit(l);
                    quote! { Self::#id => Some(#l), }
                }
                None => quote! { Self::#id => None, },
            }
        });
        quote! {
            /// The value's label in the provider's docs; `None` for a value without one
            /// and for an unrecognized value.
            #[must_use]
            pub fn label(&self) -> Option<&'static str> {
                match self {
                    #(#arms)*
                    Self::Unrecognized(_) => None,
                }
            }
        }
    });
    let to_str = e.values.iter().map(|v| {
        let id = ident(&v.rust);
        let w = lit(&v.wire);
        quote! { Self::#id => #w, }
    });
    let from_str = e.values.iter().map(|v| {
        let id = ident(&v.rust);
        let w = lit(&v.wire);
        quote! { #w => Self::#id, }
    });
    let wires = e.values.iter().map(|v| lit(&v.wire));
    let open = e.open;
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value outside the documented set, kept as sent.
            Unrecognized(String),
        }

        impl #name {
            /// The documented wire values.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];
            /// Whether the provider may add values.
            pub const OPEN: bool = #open;

            /// The value as on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unrecognized(other) => other,
                }
            }

            /// The variant of a wire value; never fails.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unrecognized(other.to_owned()),
                }
            }

            /// Whether the value is a documented one.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unrecognized(_))
            }

            #label_fn
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            // Not `Self::Err`: a variant may be named `Err`.
            fn from_str(s: &str) -> Result<Self, std::convert::Infallible> {
                Ok(Self::from_wire(s))
            }
        }

        impl mutaspec_runtime::serde::Serialize for #name {
            fn serialize<S: mutaspec_runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> mutaspec_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: mutaspec_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                mutaspec_runtime::wire::deserialize_str(deserializer, Self::from_wire)
            }
        }
    }
}
