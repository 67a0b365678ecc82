//! Tests of `merge`.

use super::*;
use std::rc::Rc;
use crate::model::{AnnotationId, Document, Label, Target, Timestamp};
use crate::text::CharRange;

fn ann(id: &str, label: &str, note: &str, updated: i64) -> Rc<Annotation> {
    let doc = Document::from_raw("Title\nSome text to annotate here.", None);
    Rc::new(Annotation {
        id: AnnotationId::parse(id).unwrap(),
        target: Target::describe(&doc, CharRange::new(6, 10)).unwrap(),
        label: LabelId::parse(label).unwrap(),
        note: note.into(),
        created: Timestamp(1),
        updated: Timestamp(updated),
    })
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
