//! The root component: owns the state reducer and wires browser events to
//! actions. Storage is read synchronously at start (localStorage is
//! synchronous), so the first paint already shows the last session.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::article::ArticleView;
use super::autosave::use_autosave;
use super::banners::{BannerActions, Banners};
use super::import_dialog::ImportDialog;
use super::insight::{accept, Insight, InsightBar, SuggestionBar};
use super::panel::Panel;
use super::paste::PasteDialog;
use super::shell::{self, ExportFormat, Storage};
use super::toolbar::Toolbar;
use crate::model::AnnotationId;
use crate::platform::clock::{new_annotation_id, now};
use crate::platform::file::read_file;
use crate::platform::html::BrowserHtml;
use crate::platform::selection;
use crate::sample::sample_document;
use crate::ui::reducer::Reduced;
use crate::store::persist::{self, LoadOutcome};
use crate::store::suggest::{self, Status, SuggestionKind};
use crate::store::{apply, view, Action, AppState, ImportMode, Notice, Origin, PanelTab, Rect, TextSelection, Tone};
use crate::ingest::{ingest_file, ingest_text, SourceFormat};
use crate::text::DocHash;

fn error(text: impl Into<String>) -> Action {
    Action::Notify { notice: Notice::error(text) }
}

fn is_annotation_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".json") || lower.ends_with(".jsonld")
}

/// Reads `file` and opens it as an article.
fn open_article_file(file: web_sys::File, kv: Storage, dispatch: UseReducerDispatcher<Reduced>) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match read_file(file).await {
            Ok(data) => match ingest_file(&data.name, data.mime.as_deref(), &data.bytes, &BrowserHtml) {
                Ok(document) => shell::open_action(kv.as_ref().as_ref(), document, Origin::User),
                Err(e) => error(format!("Could not open “{}”: {e}", data.name)),
            },
            Err(e) => error(e.to_string()),
        };
        dispatch.dispatch(action);
    });
}

/// Reads `file` and prepares importing it.
fn import_file(file: web_sys::File, kv: Storage, latest: Rc<RefCell<Rc<AppState>>>, dispatch: UseReducerDispatcher<Reduced>) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match read_file(file).await {
            Ok(data) => {
                let state = latest.borrow().clone();
                shell::prepare_import(kv.as_ref().as_ref(), &state, &data.name, &data.bytes)
            }
            Err(e) => error(e.to_string()),
        };
        dispatch.dispatch(action);
    });
}

/// The article's current text selection with its rectangle in page
/// coordinates (so the Annotate control scrolls with the text).
fn page_selection(root: &web_sys::Element, indexed: &crate::text::IndexedText) -> Option<TextSelection> {
    selection::current_selection(root, indexed).map(|(range, r)| {
        let w = gloo::utils::window();
        let (sx, sy) = (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0));
        TextSelection { range, rect: Rect { left: r.left + sx, top: r.top + sy, width: r.width, height: r.height } }
    })
}

/// True when a key event comes from a field where typing must not trigger
/// shortcuts.
fn typing_in_field(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}

/// The application.
/// A key that changes when the visible suggestions or their statuses do,
/// and not on every change of the data (a keystroke in a note leaves it
/// alone, so the article keeps its block models: issue 10, item 5).
fn suggestions_key(ui: &crate::store::UiState, statuses: &[Status]) -> u64 {
    use std::hash::{Hash, Hasher};
    let hidden_bits: u64 = crate::analysis::EntityType::ALL
        .iter()
        .enumerate()
        .filter(|(_, t)| ui.hidden_types.contains(t))
        .map(|(i, _)| 1u64 << i)
        .sum();
    let mut h = crate::analysis::words::FxHasher::default();
    (hidden_bits, ui.show_quotes).hash(&mut h);
    statuses.iter().for_each(|st| (*st as u8).hash(&mut h));
    h.finish()
}

#[function_component(App)]
pub fn app() -> Html {
    let storage = use_memo((), |_| {
        let (kv, mode) = shell::open_storage();
        (Rc::new(kv), mode)
    });
    let kv: Storage = storage.0.clone();
    let state = {
        let (kv, mode) = (kv.clone(), storage.1.clone());
        use_reducer(move || {
            let mut s = AppState::new(sample_document());
            for action in shell::startup_actions(kv.as_ref().as_ref(), mode) {
                s = apply(&s, action);
            }
            Reduced(Rc::new(s))
        })
    };
    let snapshot = Rc::clone(&state.0);
    let latest = use_mut_ref(|| snapshot.clone());
    *latest.borrow_mut() = snapshot.clone();
    let dispatcher = state.dispatcher();
    use_autosave(&snapshot, latest.clone(), dispatcher.clone(), kv.clone());
    let dispatch = use_callback(dispatcher.clone(), |action: Action, d| d.dispatch(action));
    let article_ref = use_node_ref();
    let pasting = use_state(|| false);
    let dragging = use_state(|| false);

    // Text selection in the article -> state.
    {
        let (latest, dispatcher, article_ref) = (latest.clone(), dispatcher.clone(), article_ref.clone());
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                let s = latest.borrow().clone();
                let Some(root) = article_ref.cast::<web_sys::Element>() else { return };
                let found = page_selection(&root, &s.doc.document.indexed);
                if found.as_ref().map(|f| f.range) != s.ui.selection.as_ref().map(|f| f.range) {
                    dispatcher.dispatch(Action::SelectText { selection: found });
                }
            });
            move || drop(listener)
        });
    }

    let annotate = {
        let latest = latest.clone();
        use_callback(dispatcher.clone(), move |_: (), d| {
            let s = latest.borrow().clone();
            if let Some(sel) = &s.ui.selection {
                d.dispatch(Action::CreateAnnotation {
                    id: new_annotation_id(),
                    range: sel.range,
                    label: s.ui.active_label.clone(),
                    note: String::new(),
                    at: now(),
                });
                selection::clear_selection();
            }
        })
    };

    // The analysis: computed once per document (later for a long one).
    let insight: Rc<Insight> = super::analysis::use_analysis(state.doc.clone());
    let insight_ref = use_mut_ref(|| insight.clone());
    *insight_ref.borrow_mut() = insight.clone();
    let statuses: Rc<Vec<Status>> = {
        let (insight, data) = (insight.clone(), state.data.clone());
        // `pending`: a long article's suggestions arrive after its first paint.
        use_memo((state.doc.document.hash.clone(), state.version, insight.pending), move |_| suggest::statuses(&insight.suggestions, &data))
    };
    let suggestions_key = suggestions_key(&state.ui, &statuses);
    let visible_suggestions: Rc<Vec<(suggest::Suggestion, Status)>> = {
        let (insight, statuses, hidden, show_quotes) = (insight.clone(), statuses.clone(), state.ui.hidden_types.clone(), state.ui.show_quotes);
        use_memo((state.doc.document.hash.clone(), suggestions_key), move |_| {
            insight
                .suggestions
                .iter()
                .zip(statuses.iter())
                .filter(|(s, st)| {
                    **st != Status::Dismissed
                        && match s.kind {
                            SuggestionKind::Entity(t) => !hidden.contains(&t) && t != crate::analysis::EntityType::Media,
                            SuggestionKind::Quote => show_quotes,
                        }
                })
                .map(|(s, st)| (s.clone(), *st))
                .collect::<Vec<_>>()
        })
    };
    let on_suggestion = use_callback(dispatcher.clone(), |key: String, d| d.dispatch(Action::FocusSuggestion { key: Some(key) }));
    // Keep the suggestion looked at in view.
    use_effect_with(state.ui.focused_suggestion.clone(), move |focused| {
        if let Some(key) = focused {
            let selector = format!("[data-sugg-first=\"{}\"]", key.replace(['"', '\\'], ""));
            if let Ok(Some(el)) = gloo::utils::document().query_selector(&selector) {
                selection::scroll_into_view(&el);
            }
        }
    });

    // Keyboard shortcuts.
    {
        let (dispatcher, annotate, latest, insight_ref) = (dispatcher.clone(), annotate.clone(), latest.clone(), insight_ref.clone());
        use_effect_with((), move |_| {
            // Not passive: shortcuts must prevent the key's default action.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                if typing_in_field(e) {
                    return;
                }
                let modifier = e.ctrl_key() || e.meta_key();
                let key = e.key();
                if modifier && !e.alt_key() && (key == "z" || key == "Z") {
                    e.prevent_default();
                    dispatcher.dispatch(if e.shift_key() { Action::Redo } else { Action::Undo });
                } else if modifier && (key == "y" || key == "Y") {
                    e.prevent_default();
                    dispatcher.dispatch(Action::Redo);
                } else if !modifier && !e.alt_key() && (key == "a" || key == "A") && latest.borrow().ui.selection.is_some() {
                    e.prevent_default();
                    annotate.emit(());
                } else if !modifier && !e.alt_key() && matches!(key.as_str(), "a" | "A" | "x" | "X") {
                    // The suggestion being looked at: A accepts, X dismisses.
                    let s = latest.borrow().clone();
                    let Some(focused) = s.ui.focused_suggestion.clone() else { return };
                    let sugg = insight_ref.borrow().suggestions.iter().find(|x| x.key == focused).cloned();
                    if let Some(sugg) = sugg {
                        e.prevent_default();
                        if key.eq_ignore_ascii_case("a") {
                            dispatcher.dispatch(accept(&sugg));
                        } else {
                            dispatcher.dispatch(Action::DismissSuggestion { key: focused });
                        }
                    }
                } else if key == "Escape" {
                    dispatcher.dispatch(Action::SelectAnnotation { id: None });
                    dispatcher.dispatch(Action::FocusSuggestion { key: None });
                }
            });
            move || drop(listener)
        });
    }

    // Keep the selected annotation in view, in the article and the list.
    {
        let article_ref = article_ref.clone();
        use_effect_with(state.ui.selected.clone(), move |selected| {
            if let (Some(id), Some(root)) = (selected, article_ref.cast::<web_sys::Element>()) {
                selection::reveal_annotation(&root, id.as_str());
                if let Ok(Some(item)) = gloo::utils::document().query_selector(&format!(".annotation-list li[data-id=\"{}\"]", id.as_str())) {
                    selection::scroll_into_view(&item);
                }
            }
        });
    }

    let on_select = use_callback(dispatcher.clone(), |id: AnnotationId, d| d.dispatch(Action::SelectAnnotation { id: Some(id) }));
    // Keyboard selection: find the next match after the current selection
    // and select it in the article; optionally annotate it.
    let on_find = {
        let (latest, article_ref) = (latest.clone(), article_ref.clone());
        use_callback(dispatcher.clone(), move |(query, annotate): (String, bool), d| {
            let s = latest.borrow().clone();
            let indexed = &s.doc.document.indexed;
            let query = query.trim();
            // Annotating what was just found: the selection already is it.
            if annotate {
                if let Some(sel) = s.ui.selection.as_ref().filter(|sel| indexed.slice(sel.range).is_some_and(|t| t.eq_ignore_ascii_case(query) || query.is_empty())) {
                    d.dispatch(Action::CreateAnnotation { id: new_annotation_id(), range: sel.range, label: s.ui.active_label.clone(), note: String::new(), at: now() });
                    selection::clear_selection();
                    return;
                }
            }
            if query.is_empty() {
                return;
            }
            let from = s.ui.selection.as_ref().and_then(|sel| indexed.char_to_byte(sel.range.start + 1)).unwrap_or(0);
            let Some(found) = crate::text::search::find_ci(indexed.as_str(), query, from).and_then(|b| indexed.char_range(b)) else {
                d.dispatch(Action::Notify { notice: Notice::error(format!("“{query}” is not in this article.")) });
                return;
            };
            if annotate {
                d.dispatch(Action::CreateAnnotation { id: new_annotation_id(), range: found, label: s.ui.active_label.clone(), note: String::new(), at: now() });
                return;
            }
            if let Some(root) = article_ref.cast::<web_sys::Element>() {
                selection::select_range(&root, indexed, found);
                // Recorded at once (the selectionchange event comes later).
                d.dispatch(Action::SelectText { selection: page_selection(&root, indexed) });
            }
        })
    };
    let on_file = {
        let kv = kv.clone();
        use_callback(dispatcher.clone(), move |file: web_sys::File, d| open_article_file(file, kv.clone(), d.clone()))
    };
    let on_import = {
        let (kv, latest) = (kv.clone(), latest.clone());
        use_callback(dispatcher.clone(), move |file: web_sys::File, d| import_file(file, kv.clone(), latest.clone(), d.clone()))
    };
    let on_paste_open = {
        let pasting = pasting.clone();
        Callback::from(move |_| pasting.set(true))
    };
    let on_sample = {
        let kv = kv.clone();
        use_callback(dispatcher.clone(), move |_: (), d| {
            d.dispatch(shell::open_action(kv.as_ref().as_ref(), sample_document(), Origin::Sample))
        })
    };
    let on_paste_load = {
        let (kv, pasting, d) = (kv.clone(), pasting.clone(), dispatcher.clone());
        Callback::from(move |(text, format): (String, SourceFormat)| {
            match ingest_text(&text, format, None, &BrowserHtml) {
                Ok(document) => {
                    pasting.set(false);
                    d.dispatch(shell::open_action(kv.as_ref().as_ref(), document, Origin::User));
                }
                Err(e) => d.dispatch(error(e.to_string())),
            }
        })
    };
    let on_paste_cancel = {
        let pasting = pasting.clone();
        Callback::from(move |_| pasting.set(false))
    };
    let on_export = {
        let latest = latest.clone();
        use_callback(dispatcher.clone(), move |format: ExportFormat, d| {
            let s = latest.borrow().clone();
            match shell::export(&s, format) {
                Ok(name) => d.dispatch(Action::Notify { notice: Notice::info(format!("Downloaded {name}.")) }),
                Err(e) => d.dispatch(error(format!("Could not export: {e}"))),
            }
        })
    };
    let on_open_saved = {
        let kv = kv.clone();
        use_callback(dispatcher.clone(), move |hash: DocHash, d| {
            let Some(kv) = kv.as_ref() else { return };
            match persist::load_doc(kv, &hash, now()) {
                Ok(LoadOutcome::Loaded(rec)) => d.dispatch(Action::OpenDocument {
                    document: rec.document,
                    stored: crate::store::Stored::Record { data: rec.data, rev: rec.rev, skipped: rec.skipped },
                    origin: Origin::Storage,
                }),
                Ok(other) => {
                    let document = match &other {
                        LoadOutcome::NewerSchema { record: Some(r), .. } => Some(r.document.clone()),
                        _ => None,
                    };
                    match document {
                        Some(doc) => d.dispatch(shell::open_action(Some(kv), doc, Origin::Storage)),
                        None => d.dispatch(error("This saved article could not be read. A copy of its data was kept.")),
                    }
                }
                Err(e) => d.dispatch(error(format!("Could not open the saved article: {e}"))),
            }
        })
    };
    let on_delete_saved = {
        let (kv, latest) = (kv.clone(), latest.clone());
        use_callback(dispatcher.clone(), move |hash: DocHash, d| {
            let Some(kv) = kv.as_ref() else { return };
            if let Err(e) = persist::delete_doc(kv, &hash) {
                d.dispatch(error(format!("Could not delete: {e}")));
                return;
            }
            d.dispatch(Action::LibraryLoaded { entries: persist::library(kv).unwrap_or_default() });
            if latest.borrow().doc.document.hash == hash {
                d.dispatch(shell::open_action(Some(kv), sample_document(), Origin::Sample));
            }
            d.dispatch(Action::Notify { notice: Notice::info("Deleted from this browser.") });
        })
    };

    let banner_actions = {
        let d = dispatcher.clone();
        let export_native = on_export.reform(|_: ()| ExportFormat::Native);
        let export_raw = {
            let (latest, d) = (latest.clone(), d.clone());
            Callback::from(move |_: ()| {
                let s = latest.borrow().clone();
                if let Some(c) = &s.sync.corrupt {
                    match shell::export_raw(&s, &c.raw) {
                        Ok(name) => d.dispatch(Action::Notify { notice: Notice::info(format!("Downloaded {name}.")) }),
                        Err(e) => d.dispatch(error(e)),
                    }
                }
            })
        };
        let take_theirs = {
            let (latest, kv, d) = (latest.clone(), kv.clone(), d.clone());
            Callback::from(move |_: ()| {
                let s = latest.borrow().clone();
                let Some(kv) = kv.as_ref() else { return };
                match persist::load_doc(kv, &s.doc.document.hash, now()) {
                    Ok(LoadOutcome::Loaded(rec)) => d.dispatch(Action::ResolveConflict { theirs: Some((rec.data, rec.rev)) }),
                    _ => d.dispatch(error("The other tab's version could not be read; yours is kept.")),
                }
            })
        };
        BannerActions {
            export: export_native,
            export_raw,
            resume: dispatch.reform(|_: ()| Action::ResumeSaving),
            take_theirs,
            keep_mine: dispatch.reform(|_: ()| Action::ResolveConflict { theirs: None }),
            library: dispatch.reform(|_: ()| Action::ShowTab { tab: PanelTab::Library }),
        }
    };

    let import_actions = {
        let (kv, latest, d) = (kv.clone(), latest.clone(), dispatcher.clone());
        let apply_mode = move |mode: ImportMode| {
            let (kv, latest, d) = (kv.clone(), latest.clone(), d.clone());
            Callback::from(move |_: ()| {
                let s = latest.borrow().clone();
                match shell::import_fits(kv.as_ref().as_ref(), &s) {
                    Ok(()) => d.dispatch(Action::ApplyImport { mode }),
                    Err(msg) => {
                        d.dispatch(Action::CancelImport);
                        d.dispatch(error(msg));
                    }
                }
            })
        };
        (apply_mode(ImportMode::Merge), apply_mode(ImportMode::Replace))
    };

    // Drag and drop: articles open, .json/.jsonld files import.
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
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
        let (dragging, on_file, on_import, on_paste_load) = (dragging.clone(), on_file.clone(), on_import.clone(), on_paste_load.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if let Some(file) = dt.files().and_then(|files| files.get(0)) {
                if is_annotation_file(&file.name()) {
                    on_import.emit(file);
                } else {
                    on_file.emit(file);
                }
            } else {
                // Dropped text is read as what the source said it is: a web
                // page's selection carries HTML, anything else is text.
                let flavour = |kind: &str| dt.get_data(kind).ok().filter(|t| !t.trim().is_empty());
                if let Some(html) = flavour("text/html") {
                    on_paste_load.emit((html, SourceFormat::Html));
                } else if let Some(text) = flavour("text/plain") {
                    on_paste_load.emit((text, SourceFormat::Plain));
                }
            }
        })
    };

    let highlights = {
        let (data, anchors) = (state.data.clone(), state.anchors.clone());
        use_memo(state.version, move |_| view::highlights(&data, &anchors))
    };
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    let s = &snapshot;
    let modal_open = *pasting || s.ui.pending_import.is_some();
    html! {
        <div class="app" {ondragover} {ondragleave} {ondrop}>
            <Toolbar title={AttrValue::from(s.doc.document.title.clone())} save_status={s.save_status()}
                     can_undo={s.history.can_undo()} can_redo={s.history.can_redo()}
                     {on_file} {on_import} on_paste={on_paste_open} {on_sample} on_export={on_export.clone()}
                     on_undo={dispatch.reform(|_: ()| Action::Undo)} on_redo={dispatch.reform(|_: ()| Action::Redo)} />
            <Banners state={s.clone()} actions={banner_actions} />
            if let Some(notice) = &s.notice {
                <div class={classes!("notice", matches!(notice.tone, Tone::Error).then_some("notice-error"))}
                     role={if notice.tone == Tone::Error { "alert" } else { "status" }}>
                    <span class="notice-text">{ notice.text.clone() }</span>
                    <button class="notice-close" aria-label="Dismiss message" onclick={dismiss}>{"×"}</button>
                </div>
            }
            <main class="workspace">
                <div class="article-column">
                    <InsightBar insight={insight.clone()} hidden={Rc::new(s.ui.hidden_types.clone())} show_quotes={s.ui.show_quotes}
                                dispatch={dispatch.clone()} />
                    <ArticleView doc={s.doc.clone()} highlights={highlights.clone()} version={s.version}
                                 selected={s.ui.selected.clone()} {on_select} node_ref={article_ref.clone()}
                                 suggestions={visible_suggestions.clone()} {suggestions_key}
                                 focused={s.ui.focused_suggestion.clone()} {on_suggestion} />
                </div>
                <Panel state={s.clone()} dispatch={dispatch.clone()} {on_open_saved} {on_delete_saved}
                       insight={insight.clone()} statuses={statuses.clone()} {on_find} />
            </main>
            if let Some(focused) = &s.ui.focused_suggestion {
                if let Some(i) = insight.suggestions.iter().position(|x| &x.key == focused) {
                    <SuggestionBar suggestion={insight.suggestions[i].clone()} status={statuses.get(i).copied().unwrap_or(Status::Open)}
                        group={insight.suggestions[i].group.and_then(|g| insight.analysis.groups.get(g)).map(|g| (g.canonical.clone(), g.mentions.len()))}
                        dispatch={dispatch.clone()} />
                }
            }
            if let (Some(sel), false) = (&s.ui.selection, modal_open) {
                <div class="annotate-pop" style={format!("left: {:.0}px; top: {:.0}px;", sel.rect.left, (sel.rect.top - 46.0).max(0.0))}>
                    <button type="button" id="annotate" onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                            onclick={annotate.reform(|_: MouseEvent| ())} title="Annotate the selection (A)">
                        {"Annotate"}<kbd>{"A"}</kbd>
                    </button>
                </div>
            }
            if *pasting {
                <PasteDialog on_load={on_paste_load} on_cancel={on_paste_cancel} />
            }
            if let Some(import) = &s.ui.pending_import {
                <ImportDialog import={import.clone()} current_title={AttrValue::from(s.doc.document.title.clone())}
                    current_count={s.data.annotations.len()} on_merge={import_actions.0.clone()} on_replace={import_actions.1.clone()}
                    on_backup={on_export.reform(|_: ()| ExportFormat::Native)}
                    on_cancel={dispatch.reform(|_: ()| Action::CancelImport)} />
            }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <div class="drop-message">{"Drop an article (.txt, .md, .html) to open it, or annotations (.json, .jsonld) to import them"}</div>
                </div>
            }
        </div>
    }
}
