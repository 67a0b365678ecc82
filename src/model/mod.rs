//! The saved data model: documents, labels and annotations, with newtype IDs.
//!
//! Nothing here knows about the UI (selection, hover, open panels): that
//! state lives in `crate::store::ui`. Pure Rust, no browser crates.

pub mod document;

pub use document::Document;
