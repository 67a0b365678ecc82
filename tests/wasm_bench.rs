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
    // As criterion does natively: warm up (V8 first runs Liftoff code and
    // swaps in optimised TurboFan code in the background), then time
    // several samples and report their median.
    let t_warm = now();
    while now() - t_warm < 2000.0 {
        std::hint::black_box(marginalia::analysis::analyze(std::hint::black_box(text)));
    }
    let mut samples: Vec<(f64, u32)> = Vec::new();
    for _ in 0..7 {
        let mut runs = 0u32;
        let t1 = now();
        while now() - t1 < 400.0 || runs < 10 {
            std::hint::black_box(marginalia::analysis::analyze(std::hint::black_box(text)));
            runs += 1;
        }
        samples.push(((now() - t1) / f64::from(runs), runs));
    }
    samples.sort_by(|a, b| a.0.total_cmp(&b.0));
    let per_run = samples[samples.len() / 2].0;
    let runs: u32 = samples.iter().map(|s| s.1).sum();
    let mib_s = text.len() as f64 / (1024.0 * 1024.0) / (per_run / 1000.0);
    console_log!(
        "wasm analysis of the sample article ({} bytes): first run {:.2} ms (includes one-time table set-up); after a 2 s warm-up, median {:.3} ms per run (samples {:.3}..{:.3} ms, {} runs) = {:.2} MiB/s",
        text.len(),
        cold,
        per_run,
        samples[0].0,
        samples[samples.len() - 1].0,
        runs,
        mib_s
    );
}
