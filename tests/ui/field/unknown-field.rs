// A field the endpoint's body does not have, with the closest one suggested.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    prise: Option<mutaspec_runtime::Decimal>,
}

fn main() {
    let _ = ItemChange { prise: None }.validate();
}
