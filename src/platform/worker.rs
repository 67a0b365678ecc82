//! The analysis worker (issue 20): a dedicated module worker
//! (`static/analysis-worker.js`) that loads the app's own glue and
//! WebAssembly and runs the analysis off the page's thread. The page posts
//! a request (`analysis::worker::request`) and gets the answer as a string
//! in a callback; the messages themselves are the core's. The worker's
//! side, `marginalia_analysis_answer`, is exported by the app's binary
//! (`src/bin/app.rs`) only, so the widget does not carry it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where the worker script is, next to the app's page.
const WORKER_URL: &str = "./analysis-worker.js";

/// What the page does with an answer (or a failure's message).
type OnAnswer = Rc<RefCell<Option<Box<dyn FnMut(Result<String, String>)>>>>;

/// A running worker and where its answers go.
pub struct AnalysisWorker {
    worker: Worker,
    on_answer: OnAnswer,
    /// Kept alive as long as the worker: they are its message handlers.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static WORKER: RefCell<Option<Rc<AnalysisWorker>>> = const { RefCell::new(None) };
}

/// The addresses of the app's glue and WebAssembly, from the preload links
/// Trunk writes into the page.
fn engine_urls() -> Option<(String, String)> {
    let doc = web_sys::window()?.document()?;
    let href = |selector: &str| doc.query_selector(selector).ok().flatten().and_then(|el| el.get_attribute("href"));
    Some((href("link[rel=modulepreload][href*='marginalia-app']")?, href("link[rel=preload][href$='.wasm']")?))
}

impl AnalysisWorker {
    /// The page's worker, started on first use; `None` where workers or the
    /// engine's addresses are missing (the caller analyses on the page).
    pub fn get() -> Option<Rc<AnalysisWorker>> {
        if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
            return Some(w);
        }
        let w = Rc::new(Self::start()?);
        WORKER.with(|slot| *slot.borrow_mut() = Some(w.clone()));
        Some(w)
    }

    fn start() -> Option<AnalysisWorker> {
        let (glue, wasm) = engine_urls()?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(WORKER_URL, &options).ok()?;
        let on_answer: OnAnswer = Rc::default();
        let on_message = {
            let on_answer = on_answer.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let text = e.data().as_string().ok_or_else(|| "the analysis worker sent something that is not text".to_string());
                if let Some(f) = on_answer.borrow_mut().as_mut() {
                    f(text);
                }
            })
        };
        let on_error = {
            let on_answer = on_answer.clone();
            Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
                if let Some(f) = on_answer.borrow_mut().as_mut() {
                    f(Err(format!("the analysis worker stopped: {}", e.message())));
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let init = js_sys::Object::new();
        let urls = js_sys::Object::new();
        js_sys::Reflect::set(&urls, &"glue".into(), &glue.into()).ok()?;
        js_sys::Reflect::set(&urls, &"wasm".into(), &wasm.into()).ok()?;
        js_sys::Reflect::set(&init, &"init".into(), &urls).ok()?;
        worker.post_message(&init).ok()?;
        Some(AnalysisWorker { worker, on_answer, _on_message: on_message, _on_error: on_error })
    }

    /// Sends `request`; `done` gets the next answer (a later request's
    /// `done` replaces it: only the open document's answer matters).
    pub fn ask(&self, request: &str, done: impl FnMut(Result<String, String>) + 'static) -> Result<(), String> {
        *self.on_answer.borrow_mut() = Some(Box::new(done));
        self.worker.post_message(&JsValue::from_str(request)).map_err(|e| format!("the analysis worker could not be reached: {e:?}"))
    }
}
