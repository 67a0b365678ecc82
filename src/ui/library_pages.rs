//! The Library's pages annotated in place — by the browser extension on
//! any site, or by the widget on a publisher's page — with a link back to
//! each page, a way to open its saved text here, and to delete its notes.

use std::rc::Rc;

use yew::prelude::*;

use super::library_row::{annotations, confirm_delete};
use crate::store::page::{PageKey, SavedPage};

/// Props of [`PagesList`].
#[derive(Properties, PartialEq)]
pub struct PagesProps {
    /// The pages, latest saved first.
    pub pages: Rc<Vec<SavedPage>>,
    /// Open a page's saved text and notes as an article here.
    pub on_open: Callback<PageKey>,
    /// Delete a page's notes from this browser.
    pub on_delete: Callback<PageKey>,
}

/// The pages list (nothing when there are none).
#[function_component(PagesList)]
pub fn pages_list(props: &PagesProps) -> Html {
    let confirming = use_state(|| None::<PageKey>);
    if props.pages.is_empty() {
        return Html::default();
    }
    html! {
        <section class="library-pages" aria-label="Pages you annotated">
            <h3 class="library-heading">{ format!("Pages you annotated ({})", props.pages.len()) }</h3>
            <ul class="library-list">
                { for props.pages.iter().map(|p| page_item(p, props, &confirming)) }
            </ul>
        </section>
    }
}

fn page_item(p: &SavedPage, props: &PagesProps, confirming: &UseStateHandle<Option<PageKey>>) -> Html {
    let key = p.key.clone();
    let open = props.on_open.reform(move |_: MouseEvent| key.clone());
    let asking = confirming.as_ref() == Some(&p.key);
    let (ask, cancel) = {
        let (c1, c2, key) = (confirming.clone(), confirming.clone(), p.key.clone());
        (Callback::from(move |_: MouseEvent| c1.set(Some(key.clone()))), Callback::from(move |_: MouseEvent| c2.set(None)))
    };
    let delete = {
        let (confirming, on_delete, key) = (confirming.clone(), props.on_delete.clone(), p.key.clone());
        Callback::from(move |_: MouseEvent| {
            confirming.set(None);
            on_delete.emit(key.clone());
        })
    };
    let count = annotations(p.annotations);
    let meta = match p.saved {
        Some(t) => format!("{} · {count}", t.to_date()),
        None => count,
    };
    html! {
        <li class="library-item library-page" key={p.key.as_str().to_string()}>
            <div class="library-title">
                if p.address.is_empty() {
                    { p.title.clone() }
                } else {
                    <a href={p.address.clone()} target="_blank" rel="noopener noreferrer">{ p.title.clone() }</a>
                }
            </div>
            if let Some(h) = &p.header {
                <div class="library-meta">{ h.clone() }</div>
            }
            <div class="library-meta">{ meta }</div>
            <div class="library-actions">
                if asking {
                    { confirm_delete("Delete this page's notes from this browser?", delete, cancel) }
                } else {
                    <button type="button" class="small" onclick={open} aria-label={format!("Open a copy of {} here", p.title)}
                            title="Opens the page's saved text with its notes here, as a copy (the page keeps its own)">{"Open a copy"}</button>
                    <button type="button" class="secondary small" onclick={ask} aria-label={format!("Delete the notes on {}", p.title)}>{"Delete…"}</button>
                }
            </div>
        </li>
    }
}
