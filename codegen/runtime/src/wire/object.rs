//! [`Object`]: a generated struct is read from a JSON object only, and an unknown
//! member is named with a did-you-mean.
//!
//! serde's derive reads a struct from a map *or* a sequence (its items taken as the
//! fields in declaration order), so `["PERSON", "Jane"]` would be read as
//! `{"type": "PERSON", "firstName": "Jane"}`. The generated `Deserialize` impls hand
//! their derived wire struct an [`Object`] instead of the format's deserializer: it
//! forwards everything but refuses a sequence, and rewrites the derive's "unknown field"
//! error into one with the closest known name. Nothing is allocated on the valid path.

use std::cell::Cell;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// A deserializer that reads a struct from a map only. `name` is the generated type's
/// name, for messages.
#[derive(Debug)]
pub struct Object<D> {
    inner: D,
    name: &'static str,
    /// A request-side struct: `null` is refused on every member read as an `Option`
    /// (a field that cannot be cleared); a clearable field (`crate::Patch`) reads it.
    no_null: bool,
}

impl<D> Object<D> {
    /// Wraps `inner` for the struct `name`.
    pub const fn new(inner: D, name: &'static str) -> Self {
        Object {
            inner,
            name,
            no_null: false,
        }
    }

    /// Wraps `inner` for the request-side struct `name`: as [`Object::new`], and a
    /// member sent as `null` is refused (rule `not_clearable`) unless its field is a
    /// clearable [`Patch`](crate::Patch): `null` is never read as "absent". Read inside
    /// a struct wrapped with [`Object::new`] (a response or a current snapshot holding
    /// request-side types), `null` is read as absent, as there.
    pub const fn request(inner: D, name: &'static str) -> Self {
        Object {
            inner,
            name,
            no_null: true,
        }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Object<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let name = self.name;
        self.deserialize_struct(name, &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // Inside a struct read with `Object::new` (a response, a current snapshot), the
        // request-side types it holds read `null` as absent too: the provider's `null`
        // is no request to clear.
        let lenient = LENIENT.with(Cell::get);
        let only = MapOnly {
            inner: visitor,
            name: self.name,
            fields,
            no_null: self.no_null && lenient == 0,
        };
        if self.no_null {
            return self.inner.deserialize_struct(name, fields, only);
        }
        let _scope = Lenient::enter(lenient);
        self.inner.deserialize_struct(name, fields, only)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

std::thread_local! {
    /// How many structs read with [`Object::new`] are being read on this thread.
    static LENIENT: Cell<u32> = const { Cell::new(0) };
}

/// One level of [`LENIENT`], left when dropped (on errors and panics too).
struct Lenient(u32);

impl Lenient {
    fn enter(level: u32) -> Self {
        LENIENT.with(|l| l.set(level.saturating_add(1)));
        Lenient(level)
    }
}

impl Drop for Lenient {
    fn drop(&mut self) {
        LENIENT.with(|l| l.set(self.0));
    }
}

/// The struct's visitor, with sequences refused.
struct MapOnly<V> {
    inner: V,
    name: &'static str,
    fields: &'static [&'static str],
    no_null: bool,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for MapOnly<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object (`{}`)", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Members {
            inner: map,
            fields: self.fields,
            no_null: self.no_null,
            last: None,
        })
    }
}

/// The members of the object: keys go through [`Key`].
struct Members<A> {
    inner: A,
    fields: &'static [&'static str],
    no_null: bool,
    /// The last member's name, when it is one of `fields`.
    last: Option<&'static str>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Members<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(Key {
            seed,
            fields: self.fields,
            last: &mut self.last,
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        if self.no_null {
            return self.inner.next_value_seed(NoNull { seed, field: self.last });
        }
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// A member name: given to the derive's field identifier, whose only error is an
/// unknown field, which is replaced by [`unknown_field`]'s.
struct Key<'l, K> {
    seed: K,
    fields: &'static [&'static str],
    last: &'l mut Option<&'static str>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Key<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for Key<'_, K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<K::Value, E> {
        *self.last = self.fields.iter().copied().find(|f| *f == v);
        let fields = self.fields;
        self.seed
            .deserialize(StrDeserializer::<E>::new(v))
            .map_err(|_| E::custom(unknown_field(v, fields)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<K::Value, E> {
        *self.last = self.fields.iter().copied().find(|f| *f == v);
        let fields = self.fields;
        self.seed
            .deserialize(BorrowedStrDeserializer::<E>::new(v))
            .map_err(|_| E::custom(unknown_field(v, fields)))
    }
}

/// A member's value in a request-side struct: read as the field's type reads it, except
/// that an `Option` (a field that cannot be cleared) refuses `null`.
struct NoNull<S> {
    seed: S,
    field: Option<&'static str>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for NoNull<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(NoNullValue {
            inner: d,
            field: self.field,
        })
    }
}

/// The value's deserializer: everything forwarded, `deserialize_option` refusing `null`.
struct NoNullValue<D> {
    inner: D,
    field: Option<&'static str>,
}

macro_rules! forward_plain {
    ($($m:ident)*) => {$(
        fn $m<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$m(visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for NoNullValue<D> {
    type Error = D::Error;

    forward_plain! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map deserialize_identifier
        deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_option(RefuseNull {
            inner: visitor,
            field: self.field,
        })
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, name: &'static str, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// An `Option`'s visitor that refuses `null`.
struct RefuseNull<V> {
    inner: V,
    field: Option<&'static str>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for RefuseNull<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::custom(not_clearable(self.field)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        Err(E::custom(not_clearable(self.field)))
    }

    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.inner.visit_some(d)
    }
}

/// `` `note` cannot be cleared ... `` (rule `not_clearable`).
fn not_clearable(field: Option<&str>) -> String {
    format!("`{}` {}", field.unwrap_or("a member"), crate::patch::not_clearable_message(None))
}

/// `unknown field `x`; did you mean `y`?`, or the list of known fields when none is
/// close. Long keys are cut in the message.
#[must_use]
pub fn unknown_field(key: &str, known: &[&str]) -> String {
    let shown: String = key.chars().take(64).collect();
    let cut = if shown.len() < key.len() { "..." } else { "" };
    let mut out = format!("unknown field `{shown}{cut}`");
    match suggest(key, known.iter().copied()) {
        Some(close) => out.push_str(&format!("; did you mean `{close}`?")),
        None if known.is_empty() => out.push_str(": this object has no fields"),
        None => {
            let all: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            out.push_str(&format!("; expected one of {}", all.join(", ")));
        }
    }
    out
}

/// The candidate closest to `name` (case-insensitive edit distance), if it is close
/// enough to be a typo: at most a third of the name's characters differ.
#[must_use]
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if name.len() > 256 {
        return None;
    }
    let name = name.to_lowercase();
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wire {
        #[serde(rename = "type", default)]
        kind: Option<String>,
        #[serde(rename = "firstName", default)]
        first_name: Option<String>,
    }

    fn read(text: &str) -> Result<Wire, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        Wire::deserialize(Object::new(&mut de, "Person")).map_err(|e| e.to_string())
    }

    #[test]
    fn objects_are_read_as_the_derive_reads_them() {
        let w = read(r#"{"type": "PERSON", "firstName": "Jane"}"#).unwrap();
        assert_eq!(w.kind.as_deref(), Some("PERSON"));
        assert_eq!(w.first_name.as_deref(), Some("Jane"));
        assert_eq!(read(r#"{"first\u004eame": "J"}"#).unwrap().first_name.as_deref(), Some("J"));
        assert!(read(r#"{"type": 1}"#).is_err());
        let dup = read(r#"{"type": "A", "type": "B"}"#).unwrap_err();
        assert!(dup.contains("duplicate field `type`"), "{dup}");
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Req {
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        note: crate::Patch<String>,
    }

    #[test]
    fn request_structs_refuse_null_on_fields_that_cannot_be_cleared() {
        let read = |text: &str| {
            let mut de = serde_json::Deserializer::from_str(text);
            Req::deserialize(Object::request(&mut de, "Req")).map_err(|e| e.to_string())
        };
        let e = read(r#"{"kind": null}"#).unwrap_err();
        assert!(e.starts_with("`kind` cannot be cleared (rule not_clearable)"), "{e}");
        let r = read(r#"{"note": null, "kind": "A"}"#).unwrap();
        assert_eq!((r.note, r.kind.as_deref()), (crate::Patch::Clear, Some("A")));
        assert_eq!(read(r#"{"note": "x"}"#).unwrap().note, crate::Patch::Set("x".to_owned()));
        let r = Req::deserialize(Object::request(serde_json::json!({"note": null}), "Req")).unwrap();
        assert!(r.note.is_clear());
        // Outside a request-side struct, `null` is still "absent".
        let mut de = serde_json::Deserializer::from_str(r#"{"kind": null}"#);
        assert!(Req::deserialize(Object::new(&mut de, "Req")).unwrap().kind.is_none());
        // And inside one read with `Object::new` (a response holding a request type).
        #[derive(Debug, Deserialize)]
        struct Resp {
            #[serde(default)]
            req: Option<ReqStrict>,
        }
        #[derive(Debug)]
        struct ReqStrict(Req);
        impl<'de> Deserialize<'de> for ReqStrict {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Req::deserialize(Object::request(d, "Req")).map(ReqStrict)
            }
        }
        let mut de = serde_json::Deserializer::from_str(r#"{"req": {"kind": null}}"#);
        let r = Resp::deserialize(Object::new(&mut de, "Resp")).unwrap();
        assert!(r.req.unwrap().0.kind.is_none());
        let mut de = serde_json::Deserializer::from_str(r#"{"kind": null}"#);
        assert!(ReqStrict::deserialize(&mut de).is_err(), "the scope is left");
    }

    #[test]
    fn arrays_and_scalars_are_refused() {
        for text in ["[]", r#"["PERSON", "Jane"]"#, "1", "\"x\"", "null", "true"] {
            let e = read(text).unwrap_err();
            assert!(e.contains("expected a JSON object (`Person`)"), "{text}: {e}");
        }
    }

    #[test]
    fn unknown_fields_get_a_did_you_mean() {
        let e = read(r#"{"firstname": "J"}"#).unwrap_err();
        assert!(e.starts_with("unknown field `firstname`; did you mean `firstName`?"), "{e}");
        let e = read(r#"{"zzz": 1}"#).unwrap_err();
        assert!(e.starts_with("unknown field `zzz`; expected one of `type`, `firstName`"), "{e}");
        let e = read(r#"{"a\nb": 1}"#).unwrap_err();
        assert!(e.starts_with("unknown field `a\nb`"), "{e}");
        let long = format!(r#"{{"{}": 1}}"#, "k".repeat(10_000));
        assert!(read(&long).unwrap_err().len() < 200);
        assert_eq!(unknown_field("x", &[]), "unknown field `x`: this object has no fields");
    }

    #[test]
    fn suggestions_are_close_names_only() {
        assert_eq!(suggest("kycVerifed", ["kycVerified", "dpsClient"]), Some("kycVerified"));
        assert_eq!(suggest("helixkyc", ["helixKyc"]), Some("helixKyc"));
        assert_eq!(suggest("kycVerified", ["helixKyc", "dpsClient"]), None);
    }
}
