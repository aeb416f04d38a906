//! The valid path allocates nothing: for every endpoint, `validate_with` on a realistic,
//! fully valid request (most fields set, nested objects, arrays of several items), with a
//! current snapshot and program settings that switch on the checks they govern, performs
//! zero heap allocations. A counting global allocator
//! (`codegen/runtime/tests/support/counting_alloc.rs`) measures the call alone; its
//! counter is per thread, so the test harness's other threads do not interfere.
//!
//! The control: an invalid request does allocate (the violations), so the counter works.

use mutaspec_generated::{banking, helix, payments};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

#[path = "../codegen/runtime/tests/support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

fn parse<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v} does not deserialize: {e}"))
}

/// Validates, asserts the verdict, and returns the allocations of the call alone.
macro_rules! measure {
    ($req:expr, $current:expr, $settings:expr) => {{
        let (req, current, settings) = (&$req, &$current, &$settings);
        let (result, n) = allocations(|| req.validate_with(Some(current), Some(settings)));
        (result.map_err(|v| v.to_string()), n)
    }};
}

// --- banking: update_account ------------------------------------------------------------

fn linked_documents() -> Value {
    json!([
        {"purpose": "Verification", "document": {"documentType": "ID_PROOF", "name": "id_scan.pdf", "base64EncodedContent": "JVBERi0xLjQK", "externalId": "DOC-1"}},
        {"purpose": "AddressProof", "document": {"documentType": "ADDRESS_PROOF", "name": "utility_bill.pdf", "base64EncodedContent": "JVBERi0xLjUK", "externalId": "DOC-2"}}
    ])
}

fn account() -> Value {
    json!({
        "externalId": "ACC-EXT-000123",
        "purpose": "checking",
        "nickName": "Operating account",
        "isPrimary": true,
        "linkedDocument": linked_documents(),
        "configuration": {
            "sweep": {
                "enable": true,
                "cadence": "WEEKLY",
                "destination": {"externalAccount": {"id": "EA-99810042", "externalId": "EXT-EA-99810042"}},
                "minBalance": "1050.00",
                "method": "ACH",
                "processingMode": "SAME_DAY",
                "cadenceDetails": {"sweepTime": "17:00"}
            },
            "credit": {
                "realizationInterval": {"ach": 2, "card": 1, "check": 5},
                "quickSettle": {"ach": true, "check": false},
                "statementDescriptor": {
                    "ach": {"companyDescription": "PAYROLL", "companyName": "ACME CORP"},
                    "card": {"descriptor": "ACME*STORE 0042"}
                }
            },
            "debit": {
                "statementDescriptor": {
                    "ach": {"companyDescription": "VENDOR PMT", "companyName": "ACME CORP"},
                    "wire": {"originator": "ACME CORPORATION"}
                },
                "checkProcessing": {"defaultRemittanceTemplate": {"id": "RT-0042"}}
            }
        },
        "acceptanceMode": "ELECTRONIC",
        "acceptanceDetails": {"acceptedAt": "2024-05-01T12:00:00Z", "channel": "WEB"},
        "metaData": {"costCenter": "CC-17", "region": "us-west"},
        "tags": ["operating", "primary", "sweep-enabled"],
        "comment": "Quarterly configuration refresh",
        "debitCardIssuance": {"cardProgram": [
            {"name": "Standard Debit", "id": "CP-D-1"}, {"name": "Premium Debit", "id": "CP-D-2"}, {"name": "Business Debit", "id": "CP-D-3"}
        ]},
        "virtualCardIssuance": {"cardProgram": [
            {"name": "Virtual Standard", "id": "CP-V-1"}, {"name": "Virtual Travel", "id": "CP-V-2"}
        ]}
    })
}

#[test]
fn banking_update_account_valid_path_allocates_nothing() {
    use banking::update_account::{UpdateAccountCurrent, UpdateAccountRequest};
    let req: UpdateAccountRequest = parse(account());
    let settings = banking::ProgramSettings::default();
    // Set once and sent again unchanged: the set-once checks compare them in full.
    let current: UpdateAccountCurrent = parse(json!({"externalId": "ACC-EXT-000123", "linkedDocument": linked_documents()}));
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));
    // Nothing set yet: the request sets both.
    let current: UpdateAccountCurrent = parse(json!({}));
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));
}

// --- banking: update_customer -----------------------------------------------------------

fn individual(first: &str, email: &str) -> Value {
    json!({
        "mailingAddress": [
            {"addressLine1": "99 Main St", "addressLine2": "Apt 4", "city": "Knoxville", "state": "TN", "zip": "37902", "externalId": "MA221"},
            {"addressLine1": "1 Lake Rd", "city": "Chattanooga", "state": "TN", "zip": "37386", "externalId": "MA222"}
        ],
        "email": email,
        "mobilePhone": "555-123-4567",
        "homePhone": "555-987-6543",
        "firstName": first,
        "lastName": "Doe",
        "middleName": "Q",
        "ssn": "123-45-6789",
        "dob": "06/15/1985",
        "workPhone": "555-000-1111",
        "secondaryIdentification": {"type": "DRIVER_LICENSE", "id": "D1234567", "countryOfIssuance": "US", "stateOfIssuance": "TN"},
        "taxIdentification": {"type": "ITIN", "id": "912-70-1234"}
    })
}

#[test]
fn banking_update_customer_valid_path_allocates_nothing() {
    use banking::update_customer::{UpdateCustomerCurrent, UpdateCustomerRequest};
    let req: UpdateCustomerRequest = parse(json!({
        "externalId": "CUST-000777",
        "type": "INDIVIDUAL",
        "individual": individual("Jane", "jane.doe@example.com"),
        "isPaperless": true,
        "preferredCommunication": "EMAIL",
        "metaData": {"segment": "retail", "referrer": "web", "tier": "gold"},
        "tags": ["VIP", "paperless", "retail"],
        "linkedDocument": linked_documents()
    }));
    let current: UpdateCustomerCurrent = parse(json!({"externalId": "CUST-000777", "type": "INDIVIDUAL"}));
    let settings = banking::ProgramSettings::default();
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));

    // Joint tenancy: the owners array, each an individual with its addresses.
    let req: UpdateCustomerRequest = parse(json!({
        "type": "JOINT_TENANCY",
        "owners": [individual("Jane", "jane@example.com"), individual("John", "john@example.com"), individual("Ann", "ann@example.org")],
        "tags": ["joint"]
    }));
    let current: UpdateCustomerCurrent = parse(json!({"type": "JOINT_TENANCY"}));
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));
}

// --- payments: update_identity ----------------------------------------------------------

#[test]
fn payments_update_identity_valid_path_allocates_nothing() {
    use payments::update_identity::{UpdateIdentityCurrent, UpdateIdentityRequest};
    let address = |line1: &str| json!({"line1": line1, "line2": "Suite 200", "city": "San Francisco", "region": "CA", "postal_code": "94105", "country": "USA"});
    let req: UpdateIdentityRequest = parse(json!({
        "entity": {
            "first_name": "John",
            "last_name": "Doe",
            "title": "CEO",
            "email": "newemail@acme.com",
            "phone": "4155551234",
            "personal_address": address("12 Home Ave"),
            "business_name": "Acme Corporation",
            "doing_business_as": "Acme Store",
            "business_address": address("456 New Business St"),
            "business_phone": "4155559999",
            "mcc": "5812",
            "annual_card_volume": 1_500_000_000i64,
            "max_transaction_amount": 750_000,
            "ach_max_transaction_amount": 1_000_000
        },
        "tags": {"region": "west", "tier": "enterprise", "source": "api"}
    }));
    let current: UpdateIdentityCurrent = parse(json!({}));
    let settings: payments::ProgramSettings = parse(json!({}));
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));
}

// --- helix: update_customer -------------------------------------------------------------

fn helix_customer() -> Value {
    let address = |kind: &str, line1: &str| json!({"addressType": kind, "addressLine1": line1, "addressLine2": "Unit 5", "city": "Austin", "state": "TX", "postalCode": "78701", "country": "US", "isActive": true});
    json!({
        "customerId": 4015210,
        "firstName": "Jane",
        "middleName": "Quinn",
        "lastName": "Doe",
        "birthDate": "1985-06-15",
        "gender": "F",
        "emailAddress": "jane.doe@example.com",
        "taxId": "123456789",
        "taxIdType": "SSN",
        "tag": "user-8812",
        "driversLicenseNumber": "D1234567",
        "driversLicenseState": "TX",
        "driversLicenseIssueDate": "2019-04-01T00:00:00Z",
        "driversLicenseExpireDate": "2027-04-01T00:00:00.000+00:00",
        "passportNumber": "X12345678",
        "passportCountry": "US",
        "passportIssueDate": "2018-01-10T00:00:00Z",
        "passportExpireDate": "2028-01-10T00:00:00Z",
        "addresses": [
            address("Residence", "1 Main St"),
            address("Mailing", "PO Box 12"),
            address("Prior", "7 Old Rd"),
        ],
        "phones": [
            {"phoneType": "Mobile", "number": "5152221212", "isActive": true},
            {"phoneType": "Home", "number": "5152223434", "isActive": true},
            {"phoneType": "Office", "number": "5152225656", "isActive": false}
        ]
    })
}

#[test]
fn helix_update_customer_valid_path_allocates_nothing() {
    use helix::update_customer::{UpdateCustomerCurrent, UpdateCustomerRequest};
    let req: UpdateCustomerRequest = parse(helix_customer());
    let current: UpdateCustomerCurrent = parse(json!({"customerId": 4015210}));
    // The program's settings: every update allowed, no Helix KYC, and a DPS client (so
    // the 76-character limit on address lines is checked too).
    let settings: helix::ProgramSettings = parse(json!({"dpsClient": true}));
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));

    // A business customer: business fields and the business address types.
    let mut body = helix_customer();
    body["businessLegalName"] = json!("Acme Holdings LLC");
    body["doingBusinessAs"] = json!("Acme");
    body["legalEntityType"] = json!("LLC");
    body["isTaxExempt"] = json!(false);
    body["addresses"] = json!([
        {"addressType": "PrimaryBusiness", "addressLine1": "500 Commerce Blvd", "city": "Austin", "state": "TX", "postalCode": "78701", "country": "US"},
        {"addressType": "Registered", "addressLine1": "1209 Orange St", "city": "Wilmington", "state": "DE", "postalCode": "19801", "country": "US"},
        {"addressType": "TaxFormMailing", "addressLine1": "PO Box 77", "city": "Austin", "state": "TX", "postalCode": "78702", "country": "US"}
    ]);
    let req: UpdateCustomerRequest = parse(body);
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));
}

// --- clearing (the feature spec tests/features/clearing, expanded in place) ---------------

mod clearing_spec {
    mutaspec_macros::include_spec!("tests/features/clearing/spec");
}

/// Cleared, set and absent fields side by side: still no allocation.
#[test]
fn clearing_requests_allocate_nothing() {
    use clearing_spec::clearing::{update_card, update_profile, ProgramSettings};
    let req: update_profile::UpdateProfileRequest = parse(json!({
        "nickname": null,
        "externalId": "E-1",
        "address": {"line1": "1 Main St", "line2": null, "zip": "12345"},
        "metadata": null,
        "age": 42,
        "labels": {"old": null, "new": "x"},
        "contacts": {"ada": null, "bob": {"email": "bob@example.com"}}
    }));
    let current: update_profile::UpdateProfileCurrent = parse(json!({"externalId": "E-1", "kind": "PERSON"}));
    assert_eq!(measure!(req, current, ProgramSettings::default()), (Ok(()), 0));
    let req: update_card::UpdateCardRequest =
        parse(json!({"description": "", "tags": "", "shipping": {"name": "Ada"}, "metadata": {"k": "v"}}));
    let current: update_card::UpdateCardCurrent = parse(json!({}));
    assert_eq!(measure!(req, current, ProgramSettings::default()), (Ok(()), 0));
}

// --- state at depth (the feature spec tests/features/state-at-depth, expanded in place) ---

mod state_at_depth_spec {
    mutaspec_macros::include_spec!("tests/features/state-at-depth/spec");
}

/// State conditions, transitions and patterns in a nested object, in keyed array items
/// and in map values, each checked against its own snapshot: the look-up of the current
/// item or entry allocates nothing either.
#[test]
fn state_at_depth_allocates_nothing() {
    use state_at_depth_spec::state_at_depth::{update_subscription, update_wallet, ProgramSettings};
    let req: update_subscription::UpdateSubscriptionRequest = parse(json!({"data": {"type": "subs", "attributes": {
        "status": "PAUSED", "legalName": "Ada", "plan": "pro", "displayName": "short", "email": "a@example.com",
        "creditLimit": 200, "expiresOn": "2027-01-01", "floor": "4.5", "notes": ["a", "b", "c"], "labels": {"tier": "gold", "new": "x"}
    }}}));
    let current: update_subscription::UpdateSubscriptionCurrent = parse(json!({"data": {"type": "subs", "attributes": {
        "verified": false, "status": "ACTIVE", "creditLimit": 100, "expiresOn": "2026-12-31", "floor": "5",
        "notes": ["a", "b"], "labels": {"tier": "gold"}
    }}}));
    let settings: ProgramSettings = parse(json!({"kycLock": true}));
    assert_eq!(measure!(req, current, settings), (Ok(()), 0));
    let req: update_wallet::UpdateWalletRequest = parse(json!({
        "cards": [{"id": "c1", "pin": "1234", "status": "ACTIVE", "spendLimit": 10}, {"id": "c2", "status": "CLOSED"}],
        "accounts": {"main": {"kind": "BANK", "externalId": "E-1", "status": "FROZEN", "iban": "DE00", "nickname": "Main", "history": ["a", "b"]}},
        "spare": {"old": null, "main": {"externalId": "E-1"}}
    }));
    let current: update_wallet::UpdateWalletCurrent = parse(json!({
        "cards": [{"id": "c2", "form": "DISPOSABLE", "status": "CLOSED", "spendLimit": 20}, {"id": "c1", "form": "PHYSICAL", "status": "ACTIVE", "spendLimit": 5}],
        "accounts": {"main": {"kind": "BANK", "externalId": "E-1", "status": "OPEN", "history": ["a"]}},
        "spare": {"main": {"externalId": "E-1"}}
    }));
    assert_eq!(measure!(req, current, ProgramSettings::default()), (Ok(()), 0));
}

// --- control ------------------------------------------------------------------------------

/// The counter works: an invalid request allocates (one path and message per violation),
/// and so does a plain allocation.
#[test]
fn an_invalid_request_allocates() {
    use helix::update_customer::{UpdateCustomerCurrent, UpdateCustomerRequest};
    let (boxed, n) = allocations(|| Box::new(7u64));
    assert_eq!((*boxed, n), (7, 1));

    let mut body = helix_customer();
    body["emailAddress"] = json!("not an email");
    body["gender"] = json!("X");
    body["phones"][1]["phoneType"] = json!("Mobile");
    let req: UpdateCustomerRequest = parse(body);
    let current: UpdateCustomerCurrent = parse(json!({"customerId": 4015210}));
    let settings: helix::ProgramSettings = parse(json!({"dpsClient": true}));
    let (result, n) = measure!(req, current, settings);
    let violations = result.expect_err("invalid");
    assert_eq!(violations.lines().count(), 3, "{violations}");
    assert!(n >= 3, "{n} allocations for three violations");

    let req: banking::update_account::UpdateAccountRequest = parse(json!({"configuration": {"sweep": {"minBalance": "1e3"}}}));
    let current: banking::update_account::UpdateAccountCurrent = parse(json!({}));
    let (result, n) = measure!(req, current, banking::ProgramSettings::default());
    assert!(result.is_err() && n > 0, "{result:?}: {n} allocations");
}

// --- free-form JSON values ----------------------------------------------------------------

/// The limits of a `json` field (`max_depth`, `max_bytes`) are checked without allocating,
/// on a nested value within them and on one beyond them (the walk and the count are the
/// same either way; only a recorded violation allocates).
#[test]
fn json_limits_allocate_nothing() {
    use mutaspec_runtime::checks::{json_bytes_exceed, json_depth_exceeds, json_len};
    let metadata = json!({"order": {"lines": [{"sku": "A-1", "qty": 2, "note": "gift \"wrap\"\n"}, {"sku": "B-2", "qty": 1.5}]}, "tags": ["x", null, true]});
    let ((deep, big, len), n) = allocations(|| {
        (
            json_depth_exceeds(&metadata, 4),
            json_bytes_exceed(&metadata, 4096),
            json_len(&metadata),
        )
    });
    assert_eq!((deep, big, n), (false, false, 0));
    assert_eq!(len, serde_json::to_string(&metadata).unwrap().len());
    let ((deep, big), n) = allocations(|| (json_depth_exceeds(&metadata, 2), json_bytes_exceed(&metadata, 10)));
    assert_eq!((deep, big, n), (true, true, 0));
}
