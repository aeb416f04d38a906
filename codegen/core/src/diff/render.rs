//! The three outputs of a diff: text for a terminal, Markdown for a pull-request comment,
//! JSON for tools (its schema is documented in `docs/diff.md`). Each takes changes
//! already ordered by [`super::change::sort`].

use serde::Serialize;

use super::change::{code, counts, Change, Severity};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One block per change, rustc-like, with a summary line.
    Text,
    /// A pull-request comment: grouped by endpoint, breaking first.
    Markdown,
    /// A JSON document (`schema: mutaspec-diff/1`).
    Json,
}

impl Format {
    /// Parses `text`, `markdown` or `json`.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format `{other}`: expected text, markdown or json")),
        }
    }
}

/// Renders changes in `format`.
pub fn render(changes: &[Change], format: Format) -> String {
    match format {
        Format::Text => text(changes),
        Format::Markdown => markdown(changes),
        Format::Json => json(changes),
    }
}

/// `3 changes: 1 breaking, 1 warning, 1 info`.
fn summary(changes: &[Change]) -> String {
    let [(_, b), (_, w), (_, i)] = counts(changes);
    let n = changes.len();
    let plural = |n: usize, s: &str| if n == 1 { format!("{n} {s}") } else { format!("{n} {s}s") };
    format!("{}: {b} breaking, {}, {i} info", plural(n, "change"), plural(w, "warning"))
}

fn text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no changes\n".into();
    }
    let mut out = String::new();
    for c in changes {
        out.push_str(&format!(
            "{}[{}] {}: {}\n",
            c.severity().as_str(),
            c.rule.id(),
            c.scope(),
            c.message
        ));
        if let Some(loc) = &c.loc {
            out.push_str(&format!("  --> {loc}\n"));
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
        let label = match c.severity() {
            Severity::Breaking => "**breaking**",
            Severity::Warning => "**warning**",
            Severity::Info => "info",
        };
        out.push_str(&format!("- {label} `{}`: {}", c.rule.id(), escape(&c.message)));
        if let Some(loc) = &c.loc {
            out.push_str(&format!(" ({})", code(&loc.to_string())));
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
}

#[derive(Serialize)]
struct JsonLoc {
    file: String,
    line: usize,
    column: usize,
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
                location: c.loc.as_ref().map(|l| JsonLoc {
                    file: l.file.display().to_string(),
                    line: l.line,
                    column: l.col,
                }),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
