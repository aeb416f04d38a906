//! [`PatternError`]: why a pattern is invalid, and where.

use std::fmt;

/// An invalid pattern: the byte offset of the problem in the pattern text and a
/// message. The spec loader turns the offset into a `file:line:col` diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PatternError {
    offset: usize,
    message: &'static str,
}

impl PatternError {
    /// Creates an error at byte `offset` of the pattern.
    #[must_use]
    pub const fn new(offset: usize, message: &'static str) -> Self {
        PatternError { offset, message }
    }

    /// The byte offset in the pattern where the problem starts.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong, e.g. `groups and alternation are not supported`.
    #[must_use]
    pub const fn message(&self) -> &'static str {
        self.message
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid pattern at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for PatternError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        let e = PatternError::new(4, "unclosed class");
        assert_eq!(e.to_string(), "invalid pattern at byte 4: unclosed class");
        assert_eq!((e.offset(), e.message()), (4, "unclosed class"));
    }
}
