//! An endpoint file: method, path and parameters, hosts, auth, response and body.

use std::collections::BTreeSet;

use super::types::Scope;
use super::{catalog, fields, names, At};
use crate::diag::Diagnostics;
use crate::model::{Api, Endpoint, Method, Object, Param, ParamType, PathPart, Response};
use crate::raw::RawFile;

pub(super) fn resolve(raw: &RawFile, at: &At<'_>, api: &Api, shared: &BTreeSet<String>, diags: &mut Diagnostics) -> Option<Endpoint> {
    let name = raw.endpoint.as_deref().unwrap_or_default();
    if let Err(why) = names::endpoint_name(name) {
        diags.error(
            "bad-name",
            at.at("endpoint").value(),
            format!("endpoint name `{name}` is unusable: {why}"),
            "endpoint names become Rust modules and file names",
        );
        return None;
    }
    let method = method(raw, at, diags);
    let (path, params) = path_and_params(raw, at, diags);
    let hosts = match &raw.hosts {
        Some(h) => catalog::hosts(h, &at.at("hosts"), diags),
        None => api.hosts.clone().or_else(|| {
            missing(
                diags,
                at,
                "hosts",
                format!("endpoint `{name}` has no hosts"),
                format!(
                    "add `hosts: {{ production: https://... }}` here or in the shared file of api `{}`",
                    api.name
                ),
            );
            None
        }),
    };
    let auth = match &raw.auth {
        Some(a) => super::request::auth(a, &at.at("auth"), diags),
        None => api.auth.clone().or_else(|| {
            missing(
                diags,
                at,
                "auth",
                format!("endpoint `{name}` has no auth"),
                format!(
                    "add `auth: {{ scheme: bearer|basic|api_key|oauth2 }}` here or in the shared file of api `{}`",
                    api.name
                ),
            );
            None
        }),
    };
    let content_type = match &raw.content_type {
        Some(c) => super::request::content_type(c, &at.at("content_type"), diags),
        None => Some(api.content_type.unwrap_or_default()),
    };
    // An endpoint's own auth against what the API's file says every request carries.
    if let (Some(_), Some(a)) = (&raw.auth, &auth) {
        let sent = a.headers();
        let shared = api
            .headers
            .iter()
            .map(|h| (h.name.as_str(), "a documented header of the API's `headers:`"));
        let version = api.version_header.iter().map(|v| (v.as_str(), "the API's `version_header:`"));
        for (name, what) in version.chain(shared) {
            if sent.contains(&name.to_ascii_lowercase()) {
                diags.error(
                    "reserved-header",
                    at.at("auth").key(),
                    format!("this `auth:` sends `{name}`, {what}"),
                    "a request cannot carry both: correct this `auth:` or the API's file",
                );
            }
        }
    }
    let headers = super::request::merge(
        &api.headers,
        super::request::headers(&raw.headers, at, auth.as_ref(), api.version_header.as_deref(), diags),
    );
    let response = response(raw, at, diags);

    let mut local = BTreeSet::new();
    for (tname, _) in raw.types.iter() {
        if shared.contains(tname) {
            diags.error(
                "name-collision",
                at.at("types").at(tname.as_str()).key(),
                format!("type `{tname}` is also a shared type of api `{}`", api.name),
                "rename the local type, or use the shared one",
            );
        }
        local.insert(tname.clone());
    }
    let scope = Scope {
        shared,
        local: Some(&local),
    };
    let mut types = fields::named_types(raw, at, &scope, diags);
    let body = match &raw.body {
        Some(b) => {
            let mut body = fields::body(b, &at.at("body"), &scope, &mut types, diags);
            body.groups = fields::groups(&raw.groups, &at.at("groups"), diags);
            body
        }
        None => {
            missing(
                diags,
                at,
                "body",
                format!("endpoint `{name}` has no `body:`"),
                "list the request body's fields under `body:` (`body: {}` for none)",
            );
            Object::default()
        }
    };
    let current = match &raw.current {
        Some(c) => fields::current(c, &at.at("current"), &scope, &mut types, diags),
        None => Vec::new(),
    };
    Some(Endpoint {
        name: name.to_owned(),
        type_prefix: names::camel(name),
        title: raw.title.clone(),
        source: raw.source.clone(),
        docs: raw.docs.clone(),
        method: method?,
        path: path?,
        params,
        hosts: hosts?,
        auth: auth?,
        content_type: content_type?,
        headers,
        response: response?,
        body,
        current,
        types,
        file: at.src.path.clone(),
        loc: at.at("endpoint").key(),
    })
}

/// Reports a missing key at the endpoint's name, or an empty one (`response:` with no
/// value) at its key.
fn missing(diags: &mut Diagnostics, at: &At<'_>, key: &str, message: impl Into<String>, hint: impl Into<crate::diag::Hint>) {
    // Hosts and auth may come from the shared file: their own ids tell them apart.
    let id = match key {
        "hosts" => "missing-hosts",
        "auth" => "missing-auth",
        _ => "missing-key",
    };
    if at.src.has(&crate::path![key]) {
        diags.error(id, at.at(key).key(), format!("`{key}:` is empty"), hint);
    } else {
        diags.error(id, at.at("endpoint").key(), message, hint);
    }
}

fn method(raw: &RawFile, at: &At<'_>, diags: &mut Diagnostics) -> Option<Method> {
    let Some(m) = raw.method.as_deref() else {
        missing(
            diags,
            at,
            "method",
            "an endpoint needs `method:`",
            "add `method: POST` (or GET, PUT, PATCH, DELETE)",
        );
        return None;
    };
    let found = Method::ALL.into_iter().find(|x| x.as_str() == m);
    if found.is_none() {
        diags.error(
            "bad-method",
            at.at("method").value(),
            format!("unknown HTTP method `{m}`"),
            crate::diag::did_you_mean(&m.to_ascii_uppercase(), Method::ALL.map(Method::as_str)),
        );
    }
    found
}

/// Parses the path template and matches its placeholders with `params:`, both ways.
fn path_and_params(raw: &RawFile, at: &At<'_>, diags: &mut Diagnostics) -> (Option<Vec<PathPart>>, Vec<Param>) {
    let Some(path) = raw.path.as_deref() else {
        missing(diags, at, "path", "an endpoint needs `path:`", "add `path: /resource/{id}`");
        return (None, Vec::new());
    };
    let here = at.at("path");
    let parts = parse_path(path, &here, diags);
    let mut params = Vec::new();
    if let Some(parts) = &parts {
        for part in parts {
            let PathPart::Param(p) = part else { continue };
            let Some((_, decl)) = raw.params.iter().find(|(k, _)| *k == p) else {
                let hint = if raw.params.is_empty() {
                    format!("add `params: {{ {p}: {{ type: integer|string }} }}`")
                } else {
                    format!("add `{p}: {{ type: integer|string }}` to `params:`")
                };
                diags.error(
                    "undeclared-param",
                    here.value_part(&format!("{{{p}}}")),
                    format!("path parameter `{{{p}}}` is not declared in `params:`"),
                    hint,
                );
                continue;
            };
            let phere = at.at("params").at(p.as_str());
            let ty = match decl.ty.as_str() {
                "integer" => ParamType::Integer,
                "string" => ParamType::String,
                other => {
                    diags.error(
                        "bad-type",
                        phere.at("type").value(),
                        format!("path parameters are `integer` or `string`, not `{other}`"),
                        "write `type: integer` or `type: string` (with `pattern:` for a constrained string)",
                    );
                    continue;
                }
            };
            let rust = match names::field_name(p) {
                Ok(r) => r,
                Err(why) => {
                    diags.error(
                        "bad-name",
                        phere.key(),
                        format!("path parameter has no usable Rust name: {why}"),
                        "path parameters are ASCII identifiers such as `customerId`",
                    );
                    continue;
                }
            };
            if let Some(prev) = params.iter().find(|q: &&Param| q.rust == rust && q.name != *p) {
                diags.error(
                    "name-collision",
                    phere.key(),
                    format!("path parameters `{}` and `{p}` both become the Rust field `{rust}`", prev.name),
                    "rename one of them in the path and in `params:`",
                );
                continue;
            }
            if params.iter().any(|q| q.name == *p) {
                // The path names it twice: one field fills both.
                continue;
            }
            let pattern = decl.pattern.as_ref().and_then(|c| match crate::pattern_check(&c.value) {
                Ok(()) if ty == ParamType::String => Some(c.value.clone()),
                Ok(()) => {
                    diags.error(
                        "bad-constraint",
                        phere.at("pattern").key(),
                        "`pattern` applies to string parameters",
                        "remove it, or make the parameter a string",
                    );
                    None
                }
                Err(why) => {
                    let (loc, message) = fields::pattern_error(&c.value, &why, &phere.at("pattern"));
                    diags.error("bad-pattern", loc, message, fields::PATTERN_HINT);
                    None
                }
            });
            params.push(Param {
                name: p.clone(),
                rust,
                ty,
                docs: decl.docs.clone(),
                pattern,
                loc: phere.key(),
            });
        }
    }
    for (k, _) in raw.params.iter() {
        let in_path = parts
            .as_ref()
            .is_some_and(|ps| ps.iter().any(|x| matches!(x, PathPart::Param(p) if p == k)));
        if parts.is_some() && !in_path {
            diags.error(
                "unused-param",
                at.at("params").at(k.as_str()).key(),
                format!("parameter `{k}` does not appear in the path `{path}`"),
                format!("add `{{{k}}}` to the path, or remove the parameter"),
            );
        }
    }
    (parts, params)
}

fn parse_path(path: &str, at: &At<'_>, diags: &mut Diagnostics) -> Option<Vec<PathPart>> {
    if path.contains("\\{") {
        diags.error(
            "bad-path",
            at.value_part("\\{"),
            "the path has `\\{`: a backslash before a placeholder is a documentation artefact",
            format!("write `{}`", path.replace("\\{", "{")),
        );
        return None;
    }
    if !path.starts_with('/') || path.contains(['?', '#', ' ']) {
        diags.error(
            "bad-path",
            at.value(),
            format!("`{path}` is not a path template"),
            "start with `/`, no query string; placeholders as `{name}`",
        );
        return None;
    }
    if let Some((i, c)) = path_offender(path) {
        let shown = if c.is_control() {
            c.escape_default().to_string()
        } else {
            c.to_string()
        };
        diags.error(
            "bad-path",
            at.value_at(path, i, c.len_utf8()),
            format!("`{shown}` cannot appear in a URL path"),
            "a path has ASCII letters, digits, `/` and `-._~!$&'()*+,;=:@`; percent-encode anything else (`%20`)",
        );
        return None;
    }
    let mut parts = Vec::new();
    let mut rest = path;
    let mut seen = BTreeSet::new();
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                parts.push(PathPart::Literal(rest.to_owned()));
                break;
            }
            Some(i) if rest.as_bytes()[i] == b'}' => {
                diags.error(
                    "bad-path",
                    at.value_at(path, path.len() - rest.len() + i, 1),
                    format!("unbalanced `}}` in `{path}`"),
                    "placeholders are written `{name}`",
                );
                return None;
            }
            Some(i) => {
                if i > 0 {
                    parts.push(PathPart::Literal(rest[..i].to_owned()));
                }
                let after = &rest[i + 1..];
                let Some(close) = after.find('}') else {
                    diags.error(
                        "bad-path",
                        at.value_at(path, path.len() - rest.len() + i, rest.len() - i),
                        format!("unclosed `{{` in `{path}`"),
                        "close the placeholder with `}`",
                    );
                    return None;
                };
                let name = &after[..close];
                if !names::is_ascii_ident(name) {
                    diags.error(
                        "bad-path",
                        at.value_at(path, path.len() - rest.len() + i, close + 2),
                        format!("`{{{name}}}` is not a valid placeholder"),
                        "placeholders are identifiers: `{customerId}`",
                    );
                    return None;
                }
                if !seen.insert(name.to_owned()) {
                    diags.error(
                        "bad-path",
                        at.value_at(path, path.len() - rest.len() + i, close + 2),
                        format!("placeholder `{{{name}}}` appears twice"),
                        "each path parameter appears once; rename one of them",
                    );
                    return None;
                }
                parts.push(PathPart::Param(name.to_owned()));
                rest = &after[close + 1..];
            }
        }
    }
    Some(parts)
}

fn response(raw: &RawFile, at: &At<'_>, diags: &mut Diagnostics) -> Option<Response> {
    let Some(r) = &raw.response else {
        missing(
            diags,
            at,
            "response",
            "an endpoint needs `response:`",
            "add `response: { status: 204 }` or `response: { status: 200, type: T }`",
        );
        return None;
    };
    let here = at.at("response");
    let statuses = r.status.list();
    let mut ok = true;
    if statuses.is_empty() {
        diags.error(
            "bad-response",
            here.at("status").value(),
            "`status: []` lists no success status",
            "write the documented success status, e.g. `status: 200`",
        );
        return None;
    }
    for (i, s) in statuses.iter().enumerate() {
        let place = match &r.status {
            crate::raw::RawStatuses::One(_) => here.at("status").value(),
            crate::raw::RawStatuses::Many(_) => here.at("status").at(i).value(),
        };
        if !(200..300).contains(s) {
            diags.error(
                "bad-response",
                place,
                format!("status {s} is not a success status"),
                "document the successful response (2xx); error statuses go in `errors:`",
            );
            ok = false;
        } else if statuses[..i].contains(s) {
            diags.error(
                "duplicate-status",
                place,
                format!("success status {s} is listed twice"),
                "list each status once",
            );
            ok = false;
        }
    }
    let status = statuses[0];
    if statuses.contains(&204) && r.ty.is_some() {
        diags.error(
            "bad-response",
            here.at("type").key(),
            "204 No Content has no body type",
            "remove `type:`, or use the documented status (e.g. 200)",
        );
        ok = false;
    }
    let mut errors: Vec<u16> = Vec::new();
    for (i, s) in r.errors.iter().enumerate() {
        let place = here.at("errors").at(i).value();
        match u16::try_from(*s) {
            Ok(e) if (400..600).contains(&e) => {
                if errors.contains(&e) {
                    diags.error(
                        "duplicate-status",
                        place,
                        format!("error status {e} is listed twice"),
                        "list each status once",
                    );
                    ok = false;
                } else {
                    errors.push(e);
                }
            }
            _ => {
                diags.error(
                    "bad-status",
                    place,
                    format!("{s} is not an error status (400 to 599)"),
                    "list the documented error statuses, e.g. `errors: [400, 404, 422]`",
                );
                ok = false;
            }
        }
    }
    ok.then(|| Response {
        status,
        body: r.ty.clone(),
        docs: r.docs.clone(),
        statuses,
        errors,
    })
}

/// The first character of a path template (byte offset) that a URL path cannot carry as
/// it is: anything but RFC 3986's `pchar`s, `/`, the placeholders' braces and a `%` that
/// starts an escape (`%2F`). A NUL, a control character or a non-ASCII letter would make
/// every request fail to build.
fn path_offender(path: &str) -> Option<(usize, char)> {
    let bytes = path.as_bytes();
    path.char_indices().find(|&(i, c)| match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => false,
        '-' | '.' | '_' | '~' | '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '=' | ':' | '@' | '/' | '{' | '}' => false,
        '%' => !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit) && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit)),
        _ => true,
    })
}
