//! The plan carried out over JSON, in the order `emit::validate` generates: for each
//! field of an object in plan order, `required` when absent; when present, its checks
//! in plan order, then the checks of each element, then the objects inside it.

use std::collections::BTreeMap;

use mutaspec_runtime::{Path, Rule, Violations};
use serde_json::{Map, Value};

use super::checks;
use super::equal::same;
use super::error::{Part, PayloadError, PayloadErrorKind};
use super::types::Types;
use crate::model::Ty;
use crate::plan::{Check, CheckKind, EndpointPlan, FieldPlan, Layer, ObjectPlan, Shape};

/// What a walk needs besides the payload.
pub(super) struct Walk<'a> {
    pub types: Types<'a>,
    pub plan: &'a EndpointPlan,
    /// The current-resource snapshot, by wire name.
    pub current: Option<&'a Map<String, Value>>,
    /// Every setting of the API by spec name, defaults filled in.
    pub settings: Option<&'a BTreeMap<String, bool>>,
}

/// Violations found so far, and the first rule the runtime does not know.
#[derive(Default)]
pub(super) struct Out {
    pub violations: Violations,
    pub unsupported: Option<PayloadError>,
}

impl Out {
    fn record(&mut self, c: &Check, path: &Path<'_>) {
        match Rule::ALL.iter().find(|r| r.as_str() == c.rule) {
            Some(rule) => self.violations.record(path, *rule, c.message.as_str(), c.code),
            None => {
                let what = format!("the plan reports rule `{}`, which the runtime does not define", c.rule);
                let err = PayloadError {
                    part: Part::Payload,
                    path: path.render(),
                    kind: PayloadErrorKind::Unsupported { what },
                };
                self.unsupported.get_or_insert(err);
            }
        }
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

impl Walk<'_> {
    /// Every field of an object (`validate_into`); `root` for the request itself.
    pub fn object(&self, plan: &ObjectPlan, obj: &Map<String, Value>, path: &Path<'_>, root: bool, out: &mut Out) {
        for f in &plan.fields {
            self.field(f, obj, path, root, out);
        }
    }

    fn field(&self, f: &FieldPlan, obj: &Map<String, Value>, path: &Path<'_>, root: bool, out: &mut Out) {
        // Below a sensitive field no map key reaches a path (`Path::sensitive`).
        let p = path.key(&f.wire);
        let p = if f.sensitive { p.sensitive() } else { p };
        let Some(v) = present(obj, &f.wire) else {
            for c in f.checks.iter().filter(|c| c.kind == CheckKind::Required) {
                if self.guard(c, obj, root) {
                    out.record(c, &p);
                }
            }
            return;
        };
        for c in f.checks.iter().filter(|c| c.kind != CheckKind::Required) {
            if self.guard(c, obj, root) {
                self.value_check(f, c, obj, v, &p, out);
            }
        }
        self.items(f, obj, v, &p, root, out);
        self.descend(&f.shape, v, &p, out);
    }

    /// The check's layer, setting and sibling conditions (`guarded`).
    fn guard(&self, c: &Check, obj: &Map<String, Value>, root: bool) -> bool {
        let layer = match c.layer {
            Layer::Stateless => true,
            Layer::Current => root,
            Layer::Settings => match &c.setting {
                Some((name, _)) => self.settings.is_some_and(|s| s.get(name).copied().unwrap_or(false)),
                None => true,
            },
        };
        layer && c.when.iter().all(|(wire, _, value)| is_str(present(obj, wire), value))
    }

    fn setting_is(&self, name: &str, when: bool) -> bool {
        self.settings.is_some_and(|s| s.get(name).copied() == Some(when))
    }

    fn current(&self, wire: &str) -> Option<&Value> {
        self.current.and_then(|c| present(c, wire))
    }

    /// A check on the field's present value `v` (`value_check`).
    fn value_check(&self, f: &FieldPlan, c: &Check, obj: &Map<String, Value>, v: &Value, p: &Path<'_>, out: &mut Out) {
        match &c.kind {
            CheckKind::Lock {
                setting, when, item_when, ..
            } => {
                if !self.setting_is(setting, *when) {
                    return;
                }
                if item_when.is_empty() {
                    out.record(c, p);
                    return;
                }
                for (i, item) in v.as_array().into_iter().flatten().enumerate() {
                    let item = item.as_object();
                    if item_when
                        .iter()
                        .all(|(wire, _, value)| is_str(item.and_then(|o| present(o, wire)), value))
                    {
                        out.record(c, &p.index(i));
                    }
                }
            }
            CheckKind::Discriminator { wire, value, .. } => {
                if !is_str(present(obj, wire), value) {
                    out.record(c, p);
                }
            }
            CheckKind::CurrentDiscriminator { wire, value, .. } => {
                if self.current(wire).is_some_and(|d| d.as_str() != Some(value.as_str())) {
                    out.record(c, p);
                }
            }
            CheckKind::SetOnce => {
                if let Some(cur) = self.current(&f.wire) {
                    let set = match f.ty {
                        Ty::List(_) | Ty::Map(_) | Ty::String => !is_empty(cur),
                        _ => true,
                    };
                    if set && !same(self.types, &f.ty, cur, v) {
                        out.record(c, p);
                    }
                }
            }
            CheckKind::Identifying => {
                if self.current(&f.wire).is_some_and(|cur| !same(self.types, &f.ty, cur, v)) {
                    out.record(c, p);
                }
            }
            CheckKind::UniqueBy(key, _) => {
                let items: &[Value] = v.as_array().map_or(&[], Vec::as_slice);
                let key_ty = self
                    .types
                    .object(f.ty.item())
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
            kind => {
                if checks::fails(self.types, &f.ty, kind, v) {
                    out.record(c, p);
                }
            }
        }
    }

    /// The checks of each element of an array or map of scalars (`item_loop`), element
    /// by element, each under the check's conditions.
    fn items(&self, f: &FieldPlan, obj: &Map<String, Value>, v: &Value, p: &Path<'_>, root: bool, out: &mut Out) {
        if f.item_checks.is_empty() {
            return;
        }
        let elem = f.ty.item_of_container();
        let run = |x: &Value, q: &Path<'_>, out: &mut Out| {
            for c in &f.item_checks {
                if self.guard(c, obj, root) && checks::fails(self.types, elem, &c.kind, x) {
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
            _ => {}
        }
    }

    /// Into the objects inside a value (`descend`).
    fn descend(&self, shape: &Shape, v: &Value, p: &Path<'_>, out: &mut Out) {
        match (shape, v) {
            (Shape::Object(name), Value::Object(obj)) => {
                if let Some(plan) = self.plan.objects.get(name) {
                    self.object(plan, obj, p, false, out);
                }
            }
            (Shape::List(inner), Value::Array(items)) => {
                for (i, x) in items.iter().enumerate() {
                    self.descend(inner, x, &p.index(i), out);
                }
            }
            (Shape::Map(inner), Value::Object(entries)) => {
                for (k, x) in sorted(entries) {
                    self.descend(inner, x, &p.entry(k), out);
                }
            }
            _ => {}
        }
    }
}

/// A map's entries in `BTreeMap` order, whatever order `serde_json::Map` keeps.
fn sorted(entries: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut v: Vec<_> = entries.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// An array item's present member `key`.
fn key_of<'v>(item: &'v Value, key: &str) -> Option<&'v Value> {
    item.as_object().and_then(|o| present(o, key))
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}
