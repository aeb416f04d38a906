//! One check on one value, through the runtime's own functions (the generated code
//! calls the same ones): `emit::validate::value_failed` over JSON.
#![deny(clippy::wildcard_enum_match_arm)]

use std::cmp::Ordering;

use mutaspec_runtime::{checks, pattern, Date, DateTime, Decimal};
use serde_json::Value;

use crate::model::Format;
use crate::plan::{Bound, Count, ValueCheck};

/// Whether check `kind` fails on `v` (a field's value, or one element of it).
pub(super) fn fails(kind: &ValueCheck, v: &Value) -> bool {
    match kind {
        ValueCheck::ValidDate => text(v).is_some_and(|s| !Date::new_unchecked(s).is_valid()),
        ValueCheck::ValidDateTime => text(v).is_some_and(|s| !DateTime::new_unchecked(s).is_valid()),
        ValueCheck::ValidDecimal => text(v).is_some_and(|s| !Decimal::new_unchecked(s).is_valid()),
        ValueCheck::EnumMember(values) => text(v).is_some_and(|s| !values.iter().any(|x| x == s)),
        ValueCheck::Format(f) => text(v).is_some_and(|s| !match f {
            Format::Email => checks::is_email(s),
            Format::CountryAlpha2 => checks::is_country_alpha2(s),
            Format::CountryAlpha3 => checks::is_country_alpha3(s),
            Format::Uuid => checks::is_uuid(s),
            Format::Uri => checks::is_uri(s),
            Format::Url => checks::is_url(s),
            Format::Ipv4 => checks::is_ipv4(s),
            Format::Ipv6 => checks::is_ipv6(s),
            Format::E164 => checks::is_e164(s),
            Format::Currency => checks::is_currency(s),
        }),
        ValueCheck::MinLength(n, count) => length(*count, v).is_some_and(|len| len < to_usize(*n)),
        ValueCheck::MaxLength(n, count) => length(*count, v).is_some_and(|len| len > to_usize(*n)),
        ValueCheck::Min(bound) => compare(bound, v) == Some(Ordering::Less),
        ValueCheck::Max(bound) => compare(bound, v) == Some(Ordering::Greater),
        ValueCheck::After(bound) => compare(bound, v).is_some_and(|o| o != Ordering::Greater),
        ValueCheck::Before(bound) => compare(bound, v).is_some_and(|o| o != Ordering::Less),
        ValueCheck::Pattern(p) => text(v).is_some_and(|s| !pattern::matches(p, s)),
        ValueCheck::Named(name) => match (text(v), checks::named_check(name)) {
            (Some(s), Some(check)) => !check(s),
            (None, _) | (_, None) => false,
        },
        ValueCheck::MaxDepth(n) => checks::json_depth_exceeds(v, *n),
        ValueCheck::MaxBytes(n) => checks::json_bytes_exceed(v, *n),
        // An item check the walk tests against the chosen version (`Walk::items`).
        ValueCheck::ValueVersion { .. } => false,
    }
}

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

/// `usize` as the generated code writes the literal (`n as usize`).
fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Characters of a string, items of an array, entries of a map.
fn length(count: Count, v: &Value) -> Option<usize> {
    match (count, v) {
        (Count::Chars, Value::String(s)) => Some(checks::char_len(s)),
        (Count::Items, Value::Array(a)) => Some(a.len()),
        (Count::Items, Value::Object(m)) => Some(m.len()),
        (
            Count::Chars | Count::Items,
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) | Value::Array(_) | Value::Object(_),
        ) => None,
    }
}

/// `v` against a bound: integers and numbers as `i64`/`f64`, decimals, dates and
/// datetimes through their `cmp_str`, as the generated code compares them.
fn compare(bound: &Bound, v: &Value) -> Option<Ordering> {
    match bound {
        Bound::Integer(b) => Some(v.as_i64()?.cmp(b)),
        Bound::Unsigned(b) => Some(v.as_u64()?.cmp(b)),
        Bound::Number(b) => v.as_f64()?.partial_cmp(b),
        Bound::Decimal(b) => Decimal::new_unchecked(v.as_str()?).cmp_str(b),
        Bound::Date(b) => Date::new_unchecked(v.as_str()?).cmp_str(b),
        Bound::DateTime(b) => DateTime::new_unchecked(v.as_str()?).cmp_str(b),
    }
}
