//! Reading spec files and locating every value in them.
//!
//! serde_yaml turns a file into the raw model but keeps no positions for values. This
//! stage walks the YAML event stream once (yaml-rust2) and records, for every key path,
//! where its key and its value start. Later stages ask the [`LocIndex`] for a path and
//! so point every semantic error at `file:line:col`. The same pass rejects what serde
//! would accept silently or badly: non-UTF-8 bytes, duplicate keys, aliases (the alias
//! bomb), excessive nesting and several documents in one file.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use crate::diag::{Diagnostics, Loc};

/// Largest spec file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;

/// One segment of a key path into a YAML document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

impl From<&str> for Seg {
    fn from(s: &str) -> Self {
        Seg::Key(s.to_owned())
    }
}
impl From<String> for Seg {
    fn from(s: String) -> Self {
        Seg::Key(s)
    }
}
impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

#[derive(Clone, Copy, Debug)]
struct Pos {
    line: usize,
    col: usize,
    len: usize,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: Option<Pos>,
    value: Pos,
}

/// A spec file's text and the positions of its values.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown in diagnostics.
    pub path: Arc<Path>,
    /// The file's text (valid UTF-8).
    pub text: String,
    index: HashMap<Vec<Seg>, Entry>,
}

impl SourceFile {
    /// Where the value at `path` starts; falls back to the nearest located ancestor.
    pub fn value_loc(&self, path: &[Seg]) -> Loc {
        self.find(path, false)
    }

    /// Where the key of `path` starts (the value's position when it has no key).
    pub fn key_loc(&self, path: &[Seg]) -> Loc {
        self.find(path, true)
    }

    /// Whether the file has a value at `path`.
    pub fn has(&self, path: &[Seg]) -> bool {
        self.index.contains_key(path)
    }

    fn find(&self, path: &[Seg], want_key: bool) -> Loc {
        let mut p = path;
        loop {
            if let Some(e) = self.index.get(p) {
                let pos = if want_key { e.key.unwrap_or(e.value) } else { e.value };
                return Loc {
                    file: self.path.clone(),
                    line: pos.line,
                    col: pos.col,
                    len: pos.len,
                };
            }
            match p.split_last() {
                Some((_, rest)) => p = rest,
                None => return Loc::file_start(self.path.clone()),
            }
        }
    }

    /// A location from serde_yaml's 1-based line and column.
    pub fn loc_at(&self, line: usize, col: usize) -> Loc {
        let len = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| {
                l.chars()
                    .skip(col.saturating_sub(1))
                    .take_while(|c| !matches!(c, ':' | ' ' | ',' | '}'))
                    .count()
            })
            .unwrap_or(1);
        Loc {
            file: self.path.clone(),
            line: line.max(1),
            col: col.max(1),
            len: len.max(1),
        }
    }
}

/// Reads and indexes one spec file. Returns `None` (after reporting) when the file cannot
/// be read as YAML at all; the caller then skips serde for it.
pub fn read(path: &Path, shown: Arc<Path>, diags: &mut Diagnostics) -> Option<SourceFile> {
    let start = Loc::file_start(shown.clone());
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error("io", start, format!("cannot read the spec file: {e}"), None);
            return None;
        }
    };
    from_bytes(&bytes, shown, diags)
}

/// Indexes spec text already in memory (used by `read`, the macro and tests).
pub fn from_bytes(bytes: &[u8], shown: Arc<Path>, diags: &mut Diagnostics) -> Option<SourceFile> {
    let start = Loc::file_start(shown.clone());
    if bytes.len() > MAX_FILE_BYTES {
        diags.error(
            "file-too-large",
            start,
            format!("the spec file is {} bytes, more than the limit of {MAX_FILE_BYTES}", bytes.len()),
            "split it: one file per endpoint, shared types in the API file",
        );
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_owned(),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
            diags.error(
                "not-utf8",
                Loc {
                    file: shown,
                    line,
                    col,
                    len: 1,
                },
                "the spec file is not valid UTF-8",
                "save the file as UTF-8",
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    if text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    }) {
        diags.error(
            "empty-file",
            start,
            "the spec file is empty",
            "a spec file starts with `api: <name>`; see docs/spec-format.md",
        );
        return None;
    }
    let mut indexer = Indexer {
        file: shown.clone(),
        diags,
        index: HashMap::new(),
        stack: Vec::new(),
        documents: 0,
        failed: false,
    };
    indexer.run(&text);
    if indexer.failed {
        return None;
    }
    let index = indexer.index;
    Some(SourceFile { path: shown, text, index })
}

enum Frame {
    Map {
        path: Vec<Seg>,
        pending: Option<(String, Pos)>,
        seen: HashMap<String, Pos>,
    },
    Seq {
        path: Vec<Seg>,
        next: usize,
    },
}

struct Indexer<'d> {
    file: Arc<Path>,
    diags: &'d mut Diagnostics,
    index: HashMap<Vec<Seg>, Entry>,
    stack: Vec<Frame>,
    documents: usize,
    failed: bool,
}

impl Indexer<'_> {
    fn loc(&self, p: Pos) -> Loc {
        Loc {
            file: self.file.clone(),
            line: p.line,
            col: p.col,
            len: p.len,
        }
    }

    fn fail(&mut self, id: &'static str, p: Pos, msg: String, hint: &str) {
        let loc = self.loc(p);
        self.diags.error(id, loc, msg, hint);
        self.failed = true;
    }

    fn run(&mut self, text: &str) {
        let mut parser = Parser::new_from_str(text);
        loop {
            let (event, mark) = match parser.next_token() {
                Ok(x) => x,
                Err(e) => {
                    let m = e.marker();
                    let p = Pos {
                        line: m.line().max(1),
                        col: m.col() + 1,
                        len: 1,
                    };
                    self.fail(
                        "yaml-syntax",
                        p,
                        format!("YAML syntax error: {}", e.info()),
                        "fix the YAML syntax; indent with spaces, not tabs",
                    );
                    return;
                }
            };
            let pos = Pos {
                line: mark.line().max(1),
                col: mark.col() + 1,
                len: 1,
            };
            match event {
                Event::StreamEnd => return,
                Event::DocumentStart => {
                    self.documents += 1;
                    if self.documents > 1 {
                        self.fail(
                            "multiple-documents",
                            pos,
                            "a spec file holds one YAML document, this is the second".into(),
                            "put each endpoint in a file of its own",
                        );
                        return;
                    }
                }
                Event::Alias(_) => {
                    self.fail(
                        "yaml-alias",
                        pos,
                        "YAML aliases are not supported in specs".into(),
                        "repeat the value, or define a named type under `types:` and refer to it",
                    );
                    return;
                }
                Event::Scalar(value, style, _, _) => {
                    let quoted = matches!(style, TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted);
                    let len = if matches!(style, TScalarStyle::Literal | TScalarStyle::Folded) {
                        1
                    } else {
                        value.chars().count() + 2 * usize::from(quoted)
                    };
                    self.scalar(value, Pos { len: len.max(1), ..pos });
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    if self.stack.len() >= MAX_DEPTH {
                        self.fail(
                            "too-deep",
                            pos,
                            format!("the spec nests deeper than {MAX_DEPTH} levels"),
                            "flatten it: dotted paths and named types keep nesting shallow",
                        );
                        return;
                    }
                    let Some(path) = self.value_path(pos) else { return };
                    if matches!(event, Event::MappingStart(..)) {
                        self.stack.push(Frame::Map {
                            path,
                            pending: None,
                            seen: HashMap::new(),
                        });
                    } else {
                        self.stack.push(Frame::Seq { path, next: 0 });
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    self.stack.pop();
                }
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            }
        }
    }

    /// Records a scalar: a mapping key, or a value.
    fn scalar(&mut self, value: String, pos: Pos) {
        if let Some(Frame::Map {
            pending: pending @ None,
            seen,
            ..
        }) = self.stack.last_mut()
        {
            if let Some(first) = seen.get(&value).copied() {
                let msg = format!("duplicate key `{value}` (first at line {}, column {})", first.line, first.col);
                self.fail("duplicate-key", pos, msg, "remove one of the two entries");
                return;
            }
            seen.insert(value.clone(), pos);
            *pending = Some((value, pos));
            return;
        }
        self.value_path(pos);
    }

    /// The path of the value starting now, recorded in the index; advances the parent.
    fn value_path(&mut self, pos: Pos) -> Option<Vec<Seg>> {
        let (path, key) = match self.stack.last_mut() {
            None => (Vec::new(), None),
            Some(Frame::Seq { path, next }) => {
                let mut p = path.clone();
                p.push(Seg::Index(*next));
                *next += 1;
                (p, None)
            }
            Some(Frame::Map { path, pending, .. }) => match pending.take() {
                Some((k, kpos)) => {
                    let mut p = path.clone();
                    p.push(Seg::Key(k));
                    (p, Some(kpos))
                }
                None => {
                    self.fail(
                        "complex-key",
                        pos,
                        "mapping keys must be plain strings".into(),
                        "write the key as a plain string",
                    );
                    return None;
                }
            },
        };
        // Container markers point past the opening token; a key's position reads better.
        let value = key.filter(|_| pos.len == 1 && pos.line > key.map_or(0, |k| k.line)).unwrap_or(pos);
        self.index.insert(path.clone(), Entry { key, value });
        Some(path)
    }
}

/// Builds a path from segments: `path!["body", name, "type"]`.
#[macro_export]
#[doc(hidden)]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$($crate::source::Seg::from($seg)),*] };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> (Option<SourceFile>, Vec<String>) {
        let mut d = Diagnostics::new();
        let f = from_bytes(text.as_bytes(), Arc::from(Path::new("t.yaml")), &mut d);
        (f, d.into_sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn locates_nested_values() {
        let (f, d) = index("api: x\nbody:\n  name:\n    type: strng\n");
        assert!(d.is_empty(), "{d:?}");
        let f = f.unwrap();
        let loc = f.value_loc(&path!["body", "name", "type"]);
        assert_eq!((loc.line, loc.col, loc.len), (4, 11, 5));
        let key = f.key_loc(&path!["body", "name"]);
        assert_eq!((key.line, key.col), (3, 3));
    }

    #[test]
    fn rejects_duplicates_aliases_and_tabs() {
        assert!(index("a: 1\na: 2\n").1[0].contains("duplicate key `a`"));
        assert!(index("a: &x 1\nb: *x\n").1[0].contains("aliases"));
        assert!(index("a:\n\t- b\n").1[0].contains("syntax"));
        assert!(index("# nothing\n").1[0].contains("empty"));
        assert!(index("a: 1\n---\nb: 2\n").1[0].contains("one YAML document"));
    }

    #[test]
    fn reports_invalid_utf8_position() {
        let mut d = Diagnostics::new();
        let r = from_bytes(b"api: x\nname: a\xff\n", Arc::from(Path::new("t.yaml")), &mut d);
        assert!(r.is_none());
        assert_eq!(
            d.into_sorted()[0].to_string(),
            "t.yaml:2:8: error[not-utf8]: the spec file is not valid UTF-8 (hint: save the file as UTF-8)"
        );
    }
}
