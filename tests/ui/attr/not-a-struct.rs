// The derive maps fields onto the endpoint's body: it needs a struct with named fields.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
enum ItemChange {
    Rename(String),
}

fn main() {
    let _ = ItemChange::Rename(String::new()).validate();
}
