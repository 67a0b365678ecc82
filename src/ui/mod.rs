//! The yew user interface: small function components, props in and
//! callbacks out. State lives in [`crate::store`]; browser access goes
//! through [`crate::platform`].

mod app;
mod article;
mod paste;
mod toolbar;

pub use app::App;

/// Mounts the app on the page body.
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
