//! Anchoring: from a stored [`Target`] back to a range of the open text.
//!
//! As in the Hypothesis client, anchoring is pure string matching with no
//! DOM, trying cheaper and surer strategies first:
//!
//! 1. **position**: the text at the stored position still equals the quote
//!    (and, when the text is not the one the target was made on, its
//!    context still agrees);
//! 2. **exact quote**: every occurrence of the quote ([`index`]);
//! 3. **context**: whatever now stands between the stored prefix and
//!    suffix, for a short quote whose own words changed;
//! 4. **approximate quote**: occurrences within 30 % edit errors
//!    ([`approx::search`]).
//!
//! Unlike Hypothesis, which takes the best-scoring occurrence whatever it
//! scores, every placement must earn its place ([`evidence`]): a candidate
//! away from the stored position needs its context to agree, a short quote
//! needs it to agree strongly, and two candidates the evidence cannot tell
//! apart make an orphan rather than a guess. Results say whether the
//! annotation is where it was ([`Anchor::Exact`]), was found elsewhere
//! ([`Anchor::Moved`], with the score that says how sure), or could not be
//! placed ([`Anchor::Orphan`]); orphans are shown, never dropped.

pub mod approx;
pub mod evidence;
pub mod index;

use std::cell::OnceCell;

use evidence::{decide, Evidence, Found, Setting, Stored};
use index::GramIndex;
use crate::model::annotation::paragraph_span;
use crate::model::{Document, Surroundings, Target};
use crate::text::shingle;
use crate::text::CharRange;

/// Largest share of the quote that may be edited in an approximate match.
pub const MAX_ERROR_RATE: f32 = 1.0 - evidence::MIN_QUOTE_SIMILARITY;
/// Quotes shorter than this (in characters) are only matched exactly: a
/// fuzzy match of two letters is noise.
pub const MIN_FUZZY_LEN: usize = 4;
/// Longest quote matched approximately, in characters.
pub const MAX_FUZZY_LEN: usize = 4096;
/// Occurrences of one quote considered (a one-letter quote in a long text
/// has more, and none of them would win on context anyway).
pub const MAX_OCCURRENCES: usize = 10_000;
/// Characters of the stored prefix and suffix nearest the quote that are
/// looked up to find a passage by its context: long enough to be rare,
/// short enough to survive a typo further out.
pub const CONTEXT_PIECE: usize = 12;
/// Longest quote looked for by its context alone (about twenty words): a
/// short one (a word, a name) whose text changed, or a few words of which
/// one changed by more than the approximate step's 30 % (`the US
/// president` → `the US Obama`; [`evidence::MIN_BRACKETED_QUOTE`] says how
/// much must be left). A longer quote keeps most of its characters through
/// a word's change, and the approximate step finds it by them.
pub const MAX_CONTEXT_QUOTE: usize = 120;

/// Places between an occurrence of the prefix's end and one of the
/// suffix's start beyond which the context step gives up: a passage's
/// context brackets it once or a few times (a repeated phrase), and
/// hundreds of brackets are boilerplate that tells nothing (found by the
/// fuzzer: a run of one character made it quadratic).
pub const MAX_CONTEXT_GAPS: usize = 64;

/// Occurrences of one piece that open a search window (a piece this
/// common is boilerplate, and its windows would cover the text).
pub const MAX_WINDOW_ANCHORS: usize = 200;

/// Where an annotation landed (serialisable: the app's page sends anchors
/// to its formats module for an export, `export::message`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Anchor {
    /// At its stored position, quote intact.
    Exact(CharRange),
    /// Found elsewhere, or with an edited quote.
    Moved {
        /// Where it is now.
        range: CharRange,
        /// Match quality in 0..1 (1 = same quote and context).
        score: f32,
        /// The quote and its whole stored context found as they were: only
        /// the position changed (text was added or cut before it). The
        /// reader is not told of such a move; the passage is where it was.
        intact: bool,
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
/// decoding the text to characters and indexing it.
pub struct Anchorer<'a> {
    doc: &'a Document,
    chars: OnceCell<Vec<char>>,
    index: OnceCell<GramIndex>,
    paragraphs: OnceCell<Paragraphs>,
    /// Look strings up by scanning the text instead of indexing it: for
    /// the few look-ups of one [`describe`], where building the index
    /// would cost more than it saves.
    scan: bool,
}

impl<'a> Anchorer<'a> {
    /// An anchorer for `doc`.
    pub fn new(doc: &'a Document) -> Self {
        Anchorer { doc, chars: OnceCell::new(), index: OnceCell::new(), paragraphs: OnceCell::new(), scan: false }
    }

    fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.doc.text().chars().collect())
    }

    fn paragraphs(&self) -> &Paragraphs {
        self.paragraphs.get_or_init(|| {
            let chars = self.chars();
            let bounds = shingle::paragraphs(chars);
            let shingles = bounds.iter().map(|r| shingle::shingles(&chars[r.start..r.end])).collect();
            Paragraphs { bounds, shingles }
        })
    }

    /// Where each candidate sits against the stored surroundings (left
    /// unknown when none were stored).
    fn settle(&self, target: &Target, candidates: &mut [Evidence]) {
        let Some(around) = &target.around else { return };
        for e in candidates.iter_mut().filter(|e| e.setting == Setting::default()) {
            e.setting = self.paragraphs().setting(around, e.range);
        }
    }

    /// [`decide`], with the candidates' settings known.
    fn decide<'e>(&self, target: &Target, stored: &Stored, candidates: &'e mut [Evidence]) -> Option<&'e Evidence> {
        self.settle(target, candidates);
        decide(candidates, stored)
    }

    /// Starts of the first `limit` occurrences of `needle`, in text order.
    fn find_all(&self, needle: &[char], limit: usize) -> Vec<usize> {
        let chars = self.chars();
        if !self.scan {
            return self.index.get_or_init(|| GramIndex::new(chars)).find_all(chars, needle, limit);
        }
        index::scan_all(&self.doc.indexed, needle, limit)
    }

    /// Places `target` in the document.
    pub fn anchor(&self, target: &Target) -> Anchor {
        if target.exact.is_empty() {
            return Anchor::Orphan;
        }
        let text = &self.doc.indexed;
        let at_position = CharRange::checked(target.start, target.end).filter(|&r| text.slice(r) == Some(target.exact.as_str()));
        // The text the target was made on: its position is the truth.
        if let (Some(r), true) = (at_position, target.source == self.doc.hash) {
            return Anchor::Exact(r);
        }
        let stored = Stored::of(target);
        let chars = self.chars();
        let mut candidates = Vec::new();
        if let Some(r) = at_position {
            let here = Evidence::gather(chars, target, &stored, r, 1.0, Found::AtPosition);
            if here.prefix == 1.0 && here.suffix == 1.0 {
                return Anchor::Exact(r); // nothing elsewhere can be better
            }
            candidates.push(here);
        }
        if let Some(e) = self.intact_once(target, &stored) {
            return self.placed(&e);
        }
        self.exact_occurrences(target, &stored, at_position, &mut candidates);
        // An intact quote in intact context: what stands between its
        // context elsewhere cannot be as good.
        match self.decide(target, &stored, &mut candidates) {
            Some(best) if best.prefix == 1.0 && best.suffix == 1.0 => return self.placed(best),
            _ => {}
        }
        self.by_context(target, &stored, &mut candidates);
        if let Some(best) = self.decide(target, &stored, &mut candidates) {
            return self.placed(best);
        }
        self.approximate(target, &stored, &mut candidates);
        self.decide(target, &stored, &mut candidates).map_or(Anchor::Orphan, |best| self.placed(best))
    }

    /// The quote with its whole stored context, found once, not in
    /// another paragraph than the passage's ([`Setting::differs`]) and
    /// clearly better than the stored rival (a twin of the passage that
    /// had all this context too is no proof): only
    /// text added or cut elsewhere moved it. Nothing else can match as well
    /// (every other candidate misses some of the context), so the other
    /// steps are skipped; a short quote's occurrences are many, and this
    /// finds its one place by a long, rare needle instead.
    fn intact_once(&self, target: &Target, stored: &Stored) -> Option<Evidence> {
        if stored.prefix.is_empty() || stored.suffix.is_empty() {
            return None;
        }
        let needle: Vec<char> = [&stored.prefix[..], &stored.exact[..], &stored.suffix[..]].concat();
        let found = self.find_all(&needle, 2);
        let [at] = found[..] else { return None };
        let start = at + stored.prefix.len();
        let range = CharRange::new(start, start + stored.exact.len());
        let mut one = [Evidence::gather(self.chars(), target, stored, range, 1.0, Found::ByQuote)];
        self.settle(target, &mut one);
        let [e] = one;
        (!e.setting.differs() && stored.beaten_by(&e)).then_some(e)
    }

    /// How well the best place other than the target's own matches its
    /// selectors in this text (0..1; 0 when nothing else resembles it):
    /// the [`Target::rival`] of a target made on this text.
    fn rival(&self, target: &Target) -> f32 {
        let stored = Stored::of(target);
        let own = target.position();
        let mut candidates = Vec::new();
        self.exact_occurrences(target, &stored, Some(own), &mut candidates);
        self.by_context(target, &stored, &mut candidates);
        self.approximate(target, &stored, &mut candidates);
        candidates.iter().filter(|e| !e.range.overlaps(&own)).map(Evidence::strength).fold(0.0, f32::max)
    }

    fn placed(&self, e: &Evidence) -> Anchor {
        match e.found {
            Found::AtPosition => Anchor::Exact(e.range),
            Found::ByQuote | Found::ByContext => {
                let intact = e.found == Found::ByQuote && e.quote == 1.0 && e.prefix == 1.0 && e.suffix == 1.0;
                Anchor::Moved { range: e.range, score: e.score(self.chars().len()), intact }
            }
        }
    }

    /// Step 2: every other occurrence of the quote.
    fn exact_occurrences(&self, target: &Target, stored: &Stored, at_position: Option<CharRange>, out: &mut Vec<Evidence>) {
        let chars = self.chars();
        let n = stored.exact.len();
        for start in self.find_all(&stored.exact, MAX_OCCURRENCES) {
            let range = CharRange::new(start, start + n);
            if Some(range) != at_position {
                out.push(Evidence::gather(chars, target, stored, range, 1.0, Found::ByQuote));
            }
        }
    }

    /// Step 3: what stands between an occurrence of the prefix's end and
    /// one of the suffix's start, for a short quote. A prefix shorter than
    /// a piece is the start of the text, and is looked for there only (a
    /// suffix likewise at the end): a headline's first word changed.
    fn by_context(&self, target: &Target, stored: &Stored, out: &mut Vec<Evidence>) {
        let n = stored.exact.len();
        let (p, s) = (&stored.prefix, &stored.suffix);
        if n >= MAX_CONTEXT_QUOTE {
            return;
        }
        let chars = self.chars();
        let ends: Vec<usize> = if p.len() < CONTEXT_PIECE {
            chars.starts_with(p).then_some(p.len()).into_iter().collect()
        } else {
            self.find_all(&p[p.len() - CONTEXT_PIECE..], MAX_WINDOW_ANCHORS).iter().map(|i| i + CONTEXT_PIECE).collect()
        };
        let starts: Vec<usize> = if s.len() < CONTEXT_PIECE {
            chars.ends_with(s).then(|| chars.len() - s.len()).into_iter().collect()
        } else {
            self.find_all(&s[..CONTEXT_PIECE], MAX_WINDOW_ANCHORS)
        };
        let max_gap = 2 * n + CONTEXT_PIECE;
        let mut gaps = Vec::new();
        for &from in &ends {
            let first = starts.partition_point(|&s| s <= from);
            for &to in starts[first..].iter().take_while(|&&s| s <= from + max_gap) {
                let gap = &chars[from..to];
                // The exact occurrence is already a candidate; an empty gap
                // is no passage; a gap across a paragraph break is text
                // inserted between two paragraphs, not this passage.
                if gap != &stored.exact[..] && !gap.iter().all(|c| c.is_whitespace()) && !gap.contains(&'\n') {
                    gaps.push(CharRange::new(from, to));
                }
            }
        }
        // Context this common brackets anything (a run of one character, a
        // rule of dashes): it cannot tell a passage, and scoring every gap
        // would cost the square of its occurrences.
        if gaps.len() > MAX_CONTEXT_GAPS {
            return;
        }
        for range in gaps {
            let gap = &chars[range.start..range.end];
            let quote = 1.0 - approx::edit_distance(&stored.exact, gap) as f32 / n.max(gap.len()) as f32;
            out.push(Evidence::gather(chars, target, stored, range, quote, Found::ByContext));
        }
    }

    /// Step 4: occurrences of the quote within [`MAX_ERROR_RATE`] edits,
    /// searched near where something of the passage still stands
    /// ([`Anchorer::search_windows`]).
    fn approximate(&self, target: &Target, stored: &Stored, out: &mut Vec<Evidence>) {
        let n = stored.exact.len();
        if !(MIN_FUZZY_LEN..=MAX_FUZZY_LEN).contains(&n) {
            return;
        }
        let chars = self.chars();
        let k = ((n as f32 * MAX_ERROR_RATE) as usize).max(1);
        for (from, to) in self.search_windows(target, stored, k) {
            for m in approx::search(&chars[from..to], &stored.exact, k) {
                let range = CharRange::new(from + m.start, from + m.end);
                if m.errors > 0 && !range.is_empty() && !out.iter().any(|e| e.range == range) {
                    let quote = 1.0 - m.errors as f32 / n as f32;
                    out.push(Evidence::gather(chars, target, stored, range, quote, Found::ByQuote));
                }
            }
        }
    }

    /// Where an approximate occurrence can be: around every exact
    /// occurrence of a [`CONTEXT_PIECE`] of the stored context (the two
    /// nearest the quote on each side) or of the quote's own first and last
    /// piece, and around the stored position. A candidate with none of
    /// these intact has neither its context nor its ends, and would not be
    /// admitted: searching only there keeps 5,000 re-anchorings in a long
    /// article from scanning it 5,000 times.
    fn search_windows(&self, target: &Target, stored: &Stored, k: usize) -> Vec<(usize, usize)> {
        let chars = self.chars();
        let (n, p, q) = (stored.exact.len() as isize, stored.prefix.len(), CONTEXT_PIECE);
        // (piece, its start relative to the quote's start)
        let mut pieces: Vec<(&[char], isize)> = Vec::new();
        for back in [1, 2] {
            if p >= back * q {
                pieces.push((&stored.prefix[p - back * q..p - (back - 1) * q], -((back * q) as isize)));
            }
            if stored.suffix.len() >= back * q {
                pieces.push((&stored.suffix[(back - 1) * q..back * q], n + ((back - 1) * q) as isize));
            }
        }
        if stored.exact.len() >= 2 * q {
            pieces.push((&stored.exact[..q], 0));
            pieces.push((&stored.exact[stored.exact.len() - q..], n - q as isize));
        }
        let mut starts: Vec<isize> = vec![target.start as isize];
        for (piece, offset) in pieces {
            starts.extend(self.find_all(piece, MAX_WINDOW_ANCHORS).into_iter().map(|at| at as isize - offset));
        }
        let slack = k as isize + 2;
        let mut windows: Vec<(usize, usize)> = starts
            .into_iter()
            .map(|s| ((s - slack).max(0) as usize, ((s + n + slack) as usize).min(chars.len())))
            .filter(|(a, b)| a < b)
            .collect();
        crate::order::sort_by(&mut windows, |a, b| a.cmp(b));
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in windows {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }
}

/// Describes `range` of `doc` as the app stores an annotation's target:
/// [`Target::describe`]'s selectors, and the [`Target::rival`] they meet
/// in this text, so that after an edit a twin of the passage cannot pass
/// for it.
pub fn describe(doc: &Document, range: CharRange) -> Option<Target> {
    let mut target = Target::describe(doc, range)?;
    let anchorer = Anchorer { scan: true, ..Anchorer::new(doc) };
    target.rival = Some(evidence::to_thousandths(anchorer.rival(&target)));
    let chars = anchorer.chars();
    target.around = Some(Surroundings::of(chars, &shingle::paragraphs(chars), range));
    Some(target)
}

/// The paragraphs of the open text and their shingles, for [`Setting`]s.
struct Paragraphs {
    bounds: Vec<CharRange>,
    /// Each paragraph's sorted shingles ([`shingle::shingles`]).
    shingles: Vec<Vec<u16>>,
}

impl Paragraphs {
    /// Where `range` sits against `around`.
    fn setting(&self, around: &Surroundings, range: CharRange) -> Setting {
        let Some((first, last)) = paragraph_span(&self.bounds, range) else {
            return Setting { own_len: around.own.len(), ..Setting::default() };
        };
        let own: std::borrow::Cow<[u16]> = if first == last {
            std::borrow::Cow::Borrowed(&self.shingles[first])
        } else {
            std::borrow::Cow::Owned(shingle::union(&self.shingles[first..=last]))
        };
        let empty = Vec::new();
        let before = first.checked_sub(1).map_or(&empty, |i| &self.shingles[i]);
        let after = self.shingles.get(last + 1).unwrap_or(&empty);
        let contained = around.own.containment(&own);
        let neighbour_in_own = [&around.before, &around.after].iter().filter_map(|n| n.containment(&own)).fold(0.0, f32::max);
        Setting {
            own: contained,
            resemblance: contained.filter(|_| around.size > 0).map(|c| {
                let (a, b) = (around.size as f32, own.len() as f32);
                let common = c * a;
                common / (a + b - common).max(1.0)
            }),
            own_len: around.own.len(),
            neighbour_lens: [around.before.len(), around.after.len()],
            complete: around.size > 0 && around.size as usize == around.own.len(),
            before: around.before.containment(before),
            after: around.after.containment(after),
            is_neighbour: neighbour_in_own >= evidence::NEIGHBOUR_AGREES,
            para: first,
        }
    }
}

/// Anchors one target (see [`Anchorer`] for many).
pub fn anchor(doc: &Document, target: &Target) -> Anchor {
    Anchorer::new(doc).anchor(target)
}

#[cfg(test)]
#[path = "anchor_tests.rs"]
mod tests;
