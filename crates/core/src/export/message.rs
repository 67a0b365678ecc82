//! The messages between the app's page and its formats module
//! (`src/bin/formats.rs`, loaded when a reader first opens a file, pastes,
//! imports or exports; README "Build size"). The page's own wasm then
//! carries no article extraction, Markdown or file-format code; what
//! crosses is JSON of the types below, each rebuilt on the other side into
//! exactly the value that was sent (tests below).

use serde::{Deserialize, Serialize};

use super::file::ExportFormat;
use super::import::{ImportFormat, ParsedImport};
use super::Incoming;
use crate::anchor::Anchor;
use crate::model::{AnnotationId, DocData, Document, PageMeta, Quarantined, Timestamp};
use crate::text::DocHash;

/// A document as it crosses: its title, canonical text and page metadata.
/// The receiver rebuilds the offset index and the hash from the text, as
/// a stored record is read back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentMessage {
    /// The title.
    pub title: String,
    /// The canonical text.
    pub text: String,
    /// What its web page said.
    pub meta: Option<PageMeta>,
}

impl DocumentMessage {
    /// The message for `doc`.
    pub fn of(doc: &Document) -> DocumentMessage {
        DocumentMessage { title: doc.title.clone(), text: doc.text().to_string(), meta: doc.page.as_deref().cloned() }
    }

    /// The document again, with the title sent. The text was canonical
    /// when it was sent, so it is not normalised again
    /// (`Document::stored`: the page's wasm carries no Unicode tables).
    pub fn into_document(self) -> Document {
        Document::stored(self.text, Some(&self.title)).with_page(self.meta)
    }
}

/// The page asks for an export of the open document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// Which format.
    pub format: ExportFormat,
    /// The open document.
    pub document: DocumentMessage,
    /// Its data.
    pub data: DocData,
    /// Each annotation's place in the text now, as the page anchored it.
    pub anchors: Vec<(AnnotationId, Anchor)>,
    /// The export's time.
    pub now: Timestamp,
}

impl ExportRequest {
    /// The export this request asks for.
    pub fn export(self) -> super::file::Exported {
        let doc = self.document.into_document();
        // Looked up once per annotation: a map, not a scan of 5,000 pairs.
        let anchors: std::collections::HashMap<&AnnotationId, &Anchor> = self.anchors.iter().map(|(id, a)| (id, a)).collect();
        let anchor_of = |id: &AnnotationId| anchors.get(id).map(|&a| a.clone());
        super::file::export(self.format, &doc, &self.data, &anchor_of, self.now)
    }
}

/// A file read for import, as the formats module answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportReply {
    /// The file's format.
    pub format: ImportFormat,
    /// The document its annotations belong to.
    pub document: DocumentMessage,
    /// For W3C files naming one of our documents: that document's hash.
    pub source: Option<DocHash>,
    /// The readable data.
    pub incoming: Incoming,
    /// Unreadable items with reasons.
    pub skipped: Vec<Quarantined>,
}

impl ImportReply {
    /// The reply for a parsed file.
    pub fn of(p: ParsedImport) -> ImportReply {
        ImportReply { format: p.format, document: DocumentMessage::of(&p.document), source: p.source, incoming: p.incoming, skipped: p.skipped }
    }

    /// The parsed file again.
    pub fn into_parsed(self) -> ParsedImport {
        ParsedImport { format: self.format, document: self.document.into_document(), source: self.source, incoming: self.incoming, skipped: self.skipped }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::import::parse_import;
    use crate::export::native;
    use crate::ingest::{ingest_text, SourceFormat};
    use crate::text::html::html5::Html5ever;
    use proptest::prelude::*;

    fn through<T: Serialize + for<'de> Deserialize<'de>>(value: &T) -> T {
        serde_json::from_str(&serde_json::to_string(value).expect("serialises")).expect("deserialises")
    }

    #[test]
    fn a_page_read_as_html_crosses_whole() {
        let page = "<html><head><title>Floods</title><meta property=\"og:site_name\" content=\"Paper\"></head><body><nav>Home News</nav><article><h1>Floods close the port</h1><p>Officials in Rotterdam said on Tuesday that the port would stay shut.</p><p>“We are waiting,” said Anna de Vries, a harbour master.</p></article><footer>© Paper</footer></body></html>";
        let doc = ingest_text(page, SourceFormat::Html, Some("floods.html"), &Html5ever).expect("reads");
        assert!(doc.page.is_some());
        assert_eq!(through(&DocumentMessage::of(&doc)).into_document(), doc);
    }

    #[test]
    fn an_import_crosses_whole() {
        let doc = crate::sample::sample_document();
        let mut data = DocData::default();
        data.quarantine.clear();
        let file = native::export(&doc, &data, Timestamp(7));
        let parsed = parse_import(file.as_bytes(), &doc).expect("parses");
        let (format, document, incoming) = (parsed.format, parsed.document.clone(), parsed.incoming.clone());
        let back = through(&ImportReply::of(parsed)).into_parsed();
        assert_eq!((back.format, back.document, back.incoming), (format, document, incoming));
    }

    proptest! {
        #[test]
        fn any_text_crosses_whole(raw in "(?s).{0,200}", title in ".{0,40}") {
            // Any document, as ingestion makes them (its text canonical).
            let doc = Document::titled(&raw, Some(&title));
            prop_assert_eq!(through(&DocumentMessage::of(&doc)).into_document(), doc);
        }
    }
}
