//! Tests of `persist`.

use super::*;
use std::rc::Rc;
use crate::model::{Annotation, AnnotationId, Target};
use crate::store::kv::MemoryStore;
use crate::text::CharRange;

fn doc() -> Document {
    Document::from_raw("Title 😀\nA paragraph about Kyiv and Lviv.", None)
}

fn data_with(n: usize) -> DocData {
    let d = doc();
    let mut data = DocData::default();
    for i in 0..n {
        data.annotations.push(Rc::new(Annotation {
            id: AnnotationId::parse(&format!("a{i}")).unwrap(),
            target: Target::describe(&d, CharRange::new(10, 19)).unwrap(),
            label: data.labels[0].id.clone(),
            note: format!("note {i}"),
            created: Timestamp(1),
            updated: Timestamp(2),
        }));
    }
    data
}

#[test]
fn save_then_load_round_trips() {
    let kv = MemoryStore::new();
    let (d, data) = (doc(), data_with(3));
    assert_eq!(save_doc(&kv, &d, &data, 0, Timestamp(5), false), Ok(1));
    let LoadOutcome::Loaded(rec) = load_doc(&kv, &d.hash, Timestamp(6)).unwrap() else { panic!() };
    assert_eq!((rec.document, rec.data, rec.rev, rec.skipped), (d.clone(), data, 1, 0));
    let lib = library(&kv).unwrap();
    assert_eq!(lib.len(), 1);
    assert_eq!((lib[0].title.as_str(), lib[0].annotations), ("Title 😀", 3));
}

#[test]
fn stale_tab_cannot_overwrite_newer_revision() {
    let kv = MemoryStore::new();
    let (d, data) = (doc(), data_with(1));
    let tab_a = kv.clone();
    let tab_b = kv.clone();
    assert_eq!(save_doc(&tab_a, &d, &data, 0, Timestamp(1), false), Ok(1));
    assert_eq!(save_doc(&tab_a, &d, &data_with(2), 1, Timestamp(2), false), Ok(2));
    // Tab B still believes revision 0 is stored.
    let before = kv.raw(&doc_key(&d.hash));
    assert_eq!(save_doc(&tab_b, &d, &data_with(5), 0, Timestamp(3), false), Err(SaveError::Conflict { stored_rev: 2 }));
    assert_eq!(kv.raw(&doc_key(&d.hash)), before, "storage stays at rev 2");
    // An explicit "keep mine" overwrites on top of the newest revision.
    assert_eq!(save_doc(&tab_b, &d, &data_with(5), 0, Timestamp(4), true), Ok(3));
}

#[test]
fn quota_leaves_previous_value_intact() {
    let d = doc();
    let small = encode_record(&d, &data_with(1), 1, Timestamp(1));
    let kv = MemoryStore::with_quota(utf16_units(&doc_key(&d.hash)) + utf16_units(&small) + 600);
    assert_eq!(save_doc(&kv, &d, &data_with(1), 0, Timestamp(1), false), Ok(1));
    let before = kv.raw(&doc_key(&d.hash));
    let err = save_doc(&kv, &d, &data_with(40), 1, Timestamp(2), false).unwrap_err();
    assert!(matches!(err, SaveError::Quota { needed } if needed > 1000), "{err:?}");
    assert_eq!(kv.raw(&doc_key(&d.hash)), before);
    let LoadOutcome::Loaded(rec) = load_doc(&kv, &d.hash, Timestamp(3)).unwrap() else { panic!() };
    assert_eq!(rec.data.annotations.len(), 1);
}

#[test]
fn corrupt_record_is_backed_up_and_never_overwritten() {
    let kv = MemoryStore::new();
    let d = doc();
    let key = doc_key(&d.hash);
    kv.put_raw(&key, "{\"ann\":[");
    let LoadOutcome::Corrupt { backup_key: Some(bk), raw, .. } = load_doc(&kv, &d.hash, Timestamp(9)).unwrap() else { panic!() };
    assert_eq!(raw, "{\"ann\":[");
    assert_eq!(kv.raw(&bk).as_deref(), Some("{\"ann\":["));
    // Loading again does not pile up copies.
    let LoadOutcome::Corrupt { backup_key: Some(bk2), .. } = load_doc(&kv, &d.hash, Timestamp(10)).unwrap() else { panic!() };
    assert_eq!(bk, bk2);
    assert_eq!(save_doc(&kv, &d, &data_with(1), 0, Timestamp(11), false), Err(SaveError::StoredCorrupt));
    assert_eq!(kv.raw(&key).as_deref(), Some("{\"ann\":["));
    // "Start fresh" is an explicit overwrite, after the backup exists.
    assert_eq!(save_doc(&kv, &d, &data_with(1), 0, Timestamp(12), true), Ok(1));
}

#[test]
fn newer_schema_is_read_only() {
    let kv = MemoryStore::new();
    let d = doc();
    let key = doc_key(&d.hash);
    let newer = encode_record(&d, &data_with(1), 4, Timestamp(1)).replace("\"schema\":2", "\"schema\":3");
    kv.put_raw(&key, &newer);
    assert!(matches!(load_doc(&kv, &d.hash, Timestamp(2)).unwrap(), LoadOutcome::NewerSchema { schema: 3, .. }));
    let writes = kv.writes();
    assert_eq!(save_doc(&kv, &d, &data_with(1), 4, Timestamp(3), true), Err(SaveError::NewerSchema(3)));
    assert_eq!(kv.writes(), writes, "zero writes");
    assert_eq!(kv.raw(&key).as_deref(), Some(newer.as_str()));
}

#[test]
fn wrong_shape_items_are_quarantined_and_kept_on_save() {
    let kv = MemoryStore::new();
    let d = doc();
    let good = encode_record(&d, &data_with(2), 3, Timestamp(1));
    let mut v: Value = serde_json::from_str(&good).unwrap();
    v["annotations"].as_array_mut().unwrap().push(serde_json::json!({"id": "bad", "target": 5}));
    kv.put_raw(&doc_key(&d.hash), &v.to_string());
    let LoadOutcome::Loaded(rec) = load_doc(&kv, &d.hash, Timestamp(2)).unwrap() else { panic!() };
    assert_eq!((rec.data.annotations.len(), rec.skipped, rec.data.quarantine.len()), (2, 1, 1));
    save_doc(&kv, &rec.document, &rec.data, rec.rev, Timestamp(3), false).unwrap();
    let raw = kv.raw(&doc_key(&d.hash)).unwrap();
    assert!(raw.contains("\\\"bad\\\""), "quarantined item saved back verbatim: {raw}");
}

#[test]
fn edited_text_gets_new_hash_and_orphans_are_kept() {
    // shared/docs/reliability-checklist.md, item 6: a record whose text was edited outside the app.
    let d = doc();
    let raw = encode_record(&d, &data_with(1), 1, Timestamp(1)).replace("A paragraph", "Short");
    let rec = decode_record(&raw).unwrap();
    assert_ne!(rec.document.hash, d.hash);
    assert_eq!(rec.data.annotations.len(), 1, "not dropped");
    assert_eq!(rec.data.annotations[0].target.exact, "paragraph");
    assert_eq!(crate::anchor::anchor(&rec.document, &rec.data.annotations[0].target), crate::anchor::Anchor::Orphan);
}

#[test]
fn unavailable_and_failing_storage() {
    let kv = MemoryStore::new();
    kv.set_unavailable(true);
    assert!(matches!(probe(&kv), Err(StorageError::Unavailable(_))));
    let kv = MemoryStore::new();
    kv.set_writes_fail(true);
    assert!(probe(&kv).is_err());
    assert!(matches!(save_doc(&kv, &doc(), &data_with(1), 0, Timestamp(1), false), Err(SaveError::Quota { .. })));
}

#[test]
fn library_survives_torn_index_and_delete() {
    let kv = MemoryStore::new();
    let d = doc();
    save_doc(&kv, &d, &data_with(1), 0, Timestamp(1), false).unwrap();
    kv.put_raw(INDEX_KEY, "garbage");
    assert_eq!(library(&kv).unwrap().len(), 1, "rebuilt from records");
    set_last_doc(&kv, &d.hash).unwrap();
    delete_doc(&kv, &d.hash).unwrap();
    assert!(library(&kv).unwrap().is_empty());
    assert_eq!(last_doc(&kv).unwrap(), None);
}

#[test]
fn the_revision_is_read_from_the_head_of_our_records_and_anything_else_whole() {
    let d = doc();
    let head = encode_record(&d, &data_with(2), 7, Timestamp(1));
    assert_eq!(quick_header(&head[..HEAD_UNITS.min(head.len())]), Some((u64::from(SCHEMA_VERSION), 7)));
    for (case, raw) in [("not ours", "{\"rev\":3,\"schema\":1}"), ("spaces", "{ \"schema\": 1, \"rev\": 3, }"), ("sign", "{\"schema\":1,\"rev\":-3,"), ("empty", "")] {
        assert_eq!(quick_header(raw), None, "{case}");
    }
    let kv = MemoryStore::new();
    let key = doc_key(&d.hash);
    // A record cut short after a readable head is not taken by its head.
    kv.put_raw(&key, &head[..head.len() - 10]);
    assert_eq!(save_doc(&kv, &d, &data_with(1), 7, Timestamp(2), false), Err(SaveError::StoredCorrupt));
    // A newer schema in the head is refused without parsing the rest.
    kv.put_raw(&key, &head.replacen("{\"schema\":2,", "{\"schema\":9,", 1));
    assert_eq!(save_doc(&kv, &d, &data_with(1), 7, Timestamp(2), false), Err(SaveError::NewerSchema(9)));
    // Keys in another order are still read (whole).
    kv.put_raw(&key, "{\"rev\":7,\"schema\":1,\"document\":{}}");
    assert_eq!(save_doc(&kv, &d, &data_with(1), 7, Timestamp(2), false), Ok(8));
}

/// A record whose text was edited outside the app (here into decomposed
/// form) reads as the text written there, hashed anew: a different
/// document, whose annotations re-anchor. The page does not normalise it
/// again (`Document::stored`: no Unicode tables on the first screen).
#[test]
fn a_record_edited_outside_the_app_is_a_different_document() {
    let (d, data) = (doc(), data_with(1));
    let raw = encode_record(&d, &data, 1, Timestamp(5));
    let edited = raw.replacen("about Kyiv", "about Cafe\u{301} Kyiv", 1);
    let rec = decode_record(&edited).expect("reads");
    assert_ne!(rec.document.hash, d.hash);
    assert!(rec.document.text().contains("Cafe\u{301}"));
    assert_eq!(rec.document.hash, DocHash::of(rec.document.text()));
    assert_eq!(rec.data.annotations, data.annotations);
}
