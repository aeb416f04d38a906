//! The top of the comparison: APIs, endpoints and the facts of an endpoint (method, path,
//! parameters, hosts, auth, response). Bodies are compared in `fields`, error catalogues
//! and settings in `catalog`.

use std::collections::BTreeSet;

use super::change::{code, Change, RuleId, Sink};
use super::{catalog, constraints, fields};
use crate::diag::Loc;
use crate::model::{Api, Auth, ClientAuth, Endpoint, Header, HeaderValue, Hosts, ParamType, Response, Spec};

/// Every change from `old` to `new`, in comparison order (see [`super::change::sort`]).
pub fn specs(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut out = Vec::new();
    let names: BTreeSet<&str> = old.apis.iter().chain(&new.apis).map(|a| a.name.as_str()).collect();
    for name in names {
        let o = old.apis.iter().find(|a| a.name == name);
        let n = new.apis.iter().find(|a| a.name == name);
        match (o, n) {
            (Some(o), Some(n)) => apis(o, n, &mut out),
            (None, Some(n)) => n.endpoints.iter().for_each(|e| added(n, e, &mut out)),
            (Some(o), None) => o.endpoints.iter().for_each(|e| removed(o, e, None, &mut out)),
            (None, None) => {}
        }
    }
    out
}

fn apis(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let mut sink = Sink {
        api: &new.name,
        endpoint: None,
        out,
    };
    catalog::errors(old, new, &mut sink);
    catalog::settings(old, new, &mut sink);
    catalog::versions(old, new, &mut sink);
    let names: BTreeSet<&str> = old.endpoints.iter().chain(&new.endpoints).map(|e| e.name.as_str()).collect();
    for name in names {
        let o = old.endpoints.iter().find(|e| e.name == name);
        let n = new.endpoints.iter().find(|e| e.name == name);
        match (o, n) {
            (Some(o), Some(n)) => endpoint(old, o, new, n, out),
            (None, Some(n)) => added(new, n, out),
            (Some(o), None) => removed(old, o, Some(&new.loc), out),
            (None, None) => {}
        }
    }
}

fn request_line(e: &Endpoint) -> String {
    format!("{} {}", e.method.as_str(), e.path_template())
}

fn added(api: &Api, e: &Endpoint, out: &mut Vec<Change>) {
    let mut sink = Sink {
        api: &api.name,
        endpoint: Some(&e.name),
        out,
    };
    let msg = format!("new endpoint {}", code(&request_line(e)));
    sink.push(RuleId::EndpointAdded, "endpoint", Some(&e.loc), msg);
}

fn removed(api: &Api, e: &Endpoint, new_api_loc: Option<&Loc>, out: &mut Vec<Change>) {
    let mut sink = Sink {
        api: &api.name,
        endpoint: Some(&e.name),
        out,
    };
    let msg = format!("endpoint {} removed: callers of it no longer compile", code(&request_line(e)));
    sink.push(RuleId::EndpointRemoved, "endpoint", new_api_loc, msg);
}

fn endpoint(old_api: &Api, o: &Endpoint, new_api: &Api, n: &Endpoint, out: &mut Vec<Change>) {
    let mut sink = Sink {
        api: &new_api.name,
        endpoint: Some(&n.name),
        out,
    };
    let at = Some(&n.loc);
    if o.method != n.method {
        let msg = format!("method changed from {} to {}", o.method.as_str(), n.method.as_str());
        sink.push(RuleId::MethodChanged, "method", at, msg);
    }
    let (op, np) = (o.path_template(), n.path_template());
    if op != np {
        sink.push(
            RuleId::PathChanged,
            "path",
            at,
            format!("path changed from {} to {}", code(&op), code(&np)),
        );
    }
    for p in &n.params {
        let Some(q) = o.params.iter().find(|q| q.name == p.name) else {
            continue;
        };
        let subject = format!("{{{}}}", p.name);
        if q.ty != p.ty {
            let msg = format!(
                "path parameter {} changed type from {} to {}",
                code(&subject),
                param_ty(q.ty),
                param_ty(p.ty)
            );
            sink.push(RuleId::ParamTypeChanged, subject.clone(), Some(&p.loc), msg);
        }
        constraints::pattern(q.pattern.as_deref(), p.pattern.as_deref(), &subject, &p.loc, &mut sink);
    }
    let hosts_at = if new_api.hosts.as_ref() == Some(&n.hosts) {
        &new_api.loc
    } else {
        &n.loc
    };
    hosts(&o.hosts, &n.hosts, hosts_at, &mut sink);
    if o.auth != n.auth {
        let auth_at = if new_api.auth.as_ref() == Some(&n.auth) {
            &new_api.loc
        } else {
            &n.loc
        };
        auth_changes(&o.auth, &n.auth, auth_at, &mut sink);
    }
    if o.content_type != n.content_type {
        let msg = format!(
            "content type changed from {} to {}: the body is written otherwise",
            code(o.content_type.as_str()),
            code(n.content_type.as_str())
        );
        sink.push(RuleId::ContentTypeChanged, "content_type", at, msg);
    }
    headers(&o.headers, &n.headers, &n.loc, &mut sink);
    if o.response.status != n.response.status || o.response.body != n.response.body {
        let msg = format!("response changed from {} to {}", response(&o.response), response(&n.response));
        sink.push(RuleId::ResponseChanged, "response", at, msg);
    }
    response_statuses(&o.response, &n.response, at, &mut sink);
    fields::body(fields::BodyDiff::new(old_api, o), fields::BodyDiff::new(new_api, n), &mut sink);
    current(old_api, o, new_api, n, &mut sink);
}

/// The endpoint's `current:` fields, by wire name: added, removed, or of another type
/// (types compared as the spec writes them, inline types by their shape).
fn current(old_api: &Api, o: &Endpoint, new_api: &Api, n: &Endpoint, sink: &mut Sink<'_>) {
    let show = |api: &Api, e: &Endpoint, ty: Option<&crate::model::Ty>| -> String {
        let Some(ty) = ty else { return "untyped".into() };
        match ty {
            crate::model::Ty::Named(name) => match api.find_type(Some(e), name) {
                Some(t) if t.inline => match &t.kind {
                    crate::model::TypeKind::Enum(en) => {
                        let v: Vec<&str> = en.values.iter().map(|v| v.wire.as_str()).collect();
                        format!("one of [{}]", v.join(", "))
                    }
                    crate::model::TypeKind::Object(_) => format!("an object `{name}`"),
                },
                _ => ty.spec_text(),
            },
            _ => ty.spec_text(),
        }
    };
    for f in &n.current {
        let subject = format!("current {}", f.wire);
        match o.current.iter().find(|g| g.wire == f.wire) {
            None => {
                let msg = format!(
                    "new field {} of the current resource ({})",
                    code(&f.wire),
                    show(new_api, n, f.ty.as_ref())
                );
                sink.push(RuleId::CurrentFieldAdded, subject, Some(&f.loc), msg);
            }
            Some(g) => {
                let (was, now) = (show(old_api, o, g.ty.as_ref()), show(new_api, n, f.ty.as_ref()));
                if was != now {
                    let msg = format!(
                        "field {} of the current resource is now {now} (was {was}): code and recorded snapshots written for the old type may no longer fit",
                        code(&f.wire)
                    );
                    sink.push(RuleId::CurrentFieldChanged, subject, Some(&f.loc), msg);
                }
            }
        }
    }
    for g in o.current.iter().filter(|g| n.current.iter().all(|f| f.wire != g.wire)) {
        let msg = format!(
            "field {} of the current resource removed: code that sets it on the snapshot no longer compiles",
            code(&g.wire)
        );
        sink.push(RuleId::CurrentFieldRemoved, format!("current {}", g.wire), Some(&n.loc), msg);
    }
}

/// The documented statuses beyond the primary success status (which `response-changed`
/// compares): further success statuses and the error statuses.
fn response_statuses(o: &crate::model::Response, n: &crate::model::Response, at: Option<&Loc>, sink: &mut Sink<'_>) {
    let lists = |r: &crate::model::Response| {
        let mut out: Vec<(u16, &'static str)> = r.statuses.iter().skip(1).map(|s| (*s, "success")).collect();
        out.extend(r.errors.iter().map(|s| (*s, "error")));
        out
    };
    let (ol, nl) = (lists(o), lists(n));
    for (s, kind) in nl.iter().filter(|x| !ol.contains(x)) {
        let as_what = if kind == &"success" { "the typed success" } else { "an error" };
        let msg = format!("new documented {kind} status {s}: `read_response` reads it as {as_what}");
        sink.push(RuleId::ResponseStatusAdded, format!("response {s}"), at, msg);
    }
    for (s, kind) in ol.iter().filter(|x| !nl.contains(x)) {
        let msg = if kind == &"success" {
            format!("success status {s} is no longer documented: `read_response` gives `UnexpectedStatus` for it")
        } else if n.errors.is_empty() {
            format!("error status {s} is no longer documented (no error status is listed: any 4xx or 5xx is an error)")
        } else {
            format!("error status {s} is no longer documented: `read_response` gives `UnexpectedStatus` for it")
        };
        sink.push(RuleId::ResponseStatusRemoved, format!("response {s}"), at, msg);
    }
}

fn param_ty(t: ParamType) -> &'static str {
    match t {
        ParamType::Integer => "integer",
        ParamType::String => "string",
    }
}

fn hosts(o: &Hosts, n: &Hosts, at: &Loc, sink: &mut Sink<'_>) {
    if o.production != n.production {
        let msg = format!("production host changed from {} to {}", code(&o.production), code(&n.production));
        sink.push(RuleId::HostChanged, "hosts.production", Some(at), msg);
    }
    match (&o.staging, &n.staging) {
        (Some(a), Some(b)) if a != b => {
            let msg = format!("staging host changed from {} to {}", code(a), code(b));
            sink.push(RuleId::HostChanged, "hosts.staging", Some(at), msg);
        }
        (None, Some(b)) => sink.push(
            RuleId::HostAdded,
            "hosts.staging",
            Some(at),
            format!("new staging host {}", code(b)),
        ),
        (Some(a), None) => {
            let msg = format!("staging host {} removed: callers can no longer target staging", code(a));
            sink.push(RuleId::HostRemoved, "hosts.staging", Some(at), msg);
        }
        _ => {}
    }
}

/// Auth changes: between single schemes, `auth-changed`; when either side offers a
/// choice, the choices compared by name (added, removed, or changed under one name).
fn auth_changes(o: &Auth, n: &Auth, at: &Loc, sink: &mut Sink<'_>) {
    if !matches!(o, Auth::OneOf(_)) && !matches!(n, Auth::OneOf(_)) {
        let msg = format!("auth changed from {} to {}: callers must send other credentials", auth(o), auth(n));
        sink.push(RuleId::AuthChanged, "auth", Some(at), msg);
        return;
    }
    let (oc, nc) = (o.choices(), n.choices());
    for (name, a) in &nc {
        match oc.iter().find(|(m, _)| m == name) {
            None => {
                let msg = format!("new auth scheme {} ({}): callers may pick it", code(name), auth(a));
                sink.push(RuleId::AuthSchemeAdded, format!("auth.{name}"), Some(at), msg);
            }
            Some((_, b)) if b != a => {
                let msg = format!(
                    "auth scheme {} changed from {} to {}: callers must send other credentials",
                    code(name),
                    auth(b),
                    auth(a)
                );
                sink.push(RuleId::AuthChanged, format!("auth.{name}"), Some(at), msg);
            }
            Some(_) => {}
        }
    }
    for (name, a) in &oc {
        if !nc.iter().any(|(m, _)| m == name) {
            let msg = format!(
                "auth scheme {} ({}) removed: callers that pick it no longer compile",
                code(name),
                auth(a)
            );
            sink.push(RuleId::AuthSchemeRemoved, format!("auth.{name}"), Some(at), msg);
        }
    }
}

fn header_value(h: &Header) -> String {
    match &h.value {
        HeaderValue::Fixed(v) => format!("the fixed value {}", code(v)),
        HeaderValue::Typed(t) => format!("a{} {}", if h.required { " required" } else { "n optional" }, t.as_str()),
    }
}

fn headers(o: &[Header], n: &[Header], at: &Loc, sink: &mut Sink<'_>) {
    for h in n {
        let subject = format!("header {}", h.name);
        match o.iter().find(|p| p.name.eq_ignore_ascii_case(&h.name)) {
            None if h.required => {
                let msg = format!("new required header {}: callers must give it", code(&h.name));
                sink.push(RuleId::HeaderRequired, subject, Some(&h.loc), msg);
            }
            None => {
                let msg = format!("new header {} ({})", code(&h.name), header_value(h));
                sink.push(RuleId::HeaderAdded, subject, Some(&h.loc), msg);
            }
            Some(p) if p.value != h.value => {
                let msg = format!("header {} changed from {} to {}", code(&h.name), header_value(p), header_value(h));
                sink.push(RuleId::HeaderChanged, subject, Some(&h.loc), msg);
            }
            Some(p) if h.required && !p.required => {
                let msg = format!("header {} is now required: callers must give it", code(&h.name));
                sink.push(RuleId::HeaderRequired, subject, Some(&h.loc), msg);
            }
            Some(p) if !h.required && p.required => {
                let msg = format!("header {} is now optional", code(&h.name));
                sink.push(RuleId::HeaderAdded, subject, Some(&h.loc), msg);
            }
            Some(_) => {}
        }
    }
    for p in o {
        if !n.iter().any(|h| h.name.eq_ignore_ascii_case(&p.name)) {
            let msg = format!("header {} removed: callers that give it no longer compile", code(&p.name));
            sink.push(RuleId::HeaderRemoved, format!("header {}", p.name), Some(at), msg);
        }
    }
}

fn auth(a: &Auth) -> String {
    match a {
        Auth::Bearer { api_key_header: Some(h) } => format!("a bearer token with the {} header", code(h)),
        Auth::Bearer { api_key_header: None } => "a bearer token".into(),
        Auth::Basic => "HTTP Basic".into(),
        Auth::ApiKey { header, prefix: None } => format!("an API key in {}", code(header)),
        Auth::ApiKey { header, prefix: Some(p) } => format!("an API key in {} after {}", code(header), code(p)),
        Auth::OAuth2 {
            token_url,
            scopes,
            client_auth,
        } => format!(
            "OAuth2 client credentials from {} (scopes {}, client sent {})",
            code(token_url),
            code(&scopes.join(" ")),
            match client_auth {
                ClientAuth::Basic => "by HTTP Basic",
                ClientAuth::Body => "in the body",
            }
        ),
        Auth::OneOf(all) => {
            let names: Vec<String> = all.iter().map(|(n, _)| code(n)).collect();
            format!("a choice of {}", names.join(", "))
        }
    }
}

fn response(r: &Response) -> String {
    match &r.body {
        Some(t) => format!("{} with {}", r.status, code(t)),
        None => format!("{} (no content)", r.status),
    }
}
