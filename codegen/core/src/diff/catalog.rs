//! What an API's endpoints share: the error catalogue (compared by code) and the program
//! settings (compared by name).

use super::change::{code, RuleId, Sink};
use crate::model::{Api, ErrorCode, ErrorKey, LockKind, Setting, SettingLock};

/// A code's identity in its catalogue, as shown: `60301`, `card_declined`, `402 card_declined`.
fn id(c: &ErrorCode, key: ErrorKey) -> String {
    match (key, &c.text) {
        (ErrorKey::StatusAndText, Some(t)) => format!("{} {t}", c.status.unwrap_or_default()),
        (_, Some(t)) => t.clone(),
        (_, None) => c.code.to_string(),
    }
}

/// Compares the error catalogues. A code only in the old catalogue whose message is, word
/// for word, that of a code only in the new one was renumbered, not removed and added.
/// A catalogue whose key kind changed is that one change: its codes are not comparable.
pub(super) fn errors(old: &Api, new: &Api, sink: &mut Sink<'_>) {
    let removed_at = new.errors.as_ref().map_or(&new.loc, |c| &c.loc);
    if let (Some(o), Some(n)) = (&old.errors, &new.errors) {
        if o.key != n.key {
            let msg = format!(
                "catalogue {} is now keyed by {}, was {}: its codes have another type, code matching on them no longer compiles",
                code(&n.name),
                code(n.key.id()),
                code(o.key.id())
            );
            sink.push(RuleId::ErrorKeyChanged, format!("errors {}", n.name), Some(&n.loc), msg);
            return;
        }
        if o.body != n.body {
            let msg = format!(
                "error bodies of {} are now read as {}, were {}",
                code(&n.name),
                code(&n.body.describe()),
                code(&o.body.describe())
            );
            sink.push(RuleId::ErrorBodyChanged, format!("errors {}", n.name), Some(&n.loc), msg);
        }
        if o.default != n.default {
            let shown = |d: Option<u32>| d.map_or_else(|| "none".to_owned(), |d| d.to_string());
            let msg = format!(
                "the default code of client-side violations is now {}, was {}: violations whose rule names no code carry it",
                shown(n.default),
                shown(o.default)
            );
            sink.push(RuleId::DefaultCodeChanged, format!("errors {}", n.name), Some(&n.loc), msg);
        }
    }
    let key = new.errors.as_ref().or(old.errors.as_ref()).map_or(ErrorKey::Number, |c| c.key);
    let oc: &[ErrorCode] = old.errors.as_ref().map_or(&[], |c| &c.codes);
    let nc: &[ErrorCode] = new.errors.as_ref().map_or(&[], |c| &c.codes);
    let find = |codes: &'_ [ErrorCode], c: &ErrorCode| codes.iter().position(|x| id(x, key) == id(c, key));
    let mut added: Vec<&ErrorCode> = nc.iter().filter(|n| find(oc, n).is_none()).collect();
    let mut renumbered: Vec<(&ErrorCode, &ErrorCode)> = Vec::new();
    let mut removed: Vec<&ErrorCode> = Vec::new();
    for o in oc.iter().filter(|o| find(nc, o).is_none()) {
        match added.iter().position(|n| n.message == o.message) {
            Some(i) => renumbered.push((o, added.remove(i))),
            None => removed.push(o),
        }
    }
    for n in nc {
        let nid = id(n, key);
        let subject = format!("error {nid}");
        let at = Some(&n.loc);
        if let Some((o, _)) = renumbered.iter().find(|(_, m)| id(m, key) == nid) {
            let msg = format!(
                "error code {} renumbered to {nid} (same message {}): callers matching the old code no longer see it",
                id(o, key),
                code(&n.message)
            );
            sink.push(RuleId::ErrorRenumbered, subject, at, msg);
        } else if added.iter().any(|a| id(a, key) == nid) {
            sink.push(
                RuleId::ErrorAdded,
                subject,
                at,
                format!("new error code {nid}: {}", code(&n.message)),
            );
        } else if let Some(o) = find(oc, n).map(|i| &oc[i]) {
            if o.params != n.params {
                let msg = format!(
                    "error {nid} template parameters changed from {} to {} (message now {})",
                    params(o),
                    params(n),
                    code(&n.message)
                );
                sink.push(RuleId::ErrorParamsChanged, subject.clone(), at, msg);
            } else if o.message != n.message {
                let msg = format!("error {nid} message changed from {} to {}", code(&o.message), code(&n.message));
                sink.push(RuleId::ErrorMessageChanged, subject.clone(), at, msg);
            }
            if o.status != n.status && key != ErrorKey::StatusAndText {
                let shown = |s: Option<u16>| s.map_or_else(|| "none".to_owned(), |s| s.to_string());
                let msg = format!(
                    "error {nid} documented HTTP status changed from {} to {}",
                    shown(o.status),
                    shown(n.status)
                );
                sink.push(RuleId::ErrorStatusChanged, subject, at, msg);
            }
        }
    }
    for o in removed {
        let oid = id(o, key);
        let msg = format!(
            "error code {oid} removed ({}): code that names its variant no longer compiles",
            code(&o.message)
        );
        sink.push(RuleId::ErrorRemoved, format!("error {oid}"), Some(removed_at), msg);
    }
}

fn params(e: &ErrorCode) -> String {
    if e.params.is_empty() {
        return "none".into();
    }
    let list: Vec<String> = e
        .params
        .iter()
        .map(|(p, rust)| format!("{} as {}", code(&format!("{{{p}}}")), code(rust)))
        .collect();
    list.join(", ")
}

/// Compares the program settings.
pub(super) fn settings(old: &Api, new: &Api, sink: &mut Sink<'_>) {
    let find = |api: &'_ Api, name: &str| api.settings.iter().position(|s| s.name == name);
    for n in &new.settings {
        let subject = format!("setting {}", n.name);
        let Some(o) = find(old, &n.name).map(|i| &old.settings[i]) else {
            let msg = format!("new program setting {} ({})", code(&n.name), setting(n));
            sink.push(RuleId::SettingAdded, subject, Some(&n.loc), msg);
            continue;
        };
        let mut what = Vec::new();
        if o.default != n.default {
            what.push(format!("its default is now {}, was {}", n.default, o.default));
        }
        if o.locks != n.locks {
            what.push(format!("it now {}, was {}", locks(n.locks.as_ref()), locks(o.locks.as_ref())));
        }
        if !what.is_empty() {
            let msg = format!("program setting {} changed: {}", code(&n.name), what.join("; "));
            sink.push(RuleId::SettingChanged, subject, Some(&n.loc), msg);
        }
    }
    for o in old.settings.iter().filter(|o| find(new, &o.name).is_none()) {
        let msg = format!(
            "program setting {} removed ({}): code that sets it no longer compiles",
            code(&o.name),
            setting(o)
        );
        sink.push(RuleId::SettingRemoved, format!("setting {}", o.name), Some(&new.loc), msg);
    }
}

fn setting(s: &Setting) -> String {
    format!("default {}, {}", s.default, locks(s.locks.as_ref()))
}

fn locks(l: Option<&SettingLock>) -> String {
    let Some(l) = l else { return "locks nothing".into() };
    let state = if l.when { "on" } else { "off" };
    let err = l.error.map(|e| format!(" with error {e}")).unwrap_or_default();
    let kind = match l.kind {
        LockKind::Program => "",
        LockKind::IdentityVerification => " (identity verification)",
    };
    format!("locks its fields when {state}{err}{kind}")
}

/// Compares the API's documented versions (`versions:`).
pub(super) fn versions(old: &Api, new: &Api, sink: &mut Sink<'_>) {
    for v in new.versions.iter().filter(|v| old.version_index(&v.name).is_none()) {
        let msg = format!("new API version {}", code(&v.name));
        sink.push(RuleId::VersionAdded, format!("version {}", v.name), Some(&new.loc), msg);
    }
    for v in old.versions.iter().filter(|v| new.version_index(&v.name).is_none()) {
        let msg = format!(
            "API version {} removed: code that chooses it (`ApiVersion::{}`) no longer compiles",
            code(&v.name),
            v.rust
        );
        sink.push(RuleId::VersionRemoved, format!("version {}", v.name), Some(&new.loc), msg);
    }
}
