//! The formats module's wasm entry (issue 20), built by Trunk as
//! `marginalia-formats.js` + `marginalia-formats_bg.wasm` and loaded by the
//! app only when a reader first opens a file, pastes, imports or exports
//! (`platform::formats`, through `static/formats-loader.js`). It holds
//! what turns files into documents and documents into files: article
//! extraction, Markdown, the import readers and the export writers, so the
//! app's first download does not carry them (README "Build size").
//!
//! Every call takes and returns JSON of `export::message`'s types; an
//! error is the message the reader is shown. It runs on the page's thread
//! (HTML is read with the browser's `DOMParser`, which workers lack).

#[cfg(target_arch = "wasm32")]
mod formats {
    use marginalia::export::import::parse_import;
    use marginalia::export::message::{DocumentMessage, ExportRequest, ImportReply};
    use marginalia::ingest::{self, SourceFormat};
    use marginalia::platform::html::BrowserHtml;
    use wasm_bindgen::prelude::*;

    fn json<T: serde::Serialize>(value: &T) -> Result<String, JsError> {
        serde_json::to_string(value).map_err(|e| JsError::new(&format!("could not write the answer: {e}")))
    }

    fn source_format(name: &str) -> Result<SourceFormat, JsError> {
        match name {
            "plain" => Ok(SourceFormat::Plain),
            "markdown" => Ok(SourceFormat::Markdown),
            "html" => Ok(SourceFormat::Html),
            other => Err(JsError::new(&format!("unknown text format “{other}”"))),
        }
    }

    /// Pasted `text` read as `format` ("plain", "markdown", "html"): a
    /// `DocumentMessage`.
    #[wasm_bindgen(js_name = ingestText)]
    pub fn ingest_text(text: &str, format: &str) -> Result<String, JsError> {
        let doc = ingest::ingest_text(text, source_format(format)?, None, &BrowserHtml).map_err(|e| JsError::new(&e.to_string()))?;
        json(&DocumentMessage::of(&doc))
    }

    /// What opening pasted `text` read as `format` will show (the paste
    /// dialog's preview line): `ingest::describe` of the document, which
    /// stays here, so a preview of a long paste sends no text back.
    #[wasm_bindgen(js_name = describeText)]
    pub fn describe_text(text: &str, format: &str) -> Result<String, JsError> {
        let doc = ingest::ingest_text(text, source_format(format)?, None, &BrowserHtml).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(ingest::describe(&doc))
    }

    /// A file's bytes read as an article: a `DocumentMessage`.
    #[wasm_bindgen(js_name = ingestFile)]
    pub fn ingest_file(name: &str, mime: Option<String>, bytes: &[u8]) -> Result<String, JsError> {
        let doc = ingest::ingest_file(name, mime.as_deref(), bytes, &BrowserHtml).map_err(|e| JsError::new(&e.to_string()))?;
        json(&DocumentMessage::of(&doc))
    }

    /// An `ExportRequest` answered: an `Exported`.
    #[wasm_bindgen(js_name = exportFile)]
    pub fn export_file(request: &str) -> Result<String, JsError> {
        let request: ExportRequest = serde_json::from_str(request).map_err(|e| JsError::new(&format!("could not read the export request: {e}")))?;
        json(&request.export())
    }

    /// An import file's `bytes` read against the open document (a
    /// `DocumentMessage`): an `ImportReply`.
    #[wasm_bindgen(js_name = parseImport)]
    pub fn parse_import_file(bytes: &[u8], current: &str) -> Result<String, JsError> {
        let current: DocumentMessage = serde_json::from_str(current).map_err(|e| JsError::new(&format!("could not read the open document: {e}")))?;
        let parsed = parse_import(bytes, &current.into_document()).map_err(|e| JsError::new(&e.to_string()))?;
        json(&ImportReply::of(parsed))
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-formats is the app's formats module: Trunk builds it beside the app (see README.md).");
    std::process::exit(2);
}
