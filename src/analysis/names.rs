//! Post-processing of tagged names, following the corpus conventions:
//! titles and a leading "the" are not part of a name, a possessive `'s` is
//! not either, `X agreement` / `X treaty` is one MISC name, and a
//! nationality word the tagger missed is MISC. A name never runs across a
//! dash or a full stop (an all-capitals dateline before the dash is a
//! place), a street or square is a place, and neither a US party tag
//! (`(D-Mo.)`) nor a one-word sentence opener (`Instead,`) is a name.

use super::gazetteer::{self, Kinds};
use super::tagger::{NameSpan, NameType};
use super::token::{Kind, Token};
use super::words::WordSet;

/// Words that introduce a person and are not part of the name.
pub static TITLES: WordSet = WordSet::new(&[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "lady", "president", "vice", "secretary",
    "minister", "prime", "foreign", "defence", "defense", "interior", "finance", "deputy", "chancellor", "senator", "sen.",
    "representative", "rep.", "congressman", "congresswoman", "governor", "gov.", "mayor", "general", "gen.", "lt.", "col.",
    "capt.", "sgt.", "maj.", "adm.", "admiral", "commander", "colonel", "captain", "sergeant", "major", "king", "queen",
    "prince", "princess", "pope", "judge", "justice", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "chair", "ceo", "director", "professor", "prof.", "coach", "officer", "chief", "speaker", "leader", "candidate",
    "nominee", "presidential", "attorney", "former", "late", "sec.", "pres.", "rev.", "reverend", "father",
    "sheikh", "emir", "sultan", "premier", "envoy", "counterpart", "commissioner", "senior", "adviser", "advisor", "aide",
]);

/// Lowercase nouns after a capitalised name that make it a place
/// ("the Donbas region", "Crimea peninsula").
static GEO_HEADS: WordSet = WordSet::new(&[
    "region", "regions", "peninsula", "province", "oblast", "district", "county", "valley", "river", "sea", "island", "islands",
    "mountains", "desert", "coast", "basin", "strait", "bay", "lake", "gulf", "prefecture", "governorate", "canton", "territory",
]);

/// Capitalised nouns that head an organisation's name after a place or
/// nationality ("US Embassy", "Russian Army", "State Department").
static ORG_HEADS: WordSet = WordSet::new(&[
    "embassy", "consulate", "ministry", "department", "army", "navy", "police", "government", "parliament", "senate", "congress",
    "council", "commission", "bank", "university", "party", "agency", "office", "court", "academy", "institute", "foundation",
    "committee", "assembly", "airlines", "airways", "railways", "corporation", "company", "group", "association", "union",
    "federation", "league", "club", "guard", "forces", "service", "services", "bureau", "authority", "cabinet", "mission",
]);

/// Social platforms and wire services often named in news text, which a
/// tagger trained on 1996 news cannot know.
static MEDIA_ORGS: WordSet = WordSet::new(&[
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Telegram", "WhatsApp", "Snapchat", "LinkedIn", "Reddit", "Google",
    "Microsoft", "Apple", "Amazon", "Netflix", "Reuters", "AFP", "AP", "Bloomberg", "BBC", "CNN", "NPR", "Politico", "Axios",
]);

/// Capitalised words that open a sentence and are never part of a name.
static OPENERS: WordSet = WordSet::new(&[
    "as", "but", "and", "when", "if", "while", "after", "before", "since", "because", "although", "though", "so", "yet", "or",
    "then", "meanwhile", "however", "still", "also", "even", "unlike", "like", "with", "without", "for", "from", "in", "on", "at",
    "by", "to", "of", "during", "despite", "until", "unless", "whether", "where", "why", "how", "what", "who", "that", "this",
    "later", "earlier", "finally", "first", "again", "here", "there", "now", "today", "yesterday", "tomorrow", "tonight",
    "separately", "previously", "recently", "currently", "afterwards", "overall", "indeed", "moreover", "furthermore",
    "similarly", "likewise", "otherwise", "nevertheless", "nonetheless", "thus", "hence", "therefore", "accordingly", "lastly",
]);

/// Weekdays and months.
static CALENDAR: WordSet = WordSet::new(&[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "june", "july", "august", "september", "october", "november", "december",
]);

/// Last words of a street or square's name.
static STREET_HEADS: WordSet = WordSet::new(&["Street", "Avenue", "Road", "Square", "Boulevard", "Plaza"]);

/// Words after a place or name that make it an agreement (MISC).
static AGREEMENTS: WordSet = WordSet::new(&["agreement", "agreements", "accord", "accords", "treaty", "protocol", "pact", "convention", "declaration"]);

fn low(text: &str, t: &Token) -> String {
    t.text(text).to_lowercase()
}

fn is_cap(text: &str, t: &Token) -> bool {
    t.kind == Kind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
}

fn gap_is_space(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    text[tokens[a].end..tokens[b].start] == *" "
}

/// Tokens `first..=last` lie inside a US party tag: `(`, `D`/`R`/`I`, `-`,
/// a state, `)`.
fn in_party_tag(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let Some(open) = (first.saturating_sub(3)..=first).rev().find(|&p| tokens[p].text(text) == "(") else { return false };
    let party = tokens.get(open + 1).is_some_and(|t| matches!(t.text(text), "D" | "R" | "I"));
    let dash = tokens.get(open + 2).is_some_and(|t| matches!(t.text(text), "-" | "–"));
    let close = (last + 1..(open + 8).min(tokens.len())).any(|j| tokens[j].text(text) == ")");
    party && dash && close && first > open
}

/// A name never runs across a dash or a full stop: "SAN FRANCISCO — Apple
/// Inc." is a dateline place and an organisation; "Hamas. According" ends a
/// sentence.
fn split_at_breaks(text: &str, tokens: &[Token], s: NameSpan) -> Vec<NameSpan> {
    let is_break = |i: usize| matches!(tokens[i].text(text), "—" | "–" | "--" | "―" | ".");
    if !(s.first..=s.last).any(is_break) {
        return vec![s];
    }
    let mut parts = Vec::new();
    let mut start = s.first;
    for i in s.first..=s.last + 1 {
        if i > s.last || is_break(i) {
            if i > start {
                let part = &text[tokens[start].start..tokens[i - 1].end];
                // The all-capitals part opening a paragraph is a dateline.
                let dateline = start == s.first && tokens[start].para_start && part.chars().all(|c| !c.is_lowercase());
                parts.push(NameSpan { first: start, last: i - 1, kind: if dateline { NameType::Place } else { s.kind } });
            }
            start = i + 1;
        }
    }
    parts
}

/// Applies the conventions to `spans`; may add, split, retype or extend
/// names (see the module documentation).
pub fn post_process(text: &str, tokens: &[Token], spans: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut out: Vec<NameSpan> = Vec::with_capacity(spans.len());
    let spans = spans.into_iter().flat_map(|s| split_at_breaks(text, tokens, s));
    for mut s in spans {
        // Leading "the", clause openers ("As Blumenthal spoke"), titles
        // (persons only), trailing possessive.
        while s.first < s.last {
            let w = low(text, &tokens[s.first]);
            let is_title = s.kind == NameType::Person && TITLES.contains(w.as_str());
            let opener = tokens[s.first].sent_start && OPENERS.contains(w.as_str());
            if w == "the" || is_title || opener {
                s.first += 1;
            } else {
                break;
            }
        }
        while s.last > s.first && matches!(tokens[s.last].text(text), "'s" | "’s" | "'" | "’" | "," | "." | "-") {
            s.last -= 1;
        }
        // Days and months at the edges are dates, not names ("Florida Friday").
        let calendar = |i: usize| CALENDAR.contains(low(text, &tokens[i]).as_str());
        while s.last > s.first && calendar(s.last) {
            s.last -= 1;
        }
        while s.first < s.last && calendar(s.first) {
            s.first += 1;
        }
        if s.first == s.last && calendar(s.first) {
            continue;
        }
        if tokens[s.first..=s.last].iter().all(|t| t.kind != Kind::Word) {
            continue;
        }
        // "Instead, he…", "Typically, …", "According to…": a one-word
        // sentence opener is not a name.
        if s.first == s.last && tokens[s.first].sent_start {
            let w = low(text, &tokens[s.first]);
            let comma = tokens.get(s.first + 1).is_some_and(|t| t.text(text) == ",");
            if OPENERS.contains(w.as_str()) || w == "according" || (comma && (w == "instead" || (w.ends_with("ly") && gazetteer::lookup(tokens[s.first].text(text)).is_none()))) {
                continue;
            }
        }
        // "Downing Street", "Tahrir Square": a street or square is a place,
        // whatever the name before it.
        if s.kind == NameType::Person && s.last > s.first && STREET_HEADS.contains(tokens[s.last].text(text)) {
            s.kind = NameType::Place;
        }
        // "McCaskill (D-Mo.)", "Rubio (R-FL)": a party and state tag is
        // not a person or an organisation.
        if s.kind != NameType::Place && in_party_tag(text, tokens, s.first, s.last) {
            continue;
        }
        // "Ukraine-Belarus": two places joined by a hyphen are two names,
        // unless the whole is itself a name (Guinea-Bissau).
        if s.kind == NameType::Place && s.last == s.first + 2 && tokens[s.first + 1].text(text) == "-" {
            let whole = &text[tokens[s.first].start..tokens[s.last].end];
            let place = |i: usize| gazetteer::lookup(tokens[i].text(text)).is_some_and(|e| e.kinds.has(Kinds::PLACE));
            if gazetteer::lookup(whole).is_none() && place(s.first) && place(s.last) {
                out.push(NameSpan { first: s.first, last: s.first, kind: NameType::Place });
                out.push(NameSpan { first: s.last, last: s.last, kind: NameType::Place });
                continue;
            }
        }
        out.push(s);
    }
    out.sort_by_key(|s| s.first);
    let mut covered = vec![false; tokens.len()];
    let mark = |covered: &mut Vec<bool>, s: &NameSpan| covered[s.first..=s.last].iter_mut().for_each(|c| *c = true);
    for s in &out {
        mark(&mut covered, s);
    }

    // Capitalised words before a geographic noun are a place.
    for i in 0..tokens.len().saturating_sub(1) {
        if is_cap(text, &tokens[i]) && GEO_HEADS.contains(low(text, &tokens[i + 1]).as_str()) && tokens[i + 1].text(text).chars().all(char::is_lowercase) && gap_is_space(text, tokens, i, i + 1) {
            let mut first = i;
            while first > 0 && is_cap(text, &tokens[first - 1]) && gap_is_space(text, tokens, first - 1, first) && !tokens[first].sent_start {
                first -= 1;
            }
            out.retain(|s| s.last < first || s.first > i);
            out.push(NameSpan { first, last: i, kind: NameType::Place });
        }
    }
    out.sort_by_key(|s| s.first);

    // A country's name or code is a place, not an organisation (US, U.S.).
    for s in &mut out {
        if s.kind == NameType::Org && s.first == s.last {
            let w = tokens[s.first].text(text);
            if gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::COUNTRY) && e.canonical.is_some()) {
                s.kind = NameType::Place;
            }
        }
    }

    // Place/nationality + capitalised organisation head (+ place): one ORG.
    let mut merged: Vec<NameSpan> = Vec::with_capacity(out.len());
    let mut k = 0;
    while k < out.len() {
        let s = out[k];
        let head = s.last + 1;
        let org_head = head < tokens.len()
            && is_cap(text, &tokens[head])
            && ORG_HEADS.contains(low(text, &tokens[head]).as_str())
            && gap_is_space(text, tokens, s.last, head);
        if matches!(s.kind, NameType::Place | NameType::Misc) && org_head {
            let mut last = head;
            let mut next = k + 1;
            // Names owned by the organisation written right after it.
            let owned = next < out.len()
                && (out[next].first == head
                    || (out[next].first == head + 1 && out[next].kind == NameType::Place && gap_is_space(text, tokens, head, head + 1)));
            if owned {
                last = out[next].last;
                next += 1;
            }
            merged.push(NameSpan { first: s.first, last, kind: NameType::Org });
            k = next;
            continue;
        }
        merged.push(s);
        k += 1;
    }
    out = merged;

    // Agreements: "Minsk agreement", "Paris Accords".
    for s in &mut out {
        let next = s.last + 1;
        if next < tokens.len() && AGREEMENTS.contains(low(text, &tokens[next]).as_str()) && gap_is_space(text, tokens, s.last, next) {
            s.last = next;
            s.kind = NameType::Misc;
        }
    }

    // A lone capitalised word opening a sentence that reads as an adjective
    // or verb form ("Grateful to…", "Speaking at…") is not a person.
    out.retain(|s| {
        if s.kind != NameType::Person || s.first != s.last {
            return true;
        }
        let t = &tokens[s.first];
        let starts = t.sent_start || (s.first > 0 && matches!(tokens[s.first - 1].text(text), "\"" | "“" | "‘" | "'" | "(" ));
        let w = low(text, t);
        let first_name = gazetteer::lookup(t.text(text)).is_some_and(|e| e.kinds.has(Kinds::FIRST_NAME));
        let adjectival = ["ful", "less", "ous", "ive", "able", "ible", "ing", "ed", "ly"].iter().any(|suf| w.len() > suf.len() + 3 && w.ends_with(suf));
        !(starts && adjectival && !first_name)
    });

    // A courtesy title before a name makes it a person ("Mr. Obama").
    for s in &mut out {
        if s.first > 0 && matches!(low(text, &tokens[s.first - 1]).as_str(), "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms" | "dr") {
            s.kind = NameType::Person;
        }
        if matches!(low(text, &tokens[s.first]).as_str(), "mr." | "mrs." | "ms." | "dr.") && s.last > s.first {
            s.first += 1;
            s.kind = NameType::Person;
        }
    }

    // Known platforms and wire services.
    for s in &mut out {
        if s.first == s.last && MEDIA_ORGS.contains(tokens[s.first].text(text)) {
            s.kind = NameType::Org;
        }
    }

    // Datelines: "KYIV, Ukraine (JEN):" / "WASHINGTON (Reuters) -" name the agency.
    for i in 1..tokens.len().saturating_sub(1) {
        let agency = tokens[i].text(text);
        if tokens[i - 1].text(text) == "(" && tokens[i + 1].text(text) == ")" && agency.len() >= 2 && agency.chars().all(|c| c.is_ascii_uppercase())
            || tokens[i - 1].text(text) == "(" && tokens[i + 1].text(text) == ")" && MEDIA_ORGS.contains(agency)
        {
            // Everything before the parenthesis in its paragraph is places.
            let start = (0..i).rev().find(|&k| tokens[k].para_start).unwrap_or(0);
            let before: Vec<&NameSpan> = out.iter().filter(|s| s.first >= start && s.last < i - 1).collect();
            let only_places = !before.is_empty()
                && before.iter().all(|s| s.kind == NameType::Place)
                && (start..i - 1).all(|k| covered[k] || matches!(tokens[k].text(text), "," | "-"))
                ;
            if only_places {
                out.retain(|s| !(s.first <= i && i <= s.last));
                out.push(NameSpan { first: i, last: i, kind: NameType::Org });
            }
        }
    }
    out.sort_by_key(|s| s.first);
    covered.iter_mut().for_each(|c| *c = false);
    for s in &out {
        mark(&mut covered, s);
    }

    // Document consistency: the same name gets the type most of its
    // mentions have, and an unmarked repeat of a name (or of a person's
    // surname) is marked too.
    let key = |s: &NameSpan| text[tokens[s.first].start..tokens[s.last].end].to_string();
    let mut votes: std::collections::HashMap<String, [usize; 4], super::words::FxBuild> = Default::default();
    for s in &out {
        votes.entry(key(s)).or_default()[s.kind as usize] += 1;
    }
    let types = [NameType::Person, NameType::Place, NameType::Org, NameType::Misc];
    for s in &mut out {
        let v = votes[&key(s)];
        let (best, n) = v.iter().enumerate().max_by_key(|&(_, n)| *n).map(|(i, n)| (i, *n)).unwrap_or((0, 0));
        if n * 2 > v.iter().sum::<usize>() {
            s.kind = types[best];
        }
    }
    let mut surnames: std::collections::HashSet<String, super::words::FxBuild> = Default::default();
    for s in &out {
        if s.kind == NameType::Person && s.last > s.first {
            surnames.insert(tokens[s.last].text(text).to_string());
        }
    }
    // A lone surname of a person named in full elsewhere is that person
    // ("Trump" after "Donald Trump"), whatever the tagger said.
    for s in &mut out {
        if s.first == s.last && s.kind != NameType::Person && surnames.contains(tokens[s.first].text(text)) {
            s.kind = NameType::Person;
        }
    }
    let mut added = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || !is_cap(text, t) || t.sent_start && !surnames.contains(t.text(text)) {
            continue;
        }
        let w = t.text(text);
        let part_of_run = (i > 0 && is_cap(text, &tokens[i - 1]) && !covered[i - 1] && gap_is_space(text, tokens, i - 1, i))
            || (i + 1 < tokens.len() && is_cap(text, &tokens[i + 1]) && gap_is_space(text, tokens, i, i + 1));
        if part_of_run {
            continue;
        }
        if surnames.contains(w) {
            added.push(NameSpan { first: i, last: i, kind: NameType::Person });
        } else if let Some(v) = votes.get(w) {
            let (best, n) = v.iter().enumerate().max_by_key(|&(_, n)| *n).map(|(i, n)| (i, *n)).unwrap_or((0, 0));
            if n > 0 && n * 2 > v.iter().sum::<usize>() {
                added.push(NameSpan { first: i, last: i, kind: types[best] });
            }
        }
    }
    out.extend(added);
    out.sort_by_key(|s| s.first);
    covered.iter_mut().for_each(|c| *c = false);
    for s in &out {
        mark(&mut covered, s);
    }

    // Nationality words the tagger did not mark.
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || t.kind != Kind::Word {
            continue;
        }
        let w = t.text(text);
        if !w.chars().next().is_some_and(char::is_uppercase) || w.chars().all(char::is_uppercase) {
            continue;
        }
        if gazetteer::lookup(w).is_some_and(|e| e.kinds.has(Kinds::DEMONYM) && !e.kinds.has(Kinds::PLACE | Kinds::FIRST_NAME)) {
            out.push(NameSpan { first: i, last: i, kind: NameType::Misc });
        }
    }
    out.sort_by_key(|s| s.first);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(strip_titles("Secretary Antony Blinken"), "Antony Blinken");
        assert_eq!(strip_titles("Foreign Minister Dmytro Kuleba"), "Dmytro Kuleba");
        assert_eq!(strip_titles("Ned Price"), "Ned Price");
        assert_eq!(strip_titles("President"), "President");
    }
}
