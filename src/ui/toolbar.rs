//! The top bar: app name, the open article's title, ways to load text,
//! undo/redo, export and import, and the save indicator.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::shell::ExportFormat;
use crate::store::share::ShareView;
use crate::store::SaveStatus;
use crate::ingest::MAX_FILE_BYTES;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// Title of the open article.
    pub title: AttrValue,
    /// The save indicator's state.
    pub save_status: SaveStatus,
    /// Whether undo/redo are possible.
    pub can_undo: bool,
    /// Whether redo is possible.
    pub can_redo: bool,
    /// An article file was chosen.
    pub on_file: Callback<web_sys::File>,
    /// An annotation file was chosen for import.
    pub on_import: Callback<web_sys::File>,
    /// The user wants to paste text.
    pub on_paste: Callback<()>,
    /// The user wants the sample article back.
    pub on_sample: Callback<()>,
    /// Export in a format.
    pub on_export: Callback<ExportFormat>,
    /// Undo.
    pub on_undo: Callback<()>,
    /// Redo.
    pub on_redo: Callback<()>,
    /// Open the Share dialog.
    pub on_share: Callback<()>,
    /// The shared room, if the article is shared.
    pub share: Option<std::rc::Rc<ShareView>>,
}

fn file_input(node: NodeRef, id: &'static str, accept: &'static str, label: &'static str, cb: Callback<web_sys::File>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(file) = el.files().and_then(|f| f.get(0)) {
            cb.emit(file);
        }
        // Let the same file be chosen again later.
        el.set_value("");
    });
    html! { <input ref={node} {id} class="visually-hidden" type="file" tabindex="-1" aria-label={label} {accept} {onchange} /> }
}

fn click(node: &NodeRef) -> Callback<MouseEvent> {
    let node = node.clone();
    Callback::from(move |_| {
        if let Some(el) = node.cast::<web_sys::HtmlInputElement>() {
            el.click();
        }
    })
}

fn status_text(s: SaveStatus) -> (&'static str, &'static str) {
    match s {
        SaveStatus::Saved => ("Saved", "Saved in this browser"),
        SaveStatus::Pending => ("Saving…", "Changes are being saved"),
        SaveStatus::Failed => ("Not saved", "The last save failed: see the message above"),
        SaveStatus::Paused => ("Not saved", "Saving is paused: see the message above"),
        SaveStatus::MemoryOnly => ("Not saved", "Browser storage is unavailable: export to keep your work"),
        SaveStatus::ReadOnly => ("Read-only", "Saved by a newer version: nothing is saved"),
    }
}

/// The top bar.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let article_input = use_node_ref();
    let import_input = use_node_ref();
    let export_menu = use_node_ref();
    let export = |format: ExportFormat| {
        let (cb, menu) = (props.on_export.clone(), export_menu.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = menu.cast::<web_sys::Element>() {
                let _ = d.remove_attribute("open");
            }
            cb.emit(format);
        })
    };
    let (status, status_title) = status_text(props.save_status);
    html! {
        <header class="toolbar">
            <div class="brand" aria-label="Marginalia">{"Marginalia"}</div>
            <div class="doc-title" title={props.title.clone()}>{ props.title.clone() }</div>
            // Pointing at or tabbing into the actions starts loading the
            // formats module that Open, Paste, Export and Import use.
            <nav class="toolbar-actions" aria-label="Article and annotations"
                 onpointerenter={Callback::from(|_: PointerEvent| crate::platform::formats::warm())}
                 onfocusin={Callback::from(|_: FocusEvent| crate::platform::formats::warm())}>
                <button type="button" onclick={props.on_paste.reform(|_: MouseEvent| ())}>{"Paste article"}</button>
                <button type="button" onclick={click(&article_input)}
                        title={format!("Open a .txt, .md or .html file (up to {} MB)", MAX_FILE_BYTES / (1024 * 1024))}>
                    {"Open file…"}
                </button>
                { file_input(article_input, "file-input", ".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html",
                             "Open an article file", props.on_file.clone()) }
                <button type="button" class="secondary" onclick={props.on_sample.reform(|_: MouseEvent| ())}>{"Sample"}</button>
                <span class="sep" aria-hidden="true"></span>
                <button type="button" class="secondary icon" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!props.can_undo}
                        onclick={props.on_undo.reform(|_: MouseEvent| ())}>{"↶"}</button>
                <button type="button" class="secondary icon" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!props.can_redo}
                        onclick={props.on_redo.reform(|_: MouseEvent| ())}>{"↷"}</button>
                <details class="menu" ref={export_menu.clone()}>
                    <summary class="button secondary">{"Export"}</summary>
                    <div class="menu-items" role="menu">
                        <button type="button" role="menuitem" id="export-native" onclick={export(ExportFormat::Native)}>
                            {"Marginalia JSON"}<small>{"lossless backup, re-importable"}</small></button>
                        <button type="button" role="menuitem" id="export-w3c" onclick={export(ExportFormat::W3c)}>
                            {"W3C Web Annotation"}<small>{"JSON-LD for other annotation tools"}</small></button>
                        <button type="button" role="menuitem" id="export-jsonl" onclick={export(ExportFormat::Jsonl)}>
                            {"NER training JSONL"}<small>{"spaCy / doccano spans"}</small></button>
                        <p class="menu-note">{"Offsets count Unicode code points. The downloaded file is your real backup: browser storage can be cleared."}</p>
                    </div>
                </details>
                <button type="button" class="secondary" onclick={click(&import_input)} title="Import a Marginalia or W3C Web Annotation file">
                    {"Import…"}
                </button>
                { file_input(import_input, "import-input", ".json,.jsonld,application/json,application/ld+json",
                             "Import annotations", props.on_import.clone()) }
                <button type="button" class="secondary" id="share-open" onclick={props.on_share.reform(|_: MouseEvent| ())}
                        title="Annotate this article together with others">{"Share…"}</button>
                if let Some(share) = &props.share {
                    <span class="share-state" data-share-state={share.state_attr()} data-share-waiting={share.waiting.to_string()}
                          data-share-people={share.people.clone()} title={share.people.clone()} role="status">{ share.status_line() }</span>
                }
                <span class={classes!("save-state", format!("save-{}", props.save_status.as_str()))}
                      data-save-state={props.save_status.as_str()} title={status_title} role="status">{ status }</span>
            </nav>
        </header>
    }
}
