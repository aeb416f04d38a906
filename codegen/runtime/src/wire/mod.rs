//! Serde helpers the generated code calls: reading structs from JSON objects only
//! ([`Object`]), maps without repeated keys ([`strict`]), refusing not-updatable
//! attributes ([`refuse`]), and deserializing string enums without allocating for
//! documented values.

mod json;
mod map;
mod object;

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::Deserialize;

pub use json::Json;
pub use map::{patched, patched_by_empty, strict, DeserializeAs, List, Map, MapKey, Opt, Same};
pub use object::{suggest, unknown_field, Object};

/// A JSON object carried attributes the provider does not allow to update: every one
/// of that object, in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUpdatable {
    /// Each attribute's wire name, and why, as the spec documents it.
    pub fields: Vec<(&'static str, &'static str)>,
}

impl fmt::Display for NotUpdatable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (field, reason) in &self.fields {
            write!(f, "`{field}` is not updatable ({}); ", reason.trim().trim_end_matches('.'))?;
        }
        f.write_str(if self.fields.len() > 1 {
            "remove them from the request"
        } else {
            "remove it from the request"
        })
    }
}

impl std::error::Error for NotUpdatable {}

/// Fails with a [`NotUpdatable`] naming every attribute flagged present in `attrs`
/// (`(present, wire name, reason)`), or succeeds when none is.
///
/// # Errors
/// The [`NotUpdatable`] error, as `E::custom`.
#[inline]
pub fn refuse<E: de::Error>(attrs: &[(bool, &'static str, &'static str)]) -> Result<(), E> {
    if attrs.iter().all(|(present, _, _)| !present) {
        return Ok(());
    }
    let fields = attrs.iter().filter(|a| a.0).map(|&(_, f, r)| (f, r)).collect();
    Err(E::custom(NotUpdatable { fields }))
}

/// Deserializes any value and reports that the attribute was present (even as `null`).
///
/// # Errors
/// Only the deserializer's own errors (malformed input).
pub fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(deserializer).map(|_| true)
}

/// Deserializes a present member as `Some` (so `null` is refused as `T` refuses it); an
/// absent member takes the field's `#[serde(default)]`.
///
/// # Errors
/// `T`'s own.
pub fn some<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
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
            fields: vec![("programAffiliate", "Cannot be updated.")],
        };
        assert_eq!(
            e.to_string(),
            "`programAffiliate` is not updatable (Cannot be updated); remove it from the request"
        );
        let e = NotUpdatable {
            fields: vec![("a", "Fixed."), ("b", "Set by the provider")],
        };
        assert_eq!(
            e.to_string(),
            "`a` is not updatable (Fixed); `b` is not updatable (Set by the provider); remove them from the request"
        );
    }

    #[test]
    fn refuse_names_every_present_attribute() {
        assert!(refuse::<serde_json::Error>(&[(false, "a", "x"), (false, "b", "y")]).is_ok());
        let e = refuse::<serde_json::Error>(&[(true, "a", "x"), (false, "b", "y"), (true, "c", "z")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`a` is not updatable (x); `c` is not updatable (z); remove them from the request"
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
