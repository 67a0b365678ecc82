//! One export as a file: its format, name, media type and text. The app's
//! formats module (`src/bin/formats.rs`), the embedded widget and the tests
//! all build exports here, so a file is named and written the same way
//! wherever it is made.

use serde::{Deserialize, Serialize};

use super::{jsonl, native, slug, w3c};
use crate::anchor::Anchor;
use crate::model::{AnnotationId, DocData, Document, Timestamp};

/// The export formats.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// Marginalia JSON.
    Native,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// NER training JSONL.
    Jsonl,
}

/// An export, ready to be saved or handed over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    /// A file name for it (from the title).
    pub name: String,
    /// Its media type.
    pub mime: String,
    /// Its text.
    pub content: String,
}

/// Exports `doc` with `data` in `format`; `anchor_of` gives each
/// annotation's place in the text now, `now` the export's time.
pub fn export(format: ExportFormat, doc: &Document, data: &DocData, anchor_of: &dyn Fn(&AnnotationId) -> Option<Anchor>, now: Timestamp) -> Exported {
    let base = slug(&doc.title);
    let (name, mime, content) = match format {
        ExportFormat::Native => (format!("{base}.marginalia.json"), "application/json", native::export(doc, data, now)),
        ExportFormat::W3c => (format!("{base}.w3c.jsonld"), "application/ld+json", w3c::export(doc, data, anchor_of, now)),
        ExportFormat::Jsonl => (format!("{base}.ner.jsonl"), "application/x-ndjson", jsonl::export(doc, data, anchor_of)),
    };
    Exported { name, mime: mime.to_string(), content }
}
