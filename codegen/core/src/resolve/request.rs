//! The request side of the wire: auth schemes (`auth:`), the body's content type
//! (`content_type:`) and documented request headers (`headers:`), in an API's shared
//! file (the defaults) or an endpoint file.

use super::{names, At};
use crate::diag::{Diagnostics, Label};
use crate::model::{Auth, ClientAuth, ContentType, Header, HeaderType, HeaderValue};
use crate::raw::{OrderedMap, RawAuth, RawHeader};

/// Headers the request sets itself: a spec cannot document a value for them.
const RESERVED: [(&str, &str); 6] = [
    ("content-type", "the request sets it from `content_type:`"),
    ("content-length", "the HTTP client sets it from the body"),
    ("host", "the HTTP client sets it from the URL"),
    (
        "authorization",
        "the request sets it from `auth:` (`scheme: api_key` with `header: Authorization` for a raw key)",
    ),
    ("transfer-encoding", "the HTTP client sets it"),
    ("connection", "the HTTP client sets it"),
];

/// RFC 9110 `token` characters (a header name, a scheme word).
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Checks the content type.
pub(super) fn content_type(raw: &str, at: &At<'_>, diags: &mut Diagnostics) -> Option<ContentType> {
    if let Some(t) = ContentType::ALL.into_iter().find(|t| t.as_str() == raw) {
        return Some(t);
    }
    let names = ContentType::ALL.map(ContentType::as_str);
    let hint = match crate::diag::suggest(raw, names) {
        Some(s) => format!("did you mean `{s}`? (written exactly, without parameters)"),
        None => format!("one of {}", names.map(|n| format!("`{n}`")).join(", ")),
    };
    diags.error("bad-content-type", at.value(), format!("unsupported content type `{raw}`"), hint);
    None
}

fn header_name(h: &str, at: &At<'_>, diags: &mut Diagnostics) -> bool {
    if is_token(h) {
        return true;
    }
    diags.error(
        "bad-auth",
        at.value(),
        format!("`{h}` is not a valid HTTP header name"),
        "use letters, digits and `-`, e.g. `x-api-key`",
    );
    false
}

/// Keys that belong to another scheme than `scheme`, reported at each.
fn foreign_keys(raw: &RawAuth, scheme: &str, at: &At<'_>, diags: &mut Diagnostics) -> bool {
    let keys: [(&str, bool, &str); 6] = [
        ("api_key_header", raw.api_key_header.is_some(), "bearer"),
        ("header", raw.header.is_some(), "api_key"),
        ("prefix", raw.prefix.is_some(), "api_key"),
        ("token_url", raw.token_url.is_some(), "oauth2"),
        ("scopes", raw.scopes.is_some(), "oauth2"),
        ("client_auth", raw.client_auth.is_some(), "oauth2"),
    ];
    let mut ok = true;
    for (key, present, owner) in keys {
        if present && owner != scheme {
            diags.error(
                "bad-auth",
                at.at(key).key(),
                format!("`{key}` goes with `scheme: {owner}`"),
                format!("remove it, or use `scheme: {owner}`"),
            );
            ok = false;
        }
    }
    ok
}

/// Checks an auth scheme, or a choice of several (`one_of:`).
pub(super) fn auth(raw: &RawAuth, at: &At<'_>, diags: &mut Diagnostics) -> Option<Auth> {
    if let Some(all) = &raw.one_of {
        let mut ok = true;
        for (key, present) in [
            ("scheme", raw.scheme.is_some()),
            ("name", raw.name.is_some()),
            ("api_key_header", raw.api_key_header.is_some()),
            ("header", raw.header.is_some()),
            ("prefix", raw.prefix.is_some()),
            ("token_url", raw.token_url.is_some()),
            ("scopes", raw.scopes.is_some()),
            ("client_auth", raw.client_auth.is_some()),
        ] {
            if present {
                diags.error(
                    "bad-auth",
                    at.at(key).key(),
                    format!("`{key}` goes in each scheme of `one_of:`, not beside it"),
                    "move it into the scheme it belongs to",
                );
                ok = false;
            }
        }
        if all.len() < 2 {
            diags.error(
                "bad-auth",
                at.at("one_of").key(),
                "`one_of:` needs at least two schemes",
                "list the documented schemes, or write the one scheme without `one_of:`",
            );
            return None;
        }
        let mut out: Vec<(String, Auth)> = Vec::new();
        // Where each scheme of `out` is named (its `name:`, or the item).
        let mut named_at: Vec<crate::diag::Loc> = Vec::new();
        for (i, item) in all.iter().enumerate() {
            let here = at.at("one_of").at(i);
            if item.one_of.is_some() {
                diags.error(
                    "bad-auth",
                    here.at("one_of").key(),
                    "`one_of:` cannot nest",
                    "list every scheme in the one `one_of:`",
                );
                ok = false;
                continue;
            }
            let Some(a) = single(item, &here, diags) else {
                ok = false;
                continue;
            };
            let name = match &item.name {
                Some(n) => match names::checked_field(n) {
                    // snake_case: the variant is its UpperCamelCase, so two names cannot meet there.
                    Ok(_)
                        if n.starts_with(|c: char| c.is_ascii_lowercase())
                            && n.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                            && !n.contains("__")
                            && !n.ends_with('_') =>
                    {
                        n.clone()
                    }
                    _ => {
                        diags.error(
                            "bad-auth",
                            here.at("name").value(),
                            format!("`{n}` is not a usable scheme name"),
                            "a snake_case identifier, e.g. `partner_key`",
                        );
                        ok = false;
                        continue;
                    }
                },
                None => a.scheme_name().to_owned(),
            };
            let place = if item.name.is_some() { here.at("name").value() } else { here.key() };
            if let Some(first) = out.iter().position(|(n, _)| *n == name) {
                diags.error_with_labels(
                    "bad-auth",
                    place,
                    format!("two schemes of `one_of:` are named `{name}`"),
                    "give each a distinct `name:` (the caller picks it by that name)",
                    [Label::new(named_at[first].clone(), "the first is named here")],
                );
                ok = false;
                continue;
            }
            out.push((name, a));
            named_at.push(place);
        }
        return ok.then_some(Auth::OneOf(out));
    }
    if raw.name.is_some() {
        diags.error(
            "bad-auth",
            at.at("name").key(),
            "`name:` names a scheme of `one_of:`",
            "remove it: a single scheme has nothing to pick",
        );
        return None;
    }
    single(raw, at, diags)
}

fn single(raw: &RawAuth, at: &At<'_>, diags: &mut Diagnostics) -> Option<Auth> {
    let Some(scheme) = raw.scheme.as_deref() else {
        diags.error(
            "bad-auth",
            at.key(),
            "an auth needs `scheme:`",
            format!(
                "one of {}, or `one_of:` a list of them",
                Auth::SCHEMES.map(|s| format!("`{s}`")).join(", ")
            ),
        );
        return None;
    };
    if !Auth::SCHEMES.contains(&scheme) {
        diags.error(
            "bad-auth",
            at.at("scheme").value(),
            format!("unknown auth scheme `{scheme}`"),
            crate::diag::did_you_mean(scheme, Auth::SCHEMES),
        );
        return None;
    }
    if !foreign_keys(raw, scheme, at, diags) {
        return None;
    }
    match scheme {
        "bearer" => {
            if let Some(h) = &raw.api_key_header {
                if !header_name(h, &at.at("api_key_header"), diags) {
                    return None;
                }
                if let Some(taken) = ["authorization", "content-type"].into_iter().find(|t| h.eq_ignore_ascii_case(t)) {
                    let hint = if taken == "authorization" {
                        "`Authorization` carries the bearer token; for a key in `Authorization` use `scheme: api_key` with `header: Authorization`"
                    } else {
                        "the request sets `Content-Type` itself; name the header the API key goes in (e.g. `x-api-key`)"
                    };
                    diags.error(
                        "bad-auth",
                        at.at("api_key_header").value(),
                        format!("`{h}` cannot carry the API key: the request sets it itself"),
                        hint,
                    );
                    return None;
                }
            }
            Some(Auth::Bearer {
                api_key_header: raw.api_key_header.as_ref().map(|h| h.to_ascii_lowercase()),
            })
        }
        "basic" => Some(Auth::Basic),
        "api_key" => {
            let Some(h) = &raw.header else {
                diags.error(
                    "bad-auth",
                    at.at("scheme").value(),
                    "`scheme: api_key` needs `header:`",
                    "name the header the key goes in: `header: Authorization` for `Authorization: <key>`, or e.g. `header: X-Api-Key`",
                );
                return None;
            };
            if !header_name(h, &at.at("header"), diags) {
                return None;
            }
            let lower = h.to_ascii_lowercase();
            if let Some((_, why)) = RESERVED.iter().find(|(n, _)| *n == lower && *n != "authorization") {
                diags.error(
                    "bad-auth",
                    at.at("header").value(),
                    format!("`{h}` cannot carry the API key: {why}"),
                    "name the header the provider documents for the key",
                );
                return None;
            }
            if let Some(p) = &raw.prefix {
                if !is_token(p) {
                    diags.error(
                        "bad-auth",
                        at.at("prefix").value(),
                        format!("`{p}` is not a single word"),
                        "the word before the key, without the space (`Token`, `SSWS`): the request adds one space",
                    );
                    return None;
                }
            }
            Some(Auth::ApiKey {
                header: lower,
                prefix: raw.prefix.clone(),
            })
        }
        _ => oauth2(raw, at, diags),
    }
}

fn oauth2(raw: &RawAuth, at: &At<'_>, diags: &mut Diagnostics) -> Option<Auth> {
    let Some(url) = &raw.token_url else {
        diags.error(
            "bad-auth",
            at.at("scheme").value(),
            "`scheme: oauth2` needs `token_url:`",
            "add the token endpoint the provider documents, e.g. `token_url: https://auth.example.com/oauth/token`",
        );
        return None;
    };
    let mut ok = true;
    let rest = url.strip_prefix("https://");
    let host = rest.map(|r| r.split('/').next().unwrap_or(""));
    if rest.is_none() || host.is_none_or(str::is_empty) || url.contains(['?', '#', '@', ' ']) || !url.is_ascii() {
        diags.error(
            "bad-auth",
            at.at("token_url").value(),
            format!("`{url}` is not a usable token URL"),
            "an absolute `https://` URL with a host and a path, no query, fragment or user info",
        );
        ok = false;
    }
    let scopes = raw.scopes.clone().unwrap_or_default();
    for (i, s) in scopes.iter().enumerate() {
        if s.is_empty() || s.bytes().any(|b| !b.is_ascii_graphic() || b == b'"' || b == b'\\') {
            let what = if s.is_empty() {
                "an empty text".to_owned()
            } else {
                format!("`{s}`")
            };
            diags.error(
                "bad-auth",
                at.at("scopes").at(i).value(),
                format!("{what} is not a scope (RFC 6749 §3.3)"),
                "one scope per item, without spaces",
            );
            ok = false;
        }
    }
    let client_auth = match raw.client_auth.as_deref() {
        None | Some("basic") => ClientAuth::Basic,
        Some("body") => ClientAuth::Body,
        Some(other) => {
            diags.error(
                "bad-auth",
                at.at("client_auth").value(),
                format!("unknown client authentication `{other}`"),
                crate::diag::did_you_mean(other, ["basic", "body"]),
            );
            return None;
        }
    };
    ok.then(|| Auth::OAuth2 {
        token_url: url.clone(),
        scopes,
        client_auth,
    })
}

/// Checks documented headers. `auth`: the auth in force, and `version`: the API's
/// `version_header:` (their headers are refused).
pub(super) fn headers(
    raw: &OrderedMap<RawHeader>,
    at: &At<'_>,
    auth: Option<&Auth>,
    version: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<Header> {
    let mut out: Vec<Header> = Vec::new();
    let auth_headers = auth.map(Auth::headers).unwrap_or_default();
    for (name, h) in raw.iter() {
        let here = at.at("headers").at(name.as_str());
        let lower = name.to_ascii_lowercase();
        if !is_token(name) {
            diags.error(
                "bad-header",
                here.key(),
                format!("`{name}` is not a valid HTTP header name"),
                "use letters, digits and `-`, e.g. `Idempotency-Key`",
            );
            continue;
        }
        if let Some((_, why)) = RESERVED.iter().find(|(n, _)| *n == lower) {
            diags.error(
                "reserved-header",
                here.key(),
                format!("`{name}` cannot be a documented header: {why}"),
                "remove it from `headers:`",
            );
            continue;
        }
        if auth_headers.contains(&lower) {
            diags.error(
                "reserved-header",
                here.key(),
                format!("`{name}` carries the credentials of `auth:`"),
                "remove it from `headers:`: the request sets it from the credentials",
            );
            continue;
        }
        if version.is_some_and(|v| v.eq_ignore_ascii_case(name)) {
            diags.error(
                "reserved-header",
                here.key(),
                format!("`{name}` is the API's `version_header:`"),
                "remove it from `headers:`: the request sets it from the chosen version",
            );
            continue;
        }
        let value = match (&h.ty, &h.value) {
            (Some(_), Some(_)) | (None, None) => {
                diags.error(
                    "bad-header",
                    here.key(),
                    format!("header `{name}` needs exactly one of `type:` and `value:`"),
                    "`value:` for a fixed text the request always sends, `type:` (string, integer, idempotency_key, etag) for one the caller gives",
                );
                continue;
            }
            (None, Some(v)) => {
                if h.required {
                    diags.error(
                        "bad-header",
                        here.at("required").key(),
                        format!("header `{name}` has a fixed value: it is always sent"),
                        "remove `required:`",
                    );
                    continue;
                }
                if v.is_empty() || v.bytes().any(|b| !(b.is_ascii_graphic() || b == b' ')) || v.starts_with(' ') || v.ends_with(' ') {
                    diags.error(
                        "bad-header",
                        here.at("value").value(),
                        format!("the value of header `{name}` is not a header value"),
                        "visible ASCII and inner spaces only",
                    );
                    continue;
                }
                HeaderValue::Fixed(v.clone())
            }
            (Some(t), None) => match HeaderType::NAMES.iter().position(|n| n == t) {
                Some(i) => HeaderValue::Typed(
                    [
                        HeaderType::String,
                        HeaderType::Integer,
                        HeaderType::IdempotencyKey,
                        HeaderType::ETag,
                    ][i],
                ),
                None => {
                    diags.error(
                        "bad-header",
                        here.at("type").value(),
                        format!("unknown header type `{t}`"),
                        crate::diag::did_you_mean(t, HeaderType::NAMES),
                    );
                    continue;
                }
            },
        };
        let rust = match &h.rust {
            Some(r) => names::checked_field(r),
            None => names::field_name(name),
        };
        let rust = match rust {
            Ok(r) => r,
            Err(why) => {
                diags.error(
                    "bad-header",
                    if h.rust.is_some() { here.at("rust").value() } else { here.key() },
                    format!("header `{name}` has no usable field name: {why}"),
                    "give one with `rust: snake_case_name`",
                );
                continue;
            }
        };
        if let Some(other) = out.iter().find(|o| o.name.eq_ignore_ascii_case(name) || o.rust == rust) {
            diags.error_with_labels(
                "duplicate-header",
                here.key(),
                format!("header `{name}` is declared twice (as `{}`)", other.name),
                "header names are case-insensitive and each is one field; keep one, or rename the field with `rust:`",
                [Label::new(other.loc.clone(), "first declared here")],
            );
            continue;
        }
        out.push(Header {
            name: name.clone(),
            rust,
            value,
            required: h.required,
            docs: h.docs.clone(),
            loc: here.key(),
        });
    }
    out
}

/// The API's headers, then the endpoint's: one of the same name replaces the API's.
pub(super) fn merge(api: &[Header], endpoint: Vec<Header>) -> Vec<Header> {
    let mut out: Vec<Header> = api
        .iter()
        .filter(|a| !endpoint.iter().any(|e| e.name.eq_ignore_ascii_case(&a.name) || e.rust == a.rust))
        .cloned()
        .collect();
    out.extend(endpoint);
    out
}

#[cfg(test)]
mod tests {
    use crate::model::{Auth, ContentType, HeaderType, HeaderValue};

    const SHARED: &str = "api: shop\nhosts: { production: https://api.example.com }\nauth: { scheme: basic }\n\
                          content_type: application/merge-patch+json\n\
                          headers:\n  X-Client: { value: sdk }\n  X-Trace: { type: string }\n";

    fn endpoint(extra: &str) -> crate::model::Endpoint {
        let text = format!(
            "api: shop\nendpoint: update_item\nmethod: PATCH\npath: /items\nresponse: {{ status: 204 }}\n{extra}body:\n  name: string\n"
        );
        let files = [("shop/api.yaml", SHARED.as_bytes()), ("shop/update_item.yaml", text.as_bytes())];
        let loaded = crate::load_texts(&files).unwrap_or_else(|e| panic!("{}", e.render()));
        loaded.spec.apis[0].endpoints[0].clone()
    }

    #[test]
    fn the_api_gives_defaults_and_an_endpoint_overrides_them() {
        let ep = endpoint("");
        assert_eq!(ep.content_type, ContentType::MergePatch);
        assert_eq!(ep.auth, Auth::Basic);
        let names: Vec<&str> = ep.headers.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["X-Client", "X-Trace"]);
        let ep = endpoint(
            "content_type: application/json\nauth: { scheme: api_key, header: Authorization, prefix: Token }\n\
             headers:\n  x-trace: { type: integer, required: true }\n  Idempotency-Key: { type: idempotency_key }\n",
        );
        assert_eq!(ep.content_type, ContentType::Json);
        assert_eq!(
            ep.auth,
            Auth::ApiKey {
                header: "authorization".into(),
                prefix: Some("Token".into())
            }
        );
        let got: Vec<(&str, &HeaderValue, bool)> = ep.headers.iter().map(|h| (h.name.as_str(), &h.value, h.required)).collect();
        assert_eq!(
            got,
            [
                ("X-Client", &HeaderValue::Fixed("sdk".into()), false),
                ("x-trace", &HeaderValue::Typed(HeaderType::Integer), true),
                ("Idempotency-Key", &HeaderValue::Typed(HeaderType::IdempotencyKey), false),
            ]
        );
    }

    #[test]
    fn a_choice_names_its_schemes() {
        let ep = endpoint("auth:\n  one_of:\n    - { scheme: bearer }\n    - { scheme: api_key, header: X-Key }\n    - { scheme: api_key, name: ssws, header: Authorization, prefix: SSWS }\n");
        let names: Vec<&str> = ep.auth.choices().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["bearer", "api_key", "ssws"]);
        assert_eq!(ep.auth.headers(), ["authorization", "x-key", "authorization"]);
    }
}
