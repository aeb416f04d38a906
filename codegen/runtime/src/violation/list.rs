//! [`Violations`]: every violation found in one validation.

use std::fmt;

use serde::Serialize;

use super::{Path, Rule, Violation};

/// All violations found by one validation, in the order they were found.
///
/// Validators collect every problem instead of stopping at the first. An empty list
/// holds no allocation: validating a valid request allocates nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// An empty list (does not allocate).
    #[must_use]
    #[inline]
    pub const fn new() -> Self {
        Violations(Vec::new())
    }

    /// Adds a violation.
    pub fn push(&mut self, violation: Violation) {
        self.0.push(violation);
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
        self.0.is_empty()
    }

    /// How many violations there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// The violations as a slice.
    #[must_use]
    pub fn as_slice(&self) -> &[Violation] {
        &self.0
    }

    /// The provider error codes of the violations that have one, in order.
    pub fn codes(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().filter_map(|v| v.code)
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
        self.0
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'v> IntoIterator for &'v Violations {
    type Item = &'v Violation;
    type IntoIter = std::slice::Iter<'v, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Violations(iter.into_iter().collect())
    }
}

impl From<Vec<Violation>> for Violations {
    fn from(violations: Vec<Violation>) -> Self {
        Violations(violations)
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
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
