//! Codegen files: the [`Options`] of `mutaspec generate` and `check`, read from a YAML
//! file beside the spec (README, "CLI").
//!
//! ```yaml
//! derives: [Eq, Hash]                           # on every spec type
//! type_attributes:                              # spec type path: one attribute or a list
//!   update_item::Address: "#[derive(Ord)]"
//!   "*": ["#[non_exhaustive]"]
//! replace:                                      # spec type path: the user's type
//!   update_item::Tag: crate::tags::Tag
//! runtime_path: crate::rt                       # instead of mutaspec_runtime
//! ```
//!
//! Both commands read the same file, so they cannot disagree about the options (a
//! `check` with other options than `generate` would report stale output). Unknown keys,
//! a value of the wrong kind, a derive or attribute that does not parse and a path that
//! matches no spec type are located errors, all reported at once.

use std::path::Path;
use std::sync::Arc;

use serde_yaml::Value;

use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Loc};
use crate::emit::options::Options;
use crate::load::Sources;
use crate::model::Spec;
use crate::source::{self, KeySeg, SourceFile};

/// The name looked for beside the spec directory (or file) when `--codegen` is not given.
pub const DEFAULT_NAME: &str = ".mutaspec-codegen.yaml";

const KEYS: [&str; 4] = ["derives", "type_attributes", "replace", "runtime_path"];

/// A read codegen file: the options, where each type path was given, and the file's
/// text for quoting it.
#[derive(Debug, Default)]
pub struct CodegenFile {
    /// The options, to apply with [`crate::render::render_crate_with`].
    pub options: Options,
    /// Each `type_attributes` and `replace` path, with where it is written.
    paths: Vec<(String, Loc)>,
    /// The file, for rendering its diagnostics.
    pub sources: Sources,
}

/// The file beside `spec` (in the directory that holds the spec directory or file).
pub fn default_path(spec: &Path) -> std::path::PathBuf {
    spec.parent().unwrap_or(Path::new("")).join(DEFAULT_NAME)
}

impl CodegenFile {
    /// Reads and checks the file at `path`: the options that were valid, and every
    /// error (the options must not be used when there is one; [`check`](Self::check)
    /// can still run, to report all errors at once).
    pub fn load(path: &Path) -> (CodegenFile, Vec<Diagnostic>) {
        let shown: Arc<Path> = Arc::from(crate::diag::display_path(path));
        let mut diags = Diagnostics::new();
        let mut file = CodegenFile::default();
        if let Some(src) = source::read(path, shown.clone(), &mut diags) {
            if src.parsed && !diags.has_errors() {
                file.parse(&src, &mut diags);
            }
            file.sources.0.insert(shown, src);
        }
        (file, diags.into_sorted())
    }

    /// One error per `type_attributes` or `replace` path that matches no spec type it can
    /// apply to, at the path.
    pub fn check(&self, spec: &Spec) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::new();
        let mut paths = self.paths.iter();
        for e in self.options.check(spec) {
            // `check` reports in the order the paths were given, attributes first: the
            // same order as `paths`.
            let Some((_, loc)) = paths.by_ref().find(|(p, _)| *p == e.input) else {
                continue;
            };
            diags.error(
                "codegen-file",
                loc.clone(),
                format!("`{}` {}", e.input, e.message),
                "write a type name, `api::Name` or `api::endpoint::Name` of the spec",
            );
        }
        diags.into_sorted()
    }

    fn parse(&mut self, src: &SourceFile, diags: &mut Diagnostics) {
        let hint = format!("use the keys {}", KEYS.map(|k| format!("`{k}:`")).join(", "));
        let Ok(Some(top)) = source::side_file_mapping(src, "codegen-file", "a codegen file is a mapping", &hint, diags) else {
            return;
        };
        // Attributes first, then replacements: the order `Options::check` reports in.
        let mut replace = None;
        for (k, v) in top {
            let name = k.as_str().map_or_else(|| format!("{k:?}"), str::to_owned);
            match name.as_str() {
                "derives" => self.derives(src, v, diags),
                "type_attributes" => self.pairs(src, "type_attributes", v, diags),
                "replace" => replace = Some(v),
                "runtime_path" => {
                    let at = [KeySeg::from("runtime_path")];
                    if let Some(path) = string(src, &at, &v, diags) {
                        if let Err(e) = self.options.runtime_path(&path) {
                            diags.error("codegen-file", src.value_loc(&at), e.to_string(), "write a Rust path: `crate::rt`");
                        }
                    }
                }
                _ => diags.error(
                    "unknown-key",
                    src.key_loc(&[KeySeg::Key(name.clone())]),
                    format!("unknown key `{name}` in the codegen file"),
                    did_you_mean(&name, KEYS),
                ),
            }
        }
        if let Some(v) = replace {
            self.pairs(src, "replace", v, diags);
        }
    }

    fn derives(&mut self, src: &SourceFile, v: Value, diags: &mut Diagnostics) {
        let Value::Sequence(items) = v else {
            diags.error(
                "codegen-file",
                src.value_loc(&["derives".into()]),
                "`derives:` must be a list of trait paths",
                "write `derives: [Eq, Hash]`",
            );
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let at = [KeySeg::from("derives"), KeySeg::Index(i)];
            if let Some(path) = string(src, &at, item, diags) {
                if let Err(e) = self.options.derive(&path) {
                    diags.error(
                        "codegen-file",
                        src.value_loc(&at),
                        e.to_string(),
                        "write a trait path: `Hash`, `serde::Deserialize`",
                    );
                }
            }
        }
    }

    /// `type_attributes:` or `replace:`: a mapping from spec type paths to an attribute
    /// (or a list of them), or to the user's type.
    fn pairs(&mut self, src: &SourceFile, key: &'static str, v: Value, diags: &mut Diagnostics) {
        let Value::Mapping(m) = v else {
            diags.error(
                "codegen-file",
                src.value_loc(&[key.into()]),
                format!("`{key}:` must be a mapping from spec type paths"),
                match key {
                    "replace" => "write `replace: {{ update_item::Address: crate::my::Address }}`",
                    _ => "write `type_attributes: {{ update_item::Address: \"#[derive(Ord)]\" }}`",
                },
            );
            return;
        };
        for (k, v) in m {
            let Some(path) = k.as_str().map(str::to_owned) else {
                diags.error(
                    "codegen-file",
                    src.value_loc(&[key.into()]),
                    format!("a key of `{key}:` is not a string"),
                    "write a spec type path such as `api::Name`",
                );
                continue;
            };
            let at = [KeySeg::from(key), KeySeg::Key(path.clone())];
            let key_at = src.key_loc(&at);
            if key == "replace" {
                let Some(with) = string(src, &at, &v, diags) else { continue };
                match self.options.replace(&path, &with) {
                    Ok(_) => self.paths.push((path.replace(' ', ""), key_at)),
                    Err(e) => {
                        let loc = if e.input == path { key_at } else { src.value_loc(&at) };
                        diags.error("codegen-file", loc, e.to_string(), "map a spec type path to a Rust type path");
                    }
                }
                continue;
            }
            let attributes: Vec<(Vec<KeySeg>, &Value)> = match &v {
                Value::Sequence(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| ([at.to_vec(), vec![KeySeg::Index(i)]].concat(), item))
                    .collect(),
                other => vec![(at.to_vec(), other)],
            };
            for (item_at, item) in attributes {
                let Some(attribute) = string(src, &item_at, item, diags) else {
                    continue;
                };
                match self.options.type_attribute(&path, &attribute) {
                    Ok(_) => self.paths.push((path.replace(' ', ""), key_at.clone())),
                    Err(e) => {
                        let loc = if e.input == path { key_at.clone() } else { src.value_loc(&item_at) };
                        diags.error(
                            "codegen-file",
                            loc,
                            e.to_string(),
                            "write one outer attribute, quoted: \"#[derive(Ord)]\"",
                        );
                    }
                }
            }
        }
    }
}

/// The string at `at`, or an error there.
fn string(src: &SourceFile, at: &[KeySeg], v: &Value, diags: &mut Diagnostics) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        _ => {
            diags.error("codegen-file", src.value_loc(at), "expected a string", "quote it");
            None
        }
    }
}
