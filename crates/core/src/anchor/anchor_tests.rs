//! Tests of `anchor`.

use super::*;
use crate::model::Target;

const ORIGINAL: &str = "Kyiv, Ukraine: The United States is closing its embassy in Kyiv and temporarily relocating staff to Lviv. \
    Officials said the move was made because of the dramatic acceleration in the buildup of forces. \
    The embassy in Kyiv will remain engaged with the government.";

fn target_for(text: &str, quote: &str, nth: usize) -> Target {
    let doc = Document::from_raw(text, None);
    let byte = text.match_indices(quote).nth(nth).expect("quote present").0;
    let start = text[..byte].chars().count();
    Target::describe(&doc, CharRange::new(start, start + quote.chars().count())).expect("target")
}

fn place(edited: &str, target: &Target) -> (Anchor, Option<String>) {
    let doc = Document::from_raw(edited, None);
    let a = anchor(&doc, target);
    let text = a.range().and_then(|r| doc.indexed.slice(r)).map(str::to_string);
    (a, text)
}

#[test]
fn re_anchoring_table() {
    let t_reloc = target_for(ORIGINAL, "temporarily relocating staff", 0);
    let t_accel = target_for(ORIGINAL, "dramatic acceleration in the buildup", 0);
    let t_kyiv2 = target_for(ORIGINAL, "embassy in Kyiv", 1);
    let t_gov = target_for(ORIGINAL, "remain engaged with the government", 0);

    // (name, edited text, target, expected kind, expected text)
    let cases: Vec<(&str, String, &Target, &str, Option<&str>)> = vec![
        ("unchanged", ORIGINAL.to_string(), &t_reloc, "exact", Some("temporarily relocating staff")),
        (
            "text inserted before: moved",
            format!("BREAKING. {ORIGINAL}"),
            &t_reloc,
            "moved",
            Some("temporarily relocating staff"),
        ),
        (
            "typo fixed inside the quote",
            ORIGINAL.replace("dramatic acceleration", "dramatic accelleration"),
            &t_accel,
            "moved",
            Some("dramatic accelleration in the buildup"),
        ),
        (
            "passage moved to the end",
            format!("{} Officials said the move was made because of the dramatic acceleration in the buildup of forces.",
                ORIGINAL.replace("Officials said the move was made because of the dramatic acceleration in the buildup of forces. ", "")),
            &t_accel,
            "moved",
            Some("dramatic acceleration in the buildup"),
        ),
        (
            "duplicate quote: context picks the second",
            format!("Intro. {ORIGINAL}"),
            &t_kyiv2,
            "moved",
            Some("embassy in Kyiv"),
        ),
        (
            "passage deleted: orphan",
            ORIGINAL.replace("The embassy in Kyiv will remain engaged with the government.", "Nothing else was said."),
            &t_gov,
            "orphan",
            None,
        ),
        (
            "quote rewritten beyond recognition: orphan",
            ORIGINAL.replace("temporarily relocating staff", "moving some people"),
            &t_reloc,
            "orphan",
            None,
        ),
    ];
    for (name, edited, target, kind, text) in cases {
        let (a, got) = place(&edited, target);
        let got_kind = match a {
            Anchor::Exact(_) => "exact",
            Anchor::Moved { .. } => "moved",
            Anchor::Orphan => "orphan",
        };
        assert_eq!((got_kind, got.as_deref()), (kind, text), "case {name}: {a:?}");
    }
}

#[test]
fn duplicate_picks_occurrence_by_context() {
    // Both occurrences of "embassy in Kyiv" exist in the edited text;
    // the one with the original second occurrence's context wins.
    let t = target_for(ORIGINAL, "embassy in Kyiv", 1);
    let edited = format!("Intro. {ORIGINAL}");
    let doc = Document::from_raw(&edited, None);
    let r = anchor(&doc, &t).range().unwrap();
    let second = edited.match_indices("embassy in Kyiv").nth(1).unwrap().0;
    assert_eq!(r.start, edited[..second].chars().count());
}

#[test]
fn out_of_range_positions_do_not_panic() {
    let doc = Document::from_raw("short text", None);
    let mut t = target_for(ORIGINAL, "temporarily relocating staff", 0);
    t.start = usize::MAX - 1;
    t.end = usize::MAX;
    assert_eq!(anchor(&doc, &t), Anchor::Orphan);
    t.start = 5;
    t.end = 2;
    t.exact = "text".into();
    assert!(matches!(anchor(&doc, &t), Anchor::Moved { .. }));
}

#[test]
fn emoji_and_crlf_positions() {
    let doc = Document::from_raw("😀 héllo\r\nwörld 👨🏻‍🚒 end", None);
    let text = doc.text();
    let start = text[..text.find("wörld").unwrap()].chars().count();
    let t = Target::describe(&doc, CharRange::new(start, start + 5)).unwrap();
    assert_eq!(anchor(&doc, &t), Anchor::Exact(CharRange::new(start, start + 5)));
}
