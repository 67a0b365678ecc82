//! Two and three readers' copies of one shared article, synced by hand:
//! what each ends with after concurrent and offline changes.

use marginalia_core::model::label::default_labels;
use marginalia_core::model::{Annotation, AnnotationId, DocData, Document, LabelId, SuggestionKey, Target, Timestamp};
use marginalia_core::text::CharRange;

use super::SharedDoc;

const TEXT: &str = "Harbour plan approved\n\nThe council approved the harbour plan on Monday, the mayor said.\n\nCritics said the plan was rushed.";

fn doc() -> Document {
    Document::from_raw(TEXT, None)
}

fn annotation(id: &str, quote: &str, note: &str, at: i64) -> std::rc::Rc<Annotation> {
    let doc = doc();
    let start = TEXT[..TEXT.find(quote).unwrap()].chars().count();
    let target = Target::describe(&doc, CharRange::new(start, start + quote.chars().count())).unwrap();
    std::rc::Rc::new(Annotation { id: AnnotationId::parse(id).unwrap(), target, label: LabelId::parse("note").unwrap(), note: note.into(), created: Timestamp(at), updated: Timestamp(at) })
}

/// A reader: their shared copy and the data their app shows.
struct Reader {
    shared: SharedDoc,
    shown: DocData,
}

impl Reader {
    /// A reader whose copy starts with their default labels (as the reader
    /// who shares does; the others get them with the first sync).
    fn new(client: u64) -> Reader {
        let mut shared = SharedDoc::new(client);
        shared.share_data(&DocData::default());
        Reader { shared, shown: DocData::default() }
    }

    /// The reader changes their data; the change goes into their copy.
    fn change(&mut self, f: impl FnOnce(&mut DocData)) -> Vec<u8> {
        let before = self.shown.clone();
        f(&mut self.shown);
        self.shared.apply_local(&before, &self.shown)
    }

    /// What arrived is shown.
    fn refresh(&mut self) {
        self.shown = self.shared.materialize().data;
    }

    fn note(&self, id: &str) -> Option<String> {
        self.shown.annotations.iter().find(|a| a.id.as_str() == id).map(|a| a.note.clone())
    }
}

/// Both copies exchange everything the other lacks (sync steps 1 and 2 in
/// both directions), as after a reconnection.
fn sync(a: &mut Reader, b: &mut Reader) {
    let to_b = a.shared.diff_since(&b.shared.state_vector()).unwrap();
    let to_a = b.shared.diff_since(&a.shared.state_vector()).unwrap();
    b.shared.apply_update(&to_b).unwrap();
    a.shared.apply_update(&to_a).unwrap();
    a.refresh();
    b.refresh();
}

fn edit_note(r: &mut Reader, id: &str, f: impl FnOnce(&str) -> String, at: i64) -> Vec<u8> {
    r.change(|d| {
        let a = std::rc::Rc::make_mut(d.annotations.iter_mut().find(|a| a.id.as_str() == id).unwrap());
        a.note = f(&a.note);
        a.updated = Timestamp(at);
    })
}

#[test]
fn an_annotation_made_by_one_reader_reaches_the_other_as_it_was() {
    let (mut a, mut b) = (Reader::new(1), Reader::new(2));
    let update = a.change(|d| d.annotations.push(annotation("a1", "harbour plan", "Check the vote count", 10)));
    assert!(!update.is_empty());
    b.shared.apply_update(&update).unwrap();
    b.refresh();
    assert_eq!(b.shown.annotations, vec![annotation("a1", "harbour plan", "Check the vote count", 10)]);
    assert_eq!(b.shown.labels, default_labels());
    assert!(a.change(|_| {}).is_empty(), "no change, no update");
}

#[test]
fn two_readers_typing_in_one_note_both_keep_their_words() {
    let (mut a, mut b) = (Reader::new(1), Reader::new(2));
    a.change(|d| d.annotations.push(annotation("a1", "harbour plan", "Vote was close.", 10)));
    sync(&mut a, &mut b);
    edit_note(&mut a, "a1", |n| format!("{n} Ann: ask the clerk."), 20);
    edit_note(&mut b, "a1", |n| format!("Bo: 7 to 5. {n}"), 21);
    sync(&mut a, &mut b);
    let note = a.note("a1").unwrap();
    assert_eq!(note, "Bo: 7 to 5. Vote was close. Ann: ask the clerk.");
    assert_eq!(b.note("a1").unwrap(), note);
    assert_eq!(a.shown, b.shown);
}

#[test]
fn an_edit_beats_a_delete_it_was_concurrent_with_and_the_reader_is_told() {
    let (mut a, mut b) = (Reader::new(1), Reader::new(2));
    a.change(|d| d.annotations.push(annotation("a1", "harbour plan", "first", 10)));
    a.change(|d| d.annotations.push(annotation("a2", "Critics", "second", 11)));
    sync(&mut a, &mut b);
    // Offline, A deletes both; B edits a1 and leaves a2 alone.
    a.change(|d| d.annotations.clear());
    edit_note(&mut b, "a1", |n| format!("{n}, and a source"), 30);
    sync(&mut a, &mut b);
    for r in [&a, &b] {
        let ids: Vec<_> = r.shown.annotations.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["a1"], "a2 deleted for good, a1 kept for its edit");
        assert_eq!(r.note("a1").unwrap(), "first, and a source");
        assert_eq!(r.shared.materialize().restored, vec![AnnotationId::parse("a1").unwrap()]);
    }
    // Deleting it again, now that the edit is seen, deletes it.
    a.change(|d| d.annotations.clear());
    sync(&mut a, &mut b);
    assert!(a.shown.annotations.is_empty() && b.shown.annotations.is_empty());
    assert!(b.shared.materialize().restored.is_empty());
}

#[test]
fn hours_offline_on_both_sides_merge_into_the_same_data() {
    let (mut a, mut b) = (Reader::new(1), Reader::new(2));
    a.change(|d| d.annotations.push(annotation("a1", "harbour plan", "shared", 10)));
    sync(&mut a, &mut b);
    for i in 0..50 {
        a.change(|d| d.annotations.push(annotation(&format!("a-{i}"), "council", &format!("A{i}"), 100 + i)));
        b.change(|d| d.annotations.push(annotation(&format!("b-{i}"), "mayor", &format!("B{i}"), 100 + i)));
    }
    b.change(|d| {
        std::rc::Rc::make_mut(&mut d.annotations[0]).label = LabelId::parse("claim").unwrap();
        d.dismissed.insert(SuggestionKey::of("entity:PERSON", 3, 9));
    });
    a.change(|d| d.labels.retain(|l| l.id.as_str() != "misc"));
    sync(&mut a, &mut b);
    assert_eq!(a.shown, b.shown);
    assert_eq!(a.shown.annotations.len(), 101);
    assert_eq!(a.shown.annotations[0].label.as_str(), "claim");
    assert_eq!(a.shown.dismissed.len(), 1);
    assert!(a.shown.labels.iter().all(|l| l.id.as_str() != "misc"));
    assert_eq!(a.shown.labels.len(), default_labels().len() - 1);
}

#[test]
fn the_saved_state_restores_the_same_data_and_a_damaged_one_says_so() {
    let mut a = Reader::new(1);
    a.change(|d| d.annotations.push(annotation("a1", "harbour plan", "kept", 10)));
    let saved = a.shared.encode_state();
    let back = SharedDoc::restore(9, &saved).unwrap();
    assert_eq!(back.materialize(), a.shared.materialize());
    assert_eq!(back.client_id(), 9);
    let err = SharedDoc::restore(9, &saved[..saved.len() / 2]).err().expect("truncated state refused");
    assert_eq!(err.kind(), crate::ErrorKind::State);
}

#[test]
fn the_article_travels_once_and_a_forged_text_is_refused() {
    let (mut a, b) = (Reader::new(1), Reader::new(2));
    assert_eq!(b.shared.article().unwrap(), None);
    let update = a.shared.publish_article(&doc());
    b.shared.apply_update(&update).unwrap();
    let article = b.shared.article().unwrap().unwrap();
    assert_eq!(article.text, doc().text());
    assert_eq!(article.hash, doc().hash);
    assert!(a.shared.publish_article(&Document::from_raw("Another text", None)).is_empty(), "a room keeps its first article");

    // A peer that writes another text under the hash is caught.
    let forged = SharedDoc::new(3);
    {
        use yrs::{Map, Transact};
        let mut txn = forged.doc.transact_mut();
        forged.article.insert(&mut txn, "hash", doc().hash.as_str());
        forged.article.insert(&mut txn, "text", "Forged words");
    }
    assert_eq!(forged.article().unwrap_err().kind(), crate::ErrorKind::State);
}

#[test]
fn an_unreadable_entry_from_a_peer_is_quarantined_not_dropped() {
    let a = Reader::new(1);
    {
        use yrs::{Map, MapPrelim, Transact};
        let mut txn = a.shared.doc.transact_mut();
        let e = a.shared.annotations.insert(&mut txn, "bad", MapPrelim::default());
        e.insert(&mut txn, "rev", "x");
        e.insert(&mut txn, "target", "{not json");
    }
    let m = a.shared.materialize();
    assert!(m.data.annotations.is_empty());
    assert_eq!(m.data.quarantine.len(), 1);
    assert!(m.data.quarantine[0].reason.contains("target"), "{}", m.data.quarantine[0].reason);
}
