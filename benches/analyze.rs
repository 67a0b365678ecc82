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
//! A fourth reads back a saved record as a reload does
//! (`store::persist::decode_record`): the PolNeAR dev articles as one long
//! article with 5,000 annotations (issue 20: the storage read is the first
//! task of a heavy reload).
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

/// Reading back a long article's saved record with 5,000 annotations, on
/// words that start with a capital (as the heavy e2e benchmark's file).
fn load_record(c: &mut Criterion) {
    use marginalia::model::{Annotation, AnnotationId, DocData, Target, Timestamp};
    use std::rc::Rc;
    let Some(docs) = news_corpus() else {
        eprintln!("load record: skipped, ../shared/corpus/polnear/dev.jsonl not found");
        return;
    };
    let long = marginalia::model::Document::from_raw(&format!("PolNeAR dev as one article\n{}", docs.join("\n")), None);
    let mut data = DocData::default();
    let text = long.text();
    let starts = text.char_indices().filter(|(b, ch)| ch.is_uppercase() && !text[..*b].ends_with(char::is_alphanumeric)).map(|(b, _)| b);
    for (i, b) in starts.take(5_000).enumerate() {
        let start = text[..b].chars().count();
        let len = text[b..].chars().take_while(|c| c.is_alphanumeric()).count();
        let Some(target) = Target::describe(&long, marginalia::text::CharRange::new(start, start + len)) else { continue };
        let id = AnnotationId::parse(&format!("a{i}")).expect("an id");
        data.annotations.push(Rc::new(Annotation { id, target, label: data.labels[0].id.clone(), note: format!("note {i}"), created: Timestamp(1), updated: Timestamp(2) }));
    }
    let record = marginalia::store::persist::encode_record(&long, &data, 1, Timestamp(3));
    eprintln!("load record: {} characters, {} annotations, a record of {} bytes", text.chars().count(), data.annotations.len(), record.len());
    let mut group = c.benchmark_group("load record");
    group.throughput(Throughput::Bytes(record.len() as u64));
    group.sample_size(20);
    group.bench_function("PolNeAR dev as one article, 5,000 annotations", |b| b.iter(|| black_box(marginalia::store::persist::decode_record(black_box(&record)))));
    group.finish();
}

criterion_group!(benches, bench, read_answer, load_record);
criterion_main!(benches);
