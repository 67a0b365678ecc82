//! Canonical form of article text.
//!
//! Every text that enters Marginalia (bundled sample, paste, file, import) is
//! normalised exactly once, here, before it is hashed or annotated. Offsets
//! are only meaningful against the canonical text, so two ingestion paths for
//! the same article (a textarea gives LF, a file may keep CRLF; macOS may give
//! NFD) must produce identical strings.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{is_nfc_quick, IsNormalized};

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
        nfc(&out)
    }
}

/// Normalization Form C of `s` (Unicode Standard Annex #15: canonical
/// decomposition, canonical ordering, canonical composition), built from
/// the crate's per-character functions. Its own `nfc()` iterator shares one
/// decomposer with NFKD and decides between them at run time, so using it
/// put the compatibility tables (about 60 KB of wasm, 3,800 mappings no
/// path of ours reads) into every build; these functions read the
/// canonical tables only. A property test holds it to the crate's `nfc()`.
fn nfc(s: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_canonical(c, |d| chars.push(d));
    }
    order_marks(&mut chars);
    compose_all(&chars).into_iter().collect()
}

/// Canonical ordering: each run of combining marks (class ≠ 0) sorted by
/// class, stably.
fn order_marks(chars: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if canonical_combining_class(chars[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && canonical_combining_class(chars[i]) != 0 {
            i += 1;
        }
        // One compiled sort for the whole crate (`order`), not a copy here.
        crate::order::sort_by_key(&mut chars[start..i], |&c| canonical_combining_class(c));
    }
}

/// Canonical composition: each character joins the last starter when no
/// character between them blocks it (one of class 0, or of a class at
/// least its own; the marks are ordered, so the last one decides).
fn compose_all(chars: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    // The class of the last character kept since the starter, if any.
    let mut last_class: Option<u8> = None;
    for &c in chars {
        let class = canonical_combining_class(c);
        if let Some(at) = starter {
            let blocked = last_class.is_some_and(|last| last == 0 || last >= class);
            if let Some(joined) = compose(out[at], c).filter(|_| !blocked) {
                out[at] = joined;
                continue;
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out
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

    /// Text rich in what composition has to get right: combining marks of
    /// several classes in any order, Hangul jamo and syllables, letters
    /// that compose, and characters with compatibility mappings (which NFC
    /// must leave alone).
    fn composable() -> impl Strategy<Value = String> {
        let pool: Vec<char> = "aeoAEOunUNcs\u{300}\u{301}\u{302}\u{303}\u{308}\u{323}\u{327}\u{328}\u{31b}\u{345}\u{3b1}\u{3b7}\u{1100}\u{1161}\u{11a8}\u{ac00}\u{ac01}\u{e9}\u{212b}\u{fb01}\u{2460}\u{ff21}\u{1e0a}\u{1e0b}\u{f900}\u{0958}\u{93c}\u{915}\u{17a}\u{5b4}\u{5b9}\u{5d1}"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(pool), 0..24).prop_map(|v| v.into_iter().collect())
    }

    /// Every character on its own, and after `e` and before an acute
    /// accent (where composition and reordering happen), as the crate's NFC.
    #[test]
    fn every_character_composes_as_the_crate_does() {
        use unicode_normalization::UnicodeNormalization;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            let s = format!("{c}e{c}\u{301}");
            assert_eq!(nfc(&s), s.nfc().collect::<String>(), "U+{:04X}", c as u32);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn composes_as_the_crate_does(s in composable()) {
            use unicode_normalization::UnicodeNormalization;
            prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
        }

        #[test]
        fn composes_any_text_as_the_crate_does(s in any::<String>()) {
            use unicode_normalization::UnicodeNormalization;
            prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
        }

        #[test]
        fn idempotent(s in any::<String>()) {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(!once.contains('\r'));
        }
    }
}
