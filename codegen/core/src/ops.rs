//! The commands as library calls: each returns what to print and the exit code, so the
//! binary (and tests) only map arguments and print.

use std::path::Path;

use crate::render::{self, Files};
use crate::resolve::{load, Loaded};

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

/// What `generate` and `check` do beyond reading `--spec` and `--out`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--deny warnings`: a warning fails the command like an error.
    pub deny_warnings: bool,
    /// `--crate NAME`: the output is a complete crate: `<out>/Cargo.toml` is generated
    /// (and checked) too.
    pub krate: Option<render::Crate>,
}

impl Outcome {
    fn fail(stderr: String) -> Self {
        Outcome {
            exit: 2,
            stdout: String::new(),
            stderr,
        }
    }
}

/// Loads and renders: the spec's diagnostics (warnings included) and the files. With
/// `deny_warnings` (`--deny warnings`), a warning fails the command like an error.
fn load_and_render(spec: &Path, deny_warnings: bool) -> Result<(Loaded, Files, String), Outcome> {
    let loaded = load(spec).map_err(|e| Outcome::fail(e.render()))?;
    let warnings = if loaded.warnings.is_empty() {
        String::new()
    } else {
        loaded.sources.render(&loaded.warnings)
    };
    if deny_warnings && !loaded.warnings.is_empty() {
        return Err(Outcome::fail(format!(
            "{warnings}error: warnings are denied (`--deny warnings`); fix them, or allow one where the spec documents why (`allow:`)\n"
        )));
    }
    let files = render::render_crate(&loaded.spec).map_err(|e| Outcome::fail(format!("error: {e}\n")))?;
    Ok((loaded, files, warnings))
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
    generate_with(spec, out, false)
}

/// `generate`, failing (exit 2, nothing written) on any warning when `deny_warnings`.
pub fn generate_with(spec: &Path, out: &Path, deny_warnings: bool) -> Outcome {
    generate_with_options(
        spec,
        out,
        &Options {
            deny_warnings,
            krate: None,
        },
    )
}

/// `generate` with every option: with [`Options::krate`], `<out>/Cargo.toml` too (never
/// replacing one without mutaspec's header: exit 2, nothing written).
pub fn generate_with_options(spec: &Path, out: &Path, opts: &Options) -> Outcome {
    let (loaded, files, mut stderr) = match load_and_render(spec, opts.deny_warnings) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let manifest = opts.krate.as_ref().map(|k| k.manifest(&loaded.spec));
    let mut on_wait = say_waiting;
    let options = render::Options {
        on_wait: Some(&mut on_wait),
        manifest: manifest.as_deref(),
        ..render::Options::default()
    };
    match render::write_with(out, &files, options) {
        Ok(plan) => {
            for note in &plan.notes {
                stderr.push_str(&format!("warning: {note}\n"));
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
            stderr.push_str(&format!(
                "generated {} file(s) for {n} endpoint(s) into {}: {} written, {} removed, {} unchanged{manifest}\n",
                files.len(),
                out.join("src").display(),
                plan.changed.len() + plan.added.len(),
                plan.removed.len(),
                plan.unchanged.len()
            ));
            Outcome {
                exit: 0,
                stdout: String::new(),
                stderr,
            }
        }
        Err(e) => Outcome::fail(format!("{stderr}error: cannot write the generated crate: {e}\n")),
    }
}

/// `mutaspec check`: exit 0 when the spec is valid and `<out>/src` matches it, 1 when
/// the output is stale (naming each file, with a short diff), 2 on spec errors or an
/// unreadable tree. Reads under a shared lock, so a concurrent `generate` is never seen
/// half way; says what an interrupted run left.
pub fn check(spec: &Path, out: &Path) -> Outcome {
    check_with(spec, out, false)
}

/// `check`, failing (exit 2) on any warning when `deny_warnings`.
pub fn check_with(spec: &Path, out: &Path, deny_warnings: bool) -> Outcome {
    check_with_options(
        spec,
        out,
        &Options {
            deny_warnings,
            krate: None,
        },
    )
}

/// `check` with every option: with [`Options::krate`], `<out>/Cargo.toml` is compared
/// too (missing, stale with a diff, or not written by mutaspec: exit 1).
pub fn check_with_options(spec: &Path, out: &Path, opts: &Options) -> Outcome {
    let (loaded, files, mut stderr) = match load_and_render(spec, opts.deny_warnings) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let manifest = opts.krate.as_ref().map(|k| k.manifest(&loaded.spec));
    let read = |stderr: &str| -> Result<(render::ReadLock, render::Plan), Outcome> {
        let fail = |e: render::WriteError| Outcome::fail(format!("{stderr}error: cannot read the generated crate: {e}\n"));
        let mut on_wait = say_waiting;
        let lock = render::ReadLock::take(out, &mut on_wait).map_err(fail)?;
        let mut plan = render::plan(out, &files).map_err(fail)?;
        if let Some(text) = &manifest {
            plan.manifest = Some(render::manifest_state(out, text).map_err(fail)?);
        }
        Ok((lock, plan))
    };
    let (mut lock, mut plan) = match read(&stderr) {
        Ok(x) => x,
        Err(o) => return o,
    };
    // No lock file when the read began, one now: a first `generate` started meanwhile.
    if !lock.held() && render::lock_path(out).exists() {
        drop(lock);
        (lock, plan) = match read(&stderr) {
            Ok(x) => x,
            Err(o) => return o,
        };
    }
    for note in render::leftovers(out) {
        stderr.push_str(&format!("warning: {note}\n"));
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
        return Outcome {
            exit: 0,
            stdout: String::new(),
            stderr,
        };
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
        let generate = opts.krate.as_ref().map_or_else(
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
    Outcome {
        exit: 1,
        stdout: String::new(),
        stderr,
    }
}
