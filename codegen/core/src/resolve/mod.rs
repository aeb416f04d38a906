//! From raw spec files to the resolved [`Spec`]: every check that needs more than one
//! value, every default, every derived name.
//!
//! Stages: read and index each file (`source`), deserialize it (`raw`), group files by
//! API, then resolve shared parts (`catalog`), types and fields (`fields`), endpoints
//! (`endpoint`), and finally run the relational checks over the whole model (`check`).
//! Every stage reports into one [`Diagnostics`]; nothing stops at the first error.

mod catalog;
mod check;
mod endpoint;
mod fields;
pub(crate) mod names;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::model::{Api, Spec};
use crate::raw::RawFile;
use crate::source::{self, Seg, SourceFile};

/// Most files a spec directory may hold.
pub const MAX_FILES: usize = 2_000;

/// A spec that resolved, with its warnings and the files it was read from.
#[derive(Debug)]
pub struct Loaded {
    /// The resolved model.
    pub spec: Spec,
    /// Warnings (no errors: those make loading fail).
    pub warnings: Vec<Diagnostic>,
    /// The spec files, by the path shown in diagnostics.
    pub sources: Sources,
}

/// The texts of the spec files, for rendering diagnostics with source lines.
#[derive(Debug, Default)]
pub struct Sources(pub BTreeMap<Arc<Path>, SourceFile>);

impl Sources {
    /// A file by the path shown in diagnostics.
    pub fn get(&self, path: &Path) -> Option<&SourceFile> {
        self.0.get(path)
    }

    /// Renders diagnostics with their source lines.
    pub fn render(&self, diags: &[Diagnostic]) -> String {
        crate::diag::render_all(diags, &|p| self.get(p).map(|f| f.text.clone()))
    }
}

/// Loading failed: every diagnostic (errors and warnings), and the files read.
#[derive(Debug)]
pub struct LoadError {
    /// Sorted diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// The files that could be read.
    pub sources: Sources,
}

impl LoadError {
    /// The diagnostics rendered like rustc.
    pub fn render(&self) -> String {
        self.sources.render(&self.diagnostics)
    }
}

/// Loads a spec directory, or a single spec file.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let mut diags = Diagnostics::new();
    let files = discover(path, &mut diags);
    let mut sources = Sources::default();
    let mut parsed = Vec::new();
    for file in files {
        let shown: Arc<Path> = Arc::from(crate::diag::display_path(&file));
        if let Some(src) = source::read(&file, shown.clone(), &mut diags) {
            if let Some(raw) = deserialize(&src, &mut diags) {
                parsed.push((shown.clone(), raw));
            }
            sources.0.insert(shown, src);
        }
    }
    finish(parsed, sources, diags)
}

/// Loads spec files already in memory (`(shown path, text)`), e.g. for tests and fuzzing.
pub fn load_texts(files: &[(&str, &[u8])]) -> Result<Loaded, LoadError> {
    let mut diags = Diagnostics::new();
    let mut sources = Sources::default();
    let mut parsed = Vec::new();
    for (name, bytes) in files {
        let shown: Arc<Path> = Arc::from(Path::new(name));
        if let Some(src) = source::from_bytes(bytes, shown.clone(), &mut diags) {
            if let Some(raw) = deserialize(&src, &mut diags) {
                parsed.push((shown.clone(), raw));
            }
            sources.0.insert(shown, src);
        }
    }
    finish(parsed, sources, diags)
}

fn finish(parsed: Vec<(Arc<Path>, RawFile)>, sources: Sources, mut diags: Diagnostics) -> Result<Loaded, LoadError> {
    let spec = resolve(&parsed, &sources, &mut diags);
    let failed = diags.has_errors();
    let diagnostics = diags.into_sorted();
    if failed {
        Err(LoadError { diagnostics, sources })
    } else {
        Ok(Loaded {
            spec,
            warnings: diagnostics,
            sources,
        })
    }
}

/// The spec files under `path`, sorted; reports a missing or empty directory.
fn discover(path: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let shown: Arc<Path> = Arc::from(crate::diag::display_path(path));
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.error(
                "io",
                Loc::file_start(shown),
                format!("cannot read the spec path: {e}"),
                "pass an existing spec directory or file with --spec",
            );
            return Vec::new();
        }
    };
    if meta.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            diags.error(
                "io",
                Loc::file_start(Arc::from(crate::diag::display_path(&dir))),
                "cannot list the directory",
                None,
            );
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                out.push(p);
            }
        }
        if out.len() > MAX_FILES {
            diags.error(
                "too-many-files",
                Loc::file_start(shown),
                format!("more than {MAX_FILES} spec files"),
                "point --spec at a smaller directory",
            );
            return Vec::new();
        }
    }
    out.sort();
    if out.is_empty() {
        diags.error(
            "no-spec-files",
            Loc::file_start(shown),
            "no spec files (`*.yaml`, `*.yml`) found",
            "point --spec at the directory holding the spec files",
        );
    }
    out
}

/// serde_yaml into the raw model; a shape error becomes a located diagnostic.
fn deserialize(src: &SourceFile, diags: &mut Diagnostics) -> Option<RawFile> {
    match serde_yaml::from_str::<RawFile>(&src.text) {
        Ok(raw) => Some(raw),
        Err(e) => {
            let loc = e
                .location()
                .map_or_else(|| Loc::file_start(src.path.clone()), |l| src.loc_at(l.line(), l.column()));
            let text = e.to_string();
            let message = text.split(" at line ").next().unwrap_or(&text).to_owned();
            let hint = shape_hint(&message);
            diags.error("spec-shape", loc, message, hint);
            None
        }
    }
}

/// A hint for a serde message: a "did you mean" for unknown keys.
fn shape_hint(message: &str) -> Option<String> {
    let unknown = message.split("unknown field `").nth(1)?.split('`').next()?;
    let expected: Vec<&str> = message.split("expected ").nth(1)?.split('`').skip(1).step_by(2).collect();
    Some(match crate::diag::suggest(unknown, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "remove it; docs/spec-format.md lists the keys each place takes".to_owned(),
    })
}

/// A handle on a place in a spec file, for locating diagnostics.
#[derive(Clone)]
pub(crate) struct At<'a> {
    pub src: &'a SourceFile,
    pub path: Vec<Seg>,
}

impl<'a> At<'a> {
    pub fn root(src: &'a SourceFile) -> Self {
        At { src, path: Vec::new() }
    }
    pub fn at(&self, seg: impl Into<Seg>) -> At<'a> {
        let mut path = self.path.clone();
        path.push(seg.into());
        At { src: self.src, path }
    }
    /// The key's location (for "this entry is wrong").
    pub fn key(&self) -> Loc {
        self.src.key_loc(&self.path)
    }
    /// The value's location (for "this value is wrong").
    pub fn value(&self) -> Loc {
        self.src.value_loc(&self.path)
    }
}

/// All files of one API.
struct ApiFiles<'a> {
    shared: Option<(&'a RawFile, &'a SourceFile)>,
    endpoints: Vec<(&'a RawFile, &'a SourceFile)>,
}

fn resolve(parsed: &[(Arc<Path>, RawFile)], sources: &Sources, diags: &mut Diagnostics) -> Spec {
    let mut by_api: BTreeMap<&str, ApiFiles<'_>> = BTreeMap::new();
    for (path, raw) in parsed {
        let Some(src) = sources.get(path) else { continue };
        let entry = by_api.entry(raw.api.as_str()).or_insert(ApiFiles {
            shared: None,
            endpoints: Vec::new(),
        });
        if raw.endpoint.is_some() {
            entry.endpoints.push((raw, src));
        } else if let Some((_, first)) = entry.shared {
            diags.error(
                "duplicate-api-file",
                At::root(src).at("api").key(),
                format!("api `{}` already has a shared file ({})", raw.api, first.path.display()),
                "keep one file without `endpoint:` per API and merge the two",
            );
        } else {
            entry.shared = Some((raw, src));
        }
    }
    let mut apis: Vec<Api> = Vec::new();
    for (name, files) in by_api {
        if let Some(api) = resolve_api(name, &files, diags) {
            apis.push(api);
        }
    }
    let spec = Spec { apis };
    check::run(&spec, sources, diags);
    spec
}

fn resolve_api(name: &str, files: &ApiFiles<'_>, diags: &mut Diagnostics) -> Option<Api> {
    let (first_raw, first_src) = files.shared.or_else(|| files.endpoints.first().copied())?;
    let _ = first_raw;
    if let Err(why) = names::module_name(name) {
        for (_, src) in files.shared.iter().chain(files.endpoints.iter()) {
            diags.error(
                "bad-name",
                At::root(src).at("api").value(),
                format!("api name `{name}` is unusable: {why}"),
                "api names become Rust modules",
            );
        }
        return None;
    }
    let shared_at = files.shared.map(|(raw, src)| (raw, At::root(src)));
    let mut api = catalog::shared(name, shared_at.as_ref().map(|(r, a)| (*r, a)), At::root(first_src).value(), diags);
    // Every type name of the API, so references resolve whatever the file order.
    let mut shared_names = BTreeSet::new();
    if let Some((raw, at)) = &shared_at {
        for (tname, _) in raw.types.iter() {
            shared_names.insert(tname.clone());
        }
        let scope = types::Scope {
            shared: &shared_names,
            local: None,
        };
        api.types = fields::named_types(raw, at, &scope, "", diags);
    }
    for (raw, src) in &files.endpoints {
        for key in ["settings", "effects", "errors"] {
            if src.has(&crate::path![key]) {
                diags.error(
                    "misplaced-key",
                    At::root(src).at(key).key(),
                    format!("`{key}` belongs in the API's shared file, not an endpoint file"),
                    format!("move it to the file of `api: {name}` that has no `endpoint:`"),
                );
            }
        }
        if let Some(ep) = endpoint::resolve(raw, &At::root(src), &api, &shared_names, diags) {
            api.endpoints.push(ep);
        }
    }
    api.endpoints.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in api.endpoints.windows(2) {
        if pair[0].name == pair[1].name {
            diags.error(
                "duplicate-endpoint",
                pair[1].loc.clone(),
                format!(
                    "endpoint `{}` is declared twice in api `{name}` (also {})",
                    pair[1].name, pair[0].loc
                ),
                "give each endpoint a unique name",
            );
        }
    }
    Some(api)
}
