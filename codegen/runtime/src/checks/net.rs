//! IP addresses in their text forms: IPv4 dotted-decimal and IPv6 (RFC 4291 §2.2).

/// Whether `text` is an IPv4 address in dotted-decimal form: four decimal octets of
/// 0 to 255 separated by dots (`192.168.0.1`), as RFC 3986's `IPv4address` writes it.
///
/// A leading zero is refused (`192.168.0.01`: some parsers read it as octal), and so
/// are the `inet_aton` shorthands (`127.1`, `0x7f000001`), surrounding whitespace,
/// a netmask (`/24`) and a port (`:80`).
///
/// ```
/// # use mutaspec_runtime::checks::is_ipv4;
/// assert!(is_ipv4("192.168.0.1"));
/// assert!(!is_ipv4("192.168.0.01"));
/// assert!(!is_ipv4("256.0.0.1"));
/// ```
#[must_use]
pub fn is_ipv4(text: &str) -> bool {
    ipv4(text.as_bytes())
}

pub(crate) fn ipv4(bytes: &[u8]) -> bool {
    let mut octets = 0;
    for part in bytes.split(|&b| b == b'.') {
        octets += 1;
        if octets > 4 || !dec_octet(part) {
            return false;
        }
    }
    octets == 4
}

/// RFC 3986 `dec-octet`: `0` to `255` with no leading zero.
fn dec_octet(part: &[u8]) -> bool {
    match part {
        [d] => d.is_ascii_digit(),
        [b'1'..=b'9', d] => d.is_ascii_digit(),
        [b'1', d, e] => d.is_ascii_digit() && e.is_ascii_digit(),
        [b'2', b'0'..=b'4', e] => e.is_ascii_digit(),
        [b'2', b'5', b'0'..=b'5'] => true,
        _ => false,
    }
}

/// Whether `text` is an IPv6 address in the text form of RFC 4291 §2.2 (RFC 3986's
/// `IPv6address`): eight groups of one to four hexadecimal digits separated by colons,
/// any case (`2001:db8:0:0:0:0:0:1`); one `::` may stand for one or more groups of
/// zeros (`2001:db8::1`, `::`); the last two groups may be written as an IPv4 address
/// (`::ffff:192.168.0.1`, checked as [`is_ipv4`]).
///
/// Brackets (`[::1]`), a zone (`fe80::1%eth0`), a prefix length (`/64`) and
/// surrounding whitespace are refused.
///
/// ```
/// # use mutaspec_runtime::checks::is_ipv6;
/// assert!(is_ipv6("2001:db8::1"));
/// assert!(is_ipv6("::ffff:192.168.0.1"));
/// assert!(!is_ipv6("1::2::3"));
/// assert!(!is_ipv6("[::1]"));
/// ```
#[must_use]
pub fn is_ipv6(text: &str) -> bool {
    ipv6(text.as_bytes())
}

pub(crate) fn ipv6(bytes: &[u8]) -> bool {
    match bytes.windows(2).position(|w| w == b"::") {
        None => groups(bytes, true) == Some(8),
        Some(at) => {
            let (head, tail) = (&bytes[..at], &bytes[at + 2..]);
            match (groups(head, false), groups(tail, true)) {
                (Some(h), Some(t)) => h + t <= 7,
                _ => false,
            }
        }
    }
}

/// The number of 16-bit groups `part` writes (an IPv4 suffix counts two), or `None`
/// if it is not a colon-separated list of groups. An empty `part` has none.
fn groups(part: &[u8], ipv4_last: bool) -> Option<usize> {
    if part.is_empty() {
        return Some(0);
    }
    let mut count = 0;
    let mut pieces = part.split(|&b| b == b':').peekable();
    while let Some(piece) = pieces.next() {
        let last = pieces.peek().is_none();
        if (1..=4).contains(&piece.len()) && piece.iter().all(u8::is_ascii_hexdigit) {
            count += 1;
        } else if last && ipv4_last && ipv4(piece) {
            count += 2;
        } else {
            return None;
        }
    }
    Some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_forms() {
        for good in ["0.0.0.0", "255.255.255.255", "10.20.30.40", "192.168.0.1", "200.249.0.9"] {
            assert!(is_ipv4(good), "{good}");
        }
        let bad = [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1.2.3.04",
            "00.1.1.1",
            "1..2.3",
            ".1.2.3",
            "1.2.3.",
            "+1.2.3.4",
            "1.2.3.4 ",
            "0x7f.0.0.1",
            "1২7.0.0.1",
            "300.1.1.1",
            "260.1.1.1",
        ];
        for text in bad {
            assert!(!is_ipv4(text), "{text:?}");
        }
    }

    #[test]
    fn ipv6_forms() {
        let good = [
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "ABCD:ef01::",
            "::ffff:192.168.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "1::1.2.3.4",
            "::1.2.3.4",
        ];
        for text in good {
            assert!(is_ipv6(text), "{text}");
        }
        let bad = [
            "",
            ":",
            ":::",
            "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::8",
            "1::2::3",
            "12345::",
            ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:",
            "1.2.3.4",
            "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::1.2.3",
            "::ffff:192.168.0.01",
            "fe80::1%eth0",
            "[::1]",
            "::g",
        ];
        for text in bad {
            assert!(!is_ipv6(text), "{text:?}");
        }
    }
}
