//! Post-processing of tagged names, following the corpus conventions, as a
//! list of small named rules run in order ([`RULES`]).
//!
//! Each rule takes the names found so far and returns them changed: titles
//! and a leading "the" are not part of a name, a possessive `'s` is not
//! either, `X agreement` is one MISC name, so are events and laws
//! (`Ryder Cup`, `Internal Market Bill`), a nationality word the tagger
//! missed is MISC, a name never runs across a dash or a full stop, a street
//! is a place, a possessive after a place or an acronym splits two names
//! (`Russia ’s Sputnik V`), a table's header row of acronyms is one name
//! per party (`CDU / CSU SPD FDP`), and neither a US party tag (`(D-Mo.)`), a
//! one-word sentence opener (`Instead,`), a pronoun nor news furniture
//! (`FILE PHOTO`, `Dec`) is a name. A job title splits the body before it
//! from the person after it (`Tesla Chief Executive Elon Musk`), a party
//! or a nationality is apart from its member (`Democrat Joe Biden`,
//! `Englishman Alliss`), a legal form makes a company (`Tencent
//! Holdings`), a listed company written as a possessive keeps its `'s`
//! (`McDonald's`), a town's `City` without a listed place of that name is its
//! club (`Leicester City`), a stadium or a museum is a place, an index or
//! a product keeps its number (`FTSE 250`), and a trial's `Phase 3` is no
//! name. Document-level evidence is read too: a byline names a person, an
//! organisation noun before a name or in its appositive makes it an
//! organisation at every mention, a press digest's line in capitals is
//! a newspaper, a dateline's place stays a place, a
//! town shown playing (`Oklahoma beat Baylor 27-14`) is its team, so is
//! a side opening a line of scorers (`Brann - Mjelde ( 10th )`), the
//! surname before `administration` is its leader, a lone name the article
//! twice follows with `his` is a person, and a listed place after `in` is
//! that place.
//!
//! Rules are named so `marginalia eval` can report how many names each one
//! changes and what F1 costs without it ([`post_process_except`]): a rule
//! that does not pay on both dev sets should go.

mod consistency;
mod digests;
pub mod lexicon;
mod merge;
mod scorers;
mod spans;
mod teams;
#[cfg(test)]
mod tests;

use super::tagger::NameSpan;
use super::token::{Kind, Token};
pub use lexicon::TITLES;

/// The tokenised document the rules read.
pub struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
}

impl Doc<'_> {
    /// Token `i` lower-cased.
    fn low(&self, i: usize) -> String {
        self.tokens[i].text(self.text).to_lowercase()
    }

    /// Token `i` as written.
    fn word(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    /// Token `i` is a word starting with a capital.
    fn is_cap(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.kind == Kind::Word && t.text(self.text).chars().next().is_some_and(char::is_uppercase)
    }

    /// Token `i` opens a sentence: the tokenizer says so, or it follows an
    /// opening quote or bracket (`“If Iran …`: a quoted sentence starts
    /// inside the sentence that quotes it, and its first word is as
    /// capitalised as any sentence's), or a spaced dash (`Jeh Johnson -
    /// Although best known …`, a list of nominees).
    fn opens_sentence(&self, i: usize) -> bool {
        let after_dash = i > 0 && self.is_spaced_dash(i - 1);
        self.tokens[i].sent_start || after_dash || (i > 0 && matches!(self.word(i - 1), "\"" | "“" | "‘" | "'" | "(" | "«"))
    }

    /// Token `i` opens a sentence and is one of [`lexicon::OPENERS`]
    /// (`When`, `Can`), unless it is an acronym's length (two or three
    /// letters) and written in capitals in a sentence that is not: `WHO
    /// said`, `WHO officials` name the organisation; `WITH clause`, in a
    /// manual of SQL, is still the word.
    fn is_opener(&self, i: usize) -> bool {
        let word = self.word(i);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = (2..=3).contains(&letters) && !word.chars().any(char::is_lowercase);
        let prose_follows = self.tokens.get(i + 1).is_some_and(|t| t.text(self.text).chars().any(char::is_lowercase));
        self.opens_sentence(i) && lexicon::OPENERS.contains(self.low(i).as_str()) && !(capitals && prose_follows)
    }

    /// Token `i` is a dash with a space on each side (a hyphen written so is
    /// a dash; one inside a word joins it).
    fn is_spaced_dash(&self, i: usize) -> bool {
        i > 0 && i + 1 < self.tokens.len() && matches!(self.word(i), "-" | "–" | "—") && self.gap_is_space(i - 1, i) && self.gap_is_space(i, i + 1)
    }

    /// Tokens `a` and `b` are separated by exactly one space.
    fn gap_is_space(&self, a: usize, b: usize) -> bool {
        self.text[self.tokens[a].end..self.tokens[b].start] == *" "
    }

    /// The text of a span.
    fn span_text(&self, s: &NameSpan) -> &str {
        &self.text[self.tokens[s.first].start..self.tokens[s.last].end]
    }

    /// Each line's tokens, in order (a line opens at a token that starts
    /// its paragraph).
    fn lines(&self) -> Vec<std::ops::Range<usize>> {
        let starts: Vec<usize> = (0..self.tokens.len()).filter(|&i| self.tokens[i].para_start).collect();
        starts.iter().enumerate().map(|(n, &first)| first..starts.get(n + 1).copied().unwrap_or(self.tokens.len())).collect()
    }

    /// Which tokens `spans` cover.
    fn covered(&self, spans: &[NameSpan]) -> Vec<bool> {
        let mut covered = vec![false; self.tokens.len()];
        for s in spans {
            covered[s.first..=s.last].iter_mut().for_each(|c| *c = true);
        }
        covered
    }
}

/// One convention: a name for reports and a function from the names so far
/// to the changed names.
pub struct Rule {
    /// Short name, shown by `marginalia eval`.
    pub name: &'static str,
    /// The change.
    pub apply: fn(&Doc, Vec<NameSpan>) -> Vec<NameSpan>,
}

/// The conventions, in the order they run. Order matters where one rule
/// reads what another made: edges are trimmed before heads are merged, and
/// document consistency runs on the finished spans.
pub static RULES: &[Rule] = &[
    Rule { name: "split-at-breaks", apply: spans::split_at_breaks },
    Rule { name: "split-at-possessives", apply: spans::split_at_possessives },
    Rule { name: "leading-labels", apply: spans::leading_labels },
    Rule { name: "trim-edges", apply: spans::trim_edges },
    Rule { name: "drop-openers", apply: spans::drop_openers },
    Rule { name: "split-acronym-rows", apply: spans::split_acronym_rows },
    Rule { name: "drop-furniture", apply: spans::drop_furniture },
    Rule { name: "streets-are-places", apply: spans::streets_are_places },
    Rule { name: "venues", apply: spans::venues },
    Rule { name: "drop-party-tags", apply: spans::drop_party_tags },
    Rule { name: "split-place-pairs", apply: spans::split_place_pairs },
    Rule { name: "geo-heads", apply: merge::geo_heads },
    Rule { name: "country-codes", apply: spans::country_codes_are_places },
    Rule { name: "places-in-addresses", apply: spans::places_in_addresses },
    Rule { name: "bylines", apply: spans::bylines },
    Rule { name: "org-heads", apply: merge::org_heads },
    Rule { name: "agreements", apply: merge::agreements },
    Rule { name: "events-and-laws", apply: merge::events_and_laws },
    Rule { name: "quoted-titles", apply: merge::quoted_titles },
    Rule { name: "drop-adjectival-openers", apply: spans::drop_adjectival_openers },
    Rule { name: "courtesy-titles", apply: spans::courtesy_titles },
    Rule { name: "split-at-titles", apply: spans::split_at_titles },
    Rule { name: "split-people-at-commas", apply: spans::split_people_at_commas },
    Rule { name: "caps-first-names", apply: spans::caps_first_names },
    Rule { name: "media-orgs", apply: spans::media_orgs },
    Rule { name: "legal-forms", apply: spans::legal_forms },
    Rule { name: "possessive-companies", apply: spans::possessive_companies },
    Rule { name: "town-clubs", apply: spans::town_clubs },
    Rule { name: "demonym-states", apply: spans::demonym_states },
    Rule { name: "newspaper-titles", apply: spans::newspaper_titles },
    Rule { name: "press-digest-papers", apply: digests::press_digest_papers },
    Rule { name: "datelines", apply: merge::datelines },
    Rule { name: "numbered-names", apply: merge::numbered_names },
    Rule { name: "teams", apply: teams::teams },
    Rule { name: "scorer-lines", apply: scorers::scorer_lines },
    Rule { name: "administrations", apply: merge::administrations },
    Rule { name: "one-type-per-name", apply: consistency::one_type_per_name },
    Rule { name: "full-names-of-people", apply: consistency::full_names_of_people },
    Rule { name: "company-short-names", apply: consistency::company_short_names },
    Rule { name: "surnames", apply: consistency::surnames_are_people },
    Rule { name: "name-tails", apply: consistency::name_tails },
    Rule { name: "org-roles", apply: merge::org_roles },
    Rule { name: "repeats", apply: consistency::repeats },
    Rule { name: "surname-particles", apply: spans::surname_particles },
    Rule { name: "hyphenated-names", apply: spans::hyphenated_names },
    Rule { name: "hyphen-compounds", apply: spans::hyphen_compounds },
    Rule { name: "places-after-in", apply: spans::places_after_in },
    Rule { name: "dateline-places", apply: merge::dateline_places },
    Rule { name: "schedule-lines", apply: merge::schedule_lines },
    Rule { name: "demonyms", apply: merge::demonyms },
    Rule { name: "listed-and-names", apply: merge::listed_and_names },
    Rule { name: "org-of-place", apply: spans::org_of_place },
    Rule { name: "place-party-members", apply: spans::place_party_members },
];

/// Applies every rule in [`RULES`] to `spans`.
pub fn post_process(text: &str, tokens: &[Token], spans: Vec<NameSpan>) -> Vec<NameSpan> {
    post_process_except(text, tokens, spans, &[])
}

/// Applies the rules in [`RULES`] except those named in `skip` (for
/// measuring what each rule is worth).
pub fn post_process_except(text: &str, tokens: &[Token], mut spans: Vec<NameSpan>, skip: &[&str]) -> Vec<NameSpan> {
    let doc = Doc { text, tokens };
    for rule in RULES.iter().filter(|r| !skip.contains(&r.name)) {
        spans = (rule.apply)(&doc, spans);
        crate::order::sort_by_key(&mut spans, |s| s.first);
    }
    spans
}

/// Removes leading title words from a name written with one (`Secretary
/// Antony Blinken` -> `Antony Blinken`), keeping at least one word.
pub fn strip_titles(name: &str) -> &str {
    let mut rest = name.trim();
    loop {
        let Some((first, tail)) = rest.split_once(' ') else { return rest };
        if TITLES.contains(first.to_lowercase().as_str()) {
            rest = tail.trim_start();
        } else {
            return rest;
        }
    }
}
