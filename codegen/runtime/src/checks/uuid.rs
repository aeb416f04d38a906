//! UUIDs in their hyphenated text form.

/// Whether `text` is a UUID in the hyphenated form of RFC 9562 §4: 32 hexadecimal
/// digits, any case, grouped 8-4-4-4-12 by hyphens
/// (`2eb8aa08-aa98-11ea-b4aa-73b441d16380`).
///
/// Any version and variant digit is accepted (the nil UUID too), as the JSON Schema
/// `uuid` format does; the other spellings some parsers take (no hyphens, braces,
/// a `urn:uuid:` prefix) are refused.
///
/// ```
/// # use mutaspec_runtime::checks::is_uuid;
/// assert!(is_uuid("2EB8AA08-aa98-11ea-b4aa-73b441d16380"));
/// assert!(!is_uuid("2eb8aa08aa9811eab4aa73b441d16380"));
/// ```
#[must_use]
pub fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(is_uuid("99c17cbb-656f-f64a-940f-1a4568f03487"));
        for bad in [
            "",
            "2eb8aa08-aa98-11ea-b4aa-73b441d1638",
            "2eb8aa08-aa98-11ea-b4aa-73b441d163800",
            "{2eb8aa08-aa98-11ea-b4aa-73b441d16380}",
            "2eb8aa08-aa98-11ea-b4ga-73b441d16380",
            "2eb8aa0-8aa98-11e-ab4aa7-3b441d16380",
            "2eb8aa08-aa98-11ea-b4aa-73b441d1638\u{e9}",
        ] {
            assert!(!is_uuid(bad), "{bad:?}");
        }
    }
}
