//! Helpers shared by the workspace tests that write generated trees to disk.
#![allow(dead_code)] // each test binary uses a part of these helpers

use std::fs;
use std::path::{Path, PathBuf};

/// A fresh, empty directory under the system's temp dir, unique per test process.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mutaspec-test-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file below `root`, relative to it, with its bytes, sorted.
pub fn read_tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(root).unwrap().to_path_buf(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Makes `dir` a standalone crate named `name` (a workspace of its own) that depends on
/// this workspace's mutaspec-runtime by path, with the API features of the spec at
/// `spec` (all on by default): the scratch crates that tests generate and compile.
pub fn write_scratch_manifest(dir: &Path, name: &str, spec: &Path) {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("codegen/runtime");
    let spec = mutaspec_core::load(spec).unwrap_or_else(|e| panic!("{}", e.render())).spec;
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n[dependencies]\nmutaspec-runtime = {{ path = {:?} }}\n\n{}",
            runtime.display().to_string(),
            mutaspec_core::render::features(&spec)
        ),
    )
    .unwrap();
}

/// Runs cargo with `args` in the scratch crate at `dir`, with the target directory
/// `<workspace target>/<target>` kept across runs (only the scratch crate rebuilds).
pub fn cargo_in(dir: &Path, target: &str, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"), PathBuf::from)
        .join(target);
    let mut cmd = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    cmd.args(args).env("CARGO_TARGET_DIR", &target).current_dir(dir);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("runs cargo")
}
