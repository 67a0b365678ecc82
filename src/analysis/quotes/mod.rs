//! Direct quotations and who said them.
//!
//! Stages, one file each: [`marks`] pairs quotation marks; [`doc`] is the
//! token view the rules ask questions of (with the word lists in
//! [`lexicon`]); [`rules`] proposes a speaker per quotation; [`resolve`]
//! turns the chosen mention into the name shown.
//!
//! **Finding quotations.** Per paragraph: double marks (`"`, `“`, `”`,
//! mixed as writers mix them) pair up; an opening mark still open at the
//! paragraph's end continues into the next paragraph when that one opens
//! with a mark (each paragraph's part is its own span, as corpora annotate
//! them). Single marks (`‘’`, `'`) pair only where they cannot be
//! apostrophes (`Russia's`, `Russia’s`, `'90s`), and a short single-quoted
//! phrase is a scare quote: it gets no speaker.
//!
//! **Finding the speaker.** The quotation's frame is its sentence with
//! every quotation masked. In it, a speech cue (`said`, `told`, `tweeted`,
//! `the statement read`, `according to`…) is looked for right after the
//! closing mark, then before the opening mark, then anywhere; its subject
//! is the nearest person, organisation, pronoun or role noun phrase on the
//! side the pattern says (`"…," X said`, `said X`, `X said: "…"`). A
//! pronoun with no person before it in its sentence continues the subject
//! of the sentence before; otherwise it resolves to the nearest preceding
//! person (of a matching gender when the first name tells, skipping the one
//! a "whom" clause is about); "the statement" resolves to whoever made the
//! last statement mentioned. A quotation without a cue of its own continues the
//! previous one in its paragraph.

mod candidates;
mod doc;
mod features;
mod lexicon;
mod marks;
mod ranker;
mod resolve;
mod rules;

pub use marks::{find_marked, Marked};
pub use ranker::{accuracy as speaker_accuracy, shipped as shipped_speaker_model, train as train_speakers, Example as SpeakerExample, GoldQuote, SpeakerModel};
pub use rules::{is_scare, Rule};

use super::token::Token;
use super::{Entity, Group};
use crate::text::ByteRange;
use doc::Doc;

/// The attribution found for one quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker mention as written.
    pub mention: ByteRange,
    /// Canonical name (group canonical, resolved pronoun, or the phrase).
    pub name: String,
    /// Group of the resolved entity.
    pub group: Option<usize>,
    /// The cue word(s) as written.
    pub cue: Option<String>,
}

/// Finds the speaker of each quotation in `marked`.
pub fn attribute(text: &str, tokens: &[Token], lower: &[String], marked: &[Marked], entities: &[Entity], groups: &[Group]) -> Vec<Option<Attribution>> {
    let doc = Doc::new(text, tokens, lower, marked, entities, groups);
    let rule_picks = rules::picks(&doc, marked);
    let picks = match ranker::shipped() {
        Some(model) => ranker::choose(&doc, marked, &rule_picks, model),
        None => rule_picks,
    };
    picks.into_iter().map(|p| p.map(|p| doc.attribution(p.cand, p.cue))).collect()
}

/// Training examples for the speaker ranker from one document and its
/// gold quotations (see [`ranker`]).
pub fn speaker_examples(text: &str, tokens: &[Token], lower: &[String], marked: &[Marked], entities: &[Entity], groups: &[Group], gold: &[GoldQuote]) -> Vec<SpeakerExample> {
    let doc = Doc::new(text, tokens, lower, marked, entities, groups);
    ranker::examples(&doc, marked, &rules::picks(&doc, marked), gold)
}
