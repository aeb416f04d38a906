//! `mutaspec export openapi` (README "Export to OpenAPI"):
//!
//! - the export of `spec/` and of every feature spec (`tests/features/*/spec`) is a valid
//!   OpenAPI 3.1 document: it validates against the OpenAPI Initiative's JSON Schema of
//!   3.1 documents with their Schema Objects checked against the OpenAPI dialect
//!   (`tests/fixtures/openapi-schema/schema-base.json`, offline), and its YAML form is
//!   the same document;
//! - the output is the same bytes on every run;
//! - the export of `tests/fixtures/openapi-export/spec`, a spec that uses every
//!   extension, matches its snapshot (`MUTASPEC_BLESS=1 cargo test --test openapi_export`
//!   rewrites it; review the diff before committing), and the extensions it holds are
//!   exactly the ones the README's table documents.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use mutaspec_core::export::{openapi, ExportError, OpenApi, OpenApiOptions};
use serde_json::Value;

// The random-spec generator of `tests/random_specs.rs`, for specs no one wrote by hand.
#[allow(dead_code)]
#[path = "random_specs/accept.rs"]
mod accept;
#[allow(dead_code)]
#[path = "random_specs/gen.rs"]
mod gen;
#[allow(dead_code)]
#[path = "random_specs/yaml.rs"]
mod yaml;

const SCHEMAS: &str = "tests/fixtures/openapi-schema";
const FIXTURE: &str = "tests/fixtures/openapi-export";

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(SCHEMAS).join(path)).expect("read a vendored schema");
    serde_json::from_str(&text).expect("a vendored schema is JSON")
}

/// A validator of OpenAPI 3.1 documents, Schema Objects included, that never goes online.
fn validator() -> jsonschema::Validator {
    let resources = [
        ("https://spec.openapis.org/oas/3.1/schema/2022-10-07", read_json("schema.json")),
        (
            "https://spec.openapis.org/oas/3.1/dialect/base",
            read_json("dialect/base.schema.json"),
        ),
        ("https://spec.openapis.org/oas/3.1/meta/base", read_json("meta/base.schema.json")),
    ];
    let mut builder = jsonschema::Registry::new();
    for (uri, schema) in resources {
        builder = builder.add(uri, schema).expect("register a vendored schema");
    }
    let registry = builder.prepare().expect("the vendored schemas resolve");
    // The registry must outlive the validator: leak it, once per test.
    let registry: &'static jsonschema::Registry<'static> = Box::leak(Box::new(registry));
    jsonschema::options()
        .offline()
        .with_registry(registry)
        .build(&read_json("schema-base.json"))
        .expect("the OpenAPI 3.1 schema compiles")
}

fn spec_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from("spec")];
    let mut features: Vec<PathBuf> = std::fs::read_dir("tests/features")
        .expect("tests/features")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .flat_map(|p| {
            std::fs::read_dir(&p)
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|d| d.is_dir() && d.file_name().is_some_and(|n| n.to_string_lossy().starts_with("spec")))
                .collect::<Vec<_>>()
        })
        .collect();
    features.sort();
    assert!(features.len() >= 10, "the feature specs are found: {features:?}");
    dirs.extend(features);
    dirs.push(Path::new(FIXTURE).join("spec"));
    // The minimised random specs that once broke something: odd names, recursive and
    // local types, conditions and locks.
    let mut regressions: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/random-regressions")
        .expect("tests/fixtures/random-regressions")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    regressions.sort();
    dirs.extend(regressions);
    dirs
}

fn export(dir: &Path) -> OpenApi {
    let loaded = mutaspec_core::load(dir).unwrap_or_else(|e| panic!("{} loads:\n{}", dir.display(), e.render()));
    match openapi(&loaded.spec, &OpenApiOptions::default()) {
        Ok(doc) => doc,
        Err(ExportError::Diagnostics(d)) => panic!("{} exports:\n{}", dir.display(), loaded.sources.render(&d)),
        Err(e) => panic!("{} exports: {e}", dir.display()),
    }
}

#[test]
fn every_export_is_a_valid_openapi_3_1_document() {
    let validator = validator();
    for dir in spec_dirs() {
        let doc = export(&dir);
        let json: Value = serde_json::from_str(&doc.to_json()).expect("the export is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not export a valid OpenAPI 3.1 document:\n{}",
            dir.display(),
            errors.join("\n")
        );
        let yaml: Value = serde_yaml::from_str(&doc.to_yaml()).expect("the YAML export is YAML");
        assert_eq!(yaml, json, "{}: the YAML and JSON exports differ", dir.display());
    }
}

#[test]
fn random_specs_export_valid_documents() {
    // Every API the loader accepts of a fixed-seed batch of random specs, exported alone
    // (two random endpoints may share a method and path: that API is then refused with
    // `export-duplicate-operation`, and nothing else).
    let validator = validator();
    let (mut exported, mut refused) = (0, 0);
    for seed in [3, 12] {
        for draft in gen::batch(&gen::Params::new(seed, 6, 6)) {
            let a = accept::accept(&draft);
            if !a.loads {
                continue;
            }
            let files = draft.files(&a.keep);
            let texts: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
            let loaded = mutaspec_core::load_texts(&texts).unwrap_or_else(|e| panic!("{}", e.render()));
            let doc = match openapi(&loaded.spec, &OpenApiOptions::default()) {
                Ok(doc) => doc,
                Err(ExportError::Diagnostics(d)) => {
                    assert!(
                        d.iter().all(|d| d.id == "export-duplicate-operation"),
                        "{}",
                        loaded.sources.render(&d)
                    );
                    refused += 1;
                    continue;
                }
                Err(e) => panic!("{e}"),
            };
            let json: Value = serde_json::from_str(&doc.to_json()).expect("the export is JSON");
            let errors: Vec<String> = validator
                .iter_errors(&json)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            let spec: Vec<String> = files.iter().map(|(p, t)| format!("# {p}\n{t}")).collect();
            assert!(errors.is_empty(), "{}\n{}", errors.join("\n"), spec.join("\n"));
            exported += 1;
        }
    }
    assert!(exported >= 4, "{exported} random APIs exported, {refused} refused");
}

#[test]
fn an_invalid_document_is_refused_by_the_validator() {
    // The validator is not vacuous: a document missing `info`, or with a Schema Object
    // of an unknown type, fails.
    let validator = validator();
    let mut json: Value = serde_json::from_str(&export(Path::new("tests/features/unions/spec")).to_json()).unwrap();
    assert!(validator.is_valid(&json));
    json["components"]["schemas"]["unions.Customer"]["type"] = Value::from("struct");
    assert!(!validator.is_valid(&json), "a schema of type `struct` is refused");
    json.as_object_mut().unwrap().remove("info");
    assert!(!validator.is_valid(&json), "a document without `info` is refused");
}

#[test]
fn the_export_is_the_same_bytes_every_run() {
    for dir in spec_dirs() {
        let (a, b) = (export(&dir), export(&dir));
        assert_eq!(a.to_json(), b.to_json(), "{}", dir.display());
        assert_eq!(a.to_yaml(), b.to_yaml(), "{}", dir.display());
    }
}

/// Every `x-mutaspec-*` member name in `value`, at any depth.
fn extensions(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(members) => {
            for (k, v) in members {
                if k.starts_with("x-mutaspec-") {
                    found.insert(k.clone());
                }
                extensions(v, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| extensions(v, found)),
        _ => {}
    }
}

/// The extensions the README's table documents: the rows of "Export to OpenAPI" that
/// start with an `x-mutaspec-*` name.
fn documented() -> BTreeSet<String> {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let section = readme
        .split("## Export to OpenAPI")
        .nth(1)
        .expect("README has \"Export to OpenAPI\"");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `x-mutaspec-"))
        .map(|rest| format!("x-mutaspec-{}", rest.split('`').next().unwrap_or("")))
        .collect()
}

#[test]
fn the_fixture_export_matches_its_snapshot_and_uses_every_documented_extension() {
    let doc = export(&Path::new(FIXTURE).join("spec"));
    let actual = doc.to_json();
    let path = Path::new(FIXTURE).join("openapi.json");
    if std::env::var_os("MUTASPEC_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write the snapshot");
    } else {
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            expected == actual,
            "{} differs (MUTASPEC_BLESS=1 cargo test --test openapi_export to accept):\n{actual}",
            path.display()
        );
    }
    let mut found = BTreeSet::new();
    extensions(&serde_json::from_str(&actual).unwrap(), &mut found);
    let documented = documented();
    let undocumented: Vec<&String> = found.difference(&documented).collect();
    let unused: Vec<&String> = documented.difference(&found).collect();
    assert!(
        undocumented.is_empty(),
        "extensions the README's table does not list: {undocumented:?}"
    );
    assert!(
        unused.is_empty(),
        "documented extensions the fixture's export does not show: {unused:?}"
    );
}

#[test]
fn every_feature_export_uses_only_documented_extensions() {
    let documented = documented();
    for dir in spec_dirs() {
        let mut found = BTreeSet::new();
        extensions(&serde_json::from_str(&export(&dir).to_json()).unwrap(), &mut found);
        let undocumented: Vec<&String> = found.difference(&documented).collect();
        assert!(
            undocumented.is_empty(),
            "{}: undocumented extensions {undocumented:?}",
            dir.display()
        );
    }
}

#[test]
fn two_endpoints_with_one_method_and_path_are_refused_with_a_located_error() {
    let api = "api: a\nhosts: { production: https://a.example.com }\nauth: { scheme: bearer }\n";
    let endpoint = |name: &str| {
        format!("api: a\nendpoint: {name}\nmethod: PATCH\npath: /things/{{id}}\nparams:\n  id: {{ type: string }}\nresponse: {{ status: 204 }}\nbody:\n  note: string\n")
    };
    let (one, two) = (endpoint("update_one"), endpoint("update_two"));
    let loaded = mutaspec_core::load_texts(&[
        ("a/api.yaml", api.as_bytes()),
        ("a/update_one.yaml", one.as_bytes()),
        ("a/update_two.yaml", two.as_bytes()),
    ])
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let Err(ExportError::Diagnostics(d)) = openapi(&loaded.spec, &OpenApiOptions::default()) else {
        panic!("two endpoints on `PATCH /things/{{id}}` export");
    };
    let text = loaded.sources.render(&d);
    assert!(text.contains("error[export-duplicate-operation]"), "{text}");
    assert!(
        text.contains("`PATCH /things/{id}` is the method and path of both `a::update_one` and `a::update_two`"),
        "{text}"
    );
    assert!(text.contains("a/update_two.yaml:"), "{text}");
    assert!(text.contains("export one API at a time"), "{text}");

    let Err(e) = openapi(&loaded.spec, &OpenApiOptions { api: Some("b".into()) }) else {
        panic!("an unknown API exports");
    };
    assert_eq!(e.to_string(), "API `b` is not in the spec; the spec has: `a`");
}

#[test]
fn each_extension_is_where_the_readme_says() {
    let doc: Value = serde_json::from_str(&export(&Path::new(FIXTURE).join("spec")).to_json()).unwrap();
    let op = "/paths/~1widgets~1{id}/patch";
    let body = format!("{op}/requestBody/content/application~1merge-patch+json/schema");
    let prop = |name: &str| format!("{body}/properties/{name}");
    let schema = |name: &str| format!("/components/schemas/{name}");
    let tag = "/tags/1";
    let expected: Vec<(String, Value)> = vec![
        (format!("{}/x-mutaspec-update-rule", prop("serialNumber")), "set_once".into()),
        (format!("{}/readOnly", prop("createdBy")), true.into()),
        (format!("{}/x-mutaspec-update-rule", prop("createdBy")), "not_updatable".into()),
        (format!("{}/x-mutaspec-update-rule", prop("largeOnly")), "conditional".into()),
        (format!("{}/x-mutaspec-when/kind", prop("largeOnly")), "LARGE".into()),
        (format!("{}/x-mutaspec-while/lifecycle/0", prop("draftNote")), "DRAFT".into()),
        (format!("{}/x-mutaspec-transitions/BUILT/0", prop("stage")), "SHIPPED".into()),
        (format!("{}/x-mutaspec-provider-only/0", prop("stage")), "NEW".into()),
        (format!("{}/type/1", prop("name")), "null".into()),
        (format!("{}/x-mutaspec-locks/0/setting", prop("name")), "nameUpdates".into()),
        (format!("{}/x-mutaspec-effects/0", prop("name")), "review".into()),
        (format!("{}/x-mutaspec-effects/1/while/lifecycle/0", prop("name")), "LIVE".into()),
        (format!("{}/x-mutaspec-constraints/0/if/big/sent", prop("weight")), false.into()),
        (format!("{}/x-mutaspec-codes/max_length", prop("name")), 70002.into()),
        (format!("{}/x-mutaspec-merge", prop("log")), "merge".into()),
        (format!("{}/x-mutaspec-merge", prop("labels")), "replace".into()),
        (format!("{}/propertyNames/maxLength", prop("labels")), 20.into()),
        (format!("{}/additionalProperties/type/1", prop("notes")), "null".into()),
        (format!("{}/x-mutaspec-key", prop("parts")), "sku".into()),
        (format!("{}/x-mutaspec-unique-by", prop("parts")), "sku".into()),
        (format!("{}/maxItems", prop("parts")), 10.into()),
        (format!("{}/x-mutaspec-alias-of", prop("mail")), "email".into()),
        (format!("{}/deprecated", prop("mail")), true.into()),
        (format!("{}/x-mutaspec-format", prop("site")), "url".into()),
        (format!("{}/writeOnly", prop("secret")), true.into()),
        (format!("{}/allOf/0/pattern", prop("street")), "^(?:[^#]+)$".into()),
        (format!("{}/x-mutaspec-checks/0", prop("street")), "no_po_box".into()),
        (format!("{}/x-mutaspec-codes/check:no_po_box", prop("street")), 70004.into()),
        (format!("{}/x-mutaspec-codes/required", prop("code")), 70005.into()),
        (format!("{body}/required/0"), "code".into()),
        (format!("{}/x-mutaspec-after", prop("shipOn")), "2020-01-01".into()),
        (format!("{}/x-mutaspec-before", prop("shipOn")), "2100-01-01".into()),
        (format!("{}/x-mutaspec-min", prop("discount")), "0".into()),
        (format!("{}/x-mutaspec-max", prop("discount")), "0.5".into()),
        (format!("{}/x-mutaspec-max-depth", prop("extra")), 3.into()),
        (format!("{}/x-mutaspec-max-bytes", prop("extra")), 1024.into()),
        (format!("{}/oneOf/1/pattern", prop("owner")), "^(?:u_[0-9]+)$".into()),
        (format!("{}/x-mutaspec-since", prop("since2025")), "2025-01-01".into()),
        (format!("{}/x-mutaspec-until", prop("until2025")), "2025-01-01".into()),
        (format!("{}/maxLength", prop("businessName")), 100.into()),
        (format!("{}/x-mutaspec-constraints/0/if/kind/0", prop("businessName")), "SMALL".into()),
        (format!("{}/x-mutaspec-constraints/1/setting", prop("businessName")), "nameUpdates".into()),
        (format!("{body}/x-mutaspec-groups/3/with/0"), "d".into()),
        (format!("{}/x-mutaspec-groups/1/check", prop("payout")), "sum".into()),
        (format!("{}/x-mutaspec-codes/enum", schema("widgets.Colour")), 70003.into()),
        (format!("{}/x-mutaspec-enum-labels/TEAL", schema("widgets.Colour")), "Blue-green".into()),
        (format!("{}/x-mutaspec-enum-versions/TEAL/since", schema("widgets.Colour")), "2025-01-01".into()),
        (format!("{}/x-mutaspec-catalog/default", schema("widgets.WidgetError")), 70100.into()),
        (format!("{op}/responses/410/x-mutaspec-catalog-codes/0"), 70007.into()),
        (format!("{op}/x-mutaspec-current/properties/lifecycle/enum/1"), "LIVE".into()),
        (format!("{op}/x-mutaspec-source"), "made up for the export's snapshot".into()),
        (format!("{op}/parameters/3/schema/x-mutaspec-header-type"), "etag".into()),
        ("/components/securitySchemes/widgets.partner/x-mutaspec-prefix".into(), "SSWS".into()),
        ("/components/securitySchemes/widgets.oauth2/x-mutaspec-client-auth".into(), "body".into()),
        (format!("{tag}/x-mutaspec-settings/nameUpdates/locks/error"), 70001.into()),
        (format!("{tag}/x-mutaspec-versions/1"), "2025-01-01".into()),
        (format!("{tag}/x-mutaspec-version-header"), "Widgets-Version".into()),
        (format!("{tag}/x-mutaspec-effects/review"), "A changed name sends the widget to review.".into()),
        (
            "/paths/~1cards~1{card}/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/shipping/x-mutaspec-clear".into(),
            "".into(),
        ),
    ];
    let wrong: Vec<String> = expected
        .iter()
        .filter(|(pointer, value)| doc.pointer(pointer) != Some(value))
        .map(|(pointer, value)| format!("{pointer}: expected {value}, found {:?}", doc.pointer(pointer)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
