// `sku` is set-once: a plain `String` would send it with every update.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    sku: String,
}

fn main() {
    let _ = ItemChange { sku: String::new() }.validate();
}
