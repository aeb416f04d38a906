// `name` is a string in the spec.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    name: Option<i64>,
}

fn main() {
    let _ = ItemChange { name: None }.validate();
}
