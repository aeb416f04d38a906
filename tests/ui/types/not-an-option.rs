// Every field is optional: absent means unchanged.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    tags: Vec<String>,
}

fn main() {
    let _ = ItemChange { tags: Vec::new() }.validate();
}
