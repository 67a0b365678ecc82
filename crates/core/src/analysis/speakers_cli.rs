//! `marginalia train --speakers`: trains the speaker ranker on PolNeAR
//! `train`, writes the model and reports how it does on PolNeAR `dev`.

use std::io::Write;
use std::path::Path;

use super::cli::read_jsonl;
use super::quotes::{speaker_accuracy, train_speakers, GoldQuote, SpeakerExample};
use crate::text::ByteRange;

/// Default passes of the ranking perceptron over the training quotations.
pub const DEFAULT_SPEAKER_EPOCHS: usize = 10;

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

/// Ranker examples of every document in a PolNeAR file.
fn examples_of(path: &Path) -> Result<Vec<SpeakerExample>, String> {
    let docs = read_jsonl(path)?;
    Ok(docs
        .iter()
        .filter_map(|d| {
            let text = d.get("text")?.as_str()?;
            Some(super::speaker_examples(text, &gold_quotes(text, d)))
        })
        .flatten()
        .collect())
}

/// `marginalia train --speakers`: trains on PolNeAR train only, writes the
/// model to `out`, and prints the ranker's accuracy on train and dev.
pub fn train(corpus: &Path, epochs: usize, seed: u64, out: &Path, log: &mut dyn Write) -> Result<(), String> {
    let train_set = examples_of(&corpus.join("polnear/train.jsonl"))?;
    let dev_set = examples_of(&corpus.join("polnear/dev.jsonl"))?;
    let _ = writeln!(log, "training the speaker ranker on {} quotations ({} epochs, seed {seed})", train_set.len(), epochs);
    let model = train_speakers(&train_set, epochs, seed);
    std::fs::write(out, model.to_text()).map_err(|e| format!("{}: {e}", out.display()))?;
    let _ = writeln!(log, "wrote {} ({} features)", out.display(), model.len());
    for (name, set) in [("PolNeAR train", &train_set), ("PolNeAR dev", &dev_set)] {
        let ((sr, st), (nr, nt)) = speaker_accuracy(&model, set);
        let _ = writeln!(
            log,
            "{name}: speaker right {sr}/{st} ({:.3}) of quotations whose speaker is a candidate; nobody right {nr}/{nt}",
            sr as f64 / st.max(1) as f64
        );
    }
    Ok(())
}
