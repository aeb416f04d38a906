// `kind` is identifying: sent only to pick the object, so it cannot be a plain value.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    kind: shop::Kind,
}

fn main() {
    let _ = ItemChange { kind: shop::Kind::Book }.validate();
}
