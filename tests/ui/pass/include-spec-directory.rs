// include_spec! of the whole spec: the same API as the generated crate, module for module.
mutaspec_macros::include_spec!("spec");

fn main() {
    let body = r#"{"programAffiliate": {"id": "1"}}"#;
    let err = mutaspec_runtime::serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(body).unwrap_err();
    assert!(err.to_string().contains("programAffiliate"));
    let req = payments::update_identity::UpdateIdentityRequest::default();
    assert!(req.validate().is_ok());
    assert_eq!(helix::HelixError::from_code(60306, &[]).code(), 60306);
}
