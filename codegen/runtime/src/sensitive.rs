//! [`Sensitive`]: a value that must never show up in `Debug` output or logs.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// Wraps a sensitive value: a tax id, a birth date, a document's content.
///
/// `Debug` prints `Sensitive(<redacted>)`, in plain and pretty (`{:#?}`) form alike, so
/// a derived `Debug` on a request struct is safe to log. There is deliberately no
/// `Display`: reaching the value takes an explicit [`expose`](Sensitive::expose).
/// Serialization is transparent: the wire sees the value itself. A value that does not
/// deserialize fails with an error that does not quote it (serde's own messages would,
/// e.g. `invalid type: string "123-45-6789"`).
///
/// ```
/// # use mutaspec_runtime::Sensitive;
/// let ssn = Sensitive::new(String::from("123-45-6789"));
/// assert_eq!(format!("{ssn:?}"), "Sensitive(<redacted>)");
/// assert_eq!(ssn.expose(), "123-45-6789");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

/// A sensitive map: its keys are data too, so they are wrapped like its values and
/// `Debug` prints neither (`{Sensitive(<redacted>): Sensitive(<redacted>)}`). A violation
/// inside one names no key either: `byName[<redacted>].kind` (see
/// [`Path::entry`](crate::Path::entry)); a repeated key is refused without naming it.
///
/// ```
/// # use mutaspec_runtime::{Sensitive, SensitiveMap};
/// let mut pins: SensitiveMap<Sensitive<u32>> = SensitiveMap::new();
/// pins.insert(Sensitive::new("alice".to_owned()), Sensitive::new(1234));
/// assert_eq!(format!("{pins:?}"), "{Sensitive(<redacted>): Sensitive(<redacted>)}");
/// ```
pub type SensitiveMap<T> = std::collections::BTreeMap<Sensitive<String>, T>;

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer)
            .map(Sensitive)
            .map_err(|_| serde::de::Error::custom("invalid value for a sensitive field (the value is not shown)"))
    }
}

impl<T> Sensitive<T> {
    /// Wraps `value`.
    #[must_use]
    pub const fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// Borrows the value. Name the call site's reason in a comment when logging is near.
    #[must_use]
    pub const fn expose(&self) -> &T {
        &self.0
    }

    /// Mutably borrows the value.
    #[must_use]
    pub fn expose_mut(&mut self) -> &mut T {
        &mut self.0
    }

    /// Unwraps the value.
    #[must_use]
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written as one string so that `{:#?}` cannot expand it into fields.
        f.write_str("Sensitive(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Person {
        name: String,
        tax_id: Sensitive<String>,
        pins: Vec<Sensitive<u32>>,
    }

    fn person() -> Person {
        Person {
            name: "Ada".into(),
            tax_id: Sensitive::new("987-65-4321".into()),
            pins: vec![Sensitive::from(4321)],
        }
    }

    #[test]
    fn debug_is_redacted() {
        let p = person();
        let plain = format!("{p:?}");
        let pretty = format!("{p:#?}");
        for out in [&plain, &pretty] {
            assert!(!out.contains("987"), "{out}");
            assert!(!out.contains("4321"), "{out}");
            assert!(out.contains("Sensitive(<redacted>)"), "{out}");
            assert!(out.contains("Ada"), "{out}");
        }
        assert_eq!(format!("{:#?}", Sensitive::new("x")), "Sensitive(<redacted>)");
        assert_eq!(format!("{:>40?}", Sensitive::new("secret")), "Sensitive(<redacted>)");
    }

    #[test]
    fn deserialize_errors_do_not_quote_the_value() {
        let err = serde_json::from_str::<Sensitive<u32>>("\"123-45-6789\"").unwrap_err().to_string();
        assert!(!err.contains("123-45-6789"), "{err}");
        assert!(err.contains("sensitive field"), "{err}");
    }

    #[test]
    fn serde_is_transparent() {
        let json = serde_json::to_string(&person()).unwrap();
        assert_eq!(json, r#"{"name":"Ada","tax_id":"987-65-4321","pins":[4321]}"#);
        let back: Person = serde_json::from_str(&json).unwrap();
        assert_eq!(back, person());
    }

    #[test]
    fn accessors() {
        let mut s = Sensitive::new(String::from("a"));
        s.expose_mut().push('b');
        assert_eq!(s.expose(), "ab");
        assert_eq!(s.clone().into_inner(), "ab");
        assert_eq!(Sensitive::<String>::default().expose(), "");
        assert_eq!(Sensitive::new(1), Sensitive::from(1));
    }
}
