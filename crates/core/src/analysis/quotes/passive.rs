//! A cue in the passive and its agent: `The deaths have been described
//! as “a mystery” by the group`, `the measure was called by the SVP`.
//!
//! The subject of a passive cue is what the words were said *about*, not
//! who said them; the speaker, when the article names one, is the agent
//! after `by`, right after the cue or after the quotation the cue
//! introduces. Read as an active cue's subject, the thing described was
//! shown as the speaker (`The deaths have been`).

use super::doc::{Cand, Doc};
use super::lexicon::{is_aux_or_adverb, DETERMINERS, FUNCTION_WORDS, PRONOUNS};
use crate::analysis::token::Kind;

/// Words a source phrase after `by` or `according to` may take after its
/// determiner (`the Massachusetts Institute of Technology` stops at `of`).
const SOURCE_PHRASE_WORDS: usize = 5;

/// Forms of `be` that make a participle passive (`was called`, `has been
/// described`, `is being called`).
fn is_be(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being")
}

impl Doc<'_> {
    /// The cue at `k` is a participle in the passive: a form of `be`
    /// before it, past auxiliaries and adverbs (`has been widely
    /// described`). Not `quoted` (`he was quoted as saying`: the subject
    /// *is* the speaker) nor a form in `-ing` (`has been saying`).
    pub(super) fn is_passive_cue(&self, k: usize) -> bool {
        let w = self.lower[k].as_str();
        if !self.is_cue(k) || w.ends_with("ing") || w == "quoted" || !(w.ends_with("ed") || matches!(w, "told" | "said" | "written")) {
            return false;
        }
        let mut j = k;
        while j > 0 {
            j -= 1;
            let v = self.lower[j].as_str();
            if is_be(v) {
                return true;
            }
            if !is_aux_or_adverb(v) {
                return false;
            }
        }
        false
    }

    /// The agent of the passive cue at `k`, before token `end`: the
    /// mention after `by` right after the cue (`was called by the SVP`)
    /// or right after the quotation it introduces (`described as “…” by
    /// the group`, `called “…” by Democrats`).
    pub(super) fn agent(&self, k: usize, end: usize) -> Option<Cand> {
        let mut j = k + 1;
        if self.lower.get(j).is_some_and(|w| w == "as") {
            j += 1;
        }
        let quotation = j;
        while j < end && self.quoted[j] {
            j += 1;
        }
        let by_here = j == k + 1 || j > quotation;
        if !by_here || j + 1 >= end || self.lower[j] != "by" {
            return None;
        }
        self.source_at(j + 1, end)
    }

    /// The source a preposition names at token `first` (`by the group`,
    /// `according to officials with knowledge of the meeting`): the name
    /// there, or a phrase from its determiner to the last word before a
    /// function word, a mark or a cue — [`SOURCE_PHRASE_WORDS`] words
    /// after the determiner at most.
    pub(super) fn source_at(&self, first: usize, end: usize) -> Option<Cand> {
        if let Some(e) = self.entity_cover[first] {
            let speaks = self.name_may_speak(e);
            return speaks.then_some(Cand::Entity(e));
        }
        self.source_phrase(first, end)
    }

    /// The phrase of [`Doc::source_at`] when no name opens it.
    pub(super) fn source_phrase(&self, first: usize, end: usize) -> Option<Cand> {
        let mut head = None;
        for j in first..(first + SOURCE_PHRASE_WORDS + 1).min(end) {
            let w = self.lower[j].as_str();
            let opener = j == first && DETERMINERS.contains(w);
            if self.quoted[j] || self.is_cue(j) || (!opener && (self.tokens[j].kind != Kind::Word || FUNCTION_WORDS.contains(w) || PRONOUNS.contains(w))) {
                break;
            }
            if !opener {
                head = Some(j);
            }
        }
        head.map(|h| Cand::Phrase(first, h))
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::quotes::with_doc;

    /// `(text, cue, passive)`.
    #[test]
    fn passive_cue_table() {
        let cases: &[(&str, &str, bool)] = &[
            ("in brief\nThe plan was called “a disgrace” by critics.", "called", true),
            ("in brief\nThe deaths have been widely described as “a mystery”.", "described", true),
            ("in brief\nThe plan is being praised by “everyone” now.", "praised", true),
            // Active, and the passives whose subject speaks or is speaking.
            ("in brief\nCritics called the plan “a disgrace”.", "called", false),
            ("in brief\nCritics have described the plan as “a mystery”.", "described", false),
            ("in brief\nHe was quoted as saying “no”.", "quoted", false),
            ("in brief\nHe has been saying “no” for weeks.", "saying", false),
        ];
        for &(text, cue, passive) in cases {
            let got = with_doc(text, |doc, _| {
                let k = doc.lower.iter().position(|w| w == cue).unwrap_or_else(|| panic!("no {cue:?}"));
                doc.is_passive_cue(k)
            });
            assert_eq!(got, passive, "{text}");
        }
    }

    /// `(text, cue, agent as written)`: after `by`, right after the cue or
    /// after the quotation; nobody when `by` is elsewhere.
    #[test]
    fn agent_table() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("in brief\nThe plan was called “a disgrace” by the group.", "called", Some("the group")),
            ("in brief\nThe plan was called by the SVP “a disgrace”.", "called", Some("the SVP")),
            ("in brief\nThe plan was described as “a mystery” by Jane Smith.", "described", Some("Jane Smith")),
            ("in brief\nThe plan was called “a disgrace” on Monday by critics.", "called", None),
            ("in brief\nThe plan was called “a disgrace”.", "called", None),
        ];
        for &(text, cue, agent) in cases {
            let got = with_doc(text, |doc, _| {
                let k = doc.lower.iter().position(|w| w == cue).unwrap_or_else(|| panic!("no {cue:?}"));
                doc.agent(k, doc.tokens.len()).map(|c| {
                    let span = doc.span_of(c);
                    text[span.start..span.end].to_string()
                })
            });
            assert_eq!(got.as_deref(), agent, "{text}");
        }
    }
}
