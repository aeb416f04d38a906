//! The published crates (README "Crates") can be packaged and built from their packages
//! alone. The packaging itself, with verification, and a build outside the workspace against
//! the packages are `scripts/package-check.sh` (CI); this test checks, in well under a second,
//! what makes those pass or fail for a reason the script would only show late:
//!
//! - exactly the five user-facing crates are publishable, every other package says
//!   `publish = false`;
//! - each has the metadata crates.io shows (description, license, documentation, readme,
//!   keywords, categories), its README and both license files inside its directory (a
//!   package holds nothing from outside it), the license files byte-identical to the root's;
//! - each mutaspec dependency of a published crate carries the workspace's version beside its
//!   path (a path alone is stripped from the package, and the package would not build);
//! - no `include_str!`, `include_bytes!` or `include!` in a published crate's sources reads a
//!   file outside that crate's directory.

use std::path::{Component, Path, PathBuf};

use serde_json::Value;

/// The crates a user depends on, in dependency order (the order of `package-check.sh`).
const PUBLISHED: &[&str] = &[
    "mutaspec-runtime",
    "mutaspec-core",
    "mutaspec-openapi",
    "mutaspec-macros",
    "mutaspec-cli",
];

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

fn packages(meta: &Value) -> &[Value] {
    meta["packages"].as_array().expect("packages")
}

fn dir_of(package: &Value) -> PathBuf {
    Path::new(package["manifest_path"].as_str().unwrap())
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn exactly_the_user_facing_crates_are_publishable() {
    let meta = metadata();
    let mut publishable: Vec<&str> = packages(&meta)
        .iter()
        // `publish`: null is "anywhere", [] is `publish = false`.
        .filter(|p| p["publish"].is_null())
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    publishable.sort_unstable();
    let mut expected = PUBLISHED.to_vec();
    expected.sort_unstable();
    assert_eq!(
        publishable, expected,
        "publish = false on every other package (mutaspec-generated, the tests, examples)"
    );
}

#[test]
fn published_crates_carry_their_metadata_and_files() {
    let meta = metadata();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let licenses = ["LICENSE-MIT", "LICENSE-APACHE"].map(|f| (f, std::fs::read(root.join(f)).expect(f)));
    assert!(String::from_utf8_lossy(&licenses[1].1).contains("Version 2.0, January 2004"));
    for name in PUBLISHED {
        let p = packages(&meta).iter().find(|p| p["name"] == *name).expect(name);
        let dir = dir_of(p);
        for key in ["description", "license", "documentation", "readme"] {
            assert!(p[key].as_str().is_some_and(|s| !s.is_empty()), "{name}: no `{key}`");
        }
        assert_eq!(p["license"], "MIT OR Apache-2.0", "{name}");
        assert_eq!(p["documentation"], format!("https://docs.rs/{name}"), "{name}");
        for key in ["keywords", "categories"] {
            let n = p[key].as_array().map_or(0, Vec::len);
            assert!((1..=5).contains(&n), "{name}: {n} {key} (crates.io takes 1 to 5)");
        }
        let readme = dir.join(p["readme"].as_str().unwrap());
        assert!(
            readme.starts_with(&dir) && readme.is_file(),
            "{name}: README inside the crate: {}",
            readme.display()
        );
        for (file, text) in &licenses {
            let copy = std::fs::read(dir.join(file)).unwrap_or_default();
            assert!(
                copy == *text,
                "{name}: {}/{file} is not the root's {file}: `cp {file} {}/`",
                dir.display(),
                dir.strip_prefix(root).unwrap().display()
            );
        }
    }
}

#[test]
fn published_crates_depend_on_each_other_by_version_and_path() {
    let meta = metadata();
    let version = packages(&meta).iter().find(|p| p["name"] == "mutaspec-core").unwrap()["version"].clone();
    for name in PUBLISHED {
        let p = packages(&meta).iter().find(|p| p["name"] == *name).unwrap();
        for dep in p["dependencies"].as_array().unwrap() {
            let dep_name = dep["name"].as_str().unwrap();
            if !dep_name.starts_with("mutaspec") || dep["kind"] == "dev" {
                continue;
            }
            assert!(PUBLISHED.contains(&dep_name), "{name} depends on unpublished {dep_name}");
            assert_eq!(
                dep["req"],
                format!("^{}", version.as_str().unwrap()),
                "{name} -> {dep_name}: version"
            );
            assert!(dep["path"].is_string(), "{name} -> {dep_name}: path");
        }
    }
}

/// The string literal of each `include_str!(`, `include_bytes!(` and `include!(` in `text`
/// (those with a literal path; `concat!(env!("OUT_DIR"), ...)` reads the build's output).
fn included_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for mac in ["include_str!(", "include_bytes!(", "include!("] {
        for (at, _) in text.match_indices(mac) {
            let rest = text[at + mac.len()..].trim_start();
            if let Some(lit) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                out.push(lit.to_owned());
            }
        }
    }
    out
}

/// `path` made lexical: `..` removes the previous component.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn published_sources_include_nothing_from_outside_their_crate() {
    assert_eq!(
        included_paths(r#"include_str!("../a.json") include_bytes!( "b" ) include!(concat!(env!("OUT_DIR"), "/x.rs"))"#),
        ["../a.json", "b"]
    );
    let meta = metadata();
    let mut seen = 0;
    for name in PUBLISHED {
        let p = packages(&meta).iter().find(|p| p["name"] == *name).unwrap();
        let dir = dir_of(p);
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for lit in included_paths(&text) {
                seen += 1;
                let target = normalize(&file.parent().unwrap().join(&lit));
                assert!(
                    target.starts_with(&dir) && target.is_file(),
                    "{}: `{lit}` is outside {name}'s package ({}): a packaged {name} would not build; \
                     move the file into the crate (a copy at the old place, checked by a test, if others read it there)",
                    file.display(),
                    dir.display()
                );
            }
        }
    }
    assert!(seen >= 1, "the schema's include_str! was found");
}

/// CI calls `scripts/package-check.sh`; its help is its documentation.
#[test]
fn the_package_check_script_describes_itself() {
    let out = std::process::Command::new("bash")
        .args(["scripts/package-check.sh", "--help"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.starts_with("The published crates"), "{help}");
    for name in PUBLISHED {
        assert!(help.contains(name), "the help names {name}: {help}");
    }
    let bad = std::process::Command::new("bash")
        .args(["scripts/package-check.sh", "--nonsense"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
