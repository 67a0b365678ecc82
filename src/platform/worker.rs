//! The analysis worker (issue 20): a dedicated module worker
//! (`static/analysis-worker.js`) that loads the engine's own WebAssembly
//! (`src/bin/analysis.rs`) and runs every analysis off the page's thread.
//! The page's wasm does not contain the engine at all, so there is no
//! fallback on the page: a worker that fails is reported, restarted and
//! asked again ([`AnalysisWorker::restart`], `ui::analysis`).
//!
//! The page posts a request (`analysis::worker::request`) and gets the
//! answer string and the engine's own time in a callback; the messages
//! themselves are the core's, and what the script posts is listed at the
//! top of the script.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where the worker script is by default: beside the page (the app, the
/// extension's Library and its frame all are). The embedded widget sets
/// its folder's address instead ([`set_script`]).
const DEFAULT_SCRIPT: &str = "analysis-worker.js";

/// One answer from the worker: the answer's JSON and how long the engine
/// took to compute it, in milliseconds (the round trip is the page's to
/// measure).
pub struct Reply {
    /// The worker's answer as JSON (`analysis::worker`).
    pub json: String,
    /// The engine's time inside the worker (the cache's, when `cached`).
    pub engine_ms: f64,
    /// Read from the worker's cache of earlier answers, not computed.
    pub cached: bool,
}

/// What the page does with one answer (or a failure's message).
type OnAnswer = Box<dyn FnOnce(Result<Reply, String>)>;

/// The requests sent and not answered yet, oldest first. The worker answers
/// one request at a time, in order, so each answer is the oldest one's;
/// several widgets on one page share the worker this way.
type Pending = Rc<RefCell<VecDeque<OnAnswer>>>;

/// Gives the oldest pending request its answer.
fn answer_oldest(pending: &Pending, reply: Result<Reply, String>) {
    let oldest = pending.borrow_mut().pop_front();
    if let Some(done) = oldest {
        done(reply);
    }
}

/// Tells every pending request why it will get no answer: the worker is
/// gone, so each asks again or says so.
fn fail_all(pending: &Pending, why: &str) {
    let all: Vec<OnAnswer> = pending.borrow_mut().drain(..).collect();
    for done in all {
        done(Err(why.to_string()));
    }
}

/// A running worker and where its answers go.
pub struct AnalysisWorker {
    worker: Worker,
    pending: Pending,
    /// Kept alive as long as the worker: they are its message handlers.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static WORKER: RefCell<Option<Rc<AnalysisWorker>>> = const { RefCell::new(None) };
    static SCRIPT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Sets the worker script's address (absolute, or relative to the page).
/// The embed script passes the one beside `marginalia-embed.js`, which may
/// be on another origin than the page.
pub fn set_script(url: &str) {
    SCRIPT.with(|s| *s.borrow_mut() = Some(url.to_string()));
}

/// The script's absolute address, resolved against the page.
fn script_url() -> Option<web_sys::Url> {
    let page = web_sys::window()?.location().href().ok()?;
    let script = SCRIPT.with(|s| s.borrow().clone()).unwrap_or_else(|| DEFAULT_SCRIPT.to_string());
    web_sys::Url::new_with_base(&script, &page).ok()
}

/// A worker for `url`. A page may only start a worker from its own origin,
/// so a script on another origin (a widget served from a CDN) is started
/// through a one-line module of the page's own (`blob:`) that imports it;
/// the host's CSP then needs `worker-src blob:` (README "Embedding").
fn new_worker(url: &web_sys::Url) -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let same_origin = web_sys::window().and_then(|w| w.location().origin().ok()).is_some_and(|o| o == url.origin());
    if same_origin {
        return Worker::new_with_options(&url.href(), &options);
    }
    // A JSON string is a JavaScript string literal.
    let literal = serde_json::to_string(&url.href()).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let source = js_sys::Array::of1(&format!("import {literal};").into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&source, &bag)?;
    Worker::new_with_options(&web_sys::Url::create_object_url_with_blob(&blob)?, &options)
}

/// What one message from the worker says.
enum Posted {
    /// The engine is loaded and warm (nothing to do: requests wait for it
    /// in the worker).
    Ready,
    /// The answer to the oldest request.
    Answer(Reply),
    /// The engine could not start or failed: no request will be answered.
    Failed(String),
}

fn read_posted(data: &JsValue) -> Posted {
    let field = |name: &str| js_sys::Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(json) = field("answer").as_string() {
        return Posted::Answer(Reply { json, engine_ms: field("ms").as_f64().unwrap_or(0.0), cached: field("cached").is_truthy() });
    }
    if field("ready").is_truthy() {
        return Posted::Ready;
    }
    let why = field("failed").as_string().unwrap_or_else(|| "the analysis worker sent something this page cannot read".to_string());
    Posted::Failed(why)
}

impl AnalysisWorker {
    /// The page's worker, started on first use (the app asks as it starts,
    /// so the engine downloads and warms up while the first screen
    /// renders); a message where the browser will not start one.
    pub fn get() -> Result<Rc<AnalysisWorker>, String> {
        if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
            return Ok(w);
        }
        let w = Rc::new(Self::start()?);
        WORKER.with(|slot| *slot.borrow_mut() = Some(w.clone()));
        Ok(w)
    }

    /// Stops the worker (a failed or stuck one); the next [`get`](Self::get)
    /// starts a new one. Requests it had not answered are told so.
    pub fn restart() {
        if let Some(w) = WORKER.with(|w| w.borrow_mut().take()) {
            w.worker.terminate();
            fail_all(&w.pending, "the analysis worker was restarted");
        }
    }

    fn start() -> Result<AnalysisWorker, String> {
        let url = script_url().ok_or("this page has no address to start the analysis worker from")?;
        let worker = new_worker(&url).map_err(|e| format!("this browser would not start the analysis worker ({}): {e:?}", url.href()))?;
        let pending: Pending = Rc::default();
        let on_message = {
            let pending = pending.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| match read_posted(&e.data()) {
                Posted::Ready => {}
                Posted::Answer(reply) => answer_oldest(&pending, Ok(reply)),
                // The engine did not start: no request will be answered.
                Posted::Failed(why) => fail_all(&pending, &why),
            })
        };
        let on_error = {
            let pending = pending.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
                let why = match e.message() {
                    m if m.is_empty() => "the analysis worker could not be loaded".to_string(),
                    m => format!("the analysis worker stopped: {m}"),
                };
                fail_all(&pending, &why);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(AnalysisWorker { worker, pending, _on_message: on_message, _on_error: on_error })
    }

    /// Tells the worker to drop what it kept of the document `hash` (the
    /// reader deleted it): nothing of it stays in the browser. No answer.
    pub fn forget(&self, hash: &str) {
        let message = js_sys::Object::new();
        if js_sys::Reflect::set(&message, &"forget".into(), &hash.into()).is_ok() {
            // Best effort: the kept answers are few and bounded (16) anyway.
            let _ = self.worker.post_message(&message);
        }
    }

    /// Sends `request`; `done` gets its answer, or why there is none.
    pub fn ask(&self, request: &str, done: impl FnOnce(Result<Reply, String>) + 'static) -> Result<(), String> {
        self.worker.post_message(&JsValue::from_str(request)).map_err(|e| format!("the analysis worker could not be reached: {e:?}"))?;
        self.pending.borrow_mut().push_back(Box::new(done));
        Ok(())
    }
}
