//! Who could have said a quotation: every mention near it that can speak.
//!
//! The window is the sentence before the quotation's own sentence (which
//! may end the paragraph before), the quotation's sentence, and the
//! sentence after it. In it, outside quotations: names (person,
//! organisation, place, other), personal pronouns, a relative `who` after
//! a name or phrase, runs of capitalised
//! words the tagger left unmarked, role noun phrases (`the Vermont
//! senator`), and the subject of every speech cue whatever its head
//! (`the crowd chanted`, `prosecutors told`, `Another said`) and the source after
//! `according to` (`the report`); nothing in a dateline. The
//! rules' own pick and the previous quotation's speaker are always
//! candidates, wherever they are.

use super::doc::{Cand, Doc};
use super::lexicon::{is_article, is_aux_or_adverb, is_person_noun, DETERMINERS, DOC_NOUNS, FUNCTION_WORDS, PRONOUNS, QUANTIFIER_SUBJECTS};
use super::rules::{Frame, Pick};
use crate::analysis::token::Kind;
use crate::analysis::EntityType;

/// Tokens of the sentence after the quotation's that the window takes at
/// most (a short attribution sentence is well within it).
const NEXT_SENTENCE_REACH: usize = 25;
/// Modifiers a role noun phrase may have between determiner and head.
const ROLE_MODIFIERS: usize = 4;

/// The tokens `lo..hi` in which candidates are looked for.
pub(super) fn window(doc: &Doc, f: &Frame) -> (usize, usize) {
    let n = doc.tokens.len();
    let lo = if f.s_start > 0 && f.s_start <= n { doc.sentence_start[f.s_start - 1] } else { f.s_start.min(n) };
    let mut hi = f.s_end;
    // Past the full stop, through the next sentence.
    let limit = (f.s_end + NEXT_SENTENCE_REACH).min(n);
    if hi < limit && !doc.tokens[hi].para_start {
        hi += 1;
        while hi < limit && !doc.tokens[hi].para_start && (doc.quoted[hi] || !matches!(doc.lower[hi].as_str(), "." | "!" | "?")) {
            hi += 1;
        }
    }
    (lo, hi.min(n))
}

/// Every candidate in the window, in text order (past a dateline), then
/// the subjects of its cues and the sources after its `according to`
/// that no candidate overlaps, then the rules'
/// pick and the previous quotation's, if not already there.
pub(super) fn candidates(doc: &Doc, f: &Frame, extra: &[Option<Pick>]) -> Vec<Cand> {
    let (lo, hi) = window(doc, f);
    let mut out: Vec<Cand> = Vec::new();
    let mut i = lo;
    while i < hi {
        if doc.tokens[i].para_start {
            // A dateline names where the story was filed, not who speaks.
            i = doc.after_dateline(i, hi);
            if i >= hi {
                break;
            }
        }
        let (cand, next) = mention_at(doc, i, hi);
        if let Some(c) = cand {
            out.push(c);
        }
        i = next.max(i + 1);
    }
    // Descriptions the scan above does not know as speakers: the subject
    // of every cue (`the crowd chanted`, `prosecutors told`) and the
    // source after `according to` (`the report`).
    let according = (lo..hi).filter_map(|k| according_object(doc, k, hi));
    for c in (lo..hi).filter_map(|k| cue_subject(doc, lo, hi, k)).chain(according) {
        let (first, last) = doc.cand_tokens(c);
        if !out.iter().any(|&o| { let (f, l) = doc.cand_tokens(o); f <= last && first <= l }) {
            out.push(c);
        }
    }
    for p in extra.iter().flatten() {
        if !out.iter().any(|&c| doc.span_of(c) == doc.span_of(p.cand)) {
            out.push(p.cand);
        }
    }
    out
}

/// The noun phrase written right before the cue at `k` (past
/// auxiliaries and adverbs), whatever its head: `the crowd chanted`,
/// `many commentators have called`, `prosecutors told`. The lexicon's
/// role nouns do not limit it: the ranker weighs the head by its word
/// cluster. Its words are in lower case, but for a one-word subject
/// opening its sentence (`Critics said`, `Husted said`). A passive cue's
/// subject is what was said about, so its agent stands in
/// (`passive.rs`).
fn cue_subject(doc: &Doc, lo: usize, hi: usize, k: usize) -> Option<Cand> {
    if !doc.is_cue(k) {
        return None;
    }
    // `The deaths have been described as “…” by the group`: the group.
    if doc.is_passive_cue(k) {
        return doc.agent(k, hi);
    }
    let mut head = k.checked_sub(1)?;
    while head > lo && is_aux_or_adverb(doc.lower[head].as_str()) {
        head -= 1;
    }
    let is_word = |j: usize| {
        let w = doc.lower[j].as_str();
        doc.tokens[j].kind == Kind::Word && !doc.quoted[j] && doc.entity_cover[j].is_none() && !FUNCTION_WORDS.contains(w) && !PRONOUNS.contains(w) && !doc.is_cue(j)
    };
    let is_noun_word = |j: usize| is_word(j) && doc.tokens[j].text(doc.text).chars().next().is_some_and(char::is_lowercase);
    if head >= lo && is_quantifier_subject(doc, lo, head) {
        return Some(Cand::Phrase(head, head));
    }
    // A one-word subject opening its sentence, though capitalised.
    if head >= lo && doc.sentence_start[head] == head && is_word(head) && !DETERMINERS.contains(doc.lower[head].as_str()) {
        return Some(Cand::Phrase(head, head));
    }
    if head < lo || !is_noun_word(head) || DETERMINERS.contains(doc.lower[head].as_str()) {
        return None;
    }
    let mut first = head;
    while first > lo && head - first < ROLE_MODIFIERS && !DETERMINERS.contains(doc.lower[first].as_str()) {
        let j = first - 1;
        let hyphen = doc.lower[j] == "-";
        if !(is_noun_word(j) || DETERMINERS.contains(doc.lower[j].as_str()) || hyphen || doc.tokens[j].kind == Kind::Number) {
            break;
        }
        first = j;
    }
    // `sources familiar with the matter told`: the sources, not the matter.
    if let Some((start, people)) = doc.knowers_before(first, lo) {
        return Some(Cand::Phrase(start, people));
    }
    Some(Cand::Phrase(first, head))
}

/// `head` is one of [`QUANTIFIER_SUBJECTS`] standing alone as a subject
/// (`Another said he hoped…`, `most said they were “very worried”`): it
/// opens the window or its sentence, or follows a comma or a
/// conjunction; after any other word it is that word's (`the many`,
/// `for some`).
fn is_quantifier_subject(doc: &Doc, lo: usize, head: usize) -> bool {
    if doc.quoted[head] || !QUANTIFIER_SUBJECTS.contains(doc.lower[head].as_str()) {
        return false;
    }
    head == lo || doc.sentence_start[head] == head || matches!(doc.lower[head - 1].as_str(), "," | "and" | "but" | "while")
}

/// The source after `according to` at `k`, when no name opens it:
/// `according to the report`, `according to officials with knowledge of
/// the meeting` (`officials`), `according to excerpts of his speech`
/// ([`Doc::source_phrase`]). PolNeAR marks such a source rather than the speaker
/// of the clause it reports 69 times in `train` against 39 the other way;
/// a phrase that holds a name is left to the name, which is a candidate
/// already (or to the scan's document phrase: `a Pentagon readout`).
fn according_object(doc: &Doc, k: usize, hi: usize) -> Option<Cand> {
    let first = k + 2;
    if first >= hi || doc.lower[k] != "according" || doc.lower[k + 1] != "to" || doc.quoted[k] || doc.entity_cover[first].is_some() {
        return None;
    }
    doc.source_phrase(first, hi)
}

/// The mention starting at token `i` (if any) and the token after it.
fn mention_at(doc: &Doc, i: usize, hi: usize) -> (Option<Cand>, usize) {
    if doc.quoted[i] {
        return (None, i + 1);
    }
    if let Some(e) = doc.entity_cover[i] {
        let (_, last) = doc.cand_tokens(Cand::Entity(e));
        let speaks = doc.name_may_speak(e);
        return (speaks.then_some(Cand::Entity(e)), last + 1);
    }
    let w = doc.lower[i].as_str();
    if matches!(w, "he" | "she" | "they" | "we" | "i") {
        return (Some(Cand::Pronoun(i)), i + 1);
    }
    // `Beck, who has described Trump as “…”`: PolNeAR marks the `who`;
    // it is shown with its antecedent's name.
    if w == "who" && doc.antecedent(i).is_some() {
        return (Some(Cand::Pronoun(i)), i + 1);
    }
    if doc.cap_run(i) {
        let mut e = i;
        while e + 1 < hi && doc.cap_run(e + 1) {
            e += 1;
        }
        return (Some(Cand::Phrase(i, e)), e + 1);
    }
    // `that a spokesman`: the phrase opens at the article, not at the
    // conjunction before it, which the determiner list also holds.
    let article_next = doc.lower.get(i + 1).is_some_and(|n| matches!(n.as_str(), "a" | "an" | "the"));
    if DETERMINERS.contains(w) && !article_next {
        if let Some(head) = role_head(doc, i, hi) {
            return (Some(Cand::Phrase(i, head)), head + 1);
        }
    }
    (None, i + 1)
}

/// The head of a role noun phrase opened by the determiner at `det`:
/// the last of up to [`ROLE_MODIFIERS`] + 1 words that names a person or
/// body, or a document that speaks for one (`The petition accuses …`),
/// with no function word and no article between.
fn role_head(doc: &Doc, det: usize, hi: usize) -> Option<usize> {
    let mut head = None;
    for j in det + 1..(det + 2 + ROLE_MODIFIERS).min(hi) {
        let w = doc.lower[j].as_str();
        let word = doc.tokens[j].kind == Kind::Word || (w == "-" && j + 1 < hi);
        // A place or group may modify the role (`the Vermont senator`,
        // `the Democratic nominee`); a person or organisation may not.
        let named = doc.entity_cover[j].is_some_and(|e| !matches!(doc.entity(e).kind, EntityType::Place | EntityType::Misc));
        if doc.quoted[j] || !word || FUNCTION_WORDS.contains(w) || named || is_article(w) {
            break;
        }
        let lower_case = doc.tokens[j].text(doc.text).chars().next().is_some_and(char::is_lowercase);
        if lower_case && (is_person_noun(w) || DOC_NOUNS.contains(w)) {
            head = Some(j);
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes::with_doc;

    /// `(text, quotation, candidates as written)`.
    #[test]
    fn candidate_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            // Names, a role phrase and a pronoun in the window; the listener too.
            (
                "in brief\nJane Smith met the Vermont senator. “Go,” he said to Tom Brown.",
                "Go,",
                &["Jane Smith", "the Vermont senator", "he", "Tom Brown"],
            ),
            // Two sentences back is outside the window.
            ("in brief\nAnn Lee left. Bob Ray came. Then it rained. “Go,” she said.", "Go,", &["she"]),
            // A name that is a compound modifier is no candidate
            // (`Republican-controlled` was one, typed MISC).
            ("in brief\nRepublican-controlled legislatures passed it. “Go,” she said.", "Go,", &["she"]),
            // Quoted words are no candidates.
            ("in brief\n“Tom Brown is here,” she said.", "Tom Brown is here,", &["she"]),
            // The subject of a cue, whatever its head, with its modifiers.
            ("in brief\nThe rally ended. “Build the wall,” the angry crowd chanted.", "Build the wall,", &["the angry crowd"]),
            ("in brief\n“No deal,” federal prosecutors told the court.", "No deal,", &["the court", "federal prosecutors"]),
            // A role phrase opens at its article, not at the `that` before it.
            ("in brief\nIt was so odd that a spokesman could only quip: “Booked.”", "Booked.", &["a spokesman"]),
            // The source after `according to`, up to the phrase's last
            // word before a function word (`a copy`, not `of the letter`).
            ("in brief\nThe witness wanted “to avoid effecting the outcome,” according to the report.", "to avoid effecting the outcome,", &["The witness", "the report"]),
            // A head that is no role noun (`report` is one) was no candidate before.
            ("in brief\nShe will say “nothing prepares you,” according to excerpts of her speech.", "nothing prepares you,", &["She", "excerpts"]),
            // A passive cue's agent, not its subject (`The deaths`).
            ("in brief\nThe deaths have been described as “a mystery” by marine biologists.", "a mystery", &["marine biologists"]),
            // A document phrase is a candidate whole, a place as its
            // modifier (`readout` is a document noun); a name inside any
            // other phrase is a candidate already, and stands for it.
            ("in brief\nAsh Carter spoke “to discuss it,” according to a Pentagon readout.", "to discuss it,", &["Ash Carter", "a Pentagon readout"]),
            ("in brief\nTrump wrote “a major lawsuit,” according to a copy of the letter.", "a major lawsuit,", &["Trump", "the letter", "a copy"]),
            // A relative `who` after a name or a phrase (PolNeAR marks the
            // `who` of a clause that holds the quotation more often than
            // the name).
            ("in brief\nThey met Jane Smith, who has called the plan “a disgrace” since.", "a disgrace", &["They", "Jane Smith", "who"]),
            // A document that speaks for its authors heads a phrase like a
            // role noun, whatever its verb (`accuses` is no cue).
            ("in brief\nThe petition accuses Trump University of “a pattern of fraud.”", "a pattern of fraud.", &["The petition", "Trump University"]),
            // People named by their relation or their crowd are role
            // phrases (`husband`, `crowd`, `audience` are role nouns).
            ("in brief\nJane Smith came. Her husband found it “a disgrace” since.", "a disgrace", &["Jane Smith", "Her husband"]),
            // A role phrase ends where an article opens the next one.
            ("in brief\nThe first taste the Mexican audience got was “a bad joke.”", "a bad joke.", &["the Mexican audience"]),
            // A word standing alone for people as a cue's subject, at a
            // sentence's start or after a comma; not `one` (`No one said`).
            ("in brief\nOne user wrote “too cute.” Another said he hoped “it works.”", "it works.", &["One user", "he", "Another"]),
            ("in brief\nVoters were polled, and most said they were “very worried.”", "very worried.", &["Voters", "they", "most"]),
            ("in brief\nNo one said they were “very worried.”", "very worried.", &["No", "they"]),
            // A sentence adverb between a subject and its cue is skipped,
            // not read as a subject of its own (`however` was one).
            ("in brief\nThe talks went on. Ash Carter however said he would “welcome it.”", "welcome it.", &["Ash Carter", "he"]),
            ("in brief\nThe talks went on. Jane Smith misjudged them, having referred to them as “reformers.”", "reformers.", &["Jane Smith"]),
            // A subject opening its sentence is a cue's subject though
            // capitalised: a word the article also writes in lower case
            // (`critics`), a name the tagger missed (`Husted`, which the
            // unmarked-name reader takes for a verb in `-ed`).
            ("in brief\nSome critics were loud. Then it rained. Critics said, “This is wrong.”", "This is wrong.", &["Critics"]),
            ("in brief\nThe ruling came. Husted said, “We will appeal.”", "We will appeal.", &["The ruling", "Husted"]),
            // A name the tagger missed, opening its sentence before a
            // clause set off by commas, is no opener like `Instead,`.
            ("in brief\nThe talks ended. Husted, speaking to reporters, said: “It is terrific.”", "It is terrific.", &["Husted"]),
            ("in brief\nThe talks ended. Instead, he said: “It is terrific.”", "It is terrific.", &["he"]),
            // Nor is an opener before a subject of its own (`everything`
            // ends in `-ing` but opens no clause closed by a cue).
            ("in brief\nThe talks ended. Regardless, everything on the “crap” list must go.", "crap", &[]),
            // A dateline's place and agency are no one's speaker.
            ("in brief\nKyiv, Ukraine (JEN): The embassy is “temporarily relocating,” Antony Blinken said.", "temporarily relocating,", &["The embassy", "Antony Blinken"]),
        ];
        for &(text, quote, want) in cases {
            let got: Vec<String> = with_doc(text, |doc, marked| {
                let q = marked.iter().find(|m| &text[m.inner.start..m.inner.end] == quote).expect("quotation");
                candidates(doc, &Frame::of(doc, q), &[]).into_iter().map(|c| { let s = doc.span_of(c); text[s.start..s.end].to_string() }).collect()
            });
            assert_eq!(got, want, "{text}");
        }
    }
}
