// include_spec! with options: extra derives on every spec type, an attribute on one.
mutaspec_macros::include_spec!(
    "tests/ui/specs/single.yaml",
    derives = ["Eq", "Hash", "PartialOrd"],
    type_attribute("update_item::Address", "#[derive(Ord)]"),
    type_attribute("UpdateItemRequest", "#[must_use]"),
);

fn needs_hash<T: Eq + std::hash::Hash>(_: &T) {}

fn main() {
    let address = shop::update_item::Address { city: Some("Paris".into()) };
    needs_hash(&address);
    let mut set = std::collections::BTreeSet::new();
    set.insert(address.clone());
    assert!(set.contains(&address));
    let req = shop::update_item::UpdateItemRequest { address: Some(address), ..Default::default() };
    needs_hash(&req);
    assert!(req.partial_cmp(&req.clone()) == Some(std::cmp::Ordering::Equal));
}
