//! The paste dialog: a large textarea read only when the user presses Load,
//! so even a multi-megabyte paste never re-renders on each keystroke.

use yew::prelude::*;

use crate::text::ingest::MAX_TEXT_CHARS;

/// Props of [`PasteDialog`].
#[derive(Properties, PartialEq)]
pub struct PasteDialogProps {
    /// The text to open.
    pub on_load: Callback<String>,
    /// Close without loading.
    pub on_cancel: Callback<()>,
}

/// A modal dialog with a textarea.
#[function_component(PasteDialog)]
pub fn paste_dialog(props: &PasteDialogProps) -> Html {
    let area = use_node_ref();
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(el) = area.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let load = {
        let area = area.clone();
        let on_load = props.on_load.clone();
        Callback::from(move |_| {
            if let Some(el) = area.cast::<web_sys::HtmlTextAreaElement>() {
                on_load.emit(el.value());
            }
        })
    };
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        let load = load.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_cancel.emit(());
            } else if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                load.emit(());
            }
        })
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="paste-title" {onkeydown}>
                <h2 id="paste-title">{"Paste an article"}</h2>
                <p class="hint">{format!(
                    "Paste the article's text (or its HTML). The first line becomes the title; each line is a paragraph. Up to {} characters.",
                    crate::text::ingest::group_thousands(MAX_TEXT_CHARS)
                )}</p>
                <textarea ref={area} id="paste-text" aria-label="Article text" rows="14" spellcheck="false"
                          placeholder="Headline\nFirst paragraph…\nSecond paragraph…" />
                <div class="modal-actions">
                    <button type="button" class="secondary" onclick={cancel}>{"Cancel"}</button>
                    <button type="button" id="paste-load" onclick={load.reform(|_: MouseEvent| ())}>{"Open article"}</button>
                </div>
                <p class="hint">{"Ctrl+Enter opens, Esc cancels."}</p>
            </div>
        </div>
    }
}
