//! The command-line tool's work, kept in the library so it is tested like
//! the rest (the binary only parses arguments).

use std::io::Write;
use std::path::Path;

use marginalia_core::analysis::tagger::{Model, PerceptronTagger};
use crate::train::{example, gold_spans, name_type, predict, train as train_model, train_second, Example, Options, Trained};
use marginalia_core::text::CharRange;

/// Default training passes: 12 with [`DEFAULT_DROPOUT`] (the folds, all
/// four types, seed 42: 8 passes 0.9080, 12 passes 0.9091, 16 passes
/// 0.9096; 12 and 16 are as close as two seeds of one, and 16 trains a
/// third longer). Without dropout 8 passes were best (12: 0.9051 against
/// 0.9048, and −0.4 on 2020 dev).
pub const DEFAULT_EPOCHS: usize = 12;
/// Default chance that each feature is hidden from the perceptron at a
/// training step (feature noising, `crate::train::Options::dropout`), so
/// no single weight — a training name's own word above all — decides a
/// label, and context, shape and cluster features learn what it would
/// have. Chosen on the folds (`train --folds 5`, all four types; none, 8
/// passes: 0.9048 and 0.9033 for seeds 42 and 7): 8 passes with 0.1, 0.2,
/// 0.3 and 0.4: 0.9057, 0.9060, 0.9080 and 0.9061 (seed 42), 0.3 with
/// seed 7 0.9074; 0.3 with 12 passes 0.9091 and 0.9082. See docs/names.md,
/// "Feature dropout", for dev and the speakers.
pub const DEFAULT_DROPOUT: f32 = 0.3;
/// Default features kept in each model, the strongest by weight. Chosen
/// with [`DEFAULT_BITS`] on the folds (`train --folds 5 --features N
/// --bits B`, all four types, seed 42), against the download: with 8-bit
/// weights 4,000 features 0.9091, 6,000 0.9125, 8,000 0.9141 (before
/// feature dropout 6,000 had bought a tenth of a point, since dropout
/// spreads what a model knows over more features); 8,000 costs 114 KB
/// gzipped per model against 62 KB for 4,000. At 4 bits 6,000 score 0.9116 (seed 7
/// also 0.9116), 7,000 0.9122 and 8,000 0.9116, at 60, 68 and 77 KB.
pub const DEFAULT_FEATURES: usize = 6_000;
/// Default bits per stored weight: each weight is one of 16 levels
/// placed where the weights are dense (`crate::train::codebook`). At
/// 8,000 features 8 bits scored 0.9141 on the folds, 6 bits 0.9138, 5 bits
/// 0.9131, 4 bits 0.9116 and 3 bits 0.9118: below 6 bits a level costs
/// about a tenth of a point, and 4 bits fit half as many features again
/// into the gzipped bytes 4,000 took at 8.
pub const DEFAULT_BITS: u32 = 4;

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

/// Training orders averaged into each shipped model: a perceptron depends
/// on the order it saw the examples in, and the mean of six orders moved
/// modern-news F1 by less between seeds than three did (0.842-0.843 over
/// two seeds, against 0.837-0.844 over three); each order costs a
/// training run.
pub const ORDERS: usize = 6;

/// Default seed of the training order (the shipped model's).
pub const DEFAULT_SEED: u64 = 42;

/// `marginalia train`'s settings.
pub struct TrainSettings {
    /// Passes over the data.
    pub epochs: usize,
    /// Features kept in the model.
    pub features: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Training orders averaged into each model (see [`ORDERS`]).
    pub orders: usize,
    /// Chance that a feature is hidden at a training step (see
    /// [`DEFAULT_DROPOUT`]).
    pub dropout: f32,
    /// Bits per stored weight (see [`DEFAULT_BITS`]).
    pub bits: u32,
}

/// Folds of the training set for the second pass: each first-pass model
/// that tags training articles for it was trained on the other folds, so
/// its labels are as wrong as on unseen text. Five is the usual choice;
/// each fold costs one more first-pass training.
pub const SECOND_PASS_FOLDS: usize = 5;

/// The mean of `orders` perceptrons trained by `run(seed)`.
fn averaged(seed: u64, orders: usize, mut run: impl FnMut(u64) -> Trained) -> Trained {
    Trained::mean((0..orders).map(|k| run(seed.wrapping_add(k as u64 * 7919))).collect())
}

/// Serialises `trained` (over `base`, the first pass, for a second pass's
/// model), writes it to `out` and loads it back.
fn write_model(trained: &Trained, settings: &TrainSettings, out: &Path, base: Option<&'static Model>, log: &mut dyn Write) -> Result<&'static Model, String> {
    let features = settings.features;
    let bytes = trained.to_bytes(features, settings.bits, base)?;
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let _ = writeln!(log, "wrote {} ({} of {} features, {} bytes)", out.display(), features.min(trained.len()), trained.len(), bytes.len());
    load(bytes, base)
}

/// A model from bytes (written over `base`, if it was), kept for the rest
/// of the run.
pub(crate) fn load(bytes: Vec<u8>, base: Option<&Model>) -> Result<&'static Model, String> {
    let model = match base {
        Some(base) => Model::from_bytes_over(&bytes, base),
        None => Model::from_bytes(&bytes),
    };
    Ok(Box::leak(Box::new(model.map_err(|e| e.0)?)))
}

/// The first pass trained on `set` and, with `second`, the second pass
/// over [`SECOND_PASS_FOLDS`] first passes of its folds (each trained
/// without the fold it tags). Each epoch's errors go to `log`.
pub(crate) fn train_passes(set: &[Example], settings: &TrainSettings, second: bool, log: &mut dyn Write) -> Result<(Trained, Option<Trained>), String> {
    let TrainSettings { epochs, features, seed, orders, dropout, bits } = *settings;
    let opts = |seed| Options { epochs, seed, dropout };
    let first = averaged(seed, orders, |s| {
        train_model(set, &opts(s), |epoch, errors| {
            let _ = writeln!(log, "seed {s}, epoch {epoch}: {errors} token errors");
        })
    });
    if !second {
        return Ok((first, None));
    }
    let mut folds = Vec::new();
    for k in 0..SECOND_PASS_FOLDS {
        let rest: Vec<Example> = set.iter().enumerate().filter(|(e, _)| e % SECOND_PASS_FOLDS != k).map(|(_, ex)| ex.clone()).collect();
        let fold = averaged(seed, orders, |s| train_model(&rest, &opts(s), |_, _| ()));
        folds.push(load(fold.to_bytes(features, bits, None)?, None)?);
        let _ = writeln!(log, "fold {k}: first pass trained on {} documents", rest.len());
    }
    let trained = averaged(seed, orders, |s| {
        train_second(set, &folds, &opts(s), |epoch, errors| {
            let _ = writeln!(log, "second pass, seed {s}, epoch {epoch}: {errors} token errors");
        })
    });
    Ok((first, Some(trained)))
}

/// `marginalia train`: trains the first pass on CoNLL-2003 train and
/// writes it to `out`; then, with `second` set, trains the second pass
/// (see `train_passes`) and writes it there. Scores the tagger alone on
/// both dev sets.
pub fn train(corpus: &Path, settings: &TrainSettings, out: &Path, second: Option<&Path>, log: &mut dyn Write) -> Result<(), String> {
    let train_docs = read_jsonl(&corpus.join("conll2003/train.jsonl"))?;
    let (train_set, misaligned) = examples(&train_docs);
    let _ = writeln!(log, "training on {} documents ({misaligned} names not aligned to tokens)", train_set.len());
    let (first, trained_second) = train_passes(&train_set, settings, second.is_some(), log)?;
    let model = write_model(&first, settings, out, None, log)?;
    let second_model = match (trained_second, second) {
        (Some(t), Some(path)) => Some(write_model(&t, settings, path, Some(model), log)?),
        _ => None,
    };
    let tagger = PerceptronTagger::new(model, second_model);
    for (name, file) in [("CoNLL-2003 dev", "conll2003/dev.jsonl"), ("CoNLL-2020 dev", "conll2020/dev.jsonl")] {
        let (dev, _) = examples(&read_jsonl(&corpus.join(file))?);
        let (p, r, f) = tagger_scores(&tagger, &dev);
        let _ = writeln!(log, "{name} (tagger alone, all four types, token-aligned): P {p:.3} R {r:.3} F1 {f:.3}");
    }
    Ok(())
}

/// Precision, recall and F1 of the tagger alone (no conventions) on `dev`.
pub(crate) fn tagger_scores(tagger: &PerceptronTagger, dev: &[Example]) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for ex in dev {
        let pred = predict(tagger, &ex.text, &ex.tokens);
        let gold = gold_spans(ex);
        tp += pred.iter().filter(|p| gold.contains(p)).count();
        fp += pred.iter().filter(|p| !gold.contains(p)).count();
        fn_ += gold.iter().filter(|g| !pred.contains(g)).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    (p, r, 2.0 * p * r / (p + r).max(1e-9))
}

/// The JSON object `marginalia analyze` prints for one document.
pub fn analysis_json(a: &marginalia_core::analysis::Analysis) -> serde_json::Map<String, serde_json::Value> {
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

/// Analyses one file, decoded and read as the app reads it (`html` parses
/// pages, whose article is analysed).
pub fn analyze_file(name: &str, bytes: &[u8], html: &dyn marginalia_core::text::html::HtmlReader) -> Result<String, String> {
    use marginalia_core::ingest::{detect_format, ingest_text, SourceFormat};
    let text = marginalia_core::ingest::decode_bytes(bytes).map_err(|e| e.to_string())?;
    // A page is read as the app reads it (its article, issue 19); Markdown
    // loses its syntax; plain text stays exactly as given.
    let a = match detect_format(Some(name), None, &text) {
        SourceFormat::Plain => marginalia_core::analysis::analyze(&marginalia_core::text::normalize(&text)),
        format => marginalia_core::analysis::analyze_document(&ingest_text(&text, format, Some(name), html).map_err(|e| e.to_string())?),
    };
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
    Ok(analysis_line(v.get("id"), &marginalia_core::analysis::analyze(text)))
}

/// One line of `analyze --jsonl`'s answer: the document's `id` (null
/// without one) and its analysis ([`analysis_json`]).
pub fn analysis_line(id: Option<&serde_json::Value>, a: &marginalia_core::analysis::Analysis) -> String {
    let mut m = serde_json::Map::new();
    m.insert("id".into(), id.cloned().unwrap_or(serde_json::Value::Null));
    m.extend(analysis_json(a));
    serde_json::Value::Object(m).to_string()
}

pub(crate) fn row(out: &mut dyn Write, name: &str, c: crate::eval::Counts) {
    let _ = writeln!(out, "  {name:<18} P {:.3}  R {:.3}  F1 {:.3}   (tp {} fp {} fn {})", c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_);
}

/// Errors listed per kind in `marginalia eval`'s error table.
const ERRORS_SHOWN: usize = 12;

/// Scores names on one CoNLL-style set: per type, the headline figures and
/// the most frequent errors. Returns the bytes analysed.
/// `novelty` knows the names of CoNLL-2003 `train`: the set's names are
/// also scored apart by whether training holds them.
fn eval_names(out: &mut dyn Write, title: &str, path: &Path, mut novelty: crate::eval::Novelty) -> Result<usize, String> {
    use crate::eval::*;
    use marginalia_core::analysis::EntityType;
    let docs = read_jsonl(path)?;
    let mut scores = EntityScores::default();
    let mut errors = ErrorTable::default();
    let name_types = [EntityType::Person, EntityType::Place, EntityType::Org, EntityType::Misc];
    let mut bytes = 0;
    for d in &docs {
        let text = d.get("text").and_then(serde_json::Value::as_str).unwrap_or("");
        bytes += text.len();
        let a = marginalia_core::analysis::analyze(text);
        let gold = gold_entities(d);
        score_entities(&a, &gold, &name_types, &mut scores);
        errors.add(&a, &gold, text, &name_types);
        novelty.add(text, &gold, &found_names(&a, &name_types));
    }
    let _ = writeln!(out, "== {title}: {} documents, strict spans", docs.len());
    for t in name_types {
        row(out, t.as_str(), scores.by_type.get(&t).copied().unwrap_or_default());
    }
    row(out, "PERSON+PLACE+ORG", scores.micro(&NAME_TYPES));
    row(out, "all four", scores.micro(&name_types));
    row(out, "seen in training", novelty.seen);
    row(out, "unseen", novelty.unseen);
    error_lists(out, &errors, ERRORS_SHOWN);
    Ok(bytes)
}

/// The `shown` names most often wrongly found, then most often missed.
pub(crate) fn error_lists(out: &mut dyn Write, errors: &crate::eval::ErrorTable, shown: usize) {
    use crate::eval::ErrorKind;
    for (kind, what) in [(ErrorKind::FalsePositive, "wrongly found"), (ErrorKind::FalseNegative, "missed")] {
        let list: Vec<String> = errors.top(kind, shown).into_iter().map(|(t, s, n)| format!("{s} {}×{n}", t.as_str())).collect();
        let _ = writeln!(out, "  most often {what}: {}", list.join(", "));
    }
}

/// A document's text and its gold names `(type, start, end)`.
type GoldDoc = (String, Vec<(marginalia_core::analysis::EntityType, usize, usize)>);

/// All-four-types F1 on `docs` with the naming rules in `skip` turned off.
fn names_f1(docs: &[GoldDoc], skip: &[&str]) -> f64 {
    use crate::eval::*;
    let types = [marginalia_core::analysis::EntityType::Person, marginalia_core::analysis::EntityType::Place, marginalia_core::analysis::EntityType::Org, marginalia_core::analysis::EntityType::Misc];
    let mut scores = EntityScores::default();
    for (text, gold) in docs {
        let a = marginalia_core::analysis::analyze_indexed_except(&marginalia_core::text::IndexedText::new(text.clone()), skip);
        score_entities(&a, gold, &types, &mut scores);
    }
    scores.micro(&types).f1()
}

/// `marginalia eval --rules`: for each naming rule, how many names it
/// changes on each dev set and the all-types F1 without it (a rule whose
/// removal raises F1 on both sets does not earn its place).
pub fn eval_rules(corpus: &Path, out: &mut dyn Write) -> Result<(), String> {
    let mut sets = Vec::new();
    for file in ["conll2003/dev.jsonl", "conll2020/dev.jsonl"] {
        let docs: Vec<(String, Vec<_>)> = read_jsonl(&corpus.join(file))?
            .iter()
            .map(|d| (d.get("text").and_then(serde_json::Value::as_str).unwrap_or("").to_string(), crate::eval::gold_entities(d)))
            .collect();
        let changes = docs.iter().fold(vec![0usize; marginalia_core::analysis::names::RULES.len()], |mut acc, (t, _)| {
            acc.iter_mut().zip(marginalia_core::analysis::rule_changes(t)).for_each(|(a, c)| *a += c);
            acc
        });
        let base = names_f1(&docs, &[]);
        sets.push((docs, changes, base));
    }
    let _ = writeln!(out, "== naming rules: names changed, and all-types F1 without the rule (with all rules: 2003 {:.4}, 2020 {:.4})", sets[0].2, sets[1].2);
    let _ = writeln!(out, "  {:<26} {:>8} {:>8}   {:>9} {:>9}", "rule", "2003", "2020", "2003 off", "2020 off");
    for (k, rule) in marginalia_core::analysis::names::RULES.iter().enumerate() {
        let off: Vec<f64> = sets.iter().map(|(docs, _, base)| names_f1(docs, &[rule.name]) - base).collect();
        let _ = writeln!(out, "  {:<26} {:>8} {:>8}   {:>+9.4} {:>+9.4}", rule.name, sets[0].1[k], sets[1].1[k], off[0], off[1]);
    }
    Ok(())
}

/// `marginalia eval`: scores against the gold files in `corpus`.
pub fn eval(corpus: &Path, out: &mut dyn Write) -> Result<(), String> {
    use crate::eval::*;
    use marginalia_core::analysis::EntityType;
    let started = std::time::Instant::now();
    let mut bytes_analysed = 0usize;

    // Sample article.
    let seed_text = std::fs::read_to_string(corpus.join("seed-article.txt")).map_err(|e| format!("seed-article.txt: {e}"))?;
    let seed_gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("seed-article.gold.json")).map_err(|e| format!("seed-article.gold.json: {e}"))?,
    )
    .map_err(|e| e.to_string())?;
    let seed_text = marginalia_core::text::normalize(&seed_text);
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

    // The names of CoNLL-2003 train, which the tagger was trained on.
    let train = read_jsonl(&corpus.join("conll2003/train.jsonl"))?;
    bytes_analysed += eval_names(out, "CoNLL-2003 dev (1996)", &corpus.join("conll2003/dev.jsonl"), Novelty::new(&train))?;
    bytes_analysed += eval_names(out, "CoNLL-2020 dev (modern news)", &corpus.join("conll2020/dev.jsonl"), Novelty::new(&train))?;

    // PolNeAR dev.
    let polnear = read_jsonl(&corpus.join("polnear/dev.jsonl"))?;
    let mut q = QuoteScores::default();
    for d in &polnear {
        let text = d.get("text").and_then(serde_json::Value::as_str).unwrap_or("");
        bytes_analysed += text.len();
        let a = marginalia_core::analysis::analyze(text);
        score_quotes(&a, d, text, &mut q);
    }
    let _ = writeln!(out, "== PolNeAR dev ({} articles), direct quotations", polnear.len());
    quote_report(out, &q);
    let secs = started.elapsed().as_secs_f64();
    let _ = writeln!(out, "== {:.1} MB analysed in {:.2} s ({:.2} MB/s, including scoring)", bytes_analysed as f64 / 1e6, secs, bytes_analysed as f64 / 1e6 / secs);
    Ok(())
}

/// Detection recall, speaker accuracy, accuracy by the form of the gold
/// source, and the most frequent confusions (gold form → what was
/// predicted): `marginalia eval` on dev, `train --speakers --folds` on
/// the folds.
pub fn quote_report(out: &mut dyn Write, q: &crate::eval::QuoteScores) {
    let _ = writeln!(out, "  detection recall {:.3} ({}/{}); speaker accuracy {:.3} ({}/{}); {} quotations predicted",
        q.recall(), q.found, q.gold, q.speaker_accuracy(), q.speaker_right, q.with_speaker, q.predicted);
    let _ = writeln!(out, "  speaker accuracy by the source's form:");
    for kind in crate::eval::SpeakerKind::ALL {
        let (right, total) = q.by_kind.get(&kind).copied().unwrap_or_default();
        let _ = writeln!(out, "  {:<13} {:.3} ({right}/{total})", kind.as_str(), right as f64 / total.max(1) as f64);
    }
    let mut errors: Vec<_> = q.confusions.iter().collect();
    errors.sort_by(|a, b| b.1.cmp(a.1));
    let listed: Vec<String> = errors
        .iter()
        .take(6)
        .map(|((gold, pred), n)| format!("{} -> {}: {n}", gold.as_str(), pred.map_or("no speaker", |p| p.as_str())))
        .collect();
    let _ = writeln!(out, "  wrong speakers, gold -> predicted: {}", listed.join(", "));
}
