//! Sans-IO request building for generated endpoint clients.
//!
//! Nothing here performs I/O: the generated code builds an [`http::Request`] with
//! [`json_request`] and the caller sends it with the HTTP client of their choice.
//! Secrets (tokens, API keys, passwords) are never printed by `Debug`, are marked
//! sensitive in the request's headers, and never appear in a [`RequestError`].

mod auth;
mod base64;
mod credentials;
mod environment;
mod error;
mod percent;
mod request;

pub use auth::{apply_auth, AuthScheme};
pub use credentials::Credentials;
pub use environment::Environment;
pub use error::RequestError;
pub use percent::{path_param_problem, path_segment, percent_encode_segment};
pub use request::json_request;
