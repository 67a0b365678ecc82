//! The native [`HtmlReader`]: Servo's `html5ever`, a WHATWG-conformant
//! parser, builds a reference-counted tree (`markup5ever_rcdom`) that the
//! reduction walks. Not compiled for the browser, where `DOMParser` does the
//! same job at no download cost (`platform::html`).

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{read_page_tree, reduce, HtmlNode, HtmlReader, NodeView, Page, Reduced};

/// Reads HTML with html5ever.
#[derive(Copy, Clone, Debug, Default)]
pub struct Html5ever;

impl HtmlReader for Html5ever {
    fn read(&self, html: &str) -> Reduced {
        reduce(parse(html).document.clone())
    }

    fn read_page(&self, html: &str) -> Page {
        read_page_tree(parse(html).document.clone())
    }
}

/// Parses a document. Scripting is disabled, as in the inert document
/// DOMParser builds, so both parsers build the same tree (`<noscript>`
/// holds markup). The tree lives as long as the returned `RcDom`.
pub fn parse(html: &str) -> RcDom {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    parse_document(RcDom::default(), opts).one(html)
}

/// Parses `html` with [`Html5ever`] and finds its article.
pub fn read_page(html: &str) -> Page {
    Html5ever.read_page(html)
}

/// Parses `html` with [`Html5ever`] and reduces it.
pub fn html_to_text(html: &str) -> Reduced {
    Html5ever.read(html)
}

impl HtmlNode for Handle {
    fn view(&self) -> NodeView {
        match &self.data {
            NodeData::Element { name, .. } => NodeView::Element(name.local.to_string()),
            NodeData::Text { contents } => NodeView::Text(contents.borrow().to_string()),
            _ => NodeView::Other,
        }
    }

    fn children(&self) -> Vec<Handle> {
        self.children.borrow().clone()
    }

    fn has_attrs(&self) -> bool {
        matches!(&self.data, NodeData::Element { attrs, .. } if !attrs.borrow().is_empty())
    }

    fn attr(&self, name: &str) -> Option<String> {
        match &self.data {
            NodeData::Element { attrs, .. } => {
                attrs.borrow().iter().find(|a| a.name.ns.is_empty() && &*a.name.local == name).map(|a| a.value.to_string())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_case_table() {
        for (name, input, want) in super::super::cases::CASES {
            assert_eq!(html_to_text(input).text, *want, "case {name}: {input}");
        }
    }

    #[test]
    fn title_from_h1_or_title() {
        let r = html_to_text("<html><head><title>Site | Story</title><meta http-equiv=refresh content=0></head><body><h1>Story</h1><p>Body.</p></body></html>");
        assert_eq!(r.title.as_deref(), Some("Story"));
        assert_eq!(r.text, "Story\nBody.");
        let r = html_to_text("<title>Only title</title><p>Body.</p>");
        assert_eq!(r.title.as_deref(), Some("Only title"));
        assert_eq!(r.text, "Only title\nBody.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // The walk keeps its own stack; the tree builder itself is fine at
        // this depth (deeper is slow to build, not unsafe).
        let html = "<div>".repeat(5_000) + "deep";
        assert_eq!(html_to_text(&html).text, "deep");
    }
}
