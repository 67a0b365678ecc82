//! Reducer for the suggestions family: what the analysis found, accepted
//! as annotations, dismissed or restored, and which types are shown.

use std::rc::Rc;

use crate::model::{Annotation, AnnotationId, Label, LabelId, Timestamp};
use crate::store::suggest::{self, Suggestion};
use crate::store::{Action, AppState};

/// Applies an action of the suggestions family (others are ignored).
pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::ToggleEntityType { kind } => super::toggle(&mut s.ui.hidden_types, kind),
        Action::ToggleQuotes => s.ui.show_quotes = !s.ui.show_quotes,
        Action::FocusSuggestion { key } => s.ui.focused_suggestion = key,
        Action::AcceptSuggestion { id, label_id, suggestion, at } => accept(s, id, label_id, &suggestion, at),
        Action::DismissSuggestion { key } => {
            if s.data.dismissed.contains(&key) {
                return;
            }
            let mut next = (*s.data).clone();
            next.dismissed.insert(key);
            s.change_data(next);
            s.sync.keep = true;
            s.ui.focused_suggestion = None;
        }
        Action::RestoreSuggestion { key } => {
            if !s.data.dismissed.contains(&key) {
                return;
            }
            let mut next = (*s.data).clone();
            next.dismissed.remove(&key);
            s.change_data(next);
        }
        _ => {}
    }
}

/// Annotates the suggestion's passage with its label (created if the
/// document has none by that name) and note: one undo step.
fn accept(s: &mut AppState, id: AnnotationId, label_id: LabelId, suggestion: &Rc<Suggestion>, at: Timestamp) {
    let Some(target) = crate::anchor::describe(&s.doc.document, suggestion.range) else { return };
    if s.data.annotation(&id).is_some() {
        return;
    }
    let mut next = (*s.data).clone();
    let label = match next.labels.iter().find(|l| l.name.eq_ignore_ascii_case(&suggestion.label)) {
        Some(l) => l.id.clone(),
        None => {
            let color = suggest::type_color(suggestion.kind);
            next.labels.push(Label { id: label_id.clone(), name: suggestion.label.clone(), color });
            label_id
        }
    };
    next.dismissed.remove(&suggestion.key);
    next.annotations.push(Rc::new(Annotation { id, target, label, note: suggestion.note.clone(), created: at, updated: at }));
    s.change_data(next);
    s.sync.keep = true;
    s.ui.focused_suggestion = None;
}
