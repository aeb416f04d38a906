//! [`match_template`]: reading the parameters back out of a rendered message.

/// A piece of a message template.
enum Piece<'t> {
    /// Text that must appear as it is.
    Text(&'t str),
    /// A `{name}` placeholder.
    Hole(&'t str),
}

/// Splits a template the way [`render_template`](super::render_template) reads it: a
/// placeholder is `{name}` with a non-empty name free of braces; every other brace is
/// text.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(open) = template.get(at..).and_then(|t| t.find('{')).map(|i| i + at) {
        let after = open + 1;
        let hole = template.get(after..).and_then(|rest| {
            let end = rest.find(['{', '}'])?;
            (end > 0 && rest.get(end..)?.starts_with('}')).then(|| (rest.get(..end), after + end + 1))
        });
        match hole {
            Some((Some(name), next)) => {
                if text_start < open {
                    out.push(Piece::Text(template.get(text_start..open).unwrap_or_default()));
                }
                out.push(Piece::Hole(name));
                text_start = next;
                at = next;
            }
            _ => at = after,
        }
    }
    if text_start < template.len() {
        out.push(Piece::Text(template.get(text_start..).unwrap_or_default()));
    }
    out
}

/// The values of `template`'s placeholders in `message`, when `message` is `template`
/// rendered: `("0", "VIP")` from `Tag '{0}' is taken.` and `Tag 'VIP' is taken.`.
///
/// Text between placeholders must match exactly. A placeholder takes the shortest value
/// that lets the next piece of text match, except the last one, which runs up to the
/// template's closing text. Two placeholders with no text between them cannot be told
/// apart: the first gets the empty string. `None` when the message does not have the
/// template's shape (the provider reworded it, say).
///
/// ```
/// # use mutaspec_runtime::errors::match_template;
/// let t = "Invalid industryClassificationCodeId '{id}'";
/// assert_eq!(match_template(t, "Invalid industryClassificationCodeId '42'"), Some(vec![("id", "42")]));
/// assert_eq!(match_template(t, "Something else"), None);
/// ```
#[must_use]
pub fn match_template<'t, 'm>(template: &'t str, message: &'m str) -> Option<Vec<(&'t str, &'m str)>> {
    let pieces = pieces(template);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut open: Option<&'t str> = None;
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Hole(name) => {
                if let Some(prev) = open.replace(name) {
                    out.push((prev, ""));
                }
            }
            Piece::Text(text) => {
                let rest = message.get(pos..)?;
                match open.take() {
                    None => {
                        if !rest.starts_with(text) {
                            return None;
                        }
                        pos += text.len();
                    }
                    Some(name) => {
                        let last = i + 1 == pieces.len();
                        let start = if last {
                            rest.strip_suffix(text).map(str::len)?
                        } else {
                            rest.find(text)?
                        };
                        out.push((name, rest.get(..start)?));
                        pos += start + text.len();
                    }
                }
            }
        }
    }
    match open {
        Some(name) => out.push((name, message.get(pos..)?)),
        None if pos != message.len() => return None,
        None => {}
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::render_template;

    #[test]
    fn reads_back_what_render_template_wrote() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Tag '{0}' is already associated with a different customer.", &[("0", "VIP")]),
            ("Invalid industryClassificationCodeId '{id}'", &[("id", "12")]),
            ("{a} and {b}", &[("a", "x y"), ("b", "z")]),
            ("{a}", &[("a", "everything")]),
            ("no placeholders", &[]),
            ("{a}-{b}", &[("a", "1"), ("b", "-2-")]),
            ("é {a} ü", &[("a", "ñ")]),
        ];
        for (template, params) in cases {
            let message = render_template(template, params);
            assert_eq!(match_template(template, &message).as_deref(), Some(*params), "{template}");
        }
    }

    #[test]
    fn refuses_other_shapes() {
        assert_eq!(match_template("Tag '{0}' is taken.", "Tag is taken"), None);
        assert_eq!(match_template("fixed", "fixed but longer"), None);
        assert_eq!(match_template("fixed", "fix"), None);
        assert_eq!(match_template("'{a}' x", "'1' y"), None);
        assert_eq!(match_template("", "x"), None);
        assert_eq!(match_template("", ""), Some(vec![]));
    }

    #[test]
    fn stray_braces_are_text() {
        assert_eq!(match_template("{} {a}", "{} 1"), Some(vec![("a", "1")]));
        assert_eq!(match_template("open { {a}", "open { 1"), Some(vec![("a", "1")]));
        assert_eq!(match_template("{a", "{a"), Some(vec![]));
        assert_eq!(match_template("}{a}{", "}x{"), Some(vec![("a", "x")]));
    }

    #[test]
    fn adjacent_placeholders_give_the_first_nothing() {
        assert_eq!(match_template("{a}{b}!", "xy!"), Some(vec![("a", ""), ("b", "xy")]));
    }
}
