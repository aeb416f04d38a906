//! Accept files: reviewed changes that no longer fail `mutaspec diff`.
//!
//! ```yaml
//! accept:
//!   - rule: rule-tightened             # a rule id (docs/diff.md)
//!     scope: banking/update_customer   # `api/endpoint`, or `api` for its shared parts
//!     subject: externalId              # optional: only this subject (a wire path...)
//!     severity: info                   # optional: re-grade instead of accepting
//!     reason: set at creation since v2, reviewed in #42
//! ```
//!
//! An entry matching a change *accepts* it (it shows, marked accepted, and counts toward
//! no `--fail-on`) or, with `severity:`, *re-grades* it (it counts as that severity). The
//! first matching entry wins. Unknown keys, unknown rule ids or severities and a missing
//! or empty `reason:` are located errors; an entry that matches no change is a warning
//! (stale: the change it was written for is gone, or the entry has a typo).

use std::path::Path;
use std::sync::Arc;

use serde_yaml::Value;

use super::change::{Acceptance, Change, Level, RuleId};
use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::source::{self, KeySeg, SourceFile};

/// The name looked for beside the spec directory when `--accept` is not given.
pub const DEFAULT_NAME: &str = ".mutaspec-accept.yaml";

const KEYS: [&str; 5] = ["rule", "scope", "subject", "severity", "reason"];

/// A loaded accept file.
#[derive(Debug)]
pub struct AcceptFile {
    entries: Vec<Entry>,
    path: Arc<Path>,
    text: String,
}

#[derive(Debug)]
struct Entry {
    rule: RuleId,
    scope: String,
    subject: Option<String>,
    severity: Option<Level>,
    reason: String,
    loc: Loc,
}

impl Entry {
    fn matches(&self, c: &Change) -> bool {
        self.rule == c.rule && self.scope == c.scope() && self.subject.as_ref().is_none_or(|s| *s == c.subject)
    }
}

impl AcceptFile {
    /// Reads and checks the accept file at `path`; every error is reported at once,
    /// rendered with its source lines.
    pub fn load(path: &Path) -> Result<AcceptFile, String> {
        let shown: Arc<Path> = Arc::from(crate::diag::display_path(path));
        let mut diags = Diagnostics::new();
        let src = source::read(path, shown.clone(), &mut diags);
        let text = src.as_ref().map(|s| s.text.clone()).unwrap_or_default();
        let entries = match &src {
            Some(s) if s.parsed && !diags.has_errors() => parse(s, &mut diags),
            _ => Vec::new(),
        };
        let file = AcceptFile {
            entries,
            path: shown,
            text,
        };
        if diags.has_errors() {
            return Err(file.render(&diags.into_sorted()));
        }
        Ok(file)
    }

    /// Marks the changes an entry matches as accepted or re-graded; returns a warning for
    /// each entry that matched none.
    pub fn apply(&self, changes: &mut [Change]) -> Vec<Diagnostic> {
        let mut used = vec![false; self.entries.len()];
        for c in changes.iter_mut() {
            if let Some(i) = self.entries.iter().position(|e| e.matches(c)) {
                used[i] = true;
                let e = &self.entries[i];
                c.accepted = Some(Acceptance {
                    severity: e.severity,
                    reason: e.reason.clone(),
                    entry: e.loc.clone(),
                });
            }
        }
        let mut diags = Diagnostics::new();
        for (e, used) in self.entries.iter().zip(used) {
            if !used {
                let subject = e.subject.as_ref().map(|s| format!(" on `{s}`")).unwrap_or_default();
                diags.warning(
                    "stale-accept-entry",
                    e.loc.clone(),
                    format!("stale accept entry: no `{}` change in `{}`{subject}", e.rule.id(), e.scope),
                    "remove the entry if the change it accepted is gone; otherwise check its rule, scope and subject against the diff's output",
                );
            }
        }
        diags.into_sorted()
    }

    /// Diagnostics about this file, with its lines quoted.
    pub fn render(&self, diags: &[Diagnostic]) -> String {
        crate::diag::render_all(diags, &|p| (p == &*self.path).then(|| self.text.clone()))
    }
}

fn parse(src: &SourceFile, diags: &mut Diagnostics) -> Vec<Entry> {
    let Ok(Some(top)) = source::side_file_mapping(
        src,
        "accept-file",
        "an accept file is a mapping with one key, `accept:`",
        "write `accept:` followed by a list of entries",
        diags,
    ) else {
        return Vec::new();
    };
    let mut list = None;
    for (k, v) in top {
        match k.as_str() {
            Some("accept") => list = Some(v),
            other => {
                let name = other.map_or_else(|| format!("{k:?}"), str::to_owned);
                diags.error(
                    "unknown-key",
                    src.key_loc(&[KeySeg::Key(name.clone())]),
                    format!("unknown key `{name}` in the accept file"),
                    crate::diag::did_you_mean(&name, ["accept"]),
                );
            }
        }
    }
    let items = match list {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Sequence(s)) => s,
        Some(_) => {
            diags.error(
                "accept-file",
                src.value_loc(&["accept".into()]),
                "`accept:` must be a list of entries",
                "each entry is a mapping: `- rule: ...`",
            );
            return Vec::new();
        }
    };
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| entry(src, i, item, diags))
        .collect()
}

fn entry(src: &SourceFile, i: usize, item: Value, diags: &mut Diagnostics) -> Option<Entry> {
    let at = |k: Option<&str>| {
        let mut p: Vec<KeySeg> = vec!["accept".into(), KeySeg::Index(i)];
        p.extend(k.map(KeySeg::from));
        p
    };
    // An entry is shown at its first key (a mapping's own position is its first `:`).
    let first = match &item {
        Value::Mapping(m) => m.keys().next().and_then(Value::as_str),
        _ => None,
    };
    let loc = match first {
        Some(k) => src.key_loc(&at(Some(k))),
        None => src.value_loc(&at(None)),
    };
    let Value::Mapping(m) = item else {
        diags.error(
            "accept-file",
            loc,
            "an accept entry must be a mapping",
            "write `rule:`, `scope:` and `reason:` (and optionally `subject:`, `severity:`)",
        );
        return None;
    };
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut ok = true;
    for (k, v) in m {
        let Some(key) = k.as_str().and_then(|k| KEYS.iter().copied().find(|known| *known == k)) else {
            let name = k.as_str().map_or_else(|| format!("{k:?}"), str::to_owned);
            diags.error(
                "unknown-key",
                src.key_loc(&at(Some(&name))),
                format!("unknown key `{name}` in an accept entry"),
                crate::diag::did_you_mean(&name, KEYS),
            );
            ok = false;
            continue;
        };
        match v {
            Value::String(s) => fields.push((key, s)),
            _ => {
                diags.error(
                    "accept-file",
                    src.value_loc(&at(Some(key))),
                    format!("`{key}` must be a string"),
                    "quote it",
                );
                ok = false;
            }
        }
    }
    let get = |k: &str| fields.iter().find(|(f, _)| *f == k).map(|(_, v)| v.clone());
    let rule = match get("rule") {
        None => None,
        Some(r) => match RuleId::from_id(&r) {
            Some(rule) => Some(rule),
            None => {
                diags.error(
                    "accept-file",
                    src.value_loc(&at(Some("rule"))),
                    format!("unknown rule id `{r}`"),
                    crate::diag::did_you_mean(&r, RuleId::ALL.iter().map(|r| r.id())),
                );
                ok = false;
                None
            }
        },
    };
    let severity = match get("severity") {
        None => None,
        Some(s) => match Level::parse(&s) {
            Ok(s) => Some(s),
            Err(msg) => {
                diags.error("accept-file", src.value_loc(&at(Some("severity"))), msg, None);
                ok = false;
                None
            }
        },
    };
    for required in ["rule", "scope", "reason"] {
        if get(required).is_none() {
            diags.error(
                "accept-file",
                loc.clone(),
                format!("this accept entry has no `{required}:`"),
                match required {
                    "rule" => "name the rule id the diff reports, such as `rule-tightened`",
                    "scope" => "name `api/endpoint`, or `api` for an API's error codes and settings",
                    _ => "say why the change is accepted: the next reviewer reads it",
                },
            );
            ok = false;
        }
    }
    if get("reason").is_some_and(|r| r.trim().is_empty()) {
        diags.error(
            "accept-file",
            src.value_loc(&at(Some("reason"))),
            "the reason is empty",
            "say why the change is accepted: the next reviewer reads it",
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    Some(Entry {
        rule: rule?,
        scope: get("scope")?,
        subject: get("subject"),
        severity,
        reason: get("reason")?,
        loc,
    })
}
