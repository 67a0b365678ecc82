//! The app's [`HtmlReader`]: the browser's own `DOMParser`, which follows
//! the WHATWG parsing algorithm exactly as the browser does for pages, costs
//! no download size, and builds an *inert* document — scripts in it never
//! run and nothing it names is fetched. The reduction rules are the core's
//! (`text::html::reduce`), checked against html5ever on the same case table
//! (`tests/browser.rs`).

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Node, SupportedType};

use crate::text::html::article::{Extraction, Meta, Plan};
use crate::text::html::{read_page_tree, reduce, HtmlNode, HtmlReader, NodeView, Page, Reduced};

/// Reads HTML with `DOMParser`.
#[derive(Copy, Clone, Debug, Default)]
pub struct BrowserHtml;

impl HtmlReader for BrowserHtml {
    fn read(&self, html: &str) -> Reduced {
        match parse(html) {
            Some(doc) => reduce(doc),
            // DOMParser is in every browser the app runs in; should it be
            // missing, the markup is shown as text rather than lost.
            None => Reduced { title: None, text: html.to_string() },
        }
    }

    fn read_page(&self, html: &str) -> Page {
        match parse(html) {
            Some(doc) => read_page_tree(doc),
            None => {
                let whole = Reduced { title: None, text: html.to_string() };
                let extraction = Extraction { plan: Plan::whole(), meta: Meta::default(), found: false, left_out: 0 };
                Page { article: whole.clone(), whole, extraction }
            }
        }
    }
}

/// The inert document `DOMParser` makes of `html`.
fn parse(html: &str) -> Option<Dom> {
    let parsed = DomParser::new().and_then(|p| p.parse_from_string(html, SupportedType::TextHtml));
    parsed.ok().map(|doc| Dom(doc.unchecked_into::<Node>()))
}

/// A DOM node seen through the core's [`HtmlNode`] view.
#[derive(Clone)]
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

    fn has_attrs(&self) -> bool {
        self.0.dyn_ref::<web_sys::Element>().is_some_and(web_sys::Element::has_attributes)
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.dyn_ref::<web_sys::Element>().and_then(|el| el.get_attribute(name))
    }
}
