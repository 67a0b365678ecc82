//! Document-level rules: a name keeps one type through an article, a
//! person's surname alone is that person, so are the last words of their
//! name, and an unmarked surname of theirs is marked too; a company named
//! with its legal form is that company when named without it.

use std::collections::{HashMap, HashSet};

use super::lexicon::{LEGAL_FORMS, PARTY_MEMBERS, PLATFORMS, PRONOUNS, STATE_BODIES};
use super::Doc;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::tagger::{NameSpan, NameType};
use crate::analysis::token::Kind;
use crate::analysis::words::{word_set, FxBuild, WordSet};

const TYPES: [NameType; 4] = [NameType::Person, NameType::Place, NameType::Org, NameType::Misc];

/// Votes per type for each name's text.
fn votes(doc: &Doc, spans: &[NameSpan]) -> HashMap<String, [usize; 4], FxBuild> {
    let mut votes: HashMap<String, [usize; 4], FxBuild> = HashMap::default();
    for s in spans {
        votes.entry(doc.span_text(s).to_string()).or_default()[s.kind as usize] += 1;
    }
    votes
}

/// The type most votes went to, if it has a strict majority.
fn majority(v: &[usize; 4]) -> Option<NameType> {
    let (best, n) = v.iter().enumerate().max_by_key(|&(_, n)| *n).map(|(i, n)| (i, *n))?;
    (n > 0 && n * 2 > v.iter().sum::<usize>()).then_some(TYPES[best])
}

/// The same name gets the type most of its mentions have.
pub fn one_type_per_name(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let votes = votes(doc, &spans);
    for s in &mut spans {
        if let Some(t) = majority(&votes[doc.span_text(s)]) {
            s.kind = t;
        }
    }
    spans
}

/// Last words of the people named in full, lower-cased (a list of
/// nominees writes `ROCHELLE WALENSKY` above the text that says
/// `Walensky`). Not a pronoun: `Carter I` and a headline's `Surprise You`
/// had made every `I` and `You` of their articles a person; nor a social
/// platform (a headline's `Will Twitter …?` had made 35 `Twitter`s people),
/// nor a party's members (`Senate Republicans`).
fn surnames(doc: &Doc, spans: &[NameSpan]) -> HashSet<String, FxBuild> {
    spans
        .iter()
        .filter(|s| s.kind == NameType::Person && s.last > s.first && !doubtful_person(doc, s) && !PLATFORMS.contains(doc.word(s.last)) && !PARTY_MEMBERS.contains(doc.word(s.last)))
        .map(|s| doc.low(s.last))
        .filter(|w| !PRONOUNS.contains(w.as_str()))
        .collect()
}

/// A person's name whose first word is more likely something else:
/// an acronym in a name written in mixed case (`RAO Gazprom`, a legal
/// form), or a sentence's first word that is no listed first name
/// (`Wealthy Parma`), where the tagger took the capital for a name's.
fn doubtful_person(doc: &Doc, s: &NameSpan) -> bool {
    let first = doc.word(s.first);
    let acronym = first.chars().count() > 1 && !first.chars().any(char::is_lowercase) && doc.word(s.last).chars().any(char::is_lowercase);
    let opener = doc.opens_sentence(s.first) && !gazetteer::lookup(first).is_some_and(|e| e.kinds.has(Kinds::FIRST_NAME));
    acronym || opener
}

/// A name that opens with a listed first name and ends with a word the
/// article names alone as a person is that person (`Donald Trump`,
/// typed MISC by the tagger, in an article whose `Trump`s are people):
/// the reverse of [`surnames_are_people`]. The lone word must be a person
/// twice or more and mostly (a club, `Gloria Bistrita`, had its lone
/// `Bistrita` a person once); the first word no place (`Georgia`).
pub fn full_names_of_people(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    // Lone words by their votes: a person at least twice, and more often
    // than anything else.
    let mut votes: HashMap<String, [usize; 4], FxBuild> = HashMap::default();
    for s in spans.iter().filter(|s| s.first == s.last) {
        votes.entry(doc.low(s.first)).or_default()[s.kind as usize] += 1;
    }
    let person = |w: &str| votes.get(w).is_some_and(|v| v[NameType::Person as usize] >= 2 && majority(v) == Some(NameType::Person));
    let first_name = |w: &str| gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::FIRST_NAME) && !e.kinds.has(Kinds::PLACE));
    // Words written apart: not a ticket (`Clinton-Kaine`) nor `Reagan-like`.
    let words_apart = |s: &NameSpan| (s.first..s.last).all(|k| doc.gap_is_space(k, k + 1));
    for s in spans.iter_mut().filter(|s| s.last > s.first && s.kind != NameType::Person) {
        if words_apart(s) && first_name(doc.word(s.first)) && person(&doc.low(s.last)) {
            s.kind = NameType::Person;
        }
    }
    spans
}

/// A lone surname of a person named in full elsewhere is that person
/// ("Trump" after "Donald Trump"), whatever the tagger said; so is one
/// the article twice follows with `his` or `her` ([`owners_of_his`]).
pub fn surnames_are_people(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut surnames = surnames(doc, &spans);
    owners_of_his(doc, &spans, &mut surnames);
    for s in &mut spans {
        if s.first == s.last && s.kind != NameType::Person && surnames.contains(&doc.low(s.first)) {
            s.kind = NameType::Person;
        }
    }
    spans
}

/// Adds to `people` the lone names, lower-cased, that the article twice
/// or more follows with `his` or `her` ([`owns_with_his`]: `Trump
/// launched his bid … Trump laid out his vision`): people, in an article
/// that never writes their first name (the tagger, which knew `Trump`
/// from 1996 as a casino company, had typed 126 of PolNeAR's such
/// `Trump`s ORG). A company owns with `its`, a team with `their`.
fn owners_of_his(doc: &Doc, spans: &[NameSpan], people: &mut HashSet<String, FxBuild>) {
    let mut once: Vec<String> = Vec::new();
    for s in spans.iter().filter(|s| owns_with_his(doc, s)) {
        let word = doc.low(s.first);
        if once.contains(&word) {
            people.insert(word);
        } else {
            once.push(word);
        }
    }
}

/// Span `s` is one of [`owners_of_his`]'s cues: a lone name typed as an
/// organisation, not a preposition's object (`in Nevada on his tour`),
/// no place, people, party, chamber (`the Senate passed his bill`) or
/// acronym, with `his` or `her` after it within [`OWNER_REACH`]
/// lower-case words.
fn owns_with_his(doc: &Doc, s: &NameSpan) -> bool {
    let word = doc.word(s.first);
    if s.first != s.last || s.kind != NameType::Org || !word.chars().any(char::is_lowercase) {
        return false;
    }
    let listed = gazetteer::lookup(word).is_some_and(|e| e.kinds.has(Kinds::PLACE | Kinds::DEMONYM)) || PARTY_MEMBERS.contains(word) || STATE_BODIES.contains(doc.low(s.first).as_str());
    if listed || (s.first > 0 && PREPOSITIONS.contains(doc.word(s.first - 1))) {
        return false;
    }
    for k in s.last + 1..doc.tokens.len().min(s.last + 2 + OWNER_REACH) {
        let next = doc.word(k);
        if next == "his" || next == "her" {
            return true;
        }
        if doc.tokens[k].kind != Kind::Word || !next.chars().all(char::is_lowercase) {
            return false;
        }
    }
    false
}

/// Words before a name that make it their object, not a subject that
/// owns the `his` after it.
static PREPOSITIONS: WordSet = word_set!["in", "at", "on", "to", "from", "of", "for", "by", "with", "into", "near", "over", "against", "across"];

/// How many words may stand between a name and its `his` (`Trump laid
/// out his`).
const OWNER_REACH: usize = 3;

/// The words a name of a person named in full elsewhere ends with, two
/// or more of them, are that person: a name found on its last word alone
/// (`Kyi`, its `Suu` left out, after `Aung San Suu Kyi`; `Obrador` after
/// `Andres Manuel Lopez Obrador`) takes the unmarked capitalised words
/// before it that the full name ends with too.
pub fn name_tails(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    // Every run of last words of a full name, up to [`LONGEST_TAIL`]:
    // `suu kyi` and `san suu kyi` of `Aung San Suu Kyi`, so a look-up is
    // a hash however many people the article names.
    let mut tails: HashSet<String, FxBuild> = HashSet::default();
    for s in spans.iter().filter(|s| s.kind == NameType::Person && s.last > s.first) {
        for first in s.first.max((s.last + 1).saturating_sub(LONGEST_TAIL))..s.last {
            tails.insert((first..=s.last).map(|k| doc.low(k)).collect::<Vec<_>>().join(" "));
        }
    }
    if tails.is_empty() {
        return spans;
    }
    let covered = doc.covered(&spans);
    for s in spans.iter_mut().filter(|s| s.kind == NameType::Person && s.last - s.first + 1 < LONGEST_TAIL) {
        let mut words = (s.first..=s.last).map(|k| doc.low(k)).collect::<Vec<_>>().join(" ");
        while s.first > 0 && s.last - s.first + 1 < LONGEST_TAIL && !covered[s.first - 1] && doc.is_cap(s.first - 1) && doc.gap_is_space(s.first - 1, s.first) {
            words = format!("{} {words}", doc.low(s.first - 1));
            if !tails.contains(&words) {
                break;
            }
            s.first -= 1;
        }
    }
    spans
}

/// The most words of a name's end [`name_tails`] matches: a person's
/// name seldom has more than five words, and a longer run (a tagger's
/// run-on name in a pathological text) must not cost the square of its
/// length.
const LONGEST_TAIL: usize = 4;

/// A capitalised word the tagger left unmarked, alone (not in a run of
/// capitals), that is the surname of a person named in full elsewhere in
/// the article, is that person. Not any one-word name found elsewhere:
/// marked with that name's type by its votes, such words were wrong more
/// often than right on the folds (`Mission`, `AIDS`, `NT` in tables: 11
/// more names wrongly found, none more found right).
pub fn repeats(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    let surnames = surnames(doc, &spans);
    let mut added = Vec::new();
    for i in 0..doc.tokens.len() {
        if covered[i] || !doc.is_cap(i) || !surnames.contains(&doc.low(i)) {
            continue;
        }
        let part_of_run = (i > 0 && doc.is_cap(i - 1) && !covered[i - 1] && doc.gap_is_space(i - 1, i))
            || (i + 1 < doc.tokens.len() && doc.is_cap(i + 1) && doc.gap_is_space(i, i + 1));
        if !part_of_run {
            added.push(NameSpan { first: i, last: i, kind: NameType::Person });
        }
    }
    spans.extend(added);
    spans
}

/// A company named with its legal form (`Cofinec S.A.`, `Trax Petroleums
/// Ltd`) is named further on by the words before the form or by its first
/// word (`Cofinec`, `Trax`): a name that is one of these is that company,
/// whatever the tagger made of it (it had read `Cofinec` as a person, and
/// `Slough` of `Slough Estates Plc` as the town). Not a listed place
/// (`China` of `China Resources Ltd`), nor, for the first word alone, a
/// first name or a nationality (`Philip` of `Philip Morris Cos Inc`).
pub fn company_short_names(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let words = |first: usize, end: usize| (first..end).map(|k| doc.low(k)).collect::<Vec<_>>().join(" ");
    let (mut whole, mut heads): (HashSet<String, FxBuild>, HashSet<String, FxBuild>) = Default::default();
    for s in spans.iter().filter(|s| s.kind == NameType::Org && s.last > s.first && LEGAL_FORMS.contains(doc.word(s.last))) {
        // The words before the first legal form or `&` (`Smith & Nephew Plc`: `Smith`).
        let end = (s.first + 1..=s.last).find(|&k| LEGAL_FORMS.contains(doc.word(k)) || doc.word(k) == "&").unwrap_or(s.last);
        whole.insert(words(s.first, end));
        heads.insert(doc.low(s.first));
    }
    if whole.is_empty() {
        return spans;
    }
    for s in spans.iter_mut().filter(|s| s.kind != NameType::Org) {
        let text = words(s.first, s.last + 1);
        let kinds = gazetteer::lookup(doc.span_text(s)).map_or(0, |e| e.kinds.0);
        let is_whole = whole.contains(&text) && kinds & Kinds::PLACE == 0;
        let is_head = s.first == s.last && heads.contains(&text) && kinds & (Kinds::PLACE | Kinds::FIRST_NAME | Kinds::DEMONYM) == 0;
        if is_whole || is_head {
            s.kind = NameType::Org;
        }
    }
    spans
}
