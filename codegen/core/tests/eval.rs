//! The evaluator on hand-written payloads against the real spec: the shape errors
//! (which serde would refuse, where and why), `null`, positional structs, the snapshot
//! and the settings. The agreement with the generated validators is in the root
//! package's `tests/differential.rs`.

use std::path::Path;
use std::sync::OnceLock;

use mutaspec_core::eval::{evaluate, Part, PayloadError, PayloadErrorKind};
use mutaspec_core::model::Spec;
use mutaspec_core::plan;
use mutaspec_runtime::Violation;
use serde_json::{json, Value};

fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(
        || match mutaspec_core::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec")) {
            Ok(l) => l.spec,
            Err(e) => panic!("{}", e.render()),
        },
    )
}

fn eval(endpoint: &str, payload: Value, current: Option<Value>, settings: Option<Value>) -> Result<Vec<Violation>, PayloadError> {
    let (api, ep) = spec().endpoint(endpoint).expect("endpoint");
    let plan = plan::endpoint(api, ep);
    evaluate(api, ep, &plan, &payload, current.as_ref(), settings.as_ref())
}

fn brief(r: Result<Vec<Violation>, PayloadError>) -> Vec<String> {
    match r {
        Ok(v) => v.iter().map(|x| format!("{} {} {:?}", x.path, x.rule, x.code)).collect(),
        Err(e) => vec![format!("{} {}: {e}", e.part, e.rule())],
    }
}

#[test]
fn a_valid_payload_has_no_violation() {
    let payload = json!({"type": "INDIVIDUAL", "individual": {"email": "ann@example.com", "mailingAddress": [{"zip": "37386"}]}});
    assert_eq!(
        eval("banking::update_customer", payload, Some(json!({"type": "INDIVIDUAL"})), None),
        Ok(vec![])
    );
}

#[test]
fn null_where_it_does_not_clear_is_refused_and_a_not_updatable_null_is_a_violation() {
    // No field of the seeds is clearable: `null` is refused (never read as absent), at
    // the first member serde meets, as the generated types refuse it.
    assert_eq!(
        brief(eval(
            "helix::update_customer",
            json!({"customerId": null, "gender": null}),
            None,
            None
        )),
        ["payload not_clearable: customerId: cannot be cleared (rule not_clearable): `null` is not a value of it; leave it out to keep the value"]
    );
    // In a current snapshot `null` is the provider's "no value", at any depth.
    let current = json!({"linkedDocument": [{"purpose": null, "document": {"externalId": null}}], "externalId": null});
    assert_eq!(eval("banking::update_account", json!({}), Some(current), None), Ok(vec![]));
    // A not-updatable attribute, even `null`, is a violation; the rest is still checked.
    let v = eval(
        "banking::update_customer",
        json!({"programAffiliate": null, "metaData": {"a": "b"}, "type": "X"}),
        None,
        None,
    )
    .unwrap();
    assert_eq!(brief(Ok(v.clone())), ["programAffiliate not_updatable None", "type enum None"]);
    assert_eq!(v[0].message, "is not updatable (Cannot be updated); remove it from the request");
}

/// Every not-updatable attribute is reported, nested objects' first (as serde reads
/// them), before the violations of the rest of the payload.
#[test]
fn every_not_updatable_attribute_is_reported_with_the_rest() {
    let payload = json!({"entity": {"tax_id": "1", "dob": {}, "business_type": "X", "email": "no"}});
    let got = brief(eval("payments::update_identity", payload, None, None));
    assert_eq!(
        got[..3],
        [
            "entity.tax_id not_updatable None",
            "entity.dob not_updatable None",
            "entity.business_type not_updatable None"
        ],
        "{got:?}"
    );
    assert!(got[3..].iter().all(|x| !x.contains("not_updatable")), "{got:?}");
    assert!(got.len() > 3, "the email is checked too: {got:?}");
}

#[test]
fn shape_errors_name_the_path() {
    let cases = [
        (json!([1, 2, 3]), "payload type: expected an object (`UpdateIdentityRequest`), found an array"),
        (json!([]), "payload type: expected an object (`UpdateIdentityRequest`), found an array"),
        (json!("x"), "payload type: expected an object (`UpdateIdentityRequest`), found a string"),
        (json!({"tags": ["a"]}), "payload type: tags: expected an object (a map), found an array"),
        (json!({"tags": {"a": null}}), "payload type: tags.a: expected a string, found null"),
        (json!({"entity": {"annual_card_volume": 1.5}}), "payload type: entity.annual_card_volume: expected an integer (i64), found a number with a fraction or an exponent"),
        (json!({"entity": {"annual_card_volume": 18_446_744_073_709_551_615_u64}}), "payload type: entity.annual_card_volume: expected an integer (i64), found an integer beyond the i64 range"),
        (json!({"entity": {"personal_address": {"zip": "1"}}}), "payload type: entity.personal_address.zip: unknown field; expected one of `line1`, `line2`, `city`, `region`, `postal_code`, `country`"),
        (json!({"entity": {"dob": {"year": 1985}, "first_name": 1}}), "payload type: entity.first_name: expected a string, found an integer"),
        (json!({"entity": {"personal_address": {"postalcode": "1"}}}), "payload type: entity.personal_address.postalcode: unknown field; did you mean `postal_code`?"),
    ];
    for (payload, expected) in cases {
        assert_eq!(
            brief(eval("payments::update_identity", payload.clone(), None, None)),
            [expected],
            "{payload}"
        );
    }
}

/// serde's derive alone reads an array as a struct, by position: the generated types
/// and the evaluator refuse it everywhere.
#[test]
fn an_array_never_stands_for_a_struct() {
    let positional = json!({"linkedDocument": [{"document": ["ID_PROOF", null, "c2VjcmV0"]}]});
    let e = eval("banking::update_customer", positional, None, None).unwrap_err();
    assert_eq!(e.path, "linkedDocument[0].document");
    assert_eq!(
        e.to_string(),
        "linkedDocument[0].document: expected an object (`Document`), found an array"
    );
    for payload in [json!([]), json!(["PERSON", "Jane"])] {
        let e = eval("banking::update_customer", payload, None, None).unwrap_err();
        assert_eq!((e.part, e.path.as_str()), (Part::Payload, ""));
    }
    let e = eval("helix::update_customer", json!({}), Some(json!([7])), None).unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Current, ""));
    let e = eval("helix::update_customer", json!({}), None, Some(json!([true]))).unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Settings, ""));
}

#[test]
fn the_snapshot_and_the_settings_are_read_like_their_types() {
    let e = eval("helix::update_customer", json!({}), Some(json!({"customerId": "7"})), None).unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Current, "customerId"));
    // Unknown members of the snapshot and the settings are refused, a typo with a
    // did-you-mean: a misspelt setting must not leave a lock off.
    let e = eval(
        "helix::update_customer",
        json!({}),
        Some(json!({"customerId": 7, "other": [1]})),
        None,
    )
    .unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Current, "other"));
    let e = eval("helix::update_customer", json!({}), None, Some(json!({"helixKYC": true}))).unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Settings, "helixKYC"));
    assert_eq!(e.to_string(), "helixKYC: unknown field; did you mean `helixKyc`?");
    let e = eval("helix::update_customer", json!({}), None, Some(json!({"kycVerified": true}))).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("kycVerified: unknown field; expected one of `nameUpdates`"),
        "{e}"
    );
    let ok = eval(
        "helix::update_customer",
        json!({"customerId": 7}),
        Some(json!({"customerId": 7})),
        Some(json!({})),
    );
    assert_eq!(ok, Ok(vec![]));
    let e = eval("helix::update_customer", json!({}), None, Some(json!({"helixKyc": null}))).unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Settings, "helixKyc"));
    assert!(matches!(e.kind, PayloadErrorKind::WrongType { .. }));
    let e = eval("helix::update_customer", json!({}), None, Some(json!(true))).unwrap_err();
    assert_eq!((e.part, e.path.as_str()), (Part::Settings, ""));
}

#[test]
fn settings_default_to_the_spec() {
    let payload = json!({"customerId": 1, "firstName": "Ann", "addresses": [{"addressType": "Mailing", "addressLine1": "A".repeat(80)}]});
    // Defaults: names may be updated, no KYC, not a DPS client.
    let none = brief(eval("helix::update_customer", payload.clone(), None, Some(json!({}))));
    assert_eq!(
        none,
        [
            "addresses[0].city required Some(66903)",
            "addresses[0].state required Some(66904)",
            "addresses[0].postalCode required Some(66905)",
            "addresses[0].country required Some(66906)"
        ]
    );
    let locked = brief(eval(
        "helix::update_customer",
        payload,
        None,
        Some(json!({"nameUpdates": false, "mailingAddressUpdates": false, "dpsClient": true})),
    ));
    assert_eq!(
        locked,
        [
            "firstName locked_by_setting Some(60306)",
            "addresses[0] locked_by_setting Some(194109)",
            "addresses[0].addressLine1 max_length Some(66908)",
            "addresses[0].city required Some(66903)",
            "addresses[0].state required Some(66904)",
            "addresses[0].postalCode required Some(66905)",
            "addresses[0].country required Some(66906)",
        ]
    );
}

#[test]
fn set_once_and_identifying_compare_like_the_generated_types() {
    // Same value, the snapshot's `null` members and member order aside: unchanged.
    let same = json!([{"document": {"name": "a.pdf"}, "purpose": "Verification"}]);
    let linked = json!([{"purpose": "Verification", "document": {"name": "a.pdf", "externalId": null}}]);
    let current = json!({"linkedDocument": linked, "externalId": ""});
    let payload = json!({"linkedDocument": same, "externalId": "X"});
    assert_eq!(eval("banking::update_account", payload, Some(current.clone()), None), Ok(vec![]));
    let changed = json!({"linkedDocument": [{"purpose": "Other"}]});
    assert_eq!(
        brief(eval("banking::update_account", changed, Some(current), None)),
        ["linkedDocument set_once None"]
    );
    let r = eval(
        "banking::update_customer",
        json!({"type": "BUSINESS", "business": {}}),
        Some(json!({"type": "INDIVIDUAL"})),
        None,
    );
    assert_eq!(brief(r), ["type identifying None", "business conditional None"]);
}

/// A transition's violation says the current value and what may follow it; a final
/// value says it is final (`tests/features/transitions/` has the rule ids).
#[test]
fn transition_messages_say_the_current_value_and_what_may_follow() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/features/transitions/spec");
    let spec = match mutaspec_core::load(&dir) {
        Ok(l) => l.spec,
        Err(e) => panic!("{}", e.render()),
    };
    let (api, ep) = spec.endpoint("transitions::update_card").expect("endpoint");
    let plan = plan::endpoint(api, ep);
    let messages = |payload: Value, current: Value| -> Vec<String> {
        let v = evaluate(api, ep, &plan, &payload, Some(&current), None).expect("evaluates");
        v.iter().map(|x| format!("{} {}: {}", x.path, x.rule, x.message)).collect()
    };
    assert_eq!(
        messages(json!({"status": "PENDING"}), json!({"status": "ACTIVE"})),
        [
            "status provider_only: `PENDING` is set only by the provider",
            "status transition: is `ACTIVE` now, and `ACTIVE` may change only to `PAUSED` or `CLOSED`",
        ]
    );
    assert_eq!(
        messages(json!({"status": "ACTIVE"}), json!({"status": "CLOSED"})),
        ["status terminal_state: is `CLOSED` now, a final value: it cannot change"]
    );
    assert_eq!(
        messages(json!({"status": "CLOSED"}), json!({"status": "PENDING"})),
        ["status provider_only: is `PENDING` now, and only the provider changes it from `PENDING`"]
    );
}
