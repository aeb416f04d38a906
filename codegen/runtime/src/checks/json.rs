//! Limits on free-form JSON values (`json` fields): nesting depth and size, checked
//! without allocating.

use std::io;

use serde_json::Value;

/// Whether `v` nests arrays and objects more than `max` deep: a scalar is 0 deep, `[]`
/// and `{}` are 1, `{"a": [1]}` is 2. The walk stops one level below `max`, so a deep
/// value costs no more than a shallow one.
///
/// ```
/// # use mutaspec_runtime::checks::json_depth_exceeds;
/// let v = serde_json::json!({ "a": [1, { "b": 2 }] });
/// assert!(!json_depth_exceeds(&v, 3));
/// assert!(json_depth_exceeds(&v, 2));
/// ```
#[must_use]
pub fn json_depth_exceeds(v: &Value, max: u64) -> bool {
    match v {
        Value::Array(items) => max == 0 || items.iter().any(|x| json_depth_exceeds(x, max - 1)),
        Value::Object(members) => max == 0 || members.values().any(|x| json_depth_exceeds(x, max - 1)),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => false,
    }
}

/// The length in bytes of `v` written as compact JSON (`serde_json::to_string`'s),
/// counted as it is written, without building the text.
///
/// ```
/// # use mutaspec_runtime::checks::json_len;
/// assert_eq!(json_len(&serde_json::json!({ "a": [1, "é"] })), r#"{"a":[1,"é"]}"#.len());
/// ```
#[must_use]
pub fn json_len(v: &Value) -> usize {
    let mut counter = Counter(0);
    // Writing to a counter cannot fail, and a `Value` always serializes.
    let _ = serde_json::to_writer(&mut counter, v);
    counter.0
}

/// Whether `v` takes more than `max` bytes as compact JSON.
#[must_use]
pub fn json_bytes_exceed(v: &Value, max: u64) -> bool {
    u64::try_from(json_len(v)).map_or(true, |n| n > max)
}

/// An `io::Write` that only counts.
struct Counter(usize);

impl io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn depth_counts_containers() {
        assert!(!json_depth_exceeds(&json!("x"), 0));
        assert!(json_depth_exceeds(&json!([]), 0));
        assert!(!json_depth_exceeds(&json!([]), 1));
        assert!(json_depth_exceeds(&json!([[]]), 1));
        assert!(!json_depth_exceeds(&json!({"a": {"b": {}}}), 3));
        assert!(json_depth_exceeds(&json!({"a": {"b": {"c": 1}}}), 2));
    }

    #[test]
    fn length_is_the_compact_text() {
        for v in [json!(null), json!({"k": "a\"b\n", "n": [1.5, -2, true]}), json!("\u{1F600}")] {
            assert_eq!(json_len(&v), serde_json::to_string(&v).unwrap().len());
        }
        assert!(json_bytes_exceed(&json!("abc"), 4));
        assert!(!json_bytes_exceed(&json!("abc"), 5));
    }
}
