//! The conversions behind the `chrono`, `time`, `jiff` and `rust_decimal` features:
//! `cargo test -p mutaspec-runtime --features chrono,time,jiff,rust_decimal`.
//! Each module is compiled only with its feature.

#[cfg(feature = "chrono")]
mod chrono_conversions {
    use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
    use mutaspec_runtime::values::ValueKind;
    use mutaspec_runtime::{Date, DateTime};

    #[test]
    fn dates_both_ways() {
        let date = Date::parse("2024-02-29").unwrap();
        let naive = NaiveDate::try_from(&date).unwrap();
        assert_eq!(naive, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(Date::try_from(naive).unwrap(), date);
        assert_eq!(
            NaiveDate::try_from(Date::parse("0000-01-01").unwrap()).unwrap(),
            NaiveDate::from_ymd_opt(0, 1, 1).unwrap()
        );
    }

    #[test]
    fn invalid_or_out_of_range_dates_are_errors() {
        let err = NaiveDate::try_from(Date::new_unchecked("31/12/1999")).unwrap_err();
        assert_eq!(err.kind(), ValueKind::Date);
        assert!(Date::try_from(NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap()).is_err());
        assert!(Date::try_from(NaiveDate::from_ymd_opt(-1, 12, 31).unwrap()).is_err());
    }

    #[test]
    fn date_times_keep_offset_and_nanoseconds() {
        let dt = DateTime::parse("2024-01-01T10:00:00.123456789+02:00").unwrap();
        let fixed = chrono::DateTime::<FixedOffset>::try_from(&dt).unwrap();
        let expected = FixedOffset::east_opt(7200).unwrap().with_ymd_and_hms(2024, 1, 1, 10, 0, 0).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);
        assert_eq!(fixed, expected);
        assert_eq!(fixed.offset().local_minus_utc(), 7200);
        assert_eq!(DateTime::try_from(fixed).unwrap(), dt);

        let utc = chrono::DateTime::<Utc>::try_from(dt).unwrap();
        assert_eq!(DateTime::try_from(utc).unwrap().as_str(), "2024-01-01T08:00:00.123456789Z");
    }

    #[test]
    fn written_forms() {
        let back = |text: &str| {
            let fixed = chrono::DateTime::<FixedOffset>::try_from(DateTime::parse(text).unwrap()).unwrap();
            DateTime::try_from(fixed).unwrap().into_string()
        };
        assert_eq!(back("2024-01-01t10:00:00.500z"), "2024-01-01T10:00:00.5Z");
        assert_eq!(back("2024-01-01T10:00:00+00:00"), "2024-01-01T10:00:00Z");
        assert_eq!(back("1969-12-31T23:59:59.25-09:30"), "1969-12-31T23:59:59.25-09:30");
        assert_eq!(back("0000-01-01T00:00:00+00:01"), "0000-01-01T00:00:00+00:01");
        // A leap second becomes the next minute's 00.
        assert_eq!(back("2016-12-31T23:59:60Z"), "2017-01-01T00:00:00Z");
        // A trailing zero past nanoseconds fits; a digit does not.
        assert_eq!(back("2024-01-01T00:00:00.1234567890Z"), "2024-01-01T00:00:00.123456789Z");
        let err = chrono::DateTime::<Utc>::try_from(DateTime::parse("2024-01-01T00:00:00.1234567891Z").unwrap()).unwrap_err();
        assert_eq!(err.to_string(), "invalid date-time: fraction finer than nanoseconds does not fit");
    }

    #[test]
    fn chrono_values_the_wire_cannot_hold() {
        let odd_offset = FixedOffset::east_opt(30).unwrap().with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        assert!(DateTime::try_from(odd_offset).is_err());
        let far = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
        assert!(DateTime::try_from(far).is_err());
        // The year is the local one: 9999-12-31T23:00Z is 10000 at +02:00.
        let local = FixedOffset::east_opt(7200)
            .unwrap()
            .from_utc_datetime(&Utc.with_ymd_and_hms(9999, 12, 31, 23, 0, 0).unwrap().naive_utc());
        assert!(DateTime::try_from(local).is_err());
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc();
        assert_eq!(DateTime::try_from(leap).unwrap().as_str(), "2017-01-01T00:00:00.5Z");
        assert!(chrono::DateTime::<Utc>::try_from(DateTime::new_unchecked("yesterday")).is_err());
    }
}

#[cfg(feature = "time")]
mod time_conversions {
    use mutaspec_runtime::{Date, DateTime};
    use time::{Month, OffsetDateTime, UtcOffset};

    #[test]
    fn dates_both_ways() {
        let date = Date::parse("1900-02-28").unwrap();
        let t = time::Date::try_from(&date).unwrap();
        assert_eq!(t, time::Date::from_calendar_date(1900, Month::February, 28).unwrap());
        assert_eq!(Date::try_from(t).unwrap(), date);
        assert!(time::Date::try_from(Date::new_unchecked("1900-02-29")).is_err());
        assert!(Date::try_from(time::Date::from_calendar_date(-1, Month::January, 1).unwrap()).is_err());
    }

    #[test]
    fn date_times_both_ways() {
        let dt = DateTime::parse("1937-01-01T12:00:27.87+00:20").unwrap();
        let odt = OffsetDateTime::try_from(&dt).unwrap();
        assert_eq!(odt.offset(), UtcOffset::from_hms(0, 20, 0).unwrap());
        assert_eq!(odt.nanosecond(), 870_000_000);
        assert_eq!((odt.hour(), odt.minute(), odt.second()), (12, 0, 27));
        assert_eq!(DateTime::try_from(odt).unwrap(), dt);
        assert_eq!(
            DateTime::try_from(OffsetDateTime::UNIX_EPOCH).unwrap().as_str(),
            "1970-01-01T00:00:00Z"
        );
        let seconds_offset = OffsetDateTime::UNIX_EPOCH.to_offset(UtcOffset::from_hms(1, 0, 1).unwrap());
        assert!(DateTime::try_from(seconds_offset).is_err());
        assert!(OffsetDateTime::try_from(DateTime::new_unchecked("2024-01-01")).is_err());
    }
}

#[cfg(feature = "jiff")]
mod jiff_conversions {
    use jiff::tz::{Offset, TimeZone};
    use jiff::{Timestamp, Zoned};
    use mutaspec_runtime::{Date, DateTime};

    #[test]
    fn dates_both_ways() {
        let date = Date::parse("9999-12-31").unwrap();
        let civil = jiff::civil::Date::try_from(&date).unwrap();
        assert_eq!(civil, jiff::civil::date(9999, 12, 31));
        assert_eq!(Date::try_from(civil).unwrap(), date);
        assert!(Date::try_from(jiff::civil::date(-1, 1, 1)).is_err());
        assert!(jiff::civil::Date::try_from(Date::new_unchecked("2024-13-01")).is_err());
    }

    #[test]
    fn timestamps_and_zoned() {
        let dt = DateTime::parse("1969-12-31T23:59:59.75-01:00").unwrap();
        let ts = Timestamp::try_from(&dt).unwrap();
        assert_eq!(ts, Timestamp::new(3599, 750_000_000).unwrap());
        assert_eq!(DateTime::try_from(ts).unwrap().as_str(), "1970-01-01T00:59:59.75Z");
        let zoned = Zoned::try_from(&dt).unwrap();
        assert_eq!(zoned.offset(), Offset::from_hours(-1).unwrap());
        assert_eq!(DateTime::try_from(&zoned).unwrap(), dt);
        // Before the epoch jiff's nanoseconds are negative.
        let before = Timestamp::new(-1, -250_000_000).unwrap();
        assert_eq!(DateTime::try_from(before).unwrap().as_str(), "1969-12-31T23:59:58.75Z");
        let odd = Timestamp::UNIX_EPOCH.to_zoned(TimeZone::fixed(Offset::from_seconds(59).unwrap()));
        assert!(DateTime::try_from(odd).is_err());
        assert!(Timestamp::try_from(DateTime::new_unchecked("2024-01-01T00:00:00")).is_err());
    }
}

#[cfg(feature = "rust_decimal")]
mod rust_decimal_conversions {
    use mutaspec_runtime::values::ValueKind;
    use mutaspec_runtime::Decimal;

    fn to(text: &str) -> Result<rust_decimal::Decimal, mutaspec_runtime::ValueError> {
        rust_decimal::Decimal::try_from(Decimal::new_unchecked(text))
    }

    #[test]
    fn both_ways_keeping_scale() {
        for text in [
            "0",
            "-12.50",
            "1050",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
        ] {
            let value = to(text).unwrap();
            assert_eq!(Decimal::from(value).as_str(), text);
        }
        assert_eq!(to("007").unwrap(), rust_decimal::Decimal::from(7));
        assert_eq!(Decimal::from(rust_decimal::Decimal::new(-5, 3)).as_str(), "-0.005");
        assert!(Decimal::from(rust_decimal::Decimal::MIN).is_valid());
    }

    #[test]
    fn exact_or_error() {
        let err = to("79228162514264337593543950336").unwrap_err();
        assert_eq!(err.kind(), ValueKind::Decimal);
        assert!(to("0.00000000000000000000000000001").is_err());
        assert!(to("1e3").is_err());
        assert!(rust_decimal::Decimal::try_from(&Decimal::new_unchecked("1,5")).is_err());
    }
}
