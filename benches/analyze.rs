//! Analysis throughput on news text (criterion).
//!
//! Two inputs: the bundled sample article, and the PolNeAR dev articles
//! (US political news, read from ../shared/corpus when present). The same
//! sample-article workload runs in headless Chromium as a wasm build
//! (`tests/browser.rs`, `analysis_speed_in_wasm`) for the native/wasm ratio.
//!
//! Run: `cargo bench --bench analyze` (prints MB/s as "thrpt").

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn news_corpus() -> Option<Vec<String>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/polnear/dev.jsonl");
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let sample = marginalia::sample::sample_document().text().to_string();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(sample.len() as u64));
    group.bench_function("sample article", |b| b.iter(|| black_box(marginalia::analysis::analyze(black_box(&sample)))));
    if let Some(docs) = news_corpus() {
        let bytes: usize = docs.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.sample_size(10);
        group.bench_function("PolNeAR dev (84 articles)", |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(marginalia::analysis::analyze(black_box(d)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
