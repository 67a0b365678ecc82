//! Analysis throughput on news text (criterion).
//!
//! Two inputs: the bundled sample article, and the PolNeAR dev articles
//! (US political news, read from ../shared/corpus when present). The same
//! sample-article workload runs in headless Chromium as a wasm build
//! (`tests/browser.rs`, `analysis_speed_in_wasm`) for the native/wasm ratio.
//!
//! A third group reads the analysis worker's answer back as the page does
//! (`analysis::worker::read_answer`) for the PolNeAR dev articles as one
//! long article (issue 20: reading a long article's answer had been one
//! task of over 50 ms in the browser), and prints the answer's size.
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

/// Reading the worker's answer for one long article of real news.
fn read_answer(c: &mut Criterion) {
    let Some(docs) = news_corpus() else {
        eprintln!("read answer: skipped, ../shared/corpus/polnear/dev.jsonl not found");
        return;
    };
    let long = marginalia::model::Document::from_raw(&format!("PolNeAR dev as one article\n{}", docs.join("\n")), None);
    let answer = marginalia::analysis::worker::answer(&marginalia::analysis::worker::request(&long));
    eprintln!("read answer: {} characters of news, an answer of {} bytes", long.text().chars().count(), answer.len());
    let mut group = c.benchmark_group("read answer");
    group.throughput(Throughput::Bytes(answer.len() as u64));
    group.bench_function("PolNeAR dev as one article", |b| b.iter(|| black_box(marginalia::analysis::worker::read_answer(black_box(&answer), &long))));
    group.finish();
}

criterion_group!(benches, bench, read_answer);
criterion_main!(benches);
