//! What an API's shared file declares: hosts, auth, settings, effects, the error catalogue.

use std::collections::BTreeMap;

use super::{names, At, MAX_FIELDS};
use crate::diag::{Diagnostics, Label, Loc};
use crate::model::{
    Api, BodyPreset, CommonRange, Effect, ErrorBodyShape, ErrorCatalog, ErrorCode, ErrorKey, Hosts, LockKind, Setting, SettingLock,
};
use crate::raw::{RawCode, RawCodeKey, RawErrorBody, RawErrors, RawFile, RawHosts};

/// The API with its shared parts resolved (types and endpoints come later).
pub(super) fn shared(name: &str, file: Option<(&RawFile, &At<'_>)>, loc: Loc, diags: &mut Diagnostics) -> Api {
    let mut api = Api {
        name: name.to_owned(),
        title: None,
        docs: None,
        hosts: None,
        auth: None,
        content_type: None,
        headers: Vec::new(),
        types: Vec::new(),
        settings: Vec::new(),
        effects: Vec::new(),
        errors: None,
        endpoints: Vec::new(),
        loc,
        versions: Vec::new(),
        version_header: None,
    };
    let Some((raw, at)) = file else { return api };
    for key in ["method", "path", "params", "response", "body", "current", "source", "groups"] {
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
    api.auth = raw.auth.as_ref().and_then(|a| super::request::auth(a, &at.at("auth"), diags));
    api.content_type = raw
        .content_type
        .as_deref()
        .and_then(|c| super::request::content_type(c, &at.at("content_type"), diags));
    api.versions = versions(raw, at, diags);
    api.version_header = raw.version_header.as_ref().and_then(|h| version_header(h, &api, at, diags));
    api.headers = super::request::headers(&raw.headers, at, api.auth.as_ref(), api.version_header.as_deref(), diags);
    api.settings = settings(raw, at, diags);
    api.effects = effects(raw, at, diags);
    api.errors = raw.errors.as_ref().and_then(|e| errors(e, &at.at("errors"), diags));
    api
}

/// `versions:`: the documented versions, oldest first, each giving a variant of the
/// generated `ApiVersion` enum (`2024-06-20` is `V2024_06_20`).
fn versions(raw: &RawFile, at: &At<'_>, diags: &mut Diagnostics) -> Vec<crate::model::ApiVersion> {
    let Some(list) = &raw.versions else { return Vec::new() };
    let here = at.at("versions");
    if list.is_empty() {
        diags.error(
            "bad-version",
            here.value(),
            "an empty list of versions says nothing",
            "list the documented versions, oldest first, or remove `versions:`",
        );
    }
    let mut out: Vec<crate::model::ApiVersion> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let spot = here.at(i).value();
        if v.is_empty() || !v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
            diags.error(
                "bad-version",
                spot,
                format!("version `{v}` is not a version name"),
                "a version is ASCII letters, digits, `-`, `_` and `.` (`2024-06-20`, `v2`, `1.4`)",
            );
            continue;
        }
        let rust = version_variant(v);
        if let Some(prev) = out.iter().find(|p| p.name == *v || p.rust == rust) {
            diags.error(
                "bad-version",
                spot,
                format!("version `{v}` is listed twice (as `{}` it is the same variant)", prev.name),
                "list each version once",
            );
            continue;
        }
        out.push(crate::model::ApiVersion { name: v.clone(), rust });
    }
    out
}

/// The variant of a version: `V`, then its words, capitalized, joined with `_` only
/// between two digits (`2024-06-20` is `V2024_06_20`, `v2` is `V2`, `1.4-beta` is
/// `V1_4Beta`), a camel-case name whatever the version.
fn version_variant(v: &str) -> String {
    let v = match v.strip_prefix(['v', 'V']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => v,
    };
    let mut out = "V".to_owned();
    for seg in v.split(['-', '_', '.']).filter(|s| !s.is_empty()) {
        if out.ends_with(|c: char| c.is_ascii_digit()) && seg.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        let mut chars = seg.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

/// `version_header:`: a header name, on an API that lists its versions, that is not
/// the header of the API's `auth:` (nor, checked by [`super::request::headers`], one of its
/// `headers:`).
fn version_header(h: &str, api: &Api, at: &At<'_>, diags: &mut Diagnostics) -> Option<String> {
    let here = at.at("version_header");
    if api.versions.is_empty() {
        diags.error(
            "bad-version",
            here.key(),
            "`version_header:` names the header of the chosen version, but the API lists no `versions:`",
            "list the documented versions with `versions: [...]`, oldest first",
        );
        return None;
    }
    let reserved = ["authorization", "content-type"];
    if mutaspec_runtime::http::HeaderName::from_bytes(h.as_bytes()).is_err() || reserved.contains(&h.to_ascii_lowercase().as_str()) {
        diags.error(
            "bad-version",
            here.value(),
            format!("`{h}` cannot be the version header"),
            "name an HTTP header (`Stripe-Version`, `X-Api-Version`), not `Authorization` or `Content-Type`",
        );
        return None;
    }
    if api.auth.as_ref().is_some_and(|a| a.headers().contains(&h.to_ascii_lowercase())) {
        diags.error(
            "bad-version",
            here.value(),
            format!("`{h}` is also the header of `auth:`: a request cannot carry both"),
            "name the header the provider reads the version from, or correct `auth:`",
        );
        return None;
    }
    Some(h.to_owned())
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
    let key = match raw.key.as_deref() {
        None => ErrorKey::Number,
        Some(k) => match ErrorKey::ALL.iter().find(|(_, n)| *n == k) {
            Some((kind, _)) => *kind,
            None => {
                diags.error(
                    "bad-error-key",
                    at.at("key").value(),
                    format!("unknown catalogue key `{k}`"),
                    crate::diag::did_you_mean(k, ErrorKey::ALL.iter().map(|(_, n)| *n)),
                );
                return None;
            }
        },
    };
    let body = match &raw.body {
        None => ErrorBodyShape::default_shape(),
        Some(b) => error_body(b, key, &at.at("body"), diags)?,
    };
    if raw.common.is_some() && key != ErrorKey::Number {
        diags.error(
            "bad-error-key",
            at.at("common").key(),
            format!("a common range needs numeric codes; this catalogue has `key: {}`", key.id()),
            "remove `common:`, or use `key: number`",
        );
    }
    let common = raw.common.as_ref().filter(|_| key == ErrorKey::Number).map(|c| {
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
    let mut seen: BTreeMap<(u32, Option<String>), Loc> = BTreeMap::new();
    for (i, c) in raw.codes.iter().enumerate() {
        let here = at.at("codes").at(i);
        let Some((code, text, status, place)) = code_key(c, key, &here, diags) else {
            continue;
        };
        let shown = match (&text, key) {
            (Some(t), ErrorKey::StatusAndText) => format!("{} `{t}`", status.unwrap_or_default()),
            (Some(t), _) => format!("`{t}`"),
            (None, _) => code.to_string(),
        };
        // A status-and-code key is the pair; the number part is the status then.
        let dup_key = match key {
            ErrorKey::StatusAndText => (u32::from(status.unwrap_or_default()), text.clone()),
            _ => (code, text.clone()),
        };
        if let Some(first) = seen.get(&dup_key) {
            let what = if key == ErrorKey::Status { "status" } else { "error code" };
            diags.error_with_labels(
                "duplicate-code",
                place,
                format!("{what} {shown} is declared twice"),
                "each code appears once in a catalogue",
                [Label::new(first.clone(), "first declared here")],
            );
            continue;
        }
        seen.insert(dup_key, place.clone());
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
            None => match &text {
                None => format!("E{code}"),
                Some(t) => match names::type_name(t) {
                    Ok(n) => n,
                    Err(why) => {
                        diags.error(
                            "bad-name",
                            place,
                            format!("code {shown} gives no variant name: {why}"),
                            "give the code a `name:` (an UpperCamelCase identifier such as `CardDeclined`)",
                        );
                        continue;
                    }
                },
            },
        };
        if let Some(prev) = codes.iter().find(|p| p.name == name) {
            diags.error(
                "name-collision",
                if c.name.is_some() { here.at("name").value() } else { place },
                format!("codes {} and {shown} both are variant `{name}`", shown_key(prev, key)),
                "give each code its own `name`",
            );
            continue;
        }
        let params = template_params(&c.message, &c.params, &here, diags);
        let server_only = match c.check.as_deref() {
            None => !key.numeric(),
            Some("client") if !key.numeric() => {
                diags.error(
                    "bad-check",
                    here.at("check").value(),
                    format!("a code of a `key: {}` catalogue cannot be `check: client`", key.id()),
                    "client rules name numeric codes (`error: CODE`): remove `check:` (string codes are read back from responses only)",
                );
                true
            }
            Some("client") => false,
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
            code,
            name,
            message: c.message.clone(),
            params,
            server_only,
            notes: c.notes.clone(),
            loc: place,
            text,
            status,
        });
    }
    let default = raw.default;
    if let Some(d) = default {
        let place = at.at("default").value();
        if !key.numeric() {
            diags.error(
                "bad-default-code",
                place,
                format!("a default code needs numeric codes; this catalogue has `key: {}`", key.id()),
                "violations carry numeric codes: remove `default:`, or use `key: number` or `key: status`",
            );
        } else {
            match codes.iter().find(|c| c.code == d) {
                None => diags.error(
                    "bad-default-code",
                    place,
                    format!("default code {d} is not in catalogue `{}`", raw.name),
                    "add it under `codes:`, or name a code the catalogue declares",
                ),
                Some(c) if c.server_only => diags.error(
                    "bad-default-code",
                    place,
                    format!("default code {d} is marked `check: server`, but client-side violations carry it"),
                    "mark it `check: client`, or name another code",
                ),
                Some(_) => {}
            }
        }
    }
    let unknown = free_variant(&codes, "Unknown");
    let common_variant = free_variant(&codes, "Common");
    Some(ErrorCatalog {
        name: raw.name.clone(),
        docs: raw.docs.clone(),
        common,
        codes,
        loc: at.key(),
        key,
        body,
        default: default.filter(|_| key.numeric()),
        unknown,
        common_variant,
    })
}

/// A code as diagnostics show it: `60301`, `` `card_declined` ``, ``402 `card_declined` ``.
fn shown_key(c: &ErrorCode, key: ErrorKey) -> String {
    match (&c.text, key) {
        (Some(t), ErrorKey::StatusAndText) => format!("{} `{t}`", c.status.unwrap_or_default()),
        (Some(t), _) => format!("`{t}`"),
        (None, _) => c.code.to_string(),
    }
}

/// The name of a catch-all variant: `base` unless a documented code's variant has it
/// (a provider code `UNKNOWN` is variant `Unknown`), then `BaseCode`,
/// `UndocumentedBase`, `Base2`, ... : the first no code takes.
fn free_variant(codes: &[ErrorCode], base: &str) -> String {
    let taken = |n: &str| codes.iter().any(|c| c.name == n);
    let fixed = [base.to_owned(), format!("{base}Code"), format!("Undocumented{base}")];
    fixed
        .into_iter()
        .chain((2..).map(|i| format!("{base}{i}")))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// A code's key as the catalogue's `key:` wants it: the number (code or status), the
/// string code and the status, and where to point at it.
fn code_key(c: &RawCode, key: ErrorKey, here: &At<'_>, diags: &mut Diagnostics) -> Option<(u32, Option<String>, Option<u16>, Loc)> {
    let status = match c.status {
        None => None,
        Some(s) => match u16::try_from(s) {
            Ok(s) if (100..600).contains(&s) => Some(s),
            _ => {
                diags.error(
                    "bad-status",
                    here.at("status").value(),
                    format!("{s} is not an HTTP status (100 to 599)"),
                    "write the documented status, e.g. `status: 402`",
                );
                return None;
            }
        },
    };
    let needs_status = matches!(key, ErrorKey::Status | ErrorKey::StatusAndText);
    if needs_status && status.is_none() {
        diags.error(
            "missing-status",
            here.key(),
            format!("a code of a `key: {}` catalogue needs `status:`", key.id()),
            "add the documented HTTP status, e.g. `status: 404`",
        );
        return None;
    }
    match (key, &c.code) {
        (ErrorKey::Status, None) => Some((u32::from(status?), None, status, here.at("status").value())),
        (ErrorKey::Status, Some(_)) => {
            diags.error(
                "bad-error-key",
                here.at("code").key(),
                "a `key: status` catalogue is keyed by the status alone: a code has no `code:`",
                "remove `code:`, or use `key: status_and_code` when the body carries a code too",
            );
            None
        }
        (_, None) => {
            diags.error(
                "missing-code",
                here.key(),
                "this entry has no `code:`",
                "add the provider's code, e.g. `code: 60301` (or `code: card_declined` with `key: string`)",
            );
            None
        }
        (ErrorKey::Number, Some(RawCodeKey::Number(n))) => match u32::try_from(*n) {
            Ok(n) => Some((n, None, status, here.at("code").value())),
            Err(_) => {
                diags.error(
                    "bad-code",
                    here.at("code").value(),
                    format!("error code {n} is not a 32-bit unsigned integer"),
                    "numeric codes are 0 to 4294967295",
                );
                None
            }
        },
        (ErrorKey::Number, Some(RawCodeKey::Text(t))) => {
            diags.error(
                "bad-code",
                here.at("code").value(),
                format!("`{t}` is a string code, but this catalogue is keyed by numbers"),
                "add `key: string` to `errors:` for a provider whose codes are strings (`card_declined`)",
            );
            None
        }
        (_, Some(RawCodeKey::Number(n))) => {
            diags.error(
                "bad-code",
                here.at("code").value(),
                format!("{n} is a number, but this catalogue is keyed by string codes"),
                format!("quote it (`code: \"{n}\"`), or use `key: number`"),
            );
            None
        }
        (_, Some(RawCodeKey::Text(t))) if t.is_empty() || t.chars().any(char::is_control) => {
            diags.error(
                "bad-code",
                here.at("code").value(),
                "a string code is empty or has control characters",
                "write the provider's code as documented, e.g. `card_declined`",
            );
            None
        }
        (_, Some(RawCodeKey::Text(t))) => Some((0, Some(t.clone()), status, here.at("code").value())),
    }
}

/// Checks a JSON pointer (RFC 6901): empty (the whole body) or `/`-separated tokens,
/// `~` only as `~0` or `~1`.
fn json_pointer(p: &str) -> Result<(), String> {
    if p.is_empty() {
        return Ok(());
    }
    if !p.starts_with('/') {
        return Err(format!("`{p}` is not a JSON pointer: it must start with `/`"));
    }
    let b = p.as_bytes();
    for (i, c) in b.iter().enumerate() {
        if *c == b'~' && !matches!(b.get(i + 1), Some(b'0' | b'1')) {
            return Err(format!("`{p}` is not a JSON pointer: `~` must be followed by `0` or `1`"));
        }
    }
    if p.chars().any(char::is_control) {
        return Err(format!("`{}` has a control character", p.escape_default()));
    }
    Ok(())
}

/// Resolves `body:`: a named shape, a named shape under a member, or custom pointers.
fn error_body(raw: &RawErrorBody, key: ErrorKey, at: &At<'_>, diags: &mut Diagnostics) -> Option<ErrorBodyShape> {
    let named = |name: &str, place: Loc, diags: &mut Diagnostics| {
        let preset = BodyPreset::named(name);
        if preset.is_none() {
            diags.error(
                "bad-error-body",
                place,
                format!("unknown error body shape `{name}`"),
                crate::diag::did_you_mean(name, BodyPreset::NAMED.iter().map(|(n, _)| *n)),
            );
        }
        preset
    };
    let full = match raw {
        RawErrorBody::Named(n) => {
            let preset = named(n, at.value(), diags)?;
            return Some(ErrorBodyShape {
                shape: Some(preset),
                ..ErrorBodyShape::default_shape()
            });
        }
        RawErrorBody::Full(f) => f,
    };
    let mut ok = true;
    let pointers = [
        ("code", &full.code),
        ("message", &full.message),
        ("field", &full.field),
        ("status", &full.status),
    ];
    for (k, v) in pointers.iter().copied().chain([("under", &full.under)]) {
        if let Some(p) = v {
            if let Err(why) = json_pointer(p) {
                diags.error(
                    "bad-pointer",
                    at.at(k).value(),
                    why,
                    "write a JSON pointer (RFC 6901), e.g. `/error/code`",
                );
                ok = false;
            }
        }
    }
    let mut preset = None;
    match &full.shape {
        Some(shape) => {
            preset = named(shape, at.at("shape").value(), diags);
            ok &= preset.is_some();
        }
        None if pointers.iter().all(|(_, p)| p.is_none()) => {
            diags.error(
                "bad-error-body",
                at.key(),
                "the error body names no shape and no pointer",
                "write `shape: NAME`, or the pointers `code: /...`, `message: /...`, `field: /...`",
            );
            ok = false;
        }
        None if full.code.is_none() && key != ErrorKey::Status => {
            diags.error(
                "bad-error-body",
                at.key(),
                format!(
                    "a `key: {}` catalogue reads the code from the body, but `code:` names no pointer",
                    key.id()
                ),
                "add `code: /pointer/to/the/code`, or a `shape:`",
            );
            ok = false;
        }
        None => {}
    }
    ok.then(|| ErrorBodyShape {
        shape: preset,
        under: full.under.clone().unwrap_or_default(),
        code: full.code.clone(),
        message: full.message.clone(),
        field: full.field.clone(),
        status: full.status.clone(),
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
