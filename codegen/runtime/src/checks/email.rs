//! A pragmatic email address check.

/// Whether `text` looks like an email address a provider will accept.
///
/// The rule is deliberately pragmatic, not RFC 5322:
/// - exactly one `@`;
/// - a non-empty local part of at most 64 bytes;
/// - a domain of dot-separated, non-empty labels, with at least one dot
///   (`a@localhost` is refused, `a@b.c` accepted);
/// - no whitespace or control characters anywhere, and at most 254 bytes in all.
///
/// Non-ASCII letters are allowed (internationalised addresses).
#[must_use]
pub fn is_email(text: &str) -> bool {
    if text.len() > 254 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        for text in ["a@b.co", "first.last+tag@example.com", "x_y@sub.domain.org", "üser@exämple.de"] {
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
        let long_domain = format!("{}.com", "d".repeat(250));
        assert!(!is_email(&format!("a@{long_domain}")));
    }
}
