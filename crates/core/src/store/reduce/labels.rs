//! Reducer for the labels family: add, rename, recolour, delete, and the
//! label new annotations get.

use crate::model::label::clean_label_name;
use crate::model::{Color, Label, LabelId};
use crate::store::{messages, Action, AppState, Notice};

/// Applies an action of the labels family (others are ignored).
pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::AddLabel { id, name, color } => add(s, id, name, color),
        Action::RenameLabel { id, name } => rename(s, id, name),
        Action::RecolorLabel { id, color } => edit_label(s, &id, |l| std::mem::replace(&mut l.color, color.clone()) != color),
        Action::DeleteLabel { id } => delete(s, id),
        Action::SetActiveLabel { id } => {
            s.ui.active_label = if s.data.label(&id).is_some() { id } else { s.ui.active_label.clone() };
        }
        _ => {}
    }
}

fn add(s: &mut AppState, id: LabelId, name: String, color: Color) {
    match clean_label_name(&name) {
        Err(e) => s.notice = Some(Notice::error(e)),
        Ok(_) if s.data.label(&id).is_some() => {}
        Ok(name) if s.data.label_name_taken(&name, None) => s.notice = Some(Notice::error(messages::label_name_taken(&name))),
        Ok(name) => {
            let mut next = (*s.data).clone();
            next.labels.push(Label { id: id.clone(), name, color });
            s.change_data(next);
            s.sync.keep = true;
            s.ui.active_label = id;
        }
    }
}

fn rename(s: &mut AppState, id: LabelId, name: String) {
    let name = match clean_label_name(&name) {
        Err(e) => {
            s.notice = Some(Notice::error(e));
            return;
        }
        Ok(name) => name,
    };
    if s.data.label_name_taken(&name, Some(&id)) {
        s.notice = Some(Notice::error(messages::label_name_taken(&name)));
        return;
    }
    edit_label(s, &id, |l| std::mem::replace(&mut l.name, name.clone()) != name);
}

/// Changes label `id` with `f` (which says whether anything changed): one
/// undo step, saved; nothing if the label is gone or `f` changed nothing.
fn edit_label(s: &mut AppState, id: &LabelId, f: impl FnOnce(&mut Label) -> bool) {
    let mut next = (*s.data).clone();
    let Some(l) = next.labels.iter_mut().find(|l| &l.id == id) else { return };
    if f(l) {
        s.change_data(next);
        s.sync.keep = true;
    }
}

fn delete(s: &mut AppState, id: LabelId) {
    let used = s.data.annotations.iter().filter(|a| a.label == id).count();
    if used > 0 {
        s.notice = Some(Notice::error(messages::label_in_use(used)));
        return;
    }
    if s.data.labels.len() <= 1 || s.data.label(&id).is_none() {
        return;
    }
    let mut next = (*s.data).clone();
    next.labels.retain(|l| l.id != id);
    s.change_data(next);
    s.sync.keep = true;
    if s.ui.active_label == id {
        s.ui.active_label = s.data.fallback_label();
    }
    s.ui.label_filter.remove(&id);
}
