//! [`Environment`]: which of a provider's deployments a request goes to.

use std::fmt;

/// A provider deployment; generated endpoints map each to a documented host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Environment {
    /// The live deployment.
    Production,
    /// The test deployment (sandbox).
    Staging,
}

impl Environment {
    /// `production` or `staging`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Environment::Production => "production",
            Environment::Staging => "staging",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        assert_eq!(Environment::Production.to_string(), "production");
        assert_eq!(Environment::Staging.to_string(), "staging");
        assert_eq!(format!("{:?}", Environment::Staging), "Staging");
    }
}
