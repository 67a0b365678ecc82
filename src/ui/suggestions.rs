//! The hook that turns the analysis into what the article shows: each
//! suggestion's status against the saved data, and the visible ones.

use std::rc::Rc;

use yew::prelude::*;

use super::insight::Insight;
use crate::analysis::EntityType;
use crate::store::suggest::{self, Status, Suggestion, SuggestionKind};
use crate::store::AppState;

/// The suggestions as the page shows them.
pub struct SuggestionView {
    /// Status of every suggestion, in the insight's order.
    pub statuses: Rc<Vec<Status>>,
    /// The visible ones (not dismissed, their type shown) with their
    /// status: the same `Rc` until one of them or its status changes, so a
    /// keystroke in a note leaves the article's blocks alone (issue 10,
    /// item 5).
    pub visible: Rc<Vec<(Suggestion, Status)>>,
}

/// Statuses and visible suggestions of `insight` for `state`, memoised
/// with yew's dependency tuples: statuses on the document and its version,
/// the visible list on the statuses' values and the view's toggles.
#[hook]
pub fn use_suggestions(state: &AppState, insight: Rc<Insight>) -> SuggestionView {
    let statuses: Rc<Vec<Status>> = {
        let (insight, data) = (insight.clone(), state.data.clone());
        // `pending`: a long article's suggestions arrive after its first paint.
        use_memo((state.doc.document.hash.clone(), state.version, insight.pending), move |_| suggest::statuses(&insight.suggestions, &data))
    };
    let visible = {
        // `statuses` compares by value: a new version with the same
        // statuses keeps the visible list.
        let deps = (state.doc.document.hash.clone(), statuses.clone(), state.ui.hidden_types.clone(), state.ui.show_quotes);
        use_memo(deps, move |(_, statuses, hidden, show_quotes)| {
            insight
                .suggestions
                .iter()
                .zip(statuses.iter())
                .filter(|(s, st)| {
                    **st != Status::Dismissed
                        && match s.kind {
                            SuggestionKind::Entity(t) => !hidden.contains(&t) && t != EntityType::Media,
                            SuggestionKind::Quote => *show_quotes,
                        }
                })
                .map(|(s, st)| (s.clone(), *st))
                .collect::<Vec<_>>()
        })
    };
    SuggestionView { statuses, visible }
}
