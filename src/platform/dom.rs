//! Builds recorded [`Nodes`] into elements: the whole buffer crosses into
//! JavaScript once, and every attribute value and text is a slice of it
//! taken there (`String.prototype.substring`), so no value is decoded out
//! of wasm memory on its own (see `render::nodes` for why, with figures).
//! Tag and attribute names are decoded once per page and kept.
//!
//! Only the static DOM methods below are called, with static names: none
//! can fail on what a user wrote, whose text is only ever text.

use std::cell::RefCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::render::nodes::{Nodes, Op};

#[wasm_bindgen]
extern "C" {
    /// The document, for `createElement` with a name already a JS string.
    #[wasm_bindgen(js_name = Document)]
    type Doc;
    #[wasm_bindgen(method, js_name = createElement)]
    fn create_element(this: &Doc, tag: &JsString) -> Element;

    /// An element, for `setAttribute` and `append` with JS strings.
    #[wasm_bindgen(js_name = Element)]
    type El;
    #[wasm_bindgen(method, js_name = setAttribute)]
    fn set_attribute(this: &El, name: &JsString, value: &JsString);
    /// `append(node or string)`: a string becomes a text node.
    #[wasm_bindgen(method)]
    fn append(this: &El, child: &JsValue);
}

thread_local! {
    /// The document, kept: looking the window and the document up again
    /// for every block showed in the profile.
    static DOCUMENT: Option<Doc> = web_sys::window().and_then(|w| w.document()).map(JsCast::unchecked_into);
    /// Tag and attribute names as JS strings (about fifteen), found by where
    /// their static text lives: hashing each name per attribute showed in
    /// the profile. A name written twice may live twice: one more entry.
    static NAMES: RefCell<Names> = RefCell::default();
}

/// Names decoded so far, with the address of their static text.
type Names = Vec<(*const u8, JsString)>;

fn name<'a>(names: &'a mut Names, s: &'static str) -> &'a JsString {
    let i = match names.iter().position(|(at, _)| *at == s.as_ptr()) {
        Some(i) => i,
        None => {
            names.push((s.as_ptr(), JsString::from(s)));
            names.len() - 1
        }
    };
    &names[i].1
}

/// The first element `nodes` open, built with everything inside it, or
/// `None` when they open none (or there is no document).
pub fn build(nodes: &Nodes) -> Option<Element> {
    DOCUMENT.with(|document| NAMES.with(|names| build_in(document.as_ref()?, &mut names.borrow_mut(), nodes)))
}

fn build_in(document: &Doc, names: &mut Names, nodes: &Nodes) -> Option<Element> {
    let buf = JsString::from(nodes.buffer());
    let mut open: Vec<Element> = Vec::new();
    let mut root = None;
    for op in nodes.ops() {
        match *op {
            Op::Open(tag) => {
                let el = document.create_element(name(names, tag));
                match open.last() {
                    Some(parent) => parent.unchecked_ref::<El>().append(&el),
                    None if root.is_none() => root = Some(el.clone()),
                    None => {}
                }
                open.push(el);
            }
            Op::Attr(attr, span) => {
                if let Some(el) = open.last() {
                    el.unchecked_ref::<El>().set_attribute(name(names, attr), &buf.substring(span.start, span.end));
                }
            }
            Op::Text(span) => {
                if let Some(el) = open.last() {
                    el.unchecked_ref::<El>().append(&buf.substring(span.start, span.end));
                }
            }
            Op::Close => {
                open.pop();
            }
        }
    }
    root
}

/// The `data-start` of the element focused inside `el`, if the focus is
/// there: a keyboard stop (a highlight's or a quotation's first run) whose
/// block is about to be replaced.
pub fn focused_start(el: &Element) -> Option<String> {
    let active = web_sys::window()?.document()?.active_element()?;
    let inside = el.contains(Some(active.as_ref()));
    inside.then(|| active.get_attribute("data-start")).flatten()
}

/// Focuses the keyboard stop at `start` inside `el` (a block built anew),
/// so the reader's place in the tab order survives the rebuild.
pub fn refocus(el: &Element, start: &str) {
    let selector = format!("[data-start=\"{}\"][tabindex]", start.replace(['"', '\\'], ""));
    if let Some(stop) = el.query_selector(&selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = stop.focus();
    }
}

