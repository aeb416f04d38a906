//! A pragmatic email address check.

/// RFC 5322 `atext`, plus any non-ASCII character (RFC 6531, internationalised
/// addresses) that is not whitespace or a control character.
fn atom_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
    } else {
        !c.is_whitespace() && !c.is_control()
    }
}

/// A domain label: letters, digits and hyphens, not starting or ending with a hyphen,
/// at most 63 characters (RFC 1123); non-ASCII letters are allowed (an
/// internationalised domain name, whose length is not checked).
fn label(l: &str) -> bool {
    !l.is_empty()
        && (l.len() <= 63 || !l.is_ascii())
        && !l.starts_with('-')
        && !l.ends_with('-')
        && l.chars().all(|c| {
            if c.is_ascii() {
                c.is_ascii_alphanumeric() || c == '-'
            } else {
                !c.is_whitespace() && !c.is_control()
            }
        })
}

/// Whether `text` looks like an email address a provider will accept.
///
/// The rule is RFC 5321/5322's common form, `local@domain`, not every form those RFCs
/// allow:
/// - exactly one `@`, and at most 254 bytes in all (RFC 5321's path limit);
/// - the local part is a dot-atom of at most 64 bytes (RFC 5321 §4.5.3.1.1): one or
///   more atoms of letters, digits and ``!#$%&'*+-/=?^_`{|}~`` separated by single
///   dots, so no leading, trailing or doubled dot (`.a@b.co`, `a..b@b.co` are refused);
/// - the domain is two or more dot-separated labels of letters, digits and hyphens,
///   none starting or ending with a hyphen or longer than 63 characters (`a@localhost`,
///   `a@b_c.com` and `a@invalid=domain.com` are refused);
/// - non-ASCII letters are allowed in both parts (internationalised addresses).
///
/// Refused on purpose although RFC 5322 allows them, since providers' sign-up and
/// contact fields refuse them too: a quoted local part (`"joe bloggs"@example.com`),
/// an address literal (`joe@[127.0.0.1]`), comments, and a domain without a dot.
#[must_use]
pub fn is_email(text: &str) -> bool {
    if text.len() > 254 {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    local.len() <= 64
        && local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atom_char))
        && domain.contains('.')
        && domain.split('.').all(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for text in [
            "a@b.co",
            "first.last+tag@example.com",
            "x_y@sub.domain.org",
            "üser@exämple.de",
            "te~st@example.com",
            "o'brien@example.ie",
            "a-b@my-host.example",
            "{x}|y@example.com",
        ] {
            assert!(is_email(text), "{text}");
        }
    }

    #[test]
    fn refuses_malformed_addresses() {
        let bad = [
            "",
            "@",
            "a@",
            "@b.com",
            "a@b",
            "a@@b.com",
            "a@b@c.com",
            "a b@c.com",
            "a@b .com",
            "a@.com",
            "a@b.",
            "a@b..com",
            "a@b.com\n",
            "a\t@b.com",
            "plainaddress",
            ".a@b.com",
            "a.@b.com",
            "a..b@c.com",
            "a@invalid=domain.com",
            "a@-b.com",
            "a@b-.com",
            "a@b_c.com",
            "\"a b\"@c.com",
            "a@[127.0.0.1]",
            "a,b@c.com",
            "a(x)@c.com",
        ];
        for text in bad {
            assert!(!is_email(text), "{text:?}");
        }
    }

    #[test]
    fn length_limits() {
        let local = "a".repeat(64);
        assert!(is_email(&format!("{local}@b.co")));
        assert!(!is_email(&format!("{local}a@b.co")));
        assert!(is_email(&format!("a@{}.com", "d".repeat(63))));
        assert!(!is_email(&format!("a@{}.com", "d".repeat(64))));
        let long_domain = format!("{}.com", "d.".repeat(125));
        assert!(!is_email(&format!("a@{long_domain}")));
    }
}
