//! Reducer for the shared room (issue 22): another reader's changes, the
//! room's data on joining, and the room's state for the toolbar.

use super::super::{messages, Action, AppState, Notice};

pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::SharedChanges { delta, restored } => {
            if delta.is_empty() {
                return;
            }
            // Not an undo step of this reader's: undo takes back only
            // their own changes (History::rebase).
            s.history.rebase(&delta);
            let data = delta.apply(&s.data);
            s.set_data(data);
            s.fix_selection();
            if !restored.is_empty() {
                s.notice = Some(Notice::info(messages::SHARED_RESTORED));
            }
        }
        Action::JoinedRoom { data } => {
            let incoming = crate::export::Incoming { labels: data.labels, annotations: data.annotations, dismissed: data.dismissed };
            let (merged, _) = crate::export::merge::merge(&s.data, &incoming);
            if merged != *s.data {
                s.change_data(merged);
                s.fix_selection();
            }
        }
        Action::ShareState { view } => s.ui.share = view.map(std::rc::Rc::new),
        _ => {}
    }
}
