//! From a document's operations to spec files (as YAML mappings): the endpoint files and
//! the API's shared file with the shared types they use.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;
use serde_yaml::{Mapping, Value as Y};

use crate::document::{escape, Document, Error};

/// Which operation to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// By `operationId`.
    Id(String),
    /// By method and path template (`PUT`, `/pet`).
    MethodPath(String, String),
}

impl std::fmt::Display for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Selector::Id(id) => write!(f, "{id}"),
            Selector::MethodPath(m, p) => write!(f, "{} {p}", m.to_uppercase()),
        }
    }
}

/// The review marker every imported field carries.
pub const REVIEW: &str = "imported from OpenAPI: set the update rule (mutable by default) and clearing from the provider's docs";

const METHODS: [&str; 5] = ["get", "put", "post", "patch", "delete"];

/// One operation found in the document.
pub struct Op<'d> {
    pub method: &'static str,
    pub path: &'d str,
    pub item: &'d Value,
    pub op: &'d Value,
    pub pointer: String,
}

impl Document {
    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<Op<'_>> {
        let mut out = Vec::new();
        if let Some(paths) = self.root.get("paths").and_then(Value::as_object) {
            for (path, item) in paths {
                for m in METHODS {
                    if let Some(op) = item.get(m) {
                        out.push(Op {
                            method: m,
                            path,
                            item,
                            op,
                            pointer: format!("#/paths/{}/{m}", escape(path)),
                        });
                    }
                }
            }
        }
        out
    }

    /// The operation a selector names.
    pub fn find(&self, sel: &Selector) -> Result<Op<'_>, Error> {
        let found = self.operations().into_iter().find(|o| match sel {
            Selector::Id(id) => o.op.get("operationId").and_then(Value::as_str) == Some(id.as_str()),
            Selector::MethodPath(m, p) => o.method.eq_ignore_ascii_case(m) && o.path == p,
        });
        found.ok_or_else(|| {
            let err = Error::new(&self.name, None, format!("no operation `{sel}` in the document"));
            match sel {
                Selector::Id(id) => {
                    let ids: Vec<String> = self
                        .operations()
                        .iter()
                        .filter_map(|o| o.op.get("operationId").and_then(Value::as_str))
                        .map(str::to_string)
                        .collect();
                    match ids.iter().find(|c| c.eq_ignore_ascii_case(id)) {
                        Some(c) => err.hint(format!("did you mean `{c}`?")),
                        None => err.hint(
                            "`--operation` takes an operationId of the document; `--method` with `--path` picks one by its method and path",
                        ),
                    }
                }
                Selector::MethodPath(..) => {
                    err.hint("the path is the document's template, with its `{parameters}`: `--method PUT --path /pet/{petId}`")
                }
            }
        })
    }
}

/// The API name of a document: `--api`, else the snake_case of `info.title`.
pub fn api_name(doc: &Document) -> String {
    ident(&doc.title, "api")
}

fn ident(text: &str, fallback: &str) -> String {
    let s: String = text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut s = s.to_snake_case();
    if s.is_empty() {
        s = fallback.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("{fallback}_{s}");
    }
    s
}

fn type_ident(text: &str) -> String {
    let s: String = text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut s = s.to_upper_camel_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("T{s}");
    }
    if s.ends_with("Current") {
        s.push_str("Type");
    }
    s
}

/// The `source:` of an imported endpoint: the document, its version and the operation.
pub fn source_line(doc: &Document, op: &Op<'_>) -> String {
    let which = match op.op.get("operationId").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None => format!("{} {}", op.method.to_uppercase(), op.path),
    };
    format!("OpenAPI {} (info.version {}), operation {which}", doc.name, doc.version)
}

/// Reads back the selector of an endpoint's `source:` written by [`source_line`].
pub fn selector_of_source(source: &str) -> Option<(String, Selector)> {
    let rest = source.strip_prefix("OpenAPI ")?;
    let (file, rest) = rest.split_once(" (info.version ")?;
    let (_, op) = rest.split_once("), operation ")?;
    let sel = match op.split_once(' ') {
        Some((m, p)) if METHODS.contains(&m.to_ascii_lowercase().as_str()) && p.starts_with('/') => {
            Selector::MethodPath(m.to_string(), p.to_string())
        }
        _ => Selector::Id(op.to_string()),
    };
    Some((file.to_string(), sel))
}

/// The spec files of some operations of one document, before any merge.
pub struct Built {
    /// The API's shared file.
    pub api: Mapping,
    /// Each endpoint's name and file.
    pub endpoints: Vec<(String, Mapping)>,
}

/// Where a field is: what the format allows there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In a request body (top level or nested objects): readOnly fields are not sent.
    Body,
    /// In a named type's fields: readOnly is `output_only: true`.
    Type,
    /// Below an array or a map: readOnly fields are left out.
    Collection,
}

struct Builder<'d> {
    doc: &'d Document,
    /// Component name -> spec type name.
    names: BTreeMap<String, String>,
    /// Spec type name -> its definition (filled once, in name order when written).
    types: BTreeMap<String, Mapping>,
    /// Component schemas being converted (a reference back to one is a cycle).
    stack: Vec<String>,
    /// How deep `flat` and `shape` are: a schema nested (or referring to itself through
    /// `allOf`, arrays or maps) deeper than [`MAX_DEPTH`] is refused, never a stack overflow.
    depth: std::cell::Cell<usize>,
    /// `<api>.`: the prefix of the names `mutaspec export openapi` gives an API's
    /// operations and components ([`own_name`]).
    prefix: String,
}

/// A document's name for an operation or a component, without the `<api>.` prefix of
/// `mutaspec export openapi` (`shop.update_item`, `shop.Address`,
/// `shop.update_item.Status`) when it is the API being imported: the last segment is the
/// spec's own name, so import, export and import again is a fixed point. Other names are
/// kept whole.
fn own_name<'n>(name: &'n str, prefix: &str) -> &'n str {
    match name.strip_prefix(prefix) {
        Some(rest) if !rest.is_empty() => rest.rsplit('.').next().unwrap_or(rest),
        _ => name,
    }
}

/// The deepest nesting of schemas an import follows.
const MAX_DEPTH: usize = 64;

fn s(v: &str) -> Y {
    Y::String(v.to_string())
}

fn num(v: &Value) -> Option<Y> {
    let n = v.as_number()?;
    if let Some(i) = n.as_i64() {
        Some(Y::Number(i.into()))
    } else if let Some(u) = n.as_u64() {
        Some(Y::Number(u.into()))
    } else {
        let f = n.as_f64()?;
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            Some(Y::Number((f as i64).into()))
        } else {
            Some(Y::Number(f.into()))
        }
    }
}

/// A schema with its references followed and `allOf` merged.
struct Flat {
    /// The component schema the (first) reference named, when it is one.
    component: Option<String>,
    keys: serde_json::Map<String, Value>,
    nullable: bool,
    notes: Vec<String>,
}

impl<'d> Builder<'d> {
    fn flat(&self, schema: &Value, at: &str) -> Result<Flat, Error> {
        self.enter(at)?;
        let flat = self.flat_in(schema, at);
        self.depth.set(self.depth.get() - 1);
        flat
    }

    fn enter(&self, at: &str) -> Result<(), Error> {
        if self.depth.get() >= MAX_DEPTH {
            return Err(Error::new(&self.doc.name, Some(at.to_string()), format!("schemas nest more than {MAX_DEPTH} deep here"))
                .hint("a schema that contains itself through `allOf`, `items` or `additionalProperties` has no finite form; a spec type cannot hold it"));
        }
        self.depth.set(self.depth.get() + 1);
        Ok(())
    }

    fn flat_in(&self, schema: &Value, at: &str) -> Result<Flat, Error> {
        let (target, r) = self.doc.deref(schema, at)?;
        let component = r
            .as_deref()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .map(str::to_string);
        let mut keys = target.as_object().cloned().unwrap_or_default();
        let mut notes = Vec::new();
        let mut nullable = keys.get("nullable").and_then(Value::as_bool).unwrap_or(false);
        // 3.1: `type: [string, "null"]`.
        if let Some(Value::Array(types)) = keys.get("type").cloned() {
            let rest: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
            nullable |= rest.len() < types.len();
            match rest.len() {
                0 => {
                    keys.remove("type");
                }
                1 => {
                    keys.insert("type".into(), rest[0].clone());
                }
                _ => {
                    keys.insert("type".into(), Value::Array(rest));
                }
            }
        }
        if let Some(Value::Array(all)) = keys.remove("allOf") {
            let mut merged = serde_json::Map::new();
            let mut props = serde_json::Map::new();
            let mut required: Vec<Value> = Vec::new();
            let mut only = None;
            for (i, member) in all.iter().enumerate() {
                let f = self.flat(member, &format!("{at}/allOf/{i}"))?;
                nullable |= f.nullable;
                notes.extend(f.notes);
                if all.len() == 1 && !keys.contains_key("properties") {
                    only = f.component.clone();
                }
                for (k, v) in f.keys {
                    match k.as_str() {
                        "properties" => props.extend(v.as_object().cloned().unwrap_or_default()),
                        "required" => required.extend(v.as_array().cloned().unwrap_or_default()),
                        _ => {
                            merged.entry(k).or_insert(v);
                        }
                    }
                }
            }
            if let Some(Value::Object(own)) = keys.remove("properties") {
                props.extend(own);
            }
            if let Some(Value::Array(own)) = keys.remove("required") {
                required.extend(own);
            }
            for (k, v) in merged {
                keys.entry(k).or_insert(v);
            }
            if !props.is_empty() {
                keys.insert("properties".into(), Value::Object(props));
                keys.entry("type").or_insert(Value::String("object".into()));
            }
            if !required.is_empty() {
                keys.insert("required".into(), Value::Array(required));
            }
            if only.is_some() {
                return Ok(Flat {
                    component: only,
                    keys,
                    nullable,
                    notes,
                });
            }
            return Ok(Flat {
                component: None,
                keys,
                nullable,
                notes,
            });
        }
        Ok(Flat {
            component,
            keys,
            nullable,
            notes,
        })
    }

    /// A `oneOf`/`anyOf` without its `null` branches; `None` when the schema has neither.
    fn variants(&self, keys: &serde_json::Map<String, Value>, at: &str) -> Result<Option<(Vec<Flat>, bool)>, Error> {
        let (list, word) = match (keys.get("oneOf"), keys.get("anyOf")) {
            (Some(Value::Array(l)), _) => (l, "oneOf"),
            (_, Some(Value::Array(l))) => (l, "anyOf"),
            _ => return Ok(None),
        };
        let mut out = Vec::new();
        let mut nullable = false;
        for (i, v) in list.iter().enumerate() {
            let f = self.flat(v, &format!("{at}/{word}/{i}"))?;
            if f.keys.get("type").and_then(Value::as_str) == Some("null") || (f.keys.is_empty() && f.nullable) {
                nullable = true;
            } else {
                nullable |= f.nullable;
                out.push(f);
            }
        }
        Ok(Some((out, nullable)))
    }

    /// The spec type name of a component schema that is an object or an enum, converting it
    /// on first use; `None` for other components (inlined) and for cycles.
    fn named(&mut self, component: &str, _at: &str) -> Result<Option<String>, Error> {
        if let Some(n) = self.names.get(component) {
            if self.stack.iter().any(|c| c == component) {
                return Ok(None);
            }
            return Ok(Some(n.clone()));
        }
        let pointer = format!("#/components/schemas/{}", escape(component));
        let Some(schema) = self.doc.root.pointer(&pointer[1..]) else {
            return Ok(None);
        };
        let flat = self.flat(schema, &pointer)?;
        let ty = flat.keys.get("type").and_then(Value::as_str);
        let is_object = flat
            .keys
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
            && matches!(ty, None | Some("object"));
        let is_enum = enum_values(&flat.keys).is_some() && matches!(ty, None | Some("string"));
        if !is_object && !is_enum {
            return Ok(None);
        }
        let mut name = type_ident(own_name(component, &self.prefix));
        let taken: Vec<&String> = self.names.values().collect();
        if taken.contains(&&name) {
            let mut i = 2;
            while taken.contains(&&format!("{name}{i}")) {
                i += 1;
            }
            name = format!("{name}{i}");
        }
        self.names.insert(component.to_string(), name.clone());
        self.stack.push(component.to_string());
        let mut def = Mapping::new();
        if let Some(d) = description(&flat.keys) {
            def.insert(s("docs"), s(&d));
        }
        if is_enum {
            let (values, _) = enum_values(&flat.keys).unwrap_or_default();
            def.insert(s("values"), Y::Sequence(values.into_iter().map(Y::String).collect()));
        } else {
            let fields = self.fields(&flat.keys, Place::Type, &pointer)?;
            def.insert(s("fields"), Y::Mapping(fields));
            if flat
                .keys
                .get("additionalProperties")
                .is_some_and(|a| a.as_bool() == Some(true) || a.is_object())
            {
                def.insert(s("open"), Y::Bool(true));
            }
        }
        self.stack.pop();
        self.types.insert(name.clone(), def);
        Ok(Some(name))
    }

    /// The fields of an object schema's `properties`.
    fn fields(&mut self, keys: &serde_json::Map<String, Value>, place: Place, at: &str) -> Result<Mapping, Error> {
        let required: Vec<&str> = keys
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = Mapping::new();
        if let Some(props) = keys.get("properties").and_then(Value::as_object) {
            for (name, schema) in props {
                let here = format!("{at}/properties/{}", escape(name));
                if let Some(field) = self.field(schema, required.contains(&name.as_str()), place, &here)? {
                    out.insert(s(name), Y::Mapping(field));
                }
            }
        }
        Ok(out)
    }

    /// One field: its type, constraints, clearing, docs and the review marker; `None` for
    /// a read-only field the request does not carry.
    fn field(&mut self, schema: &Value, required: bool, place: Place, at: &str) -> Result<Option<Mapping>, Error> {
        let flat = self.flat(schema, at)?;
        let read_only = flat.keys.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
        if read_only && place != Place::Type {
            return Ok(None);
        }
        let mut m = Mapping::new();
        let mut notes = flat.notes.clone();
        let nullable = self.shape(&flat, place, at, &mut m, &mut notes)?;
        if required {
            m.insert(s("required"), Y::Bool(true));
        }
        if read_only {
            m.insert(s("output_only"), Y::Bool(true));
        } else if nullable {
            m.insert(s("clear"), Y::Null);
        }
        if let Some(d) = description(&flat.keys) {
            m.insert(s("docs"), s(&d));
        }
        let mut review = REVIEW.to_string();
        for n in notes {
            review.push_str("; ");
            review.push_str(&n);
        }
        m.insert(s("review"), Y::String(review));
        Ok(Some(m))
    }

    /// Writes a schema's type and constraints into `m`; returns whether `null` is allowed.
    fn shape(&mut self, flat: &Flat, place: Place, at: &str, m: &mut Mapping, notes: &mut Vec<String>) -> Result<bool, Error> {
        self.enter(at)?;
        let shaped = self.shape_in(flat, place, at, m, notes);
        self.depth.set(self.depth.get() - 1);
        shaped
    }

    fn shape_in(&mut self, flat: &Flat, place: Place, at: &str, m: &mut Mapping, notes: &mut Vec<String>) -> Result<bool, Error> {
        let mut nullable = flat.nullable;
        if let Some(c) = &flat.component {
            if let Some(name) = self.named(c, at)? {
                m.insert(s("type"), s(&name));
                return Ok(nullable);
            }
            if self.stack.contains(c) {
                m.insert(s("type"), s("json"));
                notes.push(format!("`{c}` refers back to itself: written as json"));
                return Ok(nullable);
            }
        }
        let keys = &flat.keys;
        if let Some((variants, null)) = self.variants(keys, at)? {
            nullable |= null;
            return Ok(nullable | self.union(variants, place, at, m, notes)?);
        }
        let ty = match keys.get("type") {
            Some(Value::String(t)) => t.clone(),
            Some(types) => {
                m.insert(s("type"), s("json"));
                // Every JSON type (`null` was taken out above) is what `json` means, as
                // `mutaspec export openapi` writes it; fewer is an approximation.
                let all = ["object", "array", "string", "number", "boolean"];
                let any = types
                    .as_array()
                    .is_some_and(|t| all.iter().all(|a| t.iter().any(|x| x.as_str() == Some(*a))));
                if !any {
                    notes.push("several types: written as json".into());
                }
                return Ok(nullable);
            }
            None if keys.contains_key("properties") => "object".into(),
            None if keys.contains_key("items") => "array".into(),
            None if keys.contains_key("enum") => "string".into(),
            None => {
                m.insert(s("type"), s("json"));
                return Ok(nullable);
            }
        };
        match ty.as_str() {
            "string" => self.string(keys, m, notes),
            "integer" => {
                m.insert(s("type"), s("integer"));
                bounds(keys, m, notes, true);
            }
            "number" => {
                m.insert(s("type"), s("number"));
                bounds(keys, m, notes, false);
            }
            "boolean" => {
                m.insert(s("type"), s("boolean"));
            }
            "array" => self.array(keys, at, m, notes)?,
            "object" => self.object(keys, place, at, m, notes)?,
            _ => {
                m.insert(s("type"), s("json"));
            }
        }
        Ok(nullable)
    }

    fn string(&mut self, keys: &serde_json::Map<String, Value>, m: &mut Mapping, notes: &mut Vec<String>) {
        if let Some((values, dropped)) = enum_values(keys) {
            m.insert(s("values"), Y::Sequence(values.into_iter().map(Y::String).collect()));
            if dropped {
                notes.push("enum values that are not names, or that name the same Rust variant as another, were left out".into());
            }
            return;
        }
        let format = keys.get("format").and_then(Value::as_str).unwrap_or("");
        let ty = match format {
            "date" => "date",
            "date-time" => "datetime",
            _ => "string",
        };
        m.insert(s("type"), s(ty));
        let f = match format {
            "email" => Some("email"),
            "uuid" => Some("uuid"),
            "uri" => Some("uri"),
            "url" => Some("url"),
            "ipv4" => Some("ipv4"),
            "ipv6" => Some("ipv6"),
            _ => None,
        };
        if let Some(f) = f {
            m.insert(s("format"), s(f));
        }
        if ty == "string" {
            lengths(keys, m);
            pattern(keys, m, notes);
        }
    }

    fn array(&mut self, keys: &serde_json::Map<String, Value>, at: &str, m: &mut Mapping, notes: &mut Vec<String>) -> Result<(), Error> {
        let items_at = format!("{at}/items");
        let element = match keys.get("items") {
            Some(items) => {
                let f = self.flat(items, &items_at)?;
                let mut inner = Mapping::new();
                let mut inner_notes = Vec::new();
                self.shape(&f, Place::Collection, &items_at, &mut inner, &mut inner_notes)?;
                notes.extend(inner_notes);
                Some(inner)
            }
            None => None,
        };
        let Some(inner) = element else {
            m.insert(s("type"), s("json[]"));
            counts(keys, m);
            return Ok(());
        };
        let inner_ty = inner.get("type").and_then(Y::as_str).map(str::to_string);
        if inner.contains_key("values") {
            m.insert(s("type"), s("enum[]"));
            m.insert(s("values"), inner["values"].clone());
        } else if inner.contains_key("fields") {
            m.insert(s("type"), s("object[]"));
            m.insert(s("fields"), inner["fields"].clone());
            if inner.contains_key("open") {
                m.insert(s("open"), Y::Bool(true));
            }
        } else {
            match inner_ty.as_deref() {
                Some(t) if !t.ends_with("[]") && !t.starts_with("map<") && !t.contains('|') => {
                    m.insert(s("type"), s(&format!("{t}[]")));
                    let mut item = Mapping::new();
                    for (k, v) in &inner {
                        if k.as_str() != Some("type") {
                            item.insert(k.clone(), v.clone());
                        }
                    }
                    if !item.is_empty() {
                        m.insert(s("items"), Y::Mapping(item));
                    }
                }
                _ => {
                    m.insert(s("type"), s("json[]"));
                    notes.push("an array of arrays, maps or unions: written as json[]".into());
                }
            }
        }
        counts(keys, m);
        Ok(())
    }

    fn object(
        &mut self,
        keys: &serde_json::Map<String, Value>,
        place: Place,
        at: &str,
        m: &mut Mapping,
        notes: &mut Vec<String>,
    ) -> Result<(), Error> {
        let has_props = keys.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
        let additional = keys.get("additionalProperties");
        if has_props {
            let inner_place = if place == Place::Collection { Place::Collection } else { place };
            let fields = self.fields(keys, inner_place, at)?;
            m.insert(s("fields"), Y::Mapping(fields));
            if additional.is_some_and(|a| a.as_bool() == Some(true) || a.is_object()) {
                m.insert(s("open"), Y::Bool(true));
            }
            return Ok(());
        }
        match additional {
            Some(a) if a.is_object() => {
                let here = format!("{at}/additionalProperties");
                let f = self.flat(a, &here)?;
                let mut inner = Mapping::new();
                let mut inner_notes = Vec::new();
                self.shape(&f, Place::Collection, &here, &mut inner, &mut inner_notes)?;
                let t = inner.get("type").and_then(Y::as_str).unwrap_or("json").to_string();
                let simple = inner.len() == 1 && !t.ends_with("[]") && !t.starts_with("map<") && !t.contains('|');
                if simple {
                    m.insert(s("type"), s(&format!("map<{t}>")));
                } else {
                    m.insert(s("type"), s("map<json>"));
                    notes.push("a map of objects, enums or constrained values: written as map<json>".into());
                }
                counts_props(keys, m);
            }
            _ => {
                m.insert(s("type"), s("json"));
            }
        }
        Ok(())
    }

    /// `oneOf`/`anyOf`: one variant is that variant; an object and a string are the
    /// object-or-id union; anything else is `json`.
    fn union(&mut self, variants: Vec<Flat>, place: Place, at: &str, m: &mut Mapping, notes: &mut Vec<String>) -> Result<bool, Error> {
        if variants.len() == 1 {
            let v = variants.into_iter().next().unwrap_or_else(|| unreachable!());
            return self.shape(&v, place, at, m, notes);
        }
        if variants.len() == 2 {
            let is_string = |f: &Flat| {
                f.keys.get("type").and_then(Value::as_str) == Some("string") && !f.keys.contains_key("enum") && f.component.is_none()
            };
            let (id, obj) = if is_string(&variants[0]) {
                (&variants[0], &variants[1])
            } else if is_string(&variants[1]) {
                (&variants[1], &variants[0])
            } else {
                m.insert(s("type"), s("json"));
                notes.push("a oneOf/anyOf the format has no union for: written as json".into());
                return Ok(false);
            };
            if let Some(c) = &obj.component {
                if let Some(name) = self.named(c, at)? {
                    if self.types.get(&name).is_none_or(|t| t.contains_key("fields")) {
                        m.insert(s("type"), s(&format!("{name} | string")));
                        lengths(&id.keys, m);
                        pattern(&id.keys, m, notes);
                        notes.push("a oneOf/anyOf of an object and a string: read as the object or its id".into());
                        return Ok(id.nullable || obj.nullable);
                    }
                }
            }
        }
        m.insert(s("type"), s("json"));
        notes.push("a oneOf/anyOf the format has no union for: written as json".into());
        Ok(false)
    }
}

fn description(keys: &serde_json::Map<String, Value>) -> Option<String> {
    let d = keys
        .get("description")
        .or_else(|| keys.get("title"))
        .and_then(Value::as_str)?
        .trim();
    (!d.is_empty()).then(|| d.to_string())
}

/// The string values of an `enum`, and whether some were left out (not strings, empty,
/// or not starting with a letter or digit, which no Rust variant name can come from).
fn enum_values(keys: &serde_json::Map<String, Value>) -> Option<(Vec<String>, bool)> {
    let list = keys.get("enum")?.as_array()?;
    let mut out: Vec<String> = Vec::new();
    let mut dropped = false;
    // Values whose Rust variant names would be the same (`ASC` and `asc`): the first stays.
    let variant = |t: &str| type_ident(t);
    for v in list {
        match v.as_str() {
            Some(t) if t.chars().any(|c| c.is_ascii_alphanumeric()) => {
                if out.iter().any(|o| o == t) {
                    continue;
                }
                if out.iter().any(|o| variant(o) == variant(t)) {
                    dropped = true;
                } else {
                    out.push(t.to_string());
                }
            }
            None if v.is_null() => {}
            _ => dropped = true,
        }
    }
    (!out.is_empty()).then_some((out, dropped))
}

fn lengths(keys: &serde_json::Map<String, Value>, m: &mut Mapping) {
    if let Some(n) = keys.get("minLength").and_then(Value::as_u64).filter(|n| *n > 0) {
        m.insert(s("min_length"), Y::Number(n.into()));
    }
    if let Some(n) = keys.get("maxLength").and_then(Value::as_u64) {
        m.insert(s("max_length"), Y::Number(n.into()));
    }
}

fn counts(keys: &serde_json::Map<String, Value>, m: &mut Mapping) {
    if let Some(n) = keys.get("minItems").and_then(Value::as_u64).filter(|n| *n > 0) {
        m.insert(s("min_items"), Y::Number(n.into()));
    }
    if let Some(n) = keys.get("maxItems").and_then(Value::as_u64) {
        m.insert(s("max_items"), Y::Number(n.into()));
    }
}

fn counts_props(keys: &serde_json::Map<String, Value>, m: &mut Mapping) {
    if let Some(n) = keys.get("minProperties").and_then(Value::as_u64).filter(|n| *n > 0) {
        m.insert(s("min_items"), Y::Number(n.into()));
    }
    if let Some(n) = keys.get("maxProperties").and_then(Value::as_u64) {
        m.insert(s("max_items"), Y::Number(n.into()));
    }
}

/// `minimum`/`maximum`, with 3.0's boolean and 3.1's numeric exclusive bounds: an
/// exclusive integer bound becomes the next integer; an exclusive number bound stays
/// inclusive, noted for review.
fn bounds(keys: &serde_json::Map<String, Value>, m: &mut Mapping, notes: &mut Vec<String>, integer: bool) {
    for (key, excl, spec_key, step) in [
        ("minimum", "exclusiveMinimum", "min", 1i64),
        ("maximum", "exclusiveMaximum", "max", -1),
    ] {
        let (value, exclusive) = match (keys.get(key), keys.get(excl)) {
            (_, Some(v)) if v.is_number() => (Some(v), true),
            (Some(v), e) => (Some(v), e.and_then(Value::as_bool).unwrap_or(false)),
            (None, _) => (None, false),
        };
        let Some(v) = value else { continue };
        let written = if exclusive && integer {
            v.as_i64().map(|i| Y::Number(i.saturating_add(step).into()))
        } else {
            if exclusive {
                notes.push(format!("`{excl}`: written as an inclusive `{spec_key}`"));
            }
            num(v)
        };
        if let Some(w) = written {
            m.insert(s(spec_key), w);
        }
    }
}

/// An OpenAPI `pattern` matches anywhere in the value (ECMA-262 search); a spec pattern
/// describes the whole value: an unanchored side gets `.*`. A pattern the runtime's
/// language cannot read is left out, noted for review.
fn pattern(keys: &serde_json::Map<String, Value>, m: &mut Mapping, notes: &mut Vec<String>) {
    let Some(p) = keys.get("pattern").and_then(Value::as_str) else {
        return;
    };
    let start = p.starts_with('^');
    let end = p.ends_with('$') && !p.ends_with("\\$");
    let core = &p[usize::from(start)..p.len() - usize::from(end)];
    let whole = match (start, end) {
        (true, true) => core.to_string(),
        _ => format!("{}(?:{core}){}", if start { "" } else { ".*" }, if end { "" } else { ".*" }),
    };
    match mutaspec_runtime::pattern::compile_check(&whole) {
        Ok(()) => {
            m.insert(s("pattern"), s(&whole));
        }
        Err(e) => notes.push(format!("pattern `{p}` left out: {e}")),
    }
}

/// The auth of a security scheme, as the format says it; `None` when it cannot.
fn auth_of(scheme: &Value) -> Option<Mapping> {
    let mut a = Mapping::new();
    match scheme.get("type").and_then(Value::as_str)? {
        "http" => match scheme.get("scheme").and_then(Value::as_str)?.to_ascii_lowercase().as_str() {
            "bearer" => {
                a.insert(s("scheme"), s("bearer"));
            }
            "basic" => {
                a.insert(s("scheme"), s("basic"));
            }
            _ => return None,
        },
        "apiKey" => {
            if scheme.get("in").and_then(Value::as_str) != Some("header") {
                return None;
            }
            a.insert(s("scheme"), s("api_key"));
            a.insert(s("header"), s(scheme.get("name").and_then(Value::as_str)?));
        }
        "oauth2" => {
            let flows = scheme.get("flows")?;
            if let Some(cc) = flows.get("clientCredentials") {
                a.insert(s("scheme"), s("oauth2"));
                a.insert(s("token_url"), s(cc.get("tokenUrl").and_then(Value::as_str)?));
                let scopes: Vec<Y> = cc
                    .get("scopes")
                    .and_then(Value::as_object)
                    .map(|o| o.keys().map(|k| s(k)).collect())
                    .unwrap_or_default();
                if !scopes.is_empty() {
                    a.insert(s("scopes"), Y::Sequence(scopes));
                }
            } else {
                // Another grant: the caller obtains the token and sends it as a bearer token.
                a.insert(s("scheme"), s("bearer"));
            }
        }
        "openIdConnect" => {
            a.insert(s("scheme"), s("bearer"));
        }
        _ => return None,
    }
    Some(a)
}

/// The `auth:` of some security requirements (the first scheme of each alternative).
fn auth(doc: &Document, requirements: &Value) -> Option<Y> {
    let mut choices: Vec<Mapping> = Vec::new();
    for req in requirements.as_array()? {
        let Some(name) = req.as_object().and_then(|o| o.keys().next()) else {
            continue;
        };
        let scheme = doc.root.pointer(&format!("/components/securitySchemes/{}", escape(name)))?;
        let (scheme, _) = doc.deref(scheme, "#/components/securitySchemes").ok()?;
        if let Some(a) = auth_of(scheme) {
            if !choices.contains(&a) {
                choices.push(a);
            }
        }
    }
    match choices.len() {
        0 => None,
        1 => choices.pop().map(Y::Mapping),
        _ => {
            let mut seen: Vec<String> = Vec::new();
            let list = choices
                .into_iter()
                .map(|mut c| {
                    let scheme = c.get("scheme").and_then(Y::as_str).unwrap_or("").to_string();
                    if seen.contains(&scheme) {
                        let header = c
                            .get("header")
                            .and_then(Y::as_str)
                            .map(|h| ident(h, "key"))
                            .unwrap_or_else(|| format!("{scheme}_{}", seen.len()));
                        c.insert(s("name"), s(&header));
                    }
                    seen.push(scheme);
                    Y::Mapping(c)
                })
                .collect();
            let mut m = Mapping::new();
            m.insert(s("one_of"), Y::Sequence(list));
            Some(Y::Mapping(m))
        }
    }
}

/// The document's servers as hosts: the first absolute `https` one is production, the
/// next staging (variables take their defaults).
fn hosts(doc: &Document) -> Option<(Mapping, String)> {
    let servers = doc.root.get("servers")?.as_array()?;
    let mut urls = Vec::new();
    for server in servers {
        let Some(mut url) = server.get("url").and_then(Value::as_str).map(str::to_string) else {
            continue;
        };
        if let Some(vars) = server.get("variables").and_then(Value::as_object) {
            for (k, v) in vars {
                if let Some(d) = v.get("default").and_then(Value::as_str) {
                    url = url.replace(&format!("{{{k}}}"), d);
                }
            }
        }
        let url = url.trim_end_matches('/').to_string();
        if url.starts_with("https://") && !url.contains('{') && !urls.contains(&url) {
            urls.push(url);
        }
    }
    // A server URL's path (`https://api.box.com/2.0`) goes in front of every path: hosts
    // are bare base URLs. The staging host must share the production one's path.
    let split = |u: &str| -> (String, String) {
        let after = &u["https://".len()..];
        match after.find('/') {
            Some(i) => (format!("https://{}", &after[..i]), after[i..].to_string()),
            None => (u.to_string(), String::new()),
        }
    };
    let (production, prefix) = split(urls.first()?);
    let mut h = Mapping::new();
    h.insert(s("production"), s(&production));
    if let Some((st, _)) = urls
        .iter()
        .skip(1)
        .map(|u| split(u))
        .find(|(st, p)| *p == prefix && *st != production)
    {
        h.insert(s("staging"), s(&st));
    }
    Some((h, prefix))
}

/// Builds the spec files of `selectors` (an API named `api`).
pub fn build(doc: &Document, selectors: &[Selector], api: &str) -> Result<Built, Vec<Error>> {
    let mut b = Builder {
        doc,
        names: BTreeMap::new(),
        types: BTreeMap::new(),
        stack: Vec::new(),
        depth: std::cell::Cell::new(0),
        prefix: format!("{api}."),
    };
    let mut endpoints = Vec::new();
    let mut errors = Vec::new();
    // The document's security, else (a document that names none) its first scheme the
    // format has: every endpoint of the format has an auth.
    let global_auth = doc.root.get("security").and_then(|r| auth(doc, r)).or_else(|| {
        let schemes = doc.root.pointer("/components/securitySchemes")?.as_object()?;
        let any: Vec<Value> = schemes.keys().map(|k| serde_json::json!({ k.clone(): [] })).collect();
        auth(doc, &Value::Array(any.into_iter().take(1).collect()))
    });
    let prefix = hosts(doc).map(|(_, p)| p).unwrap_or_default();
    for sel in selectors {
        match doc
            .find(sel)
            .and_then(|op| endpoint(&mut b, &op, api, global_auth.as_ref(), &prefix))
        {
            Ok(e) => {
                if !endpoints.iter().any(|(n, _): &(String, Mapping)| *n == e.0) {
                    endpoints.push(e);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut shared = Mapping::new();
    shared.insert(s("api"), s(api));
    if !doc.title.is_empty() {
        shared.insert(s("title"), s(&doc.title));
    }
    if let Some(d) = doc
        .root
        .pointer("/info/description")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        let first = d.split("\n\n").next().unwrap_or(d).trim();
        shared.insert(s("docs"), s(first));
    }
    if let Some((h, _)) = hosts(doc) {
        shared.insert(s("hosts"), Y::Mapping(h));
    }
    if let Some(a) = global_auth {
        shared.insert(s("auth"), a);
    }
    if !b.types.is_empty() {
        let mut t = Mapping::new();
        for (k, v) in std::mem::take(&mut b.types) {
            t.insert(s(&k), Y::Mapping(v));
        }
        shared.insert(s("types"), Y::Mapping(t));
    }
    Ok(Built { api: shared, endpoints })
}

fn content_type(ct: &str) -> Option<&'static str> {
    match ct {
        "application/json" => Some("application/json"),
        "application/merge-patch+json" => Some("application/merge-patch+json"),
        "application/vnd.api+json" => Some("application/vnd.api+json"),
        "application/x-www-form-urlencoded" => Some("application/x-www-form-urlencoded"),
        _ if ct.ends_with("+json") || ct.starts_with("application/json") => Some("application/json"),
        _ => None,
    }
}

/// Headers a request never documents as its own: OpenAPI ignores `Accept`,
/// `Content-Type` and `Authorization` parameters, and the format sets the others.
const NOT_DOCUMENTED_HEADERS: [&str; 7] = [
    "accept",
    "content-type",
    "authorization",
    "content-length",
    "host",
    "transfer-encoding",
    "connection",
];

/// A header parameter as a documented header (`headers:`): `Idempotency-Key` and
/// `If-Match` by their typed kind, an integer schema as `integer`, any other as
/// `string`; `None` for a header the format sets itself ([`NOT_DOCUMENTED_HEADERS`]) or
/// that is not an HTTP token.
fn header(b: &Builder<'_>, p: &Value, name: &str, at: &str) -> Result<Option<Mapping>, Error> {
    let lower = name.to_ascii_lowercase();
    let token = !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c));
    if !token || NOT_DOCUMENTED_HEADERS.contains(&lower.as_str()) {
        return Ok(None);
    }
    let integer = match p.get("schema") {
        Some(schema) => matches!(
            b.flat(schema, &format!("{at}/schema"))?.keys.get("type").and_then(Value::as_str),
            Some("integer")
        ),
        None => false,
    };
    let ty = match lower.as_str() {
        "idempotency-key" => "idempotency_key",
        "if-match" => "etag",
        _ if integer => "integer",
        _ => "string",
    };
    let mut h = Mapping::new();
    h.insert(s("type"), s(ty));
    if p.get("required").and_then(Value::as_bool) == Some(true) {
        h.insert(s("required"), Y::Bool(true));
    }
    if let Some(d) = p
        .get("description")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        h.insert(s("docs"), s(d));
    }
    Ok(Some(h))
}

fn endpoint(b: &mut Builder<'_>, op: &Op<'_>, api: &str, global_auth: Option<&Y>, prefix: &str) -> Result<(String, Mapping), Error> {
    let doc = b.doc;
    let id = op.op.get("operationId").and_then(Value::as_str);
    let name = match id {
        Some(id) => ident(own_name(id, &b.prefix), "op"),
        None => ident(&format!("{} {}", op.method, op.path), "op"),
    };
    let mut m = Mapping::new();
    m.insert(s("api"), s(api));
    m.insert(s("endpoint"), s(&name));
    if let Some(t) = op
        .op
        .get("summary")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        m.insert(s("title"), s(t));
    }
    m.insert(s("source"), s(&source_line(doc, op)));
    if let Some(d) = op
        .op
        .get("description")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        m.insert(s("docs"), s(d));
    }
    m.insert(s("method"), s(&op.method.to_uppercase()));
    // Some documents tell two operations on one path apart by a fragment
    // (`/files/{file_id}#add_shared_link`): it is never sent. A query is not a path.
    let sent = op.path.split('#').next().unwrap_or(op.path);
    if sent.contains('?') {
        return Err(Error::new(
            &doc.name,
            Some(op.pointer.clone()),
            format!("the path `{}` has a query string", op.path),
        )
        .hint("a spec's path is a template without a query; query parameters are not part of an update request the format has"));
    }
    m.insert(s("path"), s(&format!("{prefix}{sent}")));
    // Path and header parameters: the path item's, overridden by the operation's of the
    // same name.
    let mut params: Vec<(String, Mapping)> = Vec::new();
    let mut headers: Vec<(String, Mapping)> = Vec::new();
    for (src, list) in [("", op.item.get("parameters")), ("op", op.op.get("parameters"))] {
        let Some(list) = list.and_then(Value::as_array) else { continue };
        for (i, p) in list.iter().enumerate() {
            let at = if src.is_empty() {
                format!("#/paths/{}/parameters/{i}", escape(op.path))
            } else {
                format!("{}/parameters/{i}", op.pointer)
            };
            let (p, _) = doc.deref(p, &at)?;
            let Some(pname) = p.get("name").and_then(Value::as_str) else {
                continue;
            };
            match p.get("in").and_then(Value::as_str) {
                Some("path") => {}
                Some("header") => {
                    if let Some(h) = header(b, p, pname, &at)? {
                        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(pname));
                        headers.push((pname.to_string(), h));
                    }
                    continue;
                }
                _ => continue,
            }
            let mut pm = Mapping::new();
            let mut ty = "string";
            if let Some(schema) = p.get("schema") {
                let f = b.flat(schema, &format!("{at}/schema"))?;
                if matches!(f.keys.get("type").and_then(Value::as_str), Some("integer")) {
                    ty = "integer";
                }
                pm.insert(s("type"), s(ty));
                if ty == "string" {
                    let mut notes = Vec::new();
                    pattern(&f.keys, &mut pm, &mut notes);
                }
            } else {
                pm.insert(s("type"), s(ty));
            }
            if let Some(d) = p
                .get("description")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                pm.insert(s("docs"), s(d));
            }
            params.retain(|(n, _)| n != pname);
            params.push((pname.to_string(), pm));
        }
    }
    // Every `{name}` of the path, in path order (the format requires each one).
    let mut ordered = Mapping::new();
    for seg in sent.split('{').skip(1) {
        let pname = seg.split('}').next().unwrap_or("");
        let pm = params.iter().find(|(n, _)| n == pname).map(|(_, p)| p.clone()).unwrap_or_else(|| {
            let mut pm = Mapping::new();
            pm.insert(s("type"), s("string"));
            pm
        });
        ordered.insert(s(pname), Y::Mapping(pm));
    }
    if !ordered.is_empty() {
        m.insert(s("params"), Y::Mapping(ordered));
    }

    if let Some(req) = op.op.get("security") {
        if let Some(a) = auth(doc, req) {
            if Some(&a) != global_auth {
                m.insert(s("auth"), a);
            }
        }
    }
    // A header parameter that carries the auth's key is the auth's, not a documented header.
    let auth_headers: Vec<String> = {
        let mut out = Vec::new();
        let mut stack: Vec<&Y> = m.get("auth").or(global_auth).into_iter().collect();
        while let Some(a) = stack.pop() {
            if let Some(Y::String(h)) = a.get("header") {
                out.push(h.to_ascii_lowercase());
            }
            if let Some(Y::Sequence(all)) = a.get("one_of") {
                stack.extend(all.iter());
            }
        }
        out
    };
    headers.retain(|(n, _)| !auth_headers.contains(&n.to_ascii_lowercase()));
    if !headers.is_empty() {
        let mut hm = Mapping::new();
        for (n, h) in headers {
            hm.insert(s(&n), Y::Mapping(h));
        }
        m.insert(s("headers"), Y::Mapping(hm));
    }
    // Responses: the 2xx statuses, and the documented 4xx/5xx ones.
    let mut ok: Vec<u16> = Vec::new();
    let mut errs: Vec<u16> = Vec::new();
    if let Some(resp) = op.op.get("responses").and_then(Value::as_object) {
        for k in resp.keys() {
            if let Ok(code) = k.parse::<u16>() {
                if (200..300).contains(&code) {
                    ok.push(code);
                } else if (400..600).contains(&code) {
                    errs.push(code);
                }
            }
        }
    }
    ok.sort_unstable();
    errs.sort_unstable();
    if ok.is_empty() {
        ok.push(200);
    }
    let mut r = Mapping::new();
    r.insert(
        s("status"),
        if ok.len() == 1 {
            Y::Number(ok[0].into())
        } else {
            Y::Sequence(ok.iter().map(|c| Y::Number((*c).into())).collect())
        },
    );
    if !errs.is_empty() {
        r.insert(s("errors"), Y::Sequence(errs.iter().map(|c| Y::Number((*c).into())).collect()));
    }
    // The body: the first JSON or form media type of the request body.
    let mut body = Mapping::new();
    if let Some(rb) = op.op.get("requestBody") {
        let at = format!("{}/requestBody", op.pointer);
        let (rb, _) = doc.deref(rb, &at)?;
        let content = rb.get("content").and_then(Value::as_object);
        let picked = content.and_then(|c| c.iter().find_map(|(ct, media)| content_type(ct).map(|t| (ct, t, media))));
        match picked {
            Some((ct, spec_ct, media)) => {
                if spec_ct != "application/json" {
                    m.insert(s("content_type"), s(spec_ct));
                }
                if let Some(schema) = media.get("schema") {
                    let here = format!("{at}/content/{}/schema", escape(ct));
                    let flat = b.flat(schema, &here)?;
                    // A body that is one named object: its fields, inlined (the body is the fields).
                    let keys = match &flat.component {
                        Some(_) => flat.keys.clone(),
                        None => flat.keys.clone(),
                    };
                    let is_object = keys.get("properties").is_some() || keys.get("type").and_then(Value::as_str) == Some("object");
                    if !is_object {
                        return Err(Error::new(&doc.name, Some(here), "the request body is not an object: a spec's body is the object's fields")
                            .hint("import operations whose body is a JSON object (an update body); arrays and scalars are not bodies the format has"));
                    }
                    let prefix = flat
                        .component
                        .as_ref()
                        .map(|c| format!("#/components/schemas/{}", escape(c)))
                        .unwrap_or(here);
                    body = b.fields(&keys, Place::Body, &prefix)?;
                }
            }
            None if content.is_some_and(|c| !c.is_empty()) => {
                let types: Vec<&String> = content.map(|c| c.keys().collect()).unwrap_or_default();
                return Err(Error::new(
                    &doc.name,
                    Some(at),
                    format!("the request body is sent as {types:?}: no content type the format has"),
                )
                .hint("the format's bodies are JSON (application/json, merge-patch, JSON:API) or application/x-www-form-urlencoded"));
            }
            None => {}
        }
    }
    m.insert(s("response"), Y::Mapping(r));
    m.insert(s("body"), Y::Mapping(body));
    Ok((name, m))
}
