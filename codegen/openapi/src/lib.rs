//! mutaspec's OpenAPI front: a provider's OpenAPI 3.0 or 3.1 document (JSON or YAML) into
//! spec files (`mutaspec import openapi`), and a spec checked against a provider's new
//! document (`mutaspec drift openapi`).
//!
//! A document carries types, enums, formats, lengths, ranges, patterns, required members,
//! `readOnly`, nullability, servers, security schemes and statuses; it carries no update
//! rules. [`import()`] writes what it carries, gives every field the default rule and a
//! `review:` marker (a person decides the rules), and cites the document in `source:`.
//! Importing again ([`merge`]) changes only what the document says. [`drift()`] imports the
//! new document in memory over the spec and compares the two with `mutaspec diff`'s engine,
//! so its rule ids and severities are the diff's.

pub mod build;
pub mod document;
pub mod merge;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mutaspec_core::diff::{self, Change, Level, OutputFormat};
use serde_yaml::{Mapping, Value as Y};

pub use build::{api_name, selector_of_source, Selector, REVIEW};
pub use document::{read, read_text, Document, Error};

/// The first lines of every file the importer writes.
fn header(doc: &Document) -> String {
    format!(
        "# Imported from the OpenAPI document {} (info.version {}) by `mutaspec import openapi`.\n\
         # Each `review:` marks a field whose update rule a person must still decide; remove it once done.\n\
         # Importing again keeps every key a person set (rules, conditions, locks, codes) but not comments.\n",
        doc.name, doc.version
    )
}

/// A spec file's text: the header, then the mapping as YAML.
pub fn render(doc: &Document, m: &Mapping) -> String {
    let yaml = serde_yaml::to_string(m).unwrap_or_default();
    format!("{}{yaml}", header(doc))
}

/// A spec file read back: its path, text and mapping.
struct SpecFile {
    path: PathBuf,
    text: String,
    map: Mapping,
}

fn spec_files(dir: &Path) -> Result<Vec<SpecFile>, String> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("error: cannot read `{}`: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("error: cannot read `{}`: {e}", d.display()))?;
            let path = entry.path();
            let ft = entry.file_type().map_err(|e| format!("error: `{}`: {e}", path.display()))?;
            if ft.is_dir() {
                stack.push(path);
            } else if ft.is_file() && path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("error: cannot read `{}`: {e}", path.display()))?;
                let map = serde_yaml::from_str::<Mapping>(&text).unwrap_or_default();
                out.push(SpecFile { path, text, map });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn str_of<'a>(m: &'a Mapping, k: &str) -> Option<&'a str> {
    m.get(k).and_then(Y::as_str)
}

/// What [`import()`] wrote.
#[derive(Debug, Default)]
pub struct Imported {
    /// Each file written, and whether it existed before (a re-import).
    pub files: Vec<(PathBuf, bool)>,
    /// What the shared file still needs from a person (no hosts, no auth in the document).
    pub notes: Vec<String>,
}

/// Imports the operations `selectors` of `doc` into the spec directory `dir` as API `api`:
/// one endpoint file each (`<dir>/<api>/<endpoint>.yaml`, or the file that already holds
/// that endpoint) and the shared file (`<dir>/<api>/api.yaml`, or the existing one),
/// merged with what is there.
pub fn import(doc: &Document, selectors: &[Selector], api: &str, dir: &Path) -> Result<Imported, String> {
    let built = build::build(doc, selectors, api).map_err(render_errors)?;
    let existing = spec_files(dir)?;
    let find = |endpoint: Option<&str>| {
        existing
            .iter()
            .find(|f| str_of(&f.map, "api") == Some(api) && str_of(&f.map, "endpoint") == endpoint)
    };
    let mut writes: Vec<(PathBuf, String, bool)> = Vec::new();
    let api_file = match find(None) {
        Some(f) => (f.path.clone(), render(doc, &merge::api(&f.map, &built.api)), true),
        None => (dir.join(api).join("api.yaml"), render(doc, &built.api), false),
    };
    writes.push(api_file);
    for (name, m) in &built.endpoints {
        writes.push(match find(Some(name)) {
            Some(f) => (f.path.clone(), render(doc, &merge::endpoint(&f.map, m)), true),
            None => (dir.join(api).join(format!("{name}.yaml")), render(doc, m), false),
        });
    }
    let mut out = Imported::default();
    let shared: Mapping = serde_yaml::from_str(writes[0].1.as_str()).unwrap_or_default();
    for (k, what) in [("hosts", "no absolute https server"), ("auth", "no security scheme the format has")] {
        if !shared.contains_key(k) {
            out.notes.push(format!(
                "the document names {what}: add `{k}:` to {} (importing again keeps it)",
                writes[0].0.display()
            ));
        }
    }
    for (path, text, existed) in writes {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("error: cannot create `{}`: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("error: cannot write `{}`: {e}", path.display()))?;
        out.files.push((path, existed));
    }
    Ok(out)
}

/// Every error of a document, one after another.
pub fn render_errors(errors: Vec<Error>) -> String {
    let mut s = String::new();
    for e in &errors {
        s.push_str(&e.to_string());
        s.push_str("\n\n");
    }
    s.push_str(&format!("error: the import failed with {} error(s)\n", errors.len()));
    s
}

/// The spec as it is and as the document would make it, file by file (display path, text).
pub struct DriftSides {
    /// The spec directory's files.
    pub old: Vec<(String, String)>,
    /// The same files with the document imported over them; an endpoint whose operation
    /// the document no longer has is left out.
    pub new: Vec<(String, String)>,
}

/// The two sides of a drift check of `dir` against `doc`: the endpoints whose `source:`
/// cites an OpenAPI document (of API `api` only, when given) are imported again in memory.
pub fn drift_sides(doc: &Document, dir: &Path, api: Option<&str>) -> Result<DriftSides, String> {
    let files = spec_files(dir)?;
    let shown = |p: &Path| p.display().to_string();
    // API -> (file index, selector) of its imported endpoints.
    let mut by_api: BTreeMap<String, Vec<(usize, Selector)>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let (Some(a), Some(_)) = (str_of(&f.map, "api"), str_of(&f.map, "endpoint")) else {
            continue;
        };
        if api.is_some_and(|x| x != a) {
            continue;
        }
        if let Some((_, sel)) = str_of(&f.map, "source").and_then(selector_of_source) {
            by_api.entry(a.to_string()).or_default().push((i, sel));
        }
    }
    if by_api.is_empty() {
        return Err(format!(
            "error: no endpoint of `{}` cites an OpenAPI document in its `source:`\n  = hint: endpoints written by `mutaspec import openapi` do (`source: OpenAPI FILE (info.version V), operation ID`)\n",
            dir.display()
        ));
    }
    let mut replaced: BTreeMap<usize, Option<String>> = BTreeMap::new();
    for (a, eps) in &by_api {
        let present: Vec<&(usize, Selector)> = eps.iter().filter(|(_, sel)| doc.find(sel).is_ok()).collect();
        let sels: Vec<Selector> = present.iter().map(|(_, s)| s.clone()).collect();
        let built = build::build(doc, &sels, a).map_err(render_errors)?;
        for (i, sel) in eps {
            if !present.iter().any(|(j, _)| j == i) {
                replaced.insert(*i, None);
                continue;
            }
            let old = &files[*i].map;
            let Ok(op) = doc.find(sel) else { continue };
            let _ = op;
            let name = str_of(old, "endpoint").unwrap_or("");
            // The built endpoint of this selector: same position in `sels`.
            let pos = sels.iter().position(|s| s == sel).unwrap_or(0);
            let Some((_, new)) = built.endpoints.get(pos).or_else(|| built.endpoints.iter().find(|(n, _)| n == name)) else {
                continue;
            };
            let mut new = new.clone();
            // The spec's endpoint name wins (a person may have renamed the file's endpoint).
            new.insert(Y::String("endpoint".into()), Y::String(name.to_string()));
            replaced.insert(*i, Some(render(doc, &merge::endpoint(old, &new))));
        }
        if let Some(i) = files
            .iter()
            .position(|f| str_of(&f.map, "api") == Some(a) && f.map.get("endpoint").is_none())
        {
            replaced.insert(i, Some(render(doc, &merge::api(&files[i].map, &built.api))));
        }
    }
    let old = files.iter().map(|f| (shown(&f.path), f.text.clone())).collect();
    let new = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match replaced.get(&i) {
            Some(None) => None,
            Some(Some(text)) => Some((shown(&f.path), text.clone())),
            None => Some((shown(&f.path), f.text.clone())),
        })
        .collect();
    Ok(DriftSides { old, new })
}

fn load(files: &[(String, String)], which: &str) -> Result<mutaspec_core::model::Spec, String> {
    let texts: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    mutaspec_core::load_texts(&texts)
        .map(|l| l.spec)
        .map_err(|e| format!("error: the {which} does not load:\n{}", e.render()))
}

/// What the provider's document changed, as `mutaspec diff` changes (rule ids and
/// severities are the diff's): the spec against the spec with the document imported over it.
pub fn drift(doc: &Document, dir: &Path, api: Option<&str>) -> Result<Vec<Change>, String> {
    let sides = drift_sides(doc, dir, api)?;
    let old = load(&sides.old, "spec")?;
    let new = load(&sides.new, "spec with the new document imported")?;
    Ok(diff::diff(&old, &new))
}

/// `mutaspec drift openapi`: the report, its exit code (1 when a change reaches `fail_on`).
pub fn drift_report(doc: &Document, dir: &Path, api: Option<&str>, format: OutputFormat, fail_on: Level) -> Result<(String, u8), String> {
    let changes = drift(doc, dir, api)?;
    Ok((diff::render_with(&changes, format, fail_on), diff::exit_code(&changes, fail_on)))
}
