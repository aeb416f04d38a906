//! Matching by simulating the pattern as an automaton over a fixed-size bit set.
//!
//! Piece `i` with cap `c` (see [`Piece::cap`]) owns states `base_i ..= base_i + c`:
//! state `base_i + k` means "`k` repetitions of the atom consumed" (for an unbounded
//! piece, the last state means "`min` or more"). The state after the last piece is the
//! accepting one. Each input character advances every live state at once, so matching
//! is linear in the input and cannot backtrack.

use super::parse::{Piece, Pieces};
use super::PatternError;

/// The most states a pattern may use.
pub(crate) const CAPACITY: usize = 1024;

const WORDS: usize = CAPACITY / 64;

/// A set of automaton states.
#[derive(Clone, Copy, PartialEq, Eq)]
struct States([u64; WORDS]);

impl States {
    const EMPTY: States = States([0; WORDS]);

    fn insert(&mut self, state: usize) {
        if let Some(word) = self.0.get_mut(state / 64) {
            *word |= 1 << (state % 64);
        }
    }

    fn contains(&self, state: usize) -> bool {
        self.0.get(state / 64).is_some_and(|word| word & (1 << (state % 64)) != 0)
    }

    fn any_in(&self, from: usize, to: usize) -> bool {
        (from..=to).any(|state| self.contains(state))
    }

    fn is_empty(&self) -> bool {
        *self == States::EMPTY
    }
}

/// Validates the pattern and returns the index of its accepting state.
pub(crate) fn count_states(pattern: &str) -> Result<usize, PatternError> {
    Pieces::new(pattern).try_fold(0usize, |base, piece| {
        let piece = piece?;
        let next = base + piece.cap() as usize + 1;
        if next >= CAPACITY {
            return Err(PatternError::new(
                piece.offset,
                "pattern too large: its repetition counts add up to more than 1023",
            ));
        }
        Ok(next)
    })
}

/// Calls `f(base, piece)` for each piece; stops silently on an (unexpected) error.
fn for_each_piece(pattern: &str, mut f: impl FnMut(usize, &Piece<'_>)) {
    let mut base = 0;
    for piece in Pieces::new(pattern) {
        let Ok(piece) = piece else { return };
        f(base, &piece);
        base += piece.cap() as usize + 1;
    }
}

/// Adds the states reachable without consuming input: a piece whose count is at
/// least `min` may hand over to the next piece.
fn close(pattern: &str, states: &mut States) {
    for_each_piece(pattern, |base, piece| {
        let cap = piece.cap() as usize;
        if states.any_in(base + piece.min as usize, base + cap) {
            states.insert(base + cap + 1);
        }
    });
}

/// The states after consuming `c`.
fn step(pattern: &str, current: &States, c: char) -> States {
    let mut next = States::EMPTY;
    for_each_piece(pattern, |base, piece| {
        let cap = piece.cap() as usize;
        if !current.any_in(base, base + cap) || !piece.atom.matches(c) {
            return;
        }
        for count in (0..=cap).filter(|&k| current.contains(base + k)) {
            if count < cap {
                next.insert(base + count + 1);
            } else if piece.max.is_none() {
                next.insert(base + count);
            }
        }
    });
    close(pattern, &mut next);
    next
}

/// Whether the whole `input` matches; `false` for an invalid pattern.
pub(crate) fn run(pattern: &str, input: &str) -> bool {
    let Ok(accept) = count_states(pattern) else {
        return false;
    };
    let mut current = States::EMPTY;
    current.insert(0);
    close(pattern, &mut current);
    for c in input.chars() {
        current = step(pattern, &current, c);
        if current.is_empty() {
            return false;
        }
    }
    current.contains(accept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_any() {
        assert!(run("", ""));
        assert!(!run("", "a"));
        assert!(run("abc", "abc"));
        assert!(!run("abc", "ab"));
        assert!(!run("abc", "abcd"));
        assert!(run("a.c", "a€c"));
        assert!(run("日本.", "日本語"));
        assert!(run("^abc$", "abc"));
        assert!(run("a\\.b", "a.b"));
        assert!(!run("a\\.b", "axb"));
    }

    #[test]
    fn repetition() {
        assert!(run("a*", ""));
        assert!(run("a*", "aaaa"));
        assert!(!run("a+", ""));
        assert!(run("a+b", "aaab"));
        assert!(run("colou?r", "color"));
        assert!(run("colou?r", "colour"));
        assert!(!run("colou?r", "colouur"));
        assert!(run("[0-9]{2,4}", "12"));
        assert!(run("[0-9]{2,4}", "1234"));
        assert!(!run("[0-9]{2,4}", "1"));
        assert!(!run("[0-9]{2,4}", "12345"));
        assert!(run("x{3,}", "xxx"));
        assert!(run("x{3,}", "xxxxxxxx"));
        assert!(!run("x{3,}", "xx"));
        assert!(run("a{0}b", "b"));
        assert!(!run("a{0}b", "ab"));
        assert!(run("a{0,}", ""));
    }

    #[test]
    fn overlapping_pieces_need_no_backtracking() {
        assert!(run("a*ab", "aaab"));
        assert!(run("[a-z]*z[a-z]{2}", "zzzzz"));
        assert!(run(".*x.*", "--x--"));
        assert!(!run(".*x.*", "-----"));
        assert!(run("\\d{3}-?\\d{4}", "5551234"));
        assert!(run("\\d{3}-?\\d{4}", "555-1234"));
    }

    #[test]
    fn pathological_patterns_stay_fast() {
        let many = "a*".repeat(100) + "b";
        let input = "a".repeat(10_000);
        let started = std::time::Instant::now();
        assert!(!run(&many, &input));
        assert!(run(&many, &(input.clone() + "b")));
        assert!(!run("(a+)+b", &input));
        assert!(!run("a{0,1000}a{0,1}b", &input));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn state_budget() {
        assert_eq!(count_states(""), Ok(0));
        assert_eq!(count_states("ab*c{2,5}d{3,}"), Ok(2 + 1 + 6 + 4));
        assert_eq!(count_states("a{1000}b{21}"), Ok(1023));
        let err = count_states("a{1000}b{22}").unwrap_err();
        assert_eq!(err.offset(), 7);
        assert!(!run("a{1000}b{22}", "a"));
        assert!(run("a{1000}", &"a".repeat(1000)));
        assert!(!run("a{1000}", &"a".repeat(999)));
    }

    #[test]
    fn bit_set() {
        let mut s = States::EMPTY;
        assert!(s.is_empty());
        s.insert(1023);
        s.insert(CAPACITY + 5); // ignored, never panics
        assert!(s.contains(1023));
        assert!(!s.contains(CAPACITY + 5));
        assert!(s.any_in(1000, 1023));
        assert!(!s.any_in(0, 1022));
    }
}
