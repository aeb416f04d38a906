//! [`form_encode`]: `application/x-www-form-urlencoded` bodies with bracketed nesting,
//! the form Stripe documents (`address[city]=Paris`, `metadata[key]=v`,
//! `items[0][name]=x`).
//!
//! How each serde value is written:
//!
//! | value | written |
//! |---|---|
//! | string | percent-encoded (below) |
//! | `true` / `false` | `true` / `false` |
//! | integer | decimal (`-12`) |
//! | float | the shortest text that reads back as the same number (`1.5`, `0.1`); NaN and infinities are refused |
//! | `""` | `key=` |
//! | `null` (a cleared field: `None` that serializes, unit) | `key=` (an empty value: the provider clears the field) |
//! | an absent field (`None` skipped by `skip_serializing_if`) | nothing |
//! | an object or map | each member as `key[member]=...`, in serialization order |
//! | an array | each item as `key[index]=...`, from 0 (`items[0][name]=x`; an array of arrays is `a[0][1]=x`) |
//! | an empty array or empty object | `key=` (Stripe's "pass an empty value to unset") |
//! | a unit enum variant | its name, as a string |
//!
//! The body's top level must be an object or map (a form has no unnamed value).
//!
//! Percent-encoding follows the WHATWG `application/x-www-form-urlencoded` serializer:
//! ASCII letters, digits and `*-._` are written as they are, a space as `+`, every
//! other byte of the UTF-8 text as `%XX` (upper-case hex). It applies to each member
//! name and to each value; the structural brackets around a member name are written
//! raw, as Stripe documents them, so a bracket *inside* a name (`%5B`) cannot be
//! confused with nesting. Pairs are joined by `&`.
//!
//! The encoder writes into one output buffer and one key buffer (the current
//! `a[b][0]` prefix, truncated on the way back up): no intermediate tree.

use std::fmt::{self, Write as _};

use serde::ser::{self, Impossible, Serialize};

/// Encodes `value` (an object or map at the top) as a form body.
///
/// ```
/// # use mutaspec_runtime::http_support::form_encode;
/// let body = serde_json::json!({
///     "address": {"city": "Saint-Étienne"},
///     "items": [{"name": "a b"}],
///     "paid": true,
///     "note": null,
/// });
/// assert_eq!(
///     form_encode(&body).unwrap(),
///     "address[city]=Saint-%C3%89tienne&items[0][name]=a+b&note=&paid=true"
/// );
/// ```
///
/// # Errors
/// [`FormError`] when the top level is not an object, a float is not finite, a map
/// key is not a string, integer or boolean, or the value's own `Serialize` fails.
pub fn form_encode(value: &(impl Serialize + ?Sized)) -> Result<String, FormError> {
    let mut enc = Encoder {
        out: String::with_capacity(128),
        key: String::with_capacity(64),
    };
    value.serialize(Top(&mut enc))?;
    Ok(enc.out)
}

/// Why a value cannot be written as a form body. Never holds the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError(String);

impl FormError {
    fn new(what: impl Into<String>) -> Self {
        FormError(what.into())
    }
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot form-encode the body: {}", self.0)
    }
}

impl std::error::Error for FormError {}

impl ser::Error for FormError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        FormError(msg.to_string())
    }
}

/// Appends `text` percent-encoded per the WHATWG form serializer.
pub(crate) fn encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

struct Encoder {
    out: String,
    /// The current key, already encoded (`address[city]`).
    key: String,
}

impl Encoder {
    /// Writes `key=` and then the encoded value.
    fn pair(&mut self, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(&self.key);
        self.out.push('=');
        encode_into(&mut self.out, value);
    }

    /// Writes `key=` and a value that needs no encoding (digits, `true`).
    fn raw_pair(&mut self, args: fmt::Arguments<'_>) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(&self.key);
        self.out.push('=');
        // Writing to a String cannot fail.
        let _ = self.out.write_fmt(args);
    }

    /// Pushes a member name onto the key; returns the length to truncate back to.
    fn enter(&mut self, name: &str) -> usize {
        let len = self.key.len();
        if len == 0 {
            encode_into(&mut self.key, name);
        } else {
            self.key.push('[');
            encode_into(&mut self.key, name);
            self.key.push(']');
        }
        len
    }

    fn enter_index(&mut self, index: usize) -> usize {
        let len = self.key.len();
        let _ = write!(self.key, "[{index}]");
        len
    }
}

/// The top level: only an object or a map.
struct Top<'a>(&'a mut Encoder);

fn not_top(what: &str) -> FormError {
    FormError::new(format!("the body must be an object, not {what}"))
}

macro_rules! refuse_scalars {
    ($($method:ident($ty:ty) => $what:literal;)*) => {
        $(fn $method(self, _: $ty) -> Result<(), FormError> { Err(not_top($what)) })*
    };
}

impl<'a> ser::Serializer for Top<'a> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Impossible<(), FormError>;
    type SerializeTuple = Impossible<(), FormError>;
    type SerializeTupleStruct = Impossible<(), FormError>;
    type SerializeTupleVariant = Impossible<(), FormError>;
    type SerializeMap = Members<'a>;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Impossible<(), FormError>;

    refuse_scalars! {
        serialize_bool(bool) => "a boolean";
        serialize_i8(i8) => "a number";
        serialize_i16(i16) => "a number";
        serialize_i32(i32) => "a number";
        serialize_i64(i64) => "a number";
        serialize_u8(u8) => "a number";
        serialize_u16(u16) => "a number";
        serialize_u32(u32) => "a number";
        serialize_u64(u64) => "a number";
        serialize_f32(f32) => "a number";
        serialize_f64(f64) => "a number";
        serialize_char(char) => "a string";
        serialize_str(&str) => "a string";
        serialize_bytes(&[u8]) => "bytes";
    }
    fn serialize_none(self) -> Result<(), FormError> {
        Err(not_top("null"))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormError> {
        Err(not_top("null"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormError> {
        Err(not_top("null"))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), FormError> {
        Err(not_top("a string"))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), FormError> {
        Err(not_top("an enum"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, FormError> {
        Err(not_top("an array"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, FormError> {
        Err(not_top("an array"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, FormError> {
        Err(not_top("an array"))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, FormError> {
        Err(not_top("an enum"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Ok(Members::new(self.0))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, FormError> {
        Ok(Members::new(self.0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, FormError> {
        Err(not_top("an enum"))
    }
}

/// A value at the current key.
struct Value<'a>(&'a mut Encoder);

impl<'a> ser::Serializer for Value<'a> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Impossible<(), FormError>;
    type SerializeMap = Members<'a>;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Impossible<(), FormError>;

    fn serialize_bool(self, v: bool) -> Result<(), FormError> {
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), FormError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), FormError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), FormError> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), FormError> {
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), FormError> {
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), FormError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), FormError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), FormError> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), FormError> {
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), FormError> {
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), FormError> {
        if !v.is_finite() {
            return Err(FormError::new("a number is not finite"));
        }
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), FormError> {
        if !v.is_finite() {
            return Err(FormError::new("a number is not finite"));
        }
        // `Display` of f64 is the shortest text that reads back as the same number,
        // never in exponent form; a `-` may need no encoding.
        self.0.raw_pair(format_args!("{v}"));
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), FormError> {
        self.0.pair(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), FormError> {
        self.0.pair(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), FormError> {
        Err(FormError::new("bytes have no form encoding"))
    }
    fn serialize_none(self) -> Result<(), FormError> {
        self.0.pair("");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), FormError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        // Externally tagged, as JSON writes it: `key[Variant]=...`.
        let len = self.0.enter(variant);
        let r = value.serialize(Value(self.0));
        self.0.key.truncate(len);
        r
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, FormError> {
        Ok(Items { enc: self.0, next: 0 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeTupleStruct, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, FormError> {
        Err(FormError::new("a tuple enum variant has no form encoding"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Ok(Members::new(self.0))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, FormError> {
        Ok(Members::new(self.0))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, FormError> {
        Err(FormError::new("a struct enum variant has no form encoding"))
    }
}

/// The items of an array: `key[0]`, `key[1]`, ...
struct Items<'a> {
    enc: &'a mut Encoder,
    next: usize,
}

impl Items<'_> {
    fn item<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FormError> {
        let len = self.enc.enter_index(self.next);
        self.next += 1;
        let r = value.serialize(Value(self.enc));
        self.enc.key.truncate(len);
        r
    }
    fn finish(self) -> Result<(), FormError> {
        if self.next == 0 {
            self.enc.pair("");
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Items<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FormError> {
        self.item(value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

impl ser::SerializeTuple for Items<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FormError> {
        self.item(value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Items<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FormError> {
        self.item(value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

/// The members of an object or map: `key[name]`, or `name` at the top.
struct Members<'a> {
    enc: &'a mut Encoder,
    /// The key's length before the member's name was pushed (map keys arrive first).
    base: usize,
    /// Whether the object is at the top level.
    top: bool,
    any: bool,
}

impl<'a> Members<'a> {
    fn new(enc: &'a mut Encoder) -> Self {
        let base = enc.key.len();
        Members {
            top: base == 0,
            enc,
            base,
            any: false,
        }
    }
    fn member<T: ?Sized + Serialize>(&mut self, name: &str, value: &T) -> Result<(), FormError> {
        self.any = true;
        self.enc.enter(name);
        let r = value.serialize(Value(self.enc));
        self.enc.key.truncate(self.base);
        r
    }
    fn finish(self) -> Result<(), FormError> {
        if !self.any && !self.top {
            self.enc.pair("");
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), FormError> {
        self.member(name, value)
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

impl ser::SerializeMap for Members<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), FormError> {
        self.any = true;
        let len = self.enc.key.len();
        let inner = len != 0;
        if inner {
            self.enc.key.push('[');
        }
        key.serialize(KeyName(&mut self.enc.key))?;
        if inner {
            self.enc.key.push(']');
        }
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), FormError> {
        let r = value.serialize(Value(self.enc));
        self.enc.key.truncate(self.base);
        r
    }
    fn end(self) -> Result<(), FormError> {
        self.finish()
    }
}

/// A map key, appended encoded to the key buffer: a string, an integer or a boolean.
struct KeyName<'a>(&'a mut String);

fn bad_key() -> FormError {
    FormError::new("a map key must be a string, an integer or a boolean")
}

macro_rules! display_keys {
    ($($method:ident($ty:ty);)*) => {
        $(fn $method(self, v: $ty) -> Result<(), FormError> {
            let _ = write!(self.0, "{v}");
            Ok(())
        })*
    };
}

impl ser::Serializer for KeyName<'_> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Impossible<(), FormError>;
    type SerializeTuple = Impossible<(), FormError>;
    type SerializeTupleStruct = Impossible<(), FormError>;
    type SerializeTupleVariant = Impossible<(), FormError>;
    type SerializeMap = Impossible<(), FormError>;
    type SerializeStruct = Impossible<(), FormError>;
    type SerializeStructVariant = Impossible<(), FormError>;

    display_keys! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
    }
    fn serialize_f32(self, _: f32) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_f64(self, _: f64) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_char(self, v: char) -> Result<(), FormError> {
        encode_into(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), FormError> {
        encode_into(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_none(self) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), FormError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), FormError> {
        Err(bad_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, FormError> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, FormError> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, FormError> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, FormError> {
        Err(bad_key())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Err(bad_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, FormError> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, FormError> {
        Err(bad_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Map, Value as Json};
    use std::collections::BTreeMap;

    fn enc(v: &Json) -> String {
        form_encode(v).unwrap()
    }

    #[test]
    fn scalars_and_empties() {
        let v = json!({"b": true, "f": false, "i": -12, "u": 7, "x": 1.5, "s": "", "n": null, "a": [], "o": {}});
        assert_eq!(enc(&v), "a=&b=true&f=false&i=-12&n=&o=&s=&u=7&x=1.5");
    }

    #[test]
    fn nesting_is_bracketed() {
        let v = json!({
            "address": {"city": "Paris", "line1": "1 rue"},
            "metadata": {"order_id": "6735"},
            "items": [{"name": "x", "qty": 2}, {"name": "y"}],
            "grid": [[1, 2], [3]],
        });
        assert_eq!(
            enc(&v),
            "address[city]=Paris&address[line1]=1+rue&grid[0][0]=1&grid[0][1]=2&grid[1][0]=3&\
             items[0][name]=x&items[0][qty]=2&items[1][name]=y&metadata[order_id]=6735"
        );
    }

    #[test]
    fn whatwg_percent_encoding() {
        let v = json!({"k": "a b+c&d=e/f?*-._~é€\n"});
        assert_eq!(enc(&v), "k=a+b%2Bc%26d%3De%2Ff%3F*-._%7E%C3%A9%E2%82%AC%0A");
        let v = json!({"we[ird] k": {"x&y": "1"}});
        assert_eq!(enc(&v), "we%5Bird%5D+k[x%26y]=1");
    }

    #[test]
    fn struct_order_is_kept_and_skipped_fields_are_absent() {
        #[derive(serde::Serialize)]
        struct Body<'a> {
            zeta: u8,
            #[serde(skip_serializing_if = "Option::is_none")]
            absent: Option<u8>,
            cleared: Option<&'a str>,
            alpha: Kind,
            keys: BTreeMap<u32, bool>,
        }
        #[derive(serde::Serialize)]
        enum Kind {
            #[serde(rename = "PERSON")]
            Person,
        }
        let b = Body {
            zeta: 1,
            absent: None,
            cleared: None,
            alpha: Kind::Person,
            keys: [(2, true)].into(),
        };
        assert_eq!(form_encode(&b).unwrap(), "zeta=1&cleared=&alpha=PERSON&keys[2]=true");
    }

    #[test]
    fn refusals() {
        assert!(form_encode(&json!([1])).is_err());
        assert!(form_encode(&1).is_err());
        assert!(form_encode(&json!(null)).is_err());
        assert!(form_encode(&BTreeMap::from([("x", f64::NAN)])).is_err());
        let e = form_encode(&BTreeMap::from([(vec![1u8], 1)])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot form-encode the body: a map key must be a string, an integer or a boolean"
        );
        assert_eq!(form_encode(&json!({})).unwrap(), "");
    }

    // A decoder for the tests: the pairs back into a tree of strings.

    fn decode_component(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 2;
                }
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    }

    /// `a[b][0]` into `["a", "b", "0"]`, each part decoded.
    fn key_path(key: &str) -> Vec<String> {
        let (head, rest) = key.split_once('[').map_or((key, ""), |(h, r)| (h, r));
        let mut parts = vec![decode_component(head)];
        if !rest.is_empty() {
            for p in rest.trim_end_matches(']').split("][") {
                parts.push(decode_component(p));
            }
        }
        parts
    }

    /// Decodes into objects (arrays as objects keyed by index: the caller compares).
    fn decode(body: &str) -> Json {
        let mut root = Json::Object(Map::new());
        if body.is_empty() {
            return root;
        }
        for pair in body.split('&') {
            let (k, v) = pair.split_once('=').unwrap();
            let path = key_path(k);
            let mut node = &mut root;
            for (i, part) in path.iter().enumerate() {
                let map = node.as_object_mut().unwrap();
                if i + 1 == path.len() {
                    assert!(map.insert(part.clone(), Json::String(decode_component(v))).is_none(), "{k} twice");
                    break;
                }
                node = map.entry(part.clone()).or_insert_with(|| Json::Object(Map::new()));
            }
        }
        root
    }

    /// What the encoder should have written, as the decoder reads it back: scalars as
    /// text, `null` and empty containers as `""`, arrays as objects keyed by index.
    fn expected(v: &Json) -> Json {
        match v {
            Json::Null => Json::String(String::new()),
            Json::Bool(b) => Json::String(b.to_string()),
            Json::Number(n) => Json::String(n.to_string()),
            Json::String(s) => Json::String(s.clone()),
            Json::Array(a) if a.is_empty() => Json::String(String::new()),
            Json::Object(o) if o.is_empty() => Json::String(String::new()),
            Json::Array(a) => Json::Object(a.iter().enumerate().map(|(i, x)| (i.to_string(), expected(x))).collect()),
            Json::Object(o) => Json::Object(o.iter().map(|(k, x)| (k.clone(), expected(x))).collect()),
        }
    }

    fn arb_json() -> impl Strategy<Value = Json> {
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i64>().prop_map(|i| json!(i)),
            any::<u64>().prop_map(|i| json!(i)),
            "\\PC{0,8}".prop_map(Json::String),
            "[ a-z\\[\\]&=+%]{0,6}".prop_map(Json::String),
        ];
        leaf.prop_recursive(4, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
                prop::collection::btree_map("\\PC{1,6}|[a-z\\[\\] ]{1,4}", inner, 0..4).prop_map(|m| Json::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn decoding_what_it_writes_gives_back_the_structure(
            members in prop::collection::btree_map("\\PC{1,6}|[a-z\\[\\]]{1,3}", arb_json(), 0..5)
        ) {
            let v = Json::Object(members.into_iter().collect());
            let body = form_encode(&v).unwrap();
            prop_assert!(body.bytes().all(|b| b.is_ascii_graphic()), "{}", body);
            let want = match expected(&v) {
                Json::String(_) => Json::Object(Map::new()), // an empty top-level object writes nothing
                other => other,
            };
            prop_assert_eq!(decode(&body), want);
        }

        #[test]
        fn floats_read_back_exactly(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
            let body = form_encode(&BTreeMap::from([("x", x)])).unwrap();
            let text = decode_component(body.strip_prefix("x=").unwrap());
            prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits());
        }
    }
}
