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
    /// The visible ones (not dismissed, their type shown) with their status.
    pub visible: Rc<Vec<(Suggestion, Status)>>,
    /// Changes when the visible suggestions or their statuses do (the
    /// article's memo key).
    pub key: u64,
}

/// A key that changes when the visible suggestions or their statuses do,
/// and not on every change of the data (a keystroke in a note leaves it
/// alone, so the article keeps its block models: issue 10, item 5).
fn suggestions_key(ui: &crate::store::UiState, statuses: &[Status]) -> u64 {
    use std::hash::{Hash, Hasher};
    let hidden_bits: u64 = EntityType::ALL.iter().enumerate().filter(|(_, t)| ui.hidden_types.contains(t)).map(|(i, _)| 1u64 << i).sum();
    let mut h = crate::analysis::words::FxHasher::default();
    (hidden_bits, ui.show_quotes).hash(&mut h);
    statuses.iter().for_each(|st| (*st as u8).hash(&mut h));
    h.finish()
}

/// Statuses and visible suggestions of `insight` for `state`, memoised on
/// the document, its version and the view's toggles.
#[hook]
pub fn use_suggestions(state: &AppState, insight: Rc<Insight>) -> SuggestionView {
    let statuses: Rc<Vec<Status>> = {
        let (insight, data) = (insight.clone(), state.data.clone());
        // `pending`: a long article's suggestions arrive after its first paint.
        use_memo((state.doc.document.hash.clone(), state.version, insight.pending), move |_| suggest::statuses(&insight.suggestions, &data))
    };
    let key = suggestions_key(&state.ui, &statuses);
    let visible = {
        let (statuses, hidden, show_quotes) = (statuses.clone(), state.ui.hidden_types.clone(), state.ui.show_quotes);
        use_memo((state.doc.document.hash.clone(), key), move |_| {
            insight
                .suggestions
                .iter()
                .zip(statuses.iter())
                .filter(|(s, st)| {
                    **st != Status::Dismissed
                        && match s.kind {
                            SuggestionKind::Entity(t) => !hidden.contains(&t) && t != EntityType::Media,
                            SuggestionKind::Quote => show_quotes,
                        }
                })
                .map(|(s, st)| (s.clone(), *st))
                .collect::<Vec<_>>()
        })
    };
    SuggestionView { statuses, visible, key }
}
