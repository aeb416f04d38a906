//! Loading a spec: finding its files, reading each (`source`), deserializing each into
//! the raw model (`shape`, `raw`), then handing them to resolution (`crate::resolve`).
//! The stage below resolution: nothing here knows what a spec means, only what its files
//! are and say.

pub(crate) mod shape;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Loc};
use crate::model::Spec;
use crate::raw::RawFile;
use crate::source::{self, SourceFile};

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
pub struct Sources(pub(crate) BTreeMap<Arc<Path>, SourceFile>);

impl Sources {
    /// A file by the path shown in diagnostics.
    pub(crate) fn get(&self, path: &Path) -> Option<&SourceFile> {
        self.0.get(path)
    }

    /// The text of a file, by the path shown in diagnostics (a [`Diagnostic`]'s
    /// `loc.file`): what [`Diagnostic::render`] quotes.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.get(path).map(|f| f.text.as_str())
    }

    /// Renders diagnostics with their source lines.
    pub fn render(&self, diags: &[Diagnostic]) -> String {
        self.render_with(diags, crate::diag::Palette::PLAIN)
    }

    /// Renders diagnostics with their source lines, in `palette`'s colours.
    pub fn render_with(&self, diags: &[Diagnostic], palette: crate::diag::Palette) -> String {
        crate::diag::render_all_with(diags, &|p| self.get(p).map(|f| f.text.clone()), palette)
    }

    /// Each diagnostic as one line of JSON ([`Diagnostic::to_json_in`]), each line ended.
    pub fn json_lines(&self, diags: &[Diagnostic]) -> String {
        let mut out = String::new();
        for d in diags {
            out.push_str(&d.to_json_in(&|p| self.get(p).map(|f| f.text.clone())));
            out.push('\n');
        }
        out
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
    let mut broken = Vec::new();
    for file in files {
        let shown: Arc<Path> = Arc::from(crate::diag::display_path(&file));
        let src = source::read(&file, shown.clone(), &mut diags);
        add_file(shown, src, &mut parsed, &mut sources, &mut broken, &mut diags);
    }
    let root = crate::diag::display_path(if path.is_file() { path.parent().unwrap_or(path) } else { path });
    finish(parsed, sources, &broken, diags, root)
}

/// Loads spec files already in memory (`(shown path, text)`), e.g. for tests and fuzzing.
pub fn load_texts(files: &[(&str, &[u8])]) -> Result<Loaded, LoadError> {
    let mut diags = Diagnostics::new();
    let mut sources = Sources::default();
    let mut parsed = Vec::new();
    let mut broken = Vec::new();
    for (name, bytes) in files {
        let shown: Arc<Path> = Arc::from(Path::new(name));
        let src = source::from_bytes(bytes, shown.clone(), &mut diags);
        add_file(shown, src, &mut parsed, &mut sources, &mut broken, &mut diags);
    }
    finish(parsed, sources, &broken, diags, PathBuf::new())
}

/// Deserializes a read file. A file that cannot be used is remembered in `broken` by the
/// API it seems to belong to (`None`: unknown).
fn add_file(
    shown: Arc<Path>,
    src: Option<SourceFile>,
    parsed: &mut Vec<(Arc<Path>, RawFile)>,
    sources: &mut Sources,
    broken: &mut Vec<Option<String>>,
    diags: &mut Diagnostics,
) {
    let Some(src) = src else {
        broken.push(None);
        return;
    };
    match shape::deserialize(&src, diags) {
        Some(raw) => parsed.push((shown.clone(), raw)),
        // An empty file declares nothing another file could miss.
        None if source::is_blank(&src.text) => {}
        None => broken.push(api_name_of(&src.text)),
    }
    sources.0.insert(shown, src);
}

/// The `api:` a file that could not be read names, found line by line.
pub(crate) fn api_name_of(text: &str) -> Option<String> {
    top_level_value(text, "api:")
}

/// The value of a top-level `key:` (written `key:`) of a file, found line by line.
pub(crate) fn top_level_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix(key)?.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!v.is_empty()).then(|| v.to_owned())
    })
}

fn finish(
    parsed: Vec<(Arc<Path>, RawFile)>,
    sources: Sources,
    broken: &[Option<String>],
    mut diags: Diagnostics,
    root: PathBuf,
) -> Result<Loaded, LoadError> {
    let mut spec = crate::resolve::resolve(&parsed, &sources, broken, &mut diags);
    spec.root = root;
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
///
/// Inside the tree nothing is followed: a symbolic link (to a file or a directory) is an
/// error at its path, as is a `*.yaml` that is not a regular file (a FIFO, a device).
/// Silently skipping one would drop an endpoint, and `generate` would delete its file.
/// `path` itself may be a symlink: the user named it.
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
    if !meta.is_dir() {
        // A single file; `source::read` refuses anything but a regular one.
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
        for entry in entries {
            let (p, ft) = match entry.and_then(|e| Ok((e.path(), e.file_type()?))) {
                Ok(x) => x,
                Err(e) => {
                    let at = Loc::file_start(Arc::from(crate::diag::display_path(&dir)));
                    diags.error("io", at, format!("cannot list the directory: {e}"), None);
                    continue;
                }
            };
            let is_spec = matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_symlink() {
                let target = std::fs::read_link(&p)
                    .map(|t| format!(" (to `{}`)", t.display()))
                    .unwrap_or_default();
                diags.error(
                    "symlink-in-spec",
                    Loc::file_start(Arc::from(crate::diag::display_path(&p))),
                    format!("a symbolic link{target} in the spec tree: mutaspec does not follow links"),
                    "replace the link with the file or directory itself, or point --spec at the real directory",
                );
            } else if is_spec && !ft.is_file() {
                let kind = source::file_kind(ft).unwrap_or("not a regular file");
                diags.error(
                    "not-a-regular-file",
                    Loc::file_start(Arc::from(crate::diag::display_path(&p))),
                    format!("the spec file is {kind}, not a regular file"),
                    "spec files are plain files: replace it with the file itself",
                );
            } else if is_spec {
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
    if out.is_empty() && !diags.has_errors() {
        diags.error(
            "no-spec-files",
            Loc::file_start(shown),
            "no spec files (`*.yaml`, `*.yml`) found",
            "point --spec at the directory holding the spec files",
        );
    }
    out
}
