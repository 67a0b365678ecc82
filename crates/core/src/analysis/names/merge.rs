//! Rules that build names from their neighbours: a place before a
//! geographic noun, a place before an organisation's head, an agreement, a
//! dateline's agency, a schedule's teams and venues, a nationality the tagger missed,
//! the leader before `administration`, an index's or a product's number.

use super::lexicon::{AGREEMENTS, DETERMINERS, EVENT_LAW_HEADS, GEO_HEADS, MEDIA_ORGS, ORG_HEADS, ORG_ROLES, PARTY_MEMBERS, PRONOUNS, STATE_BODIES};
use super::Doc;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::tagger::{NameSpan, NameType};
use crate::analysis::token::Kind;
use crate::analysis::words::{word_set, FxBuild, WordSet};

/// Capitalised words before a lower-case geographic noun are a place ("the
/// Donbas region"): a name the tagger found there becomes a place whole
/// (`Nagorno-Karabakh region`), unless it is an adjective the guidelines
/// mark MISC (`English county`, `Arctic island`, `Azeri territory`).
pub fn geo_heads(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for i in 0..doc.tokens.len().saturating_sub(1) {
        let head = doc.word(i + 1);
        if !(doc.is_cap(i) && GEO_HEADS.contains(head.to_lowercase().as_str()) && head.chars().all(char::is_lowercase) && doc.gap_is_space(i, i + 1)) {
            continue;
        }
        if let Some(s) = spans.iter_mut().find(|s| s.first <= i && i <= s.last) {
            if !(s.kind == NameType::Misc && s.last == i && adjectival(doc.word(i))) {
                s.kind = NameType::Place;
            }
            continue;
        }
        // A sentence's capitalised `The area`, `Both state…` is no name.
        let low = doc.low(i);
        if doc.is_opener(i) || (doc.opens_sentence(i) && (DETERMINERS.contains(low.as_str()) || PRONOUNS.contains(low.as_str()))) {
            continue;
        }
        let mut first = i;
        while first > 0 && doc.is_cap(first - 1) && doc.gap_is_space(first - 1, first) && !doc.tokens[first].sent_start {
            first -= 1;
        }
        spans.retain(|s| s.last < first || s.first > i);
        spans.push(NameSpan { first, last: i, kind: NameType::Place });
    }
    spans
}

/// A nationality or another adjective of a place (`English`, `Azeri`,
/// `Arctic`, `Balkan`): a demonym in the gazetteer, or an adjectival
/// ending.
fn adjectival(word: &str) -> bool {
    let demonym = gazetteer::lookup(word).is_some_and(|e| e.kinds.has(Kinds::DEMONYM));
    demonym || ["ic", "ish", "ian", "ese", "an", "eri"].iter().any(|suf| word.len() > suf.len() + 2 && word.ends_with(suf))
}

/// Place + capitalised organisation head (+ a place written right after
/// it): one organisation ("US Embassy"), when the tagger left the head
/// out; a place or nationality the tagger took a head no place's name
/// ends with ([`STATE_BODIES`]) into is an organisation ("Russian
/// Army"). A nationality the tagger left apart stays apart (`Liberian |
/// Senate`, `Italian | Police`, as CoNLL marks them: on the folds 6 such
/// merges were wrong and 2 right).
pub fn org_heads(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| matches!(s.kind, NameType::Place | NameType::Misc) && s.last > s.first) {
        if doc.word(s.last).chars().any(char::is_lowercase) && STATE_BODIES.contains(doc.low(s.last).as_str()) {
            s.kind = NameType::Org;
        }
    }
    let mut merged: Vec<NameSpan> = Vec::with_capacity(spans.len());
    let mut k = 0;
    while k < spans.len() {
        let s = spans[k];
        let head = s.last + 1;
        // A head in capitals (`SCOTTISH LEAGUE STANDINGS`) is a headline's
        // shouting, not a name's capital.
        let title_case = head < doc.tokens.len() && doc.word(head).chars().any(char::is_lowercase);
        let org_head = title_case && doc.is_cap(head) && ORG_HEADS.contains(doc.low(head).as_str()) && doc.gap_is_space(s.last, head);
        if !(s.kind == NameType::Place && org_head) {
            merged.push(s);
            k += 1;
            continue;
        }
        let mut last = head;
        let mut next = k + 1;
        let owned = spans.get(next).is_some_and(|n| n.first == head || (n.first == head + 1 && n.kind == NameType::Place && doc.gap_is_space(head, head + 1)));
        if owned {
            last = spans[next].last;
            next += 1;
        }
        merged.push(NameSpan { first: s.first, last, kind: NameType::Org });
        k = next;
    }
    merged
}

/// Agreements: "Minsk agreement", "Paris Accords" are one MISC name.
pub fn agreements(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in &mut spans {
        let next = s.last + 1;
        if next < doc.tokens.len() && AGREEMENTS.contains(doc.low(next).as_str()) && doc.gap_is_space(s.last, next) {
            s.last = next;
            s.kind = NameType::Misc;
        }
    }
    spans
}

/// Events and laws: a name of two or more words ending in one of
/// [`EVENT_LAW_HEADS`] is MISC (`Internal Market Bill`, `Kuala Lumpur
/// Summit`, `Davis Cup`), whatever type the tagger gave it.
pub fn events_and_laws(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.last > s.first && EVENT_LAW_HEADS.contains(doc.word(s.last))) {
        s.kind = NameType::Misc;
    }
    spans
}

/// Datelines: "KYIV, Ukraine (JEN):" / "WASHINGTON (Reuters) -": the word in
/// parentheses after a paragraph's opening places names the agency.
pub fn datelines(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    for i in 1..doc.tokens.len().saturating_sub(1) {
        let agency = doc.word(i);
        let in_parens = doc.word(i - 1) == "(" && doc.word(i + 1) == ")";
        let looks_like_agency = (agency.len() >= 2 && agency.chars().all(|c| c.is_ascii_uppercase())) || MEDIA_ORGS.contains(agency);
        if !(in_parens && looks_like_agency) {
            continue;
        }
        let start = (0..i).rev().find(|&k| doc.tokens[k].para_start).unwrap_or(0);
        let mut before = spans.iter().filter(|s| s.first >= start && s.last < i - 1).peekable();
        let only_places = before.peek().is_some()
            && before.all(|s| s.kind == NameType::Place)
            && (start..i - 1).all(|k| covered[k] || matches!(doc.word(k), "," | "-"));
        if only_places {
            spans.retain(|s| !(s.first <= i && i <= s.last));
            spans.push(NameSpan { first: i, last: i, kind: NameType::Org });
        }
    }
    spans
}

/// A name right after a lower-case organisation noun, or described by one
/// in an appositive, is an organisation (`potash miner Belaruskali`, `tech
/// company Blockstack PBC`, `Stone Island , an Italian brand`), whatever
/// the tagger made of an unknown word; document consistency then carries
/// the type to its other mentions. Not a nationality (`mortgage lender
/// Irish Permanent`, the tagger's `Irish` cut from its company, had made
/// every `Irish` of the article an organisation).
pub fn org_roles(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let demonym = |s: &NameSpan| s.first == s.last && gazetteer::lookup(doc.word(s.first)).is_some_and(|e| e.kinds.has(Kinds::DEMONYM));
    let introduced: std::collections::HashSet<String> = spans
        .iter()
        .filter(|s| !demonym(s))
        .filter(|s| (s.first > 0 && ORG_ROLES.contains(doc.word(s.first - 1)) && doc.gap_is_space(s.first - 1, s.first)) || described_after(doc, s))
        .map(|s| doc.span_text(s).to_string())
        .collect();
    for s in &mut spans {
        if introduced.contains(doc.span_text(s)) {
            s.kind = NameType::Org;
        }
    }
    spans
}

/// A one-word name right before a lower-case `administration` is the
/// person who leads it, and so is every lone mention of that word: `the
/// Trump administration`, `Clinton administration` (CoNLL marks the
/// surname PER; the tagger, seeing a body's noun after it, had typed it
/// MISC or ORG, and an article that never writes `Donald Trump` then had
/// every `Trump` an organisation). Not a listed place, nationality or
/// company (`the Hong Kong administration`, `Ford`), not a party's member
/// (`the Republican administration`) and not an acronym (`the U.S.
/// administration`).
pub fn administrations(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let listed = |w: &str| gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::PLACE | Kinds::DEMONYM | Kinds::ORG));
    let leader = |s: &NameSpan| {
        let w = doc.word(s.first);
        let before_head = doc.tokens.get(s.last + 1).is_some_and(|t| t.text(doc.text) == "administration") && doc.gap_is_space(s.last, s.last + 1);
        s.first == s.last && before_head && w.chars().any(char::is_lowercase) && !listed(w) && !PARTY_MEMBERS.contains(w)
    };
    let leaders: std::collections::HashSet<&str, FxBuild> = spans.iter().filter(|s| leader(s)).map(|s| doc.word(s.first)).collect();
    for s in spans.iter_mut().filter(|s| s.first == s.last && leaders.contains(doc.word(s.first))) {
        s.kind = NameType::Person;
    }
    spans
}

/// Words an appositive may hold between its article and its noun (`an
/// Italian casualwear brand`).
const APPOSITIVE_WORDS: usize = 4;

/// `Stone Island , an Italian casualwear brand`: the name is followed by
/// a comma, an article, a few words and an organisation noun.
fn described_after(doc: &Doc, s: &NameSpan) -> bool {
    let at = |k: usize| doc.tokens.get(k).map(|t| t.text(doc.text));
    if at(s.last + 1) != Some(",") || !matches!(at(s.last + 2), Some("a" | "an" | "the")) {
        return false;
    }
    (s.last + 3..s.last + 3 + APPOSITIVE_WORDS).map_while(|k| at(k).filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))).any(|w| ORG_ROLES.contains(w))
}

/// A name that is all of a quotation (`his 1980s hit “ Merry Christmas
/// Everyone ”`) is the title of a work, which the guidelines mark MISC.
pub fn quoted_titles(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.kind != NameType::Person && s.first >= 1 && s.last > s.first) {
        let opens = matches!(doc.word(s.first - 1), "“" | "\"" | "‘" | "„" | "«");
        let closes = doc.tokens.get(s.last + 1).is_some_and(|t| matches!(t.text(doc.text), "”" | "\"" | "’" | "»"));
        if opens && closes {
            s.kind = NameType::Misc;
        }
    }
    spans
}

/// A dateline's place stays a place: a paragraph that opens with a name in
/// capitals followed by a date (`NEW YORK 1996-08-30`) or by the agency's
/// parentheses or a comma (`PARIS ( Reuters )`, `BRUSSELS , Dec 5`). Run
/// after document consistency, which would otherwise give it the type of
/// the same words elsewhere (`NEW YORK` the baseball team in the
/// standings below). A name in mixed case counts when a known agency
/// follows it in parentheses (`Cleveland (AFP) –`, which had been the
/// team); not any capitals there, which after a name opening a
/// paragraph are more often its acronym or ticker (5 names lost on the
/// folds, 2 on 1996 dev).
pub fn dateline_places(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let agency_after = |k: usize| {
        let word = |j: usize| doc.tokens.get(j).map_or("", |t| t.text(doc.text));
        word(k + 1) == "(" && word(k + 3) == ")" && MEDIA_ORGS.contains(word(k + 2))
    };
    for s in spans.iter_mut().filter(|s| doc.tokens[s.first].para_start) {
        let caps = (s.first..=s.last).all(|k| !doc.word(k).chars().any(char::is_lowercase)) || agency_after(s.last);
        let next = doc.tokens.get(s.last + 1).map(|t| (t.kind, t.text(doc.text)));
        let dated = match next {
            Some((Kind::Number, w)) => w.len() == 10 && w.chars().filter(|c| *c == '-').count() == 2,
            Some((_, w)) => w == "(" || w == ",",
            None => false,
        };
        if caps && dated && s.kind != NameType::Place {
            s.kind = NameType::Place;
        }
    }
    spans
}

/// A schedule's line `VISITORS AT HOSTS` (`TORONTO AT CHICAGO`) names a
/// team and where it plays: the second name is a place (99 such lines in
/// CoNLL-2003 `train`, all marked so), whatever document consistency made
/// of the same words in the standings. The first keeps its type: a team
/// (`ORG`), or a country playing another (`United States at
/// Netherlands`, both places).
pub fn schedule_lines(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let line_end = |k: usize| doc.tokens.get(k + 1).is_none_or(|t| t.para_start);
    for j in 1..spans.len() {
        let (a, b) = (spans[j - 1], spans[j]);
        let at = a.last + 1;
        let joined = b.first == at + 1 && doc.word(at).eq_ignore_ascii_case("at");
        if joined && doc.tokens[a.first].para_start && line_end(b.last) {
            spans[j].kind = NameType::Place;
        }
    }
    spans
}

/// A name of a thing followed by a bare number of two to four digits
/// takes it: market indices and products are named with their number
/// (`FTSE 250`, `Nikkei 225`, `Windows 95`; CoNLL marks `FTSE 100` and
/// `Windows 95` whole). Not a year (`Final Girls 2015`, a film and the
/// year it came out), nor a number counting something (`Olympic 100
/// metres`, [`COUNTED`]), nor after a people's or a party's name
/// (`American 1984`, `Democrats 10`) or a currency (`C$ 30`).
pub fn numbered_names(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    let designator = |t: &str| (2..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit()) && !t.parse::<u16>().is_ok_and(|y| (1800..2100).contains(&y));
    for s in spans.iter_mut().filter(|s| s.kind == NameType::Misc) {
        let n = s.last + 1;
        if !doc.tokens.get(n).is_some_and(|t| t.kind == Kind::Number && designator(t.text(doc.text))) || covered[n] || !doc.gap_is_space(s.last, n) {
            continue;
        }
        let counted = doc.tokens.get(n + 1).is_some_and(|t| COUNTED.contains(t.text(doc.text)));
        // `Americans`, `American-born` are a people's word as `American` is.
        let peoples_word = |w: &str| adjectival(w) || adjectival(w.trim_end_matches('s')) || PARTY_MEMBERS.contains(w);
        let word = doc.word(s.last);
        let of_people = peoples_word(word) || peoples_word(doc.word(s.first));
        if !counted && !of_people && !word.contains('$') {
            s.last = n;
        }
    }
    spans
}

/// Words after a number that make it a count or a measure, not part of
/// the name before it (`Olympic 100 metres`).
static COUNTED: WordSet = word_set![
    "metres", "meters", "m", "km", "kg", "miles", "yards", "feet", "points", "pts", "percent", "pct", "per", "people", "years", "days", "votes", "seats", "minutes",
    "seconds", "million", "billion", "runs", "goals", "laps",
];

/// Nationality words the tagger did not mark are MISC ("Ukrainian").
pub fn demonyms(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    for (i, t) in doc.tokens.iter().enumerate() {
        if covered[i] || t.kind != Kind::Word {
            continue;
        }
        let w = t.text(doc.text);
        if !w.chars().next().is_some_and(char::is_uppercase) || w.chars().all(char::is_uppercase) {
            continue;
        }
        if gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::DEMONYM) && !e.kinds.has(Kinds::PLACE | Kinds::FIRST_NAME)) {
            spans.push(NameSpan { first: i, last: i, kind: NameType::Misc });
        }
    }
    spans
}

/// Tokens a listed name with `and` may take (`Saint Vincent and the
/// Grenadines`, `Heard Island and McDonald Islands`).
const LISTED_AND_TOKENS: usize = 6;

/// A name the gazetteer lists with an `and` in it is one name, of its
/// listed kind: `Bosnia and Herzegovina`, `Trinidad and Tobago`, `Saint
/// Vincent and the Grenadines` (countries), `Eli Lilly and Company` (a
/// company). The tagger reads the `and` as the break between two names.
pub fn listed_and_names(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut found: Vec<NameSpan> = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        match listed_and_name_at(doc, i) {
            Some(s) => {
                i = s.last + 1;
                found.push(s);
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        return spans;
    }
    let mut out: Vec<NameSpan> = spans.into_iter().filter(|s| !found.iter().any(|f| f.first <= s.last && s.first <= f.last)).collect();
    out.extend(found);
    out
}

/// The longest listed place or company with an `and` that starts at the
/// capitalised token `i`, if there is one.
fn listed_and_name_at(doc: &Doc, i: usize) -> Option<NameSpan> {
    if !doc.is_cap(i) {
        return None;
    }
    let end = (i + LISTED_AND_TOKENS).min(doc.tokens.len());
    let and = (i + 1..end).find(|&j| doc.word(j) == "and")?;
    (and + 1..end).rev().find_map(|j| {
        let kinds = doc.is_cap(j).then(|| gazetteer::lookup(&doc.text[doc.tokens[i].start..doc.tokens[j].end])).flatten()?.kinds;
        let kind = if kinds.has(Kinds::PLACE) {
            NameType::Place
        } else if kinds.has(Kinds::ORG) {
            NameType::Org
        } else {
            return None;
        };
        Some(NameSpan { first: i, last: j, kind })
    })
}
