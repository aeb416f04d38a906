//! `jiff`: [`Date`] ⇄ `civil::Date`, [`DateTime`] ⇄ `Timestamp` and `Zoned`.

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};

use crate::values::datetime::UnixParts;
use crate::values::{Date, DateTime, ValueError, ValueKind};

impl TryFrom<&Date> for jiff::civil::Date {
    type Error = ValueError;

    fn try_from(date: &Date) -> Result<Self, Self::Error> {
        let (year, month, day) = date.checked_ymd()?;
        let err = || ValueError::new(ValueKind::Date, "out of jiff's range");
        let year = i16::try_from(year).map_err(|_| err())?;
        // Month and day of a valid `Date` are 1 to 12 and 1 to 31.
        jiff::civil::Date::new(year, month as i8, day as i8).map_err(|_| err())
    }
}

impl TryFrom<jiff::civil::Date> for Date {
    type Error = ValueError;

    /// Errors if the year is outside 0000 to 9999.
    fn try_from(date: jiff::civil::Date) -> Result<Self, Self::Error> {
        // Month and day of a `civil::Date` are 1 to 12 and 1 to 31.
        Date::from_ymd(i32::from(date.year()), date.month() as u8, date.day() as u8)
    }
}

fn out_of_range() -> ValueError {
    ValueError::new(ValueKind::DateTime, "out of jiff's range")
}

impl TryFrom<&DateTime> for Timestamp {
    type Error = ValueError;

    /// The instant (the written offset is dropped).
    fn try_from(value: &DateTime) -> Result<Self, Self::Error> {
        let parts = value.unix_parts()?;
        // Nanoseconds are below 1,000,000,000 and so fit an `i32`.
        Timestamp::new(parts.seconds, parts.nanos as i32).map_err(|_| out_of_range())
    }
}

impl TryFrom<&DateTime> for Zoned {
    type Error = ValueError;

    /// The instant in a fixed-offset time zone of the written offset.
    fn try_from(value: &DateTime) -> Result<Self, Self::Error> {
        let offset = Offset::from_seconds(value.unix_parts()?.offset).map_err(|_| out_of_range())?;
        Ok(Timestamp::try_from(value)?.to_zoned(TimeZone::fixed(offset)))
    }
}

by_value!(Date => jiff::civil::Date);
by_value!(DateTime => Timestamp, Zoned);

fn from_timestamp(timestamp: Timestamp, offset: i32) -> Result<DateTime, ValueError> {
    let (mut seconds, nanos) = (timestamp.as_second(), timestamp.subsec_nanosecond());
    // Before the epoch jiff counts the nanoseconds back from the second.
    let nanos = if nanos < 0 {
        seconds -= 1;
        nanos + 1_000_000_000
    } else {
        nanos
    };
    DateTime::from_unix_parts(UnixParts {
        seconds,
        nanos: nanos as u32,
        offset,
    })
}

impl TryFrom<Timestamp> for DateTime {
    type Error = ValueError;

    /// Written in UTC (`Z`). Errors if the year is outside 0000 to 9999.
    fn try_from(value: Timestamp) -> Result<Self, Self::Error> {
        from_timestamp(value, 0)
    }
}

impl TryFrom<&Zoned> for DateTime {
    type Error = ValueError;

    /// Written in the value's offset at that instant (`Z` for 0). Errors if the local
    /// year is outside 0000 to 9999 or the offset has seconds.
    fn try_from(value: &Zoned) -> Result<Self, Self::Error> {
        from_timestamp(value.timestamp(), value.offset().seconds())
    }
}

impl TryFrom<Zoned> for DateTime {
    type Error = ValueError;

    fn try_from(value: Zoned) -> Result<Self, Self::Error> {
        DateTime::try_from(&value)
    }
}
