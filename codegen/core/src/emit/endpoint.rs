//! Endpoint metadata: path parameters, method, path, hosts, auth and response, as an
//! implementation of the runtime's `Endpoint` trait (which builds the `http::Request`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, ident, lit};
use crate::model::{Auth, Endpoint, ParamType, PathPart};

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
    let auth = match &ep.auth {
        Auth::Bearer { api_key_header: Some(h) } => {
            let h = lit(h);
            quote! { mutaspec_runtime::AuthScheme::Bearer { api_key_header: Some(#h) } }
        }
        Auth::Bearer { api_key_header: None } => quote! { mutaspec_runtime::AuthScheme::Bearer { api_key_header: None } },
        Auth::Basic => quote! { mutaspec_runtime::AuthScheme::Basic },
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
            const SUCCESS_STATUS: u16 = #status;

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
