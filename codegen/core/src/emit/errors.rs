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
use crate::model::{Api, BodyPreset, ErrorCatalog, ErrorCode, ErrorKey};

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

/// The key of a code as a literal: `60301`, `"card_declined"`, `(402, "card_declined")`.
fn key_lit(cat: &ErrorCatalog, c: &ErrorCode) -> TokenStream {
    match (cat.key, &c.text) {
        (ErrorKey::StatusAndText, Some(t)) => {
            let s = Literal::u16_unsuffixed(c.status.unwrap_or_default());
            let t = lit(t);
            quote! { (#s, #t) }
        }
        (_, Some(t)) => {
            let t = lit(t);
            quote! { #t }
        }
        (_, None) => {
            let n = code_lit(c.code);
            quote! { #n }
        }
    }
}

/// The type of a code in `CODES`.
fn key_ty(cat: &ErrorCatalog) -> TokenStream {
    match cat.key {
        ErrorKey::Number | ErrorKey::Status => quote! { u32 },
        ErrorKey::Text => quote! { &'static str },
        ErrorKey::StatusAndText => quote! { (u16, &'static str) },
    }
}

/// The runtime shape constant of the catalogue's `body:`: the named shape's constant,
/// with the spec's `under:` and pointers in place of its own.
fn body_shape(cat: &ErrorCatalog) -> TokenStream {
    let b = &cat.body;
    // Pointers alone (no named shape) start from the default preset, its lists emptied below.
    let preset = match b.shape.unwrap_or(BodyPreset::Default) {
        BodyPreset::Default => quote! { DEFAULT },
        BodyPreset::Problem => quote! { PROBLEM },
        BodyPreset::JsonApi => quote! { JSON_API },
        BodyPreset::Stripe => quote! { STRIPE },
    };
    let base = quote! { mutaspec_runtime::errors::ErrorBodyShape::#preset };
    let custom = b.shape.is_none();
    let mut fields: Vec<TokenStream> = Vec::new();
    if !b.under.is_empty() {
        let u = lit(&b.under);
        fields.push(quote! { under: #u });
    }
    if custom {
        fields.push(quote! { objects: &[""] });
        fields.push(quote! { kind: &[] });
    }
    for (name, p) in [
        ("code", &b.code),
        ("message", &b.message),
        ("field", &b.field),
        ("status", &b.status),
    ] {
        let f = ident(name);
        match p {
            Some(p) => {
                let p = lit(p);
                fields.push(quote! { #f: &[#p] });
            }
            None if custom => fields.push(quote! { #f: &[] }),
            None => {}
        }
    }
    if fields.is_empty() {
        return base;
    }
    // Every field given: no struct update (clippy::needless_update).
    let rest = (fields.len() < 7).then(|| quote! { ..#base });
    quote! { mutaspec_runtime::errors::ErrorBodyShape { #(#fields,)* #rest } }
}

fn catalogue(cat: &ErrorCatalog) -> TokenStream {
    let name = ident(&cat.name);
    let doc = docs::attr(&enum_doc(cat));
    let variants = cat.codes.iter().map(|c| variant(cat, c));
    let common_ident = ident(&cat.common_variant);
    let unknown = ident(&cat.unknown);
    let common_variant = cat.common.as_ref().map(|c| {
        let d = docs::attr(&common_doc(c.from, c.to, &c.message, c.notes.as_deref()));
        quote! {
            #d
            #common_ident {
                /// The code.
                code: u32,
                /// The provider's message, when it sent one.
                message: Option<String>,
            },
        }
    });
    let unknown_fields = match cat.key {
        ErrorKey::Number => quote! {
            /// The code.
            code: u32,
        },
        ErrorKey::Status => quote! {
            /// The HTTP status.
            code: u32,
        },
        ErrorKey::Text => quote! {
            /// The code.
            code: String,
        },
        ErrorKey::StatusAndText => quote! {
            /// The HTTP status.
            status: u16,
            /// The code.
            code: String,
        },
    };
    let ty = key_ty(cat);
    let codes = cat.codes.iter().map(|c| key_lit(cat, c));
    let server = cat.codes.iter().filter(|c| c.server_only).map(|c| key_lit(cat, c));
    let common_const = cat.key.numeric().then(|| {
        let value = match &cat.common {
            Some(c) => {
                let (from, to) = (code_lit(c.from), code_lit(c.to));
                quote! { Some(#from..=#to) }
            }
            None => quote! { None },
        };
        quote! {
            /// The range of common codes, documented elsewhere.
            pub const COMMON: Option<std::ops::RangeInclusive<u32>> = #value;
        }
    });
    let shape = body_shape(cat);
    let methods = methods(cat);
    let trait_impl = cat.key.numeric().then(|| {
        quote! {
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
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #common_variant
            /// A code the spec does not document (the provider may have added it).
            #unknown {
                #unknown_fields
                /// The provider's message, when it sent one.
                message: Option<String>,
            },
        }

        impl #name {
            /// The documented codes, in spec order (the common range not included).
            pub const CODES: &'static [#ty] = &[#(#codes),*];
            /// The documented codes only the provider can detect (`check: server`).
            pub const SERVER_ONLY: &'static [#ty] = &[#(#server),*];
            #common_const
            /// Where an error response body carries the code, the message and the
            /// offending field.
            pub const BODY: mutaspec_runtime::errors::ErrorBodyShape = #shape;

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

        #trait_impl
    }
}

fn methods(cat: &ErrorCatalog) -> TokenStream {
    let unknown = ident(&cat.unknown);
    let common_ident = ident(&cat.common_variant);
    let code_arms = cat.codes.iter().map(|c| {
        let p = pattern(c);
        let n = match &c.text {
            Some(t) => {
                let t = lit(t);
                quote! { #t }
            }
            None => {
                let n = code_lit(c.code);
                quote! { #n }
            }
        };
        quote! { #p => #n, }
    });
    let template_arms = cat.codes.iter().map(|c| {
        let (p, m) = (pattern(c), lit(&c.message));
        quote! { #p => #m, }
    });
    let common_template = cat.common.as_ref().map(|c| {
        let m = lit(&c.message);
        quote! { Self::#common_ident { .. } => #m, }
    });
    let catch_all_code = match (cat.common.is_some(), cat.key.numeric()) {
        (true, _) => quote! { Self::#common_ident { code, .. } | Self::#unknown { code, .. } => *code, },
        (false, true) => quote! { Self::#unknown { code, .. } => *code, },
        (false, false) => quote! { Self::#unknown { code, .. } => code, },
    };
    let (code_ty, code_doc) = match cat.key {
        ErrorKey::Number => (quote! { u32 }, "The provider's numeric code."),
        ErrorKey::Status => (quote! { u32 }, "The HTTP status that identifies the error."),
        ErrorKey::Text | ErrorKey::StatusAndText => (quote! { &str }, "The provider's code."),
    };
    let status_arms = cat.codes.iter().filter_map(|c| {
        let s = Literal::u16_unsuffixed(c.status?);
        let p = pattern(c);
        Some(quote! { #p => Some(#s), })
    });
    let status_catch = match cat.key {
        ErrorKey::Number => quote! { _ => None, },
        ErrorKey::Status => quote! { Self::#unknown { code, .. } => u16::try_from(*code).ok(), },
        ErrorKey::Text => quote! { _ => None, },
        ErrorKey::StatusAndText => quote! { Self::#unknown { status, .. } => Some(*status), },
    };
    let status_arms: Vec<TokenStream> = status_arms.collect();
    // In a status-keyed catalogue every variant has a status: the catch-all arm binds it.
    let status_body = if status_arms.is_empty() && matches!(cat.key, ErrorKey::Number | ErrorKey::Text) {
        quote! { None }
    } else {
        quote! {
            match self {
                #(#status_arms)*
                #status_catch
            }
        }
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
        quote! { Self::#common_ident { .. } => Some(#n), }
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
    let server_only = match cat.key {
        ErrorKey::Number | ErrorKey::Status | ErrorKey::Text => {
            quote! { Self::SERVER_ONLY.contains(&self.code()) }
        }
        ErrorKey::StatusAndText => {
            quote! { Self::SERVER_ONLY.iter().any(|(s, c)| Some(*s) == self.status() && *c == self.code()) }
        }
    };
    let code_doc = docs::attr(code_doc);
    quote! {
        #code_doc
        #[must_use]
        pub fn code(&self) -> #code_ty {
            match self {
                #(#code_arms)*
                #catch_all_code
            }
        }

        /// The documented HTTP status of the error, when the spec gives one (for an
        /// undocumented code of a status-keyed catalogue, its status).
        #[must_use]
        pub fn status(&self) -> Option<u16> {
            #status_body
        }

        /// The documented message template, verbatim, placeholders unfilled. For a
        /// common code, the common range's message; for an unknown code, `""`.
        #[must_use]
        pub fn template(&self) -> &'static str {
            match self {
                #(#template_arms)*
                #common_template
                Self::#unknown { .. } => "",
            }
        }

        #message

        #from_code

        #from_provider

        /// Whether only the provider can detect this error: its code is one of
        /// [`Self::SERVER_ONLY`], which a client cannot check before sending.
        #[must_use]
        pub fn is_server_only(&self) -> bool {
            #server_only
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
    let unknown = ident(&cat.unknown);
    let common_ident = ident(&cat.common_variant);
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
        quote! { Self::#common_ident { message, .. } => message.clone().unwrap_or_else(|| self.template().to_owned()), }
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
                Self::#unknown { message, .. } => message.clone().unwrap_or_default(),
            }
        }
    }
}

/// `from_code()` (or `from_status_code()`): the total lookup by key.
fn from_code_fn(cat: &ErrorCatalog) -> TokenStream {
    let unknown = ident(&cat.unknown);
    let common_ident = ident(&cat.common_variant);
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
        let n = key_lit(cat, c);
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
        quote! { code if (#from..=#to).contains(&code) => Self::#common_ident { code, message: None }, }
    });
    let others = if cat.common.is_some() {
        format!("Codes in the common range are `{}`, any other code", cat.common_variant)
    } else {
        "Any other code is".to_owned()
    };
    let what = match cat.key {
        ErrorKey::Number => "`code`",
        ErrorKey::Status => "the HTTP status `code`",
        ErrorKey::Text => "`code`",
        ErrorKey::StatusAndText => "the HTTP `status` and `code` together",
    };
    let doc = docs::attr(&format!(
        "The error for {what}. A documented code's parameters are looked up in `params`\nby Rust name (`tag`) or placeholder (`0`); a missing one is the empty string.\n{others} `{}`. Never fails.",
        cat.unknown
    ));
    let arms: Vec<TokenStream> = arms.collect();
    let fallback = match cat.key {
        ErrorKey::Number | ErrorKey::Status => quote! { Self::#unknown { code, message: None } },
        ErrorKey::Text => quote! { Self::#unknown { code: code.to_owned(), message: None } },
        ErrorKey::StatusAndText => {
            quote! { Self::#unknown { status, code: code.to_owned(), message: None } }
        }
    };
    // No documented code and no common range: every code is the catch-all, and a
    // `match` with only the binding arm is clippy::match_single_binding.
    let scrutinee = match cat.key {
        ErrorKey::StatusAndText => quote! { (status, code) },
        _ => quote! { code },
    };
    let body = if arms.is_empty() && common.is_none() {
        fallback
    } else {
        quote! {
            match #scrutinee {
                #(#arms)*
                #common
                _ => #fallback,
            }
        }
    };
    let signature = match cat.key {
        ErrorKey::Number | ErrorKey::Status => quote! { from_code(code: u32, params: &[(&str, &str)]) },
        ErrorKey::Text => quote! { from_code(code: &str, params: &[(&str, &str)]) },
        ErrorKey::StatusAndText => quote! { from_status_code(status: u16, code: &str, params: &[(&str, &str)]) },
    };
    quote! {
        #doc
        #[must_use]
        pub fn #signature -> Self {
            #param_fn
            #body
        }
    }
}

/// `with_message()`, `from_error_body()`, `read_error()`, `from_provider_body()`, and
/// for numeric catalogues `from_provider()` and `from_violation()`.
fn from_provider_fns(cat: &ErrorCatalog) -> TokenStream {
    let unknown = ident(&cat.unknown);
    let common_ident = ident(&cat.common_variant);
    let any_params = cat.codes.iter().any(|c| !c.params.is_empty());
    let common_arm = cat
        .common
        .as_ref()
        .map(|_| quote! { Self::#common_ident { code, .. } => Self::#common_ident { code, message }, });
    let unknown_arm = match cat.key {
        ErrorKey::StatusAndText => {
            quote! { Self::#unknown { status, code, .. } => Self::#unknown { status, code, message }, }
        }
        _ => quote! { Self::#unknown { code, .. } => Self::#unknown { code, message }, },
    };
    let relookup = match cat.key {
        ErrorKey::Number | ErrorKey::Status | ErrorKey::Text => quote! { Self::from_code(known.code(), &params) },
        ErrorKey::StatusAndText => {
            quote! { Self::from_status_code(known.status().unwrap_or_default(), known.code(), &params) }
        }
    };
    let documented = if cat.codes.is_empty() {
        quote! {}
    } else if any_params {
        quote! {
            known => {
                let read = message.as_deref().and_then(|m| mutaspec_runtime::errors::match_template(known.template(), m));
                match read {
                    Some(params) if !params.is_empty() => #relookup,
                    _ => known,
                }
            }
        }
    } else {
        quote! { known => known, }
    };
    let lookup = match cat.key {
        ErrorKey::Number => quote! { Self::from_code(body.numeric_code()?, &[]) },
        ErrorKey::Status => quote! { Self::from_code(u32::from(body.known_status()?), &[]) },
        ErrorKey::Text => quote! { Self::from_code(body.text_code()?, &[]) },
        ErrorKey::StatusAndText => quote! { Self::from_status_code(body.known_status()?, body.text_code()?, &[]) },
    };
    // A status-keyed catalogue needs only the status: an unreadable body still gives
    // the typed error.
    let read = if cat.key == ErrorKey::Status {
        quote! {
            let body = mutaspec_runtime::errors::ErrorBody::read(body, &Self::BODY, status)
                .unwrap_or_else(|_| mutaspec_runtime::errors::ErrorBody::from_status(status));
        }
    } else {
        quote! { let body = mutaspec_runtime::errors::ErrorBody::read(body, &Self::BODY, status)?; }
    };
    let numeric = cat.key.numeric().then(|| {
        quote! {
            /// The error a provider reported. A documented code's parameters are read back
            /// from the provider's message when it has the template's shape (else they are
            /// empty); a common or unknown code keeps the provider's message.
            #[must_use]
            pub fn from_provider(body: mutaspec_runtime::ProviderErrorBody) -> Self {
                Self::from_code(body.code, &[]).with_message(body.message)
            }

            /// The error a validation violation stands for, by its code; `None` when it has
            /// no code. A common or unknown code carries the violation's message.
            #[must_use]
            pub fn from_violation(violation: &mutaspec_runtime::Violation) -> Option<Self> {
                let code = violation.code?;
                Some(Self::from_provider(mutaspec_runtime::ProviderErrorBody { code, message: Some(violation.message.clone()) }))
            }
        }
    });
    quote! {
        /// The same error with the provider's message: a documented code's parameters
        /// are read back from it when it has the template's shape; a common or unknown
        /// code keeps it.
        #[must_use]
        pub fn with_message(self, message: Option<String>) -> Self {
            match self {
                #common_arm
                #unknown_arm
                #documented
            }
        }

        /// The error an error body stands for ([`Self::BODY`] read it).
        ///
        /// # Errors
        /// A [`mutaspec_runtime::ParseError`] when the body holds no key of the catalogue's
        /// kind.
        pub fn from_error_body(body: &mutaspec_runtime::errors::ErrorBody) -> Result<Self, mutaspec_runtime::ParseError> {
            Ok(#lookup.with_message(body.message.clone()))
        }

        /// Reads an error response: the typed error with the response's status, the
        /// provider's message and the offending field's path.
        ///
        /// # Errors
        /// A [`mutaspec_runtime::ParseError`] when the body is not JSON or holds no code
        /// where [`Self::BODY`] says.
        pub fn read_error(status: Option<u16>, body: &[u8]) -> Result<mutaspec_runtime::ProviderError<Self>, mutaspec_runtime::ParseError> {
            #read
            let error = Self::from_error_body(&body)?;
            Ok(mutaspec_runtime::ProviderError { error, body: Box::new(body) })
        }

        /// The error in a provider's error response body, read where [`Self::BODY`]
        /// says.
        ///
        /// # Errors
        /// A [`mutaspec_runtime::ParseError`] when the body is not JSON or holds no code.
        pub fn from_provider_body(body: &[u8]) -> Result<Self, mutaspec_runtime::ParseError> {
            Self::read_error(None, body).map(|e| e.error)
        }

        #numeric
    }
}

fn enum_doc(cat: &ErrorCatalog) -> String {
    let mut out = cat
        .docs
        .as_deref()
        .map_or_else(|| "The provider's documented error codes.".to_owned(), docs::prose);
    let keyed = match cat.key {
        ErrorKey::Number => "",
        ErrorKey::Text => " Codes are strings.",
        ErrorKey::Status => " Errors are identified by their HTTP status.",
        ErrorKey::StatusAndText => " Errors are identified by their HTTP status and string code together.",
    };
    out.push_str(&format!(
        "\n\nOne variant per documented code ({}), its message template kept verbatim.{keyed} ",
        cat.codes.len()
    ));
    if let Some(c) = &cat.common {
        out.push_str(&format!("Codes {}-{} are `{}`; ", c.from, c.to, cat.common_variant));
    }
    out.push_str(&format!("any other code is `{}`.", cat.unknown));
    let lookup = if cat.key == ErrorKey::StatusAndText {
        "from_status_code"
    } else {
        "from_code"
    };
    out.push_str(&format!(
        " Look a code up with [`{0}::{lookup}`], read a provider's error response with [`{0}::read_error`] (error bodies: {1}).",
        cat.name,
        docs::code(&cat.body.describe())
    ));
    if let Some(d) = cat.default {
        out.push_str(&format!(" A client-side violation whose rule names no code carries code {d}."));
    }
    out
}

fn common_doc(from: u32, to: u32, message: &str, notes: Option<&str>) -> String {
    let mut out = format!("Codes {from}-{to}: {}", docs::prose(message));
    if let Some(n) = notes {
        out.push_str(&format!("\n\nNotes: {}", docs::prose(n)));
    }
    out
}

fn variant(cat: &ErrorCatalog, c: &ErrorCode) -> TokenStream {
    let key = match (cat.key, &c.text) {
        (ErrorKey::Status, _) => format!("Status {}", c.code),
        (_, Some(t)) => format!("Code {}", docs::code(t)),
        (_, None) => format!("Code {}", c.code),
    };
    let status = match (cat.key, c.status) {
        (ErrorKey::Status, _) | (_, None) => String::new(),
        (_, Some(s)) => format!(" (HTTP {s})"),
    };
    let mut text = format!("{key}{status}: {}", docs::prose(&c.message));
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
    use crate::model::{CommonRange, ErrorBodyShape};

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
            text: None,
            status: None,
        }
    }

    fn cat(codes: Vec<ErrorCode>) -> ErrorCatalog {
        ErrorCatalog {
            name: "DemoError".into(),
            docs: None,
            common: None,
            codes,
            loc: loc(),
            key: ErrorKey::Number,
            body: ErrorBodyShape::default_shape(),
            default: None,
            unknown: "Unknown".into(),
            common_variant: "Common".into(),
        }
    }

    fn render(cat: &ErrorCatalog) -> String {
        let file: syn::File = syn::parse2(catalogue(cat)).expect("the emitted enum parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn a_placeholder_used_twice_or_two_placeholders_named_alike_make_one_field() {
        let c = code(7, "Twice", "{a} then {a}, or {b}", &[("a", "x"), ("a", "x"), ("b", "x")]);
        let text = render(&cat(vec![c]));
        assert!(
            text.contains("Twice {\n        /// Fills `{a}`, `{b}` in the message.\n        x: String,\n    }"),
            "{text}"
        );
        assert!(text.contains(r#"("a", x.as_str()), ("b", x.as_str())"#), "{text}");
        assert!(text.contains(r#"x: param(&["x", "a", "b"])"#), "{text}");
    }

    #[test]
    fn without_a_common_range_or_parameters_there_is_no_common_variant_nor_lookup_closure() {
        let text = render(&cat(vec![code(7, "E7", "x", &[])]));
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
        let mut cat = cat(vec![code(1, "Quote", "\"Stray quote \\ and {{ braces", &[])]);
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
