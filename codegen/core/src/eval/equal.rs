//! Equality of two JSON values as the generated types compare them once deserialized
//! (`cur != v` of set-once and identifying fields, `unique_by` keys): an absent member
//! equals `null`, numbers compare as `i64` or `f64`, strings (dates, decimals, enum
//! values included) by text.

use serde_json::Value;

use super::types::Types;
use crate::model::Ty;

/// Whether `a` and `b`, both of type `ty` and of the right shape, are equal.
pub(super) fn same(types: Types<'_>, ty: &Ty, a: &Value, b: &Value) -> bool {
    match ty {
        Ty::Integer => a.as_i64().is_some() && a.as_i64() == b.as_i64(),
        Ty::Unsigned => a.as_u64().is_some() && a.as_u64() == b.as_u64(),
        // Both are JSON numbers, never NaN.
        Ty::Number => a.as_f64().zip(b.as_f64()).is_some_and(|(x, y)| x == y),
        // `serde_json::Value`'s own equality, which the generated `Value` field uses.
        // A union is compared by nothing (`bad-union`): as JSON.
        Ty::Boolean | Ty::String | Ty::Decimal | Ty::Date | Ty::DateTime | Ty::Json | Ty::Tagged(_) => a == b,
        Ty::OrId(n) => match (a, b) {
            (Value::String(x), Value::String(y)) => x == y,
            (Value::Object(_), Value::Object(_)) => same(types, &Ty::Named(n.clone()), a, b),
            _ => false,
        },
        Ty::List(item) => match (a, b) {
            (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(types, item, x, y)),
            _ => false,
        },
        Ty::Map(item) => match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(types, item, v, w)))
            }
            _ => false,
        },
        Ty::Named(_) => match types.object(ty) {
            None => a == b,
            Some(o) => {
                let (Value::Object(x), Value::Object(y)) = (a, b) else {
                    return false;
                };
                o.fields.iter().filter(|f| f.sendable()).all(|f| {
                    let (v, w) = (x.get(&f.wire).filter(|v| !v.is_null()), y.get(&f.wire).filter(|v| !v.is_null()));
                    match (v, w, &f.ty) {
                        (None, None, _) => true,
                        (Some(v), Some(w), Some(t)) => same(types, t, v, w),
                        _ => false,
                    }
                })
            }
        },
    }
}
