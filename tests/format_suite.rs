//! The JSON-Schema-Test-Suite's format cases (`tests/fixtures/json-schema-test-suite/`,
//! draft 2020-12, `optional/format/`) as the reference for the string formats: every
//! case whose data is a string is replayed through the runtime's check and through the
//! evaluator behind `mutaspec validate` (the feature spec `tests/features/formats/`,
//! one field per format), and both must agree with the suite's verdict, except for the
//! deliberate differences listed in [`DIFFERENCES`], each with its reason.

use std::path::Path;

use mutaspec_core::eval::evaluate;
use mutaspec_core::plan;
use mutaspec_runtime::{checks, Date, DateTime, Rule};
use serde::Deserialize;
use serde_json::{json, Value};

const SUITE: &str = "tests/fixtures/json-schema-test-suite";

/// A runtime check: whether a string passes.
type Check = fn(&str) -> bool;

/// The suite's file, the runtime's check, the field of `formats::update_contact` that
/// carries the format.
const FORMATS: [(&str, Check, &str); 7] = [
    ("date", |s| Date::new_unchecked(s).is_valid(), "birthDate"),
    ("date-time", |s| DateTime::new_unchecked(s).is_valid(), "seenAt"),
    ("email", checks::is_email, "email"),
    ("ipv4", checks::is_ipv4, "lastIp"),
    ("ipv6", checks::is_ipv6, "lastIp6"),
    ("uuid", checks::is_uuid, "externalId"),
    ("uri", checks::is_uri, "profile"),
];

/// The cases where mutaspec's verdict differs from the suite's on purpose: the file,
/// the data, and why (README "Constraints", the format table, says the same).
const DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "email",
        "\"joe bloggs\"@example.com",
        "a quoted local part is refused: providers' address fields take the dot-atom form only",
    ),
    ("email", "\"joe..bloggs\"@example.com", "a quoted local part is refused (as above)"),
    ("email", "\"joe@bloggs\"@example.com", "a quoted local part is refused (as above)"),
    (
        "email",
        "joe.bloggs@[127.0.0.1]",
        "an address literal is refused: a provider delivers to a domain, not to an IP address",
    ),
    ("email", "joe.bloggs@[IPv6:::1]", "an address literal is refused (as above)"),
];

/// Agreement per file after the deliberate differences: (file, agree, string cases).
const AGREEMENT: [(&str, usize, usize); 7] = [
    ("date", 75, 75),
    ("date-time", 27, 27),
    ("email", 16, 21),
    ("ipv4", 35, 35),
    ("ipv6", 36, 36),
    ("uuid", 22, 22),
    ("uri", 40, 40),
];

#[derive(Deserialize)]
struct Group {
    schema: Value,
    tests: Vec<Test>,
}

#[derive(Deserialize)]
struct Test {
    description: String,
    data: Value,
    valid: bool,
}

/// The string cases of one file: (description, data, valid).
fn cases(file: &str) -> Vec<(String, String, bool)> {
    let path = Path::new(SUITE).join(format!("{file}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let groups: Vec<Group> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for g in groups {
        assert_eq!(g.schema["format"], file, "{file}: a group for another format");
        for t in g.tests {
            if let Value::String(s) = t.data {
                out.push((t.description, s, t.valid));
            }
        }
    }
    out
}

fn difference(file: &str, data: &str) -> Option<&'static str> {
    DIFFERENCES
        .iter()
        .find(|(f, d, _)| *f == file && *d == data)
        .map(|(_, _, why)| *why)
}

#[test]
fn the_runtime_checks_agree_with_the_suite() {
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    let mut differences_seen = 0;
    for (file, check, _) in FORMATS {
        let cases = cases(file);
        let mut agree = 0;
        for (description, data, valid) in &cases {
            let ours = check(data);
            match (ours == *valid, difference(file, data)) {
                (true, None) => agree += 1,
                (false, Some(_)) => differences_seen += 1,
                (false, None) => failures.push(format!("{file}: {data:?} ({description}): suite says {valid}, runtime {ours}")),
                (true, Some(why)) => failures.push(format!("{file}: {data:?} is listed as a difference ({why}) but agrees")),
            }
        }
        counts.push((file, agree, cases.len()));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        differences_seen,
        DIFFERENCES.len(),
        "every listed difference is a case of the suite"
    );
    assert_eq!(counts, AGREEMENT);
}

#[test]
fn the_evaluator_agrees_with_the_runtime_checks() {
    let spec = match mutaspec_core::load(Path::new("tests/features/formats/spec")) {
        Ok(l) => l.spec,
        Err(e) => panic!("{}", e.render()),
    };
    let (api, ep) = spec.endpoint("formats::update_contact").expect("the formats endpoint");
    let plan = plan::endpoint(api, ep);
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (file, check, field) in FORMATS {
        for (description, data, _) in cases(file) {
            let payload = json!({ field: data });
            let violations = evaluate(api, ep, &plan, &payload, None, None).expect("a string fits a string field");
            let refused = violations.iter().any(|v| v.rule == Rule::Format && v.path == field);
            assert!(
                violations.iter().all(|v| v.rule == Rule::Format && v.path == field),
                "{violations:?}"
            );
            if refused == check(&data) {
                failures.push(format!("{file}: {data:?} ({description}): evaluator refused={refused}"));
            }
            replayed += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(replayed, AGREEMENT.iter().map(|(_, _, n)| n).sum::<usize>());
}
