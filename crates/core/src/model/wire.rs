//! Tolerant decoding of saved or imported data, item by item.
//!
//! A record whose `annotations` array holds one bad item must not lose the
//! good ones (shared/docs/reliability-checklist.md, items 2 and 27): each label, annotation and dismissal is
//! decoded and validated on its own; an item that fails is kept verbatim as
//! [`Quarantined`] with the reason, never dropped.

use crate::model::SuggestionKey;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use super::annotation::{Annotation, DocData, Quarantined, MAX_ANNOTATIONS, MAX_NOTE_CHARS};
use super::label::{default_labels, visible_label_name, Color, Label, PALETTE};
use super::{Document, LabelId};
use crate::text::DocHash;

/// The document and its data as written in stored records and in the
/// Marginalia export (each adds its own header fields around it).
#[derive(Serialize)]
pub struct Contents<'a> {
    /// Title, hash and canonical text.
    pub document: DocumentOut<'a>,
    /// The label set.
    pub labels: &'a [Label],
    /// The annotations.
    pub annotations: &'a [Rc<Annotation>],
    /// Dismissed suggestion keys.
    pub dismissed: &'a BTreeSet<SuggestionKey>,
    /// Items kept verbatim because they could not be read (omitted when none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub quarantine: &'a [Quarantined],
}

/// The document part of [`Contents`].
#[derive(Serialize)]
pub struct DocumentOut<'a> {
    /// Display title.
    pub title: &'a str,
    /// Hash of the text.
    pub hash: &'a DocHash,
    /// Canonical text.
    pub text: &'a str,
    /// What its web page said (omitted for texts that were not a page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<&'a super::PageMeta>,
}

impl<'a> Contents<'a> {
    /// The contents of `doc` with `data`.
    pub fn of(doc: &'a Document, data: &'a DocData) -> Self {
        Contents {
            document: DocumentOut { title: &doc.title, hash: &doc.hash, text: doc.text(), meta: doc.page.as_deref() },
            labels: &data.labels,
            annotations: &data.annotations,
            dismissed: &data.dismissed,
            quarantine: &data.quarantine,
        }
    }
}

/// The parts of a record or export that hold user data, as JSON values.
pub struct Parts<'a> {
    /// `labels`, if present.
    pub labels: Option<&'a Value>,
    /// `annotations`, if present.
    pub annotations: Option<&'a Value>,
    /// `dismissed`, if present.
    pub dismissed: Option<&'a Value>,
    /// `quarantine` (items quarantined earlier), if present.
    pub quarantine: Option<&'a Value>,
}

impl<'a> Parts<'a> {
    /// The four fields as they are named in both the stored record and the
    /// native export (the shape [`Contents`] writes).
    pub fn of(object: &'a Value) -> Parts<'a> {
        Parts {
            labels: object.get("labels"),
            annotations: object.get("annotations"),
            dismissed: object.get("dismissed"),
            quarantine: object.get("quarantine"),
        }
    }
}

/// The decoded data and what had to be set aside this time.
pub struct Decoded {
    /// Valid items, plus earlier quarantine and this decode's rejects.
    pub data: DocData,
    /// Items quarantined by this decode (with reasons).
    pub rejected: Vec<Quarantined>,
}

fn raw(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn first_line(e: &serde_json::Error) -> String {
    e.to_string().lines().next().unwrap_or("invalid").to_string()
}

/// Longest dismissed-suggestion key kept (bytes).
const MAX_DISMISSED_KEY: usize = 256;

/// Sets `item` aside with `reason`.
fn reject(rejected: &mut Vec<Quarantined>, item: &Value, reason: String) {
    rejected.push(Quarantined { raw: raw(item), reason });
}

/// Decodes `parts` item by item: what cannot be read is set aside, never
/// dropped.
pub fn decode_parts(parts: Parts<'_>) -> Decoded {
    let mut rejected: Vec<Quarantined> = Vec::new();
    let mut labels = decode_labels(parts.labels, &mut rejected);
    let annotations = decode_annotations(parts.annotations, &mut rejected);
    // An annotation whose label is missing keeps it: the label is recreated.
    for a in &annotations {
        if !labels.iter().any(|l| l.id == a.label) {
            labels.push(recovered_label(&a.label, labels.len()));
        }
    }
    let dismissed = decode_dismissed(parts.dismissed, &mut rejected);
    let mut quarantine: Vec<Quarantined> = Vec::new();
    if let Some(Value::Array(items)) = parts.quarantine {
        for item in items {
            match Quarantined::deserialize(item) {
                Ok(q) => quarantine.push(q),
                Err(_) => quarantine.push(Quarantined { raw: raw(item), reason: "unreadable quarantined item".into() }),
            }
        }
    }
    quarantine.extend(rejected.iter().cloned());
    let annotations = annotations.into_iter().map(Rc::new).collect();
    Decoded { data: DocData { labels, annotations, dismissed, quarantine }, rejected }
}

/// Labels: a missing or broken list falls back to the defaults.
fn decode_labels(value: Option<&Value>, rejected: &mut Vec<Quarantined>) -> Vec<Label> {
    let mut labels: Vec<Label> = Vec::new();
    match value {
        Some(Value::Array(items)) => {
            let mut ids = HashSet::new();
            for item in items {
                let label = Label::deserialize(item).map(|l| Label { name: visible_label_name(&l.name), ..l });
                match label {
                    Ok(l) if l.name.is_empty() => reject(rejected, item, "label without a name".into()),
                    Ok(l) if !ids.insert(l.id.clone()) => reject(rejected, item, format!("duplicate label id {}", l.id)),
                    Ok(l) => labels.push(l),
                    Err(e) => reject(rejected, item, format!("unreadable label: {}", first_line(&e))),
                }
            }
        }
        Some(other) => reject(rejected, other, "labels is not a list".into()),
        None => {}
    }
    if labels.is_empty() {
        labels = default_labels();
    }
    labels
}

/// Annotations, each validated; at most [`MAX_ANNOTATIONS`], ids unique.
fn decode_annotations(value: Option<&Value>, rejected: &mut Vec<Quarantined>) -> Vec<Annotation> {
    let mut annotations: Vec<Annotation> = Vec::new();
    match value {
        Some(Value::Array(items)) => {
            let mut ids = HashSet::new();
            for item in items {
                if annotations.len() >= MAX_ANNOTATIONS {
                    reject(rejected, item, format!("more than {MAX_ANNOTATIONS} annotations"));
                    continue;
                }
                match Annotation::deserialize(item) {
                    Ok(a) => match validate(&a) {
                        Err(why) => reject(rejected, item, why),
                        Ok(()) if !ids.insert(a.id.clone()) => reject(rejected, item, format!("duplicate annotation id {}", a.id)),
                        Ok(()) => annotations.push(a),
                    },
                    Err(e) => reject(rejected, item, format!("unreadable annotation: {}", first_line(&e))),
                }
            }
        }
        Some(Value::Null) | None => {}
        Some(other) => reject(rejected, other, "annotations is not a list".into()),
    }
    annotations
}

/// Keys of dismissed suggestions.
fn decode_dismissed(value: Option<&Value>, rejected: &mut Vec<Quarantined>) -> BTreeSet<SuggestionKey> {
    let mut dismissed = BTreeSet::new();
    match value {
        Some(Value::Array(items)) => {
            for item in items {
                match item.as_str() {
                    Some(s) if s.len() <= MAX_DISMISSED_KEY => {
                        dismissed.insert(SuggestionKey::from_saved(s));
                    }
                    _ => reject(rejected, item, "unreadable dismissed suggestion".into()),
                }
            }
        }
        Some(Value::Null) | None => {}
        Some(other) => reject(rejected, other, "dismissed is not a list".into()),
    }
    dismissed
}

/// Checks what serde cannot: ranges, sizes, non-empty quotes.
pub fn validate(a: &Annotation) -> Result<(), String> {
    let t = &a.target;
    if t.start > t.end {
        return Err(format!("annotation {}: end {} is before start {}", a.id, t.end, t.start));
    }
    if t.exact.is_empty() {
        return Err(format!("annotation {}: empty quote", a.id));
    }
    if t.exact.chars().count() > crate::text::MAX_TEXT_CHARS {
        return Err(format!("annotation {}: quote too long", a.id));
    }
    if t.prefix.chars().count() > 1024 || t.suffix.chars().count() > 1024 {
        return Err(format!("annotation {}: context too long", a.id));
    }
    if a.note.chars().count() > MAX_NOTE_CHARS {
        return Err(format!("annotation {}: note longer than {MAX_NOTE_CHARS} characters", a.id));
    }
    Ok(())
}

/// A stand-in for a label an annotation refers to but the set lacks.
pub fn recovered_label(id: &LabelId, n: usize) -> Label {
    Label {
        id: id.clone(),
        name: id.as_str().to_string(),
        color: Color::parse(PALETTE[n % PALETTE.len()]).unwrap_or_else(|_| default_labels()[0].color.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good(id: &str, start: i64, end: i64) -> Value {
        json!({"id": id, "label": "note", "note": "n", "created": 1, "updated": 2,
               "target": {"source": "e3b0c44298fc1c149afbf4c8996fb924", "start": start, "end": end,
                          "exact": "quote", "prefix": "", "suffix": ""}})
    }

    #[test]
    fn bad_items_are_quarantined_good_ones_kept() {
        let annotations = json!([
            good("a1", 0, 5),
            good("a2", -1, 5),          // negative offset
            good("a3", 9, 4),           // end before start
            good("a1", 0, 5),           // duplicate id
            {"id": "a4"},               // wrong shape
            "x",                        // not an object
            good("a5", 2, 7),
        ]);
        let d = decode_parts(Parts { labels: None, annotations: Some(&annotations), dismissed: None, quarantine: None });
        let ids: Vec<&str> = d.data.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a5"]);
        assert_eq!(d.rejected.len(), 5);
        assert_eq!(d.data.quarantine.len(), 5);
        assert!(d.rejected.iter().any(|q| q.reason.contains("duplicate")));
        assert!(d.rejected.iter().any(|q| q.reason.contains("before start")));
    }

    #[test]
    fn wrong_container_types_and_missing_labels() {
        let not_list = json!("x");
        let d = decode_parts(Parts { labels: Some(&not_list), annotations: Some(&not_list), dismissed: None, quarantine: None });
        assert!(d.data.annotations.is_empty());
        assert_eq!(d.data.labels, default_labels());
        assert_eq!(d.rejected.len(), 2);

        // An annotation with an unknown label recreates the label.
        let mut a = good("a1", 0, 5);
        a["label"] = json!("custom-tag");
        let list = json!([a]);
        let d = decode_parts(Parts { labels: None, annotations: Some(&list), dismissed: None, quarantine: None });
        assert!(d.data.labels.iter().any(|l| l.id.as_str() == "custom-tag"));
    }

    #[test]
    fn earlier_quarantine_is_preserved() {
        let q = json!([{"raw": "{\"x\":1}", "reason": "old"}, 42]);
        let d = decode_parts(Parts { labels: None, annotations: None, dismissed: None, quarantine: Some(&q) });
        assert_eq!(d.data.quarantine.len(), 2);
        assert!(d.rejected.is_empty());
    }
}
