// The derive's spec path, likewise.
#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/nowhere", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    name: Option<String>,
}

fn main() {
    let _ = ItemChange { name: None }.validate();
}
