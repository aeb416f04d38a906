//! The error returned by the strict constructors of the value types.

use std::fmt;

/// Which value type failed to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An RFC 3339 date-time.
    DateTime,
    /// A decimal number carried as a string.
    Decimal,
}

impl ValueKind {
    /// The lower-case name used in messages (`date`, `date-time`, `decimal`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ValueKind::Date => "date",
            ValueKind::DateTime => "date-time",
            ValueKind::Decimal => "decimal",
        }
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value that does not have the documented shape.
///
/// The error never contains the rejected text: dates are often birth dates, which are
/// sensitive, and errors end up in logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ValueError {
    kind: ValueKind,
    reason: &'static str,
}

impl ValueError {
    /// Creates an error for a value of `kind`, with a short static `reason`.
    #[must_use]
    pub const fn new(kind: ValueKind, reason: &'static str) -> Self {
        ValueError { kind, reason }
    }

    /// The value type that failed to parse.
    #[must_use]
    pub const fn kind(&self) -> ValueKind {
        self.kind
    }

    /// Why the text was rejected, e.g. `month must be 01 to 12`.
    #[must_use]
    pub const fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.kind, self.reason)
    }
}

impl std::error::Error for ValueError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_kind_and_reason() {
        let e = ValueError::new(ValueKind::DateTime, "missing time zone");
        assert_eq!(e.to_string(), "invalid date-time: missing time zone");
        assert_eq!(e.kind(), ValueKind::DateTime);
        assert_eq!(e.reason(), "missing time zone");
    }

    #[test]
    fn is_a_std_error() {
        fn takes(_: &dyn std::error::Error) {}
        takes(&ValueError::new(ValueKind::Date, "x"));
    }
}
