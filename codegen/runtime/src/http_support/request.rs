//! [`json_request`]: a complete authenticated JSON request.

use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Method, Request};
use serde::Serialize;

use super::{apply_auth, AuthScheme, Credentials, RequestError};

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
    let bytes = serde_json::to_vec(body).map_err(RequestError::Json)?;
    let mut builder = apply_auth(Request::builder().method(method).uri(url), scheme, creds)?;
    if let Some(headers) = builder.headers_mut() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    builder.body(bytes).map_err(RequestError::Http)
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
