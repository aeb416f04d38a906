//! A struct deriving `Update` validates and serializes exactly as the generated request
//! does: for equivalent payloads, the same violations (path, rule, message, code) in the
//! same order, and the same JSON, byte for byte.
#![cfg(feature = "macro")]

use std::collections::BTreeMap;

use mutaspec_example_consumer::{banking, helix, payments, ProfileChange};
use mutaspec_generated as generated;
use mutaspec_runtime::serde::de::DeserializeOwned;
use mutaspec_runtime::serde_json::{self, json, Value};
use mutaspec_runtime::{Sensitive, Violation, Violations};

fn parse<T: DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v} does not deserialize: {e}"))
}

fn field<T: DeserializeOwned>(body: &Value, wire: &str) -> Option<T> {
    body.get(wire).map(parse)
}

fn violations(result: Result<(), Violations>) -> Vec<Violation> {
    result.err().map(Violations::into_vec).unwrap_or_default()
}

/// The `ProfileChange` and the generated `UpdateCustomerRequest` carrying `body`.
fn profile(body: &Value) -> (ProfileChange, generated::banking::update_customer::UpdateCustomerRequest) {
    let own = ProfileChange {
        kind: field(body, "type"),
        individual: field(body, "individual"),
        is_paperless: field(body, "isPaperless"),
        reference: field(body, "externalId"),
        tags: field(body, "tags"),
        meta_data: field(body, "metaData"),
    };
    (own, parse(body))
}

fn assert_same_customer(body: Value, current: Option<Value>) -> Vec<Violation> {
    let (own, generated) = profile(&body);
    let own_current: Option<banking::update_customer::UpdateCustomerCurrent> = current.as_ref().map(parse);
    let gen_current: Option<generated::banking::update_customer::UpdateCustomerCurrent> = current.as_ref().map(parse);
    let expected = violations(generated.validate_with(gen_current.as_ref(), None));
    assert_eq!(violations(own.validate_with(own_current.as_ref(), None)), expected, "{body}");
    if current.is_none() {
        assert_eq!(violations(own.validate()), violations(generated.validate()), "{body}");
    }
    assert_eq!(serde_json::to_string(&own).unwrap(), serde_json::to_string(&generated).unwrap());
    expected
}

#[test]
fn a_valid_profile_change_passes_both() {
    let body = json!({
        "type": "INDIVIDUAL",
        "individual": {"email": "ann@example.com", "mailingAddress": [{"city": "Austin"}]},
        "isPaperless": true,
        "externalId": "A-1",
        "tags": ["VIP"],
        "metaData": {"k": "v"}
    });
    assert!(assert_same_customer(body, None).is_empty());
}

#[test]
fn request_alone_violations_are_the_same() {
    let many: BTreeMap<String, String> = (0..21).map(|i| (format!("k{i}"), "v".to_owned())).collect();
    let body = json!({
        "type": "BUSINESS",
        "individual": {"email": "not-an-email"},
        "metaData": many
    });
    let found = assert_same_customer(body, None);
    let paths: Vec<&str> = found.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["individual", "individual.email", "metaData"]);
}

#[test]
fn an_unknown_enum_value_is_reported_alike() {
    let found = assert_same_customer(json!({"type": "TRUST"}), None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule.as_str(), "enum");
}

#[test]
fn current_resource_violations_are_the_same() {
    let current = json!({"externalId": "A-1", "type": "BUSINESS"});
    let body = json!({"externalId": "B-2", "type": "INDIVIDUAL", "individual": {"firstName": "Ann"}});
    let found = assert_same_customer(body, Some(current));
    let rules: Vec<&str> = found.iter().map(|v| v.rule.as_str()).collect();
    assert_eq!(rules, ["set_once", "identifying", "conditional"]);
}

#[test]
fn an_empty_change_serializes_to_an_empty_object() {
    assert_same_customer(json!({}), None);
    assert_eq!(serde_json::to_string(&ProfileChange::default()).unwrap(), "{}");
}

/// A second struct, against Helix: settings locks and provider codes.
#[derive(Debug, Default, mutaspec_macros::Update)]
#[mutaspec(
    spec = "../../spec/helix",
    endpoint = "helix::update_customer",
    module = "mutaspec_example_consumer::helix"
)]
struct NameChange {
    customer_id: Option<i64>,
    first_name: Option<String>,
    #[mutaspec(rename = "lastName")]
    surname: Option<String>,
    birth_date: Option<Sensitive<mutaspec_runtime::Date>>,
    email_address: Option<String>,
    gender: Option<helix::Gender>,
    addresses: Option<Vec<helix::Address>>,
}

fn name_change(body: &Value) -> (NameChange, generated::helix::update_customer::UpdateCustomerRequest) {
    let own = NameChange {
        customer_id: field(body, "customerId"),
        first_name: field(body, "firstName"),
        surname: field(body, "lastName"),
        birth_date: field(body, "birthDate"),
        email_address: field(body, "emailAddress"),
        gender: field(body, "gender"),
        addresses: field(body, "addresses"),
    };
    (own, parse(body))
}

fn assert_same_helix(body: Value, settings: Option<Value>) -> Vec<Violation> {
    let (own, generated) = name_change(&body);
    let own_settings: Option<helix::ProgramSettings> = settings.as_ref().map(parse);
    let gen_settings: Option<generated::helix::ProgramSettings> = settings.as_ref().map(parse);
    let expected = violations(generated.validate_with(None, gen_settings.as_ref()));
    assert_eq!(violations(own.validate_with(None, own_settings.as_ref())), expected, "{body}");
    assert_eq!(serde_json::to_string(&own).unwrap(), serde_json::to_string(&generated).unwrap());
    expected
}

#[test]
fn provider_codes_are_the_same() {
    let body = json!({
        "customerId": 7,
        "birthDate": "1899-12-31",
        "emailAddress": "nope",
        "gender": "X",
        "addresses": [
            {"addressType": "Residence", "addressLine1": "1 Main St", "city": "Austin", "state": "TX", "postalCode": "78701", "country": "US"},
            {"addressType": "Residence", "addressLine1": "PO Box 12", "city": "Austin", "state": "TX", "postalCode": "78701", "country": "US"}
        ]
    });
    let found = assert_same_helix(body, None);
    let codes: Vec<Option<u32>> = found.iter().map(|v| v.code).collect();
    assert!(codes.contains(&Some(60301)) && codes.contains(&Some(60302)) && codes.contains(&Some(60304)));
    assert!(codes.contains(&Some(60350)), "{found:?}");
}

#[test]
fn settings_locks_are_the_same() {
    let body = json!({"customerId": 7, "firstName": "Ann", "lastName": "Lee"});
    let found = assert_same_helix(body.clone(), Some(json!({"nameUpdates": false})));
    assert_eq!(found.iter().filter(|v| v.code == Some(60306)).count(), 2);
    let kyc = assert_same_helix(body, Some(json!({"helixKyc": true})));
    assert!(kyc.iter().all(|v| v.code == Some(60450)) && kyc.len() == 2);
}

#[test]
fn a_missing_required_field_is_reported_alike() {
    let found = assert_same_helix(json!({"firstName": "Ann"}), None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "customerId");
}

#[test]
fn sensitive_values_stay_hidden_in_debug() {
    let (own, _) = name_change(&json!({"customerId": 7, "birthDate": "1990-01-02"}));
    assert!(!format!("{own:?}").contains("1990"));
}

/// A third, against an API with side effects: `side_effects()` and `triggers()` too.
#[derive(Debug, Default, mutaspec_macros::Update)]
#[mutaspec(
    spec = "../../spec/payments",
    endpoint = "update_identity",
    module = "mutaspec_example_consumer::payments"
)]
struct IdentityChange {
    entity: Option<payments::update_identity::Entity>,
    #[mutaspec(rename = "tags")]
    labels: Option<BTreeMap<String, String>>,
}

#[test]
fn side_effects_are_the_same() {
    for body in [
        json!({"entity": {"business_address": {"line1": "1 New St", "city": "SF"}}}),
        json!({"entity": {"business_name": "Acme 2", "email": "nope"}}),
        json!({"entity": {"email": "a@b.co"}, "tags": {"a": "b"}}),
    ] {
        let own = IdentityChange {
            entity: field(&body, "entity"),
            labels: field(&body, "tags"),
        };
        let generated: generated::payments::update_identity::UpdateIdentityRequest = parse(&body);
        let own_effects: Vec<String> = own.side_effects().iter().map(|e| format!("{e:?}")).collect();
        let gen_effects: Vec<String> = generated.side_effects().iter().map(|e| format!("{e:?}")).collect();
        assert_eq!(own_effects, gen_effects, "{body}");
        assert_eq!(
            own.triggers(payments::SideEffect::Reverification),
            generated.triggers(generated::payments::SideEffect::Reverification)
        );
        assert_eq!(violations(own.validate()), violations(generated.validate()), "{body}");
        assert_eq!(serde_json::to_string(&own).unwrap(), serde_json::to_string(&generated).unwrap());
    }
}
