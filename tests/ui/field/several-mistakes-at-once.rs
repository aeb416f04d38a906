// Every mistake of a struct is reported in one go, and nothing else.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    nmae: Option<String>,
    created_by: Option<String>,
    price: Option<f64>,
    tags: Option<Vec<String>>,
}

fn main() {
    let change = ItemChange { nmae: None, created_by: None, price: None, tags: None };
    let _ = change.validate_with(None, None);
}
