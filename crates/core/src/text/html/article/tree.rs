//! The first pass: a flat copy of the parsed tree with what extraction
//! weighs per node.
//!
//! Nodes are numbered in the order the reduction's walk enters them
//! ([`super::super::descends`] decides where it goes down), so a node's
//! number here is its number there, and a subtree is the contiguous range
//! `i..end`. Parents come before children, so one backward sweep sums any
//! per-node figure over subtrees.

use super::super::{descends, HtmlNode, NodeView, BLOCKS};
use super::hints;

/// Node `i` is hidden from readers: `hidden`, `aria-hidden="true"`, or an
/// inline style of `display: none` / `visibility: hidden`.
pub const HIDDEN: u16 = 1;
/// Node `i` is inside a hidden node (or is one).
pub const IN_HIDDEN: u16 = 2;
/// An unlikely container by its class, id or role (a menu, a comment list).
pub const UNLIKELY: u16 = 4;
/// Inside a `<figure>` (its images and caption belong to the story).
pub const IN_FIGURE: u16 = 8;
/// Inside a `<table>` or `<code>`: class hints are not trusted there.
pub const IN_TABLE: u16 = 16;
/// Inside an `<a>` whose target is a fragment of the page (`#...`).
pub const IN_HASH_LINK: u16 = 32;
/// Inside any other `<a>`.
pub const IN_LINK: u16 = 64;
/// Inside a heading (`<h1>`–`<h6>`).
pub const IN_HEADING: u16 = 128;
/// Inside an unlikely container (not the container itself).
pub const IN_UNLIKELY: u16 = 256;

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An element, by lower-case local name.
    Element(String),
    /// A text node: its length in characters once whitespace runs collapse,
    /// and its commas (ASCII and the CJK and Arabic ones).
    Text {
        /// Characters, whitespace runs counted once.
        chars: u32,
        /// Commas.
        commas: u32,
        /// Full stops followed by a space or ending the node.
        stops: u32,
    },
    /// The document, comments, doctypes.
    Other,
}

/// One node of the flat tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its parent's number (`u32::MAX` for the root).
    pub parent: u32,
    /// One past the last node of its subtree.
    pub end: u32,
    /// Its nearest block ancestor-or-self (where its inline text belongs).
    pub block: u32,
    /// `class` and `id`, lower case, space separated.
    pub hints: String,
    /// `class` as written (siblings with the story's class are kept).
    pub class: String,
    /// The flags above.
    pub flags: u16,
}

impl Node {
    /// The element's name, or `""`.
    pub fn name(&self) -> &str {
        match &self.kind {
            Kind::Element(n) => n,
            _ => "",
        }
    }

    /// Whether it is a block (starts a paragraph in the reduction).
    pub fn is_block(&self) -> bool {
        BLOCKS.contains(&self.name())
    }
}

/// What the `<head>` and the body's machine-readable parts say.
#[derive(Clone, Debug, Default)]
pub struct Raw {
    /// `<meta>` tags as (key, content): the key is `property`, `name` or
    /// `itemprop`, lower case; a space-separated key gives one pair each.
    pub metas: Vec<(String, String)>,
    /// The text of every `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `<title>`'s text.
    pub title: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel="canonical" href>`.
    pub canonical: Option<String>,
    /// Texts of elements marked as the author (`rel=author`,
    /// `itemprop=author`, a `byline` / `author` class), in order, with
    /// their node numbers.
    pub bylines: Vec<(u32, String)>,
    /// Elements marked `rel=author` or `itemprop=author` inside a region
    /// the strict pass leaves out (`<header class="entry-header">`, the
    /// article's own header in WordPress themes): the bylines when
    /// [`Raw::bylines`] has none.
    pub marked_bylines_in_unlikely: Vec<(u32, String)>,
    /// `<h1>` (true) and `<h2>` (false) headings: node number, level, text.
    pub headings: Vec<(u32, bool, String)>,
}

/// A byline longer than this (characters) is a paragraph about the author,
/// not the author line.
pub const MAX_BYLINE_CHARS: usize = 100;

/// Prefixes and fields of `<meta property>` keys (`og:title`,
/// `article:author`), found anywhere in the attribute (`og:article:author`
/// states `article:author`).
const PROPERTY_PREFIXES: &[&str] = &["article", "dc", "dcterm", "og", "twitter"];
/// See [`PROPERTY_PREFIXES`].
const PROPERTY_FIELDS: &[&str] = &["author", "creator", "description", "published_time", "title", "site_name", "url"];

/// The keys a `<meta property>` states.
pub fn property_keys(property: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for token in property.split_whitespace() {
        let parts: Vec<String> = token.split(':').map(|p| p.trim().to_ascii_lowercase()).collect();
        for w in parts.windows(2) {
            if PROPERTY_PREFIXES.contains(&w[0].as_str()) && PROPERTY_FIELDS.contains(&w[1].as_str()) {
                keys.push(format!("{}:{}", w[0], w[1]));
            }
        }
        if parts.len() == 1 || keys.is_empty() {
            keys.push(normal_key(token));
        }
    }
    keys
}

/// `"DC.Title"` -> `"dc:title"`, `"og: title"` -> `"og:title"`.
pub fn normal_key(key: &str) -> String {
    key.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '.' { ':' } else { c.to_ascii_lowercase() }).collect()
}

/// The flat tree.
pub struct Tree {
    /// Nodes by number.
    pub nodes: Vec<Node>,
    /// The data of the text nodes, by node number (empty for other nodes):
    /// kept for checking the story against the page's own `articleBody`.
    pub texts: Vec<Box<str>>,
    /// Metadata found on the way.
    pub raw: Raw,
}

/// Builds the flat tree of `root`.
pub fn build<N: HtmlNode + Clone>(root: &N) -> Tree {
    let mut tree = Tree { nodes: Vec::new(), texts: Vec::new(), raw: Raw::default() };
    // (node, parent number); the walk's own stack, as in the reduction.
    let mut stack: Vec<(N, u32)> = vec![(root.clone(), u32::MAX)];
    let mut open: Vec<u32> = Vec::new();
    while let Some((node, parent)) = stack.pop() {
        // Close the subtrees this node is not inside.
        while open.last().is_some_and(|&o| o != parent) {
            close(&mut tree, &mut open);
        }
        let i = tree.nodes.len() as u32;
        let inherited = tree.nodes.get(parent as usize).map_or(0, |p| {
            let unlikely = if p.flags & UNLIKELY != 0 { IN_UNLIKELY } else { 0 };
            (p.flags & !(HIDDEN | UNLIKELY)) | unlikely
        });
        let block_of_parent = tree.nodes.get(parent as usize).map_or(i, |p| p.block);
        let mut data = Box::<str>::default();
        let (kind, descend) = match node.view() {
            NodeView::Element(name) => {
                let d = descends(&name);
                (Kind::Element(name), d)
            }
            NodeView::Text(t) => {
                let k = text_kind(&t);
                data = t.into_boxed_str();
                (k, false)
            }
            NodeView::Other => (Kind::Other, true),
        };
        tree.texts.push(data);
        let mut n = Node { kind, parent, end: i + 1, block: block_of_parent, hints: String::new(), class: String::new(), flags: inherited };
        if let Kind::Element(name) = &n.kind {
            let name = name.clone();
            read_element(&mut tree.raw, &node, &name, &mut n, i);
            if n.is_block() {
                n.block = i;
            }
        }
        tree.nodes.push(n);
        open.push(i);
        if descend {
            let kids = node.children();
            stack.extend(kids.into_iter().rev().map(|k| (k, i)));
        }
    }
    while !open.is_empty() {
        close(&mut tree, &mut open);
    }
    tree
}

fn close(tree: &mut Tree, open: &mut Vec<u32>) {
    if let Some(o) = open.pop() {
        tree.nodes[o as usize].end = tree.nodes.len() as u32;
    }
}

/// A text node's figures.
fn text_kind(t: &str) -> Kind {
    let mut chars = 0u32;
    let mut gap = false;
    let mut commas = 0u32;
    for c in t.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            gap = chars > 0;
            continue;
        }
        if gap {
            chars += 1;
            gap = false;
        }
        chars += 1;
        if matches!(c, ',' | '，' | '、' | '،' | '﹐' | '﹑' | '⹁' | '⸴' | '⸲') {
            commas += 1;
        }
    }
    // A node that starts or ends with a space joins its neighbours with one.
    let edge = t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace);
    let trimmed = t.trim_end();
    let stops = (t.matches(". ").count() + usize::from(trimmed.ends_with('.'))) as u32;
    Kind::Text { chars: chars + u32::from(edge && chars > 0), commas, stops }
}

/// Reads what extraction weighs from an element: its hints and flags, and
/// the metadata it carries.
fn read_element<N: HtmlNode>(raw: &mut Raw, node: &N, name: &str, n: &mut Node, i: u32) {
    if !node.has_attrs() {
        if name == "title" && raw.title.is_none() {
            raw.title = Some(super::super::text_content(node));
        }
        flag_by_name(raw, node, name, n, i);
        return;
    }
    let class = node.attr("class").unwrap_or_default();
    let id = node.attr("id").unwrap_or_default();
    n.hints = format!("{} {}", class, id).to_lowercase();
    n.class = class;
    if is_hidden(node) {
        n.flags |= HIDDEN | IN_HIDDEN;
    }
    let role = node.attr("role").unwrap_or_default().to_ascii_lowercase();
    if name != "body" && name != "a" && n.flags & IN_TABLE == 0 && hints::unlikely(&n.hints, &role) {
        n.flags |= UNLIKELY;
    }
    flag_by_name(raw, node, name, n, i);
    read_meta(raw, node, name, n, i);
}

/// The flags an element's name gives (and a heading's text).
fn flag_by_name<N: HtmlNode>(raw: &mut Raw, node: &N, name: &str, n: &mut Node, i: u32) {
    match name {
        "figure" => n.flags |= IN_FIGURE,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            n.flags |= IN_HEADING;
            if matches!(name, "h1" | "h2") {
                raw.headings.push((i, name == "h1", super::super::collapse(&super::super::text_content(node))));
            }
        }
        "table" | "code" => n.flags |= IN_TABLE,
        "a" => {
            let hash = node.attr("href").is_some_and(|h| h.trim_start().starts_with('#'));
            n.flags |= if hash { IN_HASH_LINK } else { IN_LINK };
        }
        _ => {}
    }
}

/// All character data under `node`, trimmed, when it is at most `max`
/// characters (the walk stops as soon as it is longer).
fn short_text<N: HtmlNode>(node: &N, max: usize) -> Option<String> {
    let mut out = String::new();
    let mut stack = node.children();
    stack.reverse();
    while let Some(n) = stack.pop() {
        match n.view() {
            NodeView::Text(t) => {
                out.push_str(&t);
                if out.trim().chars().count() > max {
                    return None;
                }
            }
            NodeView::Element(name) if descends(&name) => {
                let mut kids = n.children();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
    Some(out.trim().to_string())
}

/// The text of the first element under `node` marked `itemprop="name"`
/// (an author block's name apart from its "By" and its date).
fn author_name<N: HtmlNode>(node: &N) -> Option<String> {
    let mut stack = node.children();
    stack.reverse();
    let mut budget = MAX_AUTHOR_SCAN;
    while let Some(n) = stack.pop() {
        budget = budget.checked_sub(1)?;
        if let NodeView::Element(_) = n.view() {
            if n.attr("itemprop").is_some_and(|p| p.split_whitespace().any(|p| p == "name")) {
                return Some(super::super::text_content(&n));
            }
            let mut kids = n.children();
            kids.reverse();
            stack.extend(kids);
        }
    }
    None
}

/// How many nodes of an author block are searched for its name: author
/// blocks are small; a page-wide `author` class is not one.
const MAX_AUTHOR_SCAN: usize = 200;

/// True when `node` shows nothing by its own attributes.
fn is_hidden<N: HtmlNode>(node: &N) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    let style = node.attr("style").unwrap_or_default().to_ascii_lowercase().replace(char::is_whitespace, "");
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// The metadata an element carries.
fn read_meta<N: HtmlNode>(raw: &mut Raw, node: &N, name: &str, n: &Node, i: u32) {
    match name {
        "meta" => {
            let Some(content) = node.attr("content") else { return };
            let content = content.trim().to_string();
            for k in node.attr("property").map(|p| property_keys(&p)).unwrap_or_default() {
                raw.metas.push((k, content.clone()));
            }
            for key in [node.attr("name"), node.attr("itemprop")].into_iter().flatten() {
                raw.metas.push((normal_key(&key), content.clone()));
            }
        }
        "script" if node.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
            raw.json_ld.push(super::super::text_content(node));
        }
        "title" if raw.title.is_none() => raw.title = Some(super::super::text_content(node)),
        "html" if raw.lang.is_none() => raw.lang = node.attr("lang").filter(|l| !l.trim().is_empty()),
        "link" => {
            let rel = node.attr("rel").unwrap_or_default().to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && raw.canonical.is_none() {
                raw.canonical = node.attr("href").filter(|h| !h.trim().is_empty());
            }
        }
        _ => {}
    }
    let rel_author = node.attr("rel").is_some_and(|r| r.to_ascii_lowercase().split_whitespace().any(|r| r == "author"));
    let prop_author = node.attr("itemprop").is_some_and(|p| p.to_ascii_lowercase().contains("author"));
    // An author line is short as a whole; its name is its `itemprop=name`
    // part when it marks one ("By" and the date apart).
    let marked = rel_author || prop_author;
    if !(marked || hints::byline(&n.hints)) || n.flags & IN_HIDDEN != 0 {
        return;
    }
    let list = match n.flags & IN_UNLIKELY {
        0 => &mut raw.bylines,
        _ if marked => &mut raw.marked_bylines_in_unlikely,
        _ => return,
    };
    let Some(whole) = short_text(node, MAX_BYLINE_CHARS) else { return };
    let text = super::super::collapse(&author_name(node).unwrap_or(whole));
    if !text.is_empty() {
        list.push((i, text));
    }
}
