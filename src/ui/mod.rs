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
mod later;
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

/// Starts the analysis worker, reads storage in the next task
/// (`shell::read_ahead`) and mounts the app on `#app` (or the body) in the
/// one after.
///
/// Why a task apart: the page's wasm finishing its compile and start-up
/// (12–30 ms) and the first render (40–55 ms, most of it V8 compiling each
/// function on its first call) were one task of 65–85 ms, over issue 20's
/// 50 ms bar; apart, the browser can paint and handle input between them,
/// and the worker's thread starts meanwhile.
pub fn start() {
    if web_sys::window().is_none() {
        return;
    }
    analysis::start_early();
    gloo::timers::callback::Timeout::new(0, || {
        shell::read_ahead();
        gloo::timers::callback::Timeout::new(0, mount).forget();
    })
    .forget();
}

/// Mounts the app on `#app`, or on the body when the page has none.
fn mount() {
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => {
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
