//! [`Target`] and [`BaseUrl`]: where a request goes (a documented environment, or
//! another base URL: a mock server, a proxy, a regional host).

use std::fmt;

use super::{Environment, RequestError};

/// A base URL other than the documented hosts: `http` or `https`, a host (and port),
/// optionally a path prefix (a proxy's `https://proxy.internal/provider`), no user
/// info, query or fragment. A trailing `/` is dropped. The endpoint's documented path
/// is appended to it unchanged.
///
/// ```
/// # use mutaspec_runtime::http_support::BaseUrl;
/// let base = BaseUrl::parse("http://127.0.0.1:8080/")?;
/// assert_eq!(base.as_str(), "http://127.0.0.1:8080");
/// assert!(BaseUrl::parse("https://api.example.com/?x=1").is_err());
/// assert!(BaseUrl::parse("ftp://api.example.com").is_err());
/// # Ok::<(), mutaspec_runtime::RequestError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(String);

fn bad(reason: &'static str) -> RequestError {
    RequestError::InvalidBaseUrl { reason }
}

impl BaseUrl {
    /// Validates a base URL.
    ///
    /// # Errors
    /// [`RequestError::InvalidBaseUrl`], saying why (never echoing the text, which may
    /// hold credentials).
    pub fn parse(text: &str) -> Result<Self, RequestError> {
        let rest = if let Some(r) = text.strip_prefix("https://") {
            r
        } else if let Some(r) = text.strip_prefix("http://") {
            r
        } else {
            return Err(bad("must start with `https://` or `http://`"));
        };
        if text.contains('?') {
            return Err(bad("must have no query: the request's own URL is built on it"));
        }
        if text.contains('#') {
            return Err(bad("must have no fragment"));
        }
        let authority = rest.split('/').next().unwrap_or("");
        if authority.is_empty() {
            return Err(bad("has no host"));
        }
        if authority.contains('@') {
            return Err(bad("must have no user info: credentials go in `Credentials`"));
        }
        let trimmed = text.trim_end_matches('/');
        let uri: http::Uri = trimmed.parse().map_err(|_| bad("is not a valid URL"))?;
        if uri.host().is_none_or(str::is_empty) {
            return Err(bad("has no host"));
        }
        if trimmed.bytes().any(|b| !b.is_ascii_graphic()) {
            return Err(bad("must be ASCII with no spaces"));
        }
        Ok(BaseUrl(trimmed.to_owned()))
    }

    /// The URL, without a trailing `/`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.0).finish()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a request goes: a documented environment's host, or a [`BaseUrl`]. Both
/// convert into it, so `http_request_with(Environment::Staging, ...)` and
/// `http_request_with(BaseUrl::parse(mock)?, ...)` read alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// The documented host of an environment.
    Environment(Environment),
    /// Another base URL; the documented path is kept.
    Base(BaseUrl),
}

impl From<Environment> for Target {
    fn from(env: Environment) -> Self {
        Target::Environment(env)
    }
}

impl From<BaseUrl> for Target {
    fn from(base: BaseUrl) -> Self {
        Target::Base(base)
    }
}

impl From<&BaseUrl> for Target {
    fn from(base: &BaseUrl) -> Self {
        Target::Base(base.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted() {
        for (text, kept) in [
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("https://eu.api.example.com/", "https://eu.api.example.com"),
            ("https://proxy.internal/provider/", "https://proxy.internal/provider"),
            ("http://[::1]:9000", "http://[::1]:9000"),
        ] {
            assert_eq!(BaseUrl::parse(text).unwrap().as_str(), kept, "{text}");
        }
    }

    #[test]
    fn refused_with_a_reason_that_does_not_echo() {
        for (text, reason) in [
            ("api.example.com", "must start with `https://` or `http://`"),
            ("ftp://x.example", "must start with `https://` or `http://`"),
            ("https://x.example/?q=1", "must have no query: the request's own URL is built on it"),
            ("https://x.example/#top", "must have no fragment"),
            (
                "https://user:SECRET@x.example",
                "must have no user info: credentials go in `Credentials`",
            ),
            ("https://", "has no host"),
            ("https:///path", "has no host"),
            ("https://x.example/a b", "is not a valid URL"),
        ] {
            let err = BaseUrl::parse(text).unwrap_err();
            assert!(
                matches!(err, RequestError::InvalidBaseUrl { reason: r } if r == reason),
                "{text}: {err}"
            );
            assert!(!err.to_string().contains("SECRET"));
        }
    }

    #[test]
    fn targets() {
        assert_eq!(Target::from(Environment::Staging), Target::Environment(Environment::Staging));
        let base = BaseUrl::parse("http://localhost:1").unwrap();
        assert_eq!(Target::from(&base), Target::Base(base));
    }
}
