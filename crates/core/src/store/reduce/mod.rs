//! The one state transition function, [`apply`]: it refuses changes to
//! saved data while the article is read-only, then hands the action to the
//! reducer of its family ([`Action::family`]). To find where an action is
//! handled, look up its family:
//!
//! | family | file | actions |
//! |---|---|---|
//! | documents | `documents.rs` | `OpenDocument`, `SwitchReading`, `PrepareImport`, `ApplyImport`, `CancelImport` |
//! | annotations | `annotations.rs` | `CreateAnnotation`, `SetNote`, `SetLabel`, `DeleteAnnotation`, `Reattach`, `AcceptMove`, `Undo`, `Redo` |
//! | labels | `labels.rs` | `AddLabel`, `RenameLabel`, `RecolorLabel`, `DeleteLabel`, `SetActiveLabel` |
//! | suggestions | `suggestions.rs` | `AcceptSuggestion`, `DismissSuggestion`, `RestoreSuggestion`, `FocusSuggestion`, `ToggleEntityType`, `ToggleQuotes` |
//! | sync | `sync.rs` | `StorageProbed`, `Saved`, `OutboxSaved`, `SaveFailed`, `RemoteUpdate`, `MergedElsewhere`, `RemoteCleared`, `ResolveConflict`, `ResumeSaving`, `LibraryLoaded`, `UsageMeasured` |
//! | view | `view.rs` | `SelectText`, `SelectAnnotation`, `ToggleLabelFilter`, `ClearLabelFilter`, `SetSearch`, `ShowTab`, `Notify`, `DismissNotice` |
//! | share | `share.rs` | `SharedChanges`, `JoinedRoom`, `ShareState` |

mod annotations;
mod documents;
mod labels;
mod share;
mod suggestions;
mod sync;
mod view;

use super::{messages, Action, AppState, Family, Notice};

/// The one state transition function.
pub fn apply(state: &AppState, action: Action) -> AppState {
    let mut s = state.clone();
    if action.changes_data() {
        if let Some(why) = &s.sync.read_only {
            s.notice = Some(Notice::error(messages::read_only(why)));
            s.ui.pending_import = None;
            return s;
        }
        if s.ui.share.as_ref().is_some_and(|share| !share.can_write) {
            s.notice = Some(Notice::error(messages::SHARED_READ_ONLY));
            s.ui.pending_import = None;
            return s;
        }
    }
    match action.family() {
        Family::Documents => documents::reduce(&mut s, action),
        Family::Annotations => annotations::reduce(&mut s, action),
        Family::Labels => labels::reduce(&mut s, action),
        Family::Suggestions => suggestions::reduce(&mut s, action),
        Family::Sync => sync::reduce(&mut s, action),
        Family::View => view::reduce(&mut s, action),
        Family::Share => share::reduce(&mut s, action),
    }
    s
}

/// Adds `item` to `set`, or takes it out if it was there.
fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, item: T) {
    if !set.remove(&item) {
        set.insert(item);
    }
}
