//! Reading the error code out of a provider's error response body.

use std::fmt;

use serde_json::Value;

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
    /// A code is there but is not a non-negative integer that fits in 32 bits (or, for
    /// a catalogue of string codes, neither a string nor a non-negative integer).
    InvalidCode,
    /// The catalogue is keyed by HTTP status, and no status is known.
    MissingStatus,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Json(e) => write!(f, "error body is not JSON: {e}"),
            ParseError::MissingCode => f.write_str("error body has no error code"),
            ParseError::InvalidCode => f.write_str("error body has an error code that is not a 32-bit unsigned integer"),
            ParseError::MissingStatus => f.write_str("error response has no HTTP status"),
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

/// Where an error response body carries its parts: the candidate places of the error
/// object (JSON pointers, RFC 6901, tried in order: the first that holds a code wins),
/// and, relative to it, the candidate pointers of each part (the first present wins).
/// Generated catalogues carry theirs as `BODY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorBodyShape {
    /// A pointer prefixed to every object place (`/data`: the error is nested there).
    pub under: &'static str,
    /// Where the error object may be (`""`: the body itself).
    pub objects: &'static [&'static str],
    /// The code (a JSON string, or a non-negative integer read as its digits).
    pub code: &'static [&'static str],
    /// The message (a string).
    pub message: &'static [&'static str],
    /// The offending field's path, as the provider writes it (a string).
    pub field: &'static [&'static str],
    /// The HTTP status (a number or a string of digits).
    pub status: &'static [&'static str],
    /// The error's type or class (`card_error`, a problem type URI), a string.
    pub kind: &'static [&'static str],
}

impl ErrorBodyShape {
    /// `{"code": 60301, "message": "..."}` (or `errorCode`/`errorMessage`), the same
    /// under `error` or in the first item of `errors`.
    pub const DEFAULT: ErrorBodyShape = ErrorBodyShape {
        under: "",
        objects: &["", "/error", "/errors/0"],
        code: &["/code", "/errorCode"],
        message: &["/message", "/errorMessage"],
        field: &["/field", "/param"],
        status: &["/status"],
        kind: &["/type"],
    };
    /// RFC 9457 problem details (`application/problem+json`): `type`, `title`,
    /// `status`, `detail`; the code is a `code` extension member, else the `type`; the
    /// message the `detail`, else the `title`; the field the first `errors[].pointer`
    /// (RFC 9457 section 3's example), or an `invalid-params[].name` (RFC 7807's).
    pub const PROBLEM: ErrorBodyShape = ErrorBodyShape {
        under: "",
        objects: &[""],
        code: &["/code", "/type"],
        message: &["/detail", "/title"],
        field: &["/errors/0/pointer", "/invalid-params/0/name", "/pointer"],
        status: &["/status"],
        kind: &["/type"],
    };
    /// JSON:API error objects (`errors[]`, the first one): `code`, `status` (a string),
    /// `title`, `detail`, `source.pointer` (or `source.parameter`).
    pub const JSON_API: ErrorBodyShape = ErrorBodyShape {
        under: "",
        objects: &["/errors/0"],
        code: &["/code"],
        message: &["/detail", "/title"],
        field: &["/source/pointer", "/source/parameter", "/source/header"],
        status: &["/status"],
        kind: &["/title"],
    };
    /// An `error` object with `type`, `code`, `param`, `message` (Stripe's shape); the
    /// code is `code`, else the `type`.
    pub const STRIPE: ErrorBodyShape = ErrorBodyShape {
        under: "",
        objects: &["/error"],
        code: &["/code", "/type"],
        message: &["/message"],
        field: &["/param"],
        status: &[],
        kind: &["/type"],
    };
}

/// What an error response body says, read with an [`ErrorBodyShape`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ErrorBody {
    /// The HTTP status: the response's when known, else the body's status member.
    pub status: Option<u16>,
    /// The provider's code, as text (`60301`, `card_declined`).
    pub code: Option<String>,
    /// The provider's message, verbatim.
    pub message: Option<String>,
    /// The offending field's path, as the provider gives it (`/data/attributes/email`,
    /// `email`, `address[city]`).
    pub field: Option<String>,
    /// The error's type or class, when the shape has one.
    pub kind: Option<String>,
}

/// Reads a code given as a string or a non-negative integer.
fn code_text(value: &Value) -> Result<String, ParseError> {
    match value {
        Value::Number(n) => n.as_u64().map(|n| n.to_string()).ok_or(ParseError::InvalidCode),
        Value::String(s) => Ok(s.clone()),
        _ => Err(ParseError::InvalidCode),
    }
}

/// Reads a status given as a number or a string of digits, 100 to 599.
fn status_of(value: &Value) -> Option<u16> {
    let n = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
        _ => None,
    }?;
    u16::try_from(n).ok().filter(|s| (100..600).contains(s))
}

/// The first of `pointers` present in `object`.
fn first<'v>(object: &'v Value, pointers: &[&str]) -> Option<&'v Value> {
    pointers.iter().find_map(|p| object.pointer(p))
}

/// The first of `pointers` in `object` that is a string.
fn text(object: &Value, pointers: &[&str]) -> Option<String> {
    pointers.iter().find_map(|p| object.pointer(p)?.as_str()).map(str::to_owned)
}

impl ErrorBody {
    /// Reads an error response body with `shape`. `status` is the response's (it wins
    /// over a status member of the body).
    ///
    /// # Errors
    /// [`ParseError::Json`] when the body is not JSON, [`ParseError::MissingCode`] when
    /// it is not an object or no error object is where the shape says,
    /// [`ParseError::InvalidCode`] when the code is neither a string nor a
    /// non-negative integer. A body with an error object but no code reads with
    /// `code: None`.
    pub fn read(body: &[u8], shape: &ErrorBodyShape, status: Option<u16>) -> Result<Self, ParseError> {
        let value: Value = serde_json::from_slice(body).map_err(ParseError::Json)?;
        if !value.is_object() {
            return Err(ParseError::MissingCode);
        }
        let root = value.pointer(shape.under).ok_or(ParseError::MissingCode)?;
        let objects: Vec<&Value> = shape
            .objects
            .iter()
            .filter_map(|p| root.pointer(p))
            .filter(|v| v.is_object())
            .collect();
        let object = objects
            .iter()
            .find(|o| first(o, shape.code).is_some())
            .or_else(|| objects.first())
            .ok_or(ParseError::MissingCode)?;
        Ok(ErrorBody {
            status: status.or_else(|| first(object, shape.status).and_then(status_of)),
            code: first(object, shape.code).map(code_text).transpose()?,
            message: text(object, shape.message),
            field: text(object, shape.field),
            kind: text(object, shape.kind),
        })
    }

    /// What is known of an error response whose body is unreadable: its status.
    #[must_use]
    pub fn from_status(status: Option<u16>) -> Self {
        ErrorBody {
            status,
            ..ErrorBody::default()
        }
    }

    /// The code as a number.
    ///
    /// # Errors
    /// [`ParseError::MissingCode`] without a code, [`ParseError::InvalidCode`] when it
    /// is not ASCII digits that fit in 32 bits.
    pub fn numeric_code(&self) -> Result<u32, ParseError> {
        let code = self.code.as_deref().ok_or(ParseError::MissingCode)?;
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::InvalidCode);
        }
        code.parse().map_err(|_| ParseError::InvalidCode)
    }

    /// The code as text.
    ///
    /// # Errors
    /// [`ParseError::MissingCode`] without a code.
    pub fn text_code(&self) -> Result<&str, ParseError> {
        self.code.as_deref().ok_or(ParseError::MissingCode)
    }

    /// The status.
    ///
    /// # Errors
    /// [`ParseError::MissingStatus`] when neither the response nor the body gave one.
    pub fn known_status(&self) -> Result<u16, ParseError> {
        self.status.ok_or(ParseError::MissingStatus)
    }
}

impl ProviderErrorBody {
    /// Parses an error response body. Accepted shapes, tried in this order:
    /// `{"code": 60301, "message": "..."}`, `{"errorCode": ...}`,
    /// `{"error": {"code": ...}}`, `{"errors": [{"code": ...}, ...]}` (the first item)
    /// ([`ErrorBodyShape::DEFAULT`]).
    /// The code may be a number or a string of digits; the message is the `message`
    /// (or `errorMessage`) string next to it.
    ///
    /// # Errors
    /// A [`ParseError`] when the body is not JSON or holds no valid code.
    pub fn parse(body: &[u8]) -> Result<Self, ParseError> {
        let read = ErrorBody::read(body, &ErrorBodyShape::DEFAULT, None)?;
        Ok(ProviderErrorBody {
            code: read.numeric_code()?,
            message: read.message,
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

    fn read(body: &str, shape: &ErrorBodyShape, status: Option<u16>) -> ErrorBody {
        ErrorBody::read(body.as_bytes(), shape, status).unwrap()
    }

    #[test]
    fn named_shapes_read_code_message_field_and_status() {
        let p = read(
            r##"{"type": "https://e.com/t", "title": "T", "detail": "D", "status": 400, "errors": [{"pointer": "#/a"}]}"##,
            &ErrorBodyShape::PROBLEM,
            None,
        );
        assert_eq!(p.code.as_deref(), Some("https://e.com/t"));
        assert_eq!(
            (p.message.as_deref(), p.field.as_deref(), p.status),
            (Some("D"), Some("#/a"), Some(400))
        );
        let p = read(r#"{"type": "t", "code": "c", "title": "T"}"#, &ErrorBodyShape::PROBLEM, Some(409));
        assert_eq!(
            (p.code.as_deref(), p.message.as_deref(), p.status),
            (Some("c"), Some("T"), Some(409))
        );
        let j = read(
            r#"{"errors": [{"status": "422", "code": "x", "detail": "d", "source": {"parameter": "sort"}}]}"#,
            &ErrorBodyShape::JSON_API,
            None,
        );
        assert_eq!(
            (j.status, j.code.as_deref(), j.field.as_deref()),
            (Some(422), Some("x"), Some("sort"))
        );
        let s = read(r#"{"error": {"type": "api_error", "message": "m"}}"#, &ErrorBodyShape::STRIPE, None);
        assert_eq!((s.code.as_deref(), s.kind.as_deref()), (Some("api_error"), Some("api_error")));
        let nested = ErrorBodyShape {
            under: "/data",
            ..ErrorBodyShape::STRIPE
        };
        let n = read(r#"{"data": {"error": {"code": 5, "param": "p"}}}"#, &nested, None);
        assert_eq!((n.code.as_deref(), n.field.as_deref()), (Some("5"), Some("p")));
        assert!(matches!(
            ErrorBody::read(br#"{"error": {"code": 5}}"#, &nested, None),
            Err(ParseError::MissingCode)
        ));
    }

    #[test]
    fn statuses_out_of_range_and_odd_codes_are_not_read() {
        for status in ["99", "600", "\"4220\"", "\"\"", "-1", "\"abc\""] {
            let body = format!(r#"{{"code": 1, "status": {status}}}"#);
            assert_eq!(read(&body, &ErrorBodyShape::DEFAULT, None).status, None, "{status}");
        }
        let custom = ErrorBodyShape {
            under: "",
            objects: &[""],
            code: &["/f/id"],
            message: &["/f/text"],
            field: &["/f/where"],
            status: &[],
            kind: &[],
        };
        let c = read(r#"{"f": {"id": "E", "text": "t", "where": "w"}}"#, &custom, None);
        assert_eq!(
            (c.code.as_deref(), c.message.as_deref(), c.field.as_deref()),
            (Some("E"), Some("t"), Some("w"))
        );
        assert!(matches!(
            ErrorBody::read(br#"{"f": {"id": 1.5}}"#, &custom, None),
            Err(ParseError::InvalidCode)
        ));
        assert_eq!(read(r#"{"x": 1}"#, &custom, None).code, None);
        assert!(matches!(
            read(r#"{"code": "abc"}"#, &ErrorBodyShape::DEFAULT, None).numeric_code(),
            Err(ParseError::InvalidCode)
        ));
        assert!(matches!(
            ErrorBody::from_status(None).known_status(),
            Err(ParseError::MissingStatus)
        ));
    }

    #[test]
    fn display_and_source() {
        use std::error::Error;
        assert_eq!(ParseError::MissingCode.to_string(), "error body has no error code");
        assert!(err(b"{").source().is_some());
        assert!(ParseError::InvalidCode.source().is_none());
    }
}
