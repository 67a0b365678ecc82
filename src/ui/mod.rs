//! The yew user interface: small function components, props in and
//! callbacks out. State lives in [`crate::store`]; browser access goes
//! through [`crate::platform`]; saving happens only in [`autosave`].

mod analysis;
mod app;
mod article;
pub mod autosave;
mod banners;
mod commands;
mod handles;
mod hooks;
mod import_dialog;
mod insight;
mod labels;
mod library;
mod panel;
mod paste;
mod suggestions;
pub mod reducer;
mod shared;
mod tab;
pub mod shell;
mod toolbar;

pub use app::App;

/// Mounts the app on `#app` (or the body).
pub fn start() {
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
