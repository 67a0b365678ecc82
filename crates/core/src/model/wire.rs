//! Tolerant decoding of saved or imported data, item by item.
//!
//! A record whose `annotations` array holds one bad item must not lose the
//! good ones (shared/docs/reliability-checklist.md, items 2 and 27): each label, annotation and dismissal is
//! decoded and validated on its own; an item that fails is kept verbatim as
//! [`Quarantined`] with the reason, never dropped.

use crate::model::SuggestionKey;
use serde::Serialize;
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

/// One item of a saved list: a JSON value already parsed (any record, any
/// import), or the raw text of one (a stored record of the current schema
/// read in one typed pass: `store::persist`, where parsing 5,000
/// annotations into values first took most of a reload's storage read).
/// Both decode alike and are set aside with the same text.
pub trait Item {
    /// The item as a `T`.
    fn decode<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error>;
    /// The item as a string, if it is one.
    fn text(&self) -> Option<String>;
    /// The item as written in the quarantine: compact JSON, keys in order.
    fn verbatim(&self) -> String;
}

impl Item for Value {
    fn decode<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        T::deserialize(self)
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn verbatim(&self) -> String {
        raw(self)
    }
}

impl Item for serde_json::value::RawValue {
    fn decode<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        // A failure is read again through a value: the reason quarantined
        // is then the value path's (which names no line and column).
        serde_json::from_str(self.get()).or_else(|_| serde_json::from_str::<Value>(self.get()).and_then(|v| T::deserialize(&v)))
    }
    fn text(&self) -> Option<String> {
        serde_json::from_str(self.get()).ok()
    }
    fn verbatim(&self) -> String {
        // As the value path writes it, so a quarantined item reads the same
        // whichever path set it aside.
        serde_json::from_str::<Value>(self.get()).map_or_else(|_| self.get().to_string(), |v| raw(&v))
    }
}

/// Sets `item` aside with `reason`.
fn reject<I: Item + ?Sized>(rejected: &mut Vec<Quarantined>, item: &I, reason: String) {
    rejected.push(Quarantined { raw: item.verbatim(), reason });
}

/// Decodes `parts` item by item: what cannot be read is set aside, never
/// dropped.
pub fn decode_parts(parts: Parts<'_>) -> Decoded {
    let mut rejected: Vec<Quarantined> = Vec::new();
    let labels = decode_labels(parts.labels, &mut rejected);
    let annotations = decode_annotations(parts.annotations, &mut rejected);
    let dismissed = decode_dismissed(parts.dismissed, &mut rejected);
    let quarantine = match parts.quarantine {
        Some(Value::Array(items)) => quarantine_from(items.iter()),
        _ => Vec::new(),
    };
    assemble(labels, annotations, dismissed, quarantine, rejected)
}

/// Decodes the four lists of a record read as raw items (see [`Item`]):
/// the same items give the same data and the same quarantine as
/// [`decode_parts`] on parsed values.
pub fn decode_raw_lists<I: Item + ?Sized>(labels: &[&I], annotations: &[&I], dismissed: &[&I], quarantine: &[&I]) -> Decoded {
    let mut rejected: Vec<Quarantined> = Vec::new();
    let labels = labels_from(labels.iter().copied(), &mut rejected);
    let annotations = annotations_from(annotations.iter().copied(), &mut rejected);
    let dismissed = dismissed_from(dismissed.iter().copied(), &mut rejected);
    let quarantine = quarantine_from(quarantine.iter().copied());
    assemble(labels, annotations, dismissed, quarantine, rejected)
}

/// The data from its decoded parts: a label recreated for each annotation
/// whose label is missing, the defaults when there is no label at all,
/// this decode's rejects added to the earlier quarantine.
fn assemble(mut labels: Vec<Label>, annotations: Vec<Annotation>, dismissed: BTreeSet<SuggestionKey>, mut quarantine: Vec<Quarantined>, rejected: Vec<Quarantined>) -> Decoded {
    if labels.is_empty() {
        labels = default_labels();
    }
    for a in &annotations {
        if !labels.iter().any(|l| l.id == a.label) {
            labels.push(recovered_label(&a.label, labels.len()));
        }
    }
    quarantine.extend(rejected.iter().cloned());
    let annotations = annotations.into_iter().map(Rc::new).collect();
    Decoded { data: DocData { labels, annotations, dismissed, quarantine }, rejected }
}

/// Items quarantined before, kept as they were.
fn quarantine_from<'a, I: Item + ?Sized + 'a>(items: impl IntoIterator<Item = &'a I>) -> Vec<Quarantined> {
    items
        .into_iter()
        .map(|item| {
            item.decode::<Quarantined>().unwrap_or_else(|_| Quarantined { raw: item.verbatim(), reason: "unreadable quarantined item".into() })
        })
        .collect()
}

/// The items of a saved list, to `read`; a value that is not a list is set
/// aside as "`name` is not a list" (a missing one, or null where
/// `null_is_none`, is an empty list).
fn read_list<T: Default>(value: Option<&Value>, name: &str, null_is_none: bool, rejected: &mut Vec<Quarantined>, read: impl FnOnce(&[Value], &mut Vec<Quarantined>) -> T) -> T {
    match value {
        Some(Value::Array(items)) => read(items, rejected),
        Some(Value::Null) if null_is_none => T::default(),
        None => T::default(),
        Some(other) => {
            reject(rejected, other, format!("{name} is not a list"));
            T::default()
        }
    }
}

/// Labels: a missing or broken list falls back to the defaults (in
/// [`assemble`]).
fn decode_labels(value: Option<&Value>, rejected: &mut Vec<Quarantined>) -> Vec<Label> {
    read_list(value, "labels", false, rejected, |items, rejected| labels_from(items.iter(), rejected))
}

fn labels_from<'a, I: Item + ?Sized + 'a>(items: impl IntoIterator<Item = &'a I>, rejected: &mut Vec<Quarantined>) -> Vec<Label> {
    let mut labels: Vec<Label> = Vec::new();
    let mut ids = HashSet::new();
    for item in items {
        let label = item.decode::<Label>().map(|l| Label { name: visible_label_name(&l.name), ..l });
        match label {
            Ok(l) if l.name.is_empty() => reject(rejected, item, "label without a name".into()),
            Ok(l) if !ids.insert(l.id.clone()) => reject(rejected, item, format!("duplicate label id {}", l.id)),
            Ok(l) => labels.push(l),
            Err(e) => reject(rejected, item, format!("unreadable label: {}", first_line(&e))),
        }
    }
    labels
}

/// Annotations, each validated; at most [`MAX_ANNOTATIONS`], ids unique.
fn decode_annotations(value: Option<&Value>, rejected: &mut Vec<Quarantined>) -> Vec<Annotation> {
    read_list(value, "annotations", true, rejected, |items, rejected| annotations_from(items.iter(), rejected))
}

fn annotations_from<'a, I: Item + ?Sized + 'a>(items: impl IntoIterator<Item = &'a I>, rejected: &mut Vec<Quarantined>) -> Vec<Annotation> {
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut ids = HashSet::new();
    for item in items {
        if annotations.len() >= MAX_ANNOTATIONS {
            reject(rejected, item, format!("more than {MAX_ANNOTATIONS} annotations"));
            continue;
        }
        match item.decode::<Annotation>() {
            Ok(a) => match validate(&a) {
                Err(why) => reject(rejected, item, why),
                Ok(()) if !ids.insert(a.id.clone()) => reject(rejected, item, format!("duplicate annotation id {}", a.id)),
                Ok(()) => annotations.push(a),
            },
            Err(e) => reject(rejected, item, format!("unreadable annotation: {}", first_line(&e))),
        }
    }
    annotations
}

/// Keys of dismissed suggestions.
fn decode_dismissed(value: Option<&Value>, rejected: &mut Vec<Quarantined>) -> BTreeSet<SuggestionKey> {
    read_list(value, "dismissed", true, rejected, |items, rejected| dismissed_from(items.iter(), rejected))
}

fn dismissed_from<'a, I: Item + ?Sized + 'a>(items: impl IntoIterator<Item = &'a I>, rejected: &mut Vec<Quarantined>) -> BTreeSet<SuggestionKey> {
    let mut dismissed = BTreeSet::new();
    for item in items {
        match item.text() {
            Some(s) if s.len() <= MAX_DISMISSED_KEY => {
                dismissed.insert(SuggestionKey::from_saved(&s));
            }
            _ => reject(rejected, item, "unreadable dismissed suggestion".into()),
        }
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
