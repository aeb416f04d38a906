//! Reads a pattern as a sequence of pieces (an atom and its repetition bounds).
//!
//! Nothing is stored: [`Pieces`] re-reads the pattern text each time it is iterated,
//! which keeps matching allocation-free.

use super::class::{body_len, check_body, class_matches, escape, Escaped, Shorthand};
use super::{PatternError, MAX_REPEAT};

/// Something that matches exactly one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Atom<'p> {
    Any,
    Char(char),
    Shorthand(Shorthand),
    /// A validated class body (between `[`/`[^` and `]`).
    Class {
        body: &'p str,
        negated: bool,
    },
}

impl Atom<'_> {
    pub(crate) fn matches(&self, c: char) -> bool {
        match *self {
            Atom::Any => true,
            Atom::Char(x) => x == c,
            Atom::Shorthand(s) => s.matches(c),
            Atom::Class { body, negated } => class_matches(body, negated, c),
        }
    }
}

/// An atom repeated `min` to `max` times (`None`: unbounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece<'p> {
    pub(crate) atom: Atom<'p>,
    pub(crate) min: u32,
    pub(crate) max: Option<u32>,
    /// The byte offset of the atom in the pattern.
    pub(crate) offset: usize,
}

impl Piece<'_> {
    /// The highest repetition count the automaton tracks: `max`, or `min` when
    /// unbounded (every count from `min` on behaves alike).
    pub(crate) fn cap(&self) -> u32 {
        self.max.unwrap_or(self.min)
    }
}

/// Iterates over the pieces of a pattern, stopping after the first error.
pub(crate) struct Pieces<'p> {
    pattern: &'p str,
    pos: usize,
}

impl<'p> Pieces<'p> {
    pub(crate) fn new(pattern: &'p str) -> Self {
        let pos = usize::from(pattern.starts_with('^'));
        Pieces { pattern, pos }
    }

    fn rest(&self) -> &'p str {
        self.pattern.get(self.pos..).unwrap_or_default()
    }

    fn error<T>(&self, message: &'static str) -> Result<T, PatternError> {
        Err(PatternError::new(self.pos, message))
    }

    /// Reads the atom at `self.pos`; `None` for the trailing `$`.
    fn atom(&mut self) -> Result<Option<Atom<'p>>, PatternError> {
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return Ok(None);
        };
        let (atom, len) = match c {
            '.' => (Atom::Any, 1),
            '\\' => match escape(rest.get(1..).unwrap_or_default(), self.pos)? {
                (Escaped::Char(c), len) => (Atom::Char(c), len),
                (Escaped::Shorthand(s), len) => (Atom::Shorthand(s), len),
            },
            '[' => self.class(rest)?,
            '(' | ')' | '|' => return self.error("groups and alternation are not supported"),
            '*' | '+' | '?' | '{' => return self.error("nothing to repeat before this quantifier"),
            ']' => return self.error("unmatched `]` (escape it as `\\]`)"),
            '}' => return self.error("unmatched `}` (escape it as `\\}`)"),
            '^' => return self.error("`^` is only allowed at the start (escape it as `\\^`)"),
            '$' if rest.len() == 1 => {
                self.pos += 1;
                return Ok(None);
            }
            '$' => return self.error("`$` is only allowed at the end (escape it as `\\$`)"),
            c => (Atom::Char(c), c.len_utf8()),
        };
        self.pos += len;
        Ok(Some(atom))
    }

    /// Reads `[...]` at the start of `rest`; returns the atom and its length.
    fn class(&self, rest: &'p str) -> Result<(Atom<'p>, usize), PatternError> {
        let negated = rest.get(1..).is_some_and(|r| r.starts_with('^'));
        let start = 1 + usize::from(negated);
        let after_open = rest.get(start..).unwrap_or_default();
        let Some(len) = body_len(after_open) else {
            return self.error("unclosed class: missing `]`");
        };
        if len == 0 {
            return self.error("empty class (escape a literal `]` as `\\]`)");
        }
        let body = after_open.get(..len).unwrap_or_default();
        check_body(body, self.pos + start)?;
        Ok((Atom::Class { body, negated }, start + len + 1))
    }

    /// Reads an optional quantifier; returns `(min, max)`.
    fn quantifier(&mut self) -> Result<(u32, Option<u32>), PatternError> {
        let rest = self.rest();
        let (bounds, len) = match rest.chars().next() {
            Some('*') => ((0, None), 1),
            Some('+') => ((1, None), 1),
            Some('?') => ((0, Some(1)), 1),
            Some('{') => braces(rest, self.pos)?,
            _ => return Ok((1, Some(1))),
        };
        self.pos += len;
        if matches!(self.rest().chars().next(), Some('*' | '+' | '?' | '{')) {
            return self.error("a quantifier cannot follow another quantifier");
        }
        Ok(bounds)
    }

    fn piece(&mut self) -> Result<Option<Piece<'p>>, PatternError> {
        let offset = self.pos;
        let Some(atom) = self.atom()? else {
            return Ok(None);
        };
        let (min, max) = self.quantifier()?;
        Ok(Some(Piece { atom, min, max, offset }))
    }
}

/// Parses `{n}`, `{n,}` or `{n,m}` at the start of `text` (at `offset`).
fn braces(text: &str, offset: usize) -> Result<((u32, Option<u32>), usize), PatternError> {
    const SHAPE: &str = "expected {n}, {n,} or {n,m}";
    let close = text.find('}').ok_or(PatternError::new(offset, SHAPE))?;
    let inner = text.get(1..close).unwrap_or_default();
    let count = |digits: &str| -> Result<u32, PatternError> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PatternError::new(offset, SHAPE));
        }
        match digits.parse::<u32>() {
            Ok(n) if n <= MAX_REPEAT => Ok(n),
            _ => Err(PatternError::new(offset, "repetition count must be at most 1000")),
        }
    };
    let bounds = match inner.split_once(',') {
        None => {
            let n = count(inner)?;
            (n, Some(n))
        }
        Some((min, "")) => (count(min)?, None),
        Some((min, max)) => {
            let (min, max) = (count(min)?, count(max)?);
            if min > max {
                return Err(PatternError::new(offset, "minimum repetition is greater than the maximum"));
            }
            (min, Some(max))
        }
    };
    Ok((bounds, close + 1))
}

impl<'p> Iterator for Pieces<'p> {
    type Item = Result<Piece<'p>, PatternError>;

    fn next(&mut self) -> Option<Self::Item> {
        let piece = self.piece();
        if !matches!(piece, Ok(Some(_))) {
            self.pos = self.pattern.len() + 1; // fuse: stop after the end or an error
        }
        piece.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(p: &str) -> Result<Vec<Piece<'_>>, PatternError> {
        Pieces::new(p).collect()
    }

    fn bounds(p: &str) -> Vec<(u32, Option<u32>)> {
        pieces(p).unwrap().iter().map(|x| (x.min, x.max)).collect()
    }

    fn error_at(p: &str) -> usize {
        pieces(p).unwrap_err().offset()
    }

    #[test]
    fn quantifiers() {
        assert_eq!(bounds("ab?c*d+"), [(1, Some(1)), (0, Some(1)), (0, None), (1, None)]);
        assert_eq!(bounds("a{3}b{2,}c{0,4}"), [(3, Some(3)), (2, None), (0, Some(4))]);
        assert_eq!(bounds("a{1000}"), [(1000, Some(1000))]);
    }

    #[test]
    fn atoms() {
        let ps = pieces("^.\\d[^x-z]é\\.$").unwrap();
        let atoms: Vec<_> = ps.iter().map(|p| p.atom).collect();
        assert_eq!(
            atoms,
            [
                Atom::Any,
                Atom::Shorthand(Shorthand::Digit),
                Atom::Class {
                    body: "x-z",
                    negated: true
                },
                Atom::Char('é'),
                Atom::Char('.'),
            ]
        );
        assert_eq!(ps.iter().map(|p| p.offset).collect::<Vec<_>>(), [1, 2, 4, 10, 12]);
    }

    #[test]
    fn anchors() {
        assert!(pieces("").unwrap().is_empty());
        assert!(pieces("^").unwrap().is_empty());
        assert!(pieces("^$").unwrap().is_empty());
        assert_eq!(pieces("\\$").unwrap().len(), 1);
        assert_eq!(error_at("a$b"), 1);
        assert_eq!(error_at("a^"), 1);
        assert_eq!(error_at("^^"), 1);
    }

    #[test]
    fn error_offsets() {
        assert_eq!(error_at("ab(c)"), 2);
        assert_eq!(error_at("a|b"), 1);
        assert_eq!(error_at("*a"), 0);
        assert_eq!(error_at("a**"), 2);
        assert_eq!(error_at("a+?"), 2);
        assert_eq!(error_at("a{2}{3}"), 4);
        assert_eq!(error_at("ab{2"), 2);
        assert_eq!(error_at("a{}"), 1);
        assert_eq!(error_at("a{,3}"), 1);
        assert_eq!(error_at("a{3,2}"), 1);
        assert_eq!(error_at("a{ 3}"), 1);
        assert_eq!(error_at("a{1001}"), 1);
        assert_eq!(error_at("a{99999999999999999999}"), 1);
        assert_eq!(error_at("x[abc"), 1);
        assert_eq!(error_at("x[]"), 1);
        assert_eq!(error_at("x[^]"), 1);
        assert_eq!(error_at("xy[a-\\d]"), 3);
        assert_eq!(error_at("a]"), 1);
        assert_eq!(error_at("a}"), 1);
        assert_eq!(error_at("é\\"), 2);
        assert_eq!(error_at("\\b"), 0);
    }

    #[test]
    fn stops_after_first_error() {
        let mut it = Pieces::new("a(b");
        assert!(matches!(it.next(), Some(Ok(_))));
        assert!(matches!(it.next(), Some(Err(_))));
        assert!(it.next().is_none());
    }
}
