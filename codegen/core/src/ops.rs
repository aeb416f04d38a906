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

/// `mutaspec generate`: (re)writes `<out>/src` from the spec; exit 0, or 2 on errors
/// (then `<out>` is left exactly as it was).
pub fn generate(spec: &Path, out: &Path) -> Outcome {
    generate_with(spec, out, false)
}

/// `generate`, failing (exit 2, nothing written) on any warning when `deny_warnings`.
pub fn generate_with(spec: &Path, out: &Path, deny_warnings: bool) -> Outcome {
    let (loaded, files, mut stderr) = match load_and_render(spec, deny_warnings) {
        Ok(x) => x,
        Err(o) => return o,
    };
    match render::write(out, &files) {
        Ok(plan) => {
            let n = loaded.spec.endpoints().count();
            stderr.push_str(&format!(
                "generated {} file(s) for {n} endpoint(s) into {}: {} written, {} removed, {} unchanged\n",
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
/// the output is stale (naming each file, with a short diff), 2 on spec errors.
pub fn check(spec: &Path, out: &Path) -> Outcome {
    check_with(spec, out, false)
}

/// `check`, failing (exit 2) on any warning when `deny_warnings`.
pub fn check_with(spec: &Path, out: &Path, deny_warnings: bool) -> Outcome {
    let (loaded, files, mut stderr) = match load_and_render(spec, deny_warnings) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let plan = match render::plan(out, &files) {
        Ok(p) => p,
        Err(e) => return Outcome::fail(format!("{stderr}error: cannot read the generated crate: {e}\n")),
    };
    if plan.is_clean() {
        let n = loaded.spec.endpoints().count();
        stderr.push_str(&format!(
            "ok: spec valid ({} api(s), {n} endpoint(s)); {} is up to date\n",
            loaded.spec.apis.len(),
            out.join("src").display()
        ));
        return Outcome {
            exit: 0,
            stdout: String::new(),
            stderr,
        };
    }
    let src = out.join("src");
    for (what, list) in [
        ("stale", &plan.changed),
        ("missing", &plan.added),
        ("no longer generated", &plan.removed),
    ] {
        for rel in list {
            stderr.push_str(&format!("{what}: {}\n", src.join(rel).display()));
        }
    }
    stderr.push('\n');
    stderr.push_str(&render::stale_report(out, &files, &plan));
    stderr.push_str("\nerror: the generated code is stale; run `mutaspec generate` and commit the result\n");
    Outcome {
        exit: 1,
        stdout: String::new(),
        stderr,
    }
}
