// `serialNumber` is sensitive: its value must be wrapped so `Debug` never shows it.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    serial_number: Option<String>,
}

fn main() {
    let _ = ItemChange { serial_number: None }.validate();
}
