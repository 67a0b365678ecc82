//! The analysis worker's wasm entry (issue 20), built by Trunk as
//! `marginalia-analysis.js` + `marginalia-analysis_bg.wasm` and loaded by
//! `static/analysis-worker.js` in a Web Worker. It is the only binary that
//! reaches the analysis (the tagger's models, the word clusters, the
//! gazetteer, the speaker ranker), so the page's own wasm (`marginalia-app`,
//! `marginalia-widget`) does not carry them: the first screen downloads the
//! UI and the store only.

#[cfg(target_arch = "wasm32")]
mod engine {
    use wasm_bindgen::prelude::*;

    /// One request in, one answer out (both JSON: `analysis::worker`).
    #[wasm_bindgen]
    pub fn answer(request: &str) -> String {
        marginalia::analysis::worker::answer(request)
    }

    /// How many warm-up steps there are (`analysis::WARM_UP`: the tables,
    /// then one short analysis), so the worker can time each.
    #[wasm_bindgen]
    pub fn warm_up_steps() -> usize {
        marginalia::analysis::WARM_UP.len()
    }

    /// Runs warm-up step `i` (nothing past the last).
    #[wasm_bindgen]
    pub fn warm_up_step(i: usize) {
        if let Some(step) = marginalia::analysis::WARM_UP.get(i) {
            step();
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-analysis is the web app's analysis worker: `trunk build` builds it (see README.md).");
    std::process::exit(2);
}
