//! Every update rule of DESIGN.md and every client-checkable code of seed 003, enforced
//! by the generated validators: one case each, asserting the exact path, rule and code
//! of every violation (and that nothing else is reported).

use mutaspec_generated::{banking, helix, payments};
use mutaspec_runtime::Violations;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// `(path, rule, code)` of each violation, in order.
type Found = Vec<(String, &'static str, Option<u32>)>;

fn found(result: Result<(), Violations>) -> Found {
    match result {
        Ok(()) => Vec::new(),
        Err(v) => v.iter().map(|v| (v.path.clone(), v.rule.as_str(), v.code)).collect(),
    }
}

fn parse<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v} does not deserialize: {e}"))
}

/// Validates a Helix body; `customerId` (required: it names the customer) is added.
fn helix(mut body: Value, settings: Option<Value>) -> Found {
    body["customerId"] = json!(4015210);
    let req: helix::update_customer::UpdateCustomerRequest = parse(body);
    let settings: Option<helix::ProgramSettings> = settings.map(parse);
    found(req.validate_with(None, settings.as_ref()))
}

fn customer(body: Value, current: Option<Value>) -> Found {
    let req: banking::update_customer::UpdateCustomerRequest = parse(body);
    let current: Option<banking::update_customer::UpdateCustomerCurrent> = current.map(parse);
    found(req.validate_with(current.as_ref(), None))
}

fn one(path: &str, rule: &'static str, code: Option<u32>) -> Found {
    vec![(path.to_owned(), rule, code)]
}

fn address(kind: &str) -> Value {
    json!({"addressType": kind, "addressLine1": "1 Main St", "city": "Austin", "state": "TX", "postalCode": "78701", "country": "US"})
}

// --- Update rules (DESIGN.md) ---------------------------------------------------------

#[test]
fn mutable_fields_pass() {
    assert_eq!(customer(json!({"isPaperless": true, "tags": ["VIP"]}), None), Found::new());
}

#[test]
fn set_once_refuses_a_change_once_set() {
    let current = Some(json!({"externalId": "A-1"}));
    assert_eq!(
        customer(json!({"externalId": "B-2"}), current.clone()),
        one("externalId", "set_once", None)
    );
    assert_eq!(customer(json!({"externalId": "A-1"}), current), Found::new());
    assert_eq!(
        customer(json!({"externalId": "B-2"}), Some(json!({}))),
        Found::new(),
        "an unset value may be set"
    );
}

#[test]
fn account_linked_document_is_set_once() {
    let doc = |name: &str| json!([{"purpose": "Verification", "document": {"documentType": "ID_PROOF", "name": name, "base64EncodedContent": "JVBERi0="}}]);
    let req: banking::update_account::UpdateAccountRequest = parse(json!({"linkedDocument": doc("b.pdf")}));
    let current: banking::update_account::UpdateAccountCurrent = parse(json!({"linkedDocument": doc("a.pdf")}));
    assert_eq!(
        found(req.validate_with(Some(&current), None)),
        one("linkedDocument", "set_once", None)
    );
    let empty: banking::update_account::UpdateAccountCurrent = parse(json!({"linkedDocument": []}));
    assert_eq!(found(req.validate_with(Some(&empty), None)), Found::new(), "no document linked yet");
}

#[test]
fn identifying_type_cannot_change() {
    assert_eq!(
        customer(json!({"type": "BUSINESS"}), Some(json!({"type": "INDIVIDUAL"}))),
        one("type", "identifying", None)
    );
    assert_eq!(
        customer(json!({"type": "INDIVIDUAL"}), Some(json!({"type": "INDIVIDUAL"}))),
        Found::new()
    );
}

#[test]
fn conditional_objects_follow_the_type_sent() {
    let individual = json!({"email": "a@b.co"});
    assert_eq!(
        customer(json!({"type": "BUSINESS", "individual": individual}), None),
        one("individual", "discriminator_mismatch", None)
    );
    assert_eq!(
        customer(json!({"individual": individual}), None),
        one("individual", "discriminator_mismatch", None)
    );
    assert_eq!(
        customer(json!({"type": "JOINT_TENANCY", "owners": [individual]}), None),
        Found::new()
    );
}

#[test]
fn conditional_objects_follow_the_current_type() {
    let body = json!({"type": "INDIVIDUAL", "individual": {"email": "a@b.co"}});
    assert_eq!(
        customer(body.clone(), Some(json!({"type": "BUSINESS"}))),
        vec![
            ("type".to_owned(), "identifying", None),
            ("individual".to_owned(), "conditional", None)
        ]
    );
    assert_eq!(customer(body, Some(json!({"type": "INDIVIDUAL"}))), Found::new());
}

#[test]
fn unknown_enum_values_are_violations() {
    assert_eq!(customer(json!({"type": "TRUST"}), None), one("type", "enum", None));
}

#[test]
fn program_setting_locks_give_their_codes() {
    let off = |setting: &str| Some(json!({ setting: false }));
    let cases: [(Value, &str, &str, u32); 9] = [
        (json!({"firstName": "Ann"}), "nameUpdates", "firstName", 60306),
        (json!({"lastName": "Lee"}), "nameUpdates", "lastName", 60306),
        (json!({"emailAddress": "a@b.co"}), "emailAddressUpdates", "emailAddress", 60307),
        (
            json!({"businessLegalName": "Acme"}),
            "businessLegalNameUpdates",
            "businessLegalName",
            194102,
        ),
        (json!({"doingBusinessAs": "Acme Store"}), "dbaUpdates", "doingBusinessAs", 194103),
        (
            json!({"legalEntityType": "LLC"}),
            "legalEntityTypeUpdates",
            "legalEntityType",
            194104,
        ),
        (json!({"isTaxExempt": true}), "isTaxExemptUpdates", "isTaxExempt", 194105),
        (json!({"taxId": "123456789"}), "taxIdUpdates", "taxId", 194106),
        (json!({"taxIdType": "SSN"}), "taxIdTypeUpdates", "taxIdType", 194107),
    ];
    for (body, setting, path, code) in cases {
        assert_eq!(
            helix(body.clone(), off(setting)),
            one(path, "locked_by_setting", Some(code)),
            "{setting}"
        );
        assert_eq!(helix(body.clone(), Some(json!({}))), Found::new(), "{setting} defaults to allowed");
        assert_eq!(helix(body, None), Found::new(), "no settings, no settings checks");
    }
}

#[test]
fn address_locks_apply_per_address_type() {
    let body = json!({"addresses": [address("Mailing"), address("Residence"), address("PrimaryBusiness")]});
    assert_eq!(
        helix(body.clone(), Some(json!({"residenceAddressUpdates": false}))),
        one("addresses[1]", "locked_by_setting", Some(60308))
    );
    assert_eq!(
        helix(body.clone(), Some(json!({"mailingAddressUpdates": false}))),
        one("addresses[0]", "locked_by_setting", Some(194109))
    );
    assert_eq!(
        helix(body, Some(json!({"primaryBusinessAddressUpdates": false}))),
        one("addresses[2]", "locked_by_setting", Some(194108))
    );
}

#[test]
fn identity_verification_locks_kyc_properties_with_60450() {
    let kyc = Some(json!({"helixKyc": true}));
    for (field, value) in [
        ("firstName", json!("Ann")),
        ("middleName", json!("B")),
        ("lastName", json!("Lee")),
        ("birthDate", json!("1980-05-01")),
        ("taxId", json!("123456789")),
        ("emailAddress", json!("a@b.co")),
        ("driversLicenseNumber", json!("D123")),
        ("passportNumber", json!("P123")),
    ] {
        assert_eq!(
            helix(json!({ field: value }), kyc.clone()),
            one(field, "locked_by_verification", Some(60450)),
            "{field}"
        );
    }
    let body = json!({"addresses": [address("Mailing"), address("Residence")]});
    assert_eq!(helix(body, kyc.clone()), one("addresses[1]", "locked_by_verification", Some(60450)));
    assert_eq!(
        helix(json!({"gender": "F"}), kyc),
        Found::new(),
        "gender is not a verification property"
    );
}

#[test]
fn a_field_locked_twice_reports_both_codes() {
    let settings = Some(json!({"nameUpdates": false, "helixKyc": true}));
    assert_eq!(
        helix(json!({"firstName": "Ann"}), settings),
        vec![
            ("firstName".to_owned(), "locked_by_setting", Some(60306)),
            ("firstName".to_owned(), "locked_by_verification", Some(60450))
        ]
    );
}

// --- Seed 003's client-checkable codes ------------------------------------------------

#[test]
fn the_customer_id_is_required_and_identifies() {
    let req: helix::update_customer::UpdateCustomerRequest = parse(json!({"gender": "F"}));
    assert_eq!(found(req.validate()), one("customerId", "required", None));
    let req: helix::update_customer::UpdateCustomerRequest = parse(json!({"customerId": 2}));
    let current: helix::update_customer::UpdateCustomerCurrent = parse(json!({"customerId": 1}));
    assert_eq!(
        found(req.validate_with(Some(&current), None)),
        one("customerId", "identifying", None)
    );
}

#[test]
fn birth_date_60301() {
    assert_eq!(
        helix(json!({"birthDate": "1899-12-31"}), None),
        one("birthDate", "after", Some(60301))
    );
    assert_eq!(
        helix(json!({"birthDate": "1900-01-01"}), None),
        one("birthDate", "after", Some(60301)),
        "after, not on"
    );
    assert_eq!(
        helix(json!({"birthDate": "1990-02-30"}), None),
        one("birthDate", "format", Some(60301))
    );
    assert_eq!(helix(json!({"birthDate": "1900-01-02"}), None), Found::new());
}

#[test]
fn gender_60302_and_email_60304() {
    assert_eq!(helix(json!({"gender": "X"}), None), one("gender", "enum", Some(60302)));
    assert_eq!(
        helix(json!({"emailAddress": "not-an-email"}), None),
        one("emailAddress", "format", Some(60304))
    );
}

#[test]
fn one_address_and_one_phone_per_type_60350_60351() {
    let body = json!({"addresses": [address("Residence"), address("Mailing"), address("Residence")]});
    assert_eq!(helix(body, None), one("addresses[2]", "unique_by", Some(60350)));
    let phones = json!({"phones": [{"phoneType": "Home", "number": "5152221212"}, {"phoneType": "Home", "number": "5152221213"}]});
    assert_eq!(helix(phones, None), one("phones[1]", "unique_by", Some(60351)));
}

#[test]
fn phone_type_66801_and_number_66802() {
    assert_eq!(
        helix(json!({"phones": [{"phoneType": "Fax", "number": "5152221212"}]}), None),
        one("phones[0].phoneType", "enum", Some(66801))
    );
    assert_eq!(
        helix(json!({"phones": [{"phoneType": "Home"}]}), None),
        one("phones[0].number", "required", Some(66802))
    );
}

#[test]
fn address_type_66901_and_required_parts_66902_to_66906() {
    assert_eq!(
        helix(json!({"addresses": [address("Home")]}), None),
        one("addresses[0].addressType", "enum", Some(66901))
    );
    let found = helix(json!({"addresses": [{"addressType": "Mailing"}]}), None);
    let expected: Found = [
        ("addressLine1", 66902),
        ("city", 66903),
        ("state", 66904),
        ("postalCode", 66905),
        ("country", 66906),
    ]
    .into_iter()
    .map(|(f, c)| (format!("addresses[0].{f}"), "required", Some(c)))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn residential_po_box_66907() {
    let mut residence = address("Residence");
    residence["addressLine1"] = json!("PO Box 12");
    assert_eq!(
        helix(json!({"addresses": [residence.clone()]}), None),
        one("addresses[0].addressLine1", "check", Some(66907))
    );
    residence["addressType"] = json!("Mailing");
    assert_eq!(
        helix(json!({"addresses": [residence]}), None),
        Found::new(),
        "a mailing address may be a PO box"
    );
}

#[test]
fn dps_line_length_66908_only_for_dps_clients() {
    let mut long = address("Mailing");
    long["addressLine2"] = json!("x".repeat(77));
    let body = json!({"addresses": [long]});
    assert_eq!(
        helix(body.clone(), Some(json!({"dpsClient": true}))),
        one("addresses[0].addressLine2", "max_length", Some(66908))
    );
    assert_eq!(helix(body.clone(), Some(json!({"dpsClient": false}))), Found::new());
    assert_eq!(helix(body, None), Found::new());
}

/// The public address docs (https://docs.helix.q2.com/docs/address) limit every address
/// line to 100 characters for every client (no code in the seeds); DPS clients to 76
/// (66908): two `max_length` constraints on one field, each with its own condition.
#[test]
fn address_lines_100_always_and_76_for_dps_clients() {
    for line in ["addressLine1", "addressLine2", "addressLine3", "addressLine4"] {
        let mut long = address("Mailing");
        long[line] = json!("x".repeat(101));
        let body = json!({"addresses": [long]});
        let at = format!("addresses[0].{line}");
        assert_eq!(helix(body.clone(), None), one(&at, "max_length", None), "{line}: 100 for everyone");
        assert_eq!(helix(body.clone(), Some(json!({"dpsClient": false}))), one(&at, "max_length", None));
        assert_eq!(
            helix(body, Some(json!({"dpsClient": true}))),
            vec![(at.clone(), "max_length", None), (at.clone(), "max_length", Some(66908))],
            "{line}: a DPS client breaks both"
        );
        let mut fits = address("Mailing");
        fits[line] = json!("x".repeat(100));
        assert_eq!(helix(json!({"addresses": [fits]}), None), Found::new(), "{line}: 100 fits");
    }
}

#[test]
fn every_violation_is_reported_at_once_in_spec_order() {
    let body = json!({"birthDate": "1800-01-01", "gender": "Q", "emailAddress": "nope", "phones": [{"phoneType": "Fax"}]});
    assert_eq!(
        helix(body, Some(json!({"helixKyc": true}))),
        vec![
            ("birthDate".to_owned(), "after", Some(60301)),
            ("birthDate".to_owned(), "locked_by_verification", Some(60450)),
            ("gender".to_owned(), "enum", Some(60302)),
            ("emailAddress".to_owned(), "format", Some(60304)),
            ("emailAddress".to_owned(), "locked_by_verification", Some(60450)),
            ("phones[0].phoneType".to_owned(), "enum", Some(66801)),
            ("phones[0].number".to_owned(), "required", Some(66802)),
        ]
    );
}

#[test]
fn violations_carry_the_catalogue_message_and_map_to_the_error_enum() {
    let req: helix::update_customer::UpdateCustomerRequest = parse(json!({"customerId": 1, "emailAddress": "nope"}));
    let v = req.validate().unwrap_err();
    let first = v.iter().next().unwrap();
    assert_eq!(first.message, "Invalid email address");
    let err = helix::HelixError::from_violation(first).unwrap();
    assert_eq!(err.code(), 60304);
}

// --- Other constraints of the seeds -----------------------------------------------------

#[test]
fn decimal_strings_are_checked() {
    let req: banking::update_account::UpdateAccountRequest = parse(json!({"configuration": {"sweep": {"minBalance": "ten"}}}));
    assert_eq!(found(req.validate()), one("configuration.sweep.minBalance", "format", None));
}

#[test]
fn identity_id_path_parameter_pattern() {
    use payments::update_identity::UpdateIdentityParams;
    assert!(UpdateIdentityParams {
        identity_id: "IDxxxxxxxxxxxxxxxxxx".into()
    }
    .validate()
    .is_ok());
    let bad = UpdateIdentityParams {
        identity_id: "ID123".into(),
    }
    .validate()
    .unwrap_err();
    assert_eq!(found(Err(bad)), one("identity_id", "pattern", None));
}

#[test]
fn reverification_is_known_before_sending() {
    use payments::update_identity::UpdateIdentityRequest;
    use payments::SideEffect;
    let moving: UpdateIdentityRequest = parse(json!({"entity": {"business_address": {"line1": "1 New St", "city": "SF"}}}));
    assert!(moving.triggers(SideEffect::Reverification));
    assert_eq!(moving.side_effects(), vec![SideEffect::Reverification]);
    let renaming: UpdateIdentityRequest = parse(json!({"entity": {"business_name": "Acme 2"}}));
    assert!(renaming.triggers(SideEffect::Reverification));
    let email: UpdateIdentityRequest = parse(json!({"entity": {"email": "a@b.co"}, "tags": {"a": "b"}}));
    assert!(email.side_effects().is_empty());
}

#[test]
fn every_seed_example_request_validates_clean() {
    let dir = std::path::Path::new("tests/fixtures/examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let body: Value = serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        let result = match name.split('-').take(2).collect::<Vec<_>>().as_slice() {
            ["banking", "update_customer"] => parse::<banking::update_customer::UpdateCustomerRequest>(body).validate(),
            ["banking", "update_account"] => parse::<banking::update_account::UpdateAccountRequest>(body).validate(),
            ["payments", "update_identity"] if name.contains("request") => {
                parse::<payments::update_identity::UpdateIdentityRequest>(body).validate()
            }
            _ => continue,
        };
        assert_eq!(found(result), Found::new(), "{name}");
        checked += 1;
    }
    assert_eq!(checked, 8);
}
