//! The saved data model: documents, labels and annotations, with newtype IDs
//! and timestamps.
//!
//! Nothing here knows about the UI (selection, hover, open panels): that
//! state lives in [`crate::store`]. Pure Rust, no browser crates.

pub mod annotation;
pub mod delta;
pub mod error;
pub mod document;
pub mod ids;
pub mod label;
pub mod page;
pub mod time;
pub mod wire;

pub use annotation::{Annotation, DocData, Quarantined, Surroundings, Target};
pub use delta::DocDelta;
pub use document::Document;
pub use error::{InvalidKind, InvalidValue};
pub use ids::{AnnotationId, LabelId, SuggestionKey};
pub use label::{Color, Label};
pub use page::{PageMeta, Reading};
pub use time::Timestamp;
