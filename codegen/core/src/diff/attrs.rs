//! A field's own attributes besides its type: the update rule, side effects and setting
//! locks. Sentences name the field by its wire path.

use super::change::{code, same_pairs, RuleId, Sink};
use crate::diag::Loc;
use crate::model::{Api, Field, Lock, LockKind, UpdateRule};

/// Compares two different update rules.
pub(super) fn rule(o: &UpdateRule, n: &UpdateRule, path: &str, at: Option<&Loc>, sink: &mut Sink<'_>) {
    use UpdateRule::*;
    let id = match (o, n) {
        (Conditional { .. }, Conditional { discriminator, value }) => {
            let msg = format!(
                "{} may now be sent only when {} is {} (was {})",
                code(path),
                code(discriminator),
                code(value),
                rule_label(o)
            );
            return sink.push(RuleId::DiscriminatorChanged, path, at, msg);
        }
        (_, NotUpdatable) => RuleId::RuleTightened,
        (_, Ignored) => RuleId::IgnoredAdded,
        (Ignored, _) => RuleId::IgnoredRemoved,
        (Mutable, _) | (SetOnce, Identifying) => RuleId::RuleTightened,
        (NotUpdatable, _) | (_, Mutable) | (Identifying, SetOnce) => RuleId::RuleLoosened,
        _ => RuleId::RuleChanged,
    };
    let msg = format!(
        "{} is now {} (was {}): {}",
        code(path),
        rule_label(n),
        rule_label(o),
        consequence(n)
    );
    sink.push(id, path, at, msg);
}

/// Compares the side effects sending a field may trigger.
pub(super) fn effects(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    for e in n.effects.iter().filter(|e| !o.effects.contains(e)) {
        let msg = format!("sending {} may now trigger {}", code(path), code(e));
        sink.push(RuleId::EffectAdded, path, Some(&n.loc), msg);
    }
    for e in o.effects.iter().filter(|e| !n.effects.contains(e)) {
        let msg = format!("sending {} no longer triggers {}", code(path), code(e));
        sink.push(RuleId::EffectRemoved, path, Some(&n.loc), msg);
    }
}

/// Compares the other wire names a field is read under.
pub(super) fn aliases(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    for a in n.aliases.iter().filter(|a| !o.aliases.contains(a)) {
        let msg = format!("{} is now also read as {}", code(path), code(a));
        sink.push(RuleId::AliasAdded, path, Some(&n.loc), msg);
    }
    for a in o.aliases.iter().filter(|a| !n.aliases.contains(a)) {
        let msg = format!(
            "{} is no longer read as {}: a recorded payload or snapshot using that name is refused",
            code(path),
            code(a)
        );
        sink.push(RuleId::AliasRemoved, path, Some(&n.loc), msg);
    }
}

/// Compares the setting locks of a field; `api` is the new side's, for what a setting locks.
pub(super) fn locks(o: &Field, n: &Field, path: &str, api: &Api, sink: &mut Sink<'_>) {
    let same = |a: &Lock, b: &Lock| a.setting == b.setting && same_pairs(&a.when, &b.when);
    for l in n.locks.iter().filter(|l| !o.locks.iter().any(|m| same(l, m))) {
        let setting = api.setting(&l.setting);
        let kind = match setting.and_then(|s| s.locks.as_ref()).map(|s| s.kind) {
            Some(LockKind::IdentityVerification) => "identity verification setting",
            _ => "program setting",
        };
        let mut msg = format!("{} can now be locked by {kind} {}{}", code(path), code(&l.setting), items(&l.when));
        if let Some(lock) = setting.and_then(|s| s.locks.as_ref()) {
            let state = if lock.when { "on" } else { "off" };
            let err = lock.error.map(|e| format!(" (error {e})")).unwrap_or_default();
            msg.push_str(&format!(": updates are rejected{err} when it is {state}"));
        }
        sink.push(RuleId::LockAdded, path, Some(&l.loc), msg);
    }
    for l in o.locks.iter().filter(|l| !n.locks.iter().any(|m| same(l, m))) {
        let msg = format!(
            "{} can no longer be locked by setting {}{}",
            code(path),
            code(&l.setting),
            items(&l.when)
        );
        sink.push(RuleId::LockRemoved, path, Some(&n.loc), msg);
    }
}

/// ` where `addressType` is `Residence``, or nothing.
fn items(when: &[(String, String)]) -> String {
    if when.is_empty() {
        return String::new();
    }
    let conds: Vec<String> = when.iter().map(|(k, v)| format!("{} is {}", code(k), code(v))).collect();
    format!(" where {}", conds.join(" and "))
}

pub(super) fn rule_label(r: &UpdateRule) -> String {
    r.label(&code)
}

fn consequence(r: &UpdateRule) -> String {
    r.consequence(&code)
}
