//! What the ranker knows of a candidate speaker: named string features
//! (`kind=person`, `side=after`, `cue_right`, `rule=CueAfter`…) and their
//! conjunctions.
//!
//! Every feature is about the pattern, never about words of one article:
//! the kind of mention, where it is relative to the quotation (side,
//! sentence, paragraph, distance, rank among the candidates on its side),
//! its grammar near a cue (`X said`, `said X`, `told X`), whether the rules
//! chose it and by which rule, whether it names the previous
//! quotation's speaker, and whether it is a poll in a sentence that gives
//! a share of people (`In a CNN/ORC poll, 31% of Republicans said`).

use super::doc::{Cand, Doc};
use super::lexicon::{is_aux_or_adverb, is_person_noun, is_poll_noun, is_share_word, DETERMINERS, DOC_NOUNS, ROLE_NOUNS};
use super::rules::{Frame, Pick};
use crate::analysis::clusters;
use crate::analysis::words::{word_set, WordSet};
use crate::analysis::names::TITLES;
use crate::analysis::EntityType;

/// What features of one quotation share: the rules' pick, the previous
/// quotation's speaker, and every candidate's place (for ranks), each
/// computed once per quotation.
pub(super) struct QuoteContext {
    /// The rules' pick for this quotation.
    pub(super) rule: Option<Pick>,
    /// The name the rules gave the previous quotation's speaker, and
    /// whether that quotation is in the same paragraph.
    prev: Option<(String, bool)>,
    /// Each candidate with its side, distance and kind.
    placed: Vec<(Cand, Side, usize, &'static str)>,
    /// The quotation is the whole of its paragraph.
    pub(super) whole_paragraph: bool,
}

impl QuoteContext {
    /// The context of the quotation framed by `f` with candidates `cands`.
    pub(super) fn new(doc: &Doc, f: &Frame, rule: Option<Pick>, prev: Option<(Pick, bool)>, cands: &[Cand], whole_paragraph: bool) -> QuoteContext {
        let placed = cands
            .iter()
            .map(|&c| {
                let (side, dist, _) = position(doc, f, c);
                (c, side, dist, kind(doc, c))
            })
            .collect();
        let prev = prev.map(|(p, same_para)| (name_of(doc, p.cand), same_para));
        QuoteContext { rule, prev, placed, whole_paragraph }
    }
}

/// Which side of the quotation a candidate is on.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Side {
    Before,
    After,
    Inside,
}

impl Side {
    fn as_str(self) -> &'static str {
        match self {
            Side::Before => "Before",
            Side::After => "After",
            Side::Inside => "Inside",
        }
    }
}

/// A feature name from its parts. One small function instead of a
/// `format!` per feature: the formatting code of ~30 `format!`s cost the
/// web build about 10 KB gzipped.
fn cat(parts: &[&str]) -> String {
    parts.concat()
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Bits of a phrase head's cluster path the ranker sees (256 clusters):
/// chosen by 5-fold cross-validation on PolNeAR train among 4, 6, 8 and
/// 10 bits (`marginalia train --speakers --folds 5`: 8 gave the most
/// speakers right, 10 split heads too finely to learn from).
const HEAD_CLUSTER_BITS: u32 = 8;

/// Distance buckets (tokens): near distances apart, far ones together.
fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        17..=32 => "17-32",
        _ => "33+",
    }
}

/// The mention's kind: `person`, `org`, `place`, `misc`, the pronoun
/// itself, `role` (a lower-case noun phrase), `doc` (`the statement`) or
/// `cap` (capitalised words the tagger left unmarked).
fn kind(doc: &Doc, c: Cand) -> &'static str {
    match c {
        Cand::Entity(e) => match doc.entity(e).kind {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Place => "place",
            _ => "misc",
        },
        Cand::Pronoun(i) => match doc.lower[i].as_str() {
            "he" => "he",
            "she" => "she",
            "they" => "they",
            "we" => "we",
            "i" => "i",
            _ => "pron",
        },
        Cand::Phrase(_, e) if DOC_NOUNS.contains(doc.lower[e].as_str()) => "doc",
        Cand::Phrase(_, e) if doc.tokens[e].text(doc.text).chars().next().is_some_and(char::is_lowercase) => "role",
        Cand::Phrase(..) => "cap",
    }
}

/// Side, distance in tokens from the nearer mark, and `where`: the same
/// sentence, the sentence before or after, or another paragraph.
fn position(doc: &Doc, f: &Frame, c: Cand) -> (Side, usize, &'static str) {
    let (first, last) = doc.cand_tokens(c);
    if last < f.open_tok {
        let crosses = (last + 1..=f.open_tok.min(doc.tokens.len() - 1)).any(|j| doc.tokens[j].para_start);
        let place = if crosses {
            "other_para"
        } else if doc.sentence_start[first] == f.s_start {
            "same_sent"
        } else {
            "prev_sent"
        };
        (Side::Before, f.open_tok - last - 1, place)
    } else if first >= f.close_tok {
        let crosses = (f.close_tok..=first).any(|j| doc.tokens[j].para_start);
        let place = if crosses {
            "other_para"
        } else if first < f.s_end {
            "same_sent"
        } else {
            "next_sent"
        };
        (Side::After, first - f.close_tok, place)
    } else {
        (Side::Inside, 0, "inside")
    }
}

/// The word right before the mention, past titles (`said Sen. Bob Casey`).
fn word_before(doc: &Doc, first: usize) -> Option<usize> {
    let mut j = first.checked_sub(1)?;
    while j > 0 && TITLES.contains(doc.lower[j].as_str()) && doc.entity_cover[j].is_none() {
        j -= 1;
    }
    Some(j)
}

/// The first word after the mention that is not an auxiliary or adverb
/// (`Price on Monday said` aside, `X had also said`).
fn word_after(doc: &Doc, last: usize) -> Option<usize> {
    (last + 1..(last + 4).min(doc.tokens.len())).find(|&j| {
        let w = doc.lower[j].as_str();
        !is_aux_or_adverb(w)
    })
}

/// The cue next to a mention (`X said`, `said X`), if there is one.
pub(super) fn adjacent_cue(doc: &Doc, c: Cand) -> Option<usize> {
    let (first, last) = doc.cand_tokens(c);
    word_after(doc, last).filter(|&j| doc.is_cue(j)).or_else(|| word_before(doc, first).filter(|&j| doc.is_cue(j)))
}

/// Function words whose place right before or after a mention says much
/// about its role (`told X`, `by X`, `X 's claim`, `X, who`).
static TELLING_NEIGHBOURS: WordSet = word_set![
    "to", "by", "at", "with", "of", "for", "about", "against", "from", "on", "in", "and", "or", "'s", "’s", ",", ".", ":", "who", "the",
    "that", "according", "—", "–", "(",
];

/// Tokens a parenthesis right after a mention may take (`(R-Texas)`,
/// `(D-N.Y.)`, `(R-S.C.)`).
const PARENTHESIS_TOKENS: usize = 8;

/// The last token of a parenthesis right after the mention ending at
/// `last` (`Sen. Ted Cruz (R-Texas) said`, `Trey Gowdy (R-S.C.): “…”`),
/// so that the grammar reads what follows it; else `last`.
fn past_parenthesis(doc: &Doc, last: usize) -> usize {
    if doc.lower.get(last + 1).is_none_or(|w| w != "(") {
        return last;
    }
    let end = (last + 2 + PARENTHESIS_TOKENS).min(doc.tokens.len());
    (last + 2..end).take_while(|&j| !doc.quoted[j] && doc.lower[j] != "(").find(|&j| doc.lower[j] == ")").unwrap_or(last)
}

/// Grammar around the mention: a cue or other verb next to it, and its
/// telling neighbours.
fn grammar(doc: &Doc, first: usize, last: usize, out: &mut Vec<String>) {
    if let Some(j) = word_after(doc, last) {
        if doc.is_passive_cue(j) {
            // `The measure was called “…”`: what was said about.
            out.push("passive_subject".into());
        } else if doc.is_cue(j) {
            out.push("cue_right".into());
            if doc.lower[j].starts_with("sa") {
                out.push("cue_right=say".into());
            }
        } else if doc.is_verb_like(j) {
            out.push("verb_right".into());
        }
    }
    if let Some(j) = word_before(doc, first) {
        if doc.is_cue(j) {
            out.push(if doc.takes_listener(j) { "cue_left_listener".into() } else { "cue_left".into() });
        }
        if doc.lower[j] == "to" && j > 0 && doc.lower[j - 1] == "according" {
            out.push("according_to".into());
        }
    }
    // `the committee` in `The chairman of the committee said`: the
    // object of a phrase that modifies someone (`postmod.rs`).
    if doc.modified_head(first, doc.sentence_start[first]).is_some() {
        out.push("modifies_speaker".into());
    }
    if let Some(w) = first.checked_sub(1).map(|j| doc.lower[j].as_str()).filter(|w| TELLING_NEIGHBOURS.contains(w)) {
        out.push(cat(&["before=", w]));
    }
    if let Some(w) = doc.lower.get(last + 1).map(String::as_str).filter(|w| TELLING_NEIGHBOURS.contains(w)) {
        out.push(cat(&["after=", w]));
    }
}

/// The canonical name a candidate would show (for comparing speakers).
fn name_of(doc: &Doc, c: Cand) -> String {
    doc.attribution(c, None).name
}

/// Rank of `c` among the candidates on its side (of its kind, with
/// `same_kind`), nearest first, capped at 3.
fn rank(ctx: &QuoteContext, c: Cand, side: Side, dist: usize, k: &str, same_kind: bool) -> &'static str {
    let nearer = ctx.placed.iter().filter(|&&(o, s, d, ok)| o != c && s == side && d < dist && (!same_kind || ok == k)).count();
    match nearer {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3",
    }
}

/// Features of candidate `c` for the quotation framed by `f`.
pub(super) fn of_candidate(doc: &Doc, f: &Frame, ctx: &QuoteContext, c: Cand) -> Vec<String> {
    let mut out = Vec::with_capacity(32);
    let k = kind(doc, c);
    let (side, dist, place) = position(doc, f, c);
    let (first, last) = doc.cand_tokens(c);
    let b = bucket(dist);
    let sd = side.as_str();
    out.push(cat(&["kind=", k]));
    out.push(cat(&["side=", sd, "/", place]));
    out.push(cat(&["kind=", k, "/side=", sd, "/", place]));
    out.push(cat(&["dist=", sd, "/", b]));
    out.push(cat(&["kind=", k, "/dist=", sd, "/", b]));
    out.push(cat(&["rank=", sd, "/", rank(ctx, c, side, dist, k, false)]));
    out.push(cat(&["krank=", k, "/", sd, "/", rank(ctx, c, side, dist, k, true)]));
    let before_grammar = out.len();
    grammar(doc, first, past_parenthesis(doc, last), &mut out);
    let conjoined: Vec<String> = out[before_grammar..].iter().map(|g| cat(&[g, "/side=", sd, "/", place])).collect();
    out.extend(conjoined);
    if ctx.whole_paragraph {
        out.push(cat(&["whole_para/side=", sd, "/", place]));
    }
    if f.ended_sentence {
        out.push(cat(&["ended/side=", sd, "/", place]));
    }
    if let Some(p) = ctx.rule.filter(|p| doc.span_of(p.cand) == doc.span_of(c)) {
        out.push("rule".into());
        out.push(cat(&["rule=", p.rule.name()]));
        out.push(cat(&["rule=", p.rule.name(), "/kind=", k]));
    }
    if let Some((name, same_para)) = &ctx.prev {
        let same_para = *same_para;
        if *name == name_of(doc, c) {
            out.push(cat(&["prev_speaker/same_para=", yes_no(same_para)]));
            out.push(cat(&["prev_speaker/side=", sd, "/", place]));
        }
    }
    mention_facts(doc, c, &mut out);
    if names_poll(doc, last) {
        out.push(cat(&["poll/share=", yes_no(tells_share(doc, f))]));
    }
    out
}

/// The mention is a poll or names one (`a national CNN/ORC poll`,
/// `the exit polls`, `CNN/ORC poll`): its last word, or the word after it
/// in the singular (after a name, `polls` is mostly a verb: `Trump polls
/// at 30%`).
fn names_poll(doc: &Doc, last: usize) -> bool {
    is_poll_noun(&doc.lower[last], false) || doc.lower.get(last + 1).is_some_and(|w| is_poll_noun(w, true))
}

/// The quotation's sentence gives a share of people (`31% of
/// Republicans said`, `75 percent`, `the vast majority of Americans
/// say`, `six in 10`): what a poll found, which PolNeAR marks on the poll.
fn tells_share(doc: &Doc, f: &Frame) -> bool {
    (f.s_start..f.s_end.min(doc.tokens.len())).any(|j| {
        !doc.quoted[j] && (is_share_word(&doc.lower[j]) || (doc.lower[j] == "in" && doc.lower.get(j + 1).is_some_and(|w| w == "10")))
    })
}

/// Facts of the mention itself: how often its entity is named, whether a
/// pronoun resolves to a person.
fn mention_facts(doc: &Doc, c: Cand, out: &mut Vec<String>) {
    match c {
        Cand::Entity(e) => {
            let mentions = doc.entity(e).group.map_or(1, |g| doc.groups[g].mentions.len());
            out.push(cat(&["mentions=", bucket(mentions)]));
        }
        Cand::Pronoun(i) => {
            out.push(cat(&["pronoun_resolves=", yes_no(doc.resolve_pronoun(i).is_some())]));
        }
        Cand::Phrase(first, head) => {
            phrase_facts(doc, first, head, out);
        }
    }
}

/// Facts of a noun phrase candidate (`the Vermont senator`, `many
/// protesters`, `the statement`): its head word's cluster, so that heads
/// used alike (`spokesman`, `aide`, `official`) share what the ranker
/// learns of any of them; its determiner; what the lexicon says of its
/// head; its length.
fn phrase_facts(doc: &Doc, first: usize, head: usize, out: &mut Vec<String>) {
    let cluster = clusters::path(&doc.lower[head]).map_or_else(|| "none".to_string(), |p| p.prefix(HEAD_CLUSTER_BITS).to_string());
    out.push(cat(&["head_cluster=", &cluster]));
    let det = match doc.lower[first].as_str() {
        "the" => "the",
        "a" | "an" => "a",
        "his" | "her" | "their" | "its" | "our" | "my" => "poss",
        w if DETERMINERS.contains(w) => "quant",
        _ => "none",
    };
    out.push(cat(&["phrase_det=", det]));
    let hw = doc.lower[head].as_str();
    let head_kind = if ROLE_NOUNS.contains(hw) {
        "role"
    } else if DOC_NOUNS.contains(hw) {
        "doc"
    } else if is_person_noun(hw) {
        "person_suffix"
    } else {
        "other"
    };
    out.push(cat(&["phrase_head=", head_kind]));
    out.push(cat(&["phrase_len=", bucket(head - first)]));
}

/// Features of "no speaker" for the quotation framed by `f`.
pub(super) fn of_nobody(doc: &Doc, f: &Frame, ctx: &QuoteContext, single: bool, words: usize) -> Vec<String> {
    let mut out = vec!["nobody".to_string(), cat(&["nobody/words=", bucket(words)]), cat(&["nobody/single=", yes_no(single)])];
    out.push(cat(&["nobody/rule=", ctx.rule.map_or("none", |p| p.rule.name())]));
    let cue_in_frame = (f.s_start..f.s_end).any(|k| doc.is_cue(k));
    out.push(cat(&["nobody/cue_in_frame=", yes_no(cue_in_frame)]));
    out.push(cat(&["nobody/whole_para=", yes_no(ctx.whole_paragraph)]));
    out.push(cat(&["nobody/ended=", yes_no(f.ended_sentence)]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes::{candidates::candidates, rules, with_doc};

    /// Features of the candidate written `who` for the first quotation.
    fn features_of(text: &str, who: &str) -> Vec<String> {
        with_doc(text, |doc, marked| {
            let q = &marked[0];
            let f = Frame::of(doc, q);
            let picks = rules::picks(doc, marked);
            let cands = candidates(doc, &f, &[picks[0]]);
            let ctx = QuoteContext::new(doc, &f, picks[0], None, &cands, false);
            let c = *cands.iter().find(|&&c| { let s = doc.span_of(c); &text[s.start..s.end] == who }).expect("candidate");
            of_candidate(doc, &f, &ctx, c)
        })
    }

    /// `(text, candidate, features it must have, features it must not)`.
    #[test]
    fn feature_table() {
        let cases: &[(&str, &str, &[&str], &[&str])] = &[
            ("in brief\n“Go,” Jane Smith said.", "Jane Smith", &["kind=person", "side=After/same_sent", "cue_right", "cue_right=say", "rule", "rule=CueAfter"], &["cue_left"]),
            ("in brief\n“Go,” said Jane Smith.", "Jane Smith", &["cue_left", "dist=After/1"], &["cue_right"]),
            ("in brief\n“Go,” she told Tom Brown.", "Tom Brown", &["cue_left_listener", "krank=person/After/0"], &["rule"]),
            ("in brief\nTom Brown spoke. “Go,” the senator said.", "Tom Brown", &["side=Before/prev_sent", "verb_right"], &["cue_right"]),
            // A description: its determiner, what the lexicon says of its head, its length.
            ("in brief\n“Go,” the senator said.", "the senator", &["kind=role", "phrase_det=the", "phrase_head=role", "phrase_len=1", "cue_right"], &["mentions=1"]),
            // A poll, with and without the share of people it found.
            ("in brief\nIn a new poll, 31% of voters said they were “very worried.”", "a new poll", &["poll/share=true"], &["poll/share=false"]),
            ("in brief\nThe new poll was out when voters said they were “very worried.”", "The new poll", &["poll/share=false"], &["poll/share=true"]),
            ("in brief\n“Go,” the senator said.", "the senator", &[], &["poll/share=false", "poll/share=true"]),
        ];
        for &(text, who, has, lacks) in cases {
            let f = features_of(text, who);
            for h in has {
                assert!(f.iter().any(|x| x == h), "{text}: {who} lacks {h}: {f:?}");
            }
            for l in lacks {
                assert!(!f.iter().any(|x| x == l), "{text}: {who} has {l}: {f:?}");
            }
        }
    }
}
