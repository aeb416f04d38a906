// Every kind of field the derive accepts, with renames, against an API expanded by
// include_spec! in the same crate; validation and serialization at run time.
use std::collections::BTreeMap;

use mutaspec_runtime::{Date, Decimal, Rule, Sensitive};

mutaspec_macros::include_spec!("tests/ui/specs/shop");

#[derive(Debug, Default, mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_item", module = "crate::shop")]
struct ItemChange {
    kind: Option<shop::Kind>,
    #[mutaspec(rename = "sku")]
    stock_keeping_unit: Option<String>,
    name: Option<String>,
    price: Option<Decimal>,
    release_date: Option<Date>,
    tags: Option<Vec<String>>,
    attributes: Option<BTreeMap<String, String>>,
    serial_number: Option<Sensitive<String>>,
    dimensions: Option<shop::Dimensions>,
    book: Option<shop::update_item::Book>,
}

// In another module, with the API module named relative to it.
mod app {
    #[derive(Default, mutaspec_macros::Update)]
    #[mutaspec(spec = "tests/ui/specs/shop", endpoint = "shop::update_price", module = "super::shop")]
    pub struct PriceChange {
        #[mutaspec(rename = "itemId")]
        pub item: Option<i64>,
        pub price: Option<mutaspec_runtime::Decimal>,
    }
}

fn main() {
    let change = ItemChange {
        kind: Some(shop::Kind::Toy),
        name: Some("x".repeat(41)),
        price: Some(Decimal::new_unchecked("-1")),
        book: Some(shop::update_item::Book { isbn: Some("978".into()) }),
        ..Default::default()
    };
    let found: Vec<(String, Rule)> = change.validate().unwrap_err().iter().map(|v| (v.path.clone(), v.rule)).collect();
    assert_eq!(
        found,
        [
            ("name".to_owned(), Rule::MaxLength),
            ("price".to_owned(), Rule::Min),
            ("book".to_owned(), Rule::DiscriminatorMismatch),
            ("book.isbn".to_owned(), Rule::Pattern),
        ]
    );

    let current = shop::update_item::UpdateItemCurrent { sku: Some("A".into()), ..Default::default() };
    let settings = shop::ProgramSettings { price_updates: false };
    let change = ItemChange { stock_keeping_unit: Some("B".into()), price: Some(Decimal::new_unchecked("5")), ..Default::default() };
    let rules: Vec<Rule> = change.validate_with(Some(&current), Some(&settings)).unwrap_err().iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::SetOnce, Rule::LockedBySetting]);

    let change = ItemChange { stock_keeping_unit: Some("A".into()), serial_number: Some(Sensitive::new("S-1".into())), ..Default::default() };
    assert_eq!(mutaspec_runtime::serde_json::to_string(&change).unwrap(), r#"{"sku":"A","serialNumber":"S-1"}"#);
    assert!(!format!("{change:?}").contains("S-1"));

    let missing = app::PriceChange::default().validate().unwrap_err();
    assert_eq!(missing.iter().next().map(|v| v.path.as_str()), Some("itemId"));
    assert!(app::PriceChange { item: Some(1), ..Default::default() }.validate().is_ok());
}
