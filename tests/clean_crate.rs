//! Every spec that loads generates a crate that compiles cleanly and carries no spec text
//! as code: one crate generated from the fixture specs of `tests/fixtures/clean/` (sensitive
//! objects, arrays of objects and maps, whose keys no path names; recursive types, enum
//! values named like the items the generated impls use, empty-length bounds, docs full of
//! fences, indented code, HTML, URLs, links and control characters) must pass `cargo clippy --all-targets -- -D
//! warnings` and `cargo doc` with `-D warnings`, run no doctest, and validate like the
//! evaluator behind `mutaspec validate` (`tests/fixtures/clean-tests/behaviour.rs`, run
//! inside the generated crate).

use std::path::Path;
use std::process::Output;

mod common;

use mutaspec_core::eval;

const FIXTURES: &str = "tests/fixtures/clean";
const DOCTEST_MARK: &str = "mutaspec-doctest-ran";

fn cargo(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    common::cargo_in(dir, "clean-crate", args, envs)
}

fn ok(what: &str, out: &Output) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// The evaluator's violation paths for an endpoint's payload, as a Rust array literal.
fn evaluated_paths(spec: &mutaspec_core::model::Spec, endpoint: &str, payload: &str) -> Vec<String> {
    let (api, ep) = spec.endpoint(endpoint).expect("endpoint");
    let plan = mutaspec_core::plan::endpoint(api, ep);
    let payload: serde_json::Value = serde_json::from_str(payload).unwrap();
    let found = eval::evaluate(api, ep, &plan, &payload, None, None).expect("payload fits");
    found.into_iter().map(|v| v.path).collect()
}

#[test]
fn the_crate_of_every_fixture_spec_compiles_cleanly_runs_no_doctest_and_validates() {
    let root = std::env::temp_dir().join(format!("mutaspec-clean-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("tests")).unwrap();
    let outcome = mutaspec_core::ops::generate(Path::new(FIXTURES), &root);
    assert_eq!(outcome.exit, 0, "{}", outcome.stderr);
    common::write_scratch_manifest(&root, "clean", Path::new(FIXTURES));

    // The generated validators must find what the evaluator finds, at the same paths.
    let spec = mutaspec_core::load(Path::new(FIXTURES)).unwrap().spec;
    let tests = Path::new("tests/fixtures/clean-tests");
    for (endpoint, name, expected) in [
        (
            "tree::update_tree",
            "tree",
            &[
                "root.child.child.label",
                "root.children[0].other.back.label",
                "root.children[0].other.code",
                "root.named.k.label",
                "secretRoot.child.label",
            ][..],
        ),
        (
            "vault::update_vault",
            "vault",
            &[
                "secret.kind",
                "inline.pin",
                "keyed[1]",
                "keyed[1].value",
                "keyedInline[1]",
                "byName[<redacted>].kind",
                "holder.secrets[1]",
            ][..],
        ),
        (
            "vault::update_vault_maps",
            "maps",
            &[
                "dates[<redacted>]",
                "levels[<redacted>]",
                "byKind[<redacted>].kind",
                "deep[<redacted>][<redacted>].kind",
                "lists[1][<redacted>].kind",
                "bag.tags[<redacted>].kind",
                "bags[0].tags[<redacted>].kind",
                "plainBag.tags.shown.kind",
                "counts",
            ][..],
        ),
    ] {
        let payload = std::fs::read_to_string(tests.join(format!("{name}.json"))).unwrap();
        let paths = evaluated_paths(&spec, endpoint, &payload);
        assert_eq!(paths, expected, "the evaluator on {name}.json");
        std::fs::write(root.join(format!("tests/{name}.json")), &payload).unwrap();
        std::fs::write(root.join(format!("tests/{name}.paths")), format!("{paths:?}")).unwrap();
    }
    for file in ["behaviour.rs", "maps-hostile.txt"] {
        std::fs::copy(tests.join(file), root.join("tests").join(file)).unwrap();
    }

    let clippy = cargo(
        &root,
        &[
            "clippy",
            "--offline",
            "--quiet",
            "--all-targets",
            "--message-format",
            "short",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    );
    ok("cargo clippy -- -D warnings", &clippy);
    let doc = cargo(
        &root,
        &["doc", "--offline", "--quiet", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
    ok("cargo doc with RUSTDOCFLAGS=-D warnings", &doc);
    let mark = std::env::temp_dir().join(DOCTEST_MARK);
    let _ = std::fs::remove_file(&mark);
    let doctests = ok("cargo test --doc", &cargo(&root, &["test", "--offline", "--doc"], &[]));
    assert!(doctests.contains("running 0 tests"), "spec text became doctests:\n{doctests}");
    assert!(!mark.exists(), "a doctest from the spec's docs ran");
    ok(
        "the behaviour tests",
        &cargo(&root, &["test", "--offline", "--test", "behaviour"], &[]),
    );

    let text = std::fs::read_to_string(root.join("src/prose/update_prose.rs")).unwrap();
    for expected in ["/// ```text\n", "/// ~~~text\n", "\\u{202e}", "&lt;Prose&gt;"] {
        assert!(text.contains(expected), "missing `{expected}`");
    }
    let _ = std::fs::remove_dir_all(&root);
}
