//! Anchoring: from a stored [`Target`] back to a range of the open text.
//!
//! As in the Hypothesis client, anchoring is pure string matching with no
//! DOM, trying cheaper and surer strategies first:
//!
//! 1. **position**: the text at the stored position still equals the quote;
//! 2. **exact quote**: every occurrence of the quote, the best one chosen by
//!    its context and its distance from the old position;
//! 3. **approximate quote**: occurrences within 30 % edit errors
//!    ([`approx::search`]), scored by quote similarity, context and distance.
//!
//! Unlike Hypothesis, a candidate must reach [`MIN_SCORE`]: lookalike text
//! is not silently accepted. Results say whether the annotation is where it
//! was ([`Anchor::Exact`]), was found elsewhere ([`Anchor::Moved`]), or could
//! not be placed ([`Anchor::Orphan`]); orphans are shown, never dropped.

pub mod approx;

use std::cell::OnceCell;

use crate::model::{Document, Target};
use crate::text::CharRange;

/// Weight of quote similarity in a candidate's score (Hypothesis: 50).
const W_QUOTE: f32 = 50.0;
/// Weight of prefix similarity (Hypothesis: 20).
const W_PREFIX: f32 = 20.0;
/// Weight of suffix similarity (Hypothesis: 20).
const W_SUFFIX: f32 = 20.0;
/// Weight of closeness to the old position (Hypothesis: 2).
const W_POSITION: f32 = 2.0;

/// Lowest score (0..1) at which a re-anchored candidate is accepted.
pub const MIN_SCORE: f32 = 0.65;
/// Largest share of the quote that may be edited in an approximate match.
pub const MAX_ERROR_RATE: f32 = 0.3;
/// Quotes shorter than this (in characters) are only matched exactly: a
/// fuzzy match of two letters is noise.
pub const MIN_FUZZY_LEN: usize = 4;
/// Longest quote matched approximately, in characters.
pub const MAX_FUZZY_LEN: usize = 4096;

/// Where an annotation landed.
#[derive(Clone, Debug, PartialEq)]
pub enum Anchor {
    /// At its stored position, quote intact.
    Exact(CharRange),
    /// Found elsewhere, or with an edited quote.
    Moved {
        /// Where it is now.
        range: CharRange,
        /// Match quality in 0..1 (1 = same quote and context).
        score: f32,
    },
    /// Could not be placed; kept with its quote.
    Orphan,
}

impl Anchor {
    /// The range, unless orphaned.
    pub fn range(&self) -> Option<CharRange> {
        match self {
            Anchor::Exact(r) | Anchor::Moved { range: r, .. } => Some(*r),
            Anchor::Orphan => None,
        }
    }
}

/// Anchors many targets against one document, sharing the work of
/// decoding the text to characters.
pub struct Anchorer<'a> {
    doc: &'a Document,
    chars: OnceCell<Vec<char>>,
}

impl<'a> Anchorer<'a> {
    /// An anchorer for `doc`.
    pub fn new(doc: &'a Document) -> Self {
        Anchorer { doc, chars: OnceCell::new() }
    }

    fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.doc.text().chars().collect())
    }

    /// Places `target` in the document.
    pub fn anchor(&self, target: &Target) -> Anchor {
        let text = &self.doc.indexed;
        if target.exact.is_empty() {
            return Anchor::Orphan;
        }
        // 1. Position, verified by the quote.
        if let Some(at) = CharRange::checked(target.start, target.end) {
            if text.slice(at) == Some(target.exact.as_str()) {
                return Anchor::Exact(at);
            }
        }
        // 2. Exact quote anywhere.
        let haystack = text.as_str();
        let quote_len = target.exact.chars().count();
        let mut best: Option<(f32, CharRange)> = None;
        let mut from = 0;
        let mut seen = 0;
        while let Some(off) = haystack[from..].find(&target.exact) {
            let byte = from + off;
            if let Some(start) = text.byte_to_char(byte) {
                let range = CharRange::new(start, start + quote_len);
                let s = self.score(target, range, 1.0);
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, range));
                }
            }
            seen += 1;
            if seen >= 10_000 {
                break;
            }
            // Advance by one character so overlapping occurrences are seen.
            from = byte + haystack[byte..].chars().next().map_or(1, char::len_utf8);
        }
        if let Some((score, range)) = best {
            return Anchor::Moved { range, score };
        }
        // 3. Approximate quote.
        if !(MIN_FUZZY_LEN..=MAX_FUZZY_LEN).contains(&quote_len) {
            return Anchor::Orphan;
        }
        let pattern: Vec<char> = target.exact.chars().collect();
        let k = ((quote_len as f32 * MAX_ERROR_RATE) as usize).max(1);
        let mut best: Option<(f32, CharRange)> = None;
        for m in approx::search(self.chars(), &pattern, k) {
            let quote_sim = 1.0 - m.errors as f32 / quote_len as f32;
            let range = CharRange::new(m.start, m.end);
            let s = self.score(target, range, quote_sim);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, range));
            }
        }
        match best {
            Some((score, range)) if score >= MIN_SCORE && !range.is_empty() => Anchor::Moved { range, score },
            _ => Anchor::Orphan,
        }
    }

    /// Weighted score in 0..1 of a candidate `range` whose quote similarity
    /// is `quote_sim`.
    fn score(&self, target: &Target, range: CharRange, quote_sim: f32) -> f32 {
        let chars = self.chars();
        let prefix: Vec<char> = target.prefix.chars().collect();
        let suffix: Vec<char> = target.suffix.chars().collect();
        let before = &chars[range.start.saturating_sub(prefix.len())..range.start];
        let after = &chars[range.end..(range.end + suffix.len()).min(chars.len())];
        let prefix_sim = context_similarity(&prefix, before, range.start == 0);
        let suffix_sim = context_similarity(&suffix, after, range.end == chars.len());
        let distance = range.start.abs_diff(target.start) as f32;
        let position_sim = 1.0 - (distance / chars.len().max(1) as f32).min(1.0);
        (W_QUOTE * quote_sim + W_PREFIX * prefix_sim + W_SUFFIX * suffix_sim + W_POSITION * position_sim)
            / (W_QUOTE + W_PREFIX + W_SUFFIX + W_POSITION)
    }
}

/// Similarity in 0..1 of stored context and the candidate's context. An
/// empty stored context means "at the edge of the text".
fn context_similarity(stored: &[char], found: &[char], at_edge: bool) -> f32 {
    if stored.is_empty() {
        return if at_edge { 1.0 } else { 0.5 };
    }
    1.0 - approx::edit_distance(stored, found) as f32 / stored.len().max(found.len()) as f32
}

/// Anchors one target (see [`Anchorer`] for many).
pub fn anchor(doc: &Document, target: &Target) -> Anchor {
    Anchorer::new(doc).anchor(target)
}

#[cfg(test)]
#[path = "anchor_tests.rs"]
mod tests;
