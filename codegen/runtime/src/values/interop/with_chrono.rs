//! `chrono`: [`Date`] ⇄ `NaiveDate`, [`DateTime`] ⇄ `chrono::DateTime<Tz>`.

use chrono::{Datelike, FixedOffset, NaiveDate, Offset, TimeZone, Utc};

use crate::values::datetime::UnixParts;
use crate::values::{Date, DateTime, ValueError, ValueKind};

impl TryFrom<&Date> for NaiveDate {
    type Error = ValueError;

    fn try_from(date: &Date) -> Result<Self, Self::Error> {
        let (year, month, day) = date.checked_ymd()?;
        // A valid `Date` (year 0000 to 9999) is always in chrono's range.
        NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day)).ok_or(ValueError::new(ValueKind::Date, "out of chrono's range"))
    }
}

impl TryFrom<NaiveDate> for Date {
    type Error = ValueError;

    /// Errors if the year is outside 0000 to 9999.
    fn try_from(date: NaiveDate) -> Result<Self, Self::Error> {
        // Month and day of a `NaiveDate` are 1 to 12 and 1 to 31.
        Date::from_ymd(date.year(), date.month() as u8, date.day() as u8)
    }
}

impl TryFrom<&DateTime> for chrono::DateTime<FixedOffset> {
    type Error = ValueError;

    /// Keeps the written offset.
    fn try_from(value: &DateTime) -> Result<Self, Self::Error> {
        let parts = value.unix_parts()?;
        let offset = FixedOffset::east_opt(parts.offset).ok_or(out_of_range())?;
        Ok(utc(parts)?.with_timezone(&offset))
    }
}

impl TryFrom<&DateTime> for chrono::DateTime<Utc> {
    type Error = ValueError;

    /// The same instant in UTC (the written offset is dropped).
    fn try_from(value: &DateTime) -> Result<Self, Self::Error> {
        utc(value.unix_parts()?)
    }
}

by_value!(DateTime => chrono::DateTime<FixedOffset>, chrono::DateTime<Utc>);
by_value!(Date => NaiveDate);

fn out_of_range() -> ValueError {
    ValueError::new(ValueKind::DateTime, "out of chrono's range")
}

fn utc(parts: UnixParts) -> Result<chrono::DateTime<Utc>, ValueError> {
    chrono::DateTime::from_timestamp(parts.seconds, parts.nanos).ok_or(out_of_range())
}

impl<Tz: TimeZone> TryFrom<chrono::DateTime<Tz>> for DateTime {
    type Error = ValueError;

    /// Written in the value's offset (`Z` for 0). Errors if the local year is outside
    /// 0000 to 9999 or the offset has seconds.
    fn try_from(value: chrono::DateTime<Tz>) -> Result<Self, Self::Error> {
        let mut seconds = value.timestamp();
        let mut nanos = value.timestamp_subsec_nanos();
        // chrono marks a leap second with nanoseconds from 1,000,000,000.
        if nanos >= 1_000_000_000 {
            seconds += 1;
            nanos -= 1_000_000_000;
        }
        let offset = value.offset().fix().local_minus_utc();
        DateTime::from_unix_parts(UnixParts { seconds, nanos, offset })
    }
}
