//! `mutaspec import openapi` on real public documents (vendored under
//! `tests/fixtures/openapi/` with their licences) and a 3.1 one: several update operations of each
//! import, load, and generate a crate that passes `cargo clippy -D warnings` and `cargo
//! doc` with `-D warnings`, all in one scratch crate (one compile for every document).

use std::fs;
use std::path::Path;

mod common;

use mutaspec_openapi::{import, read, Selector};

/// (document, API name, operationIds); the last, a made-up OpenAPI 3.1 document, covers
/// what the real ones do not use (type arrays with `null`, unions, exclusive bounds).
const DOCUMENTS: [(&str, &str, &[&str]); 5] = [
    (
        "tests/fixtures/openapi/swagger-petstore/openapi.yaml",
        "petstore",
        &["updatePet", "addPet", "updateUser", "placeOrder"],
    ),
    (
        "tests/fixtures/openapi/oai-petstore/petstore-expanded.yaml",
        "petstore_expanded",
        &["addPet"],
    ),
    (
        "tests/fixtures/openapi/box/openapi.json",
        "box_platform",
        &[
            "put_folders_id",
            "put_files_id",
            "put_users_id",
            "put_groups_id",
            "put_webhooks_id",
            "put_collaborations_id",
            "put_tasks_id",
            "put_comments_id",
            "put_web_links_id",
            "put_retention_policies_id",
        ],
    ),
    (
        "tests/fixtures/openapi/twilio/twilio_sync_v1.json",
        "twilio_sync",
        &[
            "UpdateDocument",
            "UpdateDocumentPermission",
            "UpdateService",
            "UpdateSyncList",
            "UpdateSyncListItem",
            "UpdateSyncMap",
            "UpdateSyncMapItem",
            "UpdateSyncStream",
        ],
    ),
    (
        "codegen/openapi/tests/fixtures/accounts-3.1.yaml",
        "ledger",
        &["updateAccount", "setLimit"],
    ),
];

fn import_all(dir: &Path) {
    for (file, api, ops) in DOCUMENTS {
        let doc = read(Path::new(file)).unwrap_or_else(|e| panic!("{e}"));
        let sels: Vec<Selector> = ops.iter().map(|o| Selector::Id(o.to_string())).collect();
        let done = import(&doc, &sels, api, dir).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(done.files.len(), ops.len() + 1, "{file}");
        if api == "petstore_expanded" {
            // The OAI example names no security scheme: the person adds the auth.
            assert_eq!(done.notes.len(), 1, "{:?}", done.notes);
            let shared = dir.join(api).join("api.yaml");
            let text = fs::read_to_string(&shared).unwrap() + "auth: { scheme: bearer }\n";
            fs::write(&shared, text).unwrap();
        } else {
            assert!(done.notes.is_empty(), "{file}: {:?}", done.notes);
        }
    }
}

#[test]
fn update_operations_of_real_documents_import_load_generate_and_compile() {
    let root = common::temp_dir("openapi-crate");
    let spec = root.join("spec");
    import_all(&spec);
    let loaded = mutaspec_core::load(&spec).unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(loaded.spec.apis.len(), DOCUMENTS.len());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let endpoints: usize = loaded.spec.apis.iter().map(|a| a.endpoints.len()).sum();
    assert_eq!(endpoints, DOCUMENTS.iter().map(|d| d.2.len()).sum::<usize>());

    // Importing again keeps the person's auth; once more changes no byte.
    import_all_again(&spec);
    let before = common::read_tree(&spec);
    import_all_again(&spec);
    assert!(before == common::read_tree(&spec), "a re-import is not a fixed point");

    let out = root.join("crate");
    fs::create_dir_all(&out).unwrap();
    let generated = mutaspec_core::ops::generate(&spec, &out);
    assert_eq!(generated.exit, 0, "{}", generated.stderr);
    common::write_scratch_manifest(&out, "openapi-imports", &spec);
    for (what, args, envs) in [
        (
            "cargo clippy -- -D warnings",
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
            ][..],
            &[][..],
        ),
        (
            "cargo doc with RUSTDOCFLAGS=-D warnings",
            &["doc", "--offline", "--quiet", "--no-deps"][..],
            &[("RUSTDOCFLAGS", "-D warnings")][..],
        ),
    ] {
        let run = common::cargo_in(&out, "openapi-crate", args, envs);
        assert!(
            run.status.success(),
            "{what} failed:\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

/// The second import of the same operations (the petstore_expanded auth the person added stays).
fn import_all_again(dir: &Path) {
    for (file, api, ops) in DOCUMENTS {
        let doc = read(Path::new(file)).unwrap();
        let sels: Vec<Selector> = ops.iter().map(|o| Selector::Id(o.to_string())).collect();
        let done = import(&doc, &sels, api, dir).unwrap();
        assert!(done.notes.is_empty(), "{file}: {:?}", done.notes);
        assert!(done.files.iter().all(|(_, existed)| *existed));
    }
}
