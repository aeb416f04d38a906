//! `mutaspec import openapi`: what a document becomes, that it loads, that a second import
//! is identical, that re-importing keeps a person's edits, and located errors for bad
//! documents. (`tests/openapi.rs` at the workspace root compiles the generated code of the
//! vendored real documents.)

use std::fs;
use std::path::{Path, PathBuf};

use mutaspec_openapi::{import, read, read_text, Document, Selector};

const LEDGER: &str = "tests/fixtures/accounts-3.1.yaml";

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mutaspec-openapi-{tag}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn ids(list: &[&str]) -> Vec<Selector> {
    list.iter().map(|s| Selector::Id(s.to_string())).collect()
}

fn ledger() -> Document {
    read(Path::new(LEDGER)).unwrap()
}

fn loads(dir: &Path) -> mutaspec_core::model::Spec {
    match mutaspec_core::load(dir) {
        Ok(l) => l.spec,
        Err(e) => panic!("{}", e.render()),
    }
}

fn tree(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_3_1_document_becomes_spec_files_that_load() {
    let dir = temp("ledger");
    let done = import(&ledger(), &ids(&["updateAccount", "setLimit"]), "ledger", &dir).unwrap();
    assert_eq!(done.files.len(), 3);
    assert!(done.notes.is_empty(), "{:?}", done.notes);
    let spec = loads(&dir);
    assert_eq!(spec.apis.len(), 1);
    let text = fs::read_to_string(dir.join("ledger/update_account.yaml")).unwrap();
    for want in [
        "source: OpenAPI accounts-3.1.yaml (info.version 2.4.0), operation updateAccount",
        "method: PATCH",
        "path: /v2/accounts/{accountId}",
        "pattern: acc_[a-z0-9]+",
        "  - 404\n  - 422",
        // `type: [string, "null"]` is clearable.
        "  nickname:\n    type: string\n    max_length: 40\n    clear: null\n    docs: A name the owner picks.",
        "format: email",
        "type: Owner | string",
        // An unanchored pattern matches anywhere.
        "pattern: .*(?:usr_[0-9]+).*",
        "type: map<string>",
        "type: string[]\n    items:\n      max_length: 20\n    max_items: 10",
        "type: date",
        "type: Status",
        // anyOf of two scalars: json, with a note to review.
        "  extra:\n    type: json\n    review: 'imported from OpenAPI: set the update rule (mutable by default) and clearing from the provider''s docs; a oneOf/anyOf the format has no union for: written as json'",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // readOnly in a body: not sent.
    assert!(!text.contains("  id:"), "{text}");
    let api = fs::read_to_string(dir.join("ledger/api.yaml")).unwrap();
    for want in [
        "production: https://api.ledger.example",
        "staging: https://sandbox.ledger.example",
        "scheme: bearer",
        // readOnly in a shared type: output only; a cycle back to the type is json.
        "      id:\n        type: string\n        output_only: true",
        "      manager:\n        type: json",
        "refers back to itself",
        "values:\n    - ACTIVE\n    - FROZEN\n    - CLOSED",
    ] {
        assert!(api.contains(want), "missing {want:?} in\n{api}");
    }
    let limit = fs::read_to_string(dir.join("ledger/set_limit.yaml")).unwrap();
    for want in [
        // allOf merged; an exclusive integer bound is the next integer.
        "  ceiling:\n    type: integer\n    min: 0\n    max: 999999\n    required: true",
        "  currency:\n    type: string\n    min_length: 3\n    max_length: 3",
        "content_type: application/merge-patch+json",
        "status: 204",
        "  limitId:\n    type: integer",
        // Header parameters are documented headers; OpenAPI ignores a `Content-Type` one.
        "headers:\n  Idempotency-Key:\n    type: idempotency_key\n    docs: Retries with the same key apply once.\n  If-Match:\n    type: etag\n    required: true\n  X-Window-Days:\n    type: integer\n",
    ] {
        assert!(limit.contains(want), "missing {want:?} in\n{limit}");
    }
    assert!(!limit.contains("Content-Type"), "{limit}");
    // Every field carries the review marker.
    let m: serde_yaml::Mapping = serde_yaml::from_str(&limit).unwrap();
    for (name, field) in m["body"].as_mapping().unwrap() {
        assert_eq!(
            field["review"].as_str().map(|r| r.starts_with(mutaspec_openapi::REVIEW)),
            Some(true),
            "{name:?}"
        );
    }
}

#[test]
fn the_output_is_deterministic_and_json_reads_as_yaml_does() {
    let (a, b) = (temp("det-a"), temp("det-b"));
    import(&ledger(), &ids(&["updateAccount", "setLimit"]), "ledger", &a).unwrap();
    import(&ledger(), &ids(&["setLimit", "updateAccount"]), "ledger", &b).unwrap();
    let mut tb = tree(&b);
    let ta = tree(&a);
    assert_eq!(ta.len(), tb.len());
    // The same files, whatever the order of the operations asked for.
    tb.sort();
    assert_eq!(ta, tb);
    // The same document as JSON imports to the same bytes.
    let yaml: serde_yaml::Value = serde_yaml::from_str(&fs::read_to_string(LEDGER).unwrap()).unwrap();
    let json = serde_json::to_string_pretty(&yaml).unwrap();
    let doc = read_text("accounts-3.1.yaml", &json).unwrap();
    let c = temp("det-c");
    import(&doc, &ids(&["updateAccount", "setLimit"]), "ledger", &c).unwrap();
    assert_eq!(ta, tree(&c));
}

#[test]
fn operations_are_picked_by_method_and_path_too() {
    let dir = temp("by-path");
    let sel = vec![Selector::MethodPath("put".into(), "/accounts/{accountId}/limits/{limitId}".into())];
    import(&ledger(), &sel, "ledger", &dir).unwrap();
    assert!(dir.join("ledger/set_limit.yaml").exists());
    loads(&dir);
}

/// Import, edit the rules by hand, change the document, import again: every edit is
/// kept, every document change is applied.
#[test]
fn reimport_keeps_a_persons_edits_and_applies_the_documents_changes() {
    let dir = temp("reimport");
    import(&ledger(), &ids(&["updateAccount"]), "ledger", &dir).unwrap();
    let file = dir.join("ledger/update_account.yaml");
    let mut m: serde_yaml::Mapping = serde_yaml::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    {
        let body = m.get_mut("body").unwrap().as_mapping_mut().unwrap();
        // email: set once, reviewed; nickname: a code on its limit; status: not updatable.
        let email = body.get_mut("email").unwrap().as_mapping_mut().unwrap();
        email.insert("rule".into(), "set_once".into());
        email.remove("review");
        let nick = body.get_mut("nickname").unwrap().as_mapping_mut().unwrap();
        nick.insert("max_length".into(), serde_yaml::from_str("{ value: 40, error: 4001 }").unwrap());
        nick.remove("review");
        let status = body.get_mut("status").unwrap().as_mapping_mut().unwrap();
        status.insert("rule".into(), "identifying".into());
        let settings = body.get_mut("settings").unwrap().as_mapping_mut().unwrap();
        let theme = settings
            .get_mut("fields")
            .unwrap()
            .as_mapping_mut()
            .unwrap()
            .get_mut("theme")
            .unwrap()
            .as_mapping_mut()
            .unwrap();
        theme.insert("rule".into(), "set_once".into());
    }
    m.insert("docs".into(), "Written by a person.".into());
    fs::write(&file, serde_yaml::to_string(&m).unwrap()).unwrap();
    // The provider's error code of that limit, in a catalogue the person adds.
    let api = dir.join("ledger/api.yaml");
    let mut shared = fs::read_to_string(&api).unwrap();
    shared.push_str(
        "errors:\n  name: LedgerError\n  codes:\n    - { code: 4001, name: NicknameTooLong, message: The nickname is too long. }\n",
    );
    fs::write(&api, shared).unwrap();
    loads(&dir);

    // The provider's next version: nickname longer, a new field, tags gone, a new status
    // value, a new error status.
    let text = fs::read_to_string(LEDGER)
        .unwrap()
        .replace("version: 2.4.0", "version: 2.5.0")
        .replace("maxLength: 40", "maxLength: 64")
        .replace(
            "        tags: { type: array, items: { type: string, maxLength: 20 }, maxItems: 10 }\n",
            "        locale: { type: string, enum: [en, fr] }\n",
        )
        .replace("enum: [ACTIVE, FROZEN, CLOSED]", "enum: [ACTIVE, FROZEN, CLOSED, DORMANT]")
        .replace(
            "\"422\": { description: Invalid. }",
            "\"422\": { description: Invalid. }\n        \"409\": { description: Conflict. }",
        );
    let doc = read_text("accounts-3.1.yaml", &text).unwrap();
    let done = import(&doc, &ids(&["updateAccount"]), "ledger", &dir).unwrap();
    assert!(done.files.iter().all(|(_, existed)| *existed));
    loads(&dir);
    let after = fs::read_to_string(&file).unwrap();
    let m: serde_yaml::Mapping = serde_yaml::from_str(&after).unwrap();
    let body = m["body"].as_mapping().unwrap();
    // The person's edits.
    assert_eq!(m["docs"].as_str(), Some("Written by a person."));
    assert_eq!(body["email"]["rule"].as_str(), Some("set_once"));
    assert!(body["email"].get("review").is_none(), "{after}");
    assert_eq!(body["status"]["rule"].as_str(), Some("identifying"));
    assert_eq!(body["settings"]["fields"]["theme"]["rule"].as_str(), Some("set_once"));
    // The document's changes, the person's code kept on the changed limit.
    assert_eq!(body["nickname"]["max_length"]["value"].as_u64(), Some(64), "{after}");
    assert_eq!(body["nickname"]["max_length"]["error"].as_u64(), Some(4001), "{after}");
    assert!(body.get("tags").is_none(), "{after}");
    assert!(body["locale"].get("review").is_some(), "a new field is marked for review: {after}");
    assert!(after.contains("info.version 2.5.0"), "{after}");
    assert_eq!(
        m["response"]["errors"],
        serde_yaml::from_str::<serde_yaml::Value>("[404, 409, 422]").unwrap()
    );
    let api = fs::read_to_string(dir.join("ledger/api.yaml")).unwrap();
    assert!(api.contains("- DORMANT"), "{api}");
    assert!(api.contains("name: NicknameTooLong"), "{api}");

    // Importing the same document again changes nothing.
    import(&doc, &ids(&["updateAccount"]), "ledger", &dir).unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), after);
}

#[test]
fn a_document_without_servers_or_security_says_what_to_add() {
    let text = "openapi: 3.0.3\ninfo: { title: Bare, version: '1' }\npaths:\n  /things/{id}:\n    patch:\n      operationId: patchThing\n      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object, properties: { label: { type: string, nullable: true } } }\n      responses: { '204': { description: ok } }\n";
    let doc = read_text("bare.yaml", text).unwrap();
    let dir = temp("bare");
    let done = import(&doc, &ids(&["patchThing"]), "bare", &dir).unwrap();
    assert_eq!(done.notes.len(), 2, "{:?}", done.notes);
    assert!(done.notes[0].contains("add `hosts:`"), "{:?}", done.notes);
    assert!(done.notes[1].contains("add `auth:`"), "{:?}", done.notes);
    // A person adds them; importing again keeps them and the spec loads.
    let api = dir.join("bare/api.yaml");
    let mut text = fs::read_to_string(&api).unwrap();
    text.push_str("hosts: { production: https://api.bare.example }\nauth: { scheme: bearer }\n");
    fs::write(&api, text).unwrap();
    let again = import(&doc, &ids(&["patchThing"]), "bare", &dir).unwrap();
    assert!(again.notes.is_empty(), "{:?}", again.notes);
    loads(&dir);
    let ep = fs::read_to_string(dir.join("bare/patch_thing.yaml")).unwrap();
    assert!(ep.contains("  label:\n    type: string\n    clear: null"), "{ep}");
}

fn err(name: &str, text: &str) -> String {
    read_text(name, text).unwrap_err().to_string()
}

#[test]
fn bad_documents_are_located_errors() {
    assert_eq!(
        err("a.json", "{\"openapi\": \"3.0.0\", \"info\": {\"title\": 1}}"),
        "error: not a valid OpenAPI 3.0 document: invalid type: integer `1`, expected a string\n  --> a.json:1:40"
    );
    assert!(
        err("a.yaml", "openapi: [").starts_with("error: not a YAML document: "),
        "{}",
        err("a.yaml", "openapi: [")
    );
    assert!(err("a.yaml", "openapi: [").contains("--> a.yaml:1:"));
    assert_eq!(
        err("s.yaml", "swagger: '2.0'\ninfo: {}\n"),
        "error: a Swagger 2.0 document: only OpenAPI 3.0 and 3.1 are read\n  --> s.yaml\n  = hint: convert it to OpenAPI 3 first (for example with swagger2openapi)"
    );
    assert!(err("x.yaml", "title: x\n").contains("no `openapi:` version"));
    assert!(err("x.yaml", "openapi: 4.0.0\ninfo: {}\n").contains("OpenAPI version `4.0.0` is not read"));
    assert!(err("a.yaml", "openapi: 3.1.0\ninfo: { title: t }\n").starts_with("error: not a valid OpenAPI 3.1 document: "));
    // Truncated documents never panic.
    let full = fs::read_to_string(LEDGER).unwrap();
    for cut in (0..full.len()).step_by(97) {
        let _ = read_text("cut.yaml", &full[..cut]);
    }
}

#[test]
fn a_missing_operation_or_a_bad_reference_is_located() {
    let dir = temp("missing");
    let e = import(&ledger(), &ids(&["updateaccount", "nope"]), "ledger", &dir).unwrap_err();
    assert!(
        e.contains("error: no operation `updateaccount` in the document\n  --> accounts-3.1.yaml\n  = hint: did you mean `updateAccount`?"),
        "{e}"
    );
    assert!(e.contains("error: no operation `nope` in the document"), "{e}");
    assert!(e.ends_with("error: the import failed with 2 error(s)\n"), "{e}");
    let text = fs::read_to_string(LEDGER)
        .unwrap()
        .replace("#/components/schemas/Status", "#/components/schemas/Missing");
    let doc = read_text("accounts-3.1.yaml", &text).unwrap();
    let e = import(&doc, &ids(&["updateAccount"]), "ledger", &dir).unwrap_err();
    assert!(
        e.contains("error: `$ref: #/components/schemas/Missing` names nothing in the document: #/components/schemas/AccountUpdate/properties/status\n  --> accounts-3.1.yaml"),
        "{e}"
    );
    let text = fs::read_to_string(LEDGER)
        .unwrap()
        .replace("#/components/schemas/Status", "other.yaml#/Status");
    let doc = read_text("accounts-3.1.yaml", &text).unwrap();
    let e = import(&doc, &ids(&["updateAccount"]), "ledger", &dir).unwrap_err();
    assert!(e.contains("names another document"), "{e}");
    assert!(e.contains("hint: bundle the document first"), "{e}");
    // Nothing was written by the failed imports.
    assert!(!dir.join("ledger").exists());
}

/// Every operation of every vendored document, one at a time: an import or a located
/// error, never a panic; and every operation imported writes a spec that loads.
#[test]
fn every_operation_of_the_vendored_documents_imports_or_says_why() {
    let root = Path::new("../../tests/fixtures/openapi");
    let mut imported = 0;
    let mut refused = Vec::new();
    for file in [
        "swagger-petstore/openapi.yaml",
        "oai-petstore/petstore-expanded.yaml",
        "box/openapi.json",
        "twilio/twilio_sync_v1.json",
    ] {
        let doc = read(&root.join(file)).unwrap();
        for op in doc.operations() {
            let sel = Selector::MethodPath(op.method.to_string(), op.path.to_string());
            match mutaspec_openapi::build::build(&doc, std::slice::from_ref(&sel), "api") {
                Ok(built) => {
                    let mut texts = vec![("api/api.yaml".to_string(), mutaspec_openapi::render(&doc, &built.api))];
                    if !built.api.contains_key("auth") {
                        texts[0].1.push_str("auth: { scheme: bearer }\n");
                    }
                    for (name, m) in &built.endpoints {
                        texts.push((format!("api/{name}.yaml"), mutaspec_openapi::render(&doc, m)));
                    }
                    let bytes: Vec<(&str, &[u8])> = texts.iter().map(|(n, t)| (n.as_str(), t.as_bytes())).collect();
                    if let Err(e) = mutaspec_core::load_texts(&bytes) {
                        panic!("{file}: {sel}: does not load:\n{}", e.render());
                    }
                    imported += 1;
                }
                Err(errors) => {
                    for e in errors {
                        assert!(e.to_string().contains("--> "), "{e}");
                        refused.push(format!("{file}: {sel}: {}", e.message));
                    }
                }
            }
        }
    }
    eprintln!("{imported} operations imported, {} refused", refused.len());
    assert!(imported > 250, "{imported} imported; refused:\n{}", refused.join("\n"));
    // What is refused is a body the format has no form for (an array, a binary upload).
    for r in &refused {
        assert!(r.contains("the request body is"), "{r}");
    }
}

#[test]
fn a_schema_that_contains_itself_is_an_error_not_a_stack_overflow() {
    for schema in [
        "Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }] }",
        "Loop: { type: array, items: { $ref: '#/components/schemas/Loop' } }",
    ] {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{ title: Loops, version: '1' }}\npaths:\n  /x:\n    put:\n      operationId: putX\n      requestBody:\n        content:\n          application/json:\n            schema: {{ type: object, properties: {{ loop: {{ $ref: '#/components/schemas/Loop' }} }} }}\n      responses: {{ '204': {{ description: ok }} }}\ncomponents:\n  schemas:\n    {schema}\n"
        );
        let doc = read_text("loops.yaml", &text).unwrap();
        let e = mutaspec_openapi::build::build(&doc, &ids(&["putX"]), "loops")
            .err()
            .expect("refused");
        assert!(e[0].to_string().contains("schemas nest more than 64 deep here"), "{}", e[0]);
    }
}
