//! [`Credentials`]: what the caller authenticates with.

use std::fmt;

/// The caller's secrets for one provider. `Debug` never shows a token, an API key or
/// a password (a Basic username is shown: it identifies, it does not authenticate).
///
/// ```
/// # use mutaspec_runtime::Credentials;
/// let creds = Credentials::bearer("eyJhbGciOi...").with_api_key("k-123");
/// assert_eq!(
///     format!("{creds:?}"),
///     "Credentials::Bearer { token: <redacted>, api_key: Some(<redacted>) }"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// A bearer token (e.g. a JWT), with an optional API key sent in its own header.
    Bearer {
        /// The token sent as `Authorization: Bearer <token>`.
        token: String,
        /// The API key, for schemes that require one.
        api_key: Option<String>,
    },
    /// HTTP Basic credentials (RFC 7617).
    Basic {
        /// The user id; must not contain `:`.
        username: String,
        /// The password.
        password: String,
    },
    /// An API key, for [`AuthScheme::ApiKey`](super::AuthScheme::ApiKey) (in whichever
    /// header the spec names, raw or after its prefix word).
    ApiKey {
        /// The key.
        key: String,
    },
}

impl Credentials {
    /// Bearer credentials without an API key.
    #[must_use]
    pub fn bearer(token: impl Into<String>) -> Self {
        Credentials::Bearer {
            token: token.into(),
            api_key: None,
        }
    }

    /// HTTP Basic credentials.
    #[must_use]
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// API key credentials (for an endpoint whose scheme is `api_key`).
    #[must_use]
    pub fn api_key(key: impl Into<String>) -> Self {
        Credentials::ApiKey { key: key.into() }
    }

    /// Adds (or replaces) the API key of bearer credentials. Basic and API key
    /// credentials are returned unchanged.
    #[must_use]
    pub fn with_api_key(self, key: impl Into<String>) -> Self {
        match self {
            Credentials::Bearer { token, .. } => Credentials::Bearer {
                token,
                api_key: Some(key.into()),
            },
            other @ (Credentials::Basic { .. } | Credentials::ApiKey { .. }) => other,
        }
    }

    /// `bearer token`, `bearer token with an API key` or `basic`, for messages.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Credentials::Bearer { api_key: None, .. } => "a bearer token",
            Credentials::Bearer { api_key: Some(_), .. } => "a bearer token with an API key",
            Credentials::Basic { .. } => "basic credentials",
            Credentials::ApiKey { .. } => "an API key",
        }
    }
}

/// Stands for a secret in `Debug` output.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Bearer { api_key, .. } => f
                .debug_struct("Credentials::Bearer")
                .field("token", &Redacted)
                .field("api_key", &api_key.as_ref().map(|_| Redacted))
                .finish(),
            Credentials::Basic { username, .. } => f
                .debug_struct("Credentials::Basic")
                .field("username", username)
                .field("password", &Redacted)
                .finish(),
            Credentials::ApiKey { .. } => f.debug_struct("Credentials::ApiKey").field("key", &Redacted).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let all = [
            Credentials::bearer("tok-SECRET"),
            Credentials::bearer("tok-SECRET").with_api_key("key-SECRET"),
            Credentials::basic("alice", "pw-SECRET"),
            Credentials::api_key("key-SECRET"),
        ];
        for creds in &all {
            for out in [format!("{creds:?}"), format!("{creds:#?}")] {
                assert!(!out.contains("SECRET"), "{out}");
                assert!(out.contains("<redacted>"), "{out}");
            }
        }
        assert_eq!(
            format!("{:?}", all[2]),
            "Credentials::Basic { username: \"alice\", password: <redacted> }"
        );
        assert_eq!(format!("{:?}", all[0]), "Credentials::Bearer { token: <redacted>, api_key: None }");
    }

    #[test]
    fn builders() {
        let creds = Credentials::bearer("t").with_api_key("k1").with_api_key("k2");
        assert_eq!(
            creds,
            Credentials::Bearer {
                token: "t".into(),
                api_key: Some("k2".into())
            }
        );
        let basic = Credentials::basic("u", "p");
        assert_eq!(basic.clone().with_api_key("k"), basic);
        assert_eq!(basic.describe(), "basic credentials");
    }
}
