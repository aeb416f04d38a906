//! URIs (RFC 3986) and web URLs.

use super::net::{ipv4, ipv6};

/// RFC 3986 `unreserved`.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// RFC 3986 `sub-delims`.
fn sub_delim(b: u8) -> bool {
    matches!(b, b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=')
}

/// Whether `part` is made of characters `allowed` lets through and well-formed
/// percent-encodings (`%` and two hexadecimal digits).
fn encoded(part: &[u8], allowed: fn(u8) -> bool) -> bool {
    let mut i = 0;
    while let Some(&b) = part.get(i) {
        if b == b'%' {
            match part.get(i + 1..i + 3) {
                Some([h, l]) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => i += 3,
                _ => return false,
            }
        } else if allowed(b) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

/// RFC 3986 `pchar` less `pct-encoded`, plus `/` (a path).
fn path_char(b: u8) -> bool {
    unreserved(b) || sub_delim(b) || matches!(b, b':' | b'@' | b'/')
}

/// A query or fragment character: `pchar`, `/` and `?`.
fn query_char(b: u8) -> bool {
    path_char(b) || b == b'?'
}

fn userinfo_char(b: u8) -> bool {
    unreserved(b) || sub_delim(b) || b == b':'
}

fn reg_name_char(b: u8) -> bool {
    unreserved(b) || sub_delim(b)
}

/// The host of an authority.
#[derive(Clone, Copy)]
enum Host<'a> {
    /// `[...]`: an IPv6 address or an `IPvFuture`, without the brackets.
    Literal(&'a [u8]),
    /// An `IPv4address` or `reg-name` (possibly empty), as written.
    Name(&'a [u8]),
}

/// The parts of a valid URI that [`is_url`] reads further.
struct Parts<'a> {
    scheme: &'a [u8],
    /// The authority's host and port, if the URI has an authority (`//`).
    authority: Option<(Host<'a>, &'a [u8])>,
}

/// RFC 3986 `IP-literal` without its brackets: an `IPv6address` or an `IPvFuture`
/// (`v` 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )).
fn ip_literal(inner: &[u8]) -> bool {
    match inner {
        [b'v' | b'V', rest @ ..] => match rest.iter().position(|&b| b == b'.') {
            Some(dot) => {
                let (version, tail) = (&rest[..dot], &rest[dot + 1..]);
                !version.is_empty()
                    && version.iter().all(u8::is_ascii_hexdigit)
                    && !tail.is_empty()
                    && tail.iter().all(|&b| userinfo_char(b))
            }
            None => false,
        },
        _ => ipv6(inner),
    }
}

/// RFC 3986 `authority`: `[ userinfo "@" ] host [ ":" port ]`.
fn authority(auth: &[u8]) -> Option<(Host<'_>, &[u8])> {
    let hostport = match auth.iter().position(|&b| b == b'@') {
        Some(at) => {
            if !encoded(&auth[..at], userinfo_char) {
                return None;
            }
            &auth[at + 1..]
        }
        None => auth,
    };
    let (host, port) = if let [b'[', rest @ ..] = hostport {
        let close = rest.iter().position(|&b| b == b']')?;
        if !ip_literal(&rest[..close]) {
            return None;
        }
        let port = match &rest[close + 1..] {
            [] => &[][..],
            [b':', port @ ..] => port,
            _ => return None,
        };
        (Host::Literal(&rest[..close]), port)
    } else {
        let (name, port) = match hostport.iter().position(|&b| b == b':') {
            Some(colon) => (&hostport[..colon], &hostport[colon + 1..]),
            None => (hostport, &[][..]),
        };
        if !encoded(name, reg_name_char) {
            return None;
        }
        (Host::Name(name), port)
    };
    port.iter().all(u8::is_ascii_digit).then_some((host, port))
}

/// RFC 3986 §3 `URI`: `scheme ":" hier-part [ "?" query ] [ "#" fragment ]`.
fn parse(text: &str) -> Option<Parts<'_>> {
    let bytes = text.as_bytes();
    let colon = bytes.iter().position(|&b| b == b':')?;
    let (scheme, rest) = (&bytes[..colon], &bytes[colon + 1..]);
    match scheme {
        [first, rest @ ..] if first.is_ascii_alphabetic() => {
            if !rest.iter().all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) {
                return None;
            }
        }
        _ => return None,
    }
    let (rest, fragment) = match rest.iter().position(|&b| b == b'#') {
        Some(hash) => (&rest[..hash], &rest[hash + 1..]),
        None => (rest, &[][..]),
    };
    let (hier, query) = match rest.iter().position(|&b| b == b'?') {
        Some(q) => (&rest[..q], &rest[q + 1..]),
        None => (rest, &[][..]),
    };
    if !encoded(fragment, query_char) || !encoded(query, query_char) {
        return None;
    }
    let (authority, path) = match hier {
        [b'/', b'/', after @ ..] => {
            let end = after.iter().position(|&b| b == b'/').unwrap_or(after.len());
            (Some(authority(&after[..end])?), &after[end..])
        }
        _ => (None, hier),
    };
    encoded(path, path_char).then_some(Parts { scheme, authority })
}

/// Whether `text` is a URI as RFC 3986 §3 defines it: a scheme (a letter, then
/// letters, digits, `+`, `-` or `.`), `:`, a hierarchical part (`//` and an authority,
/// then a path; or a path alone), an optional `?query` and an optional `#fragment`.
/// Characters outside the RFC's sets are refused, percent-encoded or not: spaces,
/// `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}` and non-ASCII letters (an IRI, not
/// a URI), and so is a `%` not followed by two hexadecimal digits.
///
/// Any scheme is accepted (`mailto:a@example.com`, `urn:isbn:0451450523`,
/// `tel:+1-816-555-1212`). A relative reference (`/path`, `//host/path`) is not a URI.
/// A host is an IP literal (`[2001:db8::7]`, checked as [`is_ipv6`](super::is_ipv6)),
/// or any registered name (`999.999.999.999` is one, as RFC 3986 allows); a port is
/// any number of digits.
///
/// ```
/// # use mutaspec_runtime::checks::is_uri;
/// assert!(is_uri("https://example.com/a?b=c#d"));
/// assert!(is_uri("mailto:john.doe@example.com"));
/// assert!(!is_uri("/relative/path"));
/// assert!(!is_uri("https://example.com/a b"));
/// ```
#[must_use]
pub fn is_uri(text: &str) -> bool {
    parse(text).is_some()
}

/// RFC 1123 host name: dot-separated labels of 1 to 63 letters, digits and hyphens,
/// not starting or ending with a hyphen, with a last label not all digits (so that a
/// malformed IPv4 address is not taken for a name), at most 253 bytes in all. One
/// trailing dot (the root) is allowed.
fn host_name(name: &[u8]) -> bool {
    let name = name.strip_suffix(b".").unwrap_or(name);
    let label = |l: &[u8]| {
        (1..=63).contains(&l.len())
            && l.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
            && l.first() != Some(&b'-')
            && l.last() != Some(&b'-')
    };
    (1..=253).contains(&name.len())
        && name.split(|&b| b == b'.').all(label)
        && name
            .rsplit(|&b| b == b'.')
            .next()
            .is_some_and(|last| !last.iter().all(u8::is_ascii_digit))
}

/// Whether `text` is a web address: a URI (see [`is_uri`]) with the scheme `http` or
/// `https` (any case) and an authority whose host is a DNS host name (letters, digits
/// and hyphens; an internationalised name in its `xn--` form), an IPv4 address or a
/// bracketed IPv6 address (not an `IPvFuture`), with a port, if any, of at most 65535. This is what webhook,
/// redirect and link fields take; use `uri` for any other scheme.
///
/// Refused, beside what `uri` refuses: other schemes (`ftp:`, `mailto:`), no host
/// (`http:///a`, `http:example.com`), a percent-encoded or non-ASCII host
/// (`http://bücher.de`: send `http://xn--bcher-kva.de`), an out-of-range IPv4 address
/// (`http://999.1.1.1`) and an out-of-range port.
///
/// ```
/// # use mutaspec_runtime::checks::is_url;
/// assert!(is_url("https://example.com:8443/hooks?x=1"));
/// assert!(is_url("http://[::1]/"));
/// assert!(!is_url("ftp://example.com/file"));
/// assert!(!is_url("https://example.com:70000/"));
/// ```
#[must_use]
pub fn is_url(text: &str) -> bool {
    let Some(Parts {
        scheme,
        authority: Some((host, port)),
    }) = parse(text)
    else {
        return false;
    };
    let web = scheme.eq_ignore_ascii_case(b"http") || scheme.eq_ignore_ascii_case(b"https");
    let host_ok = match host {
        Host::Literal(inner) => ipv6(inner),
        Host::Name(name) => ipv4(name) || host_name(name),
    };
    let digits = &port[port.iter().take_while(|&&d| d == b'0').count()..];
    let port_ok = digits.len() <= 5 && digits.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) <= 65_535;
    web && host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        let good = [
            "http://foo.bar/?baz=qux#quux",
            "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
            "ldap://[2001:db8::7]/c=GB?objectClass?one",
            "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
            "file:///etc/hosts",
            "a:",
            "x+y.z-w:opaque",
            "foo://[v1.fe80::a+en1]/",
            "http://host:/",
            "http://999.999.999.999/",
        ];
        for text in good {
            assert!(is_uri(text), "{text}");
        }
        let bad = [
            "",
            "abc",
            "/abc",
            "//foo.bar/",
            ":no-scheme",
            "1http://x",
            "ht_tp://x",
            "bar,baz:foo",
            "http://x/%",
            "http://x/%A",
            "http://x/%6G",
            "http://x:abc/",
            "http://[::1",
            "http://[::1]x/",
            "http://[::ffff:01.2.3.4]/",
            "http:/[::1]",
            "https://[@example.org/",
            "https://example.org/a b",
            "https://example.org/ü",
            "https://example.org/a#b#c",
            "http://a@b@c/",
            "foo://[v.x]/",
        ];
        for text in bad {
            assert!(!is_uri(text), "{text:?}");
        }
    }

    #[test]
    fn urls() {
        let good = [
            "http://example.com",
            "HTTPS://Example.COM/",
            "https://user:pw@api.example.com:443/v1/hooks?x=1#top",
            "http://192.168.0.1:8080/",
            "http://[2001:db8::1]:80/",
            "https://xn--bcher-kva.de/",
            "http://localhost/",
            "http://example.com.:65535/",
            "http://example.com:000080/",
        ];
        for text in good {
            assert!(is_url(text), "{text}");
        }
        let bad = [
            "ftp://example.com/",
            "mailto:a@example.com",
            "http:example.com",
            "http:///path",
            "http://",
            "http://999.999.999.999/",
            "http://1.2.3/",
            "http://exa%41mple.com/",
            "http://-example.com/",
            "http://example-.com/",
            "http://a..b/",
            "http://example.com:65536/",
            "http://example.com:000080000/",
            "http://example.com:99999/",
            "http://ex_ample.com/",
            "https://bücher.de/",
            "http://[v1.x]/",
        ];
        for text in bad {
            assert!(!is_url(text), "{text:?}");
        }
    }
}
