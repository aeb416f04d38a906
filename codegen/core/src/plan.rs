//! The validation plan: every check of an endpoint, decided once from the model.
//!
//! For each object type a request can contain, the plan lists, field by field and in a
//! fixed order, which check applies, in which layer (the request alone, against the
//! current resource, against the program's settings), with which runtime `Rule`, which
//! provider code and which message. Two back ends carry it out and nothing else: the
//! Rust emitter (`emit::validate`) and the JSON evaluator behind `mutaspec validate`.
//! They cannot disagree about *what* to check, only about *how*, which the differential
//! test covers.
//!
//! Order of checks on a present field: value validity (dates, decimals, enum
//! membership), the spec's constraints in spec order, the discriminator, the current
//! resource, setting locks; then the checks inside the value (items in order, object
//! fields in spec order). An absent field only gets `required`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Api, ConstraintKind, Endpoint, Field, Format, LockKind, Object, Rule, Ty, TypeDef, TypeKind};

/// When a check can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// On the request alone.
    Stateless,
    /// Against the current resource.
    Current,
    /// Against the program's settings.
    Settings,
}

/// What a check looks at.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckKind {
    /// A string format.
    Format(Format),
    /// A date is a real `YYYY-MM-DD` day.
    ValidDate,
    /// A datetime is RFC 3339.
    ValidDateTime,
    /// A decimal string is a decimal.
    ValidDecimal,
    /// A closed enum's value is a documented one.
    EnumMember,
    /// At least this many characters, items or entries.
    MinLength(u64),
    /// At most this many.
    MaxLength(u64),
    /// A number, or decimal, at least this.
    Min(String),
    /// At most this.
    Max(String),
    /// A date or datetime strictly after this.
    After(String),
    /// Strictly before this.
    Before(String),
    /// The whole string matches.
    Pattern(String),
    /// A named runtime check passes (`no_po_box`).
    Named(String),
    /// The field is present whenever its object is.
    Required,
    /// Array items: at most one per value of this item field (wire, Rust).
    UniqueBy(String, String),
    /// A conditional field is sent only with its discriminator sibling at `value`.
    Discriminator { wire: String, rust: String, value: String },
    /// A conditional field is sent only when the current resource's discriminator is `value`.
    CurrentDiscriminator { wire: String, rust: String, value: String },
    /// A set-once field may not change once the current resource has it.
    SetOnce,
    /// An identifying field may not differ from the current resource's.
    Identifying,
    /// The field (or, with `item_when`, an item) may not be sent while the setting is `when`.
    Lock {
        setting: String,
        setting_rust: String,
        when: bool,
        item_when: Vec<(String, String, String)>,
        /// The Rust names of the item fields in `item_when` that are sensitive (read
        /// through `expose()` by the generated code).
        item_sensitive: Vec<String>,
    },
}

/// One decided check.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// What to check.
    pub kind: CheckKind,
    /// The runtime `Rule` it reports (`mutaspec_runtime::Rule::as_str` ids).
    pub rule: &'static str,
    /// The provider's code.
    pub code: Option<u32>,
    /// The message, final: the catalogue's message when there is a code.
    pub message: String,
    /// When it can run.
    pub layer: Layer,
    /// Sibling fields (wire, Rust, value) that must have these values.
    pub when: Vec<(String, String, String)>,
    /// A boolean setting (spec name, Rust name) that must be on.
    pub setting: Option<(String, String)>,
}

/// How to descend into a field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A scalar: nothing inside.
    Scalar,
    /// An enum: nothing inside.
    Enum,
    /// An object type, by Rust name.
    Object(String),
    /// An array.
    List(Box<Shape>),
    /// A map.
    Map(Box<Shape>),
}

/// The checks of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPlan {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// The spec type.
    pub ty: Ty,
    /// Whether the value is wrapped in `Sensitive`.
    pub sensitive: bool,
    /// Checks on presence and on the value as a whole.
    pub checks: Vec<Check>,
    /// Checks on each scalar element, for arrays and maps of scalars.
    pub item_checks: Vec<Check>,
    /// How to descend.
    pub shape: Shape,
    /// Whether some object inside the value has a check: when not, validators skip it.
    pub descend: bool,
    /// Side effects sending the field triggers (Rust variant names).
    pub effects: Vec<String>,
}

/// The checks of one object type.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectPlan {
    /// The Rust type name.
    pub name: String,
    /// Fields a request can carry, in spec order.
    pub fields: Vec<FieldPlan>,
}

/// An endpoint's plan: its request object and every object type inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointPlan {
    /// The request body.
    pub root: ObjectPlan,
    /// Object types reachable from the body, by Rust name.
    pub objects: BTreeMap<String, ObjectPlan>,
    /// Root fields the current-resource snapshot holds: (wire, Rust, type).
    pub current: Vec<(String, String, Ty)>,
}

/// Plans every endpoint of an API.
pub fn endpoint(api: &Api, ep: &Endpoint) -> EndpointPlan {
    let cx = Cx::new(api, Some(ep));
    let root = cx.object(&ep.request_name(), &ep.body, true);
    let mut objects = BTreeMap::new();
    let mut todo: Vec<String> = root.fields.iter().filter_map(|f| shape_object(&f.shape)).collect();
    while let Some(name) = todo.pop() {
        if objects.contains_key(&name) {
            continue;
        }
        if let Some(TypeDef {
            kind: TypeKind::Object(o), ..
        }) = api.find_type(Some(ep), &name)
        {
            let plan = cx.object(&name, o, false);
            todo.extend(plan.fields.iter().filter_map(|f| shape_object(&f.shape)));
            objects.insert(name, plan);
        }
    }
    let mut current = Vec::new();
    for f in &ep.body.fields {
        let needed = matches!(f.rule, Rule::SetOnce | Rule::Identifying)
            || ep
                .body
                .fields
                .iter()
                .any(|g| matches!(&g.rule, Rule::Conditional { discriminator, .. } if *discriminator == f.wire));
        if let (true, Some(ty)) = (needed, &f.ty) {
            current.push((f.wire.clone(), f.rust.clone(), ty.clone()));
        }
    }
    EndpointPlan { root, objects, current }
}

fn shape_object(s: &Shape) -> Option<String> {
    match s {
        Shape::Object(n) => Some(n.clone()),
        Shape::List(i) | Shape::Map(i) => shape_object(i),
        Shape::Scalar | Shape::Enum => None,
    }
}

/// Plans one object type on its own (a shared type, or an endpoint's local type).
pub fn object(api: &Api, ep: Option<&Endpoint>, name: &str, o: &Object) -> ObjectPlan {
    Cx::new(api, ep).object(name, o, false)
}

struct Cx<'a> {
    api: &'a Api,
    ep: Option<&'a Endpoint>,
    /// Object types known to have no check: without it, types that share a type below
    /// them (`A { x: B, y: B }`, `B { x: C, y: C }`, ...) are walked exponentially often.
    unchecked: RefCell<BTreeSet<String>>,
}

impl<'a> Cx<'a> {
    fn new(api: &'a Api, ep: Option<&'a Endpoint>) -> Self {
        Cx {
            api,
            ep,
            unchecked: RefCell::default(),
        }
    }

    /// Whether object type `name`, or an object inside it, has any check (`seen` breaks
    /// cycles of recursive types: a type being looked at counts as checked).
    fn has_checks(&self, name: &str, seen: &mut Vec<String>) -> bool {
        if seen.iter().any(|s| s == name) {
            return true;
        }
        // Only "no check" is kept: it never depends on the cycle assumption above.
        if self.unchecked.borrow().contains(name) {
            return false;
        }
        let Some(TypeDef {
            kind: TypeKind::Object(o), ..
        }) = self.type_def(name)
        else {
            return false;
        };
        seen.push(name.to_owned());
        let found = o.fields.iter().filter(|f| f.rule != Rule::NotUpdatable && !f.output_only).any(|f| {
            let Some(ty) = &f.ty else { return false };
            let own = !f.constraints.is_empty()
                || !f.locks.is_empty()
                || matches!(ty.item_of_container(), Ty::Date | Ty::DateTime | Ty::Decimal)
                || matches!(&f.rule, Rule::Conditional { .. })
                || matches!(ty.item_of_container(), Ty::Named(n) if matches!(self.type_def(n).map(|t| &t.kind), Some(TypeKind::Enum(e)) if !e.open));
            own || shape_object(&self.shape(ty)).is_some_and(|n| self.has_checks(&n, seen))
        });
        seen.pop();
        if !found {
            self.unchecked.borrow_mut().insert(name.to_owned());
        }
        found
    }

    fn object(&self, name: &str, o: &Object, root: bool) -> ObjectPlan {
        let fields = o
            .fields
            .iter()
            .filter(|f| f.rule != Rule::NotUpdatable && !f.output_only)
            .filter_map(|f| Some(self.field(o, f, root, f.ty.as_ref()?)))
            .collect();
        ObjectPlan {
            name: name.to_owned(),
            fields,
        }
    }

    fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.api.find_type(self.ep, name)
    }

    fn shape(&self, ty: &Ty) -> Shape {
        match ty {
            Ty::List(i) => Shape::List(Box::new(self.shape(i))),
            Ty::Map(i) => Shape::Map(Box::new(self.shape(i))),
            Ty::Named(n) => match self.type_def(n).map(|t| &t.kind) {
                Some(TypeKind::Object(_)) => Shape::Object(n.clone()),
                _ => Shape::Enum,
            },
            _ => Shape::Scalar,
        }
    }

    fn field(&self, o: &Object, f: &Field, root: bool, ty: &Ty) -> FieldPlan {
        let mut checks = Vec::new();
        let mut item_checks = Vec::new();
        let scalar_container = matches!(ty, Ty::List(i) | Ty::Map(i) if !matches!(self.shape(i), Shape::Object(_)));
        let elem = if scalar_container { ty.item_of_container() } else { ty };
        // Value validity of the element type.
        let date_code = f
            .constraints
            .iter()
            .find(|c| matches!(c.kind, ConstraintKind::After(_) | ConstraintKind::Before(_)))
            .and_then(|c| c.error);
        let validity = match elem {
            Ty::Date => Some((CheckKind::ValidDate, "format", "must be a date (YYYY-MM-DD)".to_owned(), date_code)),
            Ty::DateTime => Some((
                CheckKind::ValidDateTime,
                "format",
                "must be an RFC 3339 datetime".to_owned(),
                date_code,
            )),
            Ty::Decimal => Some((
                CheckKind::ValidDecimal,
                "format",
                "must be a decimal number written as a string".to_owned(),
                None,
            )),
            Ty::Named(n) => match self.type_def(n).map(|t| &t.kind) {
                Some(TypeKind::Enum(e)) if !e.open => {
                    let values: Vec<String> = e.values.iter().map(|v| format!("`{}`", v.wire)).collect();
                    Some((
                        CheckKind::EnumMember,
                        "enum",
                        format!("must be one of {}", values.join(", ")),
                        e.error,
                    ))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((kind, rule, msg, code)) = validity {
            let check = self.check(kind, rule, code, &msg, Layer::Stateless);
            push_check(&mut checks, &mut item_checks, scalar_container, check);
        }
        for c in &f.constraints {
            let Some((kind, rule, msg)) = self.constraint(&c.kind, ty) else {
                continue;
            };
            let mut check = self.check(kind, rule, c.error, &msg, Layer::Stateless);
            check.when = c
                .when
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), o.field(k)?.rust.clone(), v.clone())))
                .collect();
            if let Some(s) = &c.setting {
                check.layer = Layer::Settings;
                check.setting = self.api.setting(s).map(|x| (x.name.clone(), x.rust.clone()));
            }
            let per_item = scalar_container
                && !matches!(
                    check.kind,
                    CheckKind::MinLength(_) | CheckKind::MaxLength(_) | CheckKind::Required | CheckKind::UniqueBy(..)
                );
            push_check(&mut checks, &mut item_checks, per_item, check);
        }
        if let Rule::Conditional { discriminator, value } = &f.rule {
            if let Some(d) = o.field(discriminator) {
                let (wire, rust) = (d.wire.clone(), d.rust.clone());
                let msg = format!("may be sent only with `{wire}` set to `{value}`");
                checks.push(self.check(
                    CheckKind::Discriminator {
                        wire: wire.clone(),
                        rust: rust.clone(),
                        value: value.clone(),
                    },
                    "discriminator_mismatch",
                    None,
                    &msg,
                    Layer::Stateless,
                ));
                if root {
                    let msg = format!("may be updated only when the current `{wire}` is `{value}`");
                    checks.push(self.check(
                        CheckKind::CurrentDiscriminator {
                            wire,
                            rust,
                            value: value.clone(),
                        },
                        "conditional",
                        None,
                        &msg,
                        Layer::Current,
                    ));
                }
            }
        }
        if root && f.rule == Rule::SetOnce {
            checks.push(self.check(
                CheckKind::SetOnce,
                "set_once",
                None,
                "is set once: the current value cannot be changed",
                Layer::Current,
            ));
        }
        if root && f.rule == Rule::Identifying {
            checks.push(self.check(
                CheckKind::Identifying,
                "identifying",
                None,
                "identifies the object and cannot change",
                Layer::Current,
            ));
        }
        for lock in &f.locks {
            let Some(s) = self.api.setting(&lock.setting) else { continue };
            let Some(l) = &s.locks else { continue };
            let rule = match l.kind {
                LockKind::Program => "locked_by_setting",
                LockKind::IdentityVerification => "locked_by_verification",
            };
            let msg = format!("cannot be updated: locked by the program setting `{}`", s.name);
            // `if:` on a lock: per item for an array of objects, on the siblings for
            // any other field (as the loader checks it).
            let per_item = self.item_object(ty).is_some();
            let (mut item_when, mut item_sensitive, mut sibling_when) = (Vec::new(), Vec::new(), Vec::new());
            for (k, v) in &lock.when {
                if per_item {
                    let Some(item) = self.item_object(ty).and_then(|o| o.field(k)) else {
                        continue;
                    };
                    item_when.push((k.clone(), item.rust.clone(), v.clone()));
                    if item.sensitive {
                        item_sensitive.push(item.rust.clone());
                    }
                } else if let Some(sib) = o.field(k) {
                    sibling_when.push((k.clone(), sib.rust.clone(), v.clone()));
                }
            }
            let kind = CheckKind::Lock {
                setting: s.name.clone(),
                setting_rust: s.rust.clone(),
                when: l.when,
                item_when,
                item_sensitive,
            };
            let mut check = self.check(kind, rule, l.error, &msg, Layer::Settings);
            check.when = sibling_when;
            checks.push(check);
        }
        let effects = f
            .effects
            .iter()
            .filter_map(|e| self.api.effects.iter().find(|x| x.name == *e).map(|x| x.rust.clone()))
            .collect();
        let descend = shape_object(&self.shape(ty)).is_some_and(|n| self.has_checks(&n, &mut Vec::new()));
        FieldPlan {
            descend,
            wire: f.wire.clone(),
            rust: f.rust.clone(),
            ty: ty.clone(),
            sensitive: f.sensitive,
            checks,
            item_checks,
            shape: self.shape(ty),
            effects,
        }
    }

    /// The Rust name of field `wire` of the items of an array of objects.
    fn item_field_rust(&self, ty: &Ty, wire: &str) -> Option<String> {
        self.item_object(ty)?.field(wire).map(|f| f.rust.clone())
    }

    /// The item object of an array of objects.
    fn item_object(&self, ty: &Ty) -> Option<&Object> {
        let Ty::List(item) = ty else { return None };
        let Ty::Named(n) = &**item else { return None };
        match &self.type_def(n)?.kind {
            TypeKind::Object(o) => Some(o),
            TypeKind::Enum(_) => None,
        }
    }

    /// A constraint as a check: kind, runtime rule and default message.
    fn constraint(&self, kind: &ConstraintKind, ty: &Ty) -> Option<(CheckKind, &'static str, String)> {
        let unit = match ty {
            Ty::List(_) => "items",
            Ty::Map(_) => "entries",
            _ => "characters",
        };
        Some(match kind {
            ConstraintKind::Format(f) => {
                let what = match f {
                    Format::Email => "an email address",
                    Format::CountryAlpha2 => "an ISO 3166-1 alpha-2 country code",
                    Format::CountryAlpha3 => "an ISO 3166-1 alpha-3 country code",
                };
                (CheckKind::Format(*f), "format", format!("must be {what}"))
            }
            // Every value has at least 0 items: a check that never fails is no check
            // (emitted, it would be a useless comparison or a dead `if false`).
            ConstraintKind::MinLength(0) => return None,
            ConstraintKind::MinLength(n) => (CheckKind::MinLength(*n), "min_length", format!("must have at least {n} {unit}")),
            ConstraintKind::MaxLength(n) => (CheckKind::MaxLength(*n), "max_length", format!("must have at most {n} {unit}")),
            ConstraintKind::Min(v) => (CheckKind::Min(v.clone()), "min", format!("must be at least {v}")),
            ConstraintKind::Max(v) => (CheckKind::Max(v.clone()), "max", format!("must be at most {v}")),
            ConstraintKind::After(v) => (CheckKind::After(v.clone()), "after", format!("must be after {v}")),
            ConstraintKind::Before(v) => (CheckKind::Before(v.clone()), "before", format!("must be before {v}")),
            ConstraintKind::Pattern(p) => (CheckKind::Pattern(p.clone()), "pattern", format!("must match `{p}`")),
            ConstraintKind::Check(n) => (CheckKind::Named(n.clone()), "check", named_message(n)),
            ConstraintKind::Required => (CheckKind::Required, "required", "is required".to_owned()),
            ConstraintKind::UniqueBy(k) => {
                let item = self.item_field_rust(ty, k)?;
                (
                    CheckKind::UniqueBy(k.clone(), item),
                    "unique_by",
                    format!("may hold at most one item per `{k}`"),
                )
            }
        })
    }

    /// A check with its final message: the catalogue's message when the code has one.
    fn check(&self, kind: CheckKind, rule: &'static str, code: Option<u32>, default: &str, layer: Layer) -> Check {
        let catalogue = code
            .and_then(|c| self.api.errors.as_ref()?.codes.iter().find(|x| x.code == c))
            .map(|c| c.message.clone());
        Check {
            kind,
            rule,
            code,
            message: catalogue.unwrap_or_else(|| default.to_owned()),
            layer,
            when: Vec::new(),
            setting: None,
        }
    }
}

/// Files a check with the field's own checks, or with those on each element.
fn push_check(checks: &mut Vec<Check>, items: &mut Vec<Check>, per_item: bool, c: Check) {
    if per_item {
        items.push(c);
    } else {
        checks.push(c);
    }
}

fn named_message(name: &str) -> String {
    match name {
        "no_po_box" => "must not be a PO box".to_owned(),
        other => format!("fails the `{other}` check"),
    }
}

impl Ty {
    /// The element type of an array or map; the type itself otherwise.
    pub fn item_of_container(&self) -> &Ty {
        match self {
            Ty::List(t) | Ty::Map(t) => t,
            t => t,
        }
    }
}

#[cfg(test)]
mod tests {
    /// Types that share the type below them twice over, 30 levels deep: planning walks
    /// each once (it walked 2^30 paths, a generation that never ended).
    #[test]
    fn shared_types_below_shared_types_are_planned_once() {
        let mut text = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: { production: https://api.example.com }\n\
                        auth: { scheme: bearer }\nresponse: { status: 204 }\ntypes:\n"
            .to_owned();
        for i in 0..30 {
            text.push_str(&format!("  D{i}: {{ fields: {{ a: D{n}, b: D{n} }} }}\n", n = i + 1));
        }
        text.push_str("  D30: { fields: { x: string } }\nbody:\n  d: D0\n");
        let loaded = crate::resolve::load_texts(&[("dag.yaml", text.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        let api = &loaded.spec.apis[0];
        let plan = super::endpoint(api, &api.endpoints[0]);
        assert!(!plan.root.fields[0].descend);
    }
}
