//! Highlight runs: the pure half of rendering.
//!
//! We own the article's DOM, so highlights are not painted over the text:
//! each block's text is split at every mark boundary into runs, and each run
//! is rendered as one element that knows which marks cover it. Overlapping
//! and nested marks therefore both stay visible, and the DOM never has to be
//! mutated behind yew's back.

pub mod nodes;

use crate::text::CharRange;

/// A maximal stretch of text covered by the same set of marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Where the run is, in document code points.
    pub range: CharRange,
    /// Indices (into the `marks` slice given to [`split_runs`]) of the marks
    /// covering the whole run, in ascending order.
    pub marks: Vec<usize>,
}

/// Splits `block` at every boundary of `marks` (clipped to the block).
/// Runs are contiguous, cover the block exactly and are never empty.
pub fn split_runs(block: CharRange, marks: &[CharRange]) -> Vec<Run> {
    if block.is_empty() {
        return Vec::new();
    }
    // (position, is_start, mark index), ends sorted before starts.
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(marks.len() * 2);
    for (i, m) in marks.iter().enumerate() {
        let (s, e) = (m.start.max(block.start), m.end.min(block.end));
        if s < e {
            events.push((s, true, i));
            events.push((e, false, i));
        }
    }
    crate::order::sort_by_key(&mut events, |&(pos, is_start, i)| (pos, is_start, i));
    let mut runs = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    let mut pos = block.start;
    let mut k = 0;
    while pos < block.end {
        while k < events.len() && events[k].0 == pos {
            let (_, is_start, i) = events[k];
            if is_start {
                let at = active.partition_point(|&a| a < i);
                active.insert(at, i);
            } else if let Some(at) = active.iter().position(|&a| a == i) {
                active.remove(at);
            }
            k += 1;
        }
        let next = events.get(k).map_or(block.end, |e| e.0.min(block.end));
        runs.push(Run { range: CharRange::new(pos, next), marks: active.clone() });
        pos = next;
    }
    runs
}

/// A piece of a note as displayed: text, or a link that is safe to follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteSegment {
    /// Plain text.
    Text(String),
    /// An `http:` or `https:` URL (the only schemes made clickable).
    Link(String),
}

/// Splits a note into text and links. Only `http://` and `https://` URLs
/// become links (shared/docs/reliability-checklist.md, item 31: no `javascript:`, `data:` or look-alikes);
/// trailing sentence punctuation stays text.
pub fn linkify(note: &str) -> Vec<NoteSegment> {
    let mut out: Vec<NoteSegment> = Vec::new();
    let mut text = String::new();
    let mut rest = note;
    while !rest.is_empty() {
        let next_ws = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (token, after) = rest.split_at(next_ws);
        let lower = token.to_ascii_lowercase();
        if (lower.starts_with("http://") || lower.starts_with("https://")) && token.len() > 8 {
            let trimmed = token.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
            if !text.is_empty() {
                out.push(NoteSegment::Text(std::mem::take(&mut text)));
            }
            out.push(NoteSegment::Link(trimmed.to_string()));
            text.push_str(&token[trimmed.len()..]);
        } else {
            text.push_str(token);
        }
        let ws_len = after.len() - after.trim_start().len();
        text.push_str(&after[..ws_len]);
        rest = &after[ws_len..];
    }
    if !text.is_empty() {
        out.push(NoteSegment::Text(text));
    }
    out
}

/// Which of the blocks waiting for a rebuild (`waiting[k]`) to rebuild in
/// this render: at most `max` of them, the first met walking from block
/// `from` (the first one on screen) to the end and then from the start, so
/// what the reader sees is refreshed first and the rest in later slices.
pub fn this_slice(waiting: &[bool], from: usize, max: usize) -> Vec<bool> {
    let n = waiting.len();
    let mut out = vec![false; n];
    let order = (from.min(n)..n).chain(0..from.min(n));
    for k in order.filter(|&k| waiting[k]).take(max) {
        out[k] = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn linkify_table() {
        use NoteSegment::{Link, Text};
        let t = |s: &str| Text(s.to_string());
        let l = |s: &str| Link(s.to_string());
        let cases: Vec<(&str, Vec<NoteSegment>)> = vec![
            ("plain note", vec![t("plain note")]),
            ("see https://example.org/a?b=1.", vec![t("see "), l("https://example.org/a?b=1"), t(".")]),
            ("HTTP://X.ORG/y and more", vec![l("HTTP://X.ORG/y"), t(" and more")]),
            ("javascript:alert(1)", vec![t("javascript:alert(1)")]),
            ("JaVaScRiPt:alert(1)", vec![t("JaVaScRiPt:alert(1)")]),
            ("java\tscript:alert(1)", vec![t("java\tscript:alert(1)")]),
            ("data:text/html,<script>", vec![t("data:text/html,<script>")]),
            ("<img src=x onerror=alert(1)>", vec![t("<img src=x onerror=alert(1)>")]),
            ("http://", vec![t("http://")]),
        ];
        for (note, want) in cases {
            assert_eq!(linkify(note), want, "{note}");
        }
    }

    fn r(s: usize, e: usize) -> CharRange {
        CharRange::new(s, e)
    }

    #[test]
    fn table() {
        type Case<'a> = (&'a str, CharRange, &'a [CharRange], &'a [(usize, usize, &'a [usize])]);
        let cases: &[Case] = &[
            ("no marks", r(0, 5), &[], &[(0, 5, &[])]),
            ("one inside", r(0, 10), &[r(2, 4)], &[(0, 2, &[]), (2, 4, &[0]), (4, 10, &[])]),
            ("overlap", r(0, 10), &[r(1, 5), r(3, 8)], &[(0, 1, &[]), (1, 3, &[0]), (3, 5, &[0, 1]), (5, 8, &[1]), (8, 10, &[])]),
            ("nested", r(0, 6), &[r(0, 6), r(2, 3)], &[(0, 2, &[0]), (2, 3, &[0, 1]), (3, 6, &[0])]),
            ("clipped", r(5, 10), &[r(0, 7), r(9, 20)], &[(5, 7, &[0]), (7, 9, &[]), (9, 10, &[1])]),
            ("outside ignored", r(5, 10), &[r(0, 5), r(10, 12)], &[(5, 10, &[])]),
            ("identical", r(0, 4), &[r(1, 3), r(1, 3)], &[(0, 1, &[]), (1, 3, &[0, 1]), (3, 4, &[])]),
        ];
        for (name, block, marks, want) in cases {
            let got: Vec<(usize, usize, Vec<usize>)> =
                split_runs(*block, marks).into_iter().map(|run| (run.range.start, run.range.end, run.marks)).collect();
            let want: Vec<(usize, usize, Vec<usize>)> = want.iter().map(|(s, e, m)| (*s, *e, m.to_vec())).collect();
            assert_eq!(got, want, "case {name}");
        }
    }

    proptest! {
        #[test]
        fn runs_tile_the_block(marks in proptest::collection::vec((0usize..50, 0usize..50), 0..12), s in 0usize..20, len in 0usize..40) {
            let block = r(s, s + len);
            let marks: Vec<CharRange> = marks.into_iter().map(|(a, b)| r(a.min(b), a.max(b))).collect();
            let runs = split_runs(block, &marks);
            let mut pos = block.start;
            for run in &runs {
                prop_assert_eq!(run.range.start, pos);
                prop_assert!(run.range.end > run.range.start);
                for (i, m) in marks.iter().enumerate() {
                    let covers = m.start <= run.range.start && m.end >= run.range.end;
                    prop_assert_eq!(run.marks.contains(&i), covers);
                }
                pos = run.range.end;
            }
            prop_assert_eq!(pos, if block.is_empty() { block.start } else { block.end });
        }
    }

    #[test]
    fn a_slice_starts_on_screen_and_wraps_round() {
        let w = [true, false, true, true, false, true];
        // (from, max) -> rebuilt now
        let table: &[(usize, usize, [bool; 6])] = &[
            (0, 10, [true, false, true, true, false, true]),
            (0, 2, [true, false, true, false, false, false]),
            (3, 2, [false, false, false, true, false, true]),
            (3, 3, [true, false, false, true, false, true]),
            (5, 1, [false, false, false, false, false, true]),
            (99, 1, [true, false, false, false, false, false]),
            (2, 0, [false; 6]),
        ];
        for (from, max, want) in table {
            assert_eq!(this_slice(&w, *from, *max), want.to_vec(), "from {from}, max {max}");
        }
        assert!(this_slice(&[], 3, 5).is_empty());
    }
}
