//! Reading the error code out of a provider's error response body.

use std::fmt;

use serde_json::{Map, Value};

/// The code and message of a provider error response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProviderErrorBody {
    /// The provider's numeric error code.
    pub code: u32,
    /// The provider's message, when the body carries one.
    pub message: Option<String>,
}

/// Why no error code could be read from a body.
#[derive(Debug)]
#[non_exhaustive]
pub enum ParseError {
    /// The body is not JSON.
    Json(serde_json::Error),
    /// The body is JSON but has no code in any known place.
    MissingCode,
    /// A code is there but is not a non-negative integer that fits in 32 bits.
    InvalidCode,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Json(e) => write!(f, "error body is not JSON: {e}"),
            ParseError::MissingCode => f.write_str("error body has no error code"),
            ParseError::InvalidCode => f.write_str("error body has an error code that is not a 32-bit unsigned integer"),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Json(e) => Some(e),
            _ => None,
        }
    }
}

/// Reads a code given as a JSON number or a string of ASCII digits.
fn code_of(value: &Value) -> Result<u32, ParseError> {
    let parsed = match value {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    };
    parsed.ok_or(ParseError::InvalidCode)
}

/// Reads `message` (or `errorMessage`) when it is a string.
fn message_of(object: &Map<String, Value>) -> Option<String> {
    ["message", "errorMessage"]
        .iter()
        .find_map(|key| object.get(*key).and_then(Value::as_str))
        .map(str::to_owned)
}

/// The code directly in `object`, with the object (to read the message next to it).
fn direct(object: &Map<String, Value>) -> Option<(&Value, &Map<String, Value>)> {
    ["code", "errorCode"]
        .iter()
        .find_map(|key| object.get(*key))
        .map(|code| (code, object))
}

/// Looks for the code in the known places, first match wins.
fn find(root: &Map<String, Value>) -> Option<(&Value, &Map<String, Value>)> {
    let nested = root.get("error").and_then(Value::as_object);
    let first = root
        .get("errors")
        .and_then(Value::as_array)
        .and_then(|items| items.first())
        .and_then(Value::as_object);
    direct(root).or_else(|| nested.and_then(direct)).or_else(|| first.and_then(direct))
}

impl ProviderErrorBody {
    /// Parses an error response body. Accepted shapes, tried in this order:
    /// `{"code": 60301, "message": "..."}`, `{"errorCode": ...}`,
    /// `{"error": {"code": ...}}`, `{"errors": [{"code": ...}, ...]}` (the first item).
    /// The code may be a number or a string of digits; the message is the `message`
    /// (or `errorMessage`) string next to it.
    ///
    /// # Errors
    /// A [`ParseError`] when the body is not JSON or holds no valid code.
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let value: Value = serde_json::from_slice(body).map_err(ParseError::Json)?;
        let root = value.as_object().ok_or(ParseError::MissingCode)?;
        let (code, object) = find(root).ok_or(ParseError::MissingCode)?;
        Ok(ProviderErrorBody {
            code: code_of(code)?,
            message: message_of(object),
        })
    }
}

/// [`ProviderErrorBody::parse`], as a `(code, message)` pair.
///
/// ```
/// # use mutaspec_runtime::errors::parse_error_code;
/// let body = br#"{"errors": [{"code": "60301", "message": "Birth Date is invalid."}]}"#;
/// assert_eq!(parse_error_code(body)?, (60301, Some("Birth Date is invalid.".to_owned())));
/// # Ok::<(), mutaspec_runtime::errors::ParseError>(())
/// ```
///
/// # Errors
/// A [`ParseError`] when the body is not JSON or holds no valid code.
pub fn parse_error_code(body: &[u8]) -> Result<(u32, Option<String>), ParseError> {
    ProviderErrorBody::parse(body).map(|b| (b.code, b.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> (u32, Option<String>) {
        parse_error_code(body.as_bytes()).unwrap()
    }

    fn err(body: &[u8]) -> ParseError {
        parse_error_code(body).unwrap_err()
    }

    #[test]
    fn accepted_shapes() {
        assert_eq!(
            ok(r#"{"code": 60301, "message": "Birth Date is invalid."}"#),
            (60301, Some("Birth Date is invalid.".into()))
        );
        assert_eq!(ok(r#"{"errorCode": "60350", "errorMessage": "dup"}"#), (60350, Some("dup".into())));
        assert_eq!(ok(r#"{"error": {"code": 7, "message": "m"}}"#), (7, Some("m".into())));
        assert_eq!(ok(r#"{"errors": [{"code": 1}, {"code": 2}]}"#), (1, None));
        assert_eq!(ok(r#"{"code": 0}"#), (0, None));
        assert_eq!(ok(r#"{"code": 4294967295}"#), (4_294_967_295, None));
    }

    #[test]
    fn precedence_and_message_placement() {
        assert_eq!(ok(r#"{"code": 1, "error": {"code": 2}}"#), (1, None));
        assert_eq!(ok(r#"{"message": "top", "error": {"code": 2}}"#), (2, None));
        assert_eq!(ok(r#"{"code": 3, "message": 5}"#), (3, None));
    }

    #[test]
    fn refusals_are_typed() {
        assert!(matches!(err(b""), ParseError::Json(_)));
        assert!(matches!(err(b"<html>"), ParseError::Json(_)));
        assert!(matches!(err(&[0xff, 0xfe]), ParseError::Json(_)));
        assert!(matches!(err(b"[]"), ParseError::MissingCode));
        assert!(matches!(err(b"60301"), ParseError::MissingCode));
        assert!(matches!(err(br#"{"message": "x"}"#), ParseError::MissingCode));
        assert!(matches!(err(br#"{"errors": []}"#), ParseError::MissingCode));
        assert!(matches!(err(br#"{"error": "bad"}"#), ParseError::MissingCode));
        for code in ["-1", "1.5", "4294967296", "\"\"", "\"12a\"", "\" 12\"", "null", "true", "[1]"] {
            let body = format!(r#"{{"code": {code}}}"#);
            assert!(matches!(err(body.as_bytes()), ParseError::InvalidCode), "{code}");
        }
    }

    #[test]
    fn display_and_source() {
        use std::error::Error;
        assert_eq!(ParseError::MissingCode.to_string(), "error body has no error code");
        assert!(err(b"{").source().is_some());
        assert!(ParseError::InvalidCode.source().is_none());
    }
}
