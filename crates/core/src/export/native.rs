//! Marginalia's own JSON: the lossless backup format.
//!
//! ```json
//! { "format": "marginalia", "formatVersion": 1, "exportedAt": "2026-…Z",
//!   "offsets": "codepoint",
//!   "document": { "title": "…", "hash": "…", "text": "…" },
//!   "labels": [ { "id", "name", "color" } ],
//!   "annotations": [ { "id", "label", "note", "created", "updated",
//!                      "target": { "source", "start", "end", "exact", "prefix", "suffix" } } ],
//!   "dismissed": [ "…" ], "quarantine": [ { "raw", "reason" } ] }
//! ```
//!
//! Offsets are Unicode code points into `document.text`; `created` and
//! `updated` are milliseconds since the Unix epoch. Items that could not be
//! read earlier travel in `quarantine`, so a backup never loses them.

use serde::Serialize;
use serde_json::Value;

use super::Incoming;
use crate::model::wire::{decode_parts, Contents, Parts};
use crate::model::{DocData, Document, Quarantined, Timestamp};

pub use super::format::{FORMAT, FORMAT_VERSION};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Out<'a> {
    format: &'static str,
    format_version: u64,
    exported_at: String,
    offsets: &'static str,
    #[serde(flatten)]
    contents: Contents<'a>,
}

/// Serialises a document and its data (pretty-printed).
pub fn export(doc: &Document, data: &DocData, now: Timestamp) -> String {
    let out = Out {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        exported_at: now.to_iso(),
        offsets: "codepoint",
        contents: Contents::of(doc, data),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// A parsed Marginalia export.
pub struct Parsed {
    /// The document it carries.
    pub document: Document,
    /// Its data.
    pub incoming: Incoming,
    /// Items that could not be read, with reasons.
    pub skipped: Vec<Quarantined>,
    /// Items the exporting app had already quarantined (kept, not imported).
    pub carried_quarantine: Vec<Quarantined>,
}

/// Reads a Marginalia export (already known to have `"format": "marginalia"`).
pub fn parse(v: &Value) -> Result<Parsed, super::error::ImportError> {
    use super::error::ImportError;
    let version = v.get("formatVersion").and_then(Value::as_u64).ok_or(ImportError::WrongShape("no formatVersion".into()))?;
    if version > FORMAT_VERSION {
        return Err(ImportError::NewerFormat(version));
    }
    if let Some(offsets) = v.get("offsets").and_then(Value::as_str) {
        if offsets != "codepoint" {
            return Err(ImportError::WrongShape(format!("offsets in “{offsets}” units; expected codepoint")));
        }
    }
    let doc = v.get("document").ok_or(ImportError::WrongShape("no document".into()))?;
    let text = doc.get("text").and_then(Value::as_str).ok_or(ImportError::WrongShape("no document text".into()))?;
    let title = doc.get("title").and_then(Value::as_str);
    // The exported text is canonical already; normalising again is a no-op
    // for it and protects against hand-edited files. No other reduction:
    // offsets must keep meaning what they meant.
    if text.trim().is_empty() {
        return Err(ImportError::WrongShape("the document text is empty".into()));
    }
    let chars = text.chars().count();
    if chars > crate::ingest::MAX_TEXT_CHARS {
        return Err(ImportError::WrongShape(crate::ingest::IngestError::TextTooLong { chars }.to_string()));
    }
    let document = Document::titled(text, title).with_page(crate::model::PageMeta::from_json(doc.get("meta")));
    let decoded = decode_parts(Parts::of(v));
    let rejected = decoded.rejected;
    let DocData { labels, annotations, dismissed, quarantine } = decoded.data;
    let carried: Vec<Quarantined> = quarantine.into_iter().filter(|q| !rejected.contains(q)).collect();
    Ok(Parsed { document, incoming: Incoming { labels, annotations, dismissed }, skipped: rejected, carried_quarantine: carried })
}
