//! Endpoint metadata: path parameters, method, path, hosts, auth and response, as an
//! implementation of the runtime's `Endpoint` trait (which builds the `http::Request`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, ident, lit};
use crate::model::{Auth, ClientAuth, ContentType, Endpoint, HeaderType, HeaderValue, ParamType, PathPart};

pub(crate) fn metadata(api: &str, ep: &Endpoint) -> TokenStream {
    let prefix = &ep.type_prefix;
    let marker = ident(prefix);
    let params_name = ident(&ep.params_name());
    let request = ident(&ep.request_name());
    let params = ep.params.iter().map(|p| {
        let n = ident(&p.rust);
        let ty = match p.ty {
            ParamType::Integer => quote! { i64 },
            ParamType::String => quote! { String },
        };
        let mut text = p
            .docs
            .as_deref()
            .map_or_else(|| format!("The `{}` path parameter.", p.name), docs::prose);
        if let Some(pat) = &p.pattern {
            text.push_str(&format!("\n\nMust match {}.", docs::code(pat)));
        }
        let d = docs::attr(&text);
        quote! { #d pub #n: #ty, }
    });
    let params_doc = lit(&format!(" The path parameters of [`{prefix}`]."));
    let path_body = path_fn_body(ep);
    let method = format_ident!("{}", ep.method.as_str());
    let name = lit(&format!("{api}::{}", ep.name));
    let template = lit(&ep.path_template());
    let production = lit(&ep.hosts.production);
    let staging = match &ep.hosts.staging {
        Some(s) => {
            let s = lit(s);
            quote! { Some(#s) }
        }
        None => quote! { None },
    };
    let choices = ep.auth.choices();
    let auth = scheme(choices[0].1);
    let (auth_items, auth_ty, auth_fn) = auth_choice(ep, &choices);
    let (header_items, headers_ty) = headers(ep);
    let body_format = match ep.content_type {
        ContentType::Json => quote! {},
        ContentType::MergePatch => {
            quote! { const BODY_FORMAT: mutaspec_runtime::BodyFormat = mutaspec_runtime::BodyFormat::MergePatch; }
        }
        ContentType::JsonApi => quote! { const BODY_FORMAT: mutaspec_runtime::BodyFormat = mutaspec_runtime::BodyFormat::JsonApi; },
        ContentType::Form => quote! { const BODY_FORMAT: mutaspec_runtime::BodyFormat = mutaspec_runtime::BodyFormat::Form; },
    };
    let response = match &ep.response.body {
        Some(t) => {
            let t = ident(t);
            quote! { #t }
        }
        None => quote! { mutaspec_runtime::endpoint::NoContent },
    };
    let status = ep.response.status;
    let marker_doc = docs::attr(&format!(
        "{}\n\nUse it through [`mutaspec_runtime::endpoint::Endpoint`]: `{prefix}::http_request(...)`.",
        docs::endpoint_summary(ep)
    ));
    let derive_default = ep.params.is_empty().then(|| quote! { Default, });
    let pattern_checks: Vec<TokenStream> = ep
        .params
        .iter()
        .filter(|p| p.ty == ParamType::String)
        .map(|p| {
            let n = ident(&p.rust);
            let key = lit(&p.name);
            let pattern = p.pattern.as_ref().map(|pat| {
                let msg = lit(&format!("must match `{pat}`"));
                let pat = lit(pat);
                quote! {
                    if !mutaspec_runtime::pattern::matches(#pat, &self.#n) {
                        out.record(&root.key(#key), mutaspec_runtime::Rule::Pattern, #msg, None);
                    }
                }
            });
            // An empty, `.` or `..` value would send the request to another URL.
            quote! {
                match self.#n.as_str() {
                    "" => out.record(&root.key(#key), mutaspec_runtime::Rule::MinLength, "must not be empty: the request would go to another URL", None),
                    "." | ".." => out.record(&root.key(#key), mutaspec_runtime::Rule::Pattern, "must not be `.` or `..`: the request would go to another URL", None),
                    _ => {}
                }
                #pattern
            }
        })
        .collect();
    let validate_body = if pattern_checks.is_empty() {
        quote! { Ok(()) }
    } else {
        quote! {
            let mut out = mutaspec_runtime::Violations::new();
            let root = mutaspec_runtime::Path::root();
            #(#pattern_checks)*
            out.into_result()
        }
    };
    quote! {
        #[doc = #params_doc]
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        pub struct #params_name {
            #(#params)*
        }

        impl #params_name {
            /// Checks the path parameters: a string one must not be empty, `.` or `..`
            /// (the request would go to another URL), and must match its documented
            /// pattern.
            ///
            /// # Errors
            /// Every parameter that does not pass, by name.
            pub fn validate(&self) -> Result<(), mutaspec_runtime::Violations> {
                #validate_body
            }
        }

        #marker_doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct #marker;

        #auth_items
        #header_items

        impl mutaspec_runtime::endpoint::Endpoint for #marker {
            type Params = #params_name;
            type Request = #request;
            type Response = #response;
            const NAME: &'static str = #name;
            const METHOD: mutaspec_runtime::http::Method = mutaspec_runtime::http::Method::#method;
            const PATH_TEMPLATE: &'static str = #template;
            const PRODUCTION: &'static str = #production;
            const STAGING: Option<&'static str> = #staging;
            const AUTH: mutaspec_runtime::AuthScheme = #auth;
            #body_format
            type Headers = #headers_ty;
            type Auth = #auth_ty;
            const SUCCESS_STATUS: u16 = #status;

            #auth_fn

            fn path(params: &Self::Params) -> Result<String, mutaspec_runtime::RequestError> {
                #path_body
            }
        }
    }
}

/// Builds the path, percent-encoding string parameters so they stay one segment.
fn path_fn_body(ep: &Endpoint) -> TokenStream {
    if ep.params.is_empty() {
        let t = lit(&ep.path_template());
        return quote! { let _ = params; Ok(String::from(#t)) };
    }
    let pushes = ep.path.iter().map(|part| match part {
        PathPart::Literal(s) => {
            let s = lit(s);
            quote! { path.push_str(#s); }
        }
        PathPart::Param(name) => {
            let Some(p) = ep.params.iter().find(|p| p.name == *name) else {
                return quote! {};
            };
            let n = ident(&p.rust);
            match p.ty {
                ParamType::Integer => quote! { path.push_str(&params.#n.to_string()); },
                ParamType::String => {
                    let key = lit(&p.name);
                    quote! { path.push_str(&mutaspec_runtime::http_support::path_segment(#key, &params.#n)?); }
                }
            }
        }
    });
    let cap = ep.path_template().len() + 16;
    quote! {
        let mut path = String::with_capacity(#cap);
        #(#pushes)*
        Ok(path)
    }
}

/// The runtime's `AuthScheme` value of one scheme.
fn scheme(a: &Auth) -> TokenStream {
    match a {
        Auth::Bearer { api_key_header: Some(h) } => {
            let h = lit(h);
            quote! { mutaspec_runtime::AuthScheme::Bearer { api_key_header: Some(#h) } }
        }
        Auth::Bearer { api_key_header: None } => quote! { mutaspec_runtime::AuthScheme::Bearer { api_key_header: None } },
        Auth::Basic => quote! { mutaspec_runtime::AuthScheme::Basic },
        Auth::ApiKey { header, prefix } => {
            let h = lit(header);
            let p = match prefix {
                Some(p) => {
                    let p = lit(p);
                    quote! { Some(#p) }
                }
                None => quote! { None },
            };
            quote! { mutaspec_runtime::AuthScheme::ApiKey { header: #h, prefix: #p } }
        }
        Auth::OAuth2 {
            token_url,
            scopes,
            client_auth,
        } => {
            let url = lit(token_url);
            let scopes = scopes.iter().map(|s| lit(s));
            let client = match client_auth {
                ClientAuth::Basic => quote! { Basic },
                ClientAuth::Body => quote! { Body },
            };
            quote! {
                mutaspec_runtime::AuthScheme::OAuth2(mutaspec_runtime::http_support::OAuth2 {
                    token_url: #url,
                    scopes: &[#(#scopes),*],
                    client_auth: mutaspec_runtime::http_support::ClientAuth::#client,
                })
            }
        }
        // `choices()` never yields a choice.
        Auth::OneOf(_) => quote! { mutaspec_runtime::AuthScheme::Basic },
    }
}

/// The auth choice enum (several schemes), its type for `Endpoint::Auth`, and
/// `auth_scheme`.
fn auth_choice(ep: &Endpoint, choices: &[(&str, &Auth)]) -> (TokenStream, TokenStream, TokenStream) {
    if choices.len() < 2 {
        return (
            quote! {},
            quote! { mutaspec_runtime::Documented },
            quote! {
                fn auth_scheme(_: mutaspec_runtime::Documented) -> mutaspec_runtime::AuthScheme {
                    Self::AUTH
                }
            },
        );
    }
    let name = ident(&ep.auth_name());
    let variants: Vec<_> = choices
        .iter()
        .map(|(n, _)| ident(&crate::resolve::names::derived_type(crate::resolve::names::camel(n))))
        .collect();
    let docs = choices
        .iter()
        .map(|(n, a)| docs::attr(&format!("{} ({}).", docs::code(n), docs::auth(a))));
    let schemes = choices.iter().map(|(_, a)| scheme(a));
    let doc = docs::attr(&format!(
        "The auth schemes [`{}`] documents: the caller picks one and gives its credentials.",
        ep.type_prefix
    ));
    let arms = variants.iter().zip(schemes).map(|(v, s)| quote! { #name::#v => #s, });
    (
        quote! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#docs #variants,)*
            }
        },
        quote! { #name },
        quote! {
            fn auth_scheme(auth: #name) -> mutaspec_runtime::AuthScheme {
                match auth {
                    #(#arms)*
                }
            }
        },
    )
}

fn header_ty(t: HeaderType) -> TokenStream {
    match t {
        HeaderType::String => quote! { String },
        HeaderType::Integer => quote! { i64 },
        HeaderType::IdempotencyKey => quote! { mutaspec_runtime::http_support::IdempotencyKey },
        HeaderType::ETag => quote! { mutaspec_runtime::http_support::ETag },
    }
}

/// The value of a typed header as `&str` (a `let` for an integer).
fn header_text(t: HeaderType, value: TokenStream) -> TokenStream {
    match t {
        HeaderType::String => quote! { #value.as_str() },
        HeaderType::Integer => quote! { #value.to_string().as_str() },
        HeaderType::IdempotencyKey | HeaderType::ETag => quote! { #value.as_str() },
    }
}

/// The documented headers struct and its `RequestHeaders` impl, and the type for
/// `Endpoint::Headers`.
fn headers(ep: &Endpoint) -> (TokenStream, TokenStream) {
    if ep.headers.is_empty() {
        return (quote! {}, quote! { mutaspec_runtime::http_support::NoHeaders });
    }
    let name = ident(&ep.headers_name());
    let fields = ep.headers.iter().filter_map(|h| {
        let HeaderValue::Typed(t) = &h.value else { return None };
        let n = ident(&h.rust);
        let ty = header_ty(*t);
        let ty = if h.required {
            ty
        } else {
            quote! { Option<#ty> }
        };
        let d = docs::attr(&docs::header(h));
        Some(quote! { #d pub #n: #ty, })
    });
    let sets = ep.headers.iter().map(|h| {
        let wire = lit(&h.name.to_ascii_lowercase());
        match &h.value {
            HeaderValue::Fixed(v) => {
                let v = lit(v);
                quote! { mutaspec_runtime::http_support::set_header(headers, #wire, #v)?; }
            }
            HeaderValue::Typed(t) => {
                let n = ident(&h.rust);
                if h.required {
                    let text = header_text(*t, quote! { self.#n });
                    quote! { mutaspec_runtime::http_support::set_header(headers, #wire, #text)?; }
                } else {
                    let text = header_text(*t, quote! { value });
                    quote! {
                        if let Some(value) = &self.#n {
                            mutaspec_runtime::http_support::set_header(headers, #wire, #text)?;
                        }
                    }
                }
            }
        }
    });
    let fixed: Vec<String> = ep
        .headers
        .iter()
        .filter(|h| matches!(h.value, HeaderValue::Fixed(_)))
        .map(docs::header)
        .collect();
    let mut text = format!("The documented request headers of [`{}`].", ep.type_prefix);
    if !fixed.is_empty() {
        text.push_str("\n\nAlways sent:\n");
        for f in fixed {
            text.push_str(&format!("\n- {f}"));
        }
    }
    let doc = docs::attr(&text);
    let default = ep.headers.iter().all(|h| !h.required).then(|| quote! { Default, });
    (
        quote! {
            #doc
            #[derive(Clone, Debug, #default PartialEq, Eq, Hash)]
            pub struct #name {
                #(#fields)*
            }

            impl mutaspec_runtime::http_support::RequestHeaders for #name {
                fn apply(&self, headers: &mut mutaspec_runtime::http::HeaderMap) -> Result<(), mutaspec_runtime::RequestError> {
                    #(#sets)*
                    Ok(())
                }
            }
        },
        quote! { #name },
    )
}
