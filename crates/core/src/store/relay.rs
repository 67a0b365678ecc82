//! The browser extension's page protocol (issue 21): what the small
//! content script on a reader's page and the extension's own frame (where
//! the wasm runs) say to each other, and the article's text as the frame
//! reads it from the page's snapshot.
//!
//! The content script reads the page once ([`crate::text::html::snapshot`])
//! and keeps the page's text nodes in walk order; the frame finds the
//! article in that snapshot and maps each of its characters to a
//! [`PagePoint`] — a text node's ordinal and a UTF-16 offset in it, the
//! unit a DOM `Range` takes. So the content script can paint a
//! [`PageRange`] and report the reader's selection as one without either
//! side knowing the other's data structures.
//!
//! Every message is JSON with a version, `{"v": 1, "type": …}`. Two more
//! never reach this module: the content script's first message, `open`
//! (the page's address and its snapshot), which `extension/frame.js`
//! reads to mount the widget, and the frame's `fold` (the panel folded to
//! a tab, and the tab's size), which `frame.js` sends itself. The frame
//! reads what the page sends as untrusted input ([`RelayError`]): it came
//! through the extension's own port (a page script has no way to open one),
//! but the page's DOM it describes is the site's.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::paint::Layer;
use super::Rect;
use crate::ingest::read_live_article;
use crate::model::Document;
use crate::text::html::mapped::{Mapped, Origin, Side};
use crate::text::html::snapshot::{SnapNode, Snapshot, SnapshotError};
use crate::text::CharRange;

/// The protocol version both parts speak (a content script and a frame of
/// different versions refuse each other's messages).
pub const RELAY_VERSION: u64 = 1;

/// A place in the page: text node `t` (its ordinal in the snapshot) at
/// UTF-16 offset `u`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PagePoint {
    /// The text node's ordinal.
    pub t: u32,
    /// The offset in UTF-16 units.
    pub u: u32,
}

/// A stretch of the page between two points (a DOM `Range`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRange {
    /// Where it starts.
    pub start: PagePoint,
    /// Where it ends (exclusive).
    pub end: PagePoint,
}

/// A rectangle on the page, in viewport CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageRect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl From<PageRect> for Rect {
    fn from(r: PageRect) -> Rect {
        Rect { left: r.left, top: r.top, width: r.width, height: r.height }
    }
}

/// What the content script tells the frame (after the snapshot itself,
/// which opens the conversation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum FromPage {
    /// The reader's selection changed: where it is, or none.
    Selection {
        /// The selected stretch, when something is selected.
        range: Option<PageRange>,
        /// Where it is on screen.
        rect: Option<PageRect>,
    },
    /// The reader pressed the page's Annotate control (or its key) with
    /// this selection: it travels with the request, so an Annotate sent
    /// before the selection's own report arrived still annotates it.
    Annotate {
        /// The selected stretch, when something is selected.
        #[serde(default)]
        range: Option<PageRange>,
    },
}

/// One painted layer: its highlight name, paint order and ranges.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaintLayer {
    /// The highlight's full name (what the `::highlight()` rules name).
    pub name: String,
    /// Paint order: higher paints over lower.
    pub priority: i32,
    /// The ranges.
    pub ranges: Vec<PageRange>,
}

/// What the frame tells the content script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ToPage {
    /// Paint these layers (replacing every layer painted before) with
    /// these `::highlight()` rules.
    Paint {
        /// The style sheet.
        css: String,
        /// The layers.
        layers: Vec<PaintLayer>,
    },
    /// Scroll this place into view.
    Reveal {
        /// Where.
        at: PagePoint,
    },
    /// The article stands between these text nodes (ordinals, inclusive):
    /// a change there means the page must be read again, a change
    /// elsewhere (an ad, a clock) does not.
    Article {
        /// Its first text node.
        first: u32,
        /// Its last text node.
        last: u32,
    },
}

/// What was wrong with a message from the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not JSON, or not a message this protocol has.
    Malformed,
    /// Another protocol version.
    Version,
}

/// Why a message from the page was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayError {
    kind: ErrorKind,
    detail: String,
}

impl RelayError {
    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for RelayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Malformed => write!(f, "Marginalia got a message it does not understand from this page ({}).", self.detail),
            ErrorKind::Version => write!(f, "This tab still runs another version of Marginalia ({}). Reload the page.", self.detail),
        }
    }
}

impl std::error::Error for RelayError {}

/// Reads a message from the page.
pub fn parse_from_page(json: &str) -> Result<FromPage, RelayError> {
    let mut v: serde_json::Value = serde_json::from_str(json).map_err(|e| RelayError { kind: ErrorKind::Malformed, detail: e.to_string() })?;
    let version = v.get("v").and_then(serde_json::Value::as_u64);
    if version != Some(RELAY_VERSION) {
        let detail = version.map_or("no version".to_string(), |n| format!("version {n}; this one speaks {RELAY_VERSION}"));
        return Err(RelayError { kind: ErrorKind::Version, detail });
    }
    if let Some(obj) = v.as_object_mut() {
        obj.remove("v");
    }
    serde_json::from_value(v).map_err(|e| RelayError { kind: ErrorKind::Malformed, detail: e.to_string() })
}

/// A message for the page, versioned.
pub fn encode_to_page(message: &ToPage) -> String {
    let mut v = serde_json::to_value(message).unwrap_or_default();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("v".into(), RELAY_VERSION.into());
    }
    v.to_string()
}

/// The article on a page read from its snapshot: the document, and the
/// map between its characters and the page's text nodes.
pub struct LiveText {
    /// The article as a document (with what the page says about it).
    pub document: Document,
    map: Mapped<SnapNode>,
    /// The snapshot ordinal of each of the map's text nodes (ascending:
    /// both are in document order).
    ordinals: Vec<u32>,
    /// The map's node index by snapshot ordinal.
    by_ordinal: HashMap<u32, u32>,
}

impl LiveText {
    /// Reads the snapshot message and finds its article.
    pub fn read(snapshot: &str) -> Result<LiveText, SnapshotError> {
        let snap = Snapshot::parse(snapshot)?;
        let (document, map) = read_live_article(snap.root());
        let ordinals: Vec<u32> = map.nodes.iter().map(|n| n.text_ordinal().unwrap_or(u32::MAX)).collect();
        let by_ordinal = ordinals.iter().enumerate().map(|(k, &t)| (t, k as u32)).collect();
        Ok(LiveText { document, map, ordinals, by_ordinal })
    }

    /// The page range of the characters of `range` that stand on the page.
    pub fn page_range(&self, range: CharRange) -> Option<PageRange> {
        let (start, end) = self.map.tree_span(range)?;
        Some(PageRange { start: self.page_point(start)?, end: self.page_point(end)? })
    }

    fn page_point(&self, o: Origin) -> Option<PagePoint> {
        Some(PagePoint { t: *self.ordinals.get(o.node as usize)?, u: o.utf16 })
    }

    /// The article's characters a page range covers (snapped to whole
    /// graphemes), when it covers any.
    pub fn char_range(&self, range: PageRange) -> Option<CharRange> {
        let start = self.map.char_at(self.origin(range.start), Side::After)?;
        let end = self.map.char_at(self.origin(range.end), Side::Before)?;
        (start < end).then(|| self.document.indexed.snap_to_graphemes(CharRange::new(start, end)))
    }

    /// The map's point for a page point: a point in one of the article's
    /// text nodes maps directly; one in any other text node stands at the
    /// start of the first article text node after it.
    fn origin(&self, p: PagePoint) -> Origin {
        match self.by_ordinal.get(&p.t) {
            Some(&node) => Origin { node, utf16: p.u },
            None => Origin { node: self.ordinals.partition_point(|&t| t < p.t) as u32, utf16: 0 },
        }
    }

    /// Where the article is on the page, when it has any text there.
    pub fn article_message(&self) -> Option<ToPage> {
        let (&first, &last) = (self.ordinals.first()?, self.ordinals.iter().rfind(|&&t| t != u32::MAX)?);
        (first != u32::MAX).then_some(ToPage::Article { first, last })
    }

    /// The paint message for `layers`, highlight names made by `full_name`.
    pub fn paint_message(&self, layers: &[Layer], full_name: impl Fn(&str) -> String) -> ToPage {
        let css = super::paint::style_sheet(layers, &full_name);
        let layers = layers
            .iter()
            .map(|l| PaintLayer { name: full_name(&l.name), priority: l.priority, ranges: l.ranges.iter().filter_map(|r| self.page_range(*r)).collect() })
            .collect();
        ToPage::Paint { css, layers }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::text::html::html5::parse;
    use crate::text::html::snapshot::of_tree;

    fn page() -> String {
        let story: String = (1..=5).map(|k| format!("<p>Paragraph {k} of the story, with <b>bold</b> words and enough of them to be prose.</p>")).collect();
        format!("<!doctype html><html><head><title>T</title></head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav><article>{story}</article><footer>Contact</footer></body></html>")
    }

    fn live() -> LiveText {
        LiveText::read(&of_tree(&parse(&page()).document)).expect("reads")
    }

    #[test]
    fn page_ranges_and_char_ranges_are_inverse() {
        let t = live();
        let text = t.document.text().to_string();
        assert!(text.contains("Paragraph 1"), "{text}");
        assert!(!text.contains("Home"), "the menu is left out: {text}");
        let Some(ToPage::Article { first, last }) = t.article_message() else { panic!("the article is on the page") };
        assert!(first < last);
        for word in ["bold", "Paragraph 3 of", "prose."] {
            let start = text.find(word).expect("present");
            let r = CharRange::new(text[..start].chars().count(), text[..start].chars().count() + word.chars().count());
            let p = t.page_range(r).expect("on the page");
            assert_eq!(t.char_range(p), Some(r), "{word}");
        }
    }

    #[test]
    fn a_selection_from_outside_the_article_starts_at_its_first_character() {
        let t = live();
        let p1 = t.document.text().find("Paragraph 1").expect("present");
        let first = t.page_range(CharRange::new(p1, p1 + 9)).expect("on the page");
        // The text node before the story's first is the menu's.
        let sel = PageRange { start: PagePoint { t: first.start.t - 1, u: 1 }, end: first.end };
        assert_eq!(t.char_range(sel), Some(CharRange::new(p1, p1 + 9)));
    }

    #[test]
    fn messages_from_the_page_are_checked() {
        let ok = r#"{"v":1,"type":"selection","range":{"start":{"t":1,"u":0},"end":{"t":1,"u":4}},"rect":null}"#;
        assert!(matches!(parse_from_page(ok), Ok(FromPage::Selection { range: Some(_), .. })));
        assert_eq!(parse_from_page(r#"{"v":1,"type":"annotate"}"#), Ok(FromPage::Annotate { range: None }));
        let with = r#"{"v":1,"type":"annotate","range":{"start":{"t":1,"u":0},"end":{"t":1,"u":4}}}"#;
        assert!(matches!(parse_from_page(with), Ok(FromPage::Annotate { range: Some(_) })));
        let cases: &[(&str, ErrorKind)] = &[
            ("nope", ErrorKind::Malformed),
            (r#"{"type":"annotate"}"#, ErrorKind::Version),
            (r#"{"v":2,"type":"annotate"}"#, ErrorKind::Version),
            (r#"{"v":1,"type":"paint","css":"","layers":[]}"#, ErrorKind::Malformed),
            (r#"{"v":1,"type":"selection","range":{"start":{"t":-1,"u":0},"end":{"t":1,"u":4}},"rect":null}"#, ErrorKind::Malformed),
        ];
        for (json, kind) in cases {
            let e = parse_from_page(json).expect_err(json);
            assert_eq!(e.kind(), *kind, "{json}");
            assert!(e.to_string().contains("Marginalia"));
        }
    }

    #[test]
    fn messages_to_the_page_carry_the_version() {
        let m = encode_to_page(&ToPage::Reveal { at: PagePoint { t: 3, u: 2 } });
        let v: serde_json::Value = serde_json::from_str(&m).expect("json");
        assert_eq!((v["v"].as_u64(), v["type"].as_str(), v["at"]["t"].as_u64()), (Some(1), Some("reveal"), Some(3)));
    }
}
