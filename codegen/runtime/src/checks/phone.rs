//! Telephone numbers in E.164 form.

/// Whether `text` is a telephone number in E.164 form as APIs take it: `+`, then the
/// country code and subscriber number as 2 to 15 digits with no separators, the first
/// not `0` (`+14155550123`). This is the rule ITU-T E.164 sets (at most 15 digits; no
/// country code starts with 0); whether the number is assigned is not checked.
///
/// ```
/// # use mutaspec_runtime::checks::is_e164;
/// assert!(is_e164("+14155550123"));
/// assert!(!is_e164("+1 415 555 0123"));
/// assert!(!is_e164("14155550123"));
/// ```
#[must_use]
pub fn is_e164(text: &str) -> bool {
    match text.as_bytes() {
        [b'+', b'1'..=b'9', rest @ ..] => (1..=14).contains(&rest.len()) && rest.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        for good in ["+12", "+14155550123", "+441632960961", "+123456789012345"] {
            assert!(is_e164(good), "{good}");
        }
        for bad in [
            "",
            "+",
            "+1",
            "+0123456",
            "14155550123",
            "+1234567890123456",
            "+1-415-555-0123",
            "+1415555012a",
            "+１２３",
        ] {
            assert!(!is_e164(bad), "{bad:?}");
        }
    }
}
