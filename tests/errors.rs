//! The generated error enum, program settings and side effects agree with the spec:
//! every code round-trips, messages are byte for byte the spec's, parameters render,
//! and provider bodies are read without panicking.

use std::path::Path;

use mutaspec_core::model::Api;
use mutaspec_generated::helix::{HelixError, ProgramSettings};
use mutaspec_generated::payments::SideEffect;
use mutaspec_runtime::{ErrorCatalog, ParseError, Rule, Violation};

fn api(name: &str) -> Api {
    let loaded = mutaspec_core::load(Path::new("spec")).unwrap_or_else(|e| panic!("{}", e.render()));
    loaded
        .spec
        .apis
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("api {name}"))
}

fn helix_catalog() -> mutaspec_core::model::ErrorCatalog {
    api("helix").errors.expect("helix has an error catalogue")
}

#[test]
fn every_code_round_trips_through_from_code() {
    let cat = helix_catalog();
    assert_eq!(cat.codes.len(), 29, "seed 003: 29 codes besides the common range");
    let spec_codes: Vec<u32> = cat.codes.iter().map(|c| c.code).collect();
    assert_eq!(HelixError::CODES, spec_codes.as_slice());
    for &code in HelixError::CODES {
        let e = HelixError::from_code(code, &[]);
        assert_eq!(e.code(), code);
        assert!(
            !matches!(e, HelixError::Common { .. } | HelixError::Unknown { .. }),
            "{code} is documented"
        );
        assert_eq!(HelixError::from_code(e.code(), &[]), e);
    }
}

#[test]
fn templates_are_the_spec_messages_byte_for_byte() {
    for c in helix_catalog().codes {
        let e = HelixError::from_code(c.code, &[]);
        assert_eq!(e.template().as_bytes(), c.message.as_bytes(), "code {}", c.code);
        assert_eq!(e.notes(), c.notes.as_deref(), "code {}", c.code);
        assert_eq!(e.is_server_only(), c.server_only, "code {}", c.code);
        if c.params.is_empty() {
            assert_eq!(e.message(), c.message, "code {}", c.code);
        }
    }
    let stray = HelixError::from_code(194103, &[]);
    assert_eq!(stray.template(), "\"Your program settings do not allow for updating of dba.");
    assert_eq!(HelixError::SERVER_ONLY, &[60303, 60305]);
}

#[test]
fn parameters_render_by_name() {
    let tag = HelixError::from_code(60303, &[("tag", "VIP")]);
    assert_eq!(tag, HelixError::TagInUse { tag: "VIP".into() });
    assert_eq!(tag.message(), "Tag 'VIP' is already associated with a different customer.");
    assert_eq!(tag.template(), "Tag '{0}' is already associated with a different customer.");
    // The placeholder's own name works too.
    assert_eq!(HelixError::from_code(60303, &[("0", "VIP")]), tag);

    let id = HelixError::from_code(60305, &[("id", "5412")]);
    assert_eq!(id.message(), "Invalid industryClassificationCodeId '5412'");
    assert!(id.is_server_only());
}

#[test]
fn missing_or_stray_parameters_render_empty_and_never_panic() {
    assert_eq!(
        HelixError::from_code(60303, &[]).message(),
        "Tag '' is already associated with a different customer."
    );
    assert_eq!(
        HelixError::from_code(60305, &[("tag", "x"), ("other", "y")]).message(),
        "Invalid industryClassificationCodeId ''"
    );
    assert_eq!(HelixError::from_code(60304, &[("tag", "x")]).message(), "Invalid email address");
    // A value that looks like a placeholder stays literal.
    assert_eq!(
        HelixError::from_code(60305, &[("id", "{id}")]).message(),
        "Invalid industryClassificationCodeId '{id}'"
    );
}

#[test]
fn common_range_and_unknown_codes() {
    for code in [1, 500, 60000] {
        let e = HelixError::from_code(code, &[]);
        assert_eq!(e, HelixError::Common { code, message: None }, "{code}");
        assert_eq!(e.code(), code);
        assert_eq!(e.template(), "Any \"Common Error Code\" may occur.");
        assert_eq!(e.message(), "Any \"Common Error Code\" may occur.");
        assert_eq!(e.notes(), Some("See Common Error Codes"));
        assert!(!e.is_server_only());
    }
    assert_eq!(HelixError::COMMON, Some(1..=60000));
    for code in [0, 60001, 60300, 99_999_999, u32::MAX] {
        let e = HelixError::from_code(code, &[]);
        assert_eq!(e, HelixError::Unknown { code, message: None }, "{code}");
        assert_eq!((e.code(), e.template(), e.message(), e.notes()), (code, "", String::new(), None));
    }
}

#[test]
fn provider_bodies() {
    let e = HelixError::from_provider_body(br#"{"code": 60304, "message": "Invalid email address"}"#).unwrap();
    assert_eq!(e, HelixError::InvalidEmailAddress);
    assert_eq!(e.to_string(), "60304: Invalid email address");

    let e = HelixError::from_provider_body(br#"{"errors":[{"code":"66902"}]}"#).unwrap();
    assert_eq!(e, HelixError::AddressLine1Required);

    // Common and unknown codes keep the provider's message.
    let e = HelixError::from_provider_body(br#"{"code": 401, "message": "Unauthorized"}"#).unwrap();
    assert_eq!(
        e,
        HelixError::Common {
            code: 401,
            message: Some("Unauthorized".into())
        }
    );
    assert_eq!(e.to_string(), "401: Unauthorized");
    let e = HelixError::from_provider_body(br#"{"errorCode": 99999999, "errorMessage": "New rule"}"#).unwrap();
    assert_eq!(
        e,
        HelixError::Unknown {
            code: 99_999_999,
            message: Some("New rule".into())
        }
    );
    assert_eq!(e.message(), "New rule");
}

#[test]
fn provider_messages_give_back_the_parameters() {
    let body = br#"{"code": 60303, "message": "Tag 'VIP' is already associated with a different customer."}"#;
    assert_eq!(
        HelixError::from_provider_body(body).unwrap(),
        HelixError::TagInUse { tag: "VIP".into() }
    );
    let body = br#"{"code": 60305, "message": "Invalid industryClassificationCodeId '12'"}"#;
    assert_eq!(
        HelixError::from_provider_body(body).unwrap(),
        HelixError::InvalidIndustryClassificationCodeId { id: "12".into() }
    );
    // A reworded message: the code still decides, the parameter stays empty.
    let body = br#"{"code": 60303, "message": "tag taken"}"#;
    assert_eq!(
        HelixError::from_provider_body(body).unwrap(),
        HelixError::TagInUse { tag: String::new() }
    );
}

#[test]
fn garbage_bodies_are_typed_errors() {
    let bodies: &[&[u8]] = &[
        b"",
        b"<html>502</html>",
        &[0xff, 0xfe, 0x00],
        b"[]",
        b"{}",
        br#"{"code": -1}"#,
        br#"{"code": "6x"}"#,
        br#"{"errors": []}"#,
    ];
    for body in bodies {
        let err = HelixError::from_provider_body(body).unwrap_err();
        assert!(
            matches!(err, ParseError::Json(_) | ParseError::MissingCode | ParseError::InvalidCode),
            "{body:?}"
        );
    }
    assert!(matches!(HelixError::from_provider_body(b"not json"), Err(ParseError::Json(_))));
    assert!(matches!(HelixError::from_provider_body(b"{}"), Err(ParseError::MissingCode)));
}

#[test]
fn violations_map_by_code() {
    let root = mutaspec_runtime::Path::root();
    let v = Violation::new(&root.key("emailAddress"), Rule::Format, "must be an email").with_code(60304);
    assert_eq!(HelixError::from_violation(&v), Some(HelixError::InvalidEmailAddress));
    assert_eq!(HelixError::from_violation(&Violation::new(&root, Rule::Format, "no code")), None);
    let unknown = Violation::new(&root, Rule::Format, "something new").with_code(70000);
    assert_eq!(
        HelixError::from_violation(&unknown),
        Some(HelixError::Unknown {
            code: 70000,
            message: Some("something new".into())
        })
    );
}

#[test]
fn display_and_std_error() {
    let e = HelixError::from_code(60303, &[("tag", "VIP")]);
    assert_eq!(e.to_string(), "60303: Tag 'VIP' is already associated with a different customer.");
    assert_eq!(HelixError::from_code(60304, &[]).to_string(), "60304: Invalid email address");
    assert_eq!(HelixError::from_code(7, &[]).to_string(), "7: Any \"Common Error Code\" may occur.");
    assert_eq!(HelixError::from_code(99_999_999, &[]).to_string(), "99999999: unknown error code");
    let boxed: Box<dyn std::error::Error> = Box::new(HelixError::from_code(66907, &[]));
    assert_eq!(boxed.to_string(), "66907: Residential Addresses can not contain a PO Box.");
    assert!(boxed.source().is_none());
}

#[test]
fn the_runtime_trait_agrees_with_the_inherent_methods() {
    fn through_trait<E: ErrorCatalog>(code: u32, params: &[(&str, &str)]) -> (u32, &'static str, String) {
        let e = E::from_code(code, params);
        (e.code(), e.template(), e.to_string())
    }
    for &code in HelixError::CODES.iter().chain(&[1, 99_999_999]) {
        let e = HelixError::from_code(code, &[("tag", "t"), ("id", "i")]);
        assert_eq!(
            through_trait::<HelixError>(code, &[("tag", "t"), ("id", "i")]),
            (e.code(), e.template(), e.to_string())
        );
    }
}

#[test]
fn program_settings_defaults_are_the_spec_defaults() {
    let helix = api("helix");
    assert_eq!(helix.settings.len(), 13);
    let defaults = serde_json::to_value(ProgramSettings::default()).unwrap();
    let object = defaults.as_object().unwrap();
    assert_eq!(object.len(), helix.settings.len());
    for s in &helix.settings {
        assert_eq!(object.get(&s.name), Some(&serde_json::Value::Bool(s.default)), "setting {}", s.name);
    }
    let d = ProgramSettings::default();
    assert!(d.name_updates && d.mailing_address_updates && !d.helix_kyc && !d.dps_client);
}

#[test]
fn program_settings_deserialize_by_spec_name_filling_defaults() {
    let s: ProgramSettings = serde_json::from_str(r#"{"helixKyc": true, "nameUpdates": false}"#).unwrap();
    assert_eq!(
        s,
        ProgramSettings {
            helix_kyc: true,
            name_updates: false,
            ..ProgramSettings::default()
        }
    );
    let s: ProgramSettings = serde_json::from_str("{}").unwrap();
    assert_eq!(s, ProgramSettings::default());
    let back: ProgramSettings = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}

#[test]
fn apis_without_settings_have_an_empty_settings_struct() {
    let banking = mutaspec_generated::banking::ProgramSettings::default();
    assert_eq!(serde_json::to_string(&banking).unwrap(), "{}");
    let payments: mutaspec_generated::payments::ProgramSettings = serde_json::from_str("{}").unwrap();
    assert_eq!(payments, mutaspec_generated::payments::ProgramSettings {});
}

#[test]
fn side_effects_of_payments() {
    let payments = api("payments");
    let names: Vec<&str> = SideEffect::ALL.iter().map(|e| e.as_str()).collect();
    let spec: Vec<&str> = payments.effects.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, spec);
    assert_eq!(SideEffect::ALL, &[SideEffect::Reverification]);
    assert_eq!(SideEffect::Reverification.to_string(), "reverification");
}
