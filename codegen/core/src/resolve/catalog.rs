//! What an API's shared file declares: hosts, auth, settings, effects, the error catalogue.

use std::collections::BTreeMap;

use super::{names, At, MAX_FIELDS};
use crate::diag::{Diagnostics, Label, Loc};
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
    for key in ["method", "path", "params", "response", "body", "source", "groups"] {
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

/// Checks base URLs: absolute http(s), a host a request can reach and nothing else (no
/// path, query, credentials, trailing slash); plain http is a warning (`allow:` on
/// `hosts:` accepts it where the provider documents it).
pub(super) fn hosts(raw: &RawHosts, at: &At<'_>, diags: &mut Diagnostics) -> Option<Hosts> {
    let mut ok = allow(&raw.allow, &at.at("allow"), diags);
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
            Some(r) => {
                if let Err((what, hint)) = authority(r) {
                    let shown = if url.chars().count() > 80 {
                        format!("{}...", url.chars().take(60).collect::<String>())
                    } else {
                        url.clone()
                    };
                    diags.error("bad-host", place, format!("host `{shown}`: {what}"), hint);
                    ok = false;
                } else if url.starts_with("http://") && !raw.allow.iter().any(|a| a == PLAIN_HTTP) {
                    diags.warning(
                        PLAIN_HTTP,
                        place,
                        format!("{key} host `{url}` uses plain http: credentials would travel unencrypted"),
                        "use https; if the provider really documents plain http, keep it and add `allow: [plain-http-host]` to `hosts:` with a comment citing the source",
                    );
                }
            }
        }
    }
    ok.then(|| Hosts {
        production: raw.production.clone(),
        staging: raw.staging.clone(),
    })
}

/// The id of the plain-http warning, as `allow:` names it.
const PLAIN_HTTP: &str = "plain-http-host";
/// The warnings an `allow:` list may name.
const ALLOWABLE: [&str; 1] = [PLAIN_HTTP];

/// Checks an `allow:` list: every entry names a warning that exists.
fn allow(list: &[String], at: &At<'_>, diags: &mut Diagnostics) -> bool {
    let mut ok = true;
    for (i, id) in list.iter().enumerate() {
        if !ALLOWABLE.contains(&id.as_str()) {
            diags.error(
                "bad-allow",
                at.at(i).value(),
                format!("`{id}` is not a warning that can be allowed here"),
                crate::diag::did_you_mean(id, ALLOWABLE),
            );
            ok = false;
        }
    }
    ok
}

/// Longest host name (RFC 1035: 253 characters, labels of at most 63).
const MAX_HOST: usize = 253;

/// Checks a URL's authority (`host[:port]`): a DNS name of ASCII letters, digits and `-`
/// in dot-separated labels, or an IP literal, and a port from 1 to 65535. Credentials
/// (`user:pass@`) are refused: they would be in the generated code and in every log of a
/// URL; auth comes from `Credentials` at run time.
fn authority(r: &str) -> Result<(), (String, String)> {
    let err = |what: &str, hint: &str| Err((what.to_owned(), hint.to_owned()));
    if r.contains('@') {
        return err(
            "credentials (`user:pass@`) in a host are refused",
            "remove them: the generated requests take credentials at run time (`Credentials`)",
        );
    }
    if let Some(c) = r.chars().find(|c| !c.is_ascii() || c.is_ascii_control()) {
        let hint = if c.is_ascii_control() {
            "remove it".to_owned()
        } else {
            "write an internationalized name in its ASCII (punycode, `xn--`) form".to_owned()
        };
        let shown = if c.is_ascii_control() {
            c.escape_default().to_string()
        } else {
            c.to_string()
        };
        return Err((format!("`{shown}` is not allowed in a host name (ASCII only)"), hint));
    }
    let (host, port) = if let Some(v6) = r.strip_prefix('[') {
        let Some((addr, after)) = v6.split_once(']') else {
            return err("the IPv6 literal is not closed", "write it as `[2001:db8::1]`");
        };
        if addr.is_empty() || !addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return err("not an IPv6 address", "write it as `[2001:db8::1]`");
        }
        match after {
            "" => (None, None),
            p => match p.strip_prefix(':') {
                Some(port) => (None, Some(port)),
                None => return err("unexpected text after the IPv6 literal", "write `[addr]` or `[addr]:port`"),
            },
        }
    } else {
        match r.rsplit_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(r), None),
        }
    };
    if let Some(port) = port {
        match port.parse::<u32>() {
            Ok(1..=65535) if port.bytes().all(|b| b.is_ascii_digit()) => {}
            _ => {
                return err(
                    &format!("port `{port}` is not a port (1 to 65535)"),
                    "write the documented port, or none for the scheme's default",
                )
            }
        }
    }
    let Some(host) = host else { return Ok(()) };
    if host.len() > MAX_HOST {
        return err(
            &format!("the host name is {} characters long, more than {MAX_HOST}", host.len()),
            "a DNS name has at most 253 characters",
        );
    }
    for label in host.split('.') {
        if label.is_empty() {
            return err(
                "the host name has an empty label (`..`, or a leading or trailing dot)",
                "write the name as documented, e.g. `api.example.com`",
            );
        }
        if label.len() > 63 {
            return err(
                "a label of the host name is longer than 63 characters",
                "a DNS label has at most 63 characters",
            );
        }
        if let Some(c) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
            return Err((
                format!("`{}` is not allowed in a host name", c.escape_default()),
                "a host name has letters, digits, `-` and dots".to_owned(),
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return err(
                "a label of the host name starts or ends with `-`",
                "write the name as documented, e.g. `api.example.com`",
            );
        }
    }
    Ok(())
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
                crate::diag::did_you_mean(other, Auth::SCHEMES),
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
        let kind = match s.kind.as_deref().map(|k| LockKind::ALL.iter().find(|(_, n)| *n == k)) {
            None => LockKind::Program,
            Some(Some((kind, _))) => *kind,
            Some(None) => {
                let other = s.kind.as_deref().unwrap_or_default();
                diags.error(
                    "bad-setting",
                    here.at("kind").value(),
                    format!("unknown setting kind `{other}`"),
                    crate::diag::did_you_mean(other, LockKind::ALL.iter().map(|(_, n)| *n)),
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
    if let Some(taken) = names::PRELUDE
        .iter()
        .chain(&["ProgramSettings", "SideEffect"])
        .find(|n| **n == raw.name)
    {
        diags.error(
            "reserved-name",
            at.at("name").value(),
            format!("error enum name `{taken}` is taken: the generated code uses it"),
            "name the catalogue after the provider, such as `ShopError`",
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
            diags.error_with_labels(
                "duplicate-code",
                here.at("code").value(),
                format!("error code {} is declared twice", c.code),
                "each code appears once in a catalogue",
                [Label::new(first.clone(), "first declared here")],
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
