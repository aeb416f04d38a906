//! Standard base64 (RFC 4648 §4, with padding), for HTTP Basic credentials.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The alphabet character for the low six bits of `bits`.
fn sextet(bits: u32) -> char {
    char::from(ALPHABET[(bits & 0x3f) as usize])
}

/// Encodes `input` as padded standard base64.
pub(crate) fn encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let (b0, b1, b2) = match *chunk {
            [b0, b1, b2] => (b0, b1, b2),
            [b0, b1] => (b0, b1, 0),
            [b0] => (b0, 0, 0),
            _ => continue, // `chunks` never yields an empty or longer chunk
        };
        let group = u32::from(b0) << 16 | u32::from(b1) << 8 | u32::from(b2);
        out.push(sextet(group >> 18));
        out.push(sextet(group >> 12));
        out.push(if chunk.len() > 1 { sextet(group >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(group) } else { '=' });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(encode(plain.as_bytes()), encoded, "{plain:?}");
        }
    }

    #[test]
    fn uses_plus_slash_and_all_bytes() {
        assert_eq!(encode(&[0xfb, 0xff, 0xbf]), "+/+/");
        assert_eq!(encode(&[0, 0, 0]), "AAAA");
        assert_eq!(encode("Aladdin:open sesame".as_bytes()), "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(encode("é".as_bytes()), "w6k=");
    }
}
