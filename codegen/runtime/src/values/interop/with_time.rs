//! `time`: [`Date`] ⇄ `time::Date`, [`DateTime`] ⇄ `OffsetDateTime`.

use time::{Month, OffsetDateTime, UtcOffset};

use crate::values::datetime::UnixParts;
use crate::values::{Date, DateTime, ValueError, ValueKind};

impl TryFrom<&Date> for time::Date {
    type Error = ValueError;

    fn try_from(date: &Date) -> Result<Self, Self::Error> {
        let (year, month, day) = date.checked_ymd()?;
        let err = |_| ValueError::new(ValueKind::Date, "out of time's range");
        let month = Month::try_from(month).map_err(err)?;
        time::Date::from_calendar_date(year, month, day).map_err(err)
    }
}

impl TryFrom<time::Date> for Date {
    type Error = ValueError;

    /// Errors if the year is outside 0000 to 9999.
    fn try_from(date: time::Date) -> Result<Self, Self::Error> {
        Date::from_ymd(date.year(), u8::from(date.month()), date.day())
    }
}

impl TryFrom<&DateTime> for OffsetDateTime {
    type Error = ValueError;

    /// Keeps the written offset.
    fn try_from(value: &DateTime) -> Result<Self, Self::Error> {
        let parts = value.unix_parts()?;
        let err = || ValueError::new(ValueKind::DateTime, "out of time's range");
        let offset = UtcOffset::from_whole_seconds(parts.offset).map_err(|_| err())?;
        let nanos = i128::from(parts.seconds) * 1_000_000_000 + i128::from(parts.nanos);
        OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map_err(|_| err())?
            .checked_to_offset(offset)
            .ok_or_else(err)
    }
}

by_value!(Date => time::Date);
by_value!(DateTime => OffsetDateTime);

impl TryFrom<OffsetDateTime> for DateTime {
    type Error = ValueError;

    /// Written in the value's offset (`Z` for 0). Errors if the local year is outside
    /// 0000 to 9999 or the offset has seconds.
    fn try_from(value: OffsetDateTime) -> Result<Self, Self::Error> {
        DateTime::from_unix_parts(UnixParts {
            seconds: value.unix_timestamp(),
            nanos: value.nanosecond(),
            offset: value.offset().whole_seconds(),
        })
    }
}
