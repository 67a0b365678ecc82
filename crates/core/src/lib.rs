//! The pure core of Marginalia: everything that is plain Rust, with no
//! browser crate in its dependency tree (`cargo tree -p marginalia-core`).
//!
//! - [`text`]: canonical text, hashing, offset units, markup reduction, layout.
//! - [`ingest`]: bytes or a paste → canonical text → a [`model::Document`].
//! - [`model`]: the saved data (documents, labels, annotations).
//! - [`anchor`]: selectors ↔ ranges, re-anchoring.
//! - [`store`]: application state and the one `apply` function.
//! - [`export`]: our JSON, W3C Web Annotation, NER JSONL.
//! - [`analysis`]: entities, quotations and speakers, posts, groups.
//! - [`render`]: highlight runs computed from data.
//! - [`order`]: sorting with one compiled copy of the standard sort (wasm size).
//! - [`sample`]: the bundled sample article.
//!
//! The web app (`marginalia`, the root package) adds the browser shell.

pub mod analysis;
pub mod anchor;
pub mod export;
pub mod ingest;
#[cfg(not(target_arch = "wasm32"))]
pub mod fuzz_checks;
pub mod model;
pub mod order;
pub mod render;
pub mod sample;
pub mod store;
pub mod text;
