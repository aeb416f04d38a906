//! A provider's response read back: an error with what its body says, and the response
//! of a documented endpoint turned into `Result<success, error>` by its status.

use std::fmt;

use serde::de::DeserializeOwned;

use super::body::{ErrorBody, ParseError};

/// A provider error: the catalogue's typed error, and what the response said (its
/// status, the provider's message verbatim, the offending field's path).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProviderError<E> {
    /// The typed error (a variant of the generated catalogue).
    pub error: E,
    /// What the error body said (boxed: a `Result` carrying it stays small).
    pub body: Box<ErrorBody>,
}

impl<E> ProviderError<E> {
    /// The response's HTTP status, when known.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.body.status
    }

    /// The provider's message, verbatim.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.body.message.as_deref()
    }

    /// The offending field's path, as the provider gives it.
    #[must_use]
    pub fn field(&self) -> Option<&str> {
        self.body.field.as_deref()
    }
}

impl<E: fmt::Display> fmt::Display for ProviderError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.error)?;
        if let Some(field) = &self.body.field {
            write!(f, " (at `{field}`)")?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ProviderError<E> {}

/// The error of an API without an error catalogue: what the body says is all there is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Uncatalogued;

impl fmt::Display for Uncatalogued {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("provider error")
    }
}

impl Uncatalogued {
    /// Reads an error response of an API without a catalogue with
    /// [`super::ErrorBodyShape::DEFAULT`]; an unreadable body gives the status alone.
    ///
    /// # Errors
    /// Never: the signature is that of the generated catalogues' `read_error`.
    pub fn read_error(status: Option<u16>, body: &[u8]) -> Result<ProviderError<Self>, ParseError> {
        let body = ErrorBody::read(body, &super::ErrorBodyShape::DEFAULT, status).unwrap_or_else(|_| ErrorBody::from_status(status));
        Ok(ProviderError {
            error: Uncatalogued,
            body: Box::new(body),
        })
    }
}

/// Why a response did not give the endpoint's typed success.
#[derive(Debug)]
#[non_exhaustive]
pub enum ResponseError<E> {
    /// An error response (a documented error status, or any 4xx and 5xx when the
    /// endpoint documents none), read into the catalogue.
    Provider(ProviderError<E>),
    /// A status the endpoint does not document (neither a success nor an error status
    /// of its), with the error read from the body when it holds one.
    UnexpectedStatus {
        /// The status.
        status: u16,
        /// The error in the body, when it could be read.
        error: Option<ProviderError<E>>,
    },
    /// A success status whose body is not the endpoint's typed success.
    InvalidSuccessBody {
        /// The status.
        status: u16,
        /// Why it does not deserialize.
        error: serde_json::Error,
    },
    /// An error status whose body holds no error the catalogue can read.
    InvalidErrorBody {
        /// The status.
        status: u16,
        /// Why.
        error: ParseError,
    },
}

impl<E: fmt::Display> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Provider(e) => write!(f, "provider error: {e}"),
            ResponseError::UnexpectedStatus { status, error: Some(e) } => {
                write!(f, "undocumented status {status}: {e}")
            }
            ResponseError::UnexpectedStatus { status, error: None } => write!(f, "undocumented status {status}"),
            ResponseError::InvalidSuccessBody { status, error } => {
                write!(f, "status {status}: the body is not the documented response: {error}")
            }
            ResponseError::InvalidErrorBody { status, error } => write!(f, "status {status}: {error}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for ResponseError<E> {}

/// What an endpoint documents about its responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Statuses {
    /// The success statuses.
    pub success: &'static [u16],
    /// The error statuses; empty: any 4xx or 5xx is an error.
    pub errors: &'static [u16],
    /// Whether the success has no body (`204`, [`crate::NoContent`]).
    pub no_content: bool,
}

/// A catalogue's `read_error`: an error response's status and body, read.
pub type ReadError<E> = fn(Option<u16>, &[u8]) -> Result<ProviderError<E>, ParseError>;

/// Turns a response (status and body) into the endpoint's typed success or the API's
/// typed error; `read_error` is the catalogue's `read_error`. Never panics: an
/// undocumented status or an unreadable body is a [`ResponseError`].
///
/// # Errors
/// Every [`ResponseError`] case.
pub fn read_response<T, E>(status: u16, body: &[u8], statuses: &Statuses, read_error: ReadError<E>) -> Result<T, ResponseError<E>>
where
    T: DeserializeOwned,
{
    if statuses.success.contains(&status) {
        let parsed = if statuses.no_content {
            serde_json::from_slice(b"null")
        } else {
            serde_json::from_slice(body)
        };
        return parsed.map_err(|error| ResponseError::InvalidSuccessBody { status, error });
    }
    let is_error = if statuses.errors.is_empty() {
        (400..600).contains(&status)
    } else {
        statuses.errors.contains(&status)
    };
    if is_error {
        return Err(match read_error(Some(status), body) {
            Ok(e) => ResponseError::Provider(e),
            Err(error) => ResponseError::InvalidErrorBody { status, error },
        });
    }
    Err(ResponseError::UnexpectedStatus {
        status,
        error: read_error(Some(status), body).ok(),
    })
}
