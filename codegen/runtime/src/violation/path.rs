//! [`Path`]: a JSON path built on the stack, rendered only when needed.

use std::fmt::{self, Write};

use crate::wire::MapKey;

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seg<'a> {
    /// An object member.
    Key(&'a str),
    /// An array item.
    Index(usize),
    /// A map entry whose key is not shown: a key of a sensitive map, or of any map inside
    /// a sensitive value. Renders as `[<redacted>]`.
    Redacted,
}

/// How a [`Seg::Redacted`] segment renders.
const REDACTED_KEY: &str = "[<redacted>]";

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
///
/// A map entry's segment comes from [`entry`](Path::entry), which never keeps a key that
/// must not be shown: the key of a sensitive map (`Sensitive<String>`), or any map key
/// below a path marked [`sensitive`](Path::sensitive) (a sensitive field: its keys are
/// data too). Such an entry renders as `[<redacted>]`; field names, which come from the
/// spec, still render.
///
/// ```
/// # use mutaspec_runtime::Path;
/// let root = Path::root();
/// let labels = root.key("labels");
/// assert_eq!(labels.entry("team").render(), "labels.team");
/// let secrets = root.key("secrets").sensitive();
/// let entry = secrets.entry("S3CRET");
/// assert_eq!(entry.key("kind").render(), "secrets[<redacted>].kind");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Option<Seg<'a>>,
    /// The path of a sensitive value, or of a value inside one: map keys are not kept.
    sensitive: bool,
}

impl<'a> Path<'a> {
    /// The path of the request body itself.
    #[must_use]
    #[inline]
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            seg: None,
            sensitive: false,
        }
    }

    /// The path of member `key` of the object at this path: a field, whose name comes
    /// from the spec. A map's key goes through [`entry`](Path::entry).
    #[must_use]
    #[inline]
    pub const fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path {
            parent: Some(self),
            seg: Some(Seg::Key(key)),
            sensitive: self.sensitive,
        }
    }

    /// The path of item `index` of the array at this path.
    #[must_use]
    #[inline]
    pub const fn index(&self, index: usize) -> Path<'_> {
        Path {
            parent: Some(self),
            seg: Some(Seg::Index(index)),
            sensitive: self.sensitive,
        }
    }

    /// The path of the entry `key` of the map at this path: [`Seg::Key`] for a key that
    /// may be shown, [`Seg::Redacted`] (the key is not kept) for a sensitive key or any
    /// key below a [`sensitive`](Path::sensitive) path.
    #[must_use]
    #[inline]
    pub fn entry<'b, K: MapKey + ?Sized>(&'b self, key: &'b K) -> Path<'b> {
        let seg = match key.shown() {
            Some(k) if !self.sensitive => Seg::Key(k),
            _ => Seg::Redacted,
        };
        Path {
            parent: Some(self),
            seg: Some(seg),
            sensitive: self.sensitive,
        }
    }

    /// This path, marked as the path of a sensitive value: the map keys of every path
    /// built below it are not kept ([`entry`](Path::entry) gives [`Seg::Redacted`]).
    #[must_use]
    #[inline]
    pub const fn sensitive(self) -> Path<'a> {
        Path { sensitive: true, ..self }
    }

    /// Whether this is the path of a sensitive value, or of a value inside one.
    #[must_use]
    pub const fn is_sensitive(&self) -> bool {
        self.sensitive
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
            Seg::Redacted => f.write_str(REDACTED_KEY),
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

    #[test]
    fn entries_of_sensitive_maps_are_redacted() {
        let root = Path::root();
        let tags = root.key("tags");
        let shown = String::from("team");
        assert_eq!(tags.entry(&shown).render(), "tags.team");
        assert_eq!(tags.entry(&shown).seg(), Some(Seg::Key("team")));
        assert!(!tags.is_sensitive());
        // A sensitive key is never kept, whatever the path.
        let secret = crate::Sensitive::new(String::from("S3CRET"));
        let e = tags.entry(&secret);
        assert_eq!(e.seg(), Some(Seg::Redacted));
        assert_eq!(e.key("x").render(), "tags[<redacted>].x");
        // Below a sensitive path, no key is kept, at any depth; field names still are.
        let vault = root.key("vault").sensitive();
        assert!(vault.is_sensitive() && vault.key("a").index(0).is_sensitive());
        let key = String::from("S3CRET");
        let inner = vault.key("byName");
        let first = inner.entry(&key);
        let item = first.index(2);
        let deeper = item.key("labels");
        let leaf = deeper.entry(&key);
        assert_eq!(leaf.render(), "vault.byName[<redacted>][2].labels[<redacted>]");
        assert!(!format!("{leaf:?}").contains("S3CRET"));
        // Marking keeps the segment, and a root entry renders alone.
        assert_eq!(root.key("a b").sensitive().render(), r#"["a b"]"#);
        let top = root.sensitive();
        assert_eq!(top.entry(&key).render(), "[<redacted>]");
    }
}
