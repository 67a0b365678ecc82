//! The widget's effects, one hook each: saving the page's record (and
//! telling the host what changed), painting highlights, following the
//! reader's selection on the host page, and keeping what the panel points
//! at in view.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use yew::prelude::*;

use super::context::Ctx;
use crate::model::DocData;
use crate::platform::clock::now;
use crate::platform::host::host_selection;
use crate::platform::selection::scroll_into_view;
use crate::store::kv::KeyValue;
use crate::store::page;
use crate::store::paint::{layers, style_sheet};
use crate::store::suggest::{Status, Suggestion};
use crate::store::{view, Action, AppState, Notice, TextSelection};
use crate::text::CharRange;

/// Saves the page's record whenever the reader's data changes, and emits
/// `annotationcreated` / `annotationchanged` / `annotationdeleted` for each
/// change. Saving is synchronous: the record of one article is small, and
/// a save that never waits cannot be lost to a closed tab.
#[hook]
pub fn use_page_save(ctx: &Ctx, state: &Rc<AppState>) {
    let saved = use_mut_ref(|| state.data.clone());
    let (ctx, state) = (ctx.clone(), state.clone());
    use_effect_with(state.version, move |_| {
        let before: Rc<DocData> = saved.borrow().clone();
        if Rc::ptr_eq(&before, &state.data) {
            return;
        }
        *saved.borrow_mut() = state.data.clone();
        if !ctx.writes_held.get() {
            if let Some(kv) = &ctx.kv {
                let record = page::encode(&state.doc.document, &state.data, now());
                if let Err(e) = kv.set(ctx.key.as_str(), &record) {
                    let text = format!("Your notes could not be saved in this browser ({e}). Export them before leaving the page.");
                    ctx.bridge.send(Action::Notify { notice: Notice::error(text) });
                }
            }
        }
        for change in page::changes(&before, &state.data) {
            ctx.bridge.emit(change.kind.event(), &change.detail);
        }
    });
}

/// Paints the reader's annotations and the found entities and quotations
/// on the host article, again whenever they change.
#[hook]
pub fn use_paint(ctx: &Ctx, state: &Rc<AppState>, visible: Rc<Vec<(Suggestion, Status)>>) {
    let deps = (state.version, state.ui.selected.clone(), visible.clone());
    let (ctx, state) = (ctx.clone(), state.clone());
    use_effect_with(deps, move |_| {
        let Ok(painter) = &ctx.painter else { return };
        let highlights = view::highlights(&state.data, &state.anchors);
        let all = layers(&state.data, &highlights, state.ui.selected.as_ref(), &visible, !ctx.options.hide_found);
        painter.set_styles(&style_sheet(&all, |n| painter.name(n)));
        for layer in &all {
            let ranges: Vec<_> = layer.ranges.iter().filter_map(|r| ctx.host.dom_range(*r)).collect();
            painter.paint(&layer.name, &ranges, layer.priority);
        }
    });
}

/// The reader's selection in the host article becomes the state's
/// selection (for the Annotate control and Reattach). Scrolling moves the
/// selection on screen, so it is read again then too.
#[hook]
pub fn use_host_selection(ctx: &Ctx) {
    let ctx = ctx.clone();
    use_effect_with((), move |_| {
        let read = {
            let ctx = ctx.clone();
            move || {
                let found = host_selection(&ctx.article, &ctx.host).map(|(range, rect)| TextSelection { range, rect });
                let current = ctx.bridge.state().and_then(|s| s.ui.selection.clone());
                if found != current {
                    ctx.bridge.send(Action::SelectText { selection: found });
                }
            }
        };
        let on_select = {
            let read = read.clone();
            EventListener::new(&gloo::utils::document(), "selectionchange", move |_| read())
        };
        let passive = EventListenerOptions::run_in_capture_phase();
        let on_scroll = EventListener::new_with_options(&gloo::utils::window(), "scroll", passive, move |_| read());
        move || drop((on_select, on_scroll))
    });
}

/// Scrolls the host article to the annotation opened in the panel and to
/// the suggestion looked at.
#[hook]
pub fn use_reveal(ctx: &Ctx, state: &Rc<AppState>, suggestions: Rc<Vec<(Suggestion, Status)>>) {
    let target = reveal_target(state, &suggestions);
    let ctx = ctx.clone();
    use_effect_with(target, move |target| {
        let Some(range) = target else { return };
        let element = ctx.host.dom_range(*range).and_then(|r| r.start_container().ok()).and_then(|n| n.parent_element());
        if let Some(el) = element {
            scroll_into_view(&el);
        }
    });
}

/// The passage to bring into view: the focused suggestion, else the
/// selected annotation.
fn reveal_target(state: &AppState, suggestions: &[(Suggestion, Status)]) -> Option<CharRange> {
    if let Some(key) = &state.ui.focused_suggestion {
        return suggestions.iter().find(|(s, _)| &s.key == key).map(|(s, _)| s.range);
    }
    state.ui.selected.as_ref().and_then(|id| state.anchor_of(id)).and_then(|a| a.range())
}
