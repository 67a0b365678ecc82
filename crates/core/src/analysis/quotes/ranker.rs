//! The learned speaker ranker: for each quotation, score every candidate
//! (and "nobody") with a linear model over [`super::features`] and keep
//! the best.
//!
//! The rules stay: they generate a candidate and their choice is the
//! strongest feature, so the model learns when to trust which rule and
//! when a nearer name, a `said X`, or the previous speaker is the better
//! answer. Trained with an averaged ranking perceptron on PolNeAR `train`
//! by `marginalia train --speakers`; the weights ship in
//! `crates/core/src/analysis/data/speaker.model`, a text file whose first line holds a
//! checksum of the rest.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::candidates::candidates;
use super::doc::{Cand, Doc};
use super::features::{self, QuoteContext};
use super::marks::Marked;
use super::rules::{self, is_scare, is_whole_paragraph, Frame, Pick, Rule};
use crate::analysis::tagger::ModelError;
use crate::analysis::words::FxBuild;
use crate::model::ids::fnv1a64;
use crate::text::ByteRange;

/// First word of a speaker model file, before the checksum.
const MAGIC: &str = "marginalia-speakers-1";

/// Weights are written as whole numbers of 1/1000: reading integers keeps
/// float parsing out of the web build, and a thousandth is far below
/// any difference between candidates' scores that matters.
const WEIGHT_SCALE: f32 = 1000.0;

/// Weights by feature name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpeakerModel {
    /// Fx hashing: scoring looks up ~30 names per candidate, and SipHash
    /// made that a tenth of the whole analysis.
    weights: HashMap<String, f32, FxBuild>,
}

impl SpeakerModel {
    /// Reads a model file: `MAGIC checksum`, then `weight<TAB>feature` lines
    /// (weights in thousandths).
    pub fn parse(text: &str) -> Result<SpeakerModel, ModelError> {
        let err = |m: &str| ModelError(m.to_string());
        let (head, body) = text.split_once('\n').ok_or_else(|| err("empty speaker model"))?;
        let sum = head.strip_prefix(MAGIC).map(str::trim).ok_or_else(|| err("not a Marginalia speaker model"))?;
        if sum != format!("{:016x}", fnv1a64(body.as_bytes())) {
            return Err(err("speaker model checksum does not match: the file was changed by hand or truncated"));
        }
        let mut weights = HashMap::default();
        for line in body.lines() {
            let (w, name) = line.split_once('\t').ok_or_else(|| err("a speaker model line has no tab"))?;
            let w: i32 = w.parse().map_err(|_| err("a speaker model weight is not a whole number"))?;
            weights.insert(name.to_string(), w as f32 / WEIGHT_SCALE);
        }
        Ok(SpeakerModel { weights })
    }

    /// The file text [`SpeakerModel::parse`] reads, features sorted.
    pub fn to_text(&self) -> String {
        let mut names: Vec<&String> = self.weights.keys().collect();
        crate::order::sort_by(&mut names, |a, b| a.cmp(b));
        let body: String = names.iter().map(|n| format!("{}\t{n}\n", (self.weights[*n] * WEIGHT_SCALE).round() as i32)).collect();
        format!("{MAGIC} {:016x}\n{body}", fnv1a64(body.as_bytes()))
    }

    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// No weights at all.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// A candidate's score: the sum of its features' weights.
    pub fn score(&self, feats: &[String]) -> f32 {
        feats.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// A model of these weights (a trainer's result), leaving out weights
    /// that round to zero in the file.
    pub fn from_weights(weights: impl IntoIterator<Item = (String, f32)>) -> SpeakerModel {
        SpeakerModel { weights: weights.into_iter().filter(|(_, x)| (x * WEIGHT_SCALE).round() != 0.0).collect() }
    }
}

static MODEL: OnceLock<Option<SpeakerModel>> = OnceLock::new();

/// Uses this model instead of the shipped one from now on (`marginalia
/// eval --speaker-model FILE`: scoring a trained ranker without rebuilding).
/// Fails if the text is not a model or a model is in use.
pub fn replace_shipped(text: &str) -> Result<(), String> {
    let model = SpeakerModel::parse(text).map_err(|e| e.0)?;
    MODEL.set(Some(model)).map_err(|_| "a speaker model is already in use".to_string())
}

/// The shipped model, loaded once; `None` if the file does not load or is
/// empty (the rules then decide alone, and a test fails).
pub fn shipped() -> Option<&'static SpeakerModel> {
    MODEL.get_or_init(|| SpeakerModel::parse(include_str!("../data/speaker.model")).ok().filter(|m| !m.is_empty())).as_ref()
}

/// One quotation's choice: candidates (`None` is "nobody") and their features.
pub(super) struct Choice {
    pub(super) cands: Vec<Option<Cand>>,
    pub(super) feats: Vec<Vec<String>>,
}

/// The choices for every quotation, as training sees them: each with
/// the rules' pick of the quotation before it as the previous speaker.
pub(super) fn choices(doc: &Doc, marked: &[Marked], rule_picks: &[Option<Pick>]) -> Vec<Option<Choice>> {
    (0..marked.len()).map(|qi| choice(doc, marked, qi, rule_picks[qi], qi.checked_sub(1).and_then(|p| rule_picks[p]))).collect()
}

/// The choice for quotation `qi`, given the rules' pick `rule` and the
/// previous quotation's speaker `prev`; `None` for a scare quote (never
/// a speaker).
fn choice(doc: &Doc, marked: &[Marked], qi: usize, rule: Option<Pick>, prev: Option<Pick>) -> Option<Choice> {
    let q = &marked[qi];
    if is_scare(doc.text, q) {
        return None;
    }
    let f = Frame::of(doc, q);
    let prev = prev.map(|pick| (pick, !doc.text[marked[qi - 1].close..q.open].contains('\n')));
    let cands = candidates(doc, &f, &[rule, prev.map(|(p, _)| p)]);
    let ctx = QuoteContext::new(doc, &f, rule, prev, &cands, is_whole_paragraph(doc, q));
    let words = doc.text[q.inner.start..q.inner.end].split_whitespace().count();
    let mut feats: Vec<Vec<String>> = cands.iter().map(|&c| features::of_candidate(doc, &f, &ctx, c)).collect();
    let mut cands: Vec<Option<Cand>> = cands.iter().copied().map(Some).collect();
    // "Nobody" competes only where no rule found an attribution:
    // trained on every quotation, it wins too often where one did
    // (PolNeAR dev: 45 speakers lost against 4).
    if rule.is_none() {
        feats.push(features::of_nobody(doc, &f, &ctx, q.single, words));
        cands.push(None);
    }
    Some(Choice { cands, feats })
}

/// The model's pick for each quotation, as [`shown`] shows it, in order:
/// the previous speaker a quotation's features read is the one shown for
/// the quotation before it, not the rules' pick that training read
/// (`“…,” she said. “…”` follows whom the ranker gave the first to).
/// Twelve ranker seeds on the folds 69,337 → 69,401, every seed +3 to +7;
/// the model is the same.
///
/// The rules that give a quotation its neighbour's speaker read the
/// neighbour as shown too:
/// - forward, the quotation before ([`rules::continues`],
///   [`rules::continues_paragraph_before`]), for a quotation the rules
///   left to nobody (`Coan, Santilli's attorney, argues that … "…" "…"`
///   gives the second quotation to whom the ranker gave the first) or
///   gave the previous quotation's speaker as the rules picked it;
/// - then backward, the quotation after ([`rules::shared_with_next`],
///   [`rules::continued_into_next`]), for those still given to nobody.
///
/// Twelve seeds 69,428 → 69,530 for those the rules left to nobody, →
/// 69,567 with the rules' own continuations, every seed up at each step.
pub(super) fn choose(doc: &Doc, marked: &[Marked], rule_picks: &[Option<Pick>], model: &SpeakerModel) -> Vec<Option<Pick>> {
    let mut picks: Vec<Option<Pick>> = Vec::with_capacity(marked.len());
    for qi in 0..marked.len() {
        let p = forward(doc, marked, rule_picks, &picks, qi, model);
        picks.push(p);
    }
    // Backward: a quotation still given to nobody shares the speaker
    // shown for the one after it. Re-reading the rules' own backward
    // picks so, or running forward again after this, changed nothing
    // on the folds.
    for qi in (0..marked.len()).rev() {
        if rule_picks[qi].is_some() || picks[qi].is_some() {
            continue;
        }
        let Some(rule) = rules::shared_with_next(doc.text, marked, &picks, qi).or_else(|| rules::continued_into_next(marked, &picks, qi)) else { continue };
        let prev = qi.checked_sub(1).and_then(|p| picks[p]);
        picks[qi] = pick(doc, marked, qi, Some(rule), prev, model);
    }
    picks
}

/// The forward step of [`choose`] for quotation `qi`, given the picks
/// shown for the quotations before it: the rules' pick, unless the
/// rules found nobody or passed on their own pick for the quotation
/// before; then that quotation's speaker as shown, if a continuation
/// rule holds.
fn forward(doc: &Doc, marked: &[Marked], rule_picks: &[Option<Pick>], before: &[Option<Pick>], qi: usize, model: &SpeakerModel) -> Option<Pick> {
    let derived = || rules::continues(doc.text, marked, before, qi).or_else(|| rules::continues_paragraph_before(doc, marked, before, qi));
    let rule = match rule_picks[qi] {
        Some(p) if matches!(p.rule, Rule::Continues | Rule::ParagraphContinues) => derived().or(Some(p)),
        Some(p) => Some(p),
        None => derived(),
    };
    let prev = qi.checked_sub(1).and_then(|p| before[p]);
    pick(doc, marked, qi, rule, prev, model)
}

/// What is shown for quotation `qi`, given its rules' pick `rule` and
/// the previous quotation's speaker `prev`: the candidate `model` ranks
/// first, as [`shown`] shows it; `None` for nobody or a scare quote.
fn pick(doc: &Doc, marked: &[Marked], qi: usize, rule: Option<Pick>, prev: Option<Pick>, model: &SpeakerModel) -> Option<Pick> {
    choice(doc, marked, qi, rule, prev).and_then(|c| best(doc, &c, rule, model)).map(|cand| shown(doc, cand, rule, marked[qi].open))
}

/// The candidate `model` scores highest in `choice` (among equals the
/// first), or the rules' pick when that one modifies it; `None` for
/// "nobody".
fn best(doc: &Doc, choice: &Choice, rule: Option<Pick>, model: &SpeakerModel) -> Option<Cand> {
    let scores: Vec<f32> = choice.feats.iter().map(|f| model.score(f)).collect();
    let best = (0..scores.len()).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))?;
    let cand = choice.cands[best]?;
    // `The chairman of the committee said`: the ranker's pick
    // modifies the rules' pick, which is the subject (`postmod.rs`;
    // twelve ranker seeds 68,827 → 68,839; any head the pick
    // modifies, not only the rules' pick, 68,825).
    let first = doc.cand_tokens(cand).0;
    Some(match rule {
        Some(p) if doc.modified_head(first, doc.sentence_start[first]).is_some_and(|h| doc.span_of(h) == doc.span_of(p.cand)) => p.cand,
        _ => cand,
    })
}

/// What is shown for the ranker's pick `cand` of the quotation opening
/// at byte `open`, given the rules' pick `rule`.
fn shown(doc: &Doc, cand: Cand, rule: Option<Pick>, open: usize) -> Pick {
    let ranker = |cue| Pick { cand, cue, rule: Rule::Ranker };
    let Some(p) = rule else { return ranker(features::adjacent_cue(doc, cand)) };
    // The rules' own mention: their cue and rule with it.
    if doc.span_of(p.cand) == doc.span_of(cand) {
        return p;
    }
    if doc.attribution(p.cand, None).name != doc.attribution(cand, None).name {
        return ranker(features::adjacent_cue(doc, cand));
    }
    // The rules' person by another mention (`Ted Cruz … so much so that
    // he accused`): the ranker's mention, which it learned from where
    // PolNeAR marks the source (the mention in the cue's clause).
    // Keeping the rules' mention for the same person instead cost 23–25
    // quotations a seed on the folds (twelve ranker seeds 69,004 against
    // 69,289). Not a relative `who` whose clause does not hold the
    // quotation (`Small, who attended the rally, said that “…”`):
    // PolNeAR marks the name it stands for (69,289 → 69,337).
    if matches!(cand, Cand::Pronoun(w) if doc.lower[w] == "who" && !doc.who_clause_holds(w, open)) {
        return p;
    }
    // Its own cue, else the rules' cue, which attributes the quotation
    // to the same person.
    ranker(features::adjacent_cue(doc, cand).or(p.cue))
}

/// A quotation's gold answer for training: its span and, if someone is
/// quoted, the speaker as written and where.
pub struct GoldQuote {
    /// Bytes between the marks.
    pub inner: ByteRange,
    /// Speaker name and mention bytes.
    pub speaker: Option<(String, ByteRange)>,
}

/// One quotation to learn from: candidate features and which are right.
pub struct Example {
    /// Each candidate's features (the last candidate is "nobody").
    pub feats: Vec<Vec<String>>,
    /// Which candidates are right.
    pub right: Vec<bool>,
    /// A gold quotation with a speaker (else: "nobody" is the answer).
    pub has_speaker: bool,
}

/// Training examples of one document. A found quotation that is no gold
/// quotation (a title, a scare quote) teaches "nobody"; one whose speaker
/// no candidate names teaches nothing.
pub(super) fn examples(doc: &Doc, marked: &[Marked], rule_picks: &[Option<Pick>], gold: &[GoldQuote]) -> Vec<Example> {
    let mut out = Vec::new();
    for (q, choice) in marked.iter().zip(choices(doc, marked, rule_picks)) {
        let Some(choice) = choice else { continue };
        let g = gold.iter().find(|g| g.inner == q.inner);
        if g.is_none() && gold.iter().any(|g| g.inner.start < q.inner.end && q.inner.start < g.inner.end) {
            continue; // the same quotation, marked differently
        }
        let right: Vec<bool> = choice
            .cands
            .iter()
            .map(|c| match (c, g.and_then(|g| g.speaker.as_ref())) {
                (None, None) => true,
                (Some(c), Some((name, span))) => {
                    let a = doc.attribution(*c, None);
                    let gold_span = (!span.is_empty()).then_some((span.start, span.end));
                    super::same_speaker(&a.name, &doc.text[a.mention.start..a.mention.end], (a.mention.start, a.mention.end), name, gold_span)
                }
                _ => false,
            })
            .collect();
        if right.iter().any(|&r| r) {
            out.push(Example { feats: choice.feats, right, has_speaker: g.is_some_and(|g| g.speaker.is_some()) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_text_round_trips_and_checks_its_sum() {
        let model = SpeakerModel { weights: [("rule".to_string(), 2.5), ("kind=person".to_string(), -0.25)].into_iter().collect() };
        let text = model.to_text();
        assert_eq!(SpeakerModel::parse(&text), Ok(model));
        let changed = text.replace("2500", "9500");
        assert!(SpeakerModel::parse(&changed).unwrap_err().0.contains("checksum"));
        assert!(SpeakerModel::parse("").is_err());
        assert!(SpeakerModel::parse("something else\n").is_err());
    }

    #[test]
    fn a_replacement_that_is_no_model_is_refused_with_the_reason() {
        // Refused before anything is replaced: the shipped model stays.
        let err = replace_shipped("weights\n").unwrap_err();
        assert!(err.contains("not a Marginalia speaker model"), "{err}");
        assert!(shipped().is_some());
    }

    /// The ranker's pick is the object of a phrase modifying the rules'
    /// pick: the rules' pick is shown (`the committee` and `the town`
    /// were shown before).
    #[test]
    fn a_pick_that_modifies_the_rules_pick_gives_way_to_it() {
        super::super::assert_shown(&[
            ("in brief\nThe talks ended. The chairman of the committee said, “We will win.”", "We will win.", "The chairman of the committee", "The chairman"),
            ("in brief\nThe talks ended. One woman from the town told Reuters, “We will win.”", "We will win.", "One woman from the town", "One woman"),
        ]);
    }

    /// The ranker picks another mention of the person the rules picked:
    /// its mention is shown, with the cue next to it. `he called` had
    /// been shown, the rules' mention; PolNeAR marks the name whose
    /// clause reports the quotation, as the ranker learned.
    #[test]
    fn another_mention_of_the_rules_person_is_the_rankers() {
        let text = "in brief\nMarco Rubio spoke in Miami on Tuesday. Rubio said that over the last five days he has begun “to unmask the true nature” of Trump, whom he called a “con artist.”";
        super::super::assert_shown(&[(text, "con artist.", "Marco Rubio", "Rubio")]);
        let a = crate::analysis::analyze(text);
        let cue = a.quotes.iter().find(|q| q.text == "con artist.").and_then(|q| q.cue.clone());
        assert_eq!(cue.as_deref(), Some("said"));
    }

    /// The ranker picks a relative `who` whose clause closed before the
    /// quotation: the name it stands for is shown, as the rules picked it
    /// (`who` had been shown).
    #[test]
    fn a_who_whose_clause_does_not_hold_the_quotation_gives_way_to_its_name() {
        super::super::assert_shown(&[
            (
                "in brief\nThe mayor, Marty Small, spoke on Tuesday about the casinos. Small, who attended the rally on Wednesday, said that “Trump bagged millions of dollars and took advantage of bankruptcy laws.”",
                "Trump bagged millions of dollars and took advantage of bankruptcy laws.",
                "Marty Small",
                "Small",
            ),
            (
                "in brief\nSenator Lindsey Graham spoke on Tuesday. Graham, who says the United States should send ground forces, tweeted that the strategy \"will not destroy ISIL and he knows it.\"",
                "will not destroy ISIL and he knows it.",
                "Lindsey Graham",
                "Graham",
            ),
        ]);
    }

    /// The names `choose` shows, with a model of these `weights`, for
    /// `“We will win,” Tom Brown told Ann Lee. ¶ “It is done.”`: the rules
    /// pick Tom Brown for the first, and continue him into the second.
    fn shown_by(weights: &[(&str, f32)]) -> Vec<String> {
        let text = "in brief\nAnn Lee met Tom Brown on Monday. “We will win,” Tom Brown told Ann Lee.\n“It is done.”";
        let model = SpeakerModel::from_weights(weights.iter().map(|&(f, w)| (f.to_string(), w)));
        super::super::with_doc(text, |doc, marked| {
            choose(doc, marked, &rules::picks(doc, marked), &model)
                .into_iter()
                .map(|p| p.map_or_else(String::new, |p| doc.attribution(p.cand, p.cue).name))
                .collect()
        })
    }

    /// A quotation's previous speaker is the one shown for the quotation
    /// before it. Here a model that prefers the listener to the rules'
    /// pick gives the first quotation to Ann Lee, not to the rules' Tom
    /// Brown, and, following the previous speaker, gives her the second
    /// too: it went to Tom Brown when the previous speaker was the rules'
    /// pick.
    #[test]
    fn the_previous_speaker_is_the_one_shown() {
        let shown = shown_by(&[("rule", -5.0), ("cue_left_listener", 3.0), ("prev_speaker/same_para=false", 10.0)]);
        assert_eq!(shown, ["Ann Lee", "Ann Lee"]);
    }

    /// The rules' continuation of the quotation before reads it as
    /// shown: here a model that prefers the listener gives the first
    /// quotation to Ann Lee, and trusts a continuation, so the second,
    /// a paragraph that continues the first, goes to her too. It went to
    /// the rules' Tom Brown, whom the rules' continuation named.
    #[test]
    fn the_rules_continuation_follows_the_speaker_shown() {
        let shown = shown_by(&[("rule", -5.0), ("cue_left_listener", 3.0), ("rule=ParagraphContinues", 10.0)]);
        assert_eq!(shown, ["Ann Lee", "Ann Lee"]);
    }

    /// A quotation the rules left to nobody takes its neighbour's
    /// speaker as shown: the rules found no speaker for the neighbour
    /// either (`argues` is no cue of theirs), the ranker did. The
    /// quotation after it continues it; the one before it shares it.
    /// Both had no speaker.
    #[test]
    fn a_quotation_the_rules_left_follows_its_neighbour_as_shown() {
        let before = "in brief\nPete Santilli was named in the indictment.\n\nThomas Coan, Santilli's attorney, argues that his client was never encouraging people toward violence. \"The government is alleging that his calls were provoking violence.\" \"His intent was to keep it peaceful.\"";
        let after = "in brief\nPete Santilli was named in the indictment.\n\n\"His intent was to keep it peaceful.\" \"The government is alleging that his calls were provoking violence.\" Thomas Coan, Santilli's attorney, argues that his client was never encouraging people toward violence.";
        super::super::assert_shown(&[
            (before, "His intent was to keep it peaceful.", "Thomas Coan", "Thomas Coan"),
            (after, "His intent was to keep it peaceful.", "Thomas Coan", "Thomas Coan"),
        ]);
    }

    #[test]
    fn the_shipped_model_loads() {
        let model = shipped().expect("crates/core/src/analysis/data/speaker.model loads (retrain with `marginalia train --speakers`)");
        assert!(model.len() > 100);
    }
}
