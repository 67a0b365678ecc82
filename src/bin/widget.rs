//! The embedded widget's wasm entry (built by Trunk with the `widget`
//! feature). Nothing runs at load: `embed/marginalia-embed.js` calls the
//! exported `mount` for each article (src/widget/mod.rs); the browser
//! extension's frame calls `mount_frame` (src/widget/frame.rs).

#[cfg(target_arch = "wasm32")]
pub use marginalia::widget::{mount, mount_frame, Frame, Widget};

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-widget is the embedded widget: `trunk build` builds it with the app (see README.md, \"Embedding\").");
    std::process::exit(2);
}
