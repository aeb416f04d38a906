//! Re-import: what the document says replaces what an earlier import wrote; what a person
//! added (update rules, conditions, locks, effects, error codes on constraints, a removed
//! review marker, fields of their own types) stays.

use serde_yaml::{Mapping, Value as Y};

/// The keys of a field the document decides. Every other key is a person's.
const FIELD_DOC_KEYS: [&str; 16] = [
    "type",
    "fields",
    "values",
    "open",
    "format",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "min",
    "max",
    "pattern",
    "items",
    "required",
    "clear",
    "output_only",
];

/// Constraint keys: a person may have written `{ value: N, error: CODE }`; only `value` is the document's.
const CONSTRAINTS: [&str; 8] = [
    "format",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "min",
    "max",
    "pattern",
];

/// Keys of an endpoint file the document decides.
const ENDPOINT_DOC_KEYS: [&str; 7] = ["source", "method", "path", "params", "headers", "response", "content_type"];

/// Keys of the shared file the document decides (types are merged one by one).
const API_DOC_KEYS: [&str; 2] = ["hosts", "auth"];

fn key(k: &str) -> Y {
    Y::String(k.to_string())
}

/// A field written as a type expression alone (`nickName: string`) as a mapping.
fn as_mapping(v: &Y) -> Mapping {
    match v {
        Y::Mapping(m) => m.clone(),
        Y::String(t) => {
            let mut m = Mapping::new();
            m.insert(key("type"), Y::String(t.clone()));
            m
        }
        _ => Mapping::new(),
    }
}

/// A constraint the document gives (`new`), keeping a person's mapping form (`old`).
fn constraint(old: Option<&Y>, new: &Y) -> Y {
    match old {
        Some(Y::Mapping(o)) if o.contains_key("value") => {
            let mut o = o.clone();
            o.insert(key("value"), new.clone());
            Y::Mapping(o)
        }
        _ => new.clone(),
    }
}

/// One field: the document's keys from `new`, the person's from `old`.
pub fn field(old: &Y, new: &Y) -> Y {
    let old = as_mapping(old);
    let new = as_mapping(new);
    let rule = old.get("rule").and_then(Y::as_str).unwrap_or("mutable");
    // A field a person made not updatable or ignored takes no constraint or clearing.
    let bare = matches!(rule, "not_updatable" | "ignored");
    let mut out = Mapping::new();
    for k in FIELD_DOC_KEYS {
        let Some(v) = new.get(k) else { continue };
        if bare && k != "type" && k != "fields" && k != "values" && k != "open" {
            continue;
        }
        let v = match k {
            "fields" => Y::Mapping(fields(
                old.get(k).and_then(Y::as_mapping),
                v.as_mapping().unwrap_or(&Mapping::new()),
            )),
            _ if CONSTRAINTS.contains(&k) => constraint(old.get(k), v),
            "required" => constraint(old.get(k), v),
            _ => v.clone(),
        };
        out.insert(key(k), v);
    }
    // docs: the document's when it has some, else the person's.
    if let Some(d) = new.get("docs").or_else(|| old.get("docs")) {
        out.insert(key("docs"), d.clone());
    }
    for (k, v) in &old {
        let name = k.as_str().unwrap_or("");
        if FIELD_DOC_KEYS.contains(&name) || name == "docs" {
            continue;
        }
        out.insert(k.clone(), v.clone());
    }
    // `review` is a person's key once the field exists: a reviewed field stays reviewed.
    if old.is_empty() {
        if let Some(r) = new.get("review") {
            out.insert(key("review"), r.clone());
        }
    }
    Y::Mapping(out)
}

/// The fields of an object: the document's list, each merged with the old field of the same name.
pub fn fields(old: Option<&Mapping>, new: &Mapping) -> Mapping {
    let mut out = Mapping::new();
    for (k, v) in new {
        match old.and_then(|o| o.get(k)) {
            Some(o) => out.insert(k.clone(), field(o, v)),
            None => out.insert(k.clone(), v.clone()),
        };
    }
    out
}

fn set_doc_keys(out: &mut Mapping, new: &Mapping, keys: &[&str]) {
    for k in keys {
        match new.get(*k) {
            Some(v) => {
                out.insert(key(k), v.clone());
            }
            None => {
                out.remove(*k);
            }
        }
    }
}

/// An endpoint file: the document's method, path, parameters, response and source; the
/// body merged field by field; every other key the person's (title and docs are kept when
/// the person has them).
pub fn endpoint(old: &Mapping, new: &Mapping) -> Mapping {
    let mut out = old.clone();
    set_doc_keys(&mut out, new, &ENDPOINT_DOC_KEYS);
    for k in ["title", "docs"] {
        if !out.contains_key(k) {
            if let Some(v) = new.get(k) {
                out.insert(key(k), v.clone());
            }
        }
    }
    let body = fields(
        old.get("body").and_then(Y::as_mapping),
        new.get("body").and_then(Y::as_mapping).unwrap_or(&Mapping::new()),
    );
    out.insert(key("body"), Y::Mapping(body));
    out
}

/// The shared file: the document's hosts and auth; each type the document has merged
/// (an object's fields as a body's), other types kept.
pub fn api(old: &Mapping, new: &Mapping) -> Mapping {
    let mut out = old.clone();
    // Hosts and auth the document does not give (a relative server, no security scheme)
    // are the person's.
    for k in API_DOC_KEYS {
        if let Some(v) = new.get(k) {
            out.insert(key(k), v.clone());
        }
    }
    for k in ["title", "docs"] {
        if !out.contains_key(k) {
            if let Some(v) = new.get(k) {
                out.insert(key(k), v.clone());
            }
        }
    }
    if let Some(new_types) = new.get("types").and_then(Y::as_mapping) {
        let mut types = old.get("types").and_then(Y::as_mapping).cloned().unwrap_or_default();
        for (name, def) in new_types {
            let merged = match (types.get(name).and_then(Y::as_mapping), def.as_mapping()) {
                (Some(o), Some(n)) => {
                    let mut t = o.clone();
                    for k in ["values", "open"] {
                        match n.get(k) {
                            Some(v) => t.insert(key(k), v.clone()),
                            None => t.remove(k),
                        };
                    }
                    if let Some(nf) = n.get("fields").and_then(Y::as_mapping) {
                        t.insert(key("fields"), Y::Mapping(fields(o.get("fields").and_then(Y::as_mapping), nf)));
                    }
                    if let Some(d) = n.get("docs") {
                        t.insert(key("docs"), d.clone());
                    }
                    Y::Mapping(t)
                }
                _ => def.clone(),
            };
            types.insert(name.clone(), merged);
        }
        out.insert(key("types"), Y::Mapping(types));
    }
    out
}
