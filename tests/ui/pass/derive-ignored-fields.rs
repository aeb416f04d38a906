// A struct deriving `Update` tells, as the generated request does, which of the fields
// it sends the provider ignores (`ignored_fields()`), at any depth.
mutaspec_macros::include_spec!("tests/ui/specs/legacy");

#[derive(Debug, Default, mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/legacy", endpoint = "legacy::update_account", module = "crate::legacy")]
struct AccountChange {
    name: Option<String>,
    #[mutaspec(rename = "faxNumber")]
    fax: Option<String>,
    contacts: Option<Vec<legacy::Contact>>,
}

// Without an ignored field of its own, a struct still reaches the ones inside its values.
#[derive(Debug, Default, mutaspec_macros::Update)]
#[mutaspec(spec = "tests/ui/specs/legacy", endpoint = "legacy::update_account", module = "crate::legacy")]
struct ContactsChange {
    contacts: Option<Vec<legacy::Contact>>,
}

fn main() {
    let change = AccountChange {
        fax: Some("+1555".into()),
        contacts: Some(vec![
            legacy::Contact { email: Some("a@example.com".into()), fax: None },
            legacy::Contact { email: Some("b@example.com".into()), fax: Some("+1556".into()) },
        ]),
        ..Default::default()
    };
    assert_eq!(change.ignored_fields(), ["faxNumber", "contacts[1].fax"]);
    assert!(change.validate().is_ok());
    assert!(AccountChange { name: Some("Acme".into()), ..Default::default() }.ignored_fields().is_empty());
    // The generated request says the same of the same values.
    let request = legacy::update_account::UpdateAccountRequest {
        fax_number: Some("+1555".into()),
        ..Default::default()
    };
    assert_eq!(request.ignored_fields(), ["faxNumber"]);
    let contacts = ContactsChange { contacts: Some(vec![legacy::Contact { email: None, fax: Some("+1".into()) }]) };
    assert_eq!(contacts.ignored_fields(), ["contacts[0].fax"]);
}
