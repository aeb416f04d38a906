//! Request bodies, field by field. A field is identified by its wire path from the body
//! (`individual.mailingAddress[].zip`: `[]` steps into array items, `{}` into map values).
//! Types are walked structurally: what a named or inline type is called does not matter,
//! only what it holds, and a type used at several paths is compared at each of them.

use super::change::{code, RuleId, Sink};
use super::{attrs, constraints};
use crate::diag::Loc;
use crate::model::{Api, ConstraintKind, Endpoint, Field, Merge, Object, Tagged, Ty, TypeDef, TypeKind, UpdateRule};

/// Deepest nesting of types followed (recursive types stop earlier, at their first repeat).
const MAX_DEPTH: usize = 32;
/// Most fields compared per endpoint: a bound on specs whose types fan out exponentially.
const MAX_FIELDS: usize = 100_000;

/// One side of an endpoint comparison: where its type names resolve.
#[derive(Clone, Copy)]
pub(super) struct BodyDiff<'a> {
    api: &'a Api,
    ep: &'a Endpoint,
}

impl<'a> BodyDiff<'a> {
    pub fn new(api: &'a Api, ep: &'a Endpoint) -> Self {
        BodyDiff { api, ep }
    }

    fn lookup(&self, name: &str) -> Option<&'a TypeDef> {
        self.api.find_type(Some(self.ep), name)
    }

    /// A type as a reviewer reads it: inline types are `object` or `enum`, not their derived name.
    fn show(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named(n) => match self.lookup(n) {
                Some(t) if t.inline => match t.kind {
                    TypeKind::Object(_) => "object".into(),
                    TypeKind::Enum(_) => "enum".into(),
                },
                _ => n.clone(),
            },
            Ty::List(t) => format!("{}[]", self.show(t)),
            Ty::Map(t) => format!("map<{}>", self.show(t)),
            other => other.spec_text(),
        }
    }
}

/// Compares two request bodies.
pub(super) fn body(old: BodyDiff<'_>, new: BodyDiff<'_>, sink: &mut Sink<'_>) {
    let mut walk = Walk {
        old,
        new,
        sink,
        stack: Vec::new(),
        budget: MAX_FIELDS,
    };
    walk.object(&old.ep.body, &new.ep.body, "", &new.ep.loc);
}

struct Walk<'a, 's, 'o> {
    old: BodyDiff<'a>,
    new: BodyDiff<'a>,
    sink: &'s mut Sink<'o>,
    /// The (old, new) object types being compared, outermost first: a repeat is a cycle.
    stack: Vec<(&'a str, &'a str)>,
    budget: usize,
}

fn join(prefix: &str, wire: &str) -> String {
    if prefix.is_empty() {
        wire.to_owned()
    } else {
        format!("{prefix}.{wire}")
    }
}

impl<'a> Walk<'a, '_, '_> {
    fn object(&mut self, o: &'a Object, n: &'a Object, prefix: &str, container: &Loc) {
        if o.open != n.open {
            let subject = if prefix.is_empty() { "body".to_owned() } else { prefix.to_owned() };
            let (rule, msg) = if n.open {
                (
                    RuleId::ObjectOpened,
                    format!("{} now accepts members beyond its fields (`open: true`)", code(&subject)),
                )
            } else {
                (
                    RuleId::ObjectClosed,
                    format!(
                        "{} no longer accepts unknown members: a payload carrying one is refused",
                        code(&subject)
                    ),
                )
            };
            self.sink.push(rule, subject, Some(container), msg);
        }
        for nf in &n.fields {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let path = join(prefix, &nf.wire);
            match o.field(&nf.wire) {
                Some(of) => self.field(of, nf, &path),
                None => self.added(nf, &path, prefix),
            }
        }
        for of in o.fields.iter().filter(|f| f.sendable() && n.field(&f.wire).is_none()) {
            let path = join(prefix, &of.wire);
            let msg = format!("field {} removed: requests that set it no longer compile", code(&path));
            self.sink.push(RuleId::FieldRemoved, path, Some(container), msg);
        }
        super::groups::object(o, n, prefix, container, self.sink);
    }

    fn added(&mut self, f: &Field, path: &str, parent: &str) {
        let required = f.sendable() && f.constraints.iter().any(|c| c.kind == ConstraintKind::Required);
        let (rule, msg) = if required {
            let when = if parent.is_empty() {
                "in every request".to_owned()
            } else {
                format!("whenever {} is sent", code(parent))
            };
            let msg = format!("new field {} is required {when}: requests without it are rejected", code(path));
            (RuleId::RequiredFieldAdded, msg)
        } else if f.output_only {
            (RuleId::FieldAdded, format!("new output-only field {}", code(path)))
        } else {
            (
                RuleId::FieldAdded,
                format!("new field {} ({})", code(path), attrs::rule_label(&f.rule)),
            )
        };
        self.sink.push(rule, path, Some(&f.loc), msg);
    }

    fn field(&mut self, o: &'a Field, n: &'a Field, path: &str) {
        let at = Some(&n.loc);
        if o.output_only != n.output_only {
            let (rule, msg) = if n.output_only {
                (
                    RuleId::OutputOnlyAdded,
                    format!("{} is now output-only: requests can no longer send it", code(path)),
                )
            } else {
                (
                    RuleId::OutputOnlyRemoved,
                    format!("{} is no longer output-only: requests may send it", code(path)),
                )
            };
            return self.sink.push(rule, path, at, msg);
        }
        if o.output_only {
            return;
        }
        if o.rule != n.rule {
            attrs::rule(&o.rule, &n.rule, path, at, self.sink);
        }
        if o.rule == UpdateRule::NotUpdatable || n.rule == UpdateRule::NotUpdatable {
            return;
        }
        let shape = match (&o.ty, &n.ty) {
            (Some(a), Some(b)) if self.same_shape(a, b) => Some((a, b)),
            (Some(a @ Ty::Tagged(x)), Some(b @ Ty::Tagged(y))) => {
                self.tagged(x, y, path, at);
                Some((a, b))
            }
            (Some(a), Some(b)) if union_change(a, b).is_some() => {
                if let Some((rule, msg)) = union_change(a, b) {
                    self.sink.push(rule, path, at, format!("{} {msg}", code(path)));
                }
                // The object, if both sides have it, is compared as before.
                matches!((a, b), (Ty::Named(_) | Ty::OrId(_), Ty::Named(_) | Ty::OrId(_))).then_some((a, b))
            }
            (Some(a), Some(b)) => {
                let msg = format!(
                    "{} changed type from {} to {}",
                    code(path),
                    code(&self.old.show(a)),
                    code(&self.new.show(b))
                );
                self.sink.push(RuleId::TypeChanged, path, at, msg);
                None
            }
            _ => None,
        };
        if shape.is_some() && o.merge != n.merge {
            let (rule, msg) = match n.merge {
                Merge::Replace => (
                    RuleId::MergeToReplace,
                    format!(
                        "{} now replaces the current value (was merged): what a request leaves out is cleared",
                        code(path)
                    ),
                ),
                Merge::Merge => (
                    RuleId::ReplaceToMerge,
                    format!(
                        "{} now merges into the current value (was replaced): what a request leaves out is kept",
                        code(path)
                    ),
                ),
            };
            self.sink.push(rule, path, at, msg);
        }
        constraints::field(&o.constraints, &n.constraints, n.ty.as_ref(), path, &n.loc, self.sink);
        if o.available != n.available {
            let msg = format!(
                "{} is now available {} (was {})",
                code(path),
                n.available.describe().trim_start_matches("available "),
                o.available.describe()
            );
            self.sink.push(RuleId::AvailabilityChanged, path, at, msg);
        }
        attrs::effects(o, n, path, self.sink);
        attrs::aliases(o, n, path, self.sink);
        attrs::clear(o, n, path, self.sink);
        attrs::clear_entries(o, n, path, self.sink);
        if o.sensitive != n.sensitive {
            let (rule, msg) = if n.sensitive {
                (
                    RuleId::SensitiveAdded,
                    format!("{} is now sensitive: `Debug` and logs no longer print it", code(path)),
                )
            } else {
                (
                    RuleId::SensitiveRemoved,
                    format!("{} is no longer sensitive: `Debug` and logs may print it", code(path)),
                )
            };
            self.sink.push(rule, path, at, msg);
        }
        attrs::locks(o, n, path, self.new.api, self.sink);
        if shape.is_some() && o.key != n.key {
            let key = |k: &Option<String>| k.as_deref().map_or_else(|| "none".to_owned(), code);
            let msg = format!(
                "{} items are now matched with the current resource's by {} (was {}): the rules inside them are checked against other items",
                code(path),
                key(&n.key),
                key(&o.key)
            );
            self.sink.push(RuleId::ItemKeyChanged, path, at, msg);
        }
        attrs::state(o, n, path, self.sink);
        attrs::transitions(o, n, path, self.sink);
        if let Some((a, b)) = shape {
            self.descend(a, b, path);
        }
    }

    /// Whether two types have the same shape: same scalar, or both arrays, maps, objects
    /// or enums of the same shape. What objects and enums hold is compared by `descend`.
    fn same_shape(&self, a: &Ty, b: &Ty) -> bool {
        match (a, b) {
            (Ty::List(x), Ty::List(y)) | (Ty::Map(x), Ty::Map(y)) => self.same_shape(x, y),
            (Ty::Named(x), Ty::Named(y)) => match (self.old.lookup(x), self.new.lookup(y)) {
                (Some(s), Some(t)) => matches!(
                    (&s.kind, &t.kind),
                    (TypeKind::Object(_), TypeKind::Object(_)) | (TypeKind::Enum(_), TypeKind::Enum(_))
                ),
                _ => x == y,
            },
            _ => a == b,
        }
    }

    fn descend(&mut self, a: &'a Ty, b: &'a Ty, path: &str) {
        match (a, b) {
            (Ty::List(x), Ty::List(y)) => self.descend(x, y, &format!("{path}[]")),
            (Ty::Map(x), Ty::Map(y)) => self.descend(x, y, &format!("{path}{{}}")),
            // The variants both sides read, at `path<value>`.
            (Ty::Tagged(x), Ty::Tagged(y)) => {
                for (vo, vn) in x.variants.iter().filter_map(|v| Some((v, y.variant(&v.value)?))) {
                    let (Some(s), Some(t)) = (self.old.lookup(&vo.ty), self.new.lookup(&vn.ty)) else {
                        continue;
                    };
                    if let (TypeKind::Object(oo), TypeKind::Object(no)) = (&s.kind, &t.kind) {
                        let pair = (vo.ty.as_str(), vn.ty.as_str());
                        if self.stack.len() >= MAX_DEPTH || self.stack.contains(&pair) {
                            continue;
                        }
                        self.stack.push(pair);
                        self.object(oo, no, &format!("{path}<{}>", vn.value), &t.loc);
                        self.stack.pop();
                    }
                }
            }
            (Ty::Named(x) | Ty::OrId(x), Ty::Named(y) | Ty::OrId(y)) => {
                let (Some(s), Some(t)) = (self.old.lookup(x), self.new.lookup(y)) else {
                    return;
                };
                match (&s.kind, &t.kind) {
                    (TypeKind::Object(oo), TypeKind::Object(no)) => {
                        let pair = (x.as_str(), y.as_str());
                        if self.stack.len() >= MAX_DEPTH || self.stack.contains(&pair) {
                            return;
                        }
                        self.stack.push(pair);
                        self.object(oo, no, path, &t.loc);
                        self.stack.pop();
                    }
                    (TypeKind::Enum(oe), TypeKind::Enum(ne)) => constraints::enums(oe, ne, path, &t.loc, self.sink),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

impl<'a> Walk<'a, '_, '_> {
    /// A discriminated union compared with another: its tag, and the variants gained,
    /// lost, or reading another object type.
    fn tagged(&mut self, o: &Tagged, n: &Tagged, path: &str, at: Option<&Loc>) {
        if o.tag != n.tag {
            let msg = format!(
                "{}'s variant is now named by `{}` (was `{}`): requests that send the old tag are read as untagged",
                code(path),
                n.tag,
                o.tag
            );
            self.sink.push(RuleId::UnionTagChanged, path, at, msg);
        }
        if o.error != n.error {
            let shown = |c: Option<u32>| c.map_or_else(|| "none".to_owned(), |c| c.to_string());
            let msg = format!(
                "{}'s error code for a missing or unknown tag changed: now {}, was {}",
                code(path),
                shown(n.error),
                shown(o.error)
            );
            self.sink.push(RuleId::ConstraintChanged, path, at, msg);
        }
        // A variant kept is an object on both sides (`bad-union`): its fields are compared
        // as any object's (`descend`), at `path<value>`.
        for v in n.variants.iter().filter(|v| o.variant(&v.value).is_none()) {
            let msg = format!("{} now also reads `{}: {}` as a `{}`", code(path), n.tag, v.value, v.ty);
            self.sink.push(RuleId::UnionVariantAdded, path, at, msg);
        }
        for v in o.variants.iter().filter(|v| n.variant(&v.value).is_none()) {
            let msg = format!(
                "{} no longer has variant `{}` (`{}`): requests that send it are reported as naming no variant",
                code(path),
                v.value,
                v.ty
            );
            self.sink.push(RuleId::UnionVariantRemoved, path, at, msg);
        }
    }
}

/// A union gaining or losing a variant: `Customer` or `string` becoming `Customer |
/// string` (ids, or objects, are accepted now), and back (no longer accepted).
fn union_change(a: &Ty, b: &Ty) -> Option<(RuleId, String)> {
    match (a, b) {
        (Ty::Named(x), Ty::OrId(y)) if x == y => Some((
            RuleId::UnionVariantAdded,
            format!("now also takes the string id of `{y}` (`{y} | string`)"),
        )),
        (Ty::String, Ty::OrId(y)) => Some((RuleId::UnionVariantAdded, format!("now also takes a `{y}` object (`{y} | string`)"))),
        (Ty::OrId(x), Ty::Named(y)) if x == y => Some((
            RuleId::UnionVariantRemoved,
            format!("no longer takes a string id (`{x} | string` is now `{y}`): requests that send an id are refused"),
        )),
        (Ty::OrId(x), Ty::String) => Some((
            RuleId::UnionVariantRemoved,
            format!("no longer takes a `{x}` object (`{x} | string` is now `string`): requests that send one are refused"),
        )),
        _ => None,
    }
}
