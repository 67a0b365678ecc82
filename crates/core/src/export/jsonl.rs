//! NER training data as JSONL, the shape spaCy and doccano users load:
//!
//! ```json
//! {"text": "…", "spans": [{"start": 10, "end": 24, "label": "PERSON"}]}
//! ```
//!
//! One line per document; offsets are Unicode code points (Python string
//! indices), end exclusive; `label` is the label's name. Orphaned
//! annotations are left out (they have no place in this text); spans are in
//! document order.

use serde::Serialize;

use crate::anchor::Anchor;
use crate::model::{AnnotationId, DocData, Document};

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    spans: Vec<Span<'a>>,
}

#[derive(Serialize)]
struct Span<'a> {
    start: usize,
    end: usize,
    label: &'a str,
}

/// Serialises the document's placed annotations as one JSONL line
/// (with a trailing newline). `anchor_of` gives each annotation's place.
pub fn export(doc: &Document, data: &DocData, anchor_of: &dyn Fn(&AnnotationId) -> Option<Anchor>) -> String {
    let mut spans: Vec<Span> = data
        .annotations
        .iter()
        .filter_map(|a| {
            let range = anchor_of(&a.id)?.range()?;
            let label = data.label(&a.label).map_or(a.label.as_str(), |l| l.name.as_str());
            Some(Span { start: range.start, end: range.end, label })
        })
        .collect();
    crate::order::sort_by_key(&mut spans, |s| (s.start, s.end));
    let mut line = serde_json::to_string(&Line { text: doc.text(), spans }).unwrap_or_default();
    line.push('\n');
    line
}
