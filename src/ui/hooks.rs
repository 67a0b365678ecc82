//! The app's effects, one hook each: the text selection, keyboard
//! shortcuts, keeping the selected annotation and the looked-at suggestion
//! in view, and drag and drop.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::handles::AppHandles;
use super::insight::{accept, Insight};
use crate::ingest::SourceFormat;
use crate::model::{AnnotationId, SuggestionKey};
use crate::platform::selection;
use crate::store::{Action, Rect, TextSelection};
use std::cell::RefCell;
use std::rc::Rc;

/// The article's current text selection with its rectangle in page
/// coordinates (so the Annotate control scrolls with the text).
pub fn page_selection(root: &web_sys::Element, indexed: &crate::text::IndexedText) -> Option<TextSelection> {
    selection::current_selection(root, indexed).map(|(range, r)| {
        let w = gloo::utils::window();
        let (sx, sy) = (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0));
        TextSelection { range, rect: Rect { left: r.left + sx, top: r.top + sy, width: r.width, height: r.height } }
    })
}

/// Text selected in the article becomes the state's selection.
#[hook]
pub fn use_selection(h: &AppHandles, article_ref: &NodeRef) {
    let (h, article_ref) = (h.clone(), article_ref.clone());
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
            let s = h.state();
            let Some(root) = article_ref.cast::<web_sys::Element>() else { return };
            let found = page_selection(&root, &s.doc.document.indexed);
            if found.as_ref().map(|f| f.range) != s.ui.selection.as_ref().map(|f| f.range) {
                h.send(Action::SelectText { selection: found });
            }
        });
        move || drop(listener)
    });
}

/// True when a key event comes from a field where typing must not trigger
/// shortcuts.
fn typing_in_field(e: &KeyboardEvent) -> bool {
    // The first node of the composed path, not `target`: an event from a
    // field inside a shadow root (the embedded widget's panel) is
    // retargeted to the shadow host by the time it reaches the window.
    e.composed_path()
        .get(0)
        .dyn_into::<web_sys::Element>()
        .ok()
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}

/// What a key pressed outside a field does: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y
/// undo and redo, A annotates the selection or accepts the suggestion
/// looked at, X dismisses it, Escape lets go of both.
fn shortcut(e: &KeyboardEvent, h: &AppHandles, annotate: &Callback<()>, insight: &RefCell<Rc<Insight>>) {
    let modifier = e.ctrl_key() || e.meta_key();
    let key = e.key();
    if modifier && !e.alt_key() && key.eq_ignore_ascii_case("z") {
        e.prevent_default();
        h.send(if e.shift_key() { Action::Redo } else { Action::Undo });
    } else if modifier && key.eq_ignore_ascii_case("y") {
        e.prevent_default();
        h.send(Action::Redo);
    } else if !modifier && !e.alt_key() && key.eq_ignore_ascii_case("a") && h.state().ui.selection.is_some() {
        e.prevent_default();
        annotate.emit(());
    } else if !modifier && !e.alt_key() && (key.eq_ignore_ascii_case("a") || key.eq_ignore_ascii_case("x")) {
        let Some(focused) = h.state().ui.focused_suggestion.clone() else { return };
        let sugg = insight.borrow().suggestions.iter().find(|x| x.key == focused).cloned();
        if let Some(sugg) = sugg {
            e.prevent_default();
            h.send(if key.eq_ignore_ascii_case("a") { accept(&sugg) } else { Action::DismissSuggestion { key: focused } });
        }
    } else if key == "Escape" {
        h.send(Action::SelectAnnotation { id: None });
        h.send(Action::FocusSuggestion { key: None });
    }
}

/// The keyboard shortcuts of [`shortcut`], on the window.
#[hook]
pub fn use_shortcuts(h: &AppHandles, annotate: &Callback<()>, insight: Rc<Insight>) {
    let insight_ref = use_mut_ref(|| insight.clone());
    *insight_ref.borrow_mut() = insight;
    let (h, annotate) = (h.clone(), annotate.clone());
    use_effect_with((), move |_| {
        // Not passive: shortcuts must prevent the key's default action.
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |e| {
            if let Some(e) = e.dyn_ref::<KeyboardEvent>().filter(|e| !typing_in_field(e)) {
                shortcut(e, &h, &annotate, &insight_ref);
            }
        });
        move || drop(listener)
    });
}

/// Keeps the selected annotation in view, in the article and the list.
#[hook]
pub fn use_reveal_selected(selected: Option<AnnotationId>, article_ref: &NodeRef) {
    let article_ref = article_ref.clone();
    use_effect_with(selected, move |selected| {
        if let (Some(id), Some(root)) = (selected, article_ref.cast::<web_sys::Element>()) {
            selection::reveal_annotation(&root, id.as_str());
            if let Ok(Some(item)) = gloo::utils::document().query_selector(&format!(".annotation-list li[data-id=\"{}\"]", id.as_str())) {
                selection::scroll_into_view(&item);
            }
        }
    });
}

/// Keeps the suggestion looked at in view.
#[hook]
pub fn use_reveal_suggestion(focused: Option<SuggestionKey>) {
    use_effect_with(focused, move |focused| {
        if let Some(key) = focused {
            // The first element with its key, in the page's order, is its first run.
            let selector = format!("[data-sugg=\"{}\"]", key.as_str().replace(['"', '\\'], ""));
            if let Ok(Some(el)) = gloo::utils::document().query_selector(&selector) {
                selection::scroll_into_view(&el);
            }
        }
    });
}

/// Where dropped things go.
#[derive(Clone)]
pub struct DropTargets {
    /// An article file.
    pub article: Callback<web_sys::File>,
    /// A `.json` / `.jsonld` annotation file.
    pub annotations: Callback<web_sys::File>,
    /// Dropped text, as what its source said it is.
    pub text: Callback<(String, SourceFormat)>,
}

/// The drop handlers and whether something is being dragged over the page.
pub struct FileDrop {
    /// Something is over the page.
    pub dragging: bool,
    /// `dragover`.
    pub ondragover: Callback<DragEvent>,
    /// `dragleave`.
    pub ondragleave: Callback<DragEvent>,
    /// `drop`.
    pub ondrop: Callback<DragEvent>,
}

fn is_annotation_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".jsonld")
}

/// Drag and drop: articles open, `.json`/`.jsonld` files import, dropped
/// text opens as HTML when the source page gave HTML, else as plain text.
#[hook]
pub fn use_file_drop(targets: DropTargets) -> FileDrop {
    let dragging = use_state(|| false);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                // A file on its way in will be read by the formats module.
                crate::platform::formats::warm();
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if let Some(file) = dt.files().and_then(|files| files.get(0)) {
                let target = if is_annotation_file(&file.name()) { &targets.annotations } else { &targets.article };
                target.emit(file);
            } else {
                let flavour = |kind: &str| dt.get_data(kind).ok().filter(|t| !t.trim().is_empty());
                if let Some(html) = flavour("text/html") {
                    targets.text.emit((html, SourceFormat::Html));
                } else if let Some(text) = flavour("text/plain") {
                    targets.text.emit((text, SourceFormat::Plain));
                }
            }
        })
    };
    FileDrop { dragging: *dragging, ondragover, ondragleave, ondrop }
}

/// Rows derived from the state's saved data (highlights, list rows), kept
/// from the last render and patched when only notes changed or
/// annotations were added
/// ([`Derived::refresh`](crate::store::derived::Derived::refresh)): a
/// keystroke in a note swaps one annotation into 5,000 rows, and a new
/// annotation inserts its row, instead of deriving and sorting them again.
#[hook]
pub fn use_derived<T, F>(s: &crate::store::AppState, derive: F) -> Rc<Vec<T>>
where
    T: crate::store::derived::SharesAnnotation + 'static,
    F: FnOnce(&crate::store::AppState) -> Vec<T>,
{
    use crate::store::derived::Derived;
    let kept: Rc<RefCell<Option<Derived<T>>>> = use_mut_ref(|| None);
    let mut kept = kept.borrow_mut();
    let now = Derived::refresh(kept.as_ref(), &s.doc, &s.data, &s.anchors, || derive(s));
    let rows = Rc::clone(now.rows());
    *kept = Some(now);
    rows
}
