//! The Share dialog (issue 22): the server to share on, then the two links
//! to hand out — one that lets people annotate, one that only shows.

use std::rc::Rc;

use yew::prelude::*;

use crate::store::share::ShareView;

/// The server the dialog proposes: the one `bash scripts/share-server.sh`
/// starts.
const DEFAULT_SERVER: &str = "ws://127.0.0.1:1234";

/// Props of [`ShareDialog`].
#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    /// The room, once the article is shared.
    pub share: Option<Rc<ShareView>>,
    /// Start sharing: (server address, the reader's name).
    pub on_start: Callback<(String, String)>,
    /// The reader changed their name while shared.
    pub on_name: Callback<String>,
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// A read-only field holding a link, to copy.
fn link_field(id: &'static str, label: &'static str, hint: &'static str, value: &str) -> Html {
    html! {
        <label class="share-link">{label}
            <input {id} type="text" readonly=true value={value.to_string()} />
            <small class="hint">{hint}</small>
        </label>
    }
}

/// Keeps what is typed into a field in `state`.
fn typed(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            state.set(input.value());
        }
    })
}

/// The dialog.
#[function_component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    // What the reader typed lives in state, not only in the fields: the
    // dialog re-renders when anything else changes (a save finishing), and
    // a field's value must not go back to its default then.
    let server = use_state(|| DEFAULT_SERVER.to_string());
    let name = use_state(crate::platform::share::reader_name);
    let start = {
        let (server, name, cb) = (server.clone(), name.clone(), props.on_start.clone());
        Callback::from(move |_: MouseEvent| {
            let address = Some(server.trim().to_string()).filter(|v| !v.is_empty()).unwrap_or_else(|| DEFAULT_SERVER.to_string());
            cb.emit((address, name.trim().to_string()));
        })
    };
    let onkeydown = {
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                close.emit(());
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let onchange = {
        let (on_name, shared) = (props.on_name.clone(), props.share.is_some());
        Callback::from(move |e: Event| {
            if let (true, Some(input)) = (shared, e.target_dyn_into::<web_sys::HtmlInputElement>()) {
                on_name.emit(input.value());
            }
        })
    };
    let links = props.share.as_ref().and_then(|s| s.links.clone());
    html! {
        <div class="modal-backdrop">
            <div class="modal share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" {onkeydown}>
                <h2 id="share-title">{"Share this article"}</h2>
                if let Some((write, read)) = links {
                    { link_field("share-write-link", "Link to annotate together", "Anyone with this link can add, edit and delete annotations.", &write) }
                    { link_field("share-read-link", "Read-only link", "Shows the annotations live; changes nothing.", &read) }
                    <p class="hint">{"The secret is in the part after #, which browsers never send to a server. Everyone keeps working offline; changes merge when they are back."}</p>
                } else if props.share.is_some() {
                    <p>{"This article was shared with you. Ask whoever shared it for the links."}</p>
                } else {
                    <p>{"Your annotations of this article go to a sharing server, where the people you give the link to see them live and add theirs. The article's text goes too."}</p>
                    <label>{"Sharing server"}
                        <input id="share-server" type="text" value={(*server).clone()} oninput={typed(&server)} spellcheck="false" />
                    </label>

                }
                <label>{"Your name, as the others see it"}
                    <input id="share-name" type="text" value={(*name).clone()} oninput={typed(&name)} maxlength="40" {onchange} />
                </label>
                <div class="modal-actions">
                    <button type="button" class="secondary" id="share-close" onclick={close}>{"Close"}</button>
                    if props.share.is_none() {
                        <button type="button" id="share-start" onclick={start}>{"Start sharing"}</button>
                    }
                </div>
            </div>
        </div>
    }
}
