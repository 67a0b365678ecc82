//! The baseline: the Hypothesis client's published matcher, as its
//! `anchoring/match-quote.ts` scores candidates, over the same selectors.
//!
//! Position first, if the text there is still the quote (Hypothesis checks
//! the TextPositionSelector against the quote); else every exact
//! occurrence of the quote, or if there is none every approximate one
//! within `min(256, len / 2)` errors; each scored quote 50, prefix 20,
//! suffix 20, position 2, and the best taken, whatever it scores.

use marginalia_core::anchor::approx;
use marginalia_core::model::Target;

const QUOTE: f32 = 50.0;
const PREFIX: f32 = 20.0;
const SUFFIX: f32 = 20.0;
const POSITION: f32 = 2.0;

/// Where Hypothesis places `target` in `text`, in code points.
pub fn place(text: &[char], target: &Target) -> Option<(usize, usize)> {
    let quote: Vec<char> = target.exact.chars().collect();
    if quote.is_empty() {
        return None;
    }
    if text.get(target.start..target.end) == Some(&quote[..]) {
        return Some((target.start, target.end));
    }
    let prefix: Vec<char> = target.prefix.chars().collect();
    let suffix: Vec<char> = target.suffix.chars().collect();
    let exact: Vec<approx::Match> = (0..(text.len() + 1).saturating_sub(quote.len()))
        .filter(|&s| text[s..s + quote.len()] == quote[..])
        .map(|s| approx::Match { start: s, end: s + quote.len(), errors: 0 })
        .collect();
    let matches = if exact.is_empty() { approx::search(text, &quote, (quote.len() / 2).min(256)) } else { exact };
    let score = |m: &approx::Match| {
        let q = 1.0 - m.errors as f32 / quote.len() as f32;
        let p = context_score(&text[m.start.saturating_sub(prefix.len())..m.start], &prefix);
        let s = context_score(&text[m.end..(m.end + suffix.len()).min(text.len())], &suffix);
        let pos = 1.0 - m.start.abs_diff(target.start) as f32 / text.len().max(1) as f32;
        (QUOTE * q + PREFIX * p + SUFFIX * s + POSITION * pos) / (QUOTE + PREFIX + SUFFIX + POSITION)
    };
    matches.iter().max_by(|a, b| score(a).total_cmp(&score(b))).map(|m| (m.start, m.end))
}

/// `textMatchScore`: 1 for an empty stored context (as `matchQuote` gives
/// when the selector has none), else one minus the fewest errors of the
/// stored context anywhere in the text found there.
fn context_score(found: &[char], stored: &[char]) -> f32 {
    if stored.is_empty() {
        return 1.0;
    }
    if found.is_empty() {
        return 0.0;
    }
    let best = approx::search(found, stored, stored.len()).iter().map(|m| m.errors).min().unwrap_or(stored.len());
    1.0 - best as f32 / stored.len() as f32
}
