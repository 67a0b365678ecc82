//! From the mention attributed to the name shown: a pronoun resolves to a
//! person, "the statement" to whoever made it, a name to its group's
//! canonical name.

use super::doc::{Cand, Doc};
use super::lexicon::DOC_NOUNS;
use super::Attribution;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::EntityType;

impl Doc<'_> {
    /// What the gazetteer knows of the first word of person `e`'s name
    /// (its group's canonical name when it has one): first name, gender.
    pub(super) fn first_name_kinds(&self, e: usize) -> Kinds {
        let ent = &self.entities[e];
        let first = ent.group.map(|g| self.groups[g].canonical.as_str()).unwrap_or(&ent.text).split(' ').next().unwrap_or("");
        gazetteer::lookup(first).map(|x| x.kinds).unwrap_or_default()
    }

    /// A pronoun with no person before it in its own sentence (outside
    /// quotations) continues the subject of the sentence before: "Xi later
    /// addressed business leaders, including Tesla's Elon Musk. “…,” he
    /// said." The subject must be a person of a matching gender.
    pub(super) fn previous_subject(&self, i: usize, want: Option<u8>) -> Option<usize> {
        let s = self.sentence_start[i];
        let own = (s..i).any(|k| !self.quoted[k] && self.entity_cover[k].is_some_and(|e| self.entities[e].kind == EntityType::Person));
        if own || s == 0 {
            return None;
        }
        let prev = self.sentence_start[s - 1];
        let Some(Cand::Entity(e)) = self.first_subject(prev, s, false) else { return None };
        let kinds = self.first_name_kinds(e);
        let gender_ok = want.is_none_or(|w| !kinds.has(Kinds::FIRST_NAME) || kinds.has(w));
        (self.entities[e].kind == EntityType::Person && gender_ok).then_some(e)
    }

    /// The person a pronoun at token `i` refers to: the previous
    /// sentence's subject when its own sentence names no one, else the
    /// nearest preceding unquoted person mention, gender permitting.
    pub(super) fn resolve_pronoun(&self, i: usize) -> Option<usize> {
        /// How far (bytes) before an ambiguously named person a clearly
        /// matching one is still preferred.
        const AMBIGUOUS_REACH: usize = 400;
        let want = match self.lower[i].as_str() {
            "he" => Some(Kinds::MALE),
            "she" => Some(Kinds::FEMALE),
            "they" | "i" | "we" | "you" | "it" => return None,
            _ => None,
        };
        let start = self.tokens[i].start;
        if let Some(e) = self.previous_subject(i, want) {
            return Some(e);
        }
        let mut fallback = None;
        for (e, ent) in self.entities.iter().enumerate().rev() {
            if ent.bytes.start >= start || ent.kind != EntityType::Person {
                continue;
            }
            // "Trump, whom he called…": the pronoun is not the person the
            // relative clause is about.
            let after = self.token_at_or_after(ent.bytes.end);
            let whom = (after..(after + 2).min(i)).any(|j| self.lower[j] == "whom");
            if whom {
                continue;
            }
            let quoted = self.token_at_or_after(ent.bytes.start) < self.quoted.len() && self.quoted[self.token_at_or_after(ent.bytes.start)];
            if quoted {
                continue;
            }
            let kinds = self.first_name_kinds(e);
            // A first name given to both sexes ("Hillary", "Leslie") is
            // weak evidence: a clearly matching person just before wins.
            let ambiguous = kinds.has(Kinds::MALE) && kinds.has(Kinds::FEMALE);
            if let Some((_, at)) = fallback {
                if ent.bytes.start + AMBIGUOUS_REACH < at {
                    break;
                }
            }
            match want {
                Some(w) if kinds.has(Kinds::FIRST_NAME) && !kinds.has(w) => continue,
                Some(w) if kinds.has(w) && !ambiguous => return Some(e),
                Some(_) if ambiguous => {
                    if fallback.is_none() {
                        fallback = Some((e, ent.bytes.start));
                    }
                }
                _ => return Some(fallback.map_or(e, |(f, _)| f)),
            }
        }
        fallback.map(|(f, _)| f)
    }

    /// Who made the last `noun` ("statement") before token `i`: the person
    /// (or organisation) in the sentence that mentions it.
    pub(super) fn resolve_document(&self, noun: &str, i: usize) -> Option<usize> {
        let mut k = i;
        while k > 0 {
            k -= 1;
            if self.lower[k] == noun && !self.quoted[k] {
                let s = self.sentence_start[k];
                let mut e_end = k;
                while e_end + 1 < self.tokens.len() && self.sentence_start[e_end + 1] == s {
                    e_end += 1;
                }
                if let Some(Cand::Entity(e)) = self.candidate(s, e_end, false) {
                    return Some(e);
                }
            }
        }
        None
    }

    pub(super) fn attribution(&self, c: Cand, cue: Option<usize>) -> Attribution {
        let mention = self.span_of(c);
        let cue = cue.map(|k| {
            if self.lower[k] == "according" {
                "according to".to_string()
            } else {
                self.tokens[k].text(self.text).to_string()
            }
        });
        let entity_name = |e: usize| -> (String, Option<usize>) {
            let ent = &self.entities[e];
            match ent.group {
                Some(g) => (self.groups[g].canonical.clone(), Some(g)),
                None => (ent.text.clone(), None),
            }
        };
        let (name, group) = match c {
            Cand::Entity(e) => entity_name(e),
            Cand::Pronoun(i) => match self.resolve_pronoun(i) {
                Some(e) => entity_name(e),
                None => (self.tokens[i].text(self.text).to_string(), None),
            },
            Cand::Phrase(s, e) => {
                let head = self.lower[e].as_str();
                match DOC_NOUNS.contains(head).then(|| self.resolve_document(head, s)).flatten() {
                    Some(ent) => entity_name(ent),
                    None => (self.text[self.tokens[s].start..self.tokens[e].end].to_string(), None),
                }
            }
        };
        Attribution { mention, name, group, cue }
    }
}
