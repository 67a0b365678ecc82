//! Post-modifiers: the phrase written right before a cue may hang from
//! the subject rather than be it.
//!
//! In `a Democratic staffer in the room wondered`, `Another intelligence
//! source speaking to Fox News said` and `A letter from the American
//! Legion obtained by The Associated Press warns`, the words before the
//! cue (`the room`, `Fox News`, `The Associated Press`) are the object of
//! a preposition, or of a participle and its preposition, that modifies
//! the subject; the verb agrees with the head before them. English puts
//! no other phrase there, so the subject is found by climbing from the
//! object to the head it modifies, as often as the modifiers nest (`A
//! man | at the rally | in Iowa shouted`).
//!
//! The head is shown without its modifier (`a Democratic staffer`), as
//! PolNeAR marks such sources; a description tied to a name (`a spokesman
//! for Bernie Sanders`) is then read whole by `described.rs`.

use super::doc::{Cand, Doc};
use super::lexicon::{is_person_noun, AUX, DETERMINERS, DOC_NOUNS, FUNCTION_WORDS, PRONOUNS};
use crate::analysis::token::Kind;
use crate::analysis::words::{word_set, WordSet};
use crate::analysis::EntityType;

/// Prepositions that open a phrase modifying the noun before them.
static MODIFIER_TIES: WordSet = word_set!["of", "for", "to", "at", "with", "in", "from", "on", "by", "inside", "outside"];

/// How many modifiers may nest between a subject's head and its cue
/// (`A letter | from the American Legion | obtained by The Associated
/// Press`).
const MODIFIER_DEPTH: usize = 3;

/// Words after the determiner of a modifier the name shown for a phrase
/// takes along (`of the House Judiciary Committee`).
const SHOWN_MODIFIER_WORDS: usize = 4;

/// Words in lower case before a bare plural head that belong to its
/// phrase (`federal prosecutors in Iowa`).
const BARE_MODIFIERS: usize = 2;

impl Doc<'_> {
    /// The head a subject starting at token `first` modifies, when a
    /// preposition (after a participle or not) opens it: `a staffer | in
    /// the room`, `a source | speaking to Fox News`. Not before `from`.
    /// `None` when `first` opens the subject itself.
    pub(super) fn modified_head(&self, first: usize, from: usize) -> Option<Cand> {
        let mut first = first;
        let mut found = None;
        for _ in 0..MODIFIER_DEPTH {
            let Some((head, speaks)) = self.head_before_modifier(first, from) else { break };
            // `who advised Obama | on the overhaul`: a verb's object
            // hangs from no subject.
            if self.after_verb(self.cand_tokens(head).0, from) {
                break;
            }
            // `A man | at the rally | in Iowa`: climbed through `the
            // rally`, which speaks for no one.
            if speaks {
                found = Some(head);
            }
            first = self.cand_tokens(head).0;
        }
        // `Miller, a retired worker from a nuclear plant, said`: the
        // head is in apposition to the person named before it.
        let person = first.checked_sub(2).filter(|&p| p >= from && self.lower[p + 1] == ",").and_then(|p| self.entity_cover[p]);
        match person {
            Some(p) if found.is_some() && matches!(found, Some(Cand::Phrase(..))) && self.entity(p).kind == EntityType::Person => Some(Cand::Entity(p)),
            _ => found,
        }
    }

    /// The last token of a short phrase modifying the noun at `head`
    /// (`The chairman | of the committee`, `a spokeswoman | for the
    /// ministry`), which the name shown for a phrase takes along: a
    /// preposition, then a name, or a determiner and up to
    /// [`SHOWN_MODIFIER_WORDS`] words. Not a date (`the minister on
    /// Monday`), a cue or a quotation.
    pub(super) fn shown_modifier_end(&self, head: usize) -> Option<usize> {
        let tie = head + 1;
        if !self.lower.get(tie).is_some_and(|w| MODIFIER_TIES.contains(w.as_str())) || self.quoted[tie] {
            return None;
        }
        let start = tie + 1;
        if let Some(e) = self.entity_cover.get(start).copied().flatten() {
            let speaks = self.name_may_speak(e);
            return speaks.then(|| self.cand_tokens(Cand::Entity(e)).1);
        }
        if !self.lower.get(start).is_some_and(|w| DETERMINERS.contains(w.as_str())) || self.quoted[start] {
            return None;
        }
        let word = |j: usize| {
            self.tokens[j].kind == Kind::Word && !self.quoted[j] && !FUNCTION_WORDS.contains(self.lower[j].as_str()) && !self.is_cue(j) && !self.is_verb_like(j) && !crate::analysis::calendar::is_day_or_month(self.lower[j].as_str())
        };
        let end = (start + 1..(start + 1 + SHOWN_MODIFIER_WORDS).min(self.tokens.len())).take_while(|&j| word(j) && self.entity_cover[j].is_none_or(|e| self.entity(e).kind != EntityType::Date)).last()?;
        Some(end)
    }

    /// One step of [`Doc::modified_head`]: the head, and whether it can
    /// speak.
    fn head_before_modifier(&self, first: usize, from: usize) -> Option<(Cand, bool)> {
        // `of the Brookings Institution`: past the article a name leaves out.
        let before = first.checked_sub(1)?;
        let before = if self.lower[before] == "the" && self.entity_cover[first].is_some() { before.checked_sub(1)? } else { before };
        let tie = Some(before).filter(|&t| t > from && !self.quoted[t] && MODIFIER_TIES.contains(self.lower[t].as_str()))?;
        let mut j = tie - 1;
        // `who teaches at Harvard`, `who voted for the bill`: the relative
        // clause's verb; the subject is whom the `who` stands for.
        if j > from && self.lower[j - 1] == "who" && self.is_head_noun(j) {
            return self.antecedent(j - 1).map(|c| (c, true));
        }
        // `speaking to`, `obtained by`, `based in`: a participle before
        // the preposition.
        if j > from && self.is_modifying_participle(j) {
            j -= 1;
        }
        if self.quoted[j] {
            return None;
        }
        if self.lower[j] == "who" {
            return self.antecedent(j).map(|c| (c, true));
        }
        // `Democrats | in the Senate`: a people or party heads a
        // description of its members there, read whole by `described.rs`.
        if self.is_group_name(j) {
            return Some((Cand::Phrase(j, j), true));
        }
        if let Some(e) = self.entity_cover[j] {
            let speaks = self.name_may_speak(e);
            return Some((Cand::Entity(e), speaks));
        }
        if !self.is_head_noun(j) {
            return None;
        }
        // Only a noun for people or for a document that speaks for them
        // heads a subject (`a staffer`, `a letter`); `the rally` is
        // climbed through.
        let w = self.lower[j].as_str();
        let speaks = is_person_noun(w) || DOC_NOUNS.contains(w);
        if let Some(s) = self.phrase_opening(j, from, super::doc::PHRASE_LOOKBACK - 1) {
            return Some((Cand::Phrase(self.partitive_start(s, from), j), speaks));
        }
        // `federal prosecutors in Iowa`: a bare plural and its modifiers,
        // opening after a word that no phrase continues.
        if !w.ends_with('s') || w.ends_with("ss") {
            return None;
        }
        let mut s = j;
        while s > from && j - s < BARE_MODIFIERS && self.is_head_noun(s - 1) {
            s -= 1;
        }
        let opens = s == from || self.tokens[s - 1].kind != Kind::Word || FUNCTION_WORDS.contains(self.lower[s - 1].as_str());
        opens.then_some((Cand::Phrase(s, j), speaks))
    }

    /// The phrase opening at `first` follows a word in lower case that
    /// no phrase holds before its head (`advised | Obama`, `playing |
    /// the 74-year-old Sanders`); a title may (`candidate | Donald
    /// Trump`).
    fn after_verb(&self, first: usize, from: usize) -> bool {
        let Some(p) = first.checked_sub(1).filter(|&p| p >= from) else { return false };
        let w = self.lower[p].as_str();
        self.is_head_noun(p) && !is_person_noun(w) && !DETERMINERS.contains(w)
    }

    /// A word in lower case that can head a noun phrase: no function
    /// word, auxiliary, pronoun or cue.
    fn is_head_noun(&self, j: usize) -> bool {
        let w = self.lower[j].as_str();
        self.tokens[j].kind == Kind::Word
            && !self.quoted[j]
            && self.tokens[j].text(self.text).chars().next().is_some_and(char::is_lowercase)
            && !FUNCTION_WORDS.contains(w)
            && !AUX.contains(w)
            && !PRONOUNS.contains(w)
            && !self.is_cue(j)
    }

    /// A participle in lower case that can open a modifier (`speaking`,
    /// `obtained`, `based`).
    fn is_modifying_participle(&self, j: usize) -> bool {
        let w = self.lower[j].as_str();
        let lower_case = self.tokens[j].text(self.text).chars().next().is_some_and(char::is_lowercase);
        lower_case && !self.quoted[j] && w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed")) && !FUNCTION_WORDS.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::quotes::with_doc;

    /// `(text, the subject's first word, the head it modifies)`.
    #[test]
    fn modified_heads() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("in brief\nA Democratic staffer in the room wondered.", "the", Some("A Democratic staffer")),
            ("in brief\nAnother intelligence source speaking to Fox News said so.", "Fox", Some("Another intelligence source")),
            ("in brief\nA man at the rally in Iowa shouted.", "Iowa", Some("A man")),
            ("in brief\nThen federal prosecutors in Iowa said so.", "Iowa", Some("federal prosecutors")),
            ("in brief\nThe senator who voted for the bill said so.", "the", Some("The senator")),
            ("in brief\nJane Smith, who teaches at Harvard, said so.", "Harvard", Some("Jane Smith")),
            ("in brief\nJeffrey Lewis of the Brookings Institution said so.", "Brookings", Some("Jeffrey Lewis")),
            ("in brief\nThe minister on Monday said so.", "Monday", Some("The minister")),
            ("in brief\nTom Miller, a retired worker from a nuclear plant, said so.", "a", Some("Tom Miller")),
            // Only people and documents head a subject (`forces` does not).
            ("in brief\nThe allies should contribute ground forces to the battle, said Jane Smith.", "the", None),
            ("in brief\nZeke Emanuel, an oncologist who advised Obama on the overhaul, said so.", "the", None),
            ("in brief\nDan Brown, senior director for Asian affairs at the National Security Council, said so.", "National", None),
            // A sentence opening on its preposition has no head before it.
            ("in brief\nIn the room the staffer wondered.", "the", None),
            // A verb before the preposition is no head.
            ("in brief\nHe spoke to the crowd and said so.", "the", None),
        ];
        for &(text, first, want) in cases {
            let got = with_doc(text, |doc, _| {
                let at = (0..doc.tokens.len()).rev().find(|&i| doc.tokens[i].text(text) == first).expect("first word");
                doc.modified_head(at, doc.sentence_start[at]).map(|c| {
                    let s = doc.span_of(c);
                    text[s.start..s.end].to_string()
                })
            });
            assert_eq!(got.as_deref(), want, "{text}");
        }
    }
}
