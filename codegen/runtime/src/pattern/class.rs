//! Character sets: escapes, shorthands (`\d`, `\w`, `\s`) and `[...]` class bodies.

use super::PatternError;

/// A shorthand character set, ASCII-only by design (predictable for ids and codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shorthand {
    Digit,
    NotDigit,
    Word,
    NotWord,
    Space,
    NotSpace,
}

impl Shorthand {
    pub(crate) fn matches(self, c: char) -> bool {
        let is_word = c.is_ascii_alphanumeric() || c == '_';
        match self {
            Shorthand::Digit => c.is_ascii_digit(),
            Shorthand::NotDigit => !c.is_ascii_digit(),
            Shorthand::Word => is_word,
            Shorthand::NotWord => !is_word,
            Shorthand::Space => c.is_ascii_whitespace() || c == '\x0B',
            Shorthand::NotSpace => !(c.is_ascii_whitespace() || c == '\x0B'),
        }
    }
}

/// What a backslash escape stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escaped {
    Char(char),
    Shorthand(Shorthand),
}

/// Reads the escape whose backslash is at `offset`; `after` is the text following the
/// backslash. Returns the meaning and the bytes used, backslash included.
pub(crate) fn escape(after: &str, offset: usize) -> Result<(Escaped, usize), PatternError> {
    let Some(c) = after.chars().next() else {
        return Err(PatternError::new(offset, "a backslash must be followed by a character"));
    };
    let escaped = match c {
        'd' => Escaped::Shorthand(Shorthand::Digit),
        'D' => Escaped::Shorthand(Shorthand::NotDigit),
        'w' => Escaped::Shorthand(Shorthand::Word),
        'W' => Escaped::Shorthand(Shorthand::NotWord),
        's' => Escaped::Shorthand(Shorthand::Space),
        'S' => Escaped::Shorthand(Shorthand::NotSpace),
        'n' => Escaped::Char('\n'),
        't' => Escaped::Char('\t'),
        'r' => Escaped::Char('\r'),
        c if c.is_ascii_punctuation() => Escaped::Char(c),
        'b' | 'B' => return Err(PatternError::new(offset, "word boundaries (`\\b`, `\\B`) are not supported")),
        '1'..='9' => return Err(PatternError::new(offset, "back-references are not supported")),
        _ => {
            return Err(PatternError::new(
                offset,
                "unknown escape (use \\d \\w \\s \\n \\t \\r or \\ before punctuation)",
            ))
        }
    };
    Ok((escaped, 1 + c.len_utf8()))
}

/// The byte length of a class body: `after_open` starts after `[` (and `^`); the
/// result is the index of the closing `]`, or `None` if it is missing.
pub(crate) fn body_len(after_open: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in after_open.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' => return Some(i),
            _ => {}
        }
    }
    None
}

/// One member of a class body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClassItem {
    /// An inclusive range; a single character is a range of one.
    Range(char, char),
    Shorthand(Shorthand),
}

impl ClassItem {
    fn matches(self, c: char) -> bool {
        match self {
            ClassItem::Range(lo, hi) => (lo..=hi).contains(&c),
            ClassItem::Shorthand(s) => s.matches(c),
        }
    }
}

/// Iterates over the members of a class body, validating as it goes.
pub(crate) struct ClassItems<'p> {
    body: &'p str,
    pos: usize,
    /// The byte offset of `body` in the pattern, for errors.
    base: usize,
}

impl<'p> ClassItems<'p> {
    pub(crate) fn new(body: &'p str, base: usize) -> Self {
        ClassItems { body, pos: 0, base }
    }

    /// Reads one character or shorthand at `self.pos`.
    fn member(&mut self) -> Result<Escaped, PatternError> {
        let offset = self.base + self.pos;
        let rest = self.body.get(self.pos..).unwrap_or_default();
        let (member, len) = match rest.chars().next() {
            Some('\\') => escape(rest.get(1..).unwrap_or_default(), offset)?,
            Some('[') => return Err(PatternError::new(offset, "escape `[` inside a class as `\\[`")),
            Some(c) => (Escaped::Char(c), c.len_utf8()),
            None => return Err(PatternError::new(offset, "unexpected end of class")),
        };
        self.pos += len;
        Ok(member)
    }

    fn item(&mut self) -> Result<ClassItem, PatternError> {
        let start = self.base + self.pos;
        let lo = match self.member()? {
            Escaped::Shorthand(s) => {
                if self.range_follows() {
                    return Err(PatternError::new(start, "a shorthand cannot start a range"));
                }
                return Ok(ClassItem::Shorthand(s));
            }
            Escaped::Char(c) => c,
        };
        if !self.range_follows() {
            return Ok(ClassItem::Range(lo, lo));
        }
        self.pos += 1; // the '-'
        let hi = match self.member()? {
            Escaped::Char(c) => c,
            Escaped::Shorthand(_) => return Err(PatternError::new(start, "a shorthand cannot end a range")),
        };
        if lo > hi {
            return Err(PatternError::new(start, "range out of order"));
        }
        Ok(ClassItem::Range(lo, hi))
    }

    /// Whether a `-` follows that is not the last character of the body.
    fn range_follows(&self) -> bool {
        let rest = self.body.get(self.pos..).unwrap_or_default();
        rest.len() > 1 && rest.starts_with('-')
    }
}

impl Iterator for ClassItems<'_> {
    type Item = Result<ClassItem, PatternError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.body.len() {
            return None;
        }
        let item = self.item();
        if item.is_err() {
            self.pos = self.body.len();
        }
        Some(item)
    }
}

const SET_OPERATION: &str =
    "a doubled `&`, `-` or `~` inside a class is a set operation in some regex dialects: escape one as `\\&`, `\\-` or `\\~`";

/// Validates a class body (`base`: its offset in the pattern, for errors).
pub(crate) fn check_body(body: &str, base: usize) -> Result<(), PatternError> {
    let mut escaped = false;
    let mut previous = None;
    for (i, c) in body.char_indices() {
        if escaped {
            escaped = false;
            previous = None;
            continue;
        }
        if c == '\\' {
            escaped = true;
        } else if matches!(c, '&' | '-' | '~') && previous == Some(c) {
            return Err(PatternError::new(base + i - 1, SET_OPERATION));
        }
        previous = Some(c);
    }
    ClassItems::new(body, base).try_for_each(|item| item.map(|_| ()))
}

/// Whether `c` is in the class (`body` must have passed [`check_body`]).
pub(crate) fn class_matches(body: &str, negated: bool, c: char) -> bool {
    let listed = ClassItems::new(body, 0).any(|item| item.is_ok_and(|item| item.matches(c)));
    listed != negated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(body: &str) -> Result<Vec<ClassItem>, PatternError> {
        ClassItems::new(body, 10).collect()
    }

    #[test]
    fn ranges_and_singles() {
        assert_eq!(items("a-cx"), Ok(vec![ClassItem::Range('a', 'c'), ClassItem::Range('x', 'x')]));
        assert_eq!(
            items("-a-"),
            Ok(vec![
                ClassItem::Range('-', '-'),
                ClassItem::Range('a', 'a'),
                ClassItem::Range('-', '-')
            ])
        );
        assert_eq!(items("\\]\\-"), Ok(vec![ClassItem::Range(']', ']'), ClassItem::Range('-', '-')]));
        assert_eq!(items("α-ω"), Ok(vec![ClassItem::Range('α', 'ω')]));
        assert_eq!(
            items("\\d_"),
            Ok(vec![ClassItem::Shorthand(Shorthand::Digit), ClassItem::Range('_', '_')])
        );
    }

    #[test]
    fn errors_point_into_the_body() {
        assert_eq!(items("ab z-a").err().map(|e| e.offset()), Some(13));
        assert_eq!(items("\\d-z").err().map(|e| e.offset()), Some(10));
        assert_eq!(items("a-\\w").err().map(|e| e.offset()), Some(10));
        assert_eq!(items("x[").err().map(|e| e.offset()), Some(11));
        assert_eq!(items("\\q").err().map(|e| e.offset()), Some(10));
        assert_eq!(items("a\\").err().map(|e| e.offset()), Some(11));
    }

    #[test]
    fn membership() {
        assert!(class_matches("A-Za-z0-9", false, 'q'));
        assert!(!class_matches("A-Za-z0-9", false, '-'));
        assert!(class_matches("0-9", true, 'x'));
        assert!(!class_matches("0-9", true, '5'));
        assert!(class_matches("\\s", false, '\t'));
        assert!(!class_matches("\\w", false, 'é'));
    }

    #[test]
    fn body_end() {
        assert_eq!(body_len("abc]def"), Some(3));
        assert_eq!(body_len("a\\]b]"), Some(4));
        assert_eq!(body_len("a\\\\]"), Some(3));
        assert_eq!(body_len("abc"), None);
        assert_eq!(body_len("ab\\"), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("d", 0), Ok((Escaped::Shorthand(Shorthand::Digit), 2)));
        assert_eq!(escape("$x", 0), Ok((Escaped::Char('$'), 2)));
        assert_eq!(escape("n", 0), Ok((Escaped::Char('\n'), 2)));
        assert!(escape("", 3).is_err());
        assert!(escape("b", 3).is_err());
        assert!(escape("é", 3).is_err());
    }

    #[test]
    fn shorthands() {
        assert!(Shorthand::Word.matches('_'));
        assert!(Shorthand::NotWord.matches('-'));
        assert!(Shorthand::NotDigit.matches('٣'));
        assert!(!Shorthand::Digit.matches('٣'));
        assert!(Shorthand::Space.matches('\x0B'));
        assert!(Shorthand::NotSpace.matches('x'));
    }
}
