//! The widget's effects, one hook each: saving the page's record (and
//! telling the host what changed), painting highlights, following the
//! reader's selection on the host page, and keeping what the panel points
//! at in view.

use std::rc::Rc;

use yew::prelude::*;

use super::context::Ctx;
use super::surface::PageEvents;
use crate::model::DocData;
use crate::platform::clock::now;
use crate::store::kv::KeyValue;
use crate::store::concurrent::{catch_up, Stamp};
use crate::store::page;
use crate::store::paint::layers;
use crate::store::suggest::{Status, Suggestion};
use crate::store::{view, Action, AppState, Notice, TextSelection};
use crate::text::CharRange;
use crate::ui::commands::create_annotation;

/// Saves the page's record whenever the reader's data changes, and emits
/// `annotationcreated` / `annotationchanged` / `annotationdeleted` for each
/// change. Saving is synchronous: the record of one article is small, and
/// a save that never waits cannot be lost to a closed tab. A record
/// another tab saved in the meantime (the same page open twice) is merged
/// in first, never overwritten (`store::concurrent`).
#[hook]
pub fn use_page_save(ctx: &Ctx, state: &Rc<AppState>) {
    let saved = use_mut_ref(|| state.data.clone());
    let known = {
        let ctx = ctx.clone();
        use_mut_ref(move || ctx.kv.as_ref().and_then(|kv| Stamp::stored(kv, &ctx.key).ok().flatten()))
    };
    let (ctx, state) = (ctx.clone(), state.clone());
    use_effect_with(state.version, move |_| {
        let before: Rc<DocData> = saved.borrow().clone();
        if Rc::ptr_eq(&before, &state.data) {
            return;
        }
        *saved.borrow_mut() = state.data.clone();
        let last = known.borrow().clone();
        if let Some(record) = save_page(&ctx, &state, &before, last.as_ref()) {
            *known.borrow_mut() = Some(Stamp::of(&record));
        }
        for change in page::changes(&before, &state.data) {
            ctx.bridge.emit(change.kind.event(), &change.detail);
        }
    });
}

/// Writes the page's record (merged with another tab's save since `known`,
/// `base` being the data as this tab last saved it); returns what was
/// written.
fn save_page(ctx: &Ctx, state: &AppState, base: &DocData, known: Option<&Stamp>) -> Option<String> {
    let kv = ctx.kv.as_ref().filter(|_| !ctx.writes_held.get())?;
    let merged = catch_up(kv, &ctx.key, known, base, &state.data, &state.doc.document);
    let data = merged.as_ref().unwrap_or(&state.data);
    let record = page::encode(&state.doc.document, data, now());
    if let Err(e) = kv.set(ctx.key.as_str(), &record) {
        let text = format!("Your notes could not be saved in this browser ({e}). Export them before leaving the page.");
        ctx.bridge.send(Action::Notify { notice: Notice::error(text) });
        return None;
    }
    if let Some(data) = merged {
        ctx.bridge.send(Action::MergedElsewhere { data });
    }
    Some(record)
}

/// Paints the reader's annotations and the found entities and quotations
/// on the host article, again whenever they change.
#[hook]
pub fn use_paint(ctx: &Ctx, state: &Rc<AppState>, visible: Rc<Vec<(Suggestion, Status)>>) {
    let deps = (state.version, state.ui.selected.clone(), visible.clone());
    let (ctx, state) = (ctx.clone(), state.clone());
    use_effect_with(deps, move |_| {
        if ctx.surface.paint_problem().is_some() {
            return;
        }
        let highlights = view::highlights(&state.data, &state.anchors);
        let all = layers(&state.data, &highlights, state.ui.selected.as_ref(), &visible, !ctx.options.hide_found);
        ctx.surface.paint(&all);
    });
}

/// The reader's selection in the article becomes the state's selection
/// (for the Annotate control and Reattach); the page's own Annotate
/// control, where it has one, runs `annotate`.
#[hook]
pub fn use_host_selection(ctx: &Ctx, annotate: &Callback<()>) {
    let (ctx, annotate) = (ctx.clone(), annotate.clone());
    use_effect_with((), move |_| {
        let selection = {
            let ctx = ctx.clone();
            move |found: Option<TextSelection>| {
                let current = ctx.bridge.state().and_then(|s| s.ui.selection.clone());
                if found != current {
                    ctx.bridge.send(Action::SelectText { selection: found });
                }
            }
        };
        let annotate = {
            let ctx = ctx.clone();
            move |range: Option<CharRange>| match (range, ctx.bridge.state()) {
                (Some(range), Some(s)) => {
                    ctx.bridge.send(create_annotation(&s, range));
                }
                _ => annotate.emit(()),
            }
        };
        let events = PageEvents { selection: Rc::new(selection), annotate: Rc::new(annotate) };
        let following = ctx.surface.clone().follow(events);
        move || drop(following)
    });
}

/// Scrolls the host article to the annotation opened in the panel and to
/// the suggestion looked at.
#[hook]
pub fn use_reveal(ctx: &Ctx, state: &Rc<AppState>, suggestions: Rc<Vec<(Suggestion, Status)>>) {
    let target = reveal_target(state, &suggestions);
    let ctx = ctx.clone();
    use_effect_with(target, move |target| {
        if let Some(range) = target {
            ctx.surface.reveal(*range);
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
