//! The runtime's format checks (`mutaspec_runtime::checks`) against well-kept reference
//! implementations, on generated inputs: values built from each format's grammar
//! (valid-looking) and those values with a few characters inserted, removed or
//! replaced (mutated), so that both sides of every rule are reached.
//!
//! | format | reference | documented difference |
//! |---|---|---|
//! | `uuid` | the `uuid` crate's `Uuid::try_parse` | the runtime takes the hyphenated form only (the crate also takes no hyphens, braces and `urn:uuid:`) |
//! | `ipv4` | `std::net::Ipv4Addr`'s `FromStr` | none (both refuse leading zeros and shorthands) |
//! | `ipv6` | `std::net::Ipv6Addr`'s `FromStr` | none |
//! | `uri` | the `iri-string` crate's RFC 3986 `UriStr` | none |
//! | `url` | the `url` crate (WHATWG URL Standard) and `UriStr` | the runtime's rule is a strict subset: what it accepts both references accept with the same scheme and host, but WHATWG's leniencies (spaces, `\`, non-ASCII, `1.2.3` shorthand, `%` in a host, `_` in a host) are refused |
//! | `email` | the `validator` crate's `ValidateEmail` (HTML's rule), on ASCII input | the runtime also refuses a leading, trailing or doubled dot in the local part, a domain without a dot and an address literal (README "Constraints") |
//! | `e164` | `regex-lite`, `^\+[1-9][0-9]{1,14}$` | none |
//! | `currency` | the ISO 4217 list itself (`tests/fixtures/iso4217/list-one.xml`) | none |
//!
//! `PROPTEST_CASES=N` runs more cases.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use iri_string::types::UriStr;
use mutaspec_runtime::checks;
use proptest::prelude::*;
use validator::ValidateEmail;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1024),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// `base` with up to three edits, each inserting, removing or replacing one character
/// by one of `alphabet`.
fn mutated(base: impl Strategy<Value = String>, alphabet: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    let edit = (0..3u8, any::<prop::sample::Index>(), prop::sample::select(chars));
    (base, prop::collection::vec(edit, 1..=3)).prop_map(|(base, edits)| {
        let mut s: Vec<char> = base.chars().collect();
        for (kind, at, c) in edits {
            match kind {
                0 => s.insert(at.index(s.len() + 1), c),
                1 if !s.is_empty() => {
                    s.remove(at.index(s.len()));
                }
                _ if !s.is_empty() => {
                    let i = at.index(s.len());
                    s[i] = c;
                }
                _ => s.push(c),
            }
        }
        s.into_iter().collect()
    })
}

/// A valid-looking value or a mutation of one.
fn around(base: impl Strategy<Value = String> + Clone, alphabet: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![base.clone(), mutated(base, alphabet)]
}

fn hex_group() -> impl Strategy<Value = String> + Clone {
    "[0-9a-fA-F]{1,4}|0{1,5}|[0-9a-f]{5}"
}

fn octet() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        (0..=255u32).prop_map(|n| n.to_string()),
        "0[0-9]{1,2}",
        "25[6-9]|2[6-9][0-9]|[3-9][0-9]{2}"
    ]
}

fn ipv4_text() -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(octet(), 3..=5).prop_map(|o| o.join("."))
}

fn ipv6_text() -> impl Strategy<Value = String> + Clone {
    let groups = prop::collection::vec(hex_group(), 0..=9);
    (groups, any::<prop::sample::Index>(), 0..4u8, ipv4_text()).prop_map(|(groups, at, form, v4)| {
        let mut s = match form {
            // No `::`: the groups joined.
            0 => groups.join(":"),
            // One `::` somewhere.
            _ => {
                let i = at.index(groups.len() + 1);
                format!("{}::{}", groups[..i].join(":"), groups[i..].join(":"))
            }
        };
        if form == 3 {
            if !s.ends_with(':') {
                s.push(':');
            }
            s.push_str(&v4);
        }
        s
    })
}

fn uuid_text() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        "[0-9a-f]{32}",
        "\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}",
        "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    ]
}

fn host_name() -> impl Strategy<Value = String> + Clone {
    "([a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\\.){0,3}[a-z]([a-z0-9-]{0,6}[a-z0-9])?"
}

/// URIs and web addresses from RFC 3986's grammar: a scheme, an authority (userinfo,
/// a host name, IPv4, IPv6 or IPvFuture literal, a port) or none, a path, a query and a
/// fragment, all drawn from the RFC's character sets and percent-encodings.
fn uri_text() -> impl Strategy<Value = String> + Clone {
    let scheme = prop_oneof![
        Just("http".to_owned()),
        Just("https".to_owned()),
        Just("HTTPS".to_owned()),
        "[a-z][a-z0-9+.-]{0,5}"
    ];
    let userinfo = prop_oneof![Just(String::new()), "[a-z0-9:;=!$&'()*+,._~-]{0,6}(%[0-9A-F]{2})?@"];
    let host = prop_oneof![
        host_name(),
        ipv4_text(),
        ipv6_text().prop_map(|h| format!("[{h}]")),
        "\\[v[0-9a-f]\\.[a-z0-9:]{1,4}\\]",
        "[a-z0-9!$&'()*+,;=._~-]{0,8}(%[0-9a-fA-F]{2})?",
    ];
    let port = prop_oneof![
        Just(String::new()),
        (0..=70_000u32).prop_map(|p| format!(":{p}")),
        Just(":".to_owned())
    ];
    let path = "(/[a-zA-Z0-9:@!$&'()*+,;=._~-]{0,5}(%[0-9a-fA-F]{2})?){0,3}";
    let opaque = "[a-zA-Z0-9:@!$&'()*+,;=._~-]{0,8}(/[a-z0-9:@._~-]{0,4}){0,2}";
    let query = prop_oneof![Just(String::new()), "\\?[a-z0-9=&/?:@%-]{0,8}"];
    let fragment = prop_oneof![Just(String::new()), "#[a-z0-9/?:@-]{0,6}"];
    let hier = prop_oneof![
        (userinfo, host, port, path).prop_map(|(u, h, p, path)| format!("//{u}{h}{p}{path}")),
        prop_oneof![opaque.boxed(), path.boxed()],
    ];
    (scheme, hier, query, fragment).prop_map(|(s, h, q, f)| format!("{s}:{h}{q}{f}"))
}

const URI_NOISE: &str = "aZ09:/?#[]@!$&'()*+,;=-._~% \"<>\\^`{|}é";

fn email_text() -> impl Strategy<Value = String> + Clone {
    let local = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,8}(\\.[a-zA-Z0-9_+-]{1,5}){0,2}";
    let domain = prop_oneof![host_name(), ipv4_text().prop_map(|h| format!("[{h}]"))];
    (local, domain).prop_map(|(l, d)| format!("{l}@{d}"))
}

/// The distinct `<Ccy>` codes of the vendored ISO 4217 List One.
fn iso4217_codes() -> BTreeSet<String> {
    let xml = std::fs::read_to_string("tests/fixtures/iso4217/list-one.xml").expect("the ISO 4217 list");
    let re = regex_lite::Regex::new("<Ccy>([A-Z]{3})</Ccy>").unwrap();
    re.captures_iter(&xml).map(|c| c[1].to_owned()).collect()
}

/// The web-address rule's consequences the references can confirm: both accept it, with
/// the scheme and (case aside) the host as written.
fn url_confirmed(s: &str) -> Result<(), String> {
    UriStr::new(s).map_err(|e| format!("not an RFC 3986 URI: {e}"))?;
    let url = url::Url::parse(s).map_err(|e| format!("the url crate refuses it: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme {}", url.scheme()));
    }
    let host = url.host_str().ok_or("no host")?;
    let written = s.split_once("//").map(|(_, rest)| rest).unwrap_or_default();
    let written = written.split(['/', '?', '#']).next().unwrap_or_default();
    let written = written.rsplit_once('@').map_or(written, |(_, h)| h);
    if let Some(literal) = written.strip_prefix('[').and_then(|w| w.split(']').next()) {
        let same = literal.parse::<Ipv6Addr>().is_ok_and(|a| url.host() == Some(url::Host::Ipv6(a)));
        return if same {
            Ok(())
        } else {
            Err(format!("host {host} is not the one written ({written})"))
        };
    }
    if !written.to_ascii_lowercase().starts_with(&host.to_ascii_lowercase()) {
        return Err(format!("host {host} is not the one written ({written})"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn uuid_is_the_uuid_crates_hyphenated_form(s in around(uuid_text(), "0aF-{}g:")) {
        let reference = s.len() == 36 && uuid::Uuid::try_parse(&s).is_ok();
        prop_assert_eq!(checks::is_uuid(&s), reference, "{:?}", s);
    }

    #[test]
    fn ipv4_is_std(s in around(ipv4_text(), "0123456789.x: ")) {
        prop_assert_eq!(checks::is_ipv4(&s), s.parse::<Ipv4Addr>().is_ok(), "{:?}", s);
    }

    #[test]
    fn ipv6_is_std(s in around(ipv6_text(), "0aF:.g% ")) {
        prop_assert_eq!(checks::is_ipv6(&s), s.parse::<Ipv6Addr>().is_ok(), "{:?}", s);
    }

    #[test]
    fn uri_is_rfc3986(s in around(uri_text(), URI_NOISE)) {
        prop_assert_eq!(checks::is_uri(&s), UriStr::new(&s).is_ok(), "{:?}", s);
    }

    #[test]
    fn a_url_is_accepted_by_both_references(s in around(uri_text(), URI_NOISE)) {
        if checks::is_url(&s) {
            prop_assert_eq!(url_confirmed(&s), Ok(()), "{:?}", s);
        }
    }

    #[test]
    fn an_email_is_validators_less_the_documented_refusals(s in around(email_text(), "a.@-_[]\"( ")) {
        let (local, domain) = s.rsplit_once('@').unwrap_or(("", ""));
        let reference = s.validate_email()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && domain.contains('.')
            // An address literal (validator's match for one is not anchored at the start).
            && !domain.contains('[')
            && s.len() <= 254;
        prop_assert_eq!(checks::is_email(&s), reference, "{:?}", s);
    }

    #[test]
    fn e164_is_its_regex(s in around("\\+[0-9]{0,17}", "+0123456789 -()")) {
        let re = regex_lite::Regex::new(r"^\+[1-9][0-9]{1,14}$").unwrap();
        prop_assert_eq!(checks::is_e164(&s), re.is_match(&s), "{:?}", s);
    }

    #[test]
    fn currency_is_the_iso_list(s in around("[A-Z]{3}", "AZaz0 ")) {
        thread_local!(static CODES: BTreeSet<String> = iso4217_codes());
        let listed = CODES.with(|c| c.contains(&s));
        prop_assert_eq!(checks::is_currency(&s), listed, "{:?}", s);
    }
}

/// Every code of the list is accepted, and the list has as many as the runtime's table.
#[test]
fn every_listed_currency_is_accepted() {
    let codes = iso4217_codes();
    assert_eq!(codes.len(), 178);
    for c in &codes {
        assert!(checks::is_currency(c), "{c}");
    }
}

/// Valid web addresses from the grammar are accepted (the property above only checks
/// what is accepted).
#[test]
fn grammar_built_web_addresses_are_accepted() {
    for s in [
        "http://example.com",
        "https://a-b.example.co.uk:443/p/a/t/h?q=1&r=%20#frag",
        "https://user:pa%20ss@example.com/",
        "http://10.0.0.1:8080",
        "http://[2001:db8::1]:80/x",
        "HTTP://EXAMPLE.COM/",
    ] {
        assert!(checks::is_url(s), "{s}");
        assert_eq!(url_confirmed(s), Ok(()), "{s}");
    }
}

/// What the WHATWG `url` crate accepts and `url` refuses on purpose (README
/// "Constraints"): forms a browser repairs, but a provider's field does not take.
#[test]
fn documented_differences_from_whatwg() {
    for s in [
        "http:example.com",
        "http://example.com/a b",
        "http:\\\\example.com\\a",
        "http://bücher.de/",
        "http://1.2.3/",
        "http://ex%61mple.com/",
        "http://ex_ample.com/",
        " http://example.com",
        "ftp://example.com/",
    ] {
        assert!(url::Url::parse(s).is_ok(), "the url crate accepts {s:?}");
        assert!(!checks::is_url(s), "{s:?}");
    }
}
