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

#[cfg(test)]
mod tests {
    use super::*;

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
