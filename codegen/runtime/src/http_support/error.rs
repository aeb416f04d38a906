//! [`RequestError`]: why a request could not be built.

use std::fmt;

/// A request that could not be built. Never contains a secret: header values are
/// named, not shown.
#[derive(Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The endpoint's auth scheme needs other credentials than those given.
    CredentialMismatch {
        /// What the endpoint needs, e.g. `a bearer token with an API key`.
        expected: &'static str,
        /// What was given, e.g. `basic credentials`.
        found: &'static str,
    },
    /// The credentials cannot be encoded (e.g. a Basic username containing `:`).
    InvalidCredentials {
        /// Why.
        reason: &'static str,
    },
    /// The body could not be serialized to JSON.
    Json(serde_json::Error),
    /// A header name (of the auth scheme's API key, or a documented header) is not a
    /// valid header name, or the API key header is `Authorization` beside a bearer token.
    InvalidHeaderName {
        /// The offending name.
        name: &'static str,
    },
    /// A header value contains characters HTTP does not allow (e.g. a newline in a
    /// token). The value itself is not kept.
    InvalidHeaderValue {
        /// The header whose value was refused.
        name: &'static str,
    },
    /// The `http` crate refused the request (e.g. an invalid URL).
    Http(http::Error),
    /// A path parameter whose value would change the request's path (empty, `.` or
    /// `..`). The value itself is not kept.
    InvalidPathParam {
        /// The parameter, as the path template names it.
        name: &'static str,
        /// Why (`is empty: the request would go to another URL`).
        reason: &'static str,
    },
    /// A base URL given instead of a documented host is not usable (the text itself
    /// is not kept: it may hold credentials).
    InvalidBaseUrl {
        /// Why (`must have no query`).
        reason: &'static str,
    },
    /// The body cannot be written as `application/x-www-form-urlencoded`.
    Form(super::FormError),
    /// The endpoint documents no host for this environment.
    NoHost {
        /// The endpoint (`api::endpoint`).
        endpoint: &'static str,
        /// The environment asked for.
        environment: super::Environment,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::CredentialMismatch { expected, found } => {
                write!(f, "the endpoint authenticates with {expected}, but {found} were given")
            }
            RequestError::InvalidCredentials { reason } => write!(f, "invalid credentials: {reason}"),
            RequestError::InvalidPathParam { name, reason } => write!(f, "path parameter `{name}` {reason}"),
            RequestError::Json(e) => write!(f, "cannot serialize the request body: {e}"),
            RequestError::InvalidHeaderName { name } => {
                write!(f, "`{name}` cannot be used as a header name here")
            }
            RequestError::InvalidHeaderValue { name } => {
                write!(f, "the value of header `{name}` contains characters HTTP does not allow")
            }
            RequestError::Http(e) => write!(f, "cannot build the request: {e}"),
            RequestError::InvalidBaseUrl { reason } => write!(f, "the base URL {reason}"),
            RequestError::Form(e) => e.fmt(f),
            RequestError::NoHost { endpoint, environment } => write!(f, "endpoint {endpoint} documents no {environment} host"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::Json(e) => Some(e),
            RequestError::Http(e) => Some(e),
            RequestError::Form(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn messages() {
        let e = RequestError::CredentialMismatch {
            expected: "a bearer token",
            found: "basic credentials",
        };
        assert_eq!(
            e.to_string(),
            "the endpoint authenticates with a bearer token, but basic credentials were given"
        );
        assert!(e.source().is_none());
        let e = RequestError::InvalidHeaderValue { name: "authorization" };
        assert_eq!(
            e.to_string(),
            "the value of header `authorization` contains characters HTTP does not allow"
        );
    }

    #[test]
    fn request_side_messages_never_echo_values() {
        let e = RequestError::InvalidBaseUrl {
            reason: "must have no query",
        };
        assert_eq!(e.to_string(), "the base URL must have no query");
        let form = crate::http_support::form_encode(&1).unwrap_err();
        let e = RequestError::Form(form);
        assert_eq!(
            e.to_string(),
            "cannot form-encode the body: the body must be an object, not a number"
        );
        assert!(e.source().is_some());
        assert_eq!(
            RequestError::InvalidHeaderName { name: "x y" }.to_string(),
            "`x y` cannot be used as a header name here"
        );
    }

    #[test]
    fn sources() {
        let json = serde_json::from_str::<u8>("x").unwrap_err();
        assert!(RequestError::Json(json).source().is_some());
    }
}
