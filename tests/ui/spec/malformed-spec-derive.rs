// The derive reports the spec's errors on its `spec` path, and the struct stays usable.
#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/malformed.yaml", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    name: Option<String>,
}

fn main() {
    let change = ItemChange { name: None };
    let _ = change.validate_with(None, None);
    let _ = mutaspec_runtime::serde_json::to_string(&change);
}
