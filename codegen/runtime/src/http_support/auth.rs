//! [`AuthScheme`] and [`apply_auth`]: authentication headers.

use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use http::request::Builder;

use super::{base64, Credentials, RequestError};

/// How an endpoint authenticates, as its spec declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`, plus the API key in its own header when
    /// `api_key_header` is set (e.g. `x-api-key`).
    Bearer {
        /// The header carrying the API key, if the endpoint requires one.
        api_key_header: Option<&'static str>,
    },
    /// `Authorization: Basic base64(username:password)` (RFC 7617).
    Basic,
    /// An API key in a header of its own (`X-Api-Key: <key>`), or in `Authorization`
    /// raw (`Authorization: <key>`) or after a prefix word (`Authorization: Token <key>`,
    /// `Authorization: SSWS <key>`). Takes [`Credentials::ApiKey`].
    ApiKey {
        /// The header, lower-case (`authorization`, `x-api-key`).
        header: &'static str,
        /// The word before the key, separated by one space (`Token`), if any.
        prefix: Option<&'static str>,
    },
    /// An OAuth2 access token obtained with the client-credentials grant (RFC 6749
    /// §4.4), sent as `Authorization: Bearer <token>`. Build the token request with
    /// [`OAuth2::token_request`](super::OAuth2::token_request); the token it returns
    /// gives the [`Credentials`] ([`AccessToken::credentials`](super::AccessToken::credentials)).
    OAuth2(super::OAuth2),
}

impl AuthScheme {
    fn describe(self) -> &'static str {
        match self {
            AuthScheme::Bearer { api_key_header: None } => "a bearer token",
            AuthScheme::Bearer { api_key_header: Some(_) } => "a bearer token with an API key",
            AuthScheme::Basic => "basic credentials",
            AuthScheme::ApiKey { .. } => "an API key",
            AuthScheme::OAuth2(_) => "an OAuth2 access token (a bearer token)",
        }
    }
}

/// A header value holding a secret: validated, and marked sensitive so that `http`
/// hides it in `Debug` output (and HTTP/2 encoders do not index it).
fn secret_value(name: &'static str, text: &str) -> Result<HeaderValue, RequestError> {
    let mut value = HeaderValue::from_str(text).map_err(|_| RequestError::InvalidHeaderValue { name })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Sets (replacing) a header; a builder already in error keeps its error.
fn set_header(mut builder: Builder, name: HeaderName, value: HeaderValue) -> Builder {
    if let Some(headers) = builder.headers_mut() {
        headers.insert(name, value);
    }
    builder
}

fn bearer(builder: Builder, api_key_header: Option<&'static str>, token: &str, api_key: Option<&str>) -> Result<Builder, RequestError> {
    let value = secret_value("authorization", &format!("Bearer {token}"))?;
    let builder = set_header(builder, AUTHORIZATION, value);
    match (api_key_header, api_key) {
        (None, None) => Ok(builder),
        (Some(header), Some(key)) => {
            let name = HeaderName::from_bytes(header.as_bytes())
                .ok()
                .filter(|name| *name != AUTHORIZATION)
                .ok_or(RequestError::InvalidHeaderName { name: header })?;
            Ok(set_header(builder, name, secret_value(header, key)?))
        }
        (Some(_), None) => Err(RequestError::CredentialMismatch {
            expected: "a bearer token with an API key",
            found: "a bearer token without an API key",
        }),
        (None, Some(_)) => Err(RequestError::CredentialMismatch {
            expected: "a bearer token without an API key",
            found: "a bearer token with an API key",
        }),
    }
}

fn basic(builder: Builder, username: &str, password: &str) -> Result<Builder, RequestError> {
    if username.contains(':') {
        return Err(RequestError::InvalidCredentials {
            reason: "a Basic username cannot contain ':'",
        });
    }
    let encoded = base64::encode(format!("{username}:{password}").as_bytes());
    let value = secret_value("authorization", &format!("Basic {encoded}"))?;
    Ok(set_header(builder, AUTHORIZATION, value))
}

fn api_key(builder: Builder, header: &'static str, prefix: Option<&'static str>, key: &str) -> Result<Builder, RequestError> {
    let name = HeaderName::from_bytes(header.as_bytes()).map_err(|_| RequestError::InvalidHeaderName { name: header })?;
    let value = match prefix {
        Some(word) => secret_value(header, &format!("{word} {key}"))?,
        None => secret_value(header, key)?,
    };
    Ok(set_header(builder, name, value))
}

/// Adds the authentication headers of `scheme` to a request being built, replacing
/// any already set.
///
/// An API key given to an endpoint that takes none is refused like a missing one: the
/// credentials and the spec disagree, and that is better found before sending.
///
/// # Errors
/// [`RequestError::CredentialMismatch`] when the credentials do not fit the scheme,
/// [`RequestError::InvalidHeaderValue`] / [`RequestError::InvalidHeaderName`] when
/// they cannot be sent as headers, [`RequestError::InvalidCredentials`] for a Basic
/// username containing `:`.
pub fn apply_auth(builder: Builder, scheme: AuthScheme, creds: &Credentials) -> Result<Builder, RequestError> {
    match (scheme, creds) {
        (AuthScheme::Bearer { api_key_header }, Credentials::Bearer { token, api_key }) => {
            bearer(builder, api_key_header, token, api_key.as_deref())
        }
        (AuthScheme::Basic, Credentials::Basic { username, password }) => basic(builder, username, password),
        (AuthScheme::ApiKey { header, prefix }, Credentials::ApiKey { key }) => api_key(builder, header, prefix, key),
        (AuthScheme::OAuth2(_), Credentials::Bearer { token, api_key: None }) => bearer(builder, None, token, None),
        (scheme, creds) => Err(RequestError::CredentialMismatch {
            expected: scheme.describe(),
            found: creds.describe(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Request;

    const WITH_KEY: AuthScheme = AuthScheme::Bearer {
        api_key_header: Some("x-api-key"),
    };
    const NO_KEY: AuthScheme = AuthScheme::Bearer { api_key_header: None };

    fn build(scheme: AuthScheme, creds: &Credentials) -> Result<Request<()>, RequestError> {
        apply_auth(Request::builder().uri("https://example.com/"), scheme, creds)?
            .body(())
            .map_err(RequestError::Http)
    }

    fn header<'r>(req: &'r Request<()>, name: &str) -> Option<&'r str> {
        req.headers().get(name).and_then(|v| v.to_str().ok())
    }

    #[test]
    fn bearer_with_api_key() {
        let creds = Credentials::bearer("jwt.token").with_api_key("key-1");
        let req = build(WITH_KEY, &creds).unwrap();
        assert_eq!(header(&req, "authorization"), Some("Bearer jwt.token"));
        assert_eq!(header(&req, "x-api-key"), Some("key-1"));
        assert!(req.headers().values().all(HeaderValue::is_sensitive));
        let debug = format!("{req:?}");
        assert!(!debug.contains("jwt.token") && !debug.contains("key-1"), "{debug}");
    }

    #[test]
    fn bearer_without_api_key() {
        let req = build(NO_KEY, &Credentials::bearer("t")).unwrap();
        assert_eq!(header(&req, "authorization"), Some("Bearer t"));
        assert_eq!(req.headers().len(), 1);
    }

    #[test]
    fn basic_is_base64_of_user_colon_password() {
        let req = build(AuthScheme::Basic, &Credentials::basic("Aladdin", "open sesame")).unwrap();
        assert_eq!(header(&req, "authorization"), Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
        let err = build(AuthScheme::Basic, &Credentials::basic("a:b", "c")).unwrap_err();
        assert!(matches!(err, RequestError::InvalidCredentials { .. }));
    }

    #[test]
    fn replaces_existing_authorization() {
        let builder = Request::builder().header("authorization", "old");
        let req = apply_auth(builder, NO_KEY, &Credentials::bearer("new")).unwrap().body(()).unwrap();
        assert_eq!(req.headers().get_all("authorization").iter().count(), 1);
        assert_eq!(header(&req, "authorization"), Some("Bearer new"));
    }

    #[test]
    fn mismatches_are_errors() {
        let cases = [
            (AuthScheme::Basic, Credentials::bearer("t")),
            (NO_KEY, Credentials::basic("u", "p")),
            (WITH_KEY, Credentials::bearer("t")),
            (NO_KEY, Credentials::bearer("t").with_api_key("k")),
        ];
        for (scheme, creds) in &cases {
            let err = build(*scheme, creds).unwrap_err();
            assert!(matches!(err, RequestError::CredentialMismatch { .. }), "{scheme:?}: {err}");
        }
        let err = build(WITH_KEY, &Credentials::basic("u", "SECRET")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the endpoint authenticates with a bearer token with an API key, but basic credentials were given"
        );
    }

    #[test]
    fn api_keys_raw_prefixed_and_in_their_own_header() {
        let creds = Credentials::api_key("k-SECRET");
        let raw = AuthScheme::ApiKey {
            header: "authorization",
            prefix: None,
        };
        let req = build(raw, &creds).unwrap();
        assert_eq!(header(&req, "authorization"), Some("k-SECRET"));
        let token = AuthScheme::ApiKey {
            header: "authorization",
            prefix: Some("SSWS"),
        };
        assert_eq!(header(&build(token, &creds).unwrap(), "authorization"), Some("SSWS k-SECRET"));
        let own = AuthScheme::ApiKey {
            header: "x-api-key",
            prefix: None,
        };
        let req = build(own, &creds).unwrap();
        assert_eq!(header(&req, "x-api-key"), Some("k-SECRET"));
        assert!(req.headers().get("authorization").is_none());
        assert!(!format!("{req:?}").contains("SECRET"));
        let err = build(own, &Credentials::bearer("t")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the endpoint authenticates with an API key, but a bearer token were given"
        );
        let err = build(raw, &Credentials::api_key("a\nb")).unwrap_err();
        assert!(matches!(err, RequestError::InvalidHeaderValue { name: "authorization" }));
    }

    #[test]
    fn oauth2_sends_the_access_token_as_a_bearer() {
        let scheme = AuthScheme::OAuth2(crate::http_support::OAuth2 {
            token_url: "https://auth.example.com/token",
            scopes: &["write"],
            client_auth: crate::http_support::ClientAuth::Basic,
        });
        let req = build(scheme, &Credentials::bearer("at-1")).unwrap();
        assert_eq!(header(&req, "authorization"), Some("Bearer at-1"));
        let err = build(scheme, &Credentials::api_key("k")).unwrap_err();
        assert!(matches!(err, RequestError::CredentialMismatch { .. }));
    }

    #[test]
    fn invalid_values_and_names() {
        let err = build(NO_KEY, &Credentials::bearer("a\nb")).unwrap_err();
        assert!(matches!(err, RequestError::InvalidHeaderValue { name: "authorization" }));
        let err = build(WITH_KEY, &Credentials::bearer("t").with_api_key("k\r")).unwrap_err();
        assert!(matches!(err, RequestError::InvalidHeaderValue { name: "x-api-key" }));
        let bad_name = AuthScheme::Bearer {
            api_key_header: Some("x api key"),
        };
        let err = build(bad_name, &Credentials::bearer("t").with_api_key("k")).unwrap_err();
        assert!(matches!(err, RequestError::InvalidHeaderName { name: "x api key" }));
        let clash = AuthScheme::Bearer {
            api_key_header: Some("Authorization"),
        };
        let err = build(clash, &Credentials::bearer("t").with_api_key("k")).unwrap_err();
        assert!(matches!(err, RequestError::InvalidHeaderName { .. }));
        let req = build(AuthScheme::Basic, &Credentials::basic("u", "pé")).unwrap();
        assert_eq!(header(&req, "authorization"), Some("Basic dTpww6k="));
    }
}
