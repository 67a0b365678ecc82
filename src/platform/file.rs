//! Reading a user-chosen or dropped `File`.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;

use crate::ingest::{IngestError, MAX_FILE_BYTES};

/// What the app needs to know about a file before and after reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileData {
    /// The file's name as the browser reports it.
    pub name: String,
    /// The MIME type, if the browser knows one.
    pub mime: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Refused before reading: too large.
    Ingest(IngestError),
    /// The browser could not read it (permissions, removed file...).
    Browser(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Ingest(e) => e.fmt(f),
            ReadError::Browser(detail) => write!(f, "The browser could not read this file ({detail}). Try opening it again."),
        }
    }
}

/// Reads `file` completely, refusing files over [`MAX_FILE_BYTES`] before
/// any byte is read so a huge file cannot freeze the tab.
pub async fn read_file(file: web_sys::File) -> Result<FileData, ReadError> {
    let size = file.size();
    if !(0.0..=MAX_FILE_BYTES as f64).contains(&size) {
        return Err(ReadError::Ingest(IngestError::FileTooLarge { bytes: size.max(0.0) as usize }));
    }
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| ReadError::Browser(describe_js_error(&e)))?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    let mime = Some(file.type_()).filter(|t| !t.is_empty());
    Ok(FileData { name: file.name(), mime, bytes })
}

/// A short description of a thrown JavaScript value.
pub fn describe_js_error(e: &wasm_bindgen::JsValue) -> String {
    if let Some(ex) = wasm_bindgen::JsCast::dyn_ref::<web_sys::DomException>(e) {
        return format!("{}: {}", ex.name(), ex.message());
    }
    if let Some(err) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Error>(e) {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "unknown error".to_string())
}
