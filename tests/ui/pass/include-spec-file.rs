// include_spec! of a single spec file, inside a module of the consumer's.
mod api {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml");
}

fn main() {
    let req = api::shop::update_item::UpdateItemRequest { name: Some(String::new()), ..Default::default() };
    assert_eq!(req.validate().unwrap_err().len(), 1);
}
