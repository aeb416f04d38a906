//! The pattern language of spec `pattern:` constraints.
//!
//! A pattern always describes the *whole* value: a value matches pattern `P` exactly
//! when the [`regex`](https://docs.rs/regex) crate's `^(?:P)$` matches it, for every
//! pattern [`compile_check`] accepts, except that `\d`, `\w` and `\s` are ASCII-only
//! (as with `regex`'s `(?-u:\d)`). A property test of this crate checks that on random
//! patterns and inputs.
//!
//! | syntax | meaning |
//! |---|---|
//! | `a`, `é` | that character (case-sensitive; Unicode scalar values) |
//! | `.` | any character except a newline `\n` |
//! | `[abc]`, `[a-z0-9_]`, `[^0-9]` | a class: listed characters and ranges; `^` first negates |
//! | `\d` `\w` `\s` (`\D` `\W` `\S`) | ASCII digit `[0-9]`, ASCII word character `[A-Za-z0-9_]`, ASCII whitespace `[\t\n\x0B\x0C\r ]` (and their negations); also inside classes |
//! | `\n` `\t` `\r` | newline, tab, carriage return |
//! | `\` + ASCII punctuation | that character literally: `\.`, `\(`, `\|`, `\[`, `\{`, `\\`, `\-`, `\$` |
//! | `(...)`, `(?:...)` | a group (nothing is captured: both are the same) |
//! | `x\|y` | either side; at the top level or inside a group; a side may be empty |
//! | `{n}` `{n,m}` `{n,}` `?` `*` `+` | repeat the preceding character, class or group: exactly n, n to m, at least n, 0-1, 0 or more, 1 or more |
//! | `^`, `$` | hold only at the very start, or the very end, of the value (`$` not before a final newline); redundant at the ends, so a regex pasted from the provider's docs keeps its meaning |
//!
//! Refused by [`compile_check`], with the offset of the problem: back-references,
//! lookahead and lookbehind, word boundaries (`\b`), named groups, inline flags
//! (`(?i)`), lazy quantifiers and a quantifier on a quantifier (`a+?`, `a{2}{3}`), unknown
//! escapes, unescaped `]` and `}`, and in classes an unescaped `[` (nested classes,
//! `[[:alpha:]]`), a doubled `&&`, `--` or `~~` (set operations elsewhere), empty
//! classes and reversed ranges.
//!
//! Limits: repetition counts are at most [`MAX_REPEAT`]; groups nest at most 31 deep;
//! a pattern compiles to at most 256 steps (one per character, class or anchor, two per
//! `|`, and a repeated group's steps once per repetition up to its maximum, plus one per
//! optional repetition), so repeat a single character or class rather than a long
//! group; and each character or class tracks its repetition bound plus one states,
//! rounded up to a multiple of 64, at most [`MAX_STATES`] in all (three `{10000}` fit).
//!
//! [`matches()`] runs in time linear in the input (times the pattern's size), without
//! allocating and without backtracking, so no pattern can blow up: it compiles the
//! pattern into a small automaton in a fixed-size array on the stack (a few hundred
//! bytes for most patterns, about 14 KB for the largest) and simulates it over a bit set.
//!
//! ```
//! use mutaspec_runtime::pattern;
//! assert!(pattern::compile_check("ID[A-Za-z0-9]{18}").is_ok());
//! assert!(pattern::matches("ID[A-Za-z0-9]{18}", "IDaBcDeFgHiJkLmNoPqR"));
//! assert!(!pattern::matches("ID[A-Za-z0-9]{18}", "IDshort"));
//! assert!(pattern::matches("^\\d{5}(-\\d{4})?$", "12345-6789"));
//! let err = pattern::compile_check("a(?=b)").unwrap_err();
//! assert_eq!(err.offset(), 1);
//! ```

mod class;
mod error;
mod nfa;
mod parse;

pub use error::PatternError;

/// The largest count allowed in `{n}`, `{n,m}` and `{n,}`.
pub const MAX_REPEAT: u32 = 10_000;

/// The most automaton states a pattern may need (see the [module docs](self)).
pub const MAX_STATES: usize = nfa::MAX_WORDS * 64;

/// Checks that `pattern` is valid, as the spec loader does before generating code.
///
/// # Errors
/// A [`PatternError`] with the byte offset of the first problem and a message.
pub fn compile_check(pattern: &str) -> Result<(), PatternError> {
    nfa::check(pattern)
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
            ("\\d{5}(-\\d{4})?", "12345-6789", true),
            ("\\d{5}(-\\d{4})?", "12345-67890", false),
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
            ("a.c", "a\nc", false),
            ("a[\\s\\S]c", "a\nc", true),
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
        for p in [
            "(", "a)", "[", "[]", "a{2", "*", "\\", "[z-a]", "a**", "(?=a)", "(a)\\1", "\\bx", "[a&&b]", "a{10001}",
        ] {
            assert!(compile_check(p).is_err(), "{p:?}");
            assert!(!matches(p, ""), "{p:?}");
            assert!(!matches(p, p), "{p:?}");
        }
    }
}
