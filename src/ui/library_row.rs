//! What the Library's two lists (saved articles, pages annotated in place)
//! show alike: the count of annotations and the question a delete asks.

use yew::prelude::*;

/// The question and the two answers a delete in the Library asks first.
pub(super) fn confirm_delete(question: &'static str, delete: Callback<MouseEvent>, cancel: Callback<MouseEvent>) -> Html {
    html! {
        <>
            <span>{ question }</span>
            <button type="button" class="danger small" onclick={delete}>{"Delete"}</button>
            <button type="button" class="secondary small" onclick={cancel}>{"Keep"}</button>
        </>
    }
}

/// `1 annotation`, `3 annotations`.
pub(super) fn annotations(n: usize) -> String {
    format!("{n} annotation{}", if n == 1 { "" } else { "s" })
}
