//! Web entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    marginalia::ui::start();
}

/// The analysis worker's side of a request (`static/analysis-worker.js`
/// loads this same module in the worker and calls it; issue 20).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn marginalia_analysis_answer(request: &str) -> String {
    marginalia::analysis::worker::answer(request)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-app is the web app: build and serve it with `trunk serve` (see README.md).");
    std::process::exit(2);
}
