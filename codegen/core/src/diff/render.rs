//! The outputs of a diff: text for a terminal, Markdown for a pull-request comment,
//! JSON for tools (its schema is documented in `docs/diff.md`), and for CI GitHub
//! Actions workflow commands, SARIF 2.1.0 and JUnit XML (in `super::ci`). Each takes
//! changes already ordered by [`super::change::sort`].

use serde::Serialize;

use super::change::{accepted, code, counts, Change, Level};

/// An output format of `mutaspec diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// One block per change, rustc-like, with a summary line.
    Text,
    /// A pull-request comment: grouped by endpoint, breaking first.
    Markdown,
    /// A JSON document (`schema: mutaspec-diff/1`).
    Json,
    /// GitHub Actions workflow commands: an annotation per change.
    Github,
    /// A SARIF 2.1.0 log (code scanning).
    Sarif,
    /// A JUnit XML report: a test suite per endpoint, a test case per change.
    Junit,
}

/// Renders changes in `format`, failing (in JUnit) what is at least breaking.
pub fn render(changes: &[Change], format: OutputFormat) -> String {
    render_with(changes, format, Level::Breaking)
}

/// Renders changes in `format`; `fail_on` decides which changes JUnit reports as failures.
pub fn render_with(changes: &[Change], format: OutputFormat, fail_on: Level) -> String {
    match format {
        OutputFormat::Text => text(changes),
        OutputFormat::Markdown => markdown(changes),
        OutputFormat::Json => json(changes),
        OutputFormat::Github => super::ci::github(changes),
        OutputFormat::Sarif => super::ci::sarif(changes),
        OutputFormat::Junit => super::ci::junit(changes, fail_on),
    }
}

/// `3 changes: 1 breaking, 1 warning, 1 info`, and `, 1 accepted` when some were.
pub(super) fn summary(changes: &[Change]) -> String {
    let [(_, b), (_, w), (_, i)] = counts(changes);
    let n = changes.len();
    let plural = |n: usize, s: &str| if n == 1 { format!("{n} {s}") } else { format!("{n} {s}s") };
    let mut out = format!("{}: {b} breaking, {}, {i} info", plural(n, "change"), plural(w, "warning"));
    let a = accepted(changes);
    if a > 0 {
        out.push_str(&format!(", {a} accepted"));
    }
    out
}

/// The label a change's output starts with: the severity it counts as, or `accepted`.
pub(super) fn label(c: &Change) -> &'static str {
    c.graded().map_or("accepted", Level::as_str)
}

/// What an accept file did to a change, for a reviewer: `accepted: REASON` or
/// `re-graded from breaking: REASON`, with the entry's place.
pub(super) fn acceptance_note(c: &Change) -> Option<String> {
    let a = c.accepted.as_ref()?;
    let what = match a.severity {
        None => format!("accepted ({})", c.severity().as_str()),
        Some(_) => format!("re-graded from {}", c.severity().as_str()),
    };
    Some(format!("{what}: {} ({})", a.reason, a.entry))
}

fn text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes\n".into();
    }
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!("{}[{}] {}: {}\n", label(c), c.rule.id(), c.scope(), c.message));
        if let Some(loc) = &c.loc {
            out.push_str(&format!("  --> {loc}\n"));
        }
        if let Some(note) = acceptance_note(c) {
            out.push_str(&format!("  = {note}\n"));
        }
        out.push('\n');
    }
    out.push_str(&summary(changes));
    out.push('\n');
    out
}

fn markdown(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "## mutaspec diff\n\nNo changes for callers.\n".into();
    }
    let mut out = format!("## mutaspec diff\n\n{}.\n", summary(changes));
    let mut group: Option<(&str, Option<&str>)> = None;
    for c in changes {
        let this = (c.api.as_str(), c.endpoint.as_deref());
        if group != Some(this) {
            group = Some(this);
            let title = match c.endpoint {
                Some(_) => code(&c.scope()),
                None => format!("{} (shared by its endpoints)", code(&c.api)),
            };
            out.push_str(&format!("\n### {title}\n\n"));
        }
        let label = match c.graded() {
            Some(Level::Breaking) => "**breaking**",
            Some(Level::Warning) => "**warning**",
            Some(Level::Info) => "info",
            None => "accepted",
        };
        out.push_str(&format!("- {label} `{}`: {}", c.rule.id(), escape(&c.message)));
        if let Some(loc) = &c.loc {
            out.push_str(&format!(" ({})", code(&loc.to_string())));
        }
        if let Some(note) = acceptance_note(c) {
            out.push_str(&format!(" *{}*", escape(&note)));
        }
        out.push('\n');
    }
    out
}

/// Escapes Markdown outside code spans (the message's own backtick spans are kept).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut fence: Option<usize> = None;
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|c| **c == '`').count();
            fence = match fence {
                None => Some(run),
                Some(f) if f == run => None,
                keep => keep,
            };
            out.extend(std::iter::repeat_n('`', run));
            i += run;
            continue;
        }
        if fence.is_none() && matches!(chars[i], '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '\\') {
            out.push('\\');
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    schema: &'static str,
    summary: JsonSummary,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    total: usize,
    breaking: usize,
    warning: usize,
    info: usize,
    accepted: usize,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    rule: &'static str,
    severity: &'static str,
    api: &'a str,
    endpoint: Option<&'a str>,
    subject: &'a str,
    message: &'a str,
    location: Option<JsonLoc>,
    accepted: Option<JsonAccepted<'a>>,
}

#[derive(Serialize)]
struct JsonAccepted<'a> {
    severity: Option<&'static str>,
    reason: &'a str,
    entry: JsonLoc,
}

#[derive(Serialize)]
struct JsonLoc {
    file: String,
    line: usize,
    column: usize,
}

fn json_loc(l: &crate::diag::Loc) -> JsonLoc {
    JsonLoc {
        file: l.file.display().to_string(),
        line: l.line,
        column: l.col,
    }
}

fn json(changes: &[Change]) -> String {
    let [(_, breaking), (_, warning), (_, info)] = counts(changes);
    let doc = JsonDiff {
        schema: "mutaspec-diff/1",
        summary: JsonSummary {
            total: changes.len(),
            breaking,
            warning,
            info,
            accepted: accepted(changes),
        },
        changes: changes
            .iter()
            .map(|c| JsonChange {
                rule: c.rule.id(),
                severity: c.severity().as_str(),
                api: &c.api,
                endpoint: c.endpoint.as_deref(),
                subject: &c.subject,
                message: &c.message,
                location: c.loc.as_ref().map(json_loc),
                accepted: c.accepted.as_ref().map(|a| JsonAccepted {
                    severity: a.severity.map(Level::as_str),
                    reason: &a.reason,
                    entry: json_loc(&a.entry),
                }),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
