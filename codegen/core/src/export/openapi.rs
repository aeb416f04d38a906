//! The spec as an OpenAPI 3.1 document ([`openapi()`]).
//!
//! Layout: one tag per API (its docs, and its settings, effects and versions as
//! extensions), one operation per endpoint under its path and method, schemas in
//! `components/schemas` named `<api>.<Type>` (shared types, and the error body under the
//! catalogue's name, which no shared type can take) and
//! `<api>.<endpoint>.<Type>` (an endpoint's own types and inline objects; an inline enum
//! is written in place), security schemes
//! named `<api>.<scheme>`. Paths, components and schemes are sorted; properties keep the
//! spec's field order.

use std::collections::BTreeMap;

use super::node::Node;
use crate::diag::{Diagnostic, Label, Severity};
use crate::model::*;

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct OpenApiOptions {
    /// Only this API's endpoints (`--api NAME`); `None`: every API.
    pub api: Option<String>,
}

/// An exported OpenAPI document.
#[derive(Debug, Clone)]
pub struct OpenApi {
    root: Node,
}

impl OpenApi {
    /// The document as pretty-printed JSON, with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.root).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The document as YAML.
    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(&self.root).unwrap_or_default()
    }
}

/// A component name (`^[a-zA-Z0-9._-]+$`) of spec names joined by `.`: a character
/// outside that set is written `-<hex>-` (`Straße` is `Stra-df-e`), which cannot be
/// mistaken for a name's own text: no Rust name holds a `-`.
fn key(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        for c in part.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                out.push(c);
            } else {
                out.push_str(&format!("-{:x}-", u32::from(c)));
            }
        }
    }
    out
}

/// The OpenAPI version written.
const OPENAPI_VERSION: &str = "3.1.0";

/// Why a spec cannot be exported.
#[derive(Debug, Clone)]
pub enum ExportError {
    /// `--api` names no API of the spec.
    UnknownApi {
        /// The name given.
        name: String,
        /// The spec's APIs.
        known: Vec<String>,
    },
    /// Spec facts OpenAPI cannot hold (two endpoints with one method and path).
    Diagnostics(Vec<Diagnostic>),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::UnknownApi { name, known } => {
                let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                write!(f, "API `{name}` is not in the spec; the spec has: {}", known.join(", "))
            }
            ExportError::Diagnostics(d) => write!(f, "{} error(s)", d.len()),
        }
    }
}

/// Exports `spec` (or one API of it) as an OpenAPI 3.1 document. Errors: an unknown
/// `api`, or two endpoints with the same method and path (one OpenAPI operation each).
pub fn openapi(spec: &Spec, options: &OpenApiOptions) -> Result<OpenApi, ExportError> {
    let apis: Vec<&Api> = match &options.api {
        None => spec.apis.iter().collect(),
        Some(name) => match spec.apis.iter().find(|a| &a.name == name) {
            Some(api) => vec![api],
            None => {
                return Err(ExportError::UnknownApi {
                    name: name.clone(),
                    known: spec.apis.iter().map(|a| a.name.clone()).collect(),
                })
            }
        },
    };
    let mut seen: BTreeMap<(String, Method), (&Api, &Endpoint)> = BTreeMap::new();
    let mut errors = Vec::new();
    for api in &apis {
        for ep in &api.endpoints {
            let key = (ep.path_template(), ep.method);
            if let Some((a, e)) = seen.get(&key) {
                errors.push(Diagnostic {
                    severity: Severity::Error,
                    id: "export-duplicate-operation",
                    message: format!(
                        "`{} {}` is the method and path of both `{}::{}` and `{}::{}`; an OpenAPI document has one operation for each",
                        ep.method.as_str(),
                        key.0,
                        a.name,
                        e.name,
                        api.name,
                        ep.name
                    ),
                    loc: ep.loc.clone(),
                    hint: Some("export one API at a time (`--api NAME`)".into()),
                    labels: vec![Label::new(e.loc.clone(), "the other endpoint")],
                });
            } else {
                seen.insert(key, (api, ep));
            }
        }
    }
    if !errors.is_empty() {
        return Err(ExportError::Diagnostics(errors));
    }
    Ok(OpenApi {
        root: Exporter::default().document(&apis),
    })
}

#[derive(Default)]
struct Exporter {
    schemas: BTreeMap<String, Node>,
    schemes: BTreeMap<String, Node>,
}

/// Where a type name is looked up: the API, and the endpoint for its own types.
#[derive(Clone, Copy)]
struct Scope<'a> {
    api: &'a Api,
    ep: Option<&'a Endpoint>,
}

impl Scope<'_> {
    /// The component name of type `name` as seen from this scope.
    fn component(&self, name: &str) -> String {
        match self.ep {
            Some(ep) if ep.types.iter().any(|t| t.name == name) => key(&[&self.api.name, &ep.name, name]),
            _ => key(&[&self.api.name, name]),
        }
    }

    fn reference(&self, name: &str) -> Node {
        Node::obj().with("$ref", Node::str(format!("#/components/schemas/{}", self.component(name))))
    }

    fn is_object(&self, name: &str) -> bool {
        matches!(
            self.api.find_type(self.ep, name),
            Some(TypeDef {
                kind: TypeKind::Object(_),
                ..
            })
        )
    }
}

impl Exporter {
    fn document(mut self, apis: &[&Api]) -> Node {
        let mut paths: BTreeMap<String, Vec<(Method, Node)>> = BTreeMap::new();
        let hosts: Vec<&Hosts> = apis.iter().flat_map(|a| a.endpoints.iter().map(|e| &e.hosts)).collect();
        let shared_hosts = hosts.first().filter(|first| hosts.iter().all(|h| h == *first)).copied();
        let mut tags = Vec::new();
        for api in apis {
            tags.push(self.tag(api));
            if let Some(errors) = &api.errors {
                let schema = error_schema(errors);
                self.schemas.insert(key(&[&api.name, &errors.name]), schema);
            }
            for t in api.types.iter().filter(|t| !t.inline) {
                let schema = self.type_schema(Scope { api, ep: None }, t);
                self.schemas.insert(key(&[&api.name, &t.name]), schema);
            }
            for ep in &api.endpoints {
                let scope = Scope { api, ep: Some(ep) };
                for t in ep.types.iter().filter(|t| !t.inline) {
                    let schema = self.type_schema(scope, t);
                    self.schemas.insert(key(&[&api.name, &ep.name, &t.name]), schema);
                }
                let op = self.operation(scope, ep, shared_hosts.is_none());
                paths.entry(ep.path_template()).or_default().push((ep.method, op));
            }
        }
        let mut info = Node::obj();
        match apis {
            [api] => {
                info.set("title", Node::str(api.title.clone().unwrap_or_else(|| api.name.clone())));
                info.set("version", Node::str(api.versions.last().map_or("unversioned", |v| v.name.as_str())));
                if let Some(docs) = &api.docs {
                    info.set("description", Node::str(docs));
                }
            }
            _ => {
                let names: Vec<&str> = apis.iter().map(|a| a.name.as_str()).collect();
                info.set("title", Node::str(names.join(", ")));
                info.set("version", Node::str("unversioned"));
            }
        }
        let mut doc = Node::obj().with("openapi", Node::str(OPENAPI_VERSION)).with("info", info);
        if let Some(h) = shared_hosts {
            doc.set("servers", servers(h));
        }
        doc.set("tags", Node::Arr(tags));
        let mut path_items = Node::obj();
        for (path, mut ops) in paths {
            ops.sort_by_key(|(m, _)| *m);
            let mut item = Node::obj();
            for (m, op) in ops {
                item.set(&m.as_str().to_ascii_lowercase(), op);
            }
            path_items.set(&path, item);
        }
        doc.set("paths", path_items);
        let mut components = Node::obj();
        if !self.schemas.is_empty() {
            components.set("schemas", Node::Obj(std::mem::take(&mut self.schemas).into_iter().collect()));
        }
        if !self.schemes.is_empty() {
            components.set(
                "securitySchemes",
                Node::Obj(std::mem::take(&mut self.schemes).into_iter().collect()),
            );
        }
        if !components.is_empty_obj() {
            doc.set("components", components);
        }
        doc
    }

    /// The API's tag: its title and docs, settings, side effects and versions.
    fn tag(&self, api: &Api) -> Node {
        let mut tag = Node::obj().with("name", Node::str(&api.name));
        let description = match (&api.title, &api.docs) {
            (Some(t), Some(d)) => Some(format!("{t}\n\n{d}")),
            (Some(t), None) => Some(t.clone()),
            (None, d) => d.clone(),
        };
        if let Some(d) = description {
            tag.set("description", Node::str(d));
        }
        if !api.versions.is_empty() {
            tag.set("x-mutaspec-versions", Node::strs(api.versions.iter().map(|v| &v.name)));
        }
        if let Some(h) = &api.version_header {
            tag.set("x-mutaspec-version-header", Node::str(h));
        }
        if !api.settings.is_empty() {
            let mut settings = Node::obj();
            for s in &api.settings {
                let mut one = Node::obj().with("default", Node::Bool(s.default));
                if let Some(d) = &s.docs {
                    one.set("description", Node::str(d));
                }
                if let Some(lock) = &s.locks {
                    let kind = LockKind::ALL.iter().find(|(k, _)| *k == lock.kind).map_or("", |(_, n)| n);
                    let mut l = Node::obj().with("when", Node::Bool(lock.when)).with("kind", Node::str(kind));
                    if let Some(e) = lock.error {
                        l.set("error", Node::uint(e.into()));
                    }
                    one.set("locks", l);
                }
                settings.set(&s.name, one);
            }
            tag.set("x-mutaspec-settings", settings);
        }
        if !api.effects.is_empty() {
            let mut effects = Node::obj();
            for e in &api.effects {
                effects.set(&e.name, Node::str(&e.docs));
            }
            tag.set("x-mutaspec-effects", effects);
        }
        tag
    }

    fn operation(&mut self, scope: Scope<'_>, ep: &Endpoint, own_servers: bool) -> Node {
        let api = scope.api;
        let mut op = Node::obj()
            .with("operationId", Node::str(format!("{}.{}", api.name, ep.name)))
            .with("tags", Node::strs([&api.name]));
        if let Some(t) = &ep.title {
            op.set("summary", Node::str(t));
        }
        if let Some(d) = &ep.docs {
            op.set("description", Node::str(d));
        }
        if own_servers {
            op.set("servers", servers(&ep.hosts));
        }
        op.set("security", self.security(&api.name, &ep.auth));
        let mut params = Vec::new();
        for p in &ep.params {
            let mut schema = match p.ty {
                ParamType::Integer => Node::obj().with("type", Node::str("integer")).with("format", Node::str("int64")),
                ParamType::String => Node::obj().with("type", Node::str("string")),
            };
            if let Some(pattern) = &p.pattern {
                schema.set("pattern", Node::str(anchored(pattern)));
            }
            let mut param = Node::obj()
                .with("name", Node::str(&p.name))
                .with("in", Node::str("path"))
                .with("required", Node::Bool(true));
            if let Some(d) = &p.docs {
                param.set("description", Node::str(d));
            }
            param.set("schema", schema);
            params.push(param);
        }
        for h in &ep.headers {
            // OpenAPI ignores header parameters of these names (3.1 §4.8.12.1).
            if ["accept", "content-type", "authorization"].contains(&h.name.to_ascii_lowercase().as_str()) {
                continue;
            }
            let schema = match &h.value {
                HeaderValue::Fixed(v) => Node::obj().with("type", Node::str("string")).with("const", Node::str(v)),
                HeaderValue::Typed(HeaderType::Integer) => {
                    Node::obj().with("type", Node::str("integer")).with("format", Node::str("int64"))
                }
                HeaderValue::Typed(HeaderType::String) => Node::obj().with("type", Node::str("string")),
                HeaderValue::Typed(t) => Node::obj()
                    .with("type", Node::str("string"))
                    .with("x-mutaspec-header-type", Node::str(t.as_str())),
            };
            let mut param = Node::obj()
                .with("name", Node::str(&h.name))
                .with("in", Node::str("header"))
                .with("required", Node::Bool(h.required));
            if let Some(d) = &h.docs {
                param.set("description", Node::str(d));
            }
            param.set("schema", schema);
            params.push(param);
        }
        if let Some(vh) = &api.version_header {
            if !ep.headers.iter().any(|h| h.name.eq_ignore_ascii_case(vh)) {
                params.push(
                    Node::obj()
                        .with("name", Node::str(vh))
                        .with("in", Node::str("header"))
                        .with("required", Node::Bool(false))
                        .with("description", Node::str("The API version of the request."))
                        .with(
                            "schema",
                            Node::obj()
                                .with("type", Node::str("string"))
                                .with("enum", Node::strs(api.versions.iter().map(|v| &v.name))),
                        ),
                );
            }
        }
        if !params.is_empty() {
            op.set("parameters", Node::Arr(params));
        }
        let body = self.object_schema(scope, &ep.body);
        let mut media = Node::obj().with("schema", body);
        if ep.content_type == ContentType::Form {
            let mut encoding = Node::obj();
            for f in &ep.body.fields {
                let nested = match &f.ty {
                    Some(Ty::List(_) | Ty::Map(_) | Ty::OrId(_)) => true,
                    Some(Ty::Named(n)) => scope.is_object(n),
                    _ => false,
                };
                if nested && f.sendable() {
                    encoding.set(
                        &f.wire,
                        Node::obj().with("style", Node::str("deepObject")).with("explode", Node::Bool(true)),
                    );
                }
            }
            if !encoding.is_empty_obj() {
                media.set("encoding", encoding);
            }
        }
        op.set(
            "requestBody",
            Node::obj()
                .with("required", Node::Bool(true))
                .with("content", Node::obj().with(ep.content_type.as_str(), media)),
        );
        op.set("responses", self.responses(scope, ep));
        if !ep.current.is_empty() {
            let current = Object {
                fields: ep.current.clone(),
                groups: Vec::new(),
                open: true,
            };
            op.set("x-mutaspec-current", self.object_schema(scope, &current));
        }
        if let Some(s) = &ep.source {
            op.set("x-mutaspec-source", Node::str(s));
        }
        op
    }

    fn responses(&mut self, scope: Scope<'_>, ep: &Endpoint) -> Node {
        let api = scope.api;
        let r = &ep.response;
        let mut out = Node::obj();
        let body_type = match ep.content_type {
            ContentType::JsonApi => "application/vnd.api+json",
            _ => "application/json",
        };
        for status in &r.statuses {
            let mut resp = Node::obj().with("description", Node::str(r.docs.clone().unwrap_or_else(|| success_text(*status))));
            if let (Some(ty), false) = (&r.body, [204, 205, 304].contains(status)) {
                resp.set(
                    "content",
                    Node::obj().with(body_type, Node::obj().with("schema", scope.reference(ty))),
                );
            }
            out.set(&status.to_string(), resp);
        }
        let error_body = api.errors.as_ref().map(|e| {
            let media = match e.body.shape {
                Some(BodyPreset::Problem) => "application/problem+json",
                Some(BodyPreset::JsonApi) => "application/vnd.api+json",
                Some(BodyPreset::Default | BodyPreset::Stripe) | None => "application/json",
            };
            Node::obj().with(
                media,
                Node::obj().with(
                    "schema",
                    Node::obj().with("$ref", Node::str(format!("#/components/schemas/{}", key(&[&api.name, &e.name])))),
                ),
            )
        });
        let statuses: Vec<String> = if r.errors.is_empty() {
            vec!["4XX".into(), "5XX".into()]
        } else {
            r.errors.iter().map(u16::to_string).collect()
        };
        for status in statuses {
            let description = if status.ends_with("XX") {
                format!("An error (any {}xx status).", &status[..1])
            } else {
                format!("An error (status {status}).")
            };
            let mut resp = Node::obj().with("description", Node::str(description));
            if let Some(content) = &error_body {
                resp.set("content", content.clone());
            }
            if let Some(errors) = &api.errors {
                // The codes documented with this status (a `status` catalogue's code is
                // the status itself: none to list).
                let codes: Vec<Node> = errors
                    .codes
                    .iter()
                    .filter(|c| errors.key != ErrorKey::Status && c.status.map(|s| s.to_string()) == Some(status.clone()))
                    .map(|c| match &c.text {
                        Some(t) => Node::str(t),
                        None => Node::uint(c.code.into()),
                    })
                    .collect();
                if !codes.is_empty() {
                    resp.set("x-mutaspec-catalog-codes", Node::Arr(codes));
                }
            }
            out.set(&status, resp);
        }
        out
    }

    /// The security requirements of `auth` (alternatives), registering its schemes.
    fn security(&mut self, api: &str, auth: &Auth) -> Node {
        let mut alternatives = Vec::new();
        for (name, a) in auth.choices() {
            let mut requirement = Node::obj();
            let mut add = |this: &mut Exporter, key: String, scheme: Node, scopes: Vec<String>| {
                let key = this.scheme(key, scheme);
                requirement.set(&key, Node::strs(scopes));
            };
            match a {
                Auth::Bearer { api_key_header } => {
                    let bearer = Node::obj().with("type", Node::str("http")).with("scheme", Node::str("bearer"));
                    add(self, key(&[api, name]), bearer, Vec::new());
                    if let Some(h) = api_key_header {
                        add(self, format!("{}-api-key", key(&[api, name])), api_key(h, None), Vec::new());
                    }
                }
                Auth::Basic => {
                    let basic = Node::obj().with("type", Node::str("http")).with("scheme", Node::str("basic"));
                    add(self, key(&[api, name]), basic, Vec::new());
                }
                Auth::ApiKey { header, prefix } => add(self, key(&[api, name]), api_key(header, prefix.as_deref()), Vec::new()),
                Auth::OAuth2 {
                    token_url,
                    scopes,
                    client_auth,
                } => {
                    let mut scope_map = Node::obj();
                    for s in scopes {
                        scope_map.set(s, Node::str(""));
                    }
                    let scheme = Node::obj()
                        .with("type", Node::str("oauth2"))
                        .with(
                            "flows",
                            Node::obj().with(
                                "clientCredentials",
                                Node::obj().with("tokenUrl", Node::str(token_url)).with("scopes", scope_map),
                            ),
                        )
                        .with(
                            "x-mutaspec-client-auth",
                            Node::str(match client_auth {
                                ClientAuth::Basic => "basic",
                                ClientAuth::Body => "body",
                            }),
                        );
                    add(self, key(&[api, name]), scheme, scopes.clone());
                }
                // `choices` never yields a choice; nothing to require.
                Auth::OneOf(_) => {}
            }
            alternatives.push(requirement);
        }
        Node::Arr(alternatives)
    }

    /// Registers a security scheme under `key` (or `key-2`, ... when another scheme took
    /// it), returning the name it is under.
    fn scheme(&mut self, key: String, scheme: Node) -> String {
        let mut name = key.clone();
        let mut n = 1;
        loop {
            match self.schemes.get(&name) {
                None => {
                    self.schemes.insert(name.clone(), scheme);
                    return name;
                }
                Some(existing) if *existing == scheme => return name,
                Some(_) => {
                    n += 1;
                    name = format!("{key}-{n}");
                }
            }
        }
    }

    fn type_schema(&mut self, scope: Scope<'_>, t: &TypeDef) -> Node {
        let mut schema = match &t.kind {
            TypeKind::Object(o) => self.object_schema(scope, o),
            TypeKind::Enum(e) => enum_schema(e),
        };
        if let Some(d) = &t.docs {
            schema.set("description", Node::str(d));
        }
        schema
    }

    fn object_schema(&mut self, scope: Scope<'_>, o: &Object) -> Node {
        let mut properties = Node::obj();
        let mut required = Vec::new();
        for f in &o.fields {
            let schema = self.field_schema(scope, f);
            for alias in &f.aliases {
                let alias_schema = schema
                    .clone()
                    .with("deprecated", Node::Bool(true))
                    .with("x-mutaspec-alias-of", Node::str(&f.wire));
                properties.set(alias, alias_schema);
            }
            properties.set(&f.wire, schema);
            if f.constraints.iter().any(|c| c.kind == ConstraintKind::Required && unconditional(c)) {
                required.push(f.wire.clone());
            }
        }
        // Aliases after the fields: each right after its field would interleave them.
        if let Node::Obj(members) = &mut properties {
            let fields: Vec<&str> = o.fields.iter().map(|f| f.wire.as_str()).collect();
            members.sort_by_key(|(k, _)| !fields.contains(&k.as_str()));
        }
        let mut schema = Node::obj().with("type", Node::str("object"));
        if !properties.is_empty_obj() {
            schema.set("properties", properties);
        }
        if !required.is_empty() {
            schema.set("required", Node::strs(required));
        }
        schema.set("additionalProperties", Node::Bool(o.open));
        if !o.groups.is_empty() {
            schema.set("x-mutaspec-groups", Node::Arr(o.groups.iter().map(group).collect()));
        }
        schema
    }

    fn field_schema(&mut self, scope: Scope<'_>, f: &Field) -> Node {
        let ty = f.ty.as_ref();
        let mut schema = match ty {
            // The union is built below, once its id's constraints are written.
            Some(Ty::OrId(_)) => typed("string"),
            Some(ty) => self.ty_schema(scope, ty),
            None => Node::obj(),
        };
        let constrained_ty = match ty {
            Some(Ty::OrId(_)) => Some(&Ty::String),
            _ => ty,
        };
        for c in f.constraints.iter().filter(|c| unconditional(c)) {
            if c.kind == ConstraintKind::Required {
                continue;
            }
            let (target, part_ty) = part(&mut schema, constrained_ty, c.on);
            constrain(target, part_ty.as_ref(), &c.kind, c.error);
        }
        if let Some(Ty::OrId(object)) = ty {
            schema = Node::obj().with("oneOf", Node::Arr(vec![scope.reference(object), schema]));
        }
        if f.clear_entries {
            if let Some(values) = schema.get_mut("additionalProperties") {
                let v = std::mem::replace(values, Node::Null);
                *values = nullable(v);
            }
        }
        match &f.clear {
            Some(Clear::Null) => schema = nullable(schema),
            Some(Clear::Sentinel(s)) => {
                schema = Node::obj().with("anyOf", Node::Arr(vec![schema, Node::obj().with("const", Node::str(s))]));
            }
            None => {}
        }
        if let Some(d) = &f.docs {
            schema.set("description", Node::str(d));
        }
        if f.output_only || f.rule == UpdateRule::NotUpdatable {
            schema.set("readOnly", Node::Bool(true));
        } else if f.sensitive {
            schema.set("writeOnly", Node::Bool(true));
        }
        if let Some(code) = f
            .constraints
            .iter()
            .find(|c| c.kind == ConstraintKind::Required && unconditional(c))
            .and_then(|c| c.error)
        {
            schema
                .entry("x-mutaspec-codes", Node::obj())
                .set("required", Node::uint(code.into()));
        }
        if f.rule != UpdateRule::Mutable {
            schema.set("x-mutaspec-update-rule", Node::str(f.rule.id()));
        }
        if let UpdateRule::Conditional { discriminator, value } = &f.rule {
            schema.set("x-mutaspec-when", Node::obj().with(discriminator, Node::str(value)));
        }
        if !f.state.is_empty() {
            schema.set("x-mutaspec-while", state(&f.state));
        }
        if let Some(t) = &f.transitions {
            if !t.moves.is_empty() {
                let mut moves = Node::obj();
                for (from, to) in &t.moves {
                    moves.set(from, Node::strs(to));
                }
                schema.set("x-mutaspec-transitions", moves);
            }
            if !t.provider_only.is_empty() {
                schema.set("x-mutaspec-provider-only", Node::strs(&t.provider_only));
            }
        }
        if let Some(Clear::Sentinel(s)) = &f.clear {
            schema.set("x-mutaspec-clear", Node::str(s));
        }
        let default_merge = if matches!(ty, Some(Ty::List(_))) {
            Merge::Replace
        } else {
            Merge::Merge
        };
        if f.merge != default_merge {
            let name = Merge::ALL.iter().find(|(m, _)| *m == f.merge).map_or("", |(_, n)| n);
            schema.set("x-mutaspec-merge", Node::str(name));
        }
        if let Some(k) = &f.key {
            schema.set("x-mutaspec-key", Node::str(k));
        }
        if !f.locks.is_empty() {
            let locks = f
                .locks
                .iter()
                .map(|l| {
                    let mut lock = Node::obj().with("setting", Node::str(&l.setting));
                    if !l.when.is_empty() {
                        lock.set("if", pairs(&l.when));
                    }
                    if !l.state.is_empty() {
                        lock.set("while", state(&l.state));
                    }
                    lock
                })
                .collect();
            schema.set("x-mutaspec-locks", Node::Arr(locks));
        }
        if !f.effects.is_empty() {
            // An effect that applies only in some states is `{effect, while}`.
            let effects = f
                .effects
                .iter()
                .map(|e| match f.effects_while.iter().find(|w| w.effect == *e) {
                    Some(w) => Node::obj().with("effect", Node::str(e)).with("while", state(&w.state)),
                    None => Node::str(e),
                })
                .collect();
            schema.set("x-mutaspec-effects", Node::Arr(effects));
        }
        if let Some(v) = &f.available.since {
            schema.set("x-mutaspec-since", Node::str(v));
        }
        if let Some(v) = &f.available.until {
            schema.set("x-mutaspec-until", Node::str(v));
        }
        let conditional: Vec<Node> = f
            .constraints
            .iter()
            .filter(|c| !unconditional(c))
            .map(|c| {
                let part_ty = match c.on {
                    Constrained::Whole => ty.cloned(),
                    Constrained::Items => ty.map(|t| t.element().clone()),
                    Constrained::Keys => Some(Ty::String),
                };
                let mut entry = Node::obj()
                    .with("constraint", Node::str(c.kind.id()))
                    .with("value", constraint_value(&c.kind, part_ty.as_ref()));
                match c.on {
                    Constrained::Whole => {}
                    Constrained::Items => entry.set("on", Node::str("items")),
                    Constrained::Keys => entry.set("on", Node::str("keys")),
                }
                if !c.when.is_empty() || !c.sent.is_empty() {
                    let mut cond = pairs(&c.when);
                    for (field, sent) in &c.sent {
                        cond.set(field, Node::obj().with("sent", Node::Bool(*sent)));
                    }
                    entry.set("if", cond);
                }
                if let Some(s) = &c.setting {
                    entry.set("setting", Node::str(s));
                }
                if !c.state.is_empty() {
                    entry.set("while", state(&c.state));
                }
                if let Some(e) = c.error {
                    entry.set("error", Node::uint(e.into()));
                }
                entry
            })
            .collect();
        if !conditional.is_empty() {
            schema.set("x-mutaspec-constraints", Node::Arr(conditional));
        }
        schema
    }
}

fn success_text(status: u16) -> String {
    match status {
        200 => "OK".into(),
        201 => "Created".into(),
        202 => "Accepted".into(),
        204 => "No Content".into(),
        s => format!("Success (status {s})."),
    }
}

fn servers(h: &Hosts) -> Node {
    let mut list = vec![Node::obj()
        .with("url", Node::str(&h.production))
        .with("description", Node::str("production"))];
    if let Some(s) = &h.staging {
        list.push(Node::obj().with("url", Node::str(s)).with("description", Node::str("staging")));
    }
    Node::Arr(list)
}

fn api_key(header: &str, prefix: Option<&str>) -> Node {
    let mut scheme = Node::obj()
        .with("type", Node::str("apiKey"))
        .with("in", Node::str("header"))
        .with("name", Node::str(header));
    if let Some(p) = prefix {
        scheme.set("description", Node::str(format!("Sent as `{header}: {p} <key>`.")));
        scheme.set("x-mutaspec-prefix", Node::str(p));
    }
    scheme
}

/// A spec pattern (the whole value must match) as an ECMA-262 `pattern` (which matches
/// anywhere).
fn anchored(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

fn unconditional(c: &Constraint) -> bool {
    c.setting.is_none() && c.when.is_empty() && c.sent.is_empty() && c.state.is_empty()
}

/// `{field: [values]}` of state conditions.
fn state(conditions: &[StateCondition]) -> Node {
    let mut out = Node::obj();
    for c in conditions {
        out.set(&c.field, Node::strs(&c.values));
    }
    out
}

/// `{field: [values]}` of `if:` pairs (a field listed several times: any of its values).
fn pairs(when: &[(String, String)]) -> Node {
    let mut out = Node::obj();
    for (field, value) in when {
        out.entry(field, Node::Arr(Vec::new())).push(Node::str(value));
    }
    out
}

fn group(g: &Group) -> Node {
    let mut out = Node::obj()
        .with("kind", Node::str(g.kind.key()))
        .with("members", Node::strs(g.members.iter().map(Member::dotted)));
    match &g.kind {
        GroupKind::RequiredWith(with) => out.set("with", Node::strs(with.iter().map(Member::dotted))),
        GroupKind::RequiredIf { field, values } => out.set("if", Node::obj().with(&field.dotted(), Node::strs(values))),
        GroupKind::Check { name, args } => {
            out.set("check", Node::str(name));
            if !args.is_empty() {
                let mut a = Node::obj();
                for (k, v) in args {
                    a.set(k, Node::str(v));
                }
                out.set("args", a);
            }
        }
        _ => {}
    }
    if let Some(e) = g.error {
        out.set("error", Node::uint(e.into()));
    }
    out
}

fn enum_schema(e: &EnumDef) -> Node {
    let values = Node::strs(e.values.iter().map(|v| &v.wire));
    let mut schema = if e.open {
        // The provider may add values: any string, the known ones listed.
        Node::obj().with(
            "anyOf",
            Node::Arr(vec![
                Node::obj().with("type", Node::str("string")).with("enum", values),
                Node::obj().with("type", Node::str("string")),
            ]),
        )
    } else {
        Node::obj().with("type", Node::str("string")).with("enum", values)
    };
    if let Some(code) = e.error {
        schema.set("x-mutaspec-codes", Node::obj().with("enum", Node::uint(code.into())));
    }
    if e.values.iter().any(|v| v.label.is_some()) {
        let mut labels = Node::obj();
        for v in &e.values {
            if let Some(l) = &v.label {
                labels.set(&v.wire, Node::str(l));
            }
        }
        schema.set("x-mutaspec-enum-labels", labels);
    }
    if e.values.iter().any(|v| !v.available.always()) {
        let mut versions = Node::obj();
        for v in e.values.iter().filter(|v| !v.available.always()) {
            let mut a = Node::obj();
            if let Some(s) = &v.available.since {
                a.set("since", Node::str(s));
            }
            if let Some(u) = &v.available.until {
                a.set("until", Node::str(u));
            }
            versions.set(&v.wire, a);
        }
        schema.set("x-mutaspec-enum-versions", versions);
    }
    schema
}

fn typed(t: &str) -> Node {
    Node::obj().with("type", Node::str(t))
}

impl Exporter {
    /// The schema of a value of type `ty`.
    fn ty_schema(&mut self, scope: Scope<'_>, ty: &Ty) -> Node {
        match ty {
            Ty::String => typed("string"),
            Ty::Integer => typed("integer").with("format", Node::str("int64")),
            Ty::Unsigned => typed("integer").with("format", Node::str("uint64")).with("minimum", Node::uint(0)),
            Ty::Number => typed("number").with("format", Node::str("double")),
            Ty::Boolean => typed("boolean"),
            Ty::Decimal => typed("string").with("format", Node::str("decimal")),
            Ty::Date => typed("string").with("format", Node::str("date")),
            Ty::DateTime => typed("string").with("format", Node::str("date-time")),
            Ty::Named(n) => self.named(scope, n),
            Ty::List(item) => typed("array").with("items", self.ty_schema(scope, item)),
            Ty::Map(value) => typed("object").with("additionalProperties", self.ty_schema(scope, value)),
            // Any JSON but `null` (which only a clearable field takes).
            Ty::Json => Node::obj().with("type", Node::strs(["object", "array", "string", "number", "boolean"])),
            Ty::OrId(n) => Node::obj().with("oneOf", Node::Arr(vec![scope.reference(n), typed("string")])),
            // OpenAPI's `discriminator` names a member inside the variants; this tag is the
            // value's sibling, so the choice is `x-mutaspec-union`, beside the plain `oneOf`.
            Ty::Tagged(t) => {
                let mut variants = Node::obj();
                for v in &t.variants {
                    variants.set(&v.value, Node::str(scope.component(&v.ty)));
                }
                let mut union = Node::obj().with("tag", Node::str(&t.tag)).with("variants", variants);
                if let Some(code) = t.error {
                    union.set("error", Node::uint(code.into()));
                }
                let mut refs: Vec<Node> = Vec::new();
                for v in &t.variants {
                    let r = scope.reference(&v.ty);
                    if !refs.contains(&r) {
                        refs.push(r);
                    }
                }
                Node::obj().with("oneOf", Node::Arr(refs)).with("x-mutaspec-union", union)
            }
        }
    }

    /// The schema of a value of named type `name`: a type the spec wrote inline (`values:`
    /// or `fields:` on the field) in place, as the document it may have been imported from
    /// had it, and any other type by reference.
    fn named(&mut self, scope: Scope<'_>, name: &str) -> Node {
        match scope.api.find_type(scope.ep, name) {
            Some(t) if t.inline => self.type_schema(scope, t),
            _ => scope.reference(name),
        }
    }
}

/// The schema a constraint on part `on` of a value of type `ty` goes into, and the
/// part's type (an object-or-id's value constraints are on its id: `field_schema`
/// writes them there before the union is built).
fn part<'n>(schema: &'n mut Node, ty: Option<&Ty>, on: Constrained) -> (&'n mut Node, Option<Ty>) {
    match (on, ty) {
        (Constrained::Whole, _) => (schema, ty.cloned()),
        (Constrained::Items, Some(Ty::List(item))) => (schema.entry("items", Node::obj()), Some((**item).clone())),
        (Constrained::Items, Some(Ty::Map(value))) => (schema.entry("additionalProperties", Node::obj()), Some((**value).clone())),
        (Constrained::Items, _) => (schema, ty.cloned()),
        (Constrained::Keys, _) => (schema.entry("propertyNames", Node::obj()), Some(Ty::String)),
    }
}

fn numeric(ty: Option<&Ty>) -> bool {
    matches!(ty, Some(Ty::Integer | Ty::Unsigned | Ty::Number))
}

fn number(text: &str) -> Option<Node> {
    text.parse::<serde_json::Number>().ok().map(Node::Num)
}

/// A constraint's value as the extensions write it.
fn constraint_value(kind: &ConstraintKind, ty: Option<&Ty>) -> Node {
    match kind {
        ConstraintKind::Format(f) => Node::str(f.id()),
        ConstraintKind::MinLength(n) | ConstraintKind::MaxLength(n) | ConstraintKind::MaxDepth(n) | ConstraintKind::MaxBytes(n) => {
            Node::uint(*n)
        }
        ConstraintKind::Min(v) | ConstraintKind::Max(v) => {
            if numeric(ty) {
                number(v).unwrap_or_else(|| Node::str(v))
            } else {
                Node::str(v)
            }
        }
        ConstraintKind::After(v) | ConstraintKind::Before(v) => Node::str(v),
        ConstraintKind::Pattern(p) => Node::str(p),
        ConstraintKind::Required => Node::Bool(true),
        ConstraintKind::UniqueBy(k) => Node::str(k),
        ConstraintKind::Check(c) => Node::str(c),
    }
}

/// Writes an unconditional constraint into `target` (a keyword of the same name already
/// there: into an `allOf` entry of its own), with its code under `x-mutaspec-codes`.
fn constrain(target: &mut Node, ty: Option<&Ty>, kind: &ConstraintKind, error: Option<u32>) {
    let length = |whole: &str, items: &str, entries: &str| match ty {
        Some(Ty::List(_)) => items.to_owned(),
        Some(Ty::Map(_)) => entries.to_owned(),
        _ => whole.to_owned(),
    };
    let (keyword, value) = match kind {
        ConstraintKind::Format(f) => match f {
            Format::Email => ("format".to_owned(), Node::str("email")),
            Format::Uuid => ("format".to_owned(), Node::str("uuid")),
            Format::Uri => ("format".to_owned(), Node::str("uri")),
            Format::Ipv4 => ("format".to_owned(), Node::str("ipv4")),
            Format::Ipv6 => ("format".to_owned(), Node::str("ipv6")),
            Format::Url => {
                put(target, "format", Node::str("uri"), None, "");
                ("x-mutaspec-format".to_owned(), Node::str(f.id()))
            }
            _ => ("x-mutaspec-format".to_owned(), Node::str(f.id())),
        },
        ConstraintKind::MinLength(n) => (length("minLength", "minItems", "minProperties"), Node::uint(*n)),
        ConstraintKind::MaxLength(n) => (length("maxLength", "maxItems", "maxProperties"), Node::uint(*n)),
        ConstraintKind::Min(v) => match number(v).filter(|_| numeric(ty)) {
            Some(n) => ("minimum".to_owned(), n),
            None => ("x-mutaspec-min".to_owned(), Node::str(v)),
        },
        ConstraintKind::Max(v) => match number(v).filter(|_| numeric(ty)) {
            Some(n) => ("maximum".to_owned(), n),
            None => ("x-mutaspec-max".to_owned(), Node::str(v)),
        },
        ConstraintKind::After(v) => ("x-mutaspec-after".to_owned(), Node::str(v)),
        ConstraintKind::Before(v) => ("x-mutaspec-before".to_owned(), Node::str(v)),
        ConstraintKind::Pattern(p) => ("pattern".to_owned(), Node::str(anchored(p))),
        ConstraintKind::Required => return,
        ConstraintKind::UniqueBy(k) => ("x-mutaspec-unique-by".to_owned(), Node::str(k)),
        ConstraintKind::Check(c) => {
            target.entry("x-mutaspec-checks", Node::Arr(Vec::new())).push(Node::str(c));
            if let Some(code) = error {
                target
                    .entry("x-mutaspec-codes", Node::obj())
                    .set(&format!("check:{c}"), Node::uint(code.into()));
            }
            return;
        }
        ConstraintKind::MaxDepth(n) => ("x-mutaspec-max-depth".to_owned(), Node::uint(*n)),
        ConstraintKind::MaxBytes(n) => ("x-mutaspec-max-bytes".to_owned(), Node::uint(*n)),
    };
    put(target, &keyword, value, error, kind.id());
}

fn put(target: &mut Node, keyword: &str, value: Node, error: Option<u32>, id: &str) {
    if target.get(keyword).is_none() {
        target.set(keyword, value);
        if let Some(code) = error {
            target.entry("x-mutaspec-codes", Node::obj()).set(id, Node::uint(code.into()));
        }
        return;
    }
    if target.get(keyword) == Some(&value) && error.is_none() {
        return;
    }
    let mut one = Node::obj().with(keyword, value);
    if let Some(code) = error {
        one.set("x-mutaspec-codes", Node::obj().with(id, Node::uint(code.into())));
    }
    target.entry("allOf", Node::Arr(Vec::new())).push(one);
}

/// `schema`, also accepting `null`: a `type` array where there is a `type`, else a
/// `oneOf` (or `anyOf`) branch.
fn nullable(mut schema: Node) -> Node {
    match schema.get_mut("type") {
        Some(Node::Str(t)) => {
            let t = std::mem::take(t);
            schema.set("type", Node::strs([t.as_str(), "null"]));
            return schema;
        }
        Some(Node::Arr(types)) => {
            types.push(Node::str("null"));
            return schema;
        }
        _ => {}
    }
    if let Some(Node::Arr(branches)) = schema.get_mut("oneOf") {
        branches.push(typed("null"));
        return schema;
    }
    if schema.is_empty_obj() {
        return schema;
    }
    Node::obj().with("anyOf", Node::Arr(vec![schema, typed("null")]))
}

/// One part of an error body: its role, pointer and JSON type.
struct Part {
    role: &'static str,
    pointer: String,
    ty: Node,
}

/// The schema of an error body: the members its shape (and pointers) read, with the
/// catalogue under `x-mutaspec-catalog`.
fn error_schema(errors: &ErrorCatalog) -> Node {
    let code_ty = match errors.key {
        ErrorKey::Number => Node::str("integer"),
        ErrorKey::Status => Node::strs(["integer", "string"]),
        ErrorKey::Text | ErrorKey::StatusAndText => Node::str("string"),
    };
    let s = Node::str("string");
    let int = Node::str("integer");
    let p = |role: &'static str, pointer: &str, ty: &Node| Part {
        role,
        pointer: pointer.to_owned(),
        ty: ty.clone(),
    };
    let shape = &errors.body;
    let mut parts: Vec<Part> = match shape.shape {
        Some(BodyPreset::Default) => vec![p("code", "/code", &code_ty), p("message", "/message", &s), p("field", "/field", &s)],
        Some(BodyPreset::Problem) => vec![
            p("type", "/type", &s),
            p("title", "/title", &s),
            p("status", "/status", &int),
            p("message", "/detail", &s),
            p("code", "/code", &code_ty),
            p("field", "/errors/0/pointer", &s),
        ],
        Some(BodyPreset::JsonApi) => vec![
            p("code", "/errors/0/code", &code_ty),
            p("status", "/errors/0/status", &s),
            p("title", "/errors/0/title", &s),
            p("message", "/errors/0/detail", &s),
            p("field", "/errors/0/source/pointer", &s),
        ],
        Some(BodyPreset::Stripe) => vec![
            p("type", "/error/type", &s),
            p("code", "/error/code", &code_ty),
            p("field", "/error/param", &s),
            p("message", "/error/message", &s),
        ],
        None => Vec::new(),
    };
    for (role, pointer, ty) in [
        ("code", &shape.code, &code_ty),
        ("message", &shape.message, &s),
        ("field", &shape.field, &s),
        ("status", &shape.status, &int),
    ] {
        if let Some(ptr) = pointer {
            parts.retain(|x| x.role != role);
            parts.push(p(role, ptr, ty));
        }
    }
    let mut tree = Tree::Obj(Vec::new());
    for part in &parts {
        let mut segments: Vec<String> = pointer_segments(&shape.under);
        segments.extend(pointer_segments(&part.pointer));
        tree.insert(&segments, Node::obj().with("type", part.ty.clone()));
    }
    let mut schema = tree.into_schema();
    if let Some(d) = &errors.docs {
        schema.set("description", Node::str(d));
    }
    schema.set("x-mutaspec-catalog", catalog(errors));
    schema
}

fn pointer_segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The members an error body's pointers reach: objects, arrays (a numeric segment) and
/// typed leaves.
enum Tree {
    Leaf(Node),
    Obj(Vec<(String, Tree)>),
    Arr(Box<Tree>),
}

impl Tree {
    fn insert(&mut self, segments: &[String], leaf: Node) {
        let Some((first, rest)) = segments.split_first() else {
            *self = Tree::Leaf(leaf);
            return;
        };
        let numeric = first.chars().all(|c| c.is_ascii_digit());
        if numeric {
            if !matches!(self, Tree::Arr(_)) {
                *self = Tree::Arr(Box::new(Tree::Obj(Vec::new())));
            }
            if let Tree::Arr(item) = self {
                item.insert(rest, leaf);
            }
            return;
        }
        if !matches!(self, Tree::Obj(_)) {
            *self = Tree::Obj(Vec::new());
        }
        if let Tree::Obj(members) = self {
            if let Some((_, child)) = members.iter_mut().find(|(k, _)| k == first) {
                child.insert(rest, leaf);
            } else {
                let mut child = Tree::Obj(Vec::new());
                child.insert(rest, leaf);
                members.push((first.clone(), child));
            }
        }
    }

    fn into_schema(self) -> Node {
        match self {
            Tree::Leaf(n) => n,
            Tree::Arr(item) => typed("array").with("items", item.into_schema()),
            Tree::Obj(members) => {
                let mut props = Node::obj();
                for (k, v) in members {
                    props.set(&k, v.into_schema());
                }
                let schema = typed("object");
                if props.is_empty_obj() {
                    schema
                } else {
                    schema.with("properties", props)
                }
            }
        }
    }
}

fn catalog(errors: &ErrorCatalog) -> Node {
    let mut out = Node::obj()
        .with("name", Node::str(&errors.name))
        .with("key", Node::str(errors.key.id()))
        .with("body", Node::str(errors.body.describe()));
    if let Some(d) = errors.default {
        out.set("default", Node::uint(d.into()));
    }
    if let Some(c) = &errors.common {
        let mut common = Node::obj()
            .with("from", Node::uint(c.from.into()))
            .with("to", Node::uint(c.to.into()))
            .with("message", Node::str(&c.message));
        if let Some(n) = &c.notes {
            common.set("notes", Node::str(n));
        }
        out.set("common", common);
    }
    let codes = errors
        .codes
        .iter()
        .map(|c| {
            let mut code = Node::obj();
            match (&c.text, errors.key) {
                (Some(t), _) => code.set("code", Node::str(t)),
                (None, ErrorKey::Status) => {}
                (None, _) => code.set("code", Node::uint(c.code.into())),
            }
            if let Some(s) = c.status {
                code.set("status", Node::uint(s.into()));
            }
            code.set("name", Node::str(&c.name));
            code.set("message", Node::str(&c.message));
            if !c.params.is_empty() {
                let mut params = Node::obj();
                for (k, v) in &c.params {
                    params.set(k, Node::str(v));
                }
                code.set("params", params);
            }
            code.set("check", Node::str(if c.server_only { "server" } else { "client" }));
            if let Some(n) = &c.notes {
                code.set("notes", Node::str(n));
            }
            code
        })
        .collect();
    out.set("codes", Node::Arr(codes));
    out
}
