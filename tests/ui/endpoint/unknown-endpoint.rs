// An endpoint the spec does not have, with the closest one suggested.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_iten", module = "crate::shop")]
struct ItemChange {
    name: Option<String>,
}

fn main() {
    let _ = ItemChange { name: None }.validate_with(None, None);
}
