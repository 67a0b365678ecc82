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

/// Stored records from this size up (UTF-16 units: a long article, or one
/// with thousands of notes) have the analysis worker started before the
/// first render; smaller ones after it, by `use_analysis`. Measured at
/// both ends (`scripts/startup-compare.mjs`, `scripts/slices-profile.mjs`):
/// on the sample, a fresh load, the worker compiling its engine during the
/// first render made the text paint 40–60 ms later (title 230–253 ms
/// against 177–199 ms, medians of six loads) and left a start-up task of
/// 59–77 ms (none over 50 ms after); on a 400,000-character article with
/// 5,000 notes (a record of 1.7 MB), its kept analysis is the long pole,
/// and starting the worker after the first render showed it 50–80 ms
/// later. 100,000 units is about 25 pages of text, or an article with a
/// few hundred notes.
const EARLY_WORKER_RECORD: usize = 100_000;

/// Starts the analysis worker if the article to open is long
/// ([`EARLY_WORKER_RECORD`]), reads storage in the next task
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
    if shell::last_record_size() >= EARLY_WORKER_RECORD {
        analysis::start_early();
    }
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
