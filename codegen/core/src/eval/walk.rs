//! The plan carried out over JSON, in the order `emit::validate` generates: for each
//! field of an object in plan order, `required` when absent; when present, its checks
//! in plan order, then the checks of each element, then the objects inside it.
//!
//! Every enum of the plan is matched exhaustively here, with no wildcard arm: a check
//! kind or a condition the plan gains is a compile error until it is evaluated.
#![deny(clippy::wildcard_enum_match_arm)]

use std::cmp::Ordering;
use std::collections::BTreeMap;

use mutaspec_runtime::{Date, DateTime, Decimal};

use mutaspec_runtime::{Path, Violations};
use serde_json::{Map, Value};

use super::checks;
use super::equal::same;
use super::types::Types;
use crate::model::Ty;
use crate::plan::{
    Check, Cleared, EndpointPlan, Equality, FieldCheck, FieldIs, FieldPlan, GroupCheck, Guard, Layer, MemberPath, ObjectPlan, Presence,
    SettingIs, Shape, StateIs, StateTest, Unset, ValueCheck, VersionIs,
};

/// What a walk needs besides the payload.
#[derive(Clone, Copy)]
pub(super) struct Walk<'a> {
    pub types: Types<'a>,
    pub plan: &'a EndpointPlan,
    /// The current-resource snapshot of the object being walked (the request's, or a
    /// nested object's at the same path), by wire name.
    pub current: Option<&'a Map<String, Value>>,
    /// Every setting of the API by spec name, defaults filled in.
    pub settings: Option<&'a BTreeMap<String, bool>>,
    /// The chosen API version's index in `versions:` (`None`: the latest).
    pub version: Option<usize>,
}

/// Violations found so far.
#[derive(Default)]
pub(super) struct Out {
    pub violations: Violations,
}

impl Out {
    fn record<K>(&mut self, c: &Check<K>, path: &Path<'_>) {
        self.violations.record(path, c.rule, c.message.as_str(), c.code);
    }
}

/// A present value: not absent, not `null`.
fn present<'v>(obj: &'v Map<String, Value>, wire: &str) -> Option<&'v Value> {
    obj.get(wire).filter(|v| !v.is_null())
}

/// Whether a present value is the string `value` (an enum's or a string's `as_str`).
fn is_str(v: Option<&Value>, value: &str) -> bool {
    v.and_then(Value::as_str) == Some(value)
}

/// Whether the field `c` names in `obj` is present with its value.
fn holds(obj: Option<&Map<String, Value>>, c: &FieldIs) -> bool {
    is_str(obj.and_then(|o| present(o, &c.wire)), &c.value)
}

/// The value of a group member, when every step of its path is present.
fn member<'v>(obj: &'v Map<String, Value>, m: &MemberPath) -> Option<&'v Value> {
    let (first, rest) = m.steps.split_first()?;
    let mut v = present(obj, &first.wire)?;
    for step in rest {
        v = present(v.as_object()?, &step.wire)?;
    }
    Some(v)
}

/// Whether a condition across the fields of `obj` fails (`group`).
fn group_fails(kind: &GroupCheck, obj: &Map<String, Value>) -> bool {
    let sent = |ms: &[MemberPath]| ms.iter().filter(|m| member(obj, m).is_some()).count();
    let all = |ms: &[MemberPath]| ms.iter().all(|m| member(obj, m).is_some());
    match kind {
        GroupCheck::RequiredTogether(ms) => {
            let n = sent(ms);
            n != 0 && n != ms.len()
        }
        GroupCheck::Conflicts(ms) => sent(ms) > 1,
        GroupCheck::ExactlyOneOf(ms) => sent(ms) != 1,
        GroupCheck::AtLeastOneOf(ms) => sent(ms) == 0,
        GroupCheck::RequiredWith { required, with } => sent(with) > 0 && !all(required),
        GroupCheck::RequiredIf { required, field, values } => {
            let is = member(obj, field)
                .and_then(Value::as_str)
                .is_some_and(|t| values.iter().any(|v| v == t));
            is && !all(required)
        }
        GroupCheck::Sum { fields, equals } => {
            let vals: Vec<Option<f64>> = fields.iter().map(|m| member(obj, m).and_then(Value::as_f64)).collect();
            !mutaspec_runtime::checks::sum_equals(&vals, *equals)
        }
        GroupCheck::Ascending { fields, strict } => {
            if fields.iter().any(|m| m.ty == crate::model::Ty::Date) {
                let vals: Vec<Option<&str>> = fields.iter().map(|m| member(obj, m).and_then(Value::as_str)).collect();
                !mutaspec_runtime::checks::ascending_dates(&vals, *strict)
            } else {
                let vals: Vec<Option<f64>> = fields.iter().map(|m| member(obj, m).and_then(Value::as_f64)).collect();
                !mutaspec_runtime::checks::ascending(&vals, *strict)
            }
        }
    }
}

impl Walk<'_> {
    /// Every field of an object (`validate_into`).
    pub fn object(&self, plan: &ObjectPlan, obj: &Map<String, Value>, path: &Path<'_>, out: &mut Out) {
        for f in &plan.fields {
            self.field(f, obj, path, out);
        }
        for c in &plan.groups {
            if group_fails(&c.kind, obj) {
                out.record(c, path);
            }
        }
        // Groups through an array or a map: over each item (entry, in key order).
        for g in &plan.each_groups {
            let container = MemberPath {
                dotted: String::new(),
                steps: g.prefix.clone(),
                ty: Ty::Json,
            };
            let Some(v) = member(obj, &container) else { continue };
            at_steps(path, &g.prefix, &mut |p| {
                if g.map {
                    for (k, x) in v.as_object().map(sorted).unwrap_or_default() {
                        if x.as_object().is_some_and(|o| group_fails(&g.check.kind, o)) {
                            out.record(&g.check, &p.entry(k));
                        }
                    }
                } else {
                    for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                        if x.as_object().is_some_and(|o| group_fails(&g.check.kind, o)) {
                            out.record(&g.check, &p.index(i));
                        }
                    }
                }
            });
        }
    }

    fn field(&self, f: &FieldPlan, obj: &Map<String, Value>, path: &Path<'_>, out: &mut Out) {
        // Below a sensitive field no map key reaches a path (`Path::sensitive`).
        let p = path.key(&f.wire);
        let p = if f.redact_keys { p.sensitive() } else { p };
        // Cleared: the shape check kept `null` only for a clearable field.
        if f.clear.is_some() && obj.get(&f.wire).is_some_and(Value::is_null) {
            for c in &f.cleared {
                if self.guard(&c.guard, obj) && self.cleared_fails(f, c) {
                    out.record(c, &p);
                }
            }
            return;
        }
        let Some(v) = present(obj, &f.wire) else {
            for c in &f.required {
                match c.kind {
                    Presence::Required => {
                        if self.guard(&c.guard, obj) {
                            out.record(c, &p);
                        }
                    }
                }
            }
            return;
        };
        for c in &f.checks {
            if self.guard(&c.guard, obj) {
                self.field_check(f, c, obj, v, &p, out);
            }
        }
        self.keys(f, obj, v, &p, out);
        self.items(f, obj, v, &p, out);
        if let (true, Some(key), Shape::List(inner)) = (f.nested_current, &f.item_key, &f.shape) {
            // Each item against the current item of the same key (none: no current).
            let currents: &[Value] = self.current(&f.wire).and_then(Value::as_array).map_or(&[], Vec::as_slice);
            for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                let mine = x.as_object().and_then(|o| present(o, &key.wire));
                let cur = mine.and_then(|k| {
                    currents
                        .iter()
                        .filter_map(Value::as_object)
                        .find(|c| present(c, &key.wire).is_some_and(|ck| same(self.types, &key.ty, ck, k)))
                });
                let inner_walk = Walk { current: cur, ..*self };
                inner_walk.descend(inner, x, &p.index(i), out);
            }
        } else if let (true, Shape::Map(inner)) = (f.nested_current, &f.shape) {
            // Each entry against the current entry of the same key (none: no current).
            let currents = self.current(&f.wire).and_then(Value::as_object);
            for (k, x) in v.as_object().map(sorted).unwrap_or_default() {
                // A deleted entry (`clear_entries`) has nothing to check.
                if x.is_null() {
                    continue;
                }
                let cur = currents.and_then(|c| present(c, k)).and_then(Value::as_object);
                let inner_walk = Walk { current: cur, ..*self };
                inner_walk.descend(inner, x, &p.entry(k), out);
            }
        } else if f.nested_current {
            // The object inside reads its own snapshot: the current's value of this field.
            let inner = Walk {
                current: self.current(&f.wire).and_then(Value::as_object),
                ..*self
            };
            inner.descend(&f.shape, v, &p, out);
        } else if let (Shape::Tagged { arms, .. }, Ty::Tagged(t)) = (&f.shape, &f.ty) {
            // The variant the sibling tag names (`from_tagged`); none: nothing is read.
            let tag = present(obj, &t.tag).and_then(Value::as_str);
            if let Some(arm) = tag.and_then(|x| arms.iter().find(|a| a.value == x)) {
                if let (Some(plan), Some(o)) = (self.plan.objects.get(&arm.object), v.as_object()) {
                    self.object(plan, o, &p, out);
                }
            }
        } else {
            self.descend(&f.shape, v, &p, out);
        }
    }

    /// Whether a check on a cleared field fails (`cleared_check`).
    fn cleared_fails(&self, f: &FieldPlan, c: &Check<Cleared>) -> bool {
        match &c.kind {
            Cleared::SetOnce { unset } => self.current(&f.wire).is_some_and(|cur| match unset {
                Unset::AbsentOrEmpty => !is_empty(cur),
                Unset::Absent => true,
            }),
            Cleared::Identifying | Cleared::Required => true,
        }
    }

    /// The paths of the ignored fields an object sends, at any depth (`ignored_into`).
    pub fn ignored(&self, plan: &ObjectPlan, obj: &Map<String, Value>, path: &Path<'_>, out: &mut Vec<String>) {
        for f in plan.fields.iter().filter(|f| f.ignored || f.ignored_inside) {
            let Some(v) = present(obj, &f.wire) else { continue };
            let p = path.key(&f.wire);
            if f.ignored {
                out.push(p.render());
                continue;
            }
            let p = if f.redact_keys { p.sensitive() } else { p };
            self.ignored_below(&f.shape, v, &p, out);
        }
    }

    fn ignored_below(&self, shape: &Shape, v: &Value, p: &Path<'_>, out: &mut Vec<String>) {
        match shape {
            // An object or its id: only an object has fields.
            Shape::Object(name) | Shape::OrId(name) => {
                if let (Some(plan), Some(obj)) = (self.plan.objects.get(name), v.as_object()) {
                    self.ignored(plan, obj, p, out);
                }
            }
            Shape::List(inner) => {
                for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                    self.ignored_below(inner, x, &p.index(i), out);
                }
            }
            Shape::Map(inner) => {
                for (k, x) in v.as_object().map(sorted).unwrap_or_default() {
                    self.ignored_below(inner, x, &p.entry(k), out);
                }
            }
            // Ignored fields inside a union's variants are not reported (`ignored_inside`).
            Shape::Scalar | Shape::Enum | Shape::Tagged { .. } => {}
        }
    }

    /// The side effects the fields an object sends trigger, by Rust variant name, at
    /// any depth (`collect_side_effects_with`): a state-conditioned one is left out only
    /// when the snapshot shows a state where one of its conditions does not hold.
    pub fn effects(&self, plan: &ObjectPlan, obj: &Map<String, Value>, out: &mut Vec<String>) {
        for f in &plan.fields {
            let Some(v) = present(obj, &f.wire) else { continue };
            for e in &f.effects {
                let breaks = f
                    .state_effects
                    .iter()
                    .find(|w| w.rust == *e)
                    .is_some_and(|w| w.state.iter().any(|st| self.state(st) == Some(false)));
                if !breaks {
                    out.push(e.clone());
                }
            }
            if let (Shape::Tagged { arms, .. }, Ty::Tagged(t)) = (&f.shape, &f.ty) {
                // The variant the sibling tag names, as the generated enum holds it.
                let tag = present(obj, &t.tag).and_then(Value::as_str);
                if let Some(arm) = tag.and_then(|x| arms.iter().find(|a| a.value == x)) {
                    if let (Some(plan), Some(o)) = (self.plan.objects.get(&arm.object), v.as_object()) {
                        self.effects(plan, o, out);
                    }
                }
            } else {
                self.effects_below(&f.shape, v, out);
            }
        }
    }

    fn effects_below(&self, shape: &Shape, v: &Value, out: &mut Vec<String>) {
        match shape {
            // An object or its id: only an object has fields.
            Shape::Object(name) | Shape::OrId(name) => {
                if let (Some(plan), Some(obj)) = (self.plan.objects.get(name), v.as_object()) {
                    self.effects(plan, obj, out);
                }
            }
            Shape::List(inner) => {
                for x in v.as_array().into_iter().flatten() {
                    self.effects_below(inner, x, out);
                }
            }
            Shape::Map(inner) => {
                for x in v.as_object().into_iter().flat_map(|m| m.values()) {
                    self.effects_below(inner, x, out);
                }
            }
            // Read with its sibling tag, in `effects`; never inside an array or a map.
            Shape::Scalar | Shape::Enum | Shape::Tagged { .. } => {}
        }
    }

    /// The checks of the request's fields that read a field of the current resource the
    /// snapshot lacks (`unchecked`): `(path, rule, the field read)`.
    pub fn unchecked(&self, plan: &ObjectPlan, obj: &Map<String, Value>, out: &mut Vec<(String, mutaspec_runtime::Rule, String)>) {
        for f in &plan.fields {
            for u in &f.unknowable {
                let presence = if u.absent {
                    !obj.contains_key(&f.wire)
                } else {
                    present(obj, &f.wire).is_some()
                };
                let guard = Guard {
                    state: Vec::new(),
                    ..u.guard.clone()
                };
                if presence
                    && self.guard(&guard, obj)
                    && u.guard.state.iter().all(|st| self.state(st) != Some(false))
                    && self.current(&u.wire).is_none()
                {
                    out.push((f.wire.clone(), u.rule, u.wire.clone()));
                }
            }
        }
    }

    /// The check's layer and sibling conditions (`guarded`).
    fn guard(&self, guard: &Guard, obj: &Map<String, Value>) -> bool {
        let layer = match &guard.layer {
            // The check reads the current resource itself and passes without it.
            Layer::Request | Layer::Current => true,
            Layer::Setting(SettingIs { name, value, .. }) => self.settings.is_some_and(|s| s.get(name) == Some(value)),
        };
        layer
            && guard
                .sibling_groups()
                .iter()
                .all(|(c, values)| values.iter().any(|v| is_str(present(obj, &c.wire), v)))
            && guard.sent.iter().all(|t| present(obj, &t.wire).is_some() == t.sent)
            && guard.state.iter().all(|st| self.state(st) == Some(true))
    }

    /// Whether the current resource's state satisfies `st`; `None`: unknown (no
    /// snapshot, or no such field in it).
    fn state(&self, st: &StateIs) -> Option<bool> {
        let x = self.current(&st.wire)?;
        Some(match &st.test {
            StateTest::Bool(b) => x.as_bool() == Some(*b),
            StateTest::OneOf(values) => x.as_str().is_some_and(|s| values.iter().any(|v| v == s)),
        })
    }

    /// Whether the chosen version (the settings' `api_version`, else the latest) lies
    /// outside `since..until` (`Scope::outside`).
    fn outside(&self, since: Option<&VersionIs>, until: Option<&VersionIs>) -> bool {
        let ver = self.version.unwrap_or_else(|| self.types.api.versions.len().saturating_sub(1));
        since.is_some_and(|s| ver < s.index) || until.is_some_and(|u| ver >= u.index)
    }

    fn current(&self, wire: &str) -> Option<&Value> {
        self.current.and_then(|c| present(c, wire))
    }

    /// A check on the field's present value `v` (`field_check`).
    fn field_check(&self, f: &FieldPlan, c: &Check<FieldCheck>, obj: &Map<String, Value>, v: &Value, p: &Path<'_>, out: &mut Out) {
        match &c.kind {
            FieldCheck::Value(kind) => {
                if checks::fails(kind, v) {
                    out.record(c, p);
                }
            }
            FieldCheck::Version { since, until } => {
                if self.outside(since.as_ref(), until.as_ref()) {
                    out.record(c, p);
                }
            }
            FieldCheck::ValueVersion { value, since, until } => {
                if v.as_str() == Some(value.as_str()) && self.outside(since.as_ref(), until.as_ref()) {
                    out.record(c, p);
                }
            }
            FieldCheck::UnionTag { tag, missing, .. } => {
                let sent = present(obj, tag);
                let failed = if *missing {
                    sent.is_none()
                } else {
                    let named = |x: &Value| matches!(&f.ty, Ty::Tagged(t) if x.as_str().is_some_and(|s| t.variant(s).is_some()));
                    sent.is_some_and(|x| !named(x))
                };
                if failed {
                    out.record(c, p);
                }
            }
            FieldCheck::OnId(kind) => {
                if v.is_string() && checks::fails(kind, v) {
                    out.record(c, p);
                }
            }
            FieldCheck::Lock { items, .. } => {
                if items.is_empty() {
                    out.record(c, p);
                    return;
                }
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    if items.iter().all(|x| holds(item.as_object(), x)) {
                        out.record(c, &p.index(i));
                    }
                }
            }
            FieldCheck::Discriminator(d) => {
                if !holds(Some(obj), d) {
                    out.record(c, p);
                }
            }
            FieldCheck::CurrentDiscriminator(d) => {
                if self.current(&d.wire).is_some_and(|x| x.as_str() != Some(d.value.as_str())) {
                    out.record(c, p);
                }
            }
            FieldCheck::SetOnce { unset, equality } => {
                if let Some(cur) = self.current(&f.wire) {
                    let set = match unset {
                        Unset::AbsentOrEmpty => !is_empty(cur),
                        Unset::Absent => true,
                    };
                    if set && !self.equal(*equality, &f.ty, cur, v) {
                        out.record(c, p);
                    }
                }
            }
            FieldCheck::Identifying { equality } => {
                if self.current(&f.wire).is_some_and(|cur| !self.equal(*equality, &f.ty, cur, v)) {
                    out.record(c, p);
                }
            }
            FieldCheck::State(st) => {
                if self.state(st) == Some(false) {
                    out.record(c, p);
                }
            }
            FieldCheck::Transition { from, to } => {
                let cur = self.current(&f.wire).and_then(Value::as_str);
                let sent = v.as_str().unwrap_or_default();
                if cur == Some(from.as_str()) && sent != from && !to.iter().any(|t| t == sent) {
                    out.record(c, p);
                }
            }
            FieldCheck::ProviderOnlySet(x) => {
                let cur = self.current(&f.wire).and_then(Value::as_str);
                if v.as_str() == Some(x.as_str()) && cur != Some(x.as_str()) {
                    out.record(c, p);
                }
            }
            FieldCheck::ProviderOnlyLeave(x) => {
                let cur = self.current(&f.wire).and_then(Value::as_str);
                if cur == Some(x.as_str()) && v.as_str() != Some(x.as_str()) {
                    out.record(c, p);
                }
            }
            FieldCheck::IncreaseOnly | FieldCheck::DecreaseOnly => {
                let bad = if matches!(c.kind, FieldCheck::IncreaseOnly) {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                if self.current(&f.wire).is_some_and(|cur| order(&f.ty, v, cur) == Some(bad)) {
                    out.record(c, p);
                }
            }
            FieldCheck::AppendOnly => {
                let item = f.ty.element();
                if let (Some(cur), Some(sent)) = (self.current(&f.wire).and_then(Value::as_array), v.as_array()) {
                    let kept = cur.len() <= sent.len() && cur.iter().zip(sent).all(|(a, b)| same(self.types, item, a, b));
                    if !kept {
                        out.record(c, p);
                    }
                }
            }
            FieldCheck::SetOnceKeys { replace } => {
                let item = f.ty.element();
                if let (Some(cur), Some(sent)) = (self.current(&f.wire).and_then(Value::as_object), v.as_object()) {
                    let changed = cur.iter().any(|(k, x)| match present(sent, k) {
                        Some(y) => !same(self.types, item, x, y),
                        None => *replace,
                    });
                    if changed {
                        out.record(c, p);
                    }
                }
            }
            FieldCheck::UniqueBy { wire: key, .. } => {
                let items: &[Value] = v.as_array().map_or(&[], Vec::as_slice);
                let key_ty = self
                    .types
                    .object(f.ty.element())
                    .and_then(|o| o.field(key))
                    .and_then(|k| k.ty.as_ref());
                for (i, a) in items.iter().enumerate() {
                    let (Some(ka), Some(t)) = (key_of(a, key), key_ty) else { continue };
                    if items[..i]
                        .iter()
                        .any(|b| key_of(b, key).is_some_and(|kb| same(self.types, t, kb, ka)))
                    {
                        out.record(c, &p.index(i));
                    }
                }
            }
        }
    }

    /// `cur` and `v` are equal in the plan's sense.
    fn equal(&self, equality: Equality, ty: &Ty, cur: &Value, v: &Value) -> bool {
        match equality {
            Equality::Text => cur.as_str().is_some() && cur.as_str() == v.as_str(),
            Equality::Value => same(self.types, ty, cur, v),
        }
    }

    /// The checks of each key of a map (`key_loop`), key by key, each reported at its
    /// entry.
    fn keys(&self, f: &FieldPlan, obj: &Map<String, Value>, v: &Value, p: &Path<'_>, out: &mut Out) {
        if f.key_checks.is_empty() {
            return;
        }
        let Some(entries) = v.as_object() else { return };
        for (k, _) in sorted(entries) {
            let key = Value::String(k.clone());
            let q = p.entry(k);
            for c in &f.key_checks {
                if self.guard(&c.guard, obj) && checks::fails(&c.kind, &key) {
                    out.record(c, &q);
                }
            }
        }
    }

    /// The checks of each element of an array or map of scalars (`item_loop`), element
    /// by element, each under the check's conditions.
    fn items(&self, f: &FieldPlan, obj: &Map<String, Value>, v: &Value, p: &Path<'_>, out: &mut Out) {
        if f.item_checks.is_empty() {
            return;
        }
        let run = |x: &Value, q: &Path<'_>, out: &mut Out| {
            // A deleted map entry (`clear_entries`) has no value to check.
            if x.is_null() {
                return;
            }
            for c in &f.item_checks {
                let failed = if let ValueCheck::ValueVersion { value, since, until } = &c.kind {
                    x.as_str() == Some(value.as_str()) && self.outside(since.as_ref(), until.as_ref())
                } else {
                    checks::fails(&c.kind, x)
                };
                if self.guard(&c.guard, obj) && failed {
                    out.record(c, q);
                }
            }
        };
        match v {
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    run(x, &p.index(i), out);
                }
            }
            Value::Object(entries) => {
                for (k, x) in sorted(entries) {
                    run(x, &p.entry(k), out);
                }
            }
            // The shape check refused anything else.
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
        }
    }

    /// Into the objects inside a value (`descend`).
    fn descend(&self, shape: &Shape, v: &Value, p: &Path<'_>, out: &mut Out) {
        // A value of another JSON type than its shape's was refused by the shape check.
        match shape {
            // An id (a string) has nothing inside.
            Shape::Object(name) | Shape::OrId(name) => {
                if let (Some(plan), Some(obj)) = (self.plan.objects.get(name), v.as_object()) {
                    self.object(plan, obj, p, out);
                }
            }
            Shape::List(inner) => {
                for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                    self.descend(inner, x, &p.index(i), out);
                }
            }
            Shape::Map(inner) => {
                for (k, x) in v.as_object().map(sorted).unwrap_or_default() {
                    self.descend(inner, x, &p.entry(k), out);
                }
            }
            // Read with the sibling tag by the field's walk; never inside an array or map.
            Shape::Scalar | Shape::Enum | Shape::Tagged { .. } => {}
        }
    }
}

/// A map's entries in `BTreeMap` order, whatever order `serde_json::Map` keeps.
/// Hands `f` the path of `steps` below `path` (a sensitive step's marked so).
fn at_steps(path: &Path<'_>, steps: &[crate::plan::Step], f: &mut dyn FnMut(&Path<'_>)) {
    match steps.split_first() {
        None => f(path),
        Some((s, rest)) => {
            let p = path.key(&s.wire);
            let p = if s.sensitive { p.sensitive() } else { p };
            at_steps(&p, rest, f);
        }
    }
}

fn sorted(entries: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut v: Vec<_> = entries.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// An array item's present member `key`.
fn key_of<'v>(item: &'v Value, key: &str) -> Option<&'v Value> {
    item.as_object().and_then(|o| present(o, key))
}

/// How the request's value `v` compares with the current value `cur` of a field of type
/// `ty`, as the generated code compares them (`cmp_str` for text-carried values).
fn order(ty: &Ty, v: &Value, cur: &Value) -> Option<Ordering> {
    match ty {
        Ty::Integer => Some(v.as_i64()?.cmp(&cur.as_i64()?)),
        Ty::Unsigned => Some(v.as_u64()?.cmp(&cur.as_u64()?)),
        Ty::Number => v.as_f64()?.partial_cmp(&cur.as_f64()?),
        Ty::Decimal => Decimal::new_unchecked(v.as_str()?).cmp_str(cur.as_str()?),
        Ty::Date => Date::new_unchecked(v.as_str()?).cmp_str(cur.as_str()?),
        Ty::DateTime => DateTime::new_unchecked(v.as_str()?).cmp_str(cur.as_str()?),
        Ty::String | Ty::Boolean | Ty::Named(_) | Ty::List(_) | Ty::Map(_) | Ty::Json | Ty::OrId(_) | Ty::Tagged(_) => None,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}
