//! [`Decimal`]: a decimal number carried as a JSON string (`"1050"`, `"-12.50"`).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{ValueError, ValueKind};

/// A decimal number on the wire as a JSON string, as providers send money amounts:
/// an optional `-`, at least one digit, and optionally `.` followed by at least one
/// digit. No `+`, exponent, spaces, thousands separators or `.5`/`5.` forms.
///
/// Leading zeros are allowed (`"007"`). Equality (`==`) compares the text, so `"1.0"`
/// and `"1.00"` differ; use [`cmp_str`](Decimal::cmp_str) for numeric comparison.
/// Deserializing accepts any string (see the [module docs](super)).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Decimal(String);

/// A valid decimal taken apart, with insignificant zeros removed.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    negative: bool,
    /// Integer digits without leading zeros (empty for zero).
    int: &'a [u8],
    /// Fraction digits without trailing zeros.
    frac: &'a [u8],
}

fn split(text: &str) -> Result<Parts<'_>, &'static str> {
    let bytes = text.as_bytes();
    let (negative, unsigned) = match bytes {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, bytes),
    };
    let int_len = unsigned.iter().take_while(|b| b.is_ascii_digit()).count();
    let (int, rest) = unsigned.split_at(int_len);
    if int.is_empty() {
        return Err("expected a digit");
    }
    let frac = match rest {
        [] => rest,
        [b'.', frac @ ..] if !frac.is_empty() && frac.iter().all(u8::is_ascii_digit) => frac,
        [b'.', ..] => return Err("expected digits after the decimal point"),
        _ => return Err("only digits, one '.' and a leading '-' are allowed"),
    };
    let int_start = int.iter().take_while(|&&b| b == b'0').count();
    let frac_end = frac.len() - frac.iter().rev().take_while(|&&b| b == b'0').count();
    let int = &int[int_start..];
    let frac = &frac[..frac_end];
    let is_zero = int.is_empty() && frac.is_empty();
    Ok(Parts {
        negative: negative && !is_zero,
        int,
        frac,
    })
}

/// Whether `bytes` are a plain decimal (`-`?, digits, then `.` and digits or nothing):
/// what [`split`] accepts, without taking the text apart.
///
/// From 4 to 16 bytes (the amounts providers send), the bytes are checked eight at a
/// time ([`word_flags`]): the text is valid when its non-digits are exactly its dots
/// and, as its first byte, an optional `-`; there is at most one dot; and the dot is
/// neither the first digit position nor the last byte. Up to 8 bytes, the first four
/// bytes and the last four make one word (they overlap below 8 bytes, but every byte of
/// the word is a byte of the text, so no mask depends on the length); from 9 to 16, two
/// overlapping 8-byte words are checked. In both, a dot seen by both windows must be the
/// same byte. The sign is checked in the word rather than skipped first, so the loads
/// do not wait for it. Other lengths take the byte loop.
#[inline]
fn is_decimal(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if let (4..=8, Some((lo, _)), Some((_, hi))) = (n, bytes.split_first_chunk::<4>(), bytes.split_last_chunk::<4>()) {
        let word = u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << 32;
        let (non_digits, dots) = word_flags(word);
        // 1 when the text starts with a sign: the one non-digit that is not a dot it
        // may have, as its first byte (which the high half holds too when `n` is 4);
        // its first digit is then byte 1.
        let sign = u64::from(lo[0] == b'-');
        let sign_flags = sign * if n == 4 { 0x80 | 0x80 << 32 } else { 0x80 };
        // Byte `i` of the high half is byte `i + n - 4` of the text: the dots in the
        // text's own frame, where a dot both halves see is one bit.
        let text_dots = (dots & 0xFFFF_FFFF) | (dots >> 32) << (8 * (n - 4));
        return non_digits ^ dots == sign_flags && at_most_one(text_dots) && text_dots & (0x80 << (8 * sign) | 0x80 << (8 * (n - 1))) == 0;
    }
    if let (9..=16, Some((lo, _)), Some((_, hi))) = (n, bytes.split_first_chunk::<8>(), bytes.split_last_chunk::<8>()) {
        let (lo_non_digits, lo_dots) = word_flags(u64::from_le_bytes(*lo));
        let (hi_non_digits, hi_dots) = word_flags(u64::from_le_bytes(*hi));
        // The high word starts at byte `n - 8`, at least 1: only the low one can hold
        // the sign.
        let sign = u64::from(lo[0] == b'-');
        // Byte `i` of `lo` is byte `i - (n - 8)` of `hi`: a dot in each word is one dot
        // only if `lo`'s lands on `hi`'s once moved into `hi`'s frame.
        let one_dot = lo_dots == 0 || hi_dots == 0 || lo_dots.checked_shr(8 * (n as u32 - 8)) == Some(hi_dots);
        return lo_non_digits ^ lo_dots == sign << 7
            && hi_non_digits == hi_dots
            && at_most_one(lo_dots)
            && at_most_one(hi_dots)
            && one_dot
            && lo_dots & 0x80 << (8 * sign) == 0
            && hi_dots & 0x80 << 56 == 0;
    }
    let unsigned = match bytes {
        [b'-', rest @ ..] => rest,
        _ => bytes,
    };
    is_decimal_bytewise(unsigned)
}

/// The byte loop behind [`is_decimal`], for texts it does not take a word at a time.
#[inline]
fn is_decimal_bytewise(unsigned: &[u8]) -> bool {
    let int = unsigned.iter().take_while(|b| b.is_ascii_digit()).count();
    int > 0
        && match &unsigned[int..] {
            [] => true,
            [b'.', frac @ ..] => !frac.is_empty() && frac.iter().all(u8::is_ascii_digit),
            _ => false,
        }
}

/// Bit 7 of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
/// The low 7 bits of every byte.
const LOW_BITS: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// For each of the 8 bytes of `word`, bit 7 set where that byte is not an ASCII digit,
/// and where it is a dot. XOR with `'0'` maps the digits to 0-9 and a dot to 0x1E; a
/// byte above 9 is a non-digit (adding 0x76 to its low 7 bits reaches bit 7; its own bit
/// 7 counts too), and a byte equal to 0x1E is a dot. No sum carries out of its byte.
#[inline]
fn word_flags(word: u64) -> (u64, u64) {
    let t = word ^ 0x3030_3030_3030_3030;
    let non_digits = (((t & LOW_BITS) + 0x7676_7676_7676_7676) | t) & HIGH_BITS;
    let d = t ^ 0x1E1E_1E1E_1E1E_1E1E;
    let dots = !(((d & LOW_BITS) + LOW_BITS) | d) & HIGH_BITS;
    (non_digits, dots)
}

/// Whether at most one bit of `flags` is set.
#[inline]
fn at_most_one(flags: u64) -> bool {
    flags & flags.wrapping_sub(1) == 0
}

/// Compares magnitudes: longer integer part wins, then digits in order.
fn cmp_magnitude(a: &Parts<'_>, b: &Parts<'_>) -> Ordering {
    a.int.len().cmp(&b.int.len()).then_with(|| a.int.cmp(b.int)).then_with(|| {
        let len = a.frac.len().max(b.frac.len());
        (0..len)
            .map(|i| {
                let x = a.frac.get(i).copied().unwrap_or(b'0');
                let y = b.frac.get(i).copied().unwrap_or(b'0');
                x.cmp(&y)
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}

fn cmp_parts(a: &Parts<'_>, b: &Parts<'_>) -> Ordering {
    match (a.negative, b.negative) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => cmp_magnitude(a, b),
        (true, true) => cmp_magnitude(b, a),
    }
}

impl Decimal {
    /// Parses a decimal string.
    ///
    /// ```
    /// # use mutaspec_runtime::Decimal;
    /// assert!(Decimal::parse("-12.50").is_ok());
    /// assert!(Decimal::parse("1e3").is_err());
    /// ```
    ///
    /// # Errors
    /// A [`ValueError`] if the text is not a plain decimal.
    pub fn parse(text: &str) -> Result<Decimal, ValueError> {
        split(text).map_err(|reason| ValueError::new(ValueKind::Decimal, reason))?;
        Ok(Decimal(text.to_owned()))
    }

    /// Wraps any text without checking it, as deserialization does.
    ///
    /// Meant for replaying recorded payloads and for tests of validators; the
    /// validator still reports a malformed value.
    #[must_use]
    pub fn new_unchecked(text: impl Into<String>) -> Decimal {
        Decimal(text.into())
    }

    /// The text as sent on the wire.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Gives back the text.
    #[must_use]
    pub fn into_string(self) -> String {
        self.0
    }

    /// The text if it is a valid decimal, or why not (for the conversions).
    #[cfg_attr(not(feature = "rust_decimal"), allow(dead_code))]
    pub(crate) fn checked_str(&self) -> Result<&str, ValueError> {
        split(&self.0).map_err(|reason| ValueError::new(ValueKind::Decimal, reason))?;
        Ok(&self.0)
    }

    /// Whether the text is a valid decimal.
    ///
    /// A single pass over the bytes that takes nothing apart (validators call it on
    /// every decimal they check); it agrees with [`parse`](Decimal::parse).
    #[must_use]
    #[inline]
    pub fn is_valid(&self) -> bool {
        is_decimal(self.0.as_bytes())
    }

    /// The nearest `f64`, or `None` if the text is invalid. For display and rough
    /// arithmetic only; compare with [`cmp_str`](Decimal::cmp_str).
    #[must_use]
    pub fn to_f64(&self) -> Option<f64> {
        split(&self.0).ok()?;
        self.0.parse().ok()
    }

    /// The number of digits written after the point (`"12.50"` has 2), or `None` if
    /// the text is invalid.
    #[must_use]
    pub fn fraction_digits(&self) -> Option<usize> {
        split(&self.0).ok()?;
        Some(self.0.split_once('.').map_or(0, |(_, frac)| frac.len()))
    }

    /// Compares the value with a decimal literal (a spec's `min:`/`max:`), exactly and
    /// without allocating; `None` if either is invalid.
    ///
    /// ```
    /// # use mutaspec_runtime::Decimal;
    /// # use std::cmp::Ordering;
    /// let balance = Decimal::new_unchecked("1050.00");
    /// assert_eq!(balance.cmp_str("1050"), Some(Ordering::Equal));
    /// assert_eq!(balance.cmp_str("-1"), Some(Ordering::Greater));
    /// ```
    #[must_use]
    pub fn cmp_str(&self, literal: &str) -> Option<Ordering> {
        let mine = split(&self.0).ok()?;
        let theirs = split(literal).ok()?;
        Some(cmp_parts(&mine, &theirs))
    }

    /// Compares two decimals numerically; `None` if either is invalid.
    #[must_use]
    pub fn cmp_value(&self, other: &Decimal) -> Option<Ordering> {
        self.cmp_str(&other.0)
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(value: $t) -> Self {
                Decimal(value.to_string())
            }
        }
    )*};
}

from_integer!(i32, i64, u32, u64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Decimal {
    type Err = ValueError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Decimal::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fast_validity_agrees_with_split`]'s agreement on texts of 7 to 20 bytes (both
    /// word sizes and the byte loop beyond): every digit string with one byte replaced by
    /// each of the alphabet, with and without a sign, and with a second dot placed at
    /// every position.
    #[test]
    fn fast_check_agrees_with_split_on_longer_texts() {
        const ALPHABET: &[u8] = b"059.-/:a \x80";
        let mut checked = 0;
        for len in 7..=20usize {
            let base: Vec<u8> = (0..len).map(|i| b"0123456789"[i % 10]).collect();
            for at in 0..len {
                for &b in ALPHABET {
                    let mut one = base.clone();
                    one[at] = b;
                    for second in 0..=len {
                        let mut text = one.clone();
                        if second < len {
                            text[second] = b'.';
                        }
                        for sign in [&b""[..], b"-"] {
                            let signed = [sign, &text].concat();
                            let s = String::from_utf8_lossy(&signed);
                            assert_eq!(
                                is_decimal(&signed),
                                std::str::from_utf8(&signed).is_ok_and(|s| split(s).is_ok()),
                                "{s:?}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, (7..=20).map(|len| len * 10 * (len + 1) * 2).sum::<usize>());
    }

    fn d(text: &str) -> Decimal {
        Decimal::new_unchecked(text)
    }

    #[test]
    fn accepts_plain_decimals() {
        for text in ["0", "1050", "-12.50", "007", "0.000", "-0", "123456789012345678901234567890.5"] {
            assert!(Decimal::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn rejects_other_notations() {
        let bad = [
            "", "-", "+1", ".5", "5.", "1e3", "1E-2", "1,000", " 1", "1 ", "1.2.3", "--1", "0x10", "١٢", "NaN",
        ];
        for text in bad {
            assert!(Decimal::parse(text).is_err(), "{text:?}");
        }
    }

    /// `is_valid` (the word-at-a-time check) and `split` (what `parse` uses) agree on
    /// every text of up to six bytes over an alphabet of digits, dots, signs, `e`, and the
    /// bytes either side of the digit range (3,257,437 texts).
    #[test]
    fn fast_validity_agrees_with_split() {
        const ALPHABET: &[u8] = b"0579.-+e/:a ";
        let mut text = Vec::new();
        let mut checked = 0;
        for len in 0..=6u32 {
            for mut k in 0..ALPHABET.len().pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(ALPHABET[k % ALPHABET.len()]);
                    k /= ALPHABET.len();
                }
                let s = std::str::from_utf8(&text).expect("ASCII");
                assert_eq!(d(s).is_valid(), split(s).is_ok(), "{s:?}");
                checked += 1;
            }
        }
        assert_eq!(checked, (0..=6).map(|l| 12usize.pow(l)).sum::<usize>());
        for text in ["١٢", "1.٢", "-", "--1", "1.", ".1", "-0.0", "12345678901234567890.000"] {
            assert_eq!(d(text).is_valid(), split(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn compares_exactly() {
        assert_eq!(d("1050").cmp_str("1050.000"), Some(Ordering::Equal));
        assert_eq!(d("0.1").cmp_str("0.10000000000000000001"), Some(Ordering::Less));
        assert_eq!(d("-0").cmp_str("0.0"), Some(Ordering::Equal));
        assert_eq!(d("-1").cmp_str("0"), Some(Ordering::Less));
        assert_eq!(d("-1.5").cmp_str("-1.25"), Some(Ordering::Less));
        assert_eq!(d("-10").cmp_str("-9.99"), Some(Ordering::Less));
        assert_eq!(d("0010").cmp_str("9.999"), Some(Ordering::Greater));
        assert_eq!(d("99999999999999999999").cmp_str("100000000000000000000"), Some(Ordering::Less));
        assert_eq!(d("12.3").cmp_value(&d("12.30")), Some(Ordering::Equal));
    }

    #[test]
    fn invalid_compares_to_none() {
        assert_eq!(d("abc").cmp_str("1"), None);
        assert_eq!(d("1").cmp_str("1e0"), None);
        assert_eq!(d("").to_f64(), None);
        assert_eq!(d("1.").fraction_digits(), None);
    }

    #[test]
    fn float_and_scale() {
        assert_eq!(d("-12.50").to_f64(), Some(-12.5));
        assert_eq!(d("1050").to_f64(), Some(1050.0));
        assert_eq!(d("-12.50").fraction_digits(), Some(2));
        assert_eq!(d("7").fraction_digits(), Some(0));
    }

    #[test]
    fn text_semantics_and_serde() {
        assert_ne!(d("1.0"), d("1.00"));
        let parsed: Decimal = serde_json::from_str("\"1,5\"").unwrap();
        assert!(!parsed.is_valid());
        assert_eq!(serde_json::to_string(&Decimal::from(-42i64)).unwrap(), "\"-42\"");
        assert!(serde_json::from_str::<Decimal>("1050").is_err());
        assert_eq!("3.14".parse::<Decimal>().unwrap().to_string(), "3.14");
    }
}
