//! Descriptions tied to a name by a preposition: `a spokesman for Bernie
//! Sanders`, `an aide to Trump`, `a person close to the Clintons`,
//! `officials at the Pentagon`.
//!
//! Such a phrase is one speaker mention, the description and the name
//! together, whichever of the two the ranker chose. Who is shown depends
//! on the description's head:
//! - a spokesperson speaks *for* the name, so the name is shown (issue 23:
//!   a description resolved to the person or organisation it stands for);
//!   so do officials of an organisation or a place;
//! - anyone else (an aide, an adviser, a lawyer, a friend) speaks for
//!   themselves: the description is shown as written, and the quotation
//!   is not given to the name — before this stage an aide's words were
//!   shown as Bernie Sanders's whenever the ranker picked the name;
//! - a description in apposition to a person (`Rick Tyler, a spokesman
//!   for Ted Cruz,`) describes that person, who is the speaker.

use super::doc::{Cand, Doc, EntityIx};
use super::lexicon::{DETERMINERS, FUNCTION_WORDS};
use crate::analysis::token::Kind;
use crate::analysis::words::{word_set, WordSet};
use crate::analysis::EntityType;

/// Prepositions that tie a description to its name.
static TIES: WordSet = word_set!["for", "to", "of", "at", "with", "in", "from"];

/// Words between a description's head and its preposition (`a person
/// close to`, `a source familiar with`).
static BEFORE_TIE: WordSet = word_set!["close", "closest", "familiar", "closely"];

/// Heads that speak on the name's behalf: what they say is shown as the
/// name's.
static SPOKESPEOPLE: WordSet =
    word_set!["spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople", "representative", "representatives"];

/// Heads that speak for an organisation or a place they belong to
/// (`officials at the Pentagon`), though not for a person.
static OFFICIALS: WordSet = word_set!["official", "officials"];

/// Heads of descriptions of people by whom they work for or are close to.
/// A closed list, not the role lexicon's guess by suffix, which also takes
/// `disagreements` and `letter` for people.
static PEOPLE: WordSet = word_set![
    "person", "people", "friend", "friends", "ally", "allies", "confidant", "confidants", "associate", "associates", "aide", "aides",
    "adviser", "advisers", "advisor", "advisors", "lawyer", "lawyers", "attorney", "attorneys", "source", "sources", "official",
    "officials", "spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople", "representative",
    "representatives", "strategist", "strategists", "operative", "operatives", "staffer", "staffers", "member", "members",
    "supporter", "supporters", "donor", "donors", "analyst", "analysts", "economist", "economists", "professor", "expert", "experts",
    "pastor", "director", "chairman", "chairwoman", "president", "secretary", "leader", "head", "manager", "executive", "executives",
    "researcher", "researchers", "fellow", "consultant", "consultants", "pollster", "pollsters", "organizer", "organizers",
    // People named by where they live or what they do (`voters in Iowa`,
    // `residents of Flint`, `lawmakers in Texas`): a place is no speaker
    // of theirs.
    "voters", "residents", "lawmakers", "legislators", "citizens", "workers", "students", "protesters", "demonstrators", "critics",
    "activists", "leaders", "fans", "locals", "parents", "teachers", "doctors", "scientists", "investors", "traders", "delegates",
    "senators", "diplomats", "negotiators", "prosecutors", "investigators", "authorities", "organisers", "farmers", "families",
    "witnesses", "observers", "commentators", "employees", "officers",
    // Journalists speak for themselves, not for their paper (`A reporter
    // for Agence France-Presse called it …`).
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "columnist", "columnists", "writer", "writers",
];

/// Words that may stand between the preposition and the name
/// (`for Democratic presidential candidate Hillary Clinton`).
const BEFORE_NAME: usize = 4;

/// Words before a head searched for its determiner (`one longtime
/// adviser`).
const MODIFIERS: usize = 3;

/// A description and the name it is tied to, in tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Described {
    /// First token of the description (its determiner when it has one).
    pub(super) start: usize,
    /// The description's head noun.
    pub(super) head: usize,
    /// The name after the preposition.
    pub(super) name: EntityIx,
    /// Last token of the name.
    pub(super) end: usize,
}

/// Who a [`Described`] mention is shown as.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Shown {
    /// The name it is tied to (a spokesperson's principal).
    Name(EntityIx),
    /// The person it is in apposition to.
    Appositive(EntityIx),
    /// The description itself, as written.
    Itself,
}

impl Doc<'_> {
    /// The name tied to the description headed at `head` (`a spokesman |
    /// for Bernie Sanders`), if one follows its preposition.
    pub(super) fn tied_name(&self, head: usize) -> Option<(EntityIx, usize)> {
        let mut j = head + 1;
        if self.lower.get(j).is_some_and(|w| BEFORE_TIE.contains(w)) {
            j += 1;
        }
        if !self.lower.get(j).is_some_and(|w| TIES.contains(w)) || self.quoted[j] {
            return None;
        }
        for k in j + 1..(j + 2 + BEFORE_NAME).min(self.tokens.len()) {
            if self.quoted[k] || self.tokens[k].kind != Kind::Word || self.is_cue(k) || self.ends_phrase(k) {
                return None;
            }
            if let Some(e) = self.entity_cover[k] {
                let (first, last) = self.cand_tokens(Cand::Entity(e));
                let speaks = self.name_may_speak(e);
                if first == k && speaks {
                    return Some((e, last));
                }
            }
        }
        None
    }

    /// The description a candidate belongs to: a phrase whose head is
    /// tied to a name, or a name tied to the description before it.
    pub(super) fn described(&self, c: Cand) -> Option<Described> {
        let d = match c {
            Cand::Phrase(start, head) => {
                let (name, end) = self.tied_name(head)?;
                Described { start, head, name, end }
            }
            Cand::Entity(e) => {
                let (first, end) = self.cand_tokens(c);
                let head = self.head_before(first)?;
                if self.tied_name(head)? != (e, end) {
                    return None;
                }
                Described { start: self.description_start(head), head, name: e, end }
            }
            Cand::Pronoun(_) => return None,
        };
        self.is_description(d).then_some(d)
    }

    /// Whether `d` reads as a description of someone: a person noun in
    /// lower case as its head, opened by a determiner (`an aide to`) or
    /// plural (`officials at`). A bare title before a name is not one
    /// (`secretary of state Madeleine Albright` is Albright).
    fn is_description(&self, d: Described) -> bool {
        let head = self.lower[d.head].as_str();
        // Capitalised only as its sentence's first word (`Analysts at …`).
        let lower_case = self.sentence_start[d.head] == d.head || self.tokens[d.head].text(self.text).chars().next().is_some_and(char::is_lowercase);
        let plural = head.ends_with('s') && !head.ends_with("ss");
        let opened = DETERMINERS.contains(&self.lower[d.start]) || plural;
        (lower_case && PEOPLE.contains(head) && opened || plural && self.is_group_name(d.head)) && !self.quoted[d.head]
    }

    /// `Democrats in the Senate`, `Republicans in Congress`: a people or
    /// a party named in one word (a MISC name) heads a description of
    /// its members there; the place or body is not the speaker.
    pub(super) fn is_group_name(&self, head: usize) -> bool {
        self.entity_cover[head].is_some_and(|e| self.entity(e).kind == EntityType::Misc && self.cand_tokens(Cand::Entity(e)) == (head, head))
    }

    /// Who `d` is shown as (see the module's notes).
    pub(super) fn shown(&self, d: Described) -> Shown {
        if let Some(p) = self.appositive_of(d.start) {
            return Shown::Appositive(p);
        }
        let head = self.lower[d.head].as_str();
        let kind = self.entity(d.name).kind;
        if SPOKESPEOPLE.contains(head) || (OFFICIALS.contains(head) && kind != EntityType::Person) {
            Shown::Name(d.name)
        } else {
            Shown::Itself
        }
    }

    /// The people who know of the phrase opening at `first`: `sources
    /// familiar with | the matter`, `a person close to | the talks`,
    /// `people briefed on | the plans`, `officials with knowledge of |
    /// the meeting`. Their phrase's first token and head, after `lo`.
    pub(super) fn knowers_before(&self, first: usize, lo: usize) -> Option<(usize, usize)> {
        let w = |j: usize| self.lower[j].as_str();
        let head = match first.checked_sub(4).filter(|&h| h >= lo) {
            Some(h) if w(h + 1) == "with" && w(h + 2) == "knowledge" && w(h + 3) == "of" => h,
            _ => {
                let h = first.checked_sub(3).filter(|&h| h >= lo)?;
                let tie = (BEFORE_TIE.contains(w(h + 1)) && matches!(w(h + 2), "with" | "to")) || (w(h + 1) == "briefed" && w(h + 2) == "on");
                tie.then_some(h)?
            }
        };
        (PEOPLE.contains(w(head)) && !self.quoted[head]).then(|| (self.description_start(head).max(lo), head))
    }

    /// Where the head of a description before the name at `first` would
    /// be: the word before the nearest preposition (and before `close`);
    /// [`Doc::is_description`] judges whether it is one.
    fn head_before(&self, first: usize) -> Option<usize> {
        let tie = (first.saturating_sub(BEFORE_NAME + 1)..first).rev().find(|&j| TIES.contains(&self.lower[j]))?;
        let mut j = tie.checked_sub(1)?;
        if BEFORE_TIE.contains(&self.lower[j]) {
            j = j.checked_sub(1)?;
        }
        Some(j)
    }

    /// Where the description headed at `head` starts: its determiner
    /// within [`MODIFIERS`] words, else the head itself (`officials`).
    fn description_start(&self, head: usize) -> usize {
        (head.saturating_sub(MODIFIERS)..head)
            .rev()
            .take_while(|&j| self.tokens[j].kind == Kind::Word && !self.quoted[j] && (DETERMINERS.contains(&self.lower[j]) || !FUNCTION_WORDS.contains(&self.lower[j])))
            .find(|&j| DETERMINERS.contains(&self.lower[j]))
            .unwrap_or(head)
    }

    /// The person a description starting at `start` is in apposition to:
    /// `Rick Tyler, | a spokesman for Ted Cruz`.
    fn appositive_of(&self, start: usize) -> Option<EntityIx> {
        let comma = start.checked_sub(1)?;
        if self.lower[comma] != "," {
            return None;
        }
        let e = self.entity_cover[comma.checked_sub(1)?]?;
        (self.entity(e).kind == EntityType::Person).then_some(e)
    }
}

#[cfg(test)]
mod tests {
    /// `(text, quotation, name shown, mention as written)`.
    #[test]
    fn descriptions_tied_to_a_name() {
        let cases: &[(&str, &str, &str, &str)] = &[
            // A spokesperson speaks for the name.
            ("in brief\n“We are confident in our plan,” a spokesman for Exxon Mobil said.", "We are confident in our plan,", "Exxon Mobil", "a spokesman for Exxon Mobil"),
            // An aide speaks for themselves: the words are not Sanders's.
            ("in brief\n“This is wrong,” an aide to Senator Bernie Sanders said.", "This is wrong,", "an aide to Senator Bernie Sanders", "an aide to Senator Bernie Sanders"),
            ("in brief\n“The drop is real,” a person close to the Clintons said.", "The drop is real,", "a person close to the Clintons", "a person close to the Clintons"),
            // Officials speak for their organisation.
            ("in brief\n“Nothing changed,” officials at the Pentagon said.", "Nothing changed,", "Pentagon", "officials at the Pentagon"),
            // People named by where they live are no place's words, and
            // a head opening its sentence is capitalised.
            ("in brief\nThe polls closed. Voters in Iowa told pollsters the race was “wide open.”", "wide open.", "Voters in Iowa", "Voters in Iowa"),
            ("in brief\nThe polls closed. Analysts at Goldman Sachs said the bill was “dead on arrival.”", "dead on arrival.", "Analysts at Goldman Sachs", "Analysts at Goldman Sachs"),
            // A party or people named in one word heads a description of
            // its members (`Senate` was shown).
            ("in brief\nThe talks ended. Democrats in the Senate said the bill was “dead on arrival.”", "dead on arrival.", "Democrats in the Senate", "Democrats in the Senate"),
            // In apposition, the description is the person's.
            ("in brief\n“Fine,” said Rick Tyler, a spokesman for Ted Cruz.", "Fine,", "Rick Tyler", "Rick Tyler"),
            // A title between a name and a person's: the person speaks,
            // the name and the title with them (`Arsenal` was shown).
            ("in brief\n“We will keep going,” said Arsenal manager Mikel Arteta after the win.", "We will keep going,", "Mikel Arteta", "Arsenal manager Mikel Arteta"),
            ("in brief\n“We are ready,” said Obama adviser David Axelrod.", "We are ready,", "David Axelrod", "Obama adviser David Axelrod"),
            // A title in capitals too (`Senate` was shown).
            ("in brief\n“This is a disgrace,” said Senate Minority Whip Dick Durbin (D-Ill.).", "This is a disgrace,", "Dick Durbin", "Senate Minority Whip Dick Durbin"),
            // The person before `of`, not the body after it.
            ("in brief\nJeffrey Lewis of the Brookings Institution said the test was “a success.”", "a success.", "Jeffrey Lewis", "Jeffrey Lewis"),
            ("in brief\nSen. Bernie Sanders of Vermont said the plan was “a disaster.”", "a disaster.", "Bernie Sanders", "Bernie Sanders"),
            // A bare title before a name is the name.
            ("in brief\n“We lost,” said former secretary of state Madeleine Albright.", "We lost,", "Madeleine Albright", "Madeleine Albright"),
            // A verb is no title and no part of a description: the name
            // or description before it speaks, not the name after it
            // (each had been one mention with that name, shown as Trump
            // and as the whole phrase).
            (
                "in brief\nDonald Trump spoke in Ohio on Monday. French President François Hollande denounced Trump, saying his plan was “a disgrace to the republic.”",
                "a disgrace to the republic.",
                "François Hollande",
                "François Hollande",
            ),
            (
                "in brief\nDonald Trump spoke in Ohio on Monday. Hillary Clinton spoke in Iowa. The former secretary of state mocked Trump as “a fraud and a failure.”",
                "a fraud and a failure.",
                "The former secretary",
                "The former secretary",
            ),
        ];
        super::super::assert_shown(cases);
    }
}
