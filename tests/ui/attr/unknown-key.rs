// A misspelt key is named, with the key it was probably meant to be.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpont = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    name: Option<String>,
}

fn main() {
    let _ = ItemChange { name: None }.validate();
}
