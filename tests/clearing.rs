//! Clearable fields through the generated types (the feature spec
//! `tests/features/clearing/spec`, expanded in place by `include_spec!`): a recorded
//! payload deserializes back into the same three states (absent, cleared, set) and
//! serializes to the same bytes; `null` where it does not clear is refused, naming the
//! field and the rule.

use mutaspec_runtime::Patch;

mod clearing_spec {
    mutaspec_macros::include_spec!("tests/features/clearing/spec");
}

use clearing_spec::clearing::{update_card, update_profile, Address};

#[test]
fn a_recorded_payload_reads_back_into_its_three_states_and_the_same_bytes() {
    let text = r#"{"nickname":null,"externalId":"E-1","address":{"line1":"1 Main St","line2":null},"metadata":null,"age":42}"#;
    let req: update_profile::UpdateProfileRequest = serde_json::from_str(text).unwrap();
    assert_eq!(req.nickname, Patch::Clear);
    assert_eq!(req.external_id, Patch::Set("E-1".to_owned()));
    assert_eq!(req.kind, Patch::Absent);
    assert_eq!(req.metadata, Patch::Clear);
    assert_eq!(req.age, Some(42));
    let Patch::Set(address) = &req.address else {
        panic!("{:?}", req.address)
    };
    assert_eq!(
        (&address.line1, &address.line2, &address.zip),
        (&Patch::Set("1 Main St".to_owned()), &Patch::Clear, &None)
    );
    assert_eq!(serde_json::to_string(&req).unwrap(), text);

    // A map entry sent as `null` deletes its key (`clear_entries: null`): a `None` value.
    let text = r#"{"labels":{"new":"x","old":null}}"#;
    let req: update_profile::UpdateProfileRequest = serde_json::from_str(text).unwrap();
    assert_eq!(req.labels.as_ref().unwrap()["old"], None);
    assert_eq!(req.labels.as_ref().unwrap()["new"].as_deref(), Some("x"));
    assert_eq!(serde_json::to_string(&req).unwrap(), text);

    // A form-encoded API's sentinel: `""` clears strings, arrays, objects and maps alike.
    let text = r#"{"description":"","tags":"","shipping":"","metadata":""}"#;
    let req: update_card::UpdateCardRequest = serde_json::from_str(text).unwrap();
    assert!(req.description.is_clear() && req.tags.is_clear() && req.shipping.is_clear() && req.metadata.is_clear());
    assert_eq!(serde_json::to_string(&req).unwrap(), text);
    let text = r#"{"description":"Gift","tags":[""],"metadata":{"k":"v"}}"#;
    let req: update_card::UpdateCardRequest = serde_json::from_str(text).unwrap();
    assert_eq!(req.tags, Patch::Set(vec![String::new()]));
    assert_eq!(serde_json::to_string(&req).unwrap(), text);
}

#[test]
fn built_in_code_the_states_serialize_as_chosen() {
    let req = update_profile::UpdateProfileRequest {
        nickname: Patch::Clear,
        address: Patch::Set(Address {
            line1: "1 Main St".to_owned().into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        r#"{"nickname":null,"address":{"line1":"1 Main St"}}"#
    );
    assert_eq!(
        serde_json::to_string(&update_profile::UpdateProfileRequest::default()).unwrap(),
        "{}"
    );
    let req = update_card::UpdateCardRequest {
        description: Patch::Clear,
        ..Default::default()
    };
    assert_eq!(serde_json::to_string(&req).unwrap(), r#"{"description":""}"#);
}

#[test]
fn null_where_it_does_not_clear_is_refused_with_the_field_and_rule() {
    for (text, field) in [(r#"{"age": null}"#, "age"), (r#"{"address": {"line1": "A", "zip": null}}"#, "zip")] {
        let e = serde_json::from_str::<update_profile::UpdateProfileRequest>(text)
            .unwrap_err()
            .to_string();
        assert!(e.contains(&format!("`{field}` cannot be cleared (rule not_clearable)")), "{e}");
    }
    let e = serde_json::from_str::<update_card::UpdateCardRequest>(r#"{"description": null}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot be cleared by `null` (rule not_clearable"), "{e}");
    // The current snapshot is the provider's: `null` there is "unset".
    let cur: update_profile::UpdateProfileCurrent = serde_json::from_str(r#"{"externalId": null}"#).unwrap();
    assert!(cur.external_id.is_none());
}

/// A consumer's own struct deriving `Update`: a clearable field is a `Patch` there too,
/// validated and serialized as the generated request.
#[derive(Default, mutaspec_macros::Update)]
#[mutaspec(
    spec = "tests/features/clearing/spec",
    endpoint = "clearing::update_profile",
    module = "crate::clearing_spec::clearing"
)]
struct Profile {
    nickname: Patch<String>,
    #[mutaspec(rename = "kind")]
    kind: Patch<clearing_spec::clearing::Kind>,
    age: Option<i64>,
    labels: Option<std::collections::BTreeMap<String, Option<String>>>,
}

#[test]
fn a_derived_struct_clears_like_the_generated_request() {
    let p = Profile {
        nickname: Patch::Clear,
        age: Some(3),
        ..Default::default()
    };
    assert!(p.validate().is_ok());
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"nickname":null,"age":3}"#);
    let labels = [("old".to_owned(), None), ("new".to_owned(), Some("too long".to_owned()))];
    let p = Profile {
        labels: Some(labels.into_iter().collect()),
        ..Default::default()
    };
    let v = p.validate().unwrap_err();
    assert_eq!(v.iter().map(|x| x.path.as_str()).collect::<Vec<_>>(), ["labels.new"]);
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"labels":{"new":"too long","old":null}}"#);
    let p = Profile {
        kind: Patch::Clear,
        ..Default::default()
    };
    let v = p.validate().unwrap_err();
    assert_eq!(v.iter().map(|x| x.rule.as_str()).collect::<Vec<_>>(), ["clear_identifying"]);
}
