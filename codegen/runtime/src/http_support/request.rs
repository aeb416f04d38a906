//! [`body_request`] and [`json_request`]: a complete authenticated request.

use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Method, Request};
use serde::Serialize;

use super::{apply_auth, form_encode, AuthScheme, Credentials, RequestError, RequestHeaders};

/// How a request body is written, and the `Content-Type` it is sent with (exactly
/// this text, no parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BodyFormat {
    /// `application/json`.
    #[default]
    Json,
    /// `application/merge-patch+json` (RFC 7396): JSON, in which `null` removes a member.
    MergePatch,
    /// `application/vnd.api+json` (JSON:API): JSON; the body's fields are the
    /// document's members as the spec declares them (`data`, `type`, `attributes`).
    JsonApi,
    /// `application/x-www-form-urlencoded` with bracketed nesting, see
    /// [`form_encode`](super::form_encode).
    Form,
}

impl BodyFormat {
    /// Every format.
    pub const ALL: [BodyFormat; 4] = [BodyFormat::Json, BodyFormat::MergePatch, BodyFormat::JsonApi, BodyFormat::Form];

    /// The `Content-Type` value.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            BodyFormat::Json => "application/json",
            BodyFormat::MergePatch => "application/merge-patch+json",
            BodyFormat::JsonApi => "application/vnd.api+json",
            BodyFormat::Form => "application/x-www-form-urlencoded",
        }
    }

    /// The body's bytes.
    ///
    /// # Errors
    /// [`RequestError::Json`] or [`RequestError::Form`].
    pub fn encode(self, body: &(impl Serialize + ?Sized)) -> Result<Vec<u8>, RequestError> {
        match self {
            BodyFormat::Json | BodyFormat::MergePatch | BodyFormat::JsonApi => serde_json::to_vec(body).map_err(RequestError::Json),
            BodyFormat::Form => form_encode(body).map(String::into_bytes).map_err(RequestError::Form),
        }
    }
}

/// Builds a request: `body` written as `format` says, `Content-Type` exactly
/// [`BodyFormat::content_type`], the documented `headers`, then the authentication
/// headers of `scheme` (set last: a documented header cannot replace them).
///
/// # Errors
/// As [`json_request`], and [`RequestError::Form`] for a body with no form encoding.
pub fn body_request(
    method: Method,
    url: String,
    format: BodyFormat,
    headers: &(impl RequestHeaders + ?Sized),
    scheme: AuthScheme,
    creds: &Credentials,
    body: &(impl Serialize + ?Sized),
) -> Result<Request<Vec<u8>>, RequestError> {
    let bytes = format.encode(body)?;
    let mut builder = Request::builder().method(method).uri(url);
    if let Some(map) = builder.headers_mut() {
        headers.apply(map)?;
        map.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    }
    let builder = apply_auth(builder, scheme, creds)?;
    builder.body(bytes).map_err(RequestError::Http)
}

/// Builds a request with `body` serialized as JSON, `Content-Type: application/json`
/// and the authentication headers of `scheme`.
///
/// `url` should already carry encoded path parameters (see
/// [`percent_encode_segment`](super::percent_encode_segment)).
///
/// ```
/// # use mutaspec_runtime::http_support::{json_request, AuthScheme, Credentials};
/// let req = json_request(
///     http::Method::PATCH,
///     "https://api.example.com/accounts/42".to_owned(),
///     AuthScheme::Basic,
///     &Credentials::basic("user", "pass"),
///     &serde_json::json!({"nickName": "Savings"}),
/// )?;
/// assert_eq!(req.body(), br#"{"nickName":"Savings"}"#);
/// # Ok::<(), mutaspec_runtime::RequestError>(())
/// ```
///
/// # Errors
/// [`RequestError::Json`] if the body cannot be serialized, [`RequestError::Http`] for
/// an invalid URL, and the errors of [`apply_auth`].
pub fn json_request(
    method: Method,
    url: String,
    scheme: AuthScheme,
    creds: &Credentials,
    body: &(impl Serialize + ?Sized),
) -> Result<Request<Vec<u8>>, RequestError> {
    body_request(method, url, BodyFormat::Json, &super::NoHeaders, scheme, creds, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Update<'a> {
        #[serde(rename = "nickName")]
        nick_name: &'a str,
    }

    fn creds() -> Credentials {
        Credentials::bearer("tok").with_api_key("key")
    }

    const SCHEME: AuthScheme = AuthScheme::Bearer {
        api_key_header: Some("x-api-key"),
    };

    #[test]
    fn builds_json_request() {
        let url = "https://sandbox.example.com/v1/accounts/42".to_owned();
        let req = json_request(Method::PUT, url, SCHEME, &creds(), &Update { nick_name: "Savings" }).unwrap();
        assert_eq!(req.method(), Method::PUT);
        assert_eq!(req.uri().path(), "/v1/accounts/42");
        assert_eq!(
            req.headers().get("content-type").and_then(|v| v.to_str().ok()),
            Some("application/json")
        );
        assert_eq!(req.headers().get("x-api-key").and_then(|v| v.to_str().ok()), Some("key"));
        assert_eq!(req.body().as_slice(), br#"{"nickName":"Savings"}"#);
    }

    #[test]
    fn unsized_bodies() {
        let items: &[u8] = &[1, 2];
        let req = json_request(Method::POST, "/x".into(), SCHEME, &creds(), items).unwrap();
        assert_eq!(req.body().as_slice(), b"[1,2]");
    }

    #[test]
    fn each_format_has_its_content_type_and_bytes() {
        let body = serde_json::json!({"a": {"b": [1, null]}});
        let mut seen = Vec::new();
        for format in BodyFormat::ALL {
            let req = body_request(
                Method::PATCH,
                "/x".into(),
                format,
                &crate::http_support::NoHeaders,
                SCHEME,
                &creds(),
                &body,
            )
            .unwrap();
            let types: Vec<_> = req.headers().get_all("content-type").iter().collect();
            assert_eq!(types, [format.content_type()], "{format:?}");
            seen.push(String::from_utf8(req.into_body()).unwrap());
        }
        assert_eq!(seen[..3], [r#"{"a":{"b":[1,null]}}"#; 3]);
        assert_eq!(seen[3], "a[b][0]=1&a[b][1]=");
        let err = body_request(
            Method::PATCH,
            "/x".into(),
            BodyFormat::Form,
            &crate::http_support::NoHeaders,
            SCHEME,
            &creds(),
            &[1],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot form-encode the body: the body must be an object, not an array"
        );
    }

    #[test]
    fn documented_headers_cannot_replace_auth_or_content_type() {
        struct Sneaky;
        impl RequestHeaders for Sneaky {
            fn apply(&self, h: &mut http::HeaderMap) -> Result<(), RequestError> {
                crate::http_support::set_header(h, "content-type", "text/plain")?;
                crate::http_support::set_header(h, "authorization", "nope")?;
                crate::http_support::set_header(h, "x-trace", "1")
            }
        }
        let req = body_request(Method::PATCH, "/x".into(), BodyFormat::Json, &Sneaky, SCHEME, &creds(), &1).unwrap();
        assert_eq!(req.headers()["content-type"], "application/json");
        assert_eq!(req.headers()["authorization"], "Bearer tok");
        assert_eq!(req.headers()["x-trace"], "1");
    }

    #[test]
    fn errors_are_typed() {
        let err = json_request(Method::POST, "http://bad host/".into(), SCHEME, &creds(), &1).unwrap_err();
        assert!(matches!(err, RequestError::Http(_)), "{err}");
        let mut bad_map = BTreeMap::new();
        bad_map.insert(vec![1u8], 1);
        let err = json_request(Method::POST, "/x".into(), SCHEME, &creds(), &bad_map).unwrap_err();
        assert!(matches!(err, RequestError::Json(_)), "{err}");
        let err = json_request(Method::POST, "/x".into(), AuthScheme::Basic, &creds(), &1).unwrap_err();
        assert!(matches!(err, RequestError::CredentialMismatch { .. }), "{err}");
    }
}
