//! Tests of `offsets`.

use super::*;
use proptest::prelude::*;

/// Text samples every offset test runs over: astral emoji, a ZWJ
/// sequence with a skin tone, a flag, combining marks, CJK, RTL, CRLF.
const SAMPLES: &[&str] = &[
    "",
    "plain ASCII",
    "😀 smile",
    "👨🏻‍🚒 firefighter",
    "🏳️‍🌈 flag",
    "e\u{301}cole (combining)",
    "中文文本 and 日本語",
    "שלום עולם and مرحبا",
    "line\r\nbreak",
    "\u{feff}bom",
    "mixed 😀é中\u{301}𝄞 end",
];

#[test]
fn units_table() {
    // (text, code points, UTF-16 units, bytes)
    let cases: &[(&str, usize, usize, usize)] = &[
        ("abc", 3, 3, 3),
        ("😀", 1, 2, 4),
        ("🏳️‍🌈", 4, 6, 14),
        ("👨🏻‍🚒", 4, 7, 15),
        ("e\u{301}", 2, 2, 3),
        ("中", 1, 1, 3),
        ("\r\n", 2, 2, 2),
    ];
    for &(s, chars, utf16, bytes) in cases {
        let t = IndexedText::new(s.to_string());
        assert_eq!((t.char_len(), t.utf16_len(), t.as_str().len()), (chars, utf16, bytes), "{s:?}");
    }
}

#[test]
fn word_after_each_hard_prefix() {
    // shared/docs/reliability-checklist.md, item 35: the word after an astral, ZWJ, combining, CRLF,
    // BOM, CJK and RTL prefix converts consistently in every unit.
    for prefix in ["😀 ", "👨🏻‍🚒 ", "e\u{301} ", "\r\n", "\u{feff}", "中文 ", "שלום "] {
        let text = format!("{prefix}word tail");
        let t = IndexedText::new(text.clone());
        let byte = text.find("word").unwrap();
        let c = t.byte_to_char(byte).unwrap();
        let r = CharRange::new(c, c + 4);
        assert_eq!(t.slice(r), Some("word"), "{prefix:?}");
        let u = t.utf16_range(r).unwrap();
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&utf16[u.start..u.end]).unwrap(), "word");
        assert_eq!(t.char_range_from_utf16(u), Some(r));
    }
}

#[test]
fn out_of_range_is_none_not_panic() {
    let t = IndexedText::new("😀ab".to_string());
    assert_eq!(t.char_to_byte(4), None);
    assert_eq!(t.byte_to_char(2), None); // inside the emoji
    assert_eq!(t.byte_to_char(99), None);
    assert_eq!(t.slice(CharRange::new(2, 1)), None);
    assert_eq!(t.slice(CharRange::new(0, 9)), None);
    assert_eq!(t.utf16_to_char(1, Snap::Floor), Some(0));
    assert_eq!(t.utf16_to_char(1, Snap::Ceil), Some(1));
    assert_eq!(t.utf16_to_char(9, Snap::Floor), None);
}

#[test]
fn grapheme_snapping() {
    let t = IndexedText::new("a👨🏻‍🚒b e\u{301}x".to_string());
    // Selecting only the skin-tone modifier grows to the whole cluster.
    assert_eq!(t.snap_to_graphemes(CharRange::new(2, 3)), CharRange::new(1, 5));
    // A base letter without its combining accent grows to include it.
    assert_eq!(t.snap_to_graphemes(CharRange::new(7, 8)), CharRange::new(7, 9));
    // Already whole: unchanged; out of range: clamped.
    assert_eq!(t.snap_to_graphemes(CharRange::new(0, 1)), CharRange::new(0, 1));
    assert_eq!(t.snap_to_graphemes(CharRange::new(9, 99)), CharRange::new(9, 10));
}

#[test]
fn long_text_crosses_checkpoints() {
    let text: String = (0..500).map(|i| if i % 7 == 0 { "😀" } else { "ab" }).collect();
    let t = IndexedText::new(text.clone());
    let mut utf16 = 0;
    for (c, (b, ch)) in text.char_indices().enumerate() {
        assert_eq!(t.char_to_byte(c), Some(b));
        assert_eq!(t.byte_to_char(b), Some(c));
        assert_eq!(t.char_to_utf16(c), Some(utf16));
        assert_eq!(t.utf16_to_char(utf16, Snap::Floor), Some(c));
        utf16 += ch.len_utf16();
    }
}

fn sample_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(SAMPLES).prop_map(str::to_string),
        any::<String>(),
        proptest::collection::vec(proptest::sample::select(SAMPLES), 0..8).prop_map(|v| v.concat()),
    ]
}

proptest! {
    /// Random (text, UTF-16 range) -> code points -> UTF-16 either
    /// round-trips exactly or snaps outward to a character boundary.
    #[test]
    fn utf16_round_trip_or_snap(text in sample_text(), a in 0usize..200, b in 0usize..200) {
        let t = IndexedText::new(text.clone());
        let (a, b) = (a.min(t.utf16_len()), b.min(t.utf16_len()));
        let r = Utf16Range::new(a.min(b), a.max(b));
        let c = t.char_range_from_utf16(r).unwrap();
        let back = t.utf16_range(c).unwrap();
        prop_assert!(back.start <= r.start && back.end >= r.end);
        prop_assert!(r.start - back.start <= 1 && back.end - r.end <= 1);
        // And the bytes are valid boundaries.
        let bytes = t.byte_range(c).unwrap();
        prop_assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end));
    }

    #[test]
    fn char_byte_round_trip(text in sample_text(), c in 0usize..200) {
        let t = IndexedText::new(text.clone());
        let c = c.min(t.char_len());
        let b = t.char_to_byte(c).unwrap();
        prop_assert_eq!(t.byte_to_char(b), Some(c));
        prop_assert_eq!(text[..b].chars().count(), c);
        let u = t.char_to_utf16(c).unwrap();
        prop_assert_eq!(u, text[..b].encode_utf16().count());
        prop_assert_eq!(char_to_utf16_in(&text, c), u);
        prop_assert_eq!(utf16_to_char_in(&text, u, Snap::Floor), c);
        prop_assert_eq!(char_to_byte_in(&text, c), b);
    }

    #[test]
    fn grapheme_snap_is_wider_and_valid(text in sample_text(), a in 0usize..100, b in 0usize..100) {
        let t = IndexedText::new(text);
        let r = CharRange::new(a.min(b), a.max(b));
        let s = t.snap_to_graphemes(r);
        prop_assert!(s.start <= s.end && s.end <= t.char_len());
        prop_assert!(t.slice(s).is_some());
        if r.end <= t.char_len() {
            prop_assert!(s.start <= r.start && s.end >= r.end.max(s.start));
        }
    }
}
