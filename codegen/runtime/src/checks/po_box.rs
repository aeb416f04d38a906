//! Detection of post office box addresses (see [`is_po_box`] for the rule).

/// Separators allowed inside the keyword.
fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '\t' | '.' | '-')
}

/// Strips `word` (ASCII, upper case) from the front of `text`, ignoring ASCII case.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    if head.eq_ignore_ascii_case(word) {
        text.get(word.len()..)
    } else {
        None
    }
}

/// Skips separators; returns the rest and whether any were skipped.
fn skip_seps(text: &str) -> (&str, bool) {
    let rest = text.trim_start_matches(is_sep);
    (rest, rest.len() < text.len())
}

/// Whether the keyword ends here: the next character is not a letter.
fn ends_word(rest: &str) -> bool {
    rest.chars().next().is_none_or(|c| !c.is_alphabetic())
}

/// Whether a box number follows (after separators, `#` and `:`).
fn number_follows(rest: &str) -> bool {
    rest.chars()
        .find(|&c| !(is_sep(c) || c == '#' || c == ':'))
        .is_some_and(|c| c.is_ascii_digit())
}

/// Form 1: `POST OFFICE BOX`.
fn post_office_box(text: &str) -> bool {
    let Some(rest) = strip_word(text, "POST") else {
        return false;
    };
    let Some(rest) = strip_word(skip_seps(rest).0, "OFFICE") else {
        return false;
    };
    strip_word(skip_seps(rest).0, "BOX").is_some_and(ends_word)
}

/// Forms 2 to 4: `P O BOX` and `P O B`.
fn p_o_box(text: &str) -> bool {
    let Some(rest) = strip_word(text, "P") else {
        return false;
    };
    let Some(rest) = strip_word(skip_seps(rest).0, "O") else {
        return false;
    };
    let (rest, separated) = skip_seps(rest);
    if let Some(after) = strip_word(rest, "BOX") {
        return ends_word(after) && (separated || number_follows(after));
    }
    strip_word(rest, "B").is_some_and(|after| ends_word(after) && number_follows(after))
}

/// Whether `address` (an address line) designates a post office box. Does not
/// allocate.
///
/// # Rule
///
/// Ignoring ASCII case, at the start of a word (preceded by nothing, or by a character
/// that is not a letter or digit), one of:
///
/// 1. `POST` `OFFICE` `BOX`, e.g. `Post Office Box 7`;
/// 2. `P` `O` `BOX`, with a separator between `O` and `BOX`: `PO Box`, `P.O. Box`,
///    `P O Box`, `P. O. Box`, `PO-Box`;
/// 3. `POBOX` written as one word (`POBox 12`, `pobox#12`): only when a number follows;
/// 4. `P` `O` `B` not followed by `OX` (`POB 12`, `P.O.B. 12`): only when a number follows.
///
/// Separators are any run of spaces, tabs, `.` and `-` (possibly none, except where
/// stated). `BOX` (or `B`) must not be followed by a letter: `PO Boxwood Rd` is not a
/// PO box. "A number follows" means a digit after optional separators, `#` and `:`.
///
/// The number requirement on the glued forms keeps street names such as
/// `Pobox Street` or `Pob Lane` from being refused: a false positive blocks a
/// legitimate customer, while a missed PO box is still refused by the provider
/// (error 66907). Not detected: a bare `Box 12`, `GPO Box`, `Postfach`, non-Latin
/// scripts.
///
/// ```
/// # use mutaspec_runtime::checks::is_po_box;
/// assert!(is_po_box("P.O. Box 123"));
/// assert!(is_po_box("POB 12"));
/// assert!(!is_po_box("12 Pobox Street"));
/// ```
#[must_use]
pub fn is_po_box(address: &str) -> bool {
    address.char_indices().any(|(i, _)| {
        let (before, from_here) = address.split_at(i);
        let word_start = before.chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        word_start && (post_office_box(from_here) || p_o_box(from_here))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_documented_forms() {
        let boxes = [
            "PO Box 123",
            "P.O. Box 123",
            "P O Box 123",
            "P. O. Box 7",
            "p.o.box 7",
            "PO-Box 7",
            "Post Office Box 55",
            "post office box",
            "POST-OFFICE-BOX 1",
            "PO Box",
            "POB 12",
            "P.O.B. 12",
            "pob #12",
            "POBox 12",
            "pobox#12",
            "PO Box123",
            "Apt 4, PO Box 9",
            "c/o Smith, P.O. Box 44",
            "(PO Box 1)",
        ];
        for text in boxes {
            assert!(is_po_box(text), "{text:?}");
        }
    }

    #[test]
    fn ignores_look_alikes() {
        let streets = [
            "",
            "12 Pobox Street",
            "Pobox",
            "POB Lane",
            "Pob",
            "12 Post Office Road",
            "PO Boxwood Road",
            "Post Office Boxes Lane",
            "1 Shipping Box Way",
            "Box 12",
            "Apple Orchard Box Road",
            "Camp O Box",
            "Tempo Box 5",
            "Hipo Box 5",
            "123 Main St",
            "Pontoon Bay 4",
            "P O Bay 4",
            "éPO Box 1",
            "Straße 1",
        ];
        for text in streets {
            assert!(!is_po_box(text), "{text:?}");
        }
    }

    #[test]
    fn non_ascii_neighbours_do_not_panic() {
        assert!(is_po_box("Müller, PO Box 1"));
        assert!(is_po_box("—PO Box 1"));
        assert!(!is_po_box("PO Boxé 1"));
        assert!(!is_po_box("ÀPO Box 1"));
        assert!(!is_po_box("日本"));
    }
}
