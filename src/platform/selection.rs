//! DOM selection <-> document offsets.
//!
//! The article renders runs whose `data-start` is the code point offset of
//! their first character and whose text is exactly the document's text (see
//! `ui::article`); plain text between them is bare, in a block that carries
//! its own `data-start` and `data-end`. A DOM boundary point (text node +
//! UTF-16 offset, or element + child index) therefore maps to a document
//! offset without reading the DOM's text as a whole: the nearest
//! `data-start`, plus what comes before the text node inside that element
//! (a few siblings), plus the local offset converted from UTF-16 units to
//! code points by `text::offsets`. Elements standing for text they do not
//! show (`data-atomic`, media placeholders) are selected whole.
//!
//! The same run attributes say what a click or a key landed on
//! ([`run_target`]), so the article listens once for all its runs.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::store::Rect;
use crate::text::offsets::{char_len, utf16_to_char_in, Snap};
use crate::text::{CharRange, IndexedText};

fn attr_usize(el: &Element, name: &str) -> Option<usize> {
    el.get_attribute(name)?.parse().ok()
}

/// The document range an element carrying `data-start` covers: to its
/// `data-end` (a holder of runs, an atomic placeholder), or as far as its
/// text goes (a run).
fn run_range(el: &Element) -> Option<CharRange> {
    let start = attr_usize(el, "data-start")?;
    let end = attr_usize(el, "data-end").unwrap_or_else(|| start + char_len(&el.text_content().unwrap_or_default()));
    Some(CharRange::new(start, end))
}

/// How many code points of the document `node` stands for: a text node its
/// own, an element carrying `data-start` its range.
fn doc_len(node: &Node) -> usize {
    match node.dyn_ref::<Element>() {
        Some(el) if el.has_attribute("data-start") => run_range(el).map_or(0, |r| r.end - r.start),
        _ => char_len(&node.text_content().unwrap_or_default()),
    }
}

/// The document offset where text node `node` starts: the start of the
/// nearest element carrying `data-start` around it, plus what comes before
/// the node inside that element (a run holds one text node; a paragraph
/// holds runs and bare text, `ui::article::runs`).
fn text_start(node: &Node) -> Option<usize> {
    let holder = node.parent_element()?.closest("[data-start]").ok()??;
    let holder_node: &Node = holder.as_ref();
    let mut before = 0;
    let mut at = node.clone();
    while !at.is_same_node(Some(holder_node)) {
        let mut prev = at.previous_sibling();
        while let Some(p) = prev {
            before += doc_len(&p);
            prev = p.previous_sibling();
        }
        at = at.parent_node()?;
    }
    Some(run_range(&holder)?.start + before)
}

/// Where the document text inside `node` starts: the first element
/// carrying `data-start` or text node holding some, in order.
fn start_in(node: &Node) -> Option<usize> {
    if node.node_type() == Node::TEXT_NODE {
        return text_start(node);
    }
    let el = node.dyn_ref::<Element>()?;
    if el.has_attribute("data-start") {
        return run_range(el).map(|r| r.start);
    }
    let children = node.child_nodes();
    (0..children.length()).find_map(|i| children.get(i).and_then(|c| start_in(&c)))
}

/// Where the document text inside `node` ends (see [`start_in`]).
fn end_in(node: &Node) -> Option<usize> {
    if node.node_type() == Node::TEXT_NODE {
        return Some(text_start(node)? + char_len(&node.text_content().unwrap_or_default()));
    }
    let el = node.dyn_ref::<Element>()?;
    if el.has_attribute("data-start") {
        return run_range(el).map(|r| r.end);
    }
    let children = node.child_nodes();
    (0..children.length()).rev().find_map(|i| children.get(i).and_then(|c| end_in(&c)))
}

/// The atomic placeholder (`data-atomic`: media) `node` is in, if any.
fn atomic_around(node: &Node) -> Option<Element> {
    let el = match node.dyn_ref::<Element>() {
        Some(el) => el.clone(),
        None => node.parent_element()?,
    };
    el.closest("[data-atomic]").ok().flatten()
}

/// The document offset of a DOM boundary point inside `root`.
fn boundary(root: &Element, node: &Node, offset: u32, is_end: bool) -> Option<usize> {
    // A placeholder is selected whole: its start, unless the point is past
    // its beginning.
    if let Some(atomic) = atomic_around(node) {
        let r = run_range(&atomic)?;
        return Some(if offset == 0 && !is_end { r.start } else { r.end });
    }
    if node.node_type() == Node::TEXT_NODE {
        let text = node.text_content().unwrap_or_default();
        let local = utf16_to_char_in(&text, offset as usize, if is_end { Snap::Ceil } else { Snap::Floor });
        return Some(text_start(node)? + local);
    }
    // An element boundary: before child `offset`, or after the last child.
    let children = node.child_nodes();
    if let Some(at) = (offset..children.length()).find_map(|i| children.get(i).and_then(|c| start_in(&c))) {
        return Some(at);
    }
    if let Some(at) = (0..offset.min(children.length())).rev().find_map(|i| children.get(i).and_then(|c| end_in(&c))) {
        return Some(at);
    }
    // Nothing inside: the node itself may be inside a run, or the point is
    // before/after the whole article.
    if root.contains(Some(node)) {
        None
    } else {
        end_in(root)
    }
}

/// The current selection inside `root` as a document range (snapped to
/// graphemes, surrounding whitespace trimmed) and its screen rectangle.
/// `None` when nothing is selected there.
pub fn current_selection(root: &Element, text: &IndexedText) -> Option<(CharRange, Rect)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let (start_node, end_node) = (range.start_container().ok()?, range.end_container().ok()?);
    let root_node: &Node = root.as_ref();
    let inside = |n: &Node| root_node.contains(Some(n));
    if !inside(&start_node) && !inside(&end_node) {
        // A selection around the whole article still counts.
        if !range.intersects_node(root_node).unwrap_or(false) {
            return None;
        }
    }
    let start = if inside(&start_node) { boundary(root, &start_node, range.start_offset().ok()?, false)? } else { 0 };
    let end = if inside(&end_node) { boundary(root, &end_node, range.end_offset().ok()?, true)? } else { text.char_len() };
    let r = CharRange::new(start.min(end), start.max(end).min(text.char_len()));
    let r = trim_whitespace(text, text.snap_to_graphemes(r));
    if r.is_empty() {
        return None;
    }
    let rect = range.get_bounding_client_rect();
    Some((r, Rect { left: rect.left(), top: rect.top(), width: rect.width(), height: rect.height() }))
}

/// Shrinks `r` to exclude leading and trailing whitespace.
fn trim_whitespace(text: &IndexedText, r: CharRange) -> CharRange {
    let Some(s) = text.slice(r) else { return r };
    let lead = s.chars().take_while(|c| c.is_whitespace()).count();
    let total = char_len(s);
    if lead == total {
        return CharRange::new(r.start, r.start);
    }
    let trail = s.chars().rev().take_while(|c| c.is_whitespace()).count();
    CharRange::new(r.start + lead, r.end - trail)
}

/// The text node and UTF-16 offset of document offset `pos` in `root`:
/// in the innermost element carrying `data-start` whose range holds `pos`
/// (elements come in document order, so that is the last one that does),
/// the text node child there. A text node holds exactly the document's
/// text from where it starts, so the offset in it is counted in its own
/// text.
fn dom_point(root: &Element, pos: usize, is_end: bool) -> Option<(Node, u32)> {
    let holds = |r: CharRange| if is_end { r.start < pos && pos <= r.end } else { r.start <= pos && pos < r.end };
    let all = root.query_selector_all("[data-start]:not([data-atomic])").ok()?;
    let mut innermost = None;
    for i in 0..all.length() {
        let el: Element = all.get(i)?.dyn_into().ok()?;
        let r = run_range(&el)?;
        if r.start > pos {
            break; // in document order, everything further starts later
        }
        if holds(r) {
            innermost = Some((el, r.start));
        }
    }
    let (holder, mut at) = innermost?;
    let children = holder.child_nodes();
    for i in 0..children.length() {
        let child = children.get(i)?;
        let len = doc_len(&child);
        if child.node_type() == Node::TEXT_NODE && holds(CharRange::new(at, at + len)) {
            let text = child.text_content().unwrap_or_default();
            let local: usize = text.chars().take(pos - at).map(char::len_utf16).sum();
            return Some((child, local as u32));
        }
        at += len;
    }
    None
}

/// The DOM range of document range `r` in `root` (the rendered article).
pub fn dom_range(root: &Element, r: CharRange) -> Option<web_sys::Range> {
    let (start_node, start_off) = dom_point(root, r.start, false)?;
    let (end_node, end_off) = dom_point(root, r.end, true)?;
    let range = web_sys::window()?.document()?.create_range().ok()?;
    range.set_start(&start_node, start_off).ok()?;
    range.set_end(&end_node, end_off).ok()?;
    Some(range)
}

/// One end of a [`HeldSelection`].
#[derive(PartialEq)]
enum HeldPoint {
    /// In the article: a document offset, and whether it is the later end.
    Offset(usize, bool),
    /// Outside it (the selection runs on into the panel): the point itself.
    Point(Node, u32),
}

/// The reader's selection, held across a render that may rebuild the
/// blocks it is in: a block is built anew whole (`platform::dom::build`)
/// when its model changes (an annotation of another tab or a teammate
/// landing in it), and a selection in the old element collapses with it.
#[derive(PartialEq)]
pub struct HeldSelection {
    anchor: HeldPoint,
    focus: HeldPoint,
}

/// The reader's selection if it is not collapsed and has an end in `root`
/// (the article), its ends as document offsets where they are in it. Read
/// once per render, before the blocks change, and only while the reader
/// holds a selection: reading a selection's ends makes the browser lay the
/// page out first, and read once per rebuilt block it had made the render
/// in which an analysis lands a task of 55-135 ms at start-up.
pub fn hold_selection(root: &Element) -> Option<HeldSelection> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() {
        return None;
    }
    let (anchor, focus) = (selection.anchor_node()?, selection.focus_node()?);
    let root_node: &Node = root.as_ref();
    if !root_node.contains(Some(&anchor)) && !root_node.contains(Some(&focus)) {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    // Backwards (extended leftwards): the anchor is the range's end.
    let backward = range.end_container().ok().is_some_and(|n| n.is_same_node(Some(&anchor))) && range.end_offset().ok() == Some(selection.anchor_offset());
    let hold = |node: Node, offset: u32, is_end: bool| match root_node.contains(Some(&node)) {
        true => boundary(root, &node, offset, is_end).map(|at| HeldPoint::Offset(at, is_end)),
        false => Some(HeldPoint::Point(node, offset)),
    };
    Some(HeldSelection { anchor: hold(anchor, selection.anchor_offset(), backward)?, focus: hold(focus, selection.focus_offset(), !backward)? })
}

/// Selects again, in the same direction, what [`hold_selection`] held in
/// `root`, if the selection's ends moved meanwhile: an element taken out
/// of the page moves an end in it to where the element was, so a selection
/// across two blocks, one of them rebuilt, grows or shrinks rather than
/// collapses. One whose ends are where they were is left alone.
pub fn restore_selection(root: &Element, held: &HeldSelection) {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else { return };
    if hold_selection(root).is_some_and(|now| now == *held) {
        return;
    }
    let point = |p: &HeldPoint| match p {
        HeldPoint::Offset(at, is_end) => dom_point(root, *at, *is_end),
        HeldPoint::Point(node, offset) => node.is_connected().then(|| (node.clone(), *offset)),
    };
    if let (Some((anchor, a)), Some((focus, f))) = (point(&held.anchor), point(&held.focus)) {
        let _ = selection.set_base_and_extent(&anchor, a, &focus, f);
    }
}

/// Selects document range `r` in `root` (the keyboard path to a selection)
/// and scrolls it into view.
pub fn select_range(root: &Element, r: CharRange) -> Option<()> {
    let range = dom_range(root, r)?;
    let selection = web_sys::window()?.get_selection().ok()??;
    selection.remove_all_ranges().ok()?;
    selection.add_range(&range).ok()?;
    if let Some(el) = range.start_container().ok()?.parent_element() {
        scroll_into_view(&el);
    }
    Some(())
}

/// Clears the page's text selection.
pub fn clear_selection() {
    if let Some(sel) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) {
        let _ = sel.remove_all_ranges();
    }
}

/// True when the reader asked the system for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Scrolls `el` to the middle of the view: smoothly, unless the reader
/// asked for less motion (then at once).
pub fn scroll_into_view(el: &Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    let behavior = if prefers_reduced_motion() { web_sys::ScrollBehavior::Instant } else { web_sys::ScrollBehavior::Smooth };
    options.set_behavior(behavior);
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls the first highlight of annotation `id` into view and focuses it.
pub fn reveal_annotation(root: &Element, id: &str) {
    let selector = format!("mark[data-first=\"{}\"]", id.replace(['"', '\\'], ""));
    if let Ok(Some(el)) = root.query_selector(&selector) {
        scroll_into_view(&el);
    }
}

/// What a click or a key on the article landed on: the innermost
/// annotation of a highlight, or else the suggestion (entity or quotation)
/// of a run. Read from the run's attributes (`data-ids`, innermost last;
/// `data-sugg`), so the article listens once for all its runs instead of
/// two listeners per run (issue 20: thousands per long article).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunTarget {
    /// A highlight: its innermost annotation.
    Annotation(crate::model::AnnotationId),
    /// A run of a found entity or quotation.
    Suggestion(crate::model::SuggestionKey),
}

/// The run `target` is in, if any, and what it stands for; `keyboard_stop`
/// only counts a run that takes focus itself (`tabindex`): a key's target
/// is the focused element.
pub fn run_target(target: Option<web_sys::EventTarget>, keyboard_stop: bool) -> Option<RunTarget> {
    let el = target?.dyn_into::<Element>().ok()?;
    let run = el.closest("[data-ids], [data-sugg]").ok()??;
    if keyboard_stop && (!run.is_same_node(Some(&el)) || !run.has_attribute("tabindex")) {
        return None;
    }
    if let Some(ids) = run.get_attribute("data-ids") {
        let inner = ids.split(' ').next_back()?;
        return crate::model::AnnotationId::parse(inner).ok().map(RunTarget::Annotation);
    }
    run.get_attribute("data-sugg").map(|k| RunTarget::Suggestion(crate::model::SuggestionKey::from_saved(&k)))
}
