//! Derived lists kept from one change to the next. A keystroke in a note
//! changes one annotation's note; re-deriving every highlight and list row
//! of a 5,000-annotation article (lookups, label sharing and a sort each)
//! was a few milliseconds of every keystroke (issue 20, "work proportional
//! to the change"). [`Derived::refresh`] instead swaps the edited
//! annotations into the rows derived before, when nothing a row is placed,
//! labelled or ordered by changed, and derives afresh otherwise.

use std::rc::Rc;

use super::{AnchorMap, OpenDoc};
use crate::model::{Annotation, DocData};

use super::view::{Highlight, ListItem};

/// A derived row that shares its annotation with the saved data.
pub trait SharesAnnotation: Clone {
    /// The annotation the row was derived from.
    fn annotation(&self) -> &Rc<Annotation>;
    /// Points the row at `annotation` (the same one, edited).
    fn set_annotation(&mut self, annotation: Rc<Annotation>);
}

impl SharesAnnotation for Highlight {
    fn annotation(&self) -> &Rc<Annotation> {
        &self.annotation
    }
    fn set_annotation(&mut self, annotation: Rc<Annotation>) {
        self.annotation = annotation;
    }
}

impl SharesAnnotation for ListItem {
    fn annotation(&self) -> &Rc<Annotation> {
        &self.annotation
    }
    fn set_annotation(&mut self, annotation: Rc<Annotation>) {
        self.annotation = annotation;
    }
}

/// More edits than this in one change are derived afresh: patching looks
/// each edit up among the rows (n rows × k edits), and a change that edits
/// many notes at once (an undo of a merge) is rare and not a keystroke.
const MAX_PATCHED_EDITS: usize = 16;

/// The annotations whose note or times alone changed from `before` to
/// `after`, as (before, after) pairs; `None` when anything rows are placed,
/// labelled or ordered by changed: the label set, the number or order of
/// annotations, or an annotation's id, target or label. Unchanged
/// annotations are the same `Rc` (the store shares them), so this is one
/// pointer comparison per annotation.
pub fn note_edits<'a>(before: &'a DocData, after: &'a DocData) -> Option<Vec<(&'a Rc<Annotation>, &'a Rc<Annotation>)>> {
    if before.annotations.len() != after.annotations.len() || before.labels != after.labels {
        return None;
    }
    let mut edits = Vec::new();
    for (old, new) in before.annotations.iter().zip(&after.annotations) {
        if Rc::ptr_eq(old, new) {
            continue;
        }
        if old.id != new.id || old.target != new.target || old.label != new.label {
            return None;
        }
        edits.push((old, new));
    }
    Some(edits)
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
    /// `prev` was derived from, `prev`'s with the edited annotations swapped
    /// in when only notes changed (see [`note_edits`]), and `derive()`
    /// otherwise.
    pub fn refresh(prev: Option<&Derived<T>>, doc: &Rc<OpenDoc>, data: &Rc<DocData>, anchors: &Rc<AnchorMap>, derive: impl FnOnce() -> Vec<T>) -> Derived<T> {
        let same_place = prev.filter(|p| Rc::ptr_eq(&p.doc, doc) && Rc::ptr_eq(&p.anchors, anchors));
        let rows = match same_place {
            Some(p) if Rc::ptr_eq(&p.data, data) => Rc::clone(&p.rows),
            Some(p) => match note_edits(&p.data, data) {
                Some(edits) if edits.len() <= MAX_PATCHED_EDITS => Rc::new(patched(&p.rows, &edits)),
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

    /// Every change that moves, adds, drops or relabels rows derives them
    /// afresh, and the result is what deriving gives.
    #[test]
    fn other_changes_derive_afresh() {
        let s = state();
        let other = s.data.labels.iter().map(|l| l.id.clone()).find(|l| *l != s.ui.active_label).unwrap();
        let range = CharRange::new(300, 310);
        let changes = [
            Action::SetLabel { id: id("a1"), label: other, at: Timestamp(9) },
            Action::DeleteAnnotation { id: id("a3") },
            Action::CreateAnnotation { id: id("a4"), range, label: s.ui.active_label.clone(), note: String::new(), at: Timestamp(9) },
            Action::RenameLabel { id: s.ui.active_label.clone(), name: "Checked".into() },
        ];
        for change in changes {
            let t = apply(&s, change.clone());
            assert_eq!(note_edits(&s.data, &t.data), None, "{change:?}");
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
