//! [`percent_encode_segment`] and [`path_segment`]: safe path parameters.

use std::borrow::Cow;
use std::fmt::Write;

use super::RequestError;

/// RFC 3986 unreserved characters: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes a path parameter so that it stays one path segment: every byte of
/// its UTF-8 form except the RFC 3986 unreserved characters becomes `%XX` (upper-case
/// hex), so `/`, `?`, `#` and `%` cannot change the URL's structure.
///
/// The dot segments `.` and `..` are encoded as `%2E` and `%2E%2E`, so that they do
/// not climb the path when a client normalizes it. An empty parameter stays empty:
/// validate parameters (e.g. with a `pattern:`) before building the URL.
///
/// Borrows when nothing needs encoding.
///
/// ```
/// # use mutaspec_runtime::http_support::percent_encode_segment;
/// assert_eq!(percent_encode_segment("ID123"), "ID123");
/// assert_eq!(percent_encode_segment("a/b c"), "a%2Fb%20c");
/// ```
#[must_use]
pub fn percent_encode_segment(segment: &str) -> Cow<'_, str> {
    let dots = segment == "." || segment == "..";
    let keep = |b: u8| is_unreserved(b) && !dots;
    if segment.bytes().all(keep) {
        return Cow::Borrowed(segment);
    }
    let mut out = String::with_capacity(segment.len() * 3);
    for b in segment.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    Cow::Owned(out)
}

/// Why a path parameter's value cannot be used, if it cannot: an empty one gives
/// another URL (`/customers/` is the collection, where a POST creates a resource), and
/// `.` or `..` name the segment itself or its parent once a client or server
/// normalizes the path (even encoded, as `%2E` is decoded by many).
#[must_use]
pub fn path_param_problem(value: &str) -> Option<&'static str> {
    match value {
        "" => Some("is empty: the request would go to another URL"),
        "." | ".." => Some("is `.` or `..`: the request would go to another URL"),
        _ => None,
    }
}

/// A string path parameter as one encoded segment ([`percent_encode_segment`]), or
/// [`RequestError::InvalidPathParam`] when the value would change the request's
/// path ([`path_param_problem`]). The value is never part of the error.
///
/// ```
/// # use mutaspec_runtime::http_support::path_segment;
/// assert_eq!(path_segment("id", "a/b").unwrap(), "a%2Fb");
/// assert!(path_segment("id", "").is_err());
/// assert!(path_segment("id", "..").is_err());
/// ```
///
/// # Errors
/// An empty value, `.` or `..`.
pub fn path_segment<'a>(name: &'static str, value: &'a str) -> Result<Cow<'a, str>, RequestError> {
    match path_param_problem(value) {
        Some(reason) => Err(RequestError::InvalidPathParam { name, reason }),
        None => Ok(percent_encode_segment(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_changing_values_are_refused() {
        for bad in ["", ".", ".."] {
            let e = path_segment("identityId", bad).unwrap_err();
            assert!(matches!(e, RequestError::InvalidPathParam { name: "identityId", .. }), "{e}");
            assert!(e.to_string().starts_with("path parameter `identityId` is "), "{e}");
        }
        assert_eq!(path_segment("id", "...").unwrap(), "...");
        assert_eq!(path_segment("id", " ").unwrap(), "%20");
        assert_eq!(path_segment("id", "../x").unwrap(), "..%2Fx");
    }

    #[test]
    fn borrows_unreserved() {
        let s = "AZaz09-._~";
        assert!(matches!(percent_encode_segment(s), Cow::Borrowed(x) if x == s));
        assert!(matches!(percent_encode_segment(""), Cow::Borrowed("")));
    }

    #[test]
    fn encodes_everything_else() {
        assert_eq!(percent_encode_segment("a/b"), "a%2Fb");
        assert_eq!(percent_encode_segment("../admin"), "..%2Fadmin");
        assert_eq!(percent_encode_segment("?x=1#f"), "%3Fx%3D1%23f");
        assert_eq!(percent_encode_segment("100%"), "100%25");
        assert_eq!(percent_encode_segment("é"), "%C3%A9");
        assert_eq!(percent_encode_segment("a+b"), "a%2Bb");
        assert_eq!(percent_encode_segment(" "), "%20");
    }

    #[test]
    fn dot_segments_cannot_climb() {
        assert_eq!(percent_encode_segment("."), "%2E");
        assert_eq!(percent_encode_segment(".."), "%2E%2E");
        assert_eq!(percent_encode_segment("..."), "...");
        assert_eq!(percent_encode_segment("a.b"), "a.b");
    }
}
