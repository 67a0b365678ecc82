//! Saved documents: open or delete them.


use super::shared::Shared;
use yew::prelude::*;

use super::library_pages::PagesList;
use super::library_row::{annotations, confirm_delete};
use crate::store::page::PageKey;
use crate::store::AppState;
use crate::ingest::group_thousands;
use crate::text::DocHash;

/// Props of [`LibraryTab`].
#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// The state.
    pub state: Shared<AppState>,
    /// Open a saved document.
    pub on_open: Callback<DocHash>,
    /// Delete a saved document.
    pub on_delete: Callback<DocHash>,
    /// Open a copy of a page annotated in place.
    pub on_open_page: Callback<PageKey>,
    /// Delete the notes of a page annotated in place.
    pub on_delete_page: Callback<PageKey>,
}

/// The library tab.
#[function_component(LibraryTab)]
pub fn library_tab(props: &LibraryProps) -> Html {
    let confirming = use_state(|| None::<DocHash>);
    let s = &props.state;
    let pages = html! { <PagesList pages={s.pages.clone()} on_open={props.on_open_page.clone()} on_delete={props.on_delete_page.clone()} /> };
    if s.library.is_empty() {
        return html! {
            <section class="library-tab">
                if s.pages.is_empty() {
                    <p class="empty">{"Nothing saved yet. Articles you paste or open, and articles you annotate, are kept here in this browser."}</p>
                }
                { pages }
            </section>
        };
    }
    html! {
        <section class="library-tab">
            <p class="hint">{"Saved in this browser only. Export important work: the downloaded file is your real backup."}</p>
            <ul class="library-list">
                { for s.library.iter().map(|e| {
                    let current = e.hash == s.doc.document.hash;
                    let (h1, h2, h3) = (e.hash.clone(), e.hash.clone(), e.hash.clone());
                    let open = props.on_open.reform(move |_: MouseEvent| h1.clone());
                    let ask = { let confirming = confirming.clone(); Callback::from(move |_: MouseEvent| confirming.set(Some(h2.clone()))) };
                    let cancel = { let confirming = confirming.clone(); Callback::from(move |_: MouseEvent| confirming.set(None)) };
                    let delete = { let (confirming, on_delete) = (confirming.clone(), props.on_delete.clone());
                        Callback::from(move |_: MouseEvent| { confirming.set(None); on_delete.emit(h3.clone()); }) };
                    let asking = confirming.as_ref() == Some(&e.hash);
                    html! {
                        <li class={classes!("library-item", current.then_some("current"))} key={e.hash.to_string()}>
                            <div class="library-title">{ e.title.clone() }</div>
                            <div class="library-meta">
                                { format!("{} · {} · {} characters", e.updated.to_date(), annotations(e.annotations), group_thousands(e.chars)) }
                                if current { <span class="badge">{"open"}</span> }
                            </div>
                            <div class="library-actions">
                                if asking {
                                    { confirm_delete("Delete this article and its annotations?", delete, cancel) }
                                } else {
                                    <button type="button" class="small" disabled={current} onclick={open}>{"Open"}</button>
                                    <button type="button" class="secondary small" onclick={ask}
                                            aria-label={format!("Delete {}", e.title)}>{"Delete…"}</button>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ul>
            { pages }
        </section>
    }
}
