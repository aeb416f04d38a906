// `itemId` is required in every Update Price: the struct must carry it.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_price", module = "crate::shop")]
struct PriceChange {
    price: Option<mutaspec_runtime::Decimal>,
}

fn main() {
    let _ = PriceChange { price: None }.validate();
}
