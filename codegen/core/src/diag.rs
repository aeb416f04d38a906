//! Diagnostics: what is wrong with a spec, where, and how to fix it.
//!
//! Every stage reports into one [`Diagnostics`] collector instead of returning early, so a
//! user sees every mistake of a run at once. Rendering follows rustc: a header, the
//! `file:line:col` arrow, the offending source line with a caret, and a hint.

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
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

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
}

impl Diagnostic {
    /// Renders the diagnostic like rustc, quoting the source line when `source` is given.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = format!("{}[{}]: {}\n", self.severity.label(), self.id, self.message);
        let gutter = self.loc.line.to_string().len();
        let pad = " ".repeat(gutter);
        out.push_str(&format!("{pad}--> {}\n", self.loc));
        if let Some(line) = source.and_then(|s| s.lines().nth(self.loc.line.saturating_sub(1))) {
            let shown: String = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
            out.push_str(&format!("{pad} |\n{} | {}\n", self.loc.line, shown.trim_end()));
            let caret_pad = " ".repeat(self.loc.col.saturating_sub(1));
            let carets = "^".repeat(self.loc.len.max(1));
            out.push_str(&format!("{pad} | {caret_pad}{carets}\n"));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("{pad} = hint: {hint}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[{}]: {}", self.loc, self.severity.label(), self.id, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Collects diagnostics across every stage of a run.
#[derive(Debug, Default)]
pub struct Diagnostics {
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

    fn push(&mut self, severity: Severity, id: &'static str, loc: Loc, message: String, hint: Option<String>) {
        self.items.push(Diagnostic {
            severity,
            id,
            message,
            loc,
            hint,
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
pub struct Hint(Option<String>);

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
pub fn render_all(diags: &[Diagnostic], sources: &dyn Fn(&Path) -> Option<String>) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(sources(&d.loc.file).as_deref()));
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
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A "did you mean" hint, or a list of what is allowed when nothing is close.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str> + Clone) -> String {
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
pub fn display_path(p: &Path) -> PathBuf {
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
        };
        let text = d.render(Some("api: x\n  type: Adress\n"));
        assert_eq!(
            text,
            "error[unknown-type]: unknown type `Adress`\n --> a.yaml:2:9\n  |\n2 |   type: Adress\n  |         ^^^^^^\n  = hint: did you mean `Address`?\n"
        );
    }
}
