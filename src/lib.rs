//! Marginalia: a browser-only annotation widget for news articles.
//!
//! The pure core is the `marginalia-core` crate (crates/core), re-exported
//! here under the same paths (`marginalia::analysis`, `marginalia::store`…);
//! this crate adds the browser shell (see ARCHITECTURE.md):
//!
//! - `platform`: the only code that calls browser APIs.
//! - `ui`: yew components and hooks.
//! - `widget` (cargo feature `widget`): the embedded widget's shell.
//!
//! The browser layers exist only on `wasm32`; the core compiles and is
//! tested natively with `cargo test`.

#[cfg(not(target_arch = "wasm32"))]
pub use marginalia_core::fuzz_checks;
pub use marginalia_core::{analysis, anchor, export, ingest, model, render, sample, store, text};

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod widget;
