// A type named like the spec's but from elsewhere: rustc compares the paths, at the
// field's type, once.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

mod mine {
    #[derive(Clone, Debug, Default, serde::Serialize)]
    pub struct Dimensions {
        pub width: Option<i64>,
    }
}

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    dimensions: Option<mine::Dimensions>,
}

fn main() {
    let _ = ItemChange { dimensions: None }.validate();
}
