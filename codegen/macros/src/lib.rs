//! The mutaspec proc-macros. Each is one call into `mutaspec_core::expand`, which holds
//! everything: this crate only moves tokens across the proc-macro boundary.
//!
//! The consumer crate needs `mutaspec-runtime` among its dependencies: the expanded code
//! names it.

use proc_macro::TokenStream;

/// Expands a spec file or directory into exactly the items `mutaspec generate` writes for
/// it: one module per API, each with its endpoint modules inline.
///
/// The path is relative to the crate's directory (`CARGO_MANIFEST_DIR`). Cargo rebuilds
/// the crate when a spec file changes. A spec error is a compile error on the path,
/// carrying the spec's `file:line:col`.
///
/// ```ignore
/// mutaspec_macros::include_spec!("../spec/payments");
/// // defines `payments`, `payments::update_identity::UpdateIdentityRequest`, ...
/// ```
#[proc_macro]
pub fn include_spec(input: TokenStream) -> TokenStream {
    use mutaspec_core::expand::Expansion;
    match mutaspec_core::expand::include_spec_expansion(input.into()) {
        Expansion::Tokens(tokens) => tokens.into(),
        // One parse by rustc instead of a bridge call per token built.
        Expansion::Text(text) => text.parse().unwrap_or_else(|e: proc_macro::LexError| {
            let message = format!("mutaspec: the expansion does not lex ({e}); please report this");
            quote_error(&message)
        }),
    }
}

/// `compile_error!("message")`, built without the bridge's string parsing.
fn quote_error(message: &str) -> TokenStream {
    mutaspec_core::expand::compile_error(message).into()
}

/// Derives, for a consumer's own struct that updates a spec endpoint, the generated
/// request's validators (`validate`, `validate_with`, `validate_into`, and
/// `side_effects` when the API has effects) and its `Serialize`.
///
/// Every field is checked at compile time: it exists in the endpoint's body (by
/// `#[mutaspec(rename = "wireName")]`, else the spec's Rust name, else the wire name),
/// it is updatable, it is an `Option` of the spec's type.
///
/// ```ignore
/// #[derive(mutaspec_macros::Update)]
/// #[mutaspec(spec = "spec", endpoint = "banking::update_customer", module = "mutaspec_generated::banking")]
/// struct ProfileChange {
///     is_paperless: Option<bool>,
///     #[mutaspec(rename = "externalId")]
///     ext: Option<String>,
/// }
/// ```
#[proc_macro_derive(Update, attributes(mutaspec))]
pub fn derive_update(input: TokenStream) -> TokenStream {
    mutaspec_core::expand::derive_update(input.into()).into()
}
