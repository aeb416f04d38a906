//! Emission: the resolved [`Spec`] as Rust source files of the generated crate.
//!
//! One file per endpoint (`<api>/<endpoint>.rs`), one module file per API holding its
//! shared types (`<api>/mod.rs`), and the crate root (`lib.rs`); or the same items as one
//! tree of inline modules ([`crate_inline`]) for the proc-macro and the `build.rs` front;
//! and, for a consumer's own struct, the request's validators (`consumer`). Every
//! function here reads the model only; formatting and writing are `render`'s.

pub(crate) mod consumer;
mod docs;
mod endpoint;
mod enums;
mod errors;
pub(crate) mod escape;
mod object;
pub mod options;
mod response;
mod settings;
mod tys;
mod validate;
mod wire;

use std::collections::BTreeSet;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Endpoint, Spec, Ty, TypeDef, TypeKind};
use crate::plan::{self, ApiPlan, EndpointPlan};

/// Generated files as token streams, keyed by path relative to the crate's `src/`, with
/// the spec file each comes from (for the header).
pub struct Emitted {
    /// `(path, source spec file or None for module files, tokens)`.
    pub files: Vec<(PathBuf, Option<String>, TokenStream)>,
}

/// Where a module's child modules go: in files of their own (`pub mod x;`, the generated
/// crate) or inline (`pub mod x { ... }`, the proc-macro and the `build.rs` front). A
/// module's own items are the same either way: the inline tree is the file tree with each
/// file's items moved into the braces of its declaration, and its inner `#![doc]`
/// attributes becoming the inline module's inner attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    Files,
    Inline,
}

/// A child module: its declaration, with its body inline or not. Inline, the module has
/// outer docs (the declaration's) and inner ones (the file's), which clippy's
/// `mixed_attributes_style` flags in a consumer's crate (`build.rs` front): allowed there.
fn child(doc: &TokenStream, name: &str, body: Option<TokenStream>) -> TokenStream {
    let m = ident(name);
    match body {
        Some(body) => quote! { #doc #[allow(clippy::mixed_attributes_style)] pub mod #m { #body } },
        None => quote! { #doc pub mod #m; },
    }
}

/// Emits the whole generated crate's sources.
pub fn crate_sources(spec: &Spec) -> Emitted {
    Emitted {
        files: sources(spec).collect(),
    }
}

/// One generated file: path relative to `src/`, source spec file (`None` for `lib.rs`),
/// tokens.
pub type Source = (PathBuf, Option<String>, TokenStream);

/// [`crate_sources`]' files one at a time, in the same order (`lib.rs`, then per API its
/// `mod.rs` and its endpoints), each emitted when asked for: a caller that formats each
/// file before asking for the next holds one file's tokens at a time, not the crate's
/// (hundreds of megabytes for a thousand endpoints).
pub fn sources(spec: &Spec) -> impl Iterator<Item = Source> + '_ {
    let root = std::iter::once_with(move || {
        let root_doc = crate_docs(spec);
        let mods = crate_items(spec, Layout::Files);
        (PathBuf::from("lib.rs"), None, quote! { #root_doc #mods })
    });
    let apis = spec.apis.iter().flat_map(move |api| {
        let plan = std::rc::Rc::new(plan::api(api));
        let shared = std::rc::Rc::clone(&plan);
        let module = std::iter::once_with(move || {
            let source = Some(spec_file(spec, &api.loc.file));
            (PathBuf::from(&api.name).join("mod.rs"), source, api_module(api, &shared))
        });
        let endpoints = api.endpoints.iter().enumerate().map(move |(i, ep)| {
            let source = Some(spec_file(spec, &ep.file));
            (
                PathBuf::from(&api.name).join(format!("{}.rs", ep.name)),
                source,
                endpoint_module(api, ep, &plan, &plan.endpoints[i]),
            )
        });
        module.chain(endpoints)
    });
    root.chain(apis)
}

/// A spec file's path relative to the spec root, with `/` separators: the same whatever
/// the working directory or the spelling of the root (`spec`, `./spec`).
pub fn spec_file(spec: &Spec, file: &std::path::Path) -> String {
    let rel = file.strip_prefix(&spec.root).unwrap_or(file);
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// The whole generated crate as one token stream of items: the API modules with their
/// endpoint modules inline, exactly the items `crate_sources` spreads over files. What
/// `include_spec!` expands to and the `build.rs` front writes.
///
/// The crate root's own docs (`crate_docs`) are left out: the tree lands inside the
/// consumer's crate, where inner attributes are not allowed and the crate's docs are the
/// consumer's.
pub fn crate_inline(spec: &Spec) -> TokenStream {
    crate_items(spec, Layout::Inline)
}

/// [`crate_inline`] with the user's [`options::Options`] applied (derives and attributes
/// on spec types); with no option set, exactly [`crate_inline`].
pub fn crate_inline_with(spec: &Spec, options: &options::Options) -> TokenStream {
    options.apply(spec, crate_inline(spec))
}

/// The crate root's inner doc attributes (`//!`): what `lib.rs` holds besides the module
/// declarations. The list of endpoints links each one while its API's feature is on,
/// and names it without a link (rustdoc would find no target) while it is off.
pub fn crate_docs(spec: &Spec) -> TokenStream {
    let mut out = docs::inner_attr(&docs::crate_root(spec));
    for (api, ep) in spec.endpoints() {
        let feature = api_feature(api);
        let summary = docs::endpoint_summary(ep);
        let lines = |text: String| escape::doc_lines(&text).into_iter().map(|l| lit(format!(" {l}").trim_end()));
        let linked = lines(format!("- [`{}::{}`]: {summary}", api.name, ep.name));
        let plain = lines(format!("- `{}::{}` (feature `{feature}` off): {summary}", api.name, ep.name));
        out.extend(quote! {
            #(#![cfg_attr(feature = #feature, doc = #linked)])*
            #(#![cfg_attr(not(feature = #feature), doc = #plain)])*
        });
    }
    out
}

/// The cargo feature of the generated crate that compiles an API's module: its name.
/// An API's module refers to nothing outside itself but `mutaspec_runtime`, so no other
/// module follows its feature.
pub fn api_feature(api: &Api) -> String {
    api.name.clone()
}

/// The crate root's items: one module per API; in files (the generated crate), each
/// behind its API's feature ([`api_feature`]); inline (a consumer's crate, whose
/// features are its own), unconditional.
fn crate_items(spec: &Spec, layout: Layout) -> TokenStream {
    let mods = spec.apis.iter().map(|api| {
        let mut doc = docs::attr(&docs::api(api));
        let body = (layout == Layout::Inline).then(|| api_module_in(api, &plan::api(api), layout));
        if layout == Layout::Files {
            let feature = api_feature(api);
            doc.extend(quote! { #[cfg(feature = #feature)] });
        }
        child(&doc, &api.name, body)
    });
    quote! { #(#mods)* }
}

/// `<api>/mod.rs`: the endpoint modules and the shared types, from the API's plan.
fn api_module(api: &Api, plan: &ApiPlan) -> TokenStream {
    api_module_in(api, plan, Layout::Files)
}

fn api_module_in(api: &Api, plan: &ApiPlan, layout: Layout) -> TokenStream {
    let doc = docs::inner_attr(&docs::api(api));
    let mods = api.endpoints.iter().enumerate().map(|(i, e)| {
        let mut d = docs::attr(&docs::endpoint_summary(e));
        // An endpoint named like its API: the module `<api>::<api>` is its endpoint's.
        if e.name == api.name {
            d.extend(quote! { #[allow(clippy::module_inception)] });
        }
        let body = (layout == Layout::Inline).then(|| endpoint_module(api, e, plan, &plan.endpoints[i]));
        child(&d, &e.name, body)
    });
    let types = api
        .types
        .iter()
        .map(|t| type_def(api, None, t, plan.request_types.contains(&t.name)));
    let scope = validate::Scope::new(quote! { ProgramSettings }, (!api.effects.is_empty()).then(|| quote! { SideEffect }));
    let validators = validators(None, &api.types, plan, &scope);
    let (errors, settings, effects) = (errors::emit(api), settings::program_settings(api), settings::side_effects(api));
    let versions = settings::api_versions(api);
    quote! {
        #doc
        #(#mods)*
        #(#types)*
        #errors
        #settings
        #versions
        #effects
        #validators
    }
}

/// `validate_into` for every request-side object type of `types` (the API's shared
/// types, or `ep`'s local ones), in their order.
fn validators(ep: Option<&Endpoint>, types: &[TypeDef], plan: &ApiPlan, scope: &validate::Scope) -> TokenStream {
    let impls = types
        .iter()
        .filter_map(|t| plan.types.get(&plan::type_key(ep, &t.name)))
        .map(|p| validate::object(p, scope));
    quote! { #(#impls)* }
}

/// `<api>/<endpoint>.rs`: request, local types, params, endpoint metadata, response.
fn endpoint_module(api: &Api, ep: &Endpoint, plan: &ApiPlan, ep_plan: &EndpointPlan) -> TokenStream {
    let doc = docs::inner_attr(&docs::endpoint(ep));
    let mut used_shared = shared_types_used(api, ep);
    // The snapshots of shared types that the endpoint's snapshots hold.
    for (name, p) in &ep_plan.objects {
        if !p.current.is_empty() && ep.types.iter().all(|t| t.name != *name) {
            used_shared.insert(crate::model::snapshot_name(name));
        }
    }
    let imports = if used_shared.is_empty() {
        quote! {}
    } else {
        let names = used_shared.iter().map(|n| ident(n));
        quote! { #[allow(unused_imports)] use super::{#(#names),*}; }
    };
    let request = object::request(api, ep);
    let types = ep
        .types
        .iter()
        .map(|t| type_def(api, Some(ep), t, plan.request_types.contains(&plan::type_key(Some(ep), &t.name))));
    let endpoint = endpoint::metadata(&api.name, ep);
    let responses = response::emit(api, ep);
    let scope = validate::Scope::new(
        quote! { super::ProgramSettings },
        (!api.effects.is_empty()).then(|| quote! { super::SideEffect }),
    );
    let request_validators = validate::request(ep, ep_plan, &scope);
    let versioned = api.version_header.is_some().then(|| {
        let marker = ident(&ep.type_prefix);
        quote! {
            impl #marker {
                /// [`mutaspec_runtime::Endpoint::http_request_with`] (to an environment or
                /// a base URL, with the documented headers and the chosen auth), with the
                /// API's version header ([`super::ApiVersion::HEADER`]) set to `version`.
                ///
                /// # Errors
                /// Those of `http_request_with`.
                pub fn http_request_at(
                    target: impl Into<mutaspec_runtime::Target>,
                    params: &<Self as mutaspec_runtime::Endpoint>::Params,
                    body: &<Self as mutaspec_runtime::Endpoint>::Request,
                    headers: &<Self as mutaspec_runtime::Endpoint>::Headers,
                    auth: <Self as mutaspec_runtime::Endpoint>::Auth,
                    creds: &mutaspec_runtime::Credentials,
                    version: super::ApiVersion,
                ) -> Result<mutaspec_runtime::http::Request<Vec<u8>>, mutaspec_runtime::RequestError> {
                    let mut request = <Self as mutaspec_runtime::Endpoint>::http_request_with(target, params, body, headers, auth, creds)?;
                    version.set_header(&mut request);
                    Ok(request)
                }
            }
        }
    });
    let validators = validators(Some(ep), &ep.types, plan, &scope);
    quote! {
        #doc
        #imports
        #request
        #request_validators
        #(#types)*
        #validators
        #endpoint
        #responses
        #versioned
    }
}

fn type_def(api: &Api, ep: Option<&Endpoint>, t: &TypeDef, strict: bool) -> TokenStream {
    match &t.kind {
        TypeKind::Object(o) => object::named(api, ep, t, o, strict),
        TypeKind::Enum(e) => enums::emit(t, e),
    }
}

/// Shared types an endpoint module refers to, sorted.
fn shared_types_used(api: &Api, ep: &Endpoint) -> BTreeSet<String> {
    let shared: BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    let mut used = BTreeSet::new();
    let mut visit = |ty: &Ty| {
        let mut t = ty;
        while let Ty::List(i) | Ty::Map(i) = t {
            t = i;
        }
        if let Ty::Named(n) | Ty::OrId(n) = t {
            if shared.contains(n.as_str()) {
                used.insert(n.clone());
            }
        }
        // A discriminated union's variants.
        if let Ty::Tagged(u) = t {
            used.extend(u.variants.iter().filter(|v| shared.contains(v.ty.as_str())).map(|v| v.ty.clone()));
        }
    };
    let objects = std::iter::once(&ep.body).chain(ep.types.iter().filter_map(|t| match &t.kind {
        TypeKind::Object(o) => Some(o),
        TypeKind::Enum(_) => None,
    }));
    for o in objects {
        for f in &o.fields {
            if let Some(ty) = &f.ty {
                visit(ty);
            }
        }
    }
    if let Some(r) = &ep.response.body {
        visit(&Ty::Named(r.clone()));
    }
    used
}

pub(crate) use escape::{ident, lit};
