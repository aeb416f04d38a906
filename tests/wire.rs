//! The generated requests on the wire: for each body format and auth scheme of
//! `tests/fixtures/wire/` (expanded here by `include_spec!`), the sans-IO
//! `http::Request` is sent by a real HTTP client (ureq, plain HTTP) to a server on
//! 127.0.0.1 that this test starts and stops. The server records the exact bytes it
//! receives (request line, headers, body), which the test compares with what the spec
//! documents, and answers with a recorded response, which the test reads back.
//!
//! Nothing here measures time: the socket timeouts only keep a broken exchange from
//! hanging the test.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::Duration;

use mutaspec_runtime::endpoint::Endpoint;
use mutaspec_runtime::http_support::{BaseUrl, ClientCredentials, ETag, IdempotencyKey, OAuth2};
use mutaspec_runtime::{AuthScheme, Credentials, Environment};

mutaspec_macros::include_spec!("tests/fixtures/wire");

use wire::{update_choice, update_form, update_json, update_jsonapi, update_merge, update_oauth};

/// The fixed header of the shared file, as sent.
const X_CLIENT: &str = r#"x-client: mutaspec-wire "1" \q"#;

/// A recorded response the server answers with.
struct Recorded {
    status: &'static str,
    content_type: Option<&'static str>,
    body: &'static [u8],
}

const NO_CONTENT: Recorded = Recorded {
    status: "204 No Content",
    content_type: None,
    body: b"",
};

/// One exchange: a listener on 127.0.0.1 (port 0) and a thread that accepts one
/// connection, reads one request, answers `answer` and hands back the request's bytes.
struct Server {
    base: BaseUrl,
    handle: JoinHandle<Result<Vec<u8>, String>>,
}

impl Server {
    fn start(answer: Recorded) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        // Non-blocking accept polled a bounded number of times: a client that never
        // connects ends the thread instead of hanging the test.
        listener.set_nonblocking(true).expect("non-blocking listener");
        let handle = std::thread::spawn(move || {
            let mut stream = None;
            for _ in 0..1000 {
                match listener.accept() {
                    Ok((s, _)) => {
                        stream = Some(s);
                        break;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(10)),
                    Err(e) => return Err(format!("accept: {e}")),
                }
            }
            let mut stream = stream.ok_or("no client connected")?;
            serve(&mut stream, &answer)
        });
        Server {
            base: BaseUrl::parse(&format!("http://127.0.0.1:{port}")).expect("a loopback base URL"),
            handle,
        }
    }

    /// The bytes the server received.
    fn received(self) -> String {
        let bytes = self.handle.join().expect("the server thread").expect("the exchange");
        String::from_utf8(bytes).expect("a UTF-8 request")
    }
}

fn serve(stream: &mut TcpStream, answer: &Recorded) -> Result<Vec<u8>, String> {
    stream.set_nonblocking(false).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    stream.set_write_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    // The head, up to the blank line.
    let head_end = loop {
        if let Some(i) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("the client closed before the end of the head".into());
        }
        got.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&got[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(Ok(0), |v| v.trim().parse().map_err(|_| "a bad content-length".to_owned()))?;
    while got.len() < head_end + length {
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("the client closed before the end of the body".into());
        }
        got.extend_from_slice(&buf[..n]);
    }
    let mut response = format!("HTTP/1.1 {}\r\nconnection: close\r\n", answer.status);
    if let Some(t) = answer.content_type {
        response.push_str(&format!("content-type: {t}\r\n"));
    }
    if !answer.status.starts_with("204") {
        response.push_str(&format!("content-length: {}\r\n", answer.body.len()));
    }
    response.push_str("\r\n");
    let mut out = response.into_bytes();
    out.extend_from_slice(answer.body);
    stream.write_all(&out).map_err(|e| format!("write: {e}"))?;
    Ok(got)
}

/// What came back: the status and the body's bytes.
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Sends a generated request with ureq: its method, URL, headers (in order) and body.
fn send(req: &mutaspec_runtime::http::Request<Vec<u8>>) -> Answer {
    let agent = ureq::AgentBuilder::new()
        .user_agent("wire-test")
        .timeout(Duration::from_secs(10))
        .build();
    let mut call = agent.request(req.method().as_str(), &req.uri().to_string());
    for (name, value) in req.headers() {
        call = call.set(name.as_str(), value.to_str().expect("a visible-ASCII header value"));
    }
    let response = match call.send_bytes(req.body()) {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("transport error: {e}"),
    };
    let status = response.status();
    let content_type = response.header("content-type").map(str::to_owned);
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body).expect("the response body");
    Answer {
        status,
        content_type,
        body,
    }
}

/// The exact request ureq writes for `head` (the generated headers, in order) and
/// `body`: request line, ureq's `Host`, `User-Agent` and (when the request sets none)
/// `Accept`, the headers, `Content-Length`, the body.
fn expected(port_base: &BaseUrl, line: &str, head: &[&str], body: &str) -> String {
    let host = port_base.as_str().trim_start_matches("http://");
    let mut out = format!("{line} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: wire-test\r\n");
    if !head.iter().any(|h| h.starts_with("accept:")) {
        out.push_str("Accept: */*\r\n");
    }
    for h in head {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    out
}

/// The typed result of an answer: the endpoint's `read_response_parts` (the same as
/// `read_response` on an `http::Response`), so every exchange below comes back as
/// `Result<the endpoint's success, the API's typed error>`.
macro_rules! typed_response {
    ($endpoint:ty, $answer:expr) => {
        <$endpoint>::read_response_parts($answer.status, &$answer.body)
    };
}

#[test]
fn json_with_bearer_api_key_idempotency_key_and_if_match() {
    let server = Server::start(NO_CONTENT);
    let body = update_json::UpdateJsonRequest {
        name: Some("Desk".into()),
        note: None,
    };
    let headers = update_json::UpdateJsonHeaders {
        idempotency_key: Some(IdempotencyKey::new("k-1").unwrap()),
        if_match: ETag::strong("v7").unwrap(),
    };
    let params = update_json::UpdateJsonParams { id: "a/b".into() };
    let creds = Credentials::bearer("tok").with_api_key("key-1");
    let req =
        update_json::UpdateJson::http_request_with(&server.base, &params, &body, &headers, mutaspec_runtime::Documented, &creds).unwrap();
    let answer = send(&req);
    let want = expected(
        &server.base,
        "PATCH /v1/items/a%2Fb",
        &[
            X_CLIENT,
            "idempotency-key: k-1",
            "if-match: \"v7\"",
            "content-type: application/json",
            "authorization: Bearer tok",
            "x-api-key: key-1",
        ],
        r#"{"name":"Desk"}"#,
    );
    assert_eq!(server.received(), want);
    assert_eq!(answer.status, 204);
    assert!(typed_response!(update_json::UpdateJson, answer).is_ok());
}

#[test]
fn merge_patch_with_basic_and_a_recorded_error() {
    let server = Server::start(Recorded {
        status: "422 Unprocessable Entity",
        content_type: Some("application/json"),
        body: br#"{"error": {"code": 60301, "message": "Zip is invalid."}}"#,
    });
    let body = update_merge::UpdateMergeRequest {
        nick_name: Some("Al".into()),
        address: Some(update_merge::Address {
            city: None,
            zip: Some("75001".into()),
        }),
    };
    let req = update_merge::UpdateMerge::http_request_with(
        &server.base,
        &update_merge::UpdateMergeParams { id: 42 },
        &body,
        &Default::default(),
        mutaspec_runtime::Documented,
        &Credentials::basic("Aladdin", "open sesame"),
    )
    .unwrap();
    let answer = send(&req);
    let want = expected(
        &server.base,
        "PATCH /v1/profiles/42",
        &[
            X_CLIENT,
            "content-type: application/merge-patch+json",
            "authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        ],
        r#"{"nickName":"Al","address":{"zip":"75001"}}"#,
    );
    assert_eq!(server.received(), want);
    assert_eq!(answer.status, 422);
    assert_eq!(answer.content_type.as_deref(), Some("application/json"));
    let err = typed_response!(update_merge::UpdateMerge, answer).expect_err("a 422 is an error");
    let mutaspec_runtime::ResponseError::Provider(err) = err else {
        panic!("a documented error body, read into the catalogue: {err:?}")
    };
    assert_eq!(err.error, wire::WireError::InvalidZip);
    assert_eq!((err.status(), err.message()), (Some(422), Some("Zip is invalid.")));
}

#[test]
fn json_api_with_a_raw_api_key_in_authorization() {
    let server = Server::start(NO_CONTENT);
    let body = update_jsonapi::UpdateJsonapiRequest {
        data: Some(update_jsonapi::Data {
            r#type: Some("articles".into()),
            id: Some("1".into()),
            attributes: Some(update_jsonapi::DataAttributes {
                title: Some("Hello".into()),
            }),
        }),
    };
    let req = update_jsonapi::UpdateJsonapi::http_request_with(
        &server.base,
        &update_jsonapi::UpdateJsonapiParams { id: "1".into() },
        &body,
        &Default::default(),
        mutaspec_runtime::Documented,
        &Credentials::api_key("raw-key-1"),
    )
    .unwrap();
    let answer = send(&req);
    let want = expected(
        &server.base,
        "PATCH /v1/articles/1",
        &[X_CLIENT, "content-type: application/vnd.api+json", "authorization: raw-key-1"],
        r#"{"data":{"type":"articles","id":"1","attributes":{"title":"Hello"}}}"#,
    );
    assert_eq!(server.received(), want);
    assert!(typed_response!(update_jsonapi::UpdateJsonapi, answer).is_ok());
}

#[test]
fn form_with_bracketed_nesting_and_a_prefixed_api_key() {
    let server = Server::start(NO_CONTENT);
    let body = update_form::UpdateFormRequest {
        email: Some("jenny+1@example.com".into()),
        name: Some("Jenny Rosen".into()),
        address: Some(update_form::Address {
            city: Some("Saint-Étienne".into()),
            line1: None,
        }),
        metadata: Some([("order_id".to_owned(), "6735".to_owned())].into()),
        items: Some(vec![
            update_form::Items {
                name: Some("a&b".into()),
                quantity: Some(2),
            },
            update_form::Items {
                name: Some("c".into()),
                quantity: None,
            },
        ]),
        tax_exempt: Some(false),
        balance: Some(-500),
        discount: Some(0.25),
        tags: Some(vec![]),
    };
    let headers = update_form::UpdateFormHeaders {
        x_request_source: Some("batch job".into()),
        x_attempt: Some(2),
    };
    let req = update_form::UpdateForm::http_request_with(
        &server.base,
        &update_form::UpdateFormParams { id: "cus_1".into() },
        &body,
        &headers,
        mutaspec_runtime::Documented,
        &Credentials::api_key("sk_test_1"),
    )
    .unwrap();
    let answer = send(&req);
    let want = expected(
        &server.base,
        "POST /v1/customers/cus_1",
        &[
            X_CLIENT,
            "x-request-source: batch job",
            "x-attempt: 2",
            "content-type: application/x-www-form-urlencoded",
            "authorization: Token sk_test_1",
        ],
        "email=jenny%2B1%40example.com&name=Jenny+Rosen&address[city]=Saint-%C3%89tienne&\
         metadata[order_id]=6735&items[0][name]=a%26b&items[0][quantity]=2&items[1][name]=c&\
         taxExempt=false&balance=-500&discount=0.25&tags=",
    );
    assert_eq!(server.received(), want);
    assert!(typed_response!(update_form::UpdateForm, answer).is_ok());
}

#[test]
fn a_choice_of_schemes_the_caller_picks() {
    use update_choice::UpdateChoiceAuth;
    let body = update_choice::UpdateChoiceRequest { title: Some("Dr".into()) };
    let params = update_choice::UpdateChoiceParams { id: "u1".into() };
    let cases = [
        (UpdateChoiceAuth::Bearer, Credentials::bearer("t-1"), &["authorization: Bearer t-1"]),
        (UpdateChoiceAuth::ApiKey, Credentials::api_key("k-1"), &["x-api-key: k-1"]),
        (UpdateChoiceAuth::Ssws, Credentials::api_key("k-2"), &["authorization: SSWS k-2"]),
    ];
    for (pick, creds, auth) in cases {
        let server = Server::start(NO_CONTENT);
        let req = update_choice::UpdateChoice::http_request_with(&server.base, &params, &body, &Default::default(), pick, &creds).unwrap();
        let answer = send(&req);
        let mut head = vec![X_CLIENT, "content-type: application/json"];
        head.extend_from_slice(auth);
        let want = expected(&server.base, "PUT /v1/users/u1", &head, r#"{"title":"Dr"}"#);
        assert_eq!(server.received(), want, "{pick:?}");
        assert!(typed_response!(update_choice::UpdateChoice, answer).is_ok());
    }
    // The wrong credentials for the pick are refused before anything is sent.
    let err = update_choice::UpdateChoice::http_request_with(
        Environment::Production,
        &params,
        &body,
        &Default::default(),
        UpdateChoiceAuth::Ssws,
        &Credentials::bearer("t"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the endpoint authenticates with an API key, but a bearer token were given"
    );
}

#[test]
fn oauth2_client_credentials_then_the_token_as_a_bearer() {
    let AuthScheme::OAuth2(oauth) = update_oauth::UpdateOauth::AUTH else {
        panic!("update_oauth is documented with oauth2");
    };
    assert_eq!(oauth.token_url, "https://auth.example.com/oauth/token");
    // 1. The token request, from the spec, to the local server.
    let token_server = Server::start(Recorded {
        status: "200 OK",
        content_type: Some("application/json"),
        body: br#"{"access_token":"at-9","token_type":"Bearer","expires_in":3600,"scope":"accounts:write profile"}"#,
    });
    let client = ClientCredentials::new("app-1", "s3cret");
    let token_req = oauth.token_request_via(&token_server.base, &client).unwrap();
    let answer = send(&token_req);
    let want = expected(
        &token_server.base,
        "POST /oauth/token",
        &[
            "content-type: application/x-www-form-urlencoded",
            "accept: application/json",
            "authorization: Basic YXBwLTE6czNjcmV0",
        ],
        "grant_type=client_credentials&scope=accounts%3Awrite+profile",
    );
    assert_eq!(token_server.received(), want);
    let token = OAuth2::parse_token_response(answer.status, &answer.body).unwrap();
    assert_eq!(token.expires_in, Some(3600));
    // 2. The update, with the token as a bearer.
    let server = Server::start(NO_CONTENT);
    let body = update_oauth::UpdateOauthRequest {
        label: Some("Main".into()),
    };
    let req = update_oauth::UpdateOauth::http_request_with(
        &server.base,
        &update_oauth::UpdateOauthParams { id: 7 },
        &body,
        &Default::default(),
        mutaspec_runtime::Documented,
        &token.credentials(),
    )
    .unwrap();
    let answer = send(&req);
    let want = expected(
        &server.base,
        "PATCH /v1/accounts/7",
        &[X_CLIENT, "content-type: application/json", "authorization: Bearer at-9"],
        r#"{"label":"Main"}"#,
    );
    assert_eq!(server.received(), want);
    assert!(typed_response!(update_oauth::UpdateOauth, answer).is_ok());
}

#[test]
fn documented_hosts_and_other_base_urls() {
    let params = update_oauth::UpdateOauthParams { id: 7 };
    let body = update_oauth::UpdateOauthRequest::default();
    let creds = Credentials::bearer("t");
    let staging = update_oauth::UpdateOauth::http_request(Environment::Staging, &params, &body, &creds).unwrap();
    assert_eq!(staging.uri(), "https://sandbox.example.com/v1/accounts/7");
    // A regional host behind a proxy prefix: the documented path is kept after it.
    let proxy = BaseUrl::parse("https://proxy.internal/eu/").unwrap();
    let req =
        update_oauth::UpdateOauth::http_request_with(&proxy, &params, &body, &Default::default(), mutaspec_runtime::Documented, &creds)
            .unwrap();
    assert_eq!(req.uri(), "https://proxy.internal/eu/v1/accounts/7");
    assert!(BaseUrl::parse("https://proxy.internal/?region=eu").is_err());
}

mod versioned {
    mutaspec_macros::include_spec!("tests/features/versions/spec");
}

/// A versioned API (`versions:`, `version_header:`): the chosen version goes out in its
/// header, beside the body and the auth.
#[test]
fn the_chosen_api_version_is_sent_in_its_header() {
    use versioned::versions::{update_subscription, ApiVersion};
    let server = Server::start(NO_CONTENT);
    let body = update_subscription::UpdateSubscriptionRequest {
        pause_collection: Some(true),
        ..Default::default()
    };
    let params = update_subscription::UpdateSubscriptionParams { id: "sub_1".into() };
    let req = update_subscription::UpdateSubscription::http_request_at(
        &server.base,
        &params,
        &body,
        &Default::default(),
        Default::default(),
        &Credentials::bearer("tok"),
        ApiVersion::V2024_04_10,
    )
    .unwrap();
    let answer = send(&req);
    let want = expected(
        &server.base,
        "POST /subscriptions/sub_1",
        &[
            "content-type: application/json",
            "authorization: Bearer tok",
            "stripe-version: 2024-04-10",
        ],
        r#"{"pauseCollection":true}"#,
    );
    assert_eq!(server.received(), want);
    assert!(typed_response!(update_subscription::UpdateSubscription, answer).is_ok());
}
