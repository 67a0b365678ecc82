//! From the mention attributed to the name shown: a pronoun resolves to a
//! person, "the statement" to whoever made it, a name to its group's
//! canonical name.

use super::described::Shown;
use super::doc::{Cand, Doc, EntityIx};
use super::lexicon::{is_aux_or_adverb, is_dash, is_person_noun, title_abbreviation, DETERMINERS, DOC_NOUNS, FUNCTION_WORDS};
use crate::analysis::token::Kind;
use super::Attribution;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::EntityType;
use crate::text::ByteRange;

/// Tokens before a person's name searched for a description of them
/// (`Vermont Sen. Bernie Sanders`, `Republican nominee Donald Trump`).
const DESCRIPTION_BEFORE: usize = 4;
/// Tokens of an appositive after a name and its comma (`Sanders, the
/// Vermont senator,`).
const DESCRIPTION_AFTER: usize = 6;
/// Words (auxiliaries, adverbs) between a relative `who` and the cue it is
/// the subject of (`who has since said`).
const RELATIVE_REACH: usize = 3;
/// Sentences before a pronoun's own in which [`Doc::role_before`] looks
/// for the role it stands for.
const ROLE_SENTENCES_BACK: usize = 2;
/// Words of such a role after its `the` (`the county's emergency manager`).
const ROLE_SUBJECT_WORDS: usize = 4;

impl Doc<'_> {
    /// What the gazetteer knows of the first word of person `e`'s name
    /// (its group's canonical name when it has one): first name, gender.
    pub(super) fn first_name_kinds(&self, e: EntityIx) -> Kinds {
        let ent = &self.entity(e);
        let first = ent.group.map(|g| self.groups[g].canonical.as_str()).unwrap_or(&ent.text).split(' ').next().unwrap_or("");
        gazetteer::lookup(first).map(|x| x.kinds).unwrap_or_default()
    }

    /// A pronoun with no person before it in its own sentence (outside
    /// quotations) continues the subject of the sentence before: "Xi later
    /// addressed business leaders, including Tesla's Elon Musk. “…,” he
    /// said." The subject must be a person of a matching gender.
    pub(super) fn previous_subject(&self, i: usize, want: Option<u16>) -> Option<EntityIx> {
        let s = self.sentence_start[i];
        let own = (s..i).any(|k| !self.quoted[k] && self.entity_cover[k].is_some_and(|e| self.entity(e).kind == EntityType::Person));
        if own || s == 0 {
            return None;
        }
        let prev = self.sentence_start[s - 1];
        let Some(Cand::Entity(e)) = self.first_subject(prev, s, false) else { return None };
        let kinds = self.first_name_kinds(e);
        let gender_ok = want.is_none_or(|w| !kinds.has(Kinds::GENDERED) || kinds.has(w));
        (self.entity(e).kind == EntityType::Person && gender_ok).then_some(e)
    }

    /// The organisation an `it` at token `i` stands for: the subject of
    /// the sentence before, when that is an organisation (`The Food
    /// Standards Agency warned people … “We advise …,” it said.`).
    fn previous_body(&self, i: usize) -> Option<EntityIx> {
        let s = self.sentence_start[i];
        let prev = self.after_dateline(self.sentence_start[s.checked_sub(1)?], s);
        // The name opens the sentence, after its article at most.
        let first = prev + usize::from(prev < s && self.lower[prev] == "the");
        let e = self.entity_cover.get(first).copied().flatten().filter(|_| first < s && !self.quoted[first])?;
        (self.entity(e).kind == EntityType::Org).then_some(e)
    }

    /// The person a pronoun at token `i` refers to: the previous
    /// sentence's subject when its own sentence names no one, else the
    /// nearest preceding unquoted person mention, gender permitting.
    pub(super) fn resolve_pronoun(&self, i: usize) -> Option<EntityIx> {
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
        for (e, ent) in self.entities.iter().enumerate().rev().map(|(e, ent)| (EntityIx(e), ent)) {
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
                Some(w) if kinds.has(Kinds::GENDERED) && !kinds.has(w) => continue,
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
    pub(super) fn resolve_document(&self, noun: &str, i: usize) -> Option<EntityIx> {
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

    /// The person a definite role phrase at tokens `s..=e` (`the Vermont
    /// senator`, `the Republican nominee`) refers to: the nearest person
    /// before it described by the same head noun (or its title
    /// abbreviation: `Sen.`) right before the name or in an appositive
    /// after it, with every capitalised modifier of the phrase (`Vermont`)
    /// in that description too.
    pub(super) fn resolve_role(&self, s: usize, e: usize) -> Option<EntityIx> {
        let head = self.lower[e].as_str();
        let plural = head.ends_with('s') && !head.ends_with("ss");
        if self.lower[s] != "the" || s == e || plural || DOC_NOUNS.contains(head) {
            return None;
        }
        let modifiers: Vec<&str> = (s + 1..e)
            .filter(|&j| self.tokens[j].text(self.text).chars().next().is_some_and(char::is_uppercase))
            .map(|j| self.lower[j].as_str())
            .collect();
        let abbreviation = title_abbreviation(head);
        let start = self.tokens[s].start;
        // A description is a run of words next to the name: no verb,
        // function word or punctuation inside ("the union endorsed Clinton"
        // does not describe Clinton as a union).
        let in_description = |j: usize| {
            let w = self.lower[j].as_str();
            !self.quoted[j] && self.tokens[j].kind == Kind::Word && !FUNCTION_WORDS.contains(w) && !self.is_cue(j) && (w == head || !self.is_verb_like(j))
        };
        let describes = |words: &[usize]| {
            let words: Vec<&str> = words.iter().map(|&j| self.lower[j].trim_end_matches('.')).collect();
            words.iter().any(|&w| w == head || Some(w) == abbreviation) && modifiers.iter().all(|m| words.contains(m))
        };
        (0..self.entities.len()).rev().map(EntityIx).find(|&p| {
            let ent = &self.entity(p);
            if ent.kind != EntityType::Person || ent.bytes.end > start {
                return false;
            }
            let (first, last) = self.cand_tokens(Cand::Entity(p));
            let before: Vec<usize> = (first.saturating_sub(DESCRIPTION_BEFORE)..first).rev().take_while(|&j| in_description(j)).collect();
            let after: Vec<usize> = if self.lower.get(last + 1).is_some_and(|w| w == ",") && last + 2 < s {
                // ", the Vermont senator,": past the determiner.
                let from = last + 2 + usize::from(DETERMINERS.contains(self.lower[last + 2].as_str()));
                (from..(from + DESCRIPTION_AFTER).min(s)).take_while(|&j| in_description(j)).collect()
            } else {
                Vec::new()
            };
            describes(&before) || describes(&after)
        })
    }

    /// The `who` right after candidate `c` that is the subject of a cue
    /// (`Barack Obama, who called …`, `Trump — who previously said …`):
    /// the speaker as written next to the cue, while the name shown stays
    /// the candidate's. Corpora that mark speakers as written mark that
    /// `who`. With `cue` known, it must be that clause's cue.
    fn relative_subject(&self, c: Cand, cue: Option<usize>) -> Option<usize> {
        let (_, last) = self.cand_tokens(c);
        let mut w = last + 1;
        if self.lower.get(w).is_some_and(|x| x == "," || is_dash(x)) {
            w += 1;
        }
        if self.lower.get(w).is_none_or(|x| x != "who") || self.quoted[w] {
            return None;
        }
        let end = (w + 2 + RELATIVE_REACH).min(self.tokens.len());
        let k = (w + 1..end).find(|&j| !is_aux_or_adverb(&self.lower[j]))?;
        (self.is_cue(k) && cue.is_none_or(|q| q == k)).then_some(w)
    }

    /// A role phrase opening the sentence of the personal pronoun at `i`,
    /// or one of the [`ROLE_SENTENCES_BACK`] sentences before it in its
    /// paragraph (`The mayor was blunt. “We failed,” she said.`).
    fn role_before(&self, i: usize) -> Option<Cand> {
        if !matches!(self.lower[i].as_str(), "he" | "she") {
            return None;
        }
        let mut s = self.sentence_start[i];
        for _ in 0..=ROLE_SENTENCES_BACK {
            if let Some(r) = self.role_phrase_at(s, i).or_else(|| self.role_subject_at(s, i)).filter(|&r| self.cand_tokens(r).1 < i) {
                return Some(r);
            }
            if s == 0 || self.tokens[s].para_start {
                return None;
            }
            s = self.sentence_start[s - 1];
        }
        None
    }

    /// `The governor disagreed.`: `the`, then up to
    /// [`ROLE_SUBJECT_WORDS`] lower-case words ending in a role noun, then
    /// a lower-case word (its verb), before token `k`.
    fn role_subject_at(&self, s: usize, k: usize) -> Option<Cand> {
        if self.lower[s] != "the" || self.quoted[s] {
            return None;
        }
        let lower_word = |j: usize| j < k && !self.quoted[j] && self.tokens[j].kind == Kind::Word && self.tokens[j].text(self.text).chars().next().is_some_and(char::is_lowercase);
        let head = (s + 1..=s + ROLE_SUBJECT_WORDS).take_while(|&j| lower_word(j) && !FUNCTION_WORDS.contains(self.lower[j].as_str())).find(|&j| is_person_noun(&self.lower[j]))?;
        lower_word(head + 1).then_some(Cand::Phrase(s, head))
    }

    /// The attribution shown for candidate `c` chosen with cue `cue`.
    pub(super) fn attribution(&self, c: Cand, cue: Option<usize>) -> Attribution {
        let (mention, (name, group)) = match self.relative_subject(c, cue) {
            Some(who) => (ByteRange::new(self.tokens[who].start, self.tokens[who].end), self.name_of(c)),
            None => self.mention_and_name(c),
        };
        let cue = cue.map(|k| {
            if self.lower[k] == "according" {
                "according to".to_string()
            } else {
                self.tokens[k].text(self.text).to_string()
            }
        });
        Attribution { mention, name, group, cue }
    }

    /// The mention of `c` as written and the name shown for it; a
    /// description tied to a name (`an aide to Bernie Sanders`) is one
    /// mention, shown as its module [`super::described`] says.
    fn mention_and_name(&self, c: Cand) -> (ByteRange, (String, Option<usize>)) {
        // `Jeffrey Lewis of the Brookings Institution said`, whichever of
        // the two the ranker chose: the person speaks.
        let c = match c {
            Cand::Entity(e) => Cand::Entity(self.person_of(e)),
            other => other,
        };
        let Some(d) = self.described(c).filter(|_| !self.role_resolves(c)) else {
            // `said Arsenal manager Mikel Arteta`: the person the title
            // names, with the name and title before it, is the mention.
            if let Some(p) = match c { Cand::Entity(e) => self.titled_person_after(e, self.tokens.len()), _ => None } {
                let whole = ByteRange::new(self.span_of(c).start, self.span_of(Cand::Entity(p)).end);
                return (whole, self.entity_name(p));
            }
            return (self.span_of(c), self.name_of(c));
        };
        let whole = ByteRange::new(self.tokens[d.start].start, self.tokens[d.end].end);
        match self.shown(d) {
            Shown::Name(e) => (whole, self.entity_name(e)),
            Shown::Appositive(p) => (self.span_of(Cand::Entity(p)), self.entity_name(p)),
            Shown::Itself => (whole, (self.text[whole.start..whole.end].to_string(), None)),
        }
    }

    /// Whether the phrase `c` names a person by its role (`the mayor of
    /// New York` after `Bill de Blasio, the mayor of New York,`), which
    /// comes before what the phrase is tied to. (A document's head is no
    /// description's: [`super::described`] takes people only.)
    fn role_resolves(&self, c: Cand) -> bool {
        matches!(c, Cand::Phrase(s, e) if self.resolve_role(s, e).is_some())
    }

    /// An entity's group's canonical name (its own text without a group).
    fn entity_name(&self, e: EntityIx) -> (String, Option<usize>) {
        let ent = &self.entity(e);
        match ent.group {
            Some(g) => (self.groups[g].canonical.clone(), Some(g)),
            None => (ent.text.clone(), None),
        }
    }

    /// The name shown for candidate `c`: a name's group, a pronoun's
    /// person (a relative `who`'s antecedent), a role's or a document's
    /// person, else the phrase itself.
    fn name_of(&self, c: Cand) -> (String, Option<usize>) {
        match c {
            Cand::Entity(e) => self.entity_name(e),
            // An antecedent is a name or a phrase, never a pronoun.
            Cand::Pronoun(i) if self.lower[i] == "who" => match self.antecedent(i) {
                Some(a) => self.name_of(a),
                None => (self.tokens[i].text(self.text).to_string(), None),
            },
            Cand::Pronoun(i) => match self.resolve_pronoun(i).or_else(|| (self.lower[i] == "it").then(|| self.previous_body(i)).flatten()) {
                Some(e) => self.entity_name(e),
                // `The mayor was blunt. “We failed,” she said.`: no person
                // named, so the role that opened a sentence just before.
                None => match self.role_before(i) {
                    Some(r) => self.name_of(r),
                    None => (self.tokens[i].text(self.text).to_string(), None),
                },
            },
            Cand::Phrase(s, e) => {
                let head = self.lower[e].as_str();
                // `the FT report`: a name inside the phrase made the document.
                let maker = || (s..e).find_map(|j| self.entity_cover[j]).filter(|&n| self.entity_is_speaker(n));
                let person = if DOC_NOUNS.contains(head) { maker().or_else(|| self.resolve_document(head, s)) } else { self.resolve_role(s, e) };
                // `The chairman of the committee`: with its modifier.
                let end = self.shown_modifier_end(e).unwrap_or(e);
                match person {
                    Some(ent) => self.entity_name(ent),
                    None => (self.text[self.tokens[s].start..self.tokens[end].end].to_string(), None),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// `(text, quotation, name shown, mention as written)`.
    #[test]
    fn resolution_table() {
        let cases: &[(&str, &str, &str, &str)] = &[
            ("in brief\nVermont Sen. Bernie Sanders spoke. “We will win,” the senator said.", "We will win,", "Bernie Sanders", "the senator"),
            ("in brief\nBill de Blasio, the mayor of New York, spoke. “Fine,” the mayor said.", "Fine,", "Bill de Blasio", "the mayor"),
            // A phrase is shown with the short phrase modifying it, not a
            // date (`a spokesman` and `the minister on Monday` before).
            ("in brief\nThe talks ended. “We will win,” a spokesman for the campaign said.", "We will win,", "a spokesman for the campaign", "a spokesman"),
            ("in brief\nThe talks ended. The chairman of the committee said, “We will win.”", "We will win.", "The chairman of the committee", "The chairman"),
            ("in brief\nThe talks ended. “We will win,” the minister on Monday said.", "We will win,", "the minister", "the minister"),
            // A pronoun with no person named stands for the role that
            // opened a sentence before it (`she` was shown before).
            ("in brief\nThe mayor was blunt. “We failed,” she said.", "We failed,", "The mayor", "she"),
            ("in brief\nThe governor disagreed. “No,” he told reporters.", "No,", "The governor", "he"),
            (
                "in brief\nRepublican nominee Donald Trump met Democratic nominee Hillary Clinton. “No,” the Democratic nominee said.",
                "No,",
                "Hillary Clinton",
                "the Democratic nominee",
            ),
            // A verb between: "the union" is not a description of Clinton.
            ("in brief\nThe union endorsed Hillary Clinton. “Yes,” the union said.", "Yes,", "the union", "the union"),
            // A cue ends a description: the diplomat who spoke of Macron
            // is not Macron (shown before).
            ("in brief\nOne EU diplomat said French President Emmanuel Macron was not alone. “It is not just Macron,” the diplomat said.", "It is not just Macron,", "the diplomat", "the diplomat"),
            // A name inside a document's phrase made it (`Johnson`, the
            // person in the sentence of the last `report`, was shown).
            ("in brief\nThe FT report suggested that Johnson would wait. “No one is certain,” the FT report said.", "No one is certain,", "FT", "the FT report"),
            // An `it` names the organisation the sentence before opened
            // with (`it` was shown).
            ("in brief\nThe Food Standards Agency warned people to stay away.\n“We advise the public not to take any tablets,” it said.", "We advise the public not to take any tablets,", "Food Standards Agency", "it"),
            // A pronoun names its person.
            ("in brief\nJohn Carter spoke first. “It was hard,” he said.", "It was hard,", "John Carter", "he"),
            // A relative `who` is the speaker as written; the name is its antecedent's.
            ("in brief\nThe row drew a reaction from President Barack Obama, who called the nominee “unfit to serve” on Monday.", "unfit to serve", "Barack Obama", "who"),
            ("in brief\nDonald Trump, who has repeatedly said he would “bomb” them, spoke.", "bomb", "Donald Trump", "who"),
            // The cue outside the relative clause keeps the name.
            ("in brief\n“We will win,” said Barack Obama, who smiled.", "We will win,", "Barack Obama", "Barack Obama"),
        ];
        super::super::assert_shown(cases);
    }

    /// A relative `who` the ranker picks as a candidate of its own is
    /// shown as written, with its antecedent's name (not the person
    /// named before it, as a `he` would be).
    #[test]
    fn a_relative_who_candidate_names_its_antecedent() {
        let text = "in brief\nJane Smith met the Mexican president, who has called the plan “a disgrace” since.";
        super::super::with_doc(text, |doc, _| {
            let who = doc.lower.iter().position(|w| w == "who").expect("who");
            let a = doc.attribution(super::Cand::Pronoun(who), None);
            assert_eq!((a.name.as_str(), &text[a.mention.start..a.mention.end]), ("the Mexican president", "who"));
        });
    }
}
