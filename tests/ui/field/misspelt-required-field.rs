// A misspelt field is one error: the required `itemId` it was meant to be is not
// reported missing as well.
mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_price", module = "crate::shop")]
struct PriceChange {
    item_idd: Option<i64>,
    price: Option<mutaspec_runtime::Decimal>,
}

fn main() {
    let _ = PriceChange { item_idd: None, price: None }.validate();
}
