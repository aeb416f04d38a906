//! `mutaspec import openapi` on a large document: Box's public OpenAPI document
//! (`tests/fixtures/openapi/box/openapi.json`, 1.7 MB) with its paths replicated under new
//! prefixes and operation ids until the JSON text is about 10 MB, built once at setup.
//! Each iteration reads the text (the `openapiv3` parse included) and imports one update
//! operation in memory (`put_folders_id`: the spec files as YAML text, not written).
//!
//! Run: `cargo bench --bench import`.

use std::sync::OnceLock;

use mutaspec_openapi::{build, read_text, render, Selector};
use serde_json::Value;

/// About 10 MB of JSON.
const TARGET_BYTES: usize = 10 * 1024 * 1024;

fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/openapi/box/openapi.json");
        let text = std::fs::read_to_string(path).expect("the vendored Box document");
        let mut root: Value = serde_json::from_str(&text).expect("JSON");
        let paths = root["paths"].as_object().expect("paths").clone();
        let mut copy = 1;
        while serde_json::to_string(&root).expect("JSON").len() < TARGET_BYTES {
            let all = root["paths"].as_object_mut().expect("paths");
            for (path, item) in &paths {
                let mut item = item.clone();
                if let Some(ops) = item.as_object_mut() {
                    for op in ops.values_mut() {
                        if let Some(id) = op.get("operationId").and_then(Value::as_str).map(str::to_string) {
                            op["operationId"] = Value::String(format!("{id}_copy{copy}"));
                        }
                    }
                }
                all.insert(format!("/copy{copy}{path}"), item);
            }
            copy += 1;
        }
        serde_json::to_string(&root).expect("JSON")
    })
}

fn main() {
    let doc = document();
    eprintln!("document: {:.1} MB of JSON", doc.len() as f64 / 1_048_576.0);
    divan::main();
}

/// Read the ~10 MB document and import one operation (its files as text).
#[divan::bench(sample_count = 10)]
fn import_one_operation_from_10_mb() -> usize {
    let doc = read_text("openapi.json", divan::black_box(document())).expect("reads");
    let sel = [Selector::Id("put_folders_id".into())];
    let built = build::build(&doc, &sel, "box_platform").expect("imports");
    render(&doc, &built.api).len() + built.endpoints.iter().map(|(_, m)| render(&doc, m).len()).sum::<usize>()
}

/// The document read alone (parse, check, written back as one JSON value).
#[divan::bench(sample_count = 10)]
fn read_10_mb() -> usize {
    read_text("openapi.json", divan::black_box(document()))
        .expect("reads")
        .root
        .as_object()
        .map_or(0, |o| o.len())
}
