//! Reading an OpenAPI document: 3.0 with `openapiv3`, 3.1 with `oas3`, from JSON or YAML.
//!
//! Each crate reads (and so checks) the document's structure; what it read is then
//! written back as one `serde_json::Value` (the crates' own serialization), which the
//! importer walks, following `$ref`s within the document. Errors are located: a parse
//! error at its line and column, a bad reference at its JSON pointer.

use std::fmt;

use serde::Deserialize;
use serde_json::Value;

/// What went wrong with a document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The document's file name, as given.
    pub file: String,
    /// `line:col` of a parse error, or the JSON pointer of what is wrong (`#/paths/...`).
    pub at: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Error {
    pub(crate) fn new(file: &str, at: Option<String>, message: impl Into<String>) -> Error {
        Error {
            file: file.to_string(),
            at,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) if at.starts_with('#') => write!(f, "error: {}: {}\n  --> {}", self.message, at, self.file)?,
            Some(at) => write!(f, "error: {}\n  --> {}:{}", self.message, self.file, at)?,
            None => write!(f, "error: {}\n  --> {}", self.message, self.file)?,
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  = hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// A document read and checked by its crate.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name cited in `source:` (the last path component, so output does not
    /// depend on where the file is).
    pub name: String,
    /// `openapi:` (`3.0.3`, `3.1.0`).
    pub openapi: String,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// The document as its crate wrote it back.
    pub root: Value,
}

#[derive(Deserialize)]
struct Probe {
    openapi: Option<String>,
    swagger: Option<serde::de::IgnoredAny>,
}

fn located_json(e: &serde_json::Error) -> Option<String> {
    (e.line() > 0).then(|| format!("{}:{}", e.line(), e.column()))
}

fn located_yaml(e: &serde_yaml::Error) -> Option<String> {
    e.location().map(|l| format!("{}:{}", l.line(), l.column()))
}

/// Strips serde_json's own " at line L column C" (the location is shown apart).
fn message_json(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn message_yaml(e: &serde_yaml::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The document read (and so checked) as its crate's type `D`, written back as JSON.
fn read_as<D: serde::de::DeserializeOwned + serde::Serialize>(name: &str, text: &str, json: bool, version: &str) -> Result<Value, Error> {
    let doc: D = if json {
        serde_json::from_str(text).map_err(|e| {
            Error::new(
                name,
                located_json(&e),
                format!("not a valid OpenAPI {version} document: {}", message_json(&e)),
            )
        })?
    } else {
        serde_yaml::from_str(text).map_err(|e| {
            Error::new(
                name,
                located_yaml(&e),
                format!("not a valid OpenAPI {version} document: {}", message_yaml(&e)),
            )
        })?
    };
    serde_json::to_value(&doc).map_err(|e| Error::new(name, None, e.to_string()))
}

/// Reads a document from its text; `name` is shown in errors and cited in `source:`.
pub fn read_text(name: &str, text: &str) -> Result<Document, Error> {
    let shown = name.rsplit(['/', '\\']).next().unwrap_or(name).to_string();
    let json = text.trim_start().starts_with('{');
    let probe: Probe = if json {
        serde_json::from_str(text).map_err(|e| Error::new(name, located_json(&e), format!("not a JSON document: {}", message_json(&e))))?
    } else {
        serde_yaml::from_str(text).map_err(|e| Error::new(name, located_yaml(&e), format!("not a YAML document: {}", message_yaml(&e))))?
    };
    let version = match (probe.openapi, probe.swagger) {
        (Some(v), _) => v,
        (None, Some(_)) => {
            return Err(Error::new(name, None, "a Swagger 2.0 document: only OpenAPI 3.0 and 3.1 are read")
                .hint("convert it to OpenAPI 3 first (for example with swagger2openapi)"))
        }
        (None, None) => {
            return Err(Error::new(name, None, "not an OpenAPI document: no `openapi:` version")
                .hint("the first key of an OpenAPI 3 document is `openapi: 3.0.x` or `openapi: 3.1.x`"))
        }
    };
    let root = if version.starts_with("3.0") {
        read_as::<openapiv3::OpenAPI>(name, text, json, "3.0")?
    } else if version.starts_with("3.1") {
        read_as::<oas3::OpenApiV3Spec>(name, text, json, "3.1")?
    } else {
        return Err(Error::new(name, None, format!("OpenAPI version `{version}` is not read")).hint("OpenAPI 3.0.x and 3.1.x are"));
    };
    let info = |k: &str| {
        root.pointer(&format!("/info/{k}"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    Ok(Document {
        name: shown,
        openapi: version,
        title: info("title"),
        version: info("version"),
        root,
    })
}

/// Reads a document from a file.
pub fn read(path: &std::path::Path) -> Result<Document, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(&name, None, format!("cannot read the document: {e}")))?;
    read_text(&name, &text)
}

/// JSON pointer escaping of one reference token (`/` and `~`).
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Document {
    /// Follows `$ref`s from `v` (at JSON pointer `at`) to what they name, within the document.
    pub(crate) fn deref<'a>(&'a self, v: &'a Value, at: &str) -> Result<(&'a Value, Option<String>), Error> {
        let mut cur = v;
        let mut last = None;
        for _ in 0..64 {
            let Some(r) = cur.get("$ref").and_then(Value::as_str) else {
                return Ok((cur, last));
            };
            let Some(pointer) = r.strip_prefix('#') else {
                return Err(
                    Error::new(&self.name, Some(at.to_string()), format!("`$ref: {r}` names another document"))
                        .hint("bundle the document first (for example with `redocly bundle`): only references within it are followed"),
                );
            };
            cur = self.root.pointer(pointer).ok_or_else(|| {
                Error::new(
                    &self.name,
                    Some(at.to_string()),
                    format!("`$ref: {r}` names nothing in the document"),
                )
                .hint("a reference is a JSON pointer from the document's root, such as `#/components/schemas/Pet`")
            })?;
            last = Some(r.to_string());
        }
        Err(Error::new(
            &self.name,
            Some(at.to_string()),
            "a cycle of `$ref`s that never reaches a value",
        ))
    }
}
