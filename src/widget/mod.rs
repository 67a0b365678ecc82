//! The embedded widget (issue 12): Marginalia on a publisher's page,
//! annotating the article where it is published.
//!
//! `embed/marginalia-embed.js` (the script a host page loads) defines the
//! `<marginalia-annotator>` element and `Marginalia.mount()`, loads this
//! build and calls [`mount`]. The widget then:
//!
//! - reads the host article in place (`platform::host`) into the same
//!   canonical text the app makes of that markup, with a map back to the
//!   host's text nodes;
//! - opens the app's store on it (the same reducer, anchors and formats)
//!   with what this page saved before (`store::page`), re-anchored on
//!   today's text;
//! - paints annotations, entities and quotations with the CSS Custom
//!   Highlight API (`platform::highlights`): not one node of the article is
//!   added, removed or changed;
//! - renders its panel, made of the app's tabs, inside a shadow root on the
//!   element the script gives it, styled there only.
//!
//! Only this module and `platform::{host, highlights}` are the widget's
//! own; it is compiled into the `marginalia-widget` binary only (cargo
//! feature `widget`), so the app's build carries none of it.

mod bridge;
mod context;
mod frame;
mod hooks;
mod in_page;
mod options;
mod panel;
mod root;
mod style;
mod surface;

pub use self::frame::{mount_frame, Frame};

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use self::bridge::Bridge;
use self::context::WidgetCtx;
use self::in_page::InPage;
use self::options::Options;
use self::root::{render_in, WidgetRoot};
use crate::export::import::parse_import;
use crate::platform::highlights::Painter;
use crate::platform::host::HostText;
use crate::platform::storage::LocalStorage;
use crate::store::page::PageKey;
use crate::store::{Action, ImportMode, PendingImport};
use crate::ui::shell::{self, ExportFormat};

thread_local! {
    /// Numbers the widgets of this page (their highlight names' prefix).
    static MOUNTED: Cell<u32> = const { Cell::new(0) };
}

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct Widget {
    /// The panel's yew app, once its task has run.
    app: Rc<RefCell<Option<AppHandle<WidgetRoot>>>>,
    /// The task that renders the panel, until it has run.
    start: Option<Timeout>,
    ctx: Rc<WidgetCtx>,
    shadow: ShadowRoot,
}

/// Mounts a widget on `article`, its panel in a shadow root on `ui_host`.
/// `options` is JSON ([`Options`]); `emit(type, detailJson)` is called with
/// `ready` once the panel shows, and for each annotation created, changed
/// or deleted.
///
/// The work is split so the host page never waits long: this call reads
/// the article; the panel and the highlights come in the next task, and
/// after it the analysis worker starts (not sooner: on a two-core machine
/// its compiling competes with the panel's first render, which then took
/// 53–72 ms), the found entities when it answers
/// (`ui::analysis::use_analysis`).
#[wasm_bindgen]
pub fn mount(article: Element, ui_host: Element, options: &str, emit: js_sys::Function) -> Result<Widget, JsError> {
    let options = Options::parse(options).map_err(|e| JsError::new(&e))?;
    if let Some(url) = &options.analysis_worker {
        crate::platform::worker::set_script(url);
    }
    let shadow = match ui_host.shadow_root() {
        Some(s) => s,
        None => ui_host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| JsError::new("Marginalia: this element cannot hold a shadow root; give mount() another element."))?,
    };
    let n = MOUNTED.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let host = if options.find_article { HostText::find(&article) } else { HostText::read(&article) };
    let key = PageKey::new(&page_url(), &article.id(), options.storage_key.as_deref());
    let surface = Rc::new(InPage { article, host, painter: Painter::new(&format!("marginalia{n}")) });
    let ctx = Rc::new(WidgetCtx {
        surface,
        key,
        options,
        kv: LocalStorage::open().ok(),
        bridge: Bridge::new(Some(emit)),
        writes_held: Cell::new(false),
    });
    let app: Rc<RefCell<Option<AppHandle<WidgetRoot>>>> = Rc::default();
    let start = {
        let (app, ctx, shadow) = (app.clone(), ctx.clone(), shadow.clone());
        Timeout::new(0, move || {
            style::style_shadow(&shadow);
            *app.borrow_mut() = render_in(&shadow, &ctx);
        })
    };
    Ok(Widget { app, start: Some(start), ctx, shadow })
}

/// The page's canonical URL (`<link rel="canonical">`), else its address.
fn page_url() -> String {
    let doc = gloo::utils::document();
    let canonical = doc.query_selector("link[rel~='canonical']").ok().flatten().and_then(|l| l.get_attribute("href"));
    let here = doc.url().unwrap_or_default();
    match canonical {
        // Resolved against the page, so a relative href names one page.
        Some(href) => web_sys::Url::new_with_base(&href, &here).map(|u| u.href()).unwrap_or(here),
        None => here,
    }
}

#[wasm_bindgen]
impl Widget {
    /// The annotations in `format`: `marginalia` (our JSON, the default),
    /// `w3c` (Web Annotation JSON-LD) or `jsonl` (NER training lines).
    pub fn export(&self, format: &str) -> Result<String, JsError> {
        let format = match format {
            "" | "marginalia" | "json" => ExportFormat::Native,
            "w3c" | "jsonld" => ExportFormat::W3c,
            "jsonl" | "ner" => ExportFormat::Jsonl,
            other => return Err(JsError::new(&format!("Marginalia cannot export “{other}”: use marginalia, w3c or jsonl."))),
        };
        let state = self.ctx.bridge.state().ok_or_else(|| JsError::new("Marginalia has not finished starting."))?;
        Ok(shell::export_content(&state, format).content)
    }

    /// Adds the annotations of a Marginalia or W3C file (`json`, its text)
    /// to this article, placed by their quotes on the text shown here (a
    /// file made on another version of the article re-anchors or orphans,
    /// never replaces the host's text). Returns how many were read.
    pub fn import(&self, json: &str) -> Result<u32, JsError> {
        let current = self.ctx.surface.document();
        let parsed = parse_import(json.as_bytes(), current).map_err(|e| JsError::new(&format!("Marginalia could not import this file: {e}")))?;
        let count = parsed.incoming.annotations.len() as u32;
        let import = PendingImport {
            file_name: "the imported file".into(),
            document: current.clone(),
            existing: None,
            incoming: parsed.incoming,
            skipped: parsed.skipped,
            other_source: false,
        };
        let sent = self.ctx.bridge.send(Action::PrepareImport { import: Rc::new(import) }) && self.ctx.bridge.send(Action::ApplyImport { mode: ImportMode::Merge });
        if !sent {
            return Err(JsError::new("Marginalia has not finished starting."));
        }
        Ok(count)
    }

    /// The article's text as the widget reads it (the text annotations'
    /// offsets count in).
    pub fn text(&self) -> String {
        self.ctx.surface.document().text().to_string()
    }

    /// Removes the widget: its panel, its highlights and their style
    /// sheet. The page is left as it was.
    pub fn destroy(&mut self) {
        drop(self.start.take());
        if let Some(app) = self.app.borrow_mut().take() {
            app.destroy();
        }
        self.ctx.surface.clear();
        self.shadow.set_adopted_style_sheets(&js_sys::Array::new());
        while let Some(child) = self.shadow.first_child() {
            self.shadow.remove_child(&child).ok();
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.destroy();
    }
}
