//! [`DateTime`]: an RFC 3339 timestamp carried as a JSON string.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::calendar::{civil_from_days, days_from_civil, digits, parse_ymd};
use super::{ValueError, ValueKind};

/// An instant on the wire as an RFC 3339 `date-time`:
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`.
///
/// `T` and `Z` may be lower case (RFC 3339 §5.6); a space instead of `T` is refused. A
/// second of `60` (leap second) is accepted only on the last minute of a UTC day
/// (`23:59:60Z`, or `15:59:60-08:00`: RFC 3339 §5.7), and counts as the next minute's
/// `00` when comparing. Deserializing accepts any string (see the [module docs](super)).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateTime(String);

/// The instant of a valid date-time: seconds since the Unix epoch (UTC) and the
/// fraction digits, compared digit by digit so no precision is lost.
struct Instant<'a> {
    seconds: i64,
    fraction: &'a [u8],
    /// The written offset, in seconds east of UTC (not part of the comparison).
    offset: i64,
}

impl Instant<'_> {
    fn cmp(&self, other: &Instant<'_>) -> Ordering {
        self.seconds.cmp(&other.seconds).then_with(|| {
            let len = self.fraction.len().max(other.fraction.len());
            (0..len)
                .map(|i| {
                    let a = self.fraction.get(i).copied().unwrap_or(b'0');
                    let b = other.fraction.get(i).copied().unwrap_or(b'0');
                    a.cmp(&b)
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }
}

/// Parses `HH:MM:SS` (3 fields of 2 digits) into seconds of the day.
fn parse_time(bytes: &[u8]) -> Result<i64, &'static str> {
    if bytes.len() != 8 || bytes[2] != b':' || bytes[5] != b':' {
        return Err("expected HH:MM:SS after the date");
    }
    let hour = digits(&bytes[0..2]).ok_or("hour must be two digits")?;
    let minute = digits(&bytes[3..5]).ok_or("minute must be two digits")?;
    let second = digits(&bytes[6..8]).ok_or("second must be two digits")?;
    if hour > 23 || minute > 59 || second > 60 {
        return Err("time of day out of range");
    }
    Ok(i64::from(hour * 3600 + minute * 60 + second))
}

/// Parses the zone: `Z`, `z`, or `±HH:MM`, into seconds east of UTC.
fn parse_offset(bytes: &[u8]) -> Result<i64, &'static str> {
    match bytes {
        [b'Z' | b'z'] => Ok(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hours = digits(&[*h1, *h2]).ok_or("offset hour must be two digits")?;
            let minutes = digits(&[*m1, *m2]).ok_or("offset minute must be two digits")?;
            if hours > 23 || minutes > 59 {
                return Err("offset out of range");
            }
            let secs = i64::from(hours * 3600 + minutes * 60);
            Ok(if *sign == b'-' { -secs } else { secs })
        }
        [] => Err("missing time zone (Z or ±HH:MM)"),
        _ => Err("time zone must be Z or ±HH:MM"),
    }
}

fn parse(text: &str) -> Result<((i32, u8, u8), Instant<'_>), &'static str> {
    let bytes = text.as_bytes();
    let (date, rest) = bytes.split_at_checked(10).ok_or("expected YYYY-MM-DDTHH:MM:SS")?;
    let (year, month, day) = parse_ymd(date)?;
    let rest = match rest {
        [b'T' | b't', rest @ ..] => rest,
        _ => return Err("expected T between date and time"),
    };
    let (time, rest) = rest.split_at_checked(8).ok_or("expected HH:MM:SS after the date")?;
    let second_of_day = parse_time(time)?;
    let (fraction, zone) = match rest {
        [b'.', after @ ..] => {
            let len = after.iter().take_while(|b| b.is_ascii_digit()).count();
            if len == 0 {
                return Err("a fraction needs at least one digit");
            }
            after.split_at(len)
        }
        _ => (&rest[..0], rest),
    };
    let offset = parse_offset(zone)?;
    // A leap second is inserted at the end of a UTC day: 23:59:60 in UTC.
    if time[6..8] == *b"60" && (second_of_day - 60 - offset).rem_euclid(86_400) != 86_340 {
        return Err("a leap second (:60) must fall on 23:59 UTC");
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + second_of_day - offset;
    Ok(((year, month, day), Instant { seconds, fraction, offset }))
}

impl DateTime {
    /// Parses an RFC 3339 date-time.
    ///
    /// ```
    /// # use mutaspec_runtime::DateTime;
    /// assert!(DateTime::parse("2024-02-29T23:59:59.125+02:00").is_ok());
    /// assert!(DateTime::parse("2024-02-29T23:59:59").is_err()); // no time zone
    /// ```
    ///
    /// # Errors
    /// A [`ValueError`] if the text is not an RFC 3339 date-time or names a day that
    /// does not exist.
    pub fn parse(text: &str) -> Result<DateTime, ValueError> {
        parse(text).map_err(|reason| ValueError::new(ValueKind::DateTime, reason))?;
        Ok(DateTime(text.to_owned()))
    }

    /// Wraps any text without checking it, as deserialization does.
    ///
    /// Meant for replaying recorded payloads and for tests of validators; the
    /// validator still reports a malformed value.
    #[must_use]
    pub fn new_unchecked(text: impl Into<String>) -> DateTime {
        DateTime(text.into())
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

    /// Whether the text is a valid RFC 3339 date-time.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        parse(&self.0).is_ok()
    }

    /// The calendar date as written (in the value's own offset), or `None` if invalid.
    #[must_use]
    pub fn ymd(&self) -> Option<(i32, u8, u8)> {
        parse(&self.0).ok().map(|(ymd, _)| ymd)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (the fraction is dropped), or `None`
    /// if invalid.
    #[must_use]
    pub fn unix_seconds(&self) -> Option<i64> {
        parse(&self.0).ok().map(|(_, instant)| instant.seconds)
    }

    /// Compares the instants of two date-times, whatever their offsets; `None` if
    /// either is invalid.
    #[must_use]
    pub fn cmp_instant(&self, other: &DateTime) -> Option<Ordering> {
        self.cmp_str(&other.0)
    }

    /// Compares this instant with an RFC 3339 literal (a spec's `after:`/`before:`);
    /// `None` if either is invalid. Does not allocate.
    #[must_use]
    pub fn cmp_str(&self, literal: &str) -> Option<Ordering> {
        let (_, mine) = parse(&self.0).ok()?;
        let (_, theirs) = parse(literal).ok()?;
        Some(mine.cmp(&theirs))
    }
}

/// A valid date-time as the numbers the date and time crates build from (the
/// conversions behind the `chrono`, `time` and `jiff` features).
#[cfg_attr(not(any(feature = "chrono", feature = "time", feature = "jiff")), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnixParts {
    /// Whole seconds since 1970-01-01T00:00:00Z; a leap second counts as the next
    /// minute's `00`.
    pub(crate) seconds: i64,
    /// Nanoseconds into that second, below 1,000,000,000.
    pub(crate) nanos: u32,
    /// The written offset in seconds east of UTC (`Z` is 0).
    pub(crate) offset: i32,
}

#[cfg_attr(not(any(feature = "chrono", feature = "time", feature = "jiff")), allow(dead_code))]
impl DateTime {
    /// The instant and offset of a valid date-time.
    ///
    /// Errors if the text is invalid, or if its fraction has a non-zero digit past the
    /// ninth (finer than the nanoseconds every date and time crate stops at).
    pub(crate) fn unix_parts(&self) -> Result<UnixParts, ValueError> {
        let err = |reason| ValueError::new(ValueKind::DateTime, reason);
        let (_, instant) = parse(&self.0).map_err(err)?;
        let (nanos, finer) = instant.fraction.split_at(instant.fraction.len().min(9));
        if finer.iter().any(|&b| b != b'0') {
            return Err(err("fraction finer than nanoseconds does not fit"));
        }
        let nanos = (0..9).fold(0u32, |acc, i| acc * 10 + nanos.get(i).map_or(0, |&b| u32::from(b - b'0')));
        let offset = i32::try_from(instant.offset).map_err(|_| err("offset out of range"))?;
        Ok(UnixParts {
            seconds: instant.seconds,
            nanos,
            offset,
        })
    }

    /// Writes an instant as RFC 3339 in the given offset (`Z` for 0), the fraction only
    /// when it is not zero (with trailing zeros removed).
    ///
    /// Errors if the nanoseconds are 1,000,000,000 or more, the offset is not a whole
    /// number of minutes below 24 hours (RFC 3339 writes `±HH:MM`), or the local year is
    /// outside 0000 to 9999.
    pub(crate) fn from_unix_parts(parts: UnixParts) -> Result<DateTime, ValueError> {
        let err = |reason| ValueError::new(ValueKind::DateTime, reason);
        let UnixParts { seconds, nanos, offset } = parts;
        if nanos >= 1_000_000_000 {
            return Err(err("nanoseconds must be below one second"));
        }
        if offset % 60 != 0 || offset.abs() >= 86_400 {
            return Err(err("offset must be whole minutes, less than 24 hours"));
        }
        let local = seconds.checked_add(i64::from(offset)).ok_or(err("year must be 0000 to 9999"))?;
        let (days, second_of_day) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        if !(0..=9999).contains(&year) {
            return Err(err("year must be 0000 to 9999"));
        }
        let (hour, minute, second) = (second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
        let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
        if nanos != 0 {
            let fraction = format!("{nanos:09}");
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        if offset == 0 {
            text.push('Z');
        } else {
            let sign = if offset < 0 { '-' } else { '+' };
            let minutes = offset.abs() / 60;
            text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        Ok(DateTime(text))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for DateTime {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339() {
        let good = [
            "1985-04-12T23:20:50.52Z",
            "1996-12-19T16:39:57-08:00",
            "1990-12-31T23:59:60Z",
            "1998-12-31T15:59:60.123-08:00",
            "1999-01-01T05:29:60+05:30",
            "1937-01-01T12:00:27.87+00:20",
            "2024-02-29t00:00:00z",
            "2024-01-01T00:00:00.000000001+14:00",
        ];
        for text in good {
            assert!(DateTime::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn rejects_malformed() {
        let bad = [
            "",
            "2024-01-01",
            "2024-01-01T00:00:00",
            "2024-01-01 00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:60:00Z",
            "2024-01-01T00:00:61Z",
            "1998-12-31T23:58:60Z",
            "1998-12-31T22:59:60Z",
            "1998-12-31T23:59:60+01:00",
            "2016-12-31T24:59:60+01:00",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00+0100",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00Zjunk",
            "2023-02-29T00:00:00Z",
            "2024-01-01T0:00:00Z",
            "2024-01-01T00:00:00,5Z",
            "2024-01-01T00:00:00é",
        ];
        for text in bad {
            assert!(DateTime::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn reasons_are_specific() {
        let err = DateTime::parse("2024-01-01T10:00:00").err().map(|e| e.to_string());
        assert_eq!(err.as_deref(), Some("invalid date-time: missing time zone (Z or ±HH:MM)"));
    }

    #[test]
    fn compares_instants_across_offsets() {
        let a = DateTime::new_unchecked("2024-01-01T10:00:00+02:00");
        let b = DateTime::new_unchecked("2024-01-01T08:00:00Z");
        assert_eq!(a.cmp_instant(&b), Some(Ordering::Equal));
        assert_eq!(a.cmp_str("2024-01-01T08:00:00.000001Z"), Some(Ordering::Less));
        assert_eq!(a.cmp_str("2024-01-01T07:59:59.999Z"), Some(Ordering::Greater));
        assert_eq!(a.cmp_str("not a date"), None);
        let c = DateTime::new_unchecked("2024-01-01T08:00:00.50Z");
        assert_eq!(c.cmp_str("2024-01-01T08:00:00.5Z"), Some(Ordering::Equal));
        assert_eq!(c.cmp_str("2024-01-01T08:00:00.49999Z"), Some(Ordering::Greater));
    }

    #[test]
    fn offset_can_cross_the_date_line() {
        let late = DateTime::new_unchecked("2023-12-31T23:30:00-01:00");
        assert_eq!(late.ymd(), Some((2023, 12, 31)));
        assert_eq!(late.cmp_str("2024-01-01T00:30:00Z"), Some(Ordering::Equal));
    }

    #[test]
    fn unix_seconds() {
        assert_eq!(DateTime::new_unchecked("1970-01-01T00:00:00Z").unix_seconds(), Some(0));
        assert_eq!(DateTime::new_unchecked("1970-01-01T01:00:00+01:00").unix_seconds(), Some(0));
        assert_eq!(DateTime::new_unchecked("2000-01-01T00:00:00Z").unix_seconds(), Some(946_684_800));
        assert_eq!(DateTime::new_unchecked("1900-01-01T00:00:00Z").unix_seconds(), Some(-2_208_988_800));
    }

    #[test]
    fn lenient_deserialize() {
        let dt: DateTime = serde_json::from_str("\"yesterday\"").unwrap();
        assert!(!dt.is_valid());
        assert_eq!(dt.ymd(), None);
        assert_eq!(serde_json::to_string(&dt).unwrap(), "\"yesterday\"");
        assert_eq!(dt.to_string(), "yesterday");
    }
}
