//! [`Date`]: a calendar date carried as a `YYYY-MM-DD` JSON string.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::calendar::parse_ymd;
use super::{ValueError, ValueKind};

/// A calendar date on the wire: `YYYY-MM-DD` (RFC 3339 `full-date`), years 0000 to 9999
/// of the proleptic Gregorian calendar.
///
/// Deserializing accepts any string (see the [module docs](super)); use
/// [`is_valid`](Date::is_valid) or [`ymd`](Date::ymd) to check it.
///
/// `Ord` compares the text. For valid dates that is chronological order; for invalid
/// ones it is only a total order good enough for sorted maps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(String);

impl Date {
    /// Parses a `YYYY-MM-DD` date that exists in the calendar.
    ///
    /// ```
    /// # use mutaspec_runtime::Date;
    /// assert!(Date::parse("2024-02-29").is_ok());
    /// assert!(Date::parse("1900-02-29").is_err()); // 1900 is not a leap year
    /// ```
    ///
    /// # Errors
    /// A [`ValueError`] if the text is not exactly `YYYY-MM-DD` or the day does not exist.
    pub fn parse(text: &str) -> Result<Date, ValueError> {
        parse_ymd(text.as_bytes()).map_err(|reason| ValueError::new(ValueKind::Date, reason))?;
        Ok(Date(text.to_owned()))
    }

    /// Builds a date from its parts.
    ///
    /// # Errors
    /// A [`ValueError`] if the year is outside 0 to 9999 or the day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Date, ValueError> {
        if !(0..=9999).contains(&year) {
            return Err(ValueError::new(ValueKind::Date, "year must be 0000 to 9999"));
        }
        Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Wraps any text without checking it, as deserialization does.
    ///
    /// Meant for replaying recorded payloads and for tests of validators; the
    /// validator still reports a malformed value.
    #[must_use]
    pub fn new_unchecked(text: impl Into<String>) -> Date {
        Date(text.into())
    }

    /// The text as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Gives back the text.
    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }

    /// Year, month and day, or `None` if the text is not a valid date (leap years
    /// included: `2023-02-29` is `None`).
    #[must_use]
    pub fn ymd(&self) -> Option<(i32, u8, u8)> {
        parse_ymd(self.0.as_bytes()).ok()
    }

    /// Year, month and day, or why the text is not a valid date (for the conversions).
    #[cfg_attr(not(any(feature = "chrono", feature = "time", feature = "jiff")), allow(dead_code))]
    pub(crate) fn checked_ymd(&self) -> Result<(i32, u8, u8), ValueError> {
        parse_ymd(self.0.as_bytes()).map_err(|reason| ValueError::new(ValueKind::Date, reason))
    }

    /// Whether the text is a valid date.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.ymd().is_some()
    }

    /// Compares this date with `(year, month, day)`; `None` if this date is invalid.
    #[must_use]
    pub fn cmp_ymd(&self, other: (i32, u8, u8)) -> Option<Ordering> {
        self.ymd().map(|ymd| ymd.cmp(&other))
    }

    /// Whether this date is strictly after `(year, month, day)`; `None` if this date
    /// is invalid.
    ///
    /// ```
    /// # use mutaspec_runtime::Date;
    /// let dob = Date::new_unchecked("1900-01-02");
    /// assert_eq!(dob.is_after((1900, 1, 1)), Some(true));
    /// assert_eq!(Date::new_unchecked("1900-01-01").is_after((1900, 1, 1)), Some(false));
    /// ```
    #[must_use]
    pub fn is_after(&self, other: (i32, u8, u8)) -> Option<bool> {
        self.cmp_ymd(other).map(Ordering::is_gt)
    }

    /// Whether this date is strictly before `(year, month, day)`; `None` if this date
    /// is invalid.
    #[must_use]
    pub fn is_before(&self, other: (i32, u8, u8)) -> Option<bool> {
        self.cmp_ymd(other).map(Ordering::is_lt)
    }

    /// Compares this date with a `YYYY-MM-DD` literal (a spec's `after:`/`before:`);
    /// `None` if either is invalid.
    #[must_use]
    pub fn cmp_str(&self, literal: &str) -> Option<Ordering> {
        let other = parse_ymd(literal.as_bytes()).ok()?;
        self.cmp_ymd(other)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Date {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Date::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_dates() {
        for text in ["2024-02-29", "2000-02-29", "1900-01-01", "0000-01-01", "9999-12-31"] {
            assert_eq!(Date::parse(text).unwrap().as_str(), text);
        }
        assert_eq!(Date::parse("1999-12-31").unwrap().ymd(), Some((1999, 12, 31)));
    }

    #[test]
    fn rejects_impossible_days() {
        for text in ["1900-02-29", "2100-02-29", "2023-02-29", "2024-04-31", "2024-02-30"] {
            assert!(Date::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn rejects_bad_shapes() {
        let bad = [
            "",
            "2024",
            "2024-1-1",
            "24-01-01",
            "2024-01-01 ",
            " 2024-01-01",
            "2024-01-01T00:00:00Z",
            "2024/01/01",
            "+024-01-01",
            "２０２４-01-01",
            "2024-0a-01",
            "10000-01-01",
        ];
        for text in bad {
            assert!(Date::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn error_explains_without_echoing_input() {
        let err = Date::parse("1985-13-02").unwrap_err();
        assert_eq!(err.to_string(), "invalid date: month must be 01 to 12");
    }

    #[test]
    fn lenient_deserialize_strict_check() {
        let d: Date = serde_json::from_str("\"31/12/1999\"").unwrap();
        assert_eq!(d.as_str(), "31/12/1999");
        assert!(!d.is_valid());
        assert_eq!(d.ymd(), None);
        assert_eq!(d.is_after((1900, 1, 1)), None);
        assert!(serde_json::from_str::<Date>("19991231").is_err());
    }

    #[test]
    fn serializes_as_string() {
        let d = Date::new_unchecked("2020-05-17");
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2020-05-17\"");
        assert_eq!(d.to_string(), "2020-05-17");
    }

    #[test]
    fn lower_bound_1900() {
        assert_eq!(Date::new_unchecked("1900-01-01").is_after((1900, 1, 1)), Some(false));
        assert_eq!(Date::new_unchecked("1900-01-02").is_after((1900, 1, 1)), Some(true));
        assert_eq!(Date::new_unchecked("1899-12-31").is_after((1900, 1, 1)), Some(false));
        assert_eq!(Date::new_unchecked("1899-12-31").is_before((1900, 1, 1)), Some(true));
        assert_eq!(Date::new_unchecked("1900-01-01").cmp_str("1900-01-01"), Some(Ordering::Equal));
        assert_eq!(Date::new_unchecked("2000-01-01").cmp_str("1900-01-01"), Some(Ordering::Greater));
        assert_eq!(Date::new_unchecked("2000-01-01").cmp_str("01/01/1900"), None);
    }

    #[test]
    fn from_parts() {
        assert_eq!(Date::from_ymd(1900, 1, 1).unwrap().into_string(), "1900-01-01");
        assert!(Date::from_ymd(2023, 2, 29).is_err());
        assert!(Date::from_ymd(-1, 1, 1).is_err());
        assert!(Date::from_ymd(10_000, 1, 1).is_err());
        assert_eq!("2024-02-29".parse::<Date>().unwrap().ymd(), Some((2024, 2, 29)));
    }

    #[test]
    fn ord_is_chronological_for_valid_dates() {
        let mut dates = [
            Date::new_unchecked("2024-01-10"),
            Date::new_unchecked("1999-12-31"),
            Date::new_unchecked("2024-01-09"),
        ];
        dates.sort();
        let texts: Vec<&str> = dates.iter().map(Date::as_str).collect();
        assert_eq!(texts, ["1999-12-31", "2024-01-09", "2024-01-10"]);
    }
}
