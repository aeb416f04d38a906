//! Validation results: what was violated, where, and the provider's error code.
//!
//! Validators walk a request with a [`Path`] built on the stack and push a
//! [`Violation`] into [`Violations`] for every problem; nothing is allocated until a
//! violation is actually recorded.

mod list;
mod path;
mod rule;

use std::fmt;

use serde::Serialize;

pub use list::Violations;
pub use path::{Path, Seg};
pub use rule::Rule;

/// A check that could not be made: it reads the current resource (a state condition,
/// a `current:` discriminator, a transition) and the snapshot given, if any, does not
/// have the field it needs. Not a violation: the request is not refused for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Unchecked {
    /// The field whose check was not made, as rendered by [`Path::render`].
    pub path: String,
    /// The rule the check would report.
    pub rule: Rule,
    /// The current resource's field (wire name) the check needs.
    pub reads: &'static str,
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Violation {
    /// Where, as rendered by [`Path::render`] (`individual.mailingAddress[0].zip`; empty
    /// for the request itself).
    pub path: String,
    /// What kind of constraint.
    pub rule: Rule,
    /// A human-readable explanation. Must not contain sensitive values.
    pub message: String,
    /// The provider's error code for this problem, when its docs define one.
    pub code: Option<u32>,
}

impl Violation {
    /// A violation at `path`, without a provider code.
    #[must_use]
    pub fn new(path: &Path<'_>, rule: Rule, message: impl Into<String>) -> Self {
        Violation {
            path: path.render(),
            rule,
            message: message.into(),
            code: None,
        }
    }

    /// Sets the provider's error code.
    #[must_use]
    pub fn with_code(mut self, code: u32) -> Self {
        self.code = Some(code);
        self
    }
}

impl fmt::Display for Violation {
    /// `path: message (code N)`; the path part is left out at the root and the code
    /// part when there is no code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(code) = self.code {
            write!(f, " (code {code})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_path_and_code() {
        let root = Path::root();
        let individual = root.key("individual");
        let addresses = individual.key("mailingAddress");
        let first = addresses.index(0);
        let v = Violation::new(&first.key("zip"), Rule::Required, "zip is required").with_code(66905);
        assert_eq!(v.to_string(), "individual.mailingAddress[0].zip: zip is required (code 66905)");
        assert_eq!(v.path, "individual.mailingAddress[0].zip");
    }

    #[test]
    fn display_at_root_without_code() {
        let v = Violation::new(&Path::root(), Rule::Conditional, "send either individual or business");
        assert_eq!(v.to_string(), "send either individual or business");
        assert_eq!(v.code, None);
    }
}
