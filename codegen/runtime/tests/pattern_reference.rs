//! The pattern engine against a reference: the `regex` crate.
//!
//! Random patterns are drawn from the supported grammar (groups, alternation, anchors,
//! classes, shorthands, escapes, every quantifier, counts across the 64-state word
//! boundary) and rendered twice: in the spec's syntax, for [`pattern::matches`], and in
//! `regex` syntax, wrapped as `^(?:P)$` (the spec's full-match rule) with the spec's
//! ASCII-only `\d` `\w` `\s` spelled out as classes. On random inputs and on near misses
//! of strings the pattern generates, both must give the same verdict; and
//! [`pattern::compile_check`] must accept every generated pattern.
//!
//! Mutated pattern texts check the parser itself: whenever `compile_check` accepts one
//! that means the same in both syntaxes, `regex` must accept it too and agree on it.

use mutaspec_runtime::pattern;
use proptest::prelude::*;

/// A tiny deterministic generator (xorshift), seeded by proptest.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pct(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The characters patterns and inputs are made of: a few letters and digits, the
/// punctuation the syntax gives a meaning to, whitespace, and non-ASCII.
const ALPHABET: &[char] = &[
    'a', 'b', 'c', 'z', 'A', 'Z', '0', '5', '9', '_', '-', '.', ' ', '\n', '\t', '(', ')', '[', ']', '{', '}', '|', '^', '$', '*', '+',
    '?', '\\', '&', '~', ',', '/', 'é', '日', '٣', '\u{0B}',
];

#[derive(Debug, Clone)]
enum Node {
    Lit(char),
    Any,
    /// `d`, `D`, `w`, `W`, `s` or `S`.
    Short(char),
    Class {
        negated: bool,
        items: Vec<Item>,
    },
    Group {
        alts: Vec<Vec<Node>>,
        capturing: bool,
    },
    Start,
    End,
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        form: u8,
    },
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Range(char, char),
    Short(char),
}

fn short_class(s: char) -> (&'static str, bool) {
    match s {
        'd' => ("0-9", false),
        'D' => ("0-9", true),
        'w' => ("0-9A-Za-z_", false),
        'W' => ("0-9A-Za-z_", true),
        's' => ("\\t\\n\\x0B\\x0C\\r ", false),
        _ => ("\\t\\n\\x0B\\x0C\\r ", true),
    }
}

fn short_matches(s: char, c: char) -> bool {
    let (set, negated) = short_class(s);
    let inside = match set {
        "0-9" => c.is_ascii_digit(),
        "0-9A-Za-z_" => c.is_ascii_alphanumeric() || c == '_',
        _ => matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' '),
    };
    inside != negated
}

/// Compiled steps and state words of a sequence of alternatives (the engine's
/// documented limits: 255 steps and a final match, 512 words).
fn alts_size(alts: &[Vec<Node>]) -> (usize, usize) {
    let mut total = (2 * (alts.len() - 1), 0);
    for node in alts.iter().flatten() {
        let (i, w) = node.size();
        total = (total.0 + i, total.1 + w);
    }
    total
}

impl Node {
    fn size(&self) -> (usize, usize) {
        match self {
            Node::Start | Node::End => (1, 0),
            Node::Group { alts, .. } => alts_size(alts),
            Node::Repeat { node, min, max, .. } if matches!(**node, Node::Group { .. }) => {
                let (i, w) = node.size();
                let (min, max) = (*min as usize, max.map(|m| m as usize));
                match max {
                    Some(max) => (min * i + (max - min) * (i + 1), max * w),
                    None if min == 0 => (i + 2, w),
                    None => (min * i + 1, min * w),
                }
            }
            Node::Repeat { min, max, .. } => (1, max.unwrap_or(*min) as usize / 64 + 1),
            _ => (1, 1),
        }
    }

    fn spec(&self, out: &mut String, rng: &mut Rng) {
        match self {
            Node::Lit(c) => spec_char(*c, out, rng, false),
            Node::Any => out.push('.'),
            Node::Short(s) => {
                out.push('\\');
                out.push(*s);
            }
            Node::Class { negated, items } => {
                out.push('[');
                if *negated {
                    out.push('^');
                }
                for item in items {
                    match *item {
                        Item::Range(lo, hi) => {
                            spec_char(lo, out, rng, true);
                            if lo != hi {
                                out.push('-');
                                spec_char(hi, out, rng, true);
                            }
                        }
                        Item::Short(s) => {
                            out.push('\\');
                            out.push(s);
                        }
                    }
                }
                out.push(']');
            }
            Node::Group { alts, capturing } => {
                out.push_str(if *capturing { "(" } else { "(?:" });
                alts_spec(alts, out, rng);
                out.push(')');
            }
            Node::Start => out.push('^'),
            Node::End => out.push('$'),
            Node::Repeat { node, min, max, form } => {
                node.spec(out, rng);
                quantifier(*min, *max, *form, out);
            }
        }
    }

    fn regex(&self, out: &mut String) {
        match self {
            Node::Lit(c) => out.push_str(&regex::escape(&c.to_string())),
            Node::Any => out.push('.'),
            Node::Short(s) => {
                let (set, negated) = short_class(*s);
                out.push_str(if negated { "[^" } else { "[" });
                out.push_str(set);
                out.push(']');
            }
            Node::Class { negated, items } => {
                out.push_str(if *negated { "[^" } else { "[" });
                for item in items {
                    match *item {
                        Item::Range(lo, hi) => {
                            out.push_str(&regex::escape(&lo.to_string()));
                            out.push('-');
                            out.push_str(&regex::escape(&hi.to_string()));
                        }
                        Item::Short(s) => {
                            let (set, negated) = short_class(s);
                            out.push_str(if negated { "[^" } else { "[" });
                            out.push_str(set);
                            out.push(']');
                        }
                    }
                }
                out.push(']');
            }
            Node::Group { alts, .. } => {
                out.push_str("(?:");
                for (i, alt) in alts.iter().enumerate() {
                    if i > 0 {
                        out.push('|');
                    }
                    alt.iter().for_each(|n| n.regex(out));
                }
                out.push(')');
            }
            Node::Start => out.push('^'),
            Node::End => out.push('$'),
            Node::Repeat { node, min, max, form } => {
                node.regex(out);
                quantifier(*min, *max, *form, out);
            }
        }
    }

    /// Appends a string the node probably matches (anchors aside).
    fn sample(&self, out: &mut String, rng: &mut Rng) {
        match self {
            Node::Lit(c) => out.push(*c),
            Node::Any => out.push(pick_where(rng, |c| c != '\n')),
            Node::Short(s) => out.push(pick_where(rng, |c| short_matches(*s, c))),
            Node::Class { negated, items } => {
                out.push(pick_where(rng, |c| class_matches(*negated, items, c)));
            }
            Node::Group { alts, .. } => {
                let alt = &alts[rng.below(alts.len())];
                alt.iter().for_each(|n| n.sample(out, rng));
            }
            Node::Start | Node::End => {}
            Node::Repeat { node, min, max, .. } => {
                let top = max.unwrap_or(min + 3);
                let times = *min as usize + rng.below((top - min) as usize + 1);
                for _ in 0..times {
                    node.sample(out, rng);
                }
            }
        }
    }
}

fn class_matches(negated: bool, items: &[Item], c: char) -> bool {
    let listed = items.iter().any(|item| match *item {
        Item::Range(lo, hi) => (lo..=hi).contains(&c),
        Item::Short(s) => short_matches(s, c),
    });
    listed != negated
}

/// A character of the alphabet satisfying `ok`, or `ok`'s first fit among a few extras.
fn pick_where(rng: &mut Rng, ok: impl Fn(char) -> bool) -> char {
    for _ in 0..20 {
        let c = rng.pick(ALPHABET);
        if ok(c) {
            return c;
        }
    }
    ALPHABET
        .iter()
        .copied()
        .chain(['q', 'Q', '€', '\r'])
        .find(|&c| ok(c))
        .unwrap_or('a')
}

/// A character in the spec's syntax: punctuation escaped (sometimes needlessly, when
/// plain it would mean itself), `\n` `\t` `\r` sometimes as escapes.
fn spec_char(c: char, out: &mut String, rng: &mut Rng, in_class: bool) {
    let meta = if in_class { "\\[]^-&~" } else { "\\.+*?()|[]{}^$" };
    match c {
        '\n' | '\t' | '\r' if rng.pct(50) => {
            out.push('\\');
            out.push(match c {
                '\n' => 'n',
                '\t' => 't',
                _ => 'r',
            });
        }
        c if meta.contains(c) || (c.is_ascii_punctuation() && rng.pct(30)) => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
}

fn alts_spec(alts: &[Vec<Node>], out: &mut String, rng: &mut Rng) {
    for (i, alt) in alts.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        alt.iter().for_each(|n| n.spec(out, rng));
    }
}

fn quantifier(min: u32, max: Option<u32>, form: u8, out: &mut String) {
    match (min, max, form) {
        (0, None, 0) => out.push('*'),
        (1, None, 0) => out.push('+'),
        (0, Some(1), 0) => out.push('?'),
        (n, None, _) => out.push_str(&format!("{{{n},}}")),
        (n, Some(m), _) if n == m && form == 1 => out.push_str(&format!("{{{n}}}")),
        (n, Some(m), _) => out.push_str(&format!("{{{n},{m}}}")),
    }
}

fn gen_alts(rng: &mut Rng, depth: usize) -> Vec<Vec<Node>> {
    let count = if rng.pct(60) { 1 } else { 2 + rng.below(2) };
    (0..count).map(|_| gen_seq(rng, depth)).collect()
}

fn gen_seq(rng: &mut Rng, depth: usize) -> Vec<Node> {
    let len = rng.below(5);
    (0..len).map(|_| gen_node(rng, depth)).collect()
}

fn gen_node(rng: &mut Rng, depth: usize) -> Node {
    let atom = gen_atom(rng, depth);
    if matches!(atom, Node::Start | Node::End) || !rng.pct(40) {
        return atom;
    }
    let (min, max, form) = match rng.below(8) {
        0 => (0, None, 0),
        1 => (1, None, 0),
        2 => (0, Some(1), 0),
        3 => {
            let n = rng.below(4) as u32;
            (n, Some(n), 1)
        }
        4 => (rng.below(3) as u32, None, 1),
        5 if !matches!(atom, Node::Group { .. }) => {
            // Counts around the 64-state word boundary.
            let n = 60 + rng.below(8) as u32;
            (n - rng.below(3) as u32, Some(n), 1)
        }
        _ => {
            let n = rng.below(3) as u32;
            (n, Some(n + rng.below(3) as u32), 1)
        }
    };
    Node::Repeat {
        node: Box::new(atom),
        min,
        max,
        form,
    }
}

fn gen_atom(rng: &mut Rng, depth: usize) -> Node {
    match rng.below(20) {
        0..=7 => Node::Lit(rng.pick(ALPHABET)),
        8 => Node::Any,
        9 | 10 => Node::Short(rng.pick(&['d', 'D', 'w', 'W', 's', 'S'])),
        11..=13 => {
            let items = (0..1 + rng.below(3))
                .map(|_| {
                    if rng.pct(20) {
                        Item::Short(rng.pick(&['d', 'D', 'w', 'W', 's', 'S']))
                    } else {
                        let (a, b) = (rng.pick(ALPHABET), rng.pick(ALPHABET));
                        if rng.pct(50) {
                            Item::Range(a, a)
                        } else {
                            Item::Range(a.min(b), a.max(b))
                        }
                    }
                })
                .collect();
            Node::Class {
                negated: rng.pct(30),
                items,
            }
        }
        14 => Node::Start,
        15 => Node::End,
        _ if depth < 3 => Node::Group {
            alts: gen_alts(rng, depth + 1),
            capturing: rng.pct(50),
        },
        _ => Node::Lit(rng.pick(ALPHABET)),
    }
}

/// A pattern in both syntaxes, and strings to try it on.
fn case(seed: u64) -> (String, String, Vec<String>) {
    let mut rng = Rng(seed | 1);
    let mut alts = gen_alts(&mut rng, 0);
    while alts_size(&alts).0 > 255 || alts_size(&alts).1 > 512 {
        alts = gen_alts(&mut rng, 0);
    }
    let mut spec = String::new();
    alts_spec(&alts, &mut spec, &mut rng);
    let top = Node::Group { alts, capturing: false };
    let mut reference = String::from("^");
    top.regex(&mut reference);
    reference.push('$');
    let mut inputs = vec![String::new()];
    for _ in 0..6 {
        let mut s = String::new();
        top.sample(&mut s, &mut rng);
        inputs.push(near_miss(&s, &mut rng));
        inputs.push(s);
    }
    for _ in 0..3 {
        let len = rng.below(6);
        inputs.push((0..len).map(|_| rng.pick(ALPHABET)).collect());
    }
    (spec, reference, inputs)
}

/// `s` with one character deleted, inserted, doubled or replaced.
fn near_miss(s: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(4) {
        0 if at < chars.len() => {
            chars.remove(at);
        }
        1 if at < chars.len() => chars.insert(at, chars[at]),
        2 if at < chars.len() => chars[at] = rng.pick(ALPHABET),
        _ => chars.insert(at, rng.pick(ALPHABET)),
    }
    chars.into_iter().collect()
}

fn reference(re: &str) -> regex::Regex {
    regex::RegexBuilder::new(re)
        .size_limit(1 << 26)
        .build()
        .unwrap_or_else(|e| panic!("the reference refuses {re:?}: {e}"))
}

/// 3000 cases unless `PROPTEST_CASES` says otherwise; a failure prints its seed (no
/// regressions file beside the sources).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(3000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_patterns_agree_with_regex(seed in any::<u64>()) {
        let (spec, re, inputs) = case(seed);
        prop_assert!(pattern::compile_check(&spec).is_ok(), "{spec:?} refused: {:?}", pattern::compile_check(&spec));
        let re = reference(&re);
        for input in &inputs {
            prop_assert_eq!(
                pattern::matches(&spec, input),
                re.is_match(input),
                "pattern {:?} (regex {:?}) on {:?}", spec, re.as_str(), input
            );
        }
    }

    #[test]
    fn mutated_patterns_the_engine_accepts_mean_what_regex_says(seed in any::<u64>(), edits in 1usize..4) {
        let (spec, _, inputs) = case(seed);
        let mut rng = Rng(seed.rotate_left(17) | 1);
        let mut text = spec;
        for _ in 0..edits {
            text = near_miss(&text, &mut rng);
        }
        // Only texts whose every escape means the same in both syntaxes: no shorthands
        // (ASCII here, Unicode there) and no escaped `<`, `>` (word boundaries there).
        let mut escapes = text.split('\\').skip(1);
        let same = escapes.all(|after| after.is_empty() || after.starts_with(|c: char| "nrt.+*?()|[]{}^$\\-&~#".contains(c)));
        if pattern::compile_check(&text).is_ok() && same {
            let re = regex::RegexBuilder::new(&format!("^(?:{text})$")).size_limit(1 << 26).build();
            let re = re.map_err(|e| TestCaseError::fail(format!("accepted {text:?}, which regex refuses: {e}")))?;
            for input in inputs.iter().chain([&text]) {
                prop_assert_eq!(pattern::matches(&text, input), re.is_match(input), "pattern {:?} on {:?}", text, input);
            }
        }
    }
}

#[test]
fn long_repetitions_agree_with_regex() {
    for (p, lengths) in [
        ("^.{0,5000}$", &[0usize, 1, 4999, 5000, 5001][..]),
        ("[a-z]{100,130}", &[99, 100, 128, 130, 131]),
        ("(?:a|b){3,}c?", &[2, 3, 300]),
        ("x[^y]{63,65}", &[62, 63, 64, 65, 66]),
    ] {
        let re = reference(&format!("^(?:{p})$"));
        for &n in lengths {
            for input in [
                "a".repeat(n),
                "a".repeat(n.saturating_sub(1)) + "\n",
                "x".to_string() + &"a".repeat(n),
            ] {
                assert_eq!(pattern::matches(p, &input), re.is_match(&input), "{p:?} on {} chars", input.len());
            }
        }
    }
}
