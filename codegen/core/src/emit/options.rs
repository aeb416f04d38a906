//! [`Options`]: the settings users give the fronts (the `build.rs` [`Config`], the
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
//!
//! [`Config`]: crate::build::Config

use std::fmt;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{quote, ToTokens};

use crate::model::Spec;

/// What the user asked to add to the generated code. Empty by default.
#[derive(Clone, Debug, Default)]
pub struct Options {
    derives: Vec<(String, TokenStream)>,
    attributes: Vec<(String, TokenStream)>,
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
        self.derives.is_empty() && self.attributes.is_empty()
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
        self.attributes
            .iter()
            .filter(|(path, _)| !types.iter().any(|t| matches(path, t)))
            .map(|(path, _)| OptionError {
                input: path.clone(),
                message: "matches no spec type (give a type name, `api::Name`, `api::endpoint::Name` or `*`)".to_owned(),
            })
            .collect()
    }

    /// `items` (the inline module tree of [`super::crate_inline`]) with the options
    /// applied to the spec types of `spec`.
    pub fn apply(&self, spec: &Spec, items: TokenStream) -> TokenStream {
        if self.is_empty() {
            return items;
        }
        let types = spec_types(spec);
        self.walk(&types, &mut Vec::new(), items)
    }

    fn walk(&self, types: &[String], path: &mut Vec<String>, items: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = items.into_iter().collect();
        let mut out = TokenStream::new();
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
                        out.extend(self.attributes_for(&full, &trees[..i]));
                    }
                }
                _ => {}
            }
            out.extend([trees[i].clone()]);
            i += 1;
        }
        out
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
