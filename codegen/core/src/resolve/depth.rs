//! How deep the resolved types nest: levels of objects, arrays and maps from a body or
//! from a named type nothing else uses. rustc fails on the generated types from about
//! 60 levels, so the loader refuses more than [`MAX_TYPE_DEPTH`].
//!
//! The objects of an API form a graph (a field's type names another object); its
//! depths are computed once per object, iteratively (a chain of thousands of named
//! types recurses nowhere), with every depth capped just past the limit. A cycle of
//! named types adds nothing here: recursion is a matter of its own.

use std::collections::HashMap;

use super::fields::DEPTH_HINT;
use super::MAX_TYPE_DEPTH;
use crate::diag::Diagnostics;
use crate::model::{Api, Field, Ty, TypeKind};

/// Depths at or past this are all "too deep".
const CAP: usize = MAX_TYPE_DEPTH + 1;

/// One object of the API (a body or an object type) and what its fields lead to.
struct Node<'a> {
    fields: &'a [Field],
    /// Per field with a type: the levels its type adds (arrays, maps, one more for an
    /// object) and the object it leads to.
    edges: Vec<(usize, Option<usize>)>,
    /// A body, or a named type that no field uses: where the depth is counted from.
    root: bool,
}

impl<'a> Node<'a> {
    fn new(fields: &'a [Field]) -> Self {
        Node {
            fields,
            edges: Vec::new(),
            root: false,
        }
    }
}

/// Reports every body and unused named type whose types nest too deep, at the first
/// field of its deepest path.
pub(super) fn check(api: &Api, diags: &mut Diagnostics) {
    let mut nodes: Vec<Node<'_>> = Vec::new();
    // Per node, the names its fields see: the shared types, then its endpoint's own.
    let mut scope_of: Vec<Option<usize>> = Vec::new();
    let mut shared: HashMap<&str, usize> = HashMap::new();
    let mut locals: Vec<HashMap<&str, usize>> = Vec::new();
    let mut named = Vec::new();
    for t in &api.types {
        if let TypeKind::Object(o) = &t.kind {
            shared.insert(&t.name, nodes.len());
            named.push(nodes.len());
            scope_of.push(None);
            nodes.push(Node::new(&o.fields));
        }
    }
    let mut bodies = Vec::new();
    for (e, ep) in api.endpoints.iter().enumerate() {
        let mut local = HashMap::new();
        for t in &ep.types {
            if let TypeKind::Object(o) = &t.kind {
                local.insert(t.name.as_str(), nodes.len());
                named.push(nodes.len());
                scope_of.push(Some(e));
                nodes.push(Node::new(&o.fields));
            }
        }
        locals.push(local);
        bodies.push(nodes.len());
        scope_of.push(Some(e));
        nodes.push(Node::new(&ep.body.fields));
    }
    let mut used = vec![false; nodes.len()];
    for (i, scope) in scope_of.iter().enumerate() {
        let local = scope.and_then(|e| locals.get(e));
        let edges: Vec<(usize, Option<usize>)> = nodes[i]
            .fields
            .iter()
            .filter_map(|f| f.ty.as_ref())
            .map(|ty| {
                let (layers, base) = peel(ty);
                let Ty::Named(n) = base else { return (layers, None) };
                // An enum, or an unknown name (reported already), adds nothing.
                match local.and_then(|l| l.get(n.as_str())).or_else(|| shared.get(n.as_str())) {
                    Some(t) => {
                        used[*t] = true;
                        (layers + 1, Some(*t))
                    }
                    None => (layers, None),
                }
            })
            .collect();
        nodes[i].edges = edges;
    }
    for i in named.into_iter().filter(|i| !used[*i]).chain(bodies) {
        nodes[i].root = true;
    }
    let depth = depths(&nodes);
    for (i, node) in nodes.iter().enumerate() {
        if node.root && depth[i] >= CAP {
            report(&nodes, &depth, i, diags);
        }
    }
}

/// The `[]` and `map<...>` layers of a type, and what they hold.
fn peel(ty: &Ty) -> (usize, &Ty) {
    let mut layers = 0;
    let mut t = ty;
    while let Ty::List(i) | Ty::Map(i) = t {
        layers += 1;
        t = i;
    }
    (layers, t)
}

/// Every node's depth, capped at [`CAP`]: a post-order walk with an explicit stack. An
/// edge back to an object still being walked (a cycle) counts its own levels only.
fn depths(nodes: &[Node<'_>]) -> Vec<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; nodes.len()];
    let mut depth = vec![0; nodes.len()];
    for start in 0..nodes.len() {
        if state[start] != State::New {
            continue;
        }
        state[start] = State::Open;
        let mut stack = vec![(start, 0)];
        while let Some((v, next)) = stack.last_mut() {
            let v = *v;
            if let Some((_, to)) = nodes[v].edges.get(*next) {
                *next += 1;
                if let Some(t) = *to {
                    if state[t] == State::New {
                        state[t] = State::Open;
                        stack.push((t, 0));
                    }
                }
                continue;
            }
            let below = |to: Option<usize>| to.filter(|t| state[*t] == State::Done).map_or(0, |t| depth[t]);
            let deepest = nodes[v].edges.iter().map(|(layers, to)| layers + below(*to)).max();
            depth[v] = deepest.unwrap_or(0).min(CAP);
            state[v] = State::Done;
            stack.pop();
        }
    }
    depth
}

/// The error for root `i`, at the first field of its deepest path, which it names.
fn report(nodes: &[Node<'_>], depth: &[usize], i: usize, diags: &mut Diagnostics) {
    let mut path: Vec<&str> = Vec::new();
    let mut first: Option<&Field> = None;
    let mut at = Some(i);
    while let Some(v) = at.filter(|_| path.len() <= CAP) {
        let node = &nodes[v];
        let typed = node.fields.iter().filter(|f| f.ty.is_some()).zip(&node.edges);
        let mut deepest: Option<(&Field, Option<usize>, usize)> = None;
        for (f, (layers, to)) in typed {
            let d = layers + to.map_or(0, |t| depth[t]);
            if deepest.is_none_or(|(_, _, best)| d > best) {
                deepest = Some((f, *to, d));
            }
        }
        let Some((f, to, _)) = deepest else { break };
        first.get_or_insert(f);
        path.push(&f.wire);
        at = to;
    }
    let Some(first) = first else { return };
    let shown = if path.len() > 6 {
        format!("{}. ... .{}", path[..3].join("."), path[path.len() - 2..].join("."))
    } else {
        path.join(".")
    };
    diags.error(
        "too-deep-type",
        first.loc.clone(),
        format!("`{shown}` nests more than {MAX_TYPE_DEPTH} levels of objects, arrays and maps"),
        DEPTH_HINT,
    );
}
