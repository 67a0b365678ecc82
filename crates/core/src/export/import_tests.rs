//! Tests of `import`.

use super::*;
use std::rc::Rc;
use crate::anchor::Anchorer;
use crate::export::merge::merge;
use crate::model::{Annotation, AnnotationId, DocData, Target, Timestamp};
use crate::text::CharRange;
use proptest::prelude::*;

fn sample() -> (Document, DocData) {
    let doc = crate::sample::sample_document();
    let mut data = DocData::default();
    for (i, word) in ["Kyiv", "Antony Blinken", "Lviv", "Russia’s continued escalation"].iter().enumerate() {
        let byte = doc.text().find(word).unwrap();
        let start = doc.indexed.byte_to_char(byte).unwrap();
        data.annotations.push(Rc::new(Annotation {
            id: AnnotationId::parse(&format!("a{i}")).unwrap(),
            target: Target::describe(&doc, CharRange::new(start, start + word.chars().count())).unwrap(),
            label: data.labels[i % 3].id.clone(),
            note: format!("note <b>{i}</b> 😀"),
            created: Timestamp(1_700_000_000_000 + i as i64),
            updated: Timestamp(1_700_000_000_500 + i as i64),
        }));
    }
    (doc, data)
}

fn anchors(doc: &Document, data: &DocData) -> impl Fn(&AnnotationId) -> Option<crate::anchor::Anchor> {
    let anchorer = Anchorer::new(doc);
    let map: std::collections::HashMap<AnnotationId, crate::anchor::Anchor> =
        data.annotations.iter().map(|a| (a.id.clone(), anchorer.anchor(&a.target))).collect();
    move |id| map.get(id).cloned()
}

#[test]
fn classification_table() {
    let (doc, _) = sample();
    let deep = "[".repeat(1000) + &"]".repeat(1000);
    type Case = (&'static str, Vec<u8>, fn(&ImportError) -> bool);
    let cases: Vec<Case> = vec![
        ("png", vec![0x89, b'P', b'N', b'G', 0, 1], |e| matches!(e, ImportError::NotJson(_))),
        ("text", b"hello".to_vec(), |e| matches!(e, ImportError::NotJson(_))),
        ("package.json", br#"{"name":"x","dependencies":{}}"#.to_vec(), |e| matches!(e, ImportError::NotAnExport(w) if w.contains("package.json"))),
        ("newer", br#"{"format":"marginalia","formatVersion":9}"#.to_vec(), |e| matches!(e, ImportError::NewerFormat(9))),
        ("no document", br#"{"format":"marginalia","formatVersion":1}"#.to_vec(), |e| matches!(e, ImportError::WrongShape(_))),
        ("deep", deep.into_bytes(), |e| matches!(e, ImportError::TooDeep)),
        ("huge", vec![b' '; MAX_IMPORT_BYTES + 1], |e| matches!(e, ImportError::TooLarge(_))),
        ("hypothesis search", br#"{"total":1,"rows":[]}"#.to_vec(), |e| matches!(e, ImportError::NotAnExport(_))),
    ];
    for (name, bytes, check) in cases {
        match parse_import(&bytes, &doc) {
            Err(e) => assert!(check(&e), "case {name}: {e:?}"),
            Ok(_) => panic!("case {name} was accepted"),
        }
    }
}

#[test]
fn too_many_annotations_is_refused_early() {
    let (doc, _) = sample();
    let item = r#"{"type":"Annotation","target":{"selector":{"type":"TextQuoteSelector","exact":"Kyiv"}}}"#;
    let json = format!("[{}]", vec![item; MAX_ANNOTATIONS + 1].join(","));
    assert!(matches!(parse_import(json.as_bytes(), &doc), Err(ImportError::TooMany(n)) if n == MAX_ANNOTATIONS + 1));
}

#[test]
fn native_round_trip_is_identity() {
    let (doc, data) = sample();
    let json = native::export(&doc, &data, Timestamp(5));
    let p = parse_import(json.as_bytes(), &doc).unwrap();
    assert_eq!(p.format, ImportFormat::Native);
    assert_eq!(p.document, doc);
    let (merged, report) = merge(&DocData::default(), &p.incoming);
    assert_eq!(merged, data);
    assert_eq!(report.imported, 4);
}

#[test]
fn w3c_round_trip_gives_same_highlights() {
    let (doc, data) = sample();
    let anchor_of = anchors(&doc, &data);
    let json = w3c::export(&doc, &data, &anchor_of, Timestamp(5));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["first"]["items"][0]["target"]["selector"][1]["type"], "TextPositionSelector");
    let p = parse_import(json.as_bytes(), &doc).unwrap();
    assert_eq!(p.format, ImportFormat::W3c);
    assert_eq!(p.source.as_ref(), Some(&doc.hash));
    let (merged, _) = merge(&DocData::default(), &p.incoming);
    let back = anchors(&doc, &merged);
    for a in &data.annotations {
        let b = merged.annotation(&a.id).expect("same id back");
        assert_eq!(anchor_of(&a.id), back(&b.id));
        assert_eq!(b.note, a.note);
        assert_eq!(merged.label(&b.label).unwrap().name, data.label(&a.label).unwrap().name);
    }
}

#[test]
fn w3c_partial_file_reports_reasons() {
    let (doc, _) = sample();
    let json = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationPage","items":[
        {"type":"Annotation","body":{"type":"TextualBody","value":"ok"},"target":{"source":"http://x","selector":{"type":"TextQuoteSelector","exact":"Lviv"}}},
        {"type":"Annotation","target":{"source":"http://x"}},
        {"type":"Annotation","target":{"selector":{"type":"TextPositionSelector","start":9,"end":2}}},
        {"type":"Annotation","target":{"selector":{"type":"TextPositionSelector","start":4294967296000,"end":4294967296001}}},
        {"type":"Annotation","target":{"selector":[{"type":"TextPositionSelector","start":28,"end":32}]}}
    ]}"#;
    let p = parse_import(json.as_bytes(), &doc).unwrap();
    assert_eq!(p.incoming.annotations.len(), 2);
    assert_eq!(p.skipped.len(), 3);
    assert_eq!(p.incoming.annotations[1].target.exact, "Kyiv");
    let reasons: Vec<&str> = p.skipped.iter().map(|q| q.reason.as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("no selector")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("before start")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("outside this text")), "{reasons:?}");
}

#[test]
fn jsonl_uses_code_points() {
    let doc = Document::from_raw("😀 Kyiv\r\nLviv", None);
    let mut data = DocData::default();
    data.annotations.push(Rc::new(Annotation {
        id: AnnotationId::parse("a").unwrap(),
        target: Target::describe(&doc, CharRange::new(7, 11)).unwrap(),
        label: data.labels[6].id.clone(),
        note: String::new(),
        created: Timestamp(0),
        updated: Timestamp(0),
    }));
    let line = crate::export::jsonl::export(&doc, &data, &anchors(&doc, &data));
    assert_eq!(line, "{\"text\":\"😀 Kyiv\\nLviv\",\"spans\":[{\"start\":7,\"end\":11,\"label\":\"PLACE\"}]}\n");
}

fn arb_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![Just("😀"), Just("👨🏻‍🚒"), Just("e\u{301}"), Just("\r\n"), Just("中文"), Just("שלום"), Just(" word "), Just("Kyiv"), Just("\n")],
        2..40,
    )
    .prop_map(|v| format!("Title\n{}", v.concat()))
}

proptest! {
    /// Export then import is the identity, for emoji and CRLF input.
    #[test]
    fn export_import_identity(text in arb_text(), picks in proptest::collection::vec((0usize..200, 1usize..12), 0..6)) {
        let doc = Document::from_raw(&text, None);
        let n = doc.indexed.char_len();
        let mut data = DocData::default();
        for (i, (s, len)) in picks.into_iter().enumerate() {
            let r = doc.indexed.snap_to_graphemes(CharRange::new(s % n, (s % n + len).min(n)));
            let Some(target) = Target::describe(&doc, r) else { continue };
            data.annotations.push(Rc::new(Annotation {
                id: AnnotationId::parse(&format!("a{i}")).unwrap(),
                target, label: data.labels[i % data.labels.len()].id.clone(),
                note: format!("n{i} 😀\r\n"), created: Timestamp(i as i64), updated: Timestamp(i as i64 + 1),
            }));
        }
        // Native: lossless.
        let json = native::export(&doc, &data, Timestamp(0));
        let p = parse_import(json.as_bytes(), &doc).unwrap();
        prop_assert_eq!(&p.document, &doc);
        let (merged, _) = merge(&DocData::default(), &p.incoming);
        prop_assert_eq!(&merged, &data);
        // W3C: same passages, notes and label names.
        let anchor_of = anchors(&doc, &data);
        let w = w3c::export(&doc, &data, &anchor_of, Timestamp(0));
        let p = parse_import(w.as_bytes(), &doc).unwrap();
        let (merged, _) = merge(&DocData::default(), &p.incoming);
        let back = anchors(&doc, &merged);
        for a in &data.annotations {
            let b = merged.annotation(&a.id).unwrap();
            prop_assert_eq!(anchor_of(&a.id).and_then(|x| x.range()), back(&b.id).and_then(|x| x.range()));
            prop_assert_eq!(&b.note, &a.note);
        }
    }

    /// Arbitrary bytes never panic the importer.
    #[test]
    fn hostile_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let doc = Document::from_raw("Title\nBody", None);
        let _ = parse_import(&bytes, &doc);
    }

    /// Arbitrary JSON-ish structures never panic the importer.
    #[test]
    fn hostile_json_never_panics(s in r#"[\[\]{}",:0-9a-zA-Z \-.]{0,200}"#) {
        let doc = Document::from_raw("Title\nBody", None);
        let _ = parse_import(s.as_bytes(), &doc);
        let wrapped = format!(r#"{{"format":"marginalia","formatVersion":1,"document":{{"text":"T\nB"}},"annotations":[{s}]}}"#);
        let _ = parse_import(wrapped.as_bytes(), &doc);
    }
}

/// shared/docs/reliability-checklist.md, item 28: hostile values inside an otherwise valid export
/// give a clean error or skip the item, never a panic or a polluted result.
#[test]
fn hostile_values_table() {
    let (doc, data) = sample();
    let v: Value = serde_json::from_str(&native::export(&doc, &data, Timestamp(5))).unwrap();
    let json = serde_json::to_string(&v).unwrap();
    let first_start = format!("\"start\":{}", v["annotations"][0]["target"]["start"]);
    type Check = fn(&Result<ParsedImport, ImportError>) -> bool;
    let cases: Vec<(&str, String, Check)> = vec![
        // `__proto__` is an ordinary, unknown key here: ignored.
        ("__proto__ key", json.replacen("\"annotations\":", "\"__proto__\":{\"polluted\":true},\"annotations\":", 1), |r| {
            matches!(r, Ok(p) if p.incoming.annotations.len() == 4)
        }),
        ("duplicate key", json.replacen("\"annotations\":", "\"annotations\":[],\"annotations\":", 1), |r| r.is_err() || matches!(r, Ok(p) if p.incoming.annotations.len() <= 4)),
        ("number overflowing f64", json.replacen(&first_start, "\"start\":1e999", 1), |r| matches!(r, Err(ImportError::NotJson(_)))),
        ("NaN literal", json.replacen(&first_start, "\"start\":NaN", 1), |r| matches!(r, Err(ImportError::NotJson(_)))),
        ("fractional offset", json.replacen(&first_start, "\"start\":1.5", 1), |r| matches!(r, Ok(p) if p.incoming.annotations.len() == 3 && p.skipped.len() == 1)),
        ("offset beyond u32", json.replacen(&first_start, "\"start\":4294967296000", 1), |r| matches!(r, Ok(p) if p.incoming.annotations.len() == 3 && p.skipped.len() == 1)),
        ("negative offset", json.replacen(&first_start, "\"start\":-1", 1), |r| matches!(r, Ok(p) if p.incoming.annotations.len() == 3 && p.skipped.len() == 1)),
    ];
    for (name, bytes, ok) in cases {
        let r = parse_import(bytes.as_bytes(), &doc);
        assert!(ok(&r), "case {name}: {:?}", r.as_ref().map(|p| (p.incoming.annotations.len(), p.skipped.len())));
        if let Err(e) = r {
            assert!(!e.to_string().is_empty(), "case {name}: an error says what is wrong");
        }
    }
}

/// Issue 10, item 7: the recorded title was replaced by the first line,
/// and label names kept control characters.
#[test]
fn a_native_import_keeps_its_title_and_cleans_label_names() {
    let file = r##"{"format":"marginalia","formatVersion":1,"offsets":"codepoint",
        "document":{"title":"The recorded title","text":"first line\nsecond line"},
        "labels":[{"id":"l1","name":"Cla\u0000im\u202e","color":"#ffd54f"}],"annotations":[]}"##;
    let doc = Document::from_raw("other", None);
    let p = parse_import(file.as_bytes(), &doc).unwrap();
    assert_eq!(p.document.title, "The recorded title");
    assert_eq!(p.document.text(), "first line\nsecond line");
    assert_eq!(p.incoming.labels[0].name, "Claim");
}
