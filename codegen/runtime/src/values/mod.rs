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
//!
//! # Conversions (cargo features, all off by default)
//!
//! | feature | conversions |
//! |---|---|
//! | `chrono` | [`Date`] ⇄ `chrono::NaiveDate`; [`DateTime`] ⇄ `chrono::DateTime<FixedOffset>` and `chrono::DateTime<Utc>` (from any `chrono::DateTime<Tz>`) |
//! | `time` | [`Date`] ⇄ `time::Date`; [`DateTime`] ⇄ `time::OffsetDateTime` |
//! | `jiff` | [`Date`] ⇄ `jiff::civil::Date`; [`DateTime`] ⇄ `jiff::Timestamp` and `jiff::Zoned` (a fixed-offset zone) |
//! | `rust_decimal` | [`Decimal`] ⇄ `rust_decimal::Decimal` |
//!
//! Every conversion *from* a runtime type is a `TryFrom` (for the value and for a
//! reference): the value may have been deserialized leniently, and a valid one may not
//! fit (a fraction finer than nanoseconds, a decimal beyond 28 digits of scale). The
//! error is a [`ValueError`] naming the kind and the reason. Conversions *into* a runtime
//! type are `TryFrom` where the other crate allows values the wire format does not
//! (years outside 0000 to 9999, offsets with seconds) and `From` where every value fits
//! (`rust_decimal::Decimal`). A leap second (`23:59:60`) converts as the next minute's
//! `00`; a value written from another crate has its fraction with trailing zeros removed,
//! and `Z` for offset 0.

pub(crate) mod calendar;
mod date;
mod datetime;
mod decimal;
mod error;
#[cfg(any(feature = "chrono", feature = "time", feature = "jiff", feature = "rust_decimal"))]
mod interop;

pub use date::Date;
pub use datetime::DateTime;
pub use decimal::Decimal;
pub use error::{ValueError, ValueKind};
