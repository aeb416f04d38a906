//! Compiles a pattern into a small program held in a fixed-size array (no allocation).
//!
//! The program is a Thompson automaton whose only consuming instruction is
//! [`Inst::Count`]: a single-character atom repeated `min` to `max` times. A repetition
//! of one atom is therefore one instruction however large its count (its counts are a
//! bit range of the state set, see `nfa.rs`); a repeated *group* is expanded into copies
//! of its instructions. Jumps are relative, so a group's code can be copied and shifted
//! without fixing anything inside it.

use super::class::{body_len, check_body, class_matches, escape, Escaped, Shorthand};
use super::{PatternError, MAX_REPEAT};

/// How deep groups may nest.
pub(crate) const MAX_DEPTH: usize = 32;

/// Something that matches exactly one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Atom<'p> {
    /// `.`: any character but `\n`.
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
            Atom::Any => c != '\n',
            Atom::Char(x) => x == c,
            Atom::Shorthand(s) => s.matches(c),
            Atom::Class { body, negated } => class_matches(body, negated, c),
        }
    }
}

/// One instruction. Jump offsets are relative to the instruction's own index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inst<'p> {
    /// Consumes `min..=max` characters matching `atom` (`max: None`, unbounded). Its
    /// counts `0..=cap` live in the state set from word `base` on.
    Count {
        atom: Atom<'p>,
        min: u32,
        max: Option<u32>,
        base: u32,
        /// The atom's byte offset in the pattern, for errors.
        offset: u32,
    },
    /// Continues at both targets.
    Split(i32, i32),
    Jmp(i32),
    /// `^`: passes only at the start of the value.
    Start,
    /// `$`: passes only at the end of the value.
    End,
    /// A jump to the end of the enclosing group, not yet known; links to the previous
    /// one of the same group (`usize::MAX`: none).
    Hole(usize),
    Match,
}

/// The highest count a repetition tracks: `max`, or `min` when unbounded (every count
/// from `min` on behaves alike).
pub(crate) fn cap(min: u32, max: Option<u32>) -> usize {
    max.unwrap_or(min) as usize
}

/// The state words a repetition with this cap uses.
pub(crate) fn words(cap: usize) -> usize {
    cap / 64 + 1
}

/// Why compiling failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fail {
    /// The pattern is invalid.
    Syntax(PatternError),
    /// The pattern does not fit the program or state capacity asked for.
    TooBig(PatternError),
}

impl Fail {
    pub(crate) fn error(self) -> PatternError {
        match self {
            Fail::Syntax(e) | Fail::TooBig(e) => e,
        }
    }
}

const TOO_MANY_INSTRUCTIONS: &str =
    "pattern too large: more than 256 steps once repeated groups are expanded (repeat a single character or class instead, or shorten the pattern)";
const TOO_MANY_STATES: &str = "pattern too large: its repetition counts add up to more than the 32768 states a pattern may track";

/// A compiled pattern: `len` instructions, the last one [`Inst::Match`], using
/// `words` words of state.
pub(crate) struct Program<'p, const N: usize> {
    pub(crate) insts: [Inst<'p>; N],
    pub(crate) len: usize,
    pub(crate) words: usize,
}

/// An open group (the whole pattern is the outermost one).
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Where the group's code starts.
    start: usize,
    /// Where the current alternative's code starts.
    alt: usize,
    /// The last [`Inst::Hole`] of the group (`usize::MAX`: none).
    holes: usize,
    /// The byte offset of the `(`.
    open: usize,
}

/// What a quantifier would repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Anchor,
    Atom(usize),
    Group(usize),
    Quantified,
}

struct Compiler<'p, const N: usize> {
    pattern: &'p str,
    pos: usize,
    prog: Program<'p, N>,
    frames: [Frame; MAX_DEPTH],
    /// Open groups, the whole pattern's frame excluded.
    depth: usize,
    last: Last,
}

/// Compiles `pattern` into at most `N` instructions and `max_words` words of state.
pub(crate) fn compile<const N: usize>(pattern: &str, max_words: usize) -> Result<Program<'_, N>, Fail> {
    let frame = Frame {
        start: 0,
        alt: 0,
        holes: usize::MAX,
        open: 0,
    };
    let mut c = Compiler {
        pattern,
        pos: 0,
        prog: Program {
            insts: [Inst::Match; N],
            len: 0,
            words: 0,
        },
        frames: [frame; MAX_DEPTH],
        depth: 0,
        last: Last::Nothing,
    };
    while c.pos < pattern.len() {
        c.token()?;
    }
    if c.depth > 0 {
        let open = c.frames[c.depth].open;
        return Err(Fail::Syntax(PatternError::new(open, "unclosed group: missing `)`")));
    }
    c.close_alternatives(0);
    c.push(Inst::Match)?;
    let mut prog = c.prog;
    let mut used = 0usize;
    for inst in prog.insts.iter_mut().take(prog.len) {
        if let Inst::Count {
            min, max, base, offset, ..
        } = inst
        {
            used += words(cap(*min, *max));
            if used > max_words {
                return Err(Fail::TooBig(PatternError::new(*offset as usize, TOO_MANY_STATES)));
            }
            *base = (used - words(cap(*min, *max))) as u32;
        }
    }
    prog.words = used;
    Ok(prog)
}

impl<'p, const N: usize> Compiler<'p, N> {
    fn rest(&self) -> &'p str {
        self.pattern.get(self.pos..).unwrap_or_default()
    }

    fn syntax<T>(&self, message: &'static str) -> Result<T, Fail> {
        Err(Fail::Syntax(PatternError::new(self.pos, message)))
    }

    fn too_big(&self) -> Fail {
        Fail::TooBig(PatternError::new(self.pos, TOO_MANY_INSTRUCTIONS))
    }

    /// Appends `inst`, keeping the last slot for the final [`Inst::Match`].
    fn push(&mut self, inst: Inst<'p>) -> Result<usize, Fail> {
        let at = self.prog.len;
        let room = if inst == Inst::Match { N } else { N - 1 };
        if at >= room {
            return Err(self.too_big());
        }
        self.prog.insts[at] = inst;
        self.prog.len += 1;
        Ok(at)
    }

    /// Inserts `inst` at `at`, shifting the code after it (relative jumps inside it
    /// stay right; nothing before `at` jumps past it, see `alternative`).
    fn insert(&mut self, at: usize, inst: Inst<'p>) -> Result<(), Fail> {
        let len = self.prog.len;
        if len + 1 >= N {
            return Err(self.too_big());
        }
        self.prog.insts.copy_within(at..len, at + 1);
        self.prog.insts[at] = inst;
        self.prog.len += 1;
        Ok(())
    }

    /// Appends a copy of the `len` instructions from `from`.
    fn copy(&mut self, from: usize, len: usize) -> Result<(), Fail> {
        let end = self.prog.len;
        if end + len >= N {
            return Err(self.too_big());
        }
        self.prog.insts.copy_within(from..from + len, end);
        self.prog.len += len;
        Ok(())
    }

    fn token(&mut self) -> Result<(), Fail> {
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return Ok(());
        };
        match c {
            '(' => self.open(rest),
            ')' => self.close(),
            '|' => {
                self.alternative()?;
                self.pos += 1;
                self.last = Last::Nothing;
                Ok(())
            }
            '*' | '+' | '?' | '{' => self.quantifier(rest),
            '^' | '$' => {
                self.push(if c == '^' { Inst::Start } else { Inst::End })?;
                self.pos += 1;
                self.last = Last::Anchor;
                Ok(())
            }
            ']' => self.syntax("unmatched `]` (escape it as `\\]`)"),
            '}' => self.syntax("unmatched `}` (escape it as `\\}`)"),
            _ => {
                let offset = self.pos;
                let (atom, len) = self.atom(rest)?;
                let pc = self.push(Inst::Count {
                    atom,
                    min: 1,
                    max: Some(1),
                    base: 0,
                    offset: offset as u32,
                })?;
                self.pos += len;
                self.last = Last::Atom(pc);
                Ok(())
            }
        }
    }

    /// Reads the atom at the start of `rest`; returns it and its length.
    fn atom(&self, rest: &'p str) -> Result<(Atom<'p>, usize), Fail> {
        Ok(match rest.chars().next() {
            Some('.') => (Atom::Any, 1),
            Some('\\') => match escape(rest.get(1..).unwrap_or_default(), self.pos).map_err(Fail::Syntax)? {
                (Escaped::Char(c), len) => (Atom::Char(c), len),
                (Escaped::Shorthand(s), len) => (Atom::Shorthand(s), len),
            },
            Some('[') => self.class(rest)?,
            Some(c) => (Atom::Char(c), c.len_utf8()),
            None => return self.syntax("unexpected end of pattern"),
        })
    }

    /// Reads `[...]` at the start of `rest`; returns the atom and its length.
    fn class(&self, rest: &'p str) -> Result<(Atom<'p>, usize), Fail> {
        let negated = rest.get(1..).is_some_and(|r| r.starts_with('^'));
        let start = 1 + usize::from(negated);
        let after_open = rest.get(start..).unwrap_or_default();
        let Some(len) = body_len(after_open) else {
            return self.syntax("unclosed class: missing `]`");
        };
        if len == 0 {
            return self.syntax("empty class (escape a literal `]` as `\\]`)");
        }
        let body = after_open.get(..len).unwrap_or_default();
        check_body(body, self.pos + start).map_err(Fail::Syntax)?;
        Ok((Atom::Class { body, negated }, start + len + 1))
    }

    fn open(&mut self, rest: &str) -> Result<(), Fail> {
        let len = if let Some(after) = rest.strip_prefix("(?") {
            if after.starts_with(':') {
                3
            } else if after.starts_with(['=', '!']) || after.starts_with("<=") || after.starts_with("<!") {
                return self.syntax("lookahead and lookbehind are not supported");
            } else if after.starts_with(['<', 'P']) {
                return self.syntax("named groups are not supported: use `(...)` or `(?:...)`");
            } else {
                return self.syntax("inline flags like `(?i)` are not supported");
            }
        } else {
            1
        };
        if self.depth + 1 >= MAX_DEPTH {
            return self.syntax("groups nested more than 31 deep");
        }
        self.depth += 1;
        let here = self.prog.len;
        self.frames[self.depth] = Frame {
            start: here,
            alt: here,
            holes: usize::MAX,
            open: self.pos,
        };
        self.pos += len;
        self.last = Last::Nothing;
        Ok(())
    }

    fn close(&mut self) -> Result<(), Fail> {
        if self.depth == 0 {
            return self.syntax("unmatched `)` (escape it as `\\)`)");
        }
        self.close_alternatives(self.depth);
        let start = self.frames[self.depth].start;
        self.depth -= 1;
        self.pos += 1;
        self.last = Last::Group(start);
        Ok(())
    }

    /// `|`: the current alternative of the innermost group becomes
    /// `Split(it, next) it Hole(end)`. Inserting the split at the alternative's start is
    /// safe: the only jump from before it to it is the previous alternative's split,
    /// which must now reach this one, and the holes of open groups all lie before it.
    fn alternative(&mut self) -> Result<(), Fail> {
        let frame = self.frames[self.depth];
        self.insert(frame.alt, Inst::Split(1, 0))?;
        let hole = self.push(Inst::Hole(frame.holes))?;
        let next = hole + 1;
        self.prog.insts[frame.alt] = Inst::Split(1, (next - frame.alt) as i32);
        let f = &mut self.frames[self.depth];
        f.holes = hole;
        f.alt = next;
        Ok(())
    }

    /// Points the holes of frame `depth` at the current end.
    fn close_alternatives(&mut self, depth: usize) {
        let end = self.prog.len;
        let mut hole = self.frames[depth].holes;
        while let Some(Inst::Hole(previous)) = self.prog.insts.get(hole).copied() {
            self.prog.insts[hole] = Inst::Jmp((end - hole) as i32);
            hole = previous;
        }
    }

    fn quantifier(&mut self, rest: &str) -> Result<(), Fail> {
        let (min, max, len) = match rest.chars().next() {
            Some('*') => (0, None, 1),
            Some('+') => (1, None, 1),
            Some('?') => (0, Some(1), 1),
            _ => braces(rest, self.pos).map_err(Fail::Syntax)?,
        };
        match self.last {
            Last::Nothing => return self.syntax("nothing to repeat before this quantifier"),
            Last::Anchor => return self.syntax("an anchor cannot be repeated"),
            Last::Quantified => return self.syntax("a quantifier cannot follow another quantifier"),
            Last::Atom(pc) => {
                if let Some(Inst::Count { min: m, max: x, .. }) = self.prog.insts.get_mut(pc) {
                    (*m, *x) = (min, max);
                }
            }
            Last::Group(start) => self.repeat_group(start, min, max)?,
        }
        self.pos += len;
        self.last = Last::Quantified;
        Ok(())
    }

    /// Expands the group whose code runs from `start` to the end into `min` copies
    /// followed by `max - min` optional ones, or by a loop when unbounded.
    fn repeat_group(&mut self, start: usize, min: u32, max: Option<u32>) -> Result<(), Fail> {
        let len = self.prog.len - start;
        let (min, max) = (min as usize, max.map(|m| m as usize));
        // Checked before expanding, so a huge count fails at once.
        let needed = match max {
            Some(max) => min.saturating_mul(len).saturating_add((max - min).saturating_mul(len + 1)),
            None => min.max(1).saturating_mul(len).saturating_add(1 + usize::from(min == 0)),
        };
        if start.saturating_add(needed) >= N {
            return Err(self.too_big());
        }
        match max {
            Some(0) => self.prog.len = start,
            Some(max) => {
                // The first optional copy's split; all of them jump to the end.
                let mut first_split = None;
                if min == 0 {
                    self.insert(start, Inst::Split(1, 0))?;
                    first_split = Some(start);
                } else {
                    for _ in 1..min {
                        self.copy(start, len)?;
                    }
                }
                let body = if min == 0 { start + 1 } else { start };
                for _ in 0..max - min - usize::from(min == 0) {
                    let split = self.push(Inst::Split(1, 0))?;
                    first_split.get_or_insert(split);
                    self.copy(body, len)?;
                }
                let end = self.prog.len;
                if let Some(first) = first_split {
                    let mut split = first;
                    while split < end {
                        self.prog.insts[split] = Inst::Split(1, (end - split) as i32);
                        split += len + 1;
                    }
                }
            }
            None if min == 0 => {
                self.insert(start, Inst::Split(1, 0))?;
                let back = self.push(Inst::Jmp(0))?;
                self.prog.insts[back] = Inst::Jmp(-((back - start) as i32));
                self.prog.insts[start] = Inst::Split(1, (back + 1 - start) as i32);
            }
            None => {
                for _ in 1..min {
                    self.copy(start, len)?;
                }
                self.push(Inst::Split(-(len as i32), 1))?;
            }
        }
        Ok(())
    }
}

/// Parses `{n}`, `{n,}` or `{n,m}` at the start of `text` (at `offset`); returns
/// `(min, max, length)`.
fn braces(text: &str, offset: usize) -> Result<(u32, Option<u32>, usize), PatternError> {
    const SHAPE: &str = "expected {n}, {n,} or {n,m}";
    let close = text.find('}').ok_or(PatternError::new(offset, SHAPE))?;
    let inner = text.get(1..close).unwrap_or_default();
    let count = |digits: &str| -> Result<u32, PatternError> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PatternError::new(offset, SHAPE));
        }
        match digits.parse::<u32>() {
            Ok(n) if n <= MAX_REPEAT => Ok(n),
            _ => Err(PatternError::new(offset, "repetition count must be at most 10000")),
        }
    };
    let (min, max) = match inner.split_once(',') {
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
    Ok((min, max, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_at(p: &str) -> usize {
        compile::<256>(p, 512).err().expect("an error").error().offset()
    }

    fn program(p: &str) -> Vec<Inst<'_>> {
        let prog = compile::<256>(p, 512).expect("valid");
        prog.insts[..prog.len].to_vec()
    }

    fn count(c: char, min: u32, max: Option<u32>, base: u32, offset: u32) -> Inst<'static> {
        Inst::Count {
            atom: Atom::Char(c),
            min,
            max,
            base,
            offset,
        }
    }

    #[test]
    fn alternation_compiles_to_splits_and_jumps() {
        assert_eq!(
            program("a|b|c"),
            [
                Inst::Split(1, 3),
                count('a', 1, Some(1), 0, 0),
                Inst::Jmp(5),
                Inst::Split(1, 3),
                count('b', 1, Some(1), 1, 2),
                Inst::Jmp(2),
                count('c', 1, Some(1), 2, 4),
                Inst::Match,
            ]
        );
    }

    #[test]
    fn repeated_groups_are_expanded() {
        // (ab){1,2}: ab, then an optional copy.
        assert_eq!(
            program("(ab){1,2}"),
            [
                count('a', 1, Some(1), 0, 1),
                count('b', 1, Some(1), 1, 2),
                Inst::Split(1, 3),
                count('a', 1, Some(1), 2, 1),
                count('b', 1, Some(1), 3, 2),
                Inst::Match,
            ]
        );
        assert_eq!(
            program("(a)*"),
            [Inst::Split(1, 3), count('a', 1, Some(1), 0, 1), Inst::Jmp(-2), Inst::Match]
        );
        assert_eq!(program("(a)+"), [count('a', 1, Some(1), 0, 1), Inst::Split(-1, 1), Inst::Match]);
        assert_eq!(program("x(a){0}"), [count('x', 1, Some(1), 0, 0), Inst::Match]);
        assert_eq!(program("a{3,}"), [count('a', 3, None, 0, 0), Inst::Match]);
        assert_eq!(program("a{64}b")[1], count('b', 1, Some(1), 2, 5));
    }

    #[test]
    fn error_offsets() {
        assert_eq!(error_at("*a"), 0);
        assert_eq!(error_at("a**"), 2);
        assert_eq!(error_at("a+?"), 2);
        assert_eq!(error_at("a{2}{3}"), 4);
        assert_eq!(error_at("ab{2"), 2);
        assert_eq!(error_at("a{}"), 1);
        assert_eq!(error_at("a{,3}"), 1);
        assert_eq!(error_at("a{3,2}"), 1);
        assert_eq!(error_at("a{ 3}"), 1);
        assert_eq!(error_at("a{10001}"), 1);
        assert_eq!(error_at("a{99999999999999999999}"), 1);
        assert_eq!(error_at("x[abc"), 1);
        assert_eq!(error_at("x[]"), 1);
        assert_eq!(error_at("x[^]"), 1);
        assert_eq!(error_at("xy[a-\\d]"), 3);
        assert_eq!(error_at("a]"), 1);
        assert_eq!(error_at("a}"), 1);
        assert_eq!(error_at("é\\"), 2);
        assert_eq!(error_at("\\b"), 0);
        assert_eq!(error_at("(a)\\1"), 3);
        assert_eq!(error_at("ab(c"), 2);
        assert_eq!(error_at("a(b))"), 4);
        assert_eq!(error_at("(|*)"), 2);
        assert_eq!(error_at("(*)"), 1);
        assert_eq!(error_at("^*"), 1);
        assert_eq!(error_at("a(?=b)"), 1);
        assert_eq!(error_at("a(?<!b)"), 1);
        assert_eq!(error_at("(?<n>b)"), 0);
        assert_eq!(error_at("(?i)b"), 0);
        assert_eq!(error_at("x[a&&b]"), 3);
        assert_eq!(error_at("x[!--]"), 3);
        assert_eq!(error_at("[a~~]"), 2);
    }

    #[test]
    fn accepted_shapes() {
        for p in [
            "",
            "^",
            "$",
            "^$",
            "a$b",
            "()",
            "(|)",
            "a||b",
            "(?:a)",
            "[&-]",
            "[a\\-\\-]",
            "\\$",
            "a{10000}",
        ] {
            assert!(compile::<256>(p, 512).is_ok(), "{p:?}");
        }
    }
}
