//! Derived lists kept from one change to the next. A keystroke in a note
//! changes one annotation's note, and adding one adds a row; re-deriving
//! every highlight and list row of a 5,000-annotation article (lookups,
//! label sharing and a sort each) was a few milliseconds of each (issue 20,
//! "work proportional to the change"). [`Derived::refresh`] instead swaps
//! the edited annotations into the rows derived before and places the
//! added ones' rows among them, when nothing else a row is placed,
//! labelled or ordered by changed, and derives afresh otherwise.

use std::rc::Rc;

use super::{AnchorMap, OpenDoc};
use crate::model::{Annotation, DocData};

use super::view::{self, Highlight, ListItem};

/// A derived row that shares its annotation with the saved data.
pub trait SharesAnnotation: Clone {
    /// The annotation the row was derived from.
    fn annotation(&self) -> &Rc<Annotation>;
    /// Points the row at `annotation` (the same one, edited).
    fn set_annotation(&mut self, annotation: Rc<Annotation>);
    /// Adds the rows of annotations `added` (the last of `data`'s) to
    /// `rows`, where deriving them would place them.
    fn add_rows(rows: &mut Vec<Self>, added: &[Rc<Annotation>], data: &DocData, anchors: &AnchorMap, doc: &OpenDoc);
}

impl SharesAnnotation for Highlight {
    fn annotation(&self) -> &Rc<Annotation> {
        &self.annotation
    }
    fn set_annotation(&mut self, annotation: Rc<Annotation>) {
        self.annotation = annotation;
    }
    fn add_rows(rows: &mut Vec<Self>, added: &[Rc<Annotation>], data: &DocData, anchors: &AnchorMap, _: &OpenDoc) {
        view::with_highlights_added(rows, added, data, anchors);
    }
}

impl SharesAnnotation for ListItem {
    fn annotation(&self) -> &Rc<Annotation> {
        &self.annotation
    }
    fn set_annotation(&mut self, annotation: Rc<Annotation>) {
        self.annotation = annotation;
    }
    fn add_rows(rows: &mut Vec<Self>, added: &[Rc<Annotation>], data: &DocData, anchors: &AnchorMap, doc: &OpenDoc) {
        view::with_items_added(rows, added, data, anchors, &doc.document.indexed);
    }
}

/// More edits or additions than this in one change are derived afresh:
/// patching looks each edit up among the rows and inserts each addition
/// (n rows × k changes), and a change that edits or adds many at once (an
/// undo of a merge, an import) is rare and not a keystroke.
const MAX_PATCHED_EDITS: usize = 16;

/// A change rows can follow by patching: annotations whose note or times
/// alone changed, as (before, after) pairs, and annotations added after
/// the others (new ones are appended).
#[derive(Debug, PartialEq)]
pub struct Changes<'a> {
    /// Edited in place.
    pub edits: Vec<(&'a Rc<Annotation>, &'a Rc<Annotation>)>,
    /// Added at the end.
    pub added: &'a [Rc<Annotation>],
}

/// What changed from `before` to `after` (see [`Changes`]); `None` when
/// anything else rows are placed, labelled or ordered by changed: the
/// label set, an annotation gone or moved in the list, or an annotation's
/// id, target or label. Unchanged annotations are the same `Rc` (the store
/// shares them), so this is one pointer comparison per annotation.
pub fn changes<'a>(before: &'a DocData, after: &'a DocData) -> Option<Changes<'a>> {
    if after.annotations.len() < before.annotations.len() || before.labels != after.labels {
        return None;
    }
    let (kept, added) = after.annotations.split_at(before.annotations.len());
    let mut edits = Vec::new();
    for (old, new) in before.annotations.iter().zip(kept) {
        if Rc::ptr_eq(old, new) {
            continue;
        }
        if old.id != new.id || old.target != new.target || old.label != new.label {
            return None;
        }
        edits.push((old, new));
    }
    Some(Changes { edits, added })
}

/// The annotations whose note or times alone changed from `before` to
/// `after` (see [`changes`]), none added; `None` after any other change.
pub fn note_edits<'a>(before: &'a DocData, after: &'a DocData) -> Option<Vec<(&'a Rc<Annotation>, &'a Rc<Annotation>)>> {
    changes(before, after).filter(|c| c.added.is_empty()).map(|c| c.edits)
}

/// Rows derived from one state of the saved data, and what they were
/// derived from.
pub struct Derived<T> {
    doc: Rc<OpenDoc>,
    data: Rc<DocData>,
    anchors: Rc<AnchorMap>,
    rows: Rc<Vec<T>>,
}

impl<T: SharesAnnotation> Derived<T> {
    /// The rows for `doc`, `data` and `anchors`: `prev`'s when they are what
    /// `prev` was derived from, `prev`'s patched when only notes changed
    /// and annotations were added (see [`changes`]; adding one places the
    /// annotations anew, which keeps every other annotation's place), and
    /// `derive()` otherwise.
    pub fn refresh(prev: Option<&Derived<T>>, doc: &Rc<OpenDoc>, data: &Rc<DocData>, anchors: &Rc<AnchorMap>, derive: impl FnOnce() -> Vec<T>) -> Derived<T> {
        let rows = match prev.filter(|p| Rc::ptr_eq(&p.doc, doc)) {
            Some(p) if Rc::ptr_eq(&p.data, data) && Rc::ptr_eq(&p.anchors, anchors) => Rc::clone(&p.rows),
            Some(p) => match changes(&p.data, data) {
                Some(c) if patchable(&c, Rc::ptr_eq(&p.anchors, anchors)) => {
                    let mut rows = patched(&p.rows, &c.edits);
                    T::add_rows(&mut rows, c.added, data, anchors, doc);
                    Rc::new(rows)
                }
                _ => Rc::new(derive()),
            },
            None => Rc::new(derive()),
        };
        Derived { doc: Rc::clone(doc), data: Rc::clone(data), anchors: Rc::clone(anchors), rows }
    }

    /// The rows.
    pub fn rows(&self) -> &Rc<Vec<T>> {
        &self.rows
    }
}

/// Whether rows can follow change `c` by patching: few enough edits and
/// additions, and the places the same (`same_anchors`) unless annotations
/// were added, which places them anew but keeps every other annotation's
/// place (`AppState::reanchor`).
fn patchable(c: &Changes<'_>, same_anchors: bool) -> bool {
    c.edits.len() <= MAX_PATCHED_EDITS && c.added.len() <= MAX_PATCHED_EDITS && (same_anchors || !c.added.is_empty())
}

/// `rows` with each edit's new annotation in place of its old one.
fn patched<T: SharesAnnotation>(rows: &[T], edits: &[(&Rc<Annotation>, &Rc<Annotation>)]) -> Vec<T> {
    let mut out = rows.to_vec();
    for row in &mut out {
        if let Some((_, new)) = edits.iter().find(|(old, _)| Rc::ptr_eq(row.annotation(), old)) {
            row.set_annotation(Rc::clone(new));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Timestamp};
    use crate::store::view;
    use crate::store::{apply, Action, AppState};
    use crate::text::CharRange;

    fn id(s: &str) -> AnnotationId {
        AnnotationId::parse(s).unwrap()
    }

    /// The sample with three annotations.
    fn state() -> AppState {
        let mut s = AppState::new(crate::sample::sample_document());
        for (k, start) in [(1, 40), (2, 10), (3, 200)] {
            let (range, label) = (CharRange::new(start, start + 6), s.ui.active_label.clone());
            s = apply(&s, Action::CreateAnnotation { id: id(&format!("a{k}")), range, label, note: String::new(), at: Timestamp(k) });
        }
        s
    }

    fn highlights(prev: Option<&Derived<Highlight>>, s: &AppState) -> Derived<Highlight> {
        Derived::refresh(prev, &s.doc, &s.data, &s.anchors, || view::highlights(&s.data, &s.anchors))
    }

    fn items(prev: Option<&Derived<ListItem>>, s: &AppState) -> Derived<ListItem> {
        Derived::refresh(prev, &s.doc, &s.data, &s.anchors, || view::all_items(&s.data, &s.anchors, &s.doc.document.indexed))
    }

    #[test]
    fn a_note_edit_patches_the_rows_to_what_deriving_gives() {
        let s = state();
        let (h, l) = (highlights(None, &s), items(None, &s));
        let t = apply(&s, Action::SetNote { id: id("a2"), note: "checked".into(), at: Timestamp(9) });
        assert!(Rc::ptr_eq(&s.anchors, &t.anchors), "a note edit keeps the anchors");
        assert_eq!(note_edits(&s.data, &t.data).map(|e| e.len()), Some(1));
        let (h2, l2) = (highlights(Some(&h), &t), items(Some(&l), &t));
        assert_eq!(**h2.rows(), view::highlights(&t.data, &t.anchors));
        assert_eq!(**l2.rows(), view::all_items(&t.data, &t.anchors, &t.doc.document.indexed));
        assert!(l2.rows().iter().any(|i| i.note() == "checked"));
    }

    #[test]
    fn the_same_data_reuses_the_rows() {
        let s = state();
        let h = highlights(None, &s);
        let again = highlights(Some(&h), &apply(&s, Action::SelectAnnotation { id: Some(id("a1")) }));
        assert!(Rc::ptr_eq(h.rows(), again.rows()));
    }

    /// Added annotations are placed among the rows where deriving places
    /// them: before, between and after the others, on the same passage as
    /// another (the highlights keep such ties in the data's order), and
    /// inside another's passage.
    #[test]
    fn added_annotations_are_placed_as_deriving_places_them() {
        let s = state();
        let (mut h, mut l) = (highlights(None, &s), items(None, &s));
        let mut now = s;
        for (k, (start, end)) in [(0, 3), (40, 46), (25, 30), (500, 520), (41, 44), (10, 16)].into_iter().enumerate() {
            let label = now.ui.active_label.clone();
            let t = apply(&now, Action::CreateAnnotation { id: id(&format!("n{k}")), range: CharRange::new(start, end), label, note: String::new(), at: Timestamp(9) });
            assert_eq!(changes(&now.data, &t.data).map(|c| (c.edits.len(), c.added.len())), Some((0, 1)));
            (h, l) = (highlights(Some(&h), &t), items(Some(&l), &t));
            assert_eq!(**h.rows(), view::highlights(&t.data, &t.anchors), "after adding {start}..{end}");
            assert_eq!(**l.rows(), view::all_items(&t.data, &t.anchors, &t.doc.document.indexed), "after adding {start}..{end}");
            now = t;
        }
    }

    /// Every change that moves, drops or relabels rows derives them afresh
    /// (an undone delete puts the annotation back in its place in the
    /// data's list, not at its end), and the result is what deriving gives.
    #[test]
    fn other_changes_derive_afresh() {
        let s = state();
        let other = s.data.labels.iter().map(|l| l.id.clone()).find(|l| *l != s.ui.active_label).unwrap();
        let deleted = apply(&s, Action::DeleteAnnotation { id: id("a1") });
        let cases = [
            (s.clone(), Action::SetLabel { id: id("a1"), label: other, at: Timestamp(9) }),
            (s.clone(), Action::DeleteAnnotation { id: id("a3") }),
            (s.clone(), Action::RenameLabel { id: s.ui.active_label.clone(), name: "Checked".into() }),
            (deleted, Action::Undo),
        ];
        for (s, change) in cases {
            let t = apply(&s, change.clone());
            assert_eq!(changes(&s.data, &t.data), None, "{change:?}");
            let (h, l) = (highlights(Some(&highlights(None, &s)), &t), items(Some(&items(None, &s)), &t));
            assert_eq!(**h.rows(), view::highlights(&t.data, &t.anchors), "{change:?}");
            assert_eq!(**l.rows(), view::all_items(&t.data, &t.anchors, &t.doc.document.indexed), "{change:?}");
        }
    }

    /// Undo of a note edit restores the earlier annotation: patched back.
    #[test]
    fn undoing_a_note_edit_patches_back() {
        let s = state();
        let t = apply(&s, Action::SetNote { id: id("a1"), note: "x".into(), at: Timestamp(9) });
        let u = apply(&t, Action::Undo);
        let h = highlights(Some(&highlights(Some(&highlights(None, &s)), &t)), &u);
        assert_eq!(**h.rows(), view::highlights(&u.data, &u.anchors));
        assert!(h.rows().iter().all(|r| r.note().is_empty()));
    }
}
