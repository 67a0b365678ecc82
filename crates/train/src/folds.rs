//! `marginalia train --folds K`: K-fold cross-validation of the name
//! tagger over CoNLL-2003 `train`, the figure changes are chosen by.
//! Each fold trains both passes on the other folds as `marginalia train`
//! does (or reads them from a folder of fold models, `FoldCache`), then
//! analyses its held-out documents with the whole engine and scores
//! them as `marginalia eval` scores dev; with `--rules`, also without
//! each naming rule.

use std::io::Write;
use std::path::Path;

use std::collections::{HashMap, HashSet};

use marginalia_core::analysis::tagger::PerceptronTagger;
use marginalia_core::analysis::EntityType;

use crate::cli::{error_lists, examples, load, read_jsonl, row, tagger_scores, train_passes, TrainSettings};
use crate::train::Example;

/// Errors listed per kind on the folds, which are four times dev's size
/// and where choices are made.
const FOLD_ERRORS_SHOWN: usize = 40;

/// One fold of `train --folds`: the models trained without it and the
/// documents it holds out.
struct Fold {
    tagger: PerceptronTagger,
    held: Vec<usize>,
}

/// Trains both passes for each of `folds` folds of `set` (document `i` is
/// held out in fold `i mod folds`), as `marginalia train` trains them;
/// with `cache`, loads them from there when it holds them for these
/// settings, else writes them there (see `FoldCache`).
fn train_folds(set: &[Example], folds: usize, settings: &TrainSettings, second: bool, cache: Option<&Path>, log: &mut dyn Write) -> Result<Vec<Fold>, String> {
    let cache = cache.map(|dir| FoldCache::open(dir, folds, settings, second)).transpose()?;
    let mut out = Vec::new();
    for k in 0..folds {
        let held = (0..set.len()).filter(|i| i % folds == k).collect();
        if let Some(tagger) = cache.as_ref().map(|c| c.load(k)).transpose()?.flatten() {
            let _ = writeln!(log, "fold {}/{folds}: models read from the cache", k + 1);
            out.push(Fold { tagger, held });
            continue;
        }
        let rest: Vec<Example> = set.iter().enumerate().filter(|(i, _)| i % folds != k).map(|(_, ex)| ex.clone()).collect();
        let (first, second_pass) = train_passes(&rest, settings, second, &mut std::io::sink())?;
        let first_bytes = first.to_bytes(settings.features, settings.bits, None)?;
        let first = load(first_bytes.clone(), None)?;
        let second_bytes = second_pass.map(|t| t.to_bytes(settings.features, settings.bits, Some(first))).transpose()?;
        if let Some(c) = &cache {
            c.store(k, &first_bytes, second_bytes.as_deref())?;
        }
        let tagger = PerceptronTagger::new(first, second_bytes.map(|b| load(b, Some(first))).transpose()?);
        let _ = writeln!(log, "fold {}/{folds}: trained on {} documents", k + 1, rest.len());
        out.push(Fold { tagger, held });
    }
    Ok(out)
}

/// A folder of the fold models `train --folds --fold-models DIR` trained,
/// so that experiments on what follows the tagger (the naming rules, the
/// error lists) score the folds in seconds instead of retraining for
/// minutes. `settings.txt` names the settings the models were trained
/// with, and a run with other settings is refused; a change to the
/// tagger's features or training is not detected, so the folder is
/// deleted after one.
struct FoldCache {
    dir: std::path::PathBuf,
    /// Whether each fold has a second-pass model too.
    second: bool,
}

impl FoldCache {
    /// Opens (or creates) `dir` for models of these settings.
    fn open(dir: &Path, folds: usize, s: &TrainSettings, second: bool) -> Result<FoldCache, String> {
        let key = format!(
            "folds {folds}, epochs {}, features {}, bits {}, seed {}, orders {}, dropout {}, second pass {second}\n",
            s.epochs, s.features, s.bits, s.seed, s.orders, s.dropout
        );
        let at = |e: std::io::Error| format!("{}: {e}", dir.display());
        std::fs::create_dir_all(dir).map_err(at)?;
        let file = dir.join("settings.txt");
        match std::fs::read_to_string(&file) {
            Ok(had) if had != key => Err(format!("{} holds fold models of other settings ({}); delete it or name another folder", dir.display(), had.trim())),
            Ok(_) => Ok(FoldCache { dir: dir.to_path_buf(), second }),
            Err(_) => std::fs::write(&file, key).map(|()| FoldCache { dir: dir.to_path_buf(), second }).map_err(at),
        }
    }

    /// Where fold `k`'s model of `pass` (`first`, `second`) is kept.
    fn path(&self, k: usize, pass: &str) -> std::path::PathBuf {
        self.dir.join(format!("fold-{k}.{pass}.model"))
    }

    /// Fold `k`'s tagger, if both its models are there (the second when
    /// the cache was opened with one).
    fn load(&self, k: usize) -> Result<Option<PerceptronTagger>, String> {
        let Ok(first) = std::fs::read(self.path(k, "first")) else { return Ok(None) };
        let second = if self.second {
            let Ok(bytes) = std::fs::read(self.path(k, "second")) else { return Ok(None) };
            Some(bytes)
        } else {
            None
        };
        let first = load(first, None)?;
        Ok(Some(PerceptronTagger::new(first, second.map(|b| load(b, Some(first))).transpose()?)))
    }

    /// Writes fold `k`'s models.
    fn store(&self, k: usize, first: &[u8], second: Option<&[u8]>) -> Result<(), String> {
        let write = |pass: &str, bytes: &[u8]| std::fs::write(self.path(k, pass), bytes).map_err(|e| format!("{}: {e}", self.path(k, pass).display()));
        write("first", first)?;
        second.map_or(Ok(()), |b| write("second", b))
    }
}

/// The four name types `train --folds` scores.
const ALL_FOUR: [EntityType; 4] = {
    use marginalia_core::analysis::EntityType::*;
    [Person, Place, Org, Misc]
};

/// Scores (and, given a tally, errors and names seen and unseen in
/// training) of the whole analysis of every fold's held-out documents
/// with its fold's models, the naming rules in `skip` left out.
fn fold_scores(docs: &[serde_json::Value], fold: &Fold, skip: &[&str], into: &mut crate::eval::EntityScores, mut tally: Option<(&mut crate::eval::ErrorTable, &mut crate::eval::Novelty)>) {
    for &i in &fold.held {
        let text = docs[i].get("text").and_then(serde_json::Value::as_str).unwrap_or_default();
        let a = marginalia_core::analysis::analyze_with_tagger(text, &fold.tagger, skip);
        let gold = crate::eval::gold_entities(&docs[i]);
        crate::eval::score_entities(&a, &gold, &ALL_FOUR, into);
        if let Some((table, novelty)) = tally.as_mut() {
            table.add(&a, &gold, text, &ALL_FOUR);
            novelty.add(text, &gold, &crate::eval::found_names(&a, &ALL_FOUR));
        }
    }
}

/// What `train --folds` does besides training and scoring.
#[derive(Default)]
pub struct FoldOptions {
    /// Train the second pass too (as `marginalia train` does).
    pub second: bool,
    /// Also score the folds without each naming rule.
    pub rules: bool,
    /// Where the fold models are kept between runs: read when they are
    /// there for these settings, else trained and written there.
    pub cache: Option<std::path::PathBuf>,
    /// Where to write what the whole analysis found in each held-out
    /// document (a JSON line per document, `{"id", "entities": [{"type",
    /// "start", "end", "text"}]}`, in the corpus's order), to read the
    /// folds' errors beyond the printed lists.
    pub predictions: Option<std::path::PathBuf>,
}

/// `marginalia train --folds K`: K-fold cross-validation of the name
/// tagger over the documents of CoNLL-2003 train. Each fold trains both
/// passes on the other folds exactly as `marginalia train` does, then
/// scores its held-out documents twice: the tagger alone (as `train`
/// scores dev) and the whole analysis, naming conventions included,
/// scored as `marginalia eval` scores dev (strict spans, all four types
/// and PERSON+PLACE+ORG). With `rules`, also what each naming rule is
/// worth on the folds (as `eval --rules` on dev). Writes nothing but the
/// fold models to `options.cache`, when given; dev stays for confirming
/// what the folds chose.
pub fn cross_validate(corpus: &Path, folds: usize, settings: &TrainSettings, options: &FoldOptions, log: &mut dyn Write) -> Result<(), String> {
    use crate::eval::{EntityScores, NAME_TYPES};
    let docs: Vec<serde_json::Value> = read_jsonl(&corpus.join("conll2003/train.jsonl"))?.into_iter().filter(|d| d.get("text").and_then(|t| t.as_str()).is_some()).collect();
    let (set, _) = examples(&docs);
    if set.len() != docs.len() {
        return Err("conll2003/train.jsonl: a document without an entity list".to_string());
    }
    let folds = folds.max(2);
    let trained = train_folds(&set, folds, settings, options.second, options.cache.as_deref(), log)?;
    let mut total = EntityScores::default();
    let mut errors = crate::eval::ErrorTable::default();
    let (mut seen, mut unseen) = (crate::eval::Counts::default(), crate::eval::Counts::default());
    for (k, fold) in trained.iter().enumerate() {
        let held: Vec<Example> = fold.held.iter().map(|&i| set[i].clone()).collect();
        let (_, _, alone) = tagger_scores(&fold.tagger, &held);
        let mut scores = EntityScores::default();
        let held_ids: HashSet<usize> = fold.held.iter().copied().collect();
        let mut novelty = crate::eval::Novelty::new(docs.iter().enumerate().filter(|(i, _)| !held_ids.contains(i)).map(|(_, d)| d));
        fold_scores(&docs, fold, &[], &mut scores, Some((&mut errors, &mut novelty)));
        seen.add(novelty.seen);
        unseen.add(novelty.unseen);
        fold_scores(&docs, fold, &[], &mut total, None);
        let _ = writeln!(log, "fold {}/{folds} ({} documents held out): tagger alone F1 {alone:.3}; whole analysis F1 {:.3} (PERSON+PLACE+ORG {:.3})",
            k + 1, held.len(), scores.micro(&ALL_FOUR).f1(), scores.micro(&NAME_TYPES).f1());
    }
    let _ = writeln!(log, "== CoNLL-2003 train, {folds} folds, the whole analysis of each held-out document with its fold's models (strict spans)");
    row(log, "all four types", total.micro(&ALL_FOUR));
    row(log, "PERSON+PLACE+ORG", total.micro(&NAME_TYPES));
    for t in ALL_FOUR {
        row(log, t.as_str(), total.micro(&[t]));
    }
    row(log, "seen in training", seen);
    row(log, "unseen", unseen);
    error_lists(log, &errors, FOLD_ERRORS_SHOWN);
    if options.rules {
        rules_on_folds(&docs, &trained, total.micro(&ALL_FOUR).f1(), log);
    }
    match &options.predictions {
        Some(path) => write_predictions(&docs, &trained, path),
        None => Ok(()),
    }
}

/// Writes, for every document of the corpus in its order, the names of the
/// four types the whole analysis found with the models of the fold that
/// held it out: one JSON line per document, `{"id", "entities": [{"type",
/// "start", "end", "text"}]}`, offsets in code points as the gold's.
fn write_predictions(docs: &[serde_json::Value], trained: &[Fold], path: &Path) -> Result<(), String> {
    let mut lines: Vec<(usize, String)> = Vec::with_capacity(docs.len());
    for fold in trained {
        for &i in &fold.held {
            let text = docs[i].get("text").and_then(serde_json::Value::as_str).unwrap_or_default();
            let a = marginalia_core::analysis::analyze_with_tagger(text, &fold.tagger, &[]);
            let entities: Vec<serde_json::Value> = a
                .entities
                .iter()
                .filter(|e| ALL_FOUR.contains(&e.kind))
                .map(|e| serde_json::json!({"type": e.kind.as_str(), "start": e.range.start, "end": e.range.end, "text": e.text}))
                .collect();
            lines.push((i, serde_json::json!({"id": docs[i].get("id"), "entities": entities}).to_string()));
        }
    }
    lines.sort_by_key(|(i, _)| *i);
    let out: String = lines.into_iter().map(|(_, l)| l + "\n").collect();
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// A name as scored: its type and its code-point range.
type Found = (EntityType, usize, usize);

/// Names of each rule's effect listed per side on the folds.
const RULE_EFFECTS_SHOWN: usize = 4;

/// The names of the four types the whole analysis finds in `text` with
/// `tagger`, the naming rules in `skip` left out, and its scores.
fn found(text: &str, tagger: &PerceptronTagger, skip: &[&str], gold: &[Found], into: &mut crate::eval::EntityScores) -> HashSet<Found> {
    let a = marginalia_core::analysis::analyze_with_tagger(text, tagger, skip);
    crate::eval::score_entities(&a, gold, &ALL_FOUR, into);
    crate::eval::found_names(&a, &ALL_FOUR)
}

/// What one naming rule changes on the folds, by name and type: the
/// names it makes right (found, or a wrong one removed: `−X`) and the
/// names it makes wrong, each counted over the held-out documents.
#[derive(Default)]
struct RuleEffect {
    right: HashMap<String, usize>,
    wrong: HashMap<String, usize>,
}

impl RuleEffect {
    /// Adds one document's difference between the names found `with`
    /// the rule and `without` it.
    fn add(&mut self, text: &str, gold: &HashSet<Found>, with: &HashSet<Found>, without: &HashSet<Found>) {
        let label = |&(t, s, e): &Found| format!("{} {}", text.chars().skip(s).take(e - s).collect::<String>(), t.as_str());
        for f in with.difference(without) {
            let side = if gold.contains(f) { &mut self.right } else { &mut self.wrong };
            *side.entry(label(f)).or_default() += 1;
        }
        for f in without.difference(with) {
            let side = if gold.contains(f) { &mut self.wrong } else { &mut self.right };
            *side.entry(format!("−{}", label(f))).or_default() += 1;
        }
    }

    /// The `n` names changed most often on one side, and how many there are.
    fn top(side: &HashMap<String, usize>, n: usize) -> (usize, String) {
        let mut list: Vec<(&String, &usize)> = side.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = list.iter().take(n).map(|(name, k)| format!("{name}×{k}")).collect();
        (side.values().sum(), shown.join(", "))
    }
}

/// Each naming rule's worth on the folds: the all-types F1 without it,
/// against `base` (a rule whose removal raises it does not generalise),
/// and the names it makes right and wrong most often, where to look
/// before narrowing a rule.
fn rules_on_folds(docs: &[serde_json::Value], trained: &[Fold], base: f64, log: &mut dyn Write) {
    let _ = writeln!(log, "== naming rules on the folds: all-types F1 without the rule (with all rules: {base:.4}); the names the rule makes right and wrong");
    let held: Vec<(usize, &Fold)> = trained.iter().flat_map(|f| f.held.iter().map(move |&i| (i, f))).collect();
    let text = |i: usize| docs[i].get("text").and_then(serde_json::Value::as_str).unwrap_or_default();
    let gold: Vec<Vec<Found>> = held.iter().map(|&(i, _)| crate::eval::gold_entities(&docs[i])).collect();
    let gold_sets: Vec<HashSet<Found>> = gold.iter().map(|g| g.iter().filter(|f| ALL_FOUR.contains(&f.0)).copied().collect()).collect();
    let mut ignored = crate::eval::EntityScores::default();
    let with: Vec<HashSet<Found>> = held.iter().zip(&gold).map(|(&(i, f), g)| found(text(i), &f.tagger, &[], g, &mut ignored)).collect();
    for rule in marginalia_core::analysis::names::RULES {
        let mut scores = crate::eval::EntityScores::default();
        let mut effect = RuleEffect::default();
        for (k, &(i, fold)) in held.iter().enumerate() {
            let without = found(text(i), &fold.tagger, &[rule.name], &gold[k], &mut scores);
            effect.add(text(i), &gold_sets[k], &with[k], &without);
        }
        let ((n_right, right), (n_wrong, wrong)) = (RuleEffect::top(&effect.right, RULE_EFFECTS_SHOWN), RuleEffect::top(&effect.wrong, RULE_EFFECTS_SHOWN));
        let _ = writeln!(log, "  {:<26} {:>+9.4}   right {n_right}: {right}; wrong {n_wrong}: {wrong}", rule.name, scores.micro(&ALL_FOUR).f1() - base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{DEFAULT_BITS, DEFAULT_DROPOUT};

    /// Four one-sentence documents in a temporary folder's
    /// `conll2003/train.jsonl`.
    fn tiny_corpus(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("marginalia-{name}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("conll2003")).expect("temporary folder");
        let lines: Vec<String> = ["Alice Smith", "Bob Jones", "Carol White", "Dan Brown"]
            .iter()
            .enumerate()
            .map(|(k, who)| {
                let text = format!("{who} flew to Paris on Monday .");
                let end = who.chars().count();
                let paris = text.find("Paris").unwrap_or(0);
                serde_json::json!({"id": format!("doc-{k}"), "text": text, "entities": [
                    {"type": "PERSON", "start": 0, "end": end},
                    {"type": "PLACE", "start": paris, "end": paris + 5}]})
                .to_string()
            })
            .collect();
        std::fs::write(dir.join("conll2003/train.jsonl"), lines.join("\n")).expect("corpus written");
        dir
    }

    fn tiny_settings() -> TrainSettings {
        TrainSettings { epochs: 1, features: 500, seed: 1, orders: 1, dropout: DEFAULT_DROPOUT, bits: DEFAULT_BITS }
    }

    /// The log's lines from the first score on (what a run concluded).
    fn scores_of(log: &str) -> Vec<&str> {
        log.lines().skip_while(|l| !l.starts_with("fold 1/2 (")).collect()
    }

    /// `train --folds` trains a model per fold and scores every document
    /// once, held out.
    #[test]
    fn cross_validation_scores_each_document_held_out() {
        let dir = tiny_corpus("cv");
        let mut log = Vec::new();
        let options = FoldOptions { rules: true, ..FoldOptions::default() };
        cross_validate(&dir, 2, &tiny_settings(), &options, &mut log).expect("cross-validation runs");
        let log = String::from_utf8(log).expect("text");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(log.matches("(2 documents held out)").count(), 2, "{log}");
        assert!(log.contains("== CoNLL-2003 train, 2 folds"), "{log}");
        assert!(log.contains("most often missed:"), "{log}");
        assert_eq!(log.lines().skip_while(|l| !l.starts_with("== naming rules")).count(), 1 + marginalia_core::analysis::names::RULES.len(), "{log}");
        // Every gold name is counted once over the folds: 4 people, 4 places.
        let total = log.lines().find(|l| l.trim_start().starts_with("all four types")).unwrap_or_default();
        let counts: Vec<usize> = ["tp ", "fn "].iter().filter_map(|k| total.split(k).nth(1)?.split([' ', ')']).next()?.parse().ok()).collect();
        assert_eq!(counts.iter().sum::<usize>(), 8, "{total}");
    }

    /// `--predictions FILE`: one line per document, in the corpus's
    /// order (each fold holds out every other document), with what the
    /// fold's models found.
    #[test]
    fn predictions_are_written_one_line_per_document_in_order() {
        let dir = tiny_corpus("predictions");
        let path = dir.join("predictions.jsonl");
        let options = FoldOptions { predictions: Some(path.clone()), ..FoldOptions::default() };
        cross_validate(&dir, 2, &tiny_settings(), &options, &mut Vec::new()).expect("cross-validation runs");
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        let lines: Vec<serde_json::Value> = written.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        assert_eq!(lines.len(), 4, "{written}");
        for (k, line) in lines.iter().enumerate() {
            assert_eq!(line["id"], format!("doc-{k}"), "{written}");
            assert!(line["entities"].as_array().is_some_and(|a| a.iter().all(|e| e["start"].is_u64() && e["type"].is_string())), "{line}");
        }
    }

    /// A rule's effect: a name it finds or a wrong one it removes is on
    /// the right side; a wrong name it adds or a right one it removes is
    /// on the wrong side.
    #[test]
    fn a_rules_effect_is_counted_by_name() {
        let text = "Jan Smith met Mary in Paris";
        let person = |s, e| (EntityType::Person, s, e);
        let gold: HashSet<Found> = [person(0, 9), (EntityType::Place, 22, 27)].into();
        let without: HashSet<Found> = [person(4, 9), person(14, 18), (EntityType::Place, 22, 27)].into();
        let with: HashSet<Found> = [person(0, 9), (EntityType::Org, 22, 27)].into();
        let mut effect = RuleEffect::default();
        effect.add(text, &gold, &with, &without);
        assert_eq!(RuleEffect::top(&effect.right, 4), (3, "Jan Smith PERSON×1, −Mary PERSON×1, −Smith PERSON×1".to_string()));
        assert_eq!(RuleEffect::top(&effect.wrong, 4), (2, "Paris ORG×1, −Paris PLACE×1".to_string()));
    }

    /// `--fold-models DIR`: the second run reads the models the first
    /// wrote and scores the folds the same; other settings are refused.
    #[test]
    fn fold_models_are_kept_between_runs() {
        let dir = tiny_corpus("cv-cache");
        let options = FoldOptions { second: true, cache: Some(dir.join("models")), ..FoldOptions::default() };
        let run = |settings: &TrainSettings| {
            let mut log = Vec::new();
            cross_validate(&dir, 2, settings, &options, &mut log).map(|()| String::from_utf8(log).unwrap_or_default())
        };
        let (first, again) = (run(&tiny_settings()), run(&tiny_settings()));
        let other = run(&TrainSettings { seed: 2, ..tiny_settings() });
        let _ = std::fs::remove_dir_all(&dir);
        let (first, again) = (first.expect("first run"), again.expect("second run"));
        assert_eq!(first.matches("trained on").count(), 2, "{first}");
        assert_eq!(again.matches("models read from the cache").count(), 2, "{again}");
        assert_eq!(scores_of(&first), scores_of(&again));
        assert!(other.is_err_and(|e| e.contains("other settings")));
    }
}
