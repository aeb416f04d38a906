//! [`Endpoint`]: what generated code knows about one documented endpoint, and the
//! sans-IO request it builds from that.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::http_support::{json_request, AuthScheme, Credentials, Environment, RequestError};

/// An empty response body (`204 No Content`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NoContent;

/// One endpoint of a provider API, as its spec documents it. Implemented by a marker
/// type per endpoint in generated code (`update_customer::UpdateCustomer`).
pub trait Endpoint {
    /// The typed path parameters.
    type Params;
    /// The request body.
    type Request: Serialize;
    /// The success response body ([`NoContent`] for 204).
    type Response: DeserializeOwned;
    /// `api::endpoint`.
    const NAME: &'static str;
    /// The HTTP method.
    const METHOD: http::Method;
    /// The path template as documented (`/customer/id/{id}`).
    const PATH_TEMPLATE: &'static str;
    /// The production base URL.
    const PRODUCTION: &'static str;
    /// The staging base URL, when documented.
    const STAGING: Option<&'static str>;
    /// How requests authenticate.
    const AUTH: AuthScheme;
    /// The documented success status.
    const SUCCESS_STATUS: u16;

    /// The path with parameters filled in (string parameters percent-encoded).
    ///
    /// # Errors
    /// [`RequestError::InvalidPathParam`] for a string parameter that is empty, `.` or
    /// `..`: the request would go to another URL (an empty id gives the collection's).
    fn path(params: &Self::Params) -> Result<String, RequestError>;

    /// The base URL of an environment, if documented.
    fn base_url(env: Environment) -> Option<&'static str> {
        match env {
            Environment::Production => Some(Self::PRODUCTION),
            Environment::Staging => Self::STAGING,
        }
    }

    /// The full URL of a request.
    ///
    /// # Errors
    /// [`RequestError::NoHost`] when the environment has no documented host, and the
    /// errors of [`Self::path`].
    fn url(env: Environment, params: &Self::Params) -> Result<String, RequestError> {
        let base = Self::base_url(env).ok_or(RequestError::NoHost {
            endpoint: Self::NAME,
            environment: env,
        })?;
        Ok(format!("{base}{}", Self::path(params)?))
    }

    /// The complete `http::Request`: method, URL, JSON body, `Content-Type` and the
    /// authentication headers of [`Self::AUTH`].
    ///
    /// # Errors
    /// No host for the environment, a path parameter that would change the path,
    /// credentials that do not fit the auth scheme, or a body that cannot be serialized.
    fn http_request(
        env: Environment,
        params: &Self::Params,
        body: &Self::Request,
        creds: &Credentials,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        json_request(Self::METHOD, Self::url(env, params)?, Self::AUTH, creds, body)
    }
}
