//! Canonical form of article text.
//!
//! Every text that enters Marginalia (bundled sample, paste, file, import) is
//! normalised exactly once, here, before it is hashed or annotated. Offsets
//! are only meaningful against the canonical text, so two ingestion paths for
//! the same article (a textarea gives LF, a file may keep CRLF; macOS may give
//! NFD) must produce identical strings.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns the canonical form of `raw`:
///
/// - leading byte-order marks (U+FEFF) are removed — all of them, or a
///   text starting with two would keep one and not be idempotent (found by
///   the `ingest` fuzz target: a Markdown heading of two BOMs);
/// - CRLF and lone CR become LF, and the Unicode line and paragraph
///   separators (U+2028, U+2029) become LF too;
/// - C0 control characters other than tab and LF are removed (they cannot be
///   displayed or selected and break JSON consumers);
/// - the result is in Unicode Normalization Form C.
///
/// The function is idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(raw: &str) -> String {
    let without_bom = raw.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(without_bom.len());
    let mut chars = without_bom.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' | '\n' => out.push(c),
            // A BOM that only becomes leading once control characters
            // before it are gone is leading too (idempotence; found by the
            // `ingest` fuzz target: UTF-16 "\0\0\u{feff}…").
            '\u{feff}' if out.is_empty() => {}
            c if (c as u32) < 0x20 || c == '\u{7f}' => {}
            c => out.push(c),
        }
    }
    // NFC composition can only change non-ASCII text; the quick check avoids
    // reallocating the (common) already-composed case.
    if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str, &str)] = &[
            ("plain", "Kyiv, Ukraine", "Kyiv, Ukraine"),
            ("bom", "\u{feff}Hello", "Hello"),
            ("two boms", "\u{feff}\u{feff}Hello", "Hello"),
            ("bom after controls", "\u{0}\u{0}\u{feff}Hello", "Hello"),
            ("crlf", "a\r\nb\r\n", "a\nb\n"),
            ("lone cr", "a\rb", "a\nb"),
            ("cr then crlf", "a\r\r\nb", "a\n\nb"),
            ("separators", "a\u{2028}b\u{2029}c", "a\nb\nc"),
            ("controls", "a\u{0}b\u{7}c\u{7f}d\te", "abcd\te"),
            ("nfd to nfc", "Cafe\u{301}", "Caf\u{e9}"),
            ("already nfc", "Caf\u{e9}", "Caf\u{e9}"),
            ("hangul jamo", "\u{1100}\u{1161}", "\u{ac00}"),
            ("emoji kept", "👨🏻‍🚒 and 🏳️‍🌈", "👨🏻‍🚒 and 🏳️‍🌈"),
            ("bom only first", "\u{feff}a\u{feff}", "a\u{feff}"),
        ];
        for (name, input, want) in cases {
            assert_eq!(normalize(input), *want, "case {name}");
        }
    }

    #[test]
    fn paste_and_file_agree() {
        // A textarea yields LF + NFC; a Windows file yields BOM + CRLF + NFD.
        let pasted = "Title\nCafé in Kyiv\n";
        let file = "\u{feff}Title\r\nCafe\u{301} in Kyiv\r\n";
        assert_eq!(normalize(pasted), normalize(file));
    }

    proptest! {
        #[test]
        fn idempotent(s in any::<String>()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(!once.contains('\r'));
        }
    }
}
