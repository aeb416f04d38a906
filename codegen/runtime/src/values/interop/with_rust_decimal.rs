//! `rust_decimal`: [`Decimal`] ⇄ `rust_decimal::Decimal`.

use crate::values::{Decimal, ValueError, ValueKind};

impl TryFrom<&Decimal> for rust_decimal::Decimal {
    type Error = ValueError;

    /// Exact: errors, rather than rounding, when the value has more than 28 digits
    /// after the point or does not fit 96 bits.
    fn try_from(value: &Decimal) -> Result<Self, Self::Error> {
        rust_decimal::Decimal::from_str_exact(value.checked_str()?)
            .map_err(|_| ValueError::new(ValueKind::Decimal, "does not fit rust_decimal (96 bits, 28 digits of scale)"))
    }
}

by_value!(Decimal => rust_decimal::Decimal);

impl From<rust_decimal::Decimal> for Decimal {
    /// Keeps the scale: `1.50` stays `"1.50"`.
    fn from(value: rust_decimal::Decimal) -> Self {
        Decimal::new_unchecked(value.to_string())
    }
}
