//! The analysis engine's quality bars, checked against the gold files in
//! ../shared/corpus (issues 4 and 8): the sample article, CoNLL-2003 dev,
//! the 2020 Reuters dev set and PolNeAR dev. The same figures are printed by `marginalia eval`.
//!
//! Without the corpus (a clone that is not next to `shared/`), each bar is
//! skipped and one line on the terminal says so; under CI (`CI` set), which
//! has the corpus, a missing corpus fails instead.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

use marginalia_train::eval::{gold_entities, score_entities, score_quotes, score_seed, EntityScores, QuoteScores, NAME_TYPES};
use marginalia::analysis::{analyze, EntityType};

/// `../shared/corpus` next to the checkout, or `$MARGINALIA_CORPUS` when the
/// project is cloned somewhere else.
fn corpus_dir() -> PathBuf {
    match std::env::var_os("MARGINALIA_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    }
}

/// The corpus directory, or `None` (after saying so once) when it is
/// missing outside CI.
fn corpus() -> Option<PathBuf> {
    static SAID: Once = Once::new();
    let dir = corpus_dir();
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    let why = format!("the corpus is not at {} (set MARGINALIA_CORPUS to the shared/corpus directory)", dir.display());
    assert!(std::env::var_os("CI").is_none(), "quality bars cannot run under CI: {why}");
    // Written past the test harness's capture, so it shows on a passing run.
    SAID.call_once(|| {
        let _ = writeln!(std::io::stderr(), "quality bars SKIPPED: {why}");
    });
    None
}

fn read(dir: &std::path::Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("the corpus file {} is needed for this test: {e}", path.display()))
}

fn jsonl(dir: &std::path::Path, name: &str) -> Vec<serde_json::Value> {
    read(dir, name).lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("corpus JSONL")).collect()
}

#[test]
fn sample_article_meets_the_bars() {
    let Some(dir) = corpus() else { return };
    let text = marginalia::text::normalize(&read(&dir, "seed-article.txt"));
    let gold: serde_json::Value = serde_json::from_str(&read(&dir, "seed-article.gold.json")).expect("gold JSON");
    let s = score_seed(&text, &gold);
    let names = s.entities.micro(&NAME_TYPES);
    assert!(names.f1() >= 0.95, "PERSON+PLACE+ORG F1 {:.3} < 0.95; {:?}", names.f1(), s.mistakes);
    assert_eq!((s.quotes.found, s.quotes.gold), (13, 13), "quotation spans");
    assert!(s.quotes.speaker_right >= 12 && s.quotes.with_speaker == 12, "speakers {}/{}", s.quotes.speaker_right, s.quotes.with_speaker);
    assert_eq!((s.posts_right, s.posts_gold), (3, 3), "posts");
    assert_eq!(s.aliases_right, s.aliases_gold, "alias groups: {:?}", s.mistakes);
    // The bundled copy is the corpus article.
    assert_eq!(marginalia::sample::sample_document().text(), text);
}

/// Strict all-types and PERSON+PLACE+ORG F1 of the whole analysis on a
/// CoNLL-style JSONL set.
fn names_f1(dir: &std::path::Path, file: &str) -> (f64, f64) {
    let mut scores = EntityScores::default();
    let types = [EntityType::Person, EntityType::Place, EntityType::Org, EntityType::Misc];
    for d in jsonl(dir, file) {
        let a = analyze(d["text"].as_str().unwrap_or(""));
        score_entities(&a, &gold_entities(&d), &types, &mut scores);
    }
    (scores.micro(&types).f1(), scores.micro(&NAME_TYPES).f1())
}

/// Issue 8's bars: 0.92 (1996) and 0.85 (2020) all types, both met; the
/// PERSON+PLACE+ORG bars hold the level reached (0.933 and 0.880).
#[test]
fn conll_dev_names_meet_the_bar() {
    let Some(dir) = corpus() else { return };
    let (all, names) = names_f1(&dir, "conll2003/dev.jsonl");
    assert!(all >= 0.92, "CoNLL-2003 dev all-types strict F1 {all:.3} < 0.92");
    assert!(names >= 0.93, "CoNLL-2003 dev PERSON+PLACE+ORG strict F1 {names:.3} < 0.93");
}

#[test]
fn modern_news_names_meet_the_bar() {
    let Some(dir) = corpus() else { return };
    let (all, names) = names_f1(&dir, "conll2020/dev.jsonl");
    assert!(all >= 0.85, "CoNLL-2020 dev all-types strict F1 {all:.3} < 0.85");
    assert!(names >= 0.87, "CoNLL-2020 dev PERSON+PLACE+ORG strict F1 {names:.3} < 0.87");
}

#[test]
fn polnear_dev_quotations_meet_the_bars() {
    let Some(dir) = corpus() else { return };
    let mut q = QuoteScores::default();
    for d in jsonl(&dir, "polnear/dev.jsonl") {
        let text = d["text"].as_str().unwrap_or("").to_string();
        score_quotes(&analyze(&text), &d, &text, &mut q);
    }
    assert!(q.recall() >= 0.99, "detection recall {:.3} < 0.99", q.recall());
    // The learned ranker (trained on PolNeAR train only) reaches 0.915
    // (0.914 before descriptions tied to a name were one mention);
    // the rules alone reached 0.889 (with earlier names). The ranker
    // learns on the names the tagger finds, and the tagger's training
    // seed alone moves this figure by half a point: 8 passes without
    // dropout, seeds 42, 1, 2: 0.921, 0.919, 0.922; dropout, 4,000
    // features at 8 bits, seeds 42, 7, 1: 0.918, 0.915, 0.919; the shipped
    // training (6,000 features at 4 bits), seeds 42, 7, 1: 0.914, 0.918,
    // 0.918, while on the folds, eight times as many quotations, all nine
    // of those names give 5,651–5,667 of 6,227 (ranker seed 42), the three
    // trainings alike. So the bar sits
    // under that spread: a change to the names is judged on the folds
    // (docs/names.md, "Feature dropout" and "More features in fewer
    // bits"), not on three quotations of dev.
    assert!(q.speaker_accuracy() >= 0.91, "speaker accuracy {:.3} < 0.91", q.speaker_accuracy());
}

/// Retraining reproduces the shipped speaker model byte for byte (issue
/// 23): the file in `crates/core/src/analysis/data` is what `marginalia
/// train --speakers` writes from PolNeAR train with the default settings,
/// so a change to the ranker's features cannot ship with a stale model.
#[test]
fn the_shipped_speaker_model_is_what_training_writes() {
    let Some(dir) = corpus() else { return };
    use marginalia_train::speakers::{train, DEFAULT_SPEAKER_EPOCHS, DEFAULT_SPEAKER_ORDERS};
    let out = std::env::temp_dir().join(format!("marginalia-speaker-{}.model", std::process::id()));
    let seed = marginalia_train::cli::DEFAULT_SEED;
    train(&dir, DEFAULT_SPEAKER_EPOCHS, seed, DEFAULT_SPEAKER_ORDERS, &out, &mut std::io::sink()).expect("training runs");
    let trained = std::fs::read_to_string(&out).expect("the trained model was written");
    let _ = std::fs::remove_file(&out);
    let shipped = include_str!("../crates/core/src/analysis/data/speaker.model");
    assert!(trained == shipped, "the shipped speaker model is stale: run `cargo run --release --bin marginalia -- train --speakers` and commit the model");
}

/// Issue 19's bars on the saved web pages (dev): article shingle F1 ≥ 0.95,
/// title exact-match ≥ 0.90 and byline ≥ 0.75 where the page states one;
/// and every page keeps extraction's invariants (the fuzz target's check).
/// `marginalia eval --pages` prints the same figures with the worst pages.
#[test]
fn web_pages_extraction_meets_the_bars() {
    use marginalia::text::html::article::metric::{f1, shingle_pr};
    let Some(dir) = corpus() else { return };
    let (mut p, mut r, mut n) = (0.0, 0.0, 0usize);
    let (mut titles, mut bylines) = ((0, 0), (0, 0));
    let same = |a: Option<&str>, b: &str| a.is_some_and(|a| a.split_whitespace().eq(b.split_whitespace()));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir.join("web-pages")).expect("web-pages").filter_map(|e| Some(e.ok()?.path())).collect();
    dirs.sort();
    for page in dirs.iter().filter(|d| d.join("source.html").is_file()) {
        let html = String::from_utf8_lossy(&std::fs::read(page.join("source.html")).expect("source")).to_string();
        marginalia::fuzz_checks::article_extraction(&html);
        let got = marginalia::text::html::html5::read_page(&html);
        let (pp, rr) = shingle_pr(&got.article_body(), &read(page, "expected.txt"));
        (p, r, n) = (p + pp, r + rr, n + 1);
        let meta: serde_json::Value = serde_json::from_str(&read(page, "meta.json")).expect("meta.json");
        let m = &got.extraction.meta;
        if let Some(t) = meta["title"].as_str() {
            titles = (titles.0 + usize::from(same(m.title.as_deref(), t)), titles.1 + 1);
        }
        if let Some(b) = meta["byline"].as_str() {
            bylines = (bylines.0 + usize::from(same(m.byline.as_deref(), b)), bylines.1 + 1);
        }
    }
    let score = f1(p / n as f64, r / n as f64);
    assert!(score >= 0.95, "web pages shingle F1 {score:.3} < 0.95 over {n} pages");
    assert!(titles.0 as f64 >= 0.90 * titles.1 as f64, "titles {}/{}", titles.0, titles.1);
    assert!(bylines.0 as f64 >= 0.75 * bylines.1 as f64, "bylines {}/{}", bylines.0, bylines.1);
}

/// The extension reads a live page from a snapshot message (issue 21): on
/// every dev page, the article and metadata read from the page's snapshot
/// are the ones read from the page.
#[test]
fn web_pages_read_the_same_from_their_snapshot() {
    use marginalia::text::html::snapshot::{of_tree, Snapshot};
    let Some(dir) = corpus() else { return };
    let mut differ = Vec::new();
    for e in std::fs::read_dir(dir.join("web-pages")).expect("web-pages").filter_map(Result::ok) {
        let Ok(bytes) = std::fs::read(e.path().join("source.html")) else { continue };
        let html = String::from_utf8_lossy(&bytes).to_string();
        let dom = marginalia::text::html::html5::parse(&html);
        let snap = Snapshot::parse(&of_tree(&dom.document)).expect("a page's own snapshot reads");
        let (got, want) = (marginalia::text::html::read_page_tree(snap.root()), marginalia::text::html::read_page_tree(dom.document.clone()));
        if (got.article, got.extraction.meta) != (want.article, want.extraction.meta) {
            differ.push(e.file_name().to_string_lossy().to_string());
        }
    }
    assert!(differ.is_empty(), "read differently from their snapshot: {differ:?}");
}
