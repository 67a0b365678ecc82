//! The hook that runs the analysis for the open document.
//!
//! An ordinary article is analysed during the render that opens it (the
//! sample takes a few milliseconds), so its entities show with its text. A
//! long one is analysed in a task of its own after the first screen is
//! painted: a 450,000-character article costs about 150 ms of analysis,
//! which added to building the page would make one task over the 200 ms a
//! reader feels as a freeze (issue 10, item 5). Until it is done the
//! insight bar says "Analysing…".

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
    let analysis = crate::analysis::analyze_indexed(&doc.document.indexed);
    let ms = crate::platform::clock::precise_ms() - t0;
    let suggestions = suggest::suggestions(&analysis);
    Insight { analysis, suggestions, ms, pending: false }
}

/// The analysis of `doc`: at once for an ordinary article; for a long one,
/// an empty, pending insight until a later task has computed it.
#[hook]
pub fn use_analysis(doc: Rc<OpenDoc>) -> Rc<Insight> {
    let hash = doc.document.hash.clone();
    let long = doc.document.indexed.char_len() > DEFER_ANALYSIS_CHARS;
    let now = {
        let doc = doc.clone();
        use_memo(hash.clone(), move |_| (!long).then(|| Rc::new(analyse(&doc))))
    };
    let later = use_state(|| None::<(DocHash, Rc<Insight>)>);
    {
        let later = later.clone();
        use_effect_with(hash.clone(), move |_| {
            let task = long.then(|| {
                Timeout::new(0, move || {
                    let insight = Rc::new(analyse(&doc));
                    later.set(Some((doc.document.hash.clone(), insight)));
                })
            });
            move || drop(task)
        });
    }
    if let Some(insight) = now.as_ref() {
        return insight.clone();
    }
    match later.as_ref() {
        Some((h, insight)) if *h == hash => insight.clone(),
        _ => Rc::new(Insight { analysis: Default::default(), suggestions: Vec::new(), ms: 0.0, pending: true }),
    }
}
