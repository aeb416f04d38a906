//! The wire shape: what the generated serde types accept, checked before any rule, and
//! the accepted JSON in one normal form for the checks.
//!
//! Request-side structs deny unknown fields, refuse a not-updatable attribute that is
//! present (even as `null`), and take `null` for an absent optional field; items of
//! arrays and values of maps are never `null`. Errors come in the order serde meets
//! them: members in the JSON object's order, depth first, and an object's
//! not-updatable attributes once all its members are read.
//!
//! Like every `#[derive(Deserialize)]` struct, the generated ones also accept an
//! array in place of an object: its items are the struct's fields in declaration order
//! (the sendable fields in spec order, then the not-updatable attributes when the type
//! has any), missing ones taking their default, extra ones refused. The normal form
//! turns such an array into the object it stands for, and drops `null` members.

use mutaspec_runtime::Path;
use serde_json::{Map, Value};

use super::error::{Part, PayloadError, PayloadErrorKind};
use super::types::{sendable, Types};
use crate::model::{Field, Object, Rule, Ty};

/// How deep the evaluator follows a document (serde_json reads at most 128 levels).
pub const MAX_DEPTH: usize = 256;

/// Shape checks of one input.
pub(super) struct Shape<'a> {
    pub types: Types<'a>,
    pub part: Part,
}

/// A struct's members as serde reads them: by name from an object, by position from an
/// array (`None`: the array has more items than the struct has fields).
fn members<'v>(v: &'v Value, order: &[&str]) -> Option<Option<Vec<(String, &'v Value)>>> {
    match v {
        Value::Object(m) => Some(Some(m.iter().map(|(k, x)| (k.clone(), x)).collect())),
        Value::Array(items) if items.len() > order.len() => Some(None),
        Value::Array(items) => Some(Some(order.iter().zip(items).map(|(k, x)| ((*k).to_owned(), x)).collect())),
        _ => None,
    }
}

impl Shape<'_> {
    fn error(&self, path: &Path<'_>, kind: PayloadErrorKind) -> PayloadError {
        PayloadError {
            part: self.part,
            path: path.render(),
            kind,
        }
    }

    fn wrong(&self, path: &Path<'_>, expected: impl Into<String>, found: &Value) -> PayloadError {
        self.error(
            path,
            PayloadErrorKind::WrongType {
                expected: expected.into(),
                found: describe(found),
            },
        )
    }

    fn deep(&self, path: &Path<'_>, depth: usize) -> Result<(), PayloadError> {
        if depth > MAX_DEPTH {
            return Err(self.error(path, PayloadErrorKind::TooDeep { limit: MAX_DEPTH }));
        }
        Ok(())
    }

    /// A strict (request-side) object: known members only, each of its type, `null`
    /// for an absent one, and no not-updatable attribute. Gives its normal form.
    pub fn object(&self, o: &Object, name: &str, v: &Value, path: &Path<'_>, depth: usize) -> Result<Value, PayloadError> {
        self.deep(path, depth)?;
        let refused: Vec<&Field> = o.fields.iter().filter(|f| f.rule == Rule::NotUpdatable).collect();
        let order: Vec<&str> = o
            .fields
            .iter()
            .filter(|f| sendable(f))
            .chain(refused.iter().copied())
            .map(|f| f.wire.as_str())
            .collect();
        let expected = || format!("an object (`{name}`)");
        let Some(given) = members(v, &order) else {
            return Err(self.wrong(path, expected(), v));
        };
        let Some(given) = given else {
            return Err(self.wrong(path, format!("{} or an array of at most {} items", expected(), order.len()), v));
        };
        let mut out = Map::new();
        for (key, value) in &given {
            let p = path.key(key);
            match o.fields.iter().find(|f| f.wire == *key) {
                Some(f) if sendable(f) => {
                    if let (Some(ty), false) = (&f.ty, value.is_null()) {
                        out.insert(key.clone(), self.value(ty, value, &p, depth + 1)?);
                    }
                }
                Some(f) if f.rule == Rule::NotUpdatable => {}
                _ => {
                    let known = o.fields.iter().filter(|f| sendable(f)).map(|f| f.wire.clone()).collect();
                    return Err(self.error(&p, PayloadErrorKind::UnknownField { known }));
                }
            }
        }
        if let Some(f) = refused.iter().find(|f| given.iter().any(|(k, _)| *k == f.wire)) {
            let reason = f
                .docs
                .clone()
                .unwrap_or_else(|| "the provider does not allow updating it".to_owned());
            return Err(self.error(&path.key(&f.wire), PayloadErrorKind::NotUpdatable { reason }));
        }
        Ok(Value::Object(out))
    }

    /// A present (non-`null` where optional) value of type `ty`, in normal form.
    pub fn value(&self, ty: &Ty, v: &Value, path: &Path<'_>, depth: usize) -> Result<Value, PayloadError> {
        self.deep(path, depth)?;
        let ok = match ty {
            Ty::String | Ty::Decimal | Ty::Date | Ty::DateTime => v.is_string(),
            Ty::Integer => v.as_i64().is_some(),
            Ty::Number => v.is_number(),
            Ty::Boolean => v.is_boolean(),
            Ty::Named(n) => {
                if let Some(o) = self.types.object(ty) {
                    return self.object(o, n, v, path, depth);
                }
                if self.types.enumeration(ty).is_none() {
                    let what = format!("type `{n}` is not in the model");
                    return Err(self.error(path, PayloadErrorKind::Unsupported { what }));
                }
                v.is_string()
            }
            Ty::List(item) => {
                let Value::Array(items) = v else {
                    return Err(self.wrong(path, "an array", v));
                };
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.value(item, x, &path.index(i), depth + 1));
                return items.collect::<Result<Vec<_>, _>>().map(Value::Array);
            }
            Ty::Map(item) => {
                let Value::Object(entries) = v else {
                    return Err(self.wrong(path, "an object (a map)", v));
                };
                let entries = entries
                    .iter()
                    .map(|(k, x)| Ok((k.clone(), self.value(item, x, &path.key(k), depth + 1)?)));
                return entries.collect::<Result<Map<_, _>, _>>().map(Value::Object);
            }
        };
        if ok {
            Ok(v.clone())
        } else {
            Err(self.wrong(path, expected(ty), v))
        }
    }

    /// The members of a lenient struct (`<Prefix>Current`, fields `(wire, Rust, type)`):
    /// unknown members are ignored, known ones are optional and of their type. Gives
    /// the known, present ones in normal form.
    pub fn lenient(&self, fields: &[(String, String, Ty)], v: &Value) -> Result<Map<String, Value>, PayloadError> {
        let root = Path::root();
        let order: Vec<&str> = fields.iter().map(|(w, _, _)| w.as_str()).collect();
        let given = match members(v, &order) {
            Some(Some(given)) => given,
            Some(None) => return Err(self.wrong(&root, format!("an object or an array of at most {} items", order.len()), v)),
            None => return Err(self.wrong(&root, "an object", v)),
        };
        let mut out = Map::new();
        for (key, value) in given {
            if let Some((wire, _, ty)) = fields.iter().find(|(w, _, _)| *w == key) {
                if !value.is_null() {
                    out.insert(key, self.value(ty, value, &root.key(wire), 1)?);
                }
            }
        }
        Ok(out)
    }

    /// A struct of booleans with container defaults (`ProgramSettings`): `defaults` in
    /// declaration order, overridden by the members given; unknown ones are ignored.
    pub fn booleans(&self, defaults: &[(String, bool)], v: &Value) -> Result<Vec<(String, bool)>, PayloadError> {
        let root = Path::root();
        let order: Vec<&str> = defaults.iter().map(|(n, _)| n.as_str()).collect();
        let given = match members(v, &order) {
            Some(Some(given)) => given,
            Some(None) => return Err(self.wrong(&root, format!("an object or an array of at most {} items", order.len()), v)),
            None => return Err(self.wrong(&root, "an object", v)),
        };
        let mut out = defaults.to_vec();
        for (key, value) in given {
            if let Some(slot) = out.iter_mut().find(|(n, _)| *n == key) {
                slot.1 = value.as_bool().ok_or_else(|| self.wrong(&root.key(&key), "a boolean", value))?;
            }
        }
        Ok(out)
    }
}

fn expected(ty: &Ty) -> String {
    match ty {
        Ty::String => "a string".into(),
        Ty::Decimal => "a decimal written as a string".into(),
        Ty::Date => "a date string (YYYY-MM-DD)".into(),
        Ty::DateTime => "an RFC 3339 datetime string".into(),
        Ty::Integer => "an integer (i64)".into(),
        Ty::Number => "a number".into(),
        Ty::Boolean => "a boolean".into(),
        Ty::Named(n) => format!("a string (enum `{n}`)"),
        Ty::List(_) => "an array".into(),
        Ty::Map(_) => "an object (a map)".into(),
    }
}

/// A JSON value's kind, for messages: never the value itself, which may be sensitive.
pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number with a fraction or an exponent",
        Value::Number(n) if n.as_i64().is_none() => "an integer beyond the i64 range",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
    .to_owned()
}
