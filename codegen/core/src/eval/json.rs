//! Reading a JSON document as the generated types read text: one value, nothing after
//! it, at most 128 levels deep (serde_json's limit), and no object repeating a member
//! (serde refuses a struct's duplicate field; refusing every duplicate keeps a replay
//! from depending on which copy wins).
//!
//! The reader knows no schema, so a repeated member's error says where it is
//! ([`Repeated`]) and the caller, which knows the type, decides whether the member may
//! be named: a key of a map inside a sensitive field must not be
//! ([`Error::hide_key`]).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses `text` as one JSON value.
///
/// # Errors
/// serde_json's error (with line and column) for malformed JSON, trailing characters,
/// too deep a nesting or a repeated member.
pub fn parse(text: &str) -> Result<Value, Error> {
    let repeated = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Strict { repeated: &repeated }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    read.map_err(|inner| Error {
        inner,
        repeated: repeated.into_inner(),
        hidden: false,
    })
}

/// A step from a JSON value to one inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An object's member.
    Member(String),
    /// An array's item.
    Item(usize),
}

/// A member that an object repeats: the object's place in the document, and the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The steps from the document to the object.
    pub at: Vec<Step>,
    /// The repeated key.
    pub key: String,
}

/// Why a text is not one JSON value the generated types would read.
#[derive(Debug)]
pub struct Error {
    inner: serde_json::Error,
    repeated: Option<Repeated>,
    hidden: bool,
}

impl Error {
    /// The repeated member, when that is the error.
    #[must_use]
    pub fn repeated(&self) -> Option<&Repeated> {
        self.repeated.as_ref()
    }

    /// The error, with a repeated member no longer named (a key inside a sensitive
    /// field).
    #[must_use]
    pub fn hide_key(mut self) -> Self {
        self.hidden = true;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repeated {
            None => fmt::Display::fmt(&self.inner, f),
            Some(_) if self.hidden => write!(
                f,
                "an object inside a sensitive field repeats a member (the key is not shown) at line {} column {}",
                self.inner.line(),
                self.inner.column()
            ),
            Some(r) => write!(
                f,
                "the object repeats member `{}` at line {} column {}",
                r.key,
                self.inner.line(),
                self.inner.column()
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Builds a [`Value`] like serde_json's own, refusing repeated members: the first is
/// kept in `repeated`, its steps added on the way out of the values holding it.
#[derive(Clone, Copy)]
struct Strict<'r> {
    repeated: &'r RefCell<Option<Repeated>>,
}

impl Strict<'_> {
    /// Adds `step` in front of a repeated member's steps, when the error is one.
    fn within<T, E>(self, step: impl FnOnce() -> Step, r: Result<T, E>) -> Result<T, E> {
        if r.is_err() {
            if let Some(rep) = self.repeated.borrow_mut().as_mut() {
                rep.at.insert(0, step());
            }
        }
        r
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let i = items.len();
            match self.within(|| Step::Item(i), seq.next_element_seed(self))? {
                Some(x) => items.push(x),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut seen = BTreeSet::new();
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                *self.repeated.borrow_mut() = Some(Repeated { at: Vec::new(), key });
                // The message is `Error`'s, which may have to leave the key out.
                return Err(de::Error::custom("the object repeats a member"));
            }
            let value = self.within(|| Step::Member(key.clone()), map.next_value_seed(self))?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": 18446744073709551615}"#;
        assert_eq!(parse(text).ok(), serde_json::from_str::<Value>(text).ok());
    }

    #[test]
    fn refuses_repeats_trailing_text_and_depth() {
        let e = parse(r#"{"a": {"b": 1, "b": 2}}"#).map(|_| ()).unwrap_err().to_string();
        assert!(e.contains("repeats member `b` at line 1 column 18"), "{e}");
        let e = parse(r#"{"a": [1, {"c": {"K3Y": 1, "K3Y": 2}}]}"#).unwrap_err();
        let r = e.repeated().unwrap();
        let at = vec![Step::Member("a".into()), Step::Item(1), Step::Member("c".into())];
        assert_eq!((&r.at, r.key.as_str()), (&at, "K3Y"));
        let hidden = e.hide_key().to_string();
        assert!(!hidden.contains("K3Y") && hidden.contains("not shown"), "{hidden}");
        assert!(parse("[1, 2").unwrap_err().repeated().is_none());
        assert!(parse("{} {}").is_err());
        assert!(parse(&"[".repeat(200)).is_err());
        assert!(parse("").is_err());
        assert!(parse(r#"{"a": 1, "b": {"a": 2}}"#).is_ok());
    }
}
