//! The top of the comparison: APIs, endpoints and the facts of an endpoint (method, path,
//! parameters, hosts, auth, response). Bodies are compared in `fields`, error catalogues
//! and settings in `catalog`.

use std::collections::BTreeSet;

use super::change::{code, Change, RuleId, Sink};
use super::{catalog, constraints, fields};
use crate::diag::Loc;
use crate::model::{Api, Auth, Endpoint, Hosts, ParamType, Response, Spec};

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
        let msg = format!(
            "auth changed from {} to {}: callers must send other credentials",
            auth(&o.auth),
            auth(&n.auth)
        );
        sink.push(RuleId::AuthChanged, "auth", Some(auth_at), msg);
    }
    if o.response.status != n.response.status || o.response.body != n.response.body {
        let msg = format!("response changed from {} to {}", response(&o.response), response(&n.response));
        sink.push(RuleId::ResponseChanged, "response", at, msg);
    }
    fields::body(fields::BodyDiff::new(old_api, o), fields::BodyDiff::new(new_api, n), &mut sink);
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

fn auth(a: &Auth) -> String {
    match a {
        Auth::Bearer { api_key_header: Some(h) } => format!("a bearer token with the {} header", code(h)),
        Auth::Bearer { api_key_header: None } => "a bearer token".into(),
        Auth::Basic => "HTTP Basic".into(),
    }
}

fn response(r: &Response) -> String {
    match &r.body {
        Some(t) => format!("{} with {}", r.status, code(t)),
        None => format!("{} (no content)", r.status),
    }
}
