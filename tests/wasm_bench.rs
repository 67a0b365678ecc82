//! The analysis benchmark compiled to wasm and run in headless Chromium
//! (`cargo test --release --target wasm32-unknown-unknown --test wasm_bench
//! -- --nocapture`), to compare with the native criterion bench
//! (`cargo bench --bench analyze`) on the same input: the sample article.
//! Prints figures; asserts nothing about speed (machines differ).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

#[wasm_bindgen_test]
fn analysis_speed_in_wasm() {
    let doc = marginalia::sample::sample_document();
    let text = doc.text();
    let g0 = now();
    let _ = marginalia::analysis::gazetteer::lookup("Kyiv");
    let g1 = now();
    let _ = marginalia::analysis::tagger::shipped_model();
    let g2 = now();
    let _ = marginalia::analysis::analyze("Warm up: Joe Biden said \"yes\" in Kyiv on Monday.");
    let g3 = now();
    let _ = marginalia::analysis::analyze("Second: Jane Doe said \"no\" in Paris on Friday.");
    let g4 = now();
    console_log!("set-up: gazetteer index {:.2} ms, model {:.2} ms, first short text {:.2} ms, second short text {:.2} ms", g1 - g0, g2 - g1, g3 - g2, g4 - g3);
    let t0 = now();
    let first = marginalia::analysis::analyze(text);
    let cold = now() - t0;
    assert!(!first.entities.is_empty());
    // Warm: repeat for about a second.
    let mut runs = 0u32;
    let t1 = now();
    while now() - t1 < 1000.0 || runs < 20 {
        std::hint::black_box(marginalia::analysis::analyze(std::hint::black_box(text)));
        runs += 1;
    }
    let per_run = (now() - t1) / f64::from(runs);
    let mib_s = text.len() as f64 / (1024.0 * 1024.0) / (per_run / 1000.0);
    console_log!(
        "wasm analysis of the sample article ({} bytes): first run {:.2} ms (includes one-time table set-up), then {:.3} ms per run over {} runs = {:.2} MiB/s",
        text.len(),
        cold,
        per_run,
        runs,
        mib_s
    );
}
