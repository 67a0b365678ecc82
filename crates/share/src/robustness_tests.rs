//! Hostile input from the network never panics (shared/docs/
//! reliability-checklist.md, network input): random frames, truncated and
//! corrupted Yjs updates, into a live session and its document. The fuzz
//! target `share` (fuzz/fuzz_targets/share.rs) runs the same check for
//! longer.

use proptest::prelude::*;

use crate::keys::Key;
use crate::model::SharedDoc;
use crate::session::Session;

/// A real update: an annotation with a note, as a peer would send it.
fn real_update() -> Vec<u8> {
    use marginalia_core::model::{Annotation, AnnotationId, DocData, Document, LabelId, Target};
    let doc = Document::from_raw("Title\n\nThe council met on Monday.", None);
    let target = Target::describe(&doc, marginalia_core::text::CharRange::new(7, 18)).unwrap();
    let a = Annotation { id: AnnotationId::parse("a1").unwrap(), target, label: LabelId::parse("note").unwrap(), note: "Ünïcode note".into(), created: Default::default(), updated: Default::default() };
    let mut shared = SharedDoc::new(5);
    shared.publish_article(&doc);
    shared.share_data(&DocData { annotations: vec![std::rc::Rc::new(a)], ..DocData::default() });
    shared.encode_state()
}

/// Feeds `bytes` to a live session as a frame and as an update; whatever
/// happens, the document still reads.
fn feed(bytes: &[u8]) {
    let key = Key::write_from_random([9; 16]);
    let doc = SharedDoc::new(1);
    let mut session = Session::new(key.clone(), 1);
    session.opened(&doc);
    let _ = session.received(&doc, bytes);
    let _ = doc.apply_update(bytes);
    let framed = crate::frame::encode(&key.room(), &crate::frame::ToServer::Sync(crate::frame::Sync::Update(bytes.to_vec())));
    let _ = session.received(&doc, &framed);
    let _ = doc.materialize();
    let _ = doc.article();
}

#[test]
fn every_truncation_of_a_real_update_is_refused_or_applied_never_a_panic() {
    let update = real_update();
    for cut in 0..update.len() {
        feed(&update[..cut]);
    }
    let whole = SharedDoc::new(2);
    whole.apply_update(&update).unwrap();
    assert_eq!(whole.materialize().data.annotations.len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        feed(&bytes);
    }

    #[test]
    fn corrupted_real_updates_never_panic(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let mut update = real_update();
        let len = update.len();
        for (at, byte) in flips {
            update[at % len] = byte;
        }
        feed(&update);
    }
}
