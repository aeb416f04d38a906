//! `generate` and `check` with a codegen file (`.mutaspec-codegen.yaml` beside `--spec`,
//! or `--codegen FILE`): the options apply to every generated file, both commands read
//! the same file, and a bad file is reported with located errors, all at once.
//!
//! `MUTASPEC_BLESS=1 cargo test -p mutaspec-cli --test codegen_file_cli` rewrites the
//! snapshot in `tests/snapshots/`; review the diff before committing it.

use std::path::Path;
use std::process::Command;

mod common;
use common::Temp;

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

impl Temp {
    /// A temporary directory holding a copy of `spec/payments` as `spec/`.
    fn with_payments(name: &str) -> Temp {
        let t = Temp::new("codegen", name);
        std::fs::create_dir_all(t.0.join("spec")).unwrap();
        for entry in std::fs::read_dir(Path::new(ROOT).join("spec/payments")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), t.0.join("spec").join(entry.file_name())).unwrap();
        }
        t
    }

    /// Runs the binary in the directory: `(exit code, stdout, stderr)`.
    fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(&self.0)
            .env_remove("CLICOLOR_FORCE")
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    }

    fn read_src(&self) -> String {
        let mut all = String::new();
        let mut stack = vec![self.0.join("out/src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let p = entry.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    all.push_str(&std::fs::read_to_string(p).unwrap());
                }
            }
        }
        all
    }
}

const GOOD: &str = "\
derives: [Eq, Hash]
type_attributes:
  update_identity::Address: \"#[non_exhaustive]\"
  \"*\": [\"#[doc(alias = \\\"spec\\\")]\"]
replace:
  IdentityRole: crate::roles::Role
runtime_path: crate::rt
";

#[test]
fn generate_and_check_read_the_same_codegen_file() {
    let t = Temp::with_payments("good");
    let (code, _, stderr) = t.run(&["generate", "--out", "out"]);
    assert_eq!(code, Some(0), "{stderr}");
    let plain = t.read_src();
    std::fs::write(t.0.join(".mutaspec-codegen.yaml"), GOOD).unwrap();
    // The file changes the output: `check` sees stale files until `generate` ran with it.
    let (code, _, stderr) = t.run(&["check", "--out", "out"]);
    assert_eq!(code, Some(1), "{stderr}");
    let (code, _, stderr) = t.run(&["generate", "--out", "out"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = t.run(&["check", "--out", "out"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = t.run(&["check", "--out", "out", "--no-codegen"]);
    assert_eq!(code, Some(1), "without the file the output is stale: {stderr}");

    let src = t.read_src();
    assert_ne!(src, plain);
    // Every option reached the files (the API's `mod.rs` and the endpoint's file).
    assert!(
        src.contains("#[derive(Eq, Hash)]\n#[non_exhaustive]\n#[doc(alias = \"spec\")]\npub struct Address {"),
        "{src}"
    );
    assert!(src.contains("pub use crate::roles::Role as IdentityRole;"), "{src}");
    assert!(
        !src.contains("pub enum IdentityRole") && !src.contains("impl IdentityRole"),
        "{src}"
    );
    assert!(!src.contains("mutaspec_runtime"), "every runtime path is rebased: {src}");
    assert!(src.contains("#[serde(crate = \"crate::rt::serde\")]"), "{src}");
    // `ProgramSettings` is no spec type: no extra derive.
    assert!(
        !src.contains("#[derive(Eq, Hash)]\n#[doc(alias = \"spec\")]\npub struct ProgramSettings"),
        "{src}"
    );

    // `--codegen FILE` reads another file; the default one is then not read.
    std::fs::rename(t.0.join(".mutaspec-codegen.yaml"), t.0.join("options.yaml")).unwrap();
    let (code, _, stderr) = t.run(&["check", "--out", "out", "--codegen", "options.yaml"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = t.run(&["check", "--out", "out"]);
    assert_eq!(code, Some(1), "{stderr}");
    let (code, _, stderr) = t.run(&["check", "--codegen", "options.yaml", "--no-codegen"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("cannot be used with"), "{stderr}");
}

/// A bad file: every mistake located in it, with the spec's own errors, at once; nothing
/// is written.
#[test]
fn a_bad_codegen_file_is_reported_located_and_whole() {
    let t = Temp::with_payments("bad");
    std::fs::write(
        t.0.join(".mutaspec-codegen.yaml"),
        "derives: [Eq, \"Hash)] struct X; #[derive(Eq\"]\n\
         type_atributes: {}\n\
         type_attributes:\n  Adress: \"#[non_exhaustive]\"\n  Address: non_exhaustive\n  IdentityType: 3\n\
         replace:\n  UpdateIdentityRequest: crate::X\n  \"Link\\e[2J\": crate::Y\n\
         runtime_path: \"not a path\"\n",
    )
    .unwrap();
    let (code, stdout, stderr) = t.run(&["generate", "--out", "out"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(!t.0.join("out").exists(), "nothing written");
    assert!(!stderr.contains('\u{1b}'), "spec text is escaped: {stderr:?}");
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/codegen-file-errors.stderr");
    if std::env::var_os("MUTASPEC_BLESS").is_some() {
        std::fs::write(&snapshot, &stderr).expect("write the snapshot");
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(stderr, expected, "differs from {} (MUTASPEC_BLESS=1 to accept)", snapshot.display());
    // `check` says the same.
    let (code, _, check) = t.run(&["check", "--out", "out"]);
    assert_eq!((code, check), (Some(2), stderr));
    // JSON mode: the same diagnostics, one per line.
    let (_, json, _) = t.run(&["check", "--out", "out", "--message-format", "json"]);
    let codes: Vec<String> = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["reason"] == "diagnostic")
        .map(|v| format!("{}:{}", v["file"].as_str().unwrap(), v["line"]))
        .collect();
    assert_eq!(codes.len(), 8, "{json}");
    assert!(codes.iter().all(|c| c.starts_with(".mutaspec-codegen.yaml:")), "{codes:?}");
}

#[test]
fn a_missing_codegen_file_given_by_name_is_an_error() {
    let t = Temp::with_payments("missing");
    let (code, _, stderr) = t.run(&["check", "--out", "out", "--codegen", "nope.yaml"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("nope.yaml"), "{stderr}");
}
