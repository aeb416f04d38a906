//! The JSON Schema of spec files (`codegen/core/schema/mutaspec.schema.json`, printed by
//! `mutaspec schema`; `schema/mutaspec.schema.json` is its copy for editors)
//! against the raw model it describes (`codegen/core/src/raw.rs`):
//!
//! - every key each raw struct accepts is a property of the schema object for it, with the same
//!   required keys and compatible value shapes, and the schema declares no other key;
//! - every file of `spec/` validates, and points its editor at the schema;
//! - mutations of a valid spec that mutaspec rejects, for their shape (an unknown key, a value of the
//!   wrong kind) or for a closed vocabulary, name form or misplaced key, fail validation too;
//! - the spec-shape cases of the bad-spec catalogue (`tests/bad-specs/`) fail validation.
//!
//! Validation uses the small validator below, which knows exactly the JSON Schema keywords the
//! schema uses and refuses any other: a keyword added to the schema is checked here or fails.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

const RAW_RS: &str = "codegen/core/src/raw.rs";
const SCHEMA_PATH: &str = "schema/mutaspec.schema.json";
const PACKAGED_SCHEMA: &str = "codegen/core/schema/mutaspec.schema.json";

fn schema() -> Value {
    serde_json::from_str(mutaspec_core::schema::SCHEMA).expect("the schema is valid JSON")
}

// ---------------------------------------------------------------------------------------------
// A validator for the subset of JSON Schema 2020-12 the schema uses.

/// Keywords that only annotate: they never make an instance invalid.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "title", "description", "default"];

struct Validator<'a> {
    root: &'a Value,
    regexes: RefCell<HashMap<String, regex_lite::Regex>>,
}

impl<'a> Validator<'a> {
    fn new(root: &'a Value) -> Self {
        Validator {
            root,
            regexes: RefCell::new(HashMap::new()),
        }
    }

    /// The errors of `inst` against the whole schema, as `path: message`.
    fn errors(&self, inst: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.check(self.root, inst, "", &mut out);
        out
    }

    fn valid(&self, schema: &Value, inst: &Value) -> bool {
        let mut out = Vec::new();
        self.check(schema, inst, "", &mut out);
        out.is_empty()
    }

    fn resolve(&self, reference: &str) -> &'a Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local references: {reference}"));
        self.root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling reference {reference}"))
    }

    fn matches(&self, pattern: &str, text: &str) -> bool {
        let mut cache = self.regexes.borrow_mut();
        let re = cache
            .entry(pattern.to_owned())
            .or_insert_with(|| regex_lite::Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern {pattern:?}: {e}")));
        re.is_match(text)
    }

    fn check(&self, schema: &Value, inst: &Value, at: &str, out: &mut Vec<String>) {
        let map = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => return out.push(format!("{at}: not allowed here")),
            Value::Object(map) => map,
            other => panic!("a schema is an object or a boolean, not {other}"),
        };
        for (key, arg) in map {
            match key.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => self.check(self.resolve(arg.as_str().unwrap()), inst, at, out),
                "type" => {
                    let names: Vec<&str> = match arg {
                        Value::String(s) => vec![s.as_str()],
                        Value::Array(a) => a.iter().map(|t| t.as_str().unwrap()).collect(),
                        _ => panic!("bad type {arg}"),
                    };
                    if !names.iter().any(|t| has_type(inst, t)) {
                        out.push(format!("{at}: {} is not of type {}", short(inst), names.join("|")));
                    }
                }
                "enum" => {
                    if !arg.as_array().unwrap().contains(inst) {
                        out.push(format!("{at}: {} is not one of {arg}", short(inst)));
                    }
                }
                "const" => {
                    if arg != inst {
                        out.push(format!("{at}: {} is not {arg}", short(inst)));
                    }
                }
                "properties"
                | "additionalProperties"
                | "propertyNames"
                | "required"
                | "minProperties"
                | "maxProperties"
                | "dependentRequired" => self.check_object(key, arg, map, inst, at, out),
                "items" | "minItems" | "uniqueItems" => self.check_array(key, arg, inst, at, out),
                "pattern" | "minLength" => {
                    if let Value::String(s) = inst {
                        let ok = match key.as_str() {
                            "pattern" => self.matches(arg.as_str().unwrap(), s),
                            _ => s.chars().count() as u64 >= arg.as_u64().unwrap(),
                        };
                        if !ok {
                            out.push(format!("{at}: {s:?} does not satisfy {key} {arg}"));
                        }
                    }
                }
                "minimum" | "maximum" => {
                    if let Value::Number(n) = inst {
                        let (n, bound) = (n.as_f64().unwrap(), arg.as_f64().unwrap());
                        if (key == "minimum" && n < bound) || (key == "maximum" && n > bound) {
                            out.push(format!("{at}: {n} is out of range ({key} {bound})"));
                        }
                    }
                }
                "oneOf" | "anyOf" | "allOf" => {
                    let branches = arg.as_array().unwrap();
                    let valid = branches.iter().filter(|b| self.valid(b, inst)).count();
                    let ok = match key.as_str() {
                        "oneOf" => valid == 1,
                        "anyOf" => valid >= 1,
                        _ => valid == branches.len(),
                    };
                    if !ok {
                        if branches.len() == 1 {
                            self.check(&branches[0], inst, at, out);
                        } else {
                            out.push(format!(
                                "{at}: {} matches {valid} of the {} branches of {key}",
                                short(inst),
                                branches.len()
                            ));
                            // The errors of each branch, to tell why.
                            for (i, b) in branches.iter().enumerate() {
                                let mut why = Vec::new();
                                self.check(b, inst, &format!("{at}[{key} {i}]"), &mut why);
                                out.extend(why);
                            }
                        }
                    }
                }
                "not" => {
                    if self.valid(arg, inst) {
                        out.push(format!("{at}: {} matches a `not` schema {arg}", short(inst)));
                    }
                }
                "if" => {
                    let branch = if self.valid(arg, inst) { map.get("then") } else { map.get("else") };
                    if let Some(b) = branch {
                        self.check(b, inst, at, out);
                    }
                }
                "then" | "else" => {} // with `if`
                other => panic!("the test's validator does not know the keyword `{other}`: teach it, or do without"),
            }
        }
    }

    fn check_object(&self, key: &str, arg: &Value, map: &serde_json::Map<String, Value>, inst: &Value, at: &str, out: &mut Vec<String>) {
        let Value::Object(obj) = inst else { return };
        match key {
            "properties" => {
                for (name, sub) in arg.as_object().unwrap() {
                    if let Some(v) = obj.get(name) {
                        self.check(sub, v, &format!("{at}/{name}"), out);
                    }
                }
            }
            "additionalProperties" => {
                let declared = map.get("properties").and_then(Value::as_object);
                for (name, v) in obj {
                    if declared.is_some_and(|d| d.contains_key(name)) {
                        continue;
                    }
                    if *arg == Value::Bool(false) {
                        out.push(format!("{at}: unknown key `{name}`"));
                    } else {
                        self.check(arg, v, &format!("{at}/{name}"), out);
                    }
                }
            }
            "propertyNames" => {
                for name in obj.keys() {
                    self.check(arg, &Value::String(name.clone()), &format!("{at}/{name} (the key)"), out);
                }
            }
            "required" => {
                for name in arg.as_array().unwrap() {
                    if !obj.contains_key(name.as_str().unwrap()) {
                        out.push(format!("{at}: missing key `{}`", name.as_str().unwrap()));
                    }
                }
            }
            "minProperties" if (obj.len() as u64) < arg.as_u64().unwrap() => out.push(format!("{at}: fewer than {arg} entries")),
            "maxProperties" if (obj.len() as u64) > arg.as_u64().unwrap() => out.push(format!("{at}: more than {arg} entries")),
            "dependentRequired" => {
                for (name, needs) in arg.as_object().unwrap() {
                    for need in needs.as_array().unwrap() {
                        let need = need.as_str().unwrap();
                        if obj.contains_key(name) && !obj.contains_key(need) {
                            out.push(format!("{at}: `{name}` needs `{need}`"));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn check_array(&self, key: &str, arg: &Value, inst: &Value, at: &str, out: &mut Vec<String>) {
        let Value::Array(items) = inst else { return };
        match key {
            "items" => {
                for (i, v) in items.iter().enumerate() {
                    self.check(arg, v, &format!("{at}/{i}"), out);
                }
            }
            "minItems" if (items.len() as u64) < arg.as_u64().unwrap() => out.push(format!("{at}: fewer than {arg} items")),
            "uniqueItems" if *arg == Value::Bool(true) => {
                for (i, v) in items.iter().enumerate() {
                    if items[..i].contains(v) {
                        out.push(format!("{at}/{i}: {} appears twice", short(v)));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether `v` is of JSON Schema type `t`. An integer is a number written without a fraction, as
/// serde reads it (`5.0` is not one).
fn has_type(v: &Value, t: &str) -> bool {
    match (t, v) {
        ("null", Value::Null) | ("boolean", Value::Bool(_)) | ("number", Value::Number(_)) => true,
        ("string", Value::String(_)) | ("array", Value::Array(_)) | ("object", Value::Object(_)) => true,
        ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}...", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// A YAML document as JSON, as an editor's YAML language server sees it: mapping keys written as
/// numbers or booleans (`60301:`, `0:`) are strings.
fn yaml_to_json(v: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(u) = n.as_u64() {
                Value::from(u)
            } else if let Some(i) = n.as_i64() {
                Value::from(i)
            } else {
                serde_json::Number::from_f64(n.as_f64().unwrap()).map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Number(n) => n.to_string(),
                        Y::Bool(b) => b.to_string(),
                        Y::Null => String::new(),
                        other => panic!("a mapping key that is not a scalar: {other:?}"),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(t.value),
    }
}

fn parse_yaml(text: &str) -> Value {
    yaml_to_json(serde_yaml::from_str(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}")))
}

// ---------------------------------------------------------------------------------------------
// The raw model, read from raw.rs's text.

#[derive(Debug)]
struct RawField {
    /// The key as written in a spec (`rename` applied).
    key: String,
    /// The Rust type as written (`Option<Constraint<String>>`).
    ty: String,
    /// Whether serde accepts the struct without it (`Option<...>` or `#[serde(default)]`).
    optional: bool,
}

#[derive(Debug)]
struct RawStruct {
    name: String,
    deserialize: bool,
    deny_unknown_fields: bool,
    fields: Vec<RawField>,
}

/// The structs of raw.rs with braces, their serde attributes and fields.
fn raw_structs() -> Vec<RawStruct> {
    let text = std::fs::read_to_string(RAW_RS).expect("raw.rs is readable");
    let mut out = Vec::new();
    let mut attrs: Vec<String> = Vec::new();
    let mut current: Option<RawStruct> = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("#[") {
            attrs.push(t.to_owned());
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        let header = t.strip_prefix("pub struct ").or_else(|| t.strip_prefix("struct "));
        if let (Some(rest), None) = (header, &current) {
            if t.ends_with('{') {
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                current = Some(RawStruct {
                    name,
                    deserialize: attrs.iter().any(|a| a.starts_with("#[derive(") && a.contains("Deserialize")),
                    deny_unknown_fields: attrs.iter().any(|a| a.contains("deny_unknown_fields")),
                    fields: Vec::new(),
                });
            }
            attrs.clear();
            continue;
        }
        let Some(st) = current.as_mut() else {
            attrs.clear();
            continue;
        };
        if t == "}" {
            out.push(current.take().unwrap());
        } else {
            let decl = t.strip_prefix("pub ").unwrap_or(t);
            let (ident, ty) = decl
                .split_once(':')
                .unwrap_or_else(|| panic!("raw.rs: a struct line that is not a field: {t}"));
            let serde: Vec<&String> = attrs.iter().filter(|a| a.starts_with("#[serde(")).collect();
            let rename = serde
                .iter()
                .find_map(|a| a.split("rename = \"").nth(1).and_then(|r| r.split('"').next()));
            let ty = ty.trim().trim_end_matches(',').to_owned();
            st.fields.push(RawField {
                key: rename.unwrap_or(ident.trim()).to_owned(),
                optional: ty.starts_with("Option<") || serde.iter().any(|a| a.contains("default")),
                ty,
            });
        }
        attrs.clear();
    }
    assert!(current.is_none(), "raw.rs: an unclosed struct");
    out
}

/// Where the schema describes each raw struct: `$defs` pointers (`""` is the whole file). A
/// constraint's mapping form has one `$defs` entry per value type.
const PLACES: &[(&str, &[&str])] = &[
    ("RawFile", &[""]),
    ("RawParam", &["/$defs/param"]),
    ("RawHosts", &["/$defs/hosts"]),
    ("RawAuth", &["/$defs/auth"]),
    ("RawHeader", &["/$defs/header"]),
    ("RawResponse", &["/$defs/response"]),
    ("RawType", &["/$defs/namedType"]),
    ("RawFieldSpec", &["/$defs/fieldSpec"]),
    ("RawLockFull", &["/$defs/lock"]),
    ("RawEffectUseFull", &["/$defs/effectUse"]),
    ("RawSent", &["/$defs/anyConditions/additionalProperties/oneOf/2"]),
    ("RawAvailability", &["/$defs/availability"]),
    ("RawUnion", &["/$defs/union"]),
    ("RawPart", &["/$defs/partConstraints"]),
    ("RawGroup", &["/$defs/group"]),
    (
        "ConstraintFull",
        &[
            "/$defs/formatConstraint",
            "/$defs/lengthConstraint",
            "/$defs/numberConstraint",
            "/$defs/dateConstraint",
            "/$defs/patternConstraint",
            "/$defs/requiredConstraint",
            "/$defs/uniqueByConstraint",
            "/$defs/checkConstraint",
        ],
    ),
    ("RawSetting", &["/$defs/setting"]),
    ("RawSettingLock", &["/$defs/settingLock"]),
    ("RawEffect", &["/$defs/effect"]),
    ("RawErrors", &["/$defs/errors"]),
    ("RawCommon", &["/$defs/commonRange"]),
    ("RawCode", &["/$defs/errorCodeEntry"]),
    ("RawErrorBodyFull", &["/$defs/errorBody"]),
];

/// The raw types a spec value deserializes through, by the struct that holds their keys.
const VIA: &[(&str, &str)] = &[
    ("RawField", "RawFieldSpec"),
    ("RawLock", "RawLockFull"),
    ("RawEffectUse", "RawEffectUseFull"),
    ("Constraint", "ConstraintFull"),
    ("Constraints", "ConstraintFull"),
    ("RawErrorBody", "RawErrorBodyFull"),
];

/// The object schema at `pointer`: the schema itself, or its one `oneOf` branch that is a mapping
/// (a key's "scalar or mapping" form). Returns the branch's own pointer too.
fn object_at(schema: &Value, pointer: &str) -> (String, Value) {
    let node = schema.pointer(pointer).unwrap_or_else(|| panic!("the schema has no {pointer:?}"));
    if node.get("properties").is_some() {
        return (pointer.to_owned(), node.clone());
    }
    let branches = node["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("{pointer:?} is neither a mapping nor a oneOf"));
    let mut found = branches.iter().enumerate().filter(|(_, b)| b.get("properties").is_some());
    let (i, b) = found.next().unwrap_or_else(|| panic!("{pointer:?} has no mapping branch"));
    assert!(found.next().is_none(), "{pointer:?} has two mapping branches");
    (format!("{pointer}/oneOf/{i}"), b.clone())
}

fn keys(node: &Value, keyword: &str) -> BTreeSet<String> {
    match node.get(keyword) {
        Some(Value::Object(m)) => m.keys().cloned().collect(),
        Some(Value::Array(a)) => a.iter().map(|s| s.as_str().unwrap().to_owned()).collect(),
        _ => BTreeSet::new(),
    }
}

/// Every subschema of the schema, by JSON pointer, with the keys of the mapping it sits under when
/// it is an `if`/`then`/`else`/`not`/`oneOf`/... of that mapping (`None` elsewhere).
fn subschemas<'v>(
    node: &'v Value,
    pointer: String,
    owner: Option<BTreeSet<String>>,
    out: &mut Vec<(String, &'v Value, Option<BTreeSet<String>>)>,
) {
    let Value::Object(map) = node else { return };
    out.push((pointer.clone(), node, owner.clone()));
    let own = if map.contains_key("additionalProperties") && map.contains_key("properties") {
        Some(keys(node, "properties"))
    } else {
        owner
    };
    for (k, v) in map {
        let at = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
        match k.as_str() {
            "properties" | "$defs" => {
                for (name, sub) in v.as_object().unwrap() {
                    subschemas(sub, format!("{at}/{}", name.replace('~', "~0").replace('/', "~1")), None, out);
                }
            }
            "additionalProperties" | "propertyNames" | "items" => subschemas(v, at, None, out),
            "if" | "then" | "else" | "not" => subschemas(v, at, own.clone(), out),
            "oneOf" | "anyOf" | "allOf" => {
                for (i, sub) in v.as_array().unwrap().iter().enumerate() {
                    subschemas(sub, format!("{at}/{i}"), own.clone(), out);
                }
            }
            _ => {}
        }
    }
}

/// The JSON kinds a schema admits (`integer` is a kind of its own here), following `$ref`s.
fn kinds(root: &Value, node: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        return kinds(root, root.pointer(&r[1..]).unwrap());
    }
    match node.get("type") {
        Some(Value::String(t)) => {
            out.insert(t.clone());
        }
        Some(Value::Array(a)) => out.extend(a.iter().map(|t| t.as_str().unwrap().to_owned())),
        _ => {}
    }
    for v in node.get("enum").and_then(Value::as_array).into_iter().flatten() {
        out.insert(kind_of(v).to_owned());
    }
    for list in ["oneOf", "anyOf"] {
        for b in node.get(list).and_then(Value::as_array).into_iter().flatten() {
            out.extend(kinds(root, b));
        }
    }
    if let Some(all) = node.get("allOf").and_then(Value::as_array) {
        out.extend(kinds(root, &all[0]));
    }
    out
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The JSON kinds serde_yaml reads into a Rust type of raw.rs. A `String` asked for by name takes
/// any scalar as its text (`title: 5`); a constraint's bare value goes through `deserialize_any`,
/// where a string must be a string.
fn rust_kinds(ty: &str) -> BTreeSet<&'static str> {
    let ty = ty.trim();
    let inner = |prefix: &str| ty.strip_prefix(prefix).and_then(|r| r.strip_suffix('>'));
    let set = |k: &[&'static str]| k.iter().copied().collect::<BTreeSet<_>>();
    if let Some(t) = inner("Option<") {
        return rust_kinds(t);
    }
    if inner("Vec<").is_some() {
        return set(&["array"]);
    }
    if inner("OrderedMap<").is_some() {
        return set(&["object"]);
    }
    if let Some(t) = inner("Constraints<") {
        // One constraint, or a list of them.
        let mut one = rust_kinds(&format!("Constraint<{t}>"));
        one.insert("array");
        return one;
    }
    if let Some(t) = inner("Constraint<") {
        let mut bare = match t {
            "String" => set(&["string"]),
            other => rust_kinds(other),
        };
        bare.insert("object");
        return bare;
    }
    match ty {
        "String" => set(&["string", "integer", "number", "boolean"]),
        "bool" => set(&["boolean"]),
        "u16" | "u32" | "u64" | "i64" => set(&["integer"]),
        "RawStatuses" => set(&["integer", "array"]),
        "RawCodeKey" => set(&["integer", "string"]),
        "RawErrorBody" => set(&["string", "object"]),
        "Number" => set(&["integer", "number", "string"]),
        "T" => set(&["string", "integer", "number", "boolean"]), // a constraint's `value`: checked per constraint below
        "RawField" | "RawLock" | "RawEffectUse" => set(&["string", "object"]),
        // `clear: null` or a sentinel; other values are read to be refused with a location.
        "RawClear" => set(&["null", "string", "integer", "number", "boolean", "array", "object"]),
        _ => set(&["object"]),
    }
}

/// The raw struct names mentioned in a Rust type, mapped to the struct that holds their keys.
fn raw_refs(ty: &str) -> Vec<&'static str> {
    let words: Vec<&str> = ty
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for w in words {
        let target = VIA.iter().find(|(from, _)| *from == w).map_or(w, |(_, to)| *to);
        if let Some((name, _)) = PLACES.iter().find(|(name, _)| *name == target) {
            out.push(*name);
        }
    }
    out
}

/// The `$defs` pointers a subschema leads to through `$ref`, `additionalProperties`, `items` and
/// branches (not through `properties`: those are another mapping's keys).
fn reached(root: &Value, node: &Value, seen: &mut BTreeSet<String>) {
    let Value::Object(map) = node else { return };
    if let Some(r) = map.get("$ref").and_then(Value::as_str) {
        let p = r[1..].to_owned();
        if seen.insert(p.clone()) {
            reached(root, root.pointer(&p).unwrap(), seen);
        }
    }
    for k in ["additionalProperties", "items"] {
        if let Some(v) = map.get(k) {
            reached(root, v, seen);
        }
    }
    for k in ["oneOf", "anyOf", "allOf"] {
        for b in map.get(k).and_then(Value::as_array).into_iter().flatten() {
            reached(root, b, seen);
        }
    }
}

/// `schema/mutaspec.schema.json` (where spec files point their editor) is a committed copy of
/// the schema `mutaspec-core` compiles in from its own package (`codegen/core/schema/`, so a
/// packaged core builds), byte for byte.
#[test]
fn the_editor_copy_is_the_schema_mutaspec_prints() {
    let copy = std::fs::read(SCHEMA_PATH).unwrap();
    assert!(
        copy == mutaspec_core::schema::SCHEMA.as_bytes(),
        "{SCHEMA_PATH} differs from {PACKAGED_SCHEMA} (what `mutaspec schema` prints): edit {PACKAGED_SCHEMA}, \
         then `cp {PACKAGED_SCHEMA} {SCHEMA_PATH}`"
    );
    assert_eq!(std::fs::read(PACKAGED_SCHEMA).unwrap(), mutaspec_core::schema::SCHEMA.as_bytes());
}

#[test]
fn the_schema_declares_exactly_the_keys_of_the_raw_model() {
    let schema = schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(schema["$id"].as_str().is_some_and(|s| !s.is_empty()), "the schema has an $id");
    assert!(schema["title"].is_string() && schema["description"].is_string());
    let structs = raw_structs();
    let derived: Vec<&RawStruct> = structs.iter().filter(|s| s.deserialize).collect();
    assert!(derived.len() >= 10, "raw.rs was read: {} derived structs", derived.len());
    let mut places: BTreeMap<String, &str> = BTreeMap::new();
    for st in &derived {
        assert!(st.deny_unknown_fields, "raw.rs: {} does not deny unknown fields", st.name);
        let (_, pointers) = PLACES
            .iter()
            .find(|(name, _)| *name == st.name)
            .unwrap_or_else(|| panic!("raw.rs has a new struct {}: add its place in the schema to PLACES", st.name));
        let accepted: BTreeSet<String> = st.fields.iter().map(|f| f.key.clone()).collect();
        let required: BTreeSet<String> = st.fields.iter().filter(|f| !f.optional).map(|f| f.key.clone()).collect();
        for pointer in *pointers {
            let (at, node) = object_at(&schema, pointer);
            assert_eq!(
                node["additionalProperties"],
                Value::Bool(false),
                "{at} ({}) denies unknown keys",
                st.name
            );
            assert_eq!(keys(&node, "properties"), accepted, "the keys of {at} are those of {}", st.name);
            assert_eq!(
                keys(&node, "required"),
                required,
                "the required keys of {at} are those of {}",
                st.name
            );
            for f in &st.fields {
                let prop = &node["properties"][&f.key];
                let desc = prop["description"].as_str().unwrap_or("");
                // One sentence for the editor's hover, saying what the key means and its default.
                assert!(
                    desc.ends_with('.') && desc.len() > 20 && (desc.contains("default") || desc.contains("required")),
                    "{at}/properties/{}: the description is a sentence that gives the default (or says `required`): {desc:?}",
                    f.key
                );
                let have = kinds(&schema, prop);
                let may = rust_kinds(&f.ty);
                assert!(
                    !have.is_empty() && have.iter().all(|k| may.contains(k.as_str())),
                    "{at}/properties/{}: the schema admits {have:?}, {} `{}` reads {may:?}",
                    f.key,
                    st.name,
                    f.ty
                );
                let mut seen = BTreeSet::new();
                reached(&schema, prop, &mut seen);
                for target in raw_refs(&f.ty) {
                    let (_, targets) = PLACES.iter().find(|(n, _)| *n == target).unwrap();
                    assert!(
                        targets.iter().any(|t| seen.contains(*t)),
                        "{at}/properties/{} (`{}`) leads to the schema of {target} ({targets:?}); it reaches {seen:?}",
                        f.key,
                        f.ty
                    );
                }
            }
            places.insert(at, &st.name);
        }
    }
    for (name, _) in PLACES {
        assert!(
            derived.iter().any(|s| s.name == *name),
            "PLACES names {name}, which raw.rs no longer has"
        );
    }

    // No other mapping: every subschema that declares keys is one of the places above, and one that
    // only restricts keys (`then: { properties: { x: false } }`) names keys of the mapping it is in.
    let mut all = Vec::new();
    subschemas(&schema, String::new(), None, &mut all);
    for (pointer, node, owner) in &all {
        if node.get("properties").is_none() && node.get("required").is_none() && node.get("dependentRequired").is_none() {
            continue;
        }
        let declares = node.get("additionalProperties").is_some() && node.get("properties").is_some();
        if declares {
            assert!(
                places.contains_key(pointer),
                "{pointer} declares keys {:?} that no raw struct has",
                keys(node, "properties")
            );
            continue;
        }
        assert!(node.get("properties").is_none() || node.get("additionalProperties").is_none());
        let owner = owner
            .as_ref()
            .unwrap_or_else(|| panic!("{pointer} names keys outside a mapping: {node}"));
        for kw in ["properties", "required", "dependentRequired"] {
            let named = keys(node, kw);
            assert!(
                named.is_subset(owner),
                "{pointer}: `{kw}` names {:?}, not keys of its mapping",
                named.difference(owner)
            );
        }
        if let Some(Value::Object(deps)) = node.get("dependentRequired") {
            for need in deps.values().flat_map(|v| v.as_array().unwrap()) {
                assert!(
                    owner.contains(need.as_str().unwrap()),
                    "{pointer}: dependentRequired needs unknown {need}"
                );
            }
        }
    }
}

#[test]
fn constraint_values_have_the_kind_of_their_raw_type() {
    // `Constraint<T>` per raw key: the bare form and `value` take T's kind.
    let schema = schema();
    let spec = raw_structs().into_iter().find(|s| s.name == "RawFieldSpec").unwrap();
    let field = &schema["$defs"]["fieldSpec"]["properties"];
    for f in spec.fields.iter().filter(|f| f.ty.contains("Constraints<")) {
        let t = f.ty.split("Constraints<").nth(1).unwrap().trim_end_matches('>');
        let want: BTreeSet<&str> = match t {
            "String" => ["string"].into(),
            "u64" => ["integer"].into(),
            "bool" => ["boolean"].into(),
            "Number" => ["integer", "number", "string"].into(),
            other => panic!("a constraint of {other}: add it here"),
        };
        // `...Constraints`: one `...Constraint` or a list of them.
        let list = field[&f.key]["$ref"].as_str().unwrap()[1..].to_owned();
        let forms = schema.pointer(&list).unwrap()["oneOf"].as_array().unwrap();
        let pointer = forms[0]["$ref"].as_str().unwrap()[1..].to_owned();
        assert_eq!(
            forms[1]["items"]["$ref"].as_str().unwrap()[1..],
            pointer,
            "{}: a list of the same constraint",
            f.key
        );
        let node = schema.pointer(&pointer).unwrap();
        let branches = node["oneOf"].as_array().unwrap();
        let value = &object_at(&schema, &pointer).1["properties"]["value"];
        for (what, sub) in [
            ("bare", branches.iter().find(|b| b.get("properties").is_none()).unwrap()),
            ("value", value),
        ] {
            let have = kinds(&schema, sub);
            assert!(
                !have.is_empty() && have.iter().all(|k| want.contains(k.as_str())),
                "{}: the {what} form admits {have:?}, Constraint<{t}> reads {want:?}",
                f.key
            );
        }
    }
}

#[test]
fn closed_vocabularies_match_the_code() {
    let schema = schema();
    let d = &schema["$defs"];
    let strings = |v: &Value| -> Vec<String> { v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect() };
    let formats: Vec<String> = mutaspec_core::model::Format::ALL.iter().map(|(_, n)| n.to_string()).collect();
    assert_eq!(strings(&d["formatConstraint"]["oneOf"][0]["enum"]), formats);
    let checks: Vec<String> = mutaspec_runtime::checks::named_check_names().map(str::to_owned).collect();
    assert_eq!(strings(&d["checkConstraint"]["oneOf"][0]["enum"]), checks);
    let group_checks: Vec<String> = mutaspec_runtime::checks::group_check_names().map(str::to_owned).collect();
    assert_eq!(strings(&d["group"]["properties"]["check"]["enum"]), group_checks);
    use mutaspec_core::model::{Auth, LockKind, Merge, Method, UpdateRule};
    let methods: Vec<String> = Method::ALL.iter().map(|m| m.as_str().to_owned()).collect();
    assert_eq!(strings(&schema["properties"]["method"]["enum"]), methods);
    let rules: Vec<&str> = UpdateRule::NAMED.iter().map(|(n, _)| *n).collect();
    assert_eq!(strings(&d["fieldSpec"]["properties"]["rule"]["enum"]), rules);
    let merges: Vec<&str> = Merge::ALL.iter().map(|(_, n)| *n).collect();
    assert_eq!(strings(&d["fieldSpec"]["properties"]["merge"]["enum"]), merges);
    assert_eq!(strings(&d["auth"]["properties"]["scheme"]["enum"]), Auth::SCHEMES);
    let kinds: Vec<&str> = LockKind::ALL.iter().map(|(_, n)| *n).collect();
    assert_eq!(strings(&d["setting"]["properties"]["kind"]["enum"]), kinds);
    assert_eq!(strings(&d["errorCodeEntry"]["properties"]["check"]["enum"]), ["client", "server"]);
}

// ---------------------------------------------------------------------------------------------
// Spec files against the schema.

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())).flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_spec_file_validates_and_points_at_the_schema() {
    let schema = schema();
    let v = Validator::new(&schema);
    let files = yaml_files(Path::new("spec"));
    assert!(files.len() >= 3, "spec/ has {} files", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for e in v.errors(&parse_yaml(&text)) {
            failures.push(format!("{}: {e}", f.display()));
        }
        let depth = f.parent().unwrap().components().count();
        let modeline = format!("# yaml-language-server: $schema={}{SCHEMA_PATH}", "../".repeat(depth));
        if text.lines().next() != Some(modeline.as_str()) {
            failures.push(format!("{}: the first line is not `{modeline}`", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Valid and broken specs: the schema agrees with mutaspec.

/// A shared file and an endpoint file that use every key and both forms of every "scalar or
/// mapping" value, and that mutaspec loads.
const SHARED: &str = r#"api: shop
title: Shop
docs: A shop.
hosts: { production: https://api.example.com, staging: http://sandbox.example.com, allow: [plain-http-host] }
auth: { scheme: bearer, api_key_header: x-api-key }
content_type: application/json
headers:
  X-Client: { value: shop-sdk, docs: The client. }
  If-Match: { type: etag, required: true }
types:
  Color:
    docs: A color.
    values: [RED, GREEN]
    error: 100
    open: false
  Size:
    values: [0, 1, 2]
    open: true
  Address:
    fields:
      kind: { type: AddressKind, docs: The kind. }
      line1:
        type: string
        required: { value: true, error: 101 }
        max_length: { value: 76, setting: strict, error: 103 }
        check: { value: no_po_box, if: { kind: Home }, error: 102 }
      line2: { type: string, check: no_po_box, min_length: 1, pattern: "[A-Za-z0-9 ]+" }
      country: { type: string, format: { value: country_alpha2, error: 104 } }
    groups:
      - required_together: [line2, country]
  AddressKind:
    values: [Home, Work]
    available: { Work: { since: v2, until: v3 } }
versions: [v1, v2, v3]
version_header: Shop-Version
settings:
  strict: { docs: A strict program., default: false }
  nameUpdates: { default: true, locks: { when: false, error: 105 } }
  kyc: { docs: KYC., kind: identity_verification, locks: { when: true } }
  homeAddressUpdates: { default: true, locks: { when: false, error: 106 } }
effects:
  reverification: { docs: May trigger re-verification. }
errors:
  name: ShopError
  docs: The shop's errors.
  key: number
  body: { shape: stripe, under: /data, code: /code, message: /message, field: /field, status: /status }
  common: { from: 1, to: 99, message: Any common error., notes: See elsewhere. }
  codes:
    - { code: 100, name: BadColor, message: Bad color. }
    - { code: 101, message: Line 1 is required. }
    - { code: 102, message: No PO box. }
    - { code: 103, message: Too long. }
    - { code: 104, message: Bad country. }
    - { code: 105, message: Locked. }
    - { code: 106, message: Locked. }
    - { code: 107, message: Too small. }
    - { code: 108, message: Too late. }
    - { code: 60301, name: TagInUse, message: "Tag '{0}' is in use.", params: { "0": tag }, check: server, notes: Server side. }
"#;

const ENDPOINT: &str = r#"api: shop
endpoint: update_item
title: Update Item
source: a test
docs: Updates an item.
method: PATCH
path: /items/{itemId}/{sku}
params:
  itemId: { type: integer, docs: The item. }
  sku: { type: string, pattern: { value: "SKU[0-9]{4}" } }
hosts: { production: https://api.example.com }
auth:
  one_of:
    - { scheme: basic }
    - { scheme: api_key, name: partner, header: Authorization, prefix: Token }
    - { scheme: oauth2, token_url: "https://auth.example.com/token", scopes: [write], client_auth: body }
content_type: application/x-www-form-urlencoded
headers:
  Idempotency-Key: { type: idempotency_key, rust: idem_key }
response: { status: 200, type: Item, docs: The item. }
types:
  Item:
    fields:
      id: { type: integer, output_only: true }
  Kind:
    values: [BOOK, TOY]
    labels: { BOOK: Book }
current:
  listing: { values: [NEW, SOLD], docs: The item's listing state. }
body:
  meta: { type: json, max_depth: 3, max_bytes: 100, since: v1, until: v3, review: Imported; check the rule. }
  buyer: Address | string
  mode: { values: [A, B], available: { B: { since: v2 } } }
  kind: { type: Kind, rule: identifying }
  isbn: { type: string, when: { kind: BOOK } }
  details: { union: { tag: kind, variants: { BOOK: Item }, error: 101 } }
  serial: { type: string, rule: set_once, sensitive: true, docs: The serial number., clear: null }
  extraAttributes: { type: "map<string>", clear_entries: null }
  owner: { rule: not_updatable, docs: Never. }
  name: { type: string, locked_by: [nameUpdates, kyc], effects: [reverification], rust: title, aliases: [Name] }
  price: { type: decimal, min: "0.01", max: { value: 1050.5, error: 107 } }
  count: { type: integer, min: -3, max: 10 }
  releasedOn: { type: date, after: 1900-01-01, before: { value: 2100-01-01, error: 108 } }
  updatedAt: { type: datetime, after: "2000-01-01T00:00:00Z" }
  color: Color
  sizes: "Size[]"
  labels: { type: "map<string>", merge: replace, max_length: 20 }
  tags: { type: "string[]", max_length: { value: 5, if: { kind: TOY } } }
  notes:
    type: "map<string>"
    max_items: [50, { value: 10, setting: strict }]
    min_items: 1
    keys: { max_length: 40, pattern: "[a-z_]+" }
    items: { max_length: [500, { value: 100, setting: strict }] }
  addresses:
    type: Address[]
    unique_by: { value: kind }
    locked_by:
      - { setting: homeAddressUpdates, if: { kind: Home } }
      - kyc
  shipping.address: Address
  shipping.speed: { values: [FAST, SLOW], name: ShippingSpeed, error: 100 }
  parts[].name: string
  dimensions: { fields: { width: integer, height: { type: integer, required: true } }, groups: [{ conflicts: [width, height] }], open: true }
  variants: { type: "object[]", fields: { sku: string } }
  cards: { type: "object[]", key: id, fields: { id: { type: string, rule: identifying } } }
  channels: { type: "enum[]", values: [WEB, STORE], labels: { WEB: Online } }
  1: { type: string, rust: first }
  status:
    values: [NEW, OPEN, DONE]
    name: ItemStatus
    transitions: { OPEN: [DONE], DONE: [] }
    provider_only: [NEW]
  stock: { type: integer, rule: increase_only, while: { status: OPEN }, max: { value: 100, while: { status: [OPEN, DONE] } } }
  memo: { type: string, locked_by: [{ setting: nameUpdates, while: { status: DONE } }], effects: [{ effect: reverification, while: { status: DONE } }] }
  nickname: { type: string, max_length: { value: 5, if: { count: { sent: true } } } }
groups:
  - exactly_one_of: [price, count]
  - at_least_one_of: [price, count, color]
  - { required: [isbn], with: [shipping.speed] }
  - { required: [price], if: { kind: [BOOK, TOY] } }
  - { check: sum, fields: [dimensions.width, dimensions.height], args: { equals: 100 } }
"#;

fn load(files: &[(&str, &str)]) -> Result<(), Vec<String>> {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    match mutaspec_core::load_texts(&bytes) {
        Ok(_) => Ok(()),
        Err(e) => Err(e
            .diagnostics
            .iter()
            .filter(|d| d.severity == mutaspec_core::Severity::Error)
            .map(|d| d.id.to_string())
            .collect()),
    }
}

#[test]
fn a_spec_using_every_key_loads_and_validates() {
    let schema = schema();
    let v = Validator::new(&schema);
    if let Err(ids) = load(&[("shop/api.yaml", SHARED), ("shop/update_item.yaml", ENDPOINT)]) {
        let bytes = [("shop/api.yaml", SHARED.as_bytes()), ("shop/update_item.yaml", ENDPOINT.as_bytes())];
        panic!("{ids:?}\n{}", mutaspec_core::load_texts(&bytes).err().unwrap().render());
    }
    for (name, text) in [("SHARED", SHARED), ("ENDPOINT", ENDPOINT)] {
        let errors = v.errors(&parse_yaml(text));
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
    // Every key of the raw model is used (at some place) by the two files.
    let mut used = BTreeSet::new();
    fn walk(v: &Value, used: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    used.insert(k.clone());
                    walk(x, used);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, used)),
            _ => {}
        }
    }
    walk(&parse_yaml(SHARED), &mut used);
    walk(&parse_yaml(ENDPOINT), &mut used);
    let unused: Vec<String> = raw_structs()
        .iter()
        .filter(|s| s.deserialize)
        .flat_map(|s| s.fields.iter().map(|f| f.key.clone()))
        .filter(|k| !used.contains(k))
        .collect();
    assert!(unused.is_empty(), "keys the valid spec does not use: {unused:?}");
}

/// Why mutaspec rejects a broken spec.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// serde, into the raw model: an unknown key, a value of the wrong kind, a missing key.
    Shape,
    /// Resolution: the raw model takes it; a closed vocabulary, a name's form or a key's place does not.
    Resolve,
}

/// Broken specs: (which file, text replaced, replacement, stage, diagnostic id).
const BROKEN: &[(&str, &str, &str, Stage, &str)] = &[
    // Unknown keys, everywhere the raw model denies them.
    ("endpoint", "title: Update Item", "Title: Update Item", Stage::Shape, "spec-shape"),
    (
        "endpoint",
        "rule: set_once,",
        "rule: set_once, requried: true,",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ type: integer, docs: The item. }",
        "{ type: integer, doc: The item. }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ production: https://api.example.com }",
        "{ production: https://api.example.com, sandbox: x }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ scheme: basic }",
        "{ scheme: basic, header: x }",
        Stage::Resolve,
        "bad-auth",
    ),
    (
        "endpoint",
        "docs: The item. }\ntypes",
        "description: The item. }\ntypes",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "  Kind:\n    values:",
        "  Kind:\n    open_values: []\n    values:",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ value: 5, if: { kind: TOY } }",
        "{ value: 5, iff: { kind: TOY } }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ setting: homeAddressUpdates, if:",
        "{ setting: homeAddressUpdates, when:",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "shared",
        "{ docs: A strict program., default: false }",
        "{ docs: A strict program., default: false, on: true }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "shared",
        "locks: { when: true }",
        "locks: { when: true, code: 1 }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "shared",
        "{ docs: May trigger re-verification. }",
        "{ docs: May trigger re-verification., severity: high }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "shared",
        "  docs: The shop's errors.",
        "  doc: The shop's errors.",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "shared",
        "notes: See elsewhere. }",
        "note: See elsewhere. }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "shared",
        "notes: Server side. }",
        "note: Server side. }",
        Stage::Shape,
        "spec-shape",
    ),
    // Values of the wrong kind, missing required keys.
    ("endpoint", "  color: Color", "  color: 5", Stage::Shape, "spec-shape"),
    ("endpoint", "max_length: 20", "max_length: twenty", Stage::Shape, "spec-shape"),
    ("endpoint", "max_length: 20", "max_length: -1", Stage::Shape, "spec-shape"),
    ("endpoint", "min: -3", "min: true", Stage::Shape, "spec-shape"),
    ("endpoint", "required: true", "required: yes", Stage::Shape, "spec-shape"),
    (
        "endpoint",
        "unique_by: { value: kind }",
        "unique_by: { error: 1 }",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "locked_by: [nameUpdates, kyc]",
        "locked_by: nameUpdates",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ status: 200, type: Item",
        "{ status: \"200\", type: Item",
        Stage::Shape,
        "spec-shape",
    ),
    (
        "endpoint",
        "{ type: integer, docs: The item. }",
        "{ docs: The item. }",
        Stage::Shape,
        "spec-shape",
    ),
    ("endpoint", "api: shop\n", "", Stage::Shape, "spec-shape"),
    ("shared", "locks: { when: true }", "locks: { error: 1 }", Stage::Shape, "spec-shape"),
    ("shared", "error: 100\n", "error: \"100\"\n", Stage::Shape, "spec-shape"),
    ("shared", "{ from: 1, to: 99,", "{ from: 1,", Stage::Shape, "spec-shape"),
    // Closed vocabularies.
    ("endpoint", "rule: set_once", "rule: sometimes", Stage::Resolve, "bad-rule"),
    ("endpoint", "merge: replace", "merge: overwrite", Stage::Resolve, "bad-merge"),
    (
        "shared",
        "format: { value: country_alpha2",
        "format: { value: country",
        Stage::Resolve,
        "bad-constraint",
    ),
    ("endpoint", "method: PATCH", "method: patch", Stage::Resolve, "bad-method"),
    ("endpoint", "{ scheme: basic }", "{ scheme: digest }", Stage::Resolve, "bad-auth"),
    (
        "shared",
        "check: no_po_box, min_length",
        "check: no_pobox, min_length",
        Stage::Resolve,
        "bad-constraint",
    ),
    ("shared", "kind: identity_verification", "kind: kyc", Stage::Resolve, "bad-setting"),
    ("shared", "check: server", "check: provider", Stage::Resolve, "bad-check"),
    (
        "endpoint",
        "{ type: integer, docs: The item. }",
        "{ type: number, docs: The item. }",
        Stage::Resolve,
        "bad-type",
    ),
    ("endpoint", "required: true", "required: false", Stage::Resolve, "bad-constraint"),
    ("endpoint", "  color: Color", "  color: list<Color>", Stage::Resolve, "unknown-type"),
    ("endpoint", "min: \"0.01\"", "min: \"1,5\"", Stage::Resolve, "bad-constraint"),
    (
        "endpoint",
        "after: 1900-01-01",
        "after: 01/01/1900",
        Stage::Resolve,
        "bad-constraint",
    ),
    // Names and their forms.
    (
        "endpoint",
        "endpoint: update_item",
        "endpoint: UpdateItem",
        Stage::Resolve,
        "bad-name",
    ),
    ("endpoint", "endpoint: update_item", "endpoint: ../../x", Stage::Resolve, "bad-name"),
    ("endpoint", "endpoint: update_item", "endpoint: type", Stage::Resolve, "bad-name"),
    ("endpoint", "  Kind:", "  kind:", Stage::Resolve, "bad-name"),
    ("shared", "  AddressKind:", "  Address_Kind:", Stage::Resolve, "bad-name"),
    ("shared", "name: ShopError", "name: shopError", Stage::Resolve, "bad-name"),
    ("endpoint", "name: ShippingSpeed", "name: HTTPSpeed", Stage::Resolve, "bad-name"),
    ("endpoint", "rust: title", "rust: 2title", Stage::Resolve, "bad-name"),
    (
        "shared",
        "params: { \"0\": tag }",
        "params: { \"0\": Tag-Name }",
        Stage::Resolve,
        "bad-name",
    ),
    // Keys in the wrong place or combination.
    (
        "endpoint",
        "body:\n",
        "settings: { s: { default: true } }\nbody:\n",
        Stage::Resolve,
        "misplaced-key",
    ),
    (
        "endpoint",
        "body:\n",
        "effects: { e: { docs: E. } }\nbody:\n",
        Stage::Resolve,
        "misplaced-key",
    ),
    (
        "shared",
        "title: Shop",
        "title: Shop\nmethod: POST",
        Stage::Resolve,
        "misplaced-key",
    ),
    ("shared", "title: Shop", "title: Shop\nbody: {}", Stage::Resolve, "misplaced-key"),
    ("endpoint", "method: PATCH\n", "", Stage::Resolve, "missing-key"),
    (
        "endpoint",
        "{ scheme: basic }",
        "{ scheme: basic, api_key_header: x-api-key }",
        Stage::Resolve,
        "bad-auth",
    ),
    (
        "endpoint",
        "https://api.example.com }",
        "https://api.example.com/v1 }",
        Stage::Resolve,
        "bad-host",
    ),
    (
        "endpoint",
        "{ status: 200, type: Item",
        "{ status: 404, type: Item",
        Stage::Resolve,
        "bad-response",
    ),
    (
        "endpoint",
        "{ status: 200, type: Item",
        "{ status: 204, type: Item",
        Stage::Resolve,
        "bad-response",
    ),
    (
        "endpoint",
        "{ type: integer, docs: The item. }",
        "{ type: integer, pattern: \"[0-9]+\" }",
        Stage::Resolve,
        "bad-constraint",
    ),
    (
        "endpoint",
        "when: { kind: BOOK }",
        "when: { kind: BOOK, sku: X }",
        Stage::Resolve,
        "bad-rule",
    ),
    (
        "endpoint",
        "fields: { sku: string } }",
        "fields: { sku: string }, values: [A] }",
        Stage::Resolve,
        "bad-type",
    ),
    (
        "endpoint",
        "{ type: integer, output_only: true }",
        "{ type: integer, open: true }",
        Stage::Resolve,
        "misplaced-key",
    ),
    (
        "shared",
        "  AddressKind:\n    values: [Home, Work]",
        "  AddressKind:\n    docs: Nothing.",
        Stage::Resolve,
        "bad-type",
    ),
    ("shared", "values: [RED, GREEN]", "values: []", Stage::Resolve, "bad-type"),
    (
        "shared",
        "values: [RED, GREEN]",
        "values: [RED, RED]",
        Stage::Resolve,
        "duplicate-value",
    ),
    (
        "shared",
        "kind: identity_verification, locks: { when: true }",
        "kind: identity_verification",
        Stage::Resolve,
        "bad-setting",
    ),
];

#[test]
fn broken_specs_fail_validation_as_they_fail_to_load() {
    let schema = schema();
    let v = Validator::new(&schema);
    let mut failures = Vec::new();
    for (i, &(file, from, to, stage, id)) in BROKEN.iter().enumerate() {
        let original = if file == "shared" { SHARED } else { ENDPOINT };
        assert_eq!(
            original.matches(from).count(),
            1,
            "case {i}: `{from}` appears once in the {file} file"
        );
        let broken = original.replacen(from, to, 1);
        let (shared, endpoint) = if file == "shared" {
            (broken.as_str(), ENDPOINT)
        } else {
            (SHARED, broken.as_str())
        };
        let case = format!("case {i} ({file}: `{from}` -> `{to}`)");

        match load(&[("shop/api.yaml", shared), ("shop/update_item.yaml", endpoint)]) {
            Ok(()) => failures.push(format!("{case}: mutaspec loads it")),
            Err(ids) if !ids.iter().any(|x| x == id) => failures.push(format!("{case}: mutaspec says {ids:?}, not {id}")),
            // `spec-shape` is the loader's one id for what the raw (serde) model refuses.
            Err(ids) => match (stage, ids.iter().any(|x| x == "spec-shape")) {
                (Stage::Shape, false) => failures.push(format!("{case}: the raw model takes it")),
                (Stage::Resolve, true) => failures.push(format!("{case}: the raw model refuses it: {ids:?}")),
                _ => {}
            },
        }
        if v.errors(&parse_yaml(&broken)).is_empty() {
            failures.push(format!("{case}: the schema accepts it"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_spec_shape_cases_of_the_bad_spec_catalogue_fail_validation() {
    // A case whose expected diagnostics include `spec-shape` is one the raw model refuses.
    let schema = schema();
    let v = Validator::new(&schema);
    let dir = Path::new("tests/bad-specs");
    let mut checked = 0;
    let mut failures = Vec::new();
    for case in yaml_files(dir) {
        let Ok(stderr) = std::fs::read_to_string(case.with_extension("stderr")) else {
            continue;
        };
        if !stderr.contains("error[spec-shape]") || case.parent() != Some(dir) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(&case).unwrap();
        if v.errors(&parse_yaml(&text)).is_empty() {
            failures.push(format!("{}: the schema accepts it", case.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 0, "no spec-shape case in {}", dir.display());
}

#[test]
fn the_validator_rejects_what_it_should() {
    // The test's own validator, on a few shapes: a validator that accepts everything proves nothing.
    let schema = schema();
    let v = Validator::new(&schema);
    for (text, why) in [
        (
            "api: shop\nendpoint: e\nmethod: GET\npath: /x\nresponse: { status: 204 }\nbody: { a: { type: string, rule: sometimes } }",
            "rule",
        ),
        (
            "api: shop\nendpoint: e\nmethod: GET\npath: /x\nresponse: { status: 204 }\nbody: { a: { type: string, nope: 1 } }",
            "unknown key",
        ),
        (
            "api: shop\nendpoint: e\nmethod: GET\npath: /x\nresponse: { status: 204 }\nbody: { a: { fields: { b: [] } } }",
            "field as a list",
        ),
        ("api: shop\ntypes: { A: { values: [X], fields: {} } }", "both fields and values"),
        ("api: Shop", "api name"),
        ("api: shop\nerrors: { name: E, codes: [{ code: -1, message: m }] }", "negative code"),
    ] {
        assert!(!v.errors(&parse_yaml(text)).is_empty(), "{why}: accepted\n{text}");
    }
}
