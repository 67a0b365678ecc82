//! Replays every input in `tests/fuzz_cases/<target>/` through the same
//! checks the fuzz targets run (`marginalia::fuzz_checks`), so a crash a
//! fuzzer once found stays fixed without nightly or cargo-fuzz. Add a case
//! by copying the crash file cargo-fuzz wrote (`fuzz/artifacts/<target>/`)
//! into the folder of its target.

use std::path::Path;

use marginalia::fuzz_checks::{analysis_in_bounds, article_extraction, canonical_document, import_round_trip, mapped_reduction, model_file_round_trip, reanchor_in_bounds, snapshot_reading};
use marginalia::text::html::html5::Html5ever;
use marginalia::ingest::ingest_file;

fn cases(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_cases").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?)))
        .collect();
    out.sort();
    out
}

#[test]
fn ingest_cases() {
    for (name, data) in cases("ingest") {
        let Some((&pick, bytes)) = data.split_first() else { continue };
        let file = ["story.html", "story.md", "story.txt", "story"][usize::from(pick) % 4];
        if let Ok(doc) = ingest_file(file, None, bytes, &Html5ever) {
            canonical_document(&doc);
        }
        if let (0, Ok(html)) = (pick % 4, std::str::from_utf8(bytes)) {
            mapped_reduction(html);
        }
        eprintln!("ingest case {name} ok");
    }
}

#[test]
fn import_cases() {
    for (_, data) in cases("import") {
        import_round_trip(&data);
    }
}

#[test]
fn analyze_cases() {
    for (_, data) in cases("analyze") {
        analysis_in_bounds(&marginalia::text::normalize(&String::from_utf8_lossy(&data)));
    }
}

#[test]
fn reanchor_cases() {
    for (_, data) in cases("reanchor") {
        reanchor_in_bounds(&data);
    }
}

#[test]
fn model_cases() {
    for (_, data) in cases("model") {
        model_file_round_trip(&data);
    }
    // The shipped models, and every cut of one's first kilobyte.
    for model in [&include_bytes!("../crates/core/src/analysis/data/ner.model")[..], include_bytes!("../crates/core/src/analysis/data/ner2.model")] {
        model_file_round_trip(model);
        (0..1024).for_each(|cut| model_file_round_trip(&model[..cut]));
    }
}

#[test]
fn seeds_pass() {
    // A few hand-made seeds, so the checks themselves are exercised even
    // before any crash has been found.
    analysis_in_bounds("WASHINGTON (Reuters) - \"We are ready,\" Antony Blinken said on Monday.");
    import_round_trip(br#"{"format":"marginalia","formatVersion":1}"#);
    let mut r = vec![3u8, 5];
    r.extend_from_slice("The talks in Kyiv resumed.\0Talks in Kyiv resumed on Monday.".as_bytes());
    reanchor_in_bounds(&r);
}

#[test]
fn extract_cases() {
    for (name, data) in cases("extract") {
        if let Ok(html) = std::str::from_utf8(&data) {
            article_extraction(html);
        }
        eprintln!("extract case {name} ok");
    }
}

#[test]
fn snapshot_cases() {
    for (name, data) in cases("snapshot") {
        if let Ok(json) = std::str::from_utf8(&data) {
            snapshot_reading(json);
        }
        eprintln!("snapshot case {name} ok");
    }
}
