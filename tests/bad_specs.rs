//! The catalogue of bad specs: every entry of `tests/bad-specs/` (a `.yaml` file, or a
//! directory of them for mistakes that span files) must fail to load with exactly the
//! diagnostics in the `.stderr` file beside it.
//!
//! `MUTASPEC_BLESS=1 cargo test --test bad_specs` rewrites the `.stderr` files; review the
//! diff before committing it.
//!
//! Warnings alone do not make a load fail (a spec whose only finding is a plain-http host
//! loads: see `plain_http_host_is_only_a_warning` in `mutaspec-core`), so a case about a
//! warning pairs it with an error and shows both (`plain-http-host.yaml`).

use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new("tests/bad-specs");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/bad-specs exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_bad_spec_fails_with_its_expected_diagnostics() {
    let bless = std::env::var_os("MUTASPEC_BLESS").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(bless || cases.len() >= 30, "the catalogue has {} cases, fewer than 30", cases.len());
    for case in &cases {
        let expected_path = case.with_extension("stderr");
        let actual = match mutaspec_core::load(case) {
            Ok(_) => "<loaded without errors>\n".to_owned(),
            Err(e) => e.render(),
        };
        if bless {
            std::fs::write(&expected_path, &actual).expect("write .stderr");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("--- {}\n=== expected\n{expected}=== actual\n{actual}", case.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ (MUTASPEC_BLESS=1 to accept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_names_an_error_with_a_location_and_a_hint() {
    for case in cases() {
        let err = mutaspec_core::load(&case)
            .err()
            .unwrap_or_else(|| panic!("{} loaded", case.display()));
        let errors: Vec<_> = err
            .diagnostics
            .iter()
            .filter(|d| d.severity == mutaspec_core::Severity::Error)
            .collect();
        assert!(!errors.is_empty(), "{}: no error", case.display());
        for d in errors {
            assert!(d.loc.line >= 1 && d.loc.col >= 1, "{}: {d} has no position", case.display());
            assert!(
                d.hint.is_some() || d.id == "yaml-syntax" || d.id == "spec-shape",
                "{}: {d} has no hint",
                case.display()
            );
        }
    }
}
