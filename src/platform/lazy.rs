//! Modules the app loads on first use (the sharing engine, the formats
//! module): a same-origin module script (allowed by the app's
//! `script-src 'self'`; not a wasm-bindgen snippet, whose one file name
//! the app's and the module's builds would share) starts the module's
//! wasm, leaves what it exports on `window` and says so with an event.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// One module loaded on demand.
pub struct LazyModule {
    /// The loader script beside the app (copied by Trunk).
    pub loader: &'static str,
    /// Where the loader leaves what the module exports.
    pub global: &'static str,
    /// The event the loader fires when the module is ready.
    pub ready: &'static str,
    /// The event it fires when the module could not start (`detail`: why).
    pub failed: &'static str,
    /// What the module is, for messages ("the sharing engine").
    pub what: &'static str,
}

/// The message of a JS error value.
pub fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "unknown error".into())
}

fn loaded(window: &web_sys::Window, module: &LazyModule) -> Option<JsValue> {
    Reflect::get(window, &module.global.into()).ok().filter(|v| v.is_object() || v.is_function())
}

/// Starts loading `module` without waiting for it (a reader's gesture
/// says it will soon be needed); nothing when it is loaded or loading.
pub fn warm(module: &'static LazyModule) {
    let Some(window) = web_sys::window() else { return };
    if loaded(&window, module).is_some() || window.document().and_then(|d| pending(&d, module)).is_some() {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let _ = load(module).await;
    });
}

/// What `module` exports, loading it on first use. Calls made while it
/// loads share the one script and all wait for it; after a failure the
/// script is removed, so the next call tries again with a fresh one.
pub async fn load(module: &LazyModule) -> Result<JsValue, String> {
    let window = web_sys::window().ok_or("no window")?;
    if let Some(exports) = loaded(&window, module) {
        return Ok(exports);
    }
    let document = window.document().ok_or("no document")?;
    let pending = pending(&document, module);
    let script = match &pending {
        Some(s) => s.clone(),
        None => new_script(&document, module)?,
    };
    let done = js_sys::Promise::new(&mut |resolve: Function, reject: Function| {
        let _ = window.add_event_listener_with_callback(module.ready, &resolve);
        let element = script.clone();
        // Heard from the window and the script alike, and it stays on the
        // window: only its first call counts (a once-closure called again,
        // by a later attempt's failure, would throw).
        let mut reject = Some(reject);
        let failed = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(reject) = reject.take() else { return };
            element.remove();
            FAILURES.with(|n| n.set(n.get() + 1));
            let detail = Reflect::get(&e, &"detail".into()).ok().and_then(|d| d.as_string()).unwrap_or_else(|| "the loader could not be fetched".into());
            let _ = reject.call1(&JsValue::NULL, &detail.into());
        })
        .into_js_value();
        let _ = window.add_event_listener_with_callback(module.failed, failed.unchecked_ref());
        let _ = script.add_event_listener_with_callback("error", failed.unchecked_ref());
    });
    if pending.is_none() {
        document.head().ok_or("no document head")?.append_child(&script).map_err(message)?;
    }
    wasm_bindgen_futures::JsFuture::from(done).await.map_err(|e| format!("{} could not be loaded: {}", module.what, message(e)))?;
    loaded(&window, module).ok_or_else(|| format!("{} did not start", module.what))
}

/// The loader's script element while `module` loads.
fn pending(document: &web_sys::Document, module: &LazyModule) -> Option<web_sys::Element> {
    document.query_selector(&format!("script[data-lazy-module='{}']", module.global)).ok().flatten()
}

/// The loader's script element. A retry after a failure asks for the
/// loader under a new query, since the browser keeps a module script's
/// failed fetch for the page's lifetime.
fn new_script(document: &web_sys::Document, module: &LazyModule) -> Result<web_sys::Element, String> {
    let script = document.create_element("script").map_err(message)?;
    script.set_attribute("type", "module").map_err(message)?;
    script.set_attribute("data-lazy-module", module.global).map_err(message)?;
    let failures = FAILURES.with(std::cell::Cell::get);
    let src = if failures == 0 { module.loader.to_string() } else { format!("{}?try={failures}", module.loader) };
    script.set_attribute("src", &src).map_err(message)?;
    Ok(script)
}

thread_local! {
    /// Loader scripts that failed so far on this page.
    static FAILURES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}
