//! The resolved model: what a spec means, with every name, reference and default settled.
//!
//! Emitters, the validator, docs and the diff read only these types. Every item keeps the
//! [`Loc`] of the spec text it came from, so any later stage can point back at the spec.
//! Collections are ordered deterministically (APIs and endpoints by name; fields, types
//! and codes in spec order), so output built from this model is reproducible.

use std::collections::BTreeMap;

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
    /// Default body format of the endpoints (`content_type:`).
    pub content_type: Option<ContentType>,
    /// Request headers every endpoint documents (`headers:` of the shared file).
    pub headers: Vec<Header>,
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
    /// The documented API versions, oldest first (`versions:`); empty: unversioned.
    pub versions: Vec<ApiVersion>,
    /// The request header that carries the chosen version (`version_header:`).
    pub version_header: Option<String>,
}

/// One documented API version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiVersion {
    /// As documented and sent (`2024-06-20`).
    pub name: String,
    /// The Rust variant of the generated `ApiVersion` enum (`V2024_06_20`).
    pub rust: String,
}

impl Api {
    /// The generated enum of the API's versions.
    pub const VERSION_TYPE: &'static str = "ApiVersion";

    /// The position of version `name` in [`Api::versions`].
    pub fn version_index(&self, name: &str) -> Option<usize> {
        self.versions.iter().position(|v| v.name == name)
    }
}

/// The versions a field or an enum value is available in: from `since` (included) until
/// `until` (excluded: the version that removed it), by version name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Availability {
    /// The first version that has it.
    pub since: Option<String>,
    /// The first version that no longer has it.
    pub until: Option<String>,
}

impl Availability {
    /// Whether it is in every version.
    pub fn always(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// As a phrase: `from API version A`, `before API version B`, or both.
    pub fn describe(&self) -> String {
        match (&self.since, &self.until) {
            (Some(a), Some(b)) => format!("from API version {a}, before {b}"),
            (Some(a), None) => format!("from API version {a}"),
            (None, Some(b)) => format!("before API version {b}"),
            (None, None) => "in every API version".to_owned(),
        }
    }
}

impl Api {
    /// The member of the program settings that chooses the API version of a versioned
    /// API (`ProgramSettings::api_version`, `"api_version"` in `--settings`).
    pub const VERSION_MEMBER: &'static str = "api_version";

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
    /// What the current-resource snapshot of object `o` holds of its field `f`, if
    /// anything: the whole value of a field a rule compares (`set_once`, `identifying`,
    /// transitions, a named pattern), of a sibling's discriminator or of a field a
    /// sibling's `while:` names (sendable or not), or the snapshot of an object (an
    /// array's with `key:`, a map's that is not sensitive: per item or entry) whose own
    /// rules read the resource. `memo` caches [`Api::reads_current`].
    pub fn snapshot_of(&self, ep: Option<&Endpoint>, o: &Object, f: &Field, memo: &mut BTreeMap<String, bool>) -> Option<Snapshot> {
        self.snapshot_at(ep, o, f, memo, 0)
    }

    /// Whether the checks of object type `name` (of `ep`'s module or shared), or of the
    /// objects inside it, read the current resource (a type being looked at counts as
    /// not reading it: recursion adds nothing).
    pub fn reads_current(&self, ep: Option<&Endpoint>, name: &str, memo: &mut BTreeMap<String, bool>) -> bool {
        self.reads_current_at(ep, name, memo, 0)
    }

    /// Types nested deeper than this are refused (`too-deep-type`, 32 levels): the walk
    /// of [`Api::reads_current`] stops there rather than recurse through a chain of
    /// thousands of types.
    const MAX_SNAPSHOT_DEPTH: usize = 64;

    fn snapshot_at(
        &self,
        ep: Option<&Endpoint>,
        o: &Object,
        f: &Field,
        memo: &mut BTreeMap<String, bool>,
        depth: usize,
    ) -> Option<Snapshot> {
        // A field a sibling's state condition (`while:`) reads, sendable or not (a
        // resource-only fact is declared `not_updatable`): held whole.
        let read_by_state = o
            .fields
            .iter()
            .filter(|g| g.sendable())
            .any(|g| g.state_conditions().any(|c| c.field == f.wire));
        if read_by_state && f.ty.is_some() {
            return Some(Snapshot::Whole);
        }
        if !f.sendable() {
            return None;
        }
        let discriminates = o
            .fields
            .iter()
            .any(|g| g.sendable() && matches!(&g.rule, UpdateRule::Conditional { discriminator, .. } if *discriminator == f.wire));
        if f.compared_with_current() || f.compared_by_state() || discriminates {
            return Some(Snapshot::Whole);
        }
        let object = match &f.ty {
            Some(Ty::Named(n)) => n,
            Some(Ty::List(item)) if f.key.is_some() => match &**item {
                Ty::Named(n) => n,
                _ => return None,
            },
            // A map's values are matched by key: each sent entry with the current entry
            // of the same key (a sensitive map's keys are data: not matched).
            Some(Ty::Map(item)) if !f.sensitive => match &**item {
                Ty::Named(n) => n,
                _ => return None,
            },
            _ => return None,
        };
        self.reads_current_at(ep, object, memo, depth + 1)
            .then(|| Snapshot::Nested(object.clone()))
    }

    fn reads_current_at(&self, ep: Option<&Endpoint>, name: &str, memo: &mut BTreeMap<String, bool>, depth: usize) -> bool {
        if let Some(known) = memo.get(name) {
            return *known;
        }
        if depth > Self::MAX_SNAPSHOT_DEPTH {
            return false;
        }
        memo.insert(name.to_owned(), false);
        let Some(TypeDef {
            kind: TypeKind::Object(o), ..
        }) = self.find_type(ep, name)
        else {
            return false;
        };
        let reads = o.fields.iter().any(|f| {
            (f.sendable() && matches!(f.rule, UpdateRule::Conditional { .. })) || self.snapshot_at(ep, o, f, memo, depth).is_some()
        });
        memo.insert(name.to_owned(), reads);
        reads
    }
}

/// What a current-resource snapshot holds of a field ([`Api::snapshot_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    /// Its whole value, of the field's type.
    Whole,
    /// The snapshot of its object type (by Rust name): only the sub-fields rules read;
    /// for a keyed array, a list of them, one per current item; for a map, a map of
    /// them, one per current key.
    Nested(String),
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
    /// How the body is written (`content_type:`; the API's, else JSON).
    pub content_type: ContentType,
    /// The documented request headers: the API's, then the endpoint's (which replace
    /// one of the same name).
    pub headers: Vec<Header>,
    /// The response.
    pub response: Response,
    /// The request body: the root object's Rust name is `<TypePrefix>Request`.
    pub body: Object,
    /// Fields of the resource the body does not carry (`current:`): read from the
    /// current-resource snapshot only, never part of a request. A conditional field's
    /// `when:` may name one of them (a discriminator only the resource has).
    pub current: Vec<Field>,
    /// Types local to this endpoint, including inline types of its body.
    pub types: Vec<TypeDef>,
    /// The spec file.
    pub file: std::sync::Arc<std::path::Path>,
    /// Where the endpoint is declared.
    pub loc: Loc,
}

impl Endpoint {
    /// The resource field a state condition (`while:`) names: the one place such a name
    /// is resolved (the top-level fields of the body, sendable or not, then the
    /// endpoint's `current:` fields).
    pub fn state_field(&self, wire: &str) -> Option<&Field> {
        self.body.field(wire).or_else(|| self.current.iter().find(|f| f.wire == wire))
    }

    /// The request struct's Rust name.
    pub fn request_name(&self) -> String {
        format!("{}Request", self.type_prefix)
    }

    /// The current-resource snapshot's Rust name.
    pub fn current_name(&self) -> String {
        format!("{}Current", self.type_prefix)
    }

    /// A field of the current resource by wire name, as every stage reads it: one
    /// declared under `current:`, else a top-level field of the body (the snapshot
    /// holds both kinds). The one lookup of a resource field by name.
    pub fn current_field(&self, wire: &str) -> Option<&Field> {
        self.current.iter().find(|f| f.wire == wire).or_else(|| self.body.field(wire))
    }

    /// The path parameters struct's Rust name.
    pub fn params_name(&self) -> String {
        format!("{}Params", self.type_prefix)
    }

    /// Every Rust name mutaspec generates for this endpoint in its API module: the
    /// endpoint's marker type (named by the prefix itself), the request, the snapshot and
    /// the parameters. A spec type may not take any of them.
    pub fn generated_names(&self) -> [String; 6] {
        [
            self.type_prefix.clone(),
            self.request_name(),
            self.current_name(),
            self.params_name(),
            self.headers_name(),
            self.auth_name(),
        ]
    }

    /// The documented request headers struct's Rust name (generated when the endpoint
    /// has headers; always reserved).
    pub fn headers_name(&self) -> String {
        format!("{}Headers", self.type_prefix)
    }

    /// The auth choice enum's Rust name (generated when the endpoint documents several
    /// schemes; always reserved).
    pub fn auth_name(&self) -> String {
        format!("{}Auth", self.type_prefix)
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
    /// An API key in `header` (lower-case), after `prefix` and a space when given:
    /// `Authorization: <key>`, `Authorization: SSWS <key>`, `x-api-key: <key>`.
    ApiKey {
        /// The header (lower-case).
        header: String,
        /// The word before the key (`Token`), as documented.
        prefix: Option<String>,
    },
    /// OAuth2 client credentials (RFC 6749 §4.4); the token is sent as a bearer.
    OAuth2 {
        /// The token endpoint.
        token_url: String,
        /// The scopes to request.
        scopes: Vec<String>,
        /// How the client id and secret reach the token endpoint.
        client_auth: ClientAuth,
    },
    /// Several documented schemes; the caller picks one. Each with its name (the
    /// choice's variant: `bearer`, `api_key`, or the spec's `name:`), in spec order.
    OneOf(Vec<(String, Auth)>),
}

impl Auth {
    /// The scheme names a spec can give (`scheme:`).
    pub const SCHEMES: [&'static str; 4] = ["bearer", "basic", "api_key", "oauth2"];

    /// The schemes a caller may pick from: itself, or each of `OneOf`.
    pub fn choices(&self) -> Vec<(&str, &Auth)> {
        match self {
            Auth::OneOf(all) => all.iter().map(|(n, a)| (n.as_str(), a)).collect(),
            one => vec![(one.scheme_name(), one)],
        }
    }

    /// The `scheme:` name of a single scheme (`one_of` for a choice).
    pub fn scheme_name(&self) -> &'static str {
        match self {
            Auth::Bearer { .. } => "bearer",
            Auth::Basic => "basic",
            Auth::ApiKey { .. } => "api_key",
            Auth::OAuth2 { .. } => "oauth2",
            Auth::OneOf(_) => "one_of",
        }
    }

    /// The header names the auth sets itself (lower-case).
    pub fn headers(&self) -> Vec<String> {
        match self {
            Auth::Bearer { api_key_header } => {
                let mut h = vec!["authorization".to_owned()];
                h.extend(api_key_header.iter().cloned());
                h
            }
            Auth::Basic | Auth::OAuth2 { .. } => vec!["authorization".to_owned()],
            Auth::ApiKey { header, .. } => vec![header.clone()],
            Auth::OneOf(all) => all.iter().flat_map(|(_, a)| a.headers()).collect(),
        }
    }
}

/// How an OAuth2 client authenticates to the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// HTTP Basic with the client id and secret (`client_auth: basic`, the default).
    Basic,
    /// `client_id` and `client_secret` in the form body (`client_auth: body`).
    Body,
}

/// How a request body is written, and its exact `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentType {
    /// `application/json`.
    #[default]
    Json,
    /// `application/merge-patch+json`.
    MergePatch,
    /// `application/vnd.api+json`.
    JsonApi,
    /// `application/x-www-form-urlencoded`, bracketed nesting.
    Form,
}

impl ContentType {
    /// Every content type.
    pub const ALL: [ContentType; 4] = [ContentType::Json, ContentType::MergePatch, ContentType::JsonApi, ContentType::Form];

    /// The MIME type, as a spec writes it and the request sends it.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentType::Json => "application/json",
            ContentType::MergePatch => "application/merge-patch+json",
            ContentType::JsonApi => "application/vnd.api+json",
            ContentType::Form => "application/x-www-form-urlencoded",
        }
    }
}

/// A documented request header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The name as documented (`Idempotency-Key`).
    pub name: String,
    /// The field of the headers struct (`idempotency_key`).
    pub rust: String,
    /// A fixed value, or the type of the caller's.
    pub value: HeaderValue,
    /// Whether the caller must give it (never for a fixed value).
    pub required: bool,
    /// Documentation.
    pub docs: Option<String>,
    /// Where it is declared.
    pub loc: Loc,
}

/// What a documented header carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue {
    /// Always this text (`value:`).
    Fixed(String),
    /// The caller's value of this type (`type:`).
    Typed(HeaderType),
}

/// The type of a header value the caller gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderType {
    /// Any text HTTP allows.
    String,
    /// An integer.
    Integer,
    /// An idempotency key (`mutaspec_runtime::http_support::IdempotencyKey`).
    IdempotencyKey,
    /// An entity tag (`mutaspec_runtime::http_support::ETag`), for `If-Match`.
    ETag,
}

impl HeaderType {
    /// The names a spec gives (`type:`).
    pub const NAMES: [&'static str; 4] = ["string", "integer", "idempotency_key", "etag"];

    /// The spec name.
    pub fn as_str(self) -> &'static str {
        match self {
            HeaderType::String => "string",
            HeaderType::Integer => "integer",
            HeaderType::IdempotencyKey => "idempotency_key",
            HeaderType::ETag => "etag",
        }
    }
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
    /// Every documented success status, `status` first.
    pub statuses: Vec<u16>,
    /// The documented error statuses (400-599), in spec order; empty when the spec
    /// documents none (then any 4xx or 5xx is read as an error).
    pub errors: Vec<u16>,
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

/// The Rust name of the current-resource snapshot of object type `name` (`AttributesCurrent`):
/// generated beside the type when rules inside it read the current resource.
pub fn snapshot_name(name: &str) -> String {
    format!("{name}Current")
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
    /// The API versions that have the value (`available:`).
    pub available: Availability,
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
    /// Whether and how the field may be cleared (`clear:`); `None`: it cannot be, and a
    /// `null` for it is refused (rule `not_clearable`).
    pub clear: Option<Clear>,
    /// On a map: an entry sent as `null` deletes its key (`clear_entries: null`); the
    /// map's values are then `Option<T>`.
    pub clear_entries: bool,
    /// The type; `None` only for a not-updatable field whose type the docs do not give.
    pub ty: Option<Ty>,
    /// The update rule.
    pub rule: UpdateRule,
    /// Settings that can lock the field.
    pub locks: Vec<Lock>,
    /// Whether an object, map or array value merges into or replaces the current one.
    pub merge: Merge,
    /// For an array of objects, the item field that identifies an item (`key:`): a sent
    /// item is the current resource's item with the same key, so rules inside the items
    /// are checked against that item.
    pub key: Option<String>,
    /// Never printed.
    pub sensitive: bool,
    /// Side effects sending the field may trigger (effect names).
    pub effects: Vec<String>,
    /// The effects of [`Field::effects`] that apply only in some states of the current
    /// resource (`{ effect: NAME, while: {...} }`; top-level fields of `body:` only).
    pub effects_while: Vec<EffectWhile>,
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
    /// `while:`: the field may be sent only while the current resource has these values
    /// (on a top-level field of `body:` a top-level or `current:` field, deeper a field of
    /// the same object, in its snapshot).
    pub state: Vec<StateCondition>,
    /// `transitions:` and `provider_only:` of an enum field (at any depth, against the
    /// snapshot of its object).
    pub transitions: Option<Transitions>,
    /// The API versions that have the field (`since:`, `until:`).
    pub available: Availability,
}

/// A condition on the current resource's state: one of its fields has one of these
/// values. Several conditions must all hold. A condition holds only on a known state:
/// with no snapshot, or a snapshot without the field, it does not hold (nothing that
/// depends on it is checked, and nothing is refused because of it).
#[derive(Debug, Clone, PartialEq)]
pub struct StateCondition {
    /// The resource field's wire name (resolved by [`Endpoint::state_field`] on a
    /// top-level field of the body, deeper among the fields of the same object).
    pub field: String,
    /// The values, as text (`ACTIVE`, `true`).
    pub values: Vec<String>,
    /// Where the condition is written (its key under `while:`).
    pub loc: Loc,
    /// Its key path in the spec file (the `while:` entry).
    pub yaml: Vec<KeySeg>,
}

impl StateCondition {
    /// `` `status` is `ACTIVE` or `PAUSED` `` for docs, the diff and messages; `code`
    /// writes a spec name as code.
    pub fn describe(&self, code: &dyn Fn(&str) -> String) -> String {
        let values: Vec<String> = self.values.iter().map(|v| code(v)).collect();
        format!("{} is {}", code(&self.field), or_list(&values))
    }

    /// Several conditions as one phrase (joined by `and`).
    pub fn describe_all(all: &[StateCondition], code: &dyn Fn(&str) -> String) -> String {
        let parts: Vec<String> = all.iter().map(|c| c.describe(code)).collect();
        parts.join(" and ")
    }
}

/// `a`, `a or b`, `a, b or c`.
pub fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The transition rules of an enum field: which values may follow which, and which ones
/// only the provider sets or leaves. A value that is not a key of `moves` may change to
/// any value; a value whose list is empty is final; keeping a value is never a change.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    /// For a current value, the values a request may change it to, in spec order.
    pub moves: Vec<(String, Vec<String>)>,
    /// Values a request may neither set nor change from (the provider's alone).
    pub provider_only: Vec<String>,
    /// Where `transitions:` (or `provider_only:`) is written.
    pub loc: Loc,
}

impl Transitions {
    /// The values `from` may change to; `None`: any value.
    pub fn after(&self, from: &str) -> Option<&[String]> {
        self.moves.iter().find(|(f, _)| f == from).map(|(_, to)| to.as_slice())
    }
}

impl Field {
    /// Whether a caller can send the field: its update rule allows it and the provider
    /// does not set it alone. The one place this is decided: the request types, the
    /// plan, the evaluator, the macro's checks and the diff all ask here.
    pub fn sendable(&self) -> bool {
        self.rule != UpdateRule::NotUpdatable && !self.output_only
    }

    /// Whether the field's own rule compares it with the current resource's value
    /// (`set_once`, `identifying`): the snapshot then holds its whole value.
    pub fn compared_with_current(&self) -> bool {
        self.sendable() && matches!(self.rule, UpdateRule::SetOnce | UpdateRule::Identifying)
    }

    /// Whether the field's transition rules or named pattern (`increase_only`, ...)
    /// compare it with the current resource's value: the snapshot then holds its whole
    /// value.
    pub fn compared_by_state(&self) -> bool {
        self.sendable() && (self.rule.is_pattern() || self.transitions.is_some())
    }

    /// Every state condition of the field: its own `while:`, its constraints', its
    /// locks'.
    pub fn state_conditions(&self) -> impl Iterator<Item = &StateCondition> {
        let constraints = self.constraints.iter().flat_map(|c| c.state.iter());
        let locks = self.locks.iter().flat_map(|l| l.state.iter());
        self.state.iter().chain(constraints).chain(locks)
    }

    /// Whether the field's own checks read the current resource: a rule that compares
    /// it, a discriminator, transition rules, a named pattern or a state condition.
    pub fn reads_current_itself(&self) -> bool {
        self.compared_with_current()
            || self.compared_by_state()
            || (self.sendable() && (matches!(self.rule, UpdateRule::Conditional { .. }) || self.state_conditions().next().is_some()))
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
    /// A free-form JSON value (`json`): any JSON, objects and arrays nested at will
    /// (`serde_json::Value`), with optional `max_depth` and `max_bytes` limits.
    Json,
    /// An object of the named type or its string id (`Customer | string`): a legacy
    /// "expandable" parameter (`mutaspec_runtime::OrId<Customer>`).
    OrId(String),
    /// A discriminated union: the object type the sibling tag names (JSON:API's
    /// `data.type` deciding `data.attributes`); a generated enum of one variant each.
    Tagged(Box<Tagged>),
}

/// A discriminated union (`union: { tag: type, variants: {...} }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tagged {
    /// The Rust name of the generated enum (`{Owner}{Field}`, or the field's `name:`).
    pub name: String,
    /// The wire name of the sibling field whose value selects the variant.
    pub tag: String,
    /// The variants, in spec order.
    pub variants: Vec<TaggedVariant>,
    /// The provider's error code for a value sent without its tag, or with a tag naming
    /// no variant (`error:` beside `variants:`).
    pub error: Option<u32>,
}

/// One variant of a discriminated union.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaggedVariant {
    /// The tag's value selecting it (`individuals`).
    pub value: String,
    /// The Rust variant name (`Individuals`).
    pub rust: String,
    /// The object type its value is.
    pub ty: String,
}

impl Tagged {
    /// The Rust name of the variant holding a value sent with no tag, or with a tag
    /// naming no variant: kept as sent, not read further.
    pub const UNTAGGED: &'static str = "Untagged";

    /// The variant the tag value `value` selects.
    pub fn variant(&self, value: &str) -> Option<&TaggedVariant> {
        self.variants.iter().find(|v| v.value == value)
    }
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
            Ty::Json => "json".into(),
            Ty::OrId(n) => format!("{n} | string"),
            Ty::Tagged(t) => {
                let vs: Vec<String> = t.variants.iter().map(|v| format!("{}: {}", v.value, v.ty)).collect();
                format!("union by `{}` ({})", t.tag, vs.join(", "))
            }
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
    /// A number, decimal, date or datetime that may only grow or stay (Kubernetes'
    /// `self >= oldSelf`).
    IncreaseOnly,
    /// One that may only shrink or stay (`self <= oldSelf`).
    DecreaseOnly,
    /// An array whose current items must stay its first items: items may only be added
    /// at the end (`self.size() >= oldSelf.size() && self[0:oldSelf.size()] == oldSelf`).
    AppendOnly,
    /// A map whose existing keys keep their values; new keys may be added (immutable
    /// map keys: `oldSelf.all(k, k in self && self[k] == oldSelf[k])`).
    SetOnceKeys,
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
    pub const NAMED: [(&'static str, UpdateRule); 9] = [
        ("mutable", UpdateRule::Mutable),
        ("set_once", UpdateRule::SetOnce),
        ("identifying", UpdateRule::Identifying),
        ("not_updatable", UpdateRule::NotUpdatable),
        ("increase_only", UpdateRule::IncreaseOnly),
        ("decrease_only", UpdateRule::DecreaseOnly),
        ("append_only", UpdateRule::AppendOnly),
        ("set_once_keys", UpdateRule::SetOnceKeys),
        ("ignored", UpdateRule::Ignored),
    ];

    /// Whether the rule is one of the named transition patterns (`increase_only`,
    /// `decrease_only`, `append_only`, `set_once_keys`).
    pub fn is_pattern(&self) -> bool {
        matches!(
            self,
            UpdateRule::IncreaseOnly | UpdateRule::DecreaseOnly | UpdateRule::AppendOnly | UpdateRule::SetOnceKeys
        )
    }

    /// A stable snake_case id.
    pub fn id(&self) -> &'static str {
        match self {
            UpdateRule::Mutable => "mutable",
            UpdateRule::SetOnce => "set_once",
            UpdateRule::Identifying => "identifying",
            UpdateRule::NotUpdatable => "not_updatable",
            UpdateRule::IncreaseOnly => "increase_only",
            UpdateRule::DecreaseOnly => "decrease_only",
            UpdateRule::AppendOnly => "append_only",
            UpdateRule::SetOnceKeys => "set_once_keys",
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
            UpdateRule::IncreaseOnly => "increase-only".into(),
            UpdateRule::DecreaseOnly => "decrease-only".into(),
            UpdateRule::AppendOnly => "append-only".into(),
            UpdateRule::SetOnceKeys => "set-once keys".into(),
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
            UpdateRule::IncreaseOnly => "increase-only: may grow or stay, never decrease".into(),
            UpdateRule::DecreaseOnly => "decrease-only: may shrink or stay, never increase".into(),
            UpdateRule::AppendOnly => "append-only: items may be added at the end; the current items stay, in order".into(),
            UpdateRule::SetOnceKeys => "set-once keys: new keys may be added; an existing key keeps its value".into(),
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
            UpdateRule::IncreaseOnly => "it may no longer decrease".into(),
            UpdateRule::DecreaseOnly => "it may no longer increase".into(),
            UpdateRule::AppendOnly => "its current items can no longer be removed, changed or reordered".into(),
            UpdateRule::SetOnceKeys => "the value of an existing key can no longer change".into(),
            UpdateRule::Ignored => "the provider accepts it and ignores it: sending it has no effect".into(),
            UpdateRule::Conditional { discriminator, value } => {
                format!("it may be sent only when {} is {}", code(discriminator), code(value))
            }
        }
    }
}

/// How a clearable field is cleared on the wire (`clear:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clear {
    /// By `null` (JSON Merge Patch, RFC 7396: `null` removes the member).
    Null,
    /// By a sentinel string of the field's wire kind (`""` in form-encoded APIs, also
    /// for whole objects and arrays).
    Sentinel(String),
}

impl Clear {
    /// As a spec writes it (`null`, `""`).
    pub fn spec_text(&self) -> String {
        match self {
            Clear::Null => "null".to_owned(),
            Clear::Sentinel(s) => format!("{s:?}"),
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
    /// `while:`: the lock holds only while the current resource has these values.
    pub state: Vec<StateCondition>,
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

/// A side effect a field triggers only while the current resource's state holds.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectWhile {
    /// The effect's name (one of the field's [`Field::effects`]).
    pub effect: String,
    /// The conditions, all of which must hold (`while:`).
    pub state: Vec<StateCondition>,
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
    /// Applies only when these siblings are sent (`true`: present and not `null`) or
    /// not sent (`false`): `if: { field: { sent: true } }`.
    pub sent: Vec<(String, bool)>,
    /// `while:`: applies only while the current resource has these values.
    pub state: Vec<StateCondition>,
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
    /// A `json` value nests arrays and objects at most this deep (a scalar is 0 deep,
    /// `{}` and `[]` 1, `{"a": [1]}` 2).
    MaxDepth(u64),
    /// A `json` value takes at most this many bytes written as compact JSON.
    MaxBytes(u64),
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
            ConstraintKind::MaxDepth(_) => "max_depth",
            ConstraintKind::MaxBytes(_) => "max_bytes",
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
            ConstraintKind::MaxDepth(n) => format!("nested at most {n} deep"),
            ConstraintKind::MaxBytes(n) => format!("at most {n} bytes as compact JSON"),
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
    /// What identifies a code.
    pub key: ErrorKey,
    /// Where the code, message and offending field are in an error body.
    pub body: ErrorBodyShape,
    /// The code of a client-side violation whose rule names none.
    pub default: Option<u32>,
    /// The catch-all variant of undocumented codes (`Unknown`, or another name when a
    /// documented code takes it).
    pub unknown: String,
    /// The variant of the common range (`Common`, or another name when taken).
    pub common_variant: String,
}

/// What identifies a code of a catalogue (`key:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKey {
    /// A number in the body (`code: 60301`).
    Number,
    /// A string in the body (`code: card_declined`).
    Text,
    /// The HTTP status alone (`status: 404`).
    Status,
    /// The HTTP status and a string code together.
    StatusAndText,
}

impl ErrorKey {
    /// Every key kind with its spec name.
    pub const ALL: [(ErrorKey, &'static str); 4] = [
        (ErrorKey::Number, "number"),
        (ErrorKey::Text, "string"),
        (ErrorKey::Status, "status"),
        (ErrorKey::StatusAndText, "status_and_code"),
    ];

    /// The spec name.
    pub fn id(self) -> &'static str {
        ErrorKey::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }

    /// Whether a code is a number a client rule can name (`error: CODE`).
    pub fn numeric(self) -> bool {
        matches!(self, ErrorKey::Number | ErrorKey::Status)
    }
}

/// Where an error body carries its parts: a named shape (`default`, `problem`,
/// `json_api`, `stripe`) or none (only the pointers given), under a member, with the
/// JSON pointers the spec names in place of the shape's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBodyShape {
    /// The named shape, or `None` for a body described by its pointers alone.
    pub shape: Option<BodyPreset>,
    /// The JSON pointer of the member holding the error (empty: the body).
    pub under: String,
    /// Of the code.
    pub code: Option<String>,
    /// Of the message.
    pub message: Option<String>,
    /// Of the offending field's path.
    pub field: Option<String>,
    /// Of the status member.
    pub status: Option<String>,
}

/// A named error body shape of `body:` (`shape: NAME`), each a preset of the runtime's
/// `ErrorBodyShape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyPreset {
    /// `{"code": .., "message": .., "field": ..}`, or the same under `error`.
    Default,
    /// RFC 9457 problem details.
    Problem,
    /// JSON:API `errors[0]`.
    JsonApi,
    /// Stripe's `error` object.
    Stripe,
}

impl BodyPreset {
    /// Each preset with its spelling in a spec.
    pub const NAMED: [(&'static str, BodyPreset); 4] = [
        ("default", BodyPreset::Default),
        ("problem", BodyPreset::Problem),
        ("json_api", BodyPreset::JsonApi),
        ("stripe", BodyPreset::Stripe),
    ];

    /// The preset a spec spells `name`, if any.
    pub fn named(name: &str) -> Option<Self> {
        Self::NAMED.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    /// Its spelling in a spec.
    pub fn name(self) -> &'static str {
        Self::NAMED.iter().find(|(_, p)| *p == self).map_or("default", |(n, _)| n)
    }
}

impl ErrorBodyShape {
    /// The shape of a catalogue that declares none.
    pub fn default_shape() -> Self {
        ErrorBodyShape {
            shape: Some(BodyPreset::Default),
            under: String::new(),
            code: None,
            message: None,
            field: None,
            status: None,
        }
    }

    /// One line for docs and diffs.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = vec![self.shape.map_or("custom", BodyPreset::name).to_owned()];
        if !self.under.is_empty() {
            parts.push(format!("under {}", self.under));
        }
        for (k, v) in [
            ("code", &self.code),
            ("message", &self.message),
            ("field", &self.field),
            ("status", &self.status),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k} at {v}"));
            }
        }
        parts.join(", ")
    }
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
    /// The numeric code a client rule names: the code of a `number` catalogue, the
    /// status of a `status` one; 0 in catalogues keyed by strings (see `text`).
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
    /// The string code (`string` and `status_and_code` catalogues).
    pub text: Option<String>,
    /// The HTTP status it comes with, when documented.
    pub status: Option<u16>,
}

impl ErrorCode {
    /// The key as shown to a reader: `60301`, `card_declined`, `404`, `402 card_declined`.
    pub fn key_text(&self) -> String {
        match (&self.text, self.status) {
            (Some(t), Some(s)) => format!("{s} {t}"),
            (Some(t), None) => t.clone(),
            (None, _) => self.code.to_string(),
        }
    }
}
