//! One check on one value, through the runtime's own functions (the generated code
//! calls the same ones): `emit::validate::scalar_check` over JSON.

use std::cmp::Ordering;

use mutaspec_runtime::{checks, pattern, Date, DateTime, Decimal};
use serde_json::Value;

use super::types::Types;
use crate::model::{Format, Ty};
use crate::plan::CheckKind;

/// Whether check `kind` fails on `v`, a value of type `ty` (the field's type for a check
/// on the whole value, the element type for a check on each element). Kinds that are
/// not about one value (presence, siblings, the current resource, settings) never fail
/// here.
pub(super) fn fails(types: Types<'_>, ty: &Ty, kind: &CheckKind, v: &Value) -> bool {
    let elem = ty.item_of_container();
    match kind {
        CheckKind::ValidDate => text(v).is_some_and(|s| !Date::new_unchecked(s).is_valid()),
        CheckKind::ValidDateTime => text(v).is_some_and(|s| !DateTime::new_unchecked(s).is_valid()),
        CheckKind::ValidDecimal => text(v).is_some_and(|s| !Decimal::new_unchecked(s).is_valid()),
        CheckKind::EnumMember => match (text(v), types.enumeration(elem)) {
            (Some(s), Some(e)) => !e.values.iter().any(|x| x.wire == s),
            _ => false,
        },
        CheckKind::Format(f) => text(v).is_some_and(|s| !match f {
            Format::Email => checks::is_email(s),
            Format::CountryAlpha2 => checks::is_country_alpha2(s),
            Format::CountryAlpha3 => checks::is_country_alpha3(s),
        }),
        CheckKind::MinLength(n) => length(ty, v).is_some_and(|len| len < to_usize(*n)),
        CheckKind::MaxLength(n) => length(ty, v).is_some_and(|len| len > to_usize(*n)),
        CheckKind::Min(bound) => compare(elem, v, bound) == Some(Ordering::Less),
        CheckKind::Max(bound) => compare(elem, v, bound) == Some(Ordering::Greater),
        CheckKind::After(bound) => compare_text(elem, v, bound).is_some_and(|o| o != Ordering::Greater),
        CheckKind::Before(bound) => compare_text(elem, v, bound).is_some_and(|o| o != Ordering::Less),
        CheckKind::Pattern(p) => text(v).is_some_and(|s| !pattern::matches(p, s)),
        CheckKind::Named(name) => match (text(v), checks::named_check(name)) {
            (Some(s), Some(check)) => !check(s),
            _ => false,
        },
        CheckKind::Required
        | CheckKind::UniqueBy(..)
        | CheckKind::Discriminator { .. }
        | CheckKind::CurrentDiscriminator { .. }
        | CheckKind::SetOnce
        | CheckKind::Identifying
        | CheckKind::Lock { .. } => false,
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
fn length(ty: &Ty, v: &Value) -> Option<usize> {
    match (ty, v) {
        (_, Value::String(s)) => Some(checks::char_len(s)),
        (_, Value::Array(a)) => Some(a.len()),
        (_, Value::Object(m)) => Some(m.len()),
        _ => None,
    }
}

/// `min`/`max`: integers and numbers compare as `i64`/`f64` with the bound parsed the
/// same way as the generated literal (the loader refuses a bound that does not parse as
/// one, so the fallback 0 is never used); decimals, dates and datetimes through their
/// `cmp_str`.
fn compare(elem: &Ty, v: &Value, bound: &str) -> Option<Ordering> {
    match elem {
        Ty::Integer => Some(v.as_i64()?.cmp(&bound.parse::<i64>().unwrap_or_default())),
        Ty::Number => v.as_f64()?.partial_cmp(&bound.parse::<f64>().unwrap_or_default()),
        _ => compare_text(elem, v, bound),
    }
}

fn compare_text(elem: &Ty, v: &Value, bound: &str) -> Option<Ordering> {
    let s = v.as_str()?;
    match elem {
        Ty::Date => Date::new_unchecked(s).cmp_str(bound),
        Ty::DateTime => DateTime::new_unchecked(s).cmp_str(bound),
        Ty::Decimal => Decimal::new_unchecked(s).cmp_str(bound),
        _ => None,
    }
}
