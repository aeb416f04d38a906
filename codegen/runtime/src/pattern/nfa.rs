//! Matching: simulates the compiled program over a fixed-size bit set of states.
//!
//! Each [`Inst::Count`] owns the bits `0..=cap` from its word `base` on: bit `k` means
//! "inside this repetition, `k` characters consumed" (for an unbounded repetition the
//! last bit means "`min` or more"). A character shifts every live repetition's bits up
//! by one at once (or clears them when the atom does not match), a repetition holding a
//! count of at least `min` hands over to the next instruction, and the jumps, splits and
//! anchors are followed without consuming input. Matching is linear in the input,
//! times the program's size, and never backtracks.

use super::parse::{cap, compile, words, Fail, Inst, Program};
use super::PatternError;

/// The most instructions a pattern compiles to.
pub(crate) const MAX_INSTS: usize = 256;

/// The most state words (of 64 states) a pattern may use.
pub(crate) const MAX_WORDS: usize = 512;

/// The capacity tried first: most patterns fit, and it is cheap to set up.
const SMALL_INSTS: usize = 24;
const SMALL_WORDS: usize = 24;

/// Validates the pattern at the full capacity.
pub(crate) fn check(pattern: &str) -> Result<(), PatternError> {
    compile::<MAX_INSTS>(pattern, MAX_WORDS).map(|_| ()).map_err(Fail::error)
}

/// Whether the whole `input` matches; `false` for an invalid pattern.
pub(crate) fn run(pattern: &str, input: &str) -> bool {
    match compile::<SMALL_INSTS>(pattern, SMALL_WORDS) {
        Ok(program) => Machine::<SMALL_INSTS, SMALL_WORDS>::run(&program, input),
        Err(Fail::TooBig(_)) => match compile::<MAX_INSTS>(pattern, MAX_WORDS) {
            Ok(program) => Machine::<MAX_INSTS, MAX_WORDS>::run(&program, input),
            Err(_) => false,
        },
        Err(Fail::Syntax(_)) => false,
    }
}

struct Machine<const N: usize, const W: usize> {
    states: [u64; W],
    /// The step in which each instruction was last reached without consuming input.
    seen: [u32; N],
    step: u32,
    /// Instructions to follow, each pushed once a step.
    stack: [u16; N],
    top: usize,
}

impl<const N: usize, const W: usize> Machine<N, W> {
    fn run(program: &Program<'_, N>, input: &str) -> bool {
        let mut m = Machine {
            states: [0; W],
            seen: [0; N],
            step: 1,
            stack: [0; N],
            top: 0,
        };
        let insts = program.insts.get(..program.len).unwrap_or_default();
        m.push(0);
        let (mut matched, mut alive) = m.close(insts, true, input.is_empty());
        for (i, c) in input.char_indices() {
            if !alive {
                return false;
            }
            m.step += 1;
            alive = m.consume(insts, c);
            let (reached, entered) = m.close(insts, false, i + c.len_utf8() == input.len());
            matched = reached;
            alive |= entered;
        }
        matched
    }

    fn push(&mut self, pc: usize) {
        if let (Some(seen), Some(slot)) = (self.seen.get_mut(pc), self.stack.get_mut(self.top)) {
            if *seen != self.step {
                *seen = self.step;
                *slot = pc as u16;
                self.top += 1;
            }
        }
    }

    /// Advances every live repetition over `c`; queues the instruction after each one
    /// that may end here. Returns whether any repetition is still live.
    fn consume(&mut self, insts: &[Inst<'_>], c: char) -> bool {
        let mut alive = false;
        for (pc, inst) in insts.iter().enumerate() {
            let Inst::Count { atom, min, max, base, .. } = *inst else {
                continue;
            };
            let top = cap(min, max);
            let Some(region) = self.states.get_mut(base as usize..base as usize + words(top)) else {
                continue;
            };
            if region.iter().all(|&w| w == 0) {
                continue;
            }
            if !atom.matches(c) {
                region.fill(0);
                continue;
            }
            advance(region, top, max.is_none());
            alive |= region.iter().any(|&w| w != 0);
            if any_from(region, min as usize) {
                self.push(pc + 1);
            }
        }
        alive
    }

    /// Follows the queued instructions without consuming input; returns whether the
    /// end was reached and whether a repetition was entered.
    fn close(&mut self, insts: &[Inst<'_>], at_start: bool, at_end: bool) -> (bool, bool) {
        let (mut matched, mut entered) = (false, false);
        while self.top > 0 {
            self.top -= 1;
            let pc = usize::from(self.stack.get(self.top).copied().unwrap_or_default());
            let target = |offset: i32| pc.wrapping_add_signed(offset as isize);
            match insts.get(pc) {
                Some(Inst::Count { min, base, .. }) => {
                    if let Some(word) = self.states.get_mut(*base as usize) {
                        *word |= 1;
                        entered = true;
                    }
                    if *min == 0 {
                        self.push(pc + 1);
                    }
                }
                Some(Inst::Split(a, b)) => {
                    self.push(target(*b));
                    self.push(target(*a));
                }
                Some(Inst::Jmp(a)) => self.push(target(*a)),
                Some(Inst::Start) if at_start => self.push(pc + 1),
                Some(Inst::End) if at_end => self.push(pc + 1),
                Some(Inst::Match) => matched = true,
                _ => {}
            }
        }
        (matched, entered)
    }
}

/// Shifts the counts in `region` (bits `0..=cap`) up by one; an unbounded repetition
/// keeps its top count.
fn advance(region: &mut [u64], cap: usize, unbounded: bool) {
    let (top_word, top_bit) = (cap / 64, cap % 64);
    let saturated = unbounded && region.get(top_word).is_some_and(|w| w >> top_bit & 1 == 1);
    let mut carry = 0;
    for word in region.iter_mut() {
        let out = *word >> 63;
        *word = *word << 1 | carry;
        carry = out;
    }
    if let Some(word) = region.get_mut(top_word) {
        if top_bit < 63 {
            *word &= (1 << (top_bit + 1)) - 1;
        }
        if saturated {
            *word |= 1 << top_bit;
        }
    }
}

/// Whether any count of at least `min` is in `region`.
fn any_from(region: &[u64], min: usize) -> bool {
    let (word, bit) = (min / 64, min % 64);
    region.get(word).is_some_and(|w| w >> bit != 0) || region.iter().skip(word + 1).any(|&w| w != 0)
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
        assert!(!run("a.c", "a\nc"));
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
    fn groups_and_alternation() {
        let zip = "^\\d{5}(-\\d{4})?$";
        assert!(run(zip, "12345"));
        assert!(run(zip, "12345-6789"));
        assert!(!run(zip, "12345-678"));
        assert!(!run(zip, "12345-"));
        assert!(!run(zip, "1234"));
        assert!(run("a|b|c", "b"));
        assert!(!run("a|b|c", "ab"));
        assert!(run("x(a|bc)*y", "xabcay"));
        assert!(!run("x(a|bc)*y", "xaby"));
        assert!(run("(?:ab){2,3}", "ababab"));
        assert!(!run("(?:ab){2,3}", "ab"));
        assert!(!run("(?:ab){2,3}", "abababab"));
        assert!(run("(ab){2,}", "abababab"));
        assert!(!run("(ab){2,}", "ab"));
        assert!(run("(a|)+b", "b"));
        assert!(run("()*x", "x"));
        assert!(run("(a*)*", "aaa"));
        assert!(run("(a|b(c|d))e", "bde"));
        assert!(!run("(a|b(c|d))e", "be"));
        assert!(run("((a){0})b", "b"));
        assert!(run("x|(y|z)", "z"));
    }

    #[test]
    fn anchors_are_assertions() {
        assert!(run("^a|b$", "a"));
        assert!(run("^a|b$", "b"));
        assert!(!run("a^b", "ab"));
        assert!(!run("a$b", "ab"));
        assert!(run("(^a)+", "a"));
        assert!(!run("(^a)+", "aa"));
        assert!(run("a$|ab", "ab"));
    }

    #[test]
    fn overlapping_pieces_need_no_backtracking() {
        assert!(run("a*ab", "aaab"));
        assert!(run("[a-z]*z[a-z]{2}", "zzzzz"));
        assert!(run(".*x.*", "--x--"));
        assert!(!run(".*x.*", "-----"));
        assert!(run("\\d{3}-?\\d{4}", "5551234"));
        assert!(run("\\d{3}-?\\d{4}", "555-1234"));
        assert!(run("(a|ab)(c|bcd)(d*)", "abcd"));
    }

    #[test]
    fn long_repetitions() {
        let text = "x".repeat(5000);
        assert!(run("^.{0,5000}$", &text));
        assert!(!run("^.{0,5000}$", &(text.clone() + "x")));
        assert!(run("^.{0,5000}$", ""));
        assert!(run("[a-z]{10000}", &"q".repeat(10_000)));
        assert!(!run("[a-z]{10000}", &"q".repeat(9_999)));
        assert!(run("a{64}b{63,65}", &("a".repeat(64) + &"b".repeat(65))));
        assert!(!run("a{64}b{63,65}", &("a".repeat(64) + &"b".repeat(66))));
        assert!(run("(x{1000}y){3}", &("x".repeat(1000) + "y").repeat(3)));
    }

    #[test]
    fn pathological_patterns_stay_linear() {
        let many = "a*".repeat(100) + "b";
        let input = "a".repeat(10_000);
        assert!(!run(&many, &input));
        assert!(run(&many, &(input.clone() + "b")));
        assert!(!run("(a+)+b", &input));
        assert!(!run("(a|a)*b", &input));
        assert!(!run("a{0,1000}a{0,1}b", &input));
    }

    #[test]
    fn capacity() {
        assert!(check("a{10000}b{10000}c{10000}").is_ok());
        let err = check("a{10000}b{10000}c{10000}d{10000}").unwrap_err();
        assert_eq!(err.offset(), 24);
        assert!(!run("a{10000}b{10000}c{10000}d{10000}", "a"));
        assert!(check(&"a".repeat(255)).is_ok());
        assert_eq!(check(&"a".repeat(256)).unwrap_err().offset(), 255);
        assert!(check("(ab){85}").is_ok());
        assert_eq!(check("x(ab){200}").unwrap_err().offset(), 5);
        assert_eq!(check("(){0,10000}").unwrap_err().offset(), 2);
        assert!(check(&("(".repeat(31) + &")".repeat(31))).is_ok());
        assert_eq!(check(&"(".repeat(32)).unwrap_err().offset(), 31);
        assert_eq!(check(&"(".repeat(100_000)).unwrap_err().offset(), 31);
    }

    #[test]
    fn bit_ranges() {
        let mut r = [u64::MAX >> 1, 0];
        advance(&mut r, 100, false);
        assert_eq!(r, [u64::MAX - 1, 0]);
        advance(&mut r, 100, false);
        assert_eq!(r, [u64::MAX - 3, 1]);
        let mut r = [1 << 5];
        advance(&mut r, 5, true);
        assert_eq!(r, [1 << 5]);
        advance(&mut r, 5, false);
        assert_eq!(r, [0]);
        assert!(any_from(&[0, 1], 64));
        assert!(!any_from(&[1 << 3, 0], 4));
        assert!(any_from(&[1 << 4, 0], 4));
    }
}
