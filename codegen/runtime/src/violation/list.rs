//! [`Violations`]: every violation found in one validation.

use std::fmt;

use serde::Serialize;

use super::{Path, Rule, Violation};

/// All violations found by one validation, in the order they were found.
///
/// Validators collect every problem instead of stopping at the first. An empty list
/// holds no allocation: validating a valid request allocates nothing. The list is one
/// pointer wide (the violations live behind a box, made on the first push), so a
/// validator's `Result<(), Violations>` comes back in registers rather than through
/// memory; the price is one more allocation on the invalid path.
#[derive(Clone, Default)]
#[expect(clippy::box_collection, reason = "the box keeps the list one pointer wide; see above")]
pub struct Violations(Option<Box<Vec<Violation>>>);

impl Violations {
    /// An empty list (does not allocate).
    #[must_use]
    #[inline]
    pub const fn new() -> Self {
        Violations(None)
    }

    /// The vector, made on first use.
    fn vec_mut(&mut self) -> &mut Vec<Violation> {
        self.0.get_or_insert_with(Box::default)
    }

    /// Adds a violation.
    pub fn push(&mut self, violation: Violation) {
        self.vec_mut().push(violation);
    }

    /// Adds a violation at `path`; the path is rendered and the message converted only
    /// here, on failure.
    // Only reached on a violation: kept out of line so the valid path stays small.
    #[cold]
    #[inline(never)]
    pub fn record(&mut self, path: &Path<'_>, rule: Rule, message: impl Into<String>, code: Option<u32>) {
        let mut violation = Violation::new(path, rule, message);
        violation.code = code;
        self.push(violation);
    }

    /// Whether nothing was violated.
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// How many violations there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.as_slice().iter()
    }

    /// The violations as a slice.
    #[must_use]
    pub fn as_slice(&self) -> &[Violation] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The provider error codes of the violations that have one, in order.
    pub fn codes(&self) -> impl Iterator<Item = u32> + '_ {
        self.iter().filter_map(|v| v.code)
    }

    /// `Ok(())` when empty, else `Err(self)`.
    ///
    /// # Errors
    /// The violations themselves, when there is at least one.
    #[inline]
    pub fn into_result(self) -> Result<(), Violations> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Gives back the vector.
    #[must_use]
    pub fn into_vec(self) -> Vec<Violation> {
        self.0.map_or_else(Vec::new, |list| *list)
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'v> IntoIterator for &'v Violations {
    type Item = &'v Violation;
    type IntoIter = std::slice::Iter<'v, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        let mut iter = iter.into_iter().peekable();
        if iter.peek().is_some() {
            self.vec_mut().extend(iter);
        }
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Violations::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl From<Vec<Violation>> for Violations {
    fn from(violations: Vec<Violation>) -> Self {
        Violations((!violations.is_empty()).then(|| Box::new(violations)))
    }
}

impl PartialEq for Violations {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Violations {}

impl fmt::Debug for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Violations").field(&self.as_slice()).finish()
    }
}

impl Serialize for Violations {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            fmt::Display::fmt(violation, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

#[cfg(test)]
mod tests {
    use super::*;

    fn two() -> Violations {
        let root = Path::root();
        let mut v = Violations::new();
        v.record(&root.key("email"), Rule::Format, "must be an email address", None);
        let addr = root.key("addresses");
        v.record(&addr.index(1), Rule::UniqueBy, "a second Mailing address", Some(60350));
        v
    }

    #[test]
    fn empty_is_ok() {
        let v = Violations::new();
        assert!(v.is_empty());
        assert_eq!(v.len(), 0);
        assert_eq!(v.to_string(), "");
        assert_eq!(v.into_result(), Ok(()));
    }

    #[test]
    fn one_pointer_wide_and_empty_alike() {
        // What keeps `Result<(), Violations>` in registers.
        assert_eq!(std::mem::size_of::<Violations>(), std::mem::size_of::<usize>());
        assert!(std::mem::size_of::<Result<(), Violations>>() <= 2 * std::mem::size_of::<usize>());
        // Empty however made: equal, empty, nothing boxed.
        let mut extended = Violations::new();
        extended.extend(Vec::new());
        for empty in [Violations::from(Vec::new()), std::iter::empty().collect(), extended] {
            assert_eq!(empty, Violations::new());
            assert!(empty.is_empty() && empty.0.is_none());
            assert_eq!(format!("{empty:?}"), "Violations([])");
        }
    }

    #[test]
    fn collects_and_displays_one_per_line() {
        let v = two();
        assert_eq!(v.len(), 2);
        assert_eq!(
            v.to_string(),
            "email: must be an email address\naddresses[1]: a second Mailing address (code 60350)"
        );
        assert_eq!(v.codes().collect::<Vec<_>>(), [60350]);
        assert_eq!(v.iter().map(|x| x.rule).collect::<Vec<_>>(), [Rule::Format, Rule::UniqueBy]);
        let err = v.clone().into_result().unwrap_err();
        assert_eq!(err, v);
        let boxed: Box<dyn std::error::Error> = Box::new(err);
        assert!(boxed.to_string().contains("60350"));
    }

    #[test]
    fn iterates_and_collects() {
        let v = two();
        assert_eq!((&v).into_iter().count(), 2);
        let mut again: Violations = v.clone().into_iter().collect();
        again.extend(v.clone());
        assert_eq!(again.len(), 4);
        assert_eq!(Violations::from(v.clone().into_vec()), v);
        assert_eq!(v.as_slice().len(), 2);
    }

    #[test]
    fn serializes_as_array() {
        let json = serde_json::to_value(two()).unwrap();
        assert_eq!(
            json,
            serde_json::json!([
                {"path": "email", "rule": "format", "message": "must be an email address", "code": null},
                {"path": "addresses[1]", "rule": "unique_by", "message": "a second Mailing address", "code": 60350},
            ])
        );
    }
}
