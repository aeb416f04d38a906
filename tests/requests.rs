//! The generated request and response types against the seeds' own examples, and the
//! sans-IO HTTP requests built from them.

use mutaspec_generated::{banking, payments};
use mutaspec_runtime::endpoint::Endpoint;
use mutaspec_runtime::{Credentials, Environment, RequestError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/examples/{name}.json")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Deserializes into `T`, serializes back, and compares as JSON values.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let text = fixture(name);
    let typed: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name} does not deserialize: {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    let original: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, original, "{name} does not serialize back to the same JSON");
    typed
}

fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(strip_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[test]
fn every_seed_000_example_round_trips() {
    for name in [
        "mailing-address",
        "contact-information",
        "paperless",
        "metadata-and-tags",
        "business-details",
        "linked-document",
    ] {
        round_trip::<banking::update_customer::UpdateCustomerRequest>(&format!("banking-update_customer-{name}"));
    }
}

#[test]
fn seed_001_example_round_trips_with_a_typed_decimal() {
    let req: banking::update_account::UpdateAccountRequest = round_trip("banking-update_account-sweep-min-balance");
    let min = req.configuration.unwrap().sweep.unwrap().min_balance.unwrap();
    assert_eq!(min.as_str(), "1050");
    assert!(min.is_valid());
}

#[test]
fn seed_002_request_round_trips_and_response_deserializes() {
    let req: payments::update_identity::UpdateIdentityRequest = round_trip("payments-update_identity-request");
    assert_eq!(req.tags.unwrap()["merchant_tier"], "enterprise");
    // A response deserializes; `null`s read as absent, and nothing else is lost.
    let text = fixture("payments-update_identity-response");
    let resp: payments::update_identity::Identity = serde_json::from_str(&text).unwrap();
    let mut original: Value = serde_json::from_str(&text).unwrap();
    strip_nulls(&mut original);
    assert_eq!(serde_json::to_value(&resp).unwrap(), original);
    assert_eq!(resp.id.as_deref(), Some("IDxxxxxxxxxxxxxxxxxx"));
    assert_eq!(resp.r#type, Some(payments::update_identity::IdentityType::Business));
    assert!(resp.links.unwrap().merchants.is_some());
    assert!(resp.created_at.unwrap().is_valid());
}

#[test]
fn not_updatable_attributes_are_rejected_by_name_and_rule() {
    let err = serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(r#"{"programAffiliate": {"id": 1}}"#).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("`programAffiliate` is not updatable") && msg.contains("Cannot be updated"),
        "{msg}"
    );

    for field in ["tax_id", "business_tax_id", "dob", "business_type"] {
        let body = format!(r#"{{"entity": {{"email": "a@b.co", "{field}": "x"}}}}"#);
        let err = serde_json::from_str::<payments::update_identity::UpdateIdentityRequest>(&body).unwrap_err();
        assert!(err.to_string().contains(&format!("`{field}` is not updatable")), "{field}: {err}");
    }
    // Even `null` is refused: the attribute is not part of an update at all.
    assert!(serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(r#"{"programAffiliate": null}"#).is_err());
}

#[test]
fn unknown_attributes_and_wrong_types_are_typed_errors() {
    let err = serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(r#"{"isPaperles": true}"#).unwrap_err();
    assert!(err.to_string().contains("unknown field `isPaperles`"), "{err}");
    let err = serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(r#"{"isPaperless": "yes"}"#).unwrap_err();
    assert!(err.is_data(), "{err}");
}

#[test]
fn enums_keep_unknown_values_for_the_validator() {
    let req: banking::update_customer::UpdateCustomerRequest = serde_json::from_str(r#"{"type": "TRUST"}"#).unwrap();
    let t = req.r#type.unwrap();
    assert!(!t.is_known());
    assert_eq!(t.as_str(), "TRUST");
    assert_eq!(
        serde_json::to_string(&banking::CustomerType::JointTenancy).unwrap(),
        r#""JOINT_TENANCY""#
    );
}

#[test]
fn requests_build_with_default_and_struct_update() {
    let body = banking::update_customer::UpdateCustomerRequest {
        r#type: Some(banking::CustomerType::Individual),
        is_paperless: Some(true),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({"type": "INDIVIDUAL", "isPaperless": true})
    );
}

#[test]
fn banking_requests_carry_bearer_and_api_key() {
    use banking::update_customer::{UpdateCustomer, UpdateCustomerParams, UpdateCustomerRequest};
    let body = UpdateCustomerRequest {
        is_paperless: Some(true),
        ..Default::default()
    };
    let creds = Credentials::bearer("jwt-token").with_api_key("key-1");
    let req = UpdateCustomer::http_request(Environment::Production, &UpdateCustomerParams { id: 4015210 }, &body, &creds).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://api.ahrvo.network/banking/us2/v1/customer/id/4015210");
    assert_eq!(req.headers()["authorization"], "Bearer jwt-token");
    assert_eq!(req.headers()["x-api-key"], "key-1");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.body(), br#"{"isPaperless":true}"#);
    let staging = UpdateCustomer::url(Environment::Staging, &UpdateCustomerParams { id: 1 }).unwrap();
    assert_eq!(staging, "https://gateway.ahrvo.network/banking/us2/v1/customer/id/1");
    assert_eq!(UpdateCustomer::SUCCESS_STATUS, 204);
}

#[test]
fn account_path_has_both_ids() {
    use banking::update_account::{UpdateAccount, UpdateAccountParams};
    let p = UpdateAccountParams {
        customer_id: 4052981,
        account_id: 4024062,
    };
    assert_eq!(
        UpdateAccount::path(&p).unwrap(),
        "/banking/us2/v1/customer/id/4052981/account/id/4024062"
    );
}

#[test]
fn identity_requests_use_basic_auth_and_encode_the_id() {
    use payments::update_identity::{UpdateIdentity, UpdateIdentityParams, UpdateIdentityRequest};
    let creds = Credentials::basic("user", "secret");
    let params = UpdateIdentityParams {
        identity_id: "IDxxxxxxxxxxxxxxxxxx".into(),
    };
    let req = UpdateIdentity::http_request(Environment::Staging, &params, &UpdateIdentityRequest::default(), &creds).unwrap();
    assert_eq!(req.method(), "PUT");
    assert_eq!(
        req.uri(),
        "http://gateway.ahrvo.network/payments/na/identities/IDxxxxxxxxxxxxxxxxxx"
    );
    assert_eq!(req.headers()["authorization"], "Basic dXNlcjpzZWNyZXQ=");
    // A parameter cannot change the path: `/` and `..` are encoded.
    let hostile = UpdateIdentityParams {
        identity_id: "../../admin".into(),
    };
    assert_eq!(UpdateIdentity::path(&hostile).unwrap(), "/payments/na/identities/..%2F..%2Fadmin");
    // Credentials of the wrong scheme are a typed error, never a panic.
    let err = UpdateIdentity::http_request(
        Environment::Production,
        &params,
        &UpdateIdentityRequest::default(),
        &Credentials::bearer("t"),
    );
    assert!(matches!(err, Err(RequestError::CredentialMismatch { .. })));
}

/// An empty id would give the collection's URL (`/identities/`, where a POST creates):
/// empty, `.` and `..` are refused before a request is built, and by `validate()`.
#[test]
fn path_changing_parameters_are_refused() {
    use payments::update_identity::{UpdateIdentity, UpdateIdentityParams, UpdateIdentityRequest};
    let creds = Credentials::basic("user", "secret");
    for bad in ["", ".", ".."] {
        let params = UpdateIdentityParams { identity_id: bad.into() };
        let err = UpdateIdentity::http_request(Environment::Staging, &params, &UpdateIdentityRequest::default(), &creds).unwrap_err();
        assert!(
            matches!(err, RequestError::InvalidPathParam { name: "identity_id", .. }),
            "{bad:?}: {err}"
        );
        assert!(UpdateIdentity::url(Environment::Production, &params).is_err(), "{bad:?}");
        let v = params.validate().unwrap_err().into_vec();
        assert_eq!(v[0].path, "identity_id", "{bad:?}: {v:?}");
        assert!(v[0].message.contains("the request would go to another URL"), "{v:?}");
    }
    let ok = UpdateIdentityParams {
        identity_id: "IDxxxxxxxxxxxxxxxxxx".into(),
    };
    assert!(ok.validate().is_ok());
    assert!(UpdateIdentity::url(Environment::Production, &ok).is_ok());
}

#[test]
fn credentials_never_print_secrets() {
    let shown = format!(
        "{:?} {:#?}",
        Credentials::bearer("jwt-token").with_api_key("key-1"),
        Credentials::basic("user", "pa55word")
    );
    for secret in ["jwt-token", "key-1", "pa55word"] {
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[test]
fn sensitive_fields_are_redacted_in_debug() {
    let resp: payments::update_identity::Identity = serde_json::from_str(&fixture("payments-update_identity-response")).unwrap();
    let shown = format!("{resp:?}");
    assert!(shown.contains("Sensitive(<redacted>)"), "{shown}");
    assert!(!shown.contains("1985"), "the birth year leaked: {shown}");
}
