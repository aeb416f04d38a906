//! [`Json`]: a free-form JSON value (`serde_json::Value`) read with every object key at
//! most once, at any depth, as `mutaspec validate` reads its input (`Value`'s own
//! `Deserialize` keeps the last of two equal keys).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::map::DeserializeAs;
use crate::Sensitive;

/// The adapter of a `json` field: `strict::<Opt<Json>, _, _>`.
#[derive(Debug)]
pub struct Json;

impl<'de> DeserializeAs<'de, Value> for Json {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        Strict { hide: false }.deserialize(d)
    }
}

/// A sensitive `json` field: a repeated key is not named.
impl<'de> DeserializeAs<'de, Sensitive<Value>> for Json {
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Sensitive<Value>, D::Error> {
        Strict { hide: true }.deserialize(d).map(Sensitive::new)
    }
}

/// One value; `hide`: a repeated key is not shown.
#[derive(Clone, Copy)]
struct Strict {
    hide: bool,
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
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

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Value, S::Error> {
        let mut out = Vec::new();
        while let Some(x) = seq.next_element_seed(self)? {
            out.push(x);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Value, M::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let message = if self.hide {
                    "the JSON value repeats a key (in a sensitive field, not shown)".to_owned()
                } else {
                    let shown: String = key.chars().take(64).collect();
                    let cut = if shown.len() < key.len() { "..." } else { "" };
                    format!("the JSON value repeats key `{shown}{cut}`")
                };
                return Err(de::Error::custom(message));
            }
            let value = map.next_value_seed(self)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::super::map::{strict, Opt};
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "strict::<Opt<Json>, _, _>")]
        meta: Option<Value>,
        #[serde(default, deserialize_with = "strict::<Opt<Json>, _, _>")]
        secret: Option<Sensitive<Value>>,
    }

    fn read(text: &str) -> Result<Probe, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn any_json_is_read_as_value_reads_it() {
        let text = r#"{"a": [1, -2, 1.5, "x", null, true, {"b": {}}], "u": 18446744073709551615}"#;
        let p = read(&format!(r#"{{"meta": {text}}}"#)).unwrap();
        assert_eq!(p.meta, Some(serde_json::from_str::<Value>(text).unwrap()));
        assert_eq!(read(r#"{"meta": null}"#).unwrap().meta, None);
        assert_eq!(read(r#"{"meta": 3}"#).unwrap().meta, Some(json!(3)));
    }

    #[test]
    fn repeated_keys_are_refused_at_any_depth() {
        let e = read(r#"{"meta": {"a": [{"k": 1, "k": 2}]}}"#).unwrap_err();
        assert!(e.contains("repeats key `k`"), "{e}");
        let e = read(r#"{"secret": {"S3CRET": 1, "S3CRET": 2}}"#).unwrap_err();
        assert!(!e.contains("S3CRET") && e.contains("sensitive"), "{e}");
        let p = read(r#"{"secret": {"S3CRET": [1]}}"#).unwrap();
        assert_eq!(p.secret.map(|s| s.expose()["S3CRET"][0].clone()), Some(json!(1)));
    }
}
