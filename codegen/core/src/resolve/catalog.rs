//! What an API's shared file declares: hosts, auth, settings, effects, the error catalogue.

use std::collections::BTreeMap;

use super::{names, At, MAX_FIELDS};
use crate::diag::{Diagnostics, Loc};
use crate::model::{Api, Auth, CommonRange, Effect, ErrorCatalog, ErrorCode, Hosts, LockKind, Setting, SettingLock};
use crate::raw::{RawAuth, RawErrors, RawFile, RawHosts};

/// The API with its shared parts resolved (types and endpoints come later).
pub(super) fn shared(name: &str, file: Option<(&RawFile, &At<'_>)>, loc: Loc, diags: &mut Diagnostics) -> Api {
    let mut api = Api {
        name: name.to_owned(),
        title: None,
        docs: None,
        hosts: None,
        auth: None,
        types: Vec::new(),
        settings: Vec::new(),
        effects: Vec::new(),
        errors: None,
        endpoints: Vec::new(),
        loc,
    };
    let Some((raw, at)) = file else { return api };
    for key in ["method", "path", "params", "response", "body", "source"] {
        if at.src.has(&crate::path![key]) {
            diags.error(
                "misplaced-key",
                at.at(key).key(),
                format!("`{key}` belongs in an endpoint file; this file has no `endpoint:`"),
                "add `endpoint: <name>` to make this an endpoint file, or move the key to one",
            );
        }
    }
    api.loc = at.at("api").key();
    api.title = raw.title.clone();
    api.docs = raw.docs.clone();
    api.hosts = raw.hosts.as_ref().and_then(|h| hosts(h, &at.at("hosts"), diags));
    api.auth = raw.auth.as_ref().and_then(|a| auth(a, &at.at("auth"), diags));
    api.settings = settings(raw, at, diags);
    api.effects = effects(raw, at, diags);
    api.errors = raw.errors.as_ref().and_then(|e| errors(e, &at.at("errors"), diags));
    api
}

/// Checks base URLs: absolute, http(s), no trailing slash; plain http is a warning.
pub(super) fn hosts(raw: &RawHosts, at: &At<'_>, diags: &mut Diagnostics) -> Option<Hosts> {
    let mut ok = true;
    for (key, url) in [("production", Some(&raw.production)), ("staging", raw.staging.as_ref())] {
        let Some(url) = url else { continue };
        let place = at.at(key).value();
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
        match rest {
            None => {
                diags.error(
                    "bad-host",
                    place,
                    format!("host `{url}` is not an http(s) URL"),
                    "write the base URL, e.g. `https://api.example.com`",
                );
                ok = false;
            }
            Some(r) if r.is_empty() || r.contains(['/', '?', '#', ' ']) => {
                diags.error(
                    "bad-host",
                    place,
                    format!("host `{url}` must be a bare base URL"),
                    "put the path in `path:`, and drop any trailing slash",
                );
                ok = false;
            }
            Some(_) if url.starts_with("http://") => diags.warning(
                "plain-http-host",
                place,
                format!("{key} host `{url}` uses plain http: credentials would travel unencrypted"),
                "use https unless the provider really documents plain http (then keep it and note the source)",
            ),
            Some(_) => {}
        }
    }
    ok.then(|| Hosts {
        production: raw.production.clone(),
        staging: raw.staging.clone(),
    })
}

/// Checks an auth scheme.
pub(super) fn auth(raw: &RawAuth, at: &At<'_>, diags: &mut Diagnostics) -> Option<Auth> {
    match raw.scheme.as_str() {
        "bearer" => {
            if let Some(h) = &raw.api_key_header {
                let valid = !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if !valid {
                    diags.error(
                        "bad-auth",
                        at.at("api_key_header").value(),
                        format!("`{h}` is not a valid HTTP header name"),
                        "use letters, digits and `-`, e.g. `x-api-key`",
                    );
                    return None;
                }
                // The runtime sets these itself: the key would be refused or overwritten.
                if let Some(taken) = ["authorization", "content-type"].into_iter().find(|t| h.eq_ignore_ascii_case(t)) {
                    let hint = if taken == "authorization" {
                        "`Authorization` carries the bearer token; name the header the API key goes in (e.g. `x-api-key`): a raw `Authorization` scheme is not supported yet"
                    } else {
                        "the request sets `Content-Type: application/json` itself; name the header the API key goes in (e.g. `x-api-key`)"
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
        "basic" => {
            if raw.api_key_header.is_some() {
                diags.error(
                    "bad-auth",
                    at.at("api_key_header").key(),
                    "`api_key_header` goes with `scheme: bearer`",
                    "remove it, or use `scheme: bearer`",
                );
                return None;
            }
            Some(Auth::Basic)
        }
        other => {
            diags.error(
                "bad-auth",
                at.at("scheme").value(),
                format!("unknown auth scheme `{other}`"),
                crate::diag::did_you_mean(other, ["bearer", "basic"]),
            );
            None
        }
    }
}

fn settings(raw: &RawFile, at: &At<'_>, diags: &mut Diagnostics) -> Vec<Setting> {
    let mut out: Vec<Setting> = Vec::new();
    for (i, (name, s)) in raw.settings.iter().enumerate() {
        let here = at.at("settings").at(name.as_str());
        // `ProgramSettings` has a field per setting: the generated deserializer is an
        // object's, with the same limit (1,500 settings crash rustc as 1,500 fields do).
        if i == MAX_FIELDS {
            diags.error(
                "too-many-fields",
                here.key(),
                format!("`{name}` is setting {}; an API has at most {MAX_FIELDS}", MAX_FIELDS + 1),
                format!("rustc fails on the generated `ProgramSettings` from about 1,500 settings: keep at most {MAX_FIELDS}"),
            );
            break;
        }
        let rust = match names::field_name(name) {
            Ok(r) => r,
            Err(why) => {
                diags.error(
                    "bad-name",
                    here.key(),
                    format!("setting name is unusable: {why}"),
                    "setting names are ASCII identifiers",
                );
                continue;
            }
        };
        if let Some(prev) = out.iter().find(|o| o.rust == rust) {
            diags.error(
                "name-collision",
                here.key(),
                format!("settings `{}` and `{name}` both become `{rust}` in Rust", prev.name),
                "rename one of them",
            );
            continue;
        }
        let kind = match s.kind.as_deref() {
            None | Some("program") => LockKind::Program,
            Some("identity_verification") => LockKind::IdentityVerification,
            Some(other) => {
                diags.error(
                    "bad-setting",
                    here.at("kind").value(),
                    format!("unknown setting kind `{other}`"),
                    crate::diag::did_you_mean(other, ["program", "identity_verification"]),
                );
                LockKind::Program
            }
        };
        if s.kind.is_some() && s.locks.is_none() {
            diags.error(
                "bad-setting",
                here.at("kind").key(),
                format!("setting `{name}` has a `kind` but locks nothing"),
                "add `locks: { when: BOOL, error: CODE }`, or remove `kind`",
            );
        }
        let locks = s.locks.as_ref().map(|l| SettingLock {
            when: l.when,
            error: l.error,
            kind,
        });
        out.push(Setting {
            name: name.clone(),
            rust,
            docs: s.docs.clone(),
            default: s.default,
            locks,
            loc: here.key(),
        });
    }
    out
}

fn effects(raw: &RawFile, at: &At<'_>, diags: &mut Diagnostics) -> Vec<Effect> {
    let mut out: Vec<Effect> = Vec::new();
    for (name, e) in raw.effects.iter() {
        let here = at.at("effects").at(name.as_str());
        match names::type_name(name) {
            Ok(rust) if out.iter().all(|o| o.rust != rust) => out.push(Effect {
                name: name.clone(),
                rust,
                docs: e.docs.clone(),
                loc: here.key(),
            }),
            Ok(rust) => diags.error(
                "name-collision",
                here.key(),
                format!("two effects become `{rust}` in Rust"),
                "rename one of them",
            ),
            Err(why) => diags.error(
                "bad-name",
                here.key(),
                format!("effect name is unusable: {why}"),
                "effect names are ASCII identifiers",
            ),
        }
    }
    out
}

/// The placeholders of a message template, in order: `{0}`, `{id}`.
pub(crate) fn placeholders(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if !after[..close].contains('{') && !after[..close].is_empty() => {
                out.push(after[..close].to_owned());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

fn errors(raw: &RawErrors, at: &At<'_>, diags: &mut Diagnostics) -> Option<ErrorCatalog> {
    if let Err(why) = names::checked_type(&raw.name) {
        diags.error(
            "bad-name",
            at.at("name").value(),
            format!("error enum name is unusable: {why}"),
            "the catalogue's `name` becomes a Rust enum: an UpperCamelCase identifier such as `ShopError`",
        );
        return None;
    }
    let common = raw.common.as_ref().map(|c| {
        if c.from > c.to {
            diags.error(
                "bad-range",
                at.at("common").at("from").value(),
                format!("the common range {}-{} is empty", c.from, c.to),
                "write `from` <= `to`",
            );
        }
        CommonRange {
            from: c.from,
            to: c.to,
            message: c.message.clone(),
            notes: c.notes.clone(),
        }
    });
    let mut codes: Vec<ErrorCode> = Vec::new();
    let mut seen: BTreeMap<u32, Loc> = BTreeMap::new();
    for (i, c) in raw.codes.iter().enumerate() {
        let here = at.at("codes").at(i);
        if let Some(first) = seen.get(&c.code) {
            diags.error(
                "duplicate-code",
                here.at("code").value(),
                format!("error code {} is declared twice (first at {first})", c.code),
                "each code appears once in a catalogue",
            );
            continue;
        }
        seen.insert(c.code, here.at("code").value());
        let name = match &c.name {
            Some(n) => match names::checked_type(n) {
                Ok(n) => n,
                Err(why) => {
                    diags.error(
                        "bad-name",
                        here.at("name").value(),
                        format!("variant name is unusable: {why}"),
                        "a code's `name` becomes an enum variant: an UpperCamelCase identifier such as `PriceTooHigh`",
                    );
                    continue;
                }
            },
            None => format!("E{}", c.code),
        };
        if ["Common", "Unknown"].contains(&name.as_str()) {
            diags.error(
                "reserved-name",
                here.at("name").value(),
                format!("`{name}` is reserved for the catch-all variants"),
                "choose another name",
            );
            continue;
        }
        if let Some(prev) = codes.iter().find(|p| p.name == name) {
            diags.error(
                "name-collision",
                here.at("name").value(),
                format!("codes {} and {} both are variant `{name}`", prev.code, c.code),
                "give each code its own `name`",
            );
            continue;
        }
        let params = template_params(&c.message, &c.params, &here, diags);
        let server_only = match c.check.as_deref() {
            None | Some("client") => false,
            Some("server") => true,
            Some(other) => {
                diags.error(
                    "bad-check",
                    here.at("check").value(),
                    format!("unknown check `{other}`"),
                    "write `client` (a client can check it) or `server`",
                );
                false
            }
        };
        codes.push(ErrorCode {
            code: c.code,
            name,
            message: c.message.clone(),
            params,
            server_only,
            notes: c.notes.clone(),
            loc: here.at("code").value(),
        });
    }
    Some(ErrorCatalog {
        name: raw.name.clone(),
        docs: raw.docs.clone(),
        common,
        codes,
        loc: at.key(),
    })
}

/// Matches the message's placeholders with the declared `params`, both ways.
fn template_params(
    message: &str,
    declared: &crate::raw::OrderedMap<String>,
    at: &At<'_>,
    diags: &mut Diagnostics,
) -> Vec<(String, String)> {
    let found = placeholders(message);
    let mut out = Vec::new();
    for p in &found {
        match declared.iter().find(|(k, _)| *k == p) {
            Some((_, rust)) => match names::checked_field(rust) {
                Ok(r) if !r.starts_with("r#") => out.push((p.clone(), r)),
                _ => diags.error(
                    "bad-name",
                    at.at("params").at(p.as_str()).value(),
                    format!("parameter name `{rust}` is not a usable Rust identifier"),
                    "use a snake_case name such as `tag`",
                ),
            },
            None => diags.error(
                "template-params",
                at.at("message").value_part(&format!("{{{p}}}")),
                format!("the message has placeholder `{{{p}}}` but `params` does not name it"),
                if declared.is_empty() {
                    format!("add `params: {{ \"{p}\": <rust_name> }}`")
                } else {
                    format!("add `\"{p}\": <rust_name>` to `params`")
                },
            ),
        }
    }
    for (k, _) in declared.iter() {
        if !found.contains(k) {
            diags.error(
                "template-params",
                at.at("params").at(k.as_str()).key(),
                format!("parameter `{k}` does not appear in the message"),
                "remove it, or add the placeholder to the message",
            );
        }
    }
    out
}
