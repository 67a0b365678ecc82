//! What speaks for a candidate place, and when that is enough.
//!
//! A candidate is a range of the current text that may be the annotated
//! passage. Its [`Evidence`] is how much its text looks like the stored
//! quote and how much the text on each side looks like the stored prefix
//! and suffix. The rules that turn evidence into a placement are here, one
//! named threshold each, so that the pipeline in [`super`] only gathers
//! candidates:
//!
//! - a candidate away from the stored position needs its context: at least
//!   one side must agree ([`SIDE_AGREES`]), and for a short quote (a word,
//!   a name) that side must agree strongly ([`SHORT_SIDE_AGREES`]), because
//!   a short quote occurs again by chance and its context is all that tells
//!   its occurrences apart;
//! - context across a line break speaks for a candidate only when the
//!   passage's own paragraph does not contradict it ([`CONTRADICTS`]);
//! - a quote that is no longer there can be found by its context alone,
//!   when both sides agree strongly around a gap of plausible length
//!   ([`BRACKET_SIDE_AGREES`]): a word changed inside the passage;
//! - where a candidate sits ([`Setting`]: its paragraph and neighbours
//!   against the target's stored surroundings) refuses one in another
//!   paragraph or in one of the passage's neighbours, admits an intact
//!   quote alone in the passage's own paragraph whatever its context, and
//!   breaks ties between equally strong candidates ([`SETTING_MARGIN`]);
//! - admissible candidates are ranked by [`Evidence::strength`], and two
//!   that it cannot tell apart ([`TIE_MARGIN`]) make an orphan, never a
//!   guess.

use super::approx::{self, Prepared};
use crate::model::annotation::CONTEXT_CHARS;
use crate::model::Target;
use crate::text::CharRange;

/// Weight of quote similarity in the reported score (Hypothesis: 50).
pub const W_QUOTE: f32 = 50.0;
/// Weight of prefix similarity (Hypothesis: 20).
pub const W_PREFIX: f32 = 20.0;
/// Weight of suffix similarity (Hypothesis: 20).
pub const W_SUFFIX: f32 = 20.0;
/// Weight of closeness to the old position in the reported score
/// (Hypothesis: 2). It never decides between candidates: an edit moves
/// text by any amount, and the nearest occurrence of a deleted name is
/// just the next one.
pub const W_POSITION: f32 = 2.0;

/// Similarity (0..1) at which one side of context counts as the stored
/// one. Unrelated 32-character stretches of English score 0.25-0.5 (the
/// spaces and common letters line up); a typo or an inserted word leaves
/// 0.8-0.97.
pub const SIDE_AGREES: f32 = 0.7;

/// Similarity one side needs to move a short quote: about four edits in 32
/// characters. A name recurs throughout an article; only its context says
/// which mention the note was on.
pub const SHORT_SIDE_AGREES: f32 = 0.85;

/// Quotes shorter than this many characters are short (one or two words).
pub const SHORT_QUOTE_CHARS: usize = 20;

/// Quotes this long (characters, about eight words) found intact and only
/// once are placed by their own words (see [`decide`]).
pub const LONG_QUOTE_CHARS: usize = 40;

/// Similarity both sides need to place a passage whose own text changed
/// beyond fuzzy matching (a word of a two-word quote replaced).
pub const BRACKET_SIDE_AGREES: f32 = 0.9;

/// Quote similarity that a quote of [`SHORT_QUOTE_CHARS`] or more, found
/// between its prefix and suffix, must keep: about half its characters,
/// as after one word of a few was changed. A short quote may have changed
/// whole (its one word replaced); a longer one that did is another
/// passage in the same place.
pub const MIN_BRACKETED_QUOTE: f32 = 0.5;

/// A side's own-paragraph part shorter than this (a quote near the start
/// of its paragraph or of the text) says proportionally less: `Ted `
/// before `Cruz` agrees anywhere Ted Cruz is named.
pub const FULL_SIDE_CHARS: usize = 16;

/// Similarity of an empty stored side (the quote was at the edge of the
/// text) when the candidate is at the edge too: it agrees, but not
/// strongly enough to move a short quote by itself: the next paragraph
/// of a title moved away often starts with the same name.
pub const EDGE_AGREES: f32 = 0.75;

/// Own-paragraph similarity below which a side contradicts: the range of
/// unrelated text (0.25-0.5, see [`SIDE_AGREES`]). A word changed in the
/// context (another edited passage next to this one) leaves 0.7-0.9.
pub const CONTRADICTS: f32 = 0.5;

/// Characters of a side's own paragraph from which its disagreement
/// contradicts the other side (see [`Evidence::admissible`]).
pub const MIN_OWN_CHARS: usize = 8;

/// Candidates whose [`Evidence::strength`] differs by less than this are
/// equally good: the annotation is ambiguous and becomes an orphan.
pub const TIE_MARGIN: f32 = 0.02;

/// How much more strongly than the [`Stored::rival`] (the best other
/// place when the annotation was made) a candidate must match to carry
/// the annotation. A twin left after its passage was deleted matches as it
/// did then, give or take a character of its context that the deletion
/// shifted; the passage itself, moved or lightly edited, matches far
/// better than a twin did.
pub const RIVAL_MARGIN: f32 = 0.05;

/// A strength (0..1) as stored in [`Target::rival`].
pub fn to_thousandths(strength: f32) -> u16 {
    (strength.clamp(0.0, 1.0) * 1000.0).round() as u16
}

/// Lowest quote similarity of a candidate found by its quote (one minus
/// the share of the quote edited).
pub const MIN_QUOTE_SIMILARITY: f32 = 0.7;

/// Share of the stored paragraph sketch found in a candidate's paragraph
/// from which it is the passage's own paragraph: a typo costs a sampled
/// trigram now and then, a rewritten sentence about a fifth of a
/// paragraph's; another paragraph keeps none (see [`Setting::agrees`]).
pub const PARAGRAPH_AGREES: f32 = 0.6;

/// Share of a stored neighbour sketch found in the candidate's neighbour
/// from which that neighbour is the one the passage had.
pub const NEIGHBOUR_AGREES: f32 = 0.5;

/// Share of the stored paragraph sketch below which a candidate sits in
/// another paragraph (see [`Setting::differs`]): a paragraph split in two
/// keeps about half on each side, a copy of a sentence in a summary
/// paragraph about none.
pub const PARAGRAPH_DIFFERS: f32 = 0.25;

/// Values a stored own-paragraph sketch needs before its disagreement
/// counts: a paragraph of a few words (a heading, a dateline) samples
/// too little to tell paragraphs apart.
pub const MIN_SKETCH: usize = 6;

/// Values the two neighbours' sketches need together before standing
/// between them places a candidate ([`Setting::in_its_slot`]): a caption
/// line `Photo` or a rule between list rows neighbours every row alike.
pub const MIN_SLOT_SHINGLES: usize = 3;

/// How much better one of two equally strong candidates must sit where
/// the passage sat ([`Setting::score`]) to be taken: a copy of the
/// passage's paragraph elsewhere has other neighbours.
pub const SETTING_MARGIN: f32 = 0.25;

/// How far a candidate's paragraph and its neighbours agree with the
/// stored [`Surroundings`](crate::model::Surroundings); all `None` when
/// none were stored.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Setting {
    /// Share of the own-paragraph sketch in the candidate's paragraphs.
    pub own: Option<f32>,
    /// Values in the stored own-paragraph sketch.
    pub own_len: usize,
    /// Whether that sketch holds every shingle of its paragraph (a
    /// paragraph of a few words): then none of them found is a certainty.
    pub complete: bool,
    /// How alike the candidate's paragraphs and the passage's are, size
    /// included (estimated Jaccard resemblance of their shingles).
    pub resemblance: Option<f32>,
    /// Values in the stored sketches of the neighbours before and after.
    pub neighbour_lens: [usize; 2],
    /// Share of the stored neighbour before in the paragraph before.
    pub before: Option<f32>,
    /// The same after.
    pub after: Option<f32>,
    /// Whether the candidate's own paragraph is one of the passage's
    /// neighbours (holds [`NEIGHBOUR_AGREES`] of a stored neighbour's
    /// sketch): after the passage's paragraph is cut, its neighbour moves
    /// up to its place and inherits its context, and a neighbour that
    /// repeats the passage (a headline, the next row of a list) then looks
    /// like it in every other way.
    pub is_neighbour: bool,
    /// The candidate's first paragraph, to tell candidates in one
    /// paragraph from candidates in different ones.
    pub para: usize,
}

impl Setting {
    /// Whether the candidate sits where the passage sat: in its paragraph
    /// ([`PARAGRAPH_AGREES`]), next to one of its neighbours
    /// ([`NEIGHBOUR_AGREES`]) unless it had none.
    pub fn agrees(&self) -> bool {
        let neighbour = |n: Option<f32>| n.is_some_and(|v| v >= NEIGHBOUR_AGREES);
        let no_neighbours = self.before.is_none() && self.after.is_none();
        let own = self.own_len >= MIN_SKETCH
            && self.own.is_some_and(|v| v >= PARAGRAPH_AGREES)
            && (no_neighbours || neighbour(self.before) || neighbour(self.after));
        (own || self.in_its_slot()) && !self.differs()
    }

    /// Whether the candidate's paragraph stands between the passage's two
    /// neighbours (or next to its one, at an end of the text), whatever
    /// its own words now are: a short paragraph (a headline, a one-line
    /// quotation) with a sentence rewritten keeps few of its trigrams, but
    /// it is still the paragraph between those two.
    pub fn in_its_slot(&self) -> bool {
        let neighbours = [self.before, self.after];
        let said: usize = self.neighbour_lens.iter().sum();
        said >= MIN_SLOT_SHINGLES && neighbours.iter().any(Option::is_some) && neighbours.iter().flatten().all(|&v| v >= NEIGHBOUR_AGREES)
    }

    /// Whether the candidate sits in another paragraph than the passage's
    /// ([`PARAGRAPH_DIFFERS`]; for a paragraph of a few words, whose sketch
    /// is all of it, none of it), or is one of its neighbours, and does
    /// not stand in its slot.
    pub fn differs(&self) -> bool {
        let sampled = self.own_len >= MIN_SKETCH && self.own.is_some_and(|v| v < PARAGRAPH_DIFFERS);
        let none_of_a_short_one = self.complete && self.own == Some(0.0);
        (sampled || none_of_a_short_one || self.is_neighbour) && !self.in_its_slot()
    }

    /// How well the candidate sits where the passage sat (0..1): the
    /// share of the stored sketches' values that agree, each sketch
    /// weighed by how many values it holds (a one-word neighbour says
    /// less than a paragraph); `None` when nothing was stored.
    pub fn score(&self) -> Option<f32> {
        let [b, a] = self.neighbour_lens.map(|n| n as f32);
        let parts = [(self.resemblance.or(self.own), self.own_len as f32), (self.before, b), (self.after, a)];
        let (sum, weight) = parts.iter().filter_map(|(v, w)| v.map(|v| (v * w, *w))).fold((0.0, 0.0), |(s, t), (v, w)| (s + v, t + w));
        (weight > 0.0).then(|| sum / weight)
    }
}

/// How a candidate was found.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The quote, unchanged, at the stored position.
    AtPosition,
    /// The quote, unchanged or nearly, somewhere else.
    ByQuote,
    /// Between the stored prefix and suffix, whatever its text.
    ByContext,
}

/// A candidate place and what speaks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The candidate range.
    pub range: CharRange,
    /// How it was found.
    pub found: Found,
    /// Quote similarity, 0..1.
    pub quote: f32,
    /// Prefix similarity, 0..1 (see [`side_similarity`]).
    pub prefix: f32,
    /// Suffix similarity, 0..1.
    pub suffix: f32,
    /// Distance from the stored start, in characters.
    pub distance: usize,
    /// Stored lengths of quote, prefix and suffix, in characters: what each
    /// similarity is worth.
    pub lengths: [usize; 3],
    /// How far the prefix agrees within the passage's own paragraph (see
    /// [`own_side`]).
    pub own_prefix: f32,
    /// The same for the suffix.
    pub own_suffix: f32,
    /// Stored lengths of the own parts of prefix and suffix.
    pub own_lengths: [usize; 2],
    /// Where the candidate sits, against where the passage sat.
    pub setting: Setting,
}

impl Evidence {
    /// Gathers the evidence for `range` of `chars` (with quote similarity
    /// `quote`).
    pub fn gather(chars: &[char], target: &Target, stored: &Stored, range: CharRange, quote: f32, found: Found) -> Self {
        let before = &chars[range.start.saturating_sub(stored.prefix.len())..range.start];
        let after = &chars[range.end..(range.end + stored.suffix.len()).min(chars.len())];
        let prefix = side_similarity(&stored.prefix, stored.prepared[0].as_ref(), before, range.start == 0);
        let suffix = side_similarity(&stored.suffix, stored.prepared[1].as_ref(), after, range.end == chars.len());
        Evidence {
            range,
            found,
            quote,
            prefix,
            suffix,
            distance: range.start.abs_diff(target.start),
            lengths: [stored.exact.len(), stored.prefix.len(), stored.suffix.len()],
            own_lengths: [stored.own_prefix().len(), stored.own_suffix().len()],
            // A side within the quote's paragraph is the whole side: the
            // same comparison, made once (thousands of occurrences of a
            // common word each compare four sides).
            own_prefix: {
                let own = stored.own_prefix();
                let at_break = range.start == 0 || chars[range.start - 1] == '\n';
                if !own.is_empty() && own.len() == stored.prefix.len() {
                    prefix
                } else {
                    own_side(own, stored.prepared[2].as_ref(), &chars[range.start.saturating_sub(own.len())..range.start], at_break)
                }
            },
            own_suffix: {
                let own = stored.own_suffix();
                let at_break = range.end == chars.len() || chars[range.end] == '\n';
                if !own.is_empty() && own.len() == stored.suffix.len() {
                    suffix
                } else {
                    own_side(own, stored.prepared[3].as_ref(), &chars[range.end..(range.end + own.len()).min(chars.len())], at_break)
                }
            },
            setting: Setting::default(),
        }
    }

    /// The evidence that ranks candidates (0..1): the share of the stored
    /// characters (quote, prefix and suffix together) that agree. Counting
    /// characters rather than Hypothesis' fixed weights lets 64 characters of
    /// intact context outweigh a five-letter name found elsewhere, and a
    /// 300-character quote outweigh its context.
    pub fn strength(&self) -> f32 {
        let [q, p, s] = self.lengths.map(|n| n as f32);
        (self.quote * q + self.prefix * p + self.suffix * s) / (q + p + s).max(1.0)
    }

    /// The score shown to the reader (0..1): Hypothesis' weights, position
    /// included, relative to the text's length `text_len`.
    pub fn score(&self, text_len: usize) -> f32 {
        let position = 1.0 - (self.distance as f32 / text_len.max(1) as f32).min(1.0);
        (W_QUOTE * self.quote + W_PREFIX * self.prefix + W_SUFFIX * self.suffix + W_POSITION * position)
            / (W_QUOTE + W_PREFIX + W_SUFFIX + W_POSITION)
    }

    /// Whether one side's own paragraph says this is another passage: a
    /// stretch of [`MIN_OWN_CHARS`] or more that does not agree. An own part
    /// that short cannot contradict (a paragraph `(CROSSTALK.)` has two
    /// characters of its own around the word).
    fn contradicts(own: f32, own_len: usize) -> bool {
        own_len >= MIN_OWN_CHARS && own < CONTRADICTS
    }

    /// Whether this candidate may carry the annotation of a quote of
    /// `quote_len` characters.
    ///
    /// - The quote found intact needs one side to agree (strongly, for a
    ///   short quote). If the other side's own paragraph contradicts it,
    ///   the agreeing side must agree within the passage's own paragraph:
    ///   after a paragraph is deleted, the next one starts after the same
    ///   text, so agreement across a break alone proves nothing.
    /// - A quote found edited needs one side to agree and neither to
    ///   contradict: a change to the quote and a rewrite of its context at
    ///   once is more often another passage than one edit.
    /// - A passage found by its context alone needs both sides to agree
    ///   strongly.
    pub fn admissible(&self, quote_len: usize) -> bool {
        let short = quote_len < SHORT_QUOTE_CHARS;
        let need = if short { SHORT_SIDE_AGREES } else { SIDE_AGREES };
        let [p_len, s_len] = self.own_lengths;
        let (p_no, s_no) = (Self::contradicts(self.own_prefix, p_len), Self::contradicts(self.own_suffix, s_len));
        let own = |sim: f32, len: usize| if len == 0 { sim } else { sim * (len as f32 / FULL_SIDE_CHARS as f32).min(1.0) };
        if self.setting.differs() {
            return false;
        }
        let bracket = self.prefix.min(self.suffix) >= BRACKET_SIDE_AGREES
            || (self.setting.agrees() && self.prefix.max(self.suffix) >= BRACKET_SIDE_AGREES && self.prefix.min(self.suffix) >= SIDE_AGREES);
        match self.found {
            Found::ByContext => !p_no && !s_no && bracket && (short || self.quote >= MIN_BRACKETED_QUOTE),
            Found::AtPosition | Found::ByQuote if self.quote >= 1.0 => match (p_no, s_no) {
                (false, false) => self.prefix.max(self.suffix) >= need,
                (true, false) => own(self.own_suffix, s_len) >= need,
                (false, true) => own(self.own_prefix, p_len) >= need,
                (true, true) => false,
            },
            Found::AtPosition | Found::ByQuote => {
                self.quote >= MIN_QUOTE_SIMILARITY && !p_no && !s_no && self.prefix.max(self.suffix) >= need
            }
        }
    }
}

/// The stored quote and context as characters.
pub struct Stored {
    /// The quote.
    pub exact: Vec<char>,
    /// The text before it.
    pub prefix: Vec<char>,
    /// The text after it.
    pub suffix: Vec<char>,
    /// Prefix, suffix and their own-paragraph parts prepared for fast
    /// comparison (when not empty).
    pub prepared: [Option<Prepared>; 4],
    /// The strength of the best other place in the text the target was
    /// made on, when known ([`Target::rival`]).
    pub rival: Option<f32>,
}

impl Stored {
    /// The target's strings as characters.
    pub fn of(target: &Target) -> Self {
        let mut s = Self::new(target.exact.chars().collect(), target.prefix.chars().collect(), target.suffix.chars().collect());
        s.rival = target.rival.map(|r| f32::from(r) / 1000.0);
        s
    }

    /// The quote and context given as characters.
    pub fn new(exact: Vec<char>, prefix: Vec<char>, suffix: Vec<char>) -> Self {
        let mut s = Stored { exact, prefix, suffix, prepared: [None, None, None, None], rival: None };
        s.prepared = [Prepared::new(&s.prefix), Prepared::new(&s.suffix), Prepared::new(s.own_prefix()), Prepared::new(s.own_suffix())];
        s
    }

    /// Whether `e` matches clearly better than the stored rival did
    /// ([`RIVAL_MARGIN`]); always, when no rival is stored.
    pub fn beaten_by(&self, e: &Evidence) -> bool {
        self.rival.is_none_or(|r| e.strength() >= r + RIVAL_MARGIN)
    }

    /// The prefix after its last line break: the part in the passage's own
    /// paragraph.
    pub fn own_prefix(&self) -> &[char] {
        let from = self.prefix.iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
        &self.prefix[from..]
    }

    /// The suffix before its first line break.
    pub fn own_suffix(&self) -> &[char] {
        let to = self.suffix.iter().position(|&c| c == '\n').unwrap_or(self.suffix.len());
        &self.suffix[..to]
    }
}

/// How far a stored side agrees within the passage's own paragraph (0..1).
/// Context across a line break is another paragraph's text, which edits
/// move, delete and insert on their own. A passage that began (or ended)
/// its paragraph agrees where the candidate does too ([`EDGE_AGREES`]).
pub fn own_side(own: &[char], prepared: Option<&Prepared>, found: &[char], at_break: bool) -> f32 {
    if own.is_empty() {
        return if at_break { EDGE_AGREES } else { 0.0 };
    }
    side_similarity(own, prepared, found, false)
}

/// Similarity in 0..1 of a stored side of context and the text found
/// there (`prepared` is `stored` prepared for comparison, if it could be).
/// An empty stored side means the quote was at the edge of the text: it
/// agrees ([`EDGE_AGREES`]) only if the candidate is at the edge too.
pub fn side_similarity(stored: &[char], prepared: Option<&Prepared>, found: &[char], at_edge: bool) -> f32 {
    if stored.is_empty() {
        return if at_edge { EDGE_AGREES } else { 0.0 };
    }
    if stored == found {
        return 1.0;
    }
    let distance = prepared.map_or_else(|| approx::edit_distance(stored, found), |p| p.distance(found));
    1.0 - distance as f32 / stored.len().max(found.len()) as f32
}

/// The placement the candidates for `stored` support: the strongest
/// admissible one that beats the stored rival, unless another that does
/// not overlap it is as strong (then `None`: an orphan). A candidate at the
/// stored position wins a tie: when nothing tells two places apart, the one
/// where the passage was is the likelier.
pub fn decide<'e>(candidates: &'e [Evidence], stored: &Stored) -> Option<&'e Evidence> {
    let quote_len = stored.exact.len();
    let beats_rival = |e: &Evidence| stored.beaten_by(e);
    let admissible: Vec<&Evidence> =
        candidates.iter().filter(|e| (e.admissible(quote_len) || alone_in_its_paragraph(e, candidates)) && beats_rival(e)).collect();
    let Some(best) = admissible.iter().copied().max_by(|a, b| a.strength().total_cmp(&b.strength())) else {
        return lone_long_quote(candidates, stored).filter(|e| beats_rival(e));
    };
    if let Some(e) = best_setting(&admissible) {
        return Some(e);
    }
    let tied: Vec<&Evidence> = admissible
        .iter()
        .copied()
        .filter(|e| !e.range.overlaps(&best.range) && e.range != best.range && best.strength() - e.strength() < TIE_MARGIN)
        .collect();
    if tied.is_empty() {
        return Some(best);
    }
    let near: Vec<&Evidence> = admissible.iter().copied().filter(|e| best.strength() - e.strength() < TIE_MARGIN).collect();
    if let Some(e) = best_setting(&near) {
        return Some(e);
    }
    let at_position = admissible.iter().copied().find(|e| e.found == Found::AtPosition)?;
    (best.strength() - at_position.strength() < TIE_MARGIN).then_some(at_position)
}

/// The quote found intact in the passage's own setting ([`Setting::agrees`])
/// and nowhere else in that paragraph: its context was rewritten around
/// it, but nothing else in its paragraph could be it.
fn alone_in_its_paragraph(e: &Evidence, candidates: &[Evidence]) -> bool {
    let intact = |c: &Evidence| c.quote >= 1.0 && c.found != Found::ByContext;
    intact(e)
        && e.setting.agrees()
        && !candidates.iter().any(|c| intact(c) && c.setting.para == e.setting.para && !c.range.overlaps(&e.range))
}

/// Of candidates that match equally well, the one that sits where the
/// passage sat by [`SETTING_MARGIN`] more than every other not
/// overlapping it (a copy of its paragraph elsewhere has other
/// neighbours), if there is one.
fn best_setting<'e>(near: &[&'e Evidence]) -> Option<&'e Evidence> {
    let score = |e: &Evidence| e.setting.score().unwrap_or(0.0);
    let top = near.iter().copied().max_by(|a, b| score(a).total_cmp(&score(b)))?;
    let clear = near.iter().filter(|e| !e.range.overlaps(&top.range)).all(|e| score(top) - score(e) >= SETTING_MARGIN);
    (top.setting.score().is_some() && clear).then_some(top)
}

/// A long quote ([`LONG_QUOTE_CHARS`]) found intact, once, needs no
/// context (a paragraph that is one sentence, moved: both its sides are
/// other paragraphs) — unless it sits in another paragraph
/// ([`Setting::differs`]), or may be a twin of the passage: one that
/// matches no better than the stored rival did ([`decide`] checks), or,
/// when no rival is stored, one whose stored context is longer than the
/// usual [`CONTEXT_CHARS`] (then [`Target::describe`] met a twin in its
/// text, and the one left may be the twin).
fn lone_long_quote<'e>(candidates: &'e [Evidence], stored: &Stored) -> Option<&'e Evidence> {
    let mut intact = candidates.iter().filter(|e| e.quote >= 1.0 && e.found != Found::ByContext);
    let only = intact.next().filter(|_| intact.next().is_none()).filter(|e| !e.setting.differs())?;
    let [_, p, s] = only.lengths;
    let no_twin = stored.rival.is_some() || (p <= CONTEXT_CHARS && s <= CONTEXT_CHARS);
    (stored.exact.len() >= LONG_QUOTE_CHARS && no_twin).then_some(only)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(found: Found, quote: f32, prefix: f32, suffix: f32, at: usize) -> Evidence {
        Evidence { range: CharRange::new(at, at + 5), found, quote, prefix, suffix, distance: 0, lengths: [5, 32, 32], own_prefix: prefix, own_suffix: suffix, own_lengths: [32, 32], setting: Setting::default() }
    }

    #[test]
    fn side_similarity_table() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let cases: &[(&str, &str, &str, bool, f32)] = &[
            ("same", "said on Monday that the ", "said on Monday that the ", false, 1.0),
            ("one typo", "said on Monday that the ", "said on Mondya that the ", false, 1.0 - 2.0 / 24.0),
            ("empty at the edge", "", "", true, EDGE_AGREES),
            ("empty away from the edge", "", "text", false, 0.0),
        ];
        for (name, stored, found, edge, want) in cases {
            let got = side_similarity(&c(stored), Prepared::new(&c(stored)).as_ref(), &c(found), *edge);
            assert!((got - want).abs() < 1e-6, "case {name}: {got}");
        }
    }

    #[test]
    fn own_side_table() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let cases: &[(&str, &str, &str, bool, f32)] = &[
            ("a full side", "said on Monday that the ", "said on Monday that the ", false, 1.0),
            ("a typo", "said on Monday that the ", "said on Mondya that the ", false, 1.0 - 2.0 / 24.0),
            ("a paragraph's start, found at one", "", "", true, EDGE_AGREES),
            ("a paragraph's start, found mid-sentence", "", "", false, 0.0),
        ];
        for (name, own, found, at_break, want) in cases {
            let got = own_side(&c(own), None, &c(found), *at_break);
            assert!((got - want).abs() < 1e-6, "case {name}: {got}");
        }
        let stored = Stored::new(c("quote"), c("end of one.\n\nStart "), c(" of it.\nNext"));
        assert_eq!(stored.own_prefix().iter().collect::<String>(), "Start ");
        assert_eq!(stored.own_suffix().iter().collect::<String>(), " of it.");
    }

    #[test]
    fn admissibility_table() {
        // (name, evidence, quote length, admissible)
        let cases = [
            ("long quote, one side agrees", ev(Found::ByQuote, 1.0, 0.75, 0.3, 0), 40, true),
            ("long quote, no side agrees", ev(Found::ByQuote, 1.0, 0.5, 0.4, 0), 40, false),
            ("short quote needs a strong side", ev(Found::ByQuote, 1.0, 0.8, 0.8, 0), 6, false),
            ("short quote with a strong side", ev(Found::ByQuote, 1.0, 0.9, 0.2, 0), 6, true),
            ("short quote at its position, context gone", ev(Found::AtPosition, 1.0, 0.3, 0.2, 0), 6, false),
            ("quote edited beyond the budget", ev(Found::ByQuote, 0.6, 1.0, 1.0, 0), 40, false),
            ("by context: both sides agree", ev(Found::ByContext, 0.0, 0.95, 1.0, 0), 6, true),
            ("by context: one side only", ev(Found::ByContext, 0.5, 1.0, 0.6, 0), 6, false),
            ("by context: a few words, one changed", ev(Found::ByContext, 0.7, 1.0, 0.95, 0), 40, true),
            ("by context: a few words, rewritten", ev(Found::ByContext, 0.3, 1.0, 0.95, 0), 40, false),
            ("an edited quote whose other side contradicts", ev(Found::ByQuote, 0.9, 1.0, 0.3, 0), 40, false),
            ("an edited quote, a word changed in its context", ev(Found::ByQuote, 0.9, 1.0, 0.75, 0), 40, true),
            (
                "after a deletion the next paragraph starts after the same text",
                Evidence { own_prefix: EDGE_AGREES, own_lengths: [0, 32], ..ev(Found::AtPosition, 1.0, 1.0, 0.3, 0) },
                3,
                false,
            ),
            (
                "a one-word paragraph: its neighbours speak for it",
                Evidence { own_lengths: [1, 2], ..ev(Found::ByQuote, 1.0, 1.0, 1.0, 0) },
                9,
                true,
            ),
            (
                "the sentence before rewritten, its own rest intact",
                Evidence { own_prefix: 0.3, own_suffix: 1.0, ..ev(Found::ByQuote, 1.0, 0.3, 1.0, 0) },
                6,
                true,
            ),
            ("an edited quote with both sides", ev(Found::ByQuote, 0.9, 1.0, 0.8, 0), 40, true),
        ];
        for (name, e, len, want) in cases {
            assert_eq!(e.admissible(len), want, "case {name}");
        }
    }

    #[test]
    fn decision_table() {
        let strong = ev(Found::ByQuote, 1.0, 1.0, 0.9, 100);
        let weak = ev(Found::ByQuote, 1.0, 0.9, 0.1, 300);
        let twin = ev(Found::ByQuote, 1.0, 1.0, 0.9, 500);
        let here = ev(Found::AtPosition, 1.0, 1.0, 0.9, 700);
        let overlapping = ev(Found::ByContext, 0.8, 1.0, 0.9, 102);
        let cases: Vec<(&str, Vec<Evidence>, Option<usize>)> = vec![
            ("clear winner", vec![weak.clone(), strong.clone()], Some(100)),
            ("two equally good places: orphan", vec![strong.clone(), twin.clone()], None),
            ("a tie with the stored position keeps it", vec![strong.clone(), here.clone()], Some(700)),
            ("an overlapping candidate is the same place", vec![strong.clone(), overlapping], Some(100)),
            ("nothing admissible", vec![ev(Found::ByQuote, 1.0, 0.1, 0.1, 0)], None),
            ("a long quote found once needs no context", vec![Evidence { lengths: [60, 32, 32], ..ev(Found::ByQuote, 1.0, 0.1, 0.1, 40) }], Some(40)),
            (
                "unless the passage had a twin",
                vec![Evidence { lengths: [60, 80, 32], ..ev(Found::ByQuote, 1.0, 0.1, 0.1, 40) }],
                None,
            ),
            (
                "nor when it occurs twice",
                vec![Evidence { lengths: [60, 32, 32], ..ev(Found::ByQuote, 1.0, 0.1, 0.1, 40) }, Evidence { lengths: [60, 32, 32], ..ev(Found::ByQuote, 1.0, 0.1, 0.1, 400) }],
                None,
            ),
        ];
        for (name, cands, want) in cases {
            let stored = Stored::new(vec!['x'; cands[0].lengths[0].max(30)], Vec::new(), Vec::new());
            assert_eq!(decide(&cands, &stored).map(|e| e.range.start), want, "case {name}");
        }
    }

    #[test]
    fn setting_table() {
        let set = |own: f32, before: f32, after: f32| Setting {
            own: Some(own),
            own_len: 12,
            before: Some(before),
            after: Some(after),
            neighbour_lens: [6, 6],
            ..Setting::default()
        };
        // (name, setting, agrees, differs, in its slot)
        let cases = [
            ("its paragraph, its neighbours", set(1.0, 1.0, 1.0), true, false, true),
            ("its paragraph with a sentence rewritten, one neighbour", set(0.7, 1.0, 0.0), true, false, false),
            ("its paragraph moved away from its neighbours", set(1.0, 0.0, 0.0), false, false, false),
            ("another paragraph", set(0.1, 0.0, 0.0), false, true, false),
            ("a short paragraph rewritten between its neighbours", set(0.0, 1.0, 1.0), true, false, true),
            ("between neighbours of one word each", Setting { neighbour_lens: [1, 1], ..set(0.0, 1.0, 1.0) }, false, true, false),
            ("its neighbour, repeating it", Setting { is_neighbour: true, ..set(1.0, 0.0, 1.0) }, false, true, false),
            ("a heading of two words, none of it", Setting { own_len: 1, complete: true, ..set(0.0, 0.0, 1.0) }, false, true, false),
            ("nothing stored", Setting::default(), false, false, false),
        ];
        for (name, s, agrees, differs, slot) in cases {
            assert_eq!((s.agrees(), s.differs(), s.in_its_slot()), (agrees, differs, slot), "case {name}");
        }
        // A copy of the paragraph elsewhere matches as well but has other
        // neighbours: the setting breaks the tie.
        let here = Evidence { setting: set(1.0, 1.0, 1.0), ..ev(Found::ByQuote, 1.0, 1.0, 1.0, 100) };
        let copy = Evidence { setting: set(1.0, 0.0, 0.0), ..ev(Found::ByQuote, 1.0, 1.0, 1.0, 500) };
        let stored = Stored::new(vec!['x'; 30], Vec::new(), Vec::new());
        assert_eq!(decide(&[copy.clone(), here], &stored).map(|e| e.range.start), Some(100));
        assert_eq!(decide(&[copy.clone(), Evidence { range: CharRange::new(900, 905), ..copy }], &stored), None);
    }

    #[test]
    fn rival_table() {
        // A short quote whose paragraph was deleted: what is left is the
        // other mention, which matched this well when the note was made.
        let twin = ev(Found::ByQuote, 1.0, 1.0, 0.5, 300);
        let moved = ev(Found::ByQuote, 1.0, 1.0, 1.0, 300);
        let lone = Evidence { lengths: [60, 32, 32], ..ev(Found::ByQuote, 1.0, 0.1, 0.1, 40) };
        let with = |n: usize, rival: Option<f32>| Stored { rival, ..Stored::new(vec!['x'; n], Vec::new(), Vec::new()) };
        let cases: Vec<(&str, Evidence, Stored, bool)> = vec![
            ("no rival stored: the old rules", twin.clone(), with(30, None), true),
            ("the twin matches as the rival did", twin.clone(), with(30, Some(twin.strength())), false),
            ("the passage itself, moved, beats it", moved, with(30, Some(twin.strength())), true),
            ("a long quote found once, no better than its twin was", lone.clone(), with(60, Some(lone.strength())), false),
            ("a long quote found once, and nothing like it then", lone, with(60, Some(0.1)), true),
        ];
        for (name, e, stored, want) in cases {
            assert_eq!(decide(std::slice::from_ref(&e), &stored).is_some(), want, "case {name}");
        }
    }
}
