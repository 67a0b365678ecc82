//! The app's formats module (`src/bin/formats.rs`: article extraction,
//! Markdown, the import readers and export writers), loaded on first use
//! through `static/formats-loader.js` (`platform::lazy`) so the first
//! screen's download does not carry it. Each call sends and receives JSON
//! of `export::message`'s types; every error is a message for the reader.

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::lazy::{self, message, LazyModule};
use crate::export::file::Exported;
use crate::export::import::ParsedImport;
use crate::export::message::{DocumentMessage, ExportRequest, ImportReply};
use crate::ingest::SourceFormat;
use crate::model::Document;

/// The formats module, loaded from `static/formats-loader.js`.
static FORMATS: LazyModule = LazyModule {
    loader: "./formats-loader.js",
    global: "marginaliaFormats",
    ready: "marginalia-formats-ready",
    failed: "marginalia-formats-failed",
    what: "The part of Marginalia that reads and writes files",
};

/// Starts loading the module (the reader is about to need it: a dialog
/// opened, a file is dragged in), so the call that follows does not wait.
pub fn warm() {
    lazy::warm(&FORMATS);
}

/// Calls the module's function `name` with `args`; its text answer.
async fn call(name: &str, args: &[JsValue]) -> Result<String, String> {
    let module = lazy::load(&FORMATS).await.map_err(|e| format!("{e}. Check the connection and try again."))?;
    let f = Reflect::get(&module, &name.into()).map_err(message)?;
    let f = f.dyn_ref::<Function>().ok_or_else(|| format!("{} is damaged: reload the page.", FORMATS.what))?;
    let answer = f.apply(&JsValue::NULL, &args.iter().collect::<js_sys::Array>()).map_err(message)?;
    answer.as_string().ok_or_else(|| format!("{} gave no answer: reload the page.", FORMATS.what))
}

fn read<T: serde::de::DeserializeOwned>(answer: &str) -> Result<T, String> {
    serde_json::from_str(answer).map_err(|e| format!("{} answered something this page cannot read ({e}): reload the page.", FORMATS.what))
}

fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Plain => "plain",
        SourceFormat::Markdown => "markdown",
        SourceFormat::Html => "html",
    }
}

/// The next task: reading a long article in the module and building its
/// document here are two tasks, so neither is long (450,000 characters).
async fn next_task() {
    let Some(window) = web_sys::window() else { return };
    let tick = js_sys::Promise::new(&mut |resolve: Function, _| {
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
}

/// A document from the module's answer, built in a task of its own.
async fn document(answer: &str) -> Result<Document, String> {
    next_task().await;
    Ok(read::<DocumentMessage>(answer)?.into_document())
}

/// Pasted `text` read as `format`, as a document.
pub async fn ingest_text(text: &str, format: SourceFormat) -> Result<Document, String> {
    document(&call("ingestText", &[text.into(), format_name(format).into()]).await?).await
}

/// What opening pasted `text` read as `format` will show (`ingest::describe`),
/// or why it cannot open.
pub async fn describe_text(text: &str, format: SourceFormat) -> Result<String, String> {
    call("describeText", &[text.into(), format_name(format).into()]).await
}

/// A file (its name, media type and bytes) read as an article.
pub async fn ingest_file(name: &str, mime: Option<&str>, bytes: &[u8]) -> Result<Document, String> {
    let mime = mime.map_or(JsValue::UNDEFINED, JsValue::from);
    document(&call("ingestFile", &[name.into(), mime, Uint8Array::from(bytes).into()]).await?).await
}

/// The export `request` asks for.
pub async fn export(request: &ExportRequest) -> Result<Exported, String> {
    let request = serde_json::to_string(request).map_err(|e| e.to_string())?;
    read(&call("exportFile", &[request.into()]).await?)
}

/// An import file's `bytes`, read against the open document `current`.
pub async fn parse_import(bytes: &[u8], current: &Document) -> Result<ParsedImport, String> {
    let current = serde_json::to_string(&DocumentMessage::of(current)).map_err(|e| e.to_string())?;
    let answer = call("parseImport", &[Uint8Array::from(bytes).into(), current.into()]).await?;
    Ok(read::<ImportReply>(&answer)?.into_parsed())
}
