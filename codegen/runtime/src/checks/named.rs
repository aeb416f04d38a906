//! The registry of named checks a spec can reference with `check: <name>`.

/// A named check: the name used in specs and the predicate (true = passes).
type NamedCheck = (&'static str, fn(&str) -> bool);

/// Every named check, sorted by name.
const NAMED_CHECKS: &[NamedCheck] = &[("no_po_box", no_po_box)];

/// Passes when the address line is not a post office box (see
/// [`is_po_box`](super::is_po_box)).
#[must_use]
pub fn no_po_box(address: &str) -> bool {
    !super::is_po_box(address)
}

/// Looks up a named check by its spec name; `None` if the runtime does not know it.
///
/// ```
/// # use mutaspec_runtime::checks::named_check;
/// let check = named_check("no_po_box").expect("known check");
/// assert!(!check("PO Box 1"));
/// assert!(named_check("no_such_check").is_none());
/// ```
#[must_use]
pub fn named_check(name: &str) -> Option<fn(&str) -> bool> {
    NAMED_CHECKS.iter().find(|(n, _)| *n == name).map(|&(_, check)| check)
}

/// The names [`named_check`] knows, sorted (for "did you mean" diagnostics).
pub fn named_check_names() -> impl Iterator<Item = &'static str> {
    NAMED_CHECKS.iter().map(|&(name, _)| name)
}

/// The named checks across fields (`groups: - { check: NAME, fields: [...], args: {...} }`),
/// sorted by name, each with the arguments it takes (all of them required unless the
/// check's doc says otherwise).
const GROUP_CHECKS: &[(&str, &[&str])] = &[("ascending", &["strict"]), ("sum", &["equals"])];

/// The names of the checks across fields, sorted (for "did you mean" diagnostics).
pub fn group_check_names() -> impl Iterator<Item = &'static str> {
    GROUP_CHECKS.iter().map(|&(name, _)| name)
}

/// The arguments a check across fields takes, or `None` for an unknown name.
#[must_use]
pub fn group_check_args(name: &str) -> Option<&'static [&'static str]> {
    GROUP_CHECKS.iter().find(|(n, _)| *n == name).map(|&(_, args)| args)
}

/// `sum` (argument `equals`): passes when none of the fields is sent, or when the sent
/// ones (an absent one counting 0) add up to `equals`, within a relative 1e-9 (values
/// that are percentages written as numbers: `33.3 + 33.3 + 33.4`).
///
/// ```
/// # use mutaspec_runtime::checks::sum_equals;
/// assert!(sum_equals(&[Some(60.0), Some(40.0)], 100.0));
/// assert!(sum_equals(&[Some(100.0), None], 100.0));
/// assert!(sum_equals(&[None, None], 100.0));
/// assert!(!sum_equals(&[Some(60.0), None], 100.0));
/// ```
#[must_use]
pub fn sum_equals(values: &[Option<f64>], equals: f64) -> bool {
    if values.iter().all(Option::is_none) {
        return true;
    }
    let sum: f64 = values.iter().flatten().sum();
    (sum - equals).abs() <= 1e-9 * equals.abs().max(1.0)
}

/// `ascending` (argument `strict`, default `true`): passes when the fields that are
/// sent, in the group's order, increase: each greater than the sent one before it (at
/// least as great when `strict` is `false`). For a range's bounds: `minimum` before
/// `maximum`.
///
/// ```
/// # use mutaspec_runtime::checks::ascending;
/// assert!(ascending(&[Some(1.0), None, Some(5.0)], true));
/// assert!(!ascending(&[Some(5.0), Some(5.0)], true));
/// assert!(ascending(&[Some(5.0), Some(5.0)], false));
/// ```
#[must_use]
pub fn ascending(values: &[Option<f64>], strict: bool) -> bool {
    let mut last: Option<f64> = None;
    for v in values.iter().flatten() {
        if let Some(prev) = last {
            if (strict && *v <= prev) || (!strict && *v < prev) {
                return false;
            }
        }
        last = Some(*v);
    }
    true
}

/// [`ascending`] for `YYYY-MM-DD` dates (`start` before `end`); a date that is not a
/// real day is skipped (its own check reports it).
///
/// ```
/// # use mutaspec_runtime::checks::ascending_dates;
/// assert!(ascending_dates(&[Some("2026-01-01"), Some("2026-02-01")], true));
/// assert!(!ascending_dates(&[Some("2026-02-01"), Some("2026-01-01")], true));
/// ```
#[must_use]
pub fn ascending_dates(values: &[Option<&str>], strict: bool) -> bool {
    let mut last: Option<&str> = None;
    for v in values.iter().flatten().copied() {
        if crate::values::calendar::parse_ymd(v.as_bytes()).is_err() {
            continue;
        }
        if let Some(prev) = last {
            // Valid `YYYY-MM-DD` texts order as their days.
            if (strict && v <= prev) || (!strict && v < prev) {
                return false;
            }
        }
        last = Some(v);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_checks() {
        assert_eq!(group_check_names().collect::<Vec<_>>(), ["ascending", "sum"]);
        assert_eq!(group_check_args("sum"), Some(&["equals"][..]));
        assert!(group_check_args("total").is_none());
        assert!(sum_equals(&[Some(33.3), Some(33.3), Some(33.4)], 100.0));
        assert!(!sum_equals(&[Some(33.3), Some(33.3), Some(33.3)], 100.0));
        assert!(ascending_dates(&[Some("2026-02-30"), Some("2026-01-01")], true));
    }

    #[test]
    fn registry() {
        let check = named_check("no_po_box");
        assert_eq!(check.map(|c| c("P.O. Box 9")), Some(false));
        assert_eq!(check.map(|c| c("9 High Street")), Some(true));
        assert!(named_check("").is_none());
        assert!(named_check("NO_PO_BOX").is_none());
        assert_eq!(named_check_names().collect::<Vec<_>>(), ["no_po_box"]);
    }

    #[test]
    fn names_are_sorted_and_unique() {
        let names: Vec<_> = named_check_names().collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
    }
}
