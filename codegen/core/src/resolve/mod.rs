//! From raw spec files to the resolved [`Spec`]: every check that needs more than one
//! value, every default, every derived name.
//!
//! Stages: read and index each file (`source`), deserialize it (`raw`), group files by
//! API, then resolve shared parts (`catalog`), types and fields (`fields`), endpoints
//! (`endpoint`), and finally run the relational checks over the whole model (`check`).
//! Every stage reports into one [`Diagnostics`]; nothing stops at the first error.

mod catalog;
mod check;
mod depth;
mod endpoint;
mod fields;
pub(crate) mod names;
mod shape;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Label, Loc};
use crate::model::{Api, Spec};
use crate::raw::RawFile;
use crate::source::{self, Seg, SourceFile};

/// Most files a spec directory may hold.
pub const MAX_FILES: usize = 2_000;

/// Most levels of objects, arrays and maps a type may nest, counted from the body (or
/// from a named type nothing else uses); a single type expression (`string[][]`,
/// `map<T[]>`) counts its `[]` and `map<` the same way. rustc fails on the generated
/// types from about 60 levels (E0275, E0320); README, "Limits and hostile input".
pub const MAX_TYPE_DEPTH: usize = 32;

/// Most fields an object (a body, a named or an inline object type) may have: rustc
/// overflows its stack building the debug info of the generated deserializer from about
/// 1,500 (README, "Limits and hostile input").
pub const MAX_FIELDS: usize = 500;

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
    let mut spec = resolve(&parsed, &sources, broken, &mut diags);
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
    /// The location of `part` inside the value, or the whole value's.
    pub fn value_part(&self, part: &str) -> Loc {
        self.find_in_value(part).unwrap_or_else(|| self.value())
    }
    /// The location of `len` bytes at byte `offset` of the value `whole`, when the value's
    /// line shows it verbatim; else the whole value's.
    pub fn value_at(&self, whole: &str, offset: usize, len: usize) -> Loc {
        match (self.find_in_value(whole), whole.get(..offset), whole.get(offset..offset + len)) {
            (Some(l), Some(before), Some(part)) => Loc {
                col: l.col + before.chars().count(),
                len: part.chars().count().max(1),
                ..l
            },
            _ => self.value(),
        }
    }
    /// The location of `part` inside the value, when the value's first line shows it.
    pub fn find_in_value(&self, part: &str) -> Option<Loc> {
        let loc = self.value();
        let line = self.src.text.lines().nth(loc.line.saturating_sub(1))?;
        let rest: String = line.chars().skip(loc.col.saturating_sub(1)).collect();
        let i = rest.find(part)?;
        Some(Loc {
            col: loc.col + rest[..i].chars().count(),
            len: part.chars().count().max(1),
            ..loc
        })
    }
}

/// All files of one API.
struct ApiFiles<'a> {
    shared: Option<(&'a RawFile, &'a SourceFile)>,
    endpoints: Vec<(&'a RawFile, &'a SourceFile)>,
}

/// Diagnostics another file of the same API could prevent (a shared type, setting, effect,
/// code, the hosts or auth; a rule that produces a code). While a file of the API cannot
/// be read they are follow-on noise of that file's error, and are dropped.
const NEEDS_EVERY_FILE: [&str; 7] = [
    "missing-hosts",
    "missing-auth",
    "unknown-type",
    "unknown-setting",
    "unknown-effect",
    "unknown-code",
    "unused-code",
];

fn resolve(parsed: &[(Arc<Path>, RawFile)], sources: &Sources, broken: &[Option<String>], diags: &mut Diagnostics) -> Spec {
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
    let with_shared: Vec<&str> = by_api.iter().filter(|(_, f)| f.shared.is_some()).map(|(n, _)| *n).collect();
    let mut apis: Vec<Api> = Vec::new();
    for (name, files) in by_api {
        let mut found = Diagnostics::new();
        if let Some(api) = resolve_api(name, &files, &mut found) {
            check::run(&api, sources, &mut found);
            depth::check(&api, &mut found);
            apis.push(api);
        }
        let found = found.into_sorted();
        let needs_shared = found.iter().any(|d| NEEDS_EVERY_FILE.contains(&d.id));
        let misnamed = needs_shared && files.shared.is_none() && check_api_name(name, &files, &with_shared, diags);
        let incomplete = misnamed || broken.iter().any(|b| b.as_deref().is_none_or(|b| b == name));
        for d in found {
            if incomplete && NEEDS_EVERY_FILE.contains(&d.id) {
                continue;
            }
            diags.push_diagnostic(d);
        }
    }
    Spec {
        apis,
        root: PathBuf::new(),
    }
}

/// An API without a shared file, whose endpoints miss what a shared file gives, and whose
/// name is a near miss of an API with a shared file, is a typo (`api: shp`): reported at
/// every `api:` naming it; the errors of what it misses are noise.
fn check_api_name(name: &str, files: &ApiFiles<'_>, with_shared: &[&str], diags: &mut Diagnostics) -> bool {
    let Some(close) = crate::diag::suggest(name, with_shared.iter().copied()) else {
        return false;
    };
    for (_, src) in &files.endpoints {
        diags.error(
            "unknown-api",
            At::root(src).at("api").value(),
            format!("no shared file declares api `{name}`"),
            format!("did you mean `{close}`?"),
        );
    }
    true
}

fn resolve_api(name: &str, files: &ApiFiles<'_>, diags: &mut Diagnostics) -> Option<Api> {
    let (_, first_src) = files.shared.or_else(|| files.endpoints.first().copied())?;
    if let Err(why) = names::api_name(name) {
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
        api.types = fields::named_types(raw, at, &scope, diags);
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
            diags.error_with_labels(
                "duplicate-endpoint",
                pair[1].loc.clone(),
                format!("endpoint `{}` is declared twice in api `{name}`", pair[1].name),
                "give each endpoint a unique name",
                [Label::new(pair[0].loc.clone(), "first declared here")],
            );
        }
    }
    Some(api)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    /// Loads one hostile file: it must fail (never panic), with every diagnostic placed
    /// inside the file, and render.
    fn fails_with_positions(bytes: &[u8]) -> Vec<Diagnostic> {
        let err = match load_texts(&[("hostile.yaml", bytes)]) {
            Ok(_) => panic!("loaded: {:?}", String::from_utf8_lossy(bytes)),
            Err(e) => e,
        };
        assert!(err.diagnostics.iter().any(|d| d.severity == Severity::Error));
        // Line breaks as YAML counts them: `\r\n`, `\n` or a lone `\r`.
        let lines = String::from_utf8_lossy(bytes).replace("\r\n", "\n").split(['\n', '\r']).count();
        for d in &err.diagnostics {
            assert_eq!(&*d.loc.file, Path::new("hostile.yaml"));
            assert!(
                (1..=lines).contains(&d.loc.line) && d.loc.col >= 1 && d.loc.len >= 1,
                "{d} in {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(!err.render().is_empty());
        err.diagnostics
    }

    fn ids(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.id).collect()
    }

    #[test]
    fn empty_and_separator_only_files_are_empty() {
        assert_eq!(ids(&fails_with_positions(b"")), ["empty-file"]);
        assert_eq!(ids(&fails_with_positions(b"---")), ["empty-file"]);
        assert_eq!(ids(&fails_with_positions(b"---\n---\n")), ["empty-file"]);
    }

    #[test]
    fn deeply_nested_flow_sequences_are_refused() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        for text in [deep(10_000), format!("api: x\nbody:\n  f: {}\n", deep(10_000)), deep(100)] {
            let d = fails_with_positions(text.as_bytes());
            assert!(matches!(ids(&d)[..], ["too-deep"] | ["yaml-syntax"]), "{d:?}");
        }
    }

    /// An endpoint file of api `shop` with these `types:` and `body:` lines.
    fn shop(types: &str, body: &str) -> String {
        format!(
            "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: {{ production: https://api.example.com }}\n\
             auth: {{ scheme: bearer }}\nresponse: {{ status: 204 }}\ntypes:\n{types}body:\n{body}"
        )
    }

    #[test]
    fn type_expressions_nested_thousands_deep_are_refused_without_recursing() {
        let lists = format!("string{}", "[]".repeat(2_000));
        let maps = format!("{}string{}", "map<".repeat(2_000), ">".repeat(2_000));
        for ty in [lists, maps] {
            let text = shop(
                "  T: { fields: { x: string } }\n",
                &format!("  a: \"{ty}\"\n  b: {{ type: \"{ty}\" }}\n"),
            );
            assert_eq!(ids(&fails_with_positions(text.as_bytes())), ["too-deep-type", "too-deep-type"]);
        }
    }

    #[test]
    fn a_dotted_path_of_100_000_segments_is_refused_without_recursing() {
        // An explicit key (`? `) has no length limit in YAML.
        let text = shop(
            "  T: { fields: { x: string } }\n",
            &format!("  ? {}leaf\n  : string\n", "a.".repeat(100_000)),
        );
        assert_eq!(ids(&fails_with_positions(text.as_bytes())), ["too-deep-type"]);
    }

    #[test]
    fn a_chain_of_thousands_of_named_types_is_measured_without_recursing() {
        let types: String = (0..5_000).map(|i| format!("  T{i}: {{ fields: {{ x: T{} }} }}\n", i + 1)).collect();
        let text = shop(&format!("{types}  T5000: {{ fields: {{ x: string }} }}\n"), "  a: T0\n  b: T4990\n");
        // One error, at the body field that starts the deep path (`a`; `b` is 11 levels).
        let d = fails_with_positions(text.as_bytes());
        assert_eq!(ids(&d), ["too-deep-type"]);
        assert_eq!(d[0].loc.line, 5_011);
    }

    #[test]
    fn cycles_of_named_types_end_the_depth_check() {
        // Recursion is refused or boxed elsewhere; the depth walk only has to end.
        let types = "  Node: { fields: { child: Node, kids: \"Node[]\", other: Other } }\n  Other: { fields: { back: Node } }\n  Lonely: { fields: { me: Lonely } }\n";
        let text = shop(types, "  root: Node\n");
        let diags = match load_texts(&[("cycle.yaml", text.as_bytes())]) {
            Ok(l) => l.warnings,
            Err(e) => e.diagnostics,
        };
        assert!(diags.iter().all(|d| d.id != "too-deep-type"), "{diags:?}");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused() {
        let line = "  field: { type: string, docs: padding padding padding padding }\n";
        let text = format!("api: x\nendpoint: e\nbody:\n{}", line.repeat((2 << 20) / line.len() + 1));
        assert!(text.len() >= 2 << 20);
        assert_eq!(ids(&fails_with_positions(text.as_bytes())), ["file-too-large"]);
    }

    /// xorshift64: a fixed-seed generator, so a failure reproduces.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_input_never_panics_and_always_fails_with_positions() {
        // Pieces of YAML (no `api:`, so nothing can load), for inputs that get past UTF-8.
        const PIECES: &[&str] = &[
            "body:",
            "types:",
            "fields:",
            "type:",
            " string",
            " Address[]",
            "\n",
            "\n  ",
            "\n    ",
            "- ",
            ": ",
            ":",
            "{",
            "}",
            "[",
            "]",
            ",",
            "\"",
            "'",
            "#",
            "&a ",
            "*a",
            "!tag ",
            "|",
            ">",
            "? ",
            "---",
            "...",
            "\t",
            "%YAML 1.2",
            "é",
            "\u{feff}",
            "x",
            "1e9",
            "~",
            "null",
            "rule: when",
            "min: 1",
            "max: 0",
            "{a: b}",
            "[1, 2]",
            "\\{",
            "\r",
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for i in 0..2_000 {
            let bytes: Vec<u8> = if i % 2 == 0 {
                (0..rng.below(512)).map(|_| rng.next() as u8).collect()
            } else {
                let mut s = String::new();
                for _ in 0..rng.below(64) {
                    s.push_str(PIECES[rng.below(PIECES.len())]);
                }
                s.into_bytes()
            };
            fails_with_positions(&bytes);
        }
    }

    /// A small API using most of the format, for mutation.
    const SHARED: &str = "api: shop\nhosts: { production: https://api.example.com }\nauth: { scheme: bearer, api_key_header: x-api-key }\n\
        settings:\n  priceUpdates: { docs: Prices may change., default: true, locks: { when: false, error: 1001 } }\n\
        effects:\n  review: { docs: May trigger a review. }\n\
        errors:\n  name: ShopError\n  codes:\n    - { code: 1001, message: Price updates are disabled. }\n\
        \x20   - { code: 1002, message: \"Tag '{0}' is taken.\", params: { \"0\": tag }, check: server }\n\
        types:\n  Kind: { values: [BOOK, TOY] }\n  Phone:\n    fields:\n      kind: { values: [HOME, WORK] }\n      number: { type: string, pattern: \"[0-9]{10}\" }\n";
    const ENDPOINT: &str =
        "api: shop\nendpoint: update_item\nmethod: PATCH\npath: /items/{id}\nparams:\n  id: { type: string, pattern: \"I[0-9]{4}\" }\n\
        response: { status: 204 }\nbody:\n  kind: { type: Kind, rule: identifying }\n  isbn: { type: string, when: { kind: BOOK } }\n\
        \x20 price: { type: decimal, min: 0, max: \"1050.00\", locked_by: [priceUpdates], effects: [review] }\n\
        \x20 releasedOn: { type: date, after: 1900-01-01 }\n  phones:\n    type: Phone[]\n    unique_by: kind\n\
        \x20 shipping.weight: integer\n  shipping.boxes[].label: { type: string, max_length: 20 }\n";

    #[test]
    fn the_mutation_seed_loads() {
        let loaded =
            load_texts(&[("api.yaml", SHARED.as_bytes()), ("e.yaml", ENDPOINT.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn mutated_specs_never_panic_and_errors_have_positions() {
        const PIECES: &[&str] = &[
            "\n", "  ", ": ", "- ", "{", "}", "[", "]", ",", "\"", "#", "*a", "&a ", "é", "\t", "[]", ".", "x", "0", "-1", "T",
        ];
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..2_000 {
            let which = rng.below(2);
            let mut text: Vec<char> = [SHARED, ENDPOINT][which].chars().collect();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(text.len() + 1);
                match rng.below(3) {
                    0 => {
                        let end = (at + 1 + rng.below(8)).min(text.len());
                        text.drain(at..end);
                    }
                    1 => text.splice(at..at, PIECES[rng.below(PIECES.len())].chars()).for_each(drop),
                    _ => {
                        let c = text.get(rng.below(text.len())).copied().unwrap_or('x');
                        text.insert(at, c);
                    }
                }
            }
            let mutated: String = text.into_iter().collect();
            let files = if which == 0 {
                [("api.yaml", mutated.as_bytes()), ("e.yaml", ENDPOINT.as_bytes())]
            } else {
                [("api.yaml", SHARED.as_bytes()), ("e.yaml", mutated.as_bytes())]
            };
            if let Err(e) = load_texts(&files) {
                assert!(e.diagnostics.iter().any(|d| d.severity == Severity::Error));
                for d in &e.diagnostics {
                    let text = files
                        .iter()
                        .find(|(n, _)| Path::new(n) == &*d.loc.file)
                        .map(|(_, t)| *t)
                        .expect("a known file");
                    let lines = String::from_utf8_lossy(text).lines().count().max(1);
                    assert!(d.loc.line >= 1 && d.loc.line <= lines && d.loc.col >= 1, "{d} in {mutated:?}");
                    assert!(d.hint.is_some(), "{d} has no hint, in {mutated:?}");
                }
                assert!(!e.render().is_empty());
            }
        }
    }

    #[test]
    fn a_bound_cut_inside_a_character_is_an_error_not_a_panic() {
        let text = ENDPOINT.replace("after: 1900-01-01", "after: 1900-01-0\u{e9}x");
        let err = load_texts(&[("api.yaml", SHARED.as_bytes()), ("e.yaml", text.as_bytes())]).expect_err("a bad date");
        assert_eq!(ids(&err.diagnostics), ["bad-constraint"]);
    }

    #[test]
    fn plain_http_host_is_only_a_warning() {
        let text = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: { production: http://api.example.com }\n\
                    auth: { scheme: basic }\nresponse: { status: 204 }\nbody:\n  name: string\n";
        let loaded = load_texts(&[("shop.yaml", text.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert_eq!(ids(&loaded.warnings), ["plain-http-host"]);
        let allowed = text.replace("http://api.example.com", "http://api.example.com, allow: [plain-http-host]");
        let loaded = load_texts(&[("shop.yaml", allowed.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn hosts_no_request_can_use_are_errors() {
        let spec = |host: &str| {
            format!(
                "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: {{ production: \"{host}\" }}\n\
                 auth: {{ scheme: basic }}\nresponse: {{ status: 204 }}\nbody:\n  name: string\n"
            )
        };
        let long = format!("https://{}.com", "a".repeat(70_000));
        for host in [
            long.as_str(),
            "https://api.example.com:0",
            "https://api.example.com:x",
            "https://[::1",
            "https://a..b",
            "https://-a.com",
        ] {
            let err = load_texts(&[("shop.yaml", spec(host).as_bytes())]).expect_err(host);
            assert_eq!(ids(&err.diagnostics), ["bad-host"], "{host}");
            assert!(err.diagnostics[0].message.len() < 200, "{}", err.diagnostics[0].message);
        }
        for host in ["https://api.example.com:8443", "https://[2001:db8::1]:443", "https://127.0.0.1"] {
            load_texts(&[("shop.yaml", spec(host).as_bytes())]).unwrap_or_else(|e| panic!("{host}: {}", e.render()));
        }
    }

    #[test]
    fn shape_errors_are_all_reported_up_to_a_bound_that_says_so() {
        let mut text = String::from("api: shop\nendpoint: e\nmethod: POST\npath: /x\nresponse: { status: 204 }\nbody:\n");
        for i in 0..30 {
            text.push_str(&format!("  f{i}: {{ type: string, bad{i}: 1, sensitive: perhaps }}\n"));
        }
        let err = load_texts(&[("e.yaml", text.as_bytes())]).expect_err("shape errors");
        assert_eq!(err.diagnostics.len(), 60, "{}", err.render());
        for i in 0..120 {
            text.push_str(&format!("  g{i}: {{ type: string, bad{i}: 1 }}\n"));
        }
        let err = load_texts(&[("e.yaml", text.as_bytes())]).expect_err("shape errors");
        assert_eq!(err.diagnostics.len(), 101);
        assert!(
            err.diagnostics[0].message.starts_with("more shape errors may follow the 100"),
            "{}",
            err.diagnostics[0]
        );
    }
}
