//! Front coding of the sorted word lists the engine embeds (the gazetteer,
//! the clusters): each item is stored as how many bytes it shares with the
//! item before it, and the rest.
//!
//! The lists are sorted, so neighbours share long prefixes (`Aberdeen`,
//! `Aberdeenshire`); gzip alone finds most of that, but not all: front
//! coding takes 14 KB off the gazetteer's gzipped bytes and 5 KB off the
//! clusters' (docs/build-size.md, "Front-coded word lists"). The build
//! script encodes the readable lists under `data/` and the engine decodes
//! each once, on first use, into the text it had embedded before.
//!
//! This file is also compiled into `build.rs` (by `#[path]`), so it uses
//! the standard library only.
//!
//! Format: items are separated by any of the caller's separator bytes,
//! which are kept as they are. Every item, the first and empty ones
//! included, starts with one count byte, [`COUNT_BASE`] plus the number of
//! bytes it shares with the previous item (at most [`MAX_SHARED`], and
//! always a whole number of characters), followed by its own bytes.

/// The count byte of an item that shares nothing: `'0'`, so counts read as
/// characters from `0` on and none is a separator (`\n`, space) or a
/// multi-byte UTF-8 lead.
pub const COUNT_BASE: u8 = b'0';

/// The longest prefix one count byte stands for: `COUNT_BASE + MAX_SHARED`
/// stays below 128, so the encoded list stays valid UTF-8 byte by byte.
pub const MAX_SHARED: usize = 79;

/// Encodes `text`, whose items are separated by any byte of `separators`
/// (ASCII bytes).
#[allow(dead_code)] // used by build.rs and the tests; the engine only decodes
pub fn encode(text: &str, separators: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut previous = "";
    let mut rest = text;
    loop {
        let end = rest.bytes().position(|b| separators.contains(&b)).unwrap_or(rest.len());
        let item = &rest[..end];
        let mut shared = item.bytes().zip(previous.bytes()).take_while(|(a, b)| a == b).count().min(MAX_SHARED);
        while !item.is_char_boundary(shared) {
            shared -= 1;
        }
        out.push(COUNT_BASE + shared as u8);
        out.extend_from_slice(&item.as_bytes()[shared..]);
        previous = item;
        match rest.as_bytes().get(end) {
            Some(&sep) => {
                out.push(sep);
                rest = &rest[end + 1..];
            }
            None => return out,
        }
    }
}

/// Decodes what [`encode`] wrote with the same `separators`; `None` when
/// the bytes are not such an encoding (a count longer than the previous
/// item, or text that is not UTF-8).
#[allow(dead_code)] // build.rs compiles this file too and only encodes
pub fn decode(bytes: &[u8], separators: &[u8]) -> Option<String> {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() * 3 / 2);
    let mut previous = 0..0;
    let mut at = 0;
    loop {
        let shared = usize::from(bytes.get(at)?.checked_sub(COUNT_BASE)?);
        if shared > previous.len() {
            return None;
        }
        let start = out.len();
        out.extend_from_within(previous.start..previous.start + shared);
        let end = bytes[at + 1..].iter().position(|b| separators.contains(b)).map_or(bytes.len(), |k| at + 1 + k);
        out.extend_from_slice(&bytes[at + 1..end]);
        previous = start..out.len();
        match bytes.get(end) {
            Some(&sep) => {
                out.push(sep);
                at = end + 1;
            }
            None => return String::from_utf8(out).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_stored_as_what_they_share_and_the_rest() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("Aberdeen\nAberdeenshire\nAbidjan", b"\n", "0Aberdeen\n8shire\n2idjan"),
            ("abc def\ndeg", b" \n", "0abc 0def\n2g"),
            // Empty items, at the start, in the middle and at the end.
            ("\na\n\na\n", b"\n", "0\n0a\n0\n0a\n0"),
            ("", b"\n", "0"),
        ];
        for &(text, seps, coded) in cases {
            assert_eq!(String::from_utf8(encode(text, seps)).ok().as_deref(), Some(coded), "{text:?}");
            assert_eq!(decode(coded.as_bytes(), seps).as_deref(), Some(text), "{coded:?}");
        }
    }

    #[test]
    fn a_shared_prefix_never_splits_a_character() {
        // `é` and `è` share their first UTF-8 byte; the count stops before it.
        let coded = encode("Béla\nBèla", b"\n");
        assert_eq!(String::from_utf8(coded.clone()).ok().as_deref(), Some("0Béla\n1èla"));
        assert_eq!(decode(&coded, b"\n").as_deref(), Some("Béla\nBèla"));
    }

    #[test]
    fn a_prefix_longer_than_one_count_is_cut_to_it() {
        let long = "x".repeat(100);
        let text = format!("{long}a\n{long}b");
        let coded = encode(&text, b"\n");
        assert_eq!(coded[103], COUNT_BASE + MAX_SHARED as u8);
        assert_eq!(decode(&coded, b"\n"), Some(text));
    }

    #[test]
    fn bytes_that_are_no_encoding_are_refused() {
        assert_eq!(decode(b"", b"\n"), None);
        assert_eq!(decode(b"0ab\n5c", b"\n"), None, "shares 5 bytes of a 2-byte item");
        assert_eq!(decode(b"!ab", b"\n"), None, "a count below '0'");
        assert_eq!(decode(b"0\xff", b"\n"), None, "not UTF-8");
    }

    proptest::proptest! {
        #[test]
        fn decoding_undoes_encoding(items in proptest::collection::vec("[a-cé \n]{0,6}", 0..12)) {
            let text = items.concat();
            for seps in [&b"\n"[..], b" \n"] {
                proptest::prop_assert_eq!(decode(&encode(&text, seps), seps), Some(text.clone()));
            }
        }
    }
}
