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

/// What the statuses were worked out from, and them.
struct StatusesOf {
    insight: Rc<Insight>,
    data: Rc<crate::model::DocData>,
    statuses: Rc<Vec<Status>>,
}

/// Each suggestion's status against the saved data, worked out again when
/// the analysis or what the statuses read changes (an annotation's place,
/// a dismissal), not when a note is typed in: a status lookup of every
/// suggestion among 5,000 annotations was a millisecond of each keystroke.
#[hook]
fn use_statuses(state: &AppState, insight: &Rc<Insight>) -> Rc<Vec<Status>> {
    let kept = use_mut_ref(|| None::<StatusesOf>);
    let mut kept = kept.borrow_mut();
    let reuse = kept.as_ref().filter(|k| {
        Rc::ptr_eq(&k.insight, insight)
            && (Rc::ptr_eq(&k.data, &state.data)
                || k.data.dismissed == state.data.dismissed && crate::store::derived::note_edits(&k.data, &state.data).is_some())
    });
    let statuses = match reuse {
        Some(k) => Rc::clone(&k.statuses),
        None => Rc::new(suggest::statuses(&insight.suggestions, &state.data)),
    };
    *kept = Some(StatusesOf { insight: insight.clone(), data: state.data.clone(), statuses: statuses.clone() });
    statuses
}

/// Statuses and visible suggestions of `insight` for `state`: statuses as
/// [`use_statuses`] keeps them, the visible list memoised on the
/// statuses' values and the view's toggles.
#[hook]
pub fn use_suggestions(state: &AppState, insight: Rc<Insight>) -> SuggestionView {
    let statuses = use_statuses(state, &insight);
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
