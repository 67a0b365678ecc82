//! Recognising and validating an import file.
//!
//! Every limit is checked before work proportional to the limit is done:
//! size before parsing, nesting depth by the parser (serde_json stops at 128
//! levels), counts before decoding items. Errors say which kind of file it
//! is and what to do, and nothing is imported from a file that fails here.

use serde_json::Value;

use super::{native, w3c, Incoming};
use crate::model::annotation::MAX_ANNOTATIONS;
use crate::model::{Document, Quarantined};
use crate::text::ingest::{group_thousands, human_bytes};
use crate::text::DocHash;

/// Largest import file, in bytes.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

/// Why a file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge(usize),
    /// Not JSON at all (or not UTF-8).
    NotJson(String),
    /// Nested deeper than the parser allows.
    TooDeep,
    /// JSON, but not an annotation export; says what it looks like.
    NotAnExport(String),
    /// A Marginalia export from a newer version.
    NewerFormat(u64),
    /// Ours, but missing or malformed required parts.
    WrongShape(String),
    /// More annotations than a document may hold.
    TooMany(usize),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::TooLarge(n) => write!(f, "This file is {}; imports are limited to {}.", human_bytes(*n), human_bytes(MAX_IMPORT_BYTES)),
            ImportError::NotJson(why) => write!(f, "This file is not JSON ({why}). Import a Marginalia export (.json) or W3C Web Annotations (.jsonld)."),
            ImportError::TooDeep => write!(f, "This JSON is nested too deeply to be an annotation export."),
            ImportError::NotAnExport(what) => write!(f, "This is {what}, not an export of this app. Import a Marginalia export (.json) or W3C Web Annotations (.jsonld)."),
            ImportError::NewerFormat(v) => write!(f, "This file was created by a newer version of Marginalia (format {v}; this version reads up to {}). Update the app to import it.", native::FORMAT_VERSION),
            ImportError::WrongShape(why) => write!(f, "This Marginalia export is damaged: {why}. Nothing was imported."),
            ImportError::TooMany(n) => write!(f, "This file holds {} annotations; a document can hold at most {}.", group_thousands(*n), group_thousands(MAX_ANNOTATIONS)),
        }
    }
}

impl std::error::Error for ImportError {}

/// Which format a file was.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Marginalia JSON.
    Native,
    /// W3C Web Annotation (or Hypothesis) JSON.
    W3c,
}

/// A validated import, ready to be merged.
pub struct ParsedImport {
    /// The format.
    pub format: ImportFormat,
    /// The document the annotations belong to: the file's own (native) or
    /// the open one (W3C).
    pub document: Document,
    /// For W3C files naming one of our documents: that document's hash.
    pub source: Option<DocHash>,
    /// The readable data.
    pub incoming: Incoming,
    /// Unreadable items with reasons (reported, not imported).
    pub skipped: Vec<Quarantined>,
}

/// Recognises and validates `bytes`. W3C annotations are read against
/// `current`, the open document.
pub fn parse_import(bytes: &[u8], current: &Document) -> Result<ParsedImport, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotJson("not UTF-8 text".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let v: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ImportError::TooDeep
        } else {
            ImportError::NotJson(e.to_string())
        }
    })?;
    if v.get("format").and_then(Value::as_str) == Some(native::FORMAT) {
        if let Some(Value::Array(a)) = v.get("annotations") {
            if a.len() > MAX_ANNOTATIONS {
                return Err(ImportError::TooMany(a.len()));
            }
        }
        let p = native::parse(&v)?;
        return Ok(ParsedImport { format: ImportFormat::Native, document: p.document, source: None, incoming: p.incoming, skipped: p.skipped });
    }
    if w3c::recognise(&v) {
        let p = w3c::parse(&v, current)?;
        return Ok(ParsedImport { format: ImportFormat::W3c, document: current.clone(), source: p.source, incoming: p.incoming, skipped: p.skipped });
    }
    Err(ImportError::NotAnExport(describe(&v)))
}

/// A short description of JSON that is not an export.
fn describe(v: &Value) -> String {
    match v {
        Value::Object(o) if o.contains_key("dependencies") || o.contains_key("devDependencies") => "a package.json file".into(),
        Value::Object(o) if o.contains_key("text") && (o.contains_key("spans") || o.contains_key("label")) => {
            "NER training data (JSONL lines are exports, not imports)".into()
        }
        Value::Object(o) if o.contains_key("rows") && o.contains_key("total") => "a Hypothesis search result".into(),
        Value::Object(_) => "a JSON object".into(),
        Value::Array(_) => "a JSON list".into(),
        _ => "a single JSON value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            data.annotations.push(Annotation {
                id: AnnotationId::parse(&format!("a{i}")).unwrap(),
                target: Target::describe(&doc, CharRange::new(start, start + word.chars().count())).unwrap(),
                label: data.labels[i % 3].id.clone(),
                note: format!("note <b>{i}</b> 😀"),
                created: Timestamp(1_700_000_000_000 + i as i64),
                updated: Timestamp(1_700_000_000_500 + i as i64),
            });
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
        data.annotations.push(Annotation {
            id: AnnotationId::parse("a").unwrap(),
            target: Target::describe(&doc, CharRange::new(7, 11)).unwrap(),
            label: data.labels[6].id.clone(),
            note: String::new(),
            created: Timestamp(0),
            updated: Timestamp(0),
        });
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
                data.annotations.push(Annotation {
                    id: AnnotationId::parse(&format!("a{i}")).unwrap(),
                    target, label: data.labels[i % data.labels.len()].id.clone(),
                    note: format!("n{i} 😀\r\n"), created: Timestamp(i as i64), updated: Timestamp(i as i64 + 1),
                });
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
}
