//! A spec full of Rust keywords and near-colliding names either fails to load with a
//! clear error or generates a crate that compiles without warnings: never a broken build.

use std::path::Path;

mod common;

#[test]
fn hostile_names_generate_a_crate_that_compiles_cleanly() {
    let root = std::env::temp_dir().join(format!("mutaspec-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let outcome = mutaspec_core::ops::generate(Path::new("tests/fixtures/hostile/odd.yaml"), &root);
    assert_eq!(outcome.exit, 0, "{}", outcome.stderr);
    common::write_scratch_manifest(&root, "hostile", Path::new("tests/fixtures/hostile/odd.yaml"));
    let out = common::cargo_in(
        &root,
        "hostile-names",
        &["check", "--offline", "--quiet", "--message-format", "short"],
        &[("RUSTFLAGS", "-D warnings")],
    );
    assert!(
        out.status.success(),
        "the generated crate does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(root.join("src/odd/update_thing.rs")).unwrap();
    for expected in [
        "pub r#type: Option<Kind>",
        "pub self_: Option<String>",
        "pub self_upper: Option<String>",
        "pub r#fn: Option<String>",
        "pub r#async: Option<i64>",
    ] {
        assert!(text.contains(expected), "missing `{expected}`");
    }
    let _ = std::fs::remove_dir_all(&root);
}
