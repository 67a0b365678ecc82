//! `marginalia extract` and `marginalia eval --pages`: article extraction
//! on the command line and its score on a folder of saved pages.
//!
//! A folder of pages is laid out as `../shared/corpus/web-pages/`: one
//! directory per page with `source.html`, `expected.txt` (the article, a
//! paragraph a line) and `meta.json` (`title`, `byline`, … or null). The
//! score is that folder's README metric: shingle F1 over `\w+` tokens,
//! shingles of four, precision and recall per page over multisets,
//! averaged over pages, F1 from the two averages.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use marginalia_core::text::html::html5::{parse, read_page};
use marginalia_core::text::html::{article, Page};

/// Tokens per shingle.
const SHINGLE: usize = 4;
/// Runs per page when timing (the fastest is kept: the VM is noisy).
const TIMING_RUNS: usize = 3;

/// The article of a page as `marginalia extract` prints it.
pub fn extract_json(page: &Page) -> serde_json::Value {
    let m = &page.extraction.meta;
    serde_json::json!({
        "title": m.title, "byline": m.byline, "published": m.published, "site": m.site,
        "url": m.url, "lang": m.lang, "found": page.extraction.found,
        "text": body(page), "left_out": page.extraction.left_out,
    })
}

/// `marginalia extract PAGE.html...`: one JSON object a line.
pub fn extract(files: &[String], out: &mut dyn Write) -> Result<(), String> {
    if files.is_empty() {
        return Err("usage: marginalia extract PAGE.html...".into());
    }
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| format!("{f}: {e}"))?;
        let html = marginalia_core::ingest::decode_bytes(&bytes).map_err(|e| format!("{f}: {e}"))?;
        writeln!(out, "{}", extract_json(&read_page(&html))).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The article's text: without the title line the reduction puts first
/// (it is `title`) and without the `{image_N}` lines that mark where media
/// stood in the app (they are not the page's text).
pub fn body(page: &Page) -> String {
    let text = &page.article.text;
    let text = match &page.article.title {
        Some(t) => text.strip_prefix(t.as_str()).map_or(text.as_str(), |rest| rest.trim_start_matches('\n')),
        None => text.as_str(),
    };
    text.lines().filter(|l| !is_placeholder(l)).collect::<Vec<_>>().join("\n")
}

/// `{image_3}`, `{video_1}`: a media placeholder line.
fn is_placeholder(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('{').and_then(|l| l.strip_suffix('}')) else { return false };
    inner.split_once('_').is_some_and(|(kind, n)| matches!(kind, "image" | "video") && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `\w+` tokens.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

/// The multiset of shingles of `text` (a text shorter than one shingle is
/// one shingle of what it has).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let t = tokens(text);
    let mut m = HashMap::new();
    if t.is_empty() {
        return m;
    }
    if t.len() < SHINGLE {
        m.insert(t, 1);
        return m;
    }
    for w in t.windows(SHINGLE) {
        *m.entry(w.to_vec()).or_insert(0) += 1;
    }
    m
}

/// Precision and recall of `got` against `want`.
pub fn shingle_pr(got: &str, want: &str) -> (f64, f64) {
    let (g, w) = (shingles(got), shingles(want));
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    if ng == 0 && nw == 0 {
        return (1.0, 1.0);
    }
    let tp: usize = g.iter().map(|(k, c)| (*c).min(w.get(k).copied().unwrap_or(0))).sum();
    let p = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
    let r = if nw == 0 { 1.0 } else { tp as f64 / nw as f64 };
    (p, r)
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
    let (precision, recall) = shingle_pr(&body(&page), &want);
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
    let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
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
    if s.precision + s.recall == 0.0 {
        0.0
    } else {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_metric() {
        assert_eq!(shingle_pr("a b c d e", "a b c d e"), (1.0, 1.0));
        let (p, r) = shingle_pr("a b c d e f", "a b c d e");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert_eq!(shingle_pr("", ""), (1.0, 1.0));
        assert_eq!(shingle_pr("", "a b c d"), (0.0, 0.0));
    }
}
