//! A host page's article, read in place (the embedded widget, issue 12).
//!
//! The widget never changes the host's article. It reads the element's
//! rendered text with the core's HTML reduction (so the text is exactly
//! what the app makes of that markup: block elements as paragraph breaks,
//! scripts, styles and hidden content skipped) and keeps the core's map
//! from each character back to a text node and UTF-16 offset
//! ([`crate::text::html::mapped`]). With it, a DOM selection becomes a
//! [`CharRange`] and a [`CharRange`] becomes a DOM `Range` for painting.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, Range};

use crate::model::Document;
use crate::store::Rect;
use crate::ingest::read_live_article;
use crate::text::html::mapped::{reduce_mapped, Mapped, Origin, Side};
use crate::text::html::{HtmlNode, NodeView};
use crate::text::CharRange;

/// A node of the live host page as the reduction sees it.
#[derive(Clone)]
pub struct HostNode(pub Node);

/// True when `el` shows nothing: `hidden`, or laid out as `display: none`
/// (which also covers the `hidden` attribute's default style).
fn is_hidden(el: &Element) -> bool {
    if el.has_attribute("hidden") {
        return true;
    }
    gloo::utils::window()
        .get_computed_style(el)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("display").ok())
        .is_some_and(|d| d == "none")
}

impl HtmlNode for HostNode {
    fn view(&self) -> NodeView {
        match self.0.node_type() {
            Node::ELEMENT_NODE => match self.0.dyn_ref::<Element>() {
                // A hidden element is read as nothing (and has no children).
                Some(el) if is_hidden(el) => NodeView::Other,
                Some(el) => NodeView::Element(el.local_name().to_ascii_lowercase()),
                None => NodeView::Other,
            },
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => NodeView::Text(self.0.node_value().unwrap_or_default()),
            _ => NodeView::Other,
        }
    }

    fn children(&self) -> Vec<HostNode> {
        if self.0.dyn_ref::<Element>().is_some_and(is_hidden) {
            return Vec::new();
        }
        let list = self.0.child_nodes();
        (0..list.length()).filter_map(|i| list.item(i)).map(HostNode).collect()
    }

    fn has_attrs(&self) -> bool {
        self.0.dyn_ref::<Element>().is_some_and(Element::has_attributes)
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.dyn_ref::<Element>().and_then(|el| el.get_attribute(name))
    }
}

/// The host article: its text as a [`Document`] and the map back to it.
pub struct HostText {
    /// The article as a document (canonical text, hash, title).
    pub document: Document,
    map: Mapped<HostNode>,
}

impl HostText {
    /// Reads `article` (nothing in it is changed).
    pub fn read(article: &Element) -> HostText {
        let map = reduce_mapped(HostNode(article.clone().unchecked_into()));
        let title = map.reduced.title.clone();
        let document = Document::new(map.text().to_string(), title.as_deref());
        HostText { document, map }
    }

    /// Finds the article inside `page` (the host's body, say) with the
    /// core's extraction (`text::html::article`) and reads only it, mapped
    /// to the host's text nodes like [`HostText::read`]; the document keeps
    /// what the page said about the article. Nothing on the page changes.
    pub fn find(page: &Element) -> HostText {
        let (document, map) = read_live_article(HostNode(page.clone().unchecked_into()));
        HostText { document, map }
    }

    /// A DOM range over the characters of `range` that stand on the page
    /// (a range across paragraphs spans what lies between, as a selection
    /// does). `None` when none of them does.
    pub fn dom_range(&self, range: CharRange) -> Option<Range> {
        let (start, end) = self.map.tree_span(range)?;
        let r = gloo::utils::document().create_range().ok()?;
        r.set_start(&self.node(start)?.0, start.utf16).ok()?;
        r.set_end(&self.node(end)?.0, end.utf16).ok()?;
        Some(r)
    }

    fn node(&self, o: Origin) -> Option<&HostNode> {
        self.map.nodes.get(o.node as usize)
    }

    /// The text range a DOM range covers, when it covers some of the
    /// article's text.
    pub fn char_range(&self, r: &Range) -> Option<CharRange> {
        let start = self.point(&r.start_container().ok()?, r.start_offset().ok()?, Side::After)?;
        let end = self.point(&r.end_container().ok()?, r.end_offset().ok()?, Side::Before)?;
        (start < end).then(|| self.document.indexed.snap_to_graphemes(CharRange::new(start, end)))
    }

    /// The character on `side` of the boundary point (`container`, `offset`).
    /// A point in one of the article's text nodes maps directly; any other
    /// (an element boundary, a node the reduction skipped) is placed by
    /// finding the first of the article's text nodes after it in document
    /// order, by binary search with `Range::comparePoint`.
    fn point(&self, container: &Node, offset: u32, side: Side) -> Option<usize> {
        let nodes = &self.map.nodes;
        if container.node_type() == Node::TEXT_NODE {
            if let Some(k) = nodes.iter().position(|n| n.0.is_same_node(Some(container))) {
                return self.map.char_at(Origin { node: k as u32, utf16: offset }, side);
            }
        }
        let probe = gloo::utils::document().create_range().ok()?;
        probe.set_start(container, offset).ok()?;
        // Nodes before the point compare as -1; the first at or after it is k.
        let k = nodes.partition_point(|n| probe.compare_point(&n.0, 0).map(|c| c < 0).unwrap_or(false));
        self.map.char_at(Origin { node: k as u32, utf16: 0 }, side)
    }
}

/// The article's part of the current selection, with its rectangle in
/// viewport coordinates.
pub fn host_selection(article: &Element, host: &HostText) -> Option<(CharRange, Rect)> {
    let sel = gloo::utils::window().get_selection().ok().flatten()?;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    if !range.intersects_node(article).unwrap_or(false) {
        return None;
    }
    let chars = host.char_range(&range)?;
    let b = range.get_bounding_client_rect();
    Some((chars, Rect { left: b.left(), top: b.top(), width: b.width(), height: b.height() }))
}
