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

/// Error catalogues whose provider codes take the catch-all names (`UNKNOWN` is variant
/// `Unknown`, a code named `Common`, `UnknownCode`) and every key kind and body shape:
/// the catch-alls take other names, and the generated crate passes clippy with
/// `-D warnings`.
#[test]
fn catalogue_codes_named_like_the_catch_alls_generate_a_crate_that_passes_clippy() {
    let spec = Path::new("tests/fixtures/error-catalogues");
    let root = std::env::temp_dir().join(format!("mutaspec-hostile-catalogue-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let outcome = mutaspec_core::ops::generate(spec, &root);
    assert_eq!(outcome.exit, 0, "{}", outcome.stderr);
    common::write_scratch_manifest(&root, "hostile_catalogue", spec);
    let out = common::cargo_in(
        &root,
        "hostile-names",
        &[
            "clippy",
            "--offline",
            "--quiet",
            "--message-format",
            "short",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "the generated crate does not pass clippy:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stripe = std::fs::read_to_string(root.join("src/stripe/mod.rs")).unwrap();
    for expected in ["    Unknown,", "    Common,", "    UnknownCode {", "\"UNKNOWN\" => Self::Unknown,"] {
        assert!(stripe.contains(expected), "missing `{expected}` in:\n{stripe}");
    }
    let nested = std::fs::read_to_string(root.join("src/nested/mod.rs")).unwrap();
    for expected in ["    CommonCode {", "    UndocumentedUnknown {"] {
        assert!(nested.contains(expected), "missing `{expected}`");
    }
    let _ = std::fs::remove_dir_all(&root);
}
