//! Combining imported annotations with saved ones.
//!
//! Merge (the default) never removes or changes an existing annotation
//! unless the incoming copy of the same ID is newer; labels are matched by
//! ID, then by name. Replace swaps the annotations wholesale and is only
//! offered after an explicit confirmation in the UI.

use std::collections::HashMap;
use std::rc::Rc;

use super::Incoming;
use crate::model::{Annotation, DocData, LabelId};

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// New annotations added.
    pub imported: usize,
    /// Existing annotations replaced by a newer copy with the same ID.
    pub updated: usize,
    /// Same ID, same content: nothing to do.
    pub already_present: usize,
    /// Same ID, but the saved copy is newer or as new: kept.
    pub older: usize,
    /// Different ID but the same passage, label and note as a saved one.
    pub duplicates: usize,
    /// Labels added to the document's set.
    pub labels_added: usize,
}

impl MergeReport {
    /// Annotations not imported, with why, for the summary message.
    pub fn skipped_reasons(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.already_present > 0 {
            out.push(format!("{} already present", self.already_present));
        }
        if self.older > 0 {
            out.push(format!("{} older than the saved copy", self.older));
        }
        if self.duplicates > 0 {
            out.push(format!("{} duplicates of saved annotations", self.duplicates));
        }
        out
    }

    /// Total not imported.
    pub fn skipped(&self) -> usize {
        self.already_present + self.older + self.duplicates
    }
}

/// Maps incoming label IDs to the document's, adding missing labels.
fn merge_labels(data: &mut DocData, incoming: &Incoming, report: &mut MergeReport) -> HashMap<LabelId, LabelId> {
    let mut map = HashMap::new();
    for l in &incoming.labels {
        let target = if data.label(&l.id).is_some() {
            l.id.clone()
        } else if let Some(same_name) = data.labels.iter().find(|e| e.name.eq_ignore_ascii_case(&l.name)) {
            same_name.id.clone()
        } else {
            data.labels.push(l.clone());
            report.labels_added += 1;
            l.id.clone()
        };
        map.insert(l.id.clone(), target);
    }
    map
}

fn same_content(a: &Annotation, b: &Annotation) -> bool {
    a.target.exact == b.target.exact && a.target.start == b.target.start && a.label == b.label && a.note == b.note
}

/// Merges `incoming` into `existing`.
pub fn merge(existing: &DocData, incoming: &Incoming) -> (DocData, MergeReport) {
    let mut data = existing.clone();
    let mut report = MergeReport::default();
    let labels = merge_labels(&mut data, incoming, &mut report);
    for a in &incoming.annotations {
        let mut a = a.clone();
        if let Some(mapped) = labels.get(&a.label) {
            Rc::make_mut(&mut a).label = mapped.clone();
        }
        if data.label(&a.label).is_none() {
            data.labels.push(crate::model::wire::recovered_label(&a.label, data.labels.len()));
            report.labels_added += 1;
        }
        if let Some(pos) = data.annotations.iter().position(|e| e.id == a.id) {
            let e = &data.annotations[pos];
            if e == &a {
                report.already_present += 1;
            } else if a.updated > e.updated {
                data.annotations[pos] = a;
                report.updated += 1;
            } else {
                report.older += 1;
            }
        } else if data.annotations.iter().any(|e| same_content(e, &a)) {
            report.duplicates += 1;
        } else {
            data.annotations.push(a);
            report.imported += 1;
        }
    }
    data.dismissed.extend(incoming.dismissed.iter().cloned());
    (data, report)
}

/// Replaces the annotations with `incoming`'s (labels are merged, so no
/// annotation is left without its label).
pub fn replace(existing: &DocData, incoming: &Incoming) -> (DocData, MergeReport) {
    let mut cleared = existing.clone();
    cleared.annotations.clear();
    cleared.dismissed.clear();
    merge(&cleared, incoming)
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
