//! The paste dialog: a large textarea, a choice of how to read it, and a
//! line saying what will be opened. The format is the user's choice, never
//! a guess from the text (issue 10, item 2: text that mentions `<div>` was
//! read as HTML and lost characters). When the clipboard carried a web
//! page's formatting (`text/html`), that is offered and chosen by default;
//! typing afterwards falls back to the text as typed.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ingest::{SourceFormat, MAX_TEXT_CHARS};
use crate::platform::formats;
use crate::text::html::looks_like_html;

/// How long typing must pause before the preview is recomputed (ms): the
/// preview reduces and normalises the whole text, up to 500,000 characters.
const PREVIEW_DELAY_MS: u32 = 200;

/// How to read what was pasted.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Choice {
    /// The textarea's text, each line a paragraph.
    Plain,
    /// The textarea's text as Markdown.
    Markdown,
    /// The textarea's text as HTML source.
    Html,
    /// The web page formatting the clipboard carried.
    Clipboard,
}

impl Choice {
    fn format(self) -> SourceFormat {
        match self {
            Choice::Plain => SourceFormat::Plain,
            Choice::Markdown => SourceFormat::Markdown,
            Choice::Html | Choice::Clipboard => SourceFormat::Html,
        }
    }
}

/// Props of [`PasteDialog`].
#[derive(Properties, PartialEq)]
pub struct PasteDialogProps {
    /// The text to open and how to read it.
    pub on_load: Callback<(String, SourceFormat)>,
    /// Close without loading.
    pub on_cancel: Callback<()>,
}

/// The text the choice reads: the clipboard's HTML or the textarea.
fn source(choice: Choice, area: &NodeRef, clip: &Option<Rc<str>>) -> String {
    match (choice, clip) {
        (Choice::Clipboard, Some(html)) => html.to_string(),
        _ => area.cast::<web_sys::HtmlTextAreaElement>().map(|el| el.value()).unwrap_or_default(),
    }
}

/// What opening `text` read as `format` will show, or why it cannot open
/// (read by the formats module, as Open will read it).
async fn preview_line(text: &str, format: SourceFormat) -> String {
    if text.trim().is_empty() {
        return String::new();
    }
    match formats::describe_text(text, format).await {
        Ok(what) => format!("Will open {what}."),
        Err(e) => e,
    }
}

/// One radio button of the format choice.
fn choice_radio(id: &'static str, label: &'static str, value: Choice, current: Choice, set: &Callback<Choice>) -> Html {
    let onchange = set.reform(move |_: Event| value);
    html! {
        <label for={id}>
            <input type="radio" name="paste-format" {id} checked={current == value} {onchange} />
            { label }
        </label>
    }
}

/// The format choice, with the clipboard's page offered when there is one.
fn format_fieldset(current: Choice, clipboard: bool, set: &Callback<Choice>) -> Html {
    html! {
        <fieldset class="paste-format">
            <legend>{"Read it as"}</legend>
            { choice_radio("paste-format-plain", "Plain text", Choice::Plain, current, set) }
            { choice_radio("paste-format-markdown", "Markdown", Choice::Markdown, current, set) }
            { choice_radio("paste-format-html", "HTML source", Choice::Html, current, set) }
            if clipboard {
                { choice_radio("paste-format-clipboard", "Web page as copied", Choice::Clipboard, current, set) }
            }
        </fieldset>
    }
}

/// What the dialog says about its text: the preview line, whether plain
/// text looks like markup, and a callback that recomputes both shortly
/// after the text or the choice changed.
struct Preview {
    line: UseStateHandle<String>,
    looks_html: UseStateHandle<bool>,
    refresh: Callback<(Choice, Option<Rc<str>>)>,
}

#[hook]
fn use_preview(area: NodeRef) -> Preview {
    let line = use_state(String::new);
    let looks_html = use_state(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    // Which refresh is the latest: an answer for older text is dropped.
    let latest = use_mut_ref(|| 0u64);
    use_effect_with((), |_| formats::warm());
    let refresh = {
        let (line, looks_html) = (line.clone(), looks_html.clone());
        Callback::from(move |(c, clip_now): (Choice, Option<Rc<str>>)| {
            let (area, line, looks_html, latest) = (area.clone(), line.clone(), looks_html.clone(), latest.clone());
            let ticket = {
                let mut n = latest.borrow_mut();
                *n += 1;
                *n
            };
            *timer.borrow_mut() = Some(Timeout::new(PREVIEW_DELAY_MS, move || {
                let text = source(c, &area, &clip_now);
                looks_html.set(c == Choice::Plain && looks_like_html(&text));
                wasm_bindgen_futures::spawn_local(async move {
                    let preview = preview_line(&text, c.format()).await;
                    if *latest.borrow() == ticket {
                        line.set(preview);
                    }
                });
            }));
        })
    };
    Preview { line, looks_html, refresh }
}

/// The textarea's paste and input handlers: a paste that carries a web
/// page offers it (and chooses it); typing after that reads the text as
/// typed, since the clipboard's page no longer matches what is shown.
fn paste_handlers(
    choice: &UseStateHandle<Choice>,
    clip: &UseStateHandle<Option<Rc<str>>>,
    refresh: &Callback<(Choice, Option<Rc<str>>)>,
) -> (Callback<Event>, Callback<InputEvent>) {
    let onpaste = {
        let (choice, clip, refresh) = (choice.clone(), clip.clone(), refresh.clone());
        Callback::from(move |e: Event| {
            let html = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|d| d.get_data("text/html").ok())
                .filter(|h| !h.trim().is_empty())
                .map(Rc::<str>::from);
            let next = if html.is_some() { Choice::Clipboard } else if *choice == Choice::Clipboard { Choice::Plain } else { *choice };
            clip.set(html.clone());
            choice.set(next);
            refresh.emit((next, html));
        })
    };
    let oninput = {
        let (choice, clip, refresh) = (choice.clone(), clip.clone(), refresh.clone());
        Callback::from(move |e: InputEvent| {
            if e.input_type() != "insertFromPaste" && *choice == Choice::Clipboard {
                clip.set(None);
                choice.set(Choice::Plain);
                refresh.emit((Choice::Plain, None));
            } else {
                refresh.emit((*choice, (*clip).clone()));
            }
        })
    };
    (onpaste, oninput)
}

/// A modal dialog with a textarea.
#[function_component(PasteDialog)]
pub fn paste_dialog(props: &PasteDialogProps) -> Html {
    let area = use_node_ref();
    let choice = use_state(|| Choice::Plain);
    let clip: UseStateHandle<Option<Rc<str>>> = use_state(|| None);
    let preview = use_preview(area.clone());
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(el) = area.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let set_choice = {
        let (choice, clip, refresh) = (choice.clone(), clip.clone(), preview.refresh.clone());
        Callback::from(move |c: Choice| {
            choice.set(c);
            refresh.emit((c, (*clip).clone()));
        })
    };
    let (onpaste, oninput) = paste_handlers(&choice, &clip, &preview.refresh);
    let load = {
        let (area, choice, clip, on_load) = (area.clone(), choice.clone(), clip.clone(), props.on_load.clone());
        Callback::from(move |_| on_load.emit((source(*choice, &area, &clip), choice.format())))
    };
    let onkeydown = {
        let (on_cancel, load) = (props.on_cancel.clone(), load.clone());
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
                    "Paste the article's text. The first line becomes the title; each line is a paragraph. Up to {} characters.",
                    crate::ingest::group_thousands(MAX_TEXT_CHARS)
                )}</p>
                <textarea ref={area} id="paste-text" aria-label="Article text" rows="14" spellcheck="false"
                          placeholder="Headline\nFirst paragraph…\nSecond paragraph…" {onpaste} {oninput} />
                { format_fieldset(*choice, clip.is_some(), &set_choice) }
                if *preview.looks_html {
                    <p class="hint" id="paste-html-hint">{"This text contains HTML tags. It opens as written; choose “HTML source” to open it as a web page instead."}</p>
                }
                <p class="hint paste-preview" id="paste-preview" aria-live="polite">{ (*preview.line).clone() }</p>
                <div class="modal-actions">
                    <button type="button" class="secondary" onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                    <button type="button" id="paste-load" onclick={load.reform(|_: MouseEvent| ())}>{"Open article"}</button>
                </div>
                <p class="hint">{"Ctrl+Enter opens, Esc cancels."}</p>
            </div>
        </div>
    }
}
