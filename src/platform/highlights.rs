//! Painting text with the CSS Custom Highlight API (`CSS.highlights`,
//! `Highlight`, `Range`): the embedded widget's highlights change no node of
//! the host page — the browser paints the ranges itself.
//!
//! Highlight names are global to a document, so every name a [`Painter`]
//! registers starts with its own prefix (two widgets on one page never
//! touch each other's), and the `::highlight()` rules that colour them live
//! in one constructed style sheet adopted by the document: it matches
//! nothing but those names, and [`Painter::clear`] takes it away again.

use std::cell::RefCell;
use std::collections::BTreeSet;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Range};

#[wasm_bindgen]
extern "C" {
    /// A set of ranges painted under one name.
    #[wasm_bindgen(js_name = Highlight)]
    type JsHighlight;
    #[wasm_bindgen(constructor, js_class = "Highlight", catch)]
    fn new() -> Result<JsHighlight, JsValue>;
    #[wasm_bindgen(method, js_class = "Highlight")]
    fn add(this: &JsHighlight, range: &Range);
    #[wasm_bindgen(method, setter, js_class = "Highlight")]
    fn set_priority(this: &JsHighlight, priority: i32);

    /// `CSS.highlights`, a map from names to highlights.
    type Registry;
    #[wasm_bindgen(method)]
    fn set(this: &Registry, name: &str, highlight: &JsHighlight);
    #[wasm_bindgen(method)]
    fn delete(this: &Registry, name: &str) -> bool;
}

/// `CSS.highlights`, when this browser has it.
fn registry() -> Option<Registry> {
    let css = Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).ok()?;
    let reg = Reflect::get(&css, &JsValue::from_str("highlights")).ok()?;
    (!reg.is_undefined() && !reg.is_null()).then(|| reg.unchecked_into())
}

/// Paints named layers of ranges for one widget.
pub struct Painter {
    prefix: String,
    registry: Registry,
    names: RefCell<BTreeSet<String>>,
    sheet: CssStyleSheet,
}

impl Painter {
    /// A painter whose names start with `prefix` (a CSS identifier), or why
    /// it cannot paint in this browser.
    pub fn new(prefix: &str) -> Result<Painter, String> {
        let registry = registry().ok_or("This browser cannot paint highlights on the page (no CSS Custom Highlight API); the panel still lists everything.")?;
        let sheet = CssStyleSheet::new().map_err(|_| "This browser cannot build a style sheet for the highlights.".to_string())?;
        let painter = Painter { prefix: prefix.to_string(), registry, names: RefCell::new(BTreeSet::new()), sheet };
        painter.adopt(true);
        Ok(painter)
    }

    /// The full name of layer `layer` (what `::highlight()` rules name).
    pub fn name(&self, layer: &str) -> String {
        format!("{}-{layer}", self.prefix)
    }

    /// Sets the `::highlight()` rules (built with [`Painter::name`]).
    pub fn set_styles(&self, css: &str) {
        self.sheet.replace_sync(css).ok();
    }

    /// Paints `ranges` as layer `layer` at `priority` (higher paints over
    /// lower), replacing what the layer showed. No ranges removes it.
    pub fn paint(&self, layer: &str, ranges: &[Range], priority: i32) {
        let name = self.name(layer);
        if ranges.is_empty() {
            self.registry.delete(&name);
            self.names.borrow_mut().remove(&name);
            return;
        }
        let Ok(h) = JsHighlight::new() else { return };
        for r in ranges {
            h.add(r);
        }
        h.set_priority(priority);
        self.registry.set(&name, &h);
        self.names.borrow_mut().insert(name);
    }

    /// Removes every layer and the style sheet: the page is as it was.
    pub fn clear(&self) {
        for name in std::mem::take(&mut *self.names.borrow_mut()) {
            self.registry.delete(&name);
        }
        self.adopt(false);
    }

    /// Adds the sheet to the document's adopted sheets, or takes it out.
    fn adopt(&self, on: bool) {
        let doc = gloo::utils::document();
        let key = JsValue::from_str("adoptedStyleSheets");
        let Ok(current) = Reflect::get(&doc, &key) else { return };
        let sheets: Array = Array::from(&current).iter().filter(|s| *s != JsValue::from(&self.sheet)).collect();
        if on {
            sheets.push(&self.sheet);
        }
        Reflect::set(&doc, &key, &sheets).ok();
    }
}
