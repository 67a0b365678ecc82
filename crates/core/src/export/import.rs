//! Recognising and validating an import file.
//!
//! Every limit is checked before work proportional to the limit is done:
//! size before parsing, nesting depth by the parser (serde_json stops at 128
//! levels), counts before decoding items. Errors say which kind of file it
//! is and what to do, and nothing is imported from a file that fails here.

use serde_json::Value;

pub use super::error::ImportError;
use super::{native, w3c, Incoming};
use crate::model::annotation::MAX_ANNOTATIONS;
use crate::model::{Document, Quarantined};
use crate::text::DocHash;

pub use super::format::MAX_IMPORT_BYTES;


/// Which format a file was.
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImportFormat {
    /// Marginalia JSON.
    Native,
    /// W3C Web Annotation (or Hypothesis) JSON.
    W3c,
}

/// A validated import, ready to be merged.
pub struct ParsedImport {
    /// The format.
    pub format: ImportFormat,
    /// The document the annotations belong to: the file's own (native) or
    /// the open one (W3C).
    pub document: Document,
    /// For W3C files naming one of our documents: that document's hash.
    pub source: Option<DocHash>,
    /// The readable data.
    pub incoming: Incoming,
    /// Unreadable items with reasons (reported, not imported).
    pub skipped: Vec<Quarantined>,
}

/// Recognises and validates `bytes`. W3C annotations are read against
/// `current`, the open document.
pub fn parse_import(bytes: &[u8], current: &Document) -> Result<ParsedImport, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotJson("not UTF-8 text".into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let v: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ImportError::TooDeep
        } else {
            ImportError::NotJson(e.to_string())
        }
    })?;
    if v.get("format").and_then(Value::as_str) == Some(native::FORMAT) {
        if let Some(Value::Array(a)) = v.get("annotations") {
            if a.len() > MAX_ANNOTATIONS {
                return Err(ImportError::TooMany(a.len()));
            }
        }
        let p = native::parse(&v)?;
        return Ok(ParsedImport { format: ImportFormat::Native, document: p.document, source: None, incoming: p.incoming, skipped: p.skipped });
    }
    if w3c::recognise(&v) {
        let p = w3c::parse(&v, current)?;
        return Ok(ParsedImport { format: ImportFormat::W3c, document: current.clone(), source: p.source, incoming: p.incoming, skipped: p.skipped });
    }
    Err(ImportError::NotAnExport(describe(&v)))
}

/// A short description of JSON that is not an export.
fn describe(v: &Value) -> String {
    match v {
        Value::Object(o) if o.contains_key("dependencies") || o.contains_key("devDependencies") => "a package.json file".into(),
        Value::Object(o) if o.contains_key("text") && (o.contains_key("spans") || o.contains_key("label")) => {
            "NER training data (JSONL lines are exports, not imports)".into()
        }
        Value::Object(o) if o.contains_key("rows") && o.contains_key("total") => "a Hypothesis search result".into(),
        Value::Object(_) => "a JSON object".into(),
        Value::Array(_) => "a JSON list".into(),
        _ => "a single JSON value".into(),
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
