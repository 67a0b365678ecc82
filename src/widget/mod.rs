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
mod hooks;
mod options;
mod panel;
mod root;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

use self::bridge::Bridge;
use self::context::{Ctx, WidgetCtx};
use self::options::Options;
use self::root::{RootProps, WidgetRoot};
use crate::export::import::parse_import;
use crate::platform::highlights::Painter;
use crate::platform::host::HostText;
use crate::platform::storage::LocalStorage;
use crate::store::page::PageKey;
use crate::store::{Action, ImportMode, PendingImport};
use crate::ui::shell::{self, ExportFormat};

/// The app's style sheet, applied inside the shadow root only.
const APP_CSS: &str = include_str!("../../styles/app.css");
/// The widget's own frame: the floating panel, the fold tab, the control.
const WIDGET_CSS: &str = include_str!("../../styles/widget.css");

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
/// the article; the panel and the highlights come in the next task, the
/// analysis in later ones (`ui::analysis::use_analysis_later`).
#[wasm_bindgen]
pub fn mount(article: Element, ui_host: Element, options: &str, emit: js_sys::Function) -> Result<Widget, JsError> {
    let options = Options::parse(options).map_err(|e| JsError::new(&e))?;
    let shadow = match ui_host.shadow_root() {
        Some(s) => s,
        None => ui_host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)).map_err(|_| JsError::new("Marginalia: this element cannot hold a shadow root; give mount() another element."))?,
    };
    let n = MOUNTED.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let ctx = Rc::new(WidgetCtx {
        host: if options.find_article { HostText::find(&article) } else { HostText::read(&article) },
        key: PageKey::new(&page_url(), &article.id(), options.storage_key.as_deref()),
        article,
        options,
        kv: LocalStorage::open().ok(),
        painter: Painter::new(&format!("marginalia{n}")),
        bridge: Bridge::new(emit),
        writes_held: Cell::new(false),
    });
    let app: Rc<RefCell<Option<AppHandle<WidgetRoot>>>> = Rc::default();
    let start = {
        let (app, ctx, shadow) = (app.clone(), ctx.clone(), shadow.clone());
        Timeout::new(0, move || {
            style_shadow(&shadow);
            let container = gloo::utils::document().create_element("div").ok();
            if let Some(container) = container.filter(|c| shadow.append_child(c).is_ok()) {
                let props = RootProps { ctx: Ctx(ctx.clone()) };
                *app.borrow_mut() = Some(yew::Renderer::<WidgetRoot>::with_root_and_props(container, props).render());
                ctx.bridge.emit("ready", "{}");
            }
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

/// Styles the shadow root: the app's sheet (its `:root` variables on the
/// shadow host instead) and the widget's frame. Constructed sheets, so no
/// `<style>` element and nothing outside the shadow root.
fn style_shadow(shadow: &ShadowRoot) {
    let Ok(sheet) = CssStyleSheet::new() else { return };
    let css = format!("{}\n{}", APP_CSS.replace(":root", ":host"), WIDGET_CSS);
    if sheet.replace_sync(&css).is_ok() {
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
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
        let current = &self.ctx.host.document;
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
        self.ctx.host.document.text().to_string()
    }

    /// Removes the widget: its panel, its highlights and their style
    /// sheet. The page is left as it was.
    pub fn destroy(&mut self) {
        drop(self.start.take());
        if let Some(app) = self.app.borrow_mut().take() {
            app.destroy();
        }
        if let Ok(p) = &self.ctx.painter {
            p.clear();
        }
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
