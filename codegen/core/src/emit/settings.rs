//! What an API module carries besides types: the program settings a caller knows about
//! its program (`ProgramSettings`), and the side effects a request can trigger
//! (`SideEffect`), both documented with the fields they concern.

use proc_macro2::TokenStream;
use quote::quote;

use super::wire::{self, WireField};
use super::{docs, ident, lit};
use crate::model::{Api, Field, LockKind, Setting, TypeKind};

/// Every field of the API with where it is declared: `update_customer::UpdateCustomerRequest.firstName`
/// for an endpoint's body or local type, `Address.addressLine1` for a shared type.
fn fields(api: &Api) -> Vec<(String, &Field)> {
    let mut out = Vec::new();
    for t in &api.types {
        if let TypeKind::Object(o) = &t.kind {
            out.extend(o.fields.iter().map(|f| (format!("{}.{}", t.name, f.wire), f)));
        }
    }
    for ep in &api.endpoints {
        out.extend(
            ep.body
                .fields
                .iter()
                .map(|f| (format!("{}::{}.{}", ep.name, ep.request_name(), f.wire), f)),
        );
        for t in &ep.types {
            if let TypeKind::Object(o) = &t.kind {
                out.extend(o.fields.iter().map(|f| (format!("{}::{}.{}", ep.name, t.name, f.wire), f)));
            }
        }
    }
    out
}

fn when_text(when: &[(String, String)]) -> String {
    if when.is_empty() {
        return String::new();
    }
    let conds: Vec<String> = when
        .iter()
        .map(|(k, v)| format!("{} is {}", docs::code(k), docs::code(v)))
        .collect();
    format!(" for items where {}", conds.join(" and "))
}

/// `ProgramSettings`: one `bool` per setting, empty when the API has none.
pub(crate) fn program_settings(api: &Api) -> TokenStream {
    let sites = fields(api);
    let wire_fields: Vec<WireField> = api
        .settings
        .iter()
        .map(|s| {
            let value = s.default;
            WireField {
                rust: s.rust.clone(),
                wire: s.name.clone(),
                aliases: Vec::new(),
                clear: None,
                ty: None,
                rust_ty: quote! { bool },
                default: Some(quote! { #value }),
                allow: quote! {},
            }
        })
        .collect();
    let mut wire_fields = wire_fields;
    let versioned = !api.versions.is_empty();
    if versioned {
        wire_fields.push(WireField {
            rust: "api_version".to_owned(),
            wire: "api_version".to_owned(),
            aliases: Vec::new(),
            clear: None,
            ty: None,
            rust_ty: quote! { Option<ApiVersion> },
            default: None,
            allow: quote! {},
        });
    }
    let version_field = versioned.then(|| {
        quote! {
            /// The API version the request is validated for (and, with the endpoint's
            /// `http_request_at`, sent with); `None`: [`ApiVersion::LATEST`].
            #[serde(skip_serializing_if = "Option::is_none")]
            pub api_version: Option<ApiVersion>,
        }
    });
    let version_init = versioned.then(|| quote! { api_version: None, });
    let deserialize = wire::deserialize("ProgramSettings", &wire_fields, &[], true);
    let fields = api.settings.iter().map(|s| {
        let doc = docs::attr(&setting_doc(s, &sites));
        let name = ident(&s.rust);
        let rename = (s.rust.trim_start_matches("r#") != s.name).then(|| {
            let w = lit(&s.name);
            quote! { #[serde(rename = #w)] }
        });
        quote! { #doc #rename pub #name: bool, }
    });
    let text = if api.settings.is_empty() {
        format!(
            "The program settings of API `{}`: it documents none. The struct exists so that the validators of every API take `Option<&ProgramSettings>` alike.",
            api.name
        )
    } else {
        format!(
            "The program settings of API `{}`: what the caller knows about its program, which decides what an update may change. Each field's default is the spec's; deserializing fills absent ones with it and refuses unknown ones.",
            api.name
        )
    };
    let doc = docs::attr(&text);
    // A derived Default gives `false` everywhere; clippy wants it derived when that is right.
    let derived = api.settings.iter().all(|s| !s.default);
    let derive_default = derived.then(|| quote! { Default, });
    let default_impl = (!derived).then(|| {
        let inits = api.settings.iter().map(|s| {
            let (name, value) = (ident(&s.rust), s.default);
            quote! { #name: #value, }
        });
        quote! {
            impl Default for ProgramSettings {
                /// The spec's defaults.
                fn default() -> Self {
                    Self { #(#inits)* #version_init }
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, mutaspec_runtime::serde::Serialize)]
        #[serde(crate = "mutaspec_runtime::serde")]
        pub struct ProgramSettings {
            #(#fields)*
            #version_field
        }
        #deserialize

        #default_impl
    }
}

fn setting_doc(s: &Setting, sites: &[(String, &Field)]) -> String {
    let mut out = s
        .docs
        .as_deref()
        .map_or_else(|| format!("The program setting `{}`.", s.name), docs::prose);
    out.push_str(&format!("\n\n- Wire: `{}`; default `{}`", s.name, s.default));
    if let Some(lock) = &s.locks {
        let kind = match lock.kind {
            LockKind::Program => "program settings",
            LockKind::IdentityVerification => "identity verification",
        };
        let code = lock.error.map_or_else(String::new, |c| format!(", code {c}"));
        out.push_str(&format!("\n- Locks, when `{}` ({kind}{code}):", lock.when));
        let locked: Vec<String> = sites
            .iter()
            .flat_map(|(site, f)| {
                f.locks
                    .iter()
                    .filter(|l| l.setting == s.name)
                    .map(move |l| format!("{}{}", docs::code(site), when_text(&l.when)))
            })
            .collect();
        if locked.is_empty() {
            out.push_str(" no field of the spec");
        }
        for l in locked {
            out.push_str(&format!("\n  - {l}"));
        }
    }
    let switched: Vec<String> = sites
        .iter()
        .flat_map(|(site, f)| {
            f.constraints
                .iter()
                .filter(|c| c.setting.as_deref() == Some(s.name.as_str()))
                .map(move |c| {
                    let code = c.error.map_or_else(String::new, |e| format!(" (code {e})"));
                    format!(
                        "{}: {}{}{code}",
                        docs::code(site),
                        docs::constraint_part(c, f.ty.as_ref()),
                        when_text(&c.when)
                    )
                })
        })
        .collect();
    if !switched.is_empty() {
        out.push_str("\n- When `true`, turns on:");
        for c in switched {
            out.push_str(&format!("\n  - {c}"));
        }
    }
    out
}

/// `SideEffect`: one variant per effect, or nothing when the API has none.
pub(crate) fn side_effects(api: &Api) -> TokenStream {
    if api.effects.is_empty() {
        return TokenStream::new();
    }
    let sites = fields(api);
    let variants = api.effects.iter().map(|e| {
        let mut text = format!("{}\n\n- Spec name: `{}`", docs::prose(&e.docs), e.name);
        let triggers: Vec<&str> = sites
            .iter()
            .filter(|(_, f)| f.effects.contains(&e.name))
            .map(|(site, _)| site.as_str())
            .collect();
        if !triggers.is_empty() {
            text.push_str("\n- Sending any of these may trigger it:");
            for t in triggers {
                text.push_str(&format!("\n  - {}", docs::code(t)));
                // A top-level field whose effect applies only in some states.
                let state = sites
                    .iter()
                    .filter(|(site, _)| site == t)
                    .find_map(|(_, f)| f.effects_while.iter().find(|w| w.effect == e.name));
                if let Some(w) = state {
                    let code = |s: &str| docs::code(s);
                    text.push_str(&format!(
                        " (only while the current {})",
                        crate::model::StateCondition::describe_all(&w.state, &code)
                    ));
                }
            }
        }
        let doc = docs::attr(&text);
        let v = ident(&e.rust);
        quote! { #doc #v, }
    });
    let all = api.effects.iter().map(|e| ident(&e.rust));
    let names = api.effects.iter().map(|e| {
        let (v, n) = (ident(&e.rust), lit(&e.name));
        quote! { Self::#v => #n, }
    });
    let doc = docs::attr(&format!(
        "The side effects a request of API `{}` may trigger, beyond the update itself. A request tells which ones it would trigger before it is sent.",
        api.name
    ));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum SideEffect {
            #(#variants)*
        }

        impl SideEffect {
            /// Every side effect, in spec order.
            pub const ALL: &'static [SideEffect] = &[#(Self::#all),*];

            /// The name in the spec.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }
        }

        impl std::fmt::Display for SideEffect {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// `ApiVersion`: the API's documented versions, oldest first, when it lists them.
pub(crate) fn api_versions(api: &Api) -> TokenStream {
    if api.versions.is_empty() {
        return quote! {};
    }
    let variants: Vec<proc_macro2::Ident> = api.versions.iter().map(|v| quote::format_ident!("{}", v.rust)).collect();
    let names: Vec<proc_macro2::Literal> = api.versions.iter().map(|v| lit(&v.name)).collect();
    let docs = api
        .versions
        .iter()
        .map(|v| docs::attr(&format!("Version {}.", docs::code(&v.name))));
    let n = api.versions.len();
    let latest = &variants[n - 1];
    let header = match &api.version_header {
        Some(h) => {
            let h = lit(&h.to_ascii_lowercase());
            quote! { Some(#h) }
        }
        None => quote! { None },
    };
    let doc = docs::attr(&format!(
        "The documented versions of API `{}`, oldest first (ordered). A field or enum value documented `since:` or `until:` a version is checked against the chosen one (`ProgramSettings::api_version`, else [`ApiVersion::LATEST`]).",
        api.name
    ));
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, mutaspec_runtime::serde::Serialize, mutaspec_runtime::serde::Deserialize)]
        #[serde(crate = "mutaspec_runtime::serde")]
        pub enum ApiVersion {
            #(#docs #[serde(rename = #names)] #variants,)*
        }

        impl ApiVersion {
            /// Every version, oldest first.
            pub const ALL: [ApiVersion; #n] = [#(ApiVersion::#variants),*];
            /// The newest version: what validation assumes when no version is chosen.
            pub const LATEST: ApiVersion = ApiVersion::#latest;
            /// The request header that carries the version, when the API documents one.
            pub const HEADER: Option<&'static str> = #header;

            /// The version `settings` choose: their `api_version`, else [`Self::LATEST`].
            #[must_use]
            pub fn chosen(settings: Option<&ProgramSettings>) -> ApiVersion {
                settings.and_then(|s| s.api_version).unwrap_or(Self::LATEST)
            }

            /// The version as documented and sent.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(ApiVersion::#variants => #names,)*
                }
            }

            /// Sets [`Self::HEADER`] to this version on `request` (nothing when the API
            /// documents no version header).
            pub fn set_header<B>(self, request: &mut mutaspec_runtime::http::Request<B>) {
                if let Some(name) = Self::HEADER {
                    request
                        .headers_mut()
                        .insert(name, mutaspec_runtime::http::HeaderValue::from_static(self.as_str()));
                }
            }
        }
    }
}
