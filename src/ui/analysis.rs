//! The hook that runs the analysis for the open document.
//!
//! An ordinary article is analysed during the render that opens it (the
//! sample takes a few milliseconds), so its entities show with its text. A
//! long one is analysed off the page's thread, in the analysis worker
//! (`platform::worker`, issue 20): 450,000 characters of real news cost
//! 356–368 ms of analysis, a freeze on the page. Where the worker cannot
//! run (or fails), and always in the embedded widget (a guest on someone
//! else's page starts no worker), the analysis runs in tasks of its own
//! after the first screen. Until it is done the insight bar says
//! "Analysing…"; for a long article its time is the worker's round trip.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::insight::Insight;
use crate::platform::worker::AnalysisWorker;
use crate::store::{suggest, OpenDoc};
use crate::text::DocHash;

/// Texts longer than this (in code points) are analysed after the first
/// paint rather than during it.
pub const DEFER_ANALYSIS_CHARS: usize = 100_000;

fn analyse(doc: &OpenDoc) -> Insight {
    let t0 = crate::platform::clock::precise_ms();
    let analysis = crate::analysis::analyze_document(&doc.document);
    let ms = crate::platform::clock::precise_ms() - t0;
    let suggestions = suggest::suggestions(&analysis);
    Insight { analysis, suggestions, ms, pending: false }
}

/// Timers of steps scheduled by [`one_per_task`].
type Timers = Rc<RefCell<Vec<Timeout>>>;

/// Runs `steps` in order, each in a task of its own. A timer is kept in
/// `timers` until they are cleared (never dropped while its step runs).
fn one_per_task(mut steps: VecDeque<Box<dyn FnOnce()>>, timers: Timers) {
    let Some(step) = steps.pop_front() else { return };
    let next = timers.clone();
    let timer = Timeout::new(0, move || {
        step();
        one_per_task(steps, next);
    });
    timers.borrow_mut().push(timer);
}

/// The analysis of `doc`: at once for an ordinary article; for a long one,
/// in the analysis worker (issue 20: never on the page's thread for
/// long), or, where the worker cannot run, in later tasks on the page.
#[hook]
pub fn use_analysis(doc: Rc<OpenDoc>) -> Rc<Insight> {
    let long = doc.document.indexed.char_len() > DEFER_ANALYSIS_CHARS;
    use_analysis_when(doc, long.then_some(in_the_worker as Later))
}

/// The analysis of `doc`, always in later tasks. A guest on someone else's
/// page (the embedded widget) must not hold the host's main thread for
/// long, whatever the article's length.
#[hook]
pub fn use_analysis_later(doc: Rc<OpenDoc>) -> Rc<Insight> {
    use_analysis_when(doc, Some(on_the_page as Later))
}

/// Where a finished analysis goes: the document it is for and its insight.
type Done = UseStateHandle<Option<(DocHash, Rc<Insight>)>>;

/// How an analysis runs after the render: [`on_the_page`] or
/// [`in_the_worker`]. Chosen by the hook each shell calls, so the widget,
/// which starts no worker, does not carry the worker's code.
type Later = fn(Rc<OpenDoc>, Done, Timers);

/// The analysis steps on the page: the tables first, a step per task (tens
/// of milliseconds each the first time, [`crate::analysis::WARM_UP`]), then
/// the text.
fn on_the_page(doc: Rc<OpenDoc>, done: Done, timers: Timers) {
    let mut steps: VecDeque<Box<dyn FnOnce()>> = crate::analysis::WARM_UP.iter().map(|f| Box::new(*f) as Box<dyn FnOnce()>).collect();
    steps.push_back(Box::new(move || {
        let insight = Rc::new(analyse(&doc));
        done.set(Some((doc.document.hash.clone(), insight)));
    }));
    one_per_task(steps, timers);
}

/// Asks the analysis worker; an answer for another document is dropped,
/// and a worker that fails hands the work back to the page (said in the
/// console) rather than leave the panel empty.
fn in_the_worker(doc: Rc<OpenDoc>, done: Done, timers: Timers) {
    let Some(worker) = AnalysisWorker::get() else { return on_the_page(doc, done, timers) };
    let t0 = crate::platform::clock::precise_ms();
    let request = crate::analysis::worker::request(&doc.document);
    let fallback = (doc.clone(), done.clone(), timers.clone());
    let sent = worker.ask(&request, move |answer| {
        let read = answer.and_then(|json| crate::analysis::worker::read_answer(&json));
        match read {
            Ok((hash, analysis)) if hash == doc.document.hash.to_string() => {
                let ms = crate::platform::clock::precise_ms() - t0;
                let suggestions = suggest::suggestions(&analysis);
                done.set(Some((doc.document.hash.clone(), Rc::new(Insight { analysis, suggestions, ms, pending: false }))));
            }
            Ok(_) => {} // for a document no longer open
            Err(e) => {
                web_sys::console::warn_1(&format!("Marginalia: {e}; analysing on the page instead.").into());
                on_the_page(doc.clone(), done.clone(), timers.clone());
            }
        }
    });
    if sent.is_err() {
        let (doc, done, timers) = fallback;
        on_the_page(doc, done, timers);
    }
}

/// The analysis of `doc`, computed during this render, or after it by
/// `later`.
#[hook]
fn use_analysis_when(doc: Rc<OpenDoc>, later: Option<Later>) -> Rc<Insight> {
    let hash = doc.document.hash.clone();
    let now = {
        let doc = doc.clone();
        use_memo(hash.clone(), move |_| later.is_none().then(|| Rc::new(analyse(&doc))))
    };
    let done = use_state(|| None::<(DocHash, Rc<Insight>)>);
    {
        let done = done.clone();
        use_effect_with(hash.clone(), move |_| {
            let timers: Timers = Rc::default();
            if let Some(run) = later {
                run(doc, done, timers.clone());
            }
            // Dropping the timers cancels the steps that have not run.
            move || timers.borrow_mut().clear()
        });
    }
    if let Some(insight) = now.as_ref() {
        return insight.clone();
    }
    match done.as_ref() {
        Some((h, insight)) if *h == hash => insight.clone(),
        _ => Rc::new(Insight { analysis: Default::default(), suggestions: Vec::new(), ms: 0.0, pending: true }),
    }
}
