//! Annotations and the per-document data that is saved and exported.

use crate::model::SuggestionKey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::rc::Rc;

use super::ids::{AnnotationId, LabelId};
use super::label::{default_labels, Label};
use super::time::Timestamp;
use super::Document;
use crate::text::shingle::{self, Sketch};
use crate::text::{CharRange, DocHash};

/// Characters of context stored on each side of a quote (as Hypothesis),
/// at the least.
pub const CONTEXT_CHARS: usize = 32;

/// Most context stored on a side. A passage repeated in its article (an
/// abstract above the full text, a pull quote) shares its first 32
/// characters of context with its twin, and then the stored selectors
/// cannot tell which one the note was on once one is edited away; so
/// [`Target::describe`] stores twice the context the twins share, plus
/// [`CONTEXT_SLACK`], up to this.
pub const MAX_CONTEXT_CHARS: usize = 160;

/// Characters of context stored beyond the run a passage shares with a
/// twin (see [`MAX_CONTEXT_CHARS`]).
pub const CONTEXT_SLACK: usize = 16;

/// Occurrences of a quote compared when choosing how much context to keep.
const MAX_TWINS: usize = 1_000;

/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// Most annotations one document may hold.
pub const MAX_ANNOTATIONS: usize = 20_000;

/// Where an annotation points, stored redundantly so it can be found again
/// in an edited text: position, exact quote and context (Hypothesis'
/// approach), plus the hash of the text the position refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// Hash of the document text `start`/`end` refer to.
    pub source: DocHash,
    /// First code point of the quote in that text.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The quoted text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] code points before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points after the quote.
    pub suffix: String,
    /// How well the best *other* place in the text the target was made on
    /// matched these selectors then, in thousandths of
    /// `anchor::evidence::Evidence::strength` (`anchor::describe` fills it
    /// in). A place in an edited text that matches no better than that
    /// rival did may be the rival: a twin of the passage, left after the
    /// passage itself was deleted. `None` for targets made before this
    /// was stored, or imported without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rival: Option<u16>,
    /// Fingerprints of the passage's paragraph and of the paragraphs
    /// around it when it was made (`anchor::describe` fills them in): what
    /// tells the passage from a copy of its paragraph elsewhere, and finds
    /// it after the sentence around it was rewritten. `None` for targets
    /// made before this was stored, or imported without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub around: Option<Surroundings>,
}

/// Where a passage sits, as [`Sketch`]es of word trigrams
/// (`crate::text::shingle`): its own paragraph (every paragraph it
/// touches) and the nearest paragraph before and after. About 100
/// characters of JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Surroundings {
    /// The passage's own paragraph.
    pub own: Sketch,
    /// The paragraph before it (empty at the start of the text).
    #[serde(default)]
    pub before: Sketch,
    /// The paragraph after it (empty at the end of the text).
    #[serde(default)]
    pub after: Sketch,
    /// How many distinct shingles the own paragraph had: with the share
    /// of the sketch a paragraph contains, how alike the two are in size
    /// too (a longer paragraph quoting this one contains all of it).
    #[serde(default)]
    pub size: u32,
}

/// Shingles sampled from the passage's own paragraph: enough to tell a
/// paragraph with a rewritten sentence (about 0.8 contained) from another
/// paragraph (about 0) with a margin.
pub const SKETCH_OWN: usize = 12;
/// Shingles sampled from each neighbouring paragraph: they only have to
/// tell the passage's neighbours from some other paragraph's.
pub const SKETCH_NEIGHBOUR: usize = 6;

impl Surroundings {
    /// The surroundings of `range` in `chars`, whose paragraphs are
    /// `paras` ([`shingle::paragraphs`]).
    pub fn of(chars: &[char], paras: &[CharRange], range: CharRange) -> Surroundings {
        let Some((first, last)) = paragraph_span(paras, range) else {
            return Surroundings::default();
        };
        let text = |r: CharRange| &chars[r.start..r.end];
        let own = shingle::union(&paras[first..=last].iter().map(|p| shingle::shingles(text(*p))).collect::<Vec<_>>());
        let before = first.checked_sub(1).map(|i| shingle::shingles(text(paras[i]))).unwrap_or_default();
        let after = paras.get(last + 1).map(|p| shingle::shingles(text(*p))).unwrap_or_default();
        Surroundings {
            own: Sketch::of(&own, SKETCH_OWN),
            before: Sketch::of(&before, SKETCH_NEIGHBOUR),
            after: Sketch::of(&after, SKETCH_NEIGHBOUR),
            size: u32::try_from(own.len()).unwrap_or(u32::MAX),
        }
    }
}

/// The first and last of `paras` that `range` touches.
pub fn paragraph_span(paras: &[CharRange], range: CharRange) -> Option<(usize, usize)> {
    let first = shingle::paragraph_at(paras, range.start)?;
    // A range starting on the line break before a paragraph belongs to it.
    let first = if paras[first].end <= range.start && first + 1 < paras.len() && paras[first + 1].start < range.end { first + 1 } else { first };
    let last = shingle::paragraph_at(paras, range.end.saturating_sub(1).max(range.start))?.max(first);
    Some((first, last))
}

impl Target {
    /// Describes `range` of `doc`: its quote, and enough context on each
    /// side to tell it from any other occurrence of the quote
    /// ([`CONTEXT_CHARS`] to [`MAX_CONTEXT_CHARS`]); `None` if the range is
    /// empty or out of bounds. Its [`Target::rival`] is left unknown:
    /// `anchor::describe` measures it too, and is what the app uses.
    pub fn describe(doc: &Document, range: CharRange) -> Option<Target> {
        if range.is_empty() {
            return None;
        }
        let t = &doc.indexed;
        let exact = t.slice(range)?.to_string();
        let bytes = t.byte_range(range)?;
        let (before, after) = context_needed(t.as_str(), bytes.start, bytes.end);
        let prefix = t.slice(CharRange::new(range.start.saturating_sub(before), range.start))?.to_string();
        let suffix = t.slice(CharRange::new(range.end, (range.end + after).min(t.char_len())))?.to_string();
        Some(Target { source: doc.hash.clone(), start: range.start, end: range.end, exact, prefix, suffix, rival: None, around: None })
    }

    /// The stored position.
    pub fn position(&self) -> CharRange {
        CharRange::new(self.start, self.end)
    }
}

/// Characters of context to keep before and after the quote at bytes
/// `start..end` of `text`: twice the longest run it shares with another
/// occurrence of the quote, plus slack, within
/// [`CONTEXT_CHARS`]..=[`MAX_CONTEXT_CHARS`].
fn context_needed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let quote = &text[start..end];
    let common = |a: &mut dyn Iterator<Item = char>, b: &mut dyn Iterator<Item = char>| {
        a.zip(b).take(MAX_CONTEXT_CHARS).take_while(|(x, y)| x == y).count()
    };
    let (mut before, mut after) = (0, 0);
    for (at, _) in text.match_indices(quote).take(MAX_TWINS).filter(|&(at, _)| at != start) {
        before = before.max(common(&mut text[..at].chars().rev(), &mut text[..start].chars().rev()));
        after = after.max(common(&mut text[at + quote.len()..].chars(), &mut text[end..].chars()));
    }
    let need = |run: usize| (2 * run + CONTEXT_SLACK).clamp(CONTEXT_CHARS, MAX_CONTEXT_CHARS);
    (need(before), need(after))
}

/// One annotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable identity.
    pub id: AnnotationId,
    /// What it annotates.
    pub target: Target,
    /// Its label (one of the document's labels).
    pub label: LabelId,
    /// Free text, plain (never markup).
    pub note: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
}

/// A stored or imported item that could not be read, kept verbatim so
/// nothing is silently dropped; saved back and exported with the data.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Quarantined {
    /// The item's raw JSON.
    pub raw: String,
    /// Why it could not be used.
    pub reason: String,
}

/// Everything saved for one document besides its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocData {
    /// The document's label set.
    pub labels: Vec<Label>,
    /// Annotations, in creation order (views sort by position). Each is
    /// shared between the snapshots undo keeps and the state's copies, so
    /// a change (a keystroke in a note) copies 5,000 pointers and the one
    /// annotation it edits, not 5,000 annotations (`Rc::make_mut`).
    pub annotations: Vec<Rc<Annotation>>,
    /// Keys of analysis suggestions the user dismissed.
    #[serde(default)]
    pub dismissed: BTreeSet<SuggestionKey>,
    /// Unreadable items kept verbatim.
    #[serde(default)]
    pub quarantine: Vec<Quarantined>,
}

impl Default for DocData {
    fn default() -> Self {
        DocData { labels: default_labels(), annotations: Vec::new(), dismissed: BTreeSet::new(), quarantine: Vec::new() }
    }
}

impl DocData {
    /// The label new and relabelled annotations fall back to: the first of
    /// the set (a document always keeps at least one label).
    pub fn fallback_label(&self) -> LabelId {
        self.labels.first().map(|l| l.id.clone()).unwrap_or_else(|| default_labels()[0].id.clone())
    }

    /// True when another label than `except` is already called `name`
    /// (names compare without regard to case).
    pub fn label_name_taken(&self, name: &str, except: Option<&LabelId>) -> bool {
        self.labels.iter().any(|l| Some(&l.id) != except && l.name.eq_ignore_ascii_case(name))
    }

    /// The annotation with `id`.
    pub fn annotation(&self, id: &AnnotationId) -> Option<&Annotation> {
        self.annotations.iter().find(|a| &a.id == id).map(|a| &**a)
    }

    /// The label with `id`.
    pub fn label(&self, id: &LabelId) -> Option<&Label> {
        self.labels.iter().find(|l| &l.id == id)
    }

    /// True when there is nothing worth saving beyond the defaults.
    pub fn is_pristine(&self) -> bool {
        self.annotations.is_empty() && self.dismissed.is_empty() && self.quarantine.is_empty() && self.labels == default_labels()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_takes_context_in_code_points() {
        let doc = Document::from_raw("😀 before the quoted words and after 👨🏻‍🚒", None);
        let text = doc.text();
        let start = text[..text.find("quoted").unwrap()].chars().count();
        let t = Target::describe(&doc, CharRange::new(start, start + 12)).unwrap();
        assert_eq!(t.exact, "quoted words");
        assert_eq!(t.prefix, "😀 before the ");
        assert_eq!(t.suffix, " and after 👨🏻‍🚒");
        assert!(Target::describe(&doc, CharRange::new(3, 3)).is_none());
        assert!(Target::describe(&doc, CharRange::new(3, 999)).is_none());
    }

    #[test]
    fn a_repeated_passage_keeps_the_context_that_tells_it_from_its_twin() {
        // An abstract repeats the full text's sentence with the same 40
        // characters before the quote; the second mention keeps more.
        let twin = "Officials said the plan to rebuild the harbour was approved";
        let text = format!("ABSTRACT. Long ago. {twin} on Monday.\n\nFULL TEXT. Long since. {twin} after a vote.");
        let doc = Document::from_raw(&text, None);
        let at = text.rfind("approved").unwrap();
        let t = Target::describe(&doc, CharRange::new(at, at + 8)).unwrap();
        // What the two mentions share before the quote: ". " and the sentence.
        let shared = ". Officials said the plan to rebuild the harbour was ".chars().count();
        assert_eq!(t.prefix.chars().count(), (2 * shared + CONTEXT_SLACK).min(MAX_CONTEXT_CHARS).min(at));
        assert_eq!(t.suffix, " after a vote.");
        // A quote that occurs once keeps the usual context.
        let once = text.find("vote").unwrap();
        assert_eq!(Target::describe(&doc, CharRange::new(once, once + 4)).unwrap().prefix.chars().count(), CONTEXT_CHARS);
    }
}
