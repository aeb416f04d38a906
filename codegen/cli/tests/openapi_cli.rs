//! `mutaspec import openapi` and `mutaspec drift openapi` end to end: files written, the
//! spec checked, drift reported with its exit codes, usage and document errors.

use std::path::Path;
use std::process::Command;

mod common;
use common::Temp;

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");
const PETSTORE: &str = "../../tests/fixtures/openapi/swagger-petstore/openapi.yaml";

fn mutaspec(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).current_dir(dir).args(args).output().expect("run mutaspec");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn import_then_check_then_drift() {
    let tmp = Temp::new("openapi-cli", "flow");
    let doc = std::fs::canonicalize(PETSTORE).unwrap();
    let doc = doc.to_str().unwrap();
    let (code, out, err) = mutaspec(
        &tmp.0,
        &[
            "import",
            "openapi",
            doc,
            "--operation",
            "updatePet",
            "--method",
            "put",
            "--path",
            "/user/{username}",
            "--api",
            "petstore",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "wrote spec/petstore/api.yaml\nwrote spec/petstore/update_pet.yaml\nwrote spec/petstore/update_user.yaml\n\
         imported 2 operation(s) of openapi.yaml (info.version 1.0.27-SNAPSHOT): review each field marked `review:`, then run `mutaspec check`\n"
    );
    let (code, _, err) = mutaspec(&tmp.0, &["generate"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = mutaspec(&tmp.0, &["check"]);
    assert_eq!(code, 0, "{err}");

    // The same document: nothing drifted.
    let (code, out, err) = mutaspec(&tmp.0, &["drift", "openapi", doc]);
    assert_eq!((code, out.as_str()), (0, "no changes\n"), "{err}");
    // A provider's next document: a new status value, a name that must be shorter.
    let next = tmp.0.join("next.yaml");
    let text = std::fs::read_to_string(doc)
        .unwrap()
        .replacen("\n            - sold", "\n            - sold\n            - lost", 1);
    std::fs::write(&next, text).unwrap();
    let (code, out, _) = mutaspec(&tmp.0, &["drift", "openapi", "next.yaml", "--format", "markdown"]);
    assert_eq!(code, 0, "info only: {out}");
    assert!(out.contains("enum-value-added"), "{out}");
    let (code, out, _) = mutaspec(&tmp.0, &["drift", "openapi", "next.yaml", "--fail-on", "info", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("\"rule\": \"enum-value-added\""), "{out}");
    // Re-import, then no drift.
    let (code, _, err) = mutaspec(
        &tmp.0,
        &["import", "openapi", "next.yaml", "--operation", "updatePet", "--api", "petstore"],
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = mutaspec(&tmp.0, &["drift", "openapi", "next.yaml", "--fail-on", "info"]);
    assert_eq!((code, out.as_str()), (0, "no changes\n"));
}

#[test]
fn bad_documents_and_usage_exit_2() {
    let tmp = Temp::new("openapi-cli", "errors");
    std::fs::write(tmp.0.join("bad.json"), "{\"openapi\": \"3.0.0\",\n \"info\": 7}").unwrap();
    let (code, _, err) = mutaspec(&tmp.0, &["import", "openapi", "bad.json", "--operation", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: not a valid OpenAPI 3.0 document: invalid type: integer `7`"),
        "{err}"
    );
    assert!(err.contains("--> bad.json:2:"), "{err}");
    let doc = std::fs::canonicalize(PETSTORE).unwrap();
    let (code, _, err) = mutaspec(&tmp.0, &["import", "openapi", doc.to_str().unwrap(), "--operation", "updatepet"]);
    assert_eq!(code, 2);
    assert!(err.contains("hint: did you mean `updatePet`?"), "{err}");
    // No operation at all, or --method without --path: clap's usage error.
    let (code, _, err) = mutaspec(&tmp.0, &["import", "openapi", "bad.json"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = mutaspec(&tmp.0, &["import", "openapi", "bad.json", "--method", "put"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = mutaspec(&tmp.0, &["drift", "openapi", doc.to_str().unwrap(), "--spec-dir", "nowhere"]);
    assert_eq!(code, 2);
    assert!(err.contains("no endpoint of `nowhere` cites an OpenAPI document"), "{err}");
}
