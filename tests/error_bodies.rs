//! Error catalogues of every key kind and body shape (`tests/fixtures/error-catalogues`),
//! generated in place: recorded error bodies (`tests/fixtures/error-bodies`) read into the
//! typed error with code, message and field path; responses become `Result` by status;
//! catch-all variants never collide with a provider's code names (`UNKNOWN`).
#![deny(warnings)]

mutaspec_macros::include_spec!("tests/fixtures/error-catalogues");

use mutaspec_runtime::{ParseError, ResponseError};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/error-bodies/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn rfc_9457_problem_details_read_with_type_detail_and_pointer() {
    use problem::ProblemError;
    let e = ProblemError::read_error(Some(403), &fixture("problem-out-of-credit.json")).unwrap();
    assert_eq!(e.error, ProblemError::OutOfCredit);
    assert_eq!(e.error.code(), "https://example.com/probs/out-of-credit");
    assert_eq!(e.message(), Some("Your current balance is 30, but that costs 50."));
    assert_eq!(e.status(), Some(403));
    assert_eq!(e.field(), None);
    assert_eq!(e.body.kind.as_deref(), Some("https://example.com/probs/out-of-credit"));
    let v = ProblemError::read_error(None, &fixture("problem-validation.json")).unwrap();
    assert_eq!(v.error, ProblemError::Validation);
    assert_eq!(v.status(), Some(422), "the body's status member without a response");
    assert_eq!(v.message(), Some("Your request is not valid."), "no detail: the title");
    assert_eq!(v.field(), Some("#/age"));
    assert_eq!(v.error.status(), Some(422));
}

#[test]
fn json_api_errors_read_by_status_and_code_together() {
    use jsonapi::JsonApiError;
    let body = fixture("json-api-invalid-attribute.json");
    let e = JsonApiError::read_error(Some(422), &body).unwrap();
    assert_eq!(e.error, JsonApiError::InvalidAttribute);
    assert_eq!(e.message(), Some("First name must contain at least two characters."));
    assert_eq!(e.field(), Some("/data/attributes/firstName"));
    // The same code under another status is another variant; the status in the body
    // (`"422"`) is read when the response's is not given.
    assert_eq!(
        JsonApiError::read_error(Some(409), &body).unwrap().error,
        JsonApiError::ConflictingAttribute
    );
    assert_eq!(JsonApiError::from_provider_body(&body).unwrap(), JsonApiError::InvalidAttribute);
    let odd = JsonApiError::read_error(Some(400), &body).unwrap().error;
    assert_eq!(
        odd,
        JsonApiError::Unknown {
            status: 400,
            code: "invalid_attribute".into(),
            message: Some("First name must contain at least two characters.".into())
        }
    );
    assert_eq!(JsonApiError::from_status_code(404, "not_found", &[]), JsonApiError::NotFound);
    assert!(matches!(
        JsonApiError::from_provider_body(br#"{"errors": [{"code": "x"}]}"#),
        Err(ParseError::MissingStatus)
    ));
}

#[test]
fn stripe_error_objects_keep_code_param_and_message() {
    use stripe::StripeError;
    let e = StripeError::read_error(Some(402), &fixture("stripe-card-declined.json")).unwrap();
    assert_eq!(e.error, StripeError::CardDeclined);
    assert_eq!(e.error.status(), Some(402));
    assert_eq!(e.field(), Some("card"));
    assert_eq!(e.body.kind.as_deref(), Some("card_error"));
    let i = StripeError::read_error(Some(400), &fixture("stripe-invalid-integer.json")).unwrap();
    assert_eq!(i.error, StripeError::ParameterInvalidInteger { value: "abc".into() });
    assert_eq!(i.error.message(), "Invalid integer: abc");
    assert_eq!(i.field(), Some("amount"));
    assert_eq!(i.to_string(), "parameter_invalid_integer: Invalid integer: abc (at `amount`)");
}

#[test]
fn a_provider_code_named_unknown_or_common_is_its_own_variant() {
    use stripe::StripeError;
    // `UNKNOWN` and `common` are documented codes: the catch-all is `UnknownCode`.
    assert_eq!(StripeError::from_code("UNKNOWN", &[]), StripeError::Unknown);
    assert_eq!(StripeError::from_code("common", &[]), StripeError::Common);
    let other = StripeError::from_provider_body(br#"{"error": {"code": "brand_new", "message": "m"}}"#).unwrap();
    assert_eq!(
        other,
        StripeError::UnknownCode {
            code: "brand_new".into(),
            message: Some("m".into())
        }
    );
    assert_eq!(other.code(), "brand_new");
    use nested::NestedError;
    // Numeric codes named `Unknown`, `Common` and `UnknownCode`, and a common range.
    assert_eq!(NestedError::from_code(500, &[]), NestedError::Unknown);
    assert_eq!(NestedError::from_code(501, &[]), NestedError::Common);
    assert_eq!(NestedError::from_code(502, &[]), NestedError::UnknownCode);
    assert_eq!(NestedError::from_code(7, &[]), NestedError::CommonCode { code: 7, message: None });
    assert_eq!(
        NestedError::from_code(9000, &[]),
        NestedError::UndocumentedUnknown { code: 9000, message: None }
    );
}

#[test]
fn errors_nested_under_another_member() {
    use nested::NestedError;
    let e = NestedError::read_error(Some(400), &fixture("nested-result.json")).unwrap();
    assert_eq!(e.error, NestedError::E422);
    assert_eq!(e.message(), Some("The request is not valid."));
    assert_eq!(e.field(), Some("name"));
    assert!(matches!(
        NestedError::from_provider_body(br#"{"error": {"code": 422}}"#),
        Err(ParseError::MissingCode)
    ));
}

#[test]
fn a_custom_shape_reads_the_pointers_the_spec_names() {
    use custom::CustomError;
    let e = CustomError::read_error(Some(400), &fixture("custom-fault.json")).unwrap();
    assert_eq!(e.error, CustomError::OutOfRange { value: "500".into() });
    assert_eq!(e.message(), Some("Value out of range: 500"));
    assert_eq!(e.field(), Some("level"));
}

#[test]
fn a_status_keyed_catalogue_needs_only_the_status() {
    use statuses::StatusError;
    assert_eq!(StatusError::read_error(Some(404), b"<html>").unwrap().error, StatusError::E404);
    assert_eq!(StatusError::read_error(Some(404), b"").unwrap().message(), None);
    let e = StatusError::read_error(Some(418), br#"{"title": "teapot"}"#).unwrap();
    assert_eq!(
        e.error,
        StatusError::Unknown {
            code: 418,
            message: Some("teapot".into())
        }
    );
    assert_eq!(e.error.status(), Some(418));
    assert!(matches!(StatusError::read_error(None, b"{}"), Err(ParseError::MissingStatus)));
    // A constraint names status 422 as its code, and the violation maps back to it.
    let v = statuses::update_note::UpdateNoteRequest {
        text: Some("longer than ten".into()),
    }
    .validate()
    .unwrap_err();
    let first = v.iter().next().unwrap();
    assert_eq!(first.code, Some(422));
    assert_eq!(StatusError::from_violation(first), Some(StatusError::E422));
}

#[test]
fn the_default_code_keeps_the_constraints_own_message() {
    let v = nested::update_item::UpdateItemRequest {
        name: Some("toolong".into()),
    }
    .validate()
    .unwrap_err();
    let first = v.iter().next().unwrap();
    assert_eq!(first.code, Some(422), "the catalogue's `default: 422`");
    assert!(first.message.contains('5'), "the constraint's own message: {}", first.message);
    assert_ne!(first.message, "The request is not valid.");
    assert_eq!(nested::NestedError::from_violation(first), Some(nested::NestedError::E422));
}

fn response(status: u16, body: &str) -> mutaspec_runtime::http::Response<Vec<u8>> {
    mutaspec_runtime::http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn responses_become_results_by_documented_status() {
    use problem::update_thing::{Thing, UpdateThing};
    use problem::ProblemError;
    assert_eq!(UpdateThing::SUCCESS_STATUSES, &[200, 201]);
    assert_eq!(UpdateThing::ERROR_STATUSES, &[400, 403, 422]);
    for status in [200, 201] {
        let ok: Thing = UpdateThing::read_response(&response(status, r#"{"id": "t1", "name": "n"}"#)).unwrap();
        assert_eq!(ok.name.as_deref(), Some("n"));
    }
    let out_of_credit = std::str::from_utf8(&fixture("problem-out-of-credit.json")).unwrap().to_owned();
    match UpdateThing::read_response(&response(403, &out_of_credit)) {
        Err(ResponseError::Provider(e)) => {
            assert_eq!(e.error, ProblemError::OutOfCredit);
            assert_eq!(e.status(), Some(403));
        }
        other => panic!("{other:?}"),
    }
    // A documented error status whose body holds no error.
    assert!(matches!(
        UpdateThing::read_response(&response(400, "<html>oops</html>")),
        Err(ResponseError::InvalidErrorBody {
            status: 400,
            error: ParseError::Json(_)
        })
    ));
    // A success whose body is not the typed success.
    assert!(matches!(
        UpdateThing::read_response(&response(200, "[1]")),
        Err(ResponseError::InvalidSuccessBody { status: 200, .. })
    ));
    // Statuses the endpoint does not document, with or without an error in the body.
    match UpdateThing::read_response(&response(500, &out_of_credit)) {
        Err(ResponseError::UnexpectedStatus {
            status: 500,
            error: Some(e),
        }) => {
            assert_eq!(e.error, ProblemError::OutOfCredit);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        UpdateThing::read_response(&response(302, "")),
        Err(ResponseError::UnexpectedStatus { status: 302, error: None })
    ));
    assert!(matches!(
        UpdateThing::read_response(&response(204, "")),
        Err(ResponseError::UnexpectedStatus { status: 204, error: None })
    ));
}

#[test]
fn no_content_and_undeclared_error_statuses() {
    use jsonapi::update_article::UpdateArticle;
    use stripe::update_customer::UpdateCustomer;
    assert_eq!(UpdateArticle::read_response_parts(204, b"").unwrap(), mutaspec_runtime::NoContent);
    assert!(matches!(
        UpdateArticle::read_response_parts(422, &fixture("json-api-invalid-attribute.json")),
        Err(ResponseError::Provider(e)) if e.error == jsonapi::JsonApiError::InvalidAttribute
    ));
    // No `errors:` documented: any 4xx or 5xx is read as an error.
    match UpdateCustomer::read_response_parts(402, &fixture("stripe-card-declined.json")) {
        Err(ResponseError::Provider(e)) => assert_eq!(e.error, stripe::StripeError::CardDeclined),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        UpdateCustomer::read_response_parts(503, b""),
        Err(ResponseError::InvalidErrorBody { status: 503, .. })
    ));
}

#[test]
fn hostile_bodies_give_typed_errors_never_a_panic() {
    use problem::update_thing::UpdateThing;
    let bodies: [&[u8]; 9] = [
        b"",
        b"null",
        b"[]",
        b"{\"type\": 5}",
        b"{\"type\": -1}",
        b"{\"errors\": \"x\"}",
        &[0xff, 0xfe],
        b"{\"status\": \"99999\", \"type\": \"t\"}",
        b"{\"type\": \"https://example.com/probs/validation\", \"detail\": 7}",
    ];
    for body in bodies {
        for status in [0, 100, 200, 201, 204, 299, 301, 400, 403, 422, 499, 500, 599, 600, 999] {
            let _ = UpdateThing::read_response_parts(status, body);
            let _ = problem::ProblemError::read_error(Some(status), body);
        }
    }
}
