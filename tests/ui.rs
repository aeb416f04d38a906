//! UI tests of the proc-macros (`include_spec!`, `#[derive(Update)]`): one file per
//! mistake under `tests/ui/<category>/`, with the exact compiler output beside it, and the
//! consumer usages that must compile under `tests/ui/pass/`. The generated crate's own
//! compile-fail tests (`tests/ui/not-updatable/`) run in `tests/generate.rs`.
//!
//! The spec paths in these files are relative to this crate's directory (`spec`,
//! `tests/ui/specs/...`). trybuild compiles them in a scratch crate under
//! `<target>/tests/trybuild/mutaspec-tests/`, whose `CARGO_MANIFEST_DIR` is that
//! directory, so the specs are mirrored there first.
//!
//! Update the `.stderr` files with `TRYBUILD=overwrite cargo test --test ui`.

use std::fs;
use std::path::Path;

const CATEGORIES: [&str; 6] = ["attr", "endpoint", "field", "rule", "types", "spec"];

fn mirror(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the mirror");
    for entry in fs::read_dir(from).expect("read the fixtures").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            mirror(&entry.path(), &target);
        } else {
            let text = fs::read(entry.path()).expect("read a fixture");
            if fs::read(&target).ok().as_deref() != Some(&text[..]) {
                fs::write(&target, text).expect("write a fixture");
            }
        }
    }
}

#[test]
fn macro_ui() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target directory");
    let scratch = target.join("tests/trybuild/mutaspec-tests");
    for dir in ["spec", "tests/ui/specs"] {
        mirror(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &scratch.join(dir));
    }
    let t = trybuild::TestCases::new();
    for category in CATEGORIES {
        t.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
    t.pass("tests/ui/pass/*.rs");
}
