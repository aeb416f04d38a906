//! Reading spec files and locating every value in them.
//!
//! serde_yaml turns a file into the raw model but keeps no positions for values. This
//! stage walks the YAML event stream once (yaml-rust2) and records, for every key path,
//! where its key and its value start. Later stages ask the [`SourceFile`] for a path and
//! so point every semantic error at `file:line:col`. The same pass rejects what serde
//! would accept silently or badly: non-UTF-8 bytes, duplicate keys, aliases (the alias
//! bomb), excessive nesting and several documents in one file.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
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
pub enum KeySeg {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

impl From<&str> for KeySeg {
    fn from(s: &str) -> Self {
        KeySeg::Key(s.to_owned())
    }
}
impl From<String> for KeySeg {
    fn from(s: String) -> Self {
        KeySeg::Key(s)
    }
}
impl From<usize> for KeySeg {
    fn from(i: usize) -> Self {
        KeySeg::Index(i)
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
    /// The file's text (for a file that is not UTF-8, its lossy decoding).
    pub text: String,
    /// Whether the YAML was read and indexed. When `false` an error has been reported and
    /// the text is kept only to quote it in diagnostics: the file must not be deserialized.
    pub parsed: bool,
    /// Keyed by path hash (see `child_hash`): no path is stored, so indexing allocates little.
    index: HashMap<u64, Entry>,
}

impl SourceFile {
    /// Where the value at `path` starts; falls back to the nearest located ancestor.
    pub fn value_loc(&self, path: &[KeySeg]) -> Loc {
        self.find(path, false)
    }

    /// Where the key of `path` starts (the value's position when it has no key).
    pub fn key_loc(&self, path: &[KeySeg]) -> Loc {
        self.find(path, true)
    }

    /// Whether the file has a value at `path`.
    pub fn has(&self, path: &[KeySeg]) -> bool {
        prefix_hashes(path).last().is_some_and(|h| self.index.contains_key(h))
    }

    fn find(&self, path: &[KeySeg], want_key: bool) -> Loc {
        for h in prefix_hashes(path).iter().rev() {
            if let Some(e) = self.index.get(h) {
                let pos = if want_key { e.key.unwrap_or(e.value) } else { e.value };
                return Loc {
                    file: self.path.clone(),
                    line: pos.line,
                    col: pos.col,
                    len: pos.len,
                };
            }
        }
        Loc::file_start(self.path.clone())
    }

    /// A location from serde_yaml's 1-based line and column.
    pub fn loc_at(&self, line: usize, col: usize) -> Loc {
        // The indexed scalar starting there knows its length (`yes please`, `"a: b"`).
        let indexed = self
            .index
            .values()
            .flat_map(|e| [Some(e.value), e.key])
            .flatten()
            .find(|p| p.line == line && p.col == col)
            .map(|p| p.len);
        let len = indexed.unwrap_or_else(|| {
            self.text
                .lines()
                .nth(line.saturating_sub(1))
                .map(|l| {
                    l.chars()
                        .skip(col.saturating_sub(1))
                        .take_while(|c| !matches!(c, ':' | ' ' | ',' | '}'))
                        .count()
                })
                .unwrap_or(1)
        });
        Loc {
            file: self.path.clone(),
            line: line.max(1),
            col: col.max(1),
            len: len.max(1),
        }
    }
}

/// The hash of a path one segment longer than the path hashed as `parent`. A spec's
/// paths are few, so 64 bits make a collision (a misplaced caret) practically impossible.
fn child_hash(parent: u64, seg: SegRef<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    parent.hash(&mut h);
    match seg {
        SegRef::Key(k) => (0u8, k).hash(&mut h),
        SegRef::Index(i) => (1u8, i).hash(&mut h),
    }
    h.finish()
}

/// The root path's hash.
const ROOT_HASH: u64 = 0x6d75_7461_7370_6563;

#[derive(Clone, Copy)]
enum SegRef<'a> {
    Key(&'a str),
    Index(usize),
}

/// The hash of every prefix of `path`, the root first.
fn prefix_hashes(path: &[KeySeg]) -> Vec<u64> {
    let mut out = Vec::with_capacity(path.len() + 1);
    let mut h = ROOT_HASH;
    out.push(h);
    for seg in path {
        h = child_hash(
            h,
            match seg {
                KeySeg::Key(k) => SegRef::Key(k),
                KeySeg::Index(i) => SegRef::Index(*i),
            },
        );
        out.push(h);
    }
    out
}

/// Reads and indexes one spec file. Returns `None` (after reporting) when the file cannot
/// be read at all; a file that is not usable YAML comes back with `parsed: false`.
///
/// Only a regular file is read, and never more than [`MAX_FILE_BYTES`] + 1 bytes of it: its
/// type and size are checked before it is opened (a FIFO would block `open`, a device or a
/// sparse file would be read without end), again on the opened handle (the path may have
/// been replaced meanwhile), and the read itself is bounded (the file may grow).
pub fn read(path: &Path, shown: Arc<Path>, diags: &mut Diagnostics) -> Option<SourceFile> {
    let start = Loc::file_start(shown.clone());
    match read_regular(path) {
        Ok(bytes) => from_bytes(&bytes, shown, diags),
        Err(ReadError::NotRegular(kind)) => {
            diags.error(
                "not-a-regular-file",
                start,
                format!("the spec file is {kind}, not a regular file"),
                "spec files are plain files: replace it with the file itself",
            );
            None
        }
        Err(ReadError::TooLarge(size)) => {
            too_large(size, start, diags);
            None
        }
        Err(ReadError::Io(e)) => {
            diags.error("io", start, format!("cannot read the spec file: {e}"), None);
            None
        }
    }
}

/// Why a spec file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not a regular file: what it is (`a directory`, `a FIFO`...).
    NotRegular(&'static str),
    /// Larger than the limit: its size, or `None` when it grew past the limit while read.
    TooLarge(Option<u64>),
    /// The operating system's error.
    Io(std::io::Error),
}

/// What a file type is, in words, when it is not a regular file.
pub(crate) fn file_kind(ft: std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a directory");
    }
    if ft.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The bytes of the regular file at `path`, at most [`MAX_FILE_BYTES`].
pub(crate) fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let check = |meta: std::fs::Metadata| match file_kind(meta.file_type()) {
        Some(kind) => Err(ReadError::NotRegular(kind)),
        None if meta.len() > MAX_FILE_BYTES as u64 => Err(ReadError::TooLarge(Some(meta.len()))),
        None => Ok(()),
    };
    // Before opening: opening a FIFO blocks until a writer comes.
    check(std::fs::metadata(path).map_err(ReadError::Io)?)?;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    check(file.metadata().map_err(ReadError::Io)?)?;
    read_bounded(file)
}

/// Reads at most [`MAX_FILE_BYTES`] bytes; one byte more is an error, whatever follows.
pub(crate) fn read_bounded(reader: impl std::io::Read) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(None));
    }
    Ok(bytes)
}

fn too_large(size: Option<u64>, start: Loc, diags: &mut Diagnostics) {
    let size = size.map_or_else(|| "more than the limit".to_owned(), |n| format!("{n} bytes, more than the limit"));
    diags.error(
        "file-too-large",
        start,
        format!("the spec file is {size} of {MAX_FILE_BYTES}"),
        "split it: one file per endpoint, shared types in the API file",
    );
}

/// Indexes spec text already in memory (used by `read`, the macro and tests).
///
/// Returns `None` only for a file too large to keep; any other failure is reported and
/// returns the text with `parsed: false`, so diagnostics can quote its lines.
pub fn from_bytes(bytes: &[u8], shown: Arc<Path>, diags: &mut Diagnostics) -> Option<SourceFile> {
    let start = Loc::file_start(shown.clone());
    if bytes.len() > MAX_FILE_BYTES {
        too_large(Some(bytes.len() as u64), start, diags);
        return None;
    }
    let unparsed = |text: String| {
        Some(SourceFile {
            path: shown.clone(),
            text,
            parsed: false,
            index: HashMap::new(),
        })
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => normalize(t),
        Err(e) => {
            let valid = normalize(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]));
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            diags.error(
                "not-utf8",
                Loc {
                    file: shown.clone(),
                    line,
                    col,
                    len: 1,
                },
                "the spec file is not valid UTF-8",
                "save the file as UTF-8",
            );
            // Quoted lossily, the offending byte shows as `\u{fffd}` under the caret.
            return unparsed(normalize(&String::from_utf8_lossy(bytes)));
        }
    };
    if !check_characters(&text, &shown, diags) {
        return unparsed(text);
    }
    if is_blank(&text) {
        diags.error(
            "empty-file",
            start,
            "the spec file is empty",
            "a spec file starts with `api: <name>`; see README.md (Spec format)",
        );
        return unparsed(text);
    }
    let mut indexer = Indexer {
        file: shown.clone(),
        diags,
        index: HashMap::new(),
        stack: Vec::new(),
        flow: Vec::new(),
        documents: 0,
        failed: false,
    };
    indexer.run(&text);
    let parsed = !indexer.failed;
    let index = indexer.index;
    Some(SourceFile {
        path: shown,
        text,
        parsed,
        index,
    })
}

/// Most `bad-character` errors reported for one file; the rest are counted in one more.
const MAX_CHARACTER_ERRORS: usize = 20;

/// Why a character is refused anywhere in a spec file, or `None` for an accepted one.
///
/// serde_yaml (libyaml, YAML 1.1) breaks lines at U+0085, U+2028 and U+2029, the position
/// index (yaml-rust2, YAML 1.2) does not: a line one reads as a comment the other reads as
/// a field. Control characters and a byte order mark past the start are refused by
/// libyaml with a byte offset only, and would reach the terminal in quoted lines. Refused
/// in the raw text, both parsers read the same document; inside a double-quoted string an
/// escape (`\u2028`, `\x1b`) still writes any of them.
fn refused_character(c: char) -> Option<&'static str> {
    match c {
        '\u{85}' | '\u{2028}' | '\u{2029}' => Some("a line break for some YAML parsers and not for others"),
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("a control character"),
        '\u{feff}' => Some("a byte order mark past the start of the file"),
        '\u{fffe}' | '\u{ffff}' => Some("not a character"),
        _ => None,
    }
}

/// Reports every refused character (see [`refused_character`]) at its line and column;
/// `false` when there is one (the file must then not be parsed).
fn check_characters(text: &str, file: &Arc<Path>, diags: &mut Diagnostics) -> bool {
    let mut found = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        for (col, c) in line.chars().enumerate() {
            let Some(why) = refused_character(c) else { continue };
            found += 1;
            if found > MAX_CHARACTER_ERRORS {
                continue;
            }
            let loc = Loc {
                file: file.clone(),
                line: i + 1,
                col: col + 1,
                len: 1,
            };
            diags.error(
                "bad-character",
                loc,
                format!("character U+{:04X} is not allowed in a spec file: it is {why}", u32::from(c)),
                format!(
                    "remove it; inside a double-quoted string write it as the escape `\\u{:04X}`",
                    u32::from(c)
                ),
            );
        }
    }
    if found > MAX_CHARACTER_ERRORS {
        diags.error(
            "bad-character",
            Loc::file_start(file.clone()),
            format!(
                "{} more refused characters in this file (the first {MAX_CHARACTER_ERRORS} are reported)",
                found - MAX_CHARACTER_ERRORS
            ),
            "is it a spec file? spec files are YAML text",
        );
    }
    found == 0
}

enum Frame {
    Map {
        path: u64,
        pending: Option<(String, Pos)>,
        seen: HashMap<String, Pos>,
    },
    Seq {
        path: u64,
        next: usize,
    },
}

struct Indexer<'d> {
    file: Arc<Path>,
    diags: &'d mut Diagnostics,
    index: HashMap<u64, Entry>,
    stack: Vec<Frame>,
    /// Per frame of `stack`: the opening `{` or `[` of a flow collection.
    flow: Vec<Option<(Pos, char)>>,
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
        let lines = LineIndex::new(text);
        let mut parser = Parser::new_from_str(text);
        loop {
            let (event, mark) = match parser.next_token() {
                Ok(x) => x,
                Err(e) => {
                    let m = e.marker();
                    // At the end of the input the scanner may count a line the text lacks.
                    let last = text.lines().count().max(1);
                    let p = if m.line() > last {
                        let col = line_of(text, last).chars().count() + 1;
                        Pos { line: last, col, len: 1 }
                    } else {
                        Pos {
                            line: m.line().max(1),
                            col: m.col() + 1,
                            len: 1,
                        }
                    };
                    self.syntax_error(text, e.info(), p);
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
                    let len = line_of(text, pos.line)
                        .chars()
                        .skip(pos.col - 1)
                        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
                        .count();
                    self.fail(
                        "yaml-alias",
                        Pos { len: len.max(1), ..pos },
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
                    let plain = matches!(style, TScalarStyle::Plain);
                    self.scalar(value, plain, Pos { len: len.max(1), ..pos });
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    if self.stack.len() >= MAX_DEPTH {
                        // A block mapping's marker is inside its first entry: the key whose
                        // value nests too deep is the place to show.
                        let at = match self.stack.last() {
                            Some(Frame::Map { pending: Some((_, k)), .. }) => *k,
                            _ => pos,
                        };
                        self.fail(
                            "too-deep",
                            at,
                            format!("the spec nests deeper than {MAX_DEPTH} levels"),
                            "flatten it: dotted paths (`a.b.c: string`) and named types keep nesting shallow",
                        );
                        return;
                    }
                    let Some(path) = self.value_path(pos) else { return };
                    let opener = lines.line(pos.line).chars().nth(pos.col - 1).filter(|c| matches!(c, '{' | '['));
                    self.flow.push(opener.map(|c| (pos, c)));
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
                    self.flow.pop();
                }
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            }
        }
    }

    /// Reports a YAML syntax error. The scanner's position is often where it gave up, not
    /// where the mistake is: for the common mistakes it is moved to the offending token,
    /// and the hint says what to do.
    fn syntax_error(&mut self, text: &str, info: &str, at: Pos) {
        let line = line_of(text, at.line);
        let indent = line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
        let tab = line.chars().take(indent).position(|c| c == '\t');
        let head: String = line.chars().take(at.col - 1).collect();
        let key: String = line.chars().skip(indent).take_while(|c| *c != ':').collect();
        let key_start = Pos {
            col: indent + 1,
            len: key.chars().count().max(1),
            ..at
        };
        let flow = self.flow.iter().rev().flatten().next().copied();
        let mut message = format!("YAML syntax error: {info}");
        let tab_hint = "indent with spaces: YAML does not allow tabs in indentation";
        let (pos, hint) = if let Some(t) = tab.filter(|_| info.contains("tab")) {
            (Pos { col: t + 1, len: 1, ..at }, tab_hint.to_owned())
        } else if let Some(t) = next_tab(text, at).filter(|_| info.contains("tab")) {
            (t, tab_hint.to_owned())
        } else if info.contains("quoted scalar") {
            let hint = "close the quote (a quoted value that goes on over several lines indents them); inside the value write `\\\"` (double quotes) or `''` (single quotes)";
            (at, hint.to_owned())
        } else if let Some((open, c)) = flow.filter(|(open, _)| open.line < at.line) {
            let close = if c == '{' { '}' } else { ']' };
            message = format!(
                "YAML syntax error: `{c}` is not closed (the parser gave up at line {}, column {}: {info})",
                at.line, at.col
            );
            (open, format!("close it with `{close}`, separating its entries with `,`"))
        } else if info.contains("flow") {
            let hint = "inside `{ }` and `[ ]`, quote a value that contains `[`, `]`, `{`, `}` or `,`, e.g. `{ type: \"Address[]\" }`";
            (at, hint.to_owned())
        } else if info.contains("mapping values are not allowed") && !head[indent.min(head.len())..].contains(": ") && !key.is_empty() {
            let hint = format!("`{key}` is indented differently from the keys before it: keys of one mapping start in the same column, and a key indented deeper needs a parent without a value");
            (key_start, hint)
        } else if info.contains("mapping values are not allowed") {
            (at, "quote a value that contains `: `, e.g. `title: \"Update: account\"`".to_owned())
        } else if info.contains("did not find expected key") {
            let hint = "check this line's indentation: the keys of one mapping start in the same column, and a `- ` list item cannot stand among keys";
            (
                Pos {
                    len: line.chars().count().saturating_sub(indent).max(1),
                    ..key_start
                },
                hint.to_owned(),
            )
        } else {
            (at, "fix the YAML syntax at this position".to_owned())
        };
        self.fail("yaml-syntax", pos, message, &hint);
    }

    /// Records a scalar: a mapping key, or a value.
    fn scalar(&mut self, value: String, plain: bool, pos: Pos) {
        if let Some(Frame::Map {
            pending: pending @ None,
            seen,
            ..
        }) = self.stack.last_mut()
        {
            // Keyed as serde reads it (`True` and `0x1` are `true` and `1`), so keys that
            // collide once read are duplicates here too, and every path lookup finds its key.
            let key = if plain { key_as_read(&value) } else { value.clone() };
            let first = seen.get(&key).copied();
            if first.is_none() {
                seen.insert(key.clone(), pos);
            }
            // Even a duplicate becomes the pending key, so its value is not taken for a key.
            *pending = Some((key.clone(), pos));
            if let Some(first) = first {
                let read = if key == value {
                    String::new()
                } else {
                    format!(", read as `{key}`")
                };
                let msg = format!("duplicate key `{value}`{read} (first at line {}, column {})", first.line, first.col);
                self.fail("duplicate-key", pos, msg, "remove one of the two entries");
            }
            return;
        }
        self.value_path(pos);
    }

    /// The path (hash) of the value starting now, recorded in the index; advances the
    /// parent.
    fn value_path(&mut self, pos: Pos) -> Option<u64> {
        let (path, key) = match self.stack.last_mut() {
            None => (ROOT_HASH, None),
            Some(Frame::Seq { path, next }) => {
                let h = child_hash(*path, SegRef::Index(*next));
                *next += 1;
                (h, None)
            }
            Some(Frame::Map { path, pending, .. }) => match pending.take() {
                Some((k, kpos)) => (child_hash(*path, SegRef::Key(&k)), Some(kpos)),
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
        self.index.insert(path, Entry { key, value });
        Some(path)
    }
}

/// A plain mapping key as the raw model reads it through serde_yaml: a boolean or an
/// integer in any of its spellings becomes its canonical text (`KeyString`); anything
/// else is kept.
fn key_as_read(key: &str) -> String {
    match key {
        "true" | "True" | "TRUE" => return "true".to_owned(),
        "false" | "False" | "FALSE" => return "false".to_owned(),
        _ => {}
    }
    let (negative, unsigned) = match key.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, key.strip_prefix('+').unwrap_or(key)),
    };
    let (radix, digits) = match unsigned.get(..2) {
        Some("0x") => (16, &unsigned[2..]),
        Some("0o") => (8, &unsigned[2..]),
        Some("0b") => (2, &unsigned[2..]),
        // A leading zero makes a string (YAML 1.2): `012` stays `012`.
        _ if unsigned.len() > 1 && unsigned.starts_with('0') => return key.to_owned(),
        _ => (10, unsigned),
    };
    if digits.starts_with(['+', '-']) {
        return key.to_owned();
    }
    match u64::from_str_radix(digits, radix) {
        Ok(n) if !negative => n.to_string(),
        Ok(n) if n <= 1 << 63 => (-(i128::from(n))).to_string(),
        _ => key.to_owned(),
    }
}

/// The top-level mapping of a side file of the tools (a codegen or an accept file), read
/// as a YAML value: `Ok(None)` for an empty file, `Err(())` once a YAML error or a
/// top level that is not a mapping is reported under `id` (`what` says what the file
/// is, `hint` how to write it).
#[cfg(feature = "full")]
pub(crate) fn side_file_mapping(
    src: &SourceFile,
    id: &'static str,
    what: &str,
    hint: &str,
    diags: &mut Diagnostics,
) -> Result<Option<serde_yaml::Mapping>, ()> {
    let value = match serde_yaml::from_str::<serde_yaml::Value>(&src.text) {
        Ok(v) => v,
        Err(e) => {
            let loc = e
                .location()
                .map_or_else(|| Loc::file_start(src.path.clone()), |l| src.loc_at(l.line(), l.column()));
            diags.error(id, loc, format!("not YAML: {e}"), None);
            return Err(());
        }
    };
    match value {
        serde_yaml::Value::Null => Ok(None),
        serde_yaml::Value::Mapping(m) => Ok(Some(m)),
        _ => {
            diags.error(id, src.value_loc(&[]), what.to_owned(), hint.to_owned());
            Err(())
        }
    }
}

/// Whether a spec text holds nothing: blank lines, comments and `---` only.
pub fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

/// The text without a byte order mark and with `\n` line breaks only. YAML also breaks
/// lines at a lone `\r`; normalized, the scanner's line numbers and the lines quoted in
/// diagnostics agree.
fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    }
}

/// The first tab at or after `at` (the scanner reports a tab at the scalar before it).
fn next_tab(text: &str, at: Pos) -> Option<Pos> {
    text.lines().enumerate().skip(at.line - 1).find_map(|(i, l)| {
        let skip = if i + 1 == at.line { at.col - 1 } else { 0 };
        let col = l.chars().skip(skip).position(|c| c == '\t')? + skip + 1;
        Some(Pos { line: i + 1, col, len: 1 })
    })
}

/// The text of a 1-based line, or `""`.
fn line_of(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

/// Where each line of a text starts: [`line_of`] in constant time, for the indexer, which
/// looks up the line of every mapping and sequence (scanning from the top each time
/// grows with the square of the file's length).
struct LineIndex<'t> {
    text: &'t str,
    /// Byte offset of each line's first character.
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    /// What [`line_of`] returns (the text has `\n` line breaks only: see `normalize`).
    fn line(&self, line: usize) -> &'t str {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let rest = &self.text[start..];
        rest.find('\n').map_or(rest, |end| &rest[..end])
    }
}

/// Builds a path from segments, as an array: `&path!["body", name, "type"]` is a `&[KeySeg]`.
#[macro_export]
#[doc(hidden)]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { [$($crate::source::KeySeg::from($seg)),*] };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_of() {
        for text in ["", "a", "a\n", "a\nbc", "a\n\nbc\n", "\n", "\n\n", "é: {x: 1}\n  - [1]\n"] {
            let index = LineIndex::new(text);
            for line in 0..6 {
                assert_eq!(index.line(line), line_of(text, line), "{text:?} line {line}");
            }
        }
    }

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
        assert!(!r.expect("the text is kept to quote it").parsed);
        assert_eq!(
            d.into_sorted()[0].to_string(),
            "t.yaml:2:8: error[not-utf8]: the spec file is not valid UTF-8 (hint: save the file as UTF-8)"
        );
    }

    #[test]
    fn reading_is_bounded_whatever_the_source_yields() {
        // An endless reader (like /dev/zero): the read stops one byte past the limit.
        assert!(matches!(read_bounded(std::io::repeat(b'a')), Err(ReadError::TooLarge(None))));
        let exact = vec![b'a'; MAX_FILE_BYTES];
        assert_eq!(read_bounded(&exact[..]).map(|b| b.len()).ok(), Some(MAX_FILE_BYTES));
    }

    #[test]
    fn line_breaks_the_parsers_disagree_on_are_refused() {
        for sep in ['\u{85}', '\u{2028}', '\u{2029}'] {
            let text = format!("api: x\nbody:\n  name: string # a comment{sep}  secret: string\n");
            // Why: serde_yaml reads a field the position index takes for a comment.
            let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("serde_yaml reads it");
            assert!(v["body"].get("secret").is_some(), "{sep:?}: {v:?}");
            let (f, d) = index(&text);
            assert!(!f.expect("kept for quoting").parsed);
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(d[0].starts_with("t.yaml:3:27: error[bad-character]"), "{d:?}");
        }
    }

    #[test]
    fn control_characters_are_reported_at_their_line_and_column() {
        let (_, d) = index("api: x\nbody:\n  na\u{1b}me: string\n  \u{7}x: y\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].starts_with("t.yaml:3:5: error[bad-character]: character U+001B"), "{d:?}");
        assert!(d[1].starts_with("t.yaml:4:3: error[bad-character]: character U+0007"), "{d:?}");
        // Escapes in a double-quoted string are not the characters themselves.
        let (f, d) = index("api: x\ndocs: \"a\\u2028b\\x1b\"\n");
        assert!(d.is_empty() && f.unwrap().parsed, "{d:?}");
    }

    #[test]
    fn refused_characters_are_counted_past_the_first_twenty() {
        let (_, d) = index(&format!("api: x\ndocs: {}\n", "\u{1}".repeat(25)));
        assert_eq!(d.len(), 21, "{d:?}");
        assert!(d[0].starts_with("t.yaml:1:1: error[bad-character]: 5 more"), "{d:?}");
    }

    #[test]
    fn keys_that_collide_once_read_are_duplicates_at_the_second() {
        for (a, b) in [("\"a\"", "a"), ("true", "True"), ("1", "0x1"), ("1", "+1"), ("'x'", "\"\\x78\"")] {
            let (_, d) = index(&format!("api: x\nbody:\n  {a}: string\n  {b}: string\n"));
            assert_eq!(d.len(), 1, "{a} {b}: {d:?}");
            assert!(d[0].starts_with("t.yaml:4:3: error[duplicate-key]"), "{a} {b}: {d:?}");
        }
        let (_, d) = index("api: x\nbody:\n  012: string\n  12: string\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(key_as_read("-0x10"), "-16");
    }
}
