//! Conversions between the value types and the date, time and decimal crates users
//! already hold, each behind its cargo feature (see the [module docs](super)).

/// `TryFrom<$from>` for `$to` from the `TryFrom<&$from>` impl, so that both the value
/// and a reference convert.
macro_rules! by_value {
    ($from:ty => $($to:ty),+) => {$(
        impl TryFrom<$from> for $to {
            type Error = $crate::values::ValueError;

            fn try_from(value: $from) -> Result<Self, Self::Error> {
                <$to>::try_from(&value)
            }
        }
    )+};
}

#[cfg(feature = "chrono")]
mod with_chrono;
#[cfg(feature = "jiff")]
mod with_jiff;
#[cfg(feature = "rust_decimal")]
mod with_rust_decimal;
#[cfg(feature = "time")]
mod with_time;
