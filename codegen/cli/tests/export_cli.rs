//! `mutaspec export openapi` end to end: the binary against the real spec, a broken
//! spec and bad usage (README "Export to OpenAPI"; the document itself is checked against
//! the OpenAPI 3.1 schema by `tests/openapi_export.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

mod common;
use common::Temp;

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run mutaspec")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_spec_exports_as_json_on_standard_output() {
    let spec = spec();
    let o = run(&["export", "openapi", "--spec", spec.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    let doc: Value = serde_json::from_slice(&o.stdout).expect("the export is JSON");
    assert_eq!(doc["openapi"], "3.1.0");
    let op = &doc["paths"]["/banking/us2/v1/customer/id/{id}"]["post"];
    assert_eq!(op["operationId"], "banking.update_customer");
    let external_id = &op["requestBody"]["content"]["application/json"]["schema"]["properties"]["externalId"];
    assert_eq!(external_id["x-mutaspec-update-rule"], "set_once", "{external_id}");
    // `--spec-dir` is `--spec`, and the output is the same bytes every run.
    let again = run(&["export", "openapi", "--spec-dir", spec.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(again.stdout, o.stdout);
}

#[test]
fn out_writes_the_file_and_says_so() {
    let t = Temp::new("export-cli", "out");
    let spec = spec();
    let file = t.0.join("openapi.yaml");
    let o = run(&[
        "export",
        "openapi",
        "--spec",
        spec.to_str().unwrap(),
        "--api",
        "helix",
        "--format",
        "yaml",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "");
    assert_eq!(
        text(&o.stderr),
        format!("exported 1 endpoint(s) as OpenAPI 3.1 to {}\n", file.display())
    );
    let yaml = std::fs::read_to_string(&file).expect("the file is written");
    assert!(yaml.starts_with("openapi: 3.1.0\ninfo:\n  title: Q2 Helix\n"), "{yaml}");
    assert!(yaml.contains("operationId: helix.update_customer\n"), "{yaml}");
    assert!(!yaml.contains("banking"), "only the helix API is exported");
}

#[test]
fn a_spec_with_errors_is_reported_located_with_exit_2() {
    let t = Temp::new("export-cli", "bad");
    std::fs::write(
        t.0.join("api.yaml"),
        "api: a\nhosts: { production: https://a.example.com }\nauth: { scheme: bearer }\n",
    )
    .unwrap();
    std::fs::write(
        t.0.join("update_thing.yaml"),
        "api: a\nendpoint: update_thing\nmethod: PATCH\npath: /things/{id}\nparams:\n  id: { type: string }\nresponse: { status: 204 }\nbody:\n  note: { type: strng }\n",
    )
    .unwrap();
    let o = run(&["export", "openapi", "--spec", t.0.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stdout), "", "no document on errors");
    let stderr = text(&o.stderr);
    assert!(stderr.contains("error[unknown-type]"), "{stderr}");
    assert!(stderr.contains("update_thing.yaml:9:"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn an_unknown_api_and_bad_usage_exit_2() {
    let spec = spec();
    let o = run(&["export", "openapi", "--spec", spec.to_str().unwrap(), "--api", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "error: API `nope` is not in the spec; the spec has: `banking`, `helix`, `payments`\n"
    );
    for (args, says) in [
        (&["export"][..], "the following required arguments were not provided:\n  <TARGET>"),
        (
            &["export", "swagger"],
            "invalid value 'swagger' for '<TARGET>'\n  [possible values: openapi]",
        ),
        (&["export", "openapi", "--format", "xml"], "[possible values: json, yaml]"),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o.stderr).contains(says), "{args:?}: {}", text(&o.stderr));
    }
    let o = run(&[
        "export",
        "openapi",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        "/nonexistent-dir/x.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with("error: cannot write /nonexistent-dir/x.json: "),
        "{}",
        text(&o.stderr)
    );
}
