// `book` is sent only with `kind` = BOOK: a struct without `kind` could never send it.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct BookChange {
    book: Option<shop::update_item::Book>,
}

fn main() {
    let _ = BookChange { book: None }.validate();
}
