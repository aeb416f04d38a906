// `rename` names a wire field; this one does not exist.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    #[mutaspec(rename = "releasedate")]
    released: Option<mutaspec_runtime::Date>,
}

fn main() {
    let _ = ItemChange { released: None }.validate();
}
