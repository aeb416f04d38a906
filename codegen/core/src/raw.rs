//! The raw spec model: exactly what a spec file says, as serde reads it.
//!
//! Unknown keys are rejected everywhere. Nothing here is checked beyond its shape: names,
//! references and rules are checked when the raw model is resolved (`resolve`), which is
//! also the only reader of these types.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A mapping that keeps the file's key order (field order becomes struct order).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    /// The entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<KeyString, V>()? {
                    out.push((k.0, v));
                }
                Ok(OrderedMap(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap(Vec::new()))
            }
        }
        d.deserialize_map(V_(PhantomData))
    }
}

/// A mapping key: a string, or a number/bool written as one (`60301:`, `0:`).
struct KeyString(String);

impl<'de> Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct K;
        impl Visitor<'_> for K {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyString, E> {
                Ok(KeyString(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
        }
        d.deserialize_any(K)
    }
}

/// A whole spec file: an API's shared file, or (with `endpoint`) one endpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub api: String,
    pub endpoint: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub docs: Option<String>,
    pub method: Option<String>,
    pub path: Option<String>,
    #[serde(default)]
    pub params: OrderedMap<RawParam>,
    pub hosts: Option<RawHosts>,
    pub auth: Option<RawAuth>,
    pub content_type: Option<String>,
    #[serde(default)]
    pub headers: OrderedMap<RawHeader>,
    pub response: Option<RawResponse>,
    #[serde(default)]
    pub types: OrderedMap<RawType>,
    pub body: Option<OrderedMap<RawField>>,
    /// Resource fields the body does not carry (`current:`): a type expression, or a
    /// mapping of `type`, `values`, `labels`, `fields`, `name`, `rust`, `docs` only
    /// (the resolver refuses the other field keys).
    pub current: Option<OrderedMap<RawField>>,
    #[serde(default)]
    pub settings: OrderedMap<RawSetting>,
    #[serde(default)]
    pub effects: OrderedMap<RawEffect>,
    pub errors: Option<RawErrors>,
    pub versions: Option<Vec<String>>,
    pub version_header: Option<String>,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawParam {
    #[serde(rename = "type")]
    pub ty: String,
    pub docs: Option<String>,
    pub pattern: Option<Constraint<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHosts {
    pub production: String,
    pub staging: Option<String>,
    /// Warnings accepted for these hosts (`plain-http-host`).
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuth {
    pub scheme: Option<String>,
    pub api_key_header: Option<String>,
    /// `api_key`: the header the key goes in (`Authorization` for a raw key).
    pub header: Option<String>,
    /// `api_key`: the word before the key (`Token`, `SSWS`).
    pub prefix: Option<String>,
    /// `oauth2`: the token endpoint.
    pub token_url: Option<String>,
    /// `oauth2`: the scopes to request.
    pub scopes: Option<Vec<String>>,
    /// `oauth2`: `basic` (default) or `body`.
    pub client_auth: Option<String>,
    /// Several schemes, the caller picks one.
    pub one_of: Option<Vec<RawAuth>>,
    /// In `one_of`: the choice's name (default: the scheme's).
    pub name: Option<String>,
}

/// A documented request header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// The caller's value's type: `string`, `integer`, `idempotency_key`, `etag`.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// A fixed value, always sent.
    pub value: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub docs: Option<String>,
    /// The headers struct's field name (default: the snake_case of the header name).
    pub rust: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    pub status: RawStatuses,
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub docs: Option<String>,
    /// The documented error statuses of the endpoint (`errors: [400, 402, 404]`).
    #[serde(default)]
    pub errors: Vec<u32>,
}

/// One success status (`status: 200`) or several (`status: [200, 201]`).
#[derive(Debug)]
pub enum RawStatuses {
    One(u16),
    Many(Vec<u16>),
}

impl RawStatuses {
    /// The statuses, in spec order.
    pub fn list(&self) -> Vec<u16> {
        match self {
            RawStatuses::One(s) => vec![*s],
            RawStatuses::Many(v) => v.clone(),
        }
    }
}

/// A named type: an object (`fields`) or an enum (`values`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawType {
    pub docs: Option<String>,
    pub fields: Option<OrderedMap<RawField>>,
    pub values: Option<Vec<String>>,
    pub labels: Option<OrderedMap<String>>,
    pub available: Option<OrderedMap<RawAvailability>>,
    pub open: Option<bool>,
    pub error: Option<u32>,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
}

/// An entry of `groups:`: a condition across fields of one object.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub required_together: Option<Vec<String>>,
    pub conflicts: Option<Vec<String>>,
    pub exactly_one_of: Option<Vec<String>>,
    pub at_least_one_of: Option<Vec<String>>,
    pub required: Option<Vec<String>>,
    pub with: Option<Vec<String>>,
    #[serde(rename = "if")]
    pub when: Option<OrderedMap<OneOrMany>>,
    pub check: Option<String>,
    pub fields: Option<Vec<String>>,
    pub args: Option<OrderedMap<Scalar>>,
    pub error: Option<u32>,
}

/// A scalar written as its text (`100`, `true`, `2.5`, `x`), for a check's arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct S;
        impl Visitor<'_> for S {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, a boolean or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(S)
    }
}

/// A value, or a list of values meaning any of them (`US`, `[US, CA]`); or, in a
/// constraint's `if:`, a presence test `{ sent: true }` / `{ sent: false }` (the second
/// member, the values then empty): a mapping, never read as a literal value.
#[derive(Debug, Clone, PartialEq)]
pub struct OneOrMany(pub Vec<String>, pub Option<bool>);

/// `{ sent: BOOL }`: whether the sibling is sent (present and not `null`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSent {
    sent: bool,
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct O;
        impl<'de> Visitor<'de> for O {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value, a list of values (`US`, `[US, CA]`) or `{ sent: true }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_owned()], None))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()], None))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()], None))
            }
            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<OneOrMany, S::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element::<KeyString>()? {
                    out.push(v.0);
                }
                Ok(OneOrMany(out, None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OneOrMany, A::Error> {
                let f = RawSent::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(OneOrMany(Vec::new(), Some(f.sent)))
            }
        }
        d.deserialize_any(O)
    }
}

/// The API versions that have an enum value (`available: { PAUSED: { since: V } }`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAvailability {
    pub since: Option<String>,
    pub until: Option<String>,
}

/// A field: a type expression alone, or the full mapping.
#[derive(Debug)]
pub enum RawField {
    Short(String),
    Full(Box<RawFieldSpec>),
}

impl<'de> Deserialize<'de> for RawField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct F;
        impl<'de> Visitor<'de> for F {
            type Value = RawField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a type (`string`, `Address[]`, ...) or a field mapping (`{ type: ..., rule: ... }`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawField, E> {
                Ok(RawField::Short(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawField, A::Error> {
                RawFieldSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(|s| RawField::Full(Box::new(s)))
            }
        }
        d.deserialize_any(F)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFieldSpec {
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub fields: Option<OrderedMap<RawField>>,
    pub values: Option<Vec<String>>,
    pub labels: Option<OrderedMap<String>>,
    pub open: Option<bool>,
    pub error: Option<u32>,
    pub name: Option<String>,
    pub rust: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `clear: null` or `clear: ""`: the field may be cleared, and by what (a present
    /// `null` is kept apart from an absent key).
    #[serde(default, deserialize_with = "present_clear")]
    pub clear: Option<RawClear>,
    /// `clear_entries: null`: on a map, an entry sent as `null` deletes that key.
    #[serde(default, deserialize_with = "present_clear")]
    pub clear_entries: Option<RawClear>,
    pub docs: Option<String>,
    pub rule: Option<String>,
    pub when: Option<OrderedMap<String>>,
    #[serde(default)]
    pub locked_by: Vec<RawLock>,
    pub merge: Option<String>,
    /// The item field that identifies an array item (`key: id`).
    pub key: Option<String>,
    pub sensitive: Option<bool>,
    #[serde(default)]
    pub effects: Vec<RawEffectUse>,
    pub output_only: Option<bool>,
    pub format: Option<Constraints<String>>,
    pub min_length: Option<Constraints<u64>>,
    pub max_length: Option<Constraints<u64>>,
    pub min_items: Option<Constraints<u64>>,
    pub max_items: Option<Constraints<u64>>,
    pub min: Option<Constraints<Number>>,
    pub max: Option<Constraints<Number>>,
    pub after: Option<Constraints<String>>,
    pub before: Option<Constraints<String>>,
    pub pattern: Option<Constraints<String>>,
    pub required: Option<Constraints<bool>>,
    pub unique_by: Option<Constraints<String>>,
    pub check: Option<Constraints<String>>,
    pub max_depth: Option<Constraints<u64>>,
    pub max_bytes: Option<Constraints<u64>>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub available: Option<OrderedMap<RawAvailability>>,
    pub items: Option<RawPart>,
    pub keys: Option<RawPart>,
    /// `while: { status: [ACTIVE, PAUSED] }`: the field may be sent only while the
    /// current resource has one of these values.
    #[serde(rename = "while")]
    pub state: Option<OrderedMap<StateValues>>,
    /// `transitions: { ACTIVE: [PAUSED, CLOSED], CLOSED: [] }`: which values of an enum
    /// field may follow which.
    pub transitions: Option<OrderedMap<Vec<String>>>,
    /// Values of an enum field only the provider may set or leave.
    pub provider_only: Option<Vec<String>>,
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    /// `review: <why>`: a person must still review the field (what `mutaspec import
    /// openapi` writes on every field it imports, since a document carries no update
    /// rules); a marker for people and tools, which generation ignores.
    #[allow(dead_code)]
    pub review: Option<String>,
    /// `union: { tag: type, variants: { individuals: IndividualAttributes } }`: a
    /// discriminated union, whose object type the sibling `tag` decides.
    pub union: Option<RawUnion>,
}

/// A discriminated union: the sibling member `tag` (an enum or a string) names which
/// object type the field's value is (JSON:API's `data.type` deciding `data.attributes`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnion {
    /// The sibling field's wire name.
    pub tag: String,
    /// Each tag value and the object type it selects, in spec order.
    pub variants: OrderedMap<String>,
    /// The provider's error code for a value sent without its tag, or with a tag naming
    /// no variant.
    pub error: Option<u32>,
}

/// The values a `while:` condition accepts for one field: one value or a list, each a
/// string, or a boolean or number written as one (`verified: false`).
#[derive(Debug, Clone, PartialEq)]
pub struct StateValues(pub Vec<String>);

impl<'de> Deserialize<'de> for StateValues {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct S;
        impl<'de> Visitor<'de> for S {
            type Value = StateValues;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a list of values (`ACTIVE`, `[ACTIVE, PAUSED]`, `false`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StateValues, E> {
                Ok(StateValues(vec![v.to_owned()]))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<StateValues, E> {
                Ok(StateValues(vec![v.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StateValues, E> {
                Ok(StateValues(vec![v.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StateValues, E> {
                Ok(StateValues(vec![v.to_string()]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<StateValues, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = seq.next_element::<KeyString>()? {
                    out.push(k.0);
                }
                Ok(StateValues(out))
            }
        }
        d.deserialize_any(S)
    }
}

/// The value of `clear:`: `null`, a string (a sentinel), or something else (refused
/// by the loader with its location).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawClear {
    /// `clear: null`.
    Null,
    /// `clear: ""`.
    Text(String),
    /// Any other value, described (`a number`).
    Other(&'static str),
}

fn present_clear<'de, D: Deserializer<'de>>(d: D) -> Result<Option<RawClear>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = RawClear;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("`null` or a sentinel string (`\"\"`)")
        }
        fn visit_unit<E: de::Error>(self) -> Result<RawClear, E> {
            Ok(RawClear::Null)
        }
        fn visit_none<E: de::Error>(self) -> Result<RawClear, E> {
            Ok(RawClear::Null)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<RawClear, E> {
            Ok(RawClear::Text(v.to_owned()))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawClear, E> {
            Ok(RawClear::Other("a boolean"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawClear, E> {
            Ok(RawClear::Other("a number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawClear, E> {
            Ok(RawClear::Other("a number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawClear, E> {
            Ok(RawClear::Other("a number"))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawClear, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(RawClear::Other("a list"))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawClear, A::Error> {
            while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
            Ok(RawClear::Other("a mapping"))
        }
    }
    d.deserialize_any(V).map(Some)
}

/// The constraints on each element of an array or map (`items:`) or on each key of a
/// map (`keys:`): the value constraints a field takes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub format: Option<Constraints<String>>,
    pub min_length: Option<Constraints<u64>>,
    pub max_length: Option<Constraints<u64>>,
    pub min: Option<Constraints<Number>>,
    pub max: Option<Constraints<Number>>,
    pub after: Option<Constraints<String>>,
    pub before: Option<Constraints<String>>,
    pub pattern: Option<Constraints<String>>,
    pub check: Option<Constraints<String>>,
}

/// A lock: a setting's name, or `{ setting, if }` for a lock that applies per item.
#[derive(Debug)]
pub struct RawLock {
    pub setting: String,
    pub when: OrderedMap<String>,
    /// `while:`: the lock holds only while the current resource has these values.
    pub state: OrderedMap<StateValues>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLockFull {
    setting: String,
    #[serde(rename = "if", default)]
    when: OrderedMap<String>,
    #[serde(rename = "while", default)]
    state: OrderedMap<StateValues>,
}

impl<'de> Deserialize<'de> for RawLock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct L;
        impl<'de> Visitor<'de> for L {
            type Value = RawLock;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a setting name or `{ setting: NAME, if: { field: VALUE } }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawLock, E> {
                Ok(RawLock {
                    setting: v.to_owned(),
                    when: OrderedMap::default(),
                    state: OrderedMap::default(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawLock, A::Error> {
                let f = RawLockFull::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawLock {
                    setting: f.setting,
                    when: f.when,
                    state: f.state,
                })
            }
        }
        d.deserialize_any(L)
    }
}

/// A side effect a field may trigger: its name, or `{ effect: NAME, while: {...} }` for
/// one that applies only while the current resource has these values.
#[derive(Debug, Clone)]
pub struct RawEffectUse {
    pub effect: String,
    /// `while:`: the effect applies only while the current resource has these values.
    pub state: OrderedMap<StateValues>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEffectUseFull {
    effect: String,
    #[serde(rename = "while", default)]
    state: OrderedMap<StateValues>,
}

impl<'de> Deserialize<'de> for RawEffectUse {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct E;
        impl<'de> Visitor<'de> for E {
            type Value = RawEffectUse;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an effect name or `{ effect: NAME, while: { field: VALUE } }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawEffectUse, E> {
                Ok(RawEffectUse {
                    effect: v.to_owned(),
                    state: OrderedMap::default(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawEffectUse, A::Error> {
                let f = RawEffectUseFull::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawEffectUse {
                    effect: f.effect,
                    state: f.state,
                })
            }
        }
        d.deserialize_any(E)
    }
}

/// A constraint: its value alone, or `{ value, error, setting, if }`.
#[derive(Debug)]
pub struct Constraint<T> {
    pub value: T,
    pub error: Option<u32>,
    pub setting: Option<String>,
    pub when: OrderedMap<OneOrMany>,
    /// `while:`: the constraint applies only while the current resource has these values.
    pub state: OrderedMap<StateValues>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConstraintFull<T> {
    value: T,
    error: Option<u32>,
    setting: Option<String>,
    #[serde(rename = "if", default)]
    when: OrderedMap<OneOrMany>,
    #[serde(rename = "while", default)]
    state: OrderedMap<StateValues>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Constraint<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct C<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> C<T> {
            fn bare<E: de::Error>(value: Result<T, E>) -> Result<Constraint<T>, E> {
                value.map(|value| Constraint {
                    value,
                    error: None,
                    setting: None,
                    when: OrderedMap::default(),
                    state: OrderedMap::default(),
                })
            }
        }
        impl<'de, T: Deserialize<'de>> Visitor<'de> for C<T> {
            type Value = Constraint<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a constraint value or `{ value: ..., error: CODE, setting: NAME, if: {...} }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Constraint<T>, A::Error> {
                let f = ConstraintFull::<T>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Constraint {
                    value: f.value,
                    error: f.error,
                    setting: f.setting,
                    when: f.when,
                    state: f.state,
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Constraint<T>, E> {
                Self::bare(T::deserialize(de::value::StrDeserializer::new(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Constraint<T>, E> {
                Self::bare(T::deserialize(de::value::BoolDeserializer::new(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Constraint<T>, E> {
                Self::bare(T::deserialize(de::value::U64Deserializer::new(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Constraint<T>, E> {
                Self::bare(T::deserialize(de::value::I64Deserializer::new(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Constraint<T>, E> {
                Self::bare(T::deserialize(de::value::F64Deserializer::new(v)))
            }
        }
        d.deserialize_any(C(PhantomData))
    }
}

/// One constraint of a kind, or a list of them, each with its own conditions and code
/// (`max_length: [100, { value: 76, setting: dpsClient, error: 66908 }]`).
#[derive(Debug)]
pub enum Constraints<T> {
    /// `key: value` or `key: { value, ... }`.
    One(Constraint<T>),
    /// `key: [ ... ]`.
    Many(Vec<Constraint<T>>),
}

impl<T> Constraints<T> {
    /// Each constraint with its index in the list (`None`: written alone).
    pub fn each(&self) -> Vec<(Option<usize>, &Constraint<T>)> {
        match self {
            Constraints::One(c) => vec![(None, c)],
            Constraints::Many(cs) => cs.iter().enumerate().map(|(i, c)| (Some(i), c)).collect(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Constraints<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct L<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for L<T> {
            type Value = Constraints<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a constraint value, `{ value: ..., error: CODE, setting: NAME, if: {...} }`, or a list of them")
            }
            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<Constraints<T>, S::Error> {
                let mut out = Vec::new();
                while let Some(c) = seq.next_element::<Constraint<T>>()? {
                    out.push(c);
                }
                Ok(Constraints::Many(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Constraints<T>, A::Error> {
                Constraint::deserialize(de::value::MapAccessDeserializer::new(map)).map(Constraints::One)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Constraints<T>, E> {
                Constraint::deserialize(de::value::StrDeserializer::new(v)).map(Constraints::One)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Constraints<T>, E> {
                Constraint::deserialize(de::value::BoolDeserializer::new(v)).map(Constraints::One)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Constraints<T>, E> {
                Constraint::deserialize(de::value::U64Deserializer::new(v)).map(Constraints::One)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Constraints<T>, E> {
                Constraint::deserialize(de::value::I64Deserializer::new(v)).map(Constraints::One)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Constraints<T>, E> {
                Constraint::deserialize(de::value::F64Deserializer::new(v)).map(Constraints::One)
            }
        }
        d.deserialize_any(L(PhantomData))
    }
}

/// A number bound as written in the spec (`0`, `-3`, `0.01`, `"1050.00"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Number(pub String);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct N;
        impl Visitor<'_> for N {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                Ok(Number(v.to_owned()))
            }
        }
        d.deserialize_any(N)
    }
}

/// A program setting.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSetting {
    pub docs: Option<String>,
    #[serde(default)]
    pub default: bool,
    pub kind: Option<String>,
    pub locks: Option<RawSettingLock>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettingLock {
    pub when: bool,
    pub error: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEffect {
    pub docs: String,
}

/// An error catalogue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErrors {
    pub name: String,
    pub docs: Option<String>,
    /// What identifies a code: `number` (default), `string`, `status`, `status_and_code`.
    pub key: Option<String>,
    /// Where the code, message and field are in an error response body.
    pub body: Option<RawErrorBody>,
    /// The code of a client-side violation whose rule names none.
    pub default: Option<u32>,
    pub common: Option<RawCommon>,
    #[serde(default)]
    pub codes: Vec<RawCode>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommon {
    pub from: u32,
    pub to: u32,
    pub message: String,
    pub notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    pub code: Option<RawCodeKey>,
    /// The HTTP status the code comes with.
    pub status: Option<i64>,
    pub name: Option<String>,
    pub message: String,
    #[serde(default)]
    pub params: OrderedMap<String>,
    pub check: Option<String>,
    pub notes: Option<String>,
}

/// An error body shape: a named one (`body: problem`), or a mapping with a named shape
/// nested under a member (`{ shape: stripe, under: /data }`) or the JSON pointers of the
/// code, message and offending field (`{ code: /err/id, message: /err/text }`).
#[derive(Debug)]
pub enum RawErrorBody {
    Named(String),
    Full(RawErrorBodyFull),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErrorBodyFull {
    pub shape: Option<String>,
    pub under: Option<String>,
    pub code: Option<String>,
    pub message: Option<String>,
    pub field: Option<String>,
    pub status: Option<String>,
}

/// A catalogue code: a number (`60301`) or a string (`card_declined`).
#[derive(Debug, Clone, PartialEq)]
pub enum RawCodeKey {
    Number(i128),
    Text(String),
}

impl<'de> Deserialize<'de> for RawCodeKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct K;
        impl Visitor<'_> for K {
            type Value = RawCodeKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an error code: a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCodeKey, E> {
                Ok(RawCodeKey::Text(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawCodeKey, E> {
                Ok(RawCodeKey::Number(i128::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawCodeKey, E> {
                Ok(RawCodeKey::Number(i128::from(v)))
            }
        }
        d.deserialize_any(K)
    }
}

impl<'de> Deserialize<'de> for RawStatuses {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawStatuses;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number from 0 to 65535, or a list of them")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawStatuses, E> {
                u16::try_from(v)
                    .map(RawStatuses::One)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawStatuses, E> {
                Err(E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<RawStatuses, S::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<u16>()? {
                    out.push(s);
                }
                Ok(RawStatuses::Many(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawErrorBody {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawErrorBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a shape name (`problem`) or `{ shape, under, code, message, field, status }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawErrorBody, E> {
                Ok(RawErrorBody::Named(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawErrorBody, A::Error> {
                RawErrorBodyFull::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawErrorBody::Full)
            }
        }
        d.deserialize_any(V)
    }
}
