//! Support for the error enums generated from a spec's error catalogue.
//!
//! A generated enum (say `HelixError`) implements [`ErrorCatalog`]: each documented
//! code is a variant with its message template kept verbatim, and a catch-all variant
//! holds codes the spec does not know. [`render_template`] fills a template's
//! `{placeholders}`; [`parse_error_code`] reads the code out of a provider's error
//! response body.

mod body;
mod matching;
mod response;
mod template;

pub use body::{parse_error_code, ErrorBody, ErrorBodyShape, ParseError, ProviderErrorBody};
pub use matching::match_template;
pub use response::{read_response, ProviderError, ReadError, ResponseError, Statuses, Uncatalogued};
pub use template::render_template;

/// Implemented by generated error enums.
///
/// `from_code(e.code(), params)` gives back an equal error for every documented code;
/// unknown codes land in the enum's catch-all variant, so the lookup is total.
pub trait ErrorCatalog: Sized + std::fmt::Display {
    /// The provider's numeric code.
    fn code(&self) -> u32;

    /// The error for `code`, with its template parameters (`{0}`, `{id}`...) given by
    /// name; unknown codes produce the catch-all variant.
    fn from_code(code: u32, params: &[(&str, &str)]) -> Self;

    /// The documented message template, verbatim (placeholders unfilled).
    fn template(&self) -> &'static str;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    /// A hand-written stand-in for a generated enum.
    #[derive(Debug, PartialEq)]
    enum DemoError {
        TagInUse { tag: String },
        Other { code: u32 },
    }

    impl ErrorCatalog for DemoError {
        fn code(&self) -> u32 {
            match self {
                DemoError::TagInUse { .. } => 60303,
                DemoError::Other { code } => *code,
            }
        }

        fn from_code(code: u32, params: &[(&str, &str)]) -> Self {
            let param = |name: &str| params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
            match code {
                60303 => DemoError::TagInUse {
                    tag: param("0").unwrap_or_default(),
                },
                code => DemoError::Other { code },
            }
        }

        fn template(&self) -> &'static str {
            match self {
                DemoError::TagInUse { .. } => "Tag '{0}' is already associated with a different customer.",
                DemoError::Other { .. } => "Error {code}.",
            }
        }
    }

    impl fmt::Display for DemoError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let code = self.code().to_string();
            let text = match self {
                DemoError::TagInUse { tag } => render_template(self.template(), &[("0", tag)]),
                DemoError::Other { .. } => render_template(self.template(), &[("code", &code)]),
            };
            f.write_str(&text)
        }
    }

    #[test]
    fn round_trip_through_the_trait() {
        let e = DemoError::from_code(60303, &[("0", "vip")]);
        assert_eq!(e.code(), 60303);
        assert_eq!(e.to_string(), "Tag 'vip' is already associated with a different customer.");
        assert_eq!(DemoError::from_code(42, &[]).to_string(), "Error 42.");
        let (code, _) = parse_error_code(br#"{"code": 60303}"#).unwrap();
        assert_eq!(DemoError::from_code(code, &[]).code(), 60303);
    }
}
