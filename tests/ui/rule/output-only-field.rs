// `updatedAt` is set by the provider, only in responses.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    updated_at: Option<mutaspec_runtime::DateTime>,
}

fn main() {
    let _ = ItemChange { updated_at: None }.validate();
}
