//! [`Patch`]: a clearable field's three states, absent, cleared, set.
//!
//! A field the spec declares clearable (`clear: null` or `clear: ""`) is a `Patch<T>`
//! in the generated request types instead of an `Option<T>`: [`Patch::Absent`] leaves
//! the resource's value unchanged and is not sent, [`Patch::Clear`] removes it and is
//! sent as the field's clearing value (`null`, JSON Merge Patch, RFC 7396; or `""`
//! through [`by_empty`], as form-encoded APIs clear), [`Patch::Set`] sends the
//! value. Reading a recorded payload gives back the same state: the clearing value is
//! `Clear`, any other value `Set`, a missing member `Absent`. A clearing value of the
//! other kind (`null` for a field cleared by `""`) is refused like `null` on a field
//! that cannot be cleared (rule `not_clearable`). Nothing is allocated.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A clearable field: absent (unchanged), cleared, or set to a value. Its own serde
/// impls clear by `null`; a field cleared by `""` is written and read through
/// [`by_empty`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Patch<T> {
    /// Not sent: the resource keeps its value.
    #[default]
    Absent,
    /// Sent as the clearing value: the resource's value is removed.
    Clear,
    /// Sent with this value.
    Set(T),
}

impl<T> From<T> for Patch<T> {
    fn from(v: T) -> Self {
        Patch::Set(v)
    }
}

impl<T> Patch<T> {
    /// Whether the field is not sent (`skip_serializing_if`).
    #[must_use]
    pub const fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// Whether the field is sent to clear the value.
    #[must_use]
    pub const fn is_clear(&self) -> bool {
        matches!(self, Patch::Clear)
    }

    /// The value, when set (`None` when absent or cleared), like `Option::as_ref`.
    #[must_use]
    pub const fn as_ref(&self) -> Option<&T> {
        match self {
            Patch::Set(v) => Some(v),
            Patch::Absent | Patch::Clear => None,
        }
    }

    /// The value, when set.
    #[must_use]
    pub fn into_value(self) -> Option<T> {
        match self {
            Patch::Set(v) => Some(v),
            Patch::Absent | Patch::Clear => None,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(v) => v.serialize(s),
            // An absent field is skipped by its struct (`skip_serializing_if`).
            Patch::Clear | Patch::Absent => s.serialize_none(),
        }
    }
}

/// A field cleared by the empty string: `#[serde(serialize_with =
/// "mutaspec_runtime::patch::by_empty::serialize")]` and the matching `deserialize`.
pub mod by_empty {
    use std::marker::PhantomData;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Patch;

    /// Writes `Clear` as `""`, a value as itself.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<T: Serialize, S: Serializer>(p: &Patch<T>, s: S) -> Result<S::Ok, S::Error> {
        match p {
            Patch::Set(v) => v.serialize(s),
            Patch::Clear => s.serialize_str(""),
            Patch::Absent => s.serialize_none(),
        }
    }

    /// Reads `""` as `Clear`, any other value as `Set`; refuses `null`.
    ///
    /// # Errors
    /// `T`'s, and `null` (rule `not_clearable`).
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Patch<T>, D::Error> {
        super::deserialize_with(d, PhantomData::<T>, Some(""))
    }
}

/// The name [`Patch`] asks a deserializer for a newtype struct by: the request types'
/// object reader ([`crate::wire::Object::request`]) lets it read `null` itself.
pub const PATCH_TOKEN: &str = "$mutaspec_runtime::Patch";

/// The message of a clearing value a field does not take (`null` on a field that
/// cannot be cleared, or not by `null`).
#[must_use]
pub fn not_clearable_message(sentinel: Option<&str>) -> String {
    match sentinel {
        Some(s) => format!("cannot be cleared by `null` (rule not_clearable: it is cleared by {s:?}); leave it out to keep the value"),
        None => "cannot be cleared (rule not_clearable): `null` is not a value of it; leave it out to keep the value".to_owned(),
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_with(d, PhantomData::<T>, None)
    }
}

/// Reads a [`Patch`] whose value is read by `seed` (an adapter of `wire::strict`, or
/// `T`'s own `Deserialize`), cleared by `sentinel` (`None`: by `null`).
///
/// # Errors
/// The seed's and the deserializer's, and a clearing value the field does not take.
pub fn deserialize_with<'de, S, D>(d: D, seed: S, sentinel: Option<&'static str>) -> Result<Patch<S::Value>, D::Error>
where
    S: DeserializeSeed<'de>,
    D: Deserializer<'de>,
{
    d.deserialize_newtype_struct(PATCH_TOKEN, Outer(seed, sentinel))
}

struct Outer<S>(S, Option<&'static str>);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Outer<S> {
    type Value = Patch<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or its clearing value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match self.1 {
            None => d.deserialize_option(ByNullVisitor(self.0)),
            Some(sentinel) => d.deserialize_any(Sentinel { seed: self.0, sentinel }),
        }
    }
}

struct ByNullVisitor<S>(S);

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for ByNullVisitor<S> {
    type Value = Patch<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Patch::Clear)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Patch::Clear)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(d).map(Patch::Set)
    }
}

/// A field cleared by a sentinel: the sentinel is `Clear`, every other value is read by
/// the seed, `null` is refused.
struct Sentinel<S> {
    seed: S,
    sentinel: &'static str,
}

macro_rules! forward {
    ($($visit:ident $t:ty => $de:ident;)*) => {$(
        fn $visit<E: de::Error>(self, v: $t) -> Result<Self::Value, E> {
            self.seed.deserialize(de::value::$de::<E>::new(v)).map(Patch::Set)
        }
    )*};
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Sentinel<S> {
    type Value = Patch<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a value or {:?}", self.sentinel)
    }

    forward! {
        visit_bool bool => BoolDeserializer;
        visit_i64 i64 => I64Deserializer;
        visit_u64 u64 => U64Deserializer;
        visit_f64 f64 => F64Deserializer;
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v == self.sentinel {
            return Ok(Patch::Clear);
        }
        self.seed.deserialize(StrDeserializer::<E>::new(v)).map(Patch::Set)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        if v == self.sentinel {
            return Ok(Patch::Clear);
        }
        self.seed.deserialize(BorrowedStrDeserializer::<E>::new(v)).map(Patch::Set)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.seed.deserialize(MapAccessDeserializer::new(map)).map(Patch::Set)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.seed.deserialize(SeqAccessDeserializer::new(seq)).map(Patch::Set)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom(not_clearable_message(Some(self.sentinel))))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom(not_clearable_message(Some(self.sentinel))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        note: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent", with = "by_empty")]
        tags: Patch<Vec<String>>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        count: Patch<i64>,
    }

    fn round_trip(text: &str) -> Body {
        let b: Body = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&b).unwrap(), text);
        b
    }

    #[test]
    fn three_states_read_back_and_serialize_to_the_same_bytes() {
        let b = round_trip(r#"{"note":null,"tags":"","count":3}"#);
        assert_eq!((b.note, b.tags, b.count), (Patch::Clear, Patch::Clear, Patch::Set(3)));
        let b = round_trip(r#"{"note":"x","tags":["a"]}"#);
        assert_eq!(
            (b.note, b.tags, b.count),
            (Patch::Set("x".into()), Patch::Set(vec!["a".into()]), Patch::Absent)
        );
        let b = round_trip("{}");
        assert!(b.note.is_absent() && b.tags.is_absent() && b.count.is_absent());
        let b = serde_json::from_value::<Body>(serde_json::json!({"note": null, "tags": ""})).unwrap();
        assert_eq!((b.note, b.tags), (Patch::Clear, Patch::Clear));
    }

    #[test]
    fn the_other_clearing_value_is_refused() {
        let e = serde_json::from_str::<Body>(r#"{"tags":null}"#).unwrap_err().to_string();
        assert!(e.contains("not_clearable"), "{e}");
        assert!(serde_json::from_str::<Body>(r#"{"note":""}"#).unwrap().note == Patch::Set(String::new()));
        assert!(serde_json::from_str::<Body>(r#"{"count":"x"}"#).is_err());
    }

    #[test]
    fn accessors() {
        let p: Patch<i64> = 4.into();
        assert_eq!(p.as_ref(), Some(&4));
        assert_eq!(Patch::<i64>::Clear.as_ref(), None);
        assert!(Patch::<i64>::Clear.is_clear());
        assert_eq!(format!("{:?}", Patch::<i64>::Clear), "Clear");
        assert_eq!(Patch::<i64>::Set(1).into_value(), Some(1));
    }
}
