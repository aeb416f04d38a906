//! The commands as library calls: each returns what to print and the exit code, so the
//! binary (and tests) only map arguments and print. One function per command:
//! [`generate`] and [`check`] (with [`generate_opts`], [`check_opts`]), [`diff()`],
//! [`validate`], [`schema`] and [`export_openapi`].

mod replay;

use std::path::Path;

use crate::diff::{self, AcceptFile, Level, OutputFormat, Side, SideError};
use crate::load::{load, Loaded};
use crate::render::{self, Files};

pub use replay::{validate, ValidateFormat, ValidateOptions, MAX_INPUT_BYTES};

/// What a command produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// 0 success, 1 stale/changes found, 2 errors.
    pub exit: u8,
    /// For standard output.
    pub stdout: String,
    /// For standard error (diagnostics, summaries).
    pub stderr: String,
}

/// How `check` and `generate` report their diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MessageFormat {
    /// Rendered like rustc, on standard error.
    #[default]
    Human,
    /// One JSON object per diagnostic and a final summary object, one per line on
    /// standard output (README, "CLI"); the rest of the report stays on standard error.
    Json,
}

/// Options of `check` and `generate`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--deny warnings`: a warning fails the command like an error.
    pub deny_warnings: bool,
    /// `--message-format`.
    pub message_format: MessageFormat,
    /// Colour the human diagnostics (ANSI codes); never in JSON.
    pub color: bool,
    /// `--crate NAME`: the output is a complete crate: `<out>/Cargo.toml` is generated
    /// (and checked) too.
    pub krate: Option<render::Crate>,
    /// A codegen file ([`crate::codegen_file`]) whose options (extra derives and
    /// attributes, replaced types, the runtime's path) apply to the generated code.
    pub codegen: Option<std::path::PathBuf>,
}

/// What a command reported so far: the diagnostics (rendered or as JSON), their counts,
/// and the rest of standard error.
struct Report {
    options: Options,
    command: &'static str,
    stdout: String,
    stderr: String,
    errors: usize,
    warnings: usize,
}

impl Report {
    fn new(command: &'static str, options: Options) -> Report {
        Report {
            options,
            command,
            stdout: String::new(),
            stderr: String::new(),
            errors: 0,
            warnings: 0,
        }
    }

    fn diagnostics(&mut self, diags: &[crate::Diagnostic], sources: &crate::load::Sources) {
        let errors = diags.iter().filter(|d| d.severity == crate::Severity::Error).count();
        self.errors += errors;
        self.warnings += diags.len() - errors;
        match self.options.message_format {
            MessageFormat::Human => self
                .stderr
                .push_str(&sources.render_with(diags, crate::diag::Palette::new(self.options.color))),
            MessageFormat::Json => self.stdout.push_str(&sources.json_lines(diags)),
        }
    }

    /// The outcome, with the JSON summary line last on standard output in JSON mode.
    fn finish(mut self, exit: u8) -> Outcome {
        if self.options.message_format == MessageFormat::Json {
            #[derive(serde::Serialize)]
            struct Summary {
                reason: &'static str,
                command: &'static str,
                success: bool,
                exit_code: u8,
                errors: usize,
                warnings: usize,
            }
            let summary = serde_json::to_string(&Summary {
                reason: "summary",
                command: self.command,
                success: exit == 0,
                exit_code: exit,
                errors: self.errors,
                warnings: self.warnings,
            })
            .unwrap_or_default();
            self.stdout.push_str(&format!("{summary}\n"));
        }
        Outcome {
            exit,
            stdout: self.stdout,
            stderr: self.stderr,
        }
    }

    /// Fails (exit 2) with `message` appended to standard error.
    fn fail(mut self, message: &str) -> Outcome {
        self.stderr.push_str(message);
        self.finish(2)
    }
}

/// Loads and renders: the spec's diagnostics (warnings included) and the files. With
/// `deny_warnings` (`--deny warnings`), a warning fails the command like an error.
fn load_and_render(spec: &Path, mut report: Report) -> Result<(Loaded, Files, Report), Outcome> {
    // The codegen file's errors and the spec's are reported together, in one list.
    let (mut codegen, mut diags) = match &report.options.codegen {
        None => Default::default(),
        Some(path) => crate::codegen_file::CodegenFile::load(path),
    };
    let mut sources = std::mem::take(&mut codegen.sources);
    let mut loaded = match load(spec) {
        Ok(loaded) => loaded,
        Err(mut e) => {
            diags.extend(e.diagnostics);
            e.sources.0.append(&mut sources.0);
            report.diagnostics(&diags, &e.sources);
            return Err(report.finish(2));
        }
    };
    diags.extend(codegen.check(&loaded.spec));
    // The file's own errors and those about its paths, in the file's order.
    diags.sort_by(|a, b| (&a.loc.file, a.loc.line, a.loc.col).cmp(&(&b.loc.file, b.loc.line, b.loc.col)));
    let failed = diags.iter().any(|d| d.severity == crate::Severity::Error);
    diags.extend(loaded.warnings.iter().cloned());
    loaded.sources.0.append(&mut sources.0);
    report.diagnostics(&diags, &loaded.sources);
    if failed {
        return Err(report.finish(2));
    }
    if report.options.deny_warnings && !loaded.warnings.is_empty() {
        return Err(
            report.fail("error: warnings are denied (`--deny warnings`); fix them, or allow one where the spec documents why (`allow:`)\n")
        );
    }
    match render::render_crate_with(&loaded.spec, &codegen.options) {
        Ok(files) => Ok((loaded, files, report)),
        Err(e) => Err(report.fail(&format!("error: {e}\n"))),
    }
}

/// Tells stderr, as it happens, that another run holds the lock (a library call that
/// waits would otherwise look hung).
fn say_waiting(lock: &Path) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "note: waiting for another mutaspec run to finish with {}",
        lock.display()
    );
}

/// `mutaspec generate`: (re)writes `<out>/src` from the spec; exit 0, or 2 on errors
/// (then `<out>/src` is left exactly as it was).
pub fn generate(spec: &Path, out: &Path) -> Outcome {
    generate_opts(spec, out, Options::default())
}

/// `generate` with every option of the command line: with [`Options::krate`],
/// `<out>/Cargo.toml` too (never replacing one without mutaspec's header: exit 2, nothing
/// written).
pub fn generate_opts(spec: &Path, out: &Path, options: Options) -> Outcome {
    let krate = options.krate.clone();
    let (loaded, files, mut report) = match load_and_render(spec, Report::new("generate", options)) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let manifest = krate.as_ref().map(|k| k.manifest(&loaded.spec));
    let mut on_wait = say_waiting;
    let write_options = render::Options {
        on_wait: Some(&mut on_wait),
        manifest: manifest.as_deref(),
        ..render::Options::default()
    };
    match render::write_with(out, &files, write_options) {
        Ok(plan) => {
            for note in &plan.notes {
                report.stderr.push_str(&format!("warning: {note}\n"));
            }
            if krate.is_none() {
                if let Some(note) = render::undeclared_features_note(out, &loaded.spec) {
                    report.stderr.push_str(&format!("warning: {note}"));
                }
            }
            let n = loaded.spec.endpoints().count();
            let manifest = match plan.manifest {
                None => String::new(),
                Some(state) => format!(
                    "; {} {}",
                    out.join(render::MANIFEST).display(),
                    if state == render::ManifestState::Unchanged {
                        "unchanged"
                    } else {
                        "written"
                    }
                ),
            };
            report.stderr.push_str(&format!(
                "generated {} file(s) for {n} endpoint(s) into {}: {} written, {} removed, {} unchanged{manifest}\n",
                files.len(),
                out.join("src").display(),
                plan.changed.len() + plan.added.len(),
                plan.removed.len(),
                plan.unchanged.len()
            ));
            report.finish(0)
        }
        Err(e) => report.fail(&format!("error: cannot write the generated crate: {e}\n")),
    }
}

/// `mutaspec check`: exit 0 when the spec is valid and `<out>/src` matches it, 1 when
/// the output is stale (naming each file, with a short diff), 2 on spec errors or an
/// unreadable tree. Reads under a shared lock, so a concurrent `generate` is never seen
/// half way; says what an interrupted run left.
pub fn check(spec: &Path, out: &Path) -> Outcome {
    check_opts(spec, out, Options::default())
}

/// `check` with every option of the command line: with [`Options::krate`],
/// `<out>/Cargo.toml` is compared too (missing, stale with a diff, or not written by
/// mutaspec: exit 1).
pub fn check_opts(spec: &Path, out: &Path, options: Options) -> Outcome {
    let krate = options.krate.clone();
    let (loaded, files, mut report) = match load_and_render(spec, Report::new("check", options)) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let manifest = krate.as_ref().map(|k| k.manifest(&loaded.spec));
    let read = || -> Result<(render::ReadLock, render::TreeChanges), render::WriteError> {
        let mut on_wait = say_waiting;
        let lock = render::ReadLock::take(out, &mut on_wait)?;
        let mut plan = render::changes(out, &files)?;
        if let Some(text) = &manifest {
            plan.manifest = Some(render::manifest_state(out, text)?);
        }
        Ok((lock, plan))
    };
    let cannot_read = |e: render::WriteError| format!("error: cannot read the generated crate: {e}\n");
    let (mut lock, mut plan) = match read() {
        Ok(x) => x,
        Err(e) => return report.fail(&cannot_read(e)),
    };
    // No lock file when the read began, one now: a first `generate` started meanwhile.
    if !lock.held() && render::lock_path(out).exists() {
        drop(lock);
        (lock, plan) = match read() {
            Ok(x) => x,
            Err(e) => return report.fail(&cannot_read(e)),
        };
    }
    let stderr = &mut report.stderr;
    for note in render::leftovers(out) {
        stderr.push_str(&format!("warning: {note}\n"));
    }
    if krate.is_none() {
        if let Some(note) = render::undeclared_features_note(out, &loaded.spec) {
            stderr.push_str(&format!("warning: {note}"));
        }
    }
    let src = out.join("src");
    let manifest_path = out.join(render::MANIFEST);
    let manifest_state = plan.manifest.filter(|s| *s != render::ManifestState::Unchanged);
    if plan.is_clean() && manifest_state.is_none() {
        let n = loaded.spec.endpoints().count();
        let what = match plan.manifest {
            Some(_) => format!("{} and {} are", src.display(), manifest_path.display()),
            None => format!("{} is", src.display()),
        };
        stderr.push_str(&format!(
            "ok: spec valid ({} api(s), {n} endpoint(s)); {what} up to date\n",
            loaded.spec.apis.len(),
        ));
        return report.finish(0);
    }
    let foreign = |rel: &std::path::PathBuf| plan.foreign.contains(rel);
    for (what, list) in [
        ("stale", &plan.changed),
        ("missing", &plan.added),
        ("no longer generated", &plan.removed),
    ] {
        for rel in list {
            let what = if foreign(rel) { "not written by mutaspec" } else { what };
            stderr.push_str(&format!("{what}: {}\n", src.join(rel).display()));
        }
    }
    let manifest_foreign = manifest_state == Some(render::ManifestState::Foreign);
    if let Some(state) = manifest_state {
        let what = match state {
            render::ManifestState::Missing => "missing",
            render::ManifestState::Foreign => "not written by mutaspec",
            _ => "stale",
        };
        stderr.push_str(&format!("{what}: {}\n", manifest_path.display()));
    }
    stderr.push('\n');
    let interrupted = !src.exists() && out.join(render::OLD_DIR).is_dir();
    if !interrupted {
        stderr.push_str(&render::stale_report(out, &files, &plan));
    }
    if let (Some(render::ManifestState::Changed), Some(text)) = (manifest_state, &manifest) {
        stderr.push_str(&render::stale_manifest_report(out, text));
    }
    drop(lock);
    if interrupted {
        stderr.push_str(&format!(
            "error: {} is missing after an interrupted `mutaspec generate`; run `mutaspec generate`: it puts the previous tree back first\n",
            src.display()
        ));
    } else if manifest_foreign {
        stderr.push_str(&format!(
            "\nerror: {} has no mutaspec header, and `mutaspec generate --crate` never replaces it: drop `--crate` to keep \
             your own manifest, or move it away and run `mutaspec generate --crate NAME`\n",
            manifest_path.display()
        ));
    } else if plan.foreign.is_empty() {
        let generate = krate.as_ref().map_or_else(
            || "mutaspec generate".to_owned(),
            |k| format!("mutaspec generate --crate {}", k.name()),
        );
        stderr.push_str(&format!(
            "\nerror: the generated code is stale; run `{generate}` and commit the result\n"
        ));
    } else {
        stderr.push_str(&format!(
            "\nerror: {} holds {} file(s) without mutaspec's header, which `mutaspec generate` never replaces or removes: \
             move them out of {} (mutaspec owns that directory), then run `mutaspec generate` and commit the result\n",
            src.display(),
            plan.foreign.len(),
            src.display()
        ));
    }
    report.finish(1)
}

/// How `diff` reports.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The output format.
    pub format: OutputFormat,
    /// The mildest severity that makes the exit code 1.
    pub fail_on: Level,
    /// An accept file ([`diff::accept`]) of reviewed changes.
    pub accept: Option<std::path::PathBuf>,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            format: OutputFormat::Text,
            fail_on: Level::Breaking,
            accept: None,
        }
    }
}

/// `mutaspec diff`: loads both sides (and the accept file), compares them ([`crate::diff`]
/// says how) and renders the result. Exit 0 when no change counts as at least as severe
/// as `fail_on`, 1 when one does, 2 when a side does not load (a spec error, an unknown
/// revision, not a git repository) or the accept file has errors. A stale accept entry
/// is a warning on stderr.
pub fn diff(old: &Side, new: &Side, options: DiffOptions) -> Outcome {
    let load = |side: &Side, which: &str| {
        side.load().map_err(|e| match e {
            SideError::Load(e) => format!("error: the {which} spec `{}` does not load:\n{}", side.label(), e.render()),
            SideError::Git(msg) => format!("error: {msg}\n"),
        })
    };
    let accept = options
        .accept
        .as_deref()
        .map(|p| AcceptFile::load(p).map_err(|e| format!("error: the accept file `{}` has errors:\n{e}", p.display())));
    let (old, new, accept) = match (load(old, "old"), load(new, "new"), accept.transpose()) {
        (Ok(o), Ok(n), Ok(a)) => (o, n, a),
        (o, n, a) => {
            let stderr = [o.err(), n.err(), a.err()].into_iter().flatten().collect::<Vec<_>>().join("\n");
            return Outcome {
                exit: 2,
                stdout: String::new(),
                stderr,
            };
        }
    };
    let mut changes = diff::diff(&old.spec, &new.spec);
    let stderr = match &accept {
        Some(a) => {
            let stale = a.apply(&mut changes);
            if stale.is_empty() {
                String::new()
            } else {
                a.render(&stale)
            }
        }
        None => String::new(),
    };
    Outcome {
        exit: diff::exit_code(&changes, options.fail_on),
        stdout: diff::render_with(&changes, options.format, options.fail_on),
        stderr,
    }
}

/// `mutaspec schema`: the JSON Schema of spec files ([`crate::schema::SCHEMA`]) on
/// standard output; exit 0.
pub fn schema() -> Outcome {
    Outcome {
        exit: 0,
        stdout: crate::schema::SCHEMA.to_owned(),
        stderr: String::new(),
    }
}

/// How `export openapi` writes its document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// Pretty-printed JSON.
    #[default]
    Json,
    /// YAML.
    Yaml,
}

/// Options of `export openapi`.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// The spec directory or file.
    pub spec: std::path::PathBuf,
    /// The file to write; `None`: standard output.
    pub out: Option<std::path::PathBuf>,
    /// JSON or YAML.
    pub format: ExportFormat,
    /// Only this API (`--api NAME`).
    pub api: Option<String>,
    /// Colour the diagnostics (ANSI codes).
    pub color: bool,
}

/// `mutaspec export openapi`: the spec's endpoints as an OpenAPI 3.1 document
/// ([`crate::export::openapi()`]) on standard output or in `out`. Exit 0, or 2 when the
/// spec does not load (its diagnostics on stderr, as `check` prints them), `--api`
/// names no API, two endpoints share a method and path, or `out` cannot be written.
pub fn export_openapi(options: &ExportOptions) -> Outcome {
    let mut report = Report::new(
        "export",
        Options {
            color: options.color,
            ..Options::default()
        },
    );
    let loaded = match load(&options.spec) {
        Ok(l) => l,
        Err(e) => {
            report.diagnostics(&e.diagnostics, &e.sources);
            return report.finish(2);
        }
    };
    report.diagnostics(&loaded.warnings, &loaded.sources);
    let export_options = crate::export::OpenApiOptions { api: options.api.clone() };
    let doc = match crate::export::openapi(&loaded.spec, &export_options) {
        Ok(doc) => doc,
        Err(crate::export::ExportError::Diagnostics(diags)) => {
            report.diagnostics(&diags, &loaded.sources);
            return report.finish(2);
        }
        Err(e) => return report.fail(&format!("error: {e}\n")),
    };
    let text = match options.format {
        ExportFormat::Json => doc.to_json(),
        ExportFormat::Yaml => doc.to_yaml(),
    };
    let n = match &options.api {
        Some(api) => loaded.spec.apis.iter().filter(|a| &a.name == api).map(|a| a.endpoints.len()).sum(),
        None => loaded.spec.endpoints().count(),
    };
    match &options.out {
        None => {
            report.stdout = text;
            report.finish(0)
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => {
                report
                    .stderr
                    .push_str(&format!("exported {n} endpoint(s) as OpenAPI {} to {}\n", "3.1", path.display()));
                report.finish(0)
            }
            Err(e) => report.fail(&format!("error: cannot write {}: {e}\n", path.display())),
        },
    }
}
