//! The command-line tool's work, kept in the library so it is tested like
//! the rest (the binary only parses arguments).

use std::io::Write;
use std::path::Path;

use super::tagger::{Model, PerceptronTagger};
use super::train::{example, gold_spans, name_type, predict, train as train_model, Example, Options};
use crate::text::CharRange;

/// Default training passes.
pub const DEFAULT_EPOCHS: usize = 8;
/// Default features kept in the model.
pub const DEFAULT_FEATURES: usize = 12_000;

/// Reads a JSONL corpus file.
pub fn read_jsonl(path: &Path) -> Result<Vec<serde_json::Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).map_err(|e| format!("{}: {e}", path.display()))).collect()
}

/// CoNLL-style documents as training examples.
pub fn examples(docs: &[serde_json::Value]) -> (Vec<Example>, usize) {
    let mut misaligned = 0;
    let out = docs
        .iter()
        .filter_map(|d| {
            let text = d.get("text")?.as_str()?;
            let names: Vec<_> = d
                .get("entities")?
                .as_array()?
                .iter()
                .filter_map(|e| {
                    let t = name_type(e.get("type")?.as_str()?)?;
                    let s = e.get("start")?.as_u64()? as usize;
                    let en = e.get("end")?.as_u64()? as usize;
                    Some((t, CharRange::new(s, en)))
                })
                .collect();
            let (ex, m) = example(text, &names);
            misaligned += m;
            Some(ex)
        })
        .collect();
    (out, misaligned)
}

/// Trains the name tagger on `corpus/conll2003/train.jsonl`, writes the
/// model to `out` and reports dev scores.
pub fn train(corpus: &Path, epochs: usize, features: usize, out: &Path, log: &mut dyn Write) -> Result<(), String> {
    let train_docs = read_jsonl(&corpus.join("conll2003/train.jsonl"))?;
    let (train_set, misaligned) = examples(&train_docs);
    let _ = writeln!(log, "training on {} documents ({misaligned} names not aligned to tokens)", train_set.len());
    let trained = train_model(&train_set, &Options { epochs, max_features: features, seed: 42 }, |epoch, errors| {
        let _ = writeln!(log, "epoch {epoch}: {errors} token errors");
    });
    let bytes = trained.to_bytes(features);
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let _ = writeln!(log, "wrote {} ({} of {} features, {} bytes)", out.display(), features.min(trained.len()), trained.len(), bytes.len());
    let model: &'static Model = Box::leak(Box::new(Model::from_bytes(Box::leak(bytes.into_boxed_slice())).map_err(|e| e.0)?));
    let dev_docs = read_jsonl(&corpus.join("conll2003/dev.jsonl"))?;
    let (dev, _) = examples(&dev_docs);
    let tagger = PerceptronTagger::new(model);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for ex in &dev {
        let pred = predict(&tagger, &ex.text, &ex.tokens);
        let gold = gold_spans(ex);
        tp += pred.iter().filter(|p| gold.contains(p)).count();
        fp += pred.iter().filter(|p| !gold.contains(p)).count();
        fn_ += gold.iter().filter(|g| !pred.contains(g)).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let _ = writeln!(log, "dev (tagger alone, all four types, token-aligned): P {p:.3} R {r:.3} F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9));
    Ok(())
}

/// The JSON object `marginalia analyze` prints for one document.
pub fn analysis_json(a: &super::Analysis) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::json;
    let group_name = |g: Option<usize>| g.and_then(|g| a.groups.get(g)).map(|g| g.canonical.clone());
    let mut m = serde_json::Map::new();
    m.insert("offsets".into(), json!("codepoint"));
    m.insert(
        "entities".into(),
        a.entities
            .iter()
            .map(|e| json!({"type": e.kind.as_str(), "start": e.range.start, "end": e.range.end, "text": e.text, "group": group_name(e.group)}))
            .collect(),
    );
    m.insert(
        "quotes".into(),
        a.quotes
            .iter()
            .map(|q| {
                json!({"start": q.range.start, "end": q.range.end, "text": q.text,
                       "speaker": q.speaker.as_ref().map(|s| s.name.clone()),
                       "speaker_start": q.speaker.as_ref().map(|s| s.mention.start),
                       "speaker_end": q.speaker.as_ref().map(|s| s.mention.end),
                       "cue": q.cue})
            })
            .collect(),
    );
    m.insert(
        "posts".into(),
        a.posts.iter().map(|p| json!({"start": p.range.start, "end": p.range.end, "author": p.author, "handle": p.handle, "date": p.date})).collect(),
    );
    m
}

/// Analyses one file (decoded and normalised like the app does).
pub fn analyze_file(name: &str, bytes: &[u8]) -> Result<String, String> {
    let text = crate::text::ingest::decode_bytes(bytes).map_err(|e| e.to_string())?;
    let text = crate::text::normalize(&text);
    let a = super::analyze(&text);
    let mut m = serde_json::Map::new();
    m.insert("file".into(), serde_json::Value::from(name));
    m.extend(analysis_json(&a));
    serde_json::to_string(&m).map_err(|e| e.to_string())
}

/// The `id` of a JSONL line, for error messages, when the line is JSON.
pub fn jsonl_line_id(line: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    v.get("id").map(|id| id.to_string())
}

/// Analyses one JSONL line `{"id", "text"}`. The text is analysed as
/// given (offsets refer to it exactly).
pub fn analyze_jsonl_line(line: &str) -> Result<String, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let text = v.get("text").and_then(serde_json::Value::as_str).ok_or("no \"text\" string")?;
    let a = super::analyze(text);
    let mut m = serde_json::Map::new();
    m.insert("id".into(), v.get("id").cloned().unwrap_or(serde_json::Value::Null));
    m.extend(analysis_json(&a));
    serde_json::to_string(&m).map_err(|e| e.to_string())
}

fn row(out: &mut dyn Write, name: &str, c: super::eval::Counts) {
    let _ = writeln!(out, "  {name:<18} P {:.3}  R {:.3}  F1 {:.3}   (tp {} fp {} fn {})", c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_);
}

/// `marginalia eval`: scores against the gold files in `corpus`.
pub fn eval(corpus: &Path, out: &mut dyn Write) -> Result<(), String> {
    use super::eval::*;
    use super::EntityType;
    let started = std::time::Instant::now();
    let mut bytes_analysed = 0usize;

    // Sample article.
    let seed_text = std::fs::read_to_string(corpus.join("seed-article.txt")).map_err(|e| format!("seed-article.txt: {e}"))?;
    let seed_gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("seed-article.gold.json")).map_err(|e| format!("seed-article.gold.json: {e}"))?,
    )
    .map_err(|e| e.to_string())?;
    let seed_text = crate::text::normalize(&seed_text);
    bytes_analysed += seed_text.len();
    let s = score_seed(&seed_text, &seed_gold);
    let _ = writeln!(out, "== sample article (seed-article.gold.json), strict spans");
    for t in EntityType::ALL {
        if let Some(c) = s.entities.by_type.get(&t) {
            row(out, t.as_str(), *c);
        }
    }
    row(out, "PERSON+PLACE+ORG", s.entities.micro(&NAME_TYPES));
    let _ = writeln!(out, "  quotations: {}/{} spans; speakers {}/{} right; {} predicted",
        s.quotes.found, s.quotes.gold, s.quotes.speaker_right, s.quotes.with_speaker, s.quotes.predicted);
    let _ = writeln!(out, "  posts: {}/{}   alias groups: {}/{}", s.posts_right, s.posts_gold, s.aliases_right, s.aliases_gold);
    for m in &s.mistakes {
        let _ = writeln!(out, "    - {m}");
    }

    // CoNLL-2003 dev.
    let conll = read_jsonl(&corpus.join("conll2003/dev.jsonl"))?;
    let mut scores = EntityScores::default();
    let name_types = [EntityType::Person, EntityType::Place, EntityType::Org, EntityType::Misc];
    for d in &conll {
        let text = d.get("text").and_then(serde_json::Value::as_str).unwrap_or("");
        bytes_analysed += text.len();
        let a = super::analyze(text);
        score_entities(&a, &gold_entities(d), &name_types, &mut scores);
    }
    let _ = writeln!(out, "== CoNLL-2003 dev ({} documents), strict spans", conll.len());
    for t in name_types {
        row(out, t.as_str(), scores.by_type.get(&t).copied().unwrap_or_default());
    }
    row(out, "PERSON+PLACE+ORG", scores.micro(&NAME_TYPES));
    row(out, "all four", scores.micro(&name_types));

    // PolNeAR dev.
    let polnear = read_jsonl(&corpus.join("polnear/dev.jsonl"))?;
    let mut q = QuoteScores::default();
    for d in &polnear {
        let text = d.get("text").and_then(serde_json::Value::as_str).unwrap_or("");
        bytes_analysed += text.len();
        let a = super::analyze(text);
        score_quotes(&a, d, text, &mut q);
    }
    let _ = writeln!(out, "== PolNeAR dev ({} articles), direct quotations", polnear.len());
    let _ = writeln!(out, "  detection recall {:.3} ({}/{}); speaker accuracy {:.3} ({}/{}); {} quotations predicted",
        q.recall(), q.found, q.gold, q.speaker_accuracy(), q.speaker_right, q.with_speaker, q.predicted);
    let secs = started.elapsed().as_secs_f64();
    let _ = writeln!(out, "== {:.1} MB analysed in {:.2} s ({:.2} MB/s, including scoring)", bytes_analysed as f64 / 1e6, secs, bytes_analysed as f64 / 1e6 / secs);
    Ok(())
}
