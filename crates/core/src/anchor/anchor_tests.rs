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
    describe(&doc, CharRange::new(start, start + quote.chars().count())).expect("target")
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
    // A short quote found elsewhere needs its context: this one's is gone.
    assert_eq!(anchor(&doc, &t), Anchor::Orphan);
    t.prefix = "short ".into();
    t.suffix = String::new();
    // Its stored surroundings are another text's paragraphs: they refuse it.
    assert_eq!(anchor(&doc, &t), Anchor::Orphan);
    // Without them, the context alone moves it.
    t.around = None;
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


/// Issue 24's rules, one case each: the passage follows its edit or is an
/// orphan, never another passage.
#[test]
fn every_placement_earns_its_place() {
    let article = "Mayor Ana Ruiz opened the new harbour on Monday after years of delay.\n\n\
        Critics said the harbour cost twice what Ruiz had promised the council.\n\n\
        The council will meet again in March to review the budget for the works.";
    // (name, edited text, quote, which occurrence, expected text or orphan)
    let cases: Vec<(&str, String, &str, usize, Option<&str>)> = vec![
        (
            "a deleted short quote with another occurrence: orphan",
            article.replace("Critics said the harbour cost twice what Ruiz had promised the council.\n\n", ""),
            "Ruiz",
            1,
            None,
        ),
        (
            "a moved paragraph with a repeated word follows its context",
            format!("{}\n\nCritics said the harbour cost twice what Ruiz had promised the council.",
                article.replace("Critics said the harbour cost twice what Ruiz had promised the council.\n\n", "")),
            "Ruiz",
            1,
            Some("Ruiz"),
        ),
        (
            "a near-duplicate paragraph elsewhere does not take the note",
            format!("Critics said the harbour cost twice what Ruiz had pledged to the council.\n\n{article}"),
            "twice what Ruiz had promised",
            0,
            Some("twice what Ruiz had promised"),
        ),
        (
            "a word changed inside the quote: placed on the edited words",
            article.replace("opened the new harbour", "opened the rebuilt harbour"),
            "opened the new harbour on Monday",
            0,
            Some("opened the rebuilt harbour on Monday"),
        ),
        (
            "a one-word quote replaced, its context intact: placed by its context",
            article.replace("in March to", "in April to"),
            "March",
            0,
            Some("April"),
        ),
        (
            "the words around a short quote rewritten on both sides: orphan",
            article.replace("Critics said the harbour cost twice what Ruiz had promised", "Opponents argue it was far dearer than Ruiz had promised"),
            "harbour",
            1,
            None,
        ),
    ];
    check_table(article, cases, |_| None);
}

/// One row of a placement table: (name, edited text, quote, which of its
/// occurrences in the original is annotated, the text expected placed or
/// `None` for an orphan).
type Row<'a> = (&'a str, String, &'a str, usize, Option<&'a str>);

/// Checks each row of a placement table made on `article`: the text
/// placed, and that it is an occurrence of the expected text in the edited
/// one (the one `which` names for the row, if it names one).
fn check_table(article: &str, cases: Vec<Row>, which: impl Fn(&str) -> Option<usize>) {
    for (name, edited, quote, nth, want) in cases {
        let t = target_for(article, quote, nth);
        let (a, got) = place(&edited, &t);
        assert_eq!(got.as_deref(), want, "case {name}: {a:?}");
        if let Some(w) = want {
            let at = edited.match_indices(w).map(|(b, _)| edited[..b].chars().count()).collect::<Vec<_>>();
            let ok = |start: usize| which(name).map_or(at.contains(&start), |k| at.get(k) == Some(&start));
            assert!(a.range().is_some_and(|r| ok(r.start)), "case {name}: {a:?} not at {at:?}");
        }
    }
}

/// Two places the evidence cannot tell apart make an orphan.
#[test]
fn a_tie_is_an_orphan() {
    let paragraph = "After a long debate the vote was close, said Ruiz on Monday evening in the town hall.";
    let article = format!("Intro line.\n\n{paragraph}\n\nMore text here.");
    let t = target_for(&article, "Ruiz", 0);
    let edited = format!("A new intro.\n\n{paragraph}\n\nOther news.\n\n{paragraph}\n\nMore text, changed.");
    assert_eq!(place(&edited, &t).0, Anchor::Orphan);
}

#[test]
fn a_twin_left_after_its_passage_was_deleted_is_not_taken() {
    // The sentence stands twice (a summary above the full text) with
    // different context; the reader annotated the full text's, and the
    // publisher then cut that paragraph. Before targets stored their rival,
    // the summary's copy, found once and long, took the note.
    let sentence = "The council will vote on the harbour plan after a public hearing next spring.";
    let text = format!("SUMMARY.\n\n{sentence}\n\nFULL TEXT.\n\nIt was a long night at the town hall.\n\n{sentence}\n\nResidents left at midnight.");
    let t = target_for(&text, sentence, 1);
    assert!(t.rival.is_some_and(|r| r > 0), "{t:?}");
    let edited = text.replacen(&format!("{sentence}\n\nResidents"), "Residents", 1);
    assert_eq!(place(&edited, &t).0, Anchor::Orphan);
    // Shifted by a paragraph added above, the passage still beats its twin.
    let (a, _) = place(&format!("UPDATE: the vote was moved.\n\n{text}"), &t);
    assert_eq!(a.range().map(|r| r.start), Some(text.rfind(sentence).unwrap() + 29), "{a:?}");
}

/// The rules that read where a passage sits (`evidence::Setting`), each on
/// the edit it is for.
#[test]
fn the_paragraph_and_its_neighbours_decide() {
    let article = "Harbour plan passes.\n\n\
        Mayor Ana Ruiz said the vote was close after a long night in the town hall.\n\n\
        Critics said the harbour cost twice what Ruiz had promised the council last spring.\n\n\
        The council will meet again in March to review the budget for the works.\n\n\
        Ruiz said the first ships would dock at the new quay before the summer.";
    let critics = "Critics said the harbour cost twice what Ruiz had promised the council last spring.";
    let cases: Vec<Row> = vec![
        (
            "a copy of the passage's paragraph above it: the one between its neighbours keeps the note",
            article.replacen("Mayor Ana Ruiz", &format!("{}\n\nMayor Ana Ruiz", critics.replace("last spring", "in spring")), 1),
            "Ruiz had promised",
            0,
            Some("Ruiz had promised"),
        ),
        (
            "the words before a short quote rewritten: its paragraph and neighbours find it",
            article.replace("Critics said the harbour cost twice what Ruiz", "Opponents insist the whole project cost double what Ruiz"),
            "Ruiz",
            1,
            Some("Ruiz"),
        ),
        (
            "a headline's first word replaced: found between the start and its context",
            article.replace("Harbour plan passes.", "Port plan passes."),
            "Harbour",
            0,
            Some("Port"),
        ),
        (
            "its paragraph cut and the next one repeating it: the neighbour does not take it",
            article.replace(&format!("{critics}\n\n"), "").replace("The council will meet", "Critics said the harbour cost twice what Ruiz had promised. The council will meet"),
            "twice what Ruiz had promised",
            0,
            None,
        ),
    ];
    assert!(target_for(article, "Ruiz", 1).around.is_some());
    // A copy stands above the passage, and `Ruiz` is named once before
    // the rewritten one: the passage is the second occurrence there.
    check_table(article, cases, |name| Some(usize::from(name.starts_with("a copy") || name.starts_with("the words"))));
}

/// The quote found once with all its stored context is placed at once,
/// unless a twin of the passage had that context too when it was made.
#[test]
fn the_whole_context_found_once_is_the_passage_unless_a_twin_had_it() {
    let para = "The council met on Monday and voted to close the harbour road for the summer.";
    let article = format!("Harbour news.\n\n{para}\n\n{para}\n\nThe works begin in June.");
    // The second paragraph's copy, then the first one edited above it:
    // only the passage still has all its context, found once.
    let t = target_for(&article, "close the harbour road", 1);
    let shifted = article.replacen("Harbour news.", "Harbour news, updated.", 1);
    let (a, _) = place(&shifted, &t);
    let want = shifted.rfind("close the harbour road").map(|b| shifted[..b].chars().count());
    assert_eq!(a.range().map(|r| r.start), want, "{a:?}");
    assert!(matches!(a, Anchor::Moved { intact: true, .. }), "{a:?}");
    // Two long paragraphs repeated: the passage in the second P and its
    // twin in the third share all their stored context (160 characters
    // each side) and their neighbours. The passage's own words changed;
    // the twin, which matched as well when the note was made, is not taken.
    let p = "The council met on Monday evening in the old town hall, and after a long and heated debate it voted by seven to five to close the harbour road for the whole of the coming summer season.";
    let q = "Residents who had waited outside since the afternoon asked the council, once again, to keep at least one lane of the road open for the fishing boats and the delivery vans of the market.";
    let body = |p2: &str| [p, q, p2, q, p, q].join("\n\n");
    let text = format!("Harbour news.\n\n{}", body(p));
    let t = target_for(&text, "close the harbour road", 1);
    assert_eq!(t.rival, Some(1000), "{t:?}");
    let edited = format!("Harbour news.\n\n{}", body(&p.replace("harbour road", "harbour path")));
    let twin = edited.match_indices("close the harbour road").nth(1).map(|(b, _)| edited[..b].chars().count());
    let (a, text) = place(&edited, &t);
    assert!(a.range().map(|r| r.start) != twin, "{a:?} {text:?}");
}

/// A passage over two paragraphs is fingerprinted as the open text is
/// read (each paragraph alone), so where it stands it is all found.
#[test]
fn a_passage_over_two_paragraphs_sits_wholly_in_its_own() {
    let text = "Harbour news.\n\nThe council voted on Monday to close the road.\n\nResidents asked for one lane to stay open.\n\nThe works begin in June.";
    let t = target_for(text, "close the road.\n\nResidents asked", 0);
    let (Some(around), doc) = (t.around.clone(), Document::from_raw(text, None)) else { panic!("{t:?}") };
    let setting = Anchorer::new(&doc).paragraphs().setting(&around, t.position());
    assert_eq!((setting.own, setting.before, setting.after), (Some(1.0), Some(1.0), Some(1.0)), "{setting:?}");
}
