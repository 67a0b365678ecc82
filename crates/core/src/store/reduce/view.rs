//! Reducer for the view family: selection, filters, search, the panel's
//! tab and the message shown. Nothing here is saved.

use crate::store::{Action, AppState, PanelTab};

/// Longest search query kept (characters).
const MAX_SEARCH_CHARS: usize = 200;

/// Applies an action of the view family (others are ignored).
pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::SelectText { selection } => s.ui.selection = selection,
        Action::SelectAnnotation { id } => {
            s.ui.selected = id.filter(|id| s.data.annotation(id).is_some());
            if s.ui.selected.is_some() {
                s.ui.tab = PanelTab::Annotations;
            }
        }
        Action::ToggleLabelFilter { id } => super::toggle(&mut s.ui.label_filter, id),
        Action::ClearLabelFilter => s.ui.label_filter.clear(),
        Action::SetSearch { query } => s.ui.search = query.chars().take(MAX_SEARCH_CHARS).collect(),
        Action::ShowTab { tab } => s.ui.tab = tab,
        Action::Notify { notice } => s.notice = Some(notice),
        Action::DismissNotice => s.notice = None,
        _ => {}
    }
}
