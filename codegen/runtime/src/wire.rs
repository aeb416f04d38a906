//! Serde helpers the generated code calls: refusing not-updatable attributes, and
//! deserializing string enums without allocating for documented values.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::Deserialize;

/// A JSON body carried an attribute the provider does not allow to update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUpdatable {
    /// The attribute's wire name.
    pub field: &'static str,
    /// Why, as the spec documents it.
    pub reason: &'static str,
}

impl fmt::Display for NotUpdatable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not updatable ({}); remove it from the request",
            self.field,
            self.reason.trim_end_matches('.')
        )
    }
}

impl std::error::Error for NotUpdatable {}

/// Deserializes any value and reports that the attribute was present (even as `null`).
///
/// # Errors
/// Only the deserializer's own errors (malformed input).
pub fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(deserializer).map(|_| true)
}

/// Deserializes a string through `from_wire`, borrowing when the input allows.
///
/// # Errors
/// When the value is not a string.
pub fn deserialize_str<'de, D: Deserializer<'de>, T>(deserializer: D, from_wire: fn(&str) -> T) -> Result<T, D::Error> {
    struct V<T>(fn(&str) -> T);
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }
    deserializer.deserialize_str(V(from_wire))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "present")]
        owner: bool,
    }

    #[test]
    fn presence_is_detected_even_for_null() {
        let p: Probe = serde_json::from_str(r#"{"owner": null}"#).unwrap();
        assert!(p.owner);
        let p: Probe = serde_json::from_str(r#"{"owner": {"id": 1}}"#).unwrap();
        assert!(p.owner);
        let p: Probe = serde_json::from_str("{}").unwrap();
        assert!(!p.owner);
    }

    #[test]
    fn not_updatable_names_the_field_and_rule() {
        let e = NotUpdatable {
            field: "programAffiliate",
            reason: "Cannot be updated.",
        };
        assert_eq!(
            e.to_string(),
            "`programAffiliate` is not updatable (Cannot be updated); remove it from the request"
        );
    }

    #[test]
    fn strings_only() {
        let mut de = serde_json::Deserializer::from_str("12");
        assert!(deserialize_str(&mut de, str::len).is_err());
        let mut de = serde_json::Deserializer::from_str("\"abc\"");
        assert_eq!(deserialize_str(&mut de, str::len).unwrap(), 3);
    }
}
