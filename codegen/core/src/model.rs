//! The resolved model: what a spec means, with every name, reference and default settled.
//!
//! Emitters, the validator, docs and the diff read only these types. Every item keeps the
//! [`Loc`] of the spec text it came from, so any later stage can point back at the spec.
//! Collections are ordered deterministically (APIs and endpoints by name; fields, types
//! and codes in spec order), so output built from this model is reproducible.

use crate::diag::Loc;
use crate::source::KeySeg;

/// A whole resolved spec directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// The APIs, sorted by name.
    pub apis: Vec<Api>,
    /// The spec root as shown in diagnostics (the directory given, or a single file's
    /// directory; empty for specs loaded from memory): generated headers name each spec
    /// file relative to it, so they do not depend on how the root was spelled.
    pub root: std::path::PathBuf,
}

impl Spec {
    /// Every endpoint of every API, in order.
    pub fn endpoints(&self) -> impl Iterator<Item = (&Api, &Endpoint)> {
        self.apis.iter().flat_map(|a| a.endpoints.iter().map(move |e| (a, e)))
    }

    /// The endpoint named `api::endpoint` or just `endpoint` when that is unambiguous.
    pub fn endpoint(&self, name: &str) -> Option<(&Api, &Endpoint)> {
        match name.split_once("::").or_else(|| name.split_once('/')) {
            Some((api, ep)) => self.endpoints().find(|(a, e)| a.name == api && e.name == ep),
            None => {
                let mut found = self.endpoints().filter(|(_, e)| e.name == name);
                let first = found.next();
                if found.next().is_some() {
                    None
                } else {
                    first
                }
            }
        }
    }
}

/// One provider API: the endpoints and what they share.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The API's name, also its Rust module (`banking`).
    pub name: String,
    /// A human title.
    pub title: Option<String>,
    /// Documentation.
    pub docs: Option<String>,
    /// Default hosts of the endpoints.
    pub hosts: Option<Hosts>,
    /// Default auth of the endpoints.
    pub auth: Option<Auth>,
    /// Named types shared by the API's endpoints, and their inline types.
    pub types: Vec<TypeDef>,
    /// Program settings.
    pub settings: Vec<Setting>,
    /// Side effects fields can trigger.
    pub effects: Vec<Effect>,
    /// The error catalogue.
    pub errors: Option<ErrorCatalog>,
    /// The endpoints, sorted by name.
    pub endpoints: Vec<Endpoint>,
    /// The shared file, or the first endpoint file.
    pub loc: Loc,
}

impl Api {
    /// The program settings struct every API module has.
    pub const SETTINGS_TYPE: &'static str = "ProgramSettings";
    /// The side effects enum of an API module (when the API declares effects).
    pub const EFFECT_TYPE: &'static str = "SideEffect";

    /// A type of this API (shared) or of `endpoint` (local), by Rust name.
    pub fn find_type<'a>(&'a self, endpoint: Option<&'a Endpoint>, name: &str) -> Option<&'a TypeDef> {
        endpoint
            .and_then(|e| e.types.iter().find(|t| t.name == name))
            .or_else(|| self.types.iter().find(|t| t.name == name))
    }

    /// A setting by name.
    pub fn setting(&self, name: &str) -> Option<&Setting> {
        self.settings.iter().find(|s| s.name == name)
    }
}

/// One documented endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The endpoint's name, also its Rust module (`update_customer`).
    pub name: String,
    /// The Rust name prefix of its types (`UpdateCustomer`).
    pub type_prefix: String,
    /// A human title.
    pub title: Option<String>,
    /// Where the facts come from.
    pub source: Option<String>,
    /// Documentation.
    pub docs: Option<String>,
    /// The HTTP method.
    pub method: Method,
    /// The path template.
    pub path: Vec<PathPart>,
    /// The path parameters, in path order.
    pub params: Vec<Param>,
    /// Hosts per environment.
    pub hosts: Hosts,
    /// How requests authenticate.
    pub auth: Auth,
    /// The response.
    pub response: Response,
    /// The request body: the root object's Rust name is `<TypePrefix>Request`.
    pub body: Object,
    /// Types local to this endpoint, including inline types of its body.
    pub types: Vec<TypeDef>,
    /// The spec file.
    pub file: std::sync::Arc<std::path::Path>,
    /// Where the endpoint is declared.
    pub loc: Loc,
}

impl Endpoint {
    /// The request struct's Rust name.
    pub fn request_name(&self) -> String {
        format!("{}Request", self.type_prefix)
    }

    /// The current-resource snapshot's Rust name.
    pub fn current_name(&self) -> String {
        format!("{}Current", self.type_prefix)
    }

    /// The path parameters struct's Rust name.
    pub fn params_name(&self) -> String {
        format!("{}Params", self.type_prefix)
    }

    /// Every Rust name mutaspec generates for this endpoint in its API module: the
    /// endpoint's marker type (named by the prefix itself), the request, the snapshot and
    /// the parameters. A spec type may not take any of them.
    pub fn generated_names(&self) -> [String; 4] {
        [
            self.type_prefix.clone(),
            self.request_name(),
            self.current_name(),
            self.params_name(),
        ]
    }

    /// The path template as written (`/customer/id/{id}`).
    pub fn path_template(&self) -> String {
        self.path
            .iter()
            .map(|p| match p {
                PathPart::Literal(s) => s.clone(),
                PathPart::Param(name) => format!("{{{name}}}"),
            })
            .collect()
    }
}

/// HTTP methods an update endpoint can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    /// Every method a spec can name, in the order docs and the JSON Schema list them.
    pub const ALL: [Method; 5] = [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete];

    /// The method as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A `{name}` placeholder.
    Param(String),
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name in the path.
    pub name: String,
    /// The Rust name.
    pub rust: String,
    /// Integer or string.
    pub ty: ParamType,
    /// Documentation.
    pub docs: Option<String>,
    /// A pattern the value must match.
    pub pattern: Option<String>,
    /// Where it is declared.
    pub loc: Loc,
}

/// Types a path parameter can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `i64`.
    Integer,
    /// `String`.
    String,
}

/// Hosts per environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosts {
    /// The production base URL (`https://api.ahrvo.network`).
    pub production: String,
    /// The staging base URL, if documented.
    pub staging: Option<String>,
}

/// How requests authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <token>`, plus an API key header when named.
    Bearer {
        /// The API key header (`x-api-key`).
        api_key_header: Option<String>,
    },
    /// HTTP Basic.
    Basic,
}

impl Auth {
    /// The scheme names a spec can give (`scheme:`).
    pub const SCHEMES: [&'static str; 2] = ["bearer", "basic"];
}

/// What a successful update returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body's type (an object type's Rust name), or `None` for no content.
    pub body: Option<String>,
    /// Documentation.
    pub docs: Option<String>,
}

/// A named type: where it lives and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// Documentation.
    pub docs: Option<String>,
    /// Object or enum.
    pub kind: TypeKind,
    /// Whether the spec named it (`types:`) or it was derived from an inline definition.
    pub inline: bool,
    /// Where it is declared.
    pub loc: Loc,
}

/// The two kinds of named types.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A struct.
    Object(Object),
    /// An enum of string values.
    Enum(EnumDef),
}

/// An object's fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    /// Fields in spec order, not-updatable ones included.
    pub fields: Vec<Field>,
    /// Conditions across its fields (`groups:`), in spec order.
    pub groups: Vec<Group>,
    /// Whether the provider accepts members beyond its fields (`open: true`): they are
    /// kept, unchecked, in the generated struct's `additional` map, never refused.
    pub open: bool,
}

impl Object {
    /// The Rust name of the map an open object keeps its unknown members in.
    pub const ADDITIONAL: &'static str = "additional";
}

/// A condition across fields of one object (an entry of `groups:`), in the vocabulary
/// of Terraform's schema validators.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// What must hold.
    pub kind: GroupKind,
    /// The fields it is about: each a dotted wire path from the object (`email`, or
    /// `individual.email` below a field of the object).
    pub members: Vec<Member>,
    /// The provider's code for a violation.
    pub error: Option<u32>,
    /// Where it is declared.
    pub loc: Loc,
}

/// A field a group names: a dotted wire path from the group's object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The wire names, outermost first.
    pub path: Vec<String>,
    /// Where it is written.
    pub loc: Loc,
}

impl Member {
    /// The dotted path (`individual.email`).
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// The kinds of [`Group`].
#[derive(Debug, Clone, PartialEq)]
pub enum GroupKind {
    /// `required_together`: all of the members, or none.
    RequiredTogether,
    /// `conflicts`: at most one of the members.
    Conflicts,
    /// `exactly_one_of`: one member, no more, no fewer.
    ExactlyOneOf,
    /// `at_least_one_of`: one member or more.
    AtLeastOneOf,
    /// `required` with `with:`: every member, whenever one of these is present.
    RequiredWith(Vec<Member>),
    /// `check:` a named check of the runtime across the members (`fields:`), with its
    /// arguments (`mutaspec_runtime::checks::group_check_names`).
    Check {
        /// The check's name (`sum`, `ascending`).
        name: String,
        /// Its arguments by name, as text (`equals: 100`), in spec order.
        args: Vec<(String, String)>,
    },
    /// `required` with `if:`: every member, whenever this field (a string or an enum)
    /// has one of these values.
    RequiredIf {
        /// The field compared.
        field: Member,
        /// Its values, any of which makes the members required.
        values: Vec<String>,
    },
}

impl GroupKind {
    /// The spec key (`required_together`, ... `required`).
    pub fn key(&self) -> &'static str {
        match self {
            GroupKind::RequiredTogether => "required_together",
            GroupKind::Conflicts => "conflicts",
            GroupKind::ExactlyOneOf => "exactly_one_of",
            GroupKind::AtLeastOneOf => "at_least_one_of",
            GroupKind::RequiredWith(_) | GroupKind::RequiredIf { .. } => "required",
            GroupKind::Check { .. } => "check",
        }
    }

    /// The group as a sentence about its members (written with `code`), for messages,
    /// the generated docs and the diff.
    pub fn describe(&self, members: &[Member], code: &dyn Fn(&str) -> String) -> String {
        let names: Vec<String> = members.iter().map(|m| code(&m.dotted())).collect();
        let list = names.join(", ");
        match self {
            GroupKind::RequiredTogether => format!("{list} are sent together or not at all"),
            GroupKind::Conflicts => format!("at most one of {list} may be sent"),
            GroupKind::ExactlyOneOf => format!("exactly one of {list} must be sent"),
            GroupKind::AtLeastOneOf => format!("at least one of {list} must be sent"),
            GroupKind::RequiredWith(with) => {
                let w: Vec<String> = with.iter().map(|m| code(&m.dotted())).collect();
                format!("{list} required when {} is sent", w.join(" or "))
            }
            GroupKind::RequiredIf { field, values } => {
                let v: Vec<String> = values.iter().map(|x| code(x)).collect();
                format!("{list} required when {} is {}", code(&field.dotted()), v.join(" or "))
            }
            GroupKind::Check { name, args } => {
                let arg = |k: &str| args.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
                match name.as_str() {
                    "sum" => format!("{list} must sum to {}", arg("equals").unwrap_or("?")),
                    "ascending" if arg("strict") == Some("false") => format!("{list} must not decrease, in this order"),
                    "ascending" => format!("{list} must increase, in this order"),
                    other => format!("{list} must pass the {} check", code(other)),
                }
            }
        }
    }
}

impl Object {
    /// A field by wire name.
    pub fn field(&self, wire: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.wire == wire)
    }
}

/// An enum type.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// The values: wire string and Rust variant name.
    pub values: Vec<EnumValue>,
    /// Whether the provider may add values (unknown ones are kept, not refused).
    pub open: bool,
    /// The provider's code for a value outside the enum.
    pub error: Option<u32>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// As on the wire.
    pub wire: String,
    /// The Rust variant.
    pub rust: String,
    /// The human label the docs give the value, if any (`labels:`).
    pub label: Option<String>,
}

/// One field of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The wire name.
    pub wire: String,
    /// The Rust name (a raw identifier like `r#type` where needed).
    pub rust: String,
    /// Other wire names the provider accepts for the field (documented spelling drift:
    /// `foreignID` beside `foreignId`): read like the wire name, never sent.
    pub aliases: Vec<String>,
    /// The type; `None` only for a not-updatable field whose type the docs do not give.
    pub ty: Option<Ty>,
    /// The update rule.
    pub rule: UpdateRule,
    /// Settings that can lock the field.
    pub locks: Vec<Lock>,
    /// Whether an object, map or array value merges into or replaces the current one.
    pub merge: Merge,
    /// Never printed.
    pub sensitive: bool,
    /// Side effects sending the field may trigger (effect names).
    pub effects: Vec<String>,
    /// Set by the provider only.
    pub output_only: bool,
    /// Constraints in a fixed order.
    pub constraints: Vec<Constraint>,
    /// Documentation.
    pub docs: Option<String>,
    /// Where it is declared.
    pub loc: Loc,
    /// Its key path in the spec file (`body`, `individual`, ...).
    pub yaml: Vec<KeySeg>,
}

impl Field {
    /// Whether a caller can send the field: its update rule allows it and the provider
    /// does not set it alone. The one place this is decided: the request types, the
    /// plan, the evaluator, the macro's checks and the diff all ask here.
    pub fn sendable(&self) -> bool {
        self.rule != UpdateRule::NotUpdatable && !self.output_only
    }
}

/// A field's type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `u64`: a non-negative integer beyond `i64` (amounts in minor units, counters).
    Unsigned,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A decimal carried as a string.
    Decimal,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339.
    DateTime,
    /// A named object or enum type, by Rust name.
    Named(String),
    /// An array.
    List(Box<Ty>),
    /// A string-keyed map.
    Map(Box<Ty>),
}

impl Ty {
    /// The type as a spec writes it (`Address[]`, `map<string>`).
    pub fn spec_text(&self) -> String {
        match self {
            Ty::String => "string".into(),
            Ty::Integer => "integer".into(),
            Ty::Unsigned => "unsigned".into(),
            Ty::Number => "number".into(),
            Ty::Boolean => "boolean".into(),
            Ty::Decimal => "decimal".into(),
            Ty::Date => "date".into(),
            Ty::DateTime => "datetime".into(),
            Ty::Named(n) => n.clone(),
            Ty::List(t) => format!("{}[]", t.spec_text()),
            Ty::Map(t) => format!("map<{}>", t.spec_text()),
        }
    }

    /// The element type of an array or map; the type itself otherwise.
    pub fn element(&self) -> &Ty {
        match self {
            Ty::List(t) | Ty::Map(t) => t,
            t => t,
        }
    }
}

/// The update rule of a field: exactly one per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateRule {
    /// May be sent any time.
    Mutable,
    /// May be set while unset; once set, never changed.
    SetOnce,
    /// Sent to identify the object (a discriminator); never changes.
    Identifying,
    /// Cannot be sent: the request type has no such field.
    NotUpdatable,
    /// Accepted and silently ignored by the provider: never refused, never checked, and
    /// sending it has no effect (the caller is told so: `ignored_fields`).
    Ignored,
    /// Only when the discriminator sibling has this value.
    Conditional {
        /// The discriminator's wire name (a sibling field).
        discriminator: String,
        /// The value it must have.
        value: String,
    },
}

impl UpdateRule {
    /// The rules a spec names with `rule:` (a conditional rule is written with `when:`),
    /// by spec name: what the loader accepts and the JSON Schema lists.
    pub const NAMED: [(&'static str, UpdateRule); 5] = [
        ("mutable", UpdateRule::Mutable),
        ("set_once", UpdateRule::SetOnce),
        ("identifying", UpdateRule::Identifying),
        ("not_updatable", UpdateRule::NotUpdatable),
        ("ignored", UpdateRule::Ignored),
    ];

    /// A stable snake_case id.
    pub fn id(&self) -> &'static str {
        match self {
            UpdateRule::Mutable => "mutable",
            UpdateRule::SetOnce => "set_once",
            UpdateRule::Identifying => "identifying",
            UpdateRule::NotUpdatable => "not_updatable",
            UpdateRule::Ignored => "ignored",
            UpdateRule::Conditional { .. } => "conditional",
        }
    }

    /// The rule in a few words, for the diff's change lines (`set-once`, `conditional on
    /// `type` = `INDIVIDUAL``); `code` writes a spec name as code for the output's format.
    pub fn label(&self, code: &dyn Fn(&str) -> String) -> String {
        match self {
            UpdateRule::Mutable => "mutable".into(),
            UpdateRule::SetOnce => "set-once".into(),
            UpdateRule::Identifying => "identifying".into(),
            UpdateRule::NotUpdatable => "not updatable".into(),
            UpdateRule::Ignored => "ignored".into(),
            UpdateRule::Conditional { discriminator, value } => format!("conditional on {} = {}", code(discriminator), code(value)),
        }
    }

    /// The rule as a sentence, for the generated docs and the macro's messages.
    pub fn describe(&self, code: &dyn Fn(&str) -> String) -> String {
        match self {
            UpdateRule::Mutable => "mutable: may be updated any time".into(),
            UpdateRule::SetOnce => "set-once: may be set while unset; once set it cannot change".into(),
            UpdateRule::Identifying => "identifying: sent to identify the object; it cannot change".into(),
            UpdateRule::NotUpdatable => "not updatable".into(),
            UpdateRule::Ignored => "ignored: accepted, and silently ignored by the provider; sending it has no effect".into(),
            UpdateRule::Conditional { discriminator, value } => {
                format!("conditional: may be sent only when {} is {}", code(discriminator), code(value))
            }
        }
    }

    /// What the rule means for a caller, for the diff's explanation of a rule change.
    pub fn consequence(&self, code: &dyn Fn(&str) -> String) -> String {
        match self {
            UpdateRule::Mutable => "it may be updated at any time".into(),
            UpdateRule::SetOnce => "it may be set while unset, and never changed once set".into(),
            UpdateRule::Identifying => "it only identifies the object and can never change".into(),
            UpdateRule::NotUpdatable => "requests can no longer send it".into(),
            UpdateRule::Ignored => "the provider accepts it and ignores it: sending it has no effect".into(),
            UpdateRule::Conditional { discriminator, value } => {
                format!("it may be sent only when {} is {}", code(discriminator), code(value))
            }
        }
    }
}

/// Whether a value merges into the current one or replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Field by field; absent means unchanged.
    Merge,
    /// The whole value is replaced.
    Replace,
}

impl Merge {
    /// Every mode by spec name (`merge:`).
    pub const ALL: [(Merge, &'static str); 2] = [(Merge::Merge, "merge"), (Merge::Replace, "replace")];
}

/// A setting lock on a field.
#[derive(Debug, Clone, PartialEq)]
pub struct Lock {
    /// The setting's name.
    pub setting: String,
    /// Only for items (or objects) whose fields have these values.
    pub when: Vec<(String, String)>,
    /// Where it is declared.
    pub loc: Loc,
    /// Its key path in the spec file.
    pub yaml: Vec<KeySeg>,
}

/// Why a setting locks fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockKind {
    /// The program's settings.
    Program,
    /// The provider's identity verification (KYC/IDV).
    IdentityVerification,
}

impl LockKind {
    /// Every kind by spec name (`kind:` of a setting's lock).
    pub const ALL: [(LockKind, &'static str); 2] = [
        (LockKind::Program, "program"),
        (LockKind::IdentityVerification, "identity_verification"),
    ];
}

/// A boolean program setting.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The name in the spec (`nameUpdates`).
    pub name: String,
    /// The Rust field name of the settings struct.
    pub rust: String,
    /// Documentation.
    pub docs: Option<String>,
    /// The value when the caller says nothing.
    pub default: bool,
    /// Whether and how the setting locks fields.
    pub locks: Option<SettingLock>,
    /// Where it is declared.
    pub loc: Loc,
}

/// How a setting locks fields.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingLock {
    /// The setting value that locks.
    pub when: bool,
    /// The provider's code for an update of a locked field.
    pub error: Option<u32>,
    /// Program settings or identity verification.
    pub kind: LockKind,
}

/// A side effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    /// The name in the spec.
    pub name: String,
    /// The Rust variant name.
    pub rust: String,
    /// Documentation.
    pub docs: String,
    /// Where it is declared.
    pub loc: Loc,
}

/// A constraint on a field's value.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// What is constrained.
    pub kind: ConstraintKind,
    /// Which part of the value: the value itself, each element, or each map key.
    pub on: Constrained,
    /// The provider's code for a violation.
    pub error: Option<u32>,
    /// Applies only when this boolean setting is on.
    pub setting: Option<String>,
    /// Applies only when sibling fields (items' fields, for arrays) have these values.
    pub when: Vec<(String, String)>,
    /// Where it is declared.
    pub loc: Loc,
    /// Its key path in the spec file.
    pub yaml: Vec<KeySeg>,
}

/// The part of a field's value a constraint is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Constrained {
    /// The value itself: a scalar, or an array's or map's count of items or entries
    /// (`min_length`, `max_length`, `min_items`, `max_items`, `unique_by`, `required`).
    Whole,
    /// Each item of an array, each value of a map (`items:`; on an array of scalars,
    /// a value constraint written on the field itself).
    Items,
    /// Each key of a map (`keys:`).
    Keys,
}

impl Constrained {
    /// How the docs and the diff name the part of a field of type `ty` (`each item`,
    /// `each value`, `each key`); `None` for the value itself.
    pub fn label(self, ty: Option<&Ty>) -> Option<&'static str> {
        match (self, ty) {
            (Constrained::Whole, _) => None,
            (Constrained::Items, Some(Ty::Map(_))) => Some("each value"),
            (Constrained::Items, _) => Some("each item"),
            (Constrained::Keys, _) => Some("each key"),
        }
    }

    /// The part's suffix to a field's wire path in the diff (`tags[]`, `metadata{}`,
    /// `metadata{key}`); empty for the value itself.
    pub fn path_suffix(self, ty: Option<&Ty>) -> &'static str {
        match (self, ty) {
            (Constrained::Whole, _) => "",
            (Constrained::Items, Some(Ty::Map(_))) => "{}",
            (Constrained::Items, _) => "[]",
            (Constrained::Keys, _) => "{key}",
        }
    }
}

/// The constraints a spec can state.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintKind {
    /// A string format.
    Format(Format),
    /// Minimum length (characters, items or entries).
    MinLength(u64),
    /// Maximum length.
    MaxLength(u64),
    /// Inclusive lower bound, as written.
    Min(String),
    /// Inclusive upper bound, as written.
    Max(String),
    /// Exclusive lower bound of a date or datetime.
    After(String),
    /// Exclusive upper bound of a date or datetime.
    Before(String),
    /// The whole value matches.
    Pattern(String),
    /// Must be present whenever the parent object is.
    Required,
    /// At most one array item per value of this item field.
    UniqueBy(String),
    /// A named check of the runtime (`no_po_box`).
    Check(String),
}

impl ConstraintKind {
    /// A stable snake_case id, the spec key.
    pub fn id(&self) -> &'static str {
        match self {
            ConstraintKind::Format(_) => "format",
            ConstraintKind::MinLength(_) => "min_length",
            ConstraintKind::MaxLength(_) => "max_length",
            ConstraintKind::Min(_) => "min",
            ConstraintKind::Max(_) => "max",
            ConstraintKind::After(_) => "after",
            ConstraintKind::Before(_) => "before",
            ConstraintKind::Pattern(_) => "pattern",
            ConstraintKind::Required => "required",
            ConstraintKind::UniqueBy(_) => "unique_by",
            ConstraintKind::Check(_) => "check",
        }
    }

    /// The constraint as a short phrase for docs (`at most 76 characters`).
    pub fn describe(&self) -> String {
        match self {
            ConstraintKind::Format(f) => format!("format `{}`", f.id()),
            ConstraintKind::MinLength(n) => format!("length at least {n}"),
            ConstraintKind::MaxLength(n) => format!("length at most {n}"),
            ConstraintKind::Min(v) => format!("at least {v}"),
            ConstraintKind::Max(v) => format!("at most {v}"),
            ConstraintKind::After(v) => format!("after {v}"),
            ConstraintKind::Before(v) => format!("before {v}"),
            ConstraintKind::Pattern(p) => format!("matches `{p}`"),
            ConstraintKind::Required => "required whenever its parent is sent".into(),
            ConstraintKind::UniqueBy(k) => format!("at most one item per `{k}`"),
            ConstraintKind::Check(c) => format!("check `{c}`"),
        }
    }
}

/// String formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An email address.
    Email,
    /// ISO 3166-1 alpha-2.
    CountryAlpha2,
    /// ISO 3166-1 alpha-3.
    CountryAlpha3,
    /// A UUID, hyphenated (RFC 9562).
    Uuid,
    /// A URI (RFC 3986), any scheme.
    Uri,
    /// A web address: an `http`/`https` URI with a host.
    Url,
    /// An IPv4 address, dotted decimal.
    Ipv4,
    /// An IPv6 address (RFC 4291).
    Ipv6,
    /// A telephone number in E.164 form (`+` and up to 15 digits).
    E164,
    /// An active ISO 4217 alphabetic currency code.
    Currency,
}

impl Format {
    /// All formats with their spec names.
    pub const ALL: [(Format, &'static str); 10] = [
        (Format::Email, "email"),
        (Format::CountryAlpha2, "country_alpha2"),
        (Format::CountryAlpha3, "country_alpha3"),
        (Format::Uuid, "uuid"),
        (Format::Uri, "uri"),
        (Format::Url, "url"),
        (Format::Ipv4, "ipv4"),
        (Format::Ipv6, "ipv6"),
        (Format::E164, "e164"),
        (Format::Currency, "currency"),
    ];

    /// The spec name.
    pub fn id(self) -> &'static str {
        Format::ALL.iter().find(|(f, _)| *f == self).map_or("", |(_, n)| n)
    }
}

/// An error catalogue: the provider's documented error codes.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCatalog {
    /// The Rust enum's name.
    pub name: String,
    /// Documentation.
    pub docs: Option<String>,
    /// A documented range of common codes.
    pub common: Option<CommonRange>,
    /// The codes in spec order.
    pub codes: Vec<ErrorCode>,
    /// Where it is declared.
    pub loc: Loc,
}

/// A range of codes documented elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct CommonRange {
    /// Lowest code.
    pub from: u32,
    /// Highest code.
    pub to: u32,
    /// The message, verbatim.
    pub message: String,
    /// Notes, verbatim.
    pub notes: Option<String>,
}

/// One documented code.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// The numeric code.
    pub code: u32,
    /// The Rust variant.
    pub name: String,
    /// The message template, verbatim.
    pub message: String,
    /// Template placeholders and their Rust names, in message order.
    pub params: Vec<(String, String)>,
    /// Whether a client can check it.
    pub server_only: bool,
    /// Notes, verbatim.
    pub notes: Option<String>,
    /// Where it is declared.
    pub loc: Loc,
}
