// Two fields of the struct cannot both be `releaseDate`.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    release_date: Option<mutaspec_runtime::Date>,
    #[mutaspec(rename = "releaseDate")]
    released: Option<mutaspec_runtime::Date>,
}

fn main() {
    let _ = ItemChange { release_date: None, released: None }.validate();
}
