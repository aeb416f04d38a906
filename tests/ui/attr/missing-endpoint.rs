// `spec`, `endpoint` and `module` are all required.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", module = "crate::shop")]
struct ItemChange {
    name: Option<String>,
}

fn main() {
    let _ = ItemChange { name: None }.validate();
}
