//! `marginalia analyze` over a whole corpus: JSONL on stdin, or a folder
//! of `.txt`, `.md` and `.html` files, on every core.
//!
//! Documents are read in batches ([`BATCH_PER_JOB`] per job), analysed by
//! `jobs` threads that take the next document as they finish one, and
//! written in input order, so the output is byte for byte what one job
//! writes and memory stays flat on a corpus of any size. The engine is
//! deterministic and its tables are shared read-only, so threads need no
//! coordination beyond the index of the next document.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use marginalia_train::cli;

/// Documents read per job before the batch is analysed and written: a
/// batch long enough that no job waits for the slowest document of the
/// batch for long, short enough that output follows input closely.
pub const BATCH_PER_JOB: usize = 64;

/// File name endings `analyze DIR` reads (case-insensitive).
pub const EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "xhtml"];

/// How often the progress line is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// The number of jobs: `--jobs N` when given (at least 1), else one per
/// core the system offers.
pub fn jobs(flag: Option<&str>) -> Result<usize, String> {
    match flag {
        Some(n) => n.parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| format!("--jobs {n}: give a whole number of 1 or more")),
        None => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
    }
}

/// `work` applied to every item on `jobs` threads; the results in the
/// items' order.
pub fn map_ordered<T: Sync, R: Send>(items: &[T], jobs: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if jobs <= 1 || items.len() <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..jobs.min(items.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break mine };
                        mine.push((i, work(item)));
                    }
                })
            })
            .collect();
        // A worker that panicked lost its documents: say so rather than
        // write a corpus with holes.
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Documents done, for the progress line and the closing summary.
pub struct Progress {
    started: Instant,
    drawn: Instant,
    docs: usize,
    bytes: usize,
    total: Option<usize>,
    /// Redraw a line in place (stderr is a terminal and it was asked for).
    live: bool,
    jobs: usize,
}

impl Progress {
    /// Progress of `jobs` jobs over `total` documents, if known; drawn
    /// live when `show` and stderr is a terminal.
    pub fn new(total: Option<usize>, jobs: usize, show: bool) -> Self {
        let now = Instant::now();
        Progress { started: now, drawn: now, docs: 0, bytes: 0, total, live: show && std::io::stderr().is_terminal(), jobs }
    }

    fn add(&mut self, docs: usize, bytes: usize) {
        self.docs += docs;
        self.bytes += bytes;
        if self.live && self.drawn.elapsed() >= PROGRESS_EVERY {
            self.drawn = Instant::now();
            eprint!("\r{}", self.line());
        }
    }

    fn line(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-9);
        let of = self.total.map(|t| format!("/{t}")).unwrap_or_default();
        format!(
            "{}{of} documents, {:.1} MB in {secs:.1} s: {:.1} documents/s, {:.2} MB/s ({} jobs)",
            self.docs,
            self.bytes as f64 / 1e6,
            self.docs as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
            self.jobs
        )
    }

    /// The closing summary, on a line of its own.
    pub fn finish(&self) {
        if self.live {
            eprint!("\r");
        }
        eprintln!("analysed {}", self.line());
    }
}

/// Analyses JSONL `{"id", "text"}` lines from `input` into `out`, one line
/// per document in input order. A bad line is reported on stderr with its
/// number and id and the rest still analysed; returns how many failed.
pub fn analyze_jsonl(input: impl BufRead, out: &mut dyn Write, jobs: usize, progress: &mut Progress) -> Result<usize, String> {
    let mut failed = 0;
    let mut lines = input.lines().enumerate();
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(jobs * BATCH_PER_JOB);
        for (n, line) in lines.by_ref() {
            let line = line.map_err(|e| format!("reading line {}: {e}", n + 1))?;
            if !line.trim().is_empty() {
                batch.push((n + 1, line));
            }
            if batch.len() == jobs * BATCH_PER_JOB {
                break;
            }
        }
        if batch.is_empty() {
            return Ok(failed);
        }
        let results = map_ordered(&batch, jobs, |(_, line)| cli::analyze_jsonl_line(line));
        for ((n, line), result) in batch.iter().zip(results) {
            match result {
                Ok(json) => writeln!(out, "{json}").map_err(|e| e.to_string())?,
                Err(e) => {
                    failed += 1;
                    let id = cli::jsonl_line_id(line).map(|id| format!(" (id {id})")).unwrap_or_default();
                    eprintln!("line {n}{id}: {e}");
                }
            }
        }
        progress.add(batch.len(), batch.iter().map(|(_, l)| l.len()).sum());
    }
}

/// The files under `dir` that `analyze DIR` reads ([`EXTENSIONS`]), in
/// path order; hidden files and folders are left out.
pub fn corpus_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", folder.display()))?.path();
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
            } else if has_corpus_extension(&path) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn has_corpus_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Analyses `files` (named in the output relative to `root`) into `out`,
/// one line per file in order, as `analyze FILE` reads each; a file that
/// cannot be read or analysed is reported on stderr and the rest still
/// analysed. Returns how many failed.
pub fn analyze_files(files: &[PathBuf], root: Option<&Path>, out: &mut dyn Write, jobs: usize, progress: &mut Progress) -> Result<usize, String> {
    let mut failed = 0;
    for batch in files.chunks(jobs * BATCH_PER_JOB) {
        let results = map_ordered(batch, jobs, |path| {
            let name = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path).to_string_lossy().into_owned();
            let bytes = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
            let json = cli::analyze_file(&name, &bytes, &marginalia_core::text::html::html5::Html5ever).map_err(|e| format!("{name}: {e}"))?;
            Ok::<_, String>((json, bytes.len()))
        });
        let mut bytes = 0;
        for result in results {
            match result {
                Ok((json, n)) => {
                    bytes += n;
                    writeln!(out, "{json}").map_err(|e| e.to_string())?;
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("{e}");
                }
            }
        }
        progress.add(batch.len(), bytes);
    }
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_whatever_the_jobs() {
        let items: Vec<u64> = (0..1000).collect();
        let one = map_ordered(&items, 1, |x| x * x);
        for jobs in [2, 3, 8] {
            assert_eq!(map_ordered(&items, jobs, |x| x * x), one, "{jobs} jobs");
        }
        assert!(map_ordered(&Vec::<u64>::new(), 4, |x| *x).is_empty());
    }

    #[test]
    fn jobs_table() {
        assert_eq!(jobs(Some("3")), Ok(3));
        assert!(jobs(Some("0")).is_err());
        assert!(jobs(Some("two")).is_err());
        assert!(jobs(None).is_ok_and(|n| n >= 1));
    }

    fn jsonl(input: &str, jobs: usize) -> (String, usize) {
        let mut out = Vec::new();
        let mut progress = Progress::new(None, jobs, false);
        let failed = analyze_jsonl(input.as_bytes(), &mut out, jobs, &mut progress).unwrap_or(usize::MAX);
        (String::from_utf8(out).unwrap_or_default(), failed)
    }

    #[test]
    fn jsonl_is_the_same_bytes_with_one_job_or_many() {
        let docs: String = (0..300)
            .map(|i| format!("{{\"id\":{i},\"text\":\"Mayor Ana Ruiz said on Monday {i} ships would dock in Lisbon.\"}}\n"))
            .collect();
        let (one, failed) = jsonl(&docs, 1);
        assert_eq!(failed, 0);
        assert_eq!(one.lines().count(), 300);
        assert_eq!(jsonl(&docs, 3), (one, 0));
    }

    #[test]
    fn a_bad_line_is_counted_and_the_rest_analysed() {
        let (out, failed) = jsonl("{\"id\":1,\"text\":\"Ana Ruiz spoke.\"}\nnot json\n\n{\"id\":2}\n{\"id\":3,\"text\":\"Lisbon.\"}\n", 2);
        assert_eq!(failed, 2);
        let ids: Vec<_> = out.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()?.get("id").cloned()).collect();
        assert_eq!(ids, [serde_json::json!(1), serde_json::json!(3)]);
    }

    #[test]
    fn a_folder_is_walked_in_path_order() {
        let dir = std::env::temp_dir().join(format!("marginalia-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let sub = dir.join("b");
        let written = std::fs::create_dir_all(&sub)
            .and_then(|()| std::fs::write(dir.join("a.txt"), "Ana Ruiz visited Lisbon."))
            .and_then(|()| std::fs::write(sub.join("c.md"), "# Port\n\nThe port opened."))
            .and_then(|()| std::fs::write(sub.join("d.HTML"), "<p>Ships docked.</p>"))
            .and_then(|()| std::fs::write(dir.join("skip.pdf"), "x"))
            .and_then(|()| std::fs::write(dir.join(".hidden.txt"), "x"));
        assert!(written.is_ok(), "{written:?}");
        let files = corpus_files(&dir).unwrap_or_default();
        let names: Vec<_> = files.iter().filter_map(|p| p.strip_prefix(&dir).ok()).map(|p| p.to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(names, ["a.txt", "b/c.md", "b/d.HTML"]);
        let run = |jobs| {
            let mut out = Vec::new();
            let failed = analyze_files(&files, Some(&dir), &mut out, jobs, &mut Progress::new(Some(files.len()), jobs, false));
            (String::from_utf8(out).unwrap_or_default(), failed)
        };
        let (one, failed) = run(1);
        assert_eq!(failed, Ok(0));
        assert!(one.lines().next().is_some_and(|l| l.contains("\"file\":\"a.txt\"")), "{one}");
        assert_eq!(run(2), (one, Ok(0)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
