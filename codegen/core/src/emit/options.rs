//! [`Options`]: the settings users give the fronts (the `build.rs` `Config`, the
//! `include_spec!` arguments), applied to the emitted items.
//!
//! - extra derives on every spec type (request bodies, object types, enums), skipping
//!   a type that already derives the trait;
//! - extra attributes on the spec types a path matches (prost-build's
//!   `type_attribute`).
//!
//! User text is parsed with syn (a derive must be a path, an attribute exactly one outer
//! attribute) and never pasted as raw text: a bad one is an [`OptionError`]. With no
//! option set the emitted tokens are returned untouched, so the output stays byte for
//! byte what it was.

use std::fmt;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use crate::model::Spec;

/// What the user asked to add to the generated code. Empty by default.
#[derive(Clone, Debug, Default)]
pub struct Options {
    derives: Vec<(String, TokenStream)>,
    attributes: Vec<(String, TokenStream)>,
    /// `(spec type path, the user's Rust path)`.
    replacements: Vec<(String, TokenStream)>,
    /// The path the generated code reaches the runtime crate by, when not `mutaspec_runtime`.
    runtime: Option<(TokenStream, String)>,
}

/// A derive or attribute that does not parse, or a type path that matches nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// What was given.
    pub input: String,
    /// Why it is refused.
    pub message: String,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.input, self.message)
    }
}

impl std::error::Error for OptionError {}

impl Options {
    /// Whether nothing is set (the output is then exactly the default one).
    pub fn is_empty(&self) -> bool {
        self.derives.is_empty() && self.attributes.is_empty() && self.replacements.is_empty() && self.runtime.is_none()
    }

    /// Replaces the spec type `path` matches (an object or enum type, not a request
    /// body; matched like [`type_attribute`](Self::type_attribute) paths, `*` excepted)
    /// with the user's type at `rust_path`: the type's definition and every `impl` block
    /// generated for it are left out, and `pub use <rust_path> as <Name>;` stands in
    /// their place, so every use of the name in the generated code refers to the user's
    /// type. What the user's type must provide is listed in the README ("Replacing a
    /// spec type").
    ///
    /// # Errors
    /// If `path` is not a `::`-separated path of identifiers, or `rust_path` is not a
    /// Rust path.
    pub fn replace(&mut self, path: &str, rust_path: &str) -> Result<&mut Self, OptionError> {
        syn3::parse_str::<syn3::Path>(path).map_err(|e| OptionError {
            input: path.to_owned(),
            message: format!("not a spec type path (`Name`, `api::Name`, `api::endpoint::Name`): {e}"),
        })?;
        let parsed: syn3::Path = syn3::parse_str(rust_path).map_err(|e| OptionError {
            input: rust_path.to_owned(),
            message: format!("not a Rust type path: {e}"),
        })?;
        self.replacements.push((path.replace(' ', ""), parsed.to_token_stream()));
        Ok(self)
    }

    /// Makes the generated code reach the runtime crate through `path` (for example
    /// `::my_api::mutaspec_runtime`, a re-export) instead of `mutaspec_runtime`: in
    /// paths, in `#[serde(crate = ...)]` and in doc links.
    ///
    /// # Errors
    /// If `path` is not a Rust path.
    pub fn runtime_path(&mut self, path: &str) -> Result<&mut Self, OptionError> {
        let parsed: syn3::Path = syn3::parse_str(path).map_err(|e| OptionError {
            input: path.to_owned(),
            message: format!("not a Rust path: {e}"),
        })?;
        let text = parsed.to_token_stream().to_string().replace(' ', "");
        self.runtime = Some((parsed.to_token_stream(), text));
        Ok(self)
    }

    /// Adds `#[derive(<path>)]` to every spec type: `"Hash"`, `"Eq"`, `"serde::Deserialize"`.
    ///
    /// # Errors
    /// If `path` is not a Rust path.
    pub fn derive(&mut self, path: &str) -> Result<&mut Self, OptionError> {
        let parsed: syn3::Path = syn3::parse_str(path).map_err(|e| OptionError {
            input: path.to_owned(),
            message: format!("not a derive path: {e}"),
        })?;
        let name = parsed.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        self.derives.push((name, parsed.to_token_stream()));
        Ok(self)
    }

    /// Adds `attribute` (one outer attribute, `#[...]`) to the spec types `path`
    /// matches: a type name (`Address`), a module path and name (`banking::Address`,
    /// `banking::update_customer::Individual`; a trailing part of the full path is
    /// enough), or `*` for every spec type.
    ///
    /// # Errors
    /// If `attribute` is not exactly one outer attribute, or `path` is not `*` or a
    /// `::`-separated path of identifiers.
    pub fn type_attribute(&mut self, path: &str, attribute: &str) -> Result<&mut Self, OptionError> {
        if path != "*" {
            syn3::parse_str::<syn3::Path>(path).map_err(|e| OptionError {
                input: path.to_owned(),
                message: format!("not a type path (`Name`, `api::Name`, or `*`): {e}"),
            })?;
        }
        let attrs = syn3::parse::Parser::parse_str(syn3::Attribute::parse_outer, attribute).map_err(|e| OptionError {
            input: attribute.to_owned(),
            message: format!("not an outer attribute `#[...]`: {e}"),
        })?;
        let [attr] = attrs.as_slice() else {
            return Err(OptionError {
                input: attribute.to_owned(),
                message: "expected exactly one outer attribute `#[...]`".to_owned(),
            });
        };
        self.attributes.push((path.replace(' ', ""), attr.to_token_stream()));
        Ok(self)
    }

    /// Checks that every `type_attribute` path matches a spec type of `spec`.
    ///
    /// # Errors
    /// One per path that matches none, naming the types there are.
    pub fn check(&self, spec: &Spec) -> Vec<OptionError> {
        let types = spec_types(spec);
        let replaceable = replaceable_types(spec);
        let mut errors: Vec<OptionError> = self
            .attributes
            .iter()
            .filter(|(path, _)| !types.iter().any(|t| matches(path, t)))
            .map(|(path, _)| OptionError {
                input: path.clone(),
                message: "matches no spec type (give a type name, `api::Name`, `api::endpoint::Name` or `*`)".to_owned(),
            })
            .collect();
        for (path, _) in &self.replacements {
            if path == "*" || !replaceable.iter().any(|t| matches(path, t)) {
                let body = types.iter().any(|t| matches(path, t)) && path != "*";
                errors.push(OptionError {
                    input: path.clone(),
                    message: if body {
                        "is a request body; only object and enum types can be replaced".to_owned()
                    } else {
                        "matches no object or enum type to replace (give a type name, `api::Name` or `api::endpoint::Name`)".to_owned()
                    },
                });
            }
        }
        errors
    }

    /// `items` (the inline module tree of [`super::crate_inline`]) with the options
    /// applied to the spec types of `spec`.
    pub fn apply(&self, spec: &Spec, items: TokenStream) -> TokenStream {
        self.apply_in(spec, &[], items)
    }

    /// `items` of the module at `module` (the names from the crate root: `[]` for
    /// `lib.rs`, `[api]`, `[api, endpoint]`) with the options applied: one file of
    /// [`super::crate_sources`].
    pub fn apply_in(&self, spec: &Spec, module: &[String], items: TokenStream) -> TokenStream {
        if self.is_empty() {
            return items;
        }
        let types = spec_types(spec);
        let walked = self.walk(&types, &mut module.to_vec(), items);
        match &self.runtime {
            Some((path, text)) => rebase_runtime(walked, path, text),
            None => walked,
        }
    }

    /// The user's path for the type at `full`, if it is replaced.
    fn replacement(&self, full: &str) -> Option<&TokenStream> {
        self.replacements
            .iter()
            .find(|(path, _)| path != "*" && matches(path, full))
            .map(|(_, p)| p)
    }

    fn walk(&self, types: &[String], path: &mut Vec<String>, items: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = items.into_iter().collect();
        let mut out: Vec<TokenTree> = Vec::new();
        // The names of this module's replaced types: their `impl` blocks are left out.
        let replaced: Vec<String> = trees
            .windows(3)
            .filter_map(|w| match w {
                [TokenTree::Ident(p), TokenTree::Ident(kw), TokenTree::Ident(name)] if p == "pub" && (kw == "struct" || kw == "enum") => {
                    let full = path.iter().cloned().chain([name.to_string()]).collect::<Vec<_>>().join("::");
                    (types.contains(&full) && self.replacement(&full).is_some()).then(|| name.to_string())
                }
                _ => None,
            })
            .collect();
        let mut i = 0;
        while i < trees.len() {
            match (&trees[i], trees.get(i + 1), trees.get(i + 2)) {
                // `mod name { ... }`: its items are under `path::name`.
                (TokenTree::Ident(m), Some(TokenTree::Ident(name)), Some(TokenTree::Group(g)))
                    if m == "mod" && g.delimiter() == Delimiter::Brace =>
                {
                    path.push(name.to_string());
                    let inner = self.walk(types, path, g.stream());
                    path.pop();
                    let mut group = Group::new(Delimiter::Brace, inner);
                    group.set_span(g.span());
                    out.extend([trees[i].clone(), trees[i + 1].clone(), TokenTree::Group(group)]);
                    i += 3;
                    continue;
                }
                // `pub struct Name` / `pub enum Name`: the attributes go before `pub`.
                (TokenTree::Ident(p), Some(TokenTree::Ident(kw)), Some(TokenTree::Ident(name)))
                    if p == "pub" && (kw == "struct" || kw == "enum") =>
                {
                    let full = path.iter().cloned().chain([name.to_string()]).collect::<Vec<_>>().join("::");
                    if types.contains(&full) {
                        if let Some(user) = self.replacement(&full) {
                            drop_attributes(&mut out);
                            let name = name.clone();
                            out.extend(quote! { pub use #user as #name; });
                            i = item_end(&trees, i + 3);
                            continue;
                        }
                        out.extend(self.attributes_for(&full, &trees[..i]));
                    }
                }
                // `impl ... Name { ... }` / `impl ... for Name { ... }` of a replaced type.
                (TokenTree::Ident(kw), _, _) if kw == "impl" && !replaced.is_empty() && item_start(&trees, i) => {
                    let end = item_end(&trees, i + 1);
                    let body = end - 1;
                    if let (Some(TokenTree::Ident(ty)), Some(TokenTree::Group(_))) =
                        (body.checked_sub(1).and_then(|b| trees.get(b)), trees.get(body))
                    {
                        if replaced.iter().any(|r| ty == r) {
                            drop_attributes(&mut out);
                            i = end;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            out.push(trees[i].clone());
            i += 1;
        }
        out.into_iter().collect()
    }

    /// The derives the type does not have yet (its own `#[derive(...)]` attributes are
    /// among `before`), then the attributes whose path matches `full`.
    fn attributes_for(&self, full: &str, before: &[TokenTree]) -> TokenStream {
        let existing = existing_derives(before);
        let mut seen = Vec::new();
        let derives: Vec<&TokenStream> = self
            .derives
            .iter()
            .filter(|(name, _)| {
                !existing.contains(name) && !seen.contains(name) && {
                    seen.push(name.clone());
                    true
                }
            })
            .map(|(_, path)| path)
            .collect();
        let derive = (!derives.is_empty()).then(|| quote! { #[derive(#(#derives),*)] });
        let attrs = self.attributes.iter().filter(|(path, _)| matches(path, full)).map(|(_, a)| a);
        quote! { #derive #(#attrs)* }
    }
}

/// The last segments of the traits in the `#[derive(...)]` attributes that directly
/// precede the item (the run of `#` `[...]` pairs at the end of `before`).
fn existing_derives(before: &[TokenTree]) -> Vec<String> {
    let mut names = Vec::new();
    let mut end = before.len();
    while end >= 2 {
        let (TokenTree::Punct(hash), TokenTree::Group(g)) = (&before[end - 2], &before[end - 1]) else {
            break;
        };
        if hash.as_char() != '#' || g.delimiter() != Delimiter::Bracket {
            break;
        }
        let inner: Vec<TokenTree> = g.stream().into_iter().collect();
        if let [TokenTree::Ident(d), TokenTree::Group(list)] = inner.as_slice() {
            if d == "derive" {
                let mut last = None;
                for t in list.stream() {
                    match t {
                        TokenTree::Ident(id) => last = Some(id.to_string()),
                        TokenTree::Punct(p) if p.as_char() == ',' => names.extend(last.take()),
                        _ => {}
                    }
                }
                names.extend(last);
            }
        }
        end -= 2;
    }
    names
}

/// Removes the run of outer attributes (`#` `[...]` pairs, doc comments included) at
/// the end of `out`: those of an item that is left out.
fn drop_attributes(out: &mut Vec<TokenTree>) {
    while let [.., TokenTree::Punct(hash), TokenTree::Group(g)] = out.as_slice() {
        if hash.as_char() != '#' || g.delimiter() != Delimiter::Bracket {
            break;
        }
        out.truncate(out.len() - 2);
    }
}

/// Whether `trees[i]` starts an item: it follows nothing, an item's end (`}` or `;`)
/// or an attribute.
fn item_start(trees: &[TokenTree], i: usize) -> bool {
    match i.checked_sub(1).map(|b| &trees[b]) {
        None => true,
        Some(TokenTree::Group(g)) => matches!(g.delimiter(), Delimiter::Brace | Delimiter::Bracket),
        Some(TokenTree::Punct(p)) => p.as_char() == ';',
        _ => false,
    }
}

/// The index after the item whose tokens continue at `from`: after its first
/// top-level `{ ... }` group or `;`.
fn item_end(trees: &[TokenTree], from: usize) -> usize {
    let mut i = from;
    while let Some(t) = trees.get(i) {
        i += 1;
        match t {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => break,
            TokenTree::Punct(p) if p.as_char() == ';' => break,
            _ => {}
        }
    }
    i
}

/// `items` with every path rooted at the `mutaspec_runtime` crate rooted at `path`
/// instead, in code and in string literals (`#[serde(crate = "...")]`, doc links).
fn rebase_runtime(items: TokenStream, path: &TokenStream, text: &str) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    for tree in items {
        match tree {
            // Not the tail of a longer path (`x::mutaspec_runtime`, `::mutaspec_runtime`); a
            // type after one colon (`const AUTH: mutaspec_runtime::AuthScheme`) is rebased.
            TokenTree::Ident(id) if id == "mutaspec_runtime" && !after_path_separator(&out) => {
                out.extend(path.clone());
            }
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rebase_runtime(g.stream(), path, text));
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            TokenTree::Literal(lit) => {
                let repr = lit.to_string();
                if repr.starts_with('"') && repr.contains("mutaspec_runtime::") {
                    let replaced = rebase_text(&repr, text);
                    match replaced.parse::<proc_macro2::Literal>() {
                        Ok(mut new) => {
                            new.set_span(lit.span());
                            out.push(TokenTree::Literal(new));
                        }
                        Err(_) => out.push(TokenTree::Literal(lit)),
                    }
                } else {
                    out.push(TokenTree::Literal(lit));
                }
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

/// Whether `out` ends with `::`.
fn after_path_separator(out: &[TokenTree]) -> bool {
    matches!(out, [.., TokenTree::Punct(a), TokenTree::Punct(b)]
        if a.as_char() == ':' && a.spacing() == proc_macro2::Spacing::Joint && b.as_char() == ':')
}

/// `repr` with each `mutaspec_runtime::` that starts a path (not preceded by an
/// identifier character or `:`) replaced by `text::`.
fn rebase_text(repr: &str, text: &str) -> String {
    const NAME: &str = "mutaspec_runtime::";
    let mut out = String::with_capacity(repr.len());
    let mut rest = repr;
    while let Some(at) = rest.find(NAME) {
        let before = rest[..at].chars().next_back().or_else(|| out.chars().next_back());
        out.push_str(&rest[..at]);
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            out.push_str(NAME);
        } else {
            out.push_str(text);
            out.push_str("::");
        }
        rest = &rest[at + NAME.len()..];
    }
    out.push_str(rest);
    out
}

/// Whether a `type_attribute` path matches the type at `full` (`api::endpoint::Name`).
fn matches(path: &str, full: &str) -> bool {
    path == "*" || full == path || full.ends_with(&format!("::{path}"))
}

/// Every spec type's full path: `api::Name` for shared types, `api::endpoint::Name` for
/// an endpoint's local types and its request body.
fn spec_types(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    for api in &spec.apis {
        out.extend(api.types.iter().map(|t| format!("{}::{}", api.name, t.name)));
        for ep in &api.endpoints {
            out.push(format!("{}::{}::{}", api.name, ep.name, ep.request_name()));
            out.extend(ep.types.iter().map(|t| format!("{}::{}::{}", api.name, ep.name, t.name)));
        }
    }
    out
}

/// The full paths of the spec types [`Options::replace`] may replace: object and enum
/// types, shared and endpoint-local (not request bodies).
fn replaceable_types(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    for api in &spec.apis {
        out.extend(api.types.iter().map(|t| format!("{}::{}", api.name, t.name)));
        for ep in &api.endpoints {
            out.extend(ep.types.iter().map(|t| format!("{}::{}::{}", api.name, ep.name, t.name)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_text_is_an_error_not_pasted() {
        let mut o = Options::default();
        assert!(o.derive("Hash").is_ok());
        assert!(o.derive("serde::Deserialize").is_ok());
        let e = o.derive("Hash)] struct X; #[derive(Eq").unwrap_err();
        assert!(e.message.starts_with("not a derive path"), "{e}");
        assert!(o.type_attribute("Address", "#[non_exhaustive]").is_ok());
        assert!(o.type_attribute("*", "#[doc = \"x\"]").is_ok());
        assert!(o.type_attribute("Address", "non_exhaustive").is_err());
        assert!(o
            .type_attribute("Address", "#[a] #[b]")
            .unwrap_err()
            .message
            .contains("exactly one"));
        assert!(o.type_attribute("Address", "#![inner]").is_err());
        assert!(o.type_attribute("Address", "#[a] fn x() {}").is_err());
        assert!(o.type_attribute("not a path", "#[a]").is_err());
    }

    #[test]
    fn the_runtime_path_is_rebased_after_a_single_colon_too() {
        let mut o = Options::default();
        o.runtime_path("crate::rt").unwrap();
        let items = quote! {
            impl mutaspec_runtime::Endpoint for E {
                const AUTH: mutaspec_runtime::AuthScheme = mutaspec_runtime::AuthScheme::Basic;
                fn f(x: ::mutaspec_runtime::A, y: other::mutaspec_runtime::B) {}
            }
        };
        let out = rebase_runtime(items, &quote! { crate::rt }, "crate::rt").to_string();
        let expected = quote! {
            impl crate::rt::Endpoint for E {
                const AUTH: crate::rt::AuthScheme = crate::rt::AuthScheme::Basic;
                fn f(x: ::mutaspec_runtime::A, y: other::mutaspec_runtime::B) {}
            }
        };
        assert_eq!(out, expected.to_string());
    }

    #[test]
    fn paths_match_by_trailing_segments() {
        assert!(matches("Address", "banking::Address"));
        assert!(matches("banking::Address", "banking::Address"));
        assert!(matches("update_customer::Individual", "banking::update_customer::Individual"));
        assert!(!matches("ddress", "banking::Address"));
        assert!(!matches("helix::Address", "banking::Address"));
        assert!(matches("*", "banking::Address"));
    }

    #[test]
    fn derives_skip_what_the_type_has_and_attributes_follow() {
        let mut o = Options::default();
        o.derive("Hash").unwrap().derive("Eq").unwrap().derive("Hash").unwrap();
        o.type_attribute("Kind", "#[non_exhaustive]").unwrap();
        let items = quote! {
            pub mod api {
                /// doc
                #[derive(Clone, Debug, PartialEq, Eq)]
                pub enum Kind { A }
                pub struct Other;
                pub(crate) struct Wire;
            }
        };
        let types = vec!["api::Kind".to_owned()];
        let out = o.walk(&types, &mut Vec::new(), items).to_string();
        let expected = quote! {
            pub mod api {
                /// doc
                #[derive(Clone, Debug, PartialEq, Eq)]
                #[derive(Hash)]
                #[non_exhaustive]
                pub enum Kind { A }
                pub struct Other;
                pub(crate) struct Wire;
            }
        };
        assert_eq!(out, expected.to_string());
    }
}
