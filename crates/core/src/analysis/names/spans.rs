//! Rules that look at one name at a time: trim it, retype it, split it or
//! drop it.

use super::lexicon::{
    COMMON_TERMS, CREDIT_ROLES, CREDIT_WORDS, FURNITURE, LEGAL_FORMS, GEO_HEADS, MEDIA_ORGS, MEDIUM_NOUNS, MONTH_ABBREVIATIONS, NEWSPAPER_HEADS, ORG_HEADS, PARTY_MEMBERS, PLATFORMS,
    PRONOUNS, STREET_HEADS, VENUE_HEADS, SURNAME_PARTICLES, TITLES, TITLE_HEADS, TITLE_WORDS, TRAILING_TITLES,
};
use crate::analysis::calendar::is_day_or_month;
use super::Doc;
use crate::analysis::gazetteer::{self, Kinds};
use crate::analysis::tagger::{NameSpan, NameType};
use crate::analysis::token::Kind;
use crate::analysis::words::{word_set, FxBuild, WordSet};
use std::collections::HashSet;

/// A name never runs across a dash (or a spaced hyphen) or a full stop: "SAN FRANCISCO — Apple
/// Inc." is a dateline place and an organisation; "Hamas. According" ends a
/// sentence. The all-capitals part opening a paragraph is a dateline place.
pub fn split_at_breaks(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    // `Jeh Johnson - Although best known …`: a spaced hyphen is a dash.
    let is_break = |i: usize| matches!(doc.word(i), "—" | "–" | "--" | "―" | ".") || doc.is_spaced_dash(i);
    let mut parts = Vec::with_capacity(spans.len());
    for s in spans {
        if !(s.first..=s.last).any(is_break) {
            parts.push(s);
            continue;
        }
        let mut start = s.first;
        for i in s.first..=s.last + 1 {
            if i > s.last || is_break(i) {
                if i > start {
                    let part = &doc.text[doc.tokens[start].start..doc.tokens[i - 1].end];
                    let dateline = start == s.first && doc.tokens[start].para_start && part.chars().all(|c| !c.is_lowercase());
                    parts.push(NameSpan { first: start, last: i - 1, kind: if dateline { NameType::Place } else { s.kind } });
                }
                start = i + 1;
            }
        }
    }
    parts
}

/// `Russia ’s Sputnik V`, `ECB ’s Asset Purchase Programme`: a place, a
/// listed company or an acronym before a possessive owns the name after
/// it, and is a name of its own. Other names keep theirs whole (`Moody 's
/// Investors Service`, `People 's Daily`, `Queen 's Park`).
pub fn split_at_possessives(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let Some(k) = (s.first + 1..s.last).find(|&k| matches!(doc.word(k), "'s" | "’s")) else {
            out.push(s);
            continue;
        };
        let owner = &doc.text[doc.tokens[s.first].start..doc.tokens[k - 1].end];
        let listed = gazetteer::lookup(owner).map(|e| e.kinds).filter(|kinds| kinds.has(Kinds::PLACE | Kinds::ORG));
        let acronym = owner.len() >= 2 && owner.chars().all(|c| c.is_ascii_uppercase());
        let owner_kind = match listed {
            Some(kinds) if kinds.has(Kinds::PLACE) => NameType::Place,
            Some(_) => NameType::Org,
            None if acronym => NameType::Org,
            None => {
                out.push(s);
                continue;
            }
        };
        out.push(NameSpan { first: s.first, last: k - 1, kind: owner_kind });
        if doc.is_cap(k + 1) {
            out.push(NameSpan { first: k + 1, last: s.last, kind: s.kind });
        }
    }
    out
}

/// A day, month or month abbreviation ("Florida Friday", "Dec 3") at
/// token `i` of a name of type `kind`.
fn is_calendar(doc: &Doc, i: usize, kind: NameType) -> bool {
    let w = doc.low(i);
    // "May" is left to the tagger (also a name: Theresa May) unless a
    // day of the month follows it in a name that is not a person's
    // ("Forsa May 23", a poll's date; not "Theresa May 5 times").
    let day_next = doc.tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Number && t.text(doc.text).parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
    (is_day_or_month(w.as_str()) && (w != "may" || (day_next && kind != NameType::Person))) || MONTH_ABBREVIATIONS.contains(w.as_str())
}

/// A leading "the" (written in lower case or opening the sentence: a
/// capitalised one inside a sentence belongs to the name, `at The Oval`),
/// punctuation, clause openers ("As Blumenthal spoke") and titles (of
/// persons), a trailing possessive, and days and months at either edge
/// are not part of a name; a name left with only those, or with no word, goes,
/// and so does a title alone before a name.
pub fn trim_edges(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    spans
        .into_iter()
        .filter_map(|mut s| {
            while s.first < s.last {
                let w = doc.low(s.first);
                let is_title = s.kind == NameType::Person && TITLES.contains(w.as_str());
                // `First` opens a name when the tagger ran it into the
                // capitalised word after it (`First Union`, `First Pacific`).
                let named_first = w == "first" && doc.is_cap(s.first + 1);
                let opener = doc.is_opener(s.first) && !named_first;
                // A closing quote or a dash never opens a name (`” von der Leyen said`).
                let punct = doc.tokens[s.first].kind == Kind::Punct;
                if (w == "the" && (doc.word(s.first) == "the" || doc.opens_sentence(s.first))) || is_title || opener || punct {
                    s.first += 1;
                } else {
                    break;
                }
            }
            while s.last > s.first && matches!(doc.word(s.last), "'s" | "’s" | "'" | "’" | "," | "." | "-" | "(" | "[" | "“" | "\"") {
                s.last -= 1;
            }
            while s.last > s.first && CREDIT_WORDS.contains(doc.word(s.last)) {
                s.last -= 1;
            }
            // "California Attorney General Xavier Becerra": a job title
            // that runs into a following name ends the name before it, all
            // its words (`Texas Lt. Gov. Dan Patrick`).
            let named_next = s.last + 1 < doc.tokens.len() && doc.is_cap(s.last + 1);
            if let Some(title) = title_ending(doc, &s).filter(|_| named_next && s.kind != NameType::Person) {
                s.last = title - 1;
                s.kind = before_title(doc, &s);
            }
            while s.last > s.first && is_calendar(doc, s.last, s.kind) {
                s.last -= 1;
            }
            // A person's first name may be a month's (`Jan Siemerink`).
            let first_name = |k: usize| s.kind == NameType::Person && gazetteer::lookup(doc.word(k)).is_some_and(|e| e.kinds.has(Kinds::FIRST_NAME));
            while s.first < s.last && is_calendar(doc, s.first, s.kind) && !first_name(s.first) {
                s.first += 1;
            }
            let only_calendar = s.first == s.last && is_calendar(doc, s.first, s.kind);
            let has_word = doc.tokens[s.first..=s.last].iter().any(|t| t.kind == Kind::Word);
            // A lone title before a name ("Sen. Bob Casey") is the title.
            let lone_title = s.first == s.last && TITLES.contains(doc.low(s.first).as_str()) && s.last + 1 < doc.tokens.len() && doc.is_cap(s.last + 1);
            (!only_calendar && has_word && !lone_title).then_some(s)
        })
        .collect()
}

/// "Instead, he…", "Typically, …", "According to…": a one-word sentence
/// opener is not a name.
pub fn drop_openers(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    spans.retain(|s| {
        if s.first != s.last || !doc.opens_sentence(s.first) {
            return true;
        }
        let w = doc.low(s.first);
        let comma = doc.tokens.get(s.first + 1).is_some_and(|t| t.text(doc.text) == ",");
        let adverb = w.ends_with("ly") && gazetteer::lookup(doc.word(s.first)).is_none();
        !(doc.is_opener(s.first) || w == "according" || (comma && (w == "instead" || adverb)))
    });
    spans
}

/// `von der Leyen`, `Aravinda de Silva`: lower-case particles before a
/// person's surname belong to the name, and so does a capitalised first
/// name right before them that no other name holds.
pub fn surname_particles(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    for s in spans.iter_mut().filter(|s| s.kind == NameType::Person) {
        let mut first = s.first;
        while first > 0 && doc.gap_is_space(first - 1, first) && SURNAME_PARTICLES.contains(doc.word(first - 1)) {
            first -= 1;
        }
        if first == s.first {
            continue;
        }
        let before = first.checked_sub(1);
        let opener = |k: usize| doc.is_opener(k);
        if let Some(k) = before.filter(|&k| doc.is_cap(k) && !covered[k] && doc.gap_is_space(k, first) && !opener(k)) {
            first = k;
        }
        s.first = first;
    }
    spans
}

/// A name of two words or more that ends in a company's legal form
/// (`Tencent Holdings`, `AstraZeneca Plc`, `Huawei Technologies Co Ltd`)
/// is an organisation, whatever the words before it are (`Tencent
/// Holdings` had been a place).
pub fn legal_forms(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.last > s.first && LEGAL_FORMS.contains(doc.word(s.last))) {
        s.kind = NameType::Org;
    }
    spans
}

/// A listed company whose name is a possessive (`McDonald's`, `Moody's`,
/// `Sainsbury's`) keeps its `'s`, as the guidelines write `Moody 's`,
/// wherever the tagger's name stopped before it; it is the company even
/// where the tagger read a person (`Sainsbury`). Not a surname of a person
/// the article names in full or with a title (`Jimmy Carter` and then
/// `Carter's speech`, `President Carter's handling`, though `Carter's` is
/// a listed clothier).
pub fn possessive_companies(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let surnames: HashSet<&str, FxBuild> = spans.iter().filter(|s| s.kind == NameType::Person && s.last > s.first).map(|s| doc.word(s.last)).collect();
    for s in spans.iter_mut() {
        let owner = doc.span_text(s);
        let possessive = doc.tokens.get(s.last + 1).is_some_and(|t| matches!(t.text(doc.text), "'s" | "’s"));
        let titled = s.first > 0 && TITLES.contains(doc.low(s.first - 1).as_str());
        if possessive && !titled && !surnames.contains(owner) && gazetteer::lookup(&format!("{owner}'s")).is_some_and(|e| e.kinds.has(Kinds::ORG)) {
            s.last += 1;
            s.kind = NameType::Org;
        }
    }
    spans
}

/// A town's name with `City` or `Town` that is not itself a listed place
/// is the town's football club (`Leicester City`, `Ipswich Town`, read as
/// places), as `Mexico City`, `Cape Town` and `Jersey City`, which are
/// listed, are not.
pub fn town_clubs(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.kind == NameType::Place && s.last == s.first + 1 && matches!(doc.word(s.last), "City" | "Town")) {
        let town = gazetteer::lookup(doc.word(s.first)).is_some_and(|e| e.kinds.has(Kinds::CITY));
        if town && gazetteer::lookup(doc.span_text(s)).is_none() {
            s.kind = NameType::Org;
        }
    }
    spans
}

/// A `State` named by a people's or a faith's adjective that is no place
/// itself is the group that calls itself so (`Islamic State`, which the
/// tagger read as a place like `Rakhine State`): an organisation, as the
/// guidelines mark armed groups. A place's `State` stays a place (`New
/// York State`), and so does a nickname (`Granite State`).
pub fn demonym_states(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let demonym_only = |w: &str| gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::DEMONYM) && !e.kinds.has(Kinds::PLACE));
    for s in spans.iter_mut().filter(|s| s.last == s.first + 1 && doc.word(s.last) == "State" && doc.gap_is_space(s.first, s.last)) {
        if demonym_only(doc.word(s.first)) {
            s.kind = NameType::Org;
        }
    }
    spans
}

/// A person's name runs on through a hyphen into a lower-case syllable
/// written against it: the second half of an East Asian given name (`Moon
/// Jae-in`, `Tsai Ing-wen`, `Sheu Yuan-dong`), which the tagger, seeing a
/// lower-case word, left out.
pub fn hyphenated_names(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    // Two words or more, the last capitalised: `Kim Jong`, not `Ginger`
    // of `Ginger-nuts` nor the `co` of `King co-owns`.
    for s in spans.iter_mut().filter(|s| s.kind == NameType::Person && s.last > s.first && doc.is_cap(s.last)) {
        let (hyphen, syllable) = (s.last + 1, s.last + 2);
        let joined = syllable < doc.tokens.len() && doc.word(hyphen) == "-" && attached(doc, s.last, hyphen) && attached(doc, hyphen, syllable);
        let lower = joined && doc.tokens[syllable].kind == Kind::Word && doc.word(syllable).chars().all(|c| c.is_lowercase());
        let short = |w: &str| w.chars().count() <= MAX_SYLLABLE && !COMPOUND_ENDINGS.contains(&w);
        if lower && !covered[syllable] && short(doc.word(syllable)) {
            s.last = syllable;
        }
    }
    spans
}

/// A name written against a lower-case word by a hyphen is one word of a
/// compound, which CoNLL marks whole as MISC: `Los Angeles-based`,
/// `U.N.-sponsored`, `EU-wide`, `pro-Israel`, `post-Soviet`, `non-EU`
/// (CoNLL-2003 `train` marks 115 of its 141 such compounds whole and the
/// rest not at all, never the name alone; 2020 dev all 11 whole). The
/// tagger, which sees `Angeles` `-` `based`, often stops at the
/// hyphen. The ending must be a compound's (`Graf-like`, `Trump-backed`),
/// not a syllable of a name (`Banharn Silpa-archa`).
pub fn hyphen_compounds(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    let mut out = Vec::with_capacity(spans.len());
    for mut s in spans {
        if let Some(tail) = compound_tail(doc, &s, &covered) {
            s = NameSpan { last: tail, kind: NameType::Misc, ..s };
        }
        let Some(head) = compound_prefix(doc, &s, &covered) else {
            out.push(s);
            continue;
        };
        // `anti-Rangoon Karen National Union`, `Ex-Yankee Randy Velarde`:
        // a listed place, or a label before a person, takes the prefix,
        // and the name after it stands apart; otherwise the name is one
        // with its prefix (`pro-Islamic State`, `post-New Hampshire`).
        let place = gazetteer::lookup(doc.word(s.first)).is_some_and(|e| e.kinds.has(Kinds::PLACE));
        if s.last > s.first && (place || s.kind == NameType::Person) {
            out.push(NameSpan { first: head, last: s.first, kind: NameType::Misc });
            out.push(NameSpan { first: s.first + 1, ..s });
        } else {
            out.push(NameSpan { first: head, kind: NameType::Misc, ..s });
        }
    }
    out
}

/// Tokens `a` and `b` are written against each other.
fn attached(doc: &Doc, a: usize, b: usize) -> bool {
    doc.tokens[a].end == doc.tokens[b].start
}

/// The compound's ending written after name `s` (`-based`), if there is
/// one: not the first link of a chain (`Republican-turned-Democrat`,
/// `Editor-in-Chief`), nor a word a dash set against the name (`Congress-is`).
fn compound_tail(doc: &Doc, s: &NameSpan, covered: &[bool]) -> Option<usize> {
    let (hyphen, tail) = (s.last + 1, s.last + 2);
    let joined = tail < doc.tokens.len() && doc.word(hyphen) == "-" && attached(doc, s.last, hyphen) && attached(doc, hyphen, tail);
    let word = joined && doc.tokens[tail].kind == Kind::Word && !covered[tail] && is_compound_ending(doc.word(tail));
    let chained = tail + 1 < doc.tokens.len() && doc.word(tail + 1) == "-" && attached(doc, tail, tail + 1);
    (word && !chained).then_some(tail)
}

/// The first token of a prefix written before name `s` (`pro-`), if there
/// is one: in lower case, or capitalised where it opens a sentence
/// (`Pro-Israel groups`; `Post-ABC poll` is the newspaper's).
fn compound_prefix(doc: &Doc, s: &NameSpan, covered: &[bool]) -> Option<usize> {
    let (hyphen, head) = (s.first.checked_sub(1)?, s.first.checked_sub(2)?);
    let joined = doc.word(hyphen) == "-" && attached(doc, head, hyphen) && attached(doc, hyphen, s.first);
    let written = doc.word(head).chars().all(char::is_lowercase) || doc.opens_sentence(head);
    (joined && written && !covered[head] && COMPOUND_PREFIXES.contains(&doc.low(head).as_str())).then_some(head)
}

/// Lower-case prefixes that make a compound of the name after them.
const COMPOUND_PREFIXES: [&str; 9] = ["pro", "anti", "non", "mid", "post", "pre", "neo", "pan", "ex"];

/// A word in lower case that ends a compound made on a name: a
/// participle (`-based`, `-backed`, `-winning`, `-driven`) or one of
/// [`COMPOUND_ENDINGS`].
fn is_compound_ending(w: &str) -> bool {
    let participle = w.ends_with("ed") || w.ends_with("ing") || (w.ends_with("en") && w.chars().count() >= 5);
    w.chars().all(char::is_lowercase) && (participle || COMPOUND_ENDINGS.contains(&w) || matches!(w, "wide" | "bound"))
}

/// The longest syllable [`hyphenated_names`] joins to a name: `-choo`,
/// `-hoon`; not `-spent` (`Jeb Bush-spent`) or `-backed`, at the cost of
/// a Thai surname's `-archa`.
const MAX_SYLLABLE: usize = 4;

/// Short English words that end a compound made on a name (`Graf-like`,
/// `Trump-led`), not a given name's syllable.
const COMPOUND_ENDINGS: [&str; 9] = ["like", "led", "run", "era", "born", "type", "made", "held", "style"];

/// A person's name that opens with a label of who they are is that
/// label, MISC, then the person: a party's member or a nationality's
/// adjective before a name of two words or more (`Democrat Joe Biden`,
/// `American Todd Martin`; CoNLL-2003 `train` splits all 49 such names),
/// a nationality's noun before any (`Englishman Alliss`). Not an
/// adjective before one word, which may be a first name and a surname
/// (`German Villa`, Germán), nor a nationality that is a first name
/// (`Dane`, `Finn`). A party's member alone is MISC too, as CoNLL marks
/// all 47 in `train` (`Republicans said`, which the tagger had read as
/// people at a sentence's start), and so after a chamber (`Senate |
/// Republicans`, read as a person's name); so is a people's word the
/// tagger took for a person (`Latinos said`).
pub fn leading_labels(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let adjective = |w: &str| gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::DEMONYM) && !e.kinds.has(Kinds::FIRST_NAME | Kinds::PLACE));
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let first = doc.word(s.first);
        let two_after = s.last >= s.first + 2 && doc.is_cap(s.first + 1);
        let one_after = s.last > s.first && doc.is_cap(s.first + 1);
        let labelled = (two_after && (PARTY_MEMBERS.contains(first) || adjective(first))) || (one_after && NATIONALITY_NOUNS.contains(first));
        if s.kind == NameType::Person && labelled {
            out.push(NameSpan { first: s.first, last: s.first, kind: NameType::Misc });
            out.push(NameSpan { first: s.first + 1, ..s });
        } else if s.first == s.last && (PARTY_MEMBERS.contains(first) || (s.kind == NameType::Person && adjective(first))) {
            out.push(NameSpan { kind: NameType::Misc, ..s });
        } else if s.kind == NameType::Person && s.last > s.first && PARTY_MEMBERS.contains(doc.word(s.last)) {
            // `Senate Republicans`: the chamber, then its members; a word
            // before them that is no chamber is no name (`Five Republicans`).
            let chamber = s.last == s.first + 1 && matches!(first, "House" | "Senate" | "Assembly" | "Congress");
            if chamber {
                out.push(NameSpan { last: s.first, kind: NameType::Org, ..s });
            }
            out.push(NameSpan { first: s.last, kind: NameType::Misc, ..s });
        } else {
            out.push(s);
        }
    }
    out
}

/// Nouns of nationality the gazetteer does not list (it lists the
/// adjectives: `American`, `Czech`), written before a sportsman's name.
static NATIONALITY_NOUNS: WordSet = word_set![
    "Briton", "Spaniard", "Swede", "Croat", "Serb", "Turk", "Englishman", "Welshman", "Frenchman", "Dutchman", "Irishman", "Scotsman", "Englishwoman", "Frenchwoman",
];

/// A person's name never holds a comma or an `and`: `Irwin , McAteer` (a
/// list of players) and `Johnson and von der Leyen` are two people.
pub fn split_people_at_commas(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        if s.kind != NameType::Person {
            out.push(s);
            continue;
        }
        let mut start = s.first;
        for k in s.first..=s.last {
            if matches!(doc.word(k), "," | "and") {
                if k > start {
                    out.push(NameSpan { first: start, last: k - 1, kind: s.kind });
                }
                start = k + 1;
            }
        }
        if start <= s.last {
            out.push(NameSpan { first: start, last: s.last, kind: s.kind });
        }
    }
    out
}

/// The type of the name a job title was cut from (`New Jersey` of `New
/// Jersey Gov.`, `Kentucky` of `Kentucky Sen. Rand Paul`): a listed place
/// is a place, whatever the whole had been; anything else keeps its type
/// (`European Tour` of `European Tour CEO`).
fn before_title(doc: &Doc, s: &NameSpan) -> NameType {
    if listed_place(doc, s) {
        NameType::Place
    } else {
        s.kind
    }
}

/// A listed place right after a lower-case `in` is that place (`on the
/// campaign trail here in New Hampshire`), whatever document consistency
/// carried to it from another mention (`New Hampshire Republicans`, an
/// organisation's name, had made it one). Not a person (`faith in
/// Carson`), nor an acronym (`in ATF`).
pub fn places_after_in(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.kind == NameType::Org && s.first > 0 && doc.word(s.first - 1) == "in") {
        if listed_place(doc, s) && doc.span_text(s).chars().any(char::is_lowercase) {
            s.kind = NameType::Place;
        }
    }
    spans
}

/// Whether the gazetteer lists span `s` as a place.
fn listed_place(doc: &Doc, s: &NameSpan) -> bool {
    gazetteer::lookup(doc.span_text(s)).is_some_and(|e| e.kinds.has(Kinds::PLACE))
}

/// Token `k` may be part of a job title written before a name: a title
/// word, or a hyphen between two (`Director-General`; not the one of
/// `The Spokesman-Review`, a newspaper).
fn title_word(doc: &Doc, k: usize) -> bool {
    let listed = |k: usize| {
        let w = doc.low(k);
        TRAILING_TITLES.contains(w.as_str()) || TITLE_HEADS.contains(w.as_str()) || TITLE_WORDS.contains(w.as_str())
    };
    let hyphen = doc.word(k) == "-" && k > 0 && k + 1 < doc.tokens.len() && listed(k - 1) && listed(k + 1);
    hyphen || listed(k)
}

/// Token `k` names an office: what makes a run of title words a title.
fn office(doc: &Doc, k: usize) -> bool {
    let w = doc.low(k);
    TRAILING_TITLES.contains(w.as_str()) || TITLE_HEADS.contains(w.as_str())
}

/// Where the job title that ends span `s` starts (`California Attorney
/// General`, `Tesla Chief Executive`, `Texas Lt. Gov.`): the longest run
/// of title words at its end that holds an office and leaves a word before.
fn title_ending(doc: &Doc, s: &NameSpan) -> Option<usize> {
    let mut k = s.last + 1;
    while k - 1 > s.first && title_word(doc, k - 1) {
        k -= 1;
    }
    (k <= s.last && (k..=s.last).any(|j| office(doc, j))).then_some(k)
}

/// The job title inside span `s` that a person's name follows, as its
/// first and last tokens: a run of title words holding an office, after
/// the name's first word, then capitalised words only, none a title word.
fn title_within(doc: &Doc, s: &NameSpan) -> Option<(usize, usize)> {
    let mut k = s.first + 1;
    while k < s.last {
        if !title_word(doc, k) {
            k += 1;
            continue;
        }
        let mut m = k;
        while m + 1 < s.last && title_word(doc, m + 1) {
            m += 1;
        }
        // A person's name, not the rest of a body's (`GOP Executive Committee`).
        let named_after = !title_word(doc, m + 1) && (m + 1..=s.last).all(|j| doc.is_cap(j) && !ORG_HEADS.contains(doc.low(j).as_str()));
        if named_after && (k..=m).any(|j| office(doc, j)) {
            return Some((k, m));
        }
        k = m + 1;
    }
    None
}

/// An organisation's name that runs through a job title into a person's
/// is two names: `European Tour CEO Keith Pelley` is `European Tour` and
/// the person `Keith Pelley`; so is `Goldman Sachs Chief Executive Officer
/// Lloyd Blankfein`.
pub fn split_at_titles(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        match title_within(doc, &s).filter(|_| s.kind != NameType::Person) {
            Some((k, m)) => {
                let before = NameSpan { first: s.first, last: k - 1, kind: s.kind };
                // Title words alone are no body (`Chief | Financial Officer
                // Frank Witter said`, its sentence's first words).
                if !(s.first..k).all(|j| title_word(doc, j)) {
                    out.push(NameSpan { kind: before_title(doc, &before), ..before });
                }
                out.push(NameSpan { first: m + 1, last: s.last, kind: NameType::Person });
            }
            None => out.push(s),
        }
    }
    out
}

/// A name in capitals that starts with a known first name is a person
/// (`JANET YELLEN`, `CECILIA ROUSE` in a list of nominees): in capitals the
/// tagger loses the case cues it relies on. Two or three words only.
pub fn caps_first_names(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.kind != NameType::Person && (1..=2).contains(&(s.last - s.first))) {
        let caps = (s.first..=s.last).all(|k| doc.tokens[k].kind == Kind::Word && !doc.word(k).chars().any(char::is_lowercase));
        // Not a title (`MAJOR LEAGUE`) nor a two-letter article (`EL SALVADOR`, `LA PRESSE`).
        let word = doc.word(s.first);
        let plain = word.chars().count() > 2 && !TITLES.contains(doc.low(s.first).as_str());
        let first_name = plain && gazetteer::lookup(word).is_some_and(|e| e.kinds.has(Kinds::FIRST_NAME) && e.kinds.0 & Kinds::PLACE == 0);
        // Nor a listed place (`COSTA RICA`, `NORTH DAKOTA`) or a name with
        // a place's or an organisation's head (`RED SEA`, `RED STAR CLUB`).
        let known = gazetteer::lookup(doc.span_text(s)).is_some();
        let last = doc.low(s.last);
        let headed = GEO_HEADS.contains(last.as_str()) || ORG_HEADS.contains(last.as_str());
        if caps && first_name && !known && !headed {
            s.kind = NameType::Person;
        }
    }
    spans
}

/// Photo captions, section labels, holidays, business terms and pronouns
/// are never names ([`FURNITURE`], [`COMMON_TERMS`], [`PRONOUNS`]), nor is
/// the word that opens a credit line (`( Reporting by Guy Faulconbridge`),
/// nor a clinical trial's phase (`Phase 3`, `Phase III`, `Phase 2/3`).
pub fn drop_furniture(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    spans.retain(|s| {
        let text = doc.span_text(s).to_lowercase();
        let credit = s.first == s.last && CREDIT_WORDS.contains(doc.word(s.first)) && doc.tokens.get(s.last + 1).is_some_and(|t| t.text(doc.text) == "by");
        !(FURNITURE.contains(text.as_str()) || COMMON_TERMS.contains(text.as_str()) || PRONOUNS.contains(text.as_str()) || credit || trial_phase(doc, s))
    });
    spans
}

/// `Phase 3`, `Phase III`: `Phase` alone or with its numeral, a number or
/// a Roman numeral right after the word.
fn trial_phase(doc: &Doc, s: &NameSpan) -> bool {
    let numeral = |k: usize| doc.tokens.get(k).is_some_and(|t| t.kind == Kind::Number || matches!(t.text(doc.text), "I" | "II" | "III" | "IV"));
    doc.word(s.first) == "Phase" && numeral(s.first + 1) && s.last <= s.first + 1
}

/// "Downing Street", "Tahrir Square": a street or square is a place,
/// whatever the name before it.
pub fn streets_are_places(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in &mut spans {
        if s.kind == NameType::Person && s.last > s.first && STREET_HEADS.contains(doc.word(s.last)) {
            s.kind = NameType::Place;
        }
    }
    spans
}

/// A named stadium, arena, airport, museum or hospital is a place
/// (`Quicken Loans Arena`, `Yankee Stadium`; CoNLL marks public buildings
/// as locations), whatever the company or person it is named after made
/// the tagger think. An airport's operating company is the exception it
/// gets wrong (`Kansai International Airport`, on 1996 dev).
pub fn venues(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.last > s.first && VENUE_HEADS.contains(doc.word(s.last))) {
        s.kind = NameType::Place;
    }
    spans
}

/// Tokens `first..=last` lie inside a US party tag: `(`, `D`/`R`/`I`, `-`,
/// a state, `)`; or the same between commas (`Kevin McCarthy, R-Calif.,
/// said`), where the state must look like one (`Calif.`, `FL`: not the
/// `Day` of `, D-Day,`) and the sentence's end may close it.
fn in_party_tag(doc: &Doc, first: usize, last: usize) -> bool {
    let Some(open) = (first.saturating_sub(3)..=first).rev().find(|&p| matches!(doc.word(p), "(" | ",")) else { return false };
    let bracket = doc.word(open) == "(";
    let party = doc.tokens.get(open + 1).is_some_and(|t| matches!(t.text(doc.text), "D" | "R" | "I"));
    let dash = doc.tokens.get(open + 2).is_some_and(|t| matches!(t.text(doc.text), "-" | "–"));
    let closer = if bracket { ")" } else { "," };
    let close = (last + 1..(open + 8).min(doc.tokens.len())).any(|j| doc.word(j) == closer);
    let sentence_ends = doc.tokens.get(last + 1).is_none_or(|t| t.sent_start);
    let state = doc.tokens.get(open + 3).is_some_and(|t| {
        let w = t.text(doc.text);
        w.ends_with('.') || (w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase()))
    });
    party && dash && first > open && (if bracket { close } else { state && (close || sentence_ends) })
}

/// "McCaskill (D-Mo.)", "Rubio (R-FL)": a party and state tag is not a
/// person or an organisation.
pub fn drop_party_tags(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    spans.retain(|s| s.kind == NameType::Place || !in_party_tag(doc, s.first, s.last));
    spans
}

/// Head words that make `X of <place>` one name (`Bank of France`,
/// `University of Pennsylvania`) beyond [`ORG_HEADS`]: those CoNLL-2003
/// `train` writes whole, a city's own (`City of London`) and titles of
/// nobility and of the church (`Duke of Norfolk`, `Archbishop of Canterbury`).
static OF_PLACE_HEADS: WordSet = word_set![
    "trust", "insurance", "times", "news", "life", "city", "duke", "duchess", "earl", "king", "queen", "prince", "princess", "bishop", "archbishop",
];

/// `Ferencvaros of Hungary`, `IFK Gothenburg of Sweden`, `Physicians
/// Insurance Co of Ohio`: a club or a company named, then where it is
/// from, are two names, the organisation and the place (CoNLL-2003
/// `train` splits 24 such, and writes 43 whole, nearly all after a head
/// word: `Bank of France`, [`ORG_HEADS`], [`OF_PLACE_HEADS`]). The place
/// must be a listed country or state, and fill the rest of the name: a
/// town's name is too often a word's or a person's (`Star of David`,
/// `Treaty of Versailles`), and a region's a part of the name (`Horn of
/// Africa`).
pub fn org_of_place(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let of = (s.first + 1..s.last).find(|&k| doc.word(k) == "of" && doc.is_cap(k - 1));
        let head = of.map(|k| doc.low(k - 1));
        let generic = head.as_deref().is_none_or(|h| ORG_HEADS.contains(h) || OF_PLACE_HEADS.contains(h) || GEO_HEADS.contains(h));
        let place = of.filter(|_| s.kind == NameType::Org && !generic).and_then(|k| {
            let rest = &doc.text[doc.tokens[k + 1].start..doc.tokens[s.last].end];
            gazetteer::lookup(rest).filter(|e| e.kinds.has(Kinds::COUNTRY | Kinds::STATE)).map(|_| k)
        });
        match place {
            Some(k) => {
                out.push(NameSpan { last: k - 1, ..s });
                out.push(NameSpan { first: k + 1, kind: NameType::Place, ..s });
            }
            None => out.push(s),
        }
    }
    out
}

/// `a New York Democrat`, `the Pennsylvania Republican`: a listed place
/// before a party's member is the place, then the member (MISC), as
/// CoNLL-2003 `train` writes all four it has; the tagger had read them as
/// one organisation.
pub fn place_party_members(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let member = s.last > s.first && PARTY_MEMBERS.contains(doc.word(s.last));
        let place = member && gazetteer::lookup(&doc.text[doc.tokens[s.first].start..doc.tokens[s.last - 1].end]).is_some_and(|e| e.kinds.has(Kinds::PLACE));
        if place {
            out.push(NameSpan { last: s.last - 1, kind: NameType::Place, ..s });
            out.push(NameSpan { first: s.last, kind: NameType::Misc, ..s });
        } else {
            out.push(s);
        }
    }
    out
}

/// "Ukraine-Belarus": two places joined by a hyphen are two names, unless
/// the whole is itself a name (Guinea-Bissau), whether the tagger called the
/// pair a place or a MISC compound.
pub fn split_place_pairs(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let place = |i: usize| gazetteer::lookup(doc.word(i)).is_some_and(|e| e.kinds.has(Kinds::PLACE));
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let pair = matches!(s.kind, NameType::Place | NameType::Misc) && s.last == s.first + 2 && doc.word(s.first + 1) == "-";
        if pair && gazetteer::lookup(doc.span_text(&s)).is_none() && place(s.first) && place(s.last) {
            out.push(NameSpan { first: s.first, last: s.first, kind: NameType::Place });
            out.push(NameSpan { first: s.last, last: s.last, kind: NameType::Place });
        } else {
            out.push(s);
        }
    }
    out
}

/// `CDU / CSU SPD FDP Greens PDS`, the header row of a poll's table: a
/// name holding [`MIN_ROW_ACRONYMS`] acronyms or more, on a line with no
/// word in lower case (no prose: `MAKE MEXICO GREAT AGAIN, he wrote` is
/// one shouted name) that is not all in capitals either (a headline's
/// `NEW YORK`), is a row of names, one per word (words joined by `/` stay
/// one: `CDU / CSU`), each of the row's type. Two acronyms stay one name
/// (`Power NZ ODV`).
pub fn split_acronym_rows(doc: &Doc, spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let acronym = |k: usize| {
        let w = doc.word(k);
        (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
    };
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        let row = (s.first..=s.last).filter(|&k| acronym(k)).count() >= MIN_ROW_ACRONYMS
            && short_line(doc, s.first, s.last).is_some_and(|line| {
                let prose = line.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_lowercase));
                !prose && line.chars().any(char::is_lowercase)
            });
        if !row {
            out.push(s);
            continue;
        }
        let mut first = s.first;
        for k in s.first..=s.last {
            if k == s.last || (doc.word(k) != "/" && doc.word(k + 1) != "/") {
                // A part without a word (`%`) is no name.
                if (first..=k).any(|j| doc.tokens[j].kind == Kind::Word) {
                    out.push(NameSpan { first, last: k, kind: s.kind });
                }
                first = k + 1;
            }
        }
    }
    out
}

/// The line holding tokens `first..=last`, when it is no longer than
/// [`MAX_ROW_LINE`] bytes: a table's row is short, and reading no further
/// keeps a text written on one long line from being read once per name.
fn short_line<'a>(doc: &Doc<'a>, first: usize, last: usize) -> Option<&'a str> {
    let bytes = doc.text.as_bytes();
    let (start, end) = (doc.tokens[first].start, doc.tokens[last].end);
    let from = start.saturating_sub(MAX_ROW_LINE);
    let to = (end + MAX_ROW_LINE).min(bytes.len());
    let line_start = match bytes[from..start].iter().rposition(|&b| b == b'\n') {
        Some(k) => from + k + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let line_end = match bytes[end..to].iter().position(|&b| b == b'\n') {
        Some(k) => end + k,
        None if to == bytes.len() => to,
        None => return None,
    };
    doc.text.get(line_start..line_end).filter(|line| line.len() <= MAX_ROW_LINE)
}

/// The longest line read as a table's row (bytes): header rows of news
/// tables run to some sixty characters; prose lines run to hundreds.
const MAX_ROW_LINE: usize = 200;

/// Acronyms that make a name a row of names ([`split_acronym_rows`]): in
/// running text two acronyms together are often one name (`Power NZ ODV`,
/// `PT VDH Teguh Sakti`); three are a table's header.
const MIN_ROW_ACRONYMS: usize = 3;

/// `Vienna , Austria September 9`, `Corpus Christi , Texas`: a country or
/// state after a place and a comma is the place's address, not an
/// organisation (photo captions write the date right after it, which the
/// tagger reads as a company's news); and a listed city before a country
/// or state and a comma is that place (`Cleveland , Tennessee`, not the
/// team).
pub fn places_in_addresses(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let has = |s: &NameSpan, kinds: u16| gazetteer::lookup(doc.span_text(s)).is_some_and(|e| e.kinds.has(kinds));
    let mut addresses = HashSet::new();
    for (a, b) in spans.iter().zip(spans.iter().skip(1)) {
        let comma = b.first == a.last + 2 && doc.word(a.last + 1) == ",";
        if comma && has(b, Kinds::COUNTRY | Kinds::STATE) && (a.kind == NameType::Place || has(a, Kinds::CITY)) {
            addresses.extend([a.first, b.first]);
        }
    }
    for s in spans.iter_mut().filter(|s| addresses.contains(&s.first)) {
        s.kind = NameType::Place;
    }
    spans
}

/// Bylines and credit lines name people: `By Anushka Trivedi`,
/// `Reporting by Anushka Trivedi in Bengaluru; Editing by …` (a name after
/// `by` that opens its line, or after a credit word and `by`).
pub fn bylines(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    for s in spans.iter_mut().filter(|s| s.kind != NameType::Person && s.last > s.first && s.first >= 1) {
        let by = s.first - 1;
        if !doc.word(by).eq_ignore_ascii_case("by") {
            continue;
        }
        let opens_line = doc.tokens[by].para_start || doc.opens_sentence(by) && doc.word(by) == "By";
        let credit = by >= 1 && (CREDIT_WORDS.contains(doc.word(by - 1)) || CREDIT_ROLES.contains(doc.word(by - 1)));
        if opens_line || credit {
            s.kind = NameType::Person;
        }
    }
    spans
}

/// A country's name or code is a place, not an organisation (US, U.S.).
/// Not a three-letter ISO code other than `USA`: those spell parties and
/// firms far more often (`NLD`, Myanmar's National League for Democracy).
pub fn country_codes_are_places(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let iso3 = |w: &str| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()) && w != "USA";
    for s in &mut spans {
        let w = doc.word(s.first);
        if s.kind == NameType::Org && s.first == s.last && !iso3(w) && gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::COUNTRY) && e.canonical.is_some()) {
            s.kind = NameType::Place;
        }
    }
    spans
}

/// Endings of adjectives and verb forms: a lone capitalised word with one
/// that opens a sentence ("Grateful to…", "Speaking at…") is not a person.
const ADJECTIVAL_ENDINGS: [&str; 9] = ["ful", "less", "ous", "ive", "able", "ible", "ing", "ed", "ly"];

/// A lone capitalised word opening a sentence that reads as an adjective
/// or verb form is not a person (unless it is a first name).
pub fn drop_adjectival_openers(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    spans.retain(|s| {
        if s.kind != NameType::Person || s.first != s.last {
            return true;
        }
        let starts = doc.opens_sentence(s.first);
        let w = doc.low(s.first);
        let first_name = gazetteer::lookup(doc.word(s.first)).is_some_and(|e| e.kinds.has(Kinds::FIRST_NAME));
        let adjectival = ADJECTIVAL_ENDINGS.iter().any(|suf| w.len() > suf.len() + 3 && w.ends_with(suf));
        !(starts && adjectival && !first_name)
    });
    spans
}

/// A courtesy title before a name makes it a person ("Mr. Obama"), and so
/// does an abbreviated title of office ([`OFFICE_ABBREVIATIONS`]: `Rep.
/// Alexandria Ocasio-Cortez`, whose first name the tagger read as the
/// city); one inside the name is dropped from it. A name so titled runs
/// on into a name written right after it (`Alexandria | Ocasio-Cortez`)
/// or against it (`Alexandria Ocasio | -Cortez`), and ends before an `of`
/// (`Sen. Bernie Sanders of Vermont`: the person, then the place).
pub fn courtesy_titles(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    let titled: Vec<bool> = spans.iter_mut().map(|s| titled_person(doc, s, &covered)).collect();
    let mut out: Vec<NameSpan> = Vec::with_capacity(spans.len());
    let mut last_titled = false;
    for (s, t) in spans.into_iter().zip(titled) {
        match out.last_mut() {
            Some(p) if last_titled && s.first == p.last + 1 && doc.gap_is_space(p.last, s.first) && (s.first..=s.last).all(|k| doc.is_cap(k) || doc.word(k) == "-") => p.last = s.last,
            _ => {
                // The previous titled span is whole: cut it at its `of`.
                if last_titled {
                    split_person_of(doc, &mut out);
                }
                out.push(s);
                last_titled = t;
            }
        }
    }
    if last_titled {
        split_person_of(doc, &mut out);
    }
    out
}

/// Types `s` a person when a courtesy title or one of office precedes or
/// opens it (the title then leaves the span), and takes the rest of a
/// double-barrelled surname written against it; whether it was titled.
fn titled_person(doc: &Doc, s: &mut NameSpan, covered: &[bool]) -> bool {
    let courtesy = |w: &str| matches!(w, "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr") || OFFICE_ABBREVIATIONS.contains(&w);
    let before = s.first > 0 && courtesy(&doc.low(s.first - 1));
    let opens = s.last > s.first && courtesy(&doc.low(s.first)) && doc.low(s.first).ends_with('.');
    if !(before || opens) {
        return false;
    }
    s.first += usize::from(opens);
    s.kind = NameType::Person;
    // `Rep. Alexandria Ocasio | -Cortez`: a double-barrelled surname whole.
    let (hyphen, rest) = (s.last + 1, s.last + 2);
    if rest < doc.tokens.len() && doc.word(hyphen) == "-" && attached(doc, s.last, hyphen) && attached(doc, hyphen, rest) && doc.is_cap(rest) && !covered[rest] {
        s.last = rest;
    }
    true
}

/// The titled person's span that ends `out`, with an `of` inside
/// (`Bernie Sanders of Vermont`), is the person, then what follows: a
/// place when the gazetteer lists it, else an organisation.
fn split_person_of(doc: &Doc, out: &mut Vec<NameSpan>) {
    let Some(s) = out.last_mut() else { return };
    let Some(k) = (s.first + 1..s.last).find(|&k| doc.word(k) == "of") else { return };
    let mut rest = NameSpan { first: k + 1, last: s.last, kind: NameType::Org };
    s.last = k - 1;
    if listed_place(doc, &rest) {
        rest.kind = NameType::Place;
    }
    out.push(rest);
}

/// Abbreviated titles of office that make the name after them a person's
/// (spelt out, `General` or `Representative` also head bodies' names).
const OFFICE_ABBREVIATIONS: [&str; 14] = ["sen.", "sens.", "rep.", "reps.", "gov.", "gen.", "lt.", "col.", "capt.", "sgt.", "maj.", "adm.", "prof.", "rev."];

/// Known platforms and wire services are organisations ([`MEDIA_ORGS`]),
/// except a platform named as the medium something is on, which the
/// guidelines mark MISC like other products: `on Twitter`, `his Facebook
/// page` ([`PLATFORMS`]); `Twitter said` stays an organisation. So is a
/// site named by its address (`MoveOn.org`, `Factcheck.org`, which the
/// tagger, never having seen the shape, often made places).
pub fn media_orgs(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    // A listed name the tagger cut short of its last word (`Field Level |
    // Media`, the sign-off of Reuters's US sports wire) takes it back.
    let covered = doc.covered(&spans);
    for s in spans.iter_mut().filter(|s| s.last + 1 < doc.tokens.len() && !covered[s.last + 1] && doc.gap_is_space(s.last, s.last + 1)) {
        let longer = NameSpan { last: s.last + 1, ..*s };
        if MEDIA_ORGS.contains(doc.span_text(&longer)) {
            *s = longer;
        }
    }
    spans.extend(unmarked_media(doc, &covered));
    spans.sort_by_key(|s| s.first);
    let media = |s: &NameSpan| MEDIA_ORGS.contains(doc.span_text(s)) || (s.first == s.last && crate::analysis::token::is_site_name(doc.word(s.first)));
    for s in spans.iter_mut().filter(|s| media(s)) {
        let before = s.first.checked_sub(1).map(|k| doc.low(k));
        let after = doc.tokens.get(s.last + 1).map(|t| t.text(doc.text).to_lowercase());
        let medium = matches!(before.as_deref(), Some("on" | "via")) || after.as_deref().is_some_and(|w| MEDIUM_NOUNS.contains(w));
        s.kind = if medium && PLATFORMS.contains(doc.word(s.first)) { NameType::Misc } else { NameType::Org };
    }
    spans
}

/// Listed platforms and news services the tagger left unmarked (it found
/// 110 of 276 `Twitter`s in PolNeAR `train`'s texts, and no `Google` in
/// `Google was sued`: neither existed in 1996), as one-word names for
/// [`media_orgs`] to type. Not the listed words that are as often
/// something else: `Apple`, `Amazon` (a river), `Bloomberg` (a person),
/// `AP`.
fn unmarked_media(doc: &Doc, covered: &[bool]) -> Vec<NameSpan> {
    let always = |w: &str| MEDIA_ORGS.contains(w) && !matches!(w, "Apple" | "Amazon" | "Bloomberg" | "AP");
    (0..doc.tokens.len())
        .filter(|&i| !covered[i] && doc.tokens[i].kind == Kind::Word && always(doc.word(i)))
        .map(|i| NameSpan { first: i, last: i, kind: NameType::Org })
        .collect()
}

/// A newspaper's name takes the `The` written right before it (`The New
/// York Times`, `THE NEWS`), as the guidelines mark it, whatever case
/// the sentence gives `The`, and is an organisation (`The Statesman` had
/// been a work, MISC). Its head is one of [`NEWSPAPER_HEADS`]. So is a
/// listed place with such a head (`Washington Post`, `Jerusalem Post`,
/// which the tagger read as places), and a newspaper's head alone after
/// it (`the Post reported`).
pub fn newspaper_titles(doc: &Doc, mut spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let covered = doc.covered(&spans);
    let head = |s: &NameSpan| NEWSPAPER_HEADS.contains(doc.low(s.last).as_str());
    for s in spans.iter_mut().filter(|s| head(s)) {
        let the = s.first.checked_sub(1).filter(|&t| matches!(doc.word(t), "The" | "THE") && !covered[t] && doc.gap_is_space(t, s.first));
        let place = s.last > s.first && listed_place(doc, &NameSpan { last: s.last - 1, ..*s });
        if let Some(t) = the {
            s.first = t;
        }
        if the.is_some() || place {
            s.kind = NameType::Org;
        }
    }
    let papers: HashSet<String, FxBuild> = spans.iter().filter(|s| s.kind == NameType::Org && s.last > s.first && head(s)).map(|s| doc.low(s.last)).collect();
    for s in spans.iter_mut().filter(|s| s.first == s.last && papers.contains(&doc.low(s.first))) {
        s.kind = NameType::Org;
    }
    spans
}
