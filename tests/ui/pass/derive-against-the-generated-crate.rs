// The README's example: an application's struct against Update Customer, using the
// generated crate's types; the same violations as the generated request.
use mutaspec_generated::banking::{self, update_customer::*};

#[derive(Default, mutaspec_macros::Update)]
#[mutaspec(spec = "spec", endpoint = "banking::update_customer", module = "mutaspec_generated::banking")]
struct ProfileChange {
    #[mutaspec(rename = "type")]
    kind: Option<banking::CustomerType>,
    individual: Option<Individual>,
    is_paperless: Option<bool>,
    #[mutaspec(rename = "externalId")]
    ext: Option<String>,
}

fn main() {
    let individual = Individual { email: Some("not-an-email".into()), ..Default::default() };
    let own = ProfileChange { individual: Some(individual.clone()), ..Default::default() };
    let generated = UpdateCustomerRequest { individual: Some(individual), ..Default::default() };
    assert_eq!(own.validate().unwrap_err(), generated.validate().unwrap_err());

    let current = UpdateCustomerCurrent { external_id: Some("A-1".into()), ..Default::default() };
    let own = ProfileChange { ext: Some("B-2".into()), is_paperless: Some(true), ..Default::default() };
    let generated = UpdateCustomerRequest { external_id: Some("B-2".into()), is_paperless: Some(true), ..Default::default() };
    assert_eq!(own.validate_with(Some(&current), None).unwrap_err(), generated.validate_with(Some(&current), None).unwrap_err());
    assert_eq!(
        mutaspec_runtime::serde_json::to_string(&own).unwrap(),
        mutaspec_runtime::serde_json::to_string(&generated).unwrap()
    );
}
