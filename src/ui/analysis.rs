//! The hook that runs the analysis for the open document: always in the
//! analysis worker (`platform::worker`, issue 20), never on the page's
//! thread, in the app and in the embedded widget alike. The page's wasm
//! does not carry the engine, so the article's text is painted at once and
//! its highlights when the answer comes; until then the insight bar says
//! "Analysing…".
//!
//! An answer for a document that is no longer open is dropped (the answer
//! names its document's hash). A worker that fails is restarted and asked
//! once more ([`RETRIES`]); if that fails too, the bar says why and offers
//! *Try again*, which starts over.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::insight::Insight;
use crate::platform::worker::{AnalysisWorker, Reply};
use crate::store::{suggest, OpenDoc};
use crate::text::DocHash;

/// How many times a failed worker is restarted and asked again before the
/// reader is told: once covers a worker that crashed or whose engine did
/// not load on a flaky connection, without looping on a lasting failure.
const RETRIES: u32 = 1;

/// The analysis of the open document, and how to ask for it again.
pub struct Analysed {
    /// The insight: pending, failed or the analysis.
    pub insight: Rc<Insight>,
    /// Starts the analysis over (the *Try again* button).
    pub retry: Callback<()>,
}

/// Where a finished analysis goes: the document it is for and its insight.
type Done = UseStateHandle<Option<(DocHash, Rc<Insight>)>>;

/// Starts the worker now, so its engine downloads and warms up while the
/// page paints (the hook would start it only after the first render).
pub fn start_early() {
    if let Err(e) = AnalysisWorker::get() {
        web_sys::console::warn_1(&format!("Marginalia: {e}").into());
    }
}

/// The insight of an answer for `doc` read back; `None` when the answer is
/// another document's, `Err` why there is none.
fn insight_of(reply: Reply, doc: &crate::model::Document, round_trip_ms: f64) -> Result<Option<Insight>, String> {
    let Some(analysis) = crate::analysis::worker::read_answer(&reply.json, doc)? else { return Ok(None) };
    let suggestions = suggest::suggestions(&analysis);
    Ok(Some(Insight { analysis, suggestions, ms: reply.engine_ms, round_trip_ms, cached: reply.cached, pending: false, failed: None }))
}

/// The document open now, as the hook last rendered (an answer for
/// another is dropped).
type OpenNow = Rc<std::cell::RefCell<DocHash>>;

/// Asks the worker for `doc`'s analysis; `retries` failures are answered by
/// restarting the worker and asking again.
fn ask(doc: Rc<OpenDoc>, done: Done, open: OpenNow, retries: u32) {
    let fail = |done: &Done, doc: &OpenDoc, why: String| {
        web_sys::console::warn_1(&format!("Marginalia: {why}").into());
        done.set(Some((doc.document.hash.clone(), Rc::new(Insight::failed(why)))));
    };
    let worker = match AnalysisWorker::get() {
        Ok(w) => w,
        Err(why) => return fail(&done, &doc, why),
    };
    let t0 = crate::platform::clock::precise_ms();
    let request = crate::analysis::worker::request(&doc.document);
    let (doc2, done2) = (doc.clone(), done.clone());
    let sent = worker.ask(&request, move |reply| {
        if *open.borrow() != doc2.document.hash {
            return; // for a document no longer open
        }
        let round_trip = crate::platform::clock::precise_ms() - t0;
        match reply.and_then(|r| insight_of(r, &doc2.document, round_trip)) {
            Ok(Some(insight)) => {
                // Shown in a task of its own: reading a long article's answer
                // (a few ms natively for 450,000 characters; the answer
                // leaves out the texts, `analysis::worker`) and rendering it
                // would otherwise make one long task.
                let key = doc2.document.hash.clone();
                Timeout::new(0, move || {
                    if *open.borrow() == key {
                        done2.set(Some((key, Rc::new(insight))));
                    }
                })
                .forget();
            }
            Ok(None) => {} // another document's answer: not ours to show
            Err(why) if retries > 0 => {
                web_sys::console::warn_1(&format!("Marginalia: {why}; restarting the analysis worker.").into());
                AnalysisWorker::restart();
                ask(doc2.clone(), done2.clone(), open, retries - 1);
            }
            Err(why) => fail(&done2, &doc2, why),
        }
    });
    if let Err(why) = sent {
        fail(&done, &doc, why);
    }
}

/// The analysis of `doc`, from the worker; none at all (and no worker
/// started, nothing downloaded) unless `wanted` (a widget told to hide what
/// is found shows none of it).
#[hook]
pub fn use_analysis(doc: Rc<OpenDoc>, wanted: bool) -> Analysed {
    let hash = doc.document.hash.clone();
    let done = use_state(|| None::<(DocHash, Rc<Insight>)>);
    let attempt = use_state(|| 0u32);
    let open: OpenNow = use_mut_ref(|| hash.clone());
    *open.borrow_mut() = hash.clone();
    {
        let done = done.clone();
        use_effect_with((hash.clone(), *attempt, wanted), move |(_, _, wanted)| {
            if *wanted {
                ask(doc, done, open, RETRIES);
            }
        });
    }
    let retry = {
        let (attempt, done) = (attempt.clone(), done.clone());
        use_callback(*attempt, move |(), n| {
            AnalysisWorker::restart();
            done.set(None);
            attempt.set(n + 1);
        })
    };
    let insight = match done.as_ref() {
        _ if !wanted => Rc::new(Insight::none()),
        Some((h, insight)) if *h == hash => insight.clone(),
        _ => Rc::new(Insight::pending()),
    };
    Analysed { insight, retry }
}
