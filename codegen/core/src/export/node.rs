//! An ordered JSON tree: members stay in the order they were set, so the exported
//! document reads in the order OpenAPI documents are written (and the spec's field
//! order), whatever `serde_json`'s map features are in a build. Serialized with serde
//! to JSON or YAML.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A JSON value whose objects keep their members' order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl Node {
    /// An empty object.
    pub fn obj() -> Node {
        Node::Obj(Vec::new())
    }

    /// A string.
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    /// An unsigned number.
    pub fn uint(n: u64) -> Node {
        Node::Num(n.into())
    }

    /// An array of strings.
    pub fn strs<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Node {
        Node::Arr(items.into_iter().map(|s| Node::str(s.as_ref())).collect())
    }

    /// Sets member `key` (replacing its value in place when present); on a non-object,
    /// nothing.
    pub fn set(&mut self, key: &str, value: Node) {
        if let Node::Obj(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, v)) => *v = value,
                None => members.push((key.to_owned(), value)),
            }
        }
    }

    /// [`Node::set`], returning the node (for building).
    pub fn with(mut self, key: &str, value: Node) -> Node {
        self.set(key, value);
        self
    }

    /// Member `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Member `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        match self {
            Node::Obj(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Member `key`, set to `default` first when absent.
    pub fn entry(&mut self, key: &str, default: Node) -> &mut Node {
        if self.get(key).is_none() {
            self.set(key, default);
        }
        self.get_mut(key).expect("just set")
    }

    /// Appends to an array; on anything else, nothing.
    pub fn push(&mut self, value: Node) {
        if let Node::Arr(items) = self {
            items.push(value);
        }
    }

    /// Whether this is an object without members.
    pub fn is_empty_obj(&self) -> bool {
        matches!(self, Node::Obj(m) if m.is_empty())
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Null => s.serialize_unit(),
            Node::Bool(b) => s.serialize_bool(*b),
            Node::Num(n) => n.serialize(s),
            Node::Str(t) => s.serialize_str(t),
            Node::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Obj(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}
