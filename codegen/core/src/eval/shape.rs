//! The wire shape: what the generated serde types accept, checked before any rule, and
//! the accepted JSON in one normal form for the checks.
//!
//! Every generated struct reads a JSON object only (never an array) and refuses a
//! member it does not have; request-side structs take `null` for an absent optional
//! field, and items of arrays and values of maps are never `null`. Errors come in the
//! order serde meets them: members in the JSON object's order, depth first.
//!
//! A not-updatable attribute that is present (even as `null`) is not a shape error
//! here: it is recorded as a `not_updatable` violation (each of them, in the order an
//! object's members are read, nested objects first) and dropped from the normal form,
//! so the checks still run on the rest. The generated types refuse such a payload
//! when deserializing, naming every not-updatable attribute of the first object that
//! carries one. A request-side object of a payload refuses `null` on a field that
//! cannot be cleared by it (`not_clearable`, as `Object::request` does); a cleared field
//! (`null`, or its sentinel) is `null` in the normal form, which the checks read as
//! "cleared". In a current snapshot `null` is absent at any depth, as before.

use std::cell::RefCell;

use mutaspec_runtime::{Path, Rule, Violation};
use serde_json::{Map, Value};

use super::error::{Part, PayloadError, PayloadErrorKind};
use super::types::Types;
use crate::model::{Clear, Field, Object, Ty, UpdateRule};
use std::collections::BTreeMap;

use crate::plan::{CurrentField, ObjectPlan};

/// How deep the evaluator follows a document (serde_json reads at most 128 levels).
pub const MAX_DEPTH: usize = 256;

/// The wire-shape checks of one input (what the generated serde types would refuse).
pub(super) struct WireCheck<'a> {
    pub types: Types<'a>,
    pub part: Part,
    /// The not-updatable attributes met so far, as violations.
    pub refused: RefCell<Vec<Violation>>,
}

/// The message of a not-updatable attribute, from the spec's docs of it.
pub(super) fn not_updatable_message(f: &Field) -> String {
    let reason = f.docs.as_deref().unwrap_or("the provider does not allow updating it");
    format!(
        "is not updatable ({}); remove it from the request",
        reason.trim().trim_end_matches('.')
    )
}

impl WireCheck<'_> {
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

    /// An unknown member `key` of an object whose known members are `known`.
    fn unknown(&self, path: &Path<'_>, key: &str, known: Vec<String>) -> PayloadError {
        let suggestion = mutaspec_runtime::wire::suggest(key, known.iter().map(String::as_str)).map(str::to_owned);
        self.error(path, PayloadErrorKind::UnknownField { known, suggestion })
    }

    /// A JSON object's members, in order; anything else is the wrong type.
    fn members<'v>(&self, v: &'v Value, path: &Path<'_>, name: &str) -> Result<&'v Map<String, Value>, PayloadError> {
        match v {
            Value::Object(m) => Ok(m),
            _ => Err(self.wrong(path, format!("an object (`{name}`)"), v)),
        }
    }

    /// A strict (request-side) object: known members only, each of its type, `null`
    /// for an absent one; not-updatable attributes are recorded and dropped. Gives its
    /// normal form.
    pub fn object(&self, o: &Object, name: &str, v: &Value, path: &Path<'_>, depth: usize) -> Result<Value, PayloadError> {
        self.deep(path, depth)?;
        let given = self.members(v, path, name)?;
        let mut out = Map::new();
        let mut seen: Vec<&str> = Vec::new();
        for (key, value) in given {
            match o.fields.iter().find(|f| f.wire == *key || f.aliases.contains(key)) {
                Some(f) if f.sendable() => {
                    // A field given under two of its names: serde's "duplicate field".
                    if seen.contains(&f.wire.as_str()) {
                        return Err(self.error(&path.key(key), PayloadErrorKind::Duplicate { field: f.wire.clone() }));
                    }
                    seen.push(&f.wire);
                    // A cleared field is `null` in the normal form (whatever clears it);
                    // `null` on a field that cannot be cleared by it is refused.
                    let sentinel = match &f.clear {
                        Some(Clear::Sentinel(s)) => Some(s.as_str()),
                        Some(Clear::Null) | None => None,
                    };
                    // In a current snapshot `null` is absent (`Object::new` around it).
                    if value.is_null() && self.part == Part::Current {
                        continue;
                    }
                    if value.is_null() && f.clear != Some(Clear::Null) {
                        let kind = PayloadErrorKind::NotClearable {
                            sentinel: sentinel.map(str::to_owned),
                        };
                        return Err(self.error(&path.key(&f.wire), kind));
                    }
                    if value.is_null() || (sentinel.is_some() && value.as_str() == sentinel) {
                        out.insert(f.wire.clone(), Value::Null);
                    } else if let (true, Some(Ty::Map(item)), Value::Object(entries)) = (f.clear_entries, &f.ty, value) {
                        // A map whose entries `null` deletes: a deleted entry stays `null`.
                        let p = path.key(&f.wire);
                        let mut m = Map::new();
                        for (k, x) in entries {
                            let x = if x.is_null() {
                                Value::Null
                            } else {
                                self.value(item, x, &p.entry(k), depth + 2)?
                            };
                            m.insert(k.clone(), x);
                        }
                        out.insert(f.wire.clone(), Value::Object(m));
                    } else if let Some(Ty::Tagged(t)) = &f.ty {
                        // A discriminated union is read as the object its sibling tag
                        // names; with no tag, or one naming no variant, kept as sent (the
                        // generated `from_tagged`).
                        let tag = o.field(&t.tag).and_then(|tf| {
                            std::iter::once(&tf.wire)
                                .chain(&tf.aliases)
                                .find_map(|w| given.get(w.as_str()))
                                .and_then(Value::as_str)
                        });
                        let p = path.key(&f.wire);
                        let read = match tag.and_then(|x| t.variant(x)) {
                            Some(var) => self.value(&Ty::Named(var.ty.clone()), value, &p, depth + 1)?,
                            None => value.clone(),
                        };
                        out.insert(f.wire.clone(), read);
                    } else if let Some(ty) = &f.ty {
                        // Below a sensitive field no map key reaches a path; an alias is
                        // read as the field's wire name.
                        let p = path.key(&f.wire);
                        let p = if f.sensitive { p.sensitive() } else { p };
                        out.insert(f.wire.clone(), self.value(ty, value, &p, depth + 1)?);
                    }
                }
                Some(f) if f.rule == UpdateRule::NotUpdatable => {}
                // An open object keeps what it does not know, unchecked.
                _ if o.open => {
                    out.insert(key.clone(), value.clone());
                }
                _ => {
                    // A member the type does not have is data, like a map key: inside a
                    // sensitive value it is not named.
                    let p = path.entry(key.as_str());
                    let known = o.fields.iter().filter(|f| f.sendable()).map(|f| f.wire.clone()).collect();
                    return Err(self.unknown(&p, key, known));
                }
            }
        }
        let refused = o
            .fields
            .iter()
            .filter(|f| f.rule == UpdateRule::NotUpdatable && given.contains_key(&f.wire));
        for f in refused {
            let v = Violation::new(&path.key(&f.wire), Rule::NotUpdatable, not_updatable_message(f));
            self.refused.borrow_mut().push(v);
        }
        Ok(Value::Object(out))
    }

    /// A present (non-`null` where optional) value of type `ty`, in normal form.
    pub fn value(&self, ty: &Ty, v: &Value, path: &Path<'_>, depth: usize) -> Result<Value, PayloadError> {
        self.deep(path, depth)?;
        let ok = match ty {
            Ty::String | Ty::Decimal | Ty::Date | Ty::DateTime => v.is_string(),
            Ty::Integer => v.as_i64().is_some(),
            Ty::Unsigned => v.as_u64().is_some(),
            Ty::Number => v.is_number(),
            Ty::Boolean => v.is_boolean(),
            // Any JSON at all, `null` inside included (`serde_json::Value`); a union's
            // value is read by its object (`object`), which knows the tag.
            Ty::Json | Ty::Tagged(_) => true,
            // `OrId`: a string is the id, an object the object; nothing else is read.
            Ty::OrId(n) => match v {
                Value::String(_) => true,
                Value::Object(_) => return self.value(&Ty::Named(n.clone()), v, path, depth),
                Value::Null | Value::Bool(_) | Value::Number(_) | Value::Array(_) => false,
            },
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
                    .map(|(k, x)| Ok((k.clone(), self.value(item, x, &path.entry(k), depth + 1)?)));
                return entries.collect::<Result<Map<_, _>, _>>().map(Value::Object);
            }
        };
        if ok {
            Ok(v.clone())
        } else {
            Err(self.wrong(path, expected(ty), v))
        }
    }

    /// The members of a snapshot struct (`<Prefix>Current`, or a nested object's
    /// `<Type>Current` whose fields are in `objects`): known members only, each optional
    /// and of its type. Gives the present ones in normal form.
    pub fn snapshot(
        &self,
        name: &str,
        fields: &[CurrentField],
        objects: &BTreeMap<String, ObjectPlan>,
        v: &Value,
        path: &Path<'_>,
        depth: usize,
    ) -> Result<Map<String, Value>, PayloadError> {
        self.deep(path, depth)?;
        let mut out = Map::new();
        for (key, value) in self.members(v, path, name)? {
            let Some(f) = fields.iter().find(|f| f.wire == *key || f.aliases.contains(key)) else {
                let known = fields.iter().map(|f| f.wire.clone()).collect();
                return Err(self.unknown(&path.key(key), key, known));
            };
            if !value.is_null() {
                // The snapshot holds the resource's values: a sensitive one's map keys
                // are not named either.
                let p = path.key(&f.wire);
                let p = if f.sensitive { p.sensitive() } else { p };
                if out.contains_key(&f.wire) {
                    return Err(self.error(&p, PayloadErrorKind::Duplicate { field: f.wire.clone() }));
                }
                let read = match f.nested.as_ref().and_then(|n| objects.get(n).map(|o| (n, o))) {
                    // A keyed array's current items, each an item snapshot.
                    Some((n, o)) if matches!(f.ty, Ty::List(_)) => {
                        let Value::Array(items) = value else {
                            return Err(self.wrong(&p, "an array", value));
                        };
                        let name = crate::model::snapshot_name(n);
                        let items = items.iter().enumerate().map(|(i, x)| {
                            self.snapshot(&name, &o.current, objects, x, &p.index(i), depth + 2)
                                .map(Value::Object)
                        });
                        Value::Array(items.collect::<Result<Vec<_>, _>>()?)
                    }
                    // A map's current entries, each an entry snapshot.
                    Some((n, o)) if matches!(f.ty, Ty::Map(_)) => {
                        let Value::Object(entries) = value else {
                            return Err(self.wrong(&p, "an object (a map)", value));
                        };
                        let name = crate::model::snapshot_name(n);
                        let mut read = Map::new();
                        // An entry is an entry snapshot (`null` too is refused, as for
                        // the items of a keyed array).
                        for (k, x) in entries {
                            let inner = self.snapshot(&name, &o.current, objects, x, &p.entry(k), depth + 2)?;
                            read.insert(k.clone(), Value::Object(inner));
                        }
                        Value::Object(read)
                    }
                    Some((n, o)) => {
                        let inner = self.snapshot(&crate::model::snapshot_name(n), &o.current, objects, value, &p, depth + 1)?;
                        Value::Object(inner)
                    }
                    None => self.value(&f.ty, value, &p, depth + 1)?,
                };
                out.insert(f.wire.clone(), read);
            }
        }
        Ok(out)
    }

    /// A struct of booleans with defaults (`ProgramSettings`): `defaults` in declaration
    /// order, overridden by the members given, each a boolean (`null` is refused);
    /// unknown members are refused.
    pub fn booleans(&self, defaults: &[(String, bool)], v: &Value) -> Result<Vec<(String, bool)>, PayloadError> {
        let root = Path::root();
        let mut out = defaults.to_vec();
        for (key, value) in self.members(v, &root, "ProgramSettings")? {
            let Some(slot) = out.iter_mut().find(|(n, _)| n == key) else {
                let known = defaults.iter().map(|(n, _)| n.clone()).collect();
                return Err(self.unknown(&root.key(key), key, known));
            };
            slot.1 = value.as_bool().ok_or_else(|| self.wrong(&root.key(key), "a boolean", value))?;
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
        Ty::Unsigned => "a non-negative integer (u64)".into(),
        Ty::Number => "a number".into(),
        Ty::Boolean => "a boolean".into(),
        Ty::Named(n) => format!("a string (enum `{n}`)"),
        Ty::List(_) => "an array".into(),
        Ty::Map(_) => "an object (a map)".into(),
        Ty::Json => "a JSON value".into(),
        Ty::OrId(n) => format!("a string id or an object (`{n}`)"),
        Ty::Tagged(t) => format!("an object (`{}`)", t.name),
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
