//! OAuth2 client credentials (RFC 6749 §4.4), sans-IO: [`OAuth2::token_request`] builds
//! the token request as an `http::Request`, [`OAuth2::parse_token_response`] reads the
//! answer from its status and bytes, and the [`AccessToken`] it gives is then sent as a
//! bearer token ([`AccessToken::credentials`]).

use std::fmt;

use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request};
use serde::Deserialize;

use super::form::encode_into;
use super::{base64, BaseUrl, Credentials, RequestError};

/// How the client authenticates to the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientAuth {
    /// `Authorization: Basic base64(client_id:client_secret)`, each form-encoded first.
    Basic,
    /// `client_id` and `client_secret` in the form body.
    Body,
}

/// An endpoint's OAuth2 client-credentials scheme, as its spec declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OAuth2 {
    /// The token endpoint (`https://auth.example.com/oauth/token`).
    pub token_url: &'static str,
    /// The scopes the endpoint needs, sent space-separated (none: no `scope`).
    pub scopes: &'static [&'static str],
    /// How the client id and secret are sent.
    pub client_auth: ClientAuth,
}

/// A client id and secret. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientCredentials {
    /// The client id.
    pub client_id: String,
    /// The client secret.
    pub client_secret: String,
}

impl ClientCredentials {
    /// A client id and secret.
    #[must_use]
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &format_args!("<redacted>"))
            .finish()
    }
}

/// An access token from the token endpoint. `Debug` never shows the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    token: String,
    /// Seconds the token is valid for, when the provider says.
    pub expires_in: Option<u64>,
    /// The scopes granted, when the provider says (space-separated).
    pub scope: Option<String>,
}

impl AccessToken {
    /// The bearer credentials of this token, for the endpoint's requests.
    #[must_use]
    pub fn credentials(&self) -> Credentials {
        Credentials::bearer(self.token.clone())
    }

    /// The token itself (a secret: do not log it).
    #[must_use]
    pub fn secret(&self) -> &str {
        &self.token
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &format_args!("<redacted>"))
            .field("expires_in", &self.expires_in)
            .field("scope", &self.scope)
            .finish()
    }
}

/// Why a token response gave no token. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// The provider refused (RFC 6749 §5.2): its `error` code and description.
    Refused {
        /// The HTTP status.
        status: u16,
        /// `invalid_client`, `invalid_scope`, ...
        error: String,
        /// `error_description`, when given.
        description: Option<String>,
    },
    /// A status that is not success, without an RFC 6749 error body.
    Status(u16),
    /// The body is not a token response (`reason` says what is wrong).
    Malformed {
        /// Why.
        reason: String,
    },
    /// The token is not a bearer token (`token_type`).
    NotBearer(String),
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenError::Refused {
                status,
                error,
                description,
            } => {
                write!(f, "the token endpoint refused ({status}): {error}")?;
                match description {
                    Some(d) => write!(f, ": {d}"),
                    None => Ok(()),
                }
            }
            TokenError::Status(s) => write!(f, "the token endpoint answered {s}"),
            TokenError::Malformed { reason } => write!(f, "not a token response: {reason}"),
            TokenError::NotBearer(t) => write!(f, "token type `{t}` is not `Bearer`"),
        }
    }
}

impl std::error::Error for TokenError {}

impl OAuth2 {
    /// The token request to the documented token URL: `POST`, `Content-Type:
    /// application/x-www-form-urlencoded`, `Accept: application/json`, body
    /// `grant_type=client_credentials` and `scope=...`, the client authenticated as
    /// [`ClientAuth`] says.
    ///
    /// # Errors
    /// A header value HTTP does not allow, or a Basic client id containing `:`.
    pub fn token_request(&self, client: &ClientCredentials) -> Result<Request<Vec<u8>>, RequestError> {
        self.build(self.token_url.to_owned(), client)
    }

    /// The same request sent to `base` (a mock server, a proxy), keeping the token
    /// URL's path.
    ///
    /// # Errors
    /// As [`Self::token_request`].
    pub fn token_request_via(&self, base: &BaseUrl, client: &ClientCredentials) -> Result<Request<Vec<u8>>, RequestError> {
        let after_scheme = self.token_url.split_once("://").map_or(self.token_url, |(_, r)| r);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        self.build(format!("{}{path}", base.as_str()), client)
    }

    fn build(&self, url: String, client: &ClientCredentials) -> Result<Request<Vec<u8>>, RequestError> {
        let mut body = String::from("grant_type=client_credentials");
        if !self.scopes.is_empty() {
            body.push_str("&scope=");
            encode_into(&mut body, &self.scopes.join(" "));
        }
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri(url)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"))
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        match self.client_auth {
            ClientAuth::Basic => {
                let mut pair = String::new();
                encode_into(&mut pair, &client.client_id);
                pair.push(':');
                encode_into(&mut pair, &client.client_secret);
                let mut value = HeaderValue::from_str(&format!("Basic {}", base64::encode(pair.as_bytes())))
                    .map_err(|_| RequestError::InvalidHeaderValue { name: "authorization" })?;
                value.set_sensitive(true);
                builder = builder.header(AUTHORIZATION, value);
            }
            ClientAuth::Body => {
                body.push_str("&client_id=");
                encode_into(&mut body, &client.client_id);
                body.push_str("&client_secret=");
                encode_into(&mut body, &client.client_secret);
            }
        }
        builder.body(body.into_bytes()).map_err(RequestError::Http)
    }

    /// Reads the token endpoint's answer (RFC 6749 §5.1 and §5.2).
    ///
    /// # Errors
    /// [`TokenError`]: a refusal with the provider's code, another status, a body that
    /// is not a token response, or a token type other than `Bearer`.
    pub fn parse_token_response(status: u16, body: &[u8]) -> Result<AccessToken, TokenError> {
        #[derive(Deserialize)]
        struct Ok_ {
            access_token: String,
            token_type: String,
            expires_in: Option<u64>,
            scope: Option<String>,
        }
        #[derive(Deserialize)]
        struct Err_ {
            error: String,
            error_description: Option<String>,
        }
        if !(200..300).contains(&status) {
            return Err(match serde_json::from_slice::<Err_>(body) {
                Ok(e) => TokenError::Refused {
                    status,
                    error: e.error,
                    description: e.error_description,
                },
                Err(_) => TokenError::Status(status),
            });
        }
        let ok: Ok_ = serde_json::from_slice(body).map_err(|e| TokenError::Malformed {
            // Not serde_json's message: it can quote a value (the token).
            reason: format!(
                "{} at line {} column {} (a JSON object with `access_token` and `token_type` strings expected)",
                match e.classify() {
                    serde_json::error::Category::Data => "unexpected members",
                    _ => "invalid JSON",
                },
                e.line(),
                e.column()
            ),
        })?;
        if !ok.token_type.eq_ignore_ascii_case("bearer") {
            return Err(TokenError::NotBearer(ok.token_type));
        }
        Ok(AccessToken {
            token: ok.access_token,
            expires_in: ok.expires_in,
            scope: ok.scope,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEME: OAuth2 = OAuth2 {
        token_url: "https://auth.example.com/oauth/token",
        scopes: &["accounts:write", "profile"],
        client_auth: ClientAuth::Basic,
    };

    fn header<'r>(req: &'r Request<Vec<u8>>, name: &str) -> Option<&'r str> {
        req.headers().get(name).and_then(|v| v.to_str().ok())
    }

    #[test]
    fn basic_client_auth() {
        let req = SCHEME.token_request(&ClientCredentials::new("id 1", "s:ECRET")).unwrap();
        assert_eq!(req.method(), Method::POST);
        assert_eq!(req.uri(), "https://auth.example.com/oauth/token");
        assert_eq!(header(&req, "content-type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(header(&req, "accept"), Some("application/json"));
        // base64("id+1:s%3AECRET")
        assert_eq!(header(&req, "authorization"), Some("Basic aWQrMTpzJTNBRUNSRVQ="));
        assert_eq!(
            req.body().as_slice(),
            b"grant_type=client_credentials&scope=accounts%3Awrite+profile"
        );
        assert!(!format!("{req:?}").contains("aWQ"));
    }

    #[test]
    fn body_client_auth_and_no_scopes() {
        let scheme = OAuth2 {
            scopes: &[],
            client_auth: ClientAuth::Body,
            ..SCHEME
        };
        let base = BaseUrl::parse("http://127.0.0.1:9").unwrap();
        let req = scheme.token_request_via(&base, &ClientCredentials::new("app", "s&t")).unwrap();
        assert_eq!(req.uri(), "http://127.0.0.1:9/oauth/token");
        assert!(req.headers().get("authorization").is_none());
        assert_eq!(
            req.body().as_slice(),
            b"grant_type=client_credentials&client_id=app&client_secret=s%26t"
        );
    }

    #[test]
    fn token_responses() {
        let t = OAuth2::parse_token_response(
            200,
            br#"{"access_token":"at-SECRET","token_type":"bearer","expires_in":3600,"scope":"profile"}"#,
        )
        .unwrap();
        assert_eq!(t.expires_in, Some(3600));
        assert_eq!(t.credentials(), Credentials::bearer("at-SECRET"));
        assert!(!format!("{t:?}").contains("SECRET"));
        let e = OAuth2::parse_token_response(401, br#"{"error":"invalid_client","error_description":"bad secret"}"#).unwrap_err();
        assert_eq!(e.to_string(), "the token endpoint refused (401): invalid_client: bad secret");
        assert_eq!(OAuth2::parse_token_response(502, b"<html>").unwrap_err(), TokenError::Status(502));
        assert!(matches!(
            OAuth2::parse_token_response(200, br#"{"token_type":"Bearer"}"#).unwrap_err(),
            TokenError::Malformed { .. }
        ));
        assert_eq!(
            OAuth2::parse_token_response(200, br#"{"access_token":"x","token_type":"mac"}"#).unwrap_err(),
            TokenError::NotBearer("mac".into())
        );
        let debug = format!("{:?}", ClientCredentials::new("app", "SECRET"));
        assert_eq!(debug, "ClientCredentials { client_id: \"app\", client_secret: <redacted> }");
    }
}
