//! `mutaspec drift openapi`: one case per rule id a provider's document can drift. The
//! spec is the ledger document imported (then edited by a person: rules the document
//! never has); each case changes the document one way and must report exactly that rule.

use std::fs;
use std::path::{Path, PathBuf};

use mutaspec_core::diff::{Level, OutputFormat};
use mutaspec_openapi::{drift, drift_report, import, read_text, Selector};

const LEDGER: &str = "tests/fixtures/accounts-3.1.yaml";

fn base() -> String {
    fs::read_to_string(LEDGER).unwrap()
}

/// The spec: both operations imported, then a person's edits (rules, a review done).
fn spec(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mutaspec-drift-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let doc = read_text("accounts-3.1.yaml", &base()).unwrap();
    let sels = [Selector::Id("updateAccount".into()), Selector::Id("setLimit".into())];
    import(&doc, &sels, "ledger", &dir).unwrap();
    let file = dir.join("ledger/update_account.yaml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("  email:\n    type: string\n", "  email:\n    type: string\n    rule: set_once\n");
    fs::write(&file, text).unwrap();
    dir
}

fn rules(dir: &Path, doc_text: &str) -> Vec<String> {
    let doc = read_text("accounts-3.1.yaml", doc_text).unwrap();
    let mut ids: Vec<String> = drift(&doc, dir, None).unwrap().iter().map(|c| c.rule.id().to_string()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// (rule ids, the document change as a text replacement). Dropping the string variant
/// of a union drops its pattern too.
const CASES: &[(&[&str], &str, &str)] = &[
    (&["field-added"], "        openedOn:", "        locale: { type: string }\n        openedOn:"),
    (&["required-field-added"], "      type: object\n      properties:\n        id: { type: string, readOnly: true }\n        nickname", "      type: object\n      required: [locale]\n      properties:\n        locale: { type: string }\n        id: { type: string, readOnly: true }\n        nickname"),
    (&["field-removed"], "        email: { type: string, format: email }\n", ""),
    (&["type-changed"], "metadata: { type: object, additionalProperties: { type: string } }", "metadata: { type: string }"),
    (&["constraint-tightened"], "maxLength: 40", "maxLength: 30"),
    (&["constraint-loosened"], "maxLength: 40", "maxLength: 64"),
    (&["constraint-changed"], "pattern: \"usr_[0-9]+\"", "pattern: \"user_[0-9]+\""),
    (&["enum-value-added"], "enum: [ACTIVE, FROZEN, CLOSED]", "enum: [ACTIVE, FROZEN, CLOSED, DORMANT]"),
    (&["enum-value-removed"], "enum: [ACTIVE, FROZEN, CLOSED]", "enum: [ACTIVE, CLOSED]"),
    (&["response-status-added"], "\"422\": { description: Invalid. }", "\"422\": { description: Invalid. }\n        \"409\": { description: Conflict. }"),
    (&["response-status-removed"], "        \"422\": { description: Invalid. }\n", ""),
    (&["response-changed"], "\"204\": { description: Set. }", "\"200\": { description: Set. }"),
    (&["endpoint-removed"], "operationId: setLimit", "operationId: putLimit"),
    (&["method-changed"], "    patch:\n      operationId: updateAccount", "    put:\n      operationId: updateAccount"),
    (&["path-changed"], "  /accounts/{accountId}/limits/{limitId}:", "  /accounts/{accountId}/caps/{limitId}:"),
    (&["param-type-changed"], "name: limitId\n          in: path\n          required: true\n          schema: { type: integer }", "name: limitId\n          in: path\n          required: true\n          schema: { type: string }"),
    (&["host-changed"], "https://api.ledger.example/v2", "https://api.ledger-bank.example/v2"),
    (&["host-removed"], "  - url: https://sandbox.ledger.example/v2\n", ""),
    (&["auth-changed"], "bearerAuth: { type: http, scheme: bearer }", "bearerAuth: { type: http, scheme: basic }"),
    (&["clearable-added"], "email: { type: string, format: email }", "email: { type: [string, \"null\"], format: email }"),
    (&["clearable-removed"], "nickname: { type: [string, \"null\"], maxLength: 40", "nickname: { type: string, maxLength: 40"),
    (&["output-only-added"], "        name: { type: string, minLength: 1, maxLength: 100 }", "        name: { type: string, minLength: 1, maxLength: 100, readOnly: true }"),
    (&["constraint-loosened", "union-variant-removed"], "        owner:\n          oneOf:\n            - $ref: \"#/components/schemas/Owner\"\n            - { type: string, pattern: \"usr_[0-9]+\" }", "        owner:\n          $ref: \"#/components/schemas/Owner\""),
    (&["content-type-changed"], "application/merge-patch+json:", "application/json:"),
    (&["object-opened"], "settings: { type: object, properties:", "settings: { type: object, additionalProperties: true, properties:"),
    (&["header-removed"], "        - { name: X-Window-Days, in: header, schema: { type: integer } }\n", ""),
    (&["header-required"], "{ name: X-Window-Days, in: header, schema", "{ name: X-Window-Days, in: header, required: true, schema"),
    (&["header-changed"], "{ name: X-Window-Days, in: header, schema: { type: integer } }", "{ name: X-Window-Days, in: header, schema: { type: string } }"),
    (&["header-added"], "        - { name: X-Window-Days, in: header, schema: { type: integer } }\n", "        - { name: X-Window-Days, in: header, schema: { type: integer } }\n        - { name: X-Trace, in: header, schema: { type: string } }\n"),
    (&["output-only-removed"], "        id: { type: string, readOnly: true }\n        name:", "        id: { type: string }\n        name:"),
];

/// The changes a document can only make against a spec imported from another document
/// (the ledger document with the first text in place of the second): the spec lacks what
/// the ledger document has.
const REVERSED: &[(&[&str], &str, &str)] = &[
    (&["host-added"], "  - url: https://sandbox.ledger.example/v2\n", ""),
    (
        &["constraint-tightened", "union-variant-added"],
        "        owner:\n          oneOf:\n            - $ref: \"#/components/schemas/Owner\"\n            - { type: string, pattern: \"usr_[0-9]+\" }",
        "        owner:\n          $ref: \"#/components/schemas/Owner\"",
    ),
    (&["object-closed"], "settings: { type: object, properties:", "settings: { type: object, additionalProperties: true, properties:"),
];

#[test]
fn each_drift_rule_id_is_reported_for_the_document_change_that_means_it() {
    let dir = spec("cases");
    assert_eq!(rules(&dir, &base()), Vec::<String>::new(), "the same document drifts nothing");
    let mut wrong = Vec::new();
    for (ids, from, to) in CASES {
        let text = base();
        assert!(text.contains(from), "{ids:?}: the document has no {from:?}");
        let got = rules(&dir, &text.replacen(from, to, 1));
        if got != *ids {
            wrong.push(format!("{ids:?}: got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_drift_rule_id_a_spec_from_another_document_shows_is_reported() {
    let mut wrong = Vec::new();
    for (i, (ids, from, to)) in REVERSED.iter().enumerate() {
        let text = base();
        assert!(text.contains(from), "{ids:?}: the document has no {from:?}");
        let dir = std::env::temp_dir().join(format!("mutaspec-drift-reversed-{i}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let older = read_text("accounts-3.1.yaml", &text.replacen(from, to, 1)).unwrap();
        let sels = [Selector::Id("updateAccount".into()), Selector::Id("setLimit".into())];
        import(&older, &sels, "ledger", &dir).unwrap();
        let got = rules(&dir, &text);
        if got != *ids {
            wrong.push(format!("{ids:?}: got {got:?}"));
        }
        let _ = fs::remove_dir_all(&dir);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_persons_rules_never_drift_and_the_report_has_an_exit_code() {
    let dir = spec("report");
    let doc = read_text(
        "accounts-3.1.yaml",
        &base()
            .replace("maxLength: 40", "maxLength: 30")
            .replace("enum: [ACTIVE, FROZEN, CLOSED]", "enum: [ACTIVE, FROZEN, CLOSED, DORMANT]"),
    )
    .unwrap();
    let (text, exit) = drift_report(&doc, &dir, None, OutputFormat::Text, Level::Breaking).unwrap();
    assert_eq!(exit, 1, "{text}");
    assert!(text.contains("breaking[constraint-tightened] ledger/update_account: constraint on `nickname` tightened: now length at most 30, was length at most 40"), "{text}");
    assert!(text.contains("info[enum-value-added]"), "{text}");
    assert!(text.contains("  --> "), "located: {text}");
    assert!(text.ends_with("2 changes: 1 breaking, 0 warnings, 1 info\n"), "{text}");
    // The set-once rule a person wrote is not the document's: it never shows.
    assert!(!text.contains("rule-"), "{text}");
    let (json, _) = drift_report(&doc, &dir, None, OutputFormat::Json, Level::Breaking).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], "mutaspec-diff/1");
    let (md, _) = drift_report(&doc, &dir, None, OutputFormat::Markdown, Level::Breaking).unwrap();
    assert!(md.contains("constraint-tightened"), "{md}");
    // Only info changes: exit 0 at --fail-on breaking, 1 at info.
    let info = read_text(
        "accounts-3.1.yaml",
        &base().replace("enum: [ACTIVE, FROZEN, CLOSED]", "enum: [ACTIVE, FROZEN, CLOSED, DORMANT]"),
    )
    .unwrap();
    assert_eq!(drift_report(&info, &dir, None, OutputFormat::Text, Level::Breaking).unwrap().1, 0);
    assert_eq!(drift_report(&info, &dir, None, OutputFormat::Text, Level::Info).unwrap().1, 1);
    // The spec on disk is untouched.
    assert!(fs::read_to_string(dir.join("ledger/update_account.yaml"))
        .unwrap()
        .contains("rule: set_once"));
}

#[test]
fn a_spec_without_imported_endpoints_is_an_error() {
    let doc = read_text("accounts-3.1.yaml", &base()).unwrap();
    let e = drift(&doc, Path::new("../../spec"), None).unwrap_err();
    assert!(e.contains("cites an OpenAPI document in its `source:`"), "{e}");
    let dir = spec("api");
    let e = drift(&doc, &dir, Some("other")).unwrap_err();
    assert!(e.contains("no endpoint of"), "{e}");
}
