//! [`Endpoint`]: what generated code knows about one documented endpoint, and the
//! sans-IO request it builds from that.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::http_support::{body_request, AuthScheme, BodyFormat, Credentials, Environment, RequestError, RequestHeaders, Target};

/// The auth choice of an endpoint that documents one scheme: there is nothing to pick.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Documented;

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
    /// How requests authenticate (the first documented scheme when there are several).
    const AUTH: AuthScheme;
    /// How the body is written, and its `Content-Type`.
    const BODY_FORMAT: BodyFormat = BodyFormat::Json;
    /// The documented request headers ([`NoHeaders`](crate::http_support::NoHeaders)
    /// when none): a generated `<Endpoint>Headers` with a typed field per header the
    /// caller gives, the fixed ones set by it.
    type Headers: RequestHeaders;
    /// The caller's pick among the documented auth schemes: [`Documented`] when there
    /// is one, a generated `<Endpoint>Auth` enum when there are several.
    type Auth: Copy;

    /// The scheme of an auth choice.
    fn auth_scheme(auth: Self::Auth) -> AuthScheme;
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

    /// The full URL of a request to `target`: a documented environment's host, or a
    /// [`BaseUrl`](crate::http_support::BaseUrl) followed by the documented path.
    ///
    /// # Errors
    /// As [`Self::url`].
    fn url_at(target: &Target, params: &Self::Params) -> Result<String, RequestError> {
        match target {
            Target::Environment(env) => Self::url(*env, params),
            Target::Base(base) => Ok(format!("{base}{}", Self::path(params)?)),
        }
    }

    /// The complete `http::Request`: method, URL, the body as [`Self::BODY_FORMAT`]
    /// writes it with its `Content-Type`, and the authentication headers of
    /// [`Self::AUTH`]. For an endpoint with no header the caller must give and one auth
    /// scheme; otherwise use [`Self::http_request_with`].
    ///
    /// # Errors
    /// No host for the environment, a path parameter that would change the path,
    /// credentials that do not fit the auth scheme, or a body that cannot be serialized.
    fn http_request(
        env: Environment,
        params: &Self::Params,
        body: &Self::Request,
        creds: &Credentials,
    ) -> Result<http::Request<Vec<u8>>, RequestError>
    where
        Self::Headers: Default,
        Self::Auth: Default,
    {
        Self::http_request_with(env, params, body, &Self::Headers::default(), Self::Auth::default(), creds)
    }

    /// The complete `http::Request` to `target` (an [`Environment`] or a
    /// [`BaseUrl`](crate::http_support::BaseUrl)), with the documented `headers` and
    /// the auth scheme the caller picked.
    ///
    /// # Errors
    /// As [`Self::http_request`], an invalid header value, and a body the format
    /// cannot write.
    fn http_request_with(
        target: impl Into<Target>,
        params: &Self::Params,
        body: &Self::Request,
        headers: &Self::Headers,
        auth: Self::Auth,
        creds: &Credentials,
    ) -> Result<http::Request<Vec<u8>>, RequestError> {
        let url = Self::url_at(&target.into(), params)?;
        body_request(Self::METHOD, url, Self::BODY_FORMAT, headers, Self::auth_scheme(auth), creds, body)
    }
}
