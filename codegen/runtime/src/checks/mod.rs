//! Allocation-free format checks used by generated validators.
//!
//! Every function takes a borrowed string and returns `true` when the value passes;
//! none allocates, so validating a valid request costs no heap traffic.

mod country;
mod email;
mod named;
mod po_box;

pub use country::{is_country_alpha2, is_country_alpha3};
pub use email::is_email;
pub use named::{named_check, named_check_names, no_po_box};
pub use po_box::is_po_box;

/// The length of `text` in characters (Unicode scalar values), which is what
/// `min_length`/`max_length` on strings count: `"Zoë"` has 3, not 4 bytes' worth.
/// Grapheme clusters are not considered (an emoji with a modifier counts as 2).
#[must_use]
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
