//! `mutaspec validate` end to end: the binary against the real spec and payload files.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::Temp;

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");

impl Temp {
    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    }
}

fn spec() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec")
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(BIN)
        .arg("validate")
        .args(["--spec", &spec()])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mutaspec");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A run that stops on a usage error exits without reading: a broken pipe then.
        let _ = pipe.write_all(text.as_bytes());
    }
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const LOCKED: &str = "Updating any properties that are used during the ID Verification process is not allowed. These properties include firstName, middleName, lastName, birthDate, taxId, emailAddress, license information, passport information, and Residence address information";

#[test]
fn valid_payload_exits_0_and_prints_no_violation() {
    let t = Temp::new("validate-cli", "valid");
    let ok = t.file("ok.json", r#"{"customerId": 7, "emailAddress": "ann@example.com", "gender": "F"}"#);
    let o = run(&["--endpoint", "helix::update_customer", &ok], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("helix::update_customer: 1 payload(s): 1 valid, 0 invalid"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn violations_are_one_line_each_with_rule_and_code() {
    let t = Temp::new("validate-cli", "text");
    let bad = t.file(
        "bad.json",
        r#"{"emailAddress": "ann.example.com", "birthDate": "1899-12-31",
            "addresses": [{"addressType": "Residence", "addressLine1": "PO Box 12", "city": "X", "state": "CA", "postalCode": "1", "country": "US"},
                          {"addressType": "Residence", "addressLine1": "1 Main St", "city": "X", "state": "CA", "postalCode": "1", "country": "US"}]}"#,
    );
    let settings = t.file("settings.json", r#"{"helixKyc": true}"#);
    let o = run(&["--endpoint", "helix::update_customer", "--settings", &settings, &bad], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let expected = [
        format!("{bad}: customerId: is required [required]"),
        format!("{bad}: birthDate: Birth Date is invalid. Please enter a valid date after 01/01/1900. [after] (code 60301)"),
        format!("{bad}: birthDate: {LOCKED} [locked_by_verification] (code 60450)"),
        format!("{bad}: emailAddress: Invalid email address [format] (code 60304)"),
        format!("{bad}: emailAddress: {LOCKED} [locked_by_verification] (code 60450)"),
        format!(
            "{bad}: addresses[1]: Only three addresses are allowed -- one for each valid type of Residence, Mailing, or Prior. [unique_by] (code 60350)"
        ),
        format!("{bad}: addresses[0]: {LOCKED} [locked_by_verification] (code 60450)"),
        format!("{bad}: addresses[1]: {LOCKED} [locked_by_verification] (code 60450)"),
        format!("{bad}: addresses[0].addressLine1: Residential Addresses can not contain a PO Box. [check] (code 66907)"),
    ];
    assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), expected);
}

#[test]
fn json_output_has_an_entry_per_payload() {
    let t = Temp::new("validate-cli", "json");
    let ok = t.file("ok.json", r#"{"type": "INDIVIDUAL", "individual": {"email": "ann@example.com"}}"#);
    let bad = t.file("bad.json", r#"{"type": "BUSINESS", "individual": {"email": "nope"}}"#);
    let current = t.file("current.json", r#"{"type": "INDIVIDUAL", "externalId": "A1"}"#);
    let o = run(
        &[
            "--endpoint",
            "banking::update_customer",
            "--current",
            &current,
            "--format",
            "json",
            &ok,
            &bad,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out: Value = serde_json::from_str(&stdout(&o)).expect("JSON output");
    assert_eq!(
        out,
        serde_json::json!([
            {"payload": ok, "valid": true, "violations": []},
            {"payload": bad, "valid": false, "violations": [
                {"path": "type", "rule": "identifying", "message": "identifies the object and cannot change", "code": null},
                {"path": "individual", "rule": "discriminator_mismatch", "message": "may be sent only with `type` set to `INDIVIDUAL`", "code": null},
                {"path": "individual.email", "rule": "format", "message": "must be an email address", "code": null},
            ]},
        ])
    );
}

#[test]
fn stdin_is_a_payload() {
    let o = run(
        &["--endpoint", "update_identity", "-"],
        Some(r#"{"entity": {"email": "x", "personal_address": {"country": "US"}}}"#),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "<stdin>: entity.email: must be an email address [format]\n\
         <stdin>: entity.personal_address.country: must be an ISO 3166-1 alpha-3 country code [format]\n"
    );
}

#[test]
fn a_payload_serde_refuses_is_invalid() {
    let t = Temp::new("validate-cli", "shape");
    let nu = t.file("nu.json", r#"{"entity": {"first_name": "Ann", "tax_id": null}}"#);
    let unknown = t.file("unknown.json", r#"{"entity": {"nickname": "Ann"}}"#);
    let wrong = t.file("wrong.json", r#"{"tags": {"a": 1}}"#);
    let o = run(&["--endpoint", "payments::update_identity", &nu, &unknown, &wrong], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], format!("{nu}: entity.tax_id: is not updatable (SSN or Tax ID. Cannot be changed after creation); remove it from the request [not_updatable]"));
    assert!(
        lines[1].starts_with(&format!("{unknown}: entity.nickname: unknown field; expected one of `first_name`")),
        "{out}"
    );
    assert!(lines[1].ends_with("[type]"), "{out}");
    assert_eq!(lines[2], format!("{wrong}: tags.a: expected a string, found an integer [type]"));
}

#[test]
fn bad_input_exits_2_and_still_reports_the_others() {
    let t = Temp::new("validate-cli", "badinput");
    let missing = t.0.join("missing.json").to_string_lossy().into_owned();
    let broken = t.file("broken.json", "{\"customerId\": ");
    let repeated = t.file("repeated.json", r#"{"customerId": 1, "customerId": 2}"#);
    let bad = t.file("bad.json", r#"{"customerId": 1, "gender": "X"}"#);
    let o = run(&["--endpoint", "helix::update_customer", &missing, &broken, &repeated, &bad], None);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        format!("{bad}: gender: Gender is invalid. Valid values are: 'M', 'F', and 'U'. [enum] (code 60302)\n")
    );
    let err = stderr(&o);
    assert!(err.contains(&format!("error: cannot read {missing}")), "{err}");
    assert!(err.contains(&format!("error: {broken} is not valid JSON")), "{err}");
    assert!(err.contains("repeats member `customerId`"), "{err}");
    assert!(err.contains("4 payload(s): 0 valid, 1 invalid, 3 not evaluated"), "{err}");
}

#[test]
fn context_and_usage_errors_exit_2() {
    let t = Temp::new("validate-cli", "usage");
    let ok = t.file("ok.json", "{}");
    let cur = t.file("cur.json", r#"{"customerId": "seven"}"#);
    let set = t.file("set.json", r#"{"helixKyc": "yes"}"#);
    let cases: [(&[&str], &str); 6] = [
        (&["--endpoint", "helix::update_customer", "--current", &cur, &ok], "--current"),
        (
            &["--endpoint", "helix::update_customer", "--settings", &set, &ok],
            "helixKyc: expected a boolean",
        ),
        (&["--endpoint", "update_customer", &ok], "ambiguous"),
        (&["--endpoint", "nope", &ok], "is not in the spec"),
        (&[&ok], "required arguments were not provided:\n  --endpoint <NAME>"),
        (
            &["--endpoint", "helix::update_customer", "--format", "xml", &ok],
            "invalid value 'xml' for '--format <FORMAT>'",
        ),
    ];
    for (args, needle) in cases {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["--endpoint", "helix::update_customer", "-", "-"], Some("{}"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("only once"), "{}", stderr(&o));
}

/// A misspelt setting or snapshot member must not silently leave a lock off: it is
/// bad input (exit 2) with a did-you-mean; so are an array in place of an object and
/// an unknown member far from any name. A payload that is an array is invalid (exit 1),
/// and so is one with several not-updatable attributes, each reported with the rest.
#[test]
fn misspelt_context_members_and_arrays_are_refused() {
    let t = Temp::new("validate-cli", "strict");
    let ok = t.file("ok.json", r#"{"firstName": "Ann"}"#);
    let typo = t.file("typo.json", r#"{"nameUpdate": false}"#);
    let far = t.file("far.json", r#"{"kycVerified": true}"#);
    let arr = t.file("arr.json", "[false]");
    let cur = t.file("cur.json", r#"{"customerID": 7}"#);
    let cases: [(&str, &str, &str); 4] = [
        ("--settings", &typo, "nameUpdate: unknown field; did you mean `nameUpdates`?"),
        ("--settings", &far, "kycVerified: unknown field; expected one of `nameUpdates`"),
        ("--settings", &arr, "expected an object (`ProgramSettings`), found an array"),
        ("--current", &cur, "customerID: unknown field; did you mean `customerId`?"),
    ];
    for (flag, file, needle) in cases {
        let o = run(&["--endpoint", "helix::update_customer", flag, file, &ok], None);
        assert_eq!(o.status.code(), Some(2), "{file}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{file}: {}", stderr(&o));
    }
    let empty = t.file("empty.json", "[]");
    let pos = t.file("pos.json", r#"["PERSON", "Jane"]"#);
    let o = run(&["--endpoint", "banking::update_customer", &empty, &pos], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{empty}: expected an object (`UpdateCustomerRequest`), found an array [type]"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{pos}: expected an object (`UpdateCustomerRequest`), found an array [type]"
        )),
        "{out}"
    );
    let two = t.file(
        "two.json",
        r#"{"entity": {"tax_id": "1", "dob": {}, "first_name": "A"}, "tags": {"a": "b"}, "zz": 1}"#,
    );
    let nu = t.file("nu.json", r#"{"entity": {"tax_id": "1", "dob": {}, "email": "not-an-email"}}"#);
    let o = run(&["--endpoint", "payments::update_identity", &nu, &two], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with(&nu)).collect();
    assert!(lines.len() >= 2, "{out}");
    assert!(lines[0].starts_with(&format!("{nu}: entity.tax_id: is not updatable")), "{out}");
    assert!(lines[1].starts_with(&format!("{nu}: entity.dob: is not updatable")), "{out}");
    // A shape error further on still stops the evaluation of that payload.
    assert!(out.contains(&format!("{two}: zz: unknown field")), "{out}");
}

#[test]
fn help_documents_the_exit_codes() {
    let o = Command::new(BIN).args(["validate", "--help"]).output().expect("run");
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.starts_with("mutaspec validate:"), "{help}");
    assert!(
        help.contains("Exit codes: 0 every payload is valid, 1 some payload is invalid, 2 bad input"),
        "{help}"
    );
    let o = Command::new(BIN).arg("--help").output().expect("run");
    let help = stdout(&o);
    assert!(
        help.lines()
            .any(|l| l.starts_with("  validate ") && l.ends_with(" Check JSON payloads against an endpoint, without compiling")),
        "{help}"
    );
}

/// `--api-version`: the version validation assumes (default: the latest); a version the
/// API does not list, or one given to an API without versions, is bad input (exit 2).
#[test]
fn api_version_chooses_the_version_checked() {
    let t = Temp::new("validate-cli", "api-version");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/features/versions/spec")
        .to_string_lossy()
        .into_owned();
    let body = t.file("body.json", r#"{"pauseCollection": true, "prorate": true}"#);
    let validate = |extra: &[&str]| {
        Command::new(BIN)
            .args(["validate", "--spec", &spec, "--endpoint", "versions::update_subscription"])
            .args(extra)
            .arg(&body)
            .output()
            .expect("run mutaspec")
    };
    let latest = validate(&[]);
    assert_eq!(latest.status.code(), Some(1), "{}", stderr(&latest));
    assert!(
        stdout(&latest).contains("prorate: is available only before API version 2024-06-20"),
        "{}",
        stdout(&latest)
    );
    let old = validate(&["--api-version", "2023-10-16"]);
    assert_eq!(old.status.code(), Some(1), "{}", stderr(&old));
    assert!(
        stdout(&old).contains("pauseCollection: is available only from API version 2024-04-10"),
        "{}",
        stdout(&old)
    );
    assert!(!stdout(&old).contains("prorate"), "{}", stdout(&old));
    let middle = validate(&["--api-version", "2024-04-10"]);
    assert_eq!(middle.status.code(), Some(0), "{}{}", stdout(&middle), stderr(&middle));
    let unknown = validate(&["--api-version", "2025-01-01"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("its versions: 2023-10-16, 2024-04-10, 2024-06-20"),
        "{}",
        stderr(&unknown)
    );
    let ok = t.file("ok.json", r#"{"customerId": 7}"#);
    let unversioned = run(&["--endpoint", "helix::update_customer", "--api-version", "v1", &ok], None);
    assert_eq!(unversioned.status.code(), Some(2));
    assert!(stderr(&unversioned).contains("lists no `versions:`"), "{}", stderr(&unversioned));
}

/// A field the provider ignores (`rule: ignored`) is never a violation: each one sent is
/// a `note:` line on stderr, and an `ignored` list in the JSON entry; the exit code is
/// the violations' alone.
#[test]
fn ignored_fields_are_notes_not_violations() {
    let t = Temp::new("validate-cli", "ignored");
    let p = t.file("p.json", r#"{"legacyTier": "X", "contacts": [{"fax": "1"}]}"#);
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/features/ignored-fields/spec");
    let run = |extra: &[&str]| {
        Command::new(BIN)
            .arg("validate")
            .arg("--spec")
            .arg(&spec)
            .args(["--endpoint", "ignored_fields::update_account"])
            .args(extra)
            .arg(&p)
            .output()
            .expect("run mutaspec")
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!(
            "note: {p}: legacyTier: ignored by the provider: sending it has no effect\n\
             note: {p}: contacts[0].fax: ignored by the provider: sending it has no effect\n\
             ignored_fields::update_account: 1 payload(s): 1 valid, 0 invalid\n"
        )
    );
    let o = run(&["--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v[0]["ignored"], serde_json::json!(["legacyTier", "contacts[0].fax"]));
    assert_eq!(v[0]["valid"], Value::Bool(true));
}

/// Side effects a payload may trigger and checks an unknown state leaves unmade are
/// notes too: a `note:` line each on stderr, `effects` and `unchecked` lists in the JSON
/// entry; neither makes a payload invalid.
#[test]
fn side_effects_and_unchecked_state_are_notes_not_violations() {
    let t = Temp::new("validate-cli", "notices");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/features");
    let run = |spec: &str, endpoint: &str, payload: &str, extra: &[&str]| {
        Command::new(BIN)
            .arg("validate")
            .arg("--spec")
            .arg(root.join(spec))
            .args(["--endpoint", endpoint])
            .args(extra)
            .arg(payload)
            .output()
            .expect("run mutaspec")
    };
    let p = t.file("p.json", r#"{"businessName": "Acme"}"#);
    let pending = t.file("pending.json", r#"{"onboardingState": "PENDING"}"#);
    let o = run("side-effects/spec", "side_effects::update_merchant", &p, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "note: {p}: may trigger side effect `reverification`\n\
             note: {p}: may trigger side effect `review`\n\
             side_effects::update_merchant: 1 payload(s): 1 valid, 0 invalid\n"
        )
    );
    let o = run(
        "side-effects/spec",
        "side_effects::update_merchant",
        &p,
        &["--current", &pending, "--format", "json"],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v[0]["effects"], serde_json::json!(["review"]));

    let q = t.file("q.json", r#"{"legalName": "Ada", "status": "PAUSED"}"#);
    let o = run("unknown-state/spec", "unknown_state::update_customer", &q, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "note: {q}: legalName: not checkable without the current `verified` [state_condition]\n\
             note: {q}: status: not checkable without the current `status` [transition]\n\
             unknown_state::update_customer: 1 payload(s): 1 valid, 0 invalid\n"
        )
    );
    let o = run("unknown-state/spec", "unknown_state::update_customer", &q, &["--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        v[0]["unchecked"],
        serde_json::json!([
            { "path": "legalName", "rule": "state_condition", "reads": "verified" },
            { "path": "status", "rule": "transition", "reads": "status" }
        ])
    );
    assert_eq!(v[0]["valid"], Value::Bool(true));
}
