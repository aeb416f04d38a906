//! [`Path`]: a JSON path built on the stack, rendered only when needed.

use std::fmt::{self, Write};

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seg<'a> {
    /// An object member.
    Key(&'a str),
    /// An array item.
    Index(usize),
}

/// The location of a value in a request, as a chain of borrowed segments.
///
/// Each child borrows its parent, so building paths while walking a request costs no
/// allocation; [`render`](Path::render) (or `Display`) produces the text only when a
/// violation is recorded: `individual.mailingAddress[0].zip`. The root renders as the
/// empty string; a key that is not a plain identifier (`[A-Za-z_][A-Za-z0-9_]*`)
/// renders as `["we ird"]`, JSON-escaped.
///
/// ```
/// # use mutaspec_runtime::Path;
/// let root = Path::root();
/// let individual = root.key("individual");
/// let addresses = individual.key("mailingAddress");
/// let first = addresses.index(0);
/// assert_eq!(first.key("zip").render(), "individual.mailingAddress[0].zip");
/// // Chaining works within one expression, as temporaries live to its end:
/// assert_eq!(root.key("tags").key("vip customer").render(), r#"tags["vip customer"]"#);
/// ```
///
/// A child borrows its parent, so a path that must outlive a statement needs one `let`
/// per level (as generated validators do: each nested validator receives `&Path`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Option<Seg<'a>>,
}

impl<'a> Path<'a> {
    /// The path of the request body itself.
    #[must_use]
    #[inline]
    pub const fn root() -> Path<'static> {
        Path { parent: None, seg: None }
    }

    /// The path of member `key` of the object at this path.
    #[must_use]
    #[inline]
    pub const fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path {
            parent: Some(self),
            seg: Some(Seg::Key(key)),
        }
    }

    /// The path of item `index` of the array at this path.
    #[must_use]
    #[inline]
    pub const fn index(&self, index: usize) -> Path<'_> {
        Path {
            parent: Some(self),
            seg: Some(Seg::Index(index)),
        }
    }

    /// The last segment; `None` for the root.
    #[must_use]
    pub const fn seg(&self) -> Option<Seg<'a>> {
        self.seg
    }

    /// The enclosing path; `None` for the root.
    #[must_use]
    pub const fn parent(&self) -> Option<&'a Path<'a>> {
        self.parent
    }

    /// Whether this is the root path.
    #[must_use]
    pub const fn is_root(&self) -> bool {
        self.seg.is_none()
    }

    /// The number of segments (0 for the root).
    #[must_use]
    pub fn depth(&self) -> usize {
        self.parent.map_or(0, |p| p.depth() + 1)
    }

    /// The path as text, e.g. `individual.mailingAddress[0].zip`.
    #[must_use]
    pub fn render(&self) -> String {
        self.to_string()
    }
}

/// Whether `key` can be written after a dot.
fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Writes `key` as a JSON string literal.
fn write_quoted(f: &mut fmt::Formatter<'_>, key: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in key.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(seg) = self.seg else {
            return Ok(());
        };
        let parent = self.parent.filter(|p| !p.is_root());
        if let Some(parent) = parent {
            fmt::Display::fmt(parent, f)?;
        }
        match seg {
            Seg::Index(index) => write!(f, "[{index}]"),
            Seg::Key(key) if is_identifier(key) => {
                if parent.is_some() {
                    f.write_char('.')?;
                }
                f.write_str(key)
            }
            Seg::Key(key) => {
                f.write_char('[')?;
                write_quoted(f, key)?;
                f.write_char(']')
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_nested_paths() {
        let root = Path::root();
        assert_eq!(root.render(), "");
        assert!(root.is_root());
        let individual = root.key("individual");
        let addresses = individual.key("mailingAddress");
        let first = addresses.index(0);
        let zip = first.key("zip");
        assert_eq!(zip.render(), "individual.mailingAddress[0].zip");
        assert_eq!(zip.depth(), 4);
        assert_eq!(zip.seg(), Some(Seg::Key("zip")));
        assert_eq!(zip.parent().and_then(Path::seg), Some(Seg::Index(0)));
        assert_eq!(format!("{zip}"), "individual.mailingAddress[0].zip");
    }

    #[test]
    fn index_at_root_and_nested_indices() {
        let root = Path::root();
        let item = root.index(3);
        assert_eq!(item.render(), "[3]");
        assert_eq!(item.key("id").render(), "[3].id");
        assert_eq!(item.index(1).index(2).render(), "[3][1][2]");
    }

    #[test]
    fn weird_keys_are_bracketed() {
        let root = Path::root();
        assert_eq!(root.key("we ird").render(), r#"["we ird"]"#);
        let tags = root.key("tags");
        assert_eq!(tags.key("x-y").render(), r#"tags["x-y"]"#);
        assert_eq!(tags.key("3ds").render(), r#"tags["3ds"]"#);
        assert_eq!(tags.key("").render(), r#"tags[""]"#);
        assert_eq!(tags.key("é").render(), r#"tags["é"]"#);
        assert_eq!(tags.key("a\"b\\c\n\u{1}").render(), r#"tags["a\"b\\c\n\u0001"]"#);
        assert_eq!(tags.key("_links").render(), "tags._links");
    }
}
