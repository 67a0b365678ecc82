//! The root component: owns the state reducer and wires events to actions.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::article::ArticleView;
use super::paste::PasteDialog;
use super::toolbar::Toolbar;
use crate::platform::file::read_file;
use crate::sample::sample_document;
use crate::store::{apply, Action, AppState, Notice, Tone};
use crate::text::ingest::{detect_format, ingest_file, ingest_text};

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(apply(&self, action))
    }
}

fn error(text: impl Into<String>) -> Action {
    Action::Notify { notice: Notice { tone: Tone::Error, text: text.into() } }
}

/// Reads `file` in the background and opens it, or explains why not.
fn open_file(file: web_sys::File, dispatch: UseReducerDispatcher<AppState>) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match read_file(file).await {
            Ok(data) => match ingest_file(&data.name, data.mime.as_deref(), &data.bytes) {
                Ok(document) => Action::OpenDocument { document },
                Err(e) => error(format!("Could not open “{}”: {e}", data.name)),
            },
            Err(e) => error(e.to_string()),
        };
        dispatch.dispatch(action);
    });
}

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(sample_document()));
    let pasting = use_state(|| false);
    let dragging = use_state(|| false);

    let on_file = {
        let dispatch = state.dispatcher();
        Callback::from(move |file: web_sys::File| open_file(file, dispatch.clone()))
    };
    let on_paste_open = {
        let pasting = pasting.clone();
        Callback::from(move |_| pasting.set(true))
    };
    let on_sample = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::OpenDocument { document: sample_document() }))
    };
    let on_paste_load = {
        let dispatch = state.dispatcher();
        let pasting = pasting.clone();
        Callback::from(move |text: String| {
            let format = detect_format(None, None, &text);
            match ingest_text(&text, format, None) {
                Ok(document) => {
                    pasting.set(false);
                    dispatch.dispatch(Action::OpenDocument { document });
                }
                Err(e) => dispatch.dispatch(error(e.to_string())),
            }
        })
    };
    let on_paste_cancel = {
        let pasting = pasting.clone();
        Callback::from(move |_| pasting.set(false))
    };

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
            // Only when the pointer leaves the window, not a child element.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_file = on_file.clone();
        let on_paste_load = on_paste_load.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(dt) = e.data_transfer() else { return };
            if let Some(file) = dt.files().and_then(|files| files.get(0)) {
                on_file.emit(file);
            } else if let Ok(text) = dt.get_data("text/plain") {
                if !text.trim().is_empty() {
                    on_paste_load.emit(text);
                }
            }
        })
    };

    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::DismissNotice))
    };

    let doc = state.doc.clone();
    html! {
        <div class="app" {ondragover} {ondragleave} {ondrop}>
            <Toolbar title={AttrValue::from(doc.document.title.clone())} {on_file} on_paste={on_paste_open} {on_sample} />
            if let Some(notice) = &state.notice {
                <div class={classes!("notice", matches!(notice.tone, Tone::Error).then_some("notice-error"))}
                     role={if notice.tone == Tone::Error { "alert" } else { "status" }}>
                    <span class="notice-text">{ notice.text.clone() }</span>
                    <button class="notice-close" aria-label="Dismiss message" onclick={dismiss}>{"×"}</button>
                </div>
            }
            <main class="workspace">
                <ArticleView doc={doc} />
            </main>
            if *pasting {
                <PasteDialog on_load={on_paste_load} on_cancel={on_paste_cancel} />
            }
            if *dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <div class="drop-message">{"Drop a .txt, .md or .html file to open it"}</div>
                </div>
            }
        </div>
    }
}

/// The focused element is a text input, where shortcuts must not fire.
#[allow(dead_code)]
pub(crate) fn typing_in_field(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}
