//! Deserializing a spec file into the raw model, reporting every shape error of it.
//!
//! serde stops at the first error. To report them all, a failing file is read again as a
//! `serde_yaml::Value` and repaired round by round: the offending node of each error is
//! taken out (an unknown key is removed, a value of the wrong type is replaced by a
//! placeholder that fits) and the repaired value is deserialized again, until it passes
//! or a bound is reached. Each error is reported once, at its place in the original file
//! (from its key path, through the position index); what a placeholder causes is never
//! reported, so there are no cascades. A file with shape errors is not resolved.

use std::collections::HashMap;

use serde_yaml::Value;

use crate::diag::{Diagnostics, Loc};
use crate::raw::RawFile;
use crate::source::{KeySeg, SourceFile};

/// Most deserialization rounds for one file (each error and each placeholder tried is one).
const MAX_ROUNDS: usize = 256;
/// Most bytes deserialized again for one file, over all rounds: a large file gets fewer
/// rounds, so the repair costs at most a few full reads of the largest spec file.
const MAX_WORK: usize = 16 << 20;
/// Most shape errors reported for one file.
const MAX_ERRORS: usize = 100;

/// serde_yaml into the raw model; every shape error becomes a located diagnostic. A file
/// the indexer could not read (already reported) is skipped.
pub(super) fn deserialize(src: &SourceFile, diags: &mut Diagnostics) -> Option<RawFile> {
    if !src.parsed {
        return None;
    }
    let mut err = match serde_yaml::from_str::<RawFile>(&src.text) {
        Ok(raw) => return Some(raw),
        Err(e) => e,
    };
    let mut repair = Repair {
        src,
        value: serde_yaml::from_str::<Value>(&src.text).ok(),
        placeholders: HashMap::new(),
        reported: 0,
        misspelt: Vec::new(),
        first: true,
    };
    let rounds = (MAX_WORK / src.text.len().max(1)).clamp(8, MAX_ROUNDS);
    for round in 0..=rounds {
        if round == rounds || repair.reported >= MAX_ERRORS {
            // The bound is reached with errors left: say so, rather than imply none.
            diags.error(
                "spec-shape",
                Loc::file_start(src.path.clone()),
                format!("more shape errors may follow the {} reported in this file", repair.reported),
                "fix these and run again",
            );
            break;
        }
        if !repair.step(&err, diags) {
            break;
        }
        let Some(text) = repair.value.as_ref().and_then(|v| serde_yaml::to_string(v).ok()) else {
            break;
        };
        match serde_yaml::from_str::<RawFile>(&text) {
            Ok(_) => break,
            Err(e) => err = e,
        }
    }
    None
}

/// Values tried, in order, in place of a value of the wrong type: an optional key takes
/// `null`, a required one the first of the others that its type accepts.
fn placeholder(i: usize) -> Option<Value> {
    Some(match i {
        0 => Value::Null,
        1 => Value::String(String::new()),
        2 => Value::Number(0.into()),
        3 => Value::Bool(false),
        4 => Value::Mapping(serde_yaml::Mapping::new()),
        5 => Value::Sequence(Vec::new()),
        _ => return None,
    })
}

struct Repair<'a> {
    src: &'a SourceFile,
    /// The file as a value, repaired so far (`None`: it cannot be read as one).
    value: Option<Value>,
    /// Paths holding a placeholder, with the index of the one tried.
    placeholders: HashMap<Vec<KeySeg>, usize>,
    reported: usize,
    /// `(mapping, key)` an unknown key was taken for (`mesage` for `message`): its missing
    /// field is the same mistake, not reported again.
    misspelt: Vec<(Vec<KeySeg>, String)>,
    /// Whether `err` comes from the original text (its line and column are the file's).
    first: bool,
}

impl Repair<'_> {
    /// Reports `err` (unless a placeholder caused it) and repairs its node; `false` when
    /// nothing more can be done.
    fn step(&mut self, err: &serde_yaml::Error, diags: &mut Diagnostics) -> bool {
        let first = std::mem::replace(&mut self.first, false);
        let text = err.to_string();
        let body = match (err.location(), text.rfind(" at line ")) {
            (Some(_), Some(i)) => &text[..i],
            _ => &text[..],
        };
        let (path_text, what) = split_path(body);
        let serde_loc = || match err.location().filter(|_| first) {
            Some(l) => self.src.loc_at(l.line(), l.column()),
            None => Loc::file_start(self.src.path.clone()),
        };
        let path = match (&self.value, path_text) {
            (_, None) => Some(Vec::new()),
            (Some(v), Some(p)) => resolve_path(v, p),
            (None, Some(_)) => None,
        };
        let (Some(path), Some(value)) = (path, self.value.as_mut()) else {
            let loc = serde_loc();
            report(&mut self.reported, loc, body, diags, &self.src.text);
            return false;
        };
        // A placeholder that does not fit: the next one, unreported.
        if let Some(at) = self.placeholders.keys().find(|p| path.starts_with(p)).cloned() {
            let next = self.placeholders[&at] + 1;
            let Some(v) = placeholder(next) else { return false };
            self.placeholders.insert(at.clone(), next);
            return set(value, &at, v);
        }
        if let Some(key) = quoted_after(what, "unknown field `") {
            let mut at = path.clone();
            at.push(KeySeg::Key(key.to_owned()));
            let loc = if first { serde_loc() } else { self.src.key_loc(&at) };
            report(&mut self.reported, loc, body, diags, &self.src.text);
            let expected = what.split("expected ").nth(1).unwrap_or("").split('`').skip(1).step_by(2);
            if let Some(meant) = crate::diag::suggest(key, expected) {
                self.misspelt.push((path.clone(), meant.to_owned()));
            }
            return remove(value, &path, key);
        }
        if let Some(key) = quoted_after(what, "missing field `") {
            if !self.misspelt.iter().any(|(p, k)| *p == path && k == key) {
                let loc = if path.is_empty() { serde_loc() } else { self.src.value_loc(&path) };
                report(&mut self.reported, loc, body, diags, &self.src.text);
            }
            let mut at = path.clone();
            at.push(KeySeg::Key(key.to_owned()));
            self.placeholders.insert(at.clone(), 0);
            return insert(value, &path, key);
        }
        if ["invalid type", "invalid value", "invalid length"]
            .iter()
            .any(|p| what.starts_with(p))
            && !path.is_empty()
        {
            // The original text's position is exact (a block list starts on the next line).
            let loc = if first { serde_loc() } else { self.src.value_loc(&path) };
            report(&mut self.reported, loc, body, diags, &self.src.text);
            self.placeholders.insert(path.clone(), 0);
            return set(value, &path, Value::Null);
        }
        let loc = if path.is_empty() { serde_loc() } else { self.src.value_loc(&path) };
        report(&mut self.reported, loc, body, diags, &self.src.text);
        false
    }
}

fn report(reported: &mut usize, mut loc: Loc, body: &str, diags: &mut Diagnostics, text: &str) {
    *reported += 1;
    // The scanner may place the end of the input on a line the text lacks.
    let lines = text.lines().count().max(1);
    if loc.line > lines {
        loc = Loc::file_start(loc.file);
    }
    let message = humanize(body);
    let hint = shape_hint(&message);
    diags.error("spec-shape", loc, message, hint);
}

/// How serde's messages start (after the path, when there is one).
const PHRASES: [&str; 7] = [
    "invalid type: ",
    "invalid value: ",
    "invalid length ",
    "missing field `",
    "unknown field `",
    "duplicate field `",
    "unknown variant `",
];

/// `body.name: unknown field ...` as the path (`None` at the root) and the message.
fn split_path(body: &str) -> (Option<&str>, &str) {
    if PHRASES.iter().any(|p| body.starts_with(p)) {
        return (None, body);
    }
    let mut from = 0;
    while let Some(i) = body[from..].find(": ").map(|i| i + from) {
        if PHRASES.iter().any(|p| body[i + 2..].starts_with(p)) {
            return (Some(&body[..i]), &body[i + 2..]);
        }
        from = i + 2;
    }
    (None, body)
}

/// The text between `prefix` (which ends in a backtick) and the next backtick.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.strip_prefix(prefix)?.split('`').next()
}

/// A mapping key as serde reads it into the raw model (`KeyString`).
fn key_str(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// serde_yaml's path text (`body.a.b[2].c`) as segments of `v`: a key may itself hold dots
/// (`configuration.sweep.minBalance`), so keys are matched against the value, longest
/// first.
fn resolve_path(v: &Value, s: &str) -> Option<Vec<KeySeg>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let prepend = |seg: KeySeg, mut tail: Vec<KeySeg>| {
        tail.insert(0, seg);
        tail
    };
    match v {
        Value::Sequence(items) => {
            let rest = s.strip_prefix('[')?;
            let close = rest.find(']')?;
            let i: usize = rest[..close].parse().ok()?;
            let after = &rest[close + 1..];
            let tail = resolve_path(items.get(i)?, after.strip_prefix('.').unwrap_or(after))?;
            Some(prepend(KeySeg::Index(i), tail))
        }
        Value::Mapping(m) => {
            let mut keys: Vec<(String, &Value)> = m
                .iter()
                .filter_map(|(k, child)| Some((key_str(k)?, child)))
                .filter(|(k, _)| s.starts_with(k.as_str()) && matches!(s.as_bytes().get(k.len()), None | Some(b'.' | b'[')))
                .collect();
            keys.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
            keys.into_iter().find_map(|(k, child)| {
                let after = &s[k.len()..];
                let tail = resolve_path(child, after.strip_prefix('.').unwrap_or(after))?;
                Some(prepend(KeySeg::Key(k), tail))
            })
        }
        Value::Tagged(t) => resolve_path(&t.value, s),
        _ => None,
    }
}

fn node_mut<'v>(v: &'v mut Value, path: &[KeySeg]) -> Option<&'v mut Value> {
    let Some((seg, rest)) = path.split_first() else {
        return Some(v);
    };
    let child = match (v, seg) {
        (Value::Mapping(m), KeySeg::Key(k)) => m.iter_mut().find(|(key, _)| key_str(key).as_deref() == Some(k)).map(|(_, c)| c)?,
        (Value::Sequence(items), KeySeg::Index(i)) => items.get_mut(*i)?,
        (Value::Tagged(t), _) => return node_mut(&mut t.value, path),
        _ => return None,
    };
    node_mut(child, rest)
}

/// Replaces the value at `path`.
fn set(root: &mut Value, path: &[KeySeg], new: Value) -> bool {
    node_mut(root, path).map(|v| *v = new).is_some()
}

/// Removes `key` from the mapping at `path`.
fn remove(root: &mut Value, path: &[KeySeg], key: &str) -> bool {
    let Some(Value::Mapping(m)) = node_mut(root, path) else {
        return false;
    };
    let Some(k) = m.keys().find(|k| key_str(k).as_deref() == Some(key)).cloned() else {
        return false;
    };
    m.shift_remove(&k).is_some()
}

/// Adds `key: null` to the mapping at `path` (the first placeholder).
fn insert(root: &mut Value, path: &[KeySeg], key: &str) -> bool {
    let Some(Value::Mapping(m)) = node_mut(root, path) else {
        return false;
    };
    m.insert(Value::String(key.to_owned()), Value::Null);
    true
}

/// serde's words for YAML shapes and Rust integer types, in the words of a spec writer.
fn humanize(message: &str) -> String {
    [
        ("invalid type: map,", "invalid type: a mapping,"),
        ("invalid type: sequence,", "invalid type: a list,"),
        ("invalid type: unit value,", "invalid type: nothing,"),
        ("expected a sequence", "expected a list"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number from 0 to 4294967295"),
        ("expected u64", "expected a whole number, 0 or more"),
    ]
    .iter()
    .fold(message.to_owned(), |m, (from, to)| m.replace(from, to))
}

/// A hint for a serde message: a "did you mean" for unknown keys, what to write for a
/// value of the wrong shape.
fn shape_hint(message: &str) -> String {
    if let Some(unknown) = message.split("unknown field `").nth(1).and_then(|r| r.split('`').next()) {
        let expected: Vec<&str> = message
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .split('`')
            .skip(1)
            .step_by(2)
            .collect();
        return match crate::diag::suggest(unknown, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "remove it; README.md (Spec format) lists the keys each place takes".to_owned(),
        };
    }
    if let Some(missing) = message.split("missing field `").nth(1).and_then(|r| r.split('`').next()) {
        return match missing {
            "api" => "every spec file names its API first: `api: <name>`".to_owned(),
            "value" => "a constraint written as a mapping has `value:`, e.g. `{ value: 40, error: CODE }`".to_owned(),
            other => format!("add `{other}:` here; README.md (Spec format) lists the keys each place takes"),
        };
    }
    let expected = message.rsplit("expected ").next().unwrap_or("");
    let hint = match expected {
        e if e.starts_with("a whole number") => "write a number without quotes, e.g. `40`",
        e if e.starts_with("a list") => "write a list: `[A, B]`, or one `- item` per line",
        e if e.starts_with("a mapping") => "write `key: value` entries here, one per line or as `{ key: value }`",
        e if e.starts_with("a boolean") => "write `true` or `false`",
        e if e.starts_with("a string") => "write a single value; quote it if it contains `: `, `#` or starts with `[`, `{`, `*`, `&`",
        e if e.starts_with("a type") => "write a type (`name: string`) or a field mapping (`name: { type: string, docs: ... }`)",
        e if e.starts_with("a constraint") => {
            "write the value alone (`max_length: 40`) or a mapping (`max_length: { value: 40, error: CODE }`)"
        }
        e if e.starts_with("a setting") => "list setting names: `locked_by: [nameUpdates]`",
        e if e.starts_with("a number") => "write a number, e.g. `0`, `-3` or `\"1050.00\"`",
        _ => "README.md (Spec format) describes what each key takes",
    };
    hint.to_owned()
}
