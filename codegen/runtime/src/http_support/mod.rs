//! Sans-IO request building for generated endpoint clients.
//!
//! Nothing here performs I/O: the generated code builds an [`http::Request`] with
//! [`body_request`] (JSON, merge patch, JSON:API or a form body, see [`BodyFormat`])
//! and the caller sends it with the HTTP client of their choice.
//! Secrets (tokens, API keys, passwords) are never printed by `Debug`, are marked
//! sensitive in the request's headers, and never appear in a [`RequestError`].

mod auth;
mod base64;
mod credentials;
mod environment;
mod error;
mod form;
mod headers;
mod oauth2;
mod percent;
mod request;
mod target;

pub use auth::{apply_auth, AuthScheme};
pub use credentials::Credentials;
pub use environment::Environment;
pub use error::RequestError;
pub use form::{form_encode, FormError};
pub use headers::{set_header, ETag, IdempotencyKey, NoHeaders, RequestHeaders};
pub use oauth2::{AccessToken, ClientAuth, ClientCredentials, OAuth2, TokenError};
pub use percent::{path_param_problem, path_segment, percent_encode_segment};
pub use request::{body_request, json_request, BodyFormat};
pub use target::{BaseUrl, Target};
