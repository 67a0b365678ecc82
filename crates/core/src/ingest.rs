//! From bytes or pasted text to a [`Document`]: decoding, format detection,
//! markup reduction, normalisation and size limits, with errors a user can
//! act on.
//!
//! Limits (documented in the README):
//! - files larger than [`MAX_FILE_BYTES`] are refused before they are read;
//! - texts longer than [`MAX_TEXT_CHARS`] code points after reduction are
//!   refused, because the whole article and its annotations must fit in the
//!   browser's ~5 million character localStorage quota and render without
//!   freezing the tab.

use crate::model::{Document, PageMeta, Reading};
use std::fmt;

use crate::text::html::article::extract;
use crate::text::html::mapped::{reduce_mapped_planned, Mapped};
use crate::text::html::{HtmlNode, HtmlReader};
use crate::text::{markdown, normalize};

/// The largest file (in bytes) the app will read: 5 MiB.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

pub use crate::text::numbers::{group_thousands, human_bytes};
pub use crate::text::MAX_TEXT_CHARS;

/// How the input should be reduced to text.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// Plain text, kept as is (after normalisation).
    Plain,
    /// Markdown, reduced by [`markdown::markdown_to_text`].
    Markdown,
    /// HTML, parsed and reduced by an [`HtmlReader`].
    Html,
}

/// Why an input could not become a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngestError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    FileTooLarge {
        /// The file's size in bytes.
        bytes: usize,
    },
    /// The text is longer than [`MAX_TEXT_CHARS`].
    TextTooLong {
        /// The text's length in code points.
        chars: usize,
    },
    /// Nothing readable was left.
    Empty,
    /// The bytes are not text (NUL bytes or undecodable content).
    NotText,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IngestError::FileTooLarge { bytes } => write!(
                f,
                "This file is {} — too large to open here (the limit is {}). Open the article's own page or paste just the article text.",
                human_bytes(*bytes),
                human_bytes(MAX_FILE_BYTES)
            ),
            IngestError::TextTooLong { chars } => write!(
                f,
                "This text has {} characters; Marginalia opens articles up to {} characters so it can keep them in the browser. Paste a single article or split it.",
                group_thousands(*chars),
                group_thousands(MAX_TEXT_CHARS)
            ),
            IngestError::Empty => write!(f, "There is no readable text in it. Paste or open an article with some text."),
            IngestError::NotText => write!(
                f,
                "This does not look like a text file. Open a .txt, .md or .html file, or paste the article's text."
            ),
        }
    }
}

impl std::error::Error for IngestError {}

/// Picks the reducer from the file name, the MIME type and the content.
pub fn detect_format(name: Option<&str>, mime: Option<&str>, text: &str) -> SourceFormat {
    let ext = name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => return SourceFormat::Html,
        Some("md" | "markdown" | "mdown" | "mkd") => return SourceFormat::Markdown,
        Some("txt" | "text") => return SourceFormat::Plain,
        _ => {}
    }
    match mime {
        Some(m) if m.starts_with("text/html") || m.starts_with("application/xhtml") => SourceFormat::Html,
        Some(m) if m.starts_with("text/markdown") => SourceFormat::Markdown,
        Some(m) if m.starts_with("text/plain") => SourceFormat::Plain,
        // Neither name nor type says: a file that is a whole HTML page.
        _ if crate::text::html::is_html_page(text) => SourceFormat::Html,
        _ => SourceFormat::Plain,
    }
}

/// What opening a text will show, for the paste dialog to say before it
/// happens: `“Title” and 3 paragraphs (1,234 characters)`.
pub fn describe(doc: &Document) -> String {
    let paragraphs = doc.text().lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    format!(
        "“{}” and {} paragraph{} ({} characters)",
        doc.title,
        paragraphs,
        if paragraphs == 1 { "" } else { "s" },
        group_thousands(doc.indexed.char_len())
    )
}

/// Decodes file bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or
/// else Windows-1252 (what "ANSI" text files on Windows are). Bytes with NUL
/// characters and no UTF-16 BOM are not text.
pub fn decode_bytes(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    if bytes.contains(&0) {
        return Err(IngestError::NotText);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn decode_utf16(bytes: &[u8], from: fn([u8; 2]) -> u16) -> Result<String, IngestError> {
    if bytes.len() % 2 != 0 {
        return Err(IngestError::NotText);
    }
    let units = bytes.chunks_exact(2).map(|c| from([c[0], c[1]]));
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| IngestError::NotText)
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Builds a document from raw text in `format`. `fallback_title` (a file
/// name, say) is used when the text has no title line; `html` reads HTML
/// (the browser's parser in the app, html5ever natively).
pub fn ingest_text(raw: &str, format: SourceFormat, fallback_title: Option<&str>, html: &dyn HtmlReader) -> Result<Document, IngestError> {
    // Refuse absurd inputs before doing any per-character work: reduction
    // can only shrink text, and code points <= bytes.
    let rough_chars = raw.len();
    if rough_chars > MAX_FILE_BYTES {
        return Err(IngestError::FileTooLarge { bytes: rough_chars });
    }
    let (reduced, page) = match format {
        SourceFormat::Plain => (raw.to_string(), None),
        SourceFormat::Markdown => (markdown::markdown_to_text(raw), None),
        // A whole page: its article, with the whole page as the other
        // reading. A fragment (a pasted `<p>`) is all article already.
        // A byte-order mark is not the page's text (DOMParser would keep
        // it as a character, html5ever drops it).
        SourceFormat::Html if is_page(raw) => read_page(raw.strip_prefix('\u{feff}').unwrap_or(raw), html),
        SourceFormat::Html => (html.read(raw.strip_prefix('\u{feff}').unwrap_or(raw)).text, None),
    };
    let canonical = canonical_text(&reduced)?;
    let fallback = fallback_title.map(title_from_file_name);
    Ok(Document::new(canonical, fallback.as_deref()).with_page(page))
}

/// Normalised, trimmed and within the size limit.
fn canonical_text(reduced: &str) -> Result<String, IngestError> {
    let canonical = normalize(reduced);
    let trimmed = canonical.trim_end_matches(['\n', ' ', '\t']);
    // Leading blank lines go; a BOM they uncover goes too, or the text
    // would not be canonical (normalising it again would drop it).
    let canonical = trimmed.trim_start_matches(['\n', '\u{feff}']).to_string();
    if canonical.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let chars = canonical.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(IngestError::TextTooLong { chars });
    }
    Ok(canonical)
}

/// How far into pasted HTML a `<body>` tag is looked for.
const PAGE_HEAD_CHARS: usize = 4096;

/// Whether HTML is a whole page (a document, or one with a `<body>`), the
/// input article extraction is for.
fn is_page(raw: &str) -> bool {
    let head: String = raw.chars().take(PAGE_HEAD_CHARS).collect();
    crate::text::html::is_html_page(raw) || head.to_ascii_lowercase().contains("<body")
}

/// A page's article and its metadata, the whole page kept as the other
/// reading (when extraction found no article, the page is shown whole).
fn read_page(raw: &str, html: &dyn HtmlReader) -> (String, Option<PageMeta>) {
    let page = html.read_page(raw);
    let x = page.extraction;
    let alternate = if x.found { canonical_text(&page.whole.text).ok() } else { None };
    let reading = if x.found { Reading::Article } else { Reading::Whole };
    let meta = PageMeta { meta: x.meta, reading, found: x.found, left_out: x.left_out, alternate };
    (page.article.text, Some(meta))
}

/// A live page's article (the widget's host page, the extension's tab):
/// found by the extraction stage, read with the map from each character
/// back to the tree's text nodes, and the document it makes. The text is
/// the page's as shown (no size limit is applied: the page is already open
/// in the reader's browser).
pub fn read_live_article<N: HtmlNode + Clone>(root: N) -> (Document, Mapped<N>) {
    let x = extract(&root);
    let map = reduce_mapped_planned(root, &x.plan);
    let title = map.reduced.title.clone();
    let reading = if x.found { Reading::Article } else { Reading::Whole };
    let meta = PageMeta { meta: x.meta, reading, found: x.found, left_out: x.left_out, alternate: None };
    (Document::new(map.text().to_string(), title.as_deref()).with_page(Some(meta)), map)
}

/// Builds a document from a file's name, MIME type and bytes.
pub fn ingest_file(name: &str, mime: Option<&str>, bytes: &[u8], html: &dyn HtmlReader) -> Result<Document, IngestError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(IngestError::FileTooLarge { bytes: bytes.len() });
    }
    let text = decode_bytes(bytes)?;
    let format = detect_format(Some(name), mime, &text);
    ingest_text(&text, format, Some(name), html)
}

/// `"my-story_final.txt"` -> `"my story final"`.
fn title_from_file_name(name: &str) -> String {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    stem.replace(['-', '_'], " ").trim().to_string()
}

#[cfg(test)]
#[path = "ingest_tests.rs"]
mod tests;
