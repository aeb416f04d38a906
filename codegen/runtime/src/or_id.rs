//! [`OrId`]: an object or its string id, the legacy "expandable" parameter
//! (`customer: Customer | string`).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A value that is either the id of an object (a JSON string) or the object itself (a
/// JSON object), as a field typed `T | string` in a spec.
///
/// It reads as serde's `#[serde(untagged)]` enum of its two variants would, in the order
/// `Id` then `Object`, and the order never decides: a JSON string is only ever an id and
/// a JSON object only ever the object. Unlike the untagged derive it buffers nothing,
/// and an object that does not fit `T` fails with `T`'s own error (an unknown member,
/// a wrong type), not "did not match any variant". Anything else (a number, an array)
/// is refused. It writes the id as a string and the object as `T` writes it.
///
/// ```
/// use mutaspec_runtime::OrId;
/// let id: OrId<std::collections::BTreeMap<String, i64>> = serde_json::from_str(r#""cus_123""#).unwrap();
/// assert_eq!(id, OrId::Id("cus_123".to_owned()));
/// let obj: OrId<std::collections::BTreeMap<String, i64>> = serde_json::from_str(r#"{"a": 1}"#).unwrap();
/// assert!(matches!(obj, OrId::Object(_)));
/// assert!(serde_json::from_str::<OrId<std::collections::BTreeMap<String, i64>>>("1").is_err());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum OrId<T> {
    /// The object's id.
    Id(String),
    /// The object itself.
    Object(T),
}

impl<T> OrId<T> {
    /// The id, when the value is one.
    pub fn id(&self) -> Option<&str> {
        match self {
            OrId::Id(s) => Some(s),
            OrId::Object(_) => None,
        }
    }

    /// The object, when the value is one.
    pub fn object(&self) -> Option<&T> {
        match self {
            OrId::Id(_) => None,
            OrId::Object(o) => Some(o),
        }
    }
}

impl<T: Serialize> Serialize for OrId<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OrId::Id(s) => serializer.serialize_str(s),
            OrId::Object(o) => o.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrId<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OrId<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string id or an object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OrId<T>, E> {
                Ok(OrId::Id(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<OrId<T>, E> {
                Ok(OrId::Id(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OrId<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(OrId::Object)
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}
