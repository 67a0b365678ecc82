//! Local changes into the shared document: what the reader changed between
//! two versions of their data, as the fewest Yjs operations (a note's edit
//! as an insertion and a deletion in its `Y.Text`, not a new text), so
//! concurrent edits by others are kept.

use std::collections::{BTreeMap, BTreeSet};

use marginalia_core::model::{Annotation, AnnotationId, DocData, Label};
use yrs::types::ToJson;
use yrs::{Any, GetString, Map, MapPrelim, MapRef, Out, Text, TextPrelim, TextRef, Transact, TransactionMut};

use super::{field, SharedDoc};

impl SharedDoc {
    /// Records in the shared document what changed from `before` (the data
    /// as last synced) to `after` (the data now); returns the update to
    /// send, empty when nothing changed. Changes others made meanwhile are
    /// untouched: only fields that differ between the two versions are
    /// written.
    pub fn apply_local(&mut self, before: &DocData, after: &DocData) -> Vec<u8> {
        let rev = self.next_rev();
        let (annotations, labels, dismissed) = (self.annotations.clone(), self.labels.clone(), self.dismissed.clone());
        let mut txn = self.doc.transact_mut();
        write_annotations(&mut txn, &annotations, before, after, &rev);
        write_labels(&mut txn, &labels, &before.labels, &after.labels);
        write_dismissed(&mut txn, &dismissed, before, after);
        non_empty(txn.encode_update_v1())
    }

    /// The first push of a reader who shares: all of `data`, labels
    /// included (a joiner's copy has none until then).
    pub fn share_data(&mut self, data: &DocData) -> Vec<u8> {
        self.apply_local(&DocData { labels: Vec::new(), ..DocData::default() }, data)
    }
}

/// How lib0 v1 encodes an update that holds nothing: no structs, no
/// deletions.
const EMPTY_UPDATE: [u8; 2] = [0, 0];

/// `update`, or nothing when it holds no change.
pub(super) fn non_empty(update: Vec<u8>) -> Vec<u8> {
    if update == EMPTY_UPDATE {
        Vec::new()
    } else {
        update
    }
}

fn by_id(list: &[std::rc::Rc<Annotation>]) -> BTreeMap<&AnnotationId, &Annotation> {
    list.iter().map(|a| (&a.id, &**a)).collect()
}

fn write_annotations(txn: &mut TransactionMut, map: &MapRef, before: &DocData, after: &DocData, rev: &str) {
    let (old, new) = (by_id(&before.annotations), by_id(&after.annotations));
    for (id, a) in &new {
        match (old.get(id), entry(txn, map, id)) {
            (Some(b), Some(e)) if b == a => revive_if_deleted(txn, &e, rev),
            (_, Some(e)) => update_entry(txn, &e, old.get(id).copied(), a, rev),
            (_, None) => insert_entry(txn, map, a, rev),
        }
    }
    for id in old.keys().filter(|id| !new.contains_key(*id)) {
        if let Some(e) = entry(txn, map, id) {
            let seen = match any_of(txn, &e, field::REV) {
                Some(Any::String(rev)) => rev,
                _ => "".into(),
            };
            e.insert(txn, field::DELETED, seen);
        }
    }
}

/// The map of annotation `id`, if the document has one.
pub(super) fn entry<T: yrs::ReadTxn>(txn: &T, map: &MapRef, id: &AnnotationId) -> Option<MapRef> {
    match map.get(txn, id.as_str()) {
        Some(Out::YMap(m)) => Some(m),
        _ => None,
    }
}

fn insert_entry(txn: &mut TransactionMut, map: &MapRef, a: &Annotation, rev: &str) {
    let prelim = MapPrelim::from([
        (field::TARGET, yrs::In::Any(Any::from(target_json(a)))),
        (field::LABEL, yrs::In::Any(Any::from(a.label.as_str()))),
        (field::CREATED, yrs::In::Any(Any::from(a.created.0))),
        (field::UPDATED, yrs::In::Any(Any::from(a.updated.0))),
        (field::REV, yrs::In::Any(Any::from(rev))),
    ]);
    let e = map.insert(txn, a.id.as_str(), prelim);
    e.insert(txn, field::NOTE, TextPrelim::new(a.note.as_str()));
}

/// An annotation the reader has again (an undo of its deletion, an import)
/// that the document holds as deleted comes back.
fn revive_if_deleted(txn: &mut TransactionMut, e: &MapRef, rev: &str) {
    if e.get(txn, field::DELETED).is_some() {
        e.remove(txn, field::DELETED);
        e.insert(txn, field::REV, rev);
    }
}

fn update_entry(txn: &mut TransactionMut, e: &MapRef, before: Option<&Annotation>, a: &Annotation, rev: &str) {
    if before.is_none_or(|b| b.target != a.target) {
        e.insert(txn, field::TARGET, target_json(a));
    }
    if before.is_none_or(|b| b.label != a.label) {
        e.insert(txn, field::LABEL, a.label.as_str());
    }
    if before.is_none_or(|b| b.note != a.note) {
        match e.get(txn, field::NOTE) {
            Some(Out::YText(text)) => edit_text(txn, &text, &a.note),
            _ => {
                e.insert(txn, field::NOTE, TextPrelim::new(a.note.as_str()));
            }
        }
    }
    if before.is_none_or(|b| b.updated != a.updated) {
        e.insert(txn, field::UPDATED, a.updated.0);
    }
    if e.get(txn, field::DELETED).is_some() {
        e.remove(txn, field::DELETED);
    }
    e.insert(txn, field::REV, rev);
}

fn target_json(a: &Annotation) -> String {
    serde_json::to_string(&a.target).unwrap_or_default()
}

/// Turns `text` into `wanted` by deleting and inserting only the middle
/// that differs (common prefix and suffix kept, on character boundaries;
/// indices in UTF-8 bytes, the document's offset unit).
fn edit_text(txn: &mut TransactionMut, text: &TextRef, wanted: &str) {
    let current = text.get_string(txn);
    let prefix = current.char_indices().zip(wanted.chars()).take_while(|((_, a), b)| a == b).map(|((i, a), _)| i + a.len_utf8()).last().unwrap_or(0);
    let (cur_rest, want_rest) = (&current[prefix..], &wanted[prefix..]);
    let suffix: usize = cur_rest.chars().rev().zip(want_rest.chars().rev()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let removed = cur_rest.len() - suffix;
    if removed > 0 {
        text.remove_range(txn, prefix as u32, removed as u32);
    }
    let inserted = &want_rest[..want_rest.len() - suffix];
    if !inserted.is_empty() {
        text.insert(txn, prefix as u32, inserted);
    }
}

/// A label as stored: its fields and its place in the list.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct StoredLabel {
    /// Position in the document's label list.
    pub at: usize,
    /// The label.
    #[serde(flatten)]
    pub label: Label,
}

fn write_labels(txn: &mut TransactionMut, map: &MapRef, before: &[Label], after: &[Label]) {
    let old: BTreeMap<_, _> = before.iter().enumerate().map(|(i, l)| (&l.id, (i, l))).collect();
    for (at, label) in after.iter().enumerate() {
        if old.get(&label.id) != Some(&(at, label)) {
            let json = serde_json::to_string(&StoredLabel { at, label: label.clone() }).unwrap_or_default();
            map.insert(txn, label.id.as_str(), json);
        }
    }
    let kept: BTreeSet<_> = after.iter().map(|l| &l.id).collect();
    for id in old.keys().filter(|id| !kept.contains(*id)) {
        map.remove(txn, id.as_str());
    }
}

fn write_dismissed(txn: &mut TransactionMut, map: &MapRef, before: &DocData, after: &DocData) {
    for key in after.dismissed.difference(&before.dismissed) {
        map.insert(txn, key.as_str(), true);
    }
    for key in before.dismissed.difference(&after.dismissed) {
        map.remove(txn, key.as_str());
    }
}

/// Reads a plain value the way it was written (numbers, strings).
pub(super) fn any_of<T: yrs::ReadTxn>(txn: &T, e: &MapRef, key: &str) -> Option<Any> {
    match e.get(txn, key)? {
        Out::Any(any) => Some(any),
        other => Some(other.to_json(txn)),
    }
}
