//! Conditions across fields (`groups:`) of one object: a group is identified by its
//! kind (and, for `required:`, its `with:` or `if:`); its members are compared as a set.

use super::change::{code, RuleId, Sink};
use crate::diag::Loc;
use crate::model::{Group, GroupKind, Member, Object};

/// The members' dotted paths, sorted.
fn set(ms: &[Member]) -> Vec<String> {
    let mut v: Vec<String> = ms.iter().map(Member::dotted).collect();
    v.sort();
    v
}

/// What identifies a group besides its members.
fn identity(g: &Group) -> (String, Vec<String>, Vec<String>) {
    match &g.kind {
        GroupKind::RequiredWith(with) => ("required with".to_owned(), set(with), Vec::new()),
        GroupKind::RequiredIf { field, values } => {
            let mut v = values.clone();
            v.sort();
            ("required if".to_owned(), vec![field.dotted()], v)
        }
        GroupKind::Check { name, args } => {
            let mut a: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            a.sort();
            (format!("check {name}"), a, Vec::new())
        }
        GroupKind::RequiredTogether | GroupKind::Conflicts | GroupKind::ExactlyOneOf | GroupKind::AtLeastOneOf => {
            (g.kind.key().to_owned(), Vec::new(), Vec::new())
        }
    }
}

fn same(a: &Group, b: &Group) -> bool {
    identity(a) == identity(b) && set(&a.members) == set(&b.members) && a.error == b.error
}

fn describe(g: &Group) -> String {
    g.kind.describe(&g.members, &code)
}

/// Compares the groups of an object at `prefix` (empty: the body).
pub(super) fn object(o: &Object, n: &Object, prefix: &str, container: &Loc, sink: &mut Sink<'_>) {
    let subject = if prefix.is_empty() { "body".to_owned() } else { prefix.to_owned() };
    let old_left: Vec<&Group> = o.groups.iter().filter(|g| !n.groups.iter().any(|h| same(g, h))).collect();
    let mut matched_old: Vec<usize> = Vec::new();
    for ng in n.groups.iter().filter(|g| !o.groups.iter().any(|h| same(g, h))) {
        let mine = set(&ng.members);
        // The same kind of group with members in common: its members changed.
        let found = old_left
            .iter()
            .enumerate()
            .find(|(i, og)| !matched_old.contains(i) && identity(og) == identity(ng) && set(&og.members).iter().any(|m| mine.contains(m)));
        let Some((i, og)) = found else {
            let err = ng.error.map(|e| format!(" (error {e})")).unwrap_or_default();
            let msg = format!("new condition on {}: {}{err}", code(&subject), describe(ng));
            sink.push(RuleId::GroupAdded, subject.clone(), Some(&ng.loc), msg);
            continue;
        };
        matched_old.push(i);
        let theirs = set(&og.members);
        for m in mine.iter().filter(|m| !theirs.contains(m)) {
            let msg = format!("{} now also names {}: {}", code(ng.kind.key()), code(m), describe(ng));
            sink.push(RuleId::GroupMemberAdded, subject.clone(), Some(&ng.loc), msg);
        }
        for m in theirs.iter().filter(|m| !mine.contains(m)) {
            let msg = format!("{} no longer names {}: {}", code(ng.kind.key()), code(m), describe(ng));
            sink.push(RuleId::GroupMemberRemoved, subject.clone(), Some(&ng.loc), msg);
        }
        if mine == theirs && og.error != ng.error {
            let shown = |e: Option<u32>| e.map_or_else(|| "none".to_owned(), |e| e.to_string());
            let msg = format!("{}: error code {} (was {})", describe(ng), shown(ng.error), shown(og.error));
            sink.push(RuleId::ConstraintChanged, subject.clone(), Some(&ng.loc), msg);
        }
    }
    for (i, og) in old_left.iter().enumerate() {
        if matched_old.contains(&i) {
            continue;
        }
        let msg = format!("condition removed from {}: {}", code(&subject), describe(og));
        sink.push(RuleId::GroupRemoved, subject.clone(), Some(container), msg);
    }
}
