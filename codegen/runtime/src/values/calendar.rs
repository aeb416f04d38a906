//! Proleptic Gregorian calendar arithmetic shared by [`Date`](super::Date) and
//! [`DateTime`](super::DateTime).

/// Whether `year` has a 29 February (divisible by 4, except centuries not divisible
/// by 400).
pub(crate) const fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in `month` (1 to 12) of `year`; 0 for an invalid month.
pub(crate) const fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses a run of ASCII digits (at most 9, so it cannot overflow).
pub(crate) fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes
        .iter()
        .try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

/// Parses exactly `YYYY-MM-DD` and checks that the day exists.
pub(crate) fn parse_ymd(bytes: &[u8]) -> Result<(i32, u8, u8), &'static str> {
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err("expected YYYY-MM-DD");
    }
    let year = digits(&bytes[0..4]).ok_or("year must be four digits")?;
    let month = digits(&bytes[5..7]).ok_or("month must be two digits")?;
    let day = digits(&bytes[8..10]).ok_or("day must be two digits")?;
    let (year, month, day) = (year as i32, month as u8, day as u8);
    if !(1..=12).contains(&month) {
        return Err("month must be 01 to 12");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day does not exist in that month");
    }
    Ok((year, month, day))
}

/// Days since 1970-01-01 of a valid date (negative before it).
pub(crate) fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    // Shift the year so that it starts in March: the leap day is then the last day.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = i64::from(month);
    let month_from_march = if m > 2 { m - 3 } else { m + 9 };
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (the inverse of [`days_from_civil`]); the year may
/// fall outside 0000 to 9999, which the caller checks.
#[cfg_attr(not(any(feature = "chrono", feature = "time", feature = "jiff")), allow(dead_code))]
pub(crate) fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both fit: 1 <= day <= 31 and 1 <= month <= 12.
    (year, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(is_leap(2000));
        assert!(is_leap(2024));
        assert!(is_leap(0));
        assert!(!is_leap(1900));
        assert!(!is_leap(2100));
        assert!(!is_leap(2023));
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2024, 4), 30);
        assert_eq!(days_in_month(2024, 12), 31);
        assert_eq!(days_in_month(2024, 13), 0);
        assert_eq!(days_in_month(2024, 0), 0);
    }

    #[test]
    fn digit_runs() {
        assert_eq!(digits(b"0042"), Some(42));
        assert_eq!(digits(b""), None);
        assert_eq!(digits(b"4a"), None);
        assert_eq!(digits(b"+4"), None);
        assert_eq!(digits(b"9999999999"), None);
    }

    #[test]
    fn epoch_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1970, 1, 2), 1);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1900, 1, 1), -25_567);
        assert_eq!(days_from_civil(2024, 2, 29) + 1, days_from_civil(2024, 3, 1));
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
    }

    #[test]
    fn civil_from_days_inverts_days_from_civil() {
        for days in (-800_000..3_000_000).step_by(37).chain([-719_528, -1, 0, 1, 11_017, 2_932_896]) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y as i32, m, d), days, "{days}");
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y as i32, m), "{days}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-719_528), (0, 1, 1));
    }

    #[test]
    fn ymd_shape_and_calendar() {
        assert_eq!(parse_ymd(b"2024-02-29"), Ok((2024, 2, 29)));
        assert!(parse_ymd(b"2023-02-29").is_err());
        assert!(parse_ymd(b"2024-13-01").is_err());
        assert!(parse_ymd(b"2024-00-01").is_err());
        assert!(parse_ymd(b"2024-01-00").is_err());
        assert!(parse_ymd(b"2024-1-01").is_err());
        assert!(parse_ymd(b"2024/01/01").is_err());
    }
}
