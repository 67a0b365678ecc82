//! Marginalia: a browser-only annotation widget for news articles.
//!
//! The crate is a pure core plus a thin browser shell (see ARCHITECTURE.md):
//!
//! - [`text`]: canonical text, hashing, offset units, markup reduction, layout.
//! - [`model`]: the saved data (documents, labels, annotations).
//! - [`store`]: application state and the one `apply` function.
//! - [`render`]: highlight runs computed from data.
//! - [`sample`]: the bundled sample article.
//!
//! The browser layers (`platform`, `ui`) exist only on `wasm32`; the core
//! compiles and is tested natively with `cargo test`.

pub mod analysis;
pub mod anchor;
pub mod export;
pub mod ingest;
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzz_checks;
pub mod model;
pub mod render;
pub mod sample;
pub mod store;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
