//! Reduce an HTML page to readable article text.
//!
//! Parsing is left to implementations of the WHATWG algorithm — void
//! elements, implied end tags, raw-text elements, foster parenting and
//! character references are exactly what a hand-written scanner gets wrong
//! (issue 10, item 3: an `<embed>` swallowed the rest of a page). This
//! module owns only the *reduction rules*, written once over the
//! [`HtmlNode`] view of a parsed tree, and an [`HtmlReader`] supplies the
//! parser:
//!
//! - in the app, the browser's own `DOMParser` (`platform::html`): no
//!   download cost (html5ever in the wasm measured +173 KB gzipped) and an
//!   inert document — no script runs, nothing is fetched. Its document
//!   inherits the page's Content Security Policy, so a page's inline
//!   handlers show up as *blocked* violation reports in the console;
//! - natively (tests, the fuzz targets), Servo's `html5ever` (`html5`).
//!
//! The same case table ([`cases`]) runs against both.
//!
//! The output is plain text, so nothing from the input can ever reach the
//! page as markup (docs/reliability-checklist.md, hostile inputs). Block
//! elements become paragraph breaks, `<script>`, `<style>` and other
//! non-content elements are dropped with their content, and images become
//! `{image_N}` media placeholders so the reader still sees where a picture
//! was.

pub mod article;
pub mod cases;
#[cfg(not(target_arch = "wasm32"))]
pub mod html5;
pub mod mapped;
pub mod snapshot;

use article::Plan;
use mapped::Origin;

/// The readable content of an HTML page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reduced {
    /// `<h1>` if present, else `<title>`; whitespace collapsed.
    pub title: Option<String>,
    /// Paragraphs separated by single LF, each trimmed, none empty.
    pub text: String,
}

/// A page read both ways: its article and the whole of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The article [`article::extract`] found (the whole page when none).
    pub article: Reduced,
    /// Everything the page shows.
    pub whole: Reduced,
    /// What extraction found: metadata, whether an article, what was left out.
    pub extraction: article::Extraction,
}

/// A parser that reads HTML by the WHATWG rules and reduces it with
/// [`reduce`]. The app and the native tools each supply one.
pub trait HtmlReader {
    /// Parses `html` and reduces it to text; never fails (malformed markup
    /// is parsed as browsers parse it).
    fn read(&self, html: &str) -> Reduced;
    /// Parses `html` once, finds its article and reduces it both ways.
    fn read_page(&self, html: &str) -> Page;
}

impl Page {
    /// The article's own text: without the title line the reduction puts
    /// first (it is the headline, in the metadata) and without the
    /// `{image_N}` lines that mark in the app where media stood (they are
    /// not the page's text). What `marginalia extract` prints and the
    /// extraction score reads.
    pub fn article_body(&self) -> String {
        let text = self.article.text.as_str();
        let text = match &self.article.title {
            Some(t) if opens_with_line(text, t) => text[t.len()..].trim_start_matches('\n'),
            _ => text,
        };
        text.lines().filter(|l| !is_media_line(l)).collect::<Vec<_>>().join("\n")
    }
}

/// A line that is one of the reduction's media placeholders
/// (`{image_3}`, `{video_1}`).
pub(crate) fn is_media_line(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('{').and_then(|l| l.strip_suffix('}')) else { return false };
    inner.split_once('_').is_some_and(|(kind, n)| MEDIA.iter().any(|(_, k)| *k == kind) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// [`HtmlReader::read_page`] over a parsed tree.
pub fn read_page_tree<N: HtmlNode + Clone>(root: N) -> Page {
    let extraction = article::extract(&root);
    let article = reduce_planned(root.clone(), &extraction.plan);
    let whole = reduce(root);
    Page { article, whole, extraction }
}

/// What a node of a parsed tree is, as far as the reduction cares.
pub enum NodeView {
    /// An element, by its lower-case local name.
    Element(String),
    /// Character data.
    Text(String),
    /// Comments, doctypes, processing instructions: ignored.
    Other,
}

/// A node of a parsed HTML tree, as the reduction sees it.
pub trait HtmlNode: Sized {
    /// What the node is.
    fn view(&self) -> NodeView;
    /// Its children in document order (a `<template>`'s content is not
    /// among them).
    fn children(&self) -> Vec<Self>;
    /// The value of attribute `name` (lower case) on an element; `None`
    /// for other nodes and absent attributes. Article extraction reads
    /// class, id, role, hidden, style and the `<meta>` tags with it.
    fn attr(&self, name: &str) -> Option<String>;
    /// Whether the node is an element with any attribute at all: most
    /// elements have none, and asking first saves a browser a dozen
    /// lookups per element.
    fn has_attrs(&self) -> bool {
        true
    }
}

/// Whether the walk reads an element's children: not for the elements
/// dropped with their content, `<br>` and media. Article extraction numbers
/// nodes by the same rule ([`article::Plan`]), so the two agree on which
/// node is which.
pub fn descends(name: &str) -> bool {
    !(SKIP_CONTENT.contains(&name) || name == "br" || MEDIA.iter().any(|(m, _)| *m == name))
}

/// Elements dropped together with everything inside them. `<head>` is not
/// among them: what it holds is metadata that shows nothing, except the
/// `<title>`, which is read as the fallback title.
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "select", "button", "textarea", "nav", "form", "audio", "title",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption",
    "table", "tr", "td", "th", "caption", "hr", "address", "details", "summary", "body", "html",
];

/// Media elements that become a `{kind_N}` placeholder; their fallback
/// content (`<source>`, a nested `<img>`) would count twice and is skipped.
const MEDIA: &[(&str, &str)] = &[("img", "image"), ("picture", "image"), ("video", "video")];

/// One step of the walk: enter a node, or leave an element.
enum Step<N> {
    Enter(N),
    Leave(String),
}

/// The walk's state: the text built so far and what it is inside.
#[derive(Default)]
struct Walk {
    out: Output,
    pre_depth: usize,
    media: usize,
    title: Option<String>,
    h1: Option<String>,
    /// Text of the first `<h1>` while inside it.
    h1_capture: Option<String>,
    /// Text nodes read so far (their ordinal is what [`Origin::node`] counts).
    text_nodes: u32,
}

impl Walk {
    fn text(&mut self, t: &str) {
        let node = self.text_nodes;
        self.text_nodes += 1;
        self.out.push_text(t, self.pre_depth > 0, node);
        if let Some(c) = self.h1_capture.as_mut() {
            c.push_str(t);
        }
    }

    /// Handles an element's start; returns whether to walk its children.
    fn enter<N: HtmlNode>(&mut self, name: &str, node: &N) -> bool {
        if name == "title" && self.title.is_none() {
            self.title = Some(collapse(&text_content(node))).filter(|t| !t.is_empty());
        }
        if SKIP_CONTENT.contains(&name) {
            return false;
        }
        if name == "br" {
            self.out.paragraph_break();
            return false;
        }
        if let Some((_, kind)) = MEDIA.iter().find(|(m, _)| *m == name) {
            self.media += 1;
            self.out.paragraph_break();
            self.out.push_literal(&format!("{{{kind}_{}}}", self.media));
            self.out.paragraph_break();
            return false;
        }
        if BLOCKS.contains(&name) {
            self.out.paragraph_break();
            if name == "pre" {
                self.pre_depth += 1;
            }
            if name == "h1" && self.h1.is_none() && self.h1_capture.is_none() {
                self.h1_capture = Some(String::new());
            }
        }
        true
    }

    fn leave(&mut self, name: &str) {
        if !BLOCKS.contains(&name) {
            return;
        }
        self.out.paragraph_break();
        if name == "pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        if name == "h1" {
            if let Some(t) = self.h1_capture.take() {
                self.h1 = Some(collapse(&t)).filter(|t| !t.is_empty());
            }
        }
    }
}

/// All character data under `node`.
fn text_content<N: HtmlNode>(node: &N) -> String {
    let mut out = String::new();
    let mut stack: Vec<N> = node.children().into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        match n.view() {
            NodeView::Text(t) => out.push_str(&t),
            NodeView::Element(_) => stack.extend(n.children().into_iter().rev()),
            NodeView::Other => {}
        }
    }
    out
}

/// Reduces a parsed document (or fragment) to text. The walk keeps its own
/// stack, so a hostile page nested a million deep cannot overflow the call
/// stack.
pub fn reduce<N: HtmlNode>(root: N) -> Reduced {
    reduce_walk(root, &Plan::whole(), &mut |_| {}, false).0
}

/// Reduces only what `plan` keeps of the tree (an article found by
/// [`article::extract`] in the same tree); the title is the plan's.
pub fn reduce_planned<N: HtmlNode>(root: N, plan: &Plan) -> Reduced {
    reduce_walk(root, plan, &mut |_| {}, false).0
}

/// The reduction itself. `on_text` sees every text node read, in the order
/// [`Origin::node`] numbers them; with `track`, the origin of every output
/// character is returned too (else an empty list). Nodes are numbered in
/// the order they are entered; the subtrees `plan` leaves out are skipped
/// whole, their numbers with them.
fn reduce_walk<N: HtmlNode>(root: N, plan: &Plan, on_text: &mut dyn FnMut(&N), track: bool) -> (Reduced, Vec<Option<Origin>>) {
    let mut walk = Walk { out: Output { track, ..Output::default() }, ..Walk::default() };
    let mut stack = vec![Step::Enter(root)];
    let mut cursor = plan.cursor();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave(name) => {
                walk.leave(&name);
                continue;
            }
            Step::Enter(node) => node,
        };
        if cursor.skip_next() {
            continue;
        }
        let descend = match node.view() {
            NodeView::Text(t) => {
                on_text(&node);
                walk.text(&t);
                false
            }
            NodeView::Element(name) => {
                let descend = walk.enter(&name, &node);
                if descend {
                    stack.push(Step::Leave(name));
                }
                descend
            }
            NodeView::Other => true,
        };
        if descend {
            stack.extend(node.children().into_iter().rev().map(Step::Enter));
        }
    }
    let (mut text, mut origins) = walk.out.finish();
    let title = plan.title().map(str::to_string).or(walk.h1).or(walk.title);
    if let Some(t) = &title {
        // Make the title the first line when the body's first line is not
        // it (a first paragraph may open with the headline's words).
        if !opens_with_line(&text, t) {
            let added = t.chars().count() + usize::from(!text.is_empty());
            text = if text.is_empty() { t.clone() } else { format!("{t}\n{text}") };
            if track {
                // The added line stands nowhere in the tree: no origin.
                origins.splice(0..0, std::iter::repeat_n(None, added));
            }
        }
    }
    (Reduced { title, text }, origins)
}

/// True when `text` looks like an HTML document or fragment rather than
/// plain text that happens to contain a `<`. Used only to *suggest* the
/// HTML reading in the paste dialog, never to decide it.
pub fn looks_like_html(text: &str) -> bool {
    is_html_page(text) || {
        let head: String = text.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
        ["<body", "<p>", "<p ", "<div", "<article", "<h1", "<head", "<meta"].iter().any(|t| head.contains(t))
    }
}

/// True when `text` starts as a whole HTML document does (a doctype or an
/// `<html>` element): strong enough to decide a file's format when neither
/// its name nor its type says. A text that merely mentions a tag is not.
pub fn is_html_page(text: &str) -> bool {
    let head: String = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars().take(1024).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
}

/// Builds paragraphs, collapsing HTML whitespace outside `<pre>`. With
/// `track`, it also keeps where each character came from (for the embedded
/// widget, which must paint on the host page's own text nodes).
#[derive(Default)]
struct Output {
    done: Vec<(String, Vec<Option<Origin>>)>,
    current: String,
    origins: Vec<Option<Origin>>,
    track: bool,
}

impl Output {
    /// Appends text node `node`'s data `text`.
    fn push_text(&mut self, text: &str, preformatted: bool, node: u32) {
        let mut utf16 = 0u32;
        for c in text.chars() {
            let origin = Some(Origin { node, utf16 });
            utf16 += c.len_utf16() as u32;
            if preformatted {
                if c == '\n' {
                    self.paragraph_break();
                } else {
                    self.push(c, origin);
                }
            } else if c.is_whitespace() && c != '\u{a0}' {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.push(' ', origin);
                }
            } else {
                self.push(c, origin);
            }
        }
    }

    fn push(&mut self, c: char, origin: Option<Origin>) {
        self.current.push(c);
        if self.track {
            self.origins.push(origin);
        }
    }

    fn push_literal(&mut self, s: &str) {
        for c in s.chars() {
            self.push(c, None);
        }
    }

    fn paragraph_break(&mut self) {
        let lead = self.current.chars().take_while(|c| c.is_whitespace()).count();
        let p = self.current.trim();
        if !p.is_empty() {
            let origins = if self.track { self.origins[lead..lead + p.chars().count()].to_vec() } else { Vec::new() };
            self.done.push((p.to_string(), origins));
        }
        self.current.clear();
        self.origins.clear();
    }

    /// The paragraphs joined by LF, and the origins of their characters
    /// (LF has none).
    fn finish(mut self) -> (String, Vec<Option<Origin>>) {
        self.paragraph_break();
        let text = self.done.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join("\n");
        let mut origins = Vec::new();
        if self.track {
            for (i, (_, o)) in self.done.into_iter().enumerate() {
                if i > 0 {
                    origins.push(None);
                }
                origins.extend(o);
            }
        }
        (text, origins)
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text`'s first line is `line`, whole.
fn opens_with_line(text: &str, line: &str) -> bool {
    text.strip_prefix(line).is_some_and(|rest| rest.is_empty() || rest.starts_with('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A first paragraph that opens with the headline's words keeps them,
    /// and the headline still stands as a line of its own (the saved
    /// `missing-paragraphs` and `hidden-nodes` pages had lost the words).
    #[test]
    fn a_paragraph_opening_with_the_headline_keeps_it() {
        let page = "<html><head><title>Storm hits coast</title></head><body><h1>Storm hits coast</h1><article><p>Storm hits coast of the region, with rain, wind, and floods, as forecasters had warned for days.</p><p>The second paragraph says more about the storm, the rain, the wind, and the damage to the town.</p><p>A third paragraph, with commas, and more words, to make the story long enough to find here.</p><p>A fourth paragraph, too, with commas, and words, so the story is over five hundred characters long.</p></article></body></html>";
        let p = html5::read_page(page);
        assert!(p.article.text.starts_with("Storm hits coast\nStorm hits coast of the region"), "{}", p.article.text);
        assert!(p.article_body().starts_with("Storm hits coast of the region"), "{}", p.article_body());
        assert!(opens_with_line("Title\nBody", "Title") && opens_with_line("Title", "Title"));
        assert!(!opens_with_line("Title words go on", "Title"));
    }

    #[test]
    fn detection() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("  <p>Hello</p>"));
        assert!(!looks_like_html("Kyiv, Ukraine: 1 < 2 and 3 > 2"));
        assert!(is_html_page("<!doctype html><p>x"));
        assert!(!is_html_page("A `<div>` element"));
    }
}
