//! The hook that runs the analysis for the open document.
//!
//! An ordinary article is analysed during the render that opens it (the
//! sample takes a few milliseconds), so its entities show with its text. A
//! long one is analysed in tasks of their own after the first screen is
//! painted: a 450,000-character article costs about 150 ms of analysis,
//! which added to building the page would make one task over the 200 ms a
//! reader feels as a freeze (issue 10, item 5). Until it is done the
//! insight bar says "Analysing…".

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::insight::Insight;
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
/// an empty, pending insight until later tasks have computed it.
#[hook]
pub fn use_analysis(doc: Rc<OpenDoc>) -> Rc<Insight> {
    let long = doc.document.indexed.char_len() > DEFER_ANALYSIS_CHARS;
    use_analysis_when(doc, long)
}

/// The analysis of `doc`, always in later tasks. A guest on someone else's
/// page (the embedded widget) must not hold the host's main thread for
/// long, whatever the article's length.
#[hook]
pub fn use_analysis_later(doc: Rc<OpenDoc>) -> Rc<Insight> {
    use_analysis_when(doc, true)
}

/// The analysis of `doc`, computed during this render or (`later`) in
/// tasks after it: the analysis tables first, a step per task (tens of
/// milliseconds each the first time, [`crate::analysis::WARM_UP`]), then
/// the text.
#[hook]
fn use_analysis_when(doc: Rc<OpenDoc>, later: bool) -> Rc<Insight> {
    let hash = doc.document.hash.clone();
    let now = {
        let doc = doc.clone();
        use_memo(hash.clone(), move |_| (!later).then(|| Rc::new(analyse(&doc))))
    };
    let done = use_state(|| None::<(DocHash, Rc<Insight>)>);
    {
        let done = done.clone();
        use_effect_with(hash.clone(), move |_| {
            let timers: Timers = Rc::default();
            if later {
                let mut steps: VecDeque<Box<dyn FnOnce()>> = crate::analysis::WARM_UP.iter().map(|f| Box::new(*f) as Box<dyn FnOnce()>).collect();
                steps.push_back(Box::new(move || {
                    let insight = Rc::new(analyse(&doc));
                    done.set(Some((doc.document.hash.clone(), insight)));
                }));
                one_per_task(steps, timers.clone());
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
