//! A tiny YAML writer for generated specs: block mappings and sequences, every string
//! double-quoted with every character outside YAML's printable set escaped, so any
//! text (control characters, bidi marks, quotes, `#`, `: `) reaches the loader as the
//! exact string the generator chose.

/// A YAML node.
#[derive(Debug, Clone)]
pub enum Y {
    Map(Vec<(String, Y)>),
    Seq(Vec<Y>),
    Str(String),
    /// A plain scalar written as is (numbers, booleans).
    Plain(String),
}

impl Y {
    pub fn s(text: impl Into<String>) -> Y {
        Y::Str(text.into())
    }
    pub fn n(v: impl ToString) -> Y {
        Y::Plain(v.to_string())
    }
    pub fn b(v: bool) -> Y {
        Y::Plain(v.to_string())
    }
    pub fn map() -> Y {
        Y::Map(Vec::new())
    }
    /// Adds `key: value` to a mapping.
    pub fn put(&mut self, key: impl Into<String>, value: Y) {
        match self {
            Y::Map(m) => m.push((key.into(), value)),
            _ => unreachable!("put on a non-mapping"),
        }
    }
    pub fn with(mut self, key: impl Into<String>, value: Y) -> Y {
        self.put(key, value);
        self
    }
}

/// A double-quoted YAML scalar.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            // Line breaks for some YAML parsers: the loader refuses them raw.
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'.. => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{:04x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// The document text.
pub fn write(doc: &Y) -> String {
    let mut out = String::new();
    block(doc, 0, &mut out);
    out
}

fn inline(y: &Y) -> Option<String> {
    match y {
        Y::Str(s) => Some(quote(s)),
        Y::Plain(p) => Some(p.clone()),
        Y::Map(m) if m.is_empty() => Some("{}".to_owned()),
        Y::Seq(s) if s.is_empty() => Some("[]".to_owned()),
        _ => None,
    }
}

fn block(y: &Y, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match y {
        Y::Map(m) => {
            for (k, v) in m {
                out.push_str(&pad);
                out.push_str(&quote(k));
                out.push(':');
                match inline(v) {
                    Some(s) => {
                        out.push(' ');
                        out.push_str(&s);
                        out.push('\n');
                    }
                    None => {
                        out.push('\n');
                        block(v, indent + 2, out);
                    }
                }
            }
        }
        Y::Seq(s) => {
            for v in s {
                out.push_str(&pad);
                out.push('-');
                match inline(v) {
                    Some(t) => {
                        out.push(' ');
                        out.push_str(&t);
                        out.push('\n');
                    }
                    None => {
                        out.push('\n');
                        block(v, indent + 2, out);
                    }
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&inline(other).unwrap_or_default());
            out.push('\n');
        }
    }
}
