//! The top bar: app name, the open article's title, and ways to load text.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::text::ingest::MAX_FILE_BYTES;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Title of the open article.
    pub title: AttrValue,
    /// A file was chosen.
    pub on_file: Callback<web_sys::File>,
    /// The user wants to paste text.
    pub on_paste: Callback<()>,
    /// The user wants the sample article back.
    pub on_sample: Callback<()>,
}

/// The top bar.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let input = use_node_ref();
    let open_click = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                el.click();
            }
        })
    };
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            if let Some(file) = el.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            // Let the same file be chosen again later.
            el.set_value("");
        })
    };
    let on_paste = props.on_paste.reform(|_: MouseEvent| ());
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <header class="toolbar">
            <div class="brand" aria-label="Marginalia">{"Marginalia"}</div>
            <div class="doc-title" title={props.title.clone()}>{ props.title.clone() }</div>
            <nav class="toolbar-actions" aria-label="Open an article">
                <button type="button" onclick={on_paste}>{"Paste article"}</button>
                <button type="button" onclick={open_click}
                        title={format!("Open a .txt, .md or .html file (up to {} MB)", MAX_FILE_BYTES / (1024 * 1024))}>
                    {"Open file…"}
                </button>
                <input ref={input} id="file-input" class="visually-hidden" type="file" tabindex="-1"
                       aria-label="Open an article file"
                       accept=".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                       {onchange} />
                <button type="button" class="secondary" onclick={on_sample}>{"Sample"}</button>
            </nav>
        </header>
    }
}
