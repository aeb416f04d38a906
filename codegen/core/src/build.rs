//! The `build.rs` front: the generated code written into `OUT_DIR`, for consumers who
//! want a file rather than a macro.
//!
//! The file holds what `include_spec!` expands to ([`crate::emit::crate_inline`]: a
//! module per API, its endpoint modules inline), formatted like `generated/`. Cargo is
//! told to rerun the build script when the spec changes, and shown each spec warning
//! (`cargo:warning=`, one line each: cargo prints it as `warning: <crate>@<version>: ...`).
//!
//! ```no_run
//! // In build.rs's `main`, with `mutaspec-core` under [build-dependencies]:
//! mutaspec_core::build::Config::new().spec("spec/helix").generate().unwrap();
//! ```
//!
//! ```ignore
//! // src/lib.rs (with `mutaspec-runtime` under [dependencies]): defines `helix`
//! include!(concat!(env!("OUT_DIR"), "/mutaspec.rs"));
//! ```

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic};
use crate::load::load;
use crate::render;

/// What to generate and where: one documented method per option, as in prost-build.
#[derive(Clone, Debug)]
pub struct Config {
    spec: PathBuf,
    out_dir: Option<PathBuf>,
    out_file: PathBuf,
    rerun: bool,
    options: crate::emit::options::Options,
    option_errors: Vec<crate::emit::options::OptionError>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            spec: PathBuf::from("spec"),
            out_dir: None,
            out_file: PathBuf::from("mutaspec.rs"),
            rerun: true,
            options: Default::default(),
            option_errors: Vec::new(),
        }
    }
}

impl Config {
    /// The defaults: spec `spec`, file `mutaspec.rs` in `OUT_DIR`, `rerun-if-changed` on.
    ///
    /// ```
    /// let config = mutaspec_core::build::Config::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The spec file or directory, relative to the package's directory (where its
    /// `Cargo.toml` is) unless absolute. Default: `spec`.
    ///
    /// ```
    /// mutaspec_core::build::Config::new().spec("../spec/helix");
    /// ```
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.spec = path.as_ref().to_path_buf();
        self
    }

    /// The directory to write into. Default: `OUT_DIR`, which cargo sets for build scripts.
    ///
    /// ```
    /// mutaspec_core::build::Config::new().out_dir(std::env::temp_dir());
    /// ```
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The file's name in the output directory. Default: `mutaspec.rs`; use one name per
    /// spec when a build script generates several.
    ///
    /// ```
    /// mutaspec_core::build::Config::new().spec("spec/helix").out_file("helix.rs");
    /// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/helix.rs"));
    /// ```
    pub fn out_file(&mut self, name: impl AsRef<Path>) -> &mut Self {
        self.out_file = name.as_ref().to_path_buf();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for the spec path and each spec file, so
    /// cargo reruns the build script exactly when the spec changes (a new file in a spec
    /// directory included). Default: on; turn it off outside build scripts.
    ///
    /// ```
    /// mutaspec_core::build::Config::new().emit_rerun_if_changed(false);
    /// ```
    pub fn emit_rerun_if_changed(&mut self, on: bool) -> &mut Self {
        self.rerun = on;
        self
    }

    /// Adds `#[derive(<path>)]` to every spec type (request bodies, object types,
    /// enums), skipping a type that derives it already. The trait must be derivable for
    /// every field: `Eq`/`Hash`/`PartialOrd`/`Ord` fail on a type with a `number` (`f64`)
    /// or untyped (`serde_json::Value`) field; enums already derive `Eq`, `Hash`, `Ord`.
    /// A path that does not parse is reported by [`generate`](Config::generate).
    ///
    /// ```
    /// mutaspec_core::build::Config::new().derive("Eq").derive("Hash");
    /// ```
    pub fn derive(&mut self, path: &str) -> &mut Self {
        if let Err(e) = self.options.derive(path) {
            self.option_errors.push(e);
        }
        self
    }

    /// Adds one outer attribute (`#[...]`, parsed, never pasted) to the spec types
    /// `path` matches: a type name (`Address`), a trailing part of its module path
    /// (`banking::Address`, `update_customer::Individual`), or `*` for all. A bad
    /// attribute, or a path that matches no spec type, is reported by
    /// [`generate`](Config::generate).
    ///
    /// ```
    /// mutaspec_core::build::Config::new().type_attribute("banking::Address", "#[non_exhaustive]");
    /// ```
    pub fn type_attribute(&mut self, path: &str, attribute: &str) -> &mut Self {
        if let Err(e) = self.options.type_attribute(path, attribute) {
            self.option_errors.push(e);
        }
        self
    }

    /// Replaces the spec type `path` matches (an object or enum type; a type name or a
    /// trailing part of its module path) with the user's type at `rust_path`: the type
    /// and its `impl` blocks are not generated, `pub use <rust_path> as <Name>;` stands
    /// in their place. The README ("Replacing a spec type") lists what the user's type
    /// must provide. A bad path, or one that matches no object or enum type, is
    /// reported by [`generate`](Config::generate).
    ///
    /// ```
    /// mutaspec_core::build::Config::new().replace("banking::CustomerType", "crate::kinds::CustomerType");
    /// ```
    pub fn replace(&mut self, path: &str, rust_path: &str) -> &mut Self {
        if let Err(e) = self.options.replace(path, rust_path) {
            self.option_errors.push(e);
        }
        self
    }

    /// Makes the generated code reach the runtime crate through `path` (a re-export,
    /// such as `::my_api::mutaspec_runtime`) instead of `mutaspec_runtime`. A path that
    /// does not parse is reported by [`generate`](Config::generate).
    ///
    /// ```
    /// mutaspec_core::build::Config::new().runtime_path("::my_api::mutaspec_runtime");
    /// ```
    pub fn runtime_path(&mut self, path: &str) -> &mut Self {
        if let Err(e) = self.options.runtime_path(path) {
            self.option_errors.push(e);
        }
        self
    }

    /// Loads the spec and writes the file (only when its bytes change, so an unchanged
    /// spec does not rebuild the crate). Prints cargo's directives on standard output: a
    /// `cargo:warning=` line per spec warning (its `file:line:col`, id, message and hint on
    /// one line), and the `rerun-if-changed` lines when enabled.
    ///
    /// # Errors
    /// The spec's diagnostics, rendered like rustc's (`Display` and `Debug` both show
    /// them, so `.unwrap()` in a build script prints a readable report); a missing
    /// `OUT_DIR`; a failed write.
    ///
    /// ```no_run
    /// mutaspec_core::build::Config::new().spec("spec").generate()?;
    /// # Ok::<(), mutaspec_core::build::Error>(())
    /// ```
    pub fn generate(&self) -> Result<(), Error> {
        self.generate_to(&mut io::stdout().lock())
    }

    /// [`Config::generate`], writing cargo's directives to `directives` instead of standard
    /// output (tests).
    #[doc(hidden)]
    pub fn generate_to(&self, directives: &mut dyn io::Write) -> Result<(), Error> {
        let mut say = |key: &str, value: &str| {
            // A failed write of a directive (stdout gone) is the build's to notice, not ours.
            let _ = writeln!(directives, "cargo:{key}={value}");
        };
        let base = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from("."), PathBuf::from);
        let spec = base.join(&self.spec);
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(Error::NoOutDir)?,
        };
        if self.rerun {
            rerun_if_changed(&mut say, &spec);
        }
        let loaded = load(&spec).map_err(|e| Error::Spec(e.render()))?;
        let mut option_errors = self.option_errors.clone();
        option_errors.extend(self.options.check(&loaded.spec));
        if !option_errors.is_empty() {
            return Err(Error::Options(option_errors.iter().map(ToString::to_string).collect()));
        }
        if self.rerun {
            let cwd = std::env::current_dir().unwrap_or_default();
            for file in loaded.sources.0.keys() {
                rerun_if_changed(&mut say, &cwd.join(file));
            }
        }
        for warning in &loaded.warnings {
            say("warning", &warning_line(warning));
        }
        let source = self.spec.display().to_string();
        let text =
            render::format_file(crate::emit::crate_inline_with(&loaded.spec, &self.options), Some(&source)).map_err(Error::Format)?;
        let target = out_dir.join(&self.out_file);
        if std::fs::read(&target).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(());
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|error| Error::Io {
                path: parent.to_path_buf(),
                error,
            })?;
        }
        std::fs::write(&target, text).map_err(|error| Error::Io { path: target, error })
    }
}

/// `cargo:rerun-if-changed=PATH`, unless the path holds a line break, which the directive
/// cannot carry (the rest would be read as another directive): then nothing, since the
/// spec directory's own directive makes cargo scan every file under it.
fn rerun_if_changed(say: &mut dyn FnMut(&str, &str), path: &Path) {
    let text = path.display().to_string();
    if !text.contains(['\n', '\r']) {
        say("rerun-if-changed", &text);
    }
}

/// One spec warning as the text of one `cargo:warning=` line: `file:line:col: [id]
/// message (hint: ...)`. Every character that could act on a terminal is escaped
/// ([`diag::escape`]), and so are line breaks (`\u{a}`), so spec text (a file name, a
/// host) can neither end the directive nor start another.
fn warning_line(warning: &Diagnostic) -> String {
    let mut text = format!("{}: [{}] {}", warning.loc, warning.id, warning.message);
    for label in &warning.labels {
        text.push_str(&format!(" ({}: {})", label.loc, label.message));
    }
    if let Some(hint) = &warning.hint {
        text.push_str(&format!(" (hint: {hint})"));
    }
    diag::escape(&text).replace('\n', "\\u{a}")
}

/// Why [`Config::generate`] failed.
pub enum Error {
    /// The spec has errors: every diagnostic, rendered.
    Spec(String),
    /// No output directory: not run by cargo as a build script, and no `out_dir` given.
    NoOutDir,
    /// The generated code did not parse (a bug in mutaspec).
    Format(String),
    /// A `derive` or `type_attribute` option is wrong: each one, explained.
    Options(Vec<String>),
    /// Writing the file failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(report) => write!(f, "the mutaspec spec has errors:\n{report}"),
            Error::NoOutDir => write!(f, "OUT_DIR is not set: run from a build script, or call `out_dir`"),
            Error::Format(e) => write!(f, "{e}"),
            Error::Options(list) => write!(f, "bad mutaspec build options:\n  {}", list.join("\n  ")),
            Error::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

/// The same text as `Display`: a build script's `unwrap()` shows the report, not a struct.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}
