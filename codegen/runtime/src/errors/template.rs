//! [`render_template`]: filling `{name}` placeholders of documented messages.

/// Replaces each `{name}` in `template` by the value paired with `name` in `params`.
///
/// Placeholders without a value, and braces that do not form a placeholder, are kept
/// as they are. Inserted values are not scanned again, so a value containing `{x}`
/// stays literal.
///
/// ```
/// # use mutaspec_runtime::errors::render_template;
/// let t = "Tag '{0}' is already associated with '{id}'.";
/// assert_eq!(render_template(t, &[("0", "vip")]), "Tag 'vip' is already associated with '{id}'.");
/// ```
#[must_use]
pub fn render_template(template: &str, params: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let after_open = from_open.get(1..).unwrap_or_default();
        let value = after_open
            .find(['{', '}'])
            .filter(|&end| after_open.get(end..).is_some_and(|t| t.starts_with('}')))
            .and_then(|end| {
                let name = after_open.get(..end)?;
                let (_, value) = params.iter().find(|(n, _)| *n == name)?;
                Some((*value, end))
            });
        match value {
            Some((value, end)) => {
                out.push_str(value);
                rest = after_open.get(end + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after_open;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders() {
        assert_eq!(render_template("{a}-{b}-{a}", &[("a", "1"), ("b", "2")]), "1-2-1");
        assert_eq!(render_template("no placeholders", &[("a", "1")]), "no placeholders");
        assert_eq!(render_template("", &[]), "");
        assert_eq!(render_template("{é}", &[("é", "ü")]), "ü");
        assert_eq!(render_template("{}", &[("", "empty")]), "empty");
    }

    #[test]
    fn keeps_unknown_and_stray_braces() {
        assert_eq!(render_template("Customer '{id}' not found", &[]), "Customer '{id}' not found");
        assert_eq!(render_template("{ {a} }", &[("a", "x")]), "{ x }");
        assert_eq!(render_template("{{a}}", &[("a", "x")]), "{x}");
        assert_eq!(render_template("open { only", &[]), "open { only");
        assert_eq!(render_template("close } only", &[]), "close } only");
        assert_eq!(render_template("trailing {", &[]), "trailing {");
        assert_eq!(render_template("{a", &[("a", "x")]), "{a");
    }

    #[test]
    fn values_are_not_rescanned() {
        assert_eq!(render_template("{a}{b}", &[("a", "{b}"), ("b", "2")]), "{b}2");
    }
}
