//! Import, then export, then import again is a fixed point on what the import wrote
//! (#19): the operations of real documents imported into a spec, the spec exported as
//! OpenAPI 3.1 with `mutaspec export openapi`'s engine, and that export imported again
//! give the same endpoint and shared files, but for what names the document itself
//! (`source:` and the header comment). The export names operations and components
//! `<api>.<name>`; an import under the same API name reads the spec's names back.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

mod common;

use mutaspec_openapi::{import, read, read_text, Selector};
use serde_yaml::{Mapping, Value};

/// (document, API name, operationIds): documents of `tests/fixtures/openapi/`.
const DOCUMENTS: [(&str, &str, &[&str]); 3] = [
    (
        "swagger-petstore/openapi.yaml",
        "petstore",
        &["updatePet", "updateUser", "placeOrder"],
    ),
    (
        "box/openapi.json",
        "box_platform",
        &["put_folders_id", "put_users_id", "put_webhooks_id", "put_tasks_id"],
    ),
    (
        "twilio/twilio_sync_v1.json",
        "twilio_sync",
        &["UpdateDocument", "UpdateSyncMapItem", "UpdateService"],
    ),
];

/// Every spec file of `dir/api`, keyed by what identifies it across the round trip (the
/// shared file by its name, an endpoint by its method and path), without the `source:`
/// that names the document it came from.
fn files(dir: &Path, api: &str) -> BTreeMap<String, Mapping> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir.join(api)).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let Value::Mapping(mut m) = serde_yaml::from_str::<Value>(&text).unwrap() else {
            panic!("{}: not a mapping", path.display())
        };
        let key = match (m.get("method"), m.get("path")) {
            (Some(Value::String(method)), Some(Value::String(p))) => format!("{method} {p}"),
            _ => path.file_name().unwrap().to_string_lossy().into_owned(),
        };
        m.remove("source");
        out.insert(key, m);
    }
    out
}

#[test]
fn import_export_import_is_a_fixed_point_on_the_imported_parts() {
    let root = common::temp_dir("openapi-roundtrip");
    let (first, second) = (root.join("first"), root.join("second"));
    for (file, api, ops) in DOCUMENTS {
        let doc = read(&Path::new("tests/fixtures/openapi").join(file)).unwrap_or_else(|e| panic!("{e}"));
        let sels: Vec<Selector> = ops.iter().map(|o| Selector::Id((*o).to_owned())).collect();
        import(&doc, &sels, api, &first).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let loaded = mutaspec_core::load(&first).unwrap_or_else(|e| panic!("{}", e.render()));
    for (file, api, _) in DOCUMENTS {
        let options = mutaspec_core::export::OpenApiOptions { api: Some(api.to_owned()) };
        let exported = mutaspec_core::export::openapi(&loaded.spec, &options).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc = read_text(&format!("{api}.json"), &exported.to_json()).unwrap_or_else(|e| panic!("{file}, exported: {e}"));
        let a = loaded.spec.apis.iter().find(|a| a.name == api).unwrap();
        let sels: Vec<Selector> = a
            .endpoints
            .iter()
            .map(|e| Selector::MethodPath(e.method.as_str().to_owned(), e.path_template()))
            .collect();
        import(&doc, &sels, api, &second).unwrap_or_else(|e| panic!("{file}, exported: {e}"));
        let (before, after) = (files(&first, api), files(&second, api));
        assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "{file}");
        for (key, m) in &before {
            assert_eq!(
                serde_yaml::to_string(m).unwrap(),
                serde_yaml::to_string(&after[key]).unwrap(),
                "{file}: `{key}` changed in the round trip through the export"
            );
        }
    }
    let _ = fs::remove_dir_all(&root);
}
