//! `marginalia train --speakers`: trains the speaker ranker on PolNeAR
//! `train`, writes the model and reports how it does on PolNeAR `dev`.

use std::io::Write;
use std::path::Path;

use crate::cli::read_jsonl;
use crate::ranker::{accuracy as speaker_accuracy, train as train_speakers, Accuracy as SpeakerAccuracy};
use crate::eval::{score_quotes, QuoteScores};
use marginalia_core::analysis::analyze_with_speaker_model;
use marginalia_core::analysis::quotes::{GoldQuote, SpeakerExample};
use marginalia_core::text::ByteRange;

/// Default passes of the ranking perceptron over the training quotations.
pub const DEFAULT_SPEAKER_EPOCHS: usize = 10;

/// Default shuffled orders whose models are averaged. 4 and 8 gave the
/// same fold accuracy (0.909, `--folds 5`) and 1 moved with the seed;
/// but with 4, a feature that means nothing (on one candidate in 500)
/// moved the twelve-seed sum by up to 47 quotations, more than most
/// changes are worth. With 16 it moves it by up to 18, at the same
/// mean (docs/speakers.md, "How much a feature must move the folds").
pub const DEFAULT_SPEAKER_ORDERS: usize = 16;

/// The gold quotations of a PolNeAR document, in bytes.
fn gold_quotes(text: &str, doc: &serde_json::Value) -> Vec<GoldQuote> {
    // Code point offsets to bytes (one more entry for the end).
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let at = |q: &serde_json::Value, key: &str| q.get(key).and_then(serde_json::Value::as_u64).and_then(|c| bytes.get(c as usize).copied());
    let Some(quotes) = doc.get("quotes").and_then(serde_json::Value::as_array) else { return Vec::new() };
    quotes
        .iter()
        .filter_map(|q| {
            let inner = ByteRange::new(at(q, "start")?, at(q, "end")?);
            let name = q.get("speaker").and_then(serde_json::Value::as_str);
            let speaker = match (name, at(q, "speaker_start"), at(q, "speaker_end")) {
                (Some(n), Some(s), Some(e)) => Some((n.to_string(), ByteRange::new(s, e))),
                (Some(n), _, _) => Some((n.to_string(), ByteRange::new(0, 0))),
                _ => None,
            };
            Some(GoldQuote { inner, speaker })
        })
        .collect()
}

/// A PolNeAR file's articles (JSON) and the ranker examples of each.
fn examples_by_doc(path: &Path) -> Result<(Vec<serde_json::Value>, Vec<Vec<SpeakerExample>>), String> {
    let docs: Vec<serde_json::Value> = read_jsonl(path)?.into_iter().filter(|d| d.get("text").and_then(serde_json::Value::as_str).is_some()).collect();
    let examples = docs
        .iter()
        .map(|d| {
            let text = d.get("text").and_then(serde_json::Value::as_str).unwrap_or_default();
            marginalia_core::analysis::speaker_examples(text, &gold_quotes(text, d))
        })
        .collect();
    Ok((docs, examples))
}

fn report(log: &mut dyn Write, name: &str, acc: &SpeakerAccuracy) {
    let (sr, st) = acc.speaker;
    let _ = writeln!(
        log,
        "{name}: speaker right {sr}/{st} ({:.3}; rules alone {:.3}) of quotations whose speaker is a candidate; nobody right {}/{}",
        sr as f64 / st.max(1) as f64,
        acc.rules_alone as f64 / st.max(1) as f64,
        acc.nobody.0,
        acc.nobody.1
    );
}

/// `marginalia train --speakers`: trains on PolNeAR train only, writes the
/// model to `out`, and prints the ranker's accuracy on train and dev.
pub fn train(corpus: &Path, epochs: usize, seed: u64, orders: usize, out: &Path, log: &mut dyn Write) -> Result<(), String> {
    let train_set: Vec<SpeakerExample> = examples_by_doc(&corpus.join("polnear/train.jsonl"))?.1.into_iter().flatten().collect();
    let dev_set: Vec<SpeakerExample> = examples_by_doc(&corpus.join("polnear/dev.jsonl"))?.1.into_iter().flatten().collect();
    let _ = writeln!(log, "training the speaker ranker on {} quotations ({epochs} epochs, seed {seed}, {orders} orders)", train_set.len());
    let model = train_speakers(&train_set, epochs, seed, orders);
    std::fs::write(out, model.to_text()).map_err(|e| format!("{}: {e}", out.display()))?;
    let _ = writeln!(log, "wrote {} ({} features)", out.display(), model.len());
    report(log, "PolNeAR train", &speaker_accuracy(&model, &train_set));
    report(log, "PolNeAR dev", &speaker_accuracy(&model, &dev_set));
    Ok(())
}

/// `marginalia train --speakers --folds K`: K-fold cross-validation over
/// the articles of PolNeAR train (article `i` is held out in fold `i mod
/// K`), so each article is scored by a model that never saw it: the
/// ranker's accuracy on its examples, then the whole analysis of the
/// held-out articles with that model, scored as `marginalia eval` scores
/// dev (speaker accuracy by the source's form). With `predictions`,
/// writes those analyses there, one JSON line per article in the
/// corpus's order as `analyze --jsonl` prints them: the out-of-fold
/// answers that error analysis reads (the shipped model's answers on
/// train are answers on its own training data).
pub fn cross_validate(corpus: &Path, folds: usize, epochs: usize, seed: u64, orders: usize, predictions: Option<&Path>, log: &mut dyn Write) -> Result<(), String> {
    let (texts, docs) = examples_by_doc(&corpus.join("polnear/train.jsonl"))?;
    let folds = folds.max(2);
    let mut total = SpeakerAccuracy::default();
    let mut quotes = QuoteScores::default();
    let mut lines: Vec<(usize, String)> = Vec::new();
    for k in 0..folds {
        let (held, seen): (Vec<_>, Vec<_>) = docs.iter().enumerate().partition(|(i, _)| i % folds == k);
        let train_set: Vec<&SpeakerExample> = seen.iter().flat_map(|(_, d)| d.iter()).collect();
        let held_set: Vec<&SpeakerExample> = held.iter().flat_map(|(_, d)| d.iter()).collect();
        let model = train_speakers(&train_set, epochs, seed, orders);
        let acc = speaker_accuracy(&model, &held_set);
        report(log, &format!("fold {}/{folds} ({} articles held out)", k + 1, held.len()), &acc);
        total.speaker = (total.speaker.0 + acc.speaker.0, total.speaker.1 + acc.speaker.1);
        total.rules_alone += acc.rules_alone;
        total.nobody = (total.nobody.0 + acc.nobody.0, total.nobody.1 + acc.nobody.1);
        for (i, _) in &held {
            let text = texts[*i].get("text").and_then(serde_json::Value::as_str).unwrap_or_default();
            let analysis = analyze_with_speaker_model(text, &model);
            score_quotes(&analysis, &texts[*i], text, &mut quotes);
            if predictions.is_some() {
                lines.push((*i, crate::cli::analysis_line(texts[*i].get("id"), &analysis)));
            }
        }
    }
    report(log, "all folds", &total);
    let _ = writeln!(log, "== PolNeAR train, {folds} folds, the whole analysis of each held-out article with its fold's model");
    crate::cli::quote_report(log, &quotes);
    let Some(path) = predictions else { return Ok(()) };
    lines.sort_by_key(|(i, _)| *i);
    let out: String = lines.into_iter().map(|(_, l)| l + "\n").collect();
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PolNeAR-shaped corpus of four articles, each one quotation with
    /// its speaker (code point offsets, as the corpus gives them).
    fn tiny_polnear(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("marginalia-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("polnear")).expect("temporary folder");
        let lines: Vec<String> = ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown"]
            .iter()
            .enumerate()
            .map(|(k, who)| {
                let text = format!("in brief\n“We will win,” {who} said on Monday.");
                let chars = |s: &str| text[..text.find(s).unwrap_or(0)].chars().count();
                let start = chars("We will");
                let speaker = chars(who);
                serde_json::json!({"id": format!("doc-{k}"), "text": text, "quotes": [{
                    "start": start, "end": start + "We will win,".chars().count(),
                    "speaker": who, "speaker_start": speaker, "speaker_end": speaker + who.chars().count()}]})
                .to_string()
            })
            .collect();
        std::fs::write(dir.join("polnear/train.jsonl"), lines.join("\n")).expect("corpus written");
        dir
    }

    /// `--predictions FILE`: one analysis per article, in the corpus's
    /// order, each with the quotation its fold's model attributed.
    #[test]
    fn fold_predictions_are_one_line_per_article_in_order() {
        let dir = tiny_polnear("speaker-predictions");
        let path = dir.join("predictions.jsonl");
        cross_validate(&dir, 2, 1, 1, 1, Some(&path), &mut Vec::new()).expect("cross-validation runs");
        let written = std::fs::read_to_string(&path).expect("predictions written");
        let lines: Vec<serde_json::Value> = written.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
        let ids: Vec<&str> = lines.iter().filter_map(|l| l.get("id").and_then(serde_json::Value::as_str)).collect();
        assert_eq!(ids, ["doc-0", "doc-1", "doc-2", "doc-3"]);
        let speaker = lines[1].pointer("/quotes/0/speaker").and_then(serde_json::Value::as_str);
        assert_eq!(speaker, Some("Bob Jones"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
