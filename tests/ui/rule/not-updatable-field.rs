// `createdBy` is not updatable: the error names the field, its rule and where the spec
// says so.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    name: Option<String>,
    created_by: Option<String>,
}

fn main() {
    let _ = ItemChange { name: None, created_by: None }.validate();
}
