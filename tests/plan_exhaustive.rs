//! A rule kind or a condition that the plan gains and a back end does not handle is a
//! compile error in that back end, not a validator that silently does the wrong thing.
//!
//! The test copies `mutaspec-core` (and the runtime it depends on) to a scratch
//! workspace, adds a variant `Probe` to each enum of `plan.rs` that the back ends read,
//! runs `cargo check`, and collects where rustc reports `Probe` not covered (E0004).
//! Every probe must be reported in each stage that reads its enum: the plan's own rule
//! table, the Rust emitter (`emit/validate.rs`) and the JSON evaluator (`eval/`). The
//! table [`EXPECTED`] is the list `docs/architecture.md` gives for adding a rule kind.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Each probed enum of `plan.rs`, with the files (relative to `codegen/core/src`) where
/// a new variant must be handled.
const EXPECTED: &[(&str, &[&str])] = &[
    ("ValueCheck", &["plan.rs", "emit/validate.rs", "eval/checks.rs"]),
    ("FieldCheck", &["plan.rs", "emit/validate.rs", "eval/walk.rs"]),
    ("Presence", &["emit/validate.rs", "eval/walk.rs"]),
    ("Cleared", &["plan.rs", "emit/validate.rs", "eval/walk.rs"]),
    ("GroupCheck", &["plan.rs", "emit/validate.rs", "eval/walk.rs"]),
    ("Layer", &["emit/validate.rs", "eval/walk.rs"]),
    ("Bound", &["emit/validate.rs", "eval/checks.rs"]),
    ("Count", &["emit/validate.rs", "eval/checks.rs"]),
    ("Unset", &["emit/validate.rs", "eval/walk.rs"]),
    ("Equality", &["emit/validate.rs", "eval/walk.rs"]),
    ("Exposure", &["emit/validate.rs"]),
    ("Shape", &["plan.rs", "emit/validate.rs", "eval/walk.rs"]),
    ("StateTest", &["emit/validate.rs", "eval/walk.rs"]),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create a directory");
    for e in fs::read_dir(from).expect("read a directory") {
        let e = e.expect("a directory entry");
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().expect("a file type").is_dir() {
            if e.file_name() != "target" {
                copy_dir(&src, &dst);
            }
        } else {
            fs::copy(&src, &dst).expect("copy a file");
        }
    }
}

/// The root manifest's workspace-wide sections, for a workspace of core and runtime.
fn workspace_manifest() -> String {
    let text = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let from = text.find("[workspace.package]").expect("a [workspace.package] section");
    let to = text.find("\n[package]").expect("the root [package]");
    format!(
        "[workspace]\nresolver = \"2\"\nmembers = [\"codegen/core\", \"codegen/runtime\"]\n\n{}",
        &text[from..to]
    )
}

/// `plan.rs` with a variant `Probe` first in each enum of [`EXPECTED`].
fn probed_plan(text: &str) -> String {
    let mut out = text.to_owned();
    for (name, _) in EXPECTED {
        let decl = format!("pub enum {name} {{\n");
        assert!(out.contains(&decl), "plan.rs declares no `{decl}`");
        out = out.replacen(&decl, &format!("{decl}    /// A probe.\n    Probe,\n"), 1);
    }
    out
}

#[test]
fn a_new_plan_variant_is_a_compile_error_in_every_back_end() {
    let scratch = root().join("target/plan-exhaustive");
    let ws = scratch.join("ws");
    let _ = fs::remove_dir_all(&ws);
    copy_dir(&root().join("codegen/core"), &ws.join("codegen/core"));
    copy_dir(&root().join("codegen/runtime"), &ws.join("codegen/runtime"));
    fs::write(ws.join("Cargo.toml"), workspace_manifest()).expect("write the manifest");
    fs::copy(root().join("Cargo.lock"), ws.join("Cargo.lock")).expect("copy Cargo.lock");
    let plan = ws.join("codegen/core/src/plan.rs");
    let text = fs::read_to_string(&plan).expect("plan.rs");
    fs::write(&plan, probed_plan(&text)).expect("write plan.rs");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["check", "--offline", "--message-format=short", "-p", "mutaspec-core", "--lib"])
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never")
        .current_dir(&ws)
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the probed plan compiled:\n{stderr}");

    // `codegen/core/src/emit/validate.rs:12:5: error[E0004]: non-exhaustive patterns: `&Layer::Probe` not covered`
    let mut found: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut other = Vec::new();
    for line in stderr.lines().filter(|l| l.contains("error")) {
        let probe = EXPECTED
            .iter()
            .map(|(n, _)| *n)
            .find(|n| line.contains("E0004") && line.contains(&format!("{n}::Probe")));
        let file = line
            .split(':')
            .next()
            .unwrap_or("")
            .trim_start_matches("codegen/core/src/")
            .to_owned();
        match probe {
            Some(n) => {
                found.entry(n.to_owned()).or_default().insert(file);
            }
            None if line.starts_with("error: could not compile") || line.contains("aborting") => {}
            None => other.push(line.to_owned()),
        }
    }
    assert!(other.is_empty(), "errors other than unhandled probes:\n{}", other.join("\n"));
    let expected: BTreeMap<String, BTreeSet<String>> = EXPECTED
        .iter()
        .map(|(n, files)| ((*n).to_owned(), files.iter().map(|f| (*f).to_owned()).collect()))
        .collect();
    assert_eq!(found, expected, "where a new variant must be handled, by enum\n{stderr}");
}
