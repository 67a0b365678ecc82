//! A page's tree as a message: what the browser extension's content script
//! sends to the extension's own frame (issue 21), where the wasm runs under
//! the extension's policy and the page's cannot block it.
//!
//! The content script walks the live document once (`extension/snapshot.js`)
//! and sends its nodes in document order — elements with the attributes
//! extraction reads ([`KEPT_ATTRS`]), text with its data, a hidden element
//! as an empty element marked `hidden` — and keeps the page's text nodes in
//! the same order. Here the message is read back into a tree that
//! implements [`HtmlNode`], so article extraction and the mapped reduction
//! run on it unchanged, and every character of the article maps to a text
//! node by its ordinal ([`SnapNode::text_ordinal`]), which the content
//! script paints.
//!
//! The message comes from a page: it is read as untrusted input, with a
//! version, size limits and an error that says what was wrong
//! ([`SnapshotError`], fuzz target `snapshot`).
//!
//! ```text
//! {"v": 1, "nodes": [[1, "html", {"lang": "en"}, 2], [1, "head", 0, 0], [1, "body", 0, 1], [3, "Hello"]]}
//! ```
//! An element is `[1, name, attributes or 0, number of children]`, a text
//! node `[3, data]`; children follow their parent, depth first. A page the
//! content script finds over the limits while it reads is not sent:
//! `{"v": 1, "nodes": [], "tooLarge": "…what it found"}` says so instead,
//! so neither side spends seconds on a page that would be refused.

use std::fmt;
use std::rc::Rc;

use serde_json::Value;

use super::{HtmlNode, NodeView};

/// The snapshot format this build reads.
pub const SNAPSHOT_VERSION: u64 = 1;
/// The most nodes a snapshot may hold: a very long page has ~100,000.
pub const MAX_NODES: usize = 500_000;
/// The most text (bytes) a snapshot may hold: 5 MiB, the limit the app puts
/// on a saved page's file (`ingest::MAX_FILE_BYTES`).
pub const MAX_TEXT_BYTES: usize = 5 * 1024 * 1024;
/// The attributes a content script keeps: what extraction and the
/// reduction read, nothing else of the page.
pub const KEPT_ATTRS: &[&str] = &["class", "id", "role", "hidden", "aria-hidden", "style", "href", "rel", "itemprop", "property", "name", "content", "type", "lang"];

/// What was wrong with a snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not JSON, or not the shape above.
    Malformed,
    /// A version this build does not read.
    Version,
    /// Over [`MAX_NODES`] or [`MAX_TEXT_BYTES`].
    TooLarge,
}

/// Why a snapshot could not be read, with what a reader can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotError {
    kind: ErrorKind,
    detail: String,
}

impl SnapshotError {
    fn new(kind: ErrorKind, detail: impl Into<String>) -> SnapshotError {
        SnapshotError { kind, detail: detail.into() }
    }

    /// The kind of problem.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ErrorKind::Malformed => write!(f, "Marginalia could not read this page ({}). Reload the page and turn Marginalia on again.", self.detail),
            ErrorKind::Version => write!(f, "This page was read by another version of Marginalia ({}). Reload the page so both parts are the same version.", self.detail),
            ErrorKind::TooLarge => write!(f, "This page is too large to annotate here ({}). Open the article's own page, or save it and open the file in the app.", self.detail),
        }
    }
}

impl std::error::Error for SnapshotError {}

/// One node of a read snapshot.
#[derive(Debug)]
enum Data {
    Root,
    Element { name: String, attrs: Vec<(String, String)> },
    Text(String),
}

#[derive(Debug)]
struct Entry {
    data: Data,
    children: Vec<u32>,
    /// For text nodes: their ordinal among the snapshot's text nodes.
    text_ordinal: u32,
}

/// A read snapshot: a tree with an implicit document node at its root.
#[derive(Debug)]
pub struct Snapshot {
    entries: Vec<Entry>,
}

impl Snapshot {
    /// Reads a snapshot message.
    pub fn parse(json: &str) -> Result<Rc<Snapshot>, SnapshotError> {
        if json.len() > MAX_TEXT_BYTES * 2 {
            return Err(SnapshotError::new(ErrorKind::TooLarge, format!("{} bytes", json.len())));
        }
        let v: Value = serde_json::from_str(json).map_err(|e| SnapshotError::new(ErrorKind::Malformed, e.to_string()))?;
        let version = v.get("v").and_then(Value::as_u64).ok_or_else(|| SnapshotError::new(ErrorKind::Malformed, "no version"))?;
        if version != SNAPSHOT_VERSION {
            return Err(SnapshotError::new(ErrorKind::Version, format!("format {version}; this one reads {SNAPSHOT_VERSION}")));
        }
        if let Some(found) = v.get("tooLarge").and_then(Value::as_str) {
            return Err(SnapshotError::new(ErrorKind::TooLarge, found.chars().take(200).collect::<String>()));
        }
        let nodes = v.get("nodes").and_then(Value::as_array).ok_or_else(|| SnapshotError::new(ErrorKind::Malformed, "no nodes"))?;
        if nodes.len() > MAX_NODES {
            return Err(SnapshotError::new(ErrorKind::TooLarge, format!("{} nodes; the limit is {MAX_NODES}", nodes.len())));
        }
        build(nodes).map(Rc::new)
    }

    /// The document node.
    pub fn root(self: &Rc<Self>) -> SnapNode {
        SnapNode { snap: Rc::clone(self), i: 0 }
    }
}

/// Builds the tree from the node list, checking each entry.
fn build(nodes: &[Value]) -> Result<Snapshot, SnapshotError> {
    let bad = |i: usize, what: &str| SnapshotError::new(ErrorKind::Malformed, format!("node {i}: {what}"));
    let mut entries = vec![Entry { data: Data::Root, children: Vec::new(), text_ordinal: 0 }];
    // (entry, children still to come); the root takes any number.
    let mut open: Vec<(u32, usize)> = vec![(0, usize::MAX)];
    let (mut text_bytes, mut texts) = (0usize, 0u32);
    for (i, node) in nodes.iter().enumerate() {
        let parts = node.as_array().ok_or_else(|| bad(i, "not a list"))?;
        let (data, kids) = match (parts.first().and_then(Value::as_u64), parts.len()) {
            (Some(1), 4) => {
                let name = parts[1].as_str().filter(|n| !n.is_empty() && n.len() <= 64).ok_or_else(|| bad(i, "element name"))?;
                let attrs = read_attrs(&parts[2]).ok_or_else(|| bad(i, "attributes"))?;
                let kids = parts[3].as_u64().ok_or_else(|| bad(i, "child count"))? as usize;
                text_bytes += attrs.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>();
                (Data::Element { name: name.to_ascii_lowercase(), attrs }, kids)
            }
            (Some(3), 2) => {
                let data = parts[1].as_str().ok_or_else(|| bad(i, "text"))?;
                text_bytes += data.len();
                (Data::Text(data.to_string()), 0)
            }
            _ => return Err(bad(i, "neither [1, name, attributes, children] nor [3, text]")),
        };
        if text_bytes > MAX_TEXT_BYTES {
            return Err(SnapshotError::new(ErrorKind::TooLarge, format!("over {} of text", crate::text::numbers::human_bytes(MAX_TEXT_BYTES))));
        }
        let is_text = matches!(data, Data::Text(_));
        let id = entries.len() as u32;
        let parent = open.last().map(|o| o.0).ok_or_else(|| bad(i, "more nodes than the counts say"))?;
        entries[parent as usize].children.push(id);
        entries.push(Entry { data, children: Vec::new(), text_ordinal: if is_text { texts } else { 0 } });
        texts += u32::from(is_text);
        if let Some(last) = open.last_mut() {
            last.1 = last.1.saturating_sub(1);
        }
        while open.last().is_some_and(|o| o.1 == 0) {
            open.pop();
        }
        if kids > 0 {
            open.push((id, kids));
        }
    }
    if open.len() > 1 {
        return Err(SnapshotError::new(ErrorKind::Malformed, "the list ends inside an element"));
    }
    Ok(Snapshot { entries })
}

/// `{name: value}` with string values (or `0` for none), names lower case.
fn read_attrs(v: &Value) -> Option<Vec<(String, String)>> {
    match v {
        Value::Number(n) if n.as_u64() == Some(0) => Some(Vec::new()),
        Value::Object(map) => map.iter().map(|(k, v)| Some((k.to_ascii_lowercase(), v.as_str()?.to_string()))).collect(),
        _ => None,
    }
}

/// A node of a [`Snapshot`].
#[derive(Clone, Debug)]
pub struct SnapNode {
    snap: Rc<Snapshot>,
    i: u32,
}

impl SnapNode {
    fn entry(&self) -> &Entry {
        &self.snap.entries[self.i as usize]
    }

    /// For a text node: its ordinal among the snapshot's text nodes (the
    /// index into the content script's list of the page's text nodes).
    pub fn text_ordinal(&self) -> Option<u32> {
        matches!(self.entry().data, Data::Text(_)).then(|| self.entry().text_ordinal)
    }
}

impl HtmlNode for SnapNode {
    fn view(&self) -> NodeView {
        match &self.entry().data {
            Data::Root => NodeView::Other,
            Data::Element { name, .. } => NodeView::Element(name.clone()),
            Data::Text(t) => NodeView::Text(t.clone()),
        }
    }

    fn children(&self) -> Vec<SnapNode> {
        self.entry().children.iter().map(|&i| SnapNode { snap: Rc::clone(&self.snap), i }).collect()
    }

    fn attr(&self, name: &str) -> Option<String> {
        match &self.entry().data {
            Data::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    fn has_attrs(&self) -> bool {
        matches!(&self.entry().data, Data::Element { attrs, .. } if !attrs.is_empty())
    }
}

/// The snapshot message of any parsed tree, as the content script would
/// write it for that document (natively: for tests, and for `marginalia
/// extract --snapshot` to read a page the way the extension does).
pub fn of_tree<N: HtmlNode>(root: &N) -> String {
    let mut nodes: Vec<Value> = Vec::new();
    let mut stack: Vec<N> = root.children().into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        match n.view() {
            NodeView::Element(name) => {
                let kids: Vec<N> = n.children().into_iter().filter(|k| !matches!(k.view(), NodeView::Other)).collect();
                let attrs: serde_json::Map<String, Value> = KEPT_ATTRS.iter().filter_map(|a| n.attr(a).map(|v| (a.to_string(), Value::from(v)))).collect();
                let attrs = if attrs.is_empty() { Value::from(0) } else { Value::Object(attrs) };
                nodes.push(serde_json::json!([1, name, attrs, kids.len()]));
                stack.extend(kids.into_iter().rev());
            }
            NodeView::Text(t) => nodes.push(serde_json::json!([3, t])),
            NodeView::Other => stack.extend(n.children().into_iter().rev()),
        }
    }
    serde_json::json!({ "v": SNAPSHOT_VERSION, "nodes": nodes }).to_string()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::text::html::html5::{parse, read_page};
    use crate::text::html::read_page_tree;

    #[test]
    fn reads_the_documented_example() {
        let s = Snapshot::parse(r#"{"v": 1, "nodes": [[1, "html", {"lang": "en"}, 2], [1, "head", 0, 0], [1, "body", 0, 1], [3, "Hello"]]}"#).expect("valid");
        let root = s.root();
        let html = &root.children()[0];
        assert_eq!(html.attr("lang").as_deref(), Some("en"));
        let body = &html.children()[1];
        assert_eq!(body.children()[0].text_ordinal(), Some(0));
        assert_eq!(crate::text::html::reduce(root).text, "Hello");
    }

    #[test]
    fn untrusted_messages_get_errors_not_panics() {
        let cases: &[(&str, ErrorKind)] = &[
            ("not json", ErrorKind::Malformed),
            (r#"{"v": 2, "nodes": []}"#, ErrorKind::Version),
            (r#"{"nodes": []}"#, ErrorKind::Malformed),
            (r#"{"v": 1, "nodes": [[1, "p", 0, 2], [3, "a"]]}"#, ErrorKind::Malformed),
            (r#"{"v": 1, "nodes": [[2, "x"]]}"#, ErrorKind::Malformed),
            (r#"{"v": 1, "nodes": [[1, "p", {"class": 5}, 0]]}"#, ErrorKind::Malformed),
            (r#"{"v": 1, "nodes": [[1, "", 0, 0]]}"#, ErrorKind::Malformed),
            (r#"{"v": 1, "nodes": [], "tooLarge": "over 500000 nodes"}"#, ErrorKind::TooLarge),
        ];
        for (json, kind) in cases {
            let e = Snapshot::parse(json).expect_err(json);
            assert_eq!(e.kind(), *kind, "{json}: {e}");
            assert!(e.to_string().len() > 20);
        }
    }

    #[test]
    fn a_page_read_from_its_snapshot_is_the_page() {
        let story: String = (1..=5).map(|k| format!("<p class=x>Paragraph {k}, with words, commas and more words, long enough to be prose in a story.</p>")).collect();
        let page = format!("<!doctype html><html lang=en><head><title>T | S</title><meta property='og:site_name' content='S'></head><body><nav><a href=/>Home</a></nav><article>{story}<p hidden>no</p></article><footer>c</footer></body></html>");
        let dom = parse(&page);
        let snap = Snapshot::parse(&of_tree(&dom.document)).expect("own snapshot reads");
        let (got, want) = (read_page_tree(snap.root()), read_page(&page));
        // The same readings; node numbers differ (a snapshot has no doctype).
        assert_eq!((got.article, got.whole, got.extraction.meta), (want.article, want.whole, want.extraction.meta));
    }
}
