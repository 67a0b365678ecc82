//! An article: its canonical text, identity and title.

use crate::text::layout::Layout;
use crate::text::offsets::IndexedText;
use crate::text::DocHash;
use std::sync::Arc;

use super::PageMeta;

/// The longest recorded title kept (a title is one line of the toolbar).
const MAX_TITLE_CHARS: usize = 300;

/// A loaded article. The text is canonical (see [`crate::text::normalize()`])
/// and never changes; a different text is a different document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Display title: the first line of a multi-line text, else a fallback.
    pub title: String,
    /// Identity: hash of the canonical text.
    pub hash: DocHash,
    /// The canonical text with its offset index.
    pub indexed: IndexedText,
    /// What the web page it came from said about it (`None` for texts
    /// that were not a page).
    pub page: Option<Arc<PageMeta>>,
}

impl Document {
    /// Builds a document from text that is **already canonical**.
    /// `fallback_title` is used when the text has no title line.
    pub fn new(canonical_text: String, fallback_title: Option<&str>) -> Document {
        let hash = DocHash::of(&canonical_text);
        let layout = Layout::of(&canonical_text);
        let indexed = IndexedText::new(canonical_text);
        let title = layout
            .title()
            .and_then(|r| indexed.slice(r))
            .map(str::to_string)
            .or_else(|| fallback_title.map(str::to_string).filter(|t| !t.is_empty()))
            .unwrap_or_else(|| first_words(indexed.as_str()));
        Document { title, hash, indexed, page: None }
    }

    /// Builds a document from any text, normalising it first.
    pub fn from_raw(raw: &str, fallback_title: Option<&str>) -> Document {
        Document::new(crate::text::normalize(raw), fallback_title)
    }

    /// Builds a document from saved or exported text whose title was
    /// recorded with it: that title wins over the first line (issue 10,
    /// item 7: an import showed the first line instead).
    pub fn titled(raw: &str, title: Option<&str>) -> Document {
        Document::stored(crate::text::normalize(raw), title)
    }

    /// Builds a document from text the app made canonical itself (a
    /// record it saved, an answer of its formats module) with the title
    /// recorded with it. The text is not normalised again: that needs
    /// Unicode tables the app's first screen does not download (docs/build-size.md), and the app wrote the text canonical. A record
    /// edited outside the app is taken as written: its hash is computed
    /// from that text, so it is a different document, as it would be
    /// normalised.
    pub fn stored(canonical_text: String, title: Option<&str>) -> Document {
        let mut doc = Document::new(canonical_text, title);
        if let Some(t) = title.map(str::trim).filter(|t| !t.is_empty()) {
            doc.title = t.chars().take(MAX_TITLE_CHARS).collect();
        }
        doc
    }

    /// The same document with what its page said.
    pub fn with_page(mut self, page: Option<PageMeta>) -> Document {
        self.page = page.map(Arc::new);
        self
    }

    /// The canonical text.
    pub fn text(&self) -> &str {
        self.indexed.as_str()
    }
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    if words.is_empty() {
        "Untitled article".to_string()
    } else {
        words.join(" ")
    }
}
