//! `marginalia extract` and `marginalia eval --pages`: article extraction
//! on the command line and its score on a folder of saved pages.
//!
//! A folder of pages is laid out as `../shared/corpus/web-pages/`: one
//! directory per page with `source.html`, `expected.txt` (the article, a
//! paragraph a line) and `meta.json` (`title`, `byline`, … or null). The
//! score is that folder's README metric
//! (`marginalia_core::text::html::article::metric`).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use marginalia_core::text::html::html5::{parse, read_page, Html5ever};
use marginalia_core::text::html::article::metric::{f1, shingle_pr};
use marginalia_core::text::html::snapshot::Snapshot;
use marginalia_core::text::html::{article, read_page_tree, Page};

use crate::args::{Args, Spec};

/// Runs per page when timing (the fastest is kept: the VM is noisy).
const TIMING_RUNS: usize = 3;

/// The article of a page as `marginalia extract` prints it.
pub fn extract_json(page: &Page) -> serde_json::Value {
    let m = &page.extraction.meta;
    serde_json::json!({
        "title": m.title, "byline": m.byline, "published": m.published, "site": m.site,
        "url": m.url, "lang": m.lang, "found": page.extraction.found,
        "text": page.article_body(), "left_out": page.extraction.left_out,
    })
}

/// `marginalia extract [--document | --snapshot] PAGE...`: one JSON object
/// a line. With `--document`, each also holds `document`: the text the app
/// opens for that page (title line and media placeholders included), which
/// the app-and-command-line parity test compares. With `--snapshot`, each
/// PAGE is a snapshot message (`text::html::snapshot`, what the
/// extension's content script sends) instead of HTML.
pub fn extract(args: &[String], out: &mut dyn Write) -> Result<(), String> {
    const EXTRACT: Spec = Spec { command: "extract", values: &[], switches: &["--document", "--snapshot"] };
    let args = Args::parse(args, &EXTRACT)?;
    let (with_document, snapshots) = (args.has("--document"), args.has("--snapshot"));
    let files = &args.positional;
    if files.is_empty() {
        return Err("usage: marginalia extract [--document | --snapshot] PAGE...".into());
    }
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| format!("{f}: {e}"))?;
        if snapshots {
            let snap = Snapshot::parse(&String::from_utf8_lossy(&bytes)).map_err(|e| format!("{f}: {e}"))?;
            writeln!(out, "{}", extract_json(&read_page_tree(snap.root()))).map_err(|e| e.to_string())?;
            continue;
        }
        let html = marginalia_core::ingest::decode_bytes(&bytes).map_err(|e| format!("{f}: {e}"))?;
        let mut json = extract_json(&read_page(&html));
        if with_document {
            json["document"] = match marginalia_core::ingest::ingest_file(f, Some("text/html"), &bytes, &Html5ever) {
                Ok(doc) => serde_json::Value::from(doc.text()),
                Err(e) => serde_json::json!({ "error": e.to_string() }),
            };
        }
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One page's result.
struct Scored {
    name: String,
    precision: f64,
    recall: f64,
    title_ok: Option<bool>,
    byline_ok: Option<bool>,
    millis: f64,
    bytes: usize,
}

/// Collapses whitespace for exact-match comparison.
fn same(a: Option<&str>, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    a.is_some_and(|a| norm(a) == norm(b))
}

fn score_page(dir: &Path) -> Result<Scored, String> {
    let read = |f: &str| std::fs::read(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()));
    let html = marginalia_core::ingest::decode_bytes(&read("source.html")?).map_err(|e| e.to_string())?;
    let want = String::from_utf8_lossy(&read("expected.txt")?).to_string();
    let meta: serde_json::Value = serde_json::from_slice(&read("meta.json")?).map_err(|e| format!("{}: {e}", dir.display()))?;
    let page = read_page(&html);
    let millis = time_extraction(&html);
    let (precision, recall) = shingle_pr(&page.article_body(), &want);
    let m = &page.extraction.meta;
    let check = |key: &str, got: Option<&str>| meta.get(key).and_then(|v| v.as_str()).map(|w| same(got, w));
    Ok(Scored {
        name: dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
        precision,
        recall,
        title_ok: check("title", m.title.as_deref()),
        byline_ok: check("byline", m.byline.as_deref()),
        millis,
        bytes: html.len(),
    })
}

/// The fastest of [`TIMING_RUNS`] extractions of a parsed page
/// (milliseconds; parsing is timed apart, it is the browser's in the app).
fn time_extraction(html: &str) -> f64 {
    let dom = parse(html);
    (0..TIMING_RUNS)
        .map(|_| {
            let t = Instant::now();
            let e = article::extract(&dom.document);
            std::hint::black_box(marginalia_core::text::html::reduce_planned(dom.document.clone(), &e.plan));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

/// `marginalia eval --pages DIR [--show N]`.
pub fn eval(dir: &Path, show: usize, out: &mut dyn Write) -> Result<(), String> {
    let mut dirs: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e} (a folder laid out like ../shared/corpus/web-pages)", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    dirs.sort();
    let scored: Vec<Scored> = dirs.iter().map(|d| score_page(d)).collect::<Result<_, _>>()?;
    report(&scored, show, out).map_err(|e| e.to_string())
}

fn report(scored: &[Scored], show: usize, out: &mut dyn Write) -> std::io::Result<()> {
    let n = scored.len().max(1) as f64;
    let p = scored.iter().map(|s| s.precision).sum::<f64>() / n;
    let r = scored.iter().map(|s| s.recall).sum::<f64>() / n;
    let f1 = f1(p, r);
    let rate = |f: fn(&Scored) -> Option<bool>| {
        let v: Vec<bool> = scored.iter().filter_map(f).collect();
        (v.iter().filter(|b| **b).count(), v.len())
    };
    let (t_ok, t_n) = rate(|s| s.title_ok);
    let (b_ok, b_n) = rate(|s| s.byline_ok);
    writeln!(out, "pages {}  shingle F1 {f1:.3}  precision {p:.3}  recall {r:.3}", scored.len())?;
    writeln!(out, "title exact {t_ok}/{t_n} = {:.3}  byline exact {b_ok}/{b_n} = {:.3}", t_ok as f64 / t_n.max(1) as f64, b_ok as f64 / b_n.max(1) as f64)?;
    let total: f64 = scored.iter().map(|s| s.millis).sum();
    let largest = scored.iter().max_by_key(|s| s.bytes);
    let slowest = scored.iter().max_by(|a, b| a.millis.total_cmp(&b.millis));
    writeln!(out, "extraction + reduction (parse apart, fastest of {TIMING_RUNS}): all pages {total:.1} ms")?;
    if let (Some(l), Some(s)) = (largest, slowest) {
        writeln!(out, "  largest page {} ({} KB): {:.2} ms; slowest {}: {:.2} ms", l.name, l.bytes / 1024, l.millis, s.name, s.millis)?;
    }
    let mut worst: Vec<&Scored> = scored.iter().collect();
    worst.sort_by(|a, b| f1_of(a).total_cmp(&f1_of(b)));
    writeln!(out, "worst pages (F1 precision recall title byline):")?;
    for s in worst.iter().take(show.max(10)) {
        let mark = |b: Option<bool>| match b {
            Some(true) => "ok",
            Some(false) => "WRONG",
            None => "-",
        };
        writeln!(out, "  {:<40} {:.3} {:.3} {:.3} {} {}", s.name, f1_of(s), s.precision, s.recall, mark(s.title_ok), mark(s.byline_ok))?;
    }
    Ok(())
}

fn f1_of(s: &Scored) -> f64 {
    f1(s.precision, s.recall)
}
