//! A field's own attributes besides its type: the update rule, side effects and setting
//! locks. Sentences name the field by its wire path.

use super::change::{code, same_pairs, RuleId, Sink};
use crate::diag::Loc;
use crate::model::{or_list, Api, Field, Lock, LockKind, StateCondition, Transitions, UpdateRule};

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
        // A named transition pattern on a field that was mutable, and back.
        (Mutable, n) if n.is_pattern() => RuleId::PatternAdded,
        (o, Mutable) if o.is_pattern() => RuleId::PatternRemoved,
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
    effect_states(o, n, path, sink);
}

/// Compares the state conditions (`while:`) of the side effects both fields have.
fn effect_states(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    let state_of = |f: &Field, e: &str| -> Vec<StateCondition> {
        f.effects_while
            .iter()
            .find(|w| w.effect == e)
            .map(|w| w.state.clone())
            .unwrap_or_default()
    };
    for e in n.effects.iter().filter(|e| o.effects.contains(e)) {
        let (os, ns) = (state_of(o, e), state_of(n, e));
        if same_state(&os, &ns) {
            continue;
        }
        let (rule, msg) = match (os.is_empty(), ns.is_empty()) {
            (true, _) => (
                RuleId::EffectConditionAdded,
                format!("sending {} now triggers {} {}", code(path), code(e), state_phrase(&ns)),
            ),
            (_, true) => (
                RuleId::EffectConditionRemoved,
                format!(
                    "sending {} now triggers {} in any state (was {})",
                    code(path),
                    code(e),
                    state_phrase(&os)
                ),
            ),
            _ => (
                RuleId::EffectConditionChanged,
                format!(
                    "sending {} now triggers {} {} (was {})",
                    code(path),
                    code(e),
                    state_phrase(&ns),
                    state_phrase(&os)
                ),
            ),
        };
        let at = ns.first().map_or(&n.loc, |c| &c.loc);
        sink.push(rule, path, Some(at), msg);
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

/// Compares whether and how a field may be cleared (`clear:`).
pub(super) fn clear(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    let (rule, msg) = match (&o.clear, &n.clear) {
        (None, None) => return,
        (a, b) if a == b => return,
        (None, Some(c)) => (
            RuleId::ClearableAdded,
            format!(
                "{} may now be cleared (by {}): loosened for requests, but its Rust type becomes `Patch<T>` (was `Option<T>`)",
                code(path),
                code(&c.spec_text())
            ),
        ),
        (Some(c), None) => (
            RuleId::ClearableRemoved,
            format!(
                "{} may no longer be cleared: a request sending {} is refused, and its Rust type becomes `Option<T>` (was `Patch<T>`)",
                code(path),
                code(&c.spec_text())
            ),
        ),
        (Some(a), Some(b)) => (
            RuleId::ClearChanged,
            format!(
                "{} is now cleared by {} (was {}): a request clearing it the old way is refused",
                code(path),
                code(&b.spec_text()),
                code(&a.spec_text())
            ),
        ),
    };
    sink.push(rule, path, Some(&n.loc), msg);
}

/// Compares whether a map's entries may be deleted by `null` (`clear_entries:`).
pub(super) fn clear_entries(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    let (rule, msg) = match (o.clear_entries, n.clear_entries) {
        (false, true) => (
            RuleId::EntriesClearableAdded,
            format!(
                "an entry of {} sent as `null` now deletes its key: loosened for requests, but the map's Rust values become `Option<T>`",
                code(path)
            ),
        ),
        (true, false) => (
            RuleId::EntriesClearableRemoved,
            format!(
                "an entry of {} can no longer be deleted by `null`: such a request is refused",
                code(path)
            ),
        ),
        (true, true) | (false, false) => return,
    };
    sink.push(rule, path, Some(&n.loc), msg);
}

/// Compares the setting locks of a field; `api` is the new side's, for what a setting locks.
pub(super) fn locks(o: &Field, n: &Field, path: &str, api: &Api, sink: &mut Sink<'_>) {
    let same = |a: &Lock, b: &Lock| a.setting == b.setting && same_pairs(&a.when, &b.when);
    for l in &n.locks {
        if let Some(m) = o.locks.iter().find(|m| same(l, m)) {
            if !same_state(&m.state, &l.state) {
                let msg = format!(
                    "the lock of {} by {} now holds {} (was {})",
                    code(path),
                    code(&l.setting),
                    state_phrase(&l.state),
                    state_phrase(&m.state)
                );
                sink.push(RuleId::StateConditionChanged, path, Some(&l.loc), msg);
            }
        }
    }
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

/// Whether two `while:` say the same, whatever their order.
pub(super) fn same_state(a: &[StateCondition], b: &[StateCondition]) -> bool {
    let norm = |s: &[StateCondition]| {
        let mut v: Vec<(String, Vec<String>)> = s
            .iter()
            .map(|c| {
                let mut vals = c.values.clone();
                vals.sort();
                (c.field.clone(), vals)
            })
            .collect();
        v.sort();
        v
    };
    norm(a) == norm(b)
}

/// `only while the current `status` is `ACTIVE``, or `always`.
fn state_phrase(s: &[StateCondition]) -> String {
    if s.is_empty() {
        "always".to_owned()
    } else {
        format!("only while the current {}", StateCondition::describe_all(s, &code))
    }
}

/// Compares the state conditions (`while:`) under which a field may be sent.
pub(super) fn state(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    if same_state(&o.state, &n.state) {
        return;
    }
    let (rule, msg) = match (o.state.is_empty(), n.state.is_empty()) {
        (true, _) => (
            RuleId::StateConditionAdded,
            format!(
                "{} may now be sent {}: requests are refused in other states",
                code(path),
                state_phrase(&n.state)
            ),
        ),
        (_, true) => (
            RuleId::StateConditionRemoved,
            format!("{} may now be sent in any state (was {})", code(path), state_phrase(&o.state)),
        ),
        _ => (
            RuleId::StateConditionChanged,
            format!(
                "{} may now be sent {} (was {})",
                code(path),
                state_phrase(&n.state),
                state_phrase(&o.state)
            ),
        ),
    };
    let at = n.state.first().map_or(&n.loc, |c| &c.loc);
    sink.push(rule, path, Some(at), msg);
}

/// Compares the transition rules of an enum field: per current value, the values that
/// may follow it (no rule: any value), and the provider-only values.
pub(super) fn transitions(o: &Field, n: &Field, path: &str, sink: &mut Sink<'_>) {
    let empty = Transitions {
        moves: Vec::new(),
        provider_only: Vec::new(),
        loc: n.loc.clone(),
    };
    let (a, b) = (o.transitions.as_ref().unwrap_or(&empty), n.transitions.as_ref().unwrap_or(&empty));
    let at = Some(&b.loc);
    let mut froms: Vec<&String> = a.moves.iter().chain(&b.moves).map(|(f, _)| f).collect();
    froms.sort();
    froms.dedup();
    for from in froms {
        let listed = |to: &[String]| -> String {
            let v: Vec<String> = to.iter().map(|t| code(t)).collect();
            if v.is_empty() {
                "nothing (a final value)".to_owned()
            } else {
                or_list(&v)
            }
        };
        match (a.after(from), b.after(from)) {
            (None, Some(to)) => {
                let msg = format!("{} may now change from {} only to {}", code(path), code(from), listed(to));
                sink.push(RuleId::TransitionRemoved, path, at, msg);
            }
            (Some(_), None) => {
                let msg = format!("{} may now change from {} to any value", code(path), code(from));
                sink.push(RuleId::TransitionAdded, path, at, msg);
            }
            (Some(old), Some(new)) => {
                for t in new.iter().filter(|t| !old.contains(t)) {
                    let msg = format!("{} may now change from {} to {}", code(path), code(from), code(t));
                    sink.push(RuleId::TransitionAdded, path, at, msg);
                }
                for t in old.iter().filter(|t| !new.contains(t)) {
                    let msg = format!("{} may no longer change from {} to {}", code(path), code(from), code(t));
                    sink.push(RuleId::TransitionRemoved, path, at, msg);
                }
            }
            (None, None) => {}
        }
    }
    for p in b.provider_only.iter().filter(|p| !a.provider_only.contains(p)) {
        let msg = format!(
            "{} is now set and left only by the provider on {}: requests may no longer send it or leave it",
            code(p),
            code(path)
        );
        sink.push(RuleId::ProviderOnlyAdded, path, at, msg);
    }
    for p in a.provider_only.iter().filter(|p| !b.provider_only.contains(p)) {
        let msg = format!(
            "{} on {} is no longer the provider's alone: requests may set it and leave it",
            code(p),
            code(path)
        );
        sink.push(RuleId::ProviderOnlyRemoved, path, at, msg);
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
