//! The app's [`HtmlReader`]: the browser's own `DOMParser`, which follows
//! the WHATWG parsing algorithm exactly as the browser does for pages, costs
//! no download size, and builds an *inert* document — scripts in it never
//! run and nothing it names is fetched. The reduction rules are the core's
//! (`text::html::reduce`), checked against html5ever on the same case table
//! (`tests/browser.rs`).

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Node, SupportedType};

use crate::text::html::{reduce, HtmlNode, HtmlReader, NodeView, Reduced};

/// Reads HTML with `DOMParser`.
#[derive(Copy, Clone, Debug, Default)]
pub struct BrowserHtml;

impl HtmlReader for BrowserHtml {
    fn read(&self, html: &str) -> Reduced {
        let parsed = DomParser::new().and_then(|p| p.parse_from_string(html, SupportedType::TextHtml));
        match parsed {
            Ok(doc) => reduce(Dom(doc.unchecked_into::<Node>())),
            // DOMParser is in every browser the app runs in; should it be
            // missing, the markup is shown as text rather than lost.
            Err(_) => Reduced { title: None, text: html.to_string() },
        }
    }
}

/// A DOM node seen through the core's [`HtmlNode`] view.
struct Dom(Node);

impl HtmlNode for Dom {
    fn view(&self) -> NodeView {
        match self.0.node_type() {
            Node::ELEMENT_NODE => match self.0.dyn_ref::<web_sys::Element>() {
                Some(el) => NodeView::Element(el.local_name().to_ascii_lowercase()),
                None => NodeView::Other,
            },
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => NodeView::Text(self.0.node_value().unwrap_or_default()),
            _ => NodeView::Other,
        }
    }

    fn children(&self) -> Vec<Dom> {
        let list = self.0.child_nodes();
        (0..list.length()).filter_map(|i| list.item(i)).map(Dom).collect()
    }
}
