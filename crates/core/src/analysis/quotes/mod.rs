//! Direct quotations and who said them.
//!
//! Stages, one file each, in the order they run:
//!
//! | stage | file | does |
//! |---|---|---|
//! | marks | `marks.rs` | pairs quotation marks into [`Marked`] quotations |
//! | view | `doc.rs` | tokens with quotations masked, entities per token, sentence starts; the questions rules ask (is this a cue, where is the subject) |
//! | passive | `passive.rs` | a cue in the passive (`was called`) and its agent after `by`; the source phrase after `by` or `according to` |
//! | rules | `rules.rs` | 13 named rules ([`Rule`]) each propose a speaker |
//! | candidates | `candidates.rs` | every mention near the quotation that could be the speaker |
//! | features | `features.rs` | what is known of each candidate (kind, side, distance, grammar, the rules' vote) |
//! | ranker | `ranker.rs` | a learned linear model picks the best candidate, or nobody |
//! | post-modifiers | `postmod.rs` | the head a phrase before a cue modifies (`a staffer | in the room said`) is the subject |
//! | descriptions | `described.rs` | a description tied to a name (`a spokesman for X`, `an aide to Y`) is one mention: a spokesperson shows the name, anyone else the description |
//! | resolve | `resolve.rs` | the chosen mention becomes the name shown (pronoun → person, `the senator` → person, `the statement` → its author) |
//!
//! Word lists are in `lexicon.rs`.
//!
//! **Finding quotations.** Per paragraph: double marks (`"`, `“`, `”`,
//! mixed as writers mix them) pair up; an opening mark still open at the
//! paragraph's end continues into the next paragraph. Single marks pair
//! only where they cannot be apostrophes, and a short single-quoted phrase
//! is a scare quote: it gets no speaker.
//!
//! **Finding the speaker.** The rules read the quotation's frame (its
//! sentence with every quotation masked) for a speech cue after the
//! closing mark, before the opening mark, then anywhere, and take its
//! subject; quotations without a cue continue a neighbour's speaker. The
//! rules' pick is then one candidate among all the mentions nearby, and the
//! ranker — trained on PolNeAR `train` (`marginalia train --speakers`) —
//! chooses: it keeps the rules' pick when it agrees on the person, and
//! overrides it where the features say a nearer name, an inverted `said X`
//! or the previous speaker is likelier. "Nobody" is a candidate only
//! where no rule found an attribution (scare quotes, titles). It picks in
//! order, and what a quotation takes from its neighbours (the previous
//! speaker, the rules that continue a neighbour's speaker) is the
//! neighbour's speaker as shown, not the rules' pick for it.

mod candidates;
mod described;
mod doc;
mod features;
mod lexicon;
mod marks;
mod passive;
mod postmod;
mod ranker;
mod resolve;
mod rules;

pub use marks::{find_marked, Marked};
pub use ranker::{replace_shipped as replace_shipped_speaker_model, shipped as shipped_speaker_model, Example as SpeakerExample, GoldQuote, SpeakerModel};
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

/// Finds the speaker of each quotation in `marked`: the rules' picks,
/// chosen among by `model` (the shipped one, or one being
/// cross-validated); the rules alone without a model.
#[allow(clippy::too_many_arguments)] // the stages' outputs, each its own
pub fn attribute(text: &str, tokens: &[Token], lower: &[String], marked: &[Marked], entities: &[Entity], groups: &[Group], model: Option<&SpeakerModel>) -> Vec<Option<Attribution>> {
    let doc = Doc::new(text, tokens, lower, marked, entities, groups);
    let rule_picks = rules::picks(&doc, marked);
    let picks = match model {
        Some(model) => ranker::choose(&doc, marked, &rule_picks, model),
        None => rule_picks,
    };
    picks.into_iter().map(|p| p.map(|p| doc.attribution(p.cand, p.cue))).collect()
}

/// Whether a speaker found — the name shown, the mention as `written` at
/// `mention` — is the gold speaker `gold_name` written at `gold_span`: the
/// same name, the same words as written, or overlapping spans (corpora
/// mark speakers as written, pronouns included). The ranker learns with
/// this and `marginalia eval` scores with it; spans in one unit for both.
pub fn same_speaker(name: &str, written: &str, mention: (usize, usize), gold_name: &str, gold_span: Option<(usize, usize)>) -> bool {
    let norm = |x: &str| x.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let overlap = gold_span.is_some_and(|(gs, ge)| mention.0 < ge && gs < mention.1);
    norm(name) == norm(gold_name) || overlap || norm(written) == norm(gold_name)
}

/// Training examples for the speaker ranker from one document and its
/// gold quotations (see `ranker.rs`).
pub fn speaker_examples(text: &str, tokens: &[Token], lower: &[String], marked: &[Marked], entities: &[Entity], groups: &[Group], gold: &[GoldQuote]) -> Vec<SpeakerExample> {
    let doc = Doc::new(text, tokens, lower, marked, entities, groups);
    ranker::examples(&doc, marked, &rules::picks(&doc, marked), gold)
}

/// Runs `f` on the attribution view of `text` (for the stage tests).
#[cfg(test)]
fn with_doc<R>(text: &str, f: impl FnOnce(&Doc, &[Marked]) -> R) -> R {
    let indexed = crate::text::IndexedText::new(text.to_string());
    let named = super::named_by(&indexed, &[], &[], None);
    let marked = find_marked(text);
    let doc = Doc::new(text, &named.tokens, &named.lower, &marked, &named.entities, &named.groups);
    f(&doc, &marked)
}

/// Loads the speaker model now (it is otherwise loaded on first use).
pub fn warm_up() {
    ranker::shipped();
}

/// Checks each `(text, quotation, name shown, mention as written)`: what
/// the whole analysis attributes the quotation to (the stages' table
/// tests for who is shown).
#[cfg(test)]
fn assert_shown(cases: &[(&str, &str, &str, &str)]) {
    for &(text, quote, name, mention) in cases {
        let a = crate::analysis::analyze(text);
        let q = a.quotes.iter().find(|q| q.text == quote).unwrap_or_else(|| panic!("no quotation {quote:?}"));
        let sp = q.speaker.as_ref().unwrap_or_else(|| panic!("no speaker in {text:?}"));
        let written: String = text.chars().skip(sp.mention.start).take(sp.mention.len()).collect();
        assert_eq!((sp.name.as_str(), written.as_str()), (name, mention), "{text}");
    }
}

#[cfg(test)]
mod tests {
    use super::same_speaker;

    /// `(name shown, as written, mention, gold name, gold span, same?)`.
    type Case = (&'static str, &'static str, (usize, usize), &'static str, Option<(usize, usize)>, bool);

    #[test]
    fn same_speaker_table() {
        let cases: &[Case] = &[
            ("Bernie Sanders", "he", (40, 42), "Bernie Sanders", Some((0, 14)), true),
            ("Hillary Clinton", "she", (40, 43), "she", Some((40, 43)), true),
            ("Donald Trump", "Trump", (10, 15), "trump.", None, true),
            ("Donald Trump", "Trump", (10, 15), "Hillary Clinton", Some((30, 45)), false),
            ("the senator", "the senator", (5, 16), "Sanders", Some((16, 23)), false),
        ];
        for &(name, written, mention, gold, span, want) in cases {
            assert_eq!(same_speaker(name, written, mention, gold, span), want, "{name} / {gold}");
        }
    }
}
