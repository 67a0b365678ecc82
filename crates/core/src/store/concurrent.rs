//! Two tabs writing one page's record (the widget on a publisher's page
//! open twice, the extension on one article in two tabs): a three-way
//! merge, so a save never overwrites what the other tab wrote.
//!
//! Each tab remembers the record as it last read or wrote it (the *base*).
//! When it saves and finds the stored record changed since, it merges:
//! what only one side changed since the base is taken from that side; what
//! both changed goes to the later edit; an annotation one side deleted and
//! the other left as it was stays deleted; one side deleted and the other
//! edited stays, edited — nothing anybody typed is lost for a delete.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use super::kv::{utf16_units, KeyValue, StorageError};
use super::page::{restore, PageKey};
use crate::model::{Annotation, AnnotationId, DocData, Document};

/// UTF-16 units of a record's head compared to tell whether another tab
/// wrote it: the head holds the record's `exportedAt` (to the
/// millisecond), and with the size it tells two writes apart without
/// reading the whole record.
const STAMP_UNITS: usize = 96;

/// What a record looked like when this tab last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    head: String,
    size: usize,
}

impl Stamp {
    /// The stamp of `record`, a record this tab is writing.
    pub fn of(record: &str) -> Stamp {
        Stamp { head: String::from_utf16_lossy(&record.encode_utf16().take(STAMP_UNITS).collect::<Vec<_>>()), size: utf16_units(record) }
    }

    /// The stamp of what `kv` holds under `key` now (`None`: nothing).
    pub fn stored(kv: &dyn KeyValue, key: &PageKey) -> Result<Option<Stamp>, StorageError> {
        let Some(size) = kv.size(key.as_str())? else { return Ok(None) };
        Ok(kv.head(key.as_str(), STAMP_UNITS)?.map(|head| Stamp { head, size }))
    }
}

/// Before a save: when the stored record changed since `known` (another
/// tab saved), `ours` merged with it from `base` (the data as this tab last
/// read or wrote it); `None` when nothing changed or the stored record
/// cannot be read (then this tab's save goes ahead as before).
pub fn catch_up(kv: &dyn KeyValue, key: &PageKey, known: Option<&Stamp>, base: &DocData, ours: &DocData, current: &Document) -> Option<DocData> {
    let now = Stamp::stored(kv, key).ok()?;
    if now.as_ref() == known || now.is_none() {
        return None;
    }
    let raw = kv.get(key.as_str()).ok()??;
    let theirs = restore(&raw, current, &DocData { annotations: Vec::new(), ..base.clone() }).ok()?.data;
    Some(merge_concurrent(base, ours, &theirs))
}

/// `ours` with the changes `theirs` made since `base` (see the module).
/// Labels: ours, then theirs that ours lacks (by ID). Dismissed
/// suggestions: both. Quarantined items: ours.
pub fn merge_concurrent(base: &DocData, ours: &DocData, theirs: &DocData) -> DocData {
    let by_id = |d: &DocData| d.annotations.iter().map(|a| (a.id.clone(), a.clone())).collect::<BTreeMap<AnnotationId, Rc<Annotation>>>();
    let (b, t) = (by_id(base), by_id(theirs));
    let mut out = DocData { annotations: Vec::new(), ..ours.clone() };
    for o in &ours.annotations {
        if let Some(kept) = pick(b.get(&o.id), Some(o), t.get(&o.id)) {
            out.annotations.push(kept);
        }
    }
    let ours_ids: HashSet<&AnnotationId> = ours.annotations.iter().map(|a| &a.id).collect();
    for th in theirs.annotations.iter().filter(|a| !ours_ids.contains(&a.id)) {
        if let Some(kept) = pick(b.get(&th.id), None, Some(th)) {
            out.annotations.push(kept);
        }
    }
    let have: HashSet<_> = out.labels.iter().map(|l| l.id.clone()).collect();
    out.labels.extend(theirs.labels.iter().filter(|l| !have.contains(&l.id)).cloned());
    out.dismissed.extend(theirs.dismissed.iter().cloned());
    out
}

/// One annotation's fate from its base, our and their versions.
fn pick(base: Option<&Rc<Annotation>>, ours: Option<&Rc<Annotation>>, theirs: Option<&Rc<Annotation>>) -> Option<Rc<Annotation>> {
    match (ours, theirs) {
        (Some(o), Some(t)) if o == t => Some(o.clone()),
        (Some(o), Some(t)) if base == Some(o) => Some(t.clone()),
        (Some(o), Some(t)) if base == Some(t) => Some(o.clone()),
        // Both edited it: the later edit (ours on a tie).
        (Some(o), Some(t)) => Some(if t.updated > o.updated { t.clone() } else { o.clone() }),
        // They deleted it: gone if we left it as it was, kept if we edited it.
        (Some(o), None) => (base != Some(o)).then(|| o.clone()),
        (None, Some(t)) => (base != Some(t)).then(|| t.clone()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Target, Timestamp};
    use crate::text::CharRange;

    fn note(doc: &Document, id: &str, note: &str, updated: i64) -> Annotation {
        let target = Target::describe(doc, CharRange::new(6, 11)).expect("target");
        let label = DocData::default().labels[0].id.clone();
        Annotation { id: AnnotationId::parse(id).expect("id"), target, label, note: note.into(), created: Timestamp(1), updated: Timestamp(updated) }
    }

    fn data(notes: &[&Annotation]) -> DocData {
        DocData { annotations: notes.iter().map(|a| Rc::new((*a).clone())).collect(), ..DocData::default() }
    }

    fn notes(d: &DocData) -> Vec<(String, String)> {
        d.annotations.iter().map(|a| (a.id.as_str().to_string(), a.note.clone())).collect()
    }

    #[test]
    fn each_sides_changes_survive_the_others_save() {
        let doc = Document::from_raw("Title\nThe mayor spoke on Monday.", None);
        let (a, b) = (note(&doc, "a-1", "first", 1), note(&doc, "a-2", "second", 1));
        let (a_ours, a_theirs, a_late) = (note(&doc, "a-1", "ours", 5), note(&doc, "a-1", "theirs", 6), note(&doc, "a-1", "theirs later", 9));
        let (c, d) = (note(&doc, "a-3", "new here", 2), note(&doc, "a-4", "new there", 2));
        type Case<'x> = (&'x str, Vec<&'x Annotation>, Vec<&'x Annotation>, Vec<&'x Annotation>, Vec<(&'x str, &'x str)>);
        let cases: Vec<Case> = vec![
            ("nothing changed", vec![&a], vec![&a], vec![&a], vec![("a-1", "first")]),
            ("each added one", vec![&a], vec![&a, &c], vec![&a, &d], vec![("a-1", "first"), ("a-3", "new here"), ("a-4", "new there")]),
            ("they edited", vec![&a], vec![&a], vec![&a_theirs], vec![("a-1", "theirs")]),
            ("we edited", vec![&a], vec![&a_ours], vec![&a], vec![("a-1", "ours")]),
            ("both edited: the later wins", vec![&a], vec![&a_ours], vec![&a_late], vec![("a-1", "theirs later")]),
            ("both edited: ours is later", vec![&a], vec![&a_theirs], vec![&a_ours], vec![("a-1", "theirs")]),
            ("they deleted one we left", vec![&a, &b], vec![&a, &b], vec![&a], vec![("a-1", "first")]),
            ("we deleted one they left", vec![&a, &b], vec![&a], vec![&a, &b], vec![("a-1", "first")]),
            ("they deleted one we edited: kept", vec![&a], vec![&a_ours], vec![], vec![("a-1", "ours")]),
            ("we deleted one they edited: kept", vec![&a], vec![], vec![&a_theirs], vec![("a-1", "theirs")]),
        ];
        for (name, base, ours, theirs, want) in cases {
            let got = merge_concurrent(&data(&base), &data(&ours), &data(&theirs));
            let want: Vec<(String, String)> = want.into_iter().map(|(i, n)| (i.to_string(), n.to_string())).collect();
            assert_eq!(notes(&got), want, "{name}");
        }
    }

    #[test]
    fn a_save_after_another_tabs_save_merges_instead_of_overwriting() {
        use super::super::kv::MemoryStore;
        use super::super::page::encode;
        let doc = Document::from_raw("Title\nThe mayor spoke on Monday.", None);
        let key = PageKey::new("https://news.example/a", "", None);
        let kv = MemoryStore::default();
        let base = data(&[&note(&doc, "a-1", "first", 1)]);
        let first = encode(&doc, &base, Timestamp(10));
        kv.set(key.as_str(), &first).expect("set");
        let known = Stamp::of(&first);
        assert_eq!(Stamp::stored(&kv, &key).expect("stamp").as_ref(), Some(&known));
        let ours = data(&[&note(&doc, "a-1", "first", 1), &note(&doc, "a-2", "mine", 3)]);
        assert_eq!(catch_up(&kv, &key, Some(&known), &base, &ours, &doc), None, "nobody else wrote");
        // The other tab adds a note and saves.
        let theirs = data(&[&note(&doc, "a-1", "first", 1), &note(&doc, "a-3", "theirs", 4)]);
        kv.set(key.as_str(), &encode(&doc, &theirs, Timestamp(20))).expect("set");
        let merged = catch_up(&kv, &key, Some(&known), &base, &ours, &doc).expect("merged");
        assert_eq!(notes(&merged).iter().map(|(i, _)| i.as_str()).collect::<Vec<_>>(), ["a-1", "a-2", "a-3"]);
    }

    #[test]
    fn their_labels_and_dismissals_join_ours() {
        let mut theirs = DocData::default();
        theirs.labels.push(crate::model::Label { id: crate::model::LabelId::derived_from("l-", "Source"), name: "Source".into(), color: crate::model::Color::parse("#123456").expect("colour") });
        let got = merge_concurrent(&DocData::default(), &DocData::default(), &theirs);
        assert_eq!(got.labels.len(), DocData::default().labels.len() + 1);
    }
}
