//! Error enums from an API's error catalogue.
//!
//! One `#[non_exhaustive]` enum per catalogue (`HelixError`): a variant per documented
//! code, with a `String` field per template parameter; `Common` for the documented
//! common range and `Unknown` for any other code, so a lookup by code never fails.
//! Messages are emitted as string literals, byte for byte the spec's; the runtime fills
//! (`render_template`) and reads back (`match_template`) their placeholders.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{docs, ident, lit};
use crate::model::{Api, ErrorCatalog, ErrorCode};

/// The error enum of `api`, or nothing when it has no catalogue.
pub(crate) fn emit(api: &Api) -> TokenStream {
    api.errors.as_ref().map_or_else(TokenStream::new, catalogue)
}

/// A variant's field: its Rust name and the placeholders it fills.
struct Param<'a> {
    rust: &'a str,
    placeholders: Vec<&'a str>,
}

/// A code's fields, one per distinct Rust name, in message order.
fn params(c: &ErrorCode) -> Vec<Param<'_>> {
    let mut out: Vec<Param<'_>> = Vec::new();
    for (placeholder, rust) in &c.params {
        match out.iter_mut().find(|p| p.rust == rust) {
            Some(p) if !p.placeholders.contains(&placeholder.as_str()) => p.placeholders.push(placeholder),
            Some(_) => {}
            None => out.push(Param {
                rust,
                placeholders: vec![placeholder],
            }),
        }
    }
    out
}

fn code_lit(code: u32) -> Literal {
    Literal::u32_unsuffixed(code)
}

/// `Self::Name` or `Self::Name { .. }`: matches the variant without binding.
fn pattern(c: &ErrorCode) -> TokenStream {
    let v = ident(&c.name);
    if c.params.is_empty() {
        quote! { Self::#v }
    } else {
        quote! { Self::#v { .. } }
    }
}

fn catalogue(cat: &ErrorCatalog) -> TokenStream {
    let name = ident(&cat.name);
    let doc = docs::attr(&enum_doc(cat));
    let variants = cat.codes.iter().map(variant);
    let common_variant = cat.common.as_ref().map(|c| {
        let d = docs::attr(&common_doc(c.from, c.to, &c.message, c.notes.as_deref()));
        quote! {
            #d
            Common {
                /// The code.
                code: u32,
                /// The provider's message, when it sent one.
                message: Option<String>,
            },
        }
    });
    let codes = cat.codes.iter().map(|c| code_lit(c.code));
    let server = cat.codes.iter().filter(|c| c.server_only).map(|c| code_lit(c.code));
    let common_const = match &cat.common {
        Some(c) => {
            let (from, to) = (code_lit(c.from), code_lit(c.to));
            quote! { Some(#from..=#to) }
        }
        None => quote! { None },
    };
    let methods = methods(cat);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #common_variant
            /// A code the spec does not document (the provider may have added it).
            Unknown {
                /// The code.
                code: u32,
                /// The provider's message, when it sent one.
                message: Option<String>,
            },
        }

        impl #name {
            /// The documented codes, in spec order (the common range not included).
            pub const CODES: &'static [u32] = &[#(#codes),*];
            /// The documented codes only the provider can detect (`check: server`).
            pub const SERVER_ONLY: &'static [u32] = &[#(#server),*];
            /// The range of common codes, documented elsewhere.
            pub const COMMON: Option<std::ops::RangeInclusive<u32>> = #common_const;

            #methods
        }

        impl std::fmt::Display for #name {
            /// `code: message`, the message rendered with the parameters.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let code = self.code();
                let message = self.message();
                if message.is_empty() {
                    write!(f, "{code}: unknown error code")
                } else {
                    write!(f, "{code}: {message}")
                }
            }
        }

        impl std::error::Error for #name {}

        impl mutaspec_runtime::ErrorCatalog for #name {
            fn code(&self) -> u32 {
                #name::code(self)
            }

            fn from_code(code: u32, params: &[(&str, &str)]) -> Self {
                #name::from_code(code, params)
            }

            fn template(&self) -> &'static str {
                #name::template(self)
            }
        }
    }
}

fn methods(cat: &ErrorCatalog) -> TokenStream {
    let code_arms = cat.codes.iter().map(|c| {
        let (p, n) = (pattern(c), code_lit(c.code));
        quote! { #p => #n, }
    });
    let template_arms = cat.codes.iter().map(|c| {
        let (p, m) = (pattern(c), lit(&c.message));
        quote! { #p => #m, }
    });
    let common_template = cat.common.as_ref().map(|c| {
        let m = lit(&c.message);
        quote! { Self::Common { .. } => #m, }
    });
    let catch_all_code = match cat.common {
        Some(_) => quote! { Self::Common { code, .. } | Self::Unknown { code, .. } => *code, },
        None => quote! { Self::Unknown { code, .. } => *code, },
    };
    let message = message_fn(cat);
    let from_code = from_code_fn(cat);
    let from_provider = from_provider_fns(cat);
    let notes_arms: Vec<TokenStream> = cat
        .codes
        .iter()
        .filter_map(|c| {
            let n = lit(c.notes.as_deref()?);
            let p = pattern(c);
            Some(quote! { #p => Some(#n), })
        })
        .collect();
    let common_notes = cat.common.as_ref().and_then(|c| c.notes.as_deref()).map(|n| {
        let n = lit(n);
        quote! { Self::Common { .. } => Some(#n), }
    });
    let notes_body = if notes_arms.is_empty() && common_notes.is_none() {
        quote! { None }
    } else {
        quote! {
            match self {
                #(#notes_arms)*
                #common_notes
                _ => None,
            }
        }
    };
    quote! {
        /// The provider's numeric code.
        #[must_use]
        pub fn code(&self) -> u32 {
            match self {
                #(#code_arms)*
                #catch_all_code
            }
        }

        /// The documented message template, verbatim, placeholders unfilled. For a
        /// common code, the common range's message; for an unknown code, `""`.
        #[must_use]
        pub fn template(&self) -> &'static str {
            match self {
                #(#template_arms)*
                #common_template
                Self::Unknown { .. } => "",
            }
        }

        #message

        #from_code

        #from_provider

        /// Whether only the provider can detect this error: its code is one of
        /// [`Self::SERVER_ONLY`], which a client cannot check before sending.
        #[must_use]
        pub fn is_server_only(&self) -> bool {
            Self::SERVER_ONLY.contains(&self.code())
        }

        /// The documented notes, verbatim.
        #[must_use]
        pub fn notes(&self) -> Option<&'static str> {
            #notes_body
        }
    }
}

/// `message()`: the template rendered with the variant's parameters.
fn message_fn(cat: &ErrorCatalog) -> TokenStream {
    let units: Vec<TokenStream> = cat.codes.iter().filter(|c| c.params.is_empty()).map(pattern).collect();
    let unit_arm = (!units.is_empty()).then(|| quote! { #(#units)|* => self.template().to_owned(), });
    let param_arms = cat.codes.iter().filter(|c| !c.params.is_empty()).map(|c| {
        let v = ident(&c.name);
        let ps = params(c);
        let fields = ps.iter().map(|p| ident(p.rust));
        let pairs = ps.iter().flat_map(|p| {
            let f = ident(p.rust);
            p.placeholders.iter().map(move |ph| {
                let ph = lit(ph);
                quote! { (#ph, #f.as_str()) }
            })
        });
        quote! {
            Self::#v { #(#fields),* } => mutaspec_runtime::errors::render_template(self.template(), &[#(#pairs),*]),
        }
    });
    let common_arm = cat.common.as_ref().map(|_| {
        quote! { Self::Common { message, .. } => message.clone().unwrap_or_else(|| self.template().to_owned()), }
    });
    quote! {
        /// The message: the template with its parameters filled in. For a common or
        /// unknown code, the provider's message when it sent one, else the template.
        #[must_use]
        pub fn message(&self) -> String {
            match self {
                #unit_arm
                #(#param_arms)*
                #common_arm
                Self::Unknown { message, .. } => message.clone().unwrap_or_default(),
            }
        }
    }
}

/// `from_code()`: the total lookup by code.
fn from_code_fn(cat: &ErrorCatalog) -> TokenStream {
    let any_params = cat.codes.iter().any(|c| !c.params.is_empty());
    let param_fn = if any_params {
        quote! {
            let param = |names: &[&str]| params.iter().find(|(name, _)| names.contains(name)).map_or_else(String::new, |(_, value)| (*value).to_owned());
        }
    } else {
        quote! { let _ = params; }
    };
    let arms = cat.codes.iter().map(|c| {
        let v = ident(&c.name);
        let n = code_lit(c.code);
        if c.params.is_empty() {
            return quote! { #n => Self::#v, };
        }
        let fields = params(c).into_iter().map(|p| {
            let f = ident(p.rust);
            let mut names = vec![p.rust];
            names.extend(p.placeholders.iter().filter(|ph| **ph != p.rust));
            let names = names.into_iter().map(lit);
            quote! { #f: param(&[#(#names),*]) }
        });
        quote! { #n => Self::#v { #(#fields),* }, }
    });
    let common = cat.common.as_ref().map(|c| {
        let (from, to) = (code_lit(c.from), code_lit(c.to));
        quote! { code if (#from..=#to).contains(&code) => Self::Common { code, message: None }, }
    });
    let others = if cat.common.is_some() {
        "Codes in the common range are `Common`, any other code"
    } else {
        "Any other code is"
    };
    let doc = docs::attr(&format!(
        "The error for `code`. A documented code's parameters are looked up in `params`\nby Rust name (`tag`) or placeholder (`0`); a missing one is the empty string.\n{others} `Unknown`. Never fails."
    ));
    let arms: Vec<TokenStream> = arms.collect();
    // No documented code and no common range: every code is `Unknown`, and a `match`
    // with only the binding arm is clippy::match_single_binding.
    let body = if arms.is_empty() && common.is_none() {
        quote! { Self::Unknown { code, message: None } }
    } else {
        quote! {
            match code {
                #(#arms)*
                #common
                code => Self::Unknown { code, message: None },
            }
        }
    };
    quote! {
        #doc
        #[must_use]
        pub fn from_code(code: u32, params: &[(&str, &str)]) -> Self {
            #param_fn
            #body
        }
    }
}

/// `from_provider()`, `from_provider_body()`, `from_violation()`.
fn from_provider_fns(cat: &ErrorCatalog) -> TokenStream {
    let any_params = cat.codes.iter().any(|c| !c.params.is_empty());
    let common_arm = cat
        .common
        .as_ref()
        .map(|_| quote! { Self::Common { code, .. } => Self::Common { code, message }, });
    let documented = if cat.codes.is_empty() {
        quote! {}
    } else if any_params {
        quote! {
            known => {
                let read = message.as_deref().and_then(|m| mutaspec_runtime::errors::match_template(known.template(), m));
                match read {
                    Some(params) if !params.is_empty() => Self::from_code(known.code(), &params),
                    _ => known,
                }
            }
        }
    } else {
        quote! { known => known, }
    };
    quote! {
        /// The error a provider reported. A documented code's parameters are read back
        /// from the provider's message when it has the template's shape (else they are
        /// empty); a common or unknown code keeps the provider's message.
        #[must_use]
        pub fn from_provider(body: mutaspec_runtime::ProviderErrorBody) -> Self {
            let message = body.message;
            match Self::from_code(body.code, &[]) {
                #common_arm
                Self::Unknown { code, .. } => Self::Unknown { code, message },
                #documented
            }
        }

        /// The error in a provider's error response body
        /// ([`mutaspec_runtime::ProviderErrorBody::parse`] lists the shapes read).
        ///
        /// # Errors
        /// A [`mutaspec_runtime::ParseError`] when the body is not JSON or holds no code.
        pub fn from_provider_body(body: &[u8]) -> Result<Self, mutaspec_runtime::ParseError> {
            mutaspec_runtime::ProviderErrorBody::parse(body).map(Self::from_provider)
        }

        /// The error a validation violation stands for, by its code; `None` when it has
        /// no code. A common or unknown code carries the violation's message.
        #[must_use]
        pub fn from_violation(violation: &mutaspec_runtime::Violation) -> Option<Self> {
            let code = violation.code?;
            Some(Self::from_provider(mutaspec_runtime::ProviderErrorBody { code, message: Some(violation.message.clone()) }))
        }
    }
}

fn enum_doc(cat: &ErrorCatalog) -> String {
    let mut out = cat
        .docs
        .as_deref()
        .map_or_else(|| "The provider's documented error codes.".to_owned(), docs::prose);
    out.push_str(&format!(
        "\n\nOne variant per documented code ({}), its message template kept verbatim. ",
        cat.codes.len()
    ));
    if let Some(c) = &cat.common {
        out.push_str(&format!("Codes {}-{} are `Common`; ", c.from, c.to));
    }
    out.push_str("any other code is `Unknown`.");
    out.push_str(&format!(
        " Look a code up with [`{0}::from_code`], read a provider's error response with [`{0}::from_provider_body`].",
        cat.name
    ));
    out
}

fn common_doc(from: u32, to: u32, message: &str, notes: Option<&str>) -> String {
    let mut out = format!("Codes {from}-{to}: {}", docs::prose(message));
    if let Some(n) = notes {
        out.push_str(&format!("\n\nNotes: {}", docs::prose(n)));
    }
    out
}

fn variant(c: &ErrorCode) -> TokenStream {
    let mut text = format!("Code {}: {}", c.code, docs::prose(&c.message));
    if c.server_only {
        text.push_str("\n\nServer-side only: a client cannot check it before sending.");
    }
    if let Some(n) = &c.notes {
        text.push_str(&format!("\n\nNotes: {}", docs::prose(n)));
    }
    let doc = docs::attr(&text);
    let v = ident(&c.name);
    if c.params.is_empty() {
        return quote! { #doc #v, };
    }
    let fields = params(c).into_iter().map(|p| {
        let f = ident(p.rust);
        let holes: Vec<String> = p.placeholders.iter().map(|ph| docs::code(&format!("{{{ph}}}"))).collect();
        let d = docs::attr(&format!("Fills {} in the message.", holes.join(", ")));
        quote! { #d #f: String, }
    });
    quote! {
        #doc
        #v { #(#fields)* },
    }
}

#[cfg(all(test, feature = "full"))]
mod tests {
    use super::*;
    use crate::diag::Loc;
    use crate::model::CommonRange;

    fn loc() -> Loc {
        Loc::file_start(std::path::Path::new("api.yaml").into())
    }

    fn code(code: u32, name: &str, message: &str, params: &[(&str, &str)]) -> ErrorCode {
        ErrorCode {
            code,
            name: name.into(),
            message: message.into(),
            params: params.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect(),
            server_only: false,
            notes: None,
            loc: loc(),
        }
    }

    fn render(cat: &ErrorCatalog) -> String {
        let file: syn::File = syn::parse2(catalogue(cat)).expect("the emitted enum parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn a_placeholder_used_twice_or_two_placeholders_named_alike_make_one_field() {
        let c = code(7, "Twice", "{a} then {a}, or {b}", &[("a", "x"), ("a", "x"), ("b", "x")]);
        let text = render(&ErrorCatalog {
            name: "DemoError".into(),
            docs: None,
            common: None,
            codes: vec![c],
            loc: loc(),
        });
        assert!(
            text.contains("Twice {\n        /// Fills `{a}`, `{b}` in the message.\n        x: String,\n    }"),
            "{text}"
        );
        assert!(text.contains(r#"("a", x.as_str()), ("b", x.as_str())"#), "{text}");
        assert!(text.contains(r#"x: param(&["x", "a", "b"])"#), "{text}");
    }

    #[test]
    fn without_a_common_range_or_parameters_there_is_no_common_variant_nor_lookup_closure() {
        let cat = ErrorCatalog {
            name: "DemoError".into(),
            docs: None,
            common: None,
            codes: vec![code(7, "E7", "x", &[])],
            loc: loc(),
        };
        let text = render(&cat);
        assert!(!text.contains("Common {") && !text.contains("Self::Common"), "{text}");
        assert!(text.contains("/// Any other code is `Unknown`."), "{text}");
        assert!(text.contains("let _ = params;"), "{text}");
        assert!(
            text.contains("pub const COMMON: Option<std::ops::RangeInclusive<u32>> = None;"),
            "{text}"
        );
    }

    #[test]
    fn messages_are_literals_byte_for_byte() {
        let mut cat = ErrorCatalog {
            name: "DemoError".into(),
            docs: None,
            common: None,
            codes: vec![code(1, "Quote", "\"Stray quote \\ and {{ braces", &[])],
            loc: loc(),
        };
        cat.common = Some(CommonRange {
            from: 1,
            to: 5,
            message: "Any \"Common\"".into(),
            notes: None,
        });
        let text = render(&cat);
        assert!(text.contains(r#"Self::Quote => "\"Stray quote \\ and {{ braces","#), "{text}");
        assert!(text.contains(r#"Self::Common { .. } => "Any \"Common\"","#), "{text}");
    }
}
