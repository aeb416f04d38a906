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

/// A documented API version a check compares the chosen one with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionIs {
    /// As documented (`2024-06-20`).
    pub name: String,
    /// The variant of the generated `ApiVersion` (`V2024_06_20`).
    pub rust: String,
    /// Its position in the API's `versions:`, oldest first.
    pub index: usize,
}

/// What a check needs besides the request, and so when it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    /// The request alone: always runs.
    Request,
    /// The current resource: runs when a snapshot is given (the snapshot of the object
    /// the field is in: the root's, a nested object's at the same path, the current item
    /// of a keyed array with the same key, the current entry of a map with the same key).
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
    /// Conditions on the current resource's state that must all hold (`while:` of a
    /// constraint or a lock, read from the snapshot of the object the field is in). A
    /// condition holds only on a known state: without a snapshot, or when the snapshot
    /// lacks the field, the check does not run.
    pub state: Vec<StateIs>,
    /// Siblings that must be sent, or not sent (`if: { field: { sent: BOOL } }` of a
    /// constraint): sent is present and not `null` (a cleared field is not sent).
    pub sent: Vec<SentIs>,
}

/// A presence test on a sibling of the checked field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentIs {
    /// Its wire name.
    pub wire: String,
    /// Its Rust name.
    pub rust: String,
    /// `true`: the sibling must be sent; `false`: it must not be.
    pub sent: bool,
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
            state: Vec::new(),
            sent: Vec::new(),
        }
    }

    fn current() -> Self {
        Guard {
            layer: Layer::Current,
            ..Guard::request()
        }
    }
}

/// A condition on the current resource's state: a field of the snapshot of the object
/// the checked field is in (`<Endpoint>Current` for the request's own fields, else the
/// object's `<Type>Current`) has one of some values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateIs {
    /// The resource field's wire name.
    pub wire: String,
    /// Its Rust name in the snapshot.
    pub rust: String,
    /// The values it must have.
    pub test: StateTest,
}

/// What a state condition compares, typed by the resource field's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateTest {
    /// An enum or string field's text (`as_str`) is one of these.
    OneOf(Vec<String>),
    /// A boolean field has this value.
    Bool(bool),
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

/// A check on a field sent as its clearing value (`null`, or its sentinel): the
/// resource would lose the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleared {
    /// A set-once field may not be cleared once the current resource has it.
    SetOnce {
        /// What counts as not having it.
        unset: Unset,
    },
    /// An identifying field is never cleared: it picks the object.
    Identifying,
    /// A field the resource requires (`required:`) is never cleared while its object
    /// is sent.
    Required,
}

impl Cleared {
    /// The runtime rule a failure of this check reports.
    fn rule(&self) -> Rule {
        match self {
            Cleared::SetOnce { .. } => Rule::ClearSetOnce,
            Cleared::Identifying => Rule::ClearIdentifying,
            Cleared::Required => Rule::ClearRequired,
        }
    }
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
    /// A free-form JSON value nests arrays and objects at most this deep
    /// (`mutaspec_runtime::checks::json_depth_exceeds`).
    MaxDepth(u64),
    /// A free-form JSON value takes at most this many bytes as compact JSON
    /// (`mutaspec_runtime::checks::json_bytes_exceed`).
    MaxBytes(u64),
    /// An item (or map value) of an array of an enum is `value`, which exists only from
    /// `since` until `until` in the chosen API version: the item form of
    /// [`FieldCheck::ValueVersion`], which the item loops of both back ends test against
    /// the chosen version (a value alone cannot).
    ValueVersion {
        /// The enum value's wire name.
        value: String,
        /// The first version that has it.
        since: Option<VersionIs>,
        /// The first version that no longer has it.
        until: Option<VersionIs>,
    },
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
    /// (the field of this name in the snapshot of the field's object: a sibling, or at
    /// the top level a `current:` field) is absent or has the value.
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
    /// The field may be sent only while the current resource's state holds: fails when
    /// the snapshot has the field with another value (`while:` of a field).
    State(StateIs),
    /// An enum field whose current value is `from` may change only to `to` (keeping
    /// `from` is no change); an empty `to`: `from` is final.
    Transition {
        /// The current value.
        from: String,
        /// The values that may follow it, in spec order.
        to: Vec<String>,
    },
    /// A value only the provider sets: a request may not send it, unless the current
    /// value is already it (no change).
    ProviderOnlySet(String),
    /// A value only the provider leaves: when it is the current value, a request may
    /// not send another.
    ProviderOnlyLeave(String),
    /// The value may not be below the current one (`increase_only`).
    IncreaseOnly,
    /// The value may not be above the current one (`decrease_only`).
    DecreaseOnly,
    /// The current array's items must be the first items of the value, in order
    /// (`append_only`), compared as [`Equality::Value`].
    AppendOnly,
    /// Every key of the current map that the value has keeps its value; with
    /// `replace`, the value must also have every current key (a replaced map drops the
    /// keys it lacks) (`set_once_keys`).
    SetOnceKeys {
        /// The map replaces the current one.
        replace: bool,
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
    /// A check on the string id of an object-or-id field (`Customer | string`): runs
    /// when an id is sent, not an object.
    OnId(ValueCheck),
    /// The field exists only from `since` (included) until `until` (excluded) in the
    /// chosen API version (the settings' `api_version`, else the latest).
    Version {
        /// The first version that has it.
        since: Option<VersionIs>,
        /// The first version that no longer has it.
        until: Option<VersionIs>,
    },
    /// A discriminated union's value is sent with its tag `tag` beside it (`missing`:
    /// fails when the tag is absent), or with a tag naming one of its variants (else:
    /// fails when the tag is sent and names none).
    UnionTag {
        /// The tag's wire name.
        tag: String,
        /// The tag's Rust name.
        tag_rust: String,
        /// Which of the two.
        missing: bool,
    },
    /// An enum field's `value` exists only from `since` until `until`.
    ValueVersion {
        /// The enum value's wire name.
        value: String,
        /// The first version that has it.
        since: Option<VersionIs>,
        /// The first version that no longer has it.
        until: Option<VersionIs>,
    },
}

impl FieldCheck {
    /// The runtime rule a failure of this check reports: decided here alone.
    fn rule(&self) -> Rule {
        match self {
            FieldCheck::Value(v) | FieldCheck::OnId(v) => v.rule(),
            FieldCheck::Version { .. } | FieldCheck::ValueVersion { .. } => Rule::Version,
            FieldCheck::UnionTag { missing: true, .. } => Rule::UnionTagMissing,
            FieldCheck::UnionTag { missing: false, .. } => Rule::UnionTagUnknown,
            FieldCheck::Discriminator(_) => Rule::DiscriminatorMismatch,
            FieldCheck::CurrentDiscriminator(_) => Rule::Conditional,
            FieldCheck::SetOnce { .. } => Rule::SetOnce,
            FieldCheck::Identifying { .. } => Rule::Identifying,
            FieldCheck::UniqueBy { .. } => Rule::UniqueBy,
            FieldCheck::State(_) => Rule::StateCondition,
            FieldCheck::Transition { to, .. } if to.is_empty() => Rule::TerminalState,
            FieldCheck::Transition { .. } => Rule::Transition,
            FieldCheck::ProviderOnlySet(_) | FieldCheck::ProviderOnlyLeave(_) => Rule::ProviderOnly,
            FieldCheck::IncreaseOnly => Rule::IncreaseOnly,
            FieldCheck::DecreaseOnly => Rule::DecreaseOnly,
            FieldCheck::AppendOnly => Rule::AppendOnly,
            FieldCheck::SetOnceKeys { .. } => Rule::SetOnceKeys,
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
            ValueCheck::MaxDepth(_) => Rule::MaxDepth,
            ValueCheck::MaxBytes(_) => Rule::MaxBytes,
            ValueCheck::ValueVersion { .. } => Rule::Version,
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
    /// An object type, by Rust name, or its string id (`OrId`): the object's checks run
    /// when an object is sent.
    OrId(String),
    /// A discriminated union: the generated enum `name`, whose variant the sibling tag
    /// chose; each variant's object checks run on it.
    Tagged {
        /// The Rust name of the generated enum.
        name: String,
        /// The variants.
        arms: Vec<TagArm>,
    },
}

/// A variant of a discriminated union, as the checks see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagArm {
    /// The tag's value selecting it.
    pub value: String,
    /// The Rust variant name.
    pub rust: String,
    /// The object type, by Rust name.
    pub object: String,
    /// Whether the object, or one inside it, has any check (else nothing is descended).
    pub checked: bool,
}

impl Shape {
    /// The object type inside, if any.
    pub fn object(&self) -> Option<&str> {
        match self {
            Shape::Object(n) | Shape::OrId(n) => Some(n),
            Shape::List(i) | Shape::Map(i) => i.object(),
            Shape::Scalar | Shape::Enum | Shape::Tagged { .. } => None,
        }
    }

    /// Whether a value of this shape can hold a map: is one, or holds an object.
    fn holds_entries(&self) -> bool {
        match self {
            Shape::Map(_) | Shape::Object(_) | Shape::OrId(_) | Shape::Tagged { .. } => true,
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
    /// How the field is cleared, when it may be (its value is then three-state:
    /// absent, cleared, set).
    pub clear: Option<model::Clear>,
    /// Checks when the field is sent as its clearing value (only on a clearable field).
    pub cleared: Vec<Check<Cleared>>,
    /// A map whose entries may be sent as `null` to delete their keys: its values are
    /// `Option`s, and the checks of a value skip a deleted entry.
    pub clear_entries: bool,
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
    /// The effects of [`FieldPlan::effects`] that apply only while the current
    /// resource's state holds: reported unless the snapshot shows a state where a
    /// condition does not hold (an unknown state may trigger them).
    pub state_effects: Vec<StateEffect>,
    /// The checks of a top-level field that read a field of the current resource, to
    /// report as not checkable when the snapshot lacks it (empty below the top level).
    pub unknowable: Vec<Unknowable>,
    /// Whether the object inside (an array's only with `item_key`, a map's only when
    /// not sensitive) reads the current resource: descending into it passes the
    /// snapshot's value of this field (a nested snapshot; for an array, the current item
    /// of the same key; for a map, the current entry of the same key).
    pub nested_current: bool,
    /// For an array of objects with `key:`, the item field that pairs a sent item with
    /// the current item of the same key (compared with `==`).
    pub item_key: Option<ItemKey>,
    /// `rule: ignored`: the provider accepts the field and ignores it. It has no check;
    /// a request that sends it is told so (`ignored_fields`), never refused.
    pub ignored: bool,
    /// Whether an object inside the value has an ignored field, at any depth (the
    /// `ignored_fields` walk descends into it).
    pub ignored_inside: bool,
}

/// A check of a top-level field that reads a field of the current resource: when the
/// snapshot (given or not) lacks that field, the check cannot be made, and the caller is
/// told so (`unchecked`), never refused for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknowable {
    /// The rule the check reports.
    pub rule: Rule,
    /// The snapshot field it needs: its wire name.
    pub wire: String,
    /// Its Rust name in the snapshot.
    pub rust: String,
    /// The check's guard: its layer, sibling and presence conditions must hold, and
    /// none of its state conditions may be known not to hold.
    pub guard: Guard,
    /// The check runs when the field is absent (a `required` constraint), not sent.
    pub absent: bool,
}

/// A side effect that applies only in some states of the current resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateEffect {
    /// The effect's Rust variant name.
    pub rust: String,
    /// The conditions, all of which must hold.
    pub state: Vec<StateIs>,
}

/// The item field that identifies an array item (`key:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemKey {
    /// Its wire name.
    pub wire: String,
    /// Its Rust name.
    pub rust: String,
    /// Its type.
    pub ty: Ty,
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
    /// What the checks of this object (and of the objects inside) read of the current
    /// resource: the fields of its snapshot, `<Name>Current` ([`model::snapshot_name`]);
    /// empty when they read nothing (no snapshot type). The request's is
    /// [`EndpointPlan::current`].
    pub current: Vec<CurrentField>,
    /// Conditions across its fields (`groups:`), in spec order, run after every field's
    /// checks and reported at the object's own path.
    pub groups: Vec<Check<GroupCheck>>,
    /// Groups whose members go through one array or map of objects: checked per item
    /// or entry, after [`ObjectPlan::groups`], each reported at the item's path.
    pub each_groups: Vec<EachGroup>,
}

/// A group whose members go through an array or a map of objects (`lines.qty`,
/// `lines.unit`): checked over each item's (entry's) fields.
#[derive(Debug, Clone, PartialEq)]
pub struct EachGroup {
    /// The steps from the object to the array or map field, through objects.
    pub prefix: Vec<Step>,
    /// The container is a map (its entries, in key order), not an array.
    pub map: bool,
    /// The group over one item's fields (members from the item).
    pub check: Check<GroupCheck>,
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

/// A field a current-resource snapshot holds (the request's, or a nested object's).
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
    /// `Some(T)`: an object of type `T` whose snapshot (`TCurrent`, the fields of the
    /// plan of `T`) holds only what the rules inside it read; `None`: the whole value.
    pub nested: Option<String>,
}

/// An endpoint's plan: its request object and every object type inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointPlan {
    /// The request body.
    pub root: ObjectPlan,
    /// Object types reachable from the body, by Rust name.
    pub objects: BTreeMap<String, ObjectPlan>,
    /// Root fields the current-resource snapshot holds: those of the body the rules
    /// read, then the endpoint's `current:` fields.
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
    // The variants of discriminated unions, by type name.
    let mut variants: Vec<&String> = Vec::new();
    loop {
        let name = match todo.pop() {
            Some(Ty::List(i) | Ty::Map(i)) => {
                todo.push(i);
                continue;
            }
            Some(Ty::Tagged(t)) => {
                variants.extend(t.variants.iter().map(|v| &v.ty));
                continue;
            }
            Some(Ty::Named(n) | Ty::OrId(n)) => n,
            Some(Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Decimal | Ty::Date | Ty::DateTime | Ty::Json) => {
                continue
            }
            None => match variants.pop() {
                Some(n) => n,
                None => break,
            },
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
    let mut current = cx.snapshot(&ep.body);
    current.extend(ep.current.iter().filter_map(|f| cx.current_field(f, None)));
    // The fields state conditions (`while:`) read, and those a transition or a named
    // pattern compares, are held whole (the body's are in its snapshot already,
    // [`Api::snapshot_of`]).
    let read_by_state = state_reads(ep);
    for f in &ep.body.fields {
        let compared = f.sendable() && (f.rule.is_pattern() || f.transitions.is_some());
        if (compared || read_by_state.contains(&f.wire)) && !current.iter().any(|c| c.wire == f.wire) {
            current.extend(cx.current_field(f, None));
        }
    }
    EndpointPlan { root, objects, current }
}

/// The resource fields the state conditions (`while:`) of an endpoint's body read, by
/// wire name: the snapshot carries each of them.
fn state_reads(ep: &Endpoint) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in ep.body.fields.iter().filter(|f| f.sendable()) {
        let constraints = f.constraints.iter().flat_map(|c| &c.state);
        let locks = f.locks.iter().flat_map(|l| &l.state);
        let effects = f.effects_while.iter().flat_map(|e| &e.state);
        for c in f.state.iter().chain(constraints).chain(locks).chain(effects) {
            if let Some(g) = ep.state_field(&c.field) {
                out.insert(g.wire.clone());
            }
        }
    }
    out
}

struct Planner<'a> {
    api: &'a Api,
    ep: Option<&'a Endpoint>,
    /// Object types known to have no check: without it, types that share a type below
    /// them (`A { x: B, y: B }`, `B { x: C, y: C }`, ...) are walked exponentially often.
    unchecked: RefCell<BTreeSet<String>>,
    /// Whether each object type reads the current resource ([`Api::reads_current`]).
    reads: RefCell<BTreeMap<String, bool>>,
    /// Object types with an ignored field at some depth, once computed.
    with_ignored: RefCell<Option<BTreeSet<String>>>,
}

impl<'a> Planner<'a> {
    fn new(api: &'a Api, ep: Option<&'a Endpoint>) -> Self {
        Planner {
            api,
            ep,
            unchecked: RefCell::default(),
            reads: RefCell::default(),
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
                        || f.reads_current_itself()
                        || self.closed_enum(ty.element()).is_some()
                        || !f.available.always()
                        || matches!(ty, Ty::Tagged(_))
                        || self.named(ty).is_some_and(|t| match &t.kind {
                            TypeKind::Enum(e) => e.values.iter().any(|v| !v.available.always()),
                            TypeKind::Object(_) => false,
                        });
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
        let current = if root { Vec::new() } else { self.snapshot(o) };
        let (each, plain): (Vec<&model::Group>, Vec<&model::Group>) = o.groups.iter().partition(|g| self.through_container(o, g).is_some());
        let groups = plain.into_iter().filter_map(|g| self.group(o, g)).collect();
        let each_groups = each.into_iter().filter_map(|g| self.each_group(o, g)).collect();
        ObjectPlan {
            name: name.to_owned(),
            fields,
            current,
            groups,
            each_groups,
        }
    }

    /// How many steps of a group's first member lead to the array or map of objects it
    /// goes through (the container included), when it goes through one.
    fn through_container(&self, o: &Object, g: &model::Group) -> Option<usize> {
        let m = g.members.first()?;
        let mut obj = o;
        for (i, seg) in m.path.iter().enumerate().take(m.path.len().saturating_sub(1)) {
            let ty = obj.field(seg)?.ty.as_ref()?;
            if matches!(ty, Ty::List(_) | Ty::Map(_)) {
                return Some(i + 1);
            }
            let Ty::Named(n) = ty else { return None };
            obj = match &self.type_def(n)?.kind {
                TypeKind::Object(next) => next,
                TypeKind::Enum(_) => return None,
            };
        }
        None
    }

    /// A group through an array or a map: the group over each item's fields (`None`
    /// when a member does not share the container: the loader refused it).
    fn each_group(&self, o: &Object, g: &model::Group) -> Option<EachGroup> {
        let k = self.through_container(o, g)?;
        let prefix_path = &g.members.first()?.path[..k];
        let strip = |m: &model::Member| -> Option<model::Member> {
            (m.path.len() > k && m.path[..k] == *prefix_path).then(|| model::Member {
                path: m.path[k..].to_vec(),
                loc: m.loc.clone(),
            })
        };
        let members = g.members.iter().map(strip).collect::<Option<Vec<_>>>()?;
        let kind = match &g.kind {
            model::GroupKind::RequiredWith(with) => model::GroupKind::RequiredWith(with.iter().map(strip).collect::<Option<Vec<_>>>()?),
            model::GroupKind::RequiredIf { field, values } => model::GroupKind::RequiredIf {
                field: strip(field)?,
                values: values.clone(),
            },
            other => other.clone(),
        };
        let mut obj = o;
        let mut prefix = Vec::new();
        let mut container = None;
        for (i, seg) in prefix_path.iter().enumerate() {
            let f = obj.field(seg).filter(|f| f.sendable())?;
            prefix.push(Step {
                wire: f.wire.clone(),
                rust: f.rust.clone(),
                sensitive: f.sensitive,
            });
            let ty = f.ty.as_ref()?;
            let Ty::Named(n) = ty.element() else { return None };
            let next = match &self.type_def(n)?.kind {
                TypeKind::Object(next) => next,
                TypeKind::Enum(_) => return None,
            };
            if i + 1 == k {
                container = Some((next, matches!(ty, Ty::Map(_))));
            } else {
                obj = next;
            }
        }
        let (item, map) = container?;
        let stripped = model::Group {
            kind,
            members,
            error: g.error,
            loc: g.loc.clone(),
        };
        Some(EachGroup {
            prefix,
            map,
            check: self.group(item, &stripped)?,
        })
    }

    /// The fields of object `o`'s current-resource snapshot ([`Api::snapshot_of`]).
    fn snapshot(&self, o: &Object) -> Vec<CurrentField> {
        o.fields
            .iter()
            .filter_map(|f| {
                let held = self.api.snapshot_of(self.ep, o, f, &mut self.reads.borrow_mut())?;
                self.current_field(f, Some(held))
            })
            .collect()
    }

    /// A snapshot's field: the whole value (`held: None` for a `current:` field), or a
    /// nested snapshot.
    fn current_field(&self, f: &Field, held: Option<model::Snapshot>) -> Option<CurrentField> {
        Some(CurrentField {
            wire: f.wire.clone(),
            rust: f.rust.clone(),
            aliases: f.aliases.clone(),
            ty: f.ty.clone()?,
            sensitive: f.sensitive,
            nested: match held {
                Some(model::Snapshot::Nested(n)) => Some(n),
                Some(model::Snapshot::Whole) | None => None,
            },
        })
    }

    /// Whether object type `name` reads the current resource.
    fn reads_current(&self, name: &str) -> bool {
        self.api.reads_current(self.ep, name, &mut self.reads.borrow_mut())
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
            Ty::OrId(n) => Shape::OrId(n.clone()),
            Ty::Tagged(t) => Shape::Tagged {
                name: t.name.clone(),
                arms: t
                    .variants
                    .iter()
                    .map(|v| TagArm {
                        value: v.value.clone(),
                        rust: v.rust.clone(),
                        object: v.ty.clone(),
                        checked: self.has_checks(&v.ty, &mut Vec::new()),
                    })
                    .collect(),
            },
            Ty::String | Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean | Ty::Decimal | Ty::Date | Ty::DateTime | Ty::Json => {
                Shape::Scalar
            }
        }
    }

    /// A sibling of a field of `o`, compared with `value`.
    fn sibling(o: &Object, wire: &str, value: &str) -> Option<FieldIs> {
        Self::sibling_in(&o.fields, wire, value)
    }

    /// A field of `fields`, compared with `value`.
    fn sibling_in(fields: &[Field], wire: &str, value: &str) -> Option<FieldIs> {
        fields.iter().find(|f| f.wire == wire).map(|f| FieldIs {
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
        // The versions that have the field: before anything else about its value.
        if !f.available.always() {
            let kind = FieldCheck::Version {
                since: self.version(f.available.since.as_deref()),
                until: self.version(f.available.until.as_deref()),
            };
            let msg = format!("is available only {}", f.available.describe());
            checks.push(self.check(kind, None, &msg, Guard::request()));
        }
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
            Ty::String
            | Ty::Integer
            | Ty::Unsigned
            | Ty::Number
            | Ty::Boolean
            | Ty::List(_)
            | Ty::Map(_)
            | Ty::Json
            | Ty::OrId(_)
            | Ty::Tagged(_) => None,
        };
        if let Some((kind, msg, code)) = validity {
            let check = self.check(kind, code, &msg, Guard::request());
            if scalar_container {
                item_checks.push(check);
            } else {
                checks.push(check.map(FieldCheck::Value));
            }
        }
        // A discriminated union is sent with its tag, which names a variant.
        if let Ty::Tagged(t) = ty {
            if let Some(tag) = o.field(&t.tag) {
                let listed: Vec<String> = t.variants.iter().map(|v| format!("`{}`", v.value)).collect();
                for (missing, msg) in [
                    (
                        true,
                        format!("is sent without `{}`, which says which of its variants it is", tag.wire),
                    ),
                    (
                        false,
                        format!("is sent with a `{}` naming none of its variants ({})", tag.wire, listed.join(", ")),
                    ),
                ] {
                    let kind = FieldCheck::UnionTag {
                        tag: tag.wire.clone(),
                        tag_rust: tag.rust.clone(),
                        missing,
                    };
                    checks.push(self.check(kind, t.error, &msg, Guard::request()));
                }
            }
        }
        // The versions that have each value of an enum field.
        if let Some(TypeDef {
            kind: TypeKind::Enum(e), ..
        }) = self.named(ty)
        {
            checks.extend(self.value_versions(e, |value, since, until| FieldCheck::ValueVersion { value, since, until }));
        }
        // ... and of each item of an array (or value of a map) of an enum.
        if let (
            true,
            Some(TypeDef {
                kind: TypeKind::Enum(e), ..
            }),
        ) = (scalar_container, self.named(elem))
        {
            item_checks.extend(self.value_versions(e, |value, since, until| ValueCheck::ValueVersion { value, since, until }));
        }
        let mut required = Vec::new();
        let mut cleared = Vec::new();
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
                state: self.states(o, root, &c.state),
                sent: c
                    .sent
                    .iter()
                    .filter_map(|(k, b)| {
                        let s = o.field(k)?;
                        Some(SentIs {
                            wire: s.wire.clone(),
                            rust: s.rust.clone(),
                            sent: *b,
                        })
                    })
                    .collect(),
            };
            match c.on {
                Constrained::Whole => match self.constraint(&c.kind, ty, elem) {
                    None => {}
                    Some(Planned::Required) => {
                        if f.clear.is_some() {
                            let msg = "is required by the resource and cannot be cleared";
                            cleared.push(self.check(Cleared::Required, c.error, msg, guard.clone()));
                        }
                        required.push(self.check_with(Presence::Required, Rule::Required, c.error, "is required", guard))
                    }
                    // The constraints of `T | string` are its id's.
                    Some(Planned::Whole(FieldCheck::Value(kind), msg) | Planned::Value(kind, msg)) if matches!(ty, Ty::OrId(_)) => {
                        checks.push(self.check(FieldCheck::OnId(kind), c.error, &msg, guard))
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
            let current_msg = |d: &FieldIs| format!("may be updated only when the current `{}` is `{value}`", d.wire);
            let current_guard = Guard::current;
            if let Some(d) = Self::sibling(o, discriminator, value) {
                let msg = format!("may be sent only with `{}` set to `{value}`", d.wire);
                checks.push(self.check(FieldCheck::Discriminator(d.clone()), None, &msg, Guard::request()));
                let msg = current_msg(&d);
                checks.push(self.check(FieldCheck::CurrentDiscriminator(d), None, &msg, current_guard()));
            } else if let Some(d) = root
                .then_some(self.ep)
                .flatten()
                .and_then(|e| Self::sibling_in(&e.current, discriminator, value))
            {
                // A discriminator only the resource has (`current:`): nothing to compare
                // in the request, the current value decides.
                let msg = current_msg(&d);
                checks.push(self.check(FieldCheck::CurrentDiscriminator(d), None, &msg, current_guard()));
            }
        }
        let equality = if *ty == Ty::String { Equality::Text } else { Equality::Value };
        let current = Guard::current;
        if f.rule == model::UpdateRule::SetOnce {
            let unset = Self::unset(ty);
            let kind = FieldCheck::SetOnce { unset, equality };
            checks.push(self.check(kind, None, "is set once: the current value cannot be changed", current()));
        }
        if f.rule == model::UpdateRule::Identifying {
            let kind = FieldCheck::Identifying { equality };
            checks.push(self.check(kind, None, "identifies the object and cannot change", current()));
        }
        checks.extend(self.state_checks(o, root, f, ty));
        if f.clear.is_some() {
            match &f.rule {
                model::UpdateRule::SetOnce => {
                    let unset = Self::unset(ty);
                    let msg = "is set once: the current value cannot be cleared";
                    cleared.push(self.check(Cleared::SetOnce { unset }, None, msg, current()));
                }
                model::UpdateRule::Identifying => {
                    let msg = "identifies the object and cannot be cleared";
                    cleared.push(self.check(Cleared::Identifying, None, msg, Guard::request()));
                }
                model::UpdateRule::Mutable
                | model::UpdateRule::NotUpdatable
                | model::UpdateRule::Ignored
                | model::UpdateRule::Conditional { .. }
                | model::UpdateRule::IncreaseOnly
                | model::UpdateRule::DecreaseOnly
                | model::UpdateRule::AppendOnly
                | model::UpdateRule::SetOnceKeys => {}
            }
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
                state: self.states(o, root, &lock.state),
                sent: Vec::new(),
            };
            checks.push(self.check(FieldCheck::Lock { by: l.kind, items }, l.error, &msg, guard));
        }
        let effects = f
            .effects
            .iter()
            .filter_map(|e| self.api.effects.iter().find(|x| x.name == *e).map(|x| x.rust.clone()))
            .collect();
        let state_effects = f
            .effects_while
            .iter()
            .filter_map(|w| {
                let rust = self.api.effects.iter().find(|x| x.name == w.effect)?.rust.clone();
                Some(StateEffect {
                    rust,
                    state: self.states(o, root, &w.state),
                })
            })
            .collect();
        let ignored = f.rule == model::UpdateRule::Ignored;
        if ignored {
            // Nothing refuses an ignored field: not even its type's value checks.
            required.clear();
            checks.clear();
            item_checks.clear();
            key_checks.clear();
        }
        let unknowable = if root {
            Self::unknowable(f, &required, &checks)
        } else {
            Vec::new()
        };
        let descend = !ignored && shape.object().is_some_and(|n| self.has_checks(n, &mut Vec::new()));
        let descend = descend || (!ignored && matches!(&shape, Shape::Tagged { arms, .. } if arms.iter().any(|a| a.checked)));
        let ignored_inside = !ignored && shape.object().is_some_and(|n| self.has_ignored(n));
        let item_key = f.key.as_ref().and_then(|k| {
            let item = self.item_object(ty)?.field(k)?;
            Some(ItemKey {
                wire: item.wire.clone(),
                rust: item.rust.clone(),
                ty: item.ty.clone()?,
            })
        });
        let nested_current = match &shape {
            Shape::Object(n) => self.reads_current(n),
            Shape::List(i) if item_key.is_some() => i.object().is_some_and(|n| self.reads_current(n)),
            // Each entry against the current entry of the same key (a sensitive map's
            // keys are data: rules inside its values are refused, `nested-rule`).
            Shape::Map(i) if !f.sensitive => matches!(&**i, Shape::Object(n) if self.reads_current(n)),
            // An object or its id: rules inside it are refused (`nested-rule`).
            // A variant's rules reading the current resource are refused (`nested-rule`).
            Shape::List(_) | Shape::Map(_) | Shape::OrId(_) | Shape::Tagged { .. } | Shape::Scalar | Shape::Enum => false,
        };
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
            clear: f.clear.clone(),
            cleared,
            clear_entries: f.clear_entries,
            checks,
            item_checks,
            key_checks,
            map: matches!(ty, Ty::Map(_)),
            shape,
            effects,
            state_effects,
            unknowable,
            nested_current,
            item_key,
            ignored,
            ignored_inside,
        }
    }

    /// The checks of a top-level field that read a field of the current resource: its
    /// own `while:`, a `current:` discriminator, its transitions and provider-only
    /// values, and every check with state conditions; each rule and field once.
    fn unknowable(f: &Field, required: &[Check<Presence>], checks: &[Check<FieldCheck>]) -> Vec<Unknowable> {
        let mut out: Vec<Unknowable> = Vec::new();
        let mut add = |rule: Rule, wire: &str, rust: &str, guard: &Guard, absent: bool| {
            if !out
                .iter()
                .any(|u| u.rule == rule && u.wire == wire && u.absent == absent && u.guard == *guard)
            {
                out.push(Unknowable {
                    rule,
                    wire: wire.to_owned(),
                    rust: rust.to_owned(),
                    guard: guard.clone(),
                    absent,
                });
            }
        };
        for c in required {
            for st in &c.guard.state {
                add(c.rule, &st.wire, &st.rust, &c.guard, true);
            }
        }
        for c in checks {
            match &c.kind {
                FieldCheck::State(st) => add(c.rule, &st.wire, &st.rust, &c.guard, false),
                FieldCheck::CurrentDiscriminator(d) => add(c.rule, &d.wire, &d.rust, &c.guard, false),
                // Every transition rule reads the field's own current value: one notice.
                FieldCheck::Transition { .. } | FieldCheck::ProviderOnlySet(_) | FieldCheck::ProviderOnlyLeave(_) => {
                    add(Rule::Transition, &f.wire, &f.rust, &c.guard, false)
                }
                FieldCheck::Value(_)
                | FieldCheck::Discriminator(_)
                | FieldCheck::SetOnce { .. }
                | FieldCheck::Identifying { .. }
                | FieldCheck::UniqueBy { .. }
                | FieldCheck::IncreaseOnly
                | FieldCheck::DecreaseOnly
                | FieldCheck::AppendOnly
                | FieldCheck::SetOnceKeys { .. }
                | FieldCheck::Lock { .. }
                | FieldCheck::OnId(_)
                | FieldCheck::Version { .. }
                | FieldCheck::ValueVersion { .. }
                | FieldCheck::UnionTag { .. } => {}
            }
            for st in &c.guard.state {
                add(c.rule, &st.wire, &st.rust, &c.guard, false);
            }
        }
        out
    }

    /// When the current resource counts as not having a set-once field's value.
    fn unset(ty: &Ty) -> Unset {
        match ty {
            Ty::List(_) | Ty::Map(_) | Ty::String => Unset::AbsentOrEmpty,
            Ty::Integer
            | Ty::Unsigned
            | Ty::Number
            | Ty::Boolean
            | Ty::Decimal
            | Ty::Date
            | Ty::DateTime
            | Ty::Named(_)
            | Ty::Json
            | Ty::OrId(_)
            | Ty::Tagged(_) => Unset::Absent,
        }
    }

    /// The state conditions of a `while:`, as the snapshot fields they read (a name
    /// the loader refused is left out).
    fn states(&self, o: &Object, root: bool, conds: &[model::StateCondition]) -> Vec<StateIs> {
        conds.iter().filter_map(|c| self.state_is(o, root, c)).collect()
    }

    /// A state condition of a field of `o` as the snapshot field it reads: on the
    /// request's own fields a top-level or `current:` field ([`Endpoint::state_field`]),
    /// deeper a field of `o` itself, in `o`'s snapshot.
    fn state_is(&self, o: &Object, root: bool, c: &model::StateCondition) -> Option<StateIs> {
        let f = if root {
            self.ep?.state_field(&c.field)?
        } else {
            o.field(&c.field)?
        };
        let test = match f.ty.as_ref()? {
            Ty::Boolean => StateTest::Bool(c.values.first()? == "true"),
            _ => StateTest::OneOf(c.values.clone()),
        };
        Some(StateIs {
            wire: f.wire.clone(),
            rust: f.rust.clone(),
            test,
        })
    }

    /// The checks of a field of `o` against the current resource's state (the snapshot
    /// of `o`, at any depth): its own `while:`, its transitions and provider-only values,
    /// its named pattern.
    fn state_checks(&self, o: &Object, root: bool, f: &Field, ty: &Ty) -> Vec<Check<FieldCheck>> {
        let code = |s: &str| format!("`{s}`");
        let mut out = Vec::new();
        for c in &f.state {
            let Some(s) = self.state_is(o, root, c) else { continue };
            let msg = format!("may be updated only while the current {}", c.describe(&code));
            out.push(self.check(FieldCheck::State(s), None, &msg, Guard::current()));
        }
        if let Some(t) = &f.transitions {
            for p in &t.provider_only {
                let msg = format!("`{p}` is set only by the provider");
                out.push(self.check(FieldCheck::ProviderOnlySet(p.clone()), None, &msg, Guard::request()));
            }
            for p in &t.provider_only {
                let msg = format!("is `{p}` now, and only the provider changes it from `{p}`");
                out.push(self.check(FieldCheck::ProviderOnlyLeave(p.clone()), None, &msg, Guard::current()));
            }
            for (from, to) in &t.moves {
                let msg = if to.is_empty() {
                    format!("is `{from}` now, a final value: it cannot change")
                } else {
                    let next: Vec<String> = to.iter().map(|v| code(v)).collect();
                    format!("is `{from}` now, and `{from}` may change only to {}", model::or_list(&next))
                };
                let kind = FieldCheck::Transition {
                    from: from.clone(),
                    to: to.clone(),
                };
                out.push(self.check(kind, None, &msg, Guard::current()));
            }
        }
        let pattern = match f.rule {
            model::UpdateRule::IncreaseOnly => Some((FieldCheck::IncreaseOnly, "may only increase: it cannot be below the current value")),
            model::UpdateRule::DecreaseOnly => Some((FieldCheck::DecreaseOnly, "may only decrease: it cannot be above the current value")),
            model::UpdateRule::AppendOnly if matches!(ty, Ty::List(_)) => Some((
                FieldCheck::AppendOnly,
                "is append-only: the current items must stay its first items, in order",
            )),
            model::UpdateRule::SetOnceKeys if matches!(ty, Ty::Map(_)) => Some((
                FieldCheck::SetOnceKeys {
                    replace: f.merge == model::Merge::Replace,
                },
                "keeps its keys: an existing key's value cannot change or be removed",
            )),
            model::UpdateRule::AppendOnly
            | model::UpdateRule::SetOnceKeys
            | model::UpdateRule::Mutable
            | model::UpdateRule::SetOnce
            | model::UpdateRule::Identifying
            | model::UpdateRule::NotUpdatable
            | model::UpdateRule::Ignored
            | model::UpdateRule::Conditional { .. } => None,
        };
        if let Some((kind, msg)) = pattern {
            out.push(self.check(kind, None, msg, Guard::current()));
        }
        out
    }

    /// The type a `Ty::Named` names.
    fn named(&self, ty: &Ty) -> Option<&TypeDef> {
        let Ty::Named(n) = ty else { return None };
        self.type_def(n)
    }

    /// A listed API version by name (the loader checked it is listed).
    /// A check of kind `make(value, since, until)` for each value of enum `e` that not
    /// every version has.
    fn value_versions<K: Kind>(
        &self,
        e: &model::EnumDef,
        make: impl Fn(String, Option<VersionIs>, Option<VersionIs>) -> K,
    ) -> Vec<Check<K>> {
        e.values
            .iter()
            .filter(|v| !v.available.always())
            .map(|v| {
                let kind = make(
                    v.wire.clone(),
                    self.version(v.available.since.as_deref()),
                    self.version(v.available.until.as_deref()),
                );
                let msg = format!("`{}` is available only {}", v.wire, v.available.describe());
                self.check(kind, None, &msg, Guard::request())
            })
            .collect()
    }

    fn version(&self, name: Option<&str>) -> Option<VersionIs> {
        let name = name?;
        let index = self.api.version_index(name)?;
        Some(VersionIs {
            name: name.to_owned(),
            rust: self.api.versions[index].rust.clone(),
            index,
        })
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
            Ty::String
            | Ty::Integer
            | Ty::Unsigned
            | Ty::Number
            | Ty::Boolean
            | Ty::Decimal
            | Ty::Date
            | Ty::DateTime
            | Ty::Named(_)
            | Ty::Json
            | Ty::OrId(_)
            | Ty::Tagged(_) => (Count::Chars, "characters"),
        };
        let bound = |v: &str| -> Option<Bound> {
            Some(match elem {
                Ty::Integer => Bound::Integer(v.parse().ok()?),
                Ty::Unsigned => Bound::Unsigned(v.parse().ok()?),
                Ty::Number => Bound::Number(v.parse().ok()?),
                Ty::Decimal => Bound::Decimal(v.to_owned()),
                Ty::Date => Bound::Date(v.to_owned()),
                Ty::DateTime => Bound::DateTime(v.to_owned()),
                Ty::String | Ty::Boolean | Ty::Named(_) | Ty::List(_) | Ty::Map(_) | Ty::Json | Ty::OrId(_) | Ty::Tagged(_) => return None,
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
            ConstraintKind::MaxDepth(n) => {
                Planned::Value(ValueCheck::MaxDepth(*n), format!("must nest arrays and objects at most {n} deep"))
            }
            ConstraintKind::MaxBytes(n) => Planned::Value(ValueCheck::MaxBytes(*n), format!("must take at most {n} bytes as compact JSON")),
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
        // A rule that names no code carries the catalogue's default code, and keeps its
        // own message (the catalogue's message is for the code's own rules).
        let code = code.or_else(|| self.api.errors.as_ref()?.default);
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

impl Kind for Cleared {
    fn rule(&self) -> Rule {
        Cleared::rule(self)
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
                | FieldCheck::State(_)
                | FieldCheck::Transition { .. }
                | FieldCheck::ProviderOnlySet(_)
                | FieldCheck::ProviderOnlyLeave(_)
                | FieldCheck::IncreaseOnly
                | FieldCheck::DecreaseOnly
                | FieldCheck::AppendOnly
                | FieldCheck::SetOnceKeys { .. }
                | FieldCheck::Lock { .. }
                | FieldCheck::OnId(_)
                | FieldCheck::Version { .. }
                | FieldCheck::ValueVersion { .. }
                | FieldCheck::UnionTag { .. },
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
