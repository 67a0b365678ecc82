//! Combining imported annotations with saved ones.
//!
//! Merge (the default) never removes or changes an existing annotation
//! unless the incoming copy of the same ID is newer; labels are matched by
//! ID, then by name. Replace swaps the annotations wholesale and is only
//! offered after an explicit confirmation in the UI.

use std::collections::HashMap;

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
            a.label = mapped.clone();
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
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Document, Label, Target, Timestamp};
    use crate::text::CharRange;

    fn ann(id: &str, label: &str, note: &str, updated: i64) -> Annotation {
        let doc = Document::from_raw("Title\nSome text to annotate here.", None);
        Annotation {
            id: AnnotationId::parse(id).unwrap(),
            target: Target::describe(&doc, CharRange::new(6, 10)).unwrap(),
            label: LabelId::parse(label).unwrap(),
            note: note.into(),
            created: Timestamp(1),
            updated: Timestamp(updated),
        }
    }

    #[test]
    fn merge_table() {
        let existing = DocData { annotations: vec![ann("a1", "note", "one", 10), ann("a2", "note", "two", 10)], ..DocData::default() };
        let custom = Label { id: LabelId::parse("tag-x").unwrap(), name: "Claim".into(), color: existing.labels[0].color.clone() };
        let incoming = Incoming {
            labels: vec![custom],
            annotations: vec![
                ann("a1", "note", "one", 10),     // identical
                ann("a2", "note", "newer", 20),   // newer copy
                ann("a3", "note", "one", 5),      // same content as a1, other id
                ann("a4", "tag-x", "four", 5),    // new, label matched by name
                ann("a2", "note", "stale", 1),    // older copy (after update)
            ],
            dismissed: Default::default(),
        };
        let (data, report) = merge(&existing, &incoming);
        assert_eq!(
            report,
            MergeReport { imported: 1, updated: 1, already_present: 1, older: 1, duplicates: 1, labels_added: 0 }
        );
        let a4 = data.annotations.iter().find(|a| a.id.as_str() == "a4").unwrap();
        assert_eq!(a4.label.as_str(), "claim", "mapped to the existing label named Claim");
        assert_eq!(data.annotation(&AnnotationId::parse("a2").unwrap()).unwrap().note, "newer");
        // Merging the same file again changes nothing.
        let (again, report2) = merge(&data, &incoming);
        assert_eq!(again, data);
        assert_eq!(report2.imported + report2.updated, 0);
    }

    #[test]
    fn replace_keeps_labels() {
        let existing = DocData { annotations: vec![ann("a1", "note", "one", 10)], ..DocData::default() };
        let incoming = Incoming { annotations: vec![ann("b1", "question", "q", 3)], ..Default::default() };
        let (data, report) = replace(&existing, &incoming);
        assert_eq!(data.annotations.len(), 1);
        assert_eq!(data.annotations[0].id.as_str(), "b1");
        assert_eq!(report.imported, 1);
        assert_eq!(data.labels, existing.labels);
    }
}
