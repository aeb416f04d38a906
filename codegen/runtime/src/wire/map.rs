//! Strict maps: a JSON object read into a `BTreeMap` with every key at most once.
//!
//! serde's `BTreeMap` keeps the last of two equal keys, so `{"a": 1, "a": 2}` would be
//! read as `{"a": 2}` while `mutaspec validate` refuses it. The generated wire structs
//! read every field whose type holds a map through [`strict`], with the field's type
//! spelled as adapters: `Opt<Map<Same>>` for `Option<BTreeMap<String, T>>`,
//! `Opt<List<Map<Same>>>` for `Option<Vec<BTreeMap<String, T>>>`, and so on.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::Sensitive;

/// Deserializes a `T` the way the adapter `A` says.
pub trait DeserializeAs<'de, T> {
    /// Reads a `T` from `d`.
    ///
    /// # Errors
    /// The deserializer's errors, and a repeated map key.
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

/// `T`'s own `Deserialize`.
#[derive(Debug)]
pub struct Same;

/// `Option<T>`, `T` read with `A` (`null` is `None`).
#[derive(Debug)]
pub struct Opt<A>(PhantomData<A>);

/// `Vec<T>`, each item read with `A`.
#[derive(Debug)]
pub struct List<A>(PhantomData<A>);

/// `BTreeMap<K, T>` from a JSON object whose keys are all different, each value read
/// with `A`.
#[derive(Debug)]
pub struct Map<A>(PhantomData<A>);

/// A field whose type holds a map, read with the adapter `A` (a `deserialize_with`
/// target: `mutaspec_runtime::wire::strict::<Opt<Map<Same>>, _, _>`).
///
/// # Errors
/// The deserializer's errors, and a repeated map key.
pub fn strict<'de, A: DeserializeAs<'de, T>, T, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    A::deserialize_as(d)
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

/// A clearable field whose type holds a map, cleared by `null`, its value read with
/// the adapter `A` (`mutaspec_runtime::wire::patched::<Map<Same>, _, _>`).
///
/// # Errors
/// The deserializer's errors, and a repeated map key.
pub fn patched<'de, A: DeserializeAs<'de, T>, T, D: Deserializer<'de>>(d: D) -> Result<crate::Patch<T>, D::Error> {
    crate::patch::deserialize_with(d, As::<A, T>::NEW, None)
}

/// [`patched`] for a field cleared by `""`.
///
/// # Errors
/// The deserializer's errors, a repeated map key, and `null` (rule `not_clearable`).
pub fn patched_by_empty<'de, A: DeserializeAs<'de, T>, T, D: Deserializer<'de>>(d: D) -> Result<crate::Patch<T>, D::Error> {
    crate::patch::deserialize_with(d, As::<A, T>::NEW, Some(""))
}

/// A [`DeserializeSeed`] running an adapter.
struct As<A, T>(PhantomData<(A, T)>);

impl<A, T> As<A, T> {
    const NEW: Self = As(PhantomData);
}

impl<'de, A: DeserializeAs<'de, T>, T> DeserializeSeed<'de> for As<A, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        A::deserialize_as(d)
    }
}

impl<'de, A: DeserializeAs<'de, T>, T> DeserializeAs<'de, Option<T>> for Opt<A> {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        struct V<A, T>(PhantomData<(A, T)>);
        impl<'de, A: DeserializeAs<'de, T>, T> Visitor<'de> for V<A, T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                A::deserialize_as(d).map(Some)
            }
        }
        d.deserialize_option(V::<A, T>(PhantomData))
    }
}

impl<'de, A: DeserializeAs<'de, T>, T> DeserializeAs<'de, Vec<T>> for List<A> {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        struct V<A, T>(PhantomData<(A, T)>);
        impl<'de, A: DeserializeAs<'de, T>, T> Visitor<'de> for V<A, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Vec<T>, S::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(x) = seq.next_element_seed(As::<A, T>::NEW)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V::<A, T>(PhantomData))
    }
}

/// A map key: how a repeated one, or a violation's path through it
/// ([`Path::entry`](crate::Path::entry)), names it (a sensitive key is not shown).
pub trait MapKey: Ord {
    /// The key as it may be printed, `None` when it must not be.
    fn shown(&self) -> Option<&str>;
}

impl MapKey for String {
    fn shown(&self) -> Option<&str> {
        Some(self)
    }
}

impl MapKey for str {
    fn shown(&self) -> Option<&str> {
        Some(self)
    }
}

impl MapKey for Sensitive<String> {
    fn shown(&self) -> Option<&str> {
        None
    }
}

impl<'de, A: DeserializeAs<'de, T>, K: MapKey + Deserialize<'de>, T> DeserializeAs<'de, BTreeMap<K, T>> for Map<A> {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<BTreeMap<K, T>, D::Error> {
        struct V<A, K, T>(PhantomData<(A, K, T)>);
        impl<'de, A: DeserializeAs<'de, T>, K: MapKey + Deserialize<'de>, T> Visitor<'de> for V<A, K, T> {
            type Value = BTreeMap<K, T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object (a map)")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<BTreeMap<K, T>, M::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<K>()? {
                    if out.contains_key(&key) {
                        return Err(de::Error::custom(repeated(key.shown())));
                    }
                    let value = map.next_value_seed(As::<A, T>::NEW)?;
                    out.insert(key, value);
                }
                Ok(out)
            }
        }
        d.deserialize_map(V::<A, K, T>(PhantomData))
    }
}

fn repeated(key: Option<&str>) -> String {
    match key {
        Some(k) => {
            let shown: String = k.chars().take(64).collect();
            let cut = if shown.len() < k.len() { "..." } else { "" };
            format!("the map repeats key `{shown}{cut}`")
        }
        None => "the map repeats a key (a sensitive key, not shown)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "strict::<Opt<Map<Same>>, _, _>")]
        tags: Option<BTreeMap<String, String>>,
        #[serde(default, deserialize_with = "strict::<Opt<List<Map<Map<Same>>>>, _, _>")]
        deep: Option<Vec<BTreeMap<String, BTreeMap<String, i64>>>>,
        #[serde(default, deserialize_with = "strict::<Opt<Map<Same>>, _, _>")]
        secret: Option<BTreeMap<Sensitive<String>, Sensitive<String>>>,
    }

    fn read(text: &str) -> Result<Probe, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn distinct_keys_are_read() {
        let p = read(r#"{"tags": {"a": "1", "b": "2"}, "deep": [{"x": {"y": 1}}, {}]}"#).unwrap();
        assert_eq!(p.tags.unwrap().len(), 2);
        assert_eq!(p.deep.unwrap()[0]["x"]["y"], 1);
        assert!(read(r#"{"tags": null}"#).unwrap().tags.is_none());
        assert!(read("{}").unwrap().tags.is_none());
        assert!(read(r#"{"tags": {"a": 1}}"#).is_err());
        assert!(read(r#"{"tags": ["a"]}"#).is_err());
    }

    #[test]
    fn repeated_keys_are_refused_at_any_depth() {
        let e = read(r#"{"tags": {"a": "1", "a": "2"}}"#).unwrap_err();
        assert!(e.contains("the map repeats key `a`"), "{e}");
        let e = read(r#"{"deep": [{}, {"x": {"y": 1, "y": 1}}]}"#).unwrap_err();
        assert!(e.contains("the map repeats key `y`"), "{e}");
        let e = read(r#"{"tags": {"a": "1", "\u0061": "2"}}"#).unwrap_err();
        assert!(e.contains("repeats key `a`"), "{e}");
    }

    #[test]
    fn sensitive_keys_are_not_shown() {
        let e = read(r#"{"secret": {"S3CRET": "1", "S3CRET": "2"}}"#).unwrap_err();
        assert!(!e.contains("S3CRET") && e.contains("sensitive key"), "{e}");
        let p = read(r#"{"secret": {"S3CRET": "1"}}"#).unwrap();
        assert!(!format!("{p:?}").contains("S3CRET"));
        assert_eq!(p.secret.map(|m| m.len()), Some(1));
    }
}
