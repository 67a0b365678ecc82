//! The browser extension's frame (issue 21): the widget run from outside
//! the reader's page.
//!
//! A content script cannot compile wasm on a page whose policy lacks
//! `'wasm-unsafe-eval'`, and anything it keeps in the page's world is the
//! site's to read. So the extension's content script stays small — it
//! reads the page into a snapshot, paints the ranges it is sent and
//! reports the reader's selection — and the widget itself runs here, in an
//! extension page the content script places in a closed shadow root, under
//! the extension's own policy and storage (`extension/frame.js` holds the
//! port between the two; `store::relay` is what they say).
//!
//! [`Relayed`] is the [`Surface`] that page is: its article found in the
//! snapshot, painted and followed through messages.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;
use yew::AppHandle;

use super::bridge::Bridge;
use super::context::WidgetCtx;
use super::options::Options;
use super::root::WidgetRoot;
use super::surface::{Following, PageEvents, Surface};
use crate::model::Document;
use crate::platform::storage::LocalStorage;
use crate::store::page::PageKey;
use crate::store::paint::Layer;
use crate::store::relay::{encode_to_page, parse_from_page, FromPage, LiveText, ToPage};
use crate::store::TextSelection;
use crate::text::CharRange;

/// The reader's page, seen from the extension's frame.
pub struct Relayed {
    text: LiveText,
    /// `post(json)` sends a message to the content script.
    post: js_sys::Function,
    /// This frame's highlight names start with it (random: a page's own
    /// highlights never collide with ours).
    prefix: String,
    events: RefCell<Option<PageEvents>>,
}

impl Relayed {
    fn send(&self, message: &ToPage) {
        self.post.call1(&JsValue::NULL, &JsValue::from_str(&encode_to_page(message))).ok();
    }

    /// Acts on a message from the content script. A message this frame
    /// cannot read is answered with nothing: the page is left as it is.
    fn receive(&self, json: &str) -> Result<(), String> {
        let message = parse_from_page(json).map_err(|e| e.to_string())?;
        let Some(events) = self.events.borrow().clone() else { return Ok(()) };
        match message {
            FromPage::Selection { range, rect } => {
                let found = range.and_then(|r| self.text.char_range(r)).map(|range| TextSelection { range, rect: rect.map(Into::into).unwrap_or_default() });
                (events.selection)(found);
            }
            FromPage::Annotate { range } => (events.annotate)(range.and_then(|r| self.text.char_range(r))),
        }
        Ok(())
    }
}

/// Stops the reports when dropped.
struct Unfollow(Weak<Relayed>);

impl Drop for Unfollow {
    fn drop(&mut self) {
        if let Some(r) = self.0.upgrade() {
            r.events.borrow_mut().take();
        }
    }
}

impl Surface for Relayed {
    fn document(&self) -> &Document {
        &self.text.document
    }

    /// The content script paints; a browser without the Highlight API is
    /// told about there.
    fn paint_problem(&self) -> Option<String> {
        None
    }

    fn paint(&self, layers: &[Layer]) {
        self.send(&self.text.paint_message(layers, |n| format!("{}-{n}", self.prefix)));
    }

    fn reveal(&self, range: CharRange) {
        if let Some(r) = self.text.page_range(range) {
            self.send(&ToPage::Reveal { at: r.start });
        }
    }

    fn clear(&self) {
        self.send(&ToPage::Paint { css: String::new(), layers: Vec::new() });
    }

    fn follow(self: Rc<Self>, events: PageEvents) -> Following {
        *self.events.borrow_mut() = Some(events);
        Box::new(Unfollow(Rc::downgrade(&self)))
    }

    fn has_own_control(&self) -> bool {
        true
    }
}

/// The frame's widget, as `extension/frame.js` holds it.
#[wasm_bindgen]
pub struct Frame {
    app: Option<AppHandle<WidgetRoot>>,
    page: Rc<Relayed>,
}

/// Opens the widget in the extension's frame on the page the content
/// script read: `snapshot` is its message (`text::html::snapshot`), `url`
/// the page's canonical address (the record's key), `post(json)` sends a
/// message back. The panel renders into this frame's body.
#[wasm_bindgen]
pub fn mount_frame(snapshot: &str, url: &str, post: js_sys::Function) -> Result<Frame, JsError> {
    let text = LiveText::read(snapshot).map_err(|e| JsError::new(&e.to_string()))?;
    let prefix = format!("mgx{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    let page = Rc::new(Relayed { text, post, prefix, events: RefCell::new(None) });
    let ctx = Rc::new(WidgetCtx {
        surface: page.clone(),
        key: PageKey::new(url, "", None),
        options: Options { find_article: true, ..Options::default() },
        kv: LocalStorage::open().ok(),
        bridge: Bridge::new(None),
        writes_held: Cell::new(false),
    });
    super::style::style_frame();
    if let Some(m) = page.text.article_message() {
        page.send(&m);
    }
    let body = gloo::utils::body();
    let app = super::root::render_in(&body, &ctx);
    Ok(Frame { app, page })
}

#[wasm_bindgen]
impl Frame {
    /// A message from the content script (JSON, `store::relay::FromPage`).
    /// Returns why it was refused, if it was.
    pub fn receive(&self, json: &str) -> Option<String> {
        self.page.receive(json).err()
    }

    /// Takes the widget away: every highlight on the page goes too.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.page.clear();
    }
}
