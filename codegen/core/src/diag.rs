//! Diagnostics: what is wrong with a spec, where, and how to fix it.
//!
//! Every stage reports into one collector instead of returning early, so a
//! user sees every mistake of a run at once: a [`Diagnostic`] each. Rendering follows rustc: a header, the
//! `file:line:col` arrow, the offending source line with a caret, secondary labels
//! (`-`, with their text) at other places of the same file or under `:::` for another
//! file, and a hint.
//!
//! The renderer is this module's own, not annotate-snippets' or codespan-reporting's:
//! both were tried (README, "CLI"); each changed the layout of every diagnostic, let
//! control characters of labels or file names through raw, and failed on a span past
//! the end of its line (a panic, or a diagnostic silently dropped).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec cannot be used.
    Error,
    /// The spec is usable, but something deserves a look.
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A position in a spec file: 1-based line and column (columns count characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// The file, as given to the loader (relative paths stay relative).
    pub file: Arc<Path>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// How many characters to underline (at least 1).
    pub len: usize,
}

impl Loc {
    /// A location at the start of `file`.
    pub fn file_start(file: Arc<Path>) -> Loc {
        Loc {
            file,
            line: 1,
            col: 1,
            len: 1,
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", escape(&self.file.display().to_string()), self.line, self.col)
    }
}

/// Whether a character could act on a terminal (or hide text) rather than show: control
/// characters (ESC, BEL, C1), line and paragraph separators, bidirectional controls, a
/// byte order mark.
fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Text from a spec (a message, a hint, a file name) made safe to print: every character
/// that could act on a terminal becomes a visible escape (`\u{1b}`). Line breaks stay.
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && acts_on_terminal(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c != '\n' && acts_on_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Columns a character takes in a terminal: 0 for combining marks and joiners, 2 for wide
/// characters (CJK, Hangul, full-width forms, emoji), 1 otherwise.
fn char_width(c: char) -> usize {
    let u = u32::from(c);
    let zero = matches!(u, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200B..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
        | 0xE0100..=0xE01EF);
    let wide = matches!(u, 0x1100..=0x115F | 0x231A..=0x231B | 0x2329..=0x232A | 0x23E9..=0x23EC | 0x23F0 | 0x23F3
        | 0x25FD..=0x25FE | 0x2614..=0x2615 | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1 | 0x26AA..=0x26AB
        | 0x26BD..=0x26BE | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA | 0x26FD
        | 0x2705 | 0x270A..=0x270B | 0x2728 | 0x274C | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2795..=0x2797 | 0x27B0
        | 0x27BF | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x16FE0..=0x18CFF | 0x1B000..=0x1B2FF
        | 0x1F004 | 0x1F0CF | 0x1F18E | 0x1F191..=0x1F19A | 0x1F200..=0x1F251 | 0x1F300..=0x1F64F
        | 0x1F680..=0x1F6FF | 0x1F7E0..=0x1F7EB | 0x1F90C..=0x1F9FF | 0x1FA70..=0x1FAFF | 0x20000..=0x3FFFD);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}

/// A source line as shown, and for each of its characters the display column where it
/// starts (one more entry: the line's end). Tabs show as four spaces, characters that could
/// act on a terminal as escapes, wide characters take two columns: carets line up.
fn shown_line(line: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(line.len());
    let mut starts = Vec::with_capacity(line.len() + 1);
    let mut width = 0;
    for c in line.chars() {
        starts.push(width);
        if c == '\t' {
            out.push_str("    ");
            width += 4;
        } else if acts_on_terminal(c) {
            let e = format!("\\u{{{:x}}}", u32::from(c));
            width += e.len();
            out.push_str(&e);
        } else {
            out.push(c);
            width += char_width(c);
        }
    }
    starts.push(width);
    (out, starts)
}

/// A secondary place a diagnostic points at, with what it is (`first declared here`):
/// the other half of a duplicate, the declaration a reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where; any file of the spec.
    pub loc: Loc,
    /// What is there, a short phrase without a trailing period.
    pub message: String,
}

impl Label {
    /// A label at `loc`.
    pub fn new(loc: Loc, message: impl Into<String>) -> Label {
        Label {
            loc,
            message: message.into(),
        }
    }
}

/// A place to underline while rendering: where, the label's text (empty for the
/// primary location), and whether it is the primary one.
type Mark<'a> = (&'a Loc, &'a str, bool);

/// One finding about a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable kebab-case id of the check (`unknown-type`), for tests and suppression.
    pub id: &'static str,
    /// What is wrong, one sentence without a trailing period.
    pub message: String,
    /// Where.
    pub loc: Loc,
    /// How to fix it.
    pub hint: Option<String>,
    /// Other places that explain it, in the order given.
    pub labels: Vec<Label>,
}

impl Diagnostic {
    /// Renders the diagnostic like rustc, quoting the source line when `source` is given
    /// (the text of the primary location's file; labels in other files show only their
    /// location: [`render_in`](Self::render_in) quotes them too).
    pub fn render(&self, source: Option<&str>) -> String {
        self.render_with(source, Palette::PLAIN)
    }

    /// [`render`](Self::render) in `palette`'s colours; [`Palette::PLAIN`] gives exactly
    /// the uncoloured text. Colour codes wrap text that was escaped first: spec text never
    /// reaches the terminal raw, coloured or not.
    pub fn render_with(&self, source: Option<&str>, palette: Palette) -> String {
        let file = &self.loc.file;
        self.render_in(&|p: &Path| if p == &**file { source.map(str::to_owned) } else { None }, palette)
    }

    /// Renders the diagnostic with every location quoted whose file `sources` gives, in
    /// `palette`'s colours.
    pub fn render_in(&self, sources: &dyn Fn(&Path) -> Option<String>, palette: Palette) -> String {
        let p = palette;
        let level = match self.severity {
            Severity::Error => p.error,
            Severity::Warning => p.warning,
        };
        let reset = p.reset;
        let mut out = format!(
            "{level}{}[{}]{reset}{}: {}{reset}\n",
            self.severity.label(),
            self.id,
            p.emphasis,
            escape(&self.message)
        );
        // The files in order (the primary's first), each with its text and its marks:
        // (location, label text, primary).
        let mut files: Vec<(&Arc<Path>, Option<String>, Vec<Mark<'_>>)> =
            vec![(&self.loc.file, sources(&self.loc.file), vec![(&self.loc, "", true)])];
        for label in &self.labels {
            match files.iter_mut().find(|(f, _, _)| **f == label.loc.file) {
                Some((_, _, marks)) => marks.push((&label.loc, &label.message, false)),
                None => files.push((&label.loc.file, sources(&label.loc.file), vec![(&label.loc, &label.message, false)])),
            }
        }
        let line_of = |text: &Option<String>, n: usize| text.as_deref().and_then(|t| t.lines().nth(n.saturating_sub(1)).map(str::to_owned));
        // Marks whose line cannot be shown become notes.
        let mut notes: Vec<(&Loc, &str)> = Vec::new();
        for (_, text, marks) in &mut files {
            marks.retain(|(loc, message, primary)| {
                let shown = line_of(text, loc.line).is_some();
                if !shown && !primary {
                    notes.push((loc, message));
                }
                shown || *primary
            });
            marks.sort_by_key(|(loc, _, primary)| (loc.line, !primary, loc.col));
        }
        let gutter = files
            .iter()
            .flat_map(|(_, text, marks)| {
                marks
                    .iter()
                    .filter(|(loc, _, primary)| *primary || line_of(text, loc.line).is_some())
            })
            .map(|(loc, _, _)| loc.line.to_string().len())
            .max()
            .unwrap_or(1);
        let pad = " ".repeat(gutter);
        let bar = format!("{}|{reset}", p.location);
        let mut quoted = false;
        for (i, (_, text, marks)) in files.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("{pad}{}-->{reset} {}{}{reset}\n", p.location, p.location, self.loc));
            } else if marks.is_empty() {
                continue;
            } else {
                if quoted {
                    out.push_str(&format!("{pad} {bar}\n"));
                }
                out.push_str(&format!("{pad}{}:::{reset} {}{}{reset}\n", p.location, p.location, marks[0].0));
            }
            let mut last: Option<usize> = None;
            for (loc, message, primary) in marks {
                let Some(line) = line_of(text, loc.line) else { continue };
                if last != Some(loc.line) {
                    match last {
                        None => out.push_str(&format!("{pad} {bar}\n")),
                        Some(l) if loc.line > l + 1 => out.push_str(&format!("{}...{reset}\n", p.location)),
                        Some(_) => {}
                    }
                    let (shown, _) = shown_line(&line);
                    out.push_str(&format!("{}{:<gutter$}{reset} {bar} {}\n", p.location, loc.line, shown.trim_end()));
                    last = Some(loc.line);
                }
                let (_, starts) = shown_line(&line);
                // Columns count characters; past the line's end each counts one.
                let end = starts.len() - 1;
                let at = |col: usize| starts.get(col).copied().unwrap_or_else(|| starts[end] + col - end);
                let from = loc.col.saturating_sub(1);
                let to = from + loc.len.max(1);
                let caret_pad = " ".repeat(at(from));
                let width = at(to).saturating_sub(at(from)).max(1);
                let (colour, marks) = if *primary {
                    (level, "^".repeat(width))
                } else {
                    (p.location, "-".repeat(width))
                };
                let message = if message.is_empty() {
                    String::new()
                } else {
                    format!(" {}", escape(message))
                };
                out.push_str(&format!("{pad} {bar} {caret_pad}{colour}{marks}{message}{reset}\n"));
                quoted = true;
            }
        }
        for (loc, message) in notes {
            out.push_str(&format!(
                "{pad} {}={reset} {}note{reset}: {}: {}{loc}{reset}\n",
                p.location,
                p.emphasis,
                escape(message),
                p.location
            ));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!(
                "{pad} {}={reset} {}hint{reset}: {}\n",
                p.location,
                p.emphasis,
                escape(hint)
            ));
        }
        out
    }

    /// The diagnostic as one line of JSON (no line break inside), for
    /// `--message-format json`; README, "CLI", documents the fields. `rendered` is the
    /// uncoloured human form; the other texts are raw (JSON escapes every control
    /// character). `end_column` is exclusive.
    pub fn to_json(&self, source: Option<&str>) -> String {
        let file = &self.loc.file;
        self.to_json_in(&|p: &Path| if p == &**file { source.map(str::to_owned) } else { None })
    }

    /// [`to_json`](Self::to_json) with `rendered` quoting every location whose file
    /// `sources` gives.
    pub fn to_json_in(&self, sources: &dyn Fn(&Path) -> Option<String>) -> String {
        /// A span in the documented order.
        #[derive(serde::Serialize)]
        struct Span<'a> {
            file: String,
            line: usize,
            column: usize,
            end_line: usize,
            end_column: usize,
            message: &'a str,
        }
        /// The fields in the documented order.
        #[derive(serde::Serialize)]
        struct Json<'a> {
            reason: &'static str,
            severity: &'static str,
            code: &'static str,
            message: &'a str,
            file: String,
            line: usize,
            column: usize,
            end_line: usize,
            end_column: usize,
            hint: Option<&'a str>,
            labels: Vec<Span<'a>>,
            rendered: String,
        }
        let json = Json {
            reason: "diagnostic",
            severity: self.severity.label(),
            code: self.id,
            message: &self.message,
            file: self.loc.file.display().to_string(),
            line: self.loc.line,
            column: self.loc.col,
            end_line: self.loc.line,
            end_column: self.loc.col + self.loc.len.max(1),
            hint: self.hint.as_deref(),
            labels: self
                .labels
                .iter()
                .map(|l| Span {
                    file: l.loc.file.display().to_string(),
                    line: l.loc.line,
                    column: l.loc.col,
                    end_line: l.loc.line,
                    end_column: l.loc.col + l.loc.len.max(1),
                    message: &l.message,
                })
                .collect(),
            rendered: self.render_in(sources, Palette::PLAIN),
        };
        serde_json::to_string(&json).unwrap_or_default()
    }
}

/// The ANSI colour codes a rendering uses (SGR sequences); every field empty:
/// [`Palette::PLAIN`], no codes at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// `error[id]` and an error's carets.
    pub error: &'static str,
    /// `warning[id]` and a warning's carets.
    pub warning: &'static str,
    /// The `-->` arrow, the location, the gutter and its line number.
    pub location: &'static str,
    /// The message and the word `hint`.
    pub emphasis: &'static str,
    /// Ends a coloured span.
    pub reset: &'static str,
}

impl Palette {
    /// No colour: the text the exact-output tests compare.
    pub const PLAIN: Palette = Palette {
        error: "",
        warning: "",
        location: "",
        emphasis: "",
        reset: "",
    };

    /// rustc's colours: bold red errors, bold yellow warnings, bold blue locations.
    pub const ANSI: Palette = Palette {
        error: "\u{1b}[1;31m",
        warning: "\u{1b}[1;33m",
        location: "\u{1b}[1;34m",
        emphasis: "\u{1b}[1m",
        reset: "\u{1b}[0m",
    };

    /// [`ANSI`](Self::ANSI) when `color`, else [`PLAIN`](Self::PLAIN).
    pub fn new(color: bool) -> Palette {
        if color {
            Palette::ANSI
        } else {
            Palette::PLAIN
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[{}]: {}", self.loc, self.severity.label(), self.id, escape(&self.message))?;
        for label in &self.labels {
            write!(f, " ({}: {})", label.loc, escape(&label.message))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {})", escape(hint))?;
        }
        Ok(())
    }
}

/// Collects diagnostics across every stage of a run.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error.
    pub fn error(&mut self, id: &'static str, loc: Loc, message: impl Into<String>, hint: impl Into<Hint>) {
        self.push(Severity::Error, id, loc, message.into(), hint.into().0);
    }

    /// Records a warning.
    pub fn warning(&mut self, id: &'static str, loc: Loc, message: impl Into<String>, hint: impl Into<Hint>) {
        self.push(Severity::Warning, id, loc, message.into(), hint.into().0);
    }

    /// Records an error with secondary labels ([`Label`]): the other places that explain it.
    pub fn error_with_labels(
        &mut self,
        id: &'static str,
        loc: Loc,
        message: impl Into<String>,
        hint: impl Into<Hint>,
        labels: impl IntoIterator<Item = Label>,
    ) {
        self.push(Severity::Error, id, loc, message.into(), hint.into().0);
        if let Some(d) = self.items.last_mut() {
            d.labels.extend(labels);
        }
    }

    /// Records a diagnostic made elsewhere (one collected apart), labels included.
    pub fn push_diagnostic(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    fn push(&mut self, severity: Severity, id: &'static str, loc: Loc, message: String, hint: Option<String>) {
        self.items.push(Diagnostic {
            severity,
            id,
            message,
            loc,
            hint,
            labels: Vec::new(),
        });
    }

    /// Whether any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// All diagnostics, sorted by file, position, then message: deterministic output.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.loc.file, a.loc.line, a.loc.col, a.severity, &a.message).cmp(&(&b.loc.file, b.loc.line, b.loc.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// An optional hint; lets call sites pass `"text"`, a `String` or `None`.
pub(crate) struct Hint(Option<String>);

impl From<&str> for Hint {
    fn from(s: &str) -> Self {
        Hint(Some(s.to_owned()))
    }
}
impl From<String> for Hint {
    fn from(s: String) -> Self {
        Hint(Some(s))
    }
}
impl From<Option<String>> for Hint {
    fn from(s: Option<String>) -> Self {
        Hint(s)
    }
}

/// Renders diagnostics with their source lines, reading each file's text from `sources`.
#[cfg(feature = "full")]
pub(crate) fn render_all(diags: &[Diagnostic], sources: &dyn Fn(&Path) -> Option<String>) -> String {
    render_all_with(diags, sources, Palette::PLAIN)
}

/// Renders diagnostics with their source lines, in `palette`'s colours.
pub(crate) fn render_all_with(diags: &[Diagnostic], sources: &dyn Fn(&Path) -> Option<String>, palette: Palette) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render_in(sources, palette));
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    if errors > 0 || warnings > 0 {
        out.push_str(&format!("{errors} error(s), {warnings} warning(s)\n"));
    }
    out
}

/// The closest candidate to `name` by edit distance, if it is close enough to be a typo.
pub(crate) fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A "did you mean" hint, or a list of what is allowed when nothing is close.
pub(crate) fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
    match suggest(name, candidates.clone()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => {
            let all: Vec<String> = candidates.into_iter().map(|c| format!("`{c}`")).collect();
            if all.is_empty() {
                "nothing of that kind is defined".to_owned()
            } else {
                format!("expected one of {}", all.join(", "))
            }
        }
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours (`titel` is one edit from `title`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (rows[i - 1][j - 1] + cost).min(rows[i - 1][j] + 1).min(cur[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(cur);
    }
    rows[a.len()][b.len()]
}

/// Makes a path printable relative to the current directory when possible.
pub(crate) fn display_path(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(suggest("Adress", ["Address", "Phone"]), Some("Address"));
        assert_eq!(suggest("zzz", ["Address", "Phone"]), None);
        assert_eq!(suggest("titel", ["title", "types"]), Some("title"));
    }

    #[test]
    fn renders_like_rustc() {
        let d = Diagnostic {
            severity: Severity::Error,
            id: "unknown-type",
            message: "unknown type `Adress`".into(),
            loc: Loc {
                file: Arc::from(Path::new("a.yaml")),
                line: 2,
                col: 9,
                len: 6,
            },
            hint: Some("did you mean `Address`?".into()),
            labels: Vec::new(),
        };
        let text = d.render(Some("api: x\n  type: Adress\n"));
        assert_eq!(
            text,
            "error[unknown-type]: unknown type `Adress`\n --> a.yaml:2:9\n  |\n2 |   type: Adress\n  |         ^^^^^^\n  = hint: did you mean `Address`?\n"
        );
    }

    fn at(line: usize, col: usize, len: usize, message: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            id: "x",
            message: message.into(),
            loc: Loc {
                file: Arc::from(Path::new("a.yaml")),
                line,
                col,
                len,
            },
            hint: Some("hint \u{7}".into()),
            labels: Vec::new(),
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text = at(1, 7, 3, "unknown type `A\u{1b}[2Jb`").render(Some("type: A\u{1b}[2Jb\u{2028}\n"));
        assert!(!text.chars().any(|c| c != '\n' && acts_on_terminal(c)), "{text:?}");
        assert_eq!(
            text,
            "error[x]: unknown type `A\\u{1b}[2Jb`\n --> a.yaml:1:7\n  |\n1 | type: A\\u{1b}[2Jb\\u{2028}\n  |       ^^^^^^^^\n  = hint: hint \\u{7}\n"
        );
        assert!(!at(1, 1, 1, "\u{1b}]0;x\u{7}").to_string().contains('\u{1b}'));
    }

    #[test]
    fn colours_wrap_the_plain_text_and_only_when_asked() {
        let d = at(2, 3, 2, "unknown type `\u{1b}[31m`");
        let source = Some("api: x\n  ab: c\n");
        let plain = d.render(source);
        assert_eq!(d.render_with(source, Palette::PLAIN), plain);
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        let coloured = d.render_with(source, Palette::ANSI);
        assert!(coloured.starts_with("\u{1b}[1;31merror[x]\u{1b}[0m"), "{coloured:?}");
        assert!(coloured.contains("\u{1b}[1;34m-->\u{1b}[0m"), "{coloured:?}");
        // Taking the codes out gives the plain text back: the escape in the message stays escaped.
        let mut stripped = coloured.clone();
        for code in ["\u{1b}[1;31m", "\u{1b}[1;33m", "\u{1b}[1;34m", "\u{1b}[1m", "\u{1b}[0m"] {
            stripped = stripped.replace(code, "");
        }
        assert_eq!(stripped, plain);
        let warning = Diagnostic {
            severity: Severity::Warning,
            ..d
        };
        assert!(warning.render_with(source, Palette::ANSI).starts_with("\u{1b}[1;33mwarning[x]"));
    }

    #[test]
    fn json_is_one_line_with_the_rendered_text() {
        let d = at(2, 3, 2, "bad\nthing \u{1b}");
        let line = d.to_json(Some("a\n  ab\n"));
        assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line}");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["severity"], "error");
        assert_eq!(v["code"], "x");
        assert_eq!(v["message"], "bad\nthing \u{1b}");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64(), v["end_column"].as_u64()),
            (Some(2), Some(3), Some(5))
        );
        assert_eq!(v["rendered"], d.render(Some("a\n  ab\n")));
    }

    fn in_file(file: &str, line: usize, col: usize, len: usize) -> Loc {
        Loc {
            file: Arc::from(Path::new(file)),
            line,
            col,
            len,
        }
    }

    #[test]
    fn labels_show_in_their_file_in_line_order() {
        let mut d = at(9, 3, 4, "field `name` is declared twice");
        d.hint = Some("merge them".into());
        d.labels = vec![
            Label::new(in_file("a.yaml", 3, 3, 4), "first declared here"),
            Label::new(in_file("b.yaml", 2, 1, 5), "the setting is declared here"),
            Label::new(in_file("a.yaml", 10, 40, 2), "past the end"),
        ];
        let a = "x\ny\n  name: a\n\n\n\n\n\n  name: b\n  z\n";
        let sources = |p: &Path| match p.to_str() {
            Some("a.yaml") => Some(a.to_owned()),
            Some("b.yaml") => Some("x: 1\nfirst: here\n".to_owned()),
            _ => None,
        };
        assert_eq!(
            d.render_in(&sources, Palette::PLAIN),
            "error[x]: field `name` is declared twice\n  --> a.yaml:9:3\n   |\n3  |   name: a\n   |   ---- first declared here\n...\n\
             9  |   name: b\n   |   ^^^^\n10 |   z\n   |                                        -- past the end\n   |\n\
             \x20 ::: b.yaml:2:1\n   |\n2  | first: here\n   | ----- the setting is declared here\n   = hint: merge them\n"
        );
        // Without the other file's text: its label is a note with its location.
        let only_a = |p: &Path| (p.to_str() == Some("a.yaml")).then(|| a.to_owned());
        let text = d.render_in(&only_a, Palette::PLAIN);
        assert!(
            text.ends_with("   = note: the setting is declared here: b.yaml:2:1\n   = hint: merge them\n"),
            "{text}"
        );
        assert!(!text.contains(":::"), "{text}");
        // `render` quotes the primary's file only.
        assert_eq!(d.render(Some(a)), text);
        assert_eq!(
            d.to_string(),
            "a.yaml:9:3: error[x]: field `name` is declared twice (a.yaml:3:3: first declared here) \
             (b.yaml:2:1: the setting is declared here) (a.yaml:10:40: past the end) (hint: merge them)"
        );
    }

    #[test]
    fn labels_and_their_files_are_escaped() {
        let mut d = at(1, 1, 1, "m");
        d.labels = vec![Label::new(in_file("b\u{1b}[2J.yaml", 1, 1, 3), "here \u{202e}\u{1b}]0;x\u{7}")];
        let sources = |p: &Path| Some(if p == Path::new("a.yaml") { "a\n" } else { "\u{1b}[31mx\u{85}\n" }.to_owned());
        for text in [
            d.render_in(&sources, Palette::PLAIN),
            d.render_in(&sources, Palette::ANSI),
            d.to_string(),
        ] {
            let raw: Vec<char> = text.replace(['\u{1b}'], "").chars().collect();
            assert!(!raw.iter().any(|c| *c != '\n' && acts_on_terminal(*c)), "{text:?}");
        }
        let plain = d.render_in(&sources, Palette::PLAIN);
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        assert!(plain.contains(" ::: b\\u{1b}[2J.yaml:1:1\n"), "{plain}");
        assert!(
            plain.contains("1 | \\u{1b}[31mx\\u{85}\n  | -------- here \\u{202e}\\u{1b}]0;x\\u{7}\n"),
            "{plain}"
        );
    }

    #[test]
    fn json_carries_the_labels() {
        let mut d = at(2, 3, 2, "m");
        d.labels = vec![Label::new(in_file("b.yaml", 4, 5, 3), "first \u{1b} here")];
        let v: serde_json::Value = serde_json::from_str(&d.to_json(Some("a\n  ab\n"))).unwrap();
        assert_eq!(
            v["labels"],
            serde_json::json!([{"file": "b.yaml", "line": 4, "column": 5, "end_line": 4, "end_column": 8, "message": "first \u{1b} here"}])
        );
        let none: serde_json::Value = serde_json::from_str(&at(1, 1, 1, "m").to_json(None)).unwrap();
        assert_eq!(none["labels"], serde_json::json!([]));
    }

    #[test]
    fn carets_line_up_under_wide_characters_and_tabs() {
        // `名前` is two characters four columns wide; the tab shows as four spaces.
        let text = at(1, 6, 2, "m").render(Some("\t名前: 😀x\n"));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[3], "1 |     名前: 😀x");
        assert_eq!(lines[4], "  |           ^^^");
        let text = at(1, 2, 2, "m").render(Some("\t名前: x\n"));
        assert_eq!(text.lines().nth(4), Some("  |     ^^^^"));
    }
}
