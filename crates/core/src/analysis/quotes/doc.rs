//! The document as attribution sees it: tokens, which of them are quoted,
//! which entity covers each, sentence starts outside quotations; and the
//! questions the rules ask of it (is this a cue, where is the subject).

use super::lexicon::*;
use super::marks::Marked;
use crate::analysis::token::{Kind, Token};
use crate::analysis::{Entity, EntityType, Group};
use crate::text::ByteRange;

/// Words between a role noun and its determiner (`the retired
/// neurosurgeon`) when looking back from a cue.
const ROLE_LOOKBACK: usize = 4;
/// Words a determiner phrase after an inverted cue may take (`said the
/// 46-year-old former mayor`).
const INVERTED_PHRASE_WORDS: usize = 7;
/// Words of a title between a name and the person it names (`Tesla |
/// chief executive officer | Elon Musk`).
const TITLE_WORDS: usize = 3;
/// Tokens at a paragraph's start searched for a dateline's `) —`.
const DATELINE_TOKENS: usize = 12;
/// Words a role phrase opening a sentence may take before its verb.
const OPENING_ROLE_WORDS: usize = 5;
/// Tokens looked back over for a relative or participle clause between a
/// subject and its cue (`McCaskill, who has endorsed Clinton, said`). 20
/// missed a long appositive of Reuters copy (`Logan Edra, a 17-year-old
/// American dancer who goes by … and has performed on The Ellen
/// DeGeneres Show, told`); 32 gained the folds 14 over twelve seeds.
const CLAUSE_LOOKBACK: usize = 32;
/// Words in lower case between a possessor's determiner and its word
/// (`the prime minister ’s office`).
const POSSESSOR_MODIFIERS: usize = 2;
/// Words back from a noun to its determiner in a candidate noun phrase.
pub(super) const PHRASE_LOOKBACK: usize = 5;
/// Tokens before a relative `who` searched for the phrase it refers to
/// (`the Mexican president, who said`).
const ANTECEDENT_LOOKBACK: usize = 6;

/// An index into the analysis' entities — never a token index, which
/// the other candidates (`Pronoun`, `Phrase`) hold.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(super) struct EntityIx(pub(super) usize);

/// A speaker candidate: a byte range and what it is.
#[derive(Copy, Clone, Debug, PartialEq)]
pub(super) enum Cand {
    Entity(EntityIx),
    Pronoun(usize),
    Phrase(usize, usize),
}

pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) lower: &'a [String],
    /// Token is inside a quotation.
    pub(super) quoted: Vec<bool>,
    /// Entity index covering each token, if any.
    pub(super) entity_cover: Vec<Option<EntityIx>>,
    pub(super) entities: &'a [Entity],
    pub(super) groups: &'a [Group],
    /// First token of a sentence, by token: sentence boundaries outside quotes.
    pub(super) sentence_start: Vec<usize>,
    /// Words that occur in lower case somewhere in the text: capitalised
    /// at a sentence start, they are ordinary words, not names.
    pub(super) lower_seen: std::collections::HashSet<String, crate::analysis::words::FxBuild>,
}

impl<'a> Doc<'a> {
    /// The entity at `e`.
    pub(super) fn entity(&self, e: EntityIx) -> &'a Entity {
        &self.entities[e.0]
    }

    /// Builds the view of `text` that attribution works on: `marked`
    /// quotations masked, entities mapped onto tokens, sentence starts.
    pub(super) fn new(text: &'a str, tokens: &'a [Token], lower: &'a [String], marked: &[Marked], entities: &'a [Entity], groups: &'a [Group]) -> Doc<'a> {
        let mut quoted = vec![false; tokens.len()];
        let mut opening = vec![false; tokens.len()];
        for q in marked {
            // The marks themselves count as quoted text for masking.
            let first = tokens.partition_point(|t| t.start < q.open);
            if let Some(o) = opening.get_mut(first) {
                *o = true;
            }
            let mut k = first;
            while k < tokens.len() && tokens[k].end <= q.close {
                quoted[k] = true;
                k += 1;
            }
        }
        let mut entity_cover = vec![None; tokens.len()];
        for (e, ent) in entities.iter().enumerate() {
            let mut k = tokens.partition_point(|t| t.start < ent.bytes.start);
            while k < tokens.len() && tokens[k].end <= ent.bytes.end {
                entity_cover[k] = Some(EntityIx(e));
                k += 1;
            }
        }
        let sentence_start = sentence_starts(text, tokens, &quoted, &opening);
        let lower_seen = tokens
            .iter()
            .zip(lower)
            .filter(|(t, _)| t.kind == Kind::Word && t.text(text).chars().next().is_some_and(char::is_lowercase))
            .map(|(_, l)| l.clone())
            .collect();
        Doc { text, tokens, lower, quoted, entity_cover, entities, groups, sentence_start, lower_seen }
    }

    pub(super) fn is_cue(&self, i: usize) -> bool {
        // Verbs are written in lower case ("States" is not "states"), except
        // an inverted cue opening a sentence ("Said Ellis: …").
        let lower_case = self.tokens[i].text(self.text).chars().next().is_some_and(char::is_lowercase);
        let opening = self.tokens[i].sent_start || self.tokens[i].para_start;
        // "to say" is an intention, not an attribution.
        let infinitive = i > 0 && self.lower[i - 1] == "to";
        // "so-called", "self-described": part of a compound adjective.
        let compound = i > 0 && self.lower[i - 1] == "-" && self.tokens[i - 1].end == self.tokens[i].start;
        !self.quoted[i]
            && self.tokens[i].kind == Kind::Word
            && (CUES.contains(self.lower[i].as_str()) || (self.lower[i] == "put" && self.lower.get(i + 1).is_some_and(|w| w == "it")))
            && (lower_case || opening)
            && !infinitive
            && !compound
    }

    /// A verb in the past or present tense right after a subject that
    /// follows a quotation ("“Go back,” Trump barked"): any such verb
    /// there introduces the quotation.
    pub(super) fn is_verb_like(&self, i: usize) -> bool {
        let w = self.lower[i].as_str();
        !self.quoted[i]
            && self.tokens[i].kind == Kind::Word
            && self.tokens[i].text(self.text).chars().next().is_some_and(char::is_lowercase)
            && w.len() > 3
            && (w.ends_with("ed") || w.ends_with("es") || w.ends_with("ts") || w.ends_with("ds") || w.ends_with("ks") || matches!(w, "told" | "wrote" | "spoke" | "shot" | "sang" | "went" | "gave" | "made" | "took" | "came"))
            && !FUNCTION_WORDS.contains(w)
    }

    /// A verb that ends a name's or a description's phrase, which a
    /// title or a tie to a name cannot cross: `Hollande denounced Trump`
    /// and `The former secretary of state mocked Trump` had each been one
    /// mention, shown as Trump and as the whole phrase. A noun of people
    /// that looks like a verb (`aides`, `analysts`) is a title still.
    pub(super) fn ends_phrase(&self, j: usize) -> bool {
        self.is_verb_like(j) && !is_person_noun(&self.lower[j])
    }

    /// A cue whose object is the listener, not the speaker ("told AFP",
    /// "asking Trump").
    pub(super) fn takes_listener(&self, k: usize) -> bool {
        matches!(self.lower[k].as_str(), "told" | "tells" | "tell" | "telling" | "asked" | "asks" | "asking" | "urged" | "urges" | "warned" | "warns" | "accused" | "accuses" | "accusing" | "called" | "calling" | "praised" | "praising" | "blasted" | "slammed" | "criticized" | "criticised" | "quoted" | "emailed" | "texted")
    }

    pub(super) fn is_participle(&self, i: usize) -> bool {
        self.lower[i].ends_with("ing")
    }

    /// A capitalised run of words at token `i` (not an entity of another
    /// kind, not a calendar word): a name the tagger did not mark.
    pub(super) fn cap_run(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.kind == Kind::Word
            && t.text(self.text).chars().next().is_some_and(char::is_uppercase)
            && !crate::analysis::calendar::is_day_or_month(self.lower[i].as_str())
            && self.lower[i] != "i"
            && !crate::analysis::names::TITLES.contains(self.lower[i].as_str())
            && self.entity_cover[i].is_none()
            && !DETERMINERS.contains(self.lower[i].as_str())
            && !PRONOUNS.contains(self.lower[i].as_str())
            && !CLAUSE_WORDS.contains(self.lower[i].as_str())
            && !self.is_sentence_opener(i)
            // "HIGHER THAN EXPECTED TURNOUT": a headline in capitals (a run
            // of words in capitals, unlike an acronym such as "FEMA").
            && !(self.all_caps(i) && (self.all_caps(i + 1) || (i > 0 && self.all_caps(i - 1))))
            && self.lower[i].chars().count() >= 2
    }

    /// Token `i` opens its sentence capitalised and is no name by its
    /// form: a verb form (`Preceded at the lectern by…`), an ordinary
    /// word (`Good information…`) or an opener set off by a comma
    /// (`Instead, he…`, `Typically, he…`); not a subject before its
    /// relative or participle clause or its age (`Husted, speaking to
    /// reporters, said`, `Husted, 54,`).
    fn is_sentence_opener(&self, i: usize) -> bool {
        if !self.tokens[i].sent_start {
            return false;
        }
        let comma = self.lower.get(i + 1).is_some_and(|w| w == ",");
        if comma && self.opens_apposition(i + 2) {
            return false;
        }
        let w = self.lower[i].as_str();
        comma || w.ends_with("ed") || w.ends_with("ing") || self.lower_seen.contains(w)
    }

    /// Token `i` opens what follows a subject set off by a comma: a
    /// relative `who`/`whose`, a participle (`speaking to reporters`) or
    /// an age (`54`), closed by a comma and a cue (`, said`) within
    /// [`CLAUSE_LOOKBACK`] tokens. (Not `Regardless, everything …`.)
    fn opens_apposition(&self, i: usize) -> bool {
        let opens = self.lower.get(i).is_some_and(|w| matches!(w.as_str(), "who" | "whose") || (w.ends_with("ing") && w.len() > 5 && !self.quoted[i]) || self.tokens[i].kind == Kind::Number);
        let end = (i + CLAUSE_LOOKBACK).min(self.tokens.len().saturating_sub(1));
        opens && (i + 1..end).take_while(|&j| !self.quoted[j] && !matches!(self.lower[j].as_str(), "." | "!" | "?")).any(|j| self.lower[j] == "," && self.is_cue(j + 1))
    }

    /// Token `i` is a word of two or more letters, all in capitals.
    pub(super) fn all_caps(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && t.end - t.start >= 2 && t.text(self.text).chars().all(|c| !c.is_lowercase()))
    }

    /// The subject written right before the cue at `k` (skipping auxiliaries,
    /// adverbs and commas), if it is a name, pronoun or unmarked name.
    pub(super) fn immediate_subject(&self, from: usize, k: usize) -> Option<Cand> {
        let mut i = k;
        while i > from {
            i -= 1;
            let w = self.lower[i].as_str();
            if is_aux_or_adverb(w) {
                continue;
            }
            if self.quoted[i] {
                return None;
            }
            if w == "who" {
                return self.antecedent(i);
            }
            if let Some(e) = self.entity_cover[i] {
                // `a source speaking to Fox News said`: the head the name
                // hangs from (`postmod.rs`).
                if let Some(head) = self.modified_head(self.cand_tokens(Cand::Entity(e)).0, from) {
                    return Some(head);
                }
                // Right before the verb any name is the subject ("Moscow
                // said", or a person the tagger typed wrongly).
                let name = self.name_may_speak(e);
                return name.then_some(Cand::Entity(e));
            }
            // A first-person writer speaks as `I` (`“Okay,” I said`), as
            // PolNeAR marks it; `you` and `it` are rarely a cue's speaker.
            if PRONOUNS.contains(w) && w != "you" && w != "it" {
                return Some(Cand::Pronoun(i));
            }
            if self.cap_run(i) {
                let mut s = i;
                while s > from && self.cap_run(s - 1) {
                    s -= 1;
                }
                return Some(self.modified_head(s, from).unwrap_or(Cand::Phrase(s, i)));
            }
            // "the Vermont senator acknowledged": a role noun phrase. Its
            // own search for the determiner, not `phrase_opening`: reading
            // past ages and function words here cost the folds (68,592
            // against 68,647 over twelve ranker seeds; docs/speakers.md).
            if self.tokens[i].kind == Kind::Word && is_person_noun(w) && !FUNCTION_WORDS.contains(w) && self.tokens[i].text(self.text).chars().next().is_some_and(char::is_lowercase) {
                let det = (i.saturating_sub(ROLE_LOOKBACK).max(from)..i)
                    .rev()
                    .take_while(|&j| self.tokens[j].kind == Kind::Word && !self.quoted[j] && (is_clitic(&self.lower[j]) || !FUNCTION_WORDS.contains(self.lower[j].as_str())))
                    .find(|&j| DETERMINERS.contains(self.lower[j].as_str()) || is_clitic(&self.lower[j]));
                // `Johnson ’s spokesman said`: the possessor opens the phrase.
                let phrase = det.map(|d| (self.partitive_start(if is_clitic(&self.lower[d]) { self.possessor_start(d, from) } else { d }, from), i));
                // `sources familiar with the matter said`: the sources.
                let phrase = phrase.map(|(d, i)| self.knowers_before(d, from).unwrap_or((d, i)));
                return phrase.map(|(d, i)| self.modified_head(d, from).unwrap_or(Cand::Phrase(d, i)));
            }
            // `a staffer in the room wondered`: no role noun before the
            // cue, but the head it modifies may be one.
            let noun = self.tokens[i].kind == Kind::Word && !FUNCTION_WORDS.contains(w);
            return noun.then(|| self.phrase_opening(i, from, PHRASE_LOOKBACK - 1)).flatten().and_then(|s| self.modified_head(s, from));
        }
        None
    }

    /// Whom the relative `who` at token `w` stands for: the name or noun
    /// phrase right before it in its sentence, past a comma or dash (`the
    /// Mexican president, who said that …`).
    pub(super) fn antecedent(&self, w: usize) -> Option<Cand> {
        let from = self.sentence_start[w];
        let mut end = w.checked_sub(1)?;
        if self.lower[end] == "," || is_dash(&self.lower[end]) {
            end = end.checked_sub(1)?;
        }
        if end < from || self.quoted[end] {
            return None;
        }
        if let Some(e) = self.entity_cover[end] {
            return self.entity_is_speaker(e).then_some(Cand::Entity(e));
        }
        if self.cap_run(end) {
            let start = (from..end).rev().take_while(|&j| self.cap_run(j)).last().unwrap_or(end);
            return Some(Cand::Phrase(start, end));
        }
        if self.tokens[end].kind != Kind::Word || FUNCTION_WORDS.contains(self.lower[end].as_str()) {
            return None;
        }
        // Back to the phrase's determiner (`the Mexican president`) or
        // possessor (`Trump 's lawyer`), over words only.
        let det = (end.saturating_sub(ANTECEDENT_LOOKBACK).max(from)..end)
            .rev()
            .take_while(|&j| !self.quoted[j] && !self.is_cue(j) && (self.tokens[j].kind == Kind::Word || matches!(self.lower[j].as_str(), "'s" | "’s")))
            .find(|&j| DETERMINERS.contains(self.lower[j].as_str()) || matches!(self.lower[j].as_str(), "'s" | "’s"))?;
        let start = if DETERMINERS.contains(self.lower[det].as_str()) { det } else { det.checked_sub(1)? };
        Some(Cand::Phrase(start.max(from), end))
    }

    /// Whether the relative `who` at token `w` opens a clause that holds
    /// the quotation whose opening mark is at byte `open`: the mark comes
    /// after it with no comma or dash between (`Beck, who has described
    /// Trump as “…”`), not after the clause has closed (`Small, who
    /// attended the rally, said that “…”`) nor before it.
    pub(super) fn who_clause_holds(&self, w: usize, open: usize) -> bool {
        let mark = self.token_at_or_after(open);
        w < mark && (w + 1..mark).all(|j| self.quoted[j] || !(self.lower[j] == "," || is_dash(&self.lower[j])))
    }

    /// A subject starting exactly at token `i`: a name, pronoun or short
    /// determiner noun phrase.
    pub(super) fn immediate_subject_forward(&self, i: usize, end: usize) -> Option<Cand> {
        // After its cue (`said two witnesses`) no verb of its own follows
        // the subject; before one it does (`“…,” the document states`).
        self.subject_forward(i, end, i > 0 && self.is_cue(i - 1))
    }

    /// [`Doc::immediate_subject_forward`], knowing whether the subject
    /// follows its cue.
    fn subject_forward(&self, i: usize, end: usize, after_cue: bool) -> Option<Cand> {
        if i >= end || i >= self.tokens.len() || self.quoted[i] {
            return None;
        }
        // "tweeted Prince Alwaleed", "said Sen. Bob Casey": past the titles.
        let mut i = i;
        while i + 1 < end && self.entity_cover[i].is_none() && crate::analysis::names::TITLES.contains(self.lower[i].as_str()) && self.tokens[i].text(self.text).chars().next().is_some_and(char::is_uppercase) {
            i += 1;
        }
        let w = self.lower[i].as_str();
        if let Some(e) = self.entity_cover[i] {
            let name = self.name_may_speak(e);
            return (name && self.token_at_or_after(self.entity(e).bytes.start) == i).then_some(Cand::Entity(e));
        }
        // `said I`: the first-person writer, as in `I said`.
        if matches!(w, "he" | "she" | "they" | "i") {
            return Some(Cand::Pronoun(i));
        }
        if self.cap_run(i) {
            let mut e = i;
            while e + 1 < end && self.cap_run(e + 1) {
                e += 1;
            }
            // `said Archbishop Aris Shirvanian`: a title the lists lack,
            // right before a person's name.
            if let Some(p) = self.entity_cover.get(e + 1).copied().flatten().filter(|&p| e + 1 < end && self.entity(p).kind == EntityType::Person) {
                return Some(Cand::Entity(p));
            }
            return Some(Cand::Phrase(i, e));
        }
        // `said one of those advisers`: the phrase after `of`, opened at
        // the quantity.
        if is_partitive(w) && self.lower.get(i + 1).is_some_and(|o| o == "of") {
            let demonstrative = self.lower.get(i + 2).is_some_and(|d| matches!(d.as_str(), "those" | "these"));
            let inner = if demonstrative { self.determiner_phrase(i + 2, end, after_cue) } else { self.subject_forward(i + 2, end, after_cue) };
            return Some(Cand::Phrase(i, self.cand_tokens(inner.filter(|c| !matches!(c, Cand::Pronoun(_)))?).1));
        }
        if DETERMINERS.contains(w) {
            return self.determiner_phrase(i, end, after_cue);
        }
        None
    }

    /// The phrase a determiner at `i` opens, read forward before `end`:
    /// its words up to [`INVERTED_PHRASE_WORDS`], stopped by a verb, a
    /// cue, a quotation or a function word. After its cue the subject
    /// has no verb of its own to stop at, so a word in `-s` is its plural
    /// head (`after_cue`).
    fn determiner_phrase(&self, i: usize, end: usize, after_cue: bool) -> Option<Cand> {
        let mut e = i;
        // "the 46-year-old": numbers and hyphens inside the phrase.
        let inside = |t: usize| matches!(self.tokens[t].kind, Kind::Word | Kind::Number) || (self.lower[t] == "-" && t + 1 < end);
        // A cue ends it (`Several | said they would`).
        while e + 1 < end && e < i + INVERTED_PHRASE_WORDS && inside(e + 1) && !self.is_cue(e + 1) && !self.quoted[e + 1] && !FUNCTION_WORDS.contains(self.lower[e + 1].as_str()) {
            if self.is_verb_like(e + 1) {
                // `said two witnesses`, `said several analysts`: after its
                // cue a subject's word in `-s` is its plural head, which
                // ends it; a past form ends it before (`the man accused`),
                // and so does an adverbial's (`repeated several times`).
                let plural = after_cue && self.lower[e + 1].ends_with('s') && !ADVERBIAL_HEADS.contains(self.lower[e + 1].as_str());
                e += usize::from(plural);
                break;
            }
            e += 1;
        }
        (e > i).then_some(Cand::Phrase(i, e))
    }

    /// The person before `of` when the name `e` is the place or body
    /// that follows it (`Sen. Bernie Sanders of Vermont said`, `Jeffrey
    /// Lewis of the Brookings Institution said`): the subject is the
    /// person, not where they come from. Else `e`. The name shown for
    /// whichever of the two the ranker chose (`resolve.rs`); the rules'
    /// reading of a subject climbs any modifier (`postmod.rs`).
    pub(super) fn person_of(&self, e: EntityIx) -> EntityIx {
        let (first, _) = self.cand_tokens(Cand::Entity(e));
        // `of the Brookings Institution`: past the article.
        let of = first.checked_sub(1 + usize::from(first > 0 && self.lower[first - 1] == "the"));
        let person = of
            .filter(|&o| o > 0 && self.lower[o] == "of" && matches!(self.entity(e).kind, EntityType::Place | EntityType::Org))
            .and_then(|o| self.entity_cover[o - 1])
            .filter(|&p| self.entity(p).kind == EntityType::Person);
        person.unwrap_or(e)
    }

    /// The person a title names right after the name `e` (`said Arsenal
    /// manager Mikel Arteta`, `said Tesla CEO Elon Musk`, `said Britain
    /// ’s finance minister Rishi Sunak`, `said Obama adviser David
    /// Axelrod`): up to [`TITLE_WORDS`] words of a title, then the
    /// person's name, before `end`.
    pub(super) fn titled_person_after(&self, e: EntityIx, end: usize) -> Option<EntityIx> {
        let (_, last) = self.cand_tokens(Cand::Entity(e));
        let mut title = 0;
        for j in last + 1..(last + 2 + TITLE_WORDS).min(end) {
            if let Some(p) = self.entity_cover[j] {
                return (title > 0 && self.entity(p).kind == EntityType::Person).then_some(p);
            }
            let w = self.lower[j].as_str();
            // A title's words in either case (`manager`, `Minority Whip`):
            // a person's name must close it within reach.
            if self.quoted[j] || self.tokens[j].kind != Kind::Word || self.is_cue(j) || self.ends_phrase(j) || FUNCTION_WORDS.contains(w) {
                return None;
            }
            title += usize::from(!is_clitic(w));
        }
        None
    }

    /// First and last token of a candidate.
    pub(super) fn cand_tokens(&self, c: Cand) -> (usize, usize) {
        match c {
            Cand::Entity(e) => {
                let b = self.entity(e).bytes;
                let first = self.token_at_or_after(b.start);
                let last = self.tokens.partition_point(|t| t.end <= b.end).saturating_sub(1);
                (first, last.max(first))
            }
            Cand::Pronoun(i) => (i, i),
            Cand::Phrase(s, e) => (s, e),
        }
    }

    /// The sentence's subject: its first name, unmarked capitalised name
    /// or (with `pronouns`) personal pronoun before token `k`.
    pub(super) fn first_subject(&self, s_start: usize, k: usize, pronouns: bool) -> Option<Cand> {
        let mut i = self.after_dateline(s_start, k);
        if let Some(c) = self.role_phrase_at(i, k) {
            return Some(c);
        }
        while i < k {
            if !self.quoted[i] {
                if pronouns && matches!(self.lower[i].as_str(), "he" | "she" | "they") {
                    return Some(Cand::Pronoun(i));
                }
                if let Some(e) = self.entity_cover[i] {
                    if self.entity(e).kind == EntityType::Person {
                        return Some(Cand::Entity(e));
                    }
                } else if self.cap_run(i) {
                    let mut e = i;
                    while e + 1 < k && self.cap_run(e + 1) {
                        e += 1;
                    }
                    // "Democrat Ann Lee has…": a capitalised word right
                    // before a person's name describes that person.
                    if let Some(p) = self.entity_cover.get(e + 1).copied().flatten().filter(|&p| self.entity(p).kind == EntityType::Person && e + 1 < k) {
                        return Some(Cand::Entity(p));
                    }
                    return Some(Cand::Phrase(i, e));
                }
            }
            i += 1;
        }
        None
    }

    /// The first token after a dateline opening the paragraph at `s`
    /// ("WASHINGTON, Dec. 8 (UPI) — …", "Washington (AFP) – …", "Kyiv,
    /// Ukraine (JEN): …", or with no agency a place in capitals,
    /// "PORTLAND, Ore. - …"): the place and agency there are not the
    /// sentence's subject, nor anyone's speaker.
    pub(super) fn after_dateline(&self, s: usize, k: usize) -> usize {
        if s >= self.tokens.len() || !self.tokens[s].para_start {
            return s;
        }
        let limit = (s + DATELINE_TOKENS).min(k);
        let dash = |j: usize| is_dash(&self.lower[j]);
        for j in s..limit {
            if self.lower[j] == ")" && j + 2 < self.tokens.len() && (dash(j + 1) || self.lower[j + 1] == ":") {
                return if (s..j).any(|x| self.lower[x] == "(") { j + 2 } else { s };
            }
            // No agency: a place in capitals, perhaps its state, and a
            // dash (`PORTLAND, Ore. - Peter Santilli …`).
            if j > s && dash(j) && self.all_caps(s) && (s + 1..j).all(|x| self.is_dateline_word(x)) {
                return j + 1;
            }
        }
        s
    }

    /// A word of a dateline's place after its first: capitalised, or a
    /// comma or a full stop (`, Ore.`, `, Calif.`).
    fn is_dateline_word(&self, x: usize) -> bool {
        matches!(self.lower[x].as_str(), "," | ".") || self.tokens[x].text(self.text).chars().next().is_some_and(char::is_uppercase)
    }

    /// A role noun phrase opening a sentence at `i` ("The retired
    /// neurosurgeon has…", "The Democratic presidential candidate
    /// blasted…"): a determiner, up to four modifiers, and a head noun for
    /// a person or a body, right before the verb.
    pub(super) fn role_phrase_at(&self, i: usize, k: usize) -> Option<Cand> {
        if i + 1 >= k || !matches!(self.lower[i].as_str(), "the" | "a" | "an") || self.quoted[i] {
            return None;
        }
        let mut j = i + 1;
        while j < k && j <= i + OPENING_ROLE_WORDS {
            let w = self.lower[j].as_str();
            if self.quoted[j] || self.tokens[j].kind != Kind::Word || FUNCTION_WORDS.contains(w) || AUX.contains(w) || self.is_cue(j) || is_article(w) {
                break;
            }
            // A verb form followed by what a verb takes ends the phrase
            // ("The candidate blasted Trump's…", "began by…").
            if j > i + 1 && self.is_verb_form(j) {
                break;
            }
            j += 1;
        }
        let head = j.checked_sub(1).filter(|&h| h > i)?;
        let hw = self.lower[head].as_str();
        let lower_head = self.tokens[head].text(self.text).chars().next().is_some_and(char::is_lowercase);
        (lower_head && is_person_noun(hw) && j < k && !self.quoted[j]).then_some(Cand::Phrase(i, head))
    }

    /// A lower-case word at `j` that reads as the verb after a subject:
    /// an inflected form followed by a determiner, preposition, name,
    /// pronoun or quotation.
    pub(super) fn is_verb_form(&self, j: usize) -> bool {
        let w = self.lower[j].as_str();
        let inflected = w.ends_with("ed") || w.ends_with('s') || matches!(w, "began" | "told" | "wrote" | "spoke" | "made" | "took" | "gave" | "went" | "came" | "sent" | "put" | "said");
        let next = self.lower.get(j + 1).map(String::as_str).unwrap_or("");
        let next_cap = self.tokens.get(j + 1).is_some_and(|t| t.text(self.text).chars().next().is_some_and(char::is_uppercase));
        inflected && (DETERMINERS.contains(next) || FUNCTION_WORDS.contains(next) || PRONOUNS.contains(next) || next_cap || self.quoted.get(j + 1).copied().unwrap_or(false))
    }

    pub(super) fn is_clause_break(&self, i: usize) -> bool {
        matches!(self.lower[i].as_str(), ";" | "\"" | "“" | "”" | "„" | "«" | "»" | ":") || self.quoted[i]
    }

    /// A name that may be a speaker: any kind of name, but not one that
    /// is a compound modifier (`the Republican-controlled legislature`,
    /// `Texas-based firms`, which CoNLL types MISC): its last part after
    /// a hyphen is in lower case.
    pub(super) fn name_may_speak(&self, e: EntityIx) -> bool {
        let ent = self.entity(e);
        let text = &self.text[ent.bytes.start..ent.bytes.end];
        let modifier = text.rsplit_once('-').is_some_and(|(_, last)| last.chars().next().is_some_and(char::is_lowercase));
        matches!(ent.kind, EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Misc) && !modifier
    }

    pub(super) fn entity_is_speaker(&self, e: EntityIx) -> bool {
        matches!(self.entity(e).kind, EntityType::Person | EntityType::Org)
    }

    /// The best speaker candidate in tokens `from..=to`, scanning from the
    /// end (`backward`) or the start. Persons come first, then
    /// organisations and unmarked capitalised names, pronouns, and noun
    /// phrases; among equals the nearest to the scan's start wins.
    pub(super) fn candidate(&self, from: usize, to: usize, backward: bool) -> Option<Cand> {
        if from > to || to >= self.tokens.len() {
            return None;
        }
        // A dateline's agency is nobody's speaker (`LONDON (Reuters) - The
        // company, which …, said`).
        let from = self.after_dateline(from, to + 1);
        if from > to {
            return None;
        }
        // "McCaskill, who has endorsed Clinton, said", "An official,
        // speaking on condition of anonymity to discuss the prime minister's
        // schedule, said": looking back from the cue, a relative or
        // participle clause set off by commas holds no subject.
        let mut to = to;
        if backward && self.lower[to] == "," {
            let opens_clause = |j: usize| {
                self.lower[j] == ","
                    && self.lower.get(j + 1).is_some_and(|w| matches!(w.as_str(), "who" | "whom" | "whose" | "which") || (w.ends_with("ing") && w.len() > 5 && !self.quoted[j + 1]))
            };
            // `Logan Edra, a 17-year-old dancer who has performed on The
            // Ellen DeGeneres Show, told`: an appositive after a person.
            let opens_appositive = |j: usize| {
                self.lower[j] == "," && j > 0 && self.lower.get(j + 1).is_some_and(|w| DETERMINERS.contains(w.as_str())) && self.entity_cover[j - 1].is_some_and(|e| self.entity(e).kind == EntityType::Person)
            };
            // The farthest opening within reach, past the commas inside
            // the clause (`who …, known as the JCPoA, said`).
            let rel = (to.saturating_sub(CLAUSE_LOOKBACK).max(from + 1)..to).find(|&j| opens_clause(j) || opens_appositive(j));
            if let Some(j) = rel {
                to = j - 1;
            }
        }
        let order: Vec<usize> = if backward { (from..=to).rev().collect() } else { (from..=to).collect() };
        let mut best: Option<(u8, Cand)> = None;
        let mut consider = |rank: u8, c: Cand| {
            if best.is_none_or(|(r, _)| rank < r) {
                best = Some((rank, c));
            }
        };
        let mut seen_phrase = false;
        for &i in &order {
            if self.quoted[i] {
                continue;
            }
            if let Some(e) = self.entity_cover[i] {
                if self.entity_is_speaker(e) {
                    consider(if self.entity(e).kind == EntityType::Person { 0 } else { 1 }, Cand::Entity(e));
                }
                continue;
            }
            let w = self.lower[i].as_str();
            if self.cap_run(i) {
                // Extend over the whole run of capitalised words.
                let (mut s, mut e) = (i, i);
                while s > from && self.cap_run(s - 1) {
                    s -= 1;
                }
                while e < to && self.cap_run(e + 1) {
                    e += 1;
                }
                consider(1, Cand::Phrase(s, e));
            } else if PRONOUNS.contains(w) && w != "i" && w != "you" && !(w == "it" && i < to && self.lower[i + 1] == "is") {
                consider(2, Cand::Pronoun(i));
            } else if !seen_phrase && self.tokens[i].kind == Kind::Word && !AUX.contains(w) && !FUNCTION_WORDS.contains(w) && !self.is_cue(i) && w.chars().all(|c| c.is_lowercase() || c == '-') {
                // A noun phrase ending here: back to its determiner.
                let opening = self.phrase_opening(i, from, PHRASE_LOOKBACK - 1);
                if let Some(s) = opening.filter(|_| ROLE_NOUNS.contains(w) || DOC_NOUNS.contains(w) || backward).map(|s| self.partitive_start(s, from)) {
                    let (s, i) = self.knowers_before(s, from).unwrap_or((s, i));
                    consider(3, Cand::Phrase(s, i));
                    seen_phrase = true;
                }
            }
        }
        best.map(|(_, c)| c)
    }

    /// Where the noun phrase headed at `head` opens: its determiner, or
    /// its possessor (`The president ’s critics`, `the ad 's narrator`),
    /// with at most `words` words between (the numbers and hyphens of an
    /// age, `the 25-year-old striker`, are not counted), not before
    /// `from`. `None` when no determiner or possessor opens it.
    pub(super) fn phrase_opening(&self, head: usize, from: usize, words: usize) -> Option<usize> {
        let mut k = head;
        let mut seen = 0;
        while k > from {
            k -= 1;
            let w = self.lower[k].as_str();
            if self.quoted[k] || self.is_cue(k) {
                return None;
            }
            if DETERMINERS.contains(w) || w.ends_with("'s") || w.ends_with("’s") {
                return Some(if is_clitic(w) { self.possessor_start(k, from) } else { k });
            }
            match self.tokens[k].kind {
                Kind::Word if !FUNCTION_WORDS.contains(w) => seen += 1,
                _ if self.in_age(k) => {}
                _ => return None,
            }
            if seen > words {
                return None;
            }
        }
        None
    }

    /// Where a phrase opening at `start` opens once a partitive before it
    /// is read (`one of | the advisers`), not before `from`.
    pub(super) fn partitive_start(&self, start: usize, from: usize) -> usize {
        match start.checked_sub(2) {
            Some(q) if q >= from && self.lower[q + 1] == "of" && is_partitive(&self.lower[q]) && !self.quoted[q] => q,
            _ => start,
        }
    }

    /// Token `k` is the number or a hyphen of an age written as one
    /// word (`the 25 - year - old striker`), which a phrase reads past.
    fn in_age(&self, k: usize) -> bool {
        let age = |n: usize| {
            self.tokens[n].kind == Kind::Number && self.lower.get(n + 1..n + 5).is_some_and(|w| w[0] == "-" && matches!(w[1].as_str(), "year" | "years") && w[2] == "-" && w[3] == "old")
        };
        (k.saturating_sub(3)..=k).any(|n| age(n) && (k == n || k == n + 1 || k == n + 3))
    }

    /// Where the possessor before the clitic `'s` at `clitic` opens: its
    /// word, or the determiner before it and its modifiers in lower case
    /// (`the ad 's`, `The prime minister ’s office`), not before `from`.
    fn possessor_start(&self, clitic: usize, from: usize) -> usize {
        let word = clitic.saturating_sub(1).max(from);
        let modifier = |j: usize| {
            let w = self.lower[j].as_str();
            self.tokens[j].kind == Kind::Word && !self.quoted[j] && !FUNCTION_WORDS.contains(w) && self.tokens[j].text(self.text).chars().next().is_some_and(char::is_lowercase)
        };
        let mut j = word;
        while j > from && word - j < POSSESSOR_MODIFIERS && !DETERMINERS.contains(self.lower[j - 1].as_str()) && modifier(j - 1) {
            j -= 1;
        }
        if j > from && DETERMINERS.contains(self.lower[j - 1].as_str()) {
            j - 1
        } else {
            word
        }
    }

    /// The possessor of a noun cue at `noun` (`Trump 's claim`).
    pub(super) fn possessor(&self, noun: usize) -> Option<Cand> {
        if noun < 2 || !is_clitic(&self.lower[noun - 1]) {
            return None;
        }
        self.candidate(noun.saturating_sub(5), noun - 2, true)
    }

    pub(super) fn span_of(&self, c: Cand) -> ByteRange {
        match c {
            Cand::Entity(e) => self.entity(e).bytes,
            Cand::Pronoun(i) => ByteRange::new(self.tokens[i].start, self.tokens[i].end),
            Cand::Phrase(s, e) => ByteRange::new(self.tokens[s].start, self.tokens[e].end),
        }
    }


    pub(super) fn token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

}

/// The possessive clitic as its own token.
fn is_clitic(w: &str) -> bool {
    matches!(w, "'s" | "’s")
}

/// Sentence starts outside quotations: a token after `.`/`!`/`?` (not
/// inside a quotation), or the first of a paragraph.
pub(super) fn sentence_starts(text: &str, tokens: &[Token], quoted: &[bool], opening: &[bool]) -> Vec<usize> {
    let mut out = vec![0; tokens.len()];
    let mut cur = 0;
    let mut pending = false;
    for i in 0..tokens.len() {
        let first_char = tokens[i].text(text).chars().next();
        // After a full stop, a capitalised word or an opening quotation
        // mark starts the next sentence.
        // (Only an opening mark: `“Really?” he asked` goes on after the
        // closing one.)
        // (Also right after a quotation that ended its sentence:
        // `“First.” “Second,” she said.`)
        let stop_at = |j: usize| matches!(tokens[j].text(text), "." | "!" | "?");
        let after_closed_sentence = i >= 2 && matches!(tokens[i - 1].text(text), "\"" | "”" | "»") && stop_at(i - 2);
        let opens_quote = opening[i] && matches!(first_char, Some('"' | '“' | '„' | '«' | '‘')) && (i == 0 || !quoted[i - 1] || stop_at(i - 1) || after_closed_sentence);
        if tokens[i].para_start || (pending && ((!quoted[i] && first_char.is_some_and(char::is_uppercase)) || opens_quote)) {
            cur = i;
            pending = false;
        }
        // A lower-case word after the stop continues the sentence
        // (“Great!” beamed Donald Hartley).
        if pending && !quoted[i] && first_char.is_some_and(char::is_lowercase) {
            pending = false;
        }
        out[i] = cur;
        let t = tokens[i].text(text);
        if !quoted[i] && matches!(t, "." | "!" | "?") {
            pending = true;
        }
        // “… a liar.” However, he …: a quotation ending its sentence ends
        // the sentence around it too.
        if quoted[i] && matches!(t, "." | "!" | "?") && tokens.get(i + 1).is_some_and(|n| matches!(n.text(text), "\"" | "”" | "»")) {
            pending = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Cand;
    use crate::analysis::quotes::with_doc;

    /// The phrase each subject reader finds at the first word of `at`, as
    /// written (`None` when it finds none).
    fn phrase_at(text: &str, at: &str, forward: bool) -> Option<String> {
        with_doc(text, |doc, _| {
            let i = doc.token_at_or_after(text.find(at).expect("the words are in the text"));
            let found = if forward { doc.immediate_subject_forward(i, doc.tokens.len()) } else { doc.role_phrase_at(i, doc.tokens.len()) };
            found.map(|c: Cand| {
                let s = doc.span_of(c);
                text[s.start..s.end].to_string()
            })
        })
    }

    /// A mark right before the cue ends a parenthesis; it heads no noun
    /// phrase to climb from (`A spokesman` was taken before).
    #[test]
    fn a_mark_before_the_cue_is_no_subject() {
        with_doc("in brief\nA spokesman for the committee - said so.", |doc, _| {
            let k = (0..doc.tokens.len()).find(|&i| doc.lower[i] == "said").expect("the cue");
            assert_eq!(doc.immediate_subject(doc.sentence_start[k], k), None);
        });
    }

    /// `(text, where the phrase opens, read forward?, phrase found)`:
    /// a phrase ends where an article opens the next one or a cue begins
    /// the clause, whatever person noun lies beyond.
    #[test]
    fn subject_phrases_end_at_the_next_article_or_a_cue() {
        let cases: &[(&str, &str, bool, Option<&str>)] = &[
            ("in brief\nThe new spokesman said so on Monday.", "The new", false, Some("The new spokesman")),
            // `taste` names no one; `the Mexican audience` is another phrase.
            ("in brief\nThe first taste the Mexican audience gets of it is a bill.", "The first", false, None),
            ("in brief\n“Go,” said the angry crowd.", "the angry", true, Some("the angry crowd")),
            // `Several` alone is no phrase here; the cue ends it.
            ("in brief\nSeveral said they would go.", "Several", true, None),
            // A partitive opens at its quantity (nothing was found at `one`).
            ("in brief\n“Go,” said one of those advisers, who spoke on condition of anonymity.", "one of", true, Some("one of those advisers")),
            ("in brief\n“Go,” said many of the protesters.", "many of", true, Some("many of the protesters")),
            // After its cue a plural in `-s` is the head, not a verb (the
            // phrase stopped before `witnesses` and `analysts`, and so
            // was none); before a verb it is not (`the document states`).
            ("in brief\n“Go,” said one of two witnesses who saw it.", "one of", true, Some("one of two witnesses")),
            ("in brief\n“Go,” said several analysts.", "several", true, Some("several analysts")),
            ("in brief\n“Go,” the document states, in bold.", "the document", true, Some("the document")),
            ("in brief\n“Go,” she repeated several times.", "several", true, None),
            // A writer's inverted `said I` (none before).
            ("in brief\n“Very good,” said I, in a quiet tone.", "I,", true, Some("I")),
        ];
        for &(text, at, forward, want) in cases {
            assert_eq!(phrase_at(text, at, forward).as_deref(), want, "{text}");
        }
    }

    /// `(paragraph, the first word after its dateline)`: with an agency,
    /// or without one when the place is in capitals; a name and a dash
    /// are no dateline.
    #[test]
    fn datelines_are_read_past() {
        let cases: &[(&str, &str)] = &[
            ("in brief\nKYIV, Ukraine (Reuters) - The embassy moved.", "The embassy"),
            ("in brief\nPORTLAND, Ore. - Peter Santilli was named.", "Peter Santilli"),
            ("in brief\nWASHINGTON — Officials met.", "Officials"),
            ("in brief\nPeter Santilli - a host - was named.", "Peter Santilli"),
            ("in brief\nPORTLAND police said - at last - it was over.", "PORTLAND"),
        ];
        for &(text, want) in cases {
            let got = with_doc(text, |doc, _| {
                let s = doc.token_at_or_after(text.find('\n').expect("a paragraph") + 1);
                let i = doc.after_dateline(s, doc.tokens.len());
                text[doc.tokens[i].start..].to_string()
            });
            assert!(got.starts_with(want), "{text}: {got}");
        }
    }

    /// `(text, does the first `who`'s clause hold the first quotation?)`.
    #[test]
    fn who_clause_table() {
        let cases = [
            ("Beck, who has described Trump as “a sociopath” before, spoke.", true),
            ("Beck, who has long said that “nobody listens” to him, spoke.", true),
            ("Small, who attended the rally, said that “Trump bagged millions.”", false),
            ("Ann Lee — who ran in 2016 — said “we will win.”", false),
            ("“We will win,” said Ann Lee, who ran in 2016.", false),
        ];
        for (text, holds) in cases {
            let found = with_doc(text, |doc, marked| {
                let w = doc.lower.iter().position(|x| x == "who").expect("a who");
                doc.who_clause_holds(w, marked[0].open)
            });
            assert_eq!(found, holds, "{text}");
        }
    }
}
