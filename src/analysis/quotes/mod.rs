//! Direct quotations and who said them.
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

use super::gazetteer::{self, Kinds};
use super::words::WordSet;
use super::token::{Kind, Token};
use super::{Entity, EntityType, Group};
use crate::text::ByteRange;

/// A quotation found by the mark scanner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    /// Byte of the opening mark.
    pub open: usize,
    /// Byte after the closing mark (or the paragraph's end).
    pub close: usize,
    /// The text between the marks.
    pub inner: ByteRange,
    /// Single marks.
    pub single: bool,
    /// No closing mark in this paragraph: continues in the next.
    pub continues: bool,
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Finds quotations in `text`.
pub fn find_marked(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for para in text.split('\n') {
        scan_paragraph(text, para_start, para, &mut out);
        para_start += para.len() + 1;
    }
    // An unclosed quotation continues only if the next paragraph opens with
    // a mark; otherwise it was a stray mark.
    let mut keep = vec![true; out.len()];
    for (k, q) in out.iter().enumerate() {
        if q.continues {
            let next_para = text[q.close..].trim_start_matches('\n');
            let next_opens = next_para.starts_with(['"', '“', '\'', '‘']);
            let long_enough = text[q.inner.start..q.inner.end].split_whitespace().count() >= 3;
            keep[k] = next_opens || long_enough;
        }
    }
    out.into_iter().zip(keep).filter_map(|(q, k)| k.then_some(q)).collect()
}

fn scan_paragraph(text: &str, base: usize, para: &str, out: &mut Vec<Marked>) {
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut open_double: Option<usize> = None; // index into chars
    let mut open_single: Option<usize> = None;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| base + chars.get(k).map_or(para.len(), |&(b, _)| b);
    let push = |out: &mut Vec<Marked>, o: usize, c: usize, single: bool, continues: bool| {
        let start = byte(o) + chars[o].1.len_utf8();
        let end = if continues { base + para.trim_end().len() } else { byte(c) };
        if end <= start {
            return;
        }
        let inner = &text[start..end];
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        if inner.trim().is_empty() {
            return;
        }
        let close = if continues { base + para.len() } else { byte(c) + chars[c].1.len_utf8() };
        out.push(Marked { open: byte(o), close, inner: ByteRange::new(start + lead, end - trail), single, continues });
    };
    for (k, &(_, c)) in chars.iter().enumerate() {
        let prev = if k == 0 { None } else { at(k - 1) };
        let next = at(k + 1);
        match c {
            '“' if open_double.is_none() => {
                open_double = Some(k);
                open_single = None;
            }
            '”' => {
                if let Some(o) = open_double.take() {
                    push(out, o, k, false, false);
                }
            }
            '"' => match open_double {
                Some(o) => {
                    // Writers mix marks (“no evidence"): any double mark
                    // closes an open quotation.
                    push(out, o, k, false, false);
                    open_double = None;
                }
                None => {
                    let opens = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(|p| !is_letter(Some(p)) || p == '(');
                    if opens {
                        open_double = Some(k);
                        open_single = None;
                    }
                }
            },
            '‘' if open_double.is_none() && open_single.is_none() && next.is_some_and(|n| !n.is_whitespace()) => {
                open_single = Some(k);
            }
            '’' | '\'' if open_double.is_none() => {
                let apostrophe = is_letter(prev) && is_letter(next);
                match open_single {
                    Some(o) if !apostrophe && prev.is_some_and(|p| !p.is_whitespace()) => {
                        push(out, o, k, true, false);
                        open_single = None;
                    }
                    None if c == '\'' && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'))
                        && next.is_some_and(char::is_alphabetic) =>
                    {
                        open_single = Some(k);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open_double {
        push(out, o, chars.len(), false, true);
    }
}

/// Words that introduce speech.
static CUES: WordSet = WordSet::new(&[
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding", "stated", "asked",
    "asks", "asking", "wrote", "writes", "writing", "tweeted", "tweets", "tweeting", "posted", "explained", "explains", "noted",
    "notes", "declared", "insisted", "insists", "argued", "argues", "claimed", "claims", "warned", "warns", "continued",
    "continues", "replied", "responded", "announced", "acknowledged", "admitted", "recalled", "suggested", "concluded",
    "predicted", "contended", "charged", "complained", "exclaimed", "joked", "quipped", "shouted", "yelled", "urged", "remarked",
    "observed", "read", "reads", "mentioned", "described", "called", "calls", "wondered", "conceded", "vowed", "promised",
    "pledged", "boasted", "cautioned", "countered", "agreed", "testified", "emphasized", "emphasised", "stressed", "maintained",
    "asserted", "alleged", "demanded", "chimed", "lamented", "mused", "answered", "opined", "repeated", "reiterated", "retorted",
    "screamed", "whispered", "thundered", "disclosed", "revealed", "confirmed", "denied", "blasted", "slammed", "praised",
    "criticized", "criticised", "accused", "cited", "citing", "referred", "wrote", "pointed", "describing", "calling", "stating",
    "noting", "warning", "arguing", "insisting", "explaining", "announcing", "recalling", "declaring", "adds", "reports",
    "reported", "sings", "sang", "claiming", "promising", "promises", "ruled", "typed", "chanted", "chanting", "questioned",
    "questioning", "quoted", "offered", "pleaded", "recounted", "echoed", "texted", "emailed", "boasts", "accusing", "describes",
    "tweet", "predicts", "wonders", "concedes", "acknowledges", "admits", "recalls", "suggests", "vows", "urges", "writes",
    "testifies", "jokes", "complains", "counters", "responds", "replies", "asserts", "maintains", "stresses", "emphasizes",
    // Present plural ("“…,” they conclude").
    "conclude", "argue", "insist", "explain", "contend", "write", "admit", "acknowledge", "predict", "warn",
    "proclaimed", "proclaims", "declares", "exclaims", "announces", "recounts", "muses", "cautions", "scoffed", "sniped",
]);

/// Nouns that introduce a quotation when owned by its speaker
/// ("Trump's claim that there were “thousands of shootings”").
static NOUN_CUES: WordSet = WordSet::new(&[
    "claim", "claims", "statement", "statements", "remarks", "comments", "comment", "words", "promise", "pledge", "vow",
    "warning", "assertion", "argument", "tweet", "message", "description", "characterization", "accusation", "insistence",
]);

/// Words skipped between a subject and its cue ("Price on Monday said",
/// "a doctor had typed").
static AUX: WordSet = WordSet::new(&[
    "had", "has", "have", "was", "were", "is", "are", "also", "then", "later", "once", "again", "previously", "just", "recently",
    "had", "would", "will", "did", "does", "do", "has", "never", "still", "further", "publicly", "repeatedly", "simply", "flatly",
]);

/// Words that cannot head a noun phrase speaker.
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as", "that", "which", "who", "when", "while",
    "if", "than", "then", "so", "because", "about", "into", "over", "after", "before", "during", "not", "no", "also", "very",
    "more", "most", "only", "even", "just", "there", "here", "what", "how", "why", "where", "this", "these", "those", "all",
]);

/// Capitalised words that start clauses rather than name anyone.
static CLAUSE_WORDS: WordSet = WordSet::new(&[
    "but", "and", "in", "on", "at", "as", "when", "after", "before", "if", "while", "so", "yet", "for", "with", "from",
    "meanwhile", "still", "however", "speaking", "asked", "following", "though", "although", "because", "since", "unless",
    "until", "whether", "where", "what", "who", "why", "how", "then", "there", "here", "this", "that", "these", "those", "now",
    "today", "also", "even", "instead", "thus", "indeed", "perhaps", "maybe", "according", "during", "despite", "among",
    "asked", "told", "said", "later", "earlier", "last", "next", "partial", "read", "watch", "click", "related", "update",
]);

/// Weekday and month names: never a speaker.
static CALENDAR: WordSet = WordSet::new(&[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "i",
]);

/// Nouns for things that "say" on behalf of their author.
static DOC_NOUNS: WordSet = WordSet::new(&[
    "statement", "release", "report", "letter", "memo", "tweet", "post", "message", "announcement", "communique", "note", "email",
    "ad", "advert", "video", "filing", "document", "readout", "transcript",
]);

/// Heads of role noun phrases that can be speakers ("the mayor said").
static ROLE_NOUNS: WordSet = WordSet::new(&[
    "mayor", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources", "president", "minister",
    "secretary", "senator", "governor", "police", "ministry", "department", "agency", "campaign", "candidate", "lawyer",
    "attorney", "professor", "expert", "analyst", "aide", "adviser", "advisor", "narrator", "report", "statement", "chairman",
    "director", "leader", "ambassador", "embassy", "government", "administration", "white", "house", "office", "committee",
    "spokesmen", "officer", "chief", "nominee", "party", "group", "company", "firm", "judge", "court", "witness", "author",
    "host", "anchor", "reporter", "editor", "board", "council", "team", "manager", "coach", "doctor", "diplomat", "diplomats",
    "newspaper", "paper", "magazine", "network", "outlet", "poll", "survey", "study", "website", "editorial", "article",
    "book", "complaint", "lawsuit", "indictment", "resolution", "platform", "union", "organization", "organisation",
]);

/// A noun for a person or a body that speaks: a role noun, or a
/// person-forming suffix ("businessman", "neurosurgeon", "strategist").
fn is_person_noun(w: &str) -> bool {
    ROLE_NOUNS.contains(w)
        || (w.len() > 4
            && ["man", "men", "woman", "women", "ist", "ists", "eon", "ian", "ians", "ant", "ants", "ent", "ents", "er", "ers", "or", "ors", "ee", "ees", "ive", "ives"]
                .iter()
                .any(|suf| w.ends_with(suf)))
}

static PRONOUNS: WordSet = WordSet::new(&["he", "she", "they", "i", "we", "it", "you"]);
static DETERMINERS: WordSet = WordSet::new(&["the", "a", "an", "one", "his", "her", "their", "its", "this", "that", "another", "our", "my", "two", "some", "several"]);

/// A speaker candidate: a byte range and what it is.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Cand {
    Entity(usize),
    Pronoun(usize),
    Phrase(usize, usize),
}

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

struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lower: &'a [String],
    /// Token is inside a quotation.
    quoted: Vec<bool>,
    /// Entity index covering each token, if any.
    entity_cover: Vec<Option<usize>>,
    entities: &'a [Entity],
    groups: &'a [Group],
    /// First token of a sentence, by token: sentence boundaries outside quotes.
    sentence_start: Vec<usize>,
    /// Words that occur in lower case somewhere in the text: capitalised
    /// at a sentence start, they are ordinary words, not names.
    lower_seen: std::collections::HashSet<String, super::words::FxBuild>,
}

impl<'a> Doc<'a> {
    fn is_cue(&self, i: usize) -> bool {
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
    fn is_verb_like(&self, i: usize) -> bool {
        let w = self.lower[i].as_str();
        !self.quoted[i]
            && self.tokens[i].kind == Kind::Word
            && self.tokens[i].text(self.text).chars().next().is_some_and(char::is_lowercase)
            && w.len() > 3
            && (w.ends_with("ed") || w.ends_with("es") || w.ends_with("ts") || w.ends_with("ds") || w.ends_with("ks") || matches!(w, "told" | "wrote" | "spoke" | "shot" | "sang" | "went" | "gave" | "made" | "took" | "came"))
            && !FUNCTION_WORDS.contains(w)
    }

    /// A cue whose object is the listener, not the speaker ("told AFP",
    /// "asking Trump").
    fn takes_listener(&self, k: usize) -> bool {
        matches!(self.lower[k].as_str(), "told" | "tells" | "tell" | "telling" | "asked" | "asks" | "asking" | "urged" | "urges" | "warned" | "warns" | "accused" | "accusing" | "called" | "calling" | "praised" | "blasted" | "slammed" | "criticized" | "criticised" | "quoted" | "emailed" | "texted")
    }

    fn is_participle(&self, i: usize) -> bool {
        self.lower[i].ends_with("ing")
    }

    /// A capitalised run of words at token `i` (not an entity of another
    /// kind, not a calendar word): a name the tagger did not mark.
    fn cap_run(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.kind == Kind::Word
            && t.text(self.text).chars().next().is_some_and(char::is_uppercase)
            && !CALENDAR.contains(self.lower[i].as_str())
            && !super::names::TITLES.contains(self.lower[i].as_str())
            && self.entity_cover[i].is_none()
            && !DETERMINERS.contains(self.lower[i].as_str())
            && !PRONOUNS.contains(self.lower[i].as_str())
            && !CLAUSE_WORDS.contains(self.lower[i].as_str())
            // "Preceded at the lectern by…": an opening verb form;
            // "Good information…": an ordinary word opening a sentence.
            && !(t.sent_start && (self.lower[i].ends_with("ed") || self.lower[i].ends_with("ing") || self.lower_seen.contains(&self.lower[i])))
            // "Instead, he…", "Typically, he…": an opener set off by a comma.
            && !(t.sent_start && self.lower.get(i + 1).is_some_and(|w| w == ","))
            // "HIGHER THAN EXPECTED TURNOUT": a headline in capitals (a run
            // of words in capitals, unlike an acronym such as "FEMA").
            && !(self.all_caps(i) && (self.all_caps(i + 1) || (i > 0 && self.all_caps(i - 1))))
            && self.lower[i].chars().count() >= 2
    }

    /// Token `i` is a word of two or more letters, all in capitals.
    fn all_caps(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == Kind::Word && t.end - t.start >= 2 && t.text(self.text).chars().all(|c| !c.is_lowercase()))
    }

    /// The subject written right before the cue at `k` (skipping auxiliaries,
    /// adverbs and commas), if it is a name, pronoun or unmarked name.
    fn immediate_subject(&self, from: usize, k: usize) -> Option<Cand> {
        let mut i = k;
        while i > from {
            i -= 1;
            let w = self.lower[i].as_str();
            if AUX.contains(w) || (w.ends_with("ly") && w.len() > 4) {
                continue;
            }
            if self.quoted[i] {
                return None;
            }
            if let Some(e) = self.entity_cover[i] {
                // Right before the verb any name is the subject ("Moscow
                // said", or a person the tagger typed wrongly).
                let name = matches!(self.entities[e].kind, EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Misc);
                return name.then_some(Cand::Entity(e));
            }
            if PRONOUNS.contains(w) && w != "i" && w != "you" && w != "it" {
                return Some(Cand::Pronoun(i));
            }
            if self.cap_run(i) {
                let mut s = i;
                while s > from && self.cap_run(s - 1) {
                    s -= 1;
                }
                return Some(Cand::Phrase(s, i));
            }
            // "the Vermont senator acknowledged": a role noun phrase.
            if self.tokens[i].kind == Kind::Word && is_person_noun(w) && !FUNCTION_WORDS.contains(w) && self.tokens[i].text(self.text).chars().next().is_some_and(char::is_lowercase) {
                let det = (i.saturating_sub(4).max(from)..i).rev().take_while(|&j| self.tokens[j].kind == Kind::Word && !self.quoted[j] && !FUNCTION_WORDS.contains(self.lower[j].as_str())).find(|&j| DETERMINERS.contains(self.lower[j].as_str()));
                return det.map(|d| Cand::Phrase(d, i));
            }
            return None;
        }
        None
    }

    /// A subject starting exactly at token `i`: a name, pronoun or short
    /// determiner noun phrase.
    fn immediate_subject_forward(&self, i: usize, end: usize) -> Option<Cand> {
        if i >= end || i >= self.tokens.len() || self.quoted[i] {
            return None;
        }
        // "tweeted Prince Alwaleed", "said Sen. Bob Casey": past the titles.
        let mut i = i;
        while i + 1 < end && self.entity_cover[i].is_none() && super::names::TITLES.contains(self.lower[i].as_str()) && self.tokens[i].text(self.text).chars().next().is_some_and(char::is_uppercase) {
            i += 1;
        }
        let w = self.lower[i].as_str();
        if let Some(e) = self.entity_cover[i] {
            let name = matches!(self.entities[e].kind, EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Misc);
            return (name && self.token_at_or_after(self.entities[e].bytes.start) == i).then_some(Cand::Entity(e));
        }
        if matches!(w, "he" | "she" | "they") {
            return Some(Cand::Pronoun(i));
        }
        if self.cap_run(i) {
            let mut e = i;
            while e + 1 < end && self.cap_run(e + 1) {
                e += 1;
            }
            return Some(Cand::Phrase(i, e));
        }
        if DETERMINERS.contains(w) {
            let mut e = i;
            // "the 46-year-old": numbers and hyphens inside the phrase.
            let inside = |t: usize| matches!(self.tokens[t].kind, Kind::Word | Kind::Number) || (self.lower[t] == "-" && t + 1 < end);
            while e + 1 < end && e < i + 7 && inside(e + 1) && !self.is_verb_like(e + 1) && !self.quoted[e + 1] && !FUNCTION_WORDS.contains(self.lower[e + 1].as_str()) {
                e += 1;
            }
            return (e > i).then_some(Cand::Phrase(i, e));
        }
        None
    }

    /// First and last token of a candidate.
    fn cand_tokens(&self, c: Cand) -> (usize, usize) {
        match c {
            Cand::Entity(e) => {
                let b = self.entities[e].bytes;
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
    fn first_subject(&self, s_start: usize, k: usize, pronouns: bool) -> Option<Cand> {
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
                    if self.entities[e].kind == EntityType::Person {
                        return Some(Cand::Entity(e));
                    }
                } else if self.cap_run(i) {
                    let mut e = i;
                    while e + 1 < k && self.cap_run(e + 1) {
                        e += 1;
                    }
                    // "Democrat Ann Lee has…": a capitalised word right
                    // before a person's name describes that person.
                    if let Some(p) = self.entity_cover.get(e + 1).copied().flatten().filter(|&p| self.entities[p].kind == EntityType::Person && e + 1 < k) {
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
    /// ("WASHINGTON, Dec. 8 (UPI) — …", "Washington (AFP) – …"): the
    /// place there is not the sentence's subject.
    fn after_dateline(&self, s: usize, k: usize) -> usize {
        if s >= self.tokens.len() || !self.tokens[s].para_start {
            return s;
        }
        let limit = (s + 12).min(k);
        for j in s..limit {
            if self.lower[j] == ")" && j + 2 < self.tokens.len() && matches!(self.lower[j + 1].as_str(), "—" | "–" | "-" | "--") {
                return if (s..j).any(|x| self.lower[x] == "(") { j + 2 } else { s };
            }
        }
        s
    }

    /// A role noun phrase opening a sentence at `i` ("The retired
    /// neurosurgeon has…", "The Democratic presidential candidate
    /// blasted…"): a determiner, up to four modifiers, and a head noun for
    /// a person or a body, right before the verb.
    fn role_phrase_at(&self, i: usize, k: usize) -> Option<Cand> {
        if i + 1 >= k || !matches!(self.lower[i].as_str(), "the" | "a" | "an") || self.quoted[i] {
            return None;
        }
        let mut j = i + 1;
        while j < k && j <= i + 5 {
            let w = self.lower[j].as_str();
            if self.quoted[j] || self.tokens[j].kind != Kind::Word || FUNCTION_WORDS.contains(w) || AUX.contains(w) || self.is_cue(j) {
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
    fn is_verb_form(&self, j: usize) -> bool {
        let w = self.lower[j].as_str();
        let inflected = w.ends_with("ed") || w.ends_with('s') || matches!(w, "began" | "told" | "wrote" | "spoke" | "made" | "took" | "gave" | "went" | "came" | "sent" | "put" | "said");
        let next = self.lower.get(j + 1).map(String::as_str).unwrap_or("");
        let next_cap = self.tokens.get(j + 1).is_some_and(|t| t.text(self.text).chars().next().is_some_and(char::is_uppercase));
        inflected && (DETERMINERS.contains(next) || FUNCTION_WORDS.contains(next) || PRONOUNS.contains(next) || next_cap || self.quoted.get(j + 1).copied().unwrap_or(false))
    }

    fn is_clause_break(&self, i: usize) -> bool {
        matches!(self.lower[i].as_str(), ";" | "\"" | "“" | "”" | ":") || self.quoted[i]
    }

    fn entity_is_speaker(&self, e: usize) -> bool {
        matches!(self.entities[e].kind, EntityType::Person | EntityType::Org)
    }

    /// The best speaker candidate in tokens `from..=to`, scanning from the
    /// end (`backward`) or the start. Persons come first, then
    /// organisations and unmarked capitalised names, pronouns, and noun
    /// phrases; among equals the nearest to the scan's start wins.
    fn candidate(&self, from: usize, to: usize, backward: bool) -> Option<Cand> {
        if from > to || to >= self.tokens.len() {
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
            let rel = (from + 1..to).rev().take(20).take_while(|&j| self.lower[j] != "," || opens_clause(j)).find(|&j| opens_clause(j));
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
                    consider(if self.entities[e].kind == EntityType::Person { 0 } else { 1 }, Cand::Entity(e));
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
                let mut s = i;
                let mut k = i;
                let mut found_det = false;
                while k > from && i - k < 5 {
                    k -= 1;
                    if self.quoted[k] || self.tokens[k].kind != Kind::Word || self.is_cue(k) {
                        break;
                    }
                    let wk = self.lower[k].as_str();
                    if DETERMINERS.contains(wk) || wk.ends_with("'s") || wk.ends_with("’s") {
                        s = k;
                        found_det = true;
                        break;
                    }
                }
                // "'s" is its own token: "the ad 's narrator".
                if !found_det && i >= 2 && matches!(self.lower[i - 1].as_str(), "'s" | "’s") {
                    s = i - 2;
                    found_det = true;
                }
                if found_det && (ROLE_NOUNS.contains(w) || DOC_NOUNS.contains(w) || backward) {
                    consider(3, Cand::Phrase(s, i));
                    seen_phrase = true;
                }
            }
        }
        best.map(|(_, c)| c)
    }

    /// The possessor of a noun cue at `noun` (`Trump 's claim`).
    fn possessor(&self, noun: usize) -> Option<Cand> {
        if noun < 2 || !matches!(self.lower[noun - 1].as_str(), "'s" | "’s") {
            return None;
        }
        self.candidate(noun.saturating_sub(5), noun - 2, true)
    }

    fn span_of(&self, c: Cand) -> ByteRange {
        match c {
            Cand::Entity(e) => self.entities[e].bytes,
            Cand::Pronoun(i) => ByteRange::new(self.tokens[i].start, self.tokens[i].end),
            Cand::Phrase(s, e) => ByteRange::new(self.tokens[s].start, self.tokens[e].end),
        }
    }


    fn token_at_or_after(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    /// What the gazetteer knows of the first word of person `e`'s name
    /// (its group's canonical name when it has one): first name, gender.
    fn first_name_kinds(&self, e: usize) -> Kinds {
        let ent = &self.entities[e];
        let first = ent.group.map(|g| self.groups[g].canonical.as_str()).unwrap_or(&ent.text).split(' ').next().unwrap_or("");
        gazetteer::lookup(first).map(|x| x.kinds).unwrap_or_default()
    }

    /// A pronoun with no person before it in its own sentence (outside
    /// quotations) continues the subject of the sentence before: "Xi later
    /// addressed business leaders, including Tesla's Elon Musk. “…,” he
    /// said." The subject must be a person of a matching gender.
    fn previous_subject(&self, i: usize, want: Option<u8>) -> Option<usize> {
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
    fn resolve_pronoun(&self, i: usize) -> Option<usize> {
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
    fn resolve_document(&self, noun: &str, i: usize) -> Option<usize> {
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

    fn attribution(&self, c: Cand, cue: Option<usize>) -> Attribution {
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

/// Sentence starts outside quotations: a token after `.`/`!`/`?` (not
/// inside a quotation), or the first of a paragraph.
fn sentence_starts(text: &str, tokens: &[Token], quoted: &[bool], opening: &[bool]) -> Vec<usize> {
    let mut out = vec![0; tokens.len()];
    let mut cur = 0;
    let mut pending = false;
    for i in 0..tokens.len() {
        let first_char = tokens[i].text(text).chars().next();
        // After a full stop, a capitalised word or an opening quotation
        // mark starts the next sentence.
        // (Only an opening mark: `“Really?” he asked` goes on after the
        // closing one.)
        let opens_quote = opening[i] && matches!(first_char, Some('"' | '“' | '‘')) && (i == 0 || !quoted[i - 1] || matches!(tokens[i - 1].text(text), "." | "!" | "?"));
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
        if quoted[i] && matches!(t, "." | "!" | "?") && tokens.get(i + 1).is_some_and(|n| matches!(n.text(text), "\"" | "”")) {
            pending = true;
        }
    }
    out
}

/// Finds the speaker of each quotation in `marked`.
pub fn attribute(text: &str, tokens: &[Token], lower: &[String], marked: &[Marked], entities: &[Entity], groups: &[Group]) -> Vec<Option<Attribution>> {
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
        let first = tokens.partition_point(|t| t.start < ent.bytes.start);
        let mut k = first;
        while k < tokens.len() && tokens[k].end <= ent.bytes.end {
            entity_cover[k] = Some(e);
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
    let doc = Doc { text, tokens, lower, quoted, entity_cover, entities, groups, sentence_start, lower_seen };

    let mut out: Vec<Option<Attribution>> = Vec::with_capacity(marked.len());
    for (qi, q) in marked.iter().enumerate() {
        let words = text[q.inner.start..q.inner.end].split_whitespace().count();
        if q.single && words <= 3 {
            out.push(None); // a scare quote
            continue;
        }
        let open_tok = doc.token_at_or_after(q.open);
        let close_tok = doc.token_at_or_after(q.close); // first token after the quotation
        let s_start = if open_tok < tokens.len() { doc.sentence_start[open_tok] } else { tokens.len() };
        // Frame end: the sentence end after the quotation.
        let mut s_end = close_tok;
        while s_end < tokens.len() && !tokens[s_end].para_start && (doc.quoted[s_end] || doc.sentence_start[s_end] == s_start || s_end == close_tok) {
            if !doc.quoted[s_end] && matches!(tokens[s_end].text(text), "." | "!" | "?") {
                break;
            }
            s_end += 1;
        }
        let s_end = s_end.min(tokens.len());
        let mut found: Option<Attribution> = None;

        // 1a. "…" ― Name: an attribution line after the quotation.
        if close_tok < tokens.len() && matches!(tokens[close_tok].text(text), "―" | "—" | "–" | "-" | "--") && !tokens[close_tok].para_start {
            let end = (close_tok + 8).min(tokens.len() - 1);
            let mut stop = close_tok + 1;
            while stop <= end && !tokens[stop].para_start && !doc.quoted[stop] && !matches!(tokens[stop].text(text), "." | "|" | "―" | "—") {
                stop += 1;
            }
            if stop > close_tok + 1 {
                if let Some(c) = doc.candidate(close_tok + 1, stop - 1, false) {
                    found = Some(doc.attribution(c, None));
                }
            }
        }
        // 1. "…," X said  /  "…," said X  (cue within 12 tokens after).
        // 1b. "…," Name verbed / "…," verbed Name: an adjacent verb of any kind.
        if found.is_none() && close_tok < s_end {
            let after_comma = close_tok + usize::from(doc.lower.get(close_tok).is_some_and(|w| w == ","));
            if let Some(c) = doc.immediate_subject_forward(after_comma, s_end) {
                let (_, end) = doc.cand_tokens(c);
                if end + 1 < tokens.len() && doc.is_verb_like(end + 1) && !doc.is_cue(end + 1) {
                    found = Some(doc.attribution(c, Some(end + 1)));
                }
            } else if after_comma < s_end && doc.is_verb_like(after_comma) && !doc.is_cue(after_comma) {
                if let Some(c) = doc.immediate_subject_forward(after_comma + 1, s_end) {
                    found = Some(doc.attribution(c, Some(after_comma)));
                }
            }
            // A cue further on is the better evidence.
            if found.is_some() && (close_tok..(close_tok + 8).min(s_end)).any(|k| doc.is_cue(k)) {
                found = None;
            }
        }
        let mut k = close_tok;
        while found.is_none() && k < s_end && k < close_tok + 30 {
            if doc.is_cue(k) {
                // "“…” that Sanders can catch Clinton, said Steve Elmendorf":
                // a comma, the cue and a name close the sentence, however
                // long the clause between.
                let forward = doc.immediate_subject_forward(k + 1, s_end);
                let inverted = k > close_tok
                    && doc.lower[k - 1] == ","
                    && matches!(forward, Some(Cand::Entity(_) | Cand::Phrase(..)))
                    && doc.tokens.get(k + 1).is_some_and(|t| t.text(text).chars().next().is_some_and(char::is_uppercase));
                // "… “right” when he said": a cue in a subordinate clause
                // after the quotation is not its attribution.
                let subordinate = (close_tok..k).any(|j| matches!(doc.lower[j].as_str(), "when" | "that" | "because" | "after" | "before" | "if" | "since" | "while" | "and" | "but" | "as" | "who" | "which"));
                if !inverted && (subordinate || k >= close_tok + 12) {
                    break;
                }
                let by = doc.lower.get(k + 1).is_some_and(|w| w == "by");
                // "… “New York values,” saying the city…": a participle
                // right after the quotation shares the sentence's subject;
                // what follows it is what was said.
                if doc.is_participle(k) && (close_tok..k).all(|j| doc.lower[j] == ",") {
                    if let Some(c) = doc.first_subject(s_start, open_tok, true) {
                        found = Some(doc.attribution(c, Some(k)));
                    }
                    break;
                }
                // "X said" first, then the inverted "said X" (also after
                // other words: "“…” about the decision, said RoseAnn
                // DeMoro"), then any candidate between.
                let immediate = if k > close_tok && !by { doc.immediate_subject(close_tok, k) } else { None };
                let cand = immediate
                    .or_else(|| forward.filter(|c| (matches!(c, Cand::Entity(_)) && !doc.takes_listener(k)) || k == close_tok))
                    .or_else(|| if k > close_tok && !by { doc.candidate(close_tok, k - 1, true) } else { None })
                    .or(forward)
                    .or_else(|| doc.candidate(k + 1, (k + 6).min(s_end.saturating_sub(1)), false));
                if let Some(c) = cand {
                    found = Some(doc.attribution(c, Some(k)));
                }
                break;
            }
            if doc.quoted[k] {
                break;
            }
            k += 1;
        }
        // 1d. “… missing.” Trump said.  A quotation that ended its own
        //     sentence, followed by a short sentence that is only its
        //     attribution. (A longer sentence there is mostly a new claim
        //     of the same speaker, not this quotation's attribution.)
        let ended_sentence = text[q.inner.start..q.inner.end].trim_end().ends_with(['.', '?', '!']);
        if found.is_none() && ended_sentence && close_tok < tokens.len() && !tokens[close_tok].para_start && !doc.quoted[close_tok] {
            let stop = (close_tok..(close_tok + 9).min(tokens.len())).find(|&j| (tokens[j].para_start && j > close_tok) || doc.quoted[j] || matches!(doc.lower[j].as_str(), "." | "!" | "?"));
            if let Some(stop) = stop.filter(|&j| doc.lower[j] == ".") {
                if let Some(k) = (close_tok..stop).find(|&k| doc.is_cue(k)) {
                    let cand = if k > close_tok { doc.immediate_subject(close_tok, k) } else { None }.or_else(|| doc.immediate_subject_forward(k + 1, stop));
                    if let Some(c) = cand {
                        found = Some(doc.attribution(c, Some(k)));
                    }
                }
            }
        }
        // 2. X said: "…"  (nearest cue before the opening mark).
        let mut k = close_tok;
        if found.is_some() {
            k = s_end;
        }
        let _ = k;
        if found.is_none() && open_tok > s_start {
            let mut k = open_tok;
            let mut unquoted_seen = 0;
            while k > s_start {
                k -= 1;
                if !doc.quoted[k] {
                    unquoted_seen += 1;
                }
                let according = (doc.lower[k] == "according" && doc.lower.get(k + 1).is_some_and(|w| w == "to")) && !doc.quoted[k];
                // "Trump's claim that “…”": only right before the quotation.
                let linked = doc.lower.get(k + 1).is_some_and(|w| matches!(w.as_str(), "that" | "about" | "of" | ":" | "was" | "is")) || k + 1 == open_tok;
                if unquoted_seen <= 8 && linked && !doc.quoted[k] && NOUN_CUES.contains(doc.lower[k].as_str()) {
                    if let Some(c) = doc.possessor(k) {
                        found = Some(doc.attribution(c, Some(k)));
                        break;
                    }
                }
                if doc.is_cue(k) || according {
                    let clause_start = (s_start..k).rev().find(|&j| doc.is_clause_break(j)).map_or(s_start, |j| j + 1);
                    let by = doc.lower.get(k + 1).is_some_and(|w| w == "by");
                    let cand = if according || by {
                        doc.candidate(k + 1 + usize::from(according || by), open_tok.saturating_sub(1), false)
                    } else if doc.is_participle(k) && k > 0 && doc.entity_cover[k - 1].is_some_and(|e| doc.entity_is_speaker(e)) {
                        // "with the American Federation of Teachers calling
                        // her “…”", "and Trump calling it a “great
                        // meeting”": the name right before the participle.
                        doc.entity_cover[k - 1].map(Cand::Entity)
                    } else if doc.is_participle(k) || (k > 0 && matches!(doc.lower[k - 1].as_str(), "and" | "but" | "then")) {
                        // "Blige sings to Clinton before asking her, “…”",
                        // "X outlined … and vowed “…”": the sentence's subject.
                        doc.first_subject(s_start, k, true).or_else(|| doc.candidate(s_start, k.saturating_sub(1), false))
                    } else {
                        doc.immediate_subject(clause_start, k)
                            .or_else(|| doc.candidate(clause_start, k.saturating_sub(1), true).filter(|_| k > clause_start))
                            .or_else(|| doc.candidate(k + 1, open_tok.saturating_sub(1), false))
                    };
                    if let Some(c) = cand {
                        found = Some(doc.attribution(c, Some(k)));
                    }
                    break;
                }
            }
        }
        // 3. A cue anywhere else in the frame.
        if found.is_none() {
            let cue = (s_start..s_end).find(|&k| doc.is_cue(k));
            if let Some(k) = cue {
                let clause_start = (s_start..k).rev().find(|&j| doc.is_clause_break(j)).map_or(s_start, |j| j + 1);
                if let Some(c) = doc.candidate(clause_start, k.saturating_sub(1), true).filter(|_| k > clause_start) {
                    found = Some(doc.attribution(c, Some(k)));
                }
            }
        }
        // 3b. `X said. “…”`: the sentence just before, in this paragraph.
        if found.is_none() && open_tok > 0 && !tokens[open_tok].para_start && doc.lower[open_tok - 1] == "." {
            let dot = open_tok - 1;
            let s0 = if dot > 0 { doc.sentence_start[dot - 1] } else { 0 };
            if let Some(k) = (dot.saturating_sub(4).max(s0)..dot).rev().find(|&k| doc.is_cue(k)) {
                if let Some(c) = doc.immediate_subject(s0, k).or_else(|| doc.candidate(s0, k.saturating_sub(1), true)) {
                    found = Some(doc.attribution(c, Some(k)));
                }
            }
        }
        // 4a. "He said:" ending the previous paragraph introduces this one.
        if found.is_none() && open_tok < tokens.len() && tokens[open_tok].para_start && open_tok > 0 && doc.lower[open_tok - 1] == ":" {
            let colon = open_tok - 1;
            let s0 = doc.sentence_start[colon];
            if let Some(k) = (s0..colon).rev().find(|&k| doc.is_cue(k)) {
                if let Some(c) = doc.candidate(s0, k.saturating_sub(1), true).or_else(|| doc.candidate(k + 1, colon.saturating_sub(1), false)) {
                    found = Some(doc.attribution(c, Some(k)));
                }
            }
        }
        // 4. Continuation of the previous quotation in the paragraph, or of
        //    a quotation the previous paragraph left open.
        if found.is_none() && (!q.single || words > 3) {
            if let Some(prev) = qi.checked_sub(1) {
                let same_para = !text[marked[prev].close..q.open].contains('\n');
                let continued = marked[prev].continues && text[marked[prev].close..q.open].trim().is_empty();
                if same_para || continued {
                    found = out[prev].clone();
                }
            }
        }
        out.push(found);
    }
    // Inline quotations with no cue at all (“admires Putin as a “strong
    // leader””): the sentence's named subject is the source.
    for (qi, q) in marked.iter().enumerate() {
        if out[qi].is_some() || q.single {
            continue;
        }
        let open_tok = doc.token_at_or_after(q.open);
        if open_tok >= tokens.len() || tokens[open_tok].para_start || open_tok == 0 {
            continue;
        }
        let s_start = doc.sentence_start[open_tok];
        if s_start == open_tok {
            continue;
        }
        if let Some(c) = doc.first_subject(s_start, open_tok, true) {
            out[qi] = Some(doc.attribution(c, None));
        }
    }
    // A paragraph that is only a quotation continues the speaker of the
    // quotation ending the paragraph before ("…,” Carson continued. ¶ “Even…”).
    for (qi, q) in marked.iter().enumerate() {
        if out[qi].is_some() || q.single || qi == 0 {
            continue;
        }
        let open_tok = doc.token_at_or_after(q.open);
        if open_tok >= tokens.len() || !tokens[open_tok].para_start {
            continue;
        }
        let para_end = text[q.open..].find('\n').map_or(text.len(), |i| q.open + i);
        let only_quote = text[q.close.min(para_end)..para_end].trim().is_empty();
        let prev = &marked[qi - 1];
        let between = &text[prev.close..q.open];
        let adjacent_paragraph = between.matches('\n').filter(|_| true).count() >= 1 && between.trim().chars().all(|c| c != '"' && c != '“');
        let prev_para_tail = text[prev.close..q.open].split('\n').next().unwrap_or("");
        // The previous quotation ended its paragraph with its attribution.
        let prev_ends_para = prev_para_tail.split_whitespace().count() <= 8;
        if only_quote && adjacent_paragraph && prev_ends_para && !text[prev.close..q.open].trim_matches(|c: char| c == '\n').contains("\n\n\n") {
            let gap_paragraphs = between.split('\n').filter(|p| !p.trim().is_empty()).count();
            if gap_paragraphs <= 1 {
                out[qi] = out[qi - 1].clone();
            }
        }
    }
    // A quotation without attribution before another one in its paragraph
    // that has one (“First.” “Second,” she said.) shares it.
    for qi in (0..marked.len().saturating_sub(1)).rev() {
        if out[qi].is_none() && !marked[qi].single && out[qi + 1].is_some() && !text[marked[qi].close..marked[qi + 1].open].contains('\n') {
            out[qi] = out[qi + 1].clone();
        }
    }
    // A paragraph that is only a quotation, still unattributed: the subject
    // of the paragraph before ("Schoen elaborated … ¶ “A Sanders win…”").
    for (qi, q) in marked.iter().enumerate() {
        if out[qi].is_some() || q.single {
            continue;
        }
        let open_tok = doc.token_at_or_after(q.open);
        if open_tok == 0 || open_tok >= tokens.len() || !tokens[open_tok].para_start {
            continue;
        }
        let para_end = text[q.open..].find('\n').map_or(text.len(), |i| q.open + i);
        if !text[q.close.min(para_end)..para_end].trim().is_empty() {
            continue;
        }
        // The previous paragraph's last sentence.
        let prev_last = open_tok - 1;
        let s0 = doc.sentence_start[prev_last];
        if tokens[s0..=prev_last].iter().any(|t| t.kind == Kind::Word) {
            if let Some(c) = doc.first_subject(s0, prev_last + 1, true) {
                out[qi] = Some(doc.attribution(c, None));
            }
        }
    }
    // A quotation continued into the next paragraph shares its speaker.
    for qi in (0..marked.len().saturating_sub(1)).rev() {
        if out[qi].is_none() && marked[qi].continues && !marked[qi].single {
            out[qi] = out[qi + 1].clone();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<String> {
        find_marked(text).iter().map(|q| text[q.inner.start..q.inner.end].to_string()).collect()
    }

    #[test]
    fn marks_table() {
        let cases: &[(&str, &[&str])] = &[
            ("\"Yes,\" he said.", &["Yes,"]),
            ("“Curly,” she said, “and more.”", &["Curly,", "and more."]),
            ("there was “no evidence\" yet", &["no evidence"]),
            ("Russia's forces and Russia’s army", &[]),
            ("efforts to 'cool down' the crisis", &["cool down"]),
            ("a ‘scare’ quote and the players’ union", &["scare"]),
            ("in the '90s it was 'good' then", &["good"]),
            ("“Unclosed quote runs to the end of the paragraph\n“And continues.”", &["Unclosed quote runs to the end of the paragraph", "And continues."]),
            ("He said \"stray mark\nnext", &[]),
            ("“He called it ‘absurd’ today,” she said.", &["He called it ‘absurd’ today,"]),
        ];
        for (text, want) in cases {
            assert_eq!(inner(text), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{text}");
        }
    }
}
