//! Allocation-free format checks used by generated validators.
//!
//! Every function takes a borrowed string and returns `true` when the value passes;
//! none allocates, so validating a valid request costs no heap traffic.

mod country;
mod currency;
mod email;
mod json;
mod named;
mod net;
mod phone;
mod po_box;
mod uri;
mod uuid;

pub use country::{is_country_alpha2, is_country_alpha3};
pub use currency::is_currency;
pub use email::is_email;
pub use json::{json_bytes_exceed, json_depth_exceeds, json_len};
pub use named::{ascending, ascending_dates, group_check_args, group_check_names, named_check, named_check_names, no_po_box, sum_equals};
pub use net::{is_ipv4, is_ipv6};
pub use phone::is_e164;
pub use po_box::is_po_box;
pub use uri::{is_uri, is_url};
pub use uuid::is_uuid;

/// The length of `text` in characters (Unicode scalar values), which is what
/// `min_length`/`max_length` on strings count: `"Zoë"` has 3, not 4 bytes' worth.
/// Grapheme clusters are not considered (an emoji with a modifier counts as 2).
#[must_use]
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Whether two strings are equal: `a == b`, with texts of 8 to 16 bytes (identifiers,
/// the usual subject of set-once and identifying checks) compared as two overlapping
/// 8-byte words, inline, rather than through a `memcmp` call.
///
/// ```
/// # use mutaspec_runtime::checks::same_text;
/// assert!(same_text("ACC-EXT-000123", "ACC-EXT-000123"));
/// assert!(!same_text("ACC-EXT-000123", "ACC-EXT-000124"));
/// ```
#[must_use]
#[inline]
pub fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if let (8..=16, Some((a_lo, _)), Some((b_lo, _)), Some((_, a_hi)), Some((_, b_hi))) = (
        a.len(),
        a.split_first_chunk::<8>(),
        b.split_first_chunk::<8>(),
        a.split_last_chunk::<8>(),
        b.split_last_chunk::<8>(),
    ) {
        return a_lo == b_lo && a_hi == b_hi;
    }
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `same_text` is `==` for every length around its word path, with the texts
    /// differing at each byte in turn.
    #[test]
    fn same_text_is_equality() {
        let mut compared = 0;
        for len in 0..=24 {
            let base: String = (0..len).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
            assert!(same_text(&base, &base.clone()), "{base:?}");
            for at in 0..len {
                let mut other = base.clone().into_bytes();
                other[at] = b'#';
                let other = String::from_utf8(other).expect("ASCII");
                assert!(!same_text(&base, &other), "{base:?} {other:?}");
                assert!(!same_text(&other, &base), "{other:?} {base:?}");
                compared += 2;
            }
            assert!(!same_text(&base, &format!("{base}x")));
        }
        assert_eq!(compared, 600);
    }

    #[test]
    fn char_len_counts_scalars() {
        assert_eq!(char_len(""), 0);
        assert_eq!(char_len("abc"), 3);
        assert_eq!(char_len("Zoë"), 3);
        assert_eq!(char_len("日本語"), 3);
        assert_eq!(char_len("👍🏽"), 2);
        assert_eq!(char_len("e\u{301}"), 2);
    }
}
