//! Reducer for the annotations family: create, edit (note, label, target),
//! delete, and undo/redo of saved data.

use std::rc::Rc;

use crate::model::annotation::MAX_NOTE_CHARS;
use crate::model::{Annotation, AnnotationId, DocData, Timestamp};
use crate::store::{messages, Action, AppState, Notice, PanelTab};
use crate::text::CharRange;

/// Applies an action of the annotations family (others are ignored).
pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::CreateAnnotation { id, range, label, note, at } => create(s, id, range, label, note, at),
        Action::SetNote { id, note, at } => set_note(s, id, note, at),
        Action::SetLabel { id, label, at } => {
            if s.data.label(&label).is_none() || s.data.annotation(&id).is_none_or(|a| a.label == label) {
                return;
            }
            if let Some(next) = with_annotation(&s.data, &id, |a| {
                a.label = label.clone();
                a.updated = at;
            }) {
                s.change_data(next);
                s.ui.active_label = label;
            }
        }
        Action::DeleteAnnotation { id } => delete(s, id),
        Action::Reattach { id, range, at } => reattach(s, id, range, at),
        Action::AcceptMove { id, at } => {
            if let Some(range) = s.anchor_of(&id).and_then(|a| a.range()) {
                move_to(s, &id, range, at);
            }
        }
        Action::Undo => {
            let step = s.history.undo(s.data.clone());
            restore(s, step);
        }
        Action::Redo => {
            let step = s.history.redo(s.data.clone());
            restore(s, step);
        }
        _ => {}
    }
}

fn create(s: &mut AppState, id: AnnotationId, range: CharRange, label: crate::model::LabelId, note: String, at: Timestamp) {
    let Some(target) = crate::anchor::describe(&s.doc.document, range) else { return };
    if s.data.annotation(&id).is_some() {
        return;
    }
    let label = if s.data.label(&label).is_some() { label } else { s.data.fallback_label() };
    let mut next = (*s.data).clone();
    next.annotations.push(Rc::new(Annotation { id: id.clone(), target, label, note, created: at, updated: at }));
    s.change_data(next);
    s.sync.keep = true;
    s.ui.selected = Some(id);
    s.ui.selection = None;
    s.ui.focus_note += 1;
    s.ui.tab = PanelTab::Annotations;
}

fn set_note(s: &mut AppState, id: AnnotationId, note: String, at: Timestamp) {
    let cut = note.chars().nth(MAX_NOTE_CHARS).is_some();
    let note: String = note.chars().take(MAX_NOTE_CHARS).collect();
    if cut {
        s.notice = Some(Notice::error(messages::note_cut(MAX_NOTE_CHARS)));
    }
    if s.data.annotation(&id).is_none_or(|a| a.note == note) {
        return;
    }
    if let Some(next) = with_annotation(&s.data, &id, |a| {
        a.note = note;
        a.updated = at;
    }) {
        let before = s.data.clone();
        s.history.record_note_edit(before, &id, at);
        // A note does not move anything: the anchors stay.
        s.data = Rc::new(next);
        s.version += 1;
    }
}

fn delete(s: &mut AppState, id: AnnotationId) {
    if s.data.annotation(&id).is_none() {
        return;
    }
    let mut next = (*s.data).clone();
    next.annotations.retain(|a| a.id != id);
    s.change_data(next);
    if s.ui.selected.as_ref() == Some(&id) {
        s.ui.selected = None;
    }
    s.notice = Some(Notice::info(messages::ANNOTATION_DELETED));
}

/// Points an orphaned or moved annotation at the passage the reader chose,
/// and selects it.
fn reattach(s: &mut AppState, id: AnnotationId, range: CharRange, at: Timestamp) {
    if move_to(s, &id, range, at) {
        s.ui.selection = None;
        s.ui.selected = Some(id);
    }
}

/// Points annotation `id` at `range`; false if it could not.
fn move_to(s: &mut AppState, id: &AnnotationId, range: CharRange, at: Timestamp) -> bool {
    let Some(target) = crate::anchor::describe(&s.doc.document, range) else { return false };
    let Some(next) = with_annotation(&s.data, id, |a| {
        a.target = target;
        a.updated = at;
    }) else {
        return false;
    };
    s.change_data(next);
    true
}

/// Undo and redo alike: puts back the data of a history step, if there is
/// one.
fn restore(s: &mut AppState, step: Option<Rc<DocData>>) {
    if let Some(data) = step {
        s.data = data;
        s.version += 1;
        s.reanchor();
        s.fix_selection();
        s.notice = None;
    }
}

/// A copy of `data` with annotation `id` changed by `f`; `None` if there
/// is no such annotation.
fn with_annotation(data: &DocData, id: &AnnotationId, f: impl FnOnce(&mut Annotation)) -> Option<DocData> {
    let mut next = data.clone();
    let a = next.annotations.iter_mut().find(|a| &a.id == id)?;
    // Only this annotation is copied; the others stay shared.
    f(Rc::make_mut(a));
    Some(next)
}
