//! Documented request headers: [`RequestHeaders`] (what a generated `<Endpoint>Headers`
//! implements), [`IdempotencyKey`] and [`ETag`] (`If-Match`).

use std::fmt;

use http::header::{HeaderMap, HeaderName, HeaderValue};

use super::RequestError;

/// The documented headers of one endpoint, set on the request it builds. Generated
/// per endpoint (`UpdateCustomerHeaders`); [`NoHeaders`] for an endpoint with none.
pub trait RequestHeaders {
    /// Sets every header (replacing one of the same name).
    ///
    /// # Errors
    /// A header value HTTP does not allow.
    fn apply(&self, headers: &mut HeaderMap) -> Result<(), RequestError>;
}

/// The headers of an endpoint that documents none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NoHeaders;

impl RequestHeaders for NoHeaders {
    fn apply(&self, _: &mut HeaderMap) -> Result<(), RequestError> {
        Ok(())
    }
}

/// Sets header `name` (lower-case, as generated code passes it) to `value`.
///
/// # Errors
/// [`RequestError::InvalidHeaderName`] / [`RequestError::InvalidHeaderValue`].
pub fn set_header(headers: &mut HeaderMap, name: &'static str, value: &str) -> Result<(), RequestError> {
    let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| RequestError::InvalidHeaderName { name })?;
    let value = HeaderValue::from_str(value).map_err(|_| RequestError::InvalidHeaderValue { name })?;
    headers.insert(header, value);
    Ok(())
}

/// Visible ASCII (`!` to `~`), as a token or key may hold.
fn visible(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_graphic())
}

/// An idempotency key (`Idempotency-Key: <key>`): 1 to 255 visible ASCII characters
/// (a UUID, or any unique text of yours). The provider replays the first response to
/// a repeated key instead of applying the update twice.
///
/// ```
/// # use mutaspec_runtime::http_support::IdempotencyKey;
/// let key = IdempotencyKey::new("5f0c8a3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b")?;
/// assert_eq!(key.as_str(), "5f0c8a3e-1b2d-4e5f-8a9b-0c1d2e3f4a5b");
/// assert!(IdempotencyKey::new("two words").is_err());
/// # Ok::<(), mutaspec_runtime::RequestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Checks and wraps a key.
    ///
    /// # Errors
    /// [`RequestError::InvalidHeaderValue`] for an empty key, one longer than 255
    /// characters, or one with a space or a character outside visible ASCII.
    pub fn new(key: impl Into<String>) -> Result<Self, RequestError> {
        let key = key.into();
        if key.is_empty() || key.len() > 255 || !visible(&key) {
            return Err(RequestError::InvalidHeaderValue { name: "idempotency-key" });
        }
        Ok(IdempotencyKey(key))
    }

    /// The key.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An entity tag (RFC 9110 §8.8.3) as a resource's `ETag` response header gave it, for
/// a conditional update (`If-Match`): the update applies only if the resource still
/// has that version.
///
/// ```
/// # use mutaspec_runtime::http_support::ETag;
/// assert_eq!(ETag::strong("v42")?.as_str(), "\"v42\"");
/// assert_eq!(ETag::parse("W/\"v42\"")?.as_str(), "W/\"v42\"");
/// assert!(ETag::parse("v42").is_err()); // unquoted: not what an ETag header holds
/// # Ok::<(), mutaspec_runtime::RequestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ETag(String);

fn etag_chars(opaque: &str) -> bool {
    // etagc = %x21 / %x23-7E / obs-text: visible ASCII but `"`.
    opaque.bytes().all(|b| b.is_ascii_graphic() && b != b'"')
}

impl ETag {
    /// The header's text as received: `"xyz"`, `W/"xyz"` or `*` (any version).
    ///
    /// # Errors
    /// [`RequestError::InvalidHeaderValue`] for text that is not an entity tag.
    pub fn parse(text: &str) -> Result<Self, RequestError> {
        let opaque = text.strip_prefix("W/").unwrap_or(text);
        let ok = text == "*"
            || (opaque.len() >= 2 && opaque.starts_with('"') && opaque.ends_with('"') && etag_chars(&opaque[1..opaque.len() - 1]));
        if ok {
            Ok(ETag(text.to_owned()))
        } else {
            Err(RequestError::InvalidHeaderValue { name: "if-match" })
        }
    }

    /// A strong tag from its opaque text (without quotes).
    ///
    /// # Errors
    /// [`RequestError::InvalidHeaderValue`] for a `"` or a character outside visible ASCII.
    pub fn strong(opaque: &str) -> Result<Self, RequestError> {
        if !etag_chars(opaque) {
            return Err(RequestError::InvalidHeaderValue { name: "if-match" });
        }
        Ok(ETag(format!("\"{opaque}\"")))
    }

    /// The header text (`"xyz"`).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ETag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys() {
        assert!(IdempotencyKey::new("a").is_ok());
        assert!(IdempotencyKey::new("x".repeat(255)).is_ok());
        for bad in ["", "a b", "é", "a\n", &"x".repeat(256)] {
            assert!(IdempotencyKey::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn etags() {
        for good in ["\"\"", "\"a\"", "W/\"a-1\"", "*"] {
            assert_eq!(ETag::parse(good).unwrap().as_str(), good);
        }
        for bad in ["a", "\"a", "W/a", "\"a\"b\"", "\"a b\"", "W/", ""] {
            assert!(ETag::parse(bad).is_err(), "{bad:?}");
        }
        assert!(ETag::strong("a\"b").is_err());
        assert_eq!(ETag::strong("v1").unwrap().to_string(), "\"v1\"");
    }

    #[test]
    fn set_header_checks_name_and_value() {
        let mut h = HeaderMap::new();
        set_header(&mut h, "x-a", "1").unwrap();
        set_header(&mut h, "x-a", "2").unwrap();
        assert_eq!(h.get_all("x-a").iter().count(), 1);
        assert!(matches!(
            set_header(&mut h, "x a", "1"),
            Err(RequestError::InvalidHeaderName { .. })
        ));
        assert!(matches!(
            set_header(&mut h, "x-b", "a\nb"),
            Err(RequestError::InvalidHeaderValue { name: "x-b" })
        ));
        assert!(NoHeaders.apply(&mut h).is_ok());
    }
}
