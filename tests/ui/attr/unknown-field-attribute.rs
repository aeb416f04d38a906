// A field takes `rename` only; `spec` and the others go on the struct.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    #[mutaspec(renam = "name")]
    title: Option<String>,
    #[mutaspec(spec = "tests/ui/specs/shop")]
    tags: Option<Vec<String>>,
}

fn main() {
    let _ = ItemChange { title: None, tags: None }.validate();
}
