//! The yew user interface: small function components, props in and
//! callbacks out. State lives in [`crate::store`]; browser access goes
//! through [`crate::platform`]; saving happens only in [`autosave`].

pub(crate) mod analysis;
mod app;
mod article;
pub mod autosave;
pub(crate) mod banners;
pub(crate) mod commands;
pub(crate) mod handles;
pub(crate) mod hooks;
mod import_dialog;
pub(crate) mod insight;
pub(crate) mod labels;
mod library;
mod library_pages;
mod library_row;
pub(crate) mod panel;
mod page_line;
mod paste;
mod share;
mod share_dialog;
pub(crate) mod suggestions;
pub mod reducer;
pub(crate) mod shared;
pub(crate) mod tab;
pub mod shell;
mod toolbar;

pub use app::App;

/// Starts the analysis worker, then mounts the app on `#app` (or the body).
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    analysis::start_early();
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
