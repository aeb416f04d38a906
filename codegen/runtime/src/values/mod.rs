//! Wire value types carried as JSON strings.
//!
//! [`Date`], [`DateTime`] and [`Decimal`] serialize as the JSON string they hold and
//! accept *any* string when deserialized: a request replayed from a payload keeps the
//! caller's text, and the validator reports a malformed value as a violation with a path
//! and the provider's error code instead of failing deserialization. The constructors
//! (`parse`) are strict; `new_unchecked` is the explicit lenient door.
//!
//! Each type offers `cmp_str`, a comparison against a literal from the spec (`min`,
//! `max`, `after`, `before`) that neither allocates nor goes through floating point.

mod calendar;
mod date;
mod datetime;
mod decimal;
mod error;

pub use date::Date;
pub use datetime::DateTime;
pub use decimal::Decimal;
pub use error::{ValueError, ValueKind};
