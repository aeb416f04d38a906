//! The proc-macros' library half: `mutaspec-macros` only forwards its input here.
//!
//! - [`include_spec`]: a spec path (relative to the consumer's `CARGO_MANIFEST_DIR`)
//!   becomes [`crate::emit::crate_inline`] of it: the items `mutaspec generate` writes.
//! - [`derive_update`]: a consumer's struct is checked field by field against a spec
//!   endpoint (`check`) and gets the generated request's validators and serialization
//!   (`emit::consumer`).
//!
//! Both return tokens and never panic. Mistakes become `compile_error!`s pointing at what
//! the user wrote (a spec error points at the path literal and carries the spec's
//! `file:line:col`), all of them at once, beside placeholder items so nothing else fails
//! because of them. Both expansions `include_bytes!` every spec file they read, so
//! cargo rebuilds the consumer when the spec changes.

mod ast;
mod check;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn3::LitStr;

use crate::diag::{Diagnostic, Severity};
use crate::load::{load, Loaded, Sources};

/// `include_spec!("path")`, relative to `CARGO_MANIFEST_DIR`.
pub fn include_spec(input: TokenStream) -> TokenStream {
    include_spec_in(input, &base_dir())
}

/// [`include_spec`] with relative paths resolved against `base`.
pub fn include_spec_in(input: TokenStream, base: &Path) -> TokenStream {
    match expansion_in(input, base, false) {
        Expansion::Tokens(tokens) => tokens,
        Expansion::Text(text) => text.parse().unwrap_or_else(|e| compile_error(&format!("{e}"))),
    }
}

/// What `include_spec!` expands to: tokens when they carry the user's spans (errors on
/// the path literal), else the items as text, for the proc-macro to hand rustc in one
/// `str::parse` (its tokens have the call site's span either way).
pub enum Expansion {
    /// Tokens to return as they are.
    Tokens(TokenStream),
    /// The items' source text.
    Text(String),
}

/// [`include_spec`] for the proc-macro: on success, the items are built with
/// proc-macro2's own tokens (not the compiler's, each of which is a call across the
/// proc-macro bridge, as is every `quote!` and `extend` of the emitters) and returned as
/// text: the expansion then costs rustc one parse of it. Errors keep the compiler's
/// tokens: they carry the path literal's span.
pub fn include_spec_expansion(input: TokenStream) -> Expansion {
    expansion_in(input, &base_dir(), true)
}

/// `compile_error!` with `message`, at the call site.
pub fn compile_error(message: &str) -> TokenStream {
    syn3::Error::new(proc_macro2::Span::call_site(), message).to_compile_error()
}

/// Switches proc-macro2 to its own tokens until dropped (restoring the detection of
/// the compiler's). proc-macro2 keeps the switch in a global of this proc-macro's copy
/// of it: nothing else sees it.
struct OwnTokens;

impl OwnTokens {
    fn on() -> OwnTokens {
        proc_macro2::fallback::force();
        OwnTokens
    }
}

impl Drop for OwnTokens {
    fn drop(&mut self) {
        proc_macro2::fallback::unforce();
    }
}

fn expansion_in(input: TokenStream, base: &Path, own_tokens: bool) -> Expansion {
    let text = own_tokens.then(|| input.to_string());
    let (lit, options) = match parse_include_args(input) {
        Ok(args) => args,
        Err(e) => return Expansion::Tokens(e.to_compile_error()),
    };
    let spec = SpecAt::load(&lit, base);
    let track = spec.track();
    match spec.result {
        Ok(loaded) => {
            let unmatched = options.check(&loaded.spec);
            if !unmatched.is_empty() {
                let errors = unmatched.iter().map(|e| syn3::Error::new(lit.span(), e).to_compile_error());
                let stubs = stub_modules(&[], &lit);
                return Expansion::Tokens(quote! { #(#errors)* #stubs #track });
            }
            if let Some(text) = text {
                // The options again, from the input's text, as proc-macro2 tokens: tokens
                // of the two kinds cannot be mixed. They parsed above, so they parse again.
                let own = OwnTokens::on();
                if let Some((_, options)) = text.parse().ok().and_then(|input| parse_include_args(input).ok()) {
                    let items = crate::emit::crate_inline_with(&loaded.spec, &options).to_string();
                    drop(own);
                    return Expansion::Text(format!("{items} {track}"));
                }
            }
            let items = crate::emit::crate_inline_with(&loaded.spec, &options);
            Expansion::Tokens(quote! { #items #track })
        }
        Err(e) => {
            let e = e.to_compile_error();
            let stubs = stub_modules(&spec.stubs, &lit);
            Expansion::Tokens(quote! { #e #stubs #track })
        }
    }
}

/// After a spec error, the modules the spec would have defined, empty, so that the
/// consumer's `use api::endpoint::*` adds no error of its own: one mistake, one error.
/// The names come from the `api:` and `endpoint:` lines of the files read, or, when none
/// could be read, from the spec path's last component.
fn stub_modules(texts: &[String], lit: &LitStr) -> TokenStream {
    use crate::resolve::names;
    let mut apis: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    for text in texts {
        let Some(api) = crate::load::api_name_of(text).filter(|a| names::api_name(a).is_ok()) else {
            continue;
        };
        let endpoints = apis.entry(api).or_default();
        if let Some(ep) = crate::load::top_level_value(text, "endpoint:").filter(|e| names::module_name(e).is_ok()) {
            endpoints.insert(ep);
        }
    }
    if apis.is_empty() {
        let value = lit.value();
        let stem = Path::new(&value).file_stem().map(|s| s.to_string_lossy().into_owned());
        if let Some(name) = stem.filter(|n| names::api_name(n).is_ok()) {
            apis.insert(name, Default::default());
        }
    }
    let mods = apis.iter().map(|(api, endpoints)| {
        let a = crate::emit::escape::ident(api);
        let eps = endpoints.iter().map(|e| crate::emit::escape::ident(e));
        quote! {
            /// Placeholder: the spec failed to load (see the error above).
            pub mod #a {
                #(
                    /// Placeholder: the spec failed to load.
                    pub mod #eps {}
                )*
            }
        }
    });
    quote! { #(#mods)* }
}

/// `#[derive(Update)]` on a consumer's struct.
pub fn derive_update(input: TokenStream) -> TokenStream {
    derive_update_in(input, &base_dir())
}

/// [`derive_update`] with relative spec paths resolved against `base`.
pub fn derive_update_in(input: TokenStream, base: &Path) -> TokenStream {
    let input: syn3::DeriveInput = match syn3::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let parsed = ast::Input::from_syn(&input, &mut errors);
    let (emitted, track) = match (&parsed.spec, &parsed.endpoint) {
        (Some(spec), Some(endpoint)) => {
            let at = SpecAt::load(spec, base);
            let emitted = match &at.result {
                Ok(loaded) => derive_checked(&parsed, loaded, endpoint, base, &mut errors),
                Err(e) => {
                    errors.push(e.clone());
                    None
                }
            };
            (emitted, at.track())
        }
        _ => (None, TokenStream::new()),
    };
    let body = emitted.unwrap_or_else(|| crate::emit::consumer::fallback(&parsed.target(TokenStream::new(), Vec::new())));
    let errors = errors.into_tokens();
    quote! { #errors #body #track }
}

/// The checks against the endpoint, then, when nothing failed, the impls.
fn derive_checked(parsed: &ast::Input<'_>, loaded: &Loaded, endpoint: &LitStr, base: &Path, errors: &mut Errors) -> Option<TokenStream> {
    let (api, ep) = check::endpoint(&loaded.spec, endpoint, errors)?;
    let fields = check::fields(parsed, api, ep, base, errors);
    let module = parsed.module.clone()?;
    errors
        .is_empty()
        .then(|| crate::emit::consumer::update(api, ep, &parsed.target(module, fields)))
}

/// Errors collected across every check, reported together.
#[derive(Default)]
pub(crate) struct Errors(Vec<syn3::Error>);

impl Errors {
    pub(crate) fn push(&mut self, e: syn3::Error) {
        self.0.push(e);
    }

    pub(crate) fn spanned(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.0.push(syn3::Error::new_spanned(tokens, message));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn into_tokens(self) -> TokenStream {
        self.0.into_iter().map(|e| e.to_compile_error()).collect()
    }
}

/// Where relative spec paths start: the consumer's `CARGO_MANIFEST_DIR`, which cargo sets
/// for every compilation (the current directory otherwise).
fn base_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// `"path"`, then optionally `, derives = ["Eq", "Hash"]` and any number of
/// `, type_attribute("Address", "#[non_exhaustive]")`, `, replace("Address", "crate::Address")`
/// and `, runtime_path = "::my::mutaspec_runtime"`, with an optional trailing comma.
fn parse_include_args(input: TokenStream) -> syn3::Result<(LitStr, crate::emit::options::Options)> {
    use syn3::parse::{ParseStream, Parser};
    const USAGE: &str = "expected `derives = [\"Trait\", ...]`, `type_attribute(\"Type\", \"#[attr]\")`, `replace(\"SpecType\", \"path::Type\")` or `runtime_path = \"path\"` after the spec path";
    let mut options = crate::emit::options::Options::default();
    let parser = |stream: ParseStream<'_>| {
        let lit: LitStr = stream.parse().map_err(|e| syn3::Error::new(e.span(), PATH_USAGE))?;
        while !stream.is_empty() {
            let _: syn3::Token![,] = stream.parse()?;
            if stream.is_empty() {
                break;
            }
            let key: syn3::Ident = stream.parse().map_err(|e| syn3::Error::new(e.span(), USAGE))?;
            if key == "derives" {
                let _: syn3::Token![=] = stream.parse()?;
                let list;
                syn3::bracketed!(list in stream);
                for item in syn3::punctuated::Punctuated::<LitStr, syn3::Token![,]>::parse_terminated(&list)? {
                    options.derive(&item.value()).map_err(|e| syn3::Error::new(item.span(), e))?;
                }
            } else if key == "type_attribute" {
                let args;
                syn3::parenthesized!(args in stream);
                let path: LitStr = args.parse()?;
                let _: syn3::Token![,] = args.parse()?;
                let attr: LitStr = args.parse()?;
                let _: Option<syn3::Token![,]> = args.parse()?;
                if !args.is_empty() {
                    return Err(args.error("expected `type_attribute(\"Type\", \"#[attr]\")`"));
                }
                options.type_attribute(&path.value(), &attr.value()).map_err(|e| {
                    let at = if e.input == attr.value() { attr.span() } else { path.span() };
                    syn3::Error::new(at, e)
                })?;
            } else if key == "replace" {
                let args;
                syn3::parenthesized!(args in stream);
                let path: LitStr = args.parse()?;
                let _: syn3::Token![,] = args.parse()?;
                let rust: LitStr = args.parse()?;
                let _: Option<syn3::Token![,]> = args.parse()?;
                if !args.is_empty() {
                    return Err(args.error("expected `replace(\"SpecType\", \"crate::path::Type\")`"));
                }
                options.replace(&path.value(), &rust.value()).map_err(|e| {
                    let at = if e.input == rust.value() { rust.span() } else { path.span() };
                    syn3::Error::new(at, e)
                })?;
            } else if key == "runtime_path" {
                let _: syn3::Token![=] = stream.parse()?;
                let path: LitStr = stream.parse()?;
                options.runtime_path(&path.value()).map_err(|e| syn3::Error::new(path.span(), e))?;
            } else {
                return Err(syn3::Error::new(key.span(), USAGE));
            }
        }
        Ok(lit)
    };
    if input.is_empty() {
        return Err(syn3::Error::new(proc_macro2::Span::call_site(), PATH_USAGE));
    }
    let lit = Parser::parse2(parser, input)?;
    Ok((lit, options))
}

const PATH_USAGE: &str =
    "expected a string literal: the spec file or directory, relative to the crate's Cargo.toml, as in `include_spec!(\"spec\")`";

/// A spec loaded from a path literal, with the files it read.
pub(crate) struct SpecAt {
    /// The spec, or one error (spanned on the literal) carrying every diagnostic.
    pub result: Result<Loaded, syn3::Error>,
    /// Every spec file read, absolute.
    pub files: Vec<PathBuf>,
    /// When loading failed, the texts of the files read (for [`stub_modules`]).
    pub stubs: Vec<String>,
}

impl SpecAt {
    fn load(lit: &LitStr, base: &Path) -> SpecAt {
        let path = base.join(lit.value());
        if !path.exists() {
            let message = format!(
                "no spec file or directory at `{}`: the path is relative to the crate's directory (where its Cargo.toml is)",
                lit.value()
            );
            return SpecAt {
                result: Err(syn3::Error::new(lit.span(), message)),
                files: Vec::new(),
                stubs: Vec::new(),
            };
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        match load(&path) {
            Ok(loaded) => SpecAt {
                files: absolute(&loaded.sources, &cwd),
                result: Ok(loaded),
                stubs: Vec::new(),
            },
            Err(e) => SpecAt {
                files: absolute(&e.sources, &cwd),
                result: Err(spec_errors(lit, &e.diagnostics, base)),
                stubs: e.sources.0.values().map(|s| s.text.clone()).collect(),
            },
        }
    }

    /// `const _: &[&[u8]] = &[include_bytes!(...), ...];`: rustc records the files as
    /// inputs, so cargo rebuilds when one changes.
    fn track(&self) -> TokenStream {
        let files = self.files.iter().filter_map(|f| f.to_str());
        quote! { const _: &[&[u8]] = &[#(include_bytes!(#files)),*]; }
    }
}

fn absolute(sources: &Sources, cwd: &Path) -> Vec<PathBuf> {
    sources.0.keys().map(|p| cwd.join(p)).collect()
}

/// A spec file's path as the user sees it: relative to the crate's directory.
pub(crate) fn shown(file: &Path, base: &Path) -> String {
    let abs = std::env::current_dir().unwrap_or_default().join(file);
    abs.strip_prefix(base).unwrap_or(&abs).display().to_string().replace('\\', "/")
}

/// One error on the path literal per spec error, each with its `file:line:col` and hint.
fn spec_errors(lit: &LitStr, diagnostics: &[Diagnostic], base: &Path) -> syn3::Error {
    let mut all: Option<syn3::Error> = None;
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        let mut message = format!(
            "spec error: {}:{}:{}: {} [{}]",
            shown(&d.loc.file, base),
            d.loc.line,
            d.loc.col,
            d.message,
            d.id
        );
        for label in &d.labels {
            let at = &label.loc;
            message.push_str(&format!(
                "\n  = note: {}: {}:{}:{}",
                label.message,
                shown(&at.file, base),
                at.line,
                at.col
            ));
        }
        if let Some(hint) = &d.hint {
            message.push_str(&format!("\n  = hint: {hint}"));
        }
        let e = syn3::Error::new(lit.span(), message);
        match &mut all {
            Some(a) => a.combine(e),
            None => all = Some(e),
        }
    }
    all.unwrap_or_else(|| syn3::Error::new(lit.span(), "the spec failed to load"))
}
