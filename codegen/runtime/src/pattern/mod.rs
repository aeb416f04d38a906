//! The anchored pattern language of spec `pattern:` constraints.
//!
//! A pattern always describes the *whole* value. It is a sequence of atoms, each
//! matching one character, each optionally followed by one quantifier:
//!
//! | syntax | meaning |
//! |---|---|
//! | `a`, `é` | that character (case-sensitive) |
//! | `.` | any character |
//! | `[abc]`, `[a-z0-9_]`, `[^0-9]` | a class: listed characters and ranges; `^` first negates |
//! | `\d` `\w` `\s` (`\D` `\W` `\S`) | ASCII digit, ASCII word character (`[A-Za-z0-9_]`), ASCII whitespace (and their negations); also inside classes |
//! | `\n` `\t` `\r` | newline, tab, carriage return |
//! | `\` + punctuation | that punctuation character literally: `\.`, `\[`, `\{`, `\\`, `\-`, `\$` |
//! | `{n}` `{n,m}` `{n,}` `?` `*` `+` | repeat the preceding atom: exactly n, n to m, at least n, 0-1, 0 or more, 1 or more |
//!
//! A leading `^` and a trailing `$` are accepted and ignored, since the pattern is
//! anchored anyway (so a regex pasted from the provider's docs keeps working).
//! Groups, alternation, back-references and lazy quantifiers are refused by
//! [`compile_check`], as are unescaped `]`, `}` and `[` inside a class, unknown escapes
//! like `\b`, empty classes and reversed ranges. Repetition counts are at most
//! [`MAX_REPEAT`], and the whole pattern at most [`MAX_STATES`] states (the sum over
//! atoms of their repetition bound, or of their minimum when unbounded, plus one each).
//!
//! [`matches()`] runs in time linear in the input (times the pattern's size), without
//! allocating and without backtracking, so no pattern can blow up: it simulates the
//! pattern as a small automaton whose states fit in a fixed-size bit set.
//!
//! ```
//! use mutaspec_runtime::pattern;
//! assert!(pattern::compile_check("ID[A-Za-z0-9]{18}").is_ok());
//! assert!(pattern::matches("ID[A-Za-z0-9]{18}", "IDaBcDeFgHiJkLmNoPqR"));
//! assert!(!pattern::matches("ID[A-Za-z0-9]{18}", "IDshort"));
//! let err = pattern::compile_check("a(b|c)").unwrap_err();
//! assert_eq!(err.offset(), 1);
//! ```

mod class;
mod error;
mod nfa;
mod parse;

pub use error::PatternError;

/// The largest count allowed in `{n}`, `{n,m}` and `{n,}`.
pub const MAX_REPEAT: u32 = 1000;

/// The most automaton states a pattern may need (see the [module docs](self)).
pub const MAX_STATES: usize = nfa::CAPACITY;

/// Checks that `pattern` is valid, as the spec loader does before generating code.
///
/// # Errors
/// A [`PatternError`] with the byte offset of the first problem and a message.
pub fn compile_check(pattern: &str) -> Result<(), PatternError> {
    nfa::count_states(pattern).map(|_| ())
}

/// Whether `input` as a whole matches `pattern`. Does not allocate.
///
/// An invalid pattern matches nothing (and never panics); validate patterns with
/// [`compile_check`] when the spec is loaded.
#[must_use]
pub fn matches(pattern: &str, input: &str) -> bool {
    nfa::run(pattern, input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_id() {
        let p = "ID[A-Za-z0-9]{18}";
        assert!(matches(p, "ID0123456789abcdefXY"));
        assert!(matches(p, "IDAAAAAAAAAAAAAAAAAA"));
        assert!(!matches(p, "ID0123456789abcdefX"));
        assert!(!matches(p, "ID0123456789abcdefXYZ"));
        assert!(!matches(p, "id0123456789abcdefXY"));
        assert!(!matches(p, "ID0123456789abcdef-Y"));
        assert!(!matches(p, "ID0123456789abcdefXé"));
        assert!(!matches(p, ""));
        assert!(!matches(p, "xID0123456789abcdefXY"));
    }

    #[test]
    fn match_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("[^0-9]+", "abc", true),
            ("[^0-9]+", "ab1", false),
            ("[^0-9]+", "", false),
            ("\\d{5}(-\\d{4})?", "", false), // invalid: groups
            ("\\d{5}-?\\d{0,4}", "12345-6789", true),
            ("\\d{5}-?\\d{0,4}", "12345", true),
            ("\\d{5}", "١٢٣٤٥", false),
            ("[A-Z]{2}", "US", true),
            ("[A-Z]{2}", "us", false),
            ("[A-Z]{2}", "USA", false),
            ("\\w+@\\w+\\.com", "a_1@b.com", true),
            ("\\s*x\\s*", " \t x\n", true),
            ("\\S+", "a b", false),
            ("[\\]\\[\\-\\\\]+", "][-\\", true),
            ("[a-]+", "a-a", true),
            ("[-a]+", "-a", true),
            ("[é-ë]", "ê", true),
            ("[é-ë]", "e", false),
            ("a.c", "a\nc", true),
            ("\\$\\d+\\.\\d{2}", "$12.50", true),
            ("^\\^x$", "^x", true),
            ("\\{\\}", "{}", true),
            ("", "", true),
            ("x?", "", true),
            ("x?", "xx", false),
        ];
        for (pattern, input, expected) in cases {
            assert_eq!(matches(pattern, input), *expected, "{pattern:?} on {input:?}");
        }
    }

    #[test]
    fn invalid_patterns_never_match() {
        for p in ["(", "a|b", "[", "[]", "a{2", "*", "\\", "[z-a]", "a**"] {
            assert!(compile_check(p).is_err(), "{p:?}");
            assert!(!matches(p, ""), "{p:?}");
            assert!(!matches(p, p), "{p:?}");
        }
    }
}
