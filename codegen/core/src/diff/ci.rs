//! The diff's outputs for CI: GitHub Actions workflow commands, SARIF 2.1.0 and JUnit XML.
//!
//! Spec text (messages, field names, paths, an accept file's reasons) reaches each only
//! through the escaping function of its context: [`gh_data`] and [`gh_property`] (as
//! GitHub's own toolkit escapes, so no text can end a command or start another one),
//! `serde_json` for SARIF, [`xml`] for JUnit.

use serde_json::{json, Value};

use super::change::{Change, Level, RuleId};
use super::render::{acceptance_note, label, summary};
use crate::diag::Loc;

/// A workflow command's message, escaped as `@actions/core` does: `%`, CR and LF.
pub fn gh_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value, escaped as `@actions/core` does: `%`, CR, LF,
/// `:` and `,`.
pub fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation per change (`::error` for breaking, `::warning`, `::notice` for info and
/// accepted changes) on its line in the new spec, then the summary as a plain line.
pub(super) fn github(changes: &[Change]) -> String {
    let mut out = String::new();
    for c in changes {
        let command = match c.graded() {
            Some(Level::Breaking) => "error",
            Some(Level::Warning) => "warning",
            Some(Level::Info) | None => "notice",
        };
        let mut props = Vec::new();
        if let Some(loc) = &c.loc {
            props.push(format!("file={}", gh_property(&loc.file.display().to_string())));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.col));
        }
        let title = format!("{}[{}] {}", label(c), c.rule.id(), c.scope());
        props.push(format!("title={}", gh_property(&title)));
        let mut message = c.message.clone();
        if let Some(note) = acceptance_note(c) {
            message.push_str(&format!(" ({note})"));
        }
        out.push_str(&format!("::{command} {}::{}\n", props.join(","), gh_data(&message)));
    }
    out.push_str(&if changes.is_empty() {
        "no changes".to_owned()
    } else {
        summary(changes)
    });
    out.push('\n');
    out
}

fn sarif_level(s: Option<Level>) -> &'static str {
    match s {
        Some(Level::Breaking) => "error",
        Some(Level::Warning) => "warning",
        Some(Level::Info) | None => "note",
    }
}

/// A path as a relative URI reference: every byte but unreserved ones and `/` is
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif_location(loc: &Loc) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&loc.file.display().to_string()) },
            "region": { "startLine": loc.line, "startColumn": loc.col }
        }
    })
}

/// One run of the `mutaspec` driver, with a rule per rule id (in the policy table's order)
/// and a result per change; an accepted change carries an external suppression.
pub(super) fn sarif(changes: &[Change]) -> String {
    let rules: Vec<Value> = RuleId::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "shortDescription": { "text": format!("{} change: {}", r.severity().as_str(), r.id()) },
                "defaultConfiguration": { "level": sarif_level(Some(r.severity())) },
                "properties": { "severity": r.severity().as_str() }
            })
        })
        .collect();
    let results: Vec<Value> = changes
        .iter()
        .map(|c| {
            let mut r = json!({
                "ruleId": c.rule.id(),
                "ruleIndex": RuleId::ALL.iter().position(|r| *r == c.rule).unwrap_or(0),
                "level": sarif_level(c.graded()),
                "message": { "text": c.message },
                "locations": c.loc.iter().map(sarif_location).collect::<Vec<_>>(),
                "properties": {
                    "severity": c.severity().as_str(),
                    "api": c.api,
                    "endpoint": c.endpoint,
                    "subject": c.subject
                }
            });
            if let Some(a) = &c.accepted {
                r["properties"]["graded"] = json!(c.graded().map(Level::as_str));
                if a.severity.is_none() {
                    r["suppressions"] = json!([{
                        "kind": "external",
                        "status": "accepted",
                        "justification": a.reason,
                        "location": sarif_location(&a.entry)
                    }]);
                }
            }
            r
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "mutaspec", "rules": rules } },
            "results": results
        }]
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// Text made safe for XML 1.0 content and attribute values: the five markup characters as
/// entities, line breaks and tabs as character references (attributes keep them), and
/// characters XML cannot hold at all (C0 controls, U+FFFE, U+FFFF) as visible `\u{..}`.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if u32::from(c) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A test suite per endpoint (and per API for what its endpoints share), a test case per
/// change: a failure when it counts as at least `fail_on`, skipped when accepted.
pub(super) fn junit(changes: &[Change], fail_on: Level) -> String {
    let fails = |c: &Change| c.graded().is_some_and(|s| s <= fail_on);
    let mut groups: Vec<(String, Vec<&Change>)> = Vec::new();
    for c in changes {
        let scope = c.scope();
        match groups.last_mut() {
            Some((s, list)) if *s == scope => list.push(c),
            _ => groups.push((scope, vec![c])),
        }
    }
    let failures = changes.iter().filter(|c| fails(c)).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"mutaspec diff\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
        changes.len()
    ));
    for (scope, list) in &groups {
        let f = list.iter().filter(|c| fails(c)).count();
        let skipped = list.iter().filter(|c| c.graded().is_none()).count();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f}\" errors=\"0\" skipped=\"{skipped}\">\n",
            xml(scope),
            list.len()
        ));
        for c in list {
            let mut attrs = format!("classname=\"{}\" name=\"{}: {}\"", xml(scope), c.rule.id(), xml(&c.subject));
            if let Some(loc) = &c.loc {
                attrs.push_str(&format!(" file=\"{}\" line=\"{}\"", xml(&loc.file.display().to_string()), loc.line));
            }
            let mut body = format!("{}[{}] {}: {}", label(c), c.rule.id(), scope, c.message);
            if let Some(loc) = &c.loc {
                body.push_str(&format!("\n  --> {loc}"));
            }
            let note = acceptance_note(c);
            if let Some(n) = &note {
                body.push_str(&format!("\n  = {n}"));
            }
            out.push_str(&format!("    <testcase {attrs}>\n"));
            if fails(c) {
                out.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    c.rule.id(),
                    xml(&c.message),
                    xml(&body)
                ));
            } else if c.graded().is_none() {
                out.push_str(&format!("      <skipped message=\"{}\"/>\n", xml(note.as_deref().unwrap_or(""))));
            } else {
                out.push_str(&format!("      <system-out>{}</system-out>\n", xml(&body)));
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_as_the_toolkit_does() {
        assert_eq!(gh_data("50% a\r\nb::c,d"), "50%25 a%0D%0Ab::c,d");
        assert_eq!(gh_property("50% a\r\nb::c,d"), "50%25 a%0D%0Ab%3A%3Ac%2Cd");
    }

    #[test]
    fn xml_escapes_markup_breaks_and_what_xml_cannot_hold() {
        assert_eq!(
            xml("<a href='x'>&\"\n\u{1b}\u{fffe}"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&#10;\\u{1b}\\u{fffe}"
        );
    }

    #[test]
    fn uris_encode_everything_but_unreserved_and_slashes() {
        assert_eq!(uri("spec/a b/c%:d.yaml"), "spec/a%20b/c%25%3Ad.yaml");
    }
}
