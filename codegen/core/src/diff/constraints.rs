//! Constraints and enums: whether a change accepts fewer values (tightened: breaking),
//! more values (loosened) or different ones (changed).
//!
//! A bound moving inward tightens; a constraint gaining a condition (`setting:`, `if:`)
//! applies less often and loosens; one losing its condition tightens. A change mixing
//! both directions, or one no order decides (a pattern, a format other than `uri` to
//! `url`, which tightens, and back), is `constraint-changed`.

use std::cmp::Ordering;

use super::change::{code, same_pairs, RuleId, Sink};
use crate::diag::Loc;
use crate::model::{
    Constraint, ConstraintKind, EnumDef,
    Format::{Uri, Url},
    Ty,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Tighter,
    Looser,
    Other,
}

impl Dir {
    fn rule(self) -> (RuleId, &'static str) {
        match self {
            Dir::Tighter => (RuleId::ConstraintTightened, "tightened"),
            Dir::Looser => (RuleId::ConstraintLoosened, "loosened"),
            Dir::Other => (RuleId::ConstraintChanged, "changed"),
        }
    }
}

/// Compares the constraints of one field of type `ty` (in the new spec), part by part:
/// each element's are at `path[]` (an array's items) or `path{}` (a map's values), each
/// key's at `path{key}`. A field may have several constraints of one kind under different
/// conditions: they are paired by kind and conditions first; what is left of a kind is
/// paired when one old and one new remain (a changed condition or code), else each is
/// new or removed.
pub(super) fn field(old: &[Constraint], new: &[Constraint], ty: Option<&Ty>, path: &str, field_loc: &Loc, sink: &mut Sink<'_>) {
    let kind = |c: &Constraint| (c.on, c.kind.id());
    let same_conditions = |a: &Constraint, b: &Constraint| {
        a.setting == b.setting && same_pairs(&a.when, &b.when) && same_sent(a, b) && super::attrs::same_state(&a.state, &b.state)
    };
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut used = vec![false; old.len()];
    let mut unpaired = Vec::new();
    for (j, n) in new.iter().enumerate() {
        let exact = (0..old.len()).find(|&i| !used[i] && kind(&old[i]) == kind(n) && same_conditions(&old[i], n));
        match exact {
            Some(i) => {
                used[i] = true;
                pairs.push((Some(i), Some(j)));
            }
            None => unpaired.push(j),
        }
    }
    for j in unpaired {
        let left_old: Vec<usize> = (0..old.len()).filter(|&i| !used[i] && kind(&old[i]) == kind(&new[j])).collect();
        let left_new = new
            .iter()
            .enumerate()
            .filter(|(k, n)| kind(n) == kind(&new[j]) && !pairs.iter().any(|p| p.1 == Some(*k)))
            .count();
        match left_old.as_slice() {
            [i] if left_new == 1 => {
                used[*i] = true;
                pairs.push((Some(*i), Some(j)));
            }
            _ => pairs.push((None, Some(j))),
        }
    }
    // In the new spec's order, then what was removed, in the old one's.
    pairs.sort_by_key(|p| p.1.unwrap_or(usize::MAX));
    pairs.extend((0..old.len()).filter(|&i| !used[i]).map(|i| (Some(i), None)));
    for pair in pairs {
        match pair {
            (None, Some(j)) => {
                let n = &new[j];
                let at = format!("{path}{}", n.on.path_suffix(ty));
                let msg = format!("new constraint on {}: {}", code(&at), describe(n));
                sink.push(json_limit(&n.kind, RuleId::ConstraintTightened), at, Some(&n.loc), msg);
            }
            (Some(i), Some(j)) => {
                let (o, n) = (&old[i], &new[j]);
                let dirs = [
                    value_dir(&o.kind, &n.kind),
                    setting_dir(o, n),
                    when_dir(o, n),
                    sent_dir(o, n),
                    state_dir(o, n),
                ];
                let dir = combine(dirs).or((o.error != n.error).then_some(Dir::Other));
                if let Some(dir) = dir {
                    let (rule, verb) = dir.rule();
                    let at = format!("{path}{}", n.on.path_suffix(ty));
                    let msg = format!("constraint on {} {verb}: now {}, was {}", code(&at), describe(n), describe(o));
                    sink.push(json_limit(&n.kind, rule), at, Some(&n.loc), msg);
                }
            }
            (Some(i), None) => {
                let o = &old[i];
                let at = format!("{path}{}", o.on.path_suffix(ty));
                let msg = format!("constraint on {} removed: {}", code(&at), describe(o));
                sink.push(json_limit(&o.kind, RuleId::ConstraintLoosened), at, Some(field_loc), msg);
            }
            (None, None) => {}
        }
    }
}

/// The limits of a free-form `json` value (`max_depth`, `max_bytes`) have their own ids:
/// a tightened limit refuses metadata that callers built freely before.
fn json_limit(kind: &ConstraintKind, rule: RuleId) -> RuleId {
    match (kind, rule) {
        (ConstraintKind::MaxDepth(_) | ConstraintKind::MaxBytes(_), RuleId::ConstraintTightened) => RuleId::JsonLimitTightened,
        (ConstraintKind::MaxDepth(_) | ConstraintKind::MaxBytes(_), RuleId::ConstraintLoosened) => RuleId::JsonLimitLoosened,
        _ => rule,
    }
}

/// Compares a path parameter's pattern.
pub(super) fn pattern(old: Option<&str>, new: Option<&str>, subject: &str, loc: &Loc, sink: &mut Sink<'_>) {
    let (rule, msg) = match (old, new) {
        (None, Some(p)) => (
            RuleId::ConstraintTightened,
            format!("new constraint on {}: matches {}", code(subject), code(p)),
        ),
        (Some(p), None) => (
            RuleId::ConstraintLoosened,
            format!("constraint on {} removed: matches {}", code(subject), code(p)),
        ),
        (Some(a), Some(b)) if a != b => (
            RuleId::ConstraintChanged,
            format!(
                "constraint on {} changed: now matches {}, was matches {}",
                code(subject),
                code(b),
                code(a)
            ),
        ),
        _ => return,
    };
    sink.push(rule, subject, Some(loc), msg);
}

/// Compares an enum at `path`: its values, whether it is open, its error code.
pub(super) fn enums(old: &EnumDef, new: &EnumDef, path: &str, loc: &Loc, sink: &mut Sink<'_>) {
    let has = |e: &EnumDef, wire: &str| e.values.iter().any(|v| v.wire == wire);
    for v in new.values.iter().filter(|v| !has(old, &v.wire)) {
        let msg = format!("{} accepts the new value {}", code(path), code(&v.wire));
        sink.push(RuleId::EnumValueAdded, path, Some(loc), msg);
    }
    for v in new.values.iter() {
        let Some(o) = old.values.iter().find(|o| o.wire == v.wire) else {
            continue;
        };
        if o.available != v.available {
            let msg = format!(
                "value {} of {} is now available {} (was {})",
                code(&v.wire),
                code(path),
                v.available.describe(),
                o.available.describe()
            );
            sink.push(RuleId::AvailabilityChanged, path, Some(loc), msg);
        }
        if o.label != v.label {
            let shown = |l: &Option<String>| l.as_deref().map_or_else(|| "none".to_owned(), code);
            let msg = format!(
                "the label of value {} of {} is now {} (was {})",
                code(&v.wire),
                code(path),
                shown(&v.label),
                shown(&o.label)
            );
            sink.push(RuleId::EnumLabelChanged, path, Some(loc), msg);
        }
    }
    for v in old.values.iter().filter(|v| !has(new, &v.wire)) {
        let msg = format!(
            "{} no longer has the value {}: requests that send it no longer compile",
            code(path),
            code(&v.wire)
        );
        sink.push(RuleId::EnumValueRemoved, path, Some(loc), msg);
    }
    match (old.open, new.open) {
        (false, true) => {
            let msg = format!(
                "constraint on {} loosened: values outside the enum are now kept (open enum)",
                code(path)
            );
            sink.push(RuleId::ConstraintLoosened, path, Some(loc), msg);
        }
        (true, false) => {
            let msg = format!(
                "constraint on {} tightened: values outside the enum are now refused (closed enum)",
                code(path)
            );
            sink.push(RuleId::ConstraintTightened, path, Some(loc), msg);
        }
        _ => {}
    }
    if old.error != new.error {
        let msg = format!(
            "constraint on {} changed: the error code for a value outside the enum is now {}, was {}",
            code(path),
            error_text(new.error),
            error_text(old.error)
        );
        sink.push(RuleId::ConstraintChanged, path, Some(loc), msg);
    }
}

fn error_text(e: Option<u32>) -> String {
    e.map_or_else(|| "none".to_owned(), |e| e.to_string())
}

/// The constraint with its conditions and error code, as a phrase.
fn describe(c: &Constraint) -> String {
    let mut s = c.kind.describe();
    // A field named more than once (`if: { country: [US, CA] }`) holds with any value.
    let mut fields: Vec<(&str, Vec<String>)> = Vec::new();
    for (k, v) in &c.when {
        match fields.iter_mut().find(|(f, _)| f == k) {
            Some((_, vs)) => vs.push(code(v)),
            None => fields.push((k, vec![code(v)])),
        }
    }
    for (k, vs) in fields {
        s.push_str(&format!(" if {} is {}", code(k), vs.join(" or ")));
    }
    for (k, sent) in &c.sent {
        let not = if *sent { "" } else { "not " };
        s.push_str(&format!(" if {} is {not}sent", code(k)));
    }
    if let Some(setting) = &c.setting {
        s.push_str(&format!(" when setting {} is on", code(setting)));
    }
    if !c.state.is_empty() {
        s.push_str(&format!(
            " while the current {}",
            crate::model::StateCondition::describe_all(&c.state, &code)
        ));
    }
    if let Some(e) = c.error {
        s.push_str(&format!(" (error {e})"));
    }
    s
}

fn combine(dirs: [Option<Dir>; 5]) -> Option<Dir> {
    dirs.into_iter().flatten().reduce(|a, b| if a == b { a } else { Dir::Other })
}

/// `old` compared with `new`: for a lower bound, a larger new value tightens.
fn bound(old_vs_new: Option<Ordering>, lower: bool) -> Option<Dir> {
    match old_vs_new {
        Some(Ordering::Equal) => None,
        Some(Ordering::Less) => Some(if lower { Dir::Tighter } else { Dir::Looser }),
        Some(Ordering::Greater) => Some(if lower { Dir::Looser } else { Dir::Tighter }),
        None => Some(Dir::Other),
    }
}

fn numbers(a: &str, b: &str) -> Option<Ordering> {
    a.trim().parse::<f64>().ok()?.partial_cmp(&b.trim().parse::<f64>().ok()?)
}

/// ISO dates and datetimes of the same length order as text.
fn dates(a: &str, b: &str) -> Option<Ordering> {
    (a.len() == b.len()).then(|| a.cmp(b))
}

fn value_dir(o: &ConstraintKind, n: &ConstraintKind) -> Option<Dir> {
    use ConstraintKind::*;
    if o == n {
        return None;
    }
    match (o, n) {
        (MinLength(a), MinLength(b)) => bound(Some(a.cmp(b)), true),
        (MaxLength(a), MaxLength(b)) => bound(Some(a.cmp(b)), false),
        (Min(a), Min(b)) => bound(numbers(a, b), true),
        (Max(a), Max(b)) => bound(numbers(a, b), false),
        (After(a), After(b)) => bound(dates(a, b), true),
        (Before(a), Before(b)) => bound(dates(a, b), false),
        (MaxDepth(a), MaxDepth(b)) | (MaxBytes(a), MaxBytes(b)) => bound(Some(a.cmp(b)), false),
        // Every web address is a URI: `uri` to `url` accepts fewer values.
        (Format(Uri), Format(Url)) => Some(Dir::Tighter),
        (Format(Url), Format(Uri)) => Some(Dir::Looser),
        _ => Some(Dir::Other),
    }
}

/// A condition makes a constraint apply less often: gaining one loosens.
fn setting_dir(o: &Constraint, n: &Constraint) -> Option<Dir> {
    match (&o.setting, &n.setting) {
        (Some(_), None) => Some(Dir::Tighter),
        (None, Some(_)) => Some(Dir::Looser),
        (Some(a), Some(b)) if a != b => Some(Dir::Other),
        _ => None,
    }
}

/// A constraint gaining a state condition (`while:`) applies less often: it loosens.
fn state_dir(o: &Constraint, n: &Constraint) -> Option<Dir> {
    match (o.state.is_empty(), n.state.is_empty()) {
        _ if super::attrs::same_state(&o.state, &n.state) => None,
        (false, true) => Some(Dir::Tighter),
        (true, false) => Some(Dir::Looser),
        _ => Some(Dir::Other),
    }
}

/// Whether two constraints test the presence of the same siblings the same way.
fn same_sent(a: &Constraint, b: &Constraint) -> bool {
    let mut x = a.sent.clone();
    let mut y = b.sent.clone();
    x.sort();
    y.sort();
    x == y
}

/// A constraint gaining a presence test (`if: { field: { sent: BOOL } }`) applies less
/// often: it loosens; losing one tightens.
fn sent_dir(o: &Constraint, n: &Constraint) -> Option<Dir> {
    match (o.sent.is_empty(), n.sent.is_empty()) {
        _ if same_sent(o, n) => None,
        (false, true) => Some(Dir::Tighter),
        (true, false) => Some(Dir::Looser),
        _ => Some(Dir::Other),
    }
}

fn when_dir(o: &Constraint, n: &Constraint) -> Option<Dir> {
    match (o.when.is_empty(), n.when.is_empty()) {
        _ if same_pairs(&o.when, &n.when) => None,
        (false, true) => Some(Dir::Tighter),
        (true, false) => Some(Dir::Looser),
        _ => Some(Dir::Other),
    }
}
