//! `marginalia`: the analysis engine on the command line.
//!
//! ```text
//! marginalia analyze FILE...        one JSON object per file
//! marginalia analyze --jsonl        JSONL {"id","text"} on stdin -> one line per document
//! marginalia analyze DIR            every .txt/.md/.html file below DIR, a line each
//!                                   (all three: --jobs N, default every core; --progress)
//! marginalia eval [--corpus DIR]    scores against the gold files in ../shared/corpus
//!                                   (--model FILE, --speaker-model FILE: models not shipped)
//! marginalia extract [--document | --snapshot] PAGE...
//!                                   the article of each page as JSON
//! marginalia eval --pages DIR [--show N]
//!                                   article extraction scored on saved pages
//! marginalia eval --anchors [--set train|dev|pages] [--show N]
//!                                   re-anchoring after edits, ours beside Hypothesis
//! marginalia train [--corpus DIR] [--epochs N] [--features N] [--bits B] [--seed N] [--orders N] [--dropout P] [--out FILE] [--second FILE | --no-second]
//! marginalia train --folds K [--corpus DIR] [--epochs N] [--features N] [--bits B] [--seed N] [--orders N] [--dropout P] [--no-second] [--rules] [--fold-models DIR] [--predictions FILE]
//! marginalia share push EXPORT.json [--server URL] [--app URL] [--to LINK]
//! marginalia share pull LINK [--out FILE]
//!                                   a shared room (issue 22) from the command line
//! marginalia train --speakers [--corpus DIR] [--epochs N] [--seed N] [--orders N] [--out FILE] [--folds K [--predictions FILE]] [--model FILE]
//! ```

use std::io::Write;
use std::process::ExitCode;

use args::{Args, Spec};
use marginalia_train::{cli, folds, speakers};

mod anchors;
mod args;
mod corpus;
mod pages;
mod share;

fn usage() -> &'static str {
    "usage:\n  marginalia analyze [--jobs N] [--progress] FILE...|DIR\n  marginalia analyze [--jobs N] [--progress] --jsonl < docs.jsonl\n  marginalia eval [--rules] [--corpus DIR] [--model FILE [--second FILE | --no-second]] [--speaker-model FILE]\n  marginalia extract [--document | --snapshot] PAGE...\n  marginalia eval --pages DIR [--show N]\n  marginalia eval --anchors [--corpus DIR] [--set train|dev|pages] [--show N]\n  marginalia train [--corpus DIR] [--epochs N] [--features N] [--bits B] [--seed N] [--orders N] [--dropout P] [--out FILE] [--second FILE | --no-second]\n  marginalia train --folds K [--corpus DIR] [--epochs N] [--features N] [--bits B] [--seed N] [--orders N] [--dropout P] [--no-second] [--rules] [--fold-models DIR] [--predictions FILE]\n  marginalia train --speakers [--corpus DIR] [--epochs N] [--seed N] [--orders N] [--out FILE] [--folds K [--predictions FILE]] [--model FILE [--second FILE]]\n  marginalia share push EXPORT.json [--server URL] [--app URL] [--to LINK]\n  marginalia share pull LINK [--out FILE]"
}

/// `marginalia analyze`'s options.
const ANALYZE: Spec = Spec { command: "analyze", values: &["--jobs"], switches: &["--progress", "--jsonl"] };

/// `marginalia eval`'s options.
const EVAL: Spec = Spec {
    command: "eval",
    values: &["--corpus", "--model", "--second", "--speaker-model", "--pages", "--show", "--set"],
    switches: &["--rules", "--anchors", "--no-second"],
};

/// `marginalia train`'s options (the name tagger).
const TRAIN: Spec = Spec {
    command: "train",
    values: &[
        "--corpus", "--epochs", "--features", "--bits", "--seed", "--orders", "--dropout", "--out", "--second", "--folds", "--fold-models",
        "--predictions",
    ],
    switches: &["--no-second", "--rules"],
};

/// `marginalia train --speakers`'s options.
const TRAIN_SPEAKERS: Spec = Spec {
    command: "train --speakers",
    values: &["--corpus", "--epochs", "--seed", "--orders", "--out", "--folds", "--model", "--second", "--predictions"],
    switches: &["--speakers", "--no-second"],
};

/// `--corpus DIR`, else `$MARGINALIA_CORPUS`, else `../shared/corpus`.
fn corpus_dir(args: &Args) -> String {
    args.value("--corpus")
        .map(String::from)
        .or_else(|| std::env::var("MARGINALIA_CORPUS").ok())
        .unwrap_or_else(|| "../shared/corpus".to_string())
}

/// Where the second-pass model goes for a first-pass model at `first`:
/// `ner.model` -> `ner2.model`.
fn second_path(first: &str) -> String {
    match first.strip_suffix(".model") {
        Some(stem) => format!("{stem}2.model"),
        None => format!("{first}2"),
    }
}

/// `--model FILE [--second FILE | --no-second]`: evaluate those name models
/// instead of the shipped ones (the second pass defaults to the file
/// `marginalia train` wrote next to the first); `--speaker-model FILE`:
/// that speaker ranker instead of the shipped one (`train --speakers
/// --out FILE` writes one).
fn use_model_flag(args: &Args) -> Result<(), String> {
    if let Some(path) = args.value("--speaker-model") {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        marginalia_core::analysis::quotes::replace_shipped_speaker_model(&text).map_err(|e| format!("{path}: {e}"))?;
    }
    let Some(path) = args.value("--model") else { return Ok(()) };
    let read = |p: &str| std::fs::read(p).map_err(|e| format!("{p}: {e}"));
    let first = read(path)?;
    let second = match args.has("--no-second") {
        true => None,
        false => Some(read(&args.value("--second").map_or_else(|| second_path(path), String::from))?),
    };
    marginalia_core::analysis::tagger::replace_shipped_models(&first, second.as_deref()).map_err(|e| format!("{path}: {}", e.0))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Help before anything else: no command may take `--help` for work.
    if args::wants_help(&args) || args.first().is_some_and(|a| a == "help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => Args::parse(rest, &ANALYZE).and_then(|a| analyze(&a)),
        Some("extract") => pages::extract(rest, &mut std::io::stdout()),
        Some("share") => share::run(rest, &mut std::io::stdout()),
        Some("eval") => Args::parse(rest, &EVAL).and_then(|a| eval(&a)),
        Some("train") if rest.iter().any(|a| a == "--speakers") => Args::parse(rest, &TRAIN_SPEAKERS).and_then(|a| train_speakers(&a)),
        Some("train") => Args::parse(rest, &TRAIN).and_then(|a| train_names(&a)),
        _ => Err(usage().to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marginalia: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `marginalia eval [--pages DIR | --anchors | --rules] …`.
fn eval(args: &Args) -> Result<(), String> {
    let corpus = corpus_dir(args);
    use_model_flag(args)?;
    let show = args.number("--show", 0)?;
    if let Some(dir) = args.value("--pages") {
        pages::eval(std::path::Path::new(dir), show, &mut std::io::stdout())
    } else if args.has("--anchors") {
        let sets: Vec<&str> = args.value("--set").map_or(vec!["dev", "pages"], |s| vec![s]);
        anchors::eval(std::path::Path::new(&corpus), &sets, show, &mut std::io::stdout())
    } else if args.has("--rules") {
        cli::eval_rules(std::path::Path::new(&corpus), &mut std::io::stdout())
    } else {
        cli::eval(std::path::Path::new(&corpus), &mut std::io::stdout())
    }
}

/// `marginalia train --speakers [--folds K] [--model FILE] …`.
fn train_speakers(args: &Args) -> Result<(), String> {
    let corpus = corpus_dir(args);
    let epochs = args.number("--epochs", speakers::DEFAULT_SPEAKER_EPOCHS)?;
    let out = args.value("--out").unwrap_or("crates/core/src/analysis/data/speaker.model");
    let seed = args.number("--seed", cli::DEFAULT_SEED)?;
    let orders = args.number("--orders", speakers::DEFAULT_SPEAKER_ORDERS)?;
    // `--model FILE`: the ranker learns on those models' names.
    use_model_flag(args)?;
    match args.value("--folds") {
        Some(_) => {
            let predictions = args.value("--predictions").map(std::path::Path::new);
            speakers::cross_validate(std::path::Path::new(&corpus), args.number("--folds", 5)?, epochs, seed, orders, predictions, &mut std::io::stderr())
        }
        None => speakers::train(std::path::Path::new(&corpus), epochs, seed, orders, std::path::Path::new(out), &mut std::io::stderr()),
    }
}

/// `marginalia train [--folds K] …`: the name tagger.
fn train_names(args: &Args) -> Result<(), String> {
    let corpus = corpus_dir(args);
    let out = args.value("--out").unwrap_or("crates/core/src/analysis/data/ner.model");
    // The second pass is written next to the first unless
    // `--second FILE` says where, or `--no-second` skips it.
    let second = args.value("--second").map_or_else(|| second_path(out), String::from);
    let second = (!args.has("--no-second")).then(|| std::path::PathBuf::from(second));
    let settings = train_settings(args)?;
    match args.value("--folds") {
        Some(_) => {
            let options = folds::FoldOptions {
                second: second.is_some(),
                rules: args.has("--rules"),
                cache: args.value("--fold-models").map(Into::into),
                predictions: args.value("--predictions").map(Into::into),
            };
            folds::cross_validate(std::path::Path::new(&corpus), args.number("--folds", 5)?, &settings, &options, &mut std::io::stderr())
        }
        None => cli::train(std::path::Path::new(&corpus), &settings, std::path::Path::new(out), second.as_deref(), &mut std::io::stderr()),
    }
}

/// The name tagger's training settings from the flags, defaults for the rest.
fn train_settings(args: &Args) -> Result<cli::TrainSettings, String> {
    let epochs = args.number("--epochs", cli::DEFAULT_EPOCHS)?;
    let features = args.number("--features", cli::DEFAULT_FEATURES)?;
    let seed = args.number("--seed", cli::DEFAULT_SEED)?;
    let orders = args.number("--orders", cli::ORDERS)?;
    let dropout = args.number("--dropout", cli::DEFAULT_DROPOUT)?;
    if !(0.0..1.0).contains(&dropout) {
        return Err("--dropout is the chance a feature is hidden at a training step: a number from 0 up to, not including, 1".to_string());
    }
    let bits = args.number("--bits", cli::DEFAULT_BITS)?;
    if !(1..=8).contains(&bits) {
        return Err("--bits is how many bits each stored weight takes: a whole number from 1 to 8".to_string());
    }
    Ok(cli::TrainSettings { epochs, features, seed, orders, dropout, bits })
}

/// `marginalia analyze [--jobs N] [--progress] (--jsonl | DIR | FILE...)`.
fn analyze(args: &Args) -> Result<(), String> {
    let jobs = corpus::jobs(args.value("--jobs"))?;
    let show = args.has("--progress");
    let rest = &args.positional;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (failed, progress) = match rest.as_slice() {
        [] if args.has("--jsonl") => {
            let mut progress = corpus::Progress::new(None, jobs, show);
            (corpus::analyze_jsonl(std::io::stdin().lock(), &mut out, jobs, &mut progress)?, progress)
        }
        [] => return Err(usage().to_string()),
        _ if args.has("--jsonl") => return Err("analyze reads --jsonl from stdin or the files named, not both".to_string()),
        [dir] if std::path::Path::new(dir).is_dir() => {
            let root = std::path::Path::new(dir);
            let files = corpus::corpus_files(root)?;
            let mut progress = corpus::Progress::new(Some(files.len()), jobs, true);
            (corpus::analyze_files(&files, Some(root), &mut out, jobs, &mut progress)?, progress)
        }
        files => {
            let files: Vec<std::path::PathBuf> = files.iter().map(std::path::PathBuf::from).collect();
            let mut progress = corpus::Progress::new(Some(files.len()), jobs, show);
            (corpus::analyze_files(&files, None, &mut out, jobs, &mut progress)?, progress)
        }
    };
    out.flush().map_err(|e| e.to_string())?;
    // A folder always closes with its figures; elsewhere on request.
    if show || (rest.len() == 1 && std::path::Path::new(&rest[0]).is_dir()) {
        progress.finish();
    }
    if failed == 0 { Ok(()) } else { Err(format!("{failed} document(s) could not be analysed; the others were")) }
}
