//! The validation plan: every check of an endpoint, decided once from the model, typed.
//!
//! For each object type a request can contain, the plan lists, field by field and in a
//! fixed order, which check applies, under which [`Guard`] (the layer it needs: the
//! request alone, the current resource, a program setting; and sibling values), with
//! which runtime [`Rule`], which provider code and which message. Everything a back end
//! needs is decided here and carried as a typed field: bounds as numbers, the element
//! of a length, the meaning of "unset" and of "unchanged", the sensitivity of every
//! value a check reads. Two back ends carry the plan out and nothing else: the Rust
//! emitter (`emit::validate`) and the JSON evaluator behind `mutaspec validate`. Both
//! match every enum of this module exhaustively, with no wildcard arm (clippy's
//! `wildcard_enum_match_arm` is denied in them), so a new check kind or condition is a
//! compile error in each until it is handled there (`tests/plan_exhaustive.rs` shows it).
//!
//! Order of checks on a present field: value validity (dates, decimals, enum
//! membership), the spec's constraints in spec order, the discriminator, the current
//! resource, setting locks; then the checks on each element, then the objects inside the
//! value (items in order, object fields in spec order). An absent field only gets its
//! [`FieldPlan::required`] checks.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

pub use mutaspec_runtime::Rule;

use crate::model::{self, Api, Constrained, ConstraintKind, Endpoint, Field, Format, LockKind, Object, Ty, TypeDef, TypeKind};

/// A field whose value a condition compares with a literal: a sibling of the checked
/// field, or a field of each item of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIs {
    /// Its wire name.
    pub wire: String,
    /// Its Rust name.
    pub rust: String,
    /// The value it must have (a string's text, or an enum value's wire name).
    pub value: String,
    /// Whether it is wrapped in `Sensitive` (read through `expose()`).
    pub sensitive: bool,
}

/// A boolean program setting that must have a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingIs {
    /// Its spec name (the key of `--settings`).
    pub name: String,
    /// Its Rust field name in `ProgramSettings`.
    pub rust: String,
    /// The value.
    pub value: bool,
}

/// What a check needs besides the request, and so when it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    /// The request alone: always runs.
    Request,
    /// The current resource: runs when a snapshot is given (only fields of the request
    /// itself have such checks: the snapshot holds its root fields).
    Current,
    /// Runs only when settings are given and this one has the value.
    Setting(SettingIs),
}

/// When a check runs: its layer, and sibling values that must all hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    /// The layer.
    pub layer: Layer,
    /// Sibling fields that must be present with these values (`if:` of a constraint or
    /// a lock); a field listed more than once holds with any of its values
    /// ([`Guard::sibling_groups`]).
    pub siblings: Vec<FieldIs>,
}

impl Guard {
    /// The sibling conditions by field, in order: a field named more than once (`if: {
    /// country: [US, CA] }`) holds when it has any of its values; all fields must hold.
    pub fn sibling_groups(&self) -> Vec<(&FieldIs, Vec<&str>)> {
        let mut out: Vec<(&FieldIs, Vec<&str>)> = Vec::new();
        for s in &self.siblings {
            match out.iter_mut().find(|(f, _)| f.wire == s.wire) {
                Some((_, vs)) => vs.push(&s.value),
                None => out.push((s, vec![&s.value])),
            }
        }
        out
    }

    fn request() -> Self {
        Guard {
            layer: Layer::Request,
            siblings: Vec::new(),
        }
    }
}

/// One decided check, of kind `K`.
#[derive(Debug, Clone, PartialEq)]
pub struct Check<K> {
    /// What to check.
    pub kind: K,
    /// The runtime rule it reports.
    pub rule: Rule,
    /// The provider's code.
    pub code: Option<u32>,
    /// The message, final: the catalogue's message when there is a code.
    pub message: String,
    /// When it runs.
    pub guard: Guard,
}

/// The checks of an absent field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The field is present whenever its object is.
    Required,
}

/// What a length counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// The characters (Unicode scalar values) of a string.
    Chars,
    /// The items of an array or the entries of a map.
    Items,
}

/// A bound, typed by the values it compares with (the loader checked that it parses).
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    /// An `integer` bound.
    Integer(i64),
    /// An `unsigned` bound.
    Unsigned(u64),
    /// A `number` bound.
    Number(f64),
    /// A `decimal` bound, compared by value (`Decimal::cmp_str`).
    Decimal(String),
    /// A `date` bound (`Date::cmp_str`).
    Date(String),
    /// A `datetime` bound (`DateTime::cmp_str`).
    DateTime(String),
}

/// A check on one value: a field's whole value, or each element of an array or map of
/// scalars.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueCheck {
    /// A string format.
    Format(Format),
    /// A date is a real `YYYY-MM-DD` day.
    ValidDate,
    /// A datetime is RFC 3339.
    ValidDateTime,
    /// A decimal string is a decimal.
    ValidDecimal,
    /// A closed enum's value is one of these wire values.
    EnumMember(Vec<String>),
    /// At least this many.
    MinLength(u64, Count),
    /// At most this many.
    MaxLength(u64, Count),
    /// At least the bound.
    Min(Bound),
    /// At most the bound.
    Max(Bound),
    /// A date or datetime strictly after the bound.
    After(Bound),
    /// Strictly before the bound.
    Before(Bound),
    /// The whole string matches the runtime pattern.
    Pattern(String),
    /// A named runtime check passes (`mutaspec_runtime::checks::no_po_box`).
    Named(String),
}

/// When the current resource counts as having a value for a set-once field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unset {
    /// Only an absent (or `null`) value is unset.
    Absent,
    /// An empty string, array or map is unset too.
    AbsentOrEmpty,
}

/// How a field's request value is compared with the current resource's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Equality {
    /// Texts, byte for byte (`mutaspec_runtime::checks::same_text`).
    Text,
    /// Values as the generated types compare them (`==`): numbers by value, objects
    /// field by field, an absent member equal only to an absent one.
    Value,
}

/// A check on a present field as a whole.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldCheck {
    /// A check on the value itself.
    Value(ValueCheck),
    /// A conditional field may be sent only with this sibling, its discriminator, at
    /// its value.
    Discriminator(FieldIs),
    /// A conditional field may be sent only when the current resource's discriminator
    /// (a root field of this name) is absent or has the value.
    CurrentDiscriminator(FieldIs),
    /// A set-once field may not change once the current resource has it.
    SetOnce {
        /// What counts as not having it.
        unset: Unset,
        /// What counts as a change.
        equality: Equality,
    },
    /// An identifying field may not differ from the current resource's.
    Identifying {
        /// What counts as a difference.
        equality: Equality,
    },
    /// Array items: at most one per value of this item field.
    UniqueBy {
        /// The item field's wire name.
        wire: String,
        /// Its Rust name.
        rust: String,
    },
    /// The field may not be sent (the guard holds the setting's locking value). With
    /// `items`, only items of an array of objects whose fields all have these values
    /// are locked, each reported at its index.
    Lock {
        /// Why it is locked.
        by: LockKind,
        /// The item conditions; empty: the whole field.
        items: Vec<FieldIs>,
    },
}

impl FieldCheck {
    /// The runtime rule a failure of this check reports: decided here alone.
    fn rule(&self) -> Rule {
        match self {
            FieldCheck::Value(v) => v.rule(),
            FieldCheck::Discriminator(_) => Rule::DiscriminatorMismatch,
            FieldCheck::CurrentDiscriminator(_) => Rule::Conditional,
            FieldCheck::SetOnce { .. } => Rule::SetOnce,
            FieldCheck::Identifying { .. } => Rule::Identifying,
            FieldCheck::UniqueBy { .. } => Rule::UniqueBy,
            FieldCheck::Lock { by: LockKind::Program, .. } => Rule::LockedBySetting,
            FieldCheck::Lock {
                by: LockKind::IdentityVerification,
                ..
            } => Rule::LockedByVerification,
        }
    }
}

impl ValueCheck {
    /// The runtime rule a failure of this check reports.
    fn rule(&self) -> Rule {
        match self {
            ValueCheck::Format(_) | ValueCheck::ValidDate | ValueCheck::ValidDateTime | ValueCheck::ValidDecimal => Rule::Format,
            ValueCheck::EnumMember(_) => Rule::Enum,
            ValueCheck::MinLength(..) => Rule::MinLength,
            ValueCheck::MaxLength(..) => Rule::MaxLength,
            ValueCheck::Min(_) => Rule::Min,
            ValueCheck::Max(_) => Rule::Max,
            ValueCheck::After(_) => Rule::After,
            ValueCheck::Before(_) => Rule::Before,
            ValueCheck::Pattern(_) => Rule::Pattern,
            ValueCheck::Named(_) => Rule::Check,
        }
    }
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

impl Shape {
    /// The object type inside, if any.
    pub fn object(&self) -> Option<&str> {
        match self {
            Shape::Object(n) => Some(n),
            Shape::List(i) | Shape::Map(i) => i.object(),
            Shape::Scalar | Shape::Enum => None,
        }
    }

    /// Whether a value of this shape can hold a map: is one, or holds an object.
    fn holds_entries(&self) -> bool {
        match self {
            Shape::Map(_) | Shape::Object(_) => true,
            Shape::List(i) => i.holds_entries(),
            Shape::Scalar | Shape::Enum => false,
        }
    }
}

/// Where a sensitive field's value is unwrapped for its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Not sensitive.
    Plain,
    /// A sensitive scalar or object: the value itself is wrapped.
    Value,
    /// A sensitive array or map: each item is wrapped.
    Items,
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
    /// Where its value is wrapped in `Sensitive`.
    pub exposure: Exposure,
    /// Whether the map keys below it are redacted in paths (`[<redacted>]`): a sensitive
    /// field whose value can hold a map.
    pub redact_keys: bool,
    /// Checks when the field is absent.
    pub required: Vec<Check<Presence>>,
    /// Checks on the value as a whole, when present.
    pub checks: Vec<Check<FieldCheck>>,
    /// Checks on each element, for arrays and maps of scalars.
    pub item_checks: Vec<Check<ValueCheck>>,
    /// Checks on each key of a map (a string), run before the checks on the elements.
    /// A key's violation is reported at its entry's path (`metadata.k`, or
    /// `metadata[<redacted>]` below a sensitive field), with a message that says `key`.
    pub key_checks: Vec<Check<ValueCheck>>,
    /// Whether the elements are maps' values (`false`: an array's items).
    pub map: bool,
    /// How to descend.
    pub shape: Shape,
    /// Whether some object inside the value has a check: when not, validators skip it.
    pub descend: bool,
    /// Side effects sending the field triggers (Rust variant names).
    pub effects: Vec<String>,
    /// `rule: ignored`: the provider accepts the field and ignores it. It has no check;
    /// a request that sends it is told so (`ignored_fields`), never refused.
    pub ignored: bool,
    /// Whether an object inside the value has an ignored field, at any depth (the
    /// `ignored_fields` walk descends into it).
    pub ignored_inside: bool,
}

impl FieldPlan {
    /// Whether the field is sensitive.
    pub fn sensitive(&self) -> bool {
        self.exposure != Exposure::Plain
    }
}

/// The checks of one object type.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectPlan {
    /// The Rust type name.
    pub name: String,
    /// Fields a request can carry, in spec order.
    pub fields: Vec<FieldPlan>,
    /// Conditions across its fields (`groups:`), in spec order, run after every field's
    /// checks and reported at the object's own path.
    pub groups: Vec<Check<GroupCheck>>,
}

/// One step of the way from a group's object to a field it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// Whether its value is wrapped in `Sensitive` (read through `expose()`).
    pub sensitive: bool,
}

/// A field a group names: the steps from the group's object, through objects only
/// (none: a field the validated struct does not have, never sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPath {
    /// The dotted wire path (`individual.email`).
    pub dotted: String,
    /// The steps, outermost first.
    pub steps: Vec<Step>,
    /// The type of the field it names.
    pub ty: Ty,
}

/// A condition across fields of one object. A member counts as sent when every step
/// of its path is present (not absent, not `null`).
#[derive(Debug, Clone, PartialEq)]
pub enum GroupCheck {
    /// All of them or none.
    RequiredTogether(Vec<MemberPath>),
    /// At most one of them.
    Conflicts(Vec<MemberPath>),
    /// Exactly one of them.
    ExactlyOneOf(Vec<MemberPath>),
    /// One of them or more.
    AtLeastOneOf(Vec<MemberPath>),
    /// All of `required`, whenever one of `with` is sent.
    RequiredWith {
        /// The fields required.
        required: Vec<MemberPath>,
        /// The fields whose presence requires them.
        with: Vec<MemberPath>,
    },
    /// `check: sum`: the numbers sent (an absent one counting 0) add up to `equals`,
    /// when one is sent (`mutaspec_runtime::checks::sum_equals`).
    Sum {
        /// The number fields.
        fields: Vec<MemberPath>,
        /// Their total.
        equals: f64,
    },
    /// `check: ascending`: the values sent increase in field order (numbers, or dates:
    /// `mutaspec_runtime::checks::ascending`, `ascending_dates`).
    Ascending {
        /// The fields, of one type.
        fields: Vec<MemberPath>,
        /// Strictly (`true`, the default), or never decreasing.
        strict: bool,
    },
    /// All of `required`, whenever `field` is sent with one of `values` (compared as
    /// text, as `if:` compares).
    RequiredIf {
        /// The fields required.
        required: Vec<MemberPath>,
        /// The field compared.
        field: MemberPath,
        /// Its values, any of which requires them.
        values: Vec<String>,
    },
}

impl GroupCheck {
    /// Calls `f` on every field the group reads (a derive's struct that lacks one
    /// empties its path: never sent).
    pub fn for_each_member(&mut self, f: &mut dyn FnMut(&mut MemberPath)) {
        match self {
            GroupCheck::RequiredTogether(ms)
            | GroupCheck::Conflicts(ms)
            | GroupCheck::ExactlyOneOf(ms)
            | GroupCheck::AtLeastOneOf(ms)
            | GroupCheck::Sum { fields: ms, .. }
            | GroupCheck::Ascending { fields: ms, .. } => {
                ms.iter_mut().for_each(f);
            }
            GroupCheck::RequiredWith { required, with } => {
                required.iter_mut().chain(with.iter_mut()).for_each(f);
            }
            GroupCheck::RequiredIf { required, field, .. } => {
                required.iter_mut().for_each(&mut *f);
                f(field);
            }
        }
    }

    /// The runtime rule a failure of this check reports.
    fn rule(&self) -> Rule {
        match self {
            GroupCheck::RequiredTogether(_) => Rule::RequiredTogether,
            GroupCheck::Conflicts(_) => Rule::Conflicts,
            GroupCheck::ExactlyOneOf(_) => Rule::ExactlyOneOf,
            GroupCheck::AtLeastOneOf(_) => Rule::AtLeastOneOf,
            GroupCheck::RequiredWith { .. } => Rule::RequiredWith,
            GroupCheck::Sum { .. } | GroupCheck::Ascending { .. } => Rule::Check,
            GroupCheck::RequiredIf { .. } => Rule::RequiredIf,
        }
    }
}

/// A root field the current-resource snapshot holds.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentField {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// Other wire names a recorded snapshot may use for it.
    pub aliases: Vec<String>,
    /// The type.
    pub ty: Ty,
    /// Whether the value is wrapped in `Sensitive`.
    pub sensitive: bool,
}

/// An endpoint's plan: its request object and every object type inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointPlan {
    /// The request body.
    pub root: ObjectPlan,
    /// Object types reachable from the body, by Rust name.
    pub objects: BTreeMap<String, ObjectPlan>,
    /// Root fields the current-resource snapshot holds.
    pub current: Vec<CurrentField>,
}

/// An API's plan: every endpoint's, and every object type a request can contain, each
/// planned once, from one walk of the types reachable from the bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiPlan {
    /// The endpoints' plans, in the API's endpoint order.
    pub endpoints: Vec<EndpointPlan>,
    /// The plan of every request-side object type, by [`type_key`].
    pub types: BTreeMap<String, ObjectPlan>,
    /// Every request-side type (object or enum) by [`type_key`]: what a request can
    /// contain, deserialized strictly; the other types appear only in responses.
    pub request_types: BTreeSet<String>,
}

/// A type's key in an [`ApiPlan`]: its name, prefixed by its endpoint's when local (two
/// endpoints may each have a local type of one name; the loader refuses a local type
/// named like a shared one).
pub fn type_key(ep: Option<&Endpoint>, name: &str) -> String {
    match ep {
        Some(ep) => format!("{}::{name}", ep.name),
        None => name.to_owned(),
    }
}

/// Plans an API: one walk per endpoint over the types its body reaches (through every
/// field, sent or not: a type is request-side if a request body names it), planning
/// each object type once for the whole API.
pub fn api(api: &Api) -> ApiPlan {
    let mut out = ApiPlan {
        endpoints: Vec::new(),
        types: BTreeMap::new(),
        request_types: BTreeSet::new(),
    };
    for ep in &api.endpoints {
        let plan = walk(api, ep, &mut out.types, &mut out.request_types);
        out.endpoints.push(plan);
    }
    out
}

/// Plans one endpoint (what [`api`] does for each of them).
pub fn endpoint(api: &Api, ep: &Endpoint) -> EndpointPlan {
    walk(api, ep, &mut BTreeMap::new(), &mut BTreeSet::new())
}

/// The walk of [`api`] for one endpoint: its request plan, the object types it reaches
/// (planned into `types` unless an earlier endpoint planned them), every type key it
/// reaches into `request_types`.
fn walk(api: &Api, ep: &Endpoint, types: &mut BTreeMap<String, ObjectPlan>, request_types: &mut BTreeSet<String>) -> EndpointPlan {
    let cx = Planner::new(api, Some(ep));
    let root = cx.object(&ep.request_name(), &ep.body, true);
    let mut objects = BTreeMap::new();
    let mut todo: Vec<&Ty> = ep.body.fields.iter().filter_map(|f| f.ty.as_ref()).collect();
    while let Some(ty) = todo.pop() {
        let name = match ty {
            Ty::List(i) | Ty::Map(i) => {
                todo.push(i);
                continue;
            }
            Ty::Named(n) => n,
            Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Decimal | Ty::Date | Ty::DateTime => continue,
        };
        let local = ep.types.iter().any(|t| t.name == *name);
        let key = type_key(local.then_some(ep), name);
        request_types.insert(key.clone());
        if objects.contains_key(name) {
            continue;
        }
        let Some(TypeDef {
            kind: TypeKind::Object(o), ..
        }) = api.find_type(Some(ep), name)
        else {
            continue;
        };
        let plan = types.entry(key).or_insert_with(|| cx.object(name, o, false)).clone();
        objects.insert(name.clone(), plan);
        todo.extend(o.fields.iter().filter_map(|f| f.ty.as_ref()));
    }
    let needed = |f: &Field| {
        matches!(f.rule, model::UpdateRule::SetOnce | model::UpdateRule::Identifying)
            || ep
                .body
                .fields
                .iter()
                .any(|g| matches!(&g.rule, model::UpdateRule::Conditional { discriminator, .. } if *discriminator == f.wire))
    };
    let current = ep
        .body
        .fields
        .iter()
        .filter(|f| needed(f))
        .filter_map(|f| {
            Some(CurrentField {
                wire: f.wire.clone(),
                rust: f.rust.clone(),
                aliases: f.aliases.clone(),
                ty: f.ty.clone()?,
                sensitive: f.sensitive,
            })
        })
        .collect();
    EndpointPlan { root, objects, current }
}

struct Planner<'a> {
    api: &'a Api,
    ep: Option<&'a Endpoint>,
    /// Object types known to have no check: without it, types that share a type below
    /// them (`A { x: B, y: B }`, `B { x: C, y: C }`, ...) are walked exponentially often.
    unchecked: RefCell<BTreeSet<String>>,
    /// Object types with an ignored field at some depth, once computed.
    with_ignored: RefCell<Option<BTreeSet<String>>>,
}

impl<'a> Planner<'a> {
    fn new(api: &'a Api, ep: Option<&'a Endpoint>) -> Self {
        Planner {
            api,
            ep,
            unchecked: RefCell::default(),
            with_ignored: RefCell::default(),
        }
    }

    /// Whether object type `name` has an ignored field, itself or in an object inside
    /// (a fixpoint over the types the planner sees, so cycles need no care).
    fn has_ignored(&self, name: &str) -> bool {
        if let Some(set) = &*self.with_ignored.borrow() {
            return set.contains(name);
        }
        let mut all: Vec<&TypeDef> = self.api.types.iter().collect();
        if let Some(ep) = self.ep {
            // An endpoint's local type hides a shared one of its name.
            all.retain(|t| !ep.types.iter().any(|l| l.name == t.name));
            all.extend(&ep.types);
        }
        let objects: Vec<(&str, &Object)> = all
            .iter()
            .filter_map(|t| match &t.kind {
                TypeKind::Object(o) => Some((t.name.as_str(), o)),
                TypeKind::Enum(_) => None,
            })
            .collect();
        let mut set: BTreeSet<String> = objects
            .iter()
            .filter(|(_, o)| o.fields.iter().any(|f| f.sendable() && f.rule == model::UpdateRule::Ignored))
            .map(|(n, _)| (*n).to_owned())
            .collect();
        loop {
            let before = set.len();
            for (n, o) in &objects {
                let inside = o.fields.iter().filter(|f| f.sendable()).any(|f| {
                    f.ty.as_ref()
                        .and_then(|t| self.shape(t).object().map(str::to_owned))
                        .is_some_and(|x| set.contains(&x))
                });
                if inside {
                    set.insert((*n).to_owned());
                }
            }
            if set.len() == before {
                break;
            }
        }
        let found = set.contains(name);
        *self.with_ignored.borrow_mut() = Some(set);
        found
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
        let found = !o.groups.is_empty()
            || o.fields
                .iter()
                .filter(|f| f.sendable() && f.rule != model::UpdateRule::Ignored)
                .any(|f| {
                    let Some(ty) = &f.ty else { return false };
                    let own = !f.constraints.is_empty()
                        || !f.locks.is_empty()
                        || matches!(ty.element(), Ty::Date | Ty::DateTime | Ty::Decimal)
                        || matches!(&f.rule, model::UpdateRule::Conditional { .. })
                        || self.closed_enum(ty.element()).is_some();
                    own || self.shape(ty).object().is_some_and(|n| self.has_checks(n, seen))
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
            .filter(|f| f.sendable())
            .filter_map(|f| Some(self.field(o, f, root, f.ty.as_ref()?)))
            .collect();
        let groups = o.groups.iter().filter_map(|g| self.group(o, g)).collect();
        ObjectPlan {
            name: name.to_owned(),
            fields,
            groups,
        }
    }

    /// A group of `o` as a check (`None` when a member does not resolve: the loader
    /// refused it).
    fn group(&self, o: &Object, g: &model::Group) -> Option<Check<GroupCheck>> {
        let paths = |ms: &[model::Member]| ms.iter().map(|m| self.member(o, m)).collect::<Option<Vec<_>>>();
        let members = paths(&g.members)?;
        let kind = match &g.kind {
            model::GroupKind::RequiredTogether => GroupCheck::RequiredTogether(members),
            model::GroupKind::Conflicts => GroupCheck::Conflicts(members),
            model::GroupKind::ExactlyOneOf => GroupCheck::ExactlyOneOf(members),
            model::GroupKind::AtLeastOneOf => GroupCheck::AtLeastOneOf(members),
            model::GroupKind::RequiredWith(with) => GroupCheck::RequiredWith {
                required: members,
                with: paths(with)?,
            },
            model::GroupKind::Check { name, args } => {
                let arg = |k: &str| args.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
                match name.as_str() {
                    "sum" => GroupCheck::Sum {
                        fields: members,
                        equals: arg("equals")?.parse().ok()?,
                    },
                    "ascending" => GroupCheck::Ascending {
                        fields: members,
                        strict: arg("strict") != Some("false"),
                    },
                    // The loader refuses every other name.
                    _ => return None,
                }
            }
            model::GroupKind::RequiredIf { field, values } => GroupCheck::RequiredIf {
                required: members,
                field: self.member(o, field)?,
                values: values.clone(),
            },
        };
        let msg = g.kind.describe(&g.members, &|t: &str| format!("`{t}`"));
        Some(self.check(kind, g.error, &msg, Guard::request()))
    }

    /// The steps to a group member from `o`, through object fields a request carries.
    fn member(&self, o: &Object, m: &model::Member) -> Option<MemberPath> {
        let mut obj = o;
        let mut steps = Vec::new();
        let mut ty = None;
        for (i, seg) in m.path.iter().enumerate() {
            let f = obj.field(seg).filter(|f| f.sendable())?;
            ty = f.ty.clone();
            steps.push(Step {
                wire: f.wire.clone(),
                rust: f.rust.clone(),
                sensitive: f.sensitive,
            });
            if i + 1 < m.path.len() {
                let Some(Ty::Named(n)) = &f.ty else { return None };
                obj = match &self.type_def(n)?.kind {
                    TypeKind::Object(next) => next,
                    TypeKind::Enum(_) => return None,
                };
            }
        }
        Some(MemberPath {
            dotted: m.dotted(),
            steps,
            ty: ty?,
        })
    }

    fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.api.find_type(self.ep, name)
    }

    /// The wire values of a closed enum type.
    fn closed_enum(&self, ty: &Ty) -> Option<Vec<String>> {
        let Ty::Named(n) = ty else { return None };
        match &self.type_def(n)?.kind {
            TypeKind::Enum(e) if !e.open => Some(e.values.iter().map(|v| v.wire.clone()).collect()),
            TypeKind::Enum(_) | TypeKind::Object(_) => None,
        }
    }

    fn shape(&self, ty: &Ty) -> Shape {
        match ty {
            Ty::List(i) => Shape::List(Box::new(self.shape(i))),
            Ty::Map(i) => Shape::Map(Box::new(self.shape(i))),
            Ty::Named(n) => match self.type_def(n).map(|t| &t.kind) {
                Some(TypeKind::Object(_)) => Shape::Object(n.clone()),
                Some(TypeKind::Enum(_)) | None => Shape::Enum,
            },
            Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Decimal | Ty::Date | Ty::DateTime => Shape::Scalar,
        }
    }

    /// A sibling of a field of `o`, compared with `value`.
    fn sibling(o: &Object, wire: &str, value: &str) -> Option<FieldIs> {
        o.field(wire).map(|f| FieldIs {
            wire: f.wire.clone(),
            rust: f.rust.clone(),
            value: value.to_owned(),
            sensitive: f.sensitive,
        })
    }

    fn field(&self, o: &Object, f: &Field, root: bool, ty: &Ty) -> FieldPlan {
        let mut checks = Vec::new();
        let mut item_checks = Vec::new();
        let mut key_checks = Vec::new();
        let shape = self.shape(ty);
        let scalar_container = matches!(&shape, Shape::List(i) | Shape::Map(i) if i.object().is_none());
        let elem = if scalar_container { ty.element() } else { ty };
        // Value validity of the element type.
        let date_code = f
            .constraints
            .iter()
            .find(|c| matches!(c.kind, ConstraintKind::After(_) | ConstraintKind::Before(_)))
            .and_then(|c| c.error);
        let validity = match elem {
            Ty::Date => Some((ValueCheck::ValidDate, "must be a date (YYYY-MM-DD)".to_owned(), date_code)),
            Ty::DateTime => Some((ValueCheck::ValidDateTime, "must be an RFC 3339 datetime".to_owned(), date_code)),
            Ty::Decimal => Some((
                ValueCheck::ValidDecimal,
                "must be a decimal number written as a string".to_owned(),
                None,
            )),
            Ty::Named(n) => self.closed_enum(elem).map(|values| {
                let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                let code = match self.type_def(n).map(|t| &t.kind) {
                    Some(TypeKind::Enum(e)) => e.error,
                    Some(TypeKind::Object(_)) | None => None,
                };
                (
                    ValueCheck::EnumMember(values),
                    format!("must be one of {}", listed.join(", ")),
                    code,
                )
            }),
            Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::List(_) | Ty::Map(_) => None,
        };
        if let Some((kind, msg, code)) = validity {
            let check = self.check(kind, code, &msg, Guard::request());
            if scalar_container {
                item_checks.push(check);
            } else {
                checks.push(check.map(FieldCheck::Value));
            }
        }
        let mut required = Vec::new();
        for c in &f.constraints {
            let guard = Guard {
                layer: match &c.setting {
                    Some(s) => match self.api.setting(s) {
                        Some(x) => Layer::Setting(SettingIs {
                            name: x.name.clone(),
                            rust: x.rust.clone(),
                            value: true,
                        }),
                        None => continue,
                    },
                    None => Layer::Request,
                },
                siblings: c.when.iter().filter_map(|(k, v)| Self::sibling(o, k, v)).collect(),
            };
            match c.on {
                Constrained::Whole => match self.constraint(&c.kind, ty, elem) {
                    None => {}
                    Some(Planned::Required) => {
                        required.push(self.check_with(Presence::Required, Rule::Required, c.error, "is required", guard))
                    }
                    Some(Planned::Whole(kind, msg)) => checks.push(self.check(kind, c.error, &msg, guard)),
                    Some(Planned::Value(kind, msg)) if scalar_container => item_checks.push(self.check(kind, c.error, &msg, guard)),
                    Some(Planned::Value(kind, msg)) => checks.push(self.check(kind, c.error, &msg, guard).map(FieldCheck::Value)),
                },
                // Each element's own value: its lengths are its characters.
                Constrained::Items => {
                    if let Some((kind, msg)) = self.constraint(&c.kind, ty.element(), ty.element()).and_then(Planned::one_value) {
                        item_checks.push(self.check(kind, c.error, &msg, guard));
                    }
                }
                Constrained::Keys => {
                    if let Some((kind, msg)) = self.constraint(&c.kind, &Ty::String, &Ty::String).and_then(Planned::one_value) {
                        key_checks.push(self.check(kind, c.error, &format!("key {msg}"), guard));
                    }
                }
            }
        }
        if let model::UpdateRule::Conditional { discriminator, value } = &f.rule {
            if let Some(d) = Self::sibling(o, discriminator, value) {
                let msg = format!("may be sent only with `{}` set to `{value}`", d.wire);
                checks.push(self.check(FieldCheck::Discriminator(d.clone()), None, &msg, Guard::request()));
                if root {
                    let msg = format!("may be updated only when the current `{}` is `{value}`", d.wire);
                    let guard = Guard {
                        layer: Layer::Current,
                        siblings: Vec::new(),
                    };
                    checks.push(self.check(FieldCheck::CurrentDiscriminator(d), None, &msg, guard));
                }
            }
        }
        let equality = if *ty == Ty::String { Equality::Text } else { Equality::Value };
        let current = || Guard {
            layer: Layer::Current,
            siblings: Vec::new(),
        };
        if root && f.rule == model::UpdateRule::SetOnce {
            let unset = match ty {
                Ty::List(_) | Ty::Map(_) | Ty::String => Unset::AbsentOrEmpty,
                Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Decimal | Ty::Date | Ty::DateTime | Ty::Named(_) => {
                    Unset::Absent
                }
            };
            let kind = FieldCheck::SetOnce { unset, equality };
            checks.push(self.check(kind, None, "is set once: the current value cannot be changed", current()));
        }
        if root && f.rule == model::UpdateRule::Identifying {
            let kind = FieldCheck::Identifying { equality };
            checks.push(self.check(kind, None, "identifies the object and cannot change", current()));
        }
        for lock in &f.locks {
            let Some(s) = self.api.setting(&lock.setting) else { continue };
            let Some(l) = &s.locks else { continue };
            let msg = format!("cannot be updated: locked by the program setting `{}`", s.name);
            // `if:` on a lock: per item for an array of objects, on the siblings for
            // any other field (as the loader checks it).
            let item = self.item_object(ty);
            let (mut items, mut siblings) = (Vec::new(), Vec::new());
            for (k, v) in &lock.when {
                match item {
                    Some(io) => items.extend(Self::sibling(io, k, v)),
                    None => siblings.extend(Self::sibling(o, k, v)),
                }
            }
            let guard = Guard {
                layer: Layer::Setting(SettingIs {
                    name: s.name.clone(),
                    rust: s.rust.clone(),
                    value: l.when,
                }),
                siblings,
            };
            checks.push(self.check(FieldCheck::Lock { by: l.kind, items }, l.error, &msg, guard));
        }
        let effects = f
            .effects
            .iter()
            .filter_map(|e| self.api.effects.iter().find(|x| x.name == *e).map(|x| x.rust.clone()))
            .collect();
        let ignored = f.rule == model::UpdateRule::Ignored;
        if ignored {
            // Nothing refuses an ignored field: not even its type's value checks.
            required.clear();
            checks.clear();
            item_checks.clear();
            key_checks.clear();
        }
        let descend = !ignored && shape.object().is_some_and(|n| self.has_checks(n, &mut Vec::new()));
        let ignored_inside = !ignored && shape.object().is_some_and(|n| self.has_ignored(n));
        let exposure = match (f.sensitive, ty) {
            (false, _) => Exposure::Plain,
            (true, Ty::List(_) | Ty::Map(_)) => Exposure::Items,
            (true, _) => Exposure::Value,
        };
        FieldPlan {
            descend,
            wire: f.wire.clone(),
            rust: f.rust.clone(),
            ty: ty.clone(),
            exposure,
            redact_keys: f.sensitive && shape.holds_entries(),
            required,
            checks,
            item_checks,
            key_checks,
            map: matches!(ty, Ty::Map(_)),
            shape,
            effects,
            ignored,
            ignored_inside,
        }
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

    /// A constraint as a check, with its default message; `elem` is the type a value
    /// check compares (the element of an array or map of scalars).
    fn constraint(&self, kind: &ConstraintKind, ty: &Ty, elem: &Ty) -> Option<Planned> {
        let (count, unit) = match ty {
            Ty::List(_) => (Count::Items, "items"),
            Ty::Map(_) => (Count::Items, "entries"),
            Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Decimal | Ty::Date | Ty::DateTime | Ty::Named(_) => {
                (Count::Chars, "characters")
            }
        };
        let bound = |v: &str| -> Option<Bound> {
            Some(match elem {
                Ty::Integer => Bound::Integer(v.parse().ok()?),
                Ty::Unsigned => Bound::Unsigned(v.parse().ok()?),
                Ty::Number => Bound::Number(v.parse().ok()?),
                Ty::Decimal => Bound::Decimal(v.to_owned()),
                Ty::Date => Bound::Date(v.to_owned()),
                Ty::DateTime => Bound::DateTime(v.to_owned()),
                Ty::String | Ty::Boolean | Ty::Named(_) | Ty::List(_) | Ty::Map(_) => return None,
            })
        };
        let whole = |k: ValueCheck, m: String| Planned::Whole(FieldCheck::Value(k), m);
        Some(match kind {
            ConstraintKind::Format(f) => {
                let what = match f {
                    Format::Email => "an email address",
                    Format::CountryAlpha2 => "an ISO 3166-1 alpha-2 country code",
                    Format::CountryAlpha3 => "an ISO 3166-1 alpha-3 country code",
                    Format::Uuid => "a UUID",
                    Format::Uri => "a URI",
                    Format::Url => "an http or https URL",
                    Format::Ipv4 => "an IPv4 address",
                    Format::Ipv6 => "an IPv6 address",
                    Format::E164 => "an E.164 phone number",
                    Format::Currency => "an ISO 4217 currency code",
                };
                Planned::Value(ValueCheck::Format(*f), format!("must be {what}"))
            }
            // Every value has at least 0 items: a check that never fails is no check
            // (emitted, it would be a useless comparison or a dead `if false`).
            ConstraintKind::MinLength(0) => return None,
            // Lengths of an array or map are of the whole value, never of its items.
            ConstraintKind::MinLength(n) => whole(ValueCheck::MinLength(*n, count), format!("must have at least {n} {unit}")),
            ConstraintKind::MaxLength(n) => whole(ValueCheck::MaxLength(*n, count), format!("must have at most {n} {unit}")),
            ConstraintKind::Min(v) => Planned::Value(ValueCheck::Min(bound(v)?), format!("must be at least {v}")),
            ConstraintKind::Max(v) => Planned::Value(ValueCheck::Max(bound(v)?), format!("must be at most {v}")),
            ConstraintKind::After(v) => Planned::Value(ValueCheck::After(bound(v)?), format!("must be after {v}")),
            ConstraintKind::Before(v) => Planned::Value(ValueCheck::Before(bound(v)?), format!("must be before {v}")),
            ConstraintKind::Pattern(p) => Planned::Value(ValueCheck::Pattern(p.clone()), format!("must match `{p}`")),
            ConstraintKind::Check(n) => Planned::Value(ValueCheck::Named(n.clone()), named_message(n)),
            ConstraintKind::Required => Planned::Required,
            ConstraintKind::UniqueBy(k) => {
                let item = self.item_object(ty)?.field(k)?;
                Planned::Whole(
                    FieldCheck::UniqueBy {
                        wire: k.clone(),
                        rust: item.rust.clone(),
                    },
                    format!("may hold at most one item per `{k}`"),
                )
            }
        })
    }

    /// A check with its final message: the catalogue's message when the code has one.
    fn check<K: Kind>(&self, kind: K, code: Option<u32>, default: &str, guard: Guard) -> Check<K> {
        let rule = kind.rule();
        self.check_with(kind, rule, code, default, guard)
    }

    fn check_with<K>(&self, kind: K, rule: Rule, code: Option<u32>, default: &str, guard: Guard) -> Check<K> {
        let catalogue = code
            .and_then(|c| self.api.errors.as_ref()?.codes.iter().find(|x| x.code == c))
            .map(|c| c.message.clone());
        Check {
            kind,
            rule,
            code,
            message: catalogue.unwrap_or_else(|| default.to_owned()),
            guard,
        }
    }
}

/// A check kind that decides its own rule.
trait Kind {
    fn rule(&self) -> Rule;
}

impl Kind for ValueCheck {
    fn rule(&self) -> Rule {
        ValueCheck::rule(self)
    }
}

impl Kind for FieldCheck {
    fn rule(&self) -> Rule {
        FieldCheck::rule(self)
    }
}

impl Kind for GroupCheck {
    fn rule(&self) -> Rule {
        GroupCheck::rule(self)
    }
}

impl<K> Check<K> {
    /// The same check with its kind mapped (a value check filed as a field check).
    fn map<L>(self, f: impl FnOnce(K) -> L) -> Check<L> {
        Check {
            kind: f(self.kind),
            rule: self.rule,
            code: self.code,
            message: self.message,
            guard: self.guard,
        }
    }
}

/// Where a constraint's check goes.
enum Planned {
    /// With the checks of an absent field.
    Required,
    /// On the whole value, always.
    Whole(FieldCheck, String),
    /// On the value, or on each element of an array or map of scalars.
    Value(ValueCheck, String),
}

impl Planned {
    /// The check on one value a constraint on an element or a key makes (the loader
    /// allows only value constraints there).
    fn one_value(self) -> Option<(ValueCheck, String)> {
        match self {
            Planned::Value(kind, msg) | Planned::Whole(FieldCheck::Value(kind), msg) => Some((kind, msg)),
            Planned::Required
            | Planned::Whole(
                FieldCheck::Discriminator(_)
                | FieldCheck::CurrentDiscriminator(_)
                | FieldCheck::SetOnce { .. }
                | FieldCheck::Identifying { .. }
                | FieldCheck::UniqueBy { .. }
                | FieldCheck::Lock { .. },
                _,
            ) => None,
        }
    }
}

fn named_message(name: &str) -> String {
    match name {
        "no_po_box" => "must not be a PO box".to_owned(),
        other => format!("fails the `{other}` check"),
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
        let loaded = crate::load::load_texts(&[("dag.yaml", text.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        let api = &loaded.spec.apis[0];
        let plan = super::endpoint(api, &api.endpoints[0]);
        assert!(!plan.root.fields[0].descend);
    }
}
