//! The attribution rules: each reads one way writers attribute a
//! quotation (`"…," X said`, `X said: "…"`, `"…" — X`, a paragraph that
//! only continues the one before) and proposes a speaker.
//!
//! Rules run in the order of [`LOCAL_RULES`]: the first that finds a
//! pattern in the quotation's own frame (its sentence with every
//! quotation masked) wins. Then the document rules fill the quotations
//! still without a speaker from their neighbours. The learned ranker
//! (`ranker.rs`) takes what the rules pick as its strongest
//! feature and may choose another candidate.

use super::doc::{Cand, Doc};
use super::lexicon::{is_dash, NOUN_CUES};
use super::marks::Marked;
use crate::analysis::token::Kind;
use crate::analysis::words::{word_set, WordSet};

/// Tokens after the closing mark searched for a cue (`"…," X said`).
const CUE_AFTER_REACH: usize = 30;
/// Beyond this many tokens after the closing mark only an inverted cue
/// (`, said Steve Elmendorf`) still attributes the quotation.
const CUE_AFTER_PLAIN: usize = 12;
/// Tokens from an attributing `as` to its cue (`as Reuters reported`, `as
/// the campaign's manager put it`): room for a subject, not a clause.
const AS_SUBJECT_WORDS: usize = 6;
/// A cue this close after the quotation beats an adjacent verb of any kind.
const ADJACENT_CUE_REACH: usize = 8;
/// Tokens an attribution line after a dash (`"…" — Ann Lee`) may take.
const DASH_LINE_REACH: usize = 8;
/// Tokens of a short sentence after the quotation that is only its
/// attribution (`"… missing." Trump said.`).
const SHORT_SENTENCE: usize = 9;
/// Tokens of such a sentence when its cue is `said of`.
const LONG_SENTENCE: usize = 25;
/// Words that open an adjunct right after a cue (`said as he launched
/// the process`, `told reporters` is no adjunct): the cue takes no claim
/// of its own, so the quotation before is what was said.
static ADJUNCT_OPENERS: WordSet = word_set!["as", "while", "when", "after", "before", "during", "in", "at", "on", "from", "via", "through"];
/// Tokens an appositive between a name and its cue may take (`, R-Pa.,`,
/// `, a Republican from Ohio,`).
const APPOSITIVE_WORDS: usize = 8;
/// Unquoted tokens before the opening mark within which a noun cue
/// (`Trump's claim that "…"`) still introduces the quotation.
const NOUN_CUE_REACH: usize = 8;
/// Tokens before the full stop in which `X said.` introduces a quotation
/// opening the next sentence.
const SENTENCE_BEFORE_CUE_REACH: usize = 4;
/// A previous paragraph's tail after its quotation is only an
/// attribution (`…,” Carson continued.`) when it has at most this many words.
const ATTRIBUTION_TAIL_WORDS: usize = 8;
/// Tokens after an inverted cue searched for its subject when no other
/// rule found one (`said on Monday the ministry`).
const AFTER_CUE_REACH: usize = 6;
/// A single-quoted phrase of at most this many words is a scare quote.
pub(super) const SCARE_WORDS: usize = 3;

/// The rule that proposed a speaker, named for the pattern it reads.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `"…" — Ann Lee`: an attribution line after a dash.
    DashLine,
    /// `"…," Trump barked`: a subject and any verb right after the quotation.
    AdjacentVerb,
    /// `"…," X said` or `"…," said X`.
    CueAfter,
    /// `"… missing." Trump said.`: a short sentence after the quotation.
    ShortSentenceAfter,
    /// `X said: "…"` or `X's claim that "…"`.
    CueBefore,
    /// A cue elsewhere in the quotation's sentence.
    CueInFrame,
    /// `X said. "…"`: the sentence just before.
    SentenceBefore,
    /// `He said:` ending the paragraph before.
    ColonBefore,
    /// `Trey Gowdy (R-S.C.): "…"`: a paragraph opening with a speaker's label.
    SpeakerLabel,
    /// No cue of its own: continues the previous quotation in its paragraph.
    Continues,
    /// `admires Putin as a "strong leader"`: the sentence's named subject.
    InlineSubject,
    /// A paragraph that is only a quotation, after one that ended with its
    /// attribution.
    ParagraphContinues,
    /// `"First." "Second," she said.`: shares the next quotation's speaker.
    SharesNext,
    /// A paragraph that is only a quotation: the subject of the paragraph before.
    ParagraphSubject,
    /// A quotation continued into the next paragraph shares its speaker.
    ContinuedParagraph,
    /// No rule: the learned ranker chose a candidate the rules did not.
    Ranker,
}

impl Rule {
    /// The rule's name, as in feature names and reports.
    pub fn name(self) -> &'static str {
        match self {
            Rule::DashLine => "DashLine",
            Rule::AdjacentVerb => "AdjacentVerb",
            Rule::CueAfter => "CueAfter",
            Rule::ShortSentenceAfter => "ShortSentenceAfter",
            Rule::CueBefore => "CueBefore",
            Rule::CueInFrame => "CueInFrame",
            Rule::SentenceBefore => "SentenceBefore",
            Rule::ColonBefore => "ColonBefore",
            Rule::SpeakerLabel => "SpeakerLabel",
            Rule::Continues => "Continues",
            Rule::InlineSubject => "InlineSubject",
            Rule::ParagraphContinues => "ParagraphContinues",
            Rule::SharesNext => "SharesNext",
            Rule::ParagraphSubject => "ParagraphSubject",
            Rule::ContinuedParagraph => "ContinuedParagraph",
            Rule::Ranker => "Ranker",
        }
    }

    /// Every rule, for tables and feature names.
    pub const ALL: [Rule; 16] = [
        Rule::DashLine,
        Rule::AdjacentVerb,
        Rule::CueAfter,
        Rule::ShortSentenceAfter,
        Rule::CueBefore,
        Rule::CueInFrame,
        Rule::SentenceBefore,
        Rule::ColonBefore,
        Rule::SpeakerLabel,
        Rule::Continues,
        Rule::InlineSubject,
        Rule::ParagraphContinues,
        Rule::SharesNext,
        Rule::ParagraphSubject,
        Rule::ContinuedParagraph,
        Rule::Ranker,
    ];
}

/// What a rule picked: the speaker candidate, the cue token, the rule.
#[derive(Copy, Clone, Debug, PartialEq)]
pub(super) struct Pick {
    pub(super) cand: Cand,
    pub(super) cue: Option<usize>,
    pub(super) rule: Rule,
}

/// A quotation's place among the tokens.
pub(super) struct Frame {
    /// Token of the opening mark.
    pub(super) open_tok: usize,
    /// First token after the quotation.
    pub(super) close_tok: usize,
    /// First token of the sentence holding the opening mark.
    pub(super) s_start: usize,
    /// End (exclusive) of the sentence after the quotation.
    pub(super) s_end: usize,
    /// The quotation ends with `.`, `?` or `!`.
    pub(super) ended_sentence: bool,
}

impl Frame {
    pub(super) fn of(doc: &Doc, q: &Marked) -> Frame {
        let tokens = doc.tokens;
        let open_tok = doc.token_at_or_after(q.open);
        let close_tok = doc.token_at_or_after(q.close);
        let s_start = if open_tok < tokens.len() { doc.sentence_start[open_tok] } else { tokens.len() };
        let mut s_end = close_tok;
        while s_end < tokens.len() && !tokens[s_end].para_start && (doc.quoted[s_end] || doc.sentence_start[s_end] == s_start || s_end == close_tok) {
            if !doc.quoted[s_end] && matches!(tokens[s_end].text(doc.text), "." | "!" | "?") {
                break;
            }
            s_end += 1;
        }
        let ended_sentence = doc.text[q.inner.start..q.inner.end].trim_end().ends_with(['.', '?', '!']);
        Frame { open_tok, close_tok, s_start, s_end: s_end.min(tokens.len()), ended_sentence }
    }
}

/// A single-quoted phrase of a few words: a scare quote, no speaker;
/// not one that ends with its sentence's punctuation inside the marks
/// (`‘We are confident,’ Biden told reporters`, as British papers write).
pub fn is_scare(text: &str, q: &Marked) -> bool {
    let inner = &text[q.inner.start..q.inner.end];
    q.single && inner.split_whitespace().count() <= SCARE_WORDS && !inner.ends_with([',', '.', '!', '?'])
}

type LocalRule = fn(&Doc, &Frame) -> Option<(Cand, Option<usize>)>;

/// The rules that read a quotation's own frame, in the order they are tried.
const LOCAL_RULES: &[(Rule, LocalRule)] = &[
    (Rule::DashLine, dash_line),
    (Rule::AdjacentVerb, adjacent_verb),
    (Rule::CueAfter, cue_after),
    (Rule::ShortSentenceAfter, short_sentence_after),
    (Rule::CueBefore, cue_before),
    (Rule::CueInFrame, cue_in_frame),
    (Rule::SentenceBefore, sentence_before),
    (Rule::ColonBefore, colon_before),
    (Rule::SpeakerLabel, speaker_label),
];

/// What the rules pick for each quotation in `marked`.
pub(super) fn picks(doc: &Doc, marked: &[Marked]) -> Vec<Option<Pick>> {
    let mut out: Vec<Option<Pick>> = Vec::with_capacity(marked.len());
    for (qi, q) in marked.iter().enumerate() {
        if is_scare(doc.text, q) {
            out.push(None);
            continue;
        }
        let frame = Frame::of(doc, q);
        let local = LOCAL_RULES.iter().find_map(|&(rule, f)| f(doc, &frame).map(|(cand, cue)| Pick { cand, cue, rule }));
        out.push(local.or_else(|| continues(doc.text, marked, &out, qi)));
    }
    inline_subject(doc, marked, &mut out);
    paragraph_continues(doc, marked, &mut out);
    shares_next(doc.text, marked, &mut out);
    paragraph_subject(doc, marked, &mut out);
    continued_paragraph(marked, &mut out);
    out
}

/// `"…" ― Name`: an attribution line after the quotation, on its line
/// or, when the quotation is a paragraph of its own, as the next one (a
/// fact-check's list of claims: `"…"`, then `- Sanders.`).
fn dash_line(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let (tokens, close_tok) = (doc.tokens, f.close_tok);
    let opens_paragraph = f.open_tok < tokens.len() && tokens[f.open_tok].para_start;
    if close_tok >= tokens.len() || (tokens[close_tok].para_start && !opens_paragraph) || !matches!(tokens[close_tok].text(doc.text), w if is_dash(w) || w == "―") {
        return None;
    }
    let end = (close_tok + DASH_LINE_REACH).min(tokens.len() - 1);
    let mut stop = close_tok + 1;
    while stop <= end && !tokens[stop].para_start && !doc.quoted[stop] && !matches!(tokens[stop].text(doc.text), "." | "|" | "―" | "—") {
        stop += 1;
    }
    if stop <= close_tok + 1 {
        return None;
    }
    doc.candidate(close_tok + 1, stop - 1, false).map(|c| (c, None))
}

/// `"…," Name verbed` / `"…," verbed Name`: an adjacent verb of any kind,
/// unless a cue follows soon (the better evidence).
fn adjacent_verb(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let (close_tok, s_end) = (f.close_tok, f.s_end);
    if close_tok >= s_end {
        return None;
    }
    let after_comma = close_tok + usize::from(doc.lower.get(close_tok).is_some_and(|w| w == ","));
    let found = if let Some(c) = doc.immediate_subject_forward(after_comma, s_end) {
        let (_, end) = doc.cand_tokens(c);
        (end + 1 < doc.tokens.len() && doc.is_verb_like(end + 1) && !doc.is_cue(end + 1)).then_some((c, Some(end + 1)))
    } else if after_comma < s_end && doc.is_verb_like(after_comma) && !doc.is_cue(after_comma) {
        doc.immediate_subject_forward(after_comma + 1, s_end).map(|c| (c, Some(after_comma)))
    } else {
        None
    };
    let cue_soon = (close_tok..(close_tok + ADJACENT_CUE_REACH).min(s_end)).any(|k| doc.is_cue(k));
    found.filter(|_| !cue_soon)
}

/// `"…," X said` / `"…," said X`: the first cue after the quotation.
fn cue_after(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let (close_tok, s_end) = (f.close_tok, f.s_end);
    let k = (close_tok..s_end.min(close_tok + CUE_AFTER_REACH)).take_while(|&k| doc.is_cue(k) || !doc.quoted[k]).find(|&k| doc.is_cue(k))?;
    let forward = doc.immediate_subject_forward(k + 1, s_end);
    // "“…” that Sanders can catch Clinton, said Steve Elmendorf": a comma,
    // the cue and a name close the sentence, however long the clause between.
    let inverted = k > close_tok
        && doc.lower[k - 1] == ","
        && matches!(forward, Some(Cand::Entity(_) | Cand::Phrase(..)))
        && doc.tokens.get(k + 1).is_some_and(|t| t.text(doc.text).chars().next().is_some_and(char::is_uppercase));
    // "… “right” when he said": a cue in a subordinate clause after the
    // quotation is not its attribution. Right after the quotation `as`
    // and its subject attribute it (`“igniting,” as Reuters reported`; not
    // `“…” as Whole Foods lowered its prices, Yahoo Finance reported`).
    let attributing_as = |j: usize| {
        doc.lower[j] == "as" && (close_tok..j).all(|i| doc.lower[i] == ",") && k - j <= AS_SUBJECT_WORDS && (j + 1..k).all(|i| doc.lower[i] != ",")
    };
    let subordinate = (close_tok..k).any(|j| matches!(doc.lower[j].as_str(), "when" | "that" | "because" | "after" | "before" | "if" | "since" | "while" | "and" | "but" | "as" | "who" | "which") && !attributing_as(j));
    if !inverted && (subordinate || k >= close_tok + CUE_AFTER_PLAIN) {
        return None;
    }
    let by = doc.lower.get(k + 1).is_some_and(|w| w == "by");
    // "… “New York values,” saying the city…": a participle right after
    // the quotation shares the sentence's subject.
    if doc.is_participle(k) && (close_tok..k).all(|j| doc.lower[j] == ",") {
        return doc.first_subject(f.s_start, f.open_tok, true).map(|c| (c, Some(k)));
    }
    // "X said" first, then the inverted "said X" (also after other words:
    // "“…” about the decision, said RoseAnn DeMoro"), then any candidate between.
    let immediate = if k > close_tok && !by { doc.immediate_subject(close_tok, k) } else { None };
    immediate
        .or_else(|| forward.filter(|c| (matches!(c, Cand::Entity(_)) && !doc.takes_listener(k)) || k == close_tok))
        .or_else(|| if k > close_tok && !by { doc.candidate(close_tok, k - 1, true) } else { None })
        .or(forward)
        .or_else(|| doc.candidate(k + 1, (k + AFTER_CUE_REACH).min(s_end.saturating_sub(1)), false))
        .map(|c| (c, Some(k)))
}

/// `“… missing.” Trump said.`: a quotation that ended its own sentence,
/// followed by a short sentence that is only its attribution. (A longer
/// sentence there is mostly a new claim of the same speaker.)
fn short_sentence_after(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let (tokens, close_tok) = (doc.tokens, f.close_tok);
    if !f.ended_sentence || close_tok >= tokens.len() || tokens[close_tok].para_start || doc.quoted[close_tok] {
        return None;
    }
    // The first cue before the sentence ends; the sentence then ends
    // within the reach that cue allows.
    let ends = |j: usize| (tokens[j].para_start && j > close_tok) || doc.quoted[j] || matches!(doc.lower[j].as_str(), "." | "!" | "?");
    let k = (close_tok..(close_tok + SHORT_SENTENCE + APPOSITIVE_WORDS).min(tokens.len())).take_while(|&j| !ends(j)).find(|&k| doc.is_cue(k))?;
    let stop = (k..(close_tok + attribution_reach(doc, close_tok, k)).min(tokens.len())).find(|&j| ends(j)).filter(|&j| doc.lower[j] == ".")?;
    let before = if k > close_tok { doc.immediate_subject(close_tok, k).or_else(|| doc.candidate(close_tok, k - 1, true)) } else { None };
    let cand = before.or_else(|| doc.immediate_subject_forward(k + 1, stop));
    cand.map(|c| (c, Some(k)))
}

/// Tokens the attribution sentence after a quotation may take, given its
/// cue at `k`: [`SHORT_SENTENCE`], and the appositive or parenthesis
/// between the name and the cue besides (`Rep. Glenn Thompson, R-Pa.,
/// said.`, `Sen. Ted Cruz (R-Texas) said.`); after `said
/// of`, whose object is the quotation's topic, [`LONG_SENTENCE`] (`…
/// said of the swirl of convention activities.`). Chosen on the folds:
/// every sentence up to 25 tokens cost 73 quotations over twelve ranker
/// seeds, the appositive gained 23 and `said of` 18 more.
fn attribution_reach(doc: &Doc, close_tok: usize, k: usize) -> usize {
    // `said of the swirl of …`: a topic; `said as he launched the
    // process`, `said in an interview on Fox News`: an adjunct. Either
    // way the cue's object is the quotation, not a new claim.
    if doc.lower.get(k + 1).is_some_and(|w| w == "of" || ADJUNCT_OPENERS.contains(w.as_str())) {
        return LONG_SENTENCE;
    }
    let opener = match doc.lower[k - 1].as_str() {
        "," => ",",
        ")" => "(",
        _ => return SHORT_SENTENCE,
    };
    let appositive = (close_tok..k - 1).rev().find(|&j| doc.lower[j] == opener).map_or(0, |j| k - j);
    SHORT_SENTENCE + appositive
}

/// `X said: "…"`, `according to X, "…"`, `X's claim that "…"`: the
/// nearest cue before the opening mark.
fn cue_before(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let (open_tok, s_start) = (f.open_tok, f.s_start);
    let mut unquoted_seen = 0;
    for k in (s_start..open_tok).rev() {
        if !doc.quoted[k] {
            unquoted_seen += 1;
        }
        let according = doc.lower[k] == "according" && doc.lower.get(k + 1).is_some_and(|w| w == "to") && !doc.quoted[k];
        // "Trump's claim that “…”": only right before the quotation.
        let linked = doc.lower.get(k + 1).is_some_and(|w| matches!(w.as_str(), "that" | "about" | "of" | ":" | "was" | "is")) || k + 1 == open_tok;
        if unquoted_seen <= NOUN_CUE_REACH && linked && !doc.quoted[k] && NOUN_CUES.contains(doc.lower[k].as_str()) {
            if let Some(c) = doc.possessor(k) {
                return Some((c, Some(k)));
            }
        }
        if doc.is_cue(k) || according {
            return subject_of_cue_before(doc, f, k, according).map(|c| (c, Some(k)));
        }
    }
    None
}

/// The subject of a cue at `k` before the quotation.
fn subject_of_cue_before(doc: &Doc, f: &Frame, k: usize, according: bool) -> Option<Cand> {
    let (open_tok, s_start) = (f.open_tok, f.s_start);
    let clause_start = (s_start..k).rev().find(|&j| doc.is_clause_break(j)).map_or(s_start, |j| j + 1);
    let by = doc.lower.get(k + 1).is_some_and(|w| w == "by");
    if doc.is_passive_cue(k) {
        // `described as “…” by the group`: the agent, or nobody the
        // cue names (its subject is what was described).
        doc.agent(k, f.s_end)
    } else if according || by {
        doc.candidate(k + 1 + usize::from(according || by), open_tok.saturating_sub(1), false)
    } else if doc.is_participle(k) && k > 0 && doc.entity_cover[k - 1].is_some_and(|e| doc.entity_is_speaker(e)) {
        // "with the American Federation of Teachers calling her “…”": the
        // name right before the participle.
        doc.entity_cover[k - 1].map(Cand::Entity)
    } else if doc.is_participle(k) || (k > 0 && matches!(doc.lower[k - 1].as_str(), "and" | "but" | "then")) {
        // "Blige sings to Clinton before asking her, “…”", "X outlined …
        // and vowed “…”": the sentence's subject.
        doc.first_subject(s_start, k, true).or_else(|| doc.candidate(s_start, k.saturating_sub(1), false))
    } else {
        doc.immediate_subject(clause_start, k)
            .or_else(|| doc.candidate(clause_start, k.saturating_sub(1), true).filter(|_| k > clause_start))
            .or_else(|| doc.candidate(k + 1, open_tok.saturating_sub(1), false))
    }
}

/// A cue anywhere else in the frame, and its subject before it.
fn cue_in_frame(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let k = (f.s_start..f.s_end).find(|&k| doc.is_cue(k))?;
    let clause_start = (f.s_start..k).rev().find(|&j| doc.is_clause_break(j)).map_or(f.s_start, |j| j + 1);
    doc.candidate(clause_start, k.saturating_sub(1), true).filter(|_| k > clause_start).map(|c| (c, Some(k)))
}

/// `X said. “…”`: a cue ending the sentence just before, in this paragraph.
fn sentence_before(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let open_tok = f.open_tok;
    if open_tok == 0 || open_tok >= doc.tokens.len() || doc.tokens[open_tok].para_start || doc.lower[open_tok - 1] != "." {
        return None;
    }
    let dot = open_tok - 1;
    let s0 = if dot > 0 { doc.sentence_start[dot - 1] } else { 0 };
    let k = (dot.saturating_sub(SENTENCE_BEFORE_CUE_REACH).max(s0)..dot).rev().find(|&k| doc.is_cue(k))?;
    doc.immediate_subject(s0, k).or_else(|| doc.candidate(s0, k.saturating_sub(1), true)).map(|c| (c, Some(k)))
}

/// `He said:` ending the previous paragraph introduces this one.
fn colon_before(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let open_tok = f.open_tok;
    if open_tok == 0 || open_tok >= doc.tokens.len() || !doc.tokens[open_tok].para_start || doc.lower[open_tok - 1] != ":" {
        return None;
    }
    let colon = open_tok - 1;
    let s0 = doc.sentence_start[colon];
    let k = (s0..colon).rev().find(|&k| doc.is_cue(k))?;
    doc.candidate(s0, k.saturating_sub(1), true).or_else(|| doc.candidate(k + 1, colon.saturating_sub(1), false)).map(|c| (c, Some(k)))
}

/// `Trey Gowdy (R-S.C.): "…"`, `CLINTON: "…"`: a paragraph that opens
/// with a speaker's label — a name after its titles, and a parenthesis —
/// and a colon right before the quotation, as transcripts and
/// question-and-answer pieces write them.
///
/// A label may also open a sentence inside the paragraph, when it is a
/// name (`Clinton: “…” Bush: “…”`: both were Clinton's before).
fn speaker_label(doc: &Doc, f: &Frame) -> Option<(Cand, Option<usize>)> {
    let colon = f.open_tok.checked_sub(1).filter(|&c| doc.lower[c] == ":")?;
    let para = (0..colon).rev().find(|&j| doc.tokens[j].para_start)?;
    let mut last = colon.checked_sub(1)?;
    if doc.lower[last] == ")" {
        last = (para..last).rev().find(|&j| doc.lower[j] == "(")?.checked_sub(1)?;
    }
    let label = |start: usize| doc.immediate_subject_forward(start, last + 1).filter(|&c| doc.cand_tokens(c).1 == last);
    let sentence = doc.sentence_start[last];
    let named = |c: &Cand| match *c {
        Cand::Entity(e) => doc.entity_is_speaker(e),
        Cand::Phrase(s, _) => doc.cap_run(s),
        Cand::Pronoun(_) => false,
    };
    let cand = label(para).or_else(|| (sentence > para).then(|| label(sentence).filter(named)).flatten())?;
    Some((cand, None))
}

/// Continuation of the previous quotation in the paragraph, or of a
/// quotation the previous paragraph left open.
pub(super) fn continues(text: &str, marked: &[Marked], out: &[Option<Pick>], qi: usize) -> Option<Pick> {
    let prev = qi.checked_sub(1)?;
    let between = &text[marked[prev].close..marked[qi].open];
    let same_para = !between.contains('\n');
    let continued = marked[prev].continues && between.trim().is_empty();
    if !(same_para || continued) {
        return None;
    }
    out[prev].map(|p| Pick { rule: Rule::Continues, ..p })
}

/// Inline quotations with no cue at all (“admires Putin as a “strong
/// leader””): the sentence's named subject is the source.
fn inline_subject(doc: &Doc, marked: &[Marked], out: &mut [Option<Pick>]) {
    for (qi, q) in marked.iter().enumerate() {
        if out[qi].is_some() || q.single {
            continue;
        }
        let open_tok = doc.token_at_or_after(q.open);
        if open_tok == 0 || open_tok >= doc.tokens.len() || doc.tokens[open_tok].para_start {
            continue;
        }
        let s_start = doc.sentence_start[open_tok];
        if s_start == open_tok {
            continue;
        }
        if let Some(cand) = doc.first_subject(s_start, open_tok, true) {
            out[qi] = Some(Pick { cand, cue: None, rule: Rule::InlineSubject });
        }
    }
}

/// The quotation is the whole of a paragraph (after its opening mark).
pub(super) fn is_whole_paragraph(doc: &Doc, q: &Marked) -> bool {
    let open_tok = doc.token_at_or_after(q.open);
    if open_tok == 0 || open_tok >= doc.tokens.len() || !doc.tokens[open_tok].para_start {
        return false;
    }
    let para_end = doc.text[q.open..].find('\n').map_or(doc.text.len(), |i| q.open + i);
    doc.text[q.close.min(para_end)..para_end].trim().is_empty()
}

/// A paragraph that is only a quotation continues the speaker of the
/// quotation ending the paragraph before ("…,” Carson continued. ¶ “Even…”).
fn paragraph_continues(doc: &Doc, marked: &[Marked], out: &mut [Option<Pick>]) {
    for qi in 1..marked.len() {
        if out[qi].is_none() {
            out[qi] = continues_paragraph_before(doc, marked, out, qi);
        }
    }
}

/// [`paragraph_continues`]'s pick for quotation `qi`, given the picks
/// `out` of the quotations before it.
pub(super) fn continues_paragraph_before(doc: &Doc, marked: &[Marked], out: &[Option<Pick>], qi: usize) -> Option<Pick> {
    let q = &marked[qi];
    if qi == 0 || q.single || !is_whole_paragraph(doc, q) {
        return None;
    }
    let between = &doc.text[marked[qi - 1].close..q.open];
    let adjacent_paragraph = between.contains('\n') && between.trim().chars().all(|c| !matches!(c, '"' | '“' | '„' | '«'));
    // The previous quotation ended its paragraph with its attribution.
    let prev_ends_para = between.split('\n').next().unwrap_or("").split_whitespace().count() <= ATTRIBUTION_TAIL_WORDS;
    let gap_paragraphs = between.split('\n').filter(|p| !p.trim().is_empty()).count();
    let continues = adjacent_paragraph && prev_ends_para && !between.trim_matches('\n').contains("\n\n\n") && gap_paragraphs <= 1;
    out[qi - 1].filter(|_| continues).map(|p| Pick { rule: Rule::ParagraphContinues, ..p })
}

/// A quotation without attribution before another one in its paragraph
/// that has one (“First.” “Second,” she said.) shares it.
fn shares_next(text: &str, marked: &[Marked], out: &mut [Option<Pick>]) {
    for qi in (0..marked.len().saturating_sub(1)).rev() {
        if out[qi].is_none() {
            out[qi] = shared_with_next(text, marked, out, qi);
        }
    }
}

/// [`shares_next`]'s pick for quotation `qi`, given the pick `out` of
/// the quotation after it.
pub(super) fn shared_with_next(text: &str, marked: &[Marked], out: &[Option<Pick>], qi: usize) -> Option<Pick> {
    let next = out.get(qi + 1).copied().flatten()?;
    (!marked[qi].single && !text[marked[qi].close..marked[qi + 1].open].contains('\n')).then_some(Pick { rule: Rule::SharesNext, ..next })
}

/// A paragraph that is only a quotation, still unattributed: the subject
/// of the paragraph before ("Schoen elaborated … ¶ “A Sanders win…”").
fn paragraph_subject(doc: &Doc, marked: &[Marked], out: &mut [Option<Pick>]) {
    for (qi, q) in marked.iter().enumerate() {
        if out[qi].is_some() || q.single || !is_whole_paragraph(doc, q) {
            continue;
        }
        // The previous paragraph's last sentence.
        let prev_last = doc.token_at_or_after(q.open) - 1;
        let s0 = doc.sentence_start[prev_last];
        if doc.tokens[s0..=prev_last].iter().any(|t| t.kind == Kind::Word) {
            if let Some(cand) = doc.first_subject(s0, prev_last + 1, true) {
                out[qi] = Some(Pick { cand, cue: None, rule: Rule::ParagraphSubject });
            }
        }
    }
}

/// A quotation continued into the next paragraph shares its speaker.
fn continued_paragraph(marked: &[Marked], out: &mut [Option<Pick>]) {
    for qi in (0..marked.len().saturating_sub(1)).rev() {
        if out[qi].is_none() {
            out[qi] = continued_into_next(marked, out, qi);
        }
    }
}

/// [`continued_paragraph`]'s pick for quotation `qi`, given the pick
/// `out` of the quotation after it.
pub(super) fn continued_into_next(marked: &[Marked], out: &[Option<Pick>], qi: usize) -> Option<Pick> {
    let next = out.get(qi + 1).copied().flatten()?;
    (marked[qi].continues && !marked[qi].single).then_some(Pick { rule: Rule::ContinuedParagraph, ..next })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A case or more per rule: `(text, quotation, rule, speaker as written)`.
    const CASES: &[(&str, &str, Rule, &str)] = &[
        ("in brief\n“Good news” — Ann Lee", "Good news", Rule::DashLine, "Ann Lee"),
        // A fact-check's list: the quotation is its paragraph, the
        // speaker's line the next one.
        ("in brief\nThe claims:\n“Zero taxes.”\n- Jane Smith.\nThat is false.", "Zero taxes.", Rule::DashLine, "Jane Smith"),
        ("in brief\n“Go back to Univision,” Trump barked.", "Go back to Univision,", Rule::AdjacentVerb, "Trump"),
        ("in brief\n“We will win,” said Jane Smith.", "We will win,", Rule::CueAfter, "Jane Smith"),
        // A first-person writer is the speaker as written, as PolNeAR
        // marks it (the quotation had no speaker before).
        ("in brief\nThe judge turned to me. “Okay,” I said, attempting to regroup.", "Okay,", Rule::CueAfter, "I"),
        // Single marks around a short quotation with its punctuation, as
        // British papers write them, are no scare quotes.
        ("in brief\nThe talks ended. ‘We are confident,’ Biden told reporters.", "We are confident,", Rule::CueAfter, "Biden"),
        // Guillemets as Swiss and French papers write them.
        ("in brief\nThe talks ended. «We will win,» said Jane Smith.", "We will win,", Rule::CueAfter, "Jane Smith"),
        ("in brief\n“Find the emails.” Jane Smith said.", "Find the emails.", Rule::ShortSentenceAfter, "Jane Smith"),
        // An appositive between the subject and its cue (`Sen. X, a
        // Republican, asked`): the name before it, as `cue_after` reads it.
        ("in brief\nThe vote came. “Is it time?” Sen. Glenn Thompson, a Republican, asked.", "Is it time?", Rule::ShortSentenceAfter, "Glenn Thompson"),
        // The appositive does not count towards the sentence's length, and
        // `said of` takes a topic however long (no speaker before).
        ("in brief\nThe match ended. “We won!” Jane Smith, the team’s captain, said on Monday.", "We won!", Rule::ShortSentenceAfter, "Jane Smith"),
        ("in brief\nThe bill passed. “It is a disaster.” Sen. Jane Smith (R-Texas) said.", "It is a disaster.", Rule::ShortSentenceAfter, "Jane Smith"),
        // An adjunct after the cue (`as she opened …`) takes no claim of
        // its own however long the sentence (no speaker before).
        ("in brief\nThe vote came. “One vote for Ann Lee, and two for Tom Brown!” Jane Smith said as she opened the long session in the hall.", "One vote for Ann Lee, and two for Tom Brown!", Rule::ShortSentenceAfter, "Jane Smith"),
        ("in brief\nThe vote came. “Perpetual motion!” Jane Smith, R-Pa., said of the swirl of convention activities.", "Perpetual motion!", Rule::ShortSentenceAfter, "Jane Smith"),
        ("in brief\nJane Smith said, “We will win.”", "We will win.", Rule::CueBefore, "Jane Smith"),
        // The person before `of`, not the place after it (`Vermont` was
        // shown before).
        ("in brief\nSen. Jane Smith of Vermont said the plan was “a disaster.”", "a disaster.", Rule::CueBefore, "Jane Smith"),
        ("in brief\n“It is a disaster,” Sen. Jane Smith of Vermont said.", "It is a disaster,", Rule::CueAfter, "Jane Smith"),
        ("in brief\nJane Smith of the Brookings Institution said the test was “a success.”", "a success.", Rule::CueBefore, "Jane Smith"),
        // A relative clause with commas of its own, and an appositive
        // with a relative clause, between the subject and its cue (`the
        // JCPoA` and `The Ellen DeGeneres Show` were taken before).
        ("in brief\n“It must stop,” the three powers, who with China are party to a deal with Tehran, known as the JCPoA, said in a statement.", "It must stop,", Rule::CueInFrame, "the three powers"),
        ("in brief\n“It can resonate,” Jane Smith, a 17-year-old dancer who has performed on The Ellen DeGeneres Show, told Reuters.", "It can resonate,", Rule::CueAfter, "Jane Smith"),
        // A title the lists lack, before a person's name (`Archbishop`
        // was shown).
        ("in brief\n“We are worried,” said Archbishop Aris Shirvanian of the Armenian Patriarchate.", "We are worried,", Rule::CueAfter, "Aris Shirvanian"),
        ("in brief\nThe plan was “dead on arrival,” Jane Smith told reporters on Monday in a long call.", "dead on arrival,", Rule::CueAfter, "Jane Smith"),
        // `as` and a subject right after the quotation attribute it (no
        // speaker before).
        ("in brief\nHe put up a flag, “igniting,” as Reuters reported, “fears of an attack.”", "igniting,", Rule::CueAfter, "Reuters"),
        // The subject of `who said` is whom `who` stands for, a phrase as
        // much as a name (the nearest person, Trump, took it before).
        ("in brief\nTrump met the Mexican president, who said that trade was “good for both” countries.", "good for both", Rule::CueBefore, "the Mexican president"),
        // A possessive as its own token opens the phrase at its possessor
        // (`’s critics` was shown before).
        ("in brief\nThe talks ended. The president’s critics have called the move “unprecedented.”", "unprecedented.", Rule::CueBefore, "The president’s critics"),
        // A dateline's agency is no subject (`Reuters` was taken before).
        ("LONDON (Reuters) - The company, which makes chips for Apple, said demand was “robust”.", "robust", Rule::CueBefore, "The company"),
        // A possessor opens its phrase; an age written as one word is read
        // past (the listener, `BBC Sport`, was taken before).
        ("in brief\nThe talks ended. Johnson’s spokesman told reporters the deal was “dead”.", "dead", Rule::CueBefore, "Johnson’s spokesman"),
        // A possessor's modifiers in lower case (`minister’s office` before).
        ("in brief\nThe talks ended. The prime minister’s office said the visit was “a success”.", "a success", Rule::CueBefore, "The prime minister’s office"),
        ("in brief\nThe match ended. “It was a tough game,” the 25-year-old striker told BBC Sport.", "It was a tough game,", Rule::CueAfter, "the 25-year-old striker"),
        // The people who know of a matter speak, not the matter (`the
        // matter` was taken for a person by its `-er`).
        ("in brief\nThe talks ended. Two sources familiar with the matter told reporters the deal was “close”.", "close", Rule::CueBefore, "Two sources"),
        ("in brief\nThe talks ended. Officials with knowledge of the plans said the deal was “close”.", "close", Rule::CueBefore, "Officials"),
        // A prepositional or participle phrase between the subject's head
        // and its cue hangs from the head (`postmod.rs`; `the room`, `Fox
        // News` and `Iowa` were taken before).
        ("in brief\n“Will he win?” a Democratic staffer in the room wondered.", "Will he win?", Rule::CueAfter, "a Democratic staffer"),
        ("in brief\nThe talks ended. Another intelligence source speaking to Fox News said, “The agents are investigating.”", "The agents are investigating.", Rule::CueBefore, "Another intelligence source"),
        ("in brief\nThe talks ended. A man at the rally in Iowa shouted, “We will win.”", "We will win.", Rule::CueBefore, "A man"),
        // A partitive opens at its quantity (`the advisers` was shown).
        ("in brief\nThe talks ended. One of the advisers said the deal was “close”.", "close", Rule::CueBefore, "One of the advisers"),
        // A passive cue's subject is what was described; its agent after
        // the quotation speaks (`The deaths have been` was shown before).
        ("in brief\nThe deaths have been described as “a mystery” by the group.", "a mystery", Rule::CueBefore, "the group"),
        ("in brief\nThe law was called “extremely careless” by Jane Smith.", "extremely careless", Rule::CueBefore, "Jane Smith"),
        ("in brief\n“Dead on arrival” is how it looked when Jane Smith said so.", "Dead on arrival", Rule::CueInFrame, "Jane Smith"),
        ("in brief\nJane Smith said. “We will win.”", "We will win.", Rule::SentenceBefore, "Jane Smith"),
        ("in brief\nJane Smith said:\n“We will win.”", "We will win.", Rule::ColonBefore, "Jane Smith"),
        ("in brief\nThe hearing went on.\nRep. Jane Smith (R-S.C.): “Who told you that?”", "Who told you that?", Rule::SpeakerLabel, "Jane Smith"),
        ("in brief\nThe hearing went on.\nAnn Lee: “Our goal is to win.” Jane Smith: “Ours is to stay.”", "Ours is to stay.", Rule::SpeakerLabel, "Jane Smith"),
        ("in brief\n“We will win,” Jane Smith said on Monday in the old city. “And soon.”", "And soon.", Rule::Continues, "Jane Smith"),
        ("in brief\nJane Smith admires Tom Brown as a “strong leader” always.", "strong leader", Rule::InlineSubject, "Jane Smith"),
        ("in brief\n“We will win,” Jane Smith said.\n“And soon.”", "And soon.", Rule::ParagraphContinues, "Jane Smith"),
        ("in brief\n“First.” “Second,” Jane Smith said.", "First.", Rule::SharesNext, "Jane Smith"),
        ("in brief\nJane Smith spoke at length about the plan.\n“It will work.”", "It will work.", Rule::ParagraphSubject, "Jane Smith"),
        ("in brief\n“This goes on for a while\n“and ends here,” Jane Smith said.", "This goes on for a while", Rule::ContinuedParagraph, "Jane Smith"),
    ];

    #[test]
    fn rule_table() {
        for &(text, quote, rule, speaker) in CASES {
            let (got_rule, got_speaker) = crate::analysis::quotes::with_doc(text, |doc, marked| {
                let qi = marked.iter().position(|m| &text[m.inner.start..m.inner.end] == quote).unwrap_or_else(|| panic!("no quotation {quote:?}"));
                let pick = picks(doc, marked)[qi].unwrap_or_else(|| panic!("no pick for {quote:?} in {text:?}"));
                let span = doc.span_of(pick.cand);
                (pick.rule, text[span.start..span.end].to_string())
            });
            assert_eq!((got_rule, got_speaker.as_str()), (rule, speaker), "{text}");
        }
    }

    #[test]
    fn rule_names_match_their_variants() {
        for rule in Rule::ALL {
            assert_eq!(rule.name(), format!("{rule:?}"));
        }
    }

    #[test]
    fn every_rule_has_a_case() {
        for rule in Rule::ALL.iter().filter(|&&r| r != Rule::Ranker) {
            assert!(CASES.iter().any(|c| c.2 == *rule), "no case for {rule:?}");
        }
    }

    #[test]
    fn scare_quotes_get_no_pick() {
        // Also after a cue: `says he is ‘confident’` (a headline's quotation
        // or a scare quote, the marks cannot tell).
        for text in ["in brief\nThey hoped to 'cool down' the crisis.", "in brief\nBiden says he is ‘confident’ of a deal."] {
            crate::analysis::quotes::with_doc(text, |doc, marked| assert_eq!(picks(doc, marked), vec![None], "{text}"));
        }
    }
}
