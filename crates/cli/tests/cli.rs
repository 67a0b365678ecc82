//! The `marginalia` command-line tool, run as a user would.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
}

#[test]
fn analyze_files_prints_one_json_object_per_file() {
    let dir = std::env::temp_dir().join(format!("marginalia-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(&a, marginalia_core::sample::SAMPLE_ARTICLE).unwrap();
    std::fs::write(&b, "Short note\r\n😀 Jane Smith said \"hello\" in Paris.").unwrap();
    let out = bin().arg("analyze").arg(&a).arg(&b).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let first = &lines[0];
    assert_eq!(first["file"], a.to_str().unwrap());
    assert_eq!(first["offsets"], "codepoint");
    for key in ["entities", "quotes", "posts"] {
        assert!(first[key].as_array().is_some_and(|v| !v.is_empty()), "{key}");
    }
    let e = &first["entities"][0];
    for key in ["type", "start", "end", "text", "group"] {
        assert!(e.get(key).is_some(), "entity field {key}");
    }
    let q = first["quotes"].as_array().unwrap().iter().find(|q| q["text"] == "temporarily relocating").expect("quote");
    assert_eq!(q["speaker"], "Antony Blinken");
    assert_eq!(q["cue"], "said");
    assert!(q["speaker_start"].as_u64().is_some() && q["speaker_end"].as_u64().is_some());
    assert_eq!(first["posts"][0]["handle"], "@SecBlinken");
    // Offsets are code points of the normalised text (emoji count as one).
    let second = &lines[1];
    let paris = second["entities"].as_array().unwrap().iter().find(|e| e["text"] == "Paris").expect("Paris");
    let text = "Short note\n😀 Jane Smith said \"hello\" in Paris.";
    let start = text.chars().position(|_| true).map(|_| text[..text.find("Paris").unwrap()].chars().count()).unwrap();
    assert_eq!(paris["start"], start);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn analyze_jsonl_reads_stdin() {
    let mut child = bin().args(["analyze", "--jsonl"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("run");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"d1\", \"text\": \"Joe Biden met Vladimir Putin on Saturday.\"}\n\n{\"id\": 7, \"text\": \"\\\"Yes,\\\" she said.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "d1");
    assert_eq!(lines[1]["id"], 7);
    let names: Vec<&str> = lines[0]["entities"].as_array().unwrap().iter().filter_map(|e| e["text"].as_str()).collect();
    assert!(names.contains(&"Joe Biden") && names.contains(&"Vladimir Putin") && names.contains(&"Saturday"), "{names:?}");
}

#[test]
fn errors_are_messages_not_panics() {
    let out = bin().args(["analyze", "/nonexistent/file.txt"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.txt"));
    let mut child = bin().args(["analyze", "--jsonl"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // Issue 10, item 7: the first bad line stopped the run. Each bad line
    // is reported with its id, the good ones are still analysed.
    child.stdin.take().unwrap().write_all(b"not json\n{\"id\": \"b7\", \"txt\": 1}\n{\"id\": 3, \"text\": \"Paris is big.\"}\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 1: not JSON") && err.contains("line 2 (id \"b7\"): no \"text\" string"), "{err}");
    let good: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(good.len(), 1);
    assert_eq!(good[0]["id"], 3);
    let out = bin().arg("frobnicate").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

#[test]
fn model_and_training_flags_say_what_is_wrong() {
    let stderr = |args: &[&str]| {
        let out = bin().args(args).output().unwrap();
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // A missing model is named, not the second-pass file guessed from it.
    let err = stderr(&["eval", "--model", "/nonexistent/m.model"]);
    assert!(err.contains("/nonexistent/m.model:") && !err.contains("m2.model"), "{err}");
    let junk = std::env::temp_dir().join(format!("marginalia-junk-{}.model", std::process::id()));
    std::fs::write(&junk, b"not a model").unwrap();
    let err = stderr(&["eval", "--model", junk.to_str().unwrap(), "--no-second"]);
    assert!(err.contains("not a Marginalia NER model"), "{err}");
    let _ = std::fs::remove_file(&junk);
    // The shipped second pass is written over the first: read alone, or
    // over another first-pass model, it says so.
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/src/analysis/data/");
    let (first, second) = (format!("{data}ner.model"), format!("{data}ner2.model"));
    let err = stderr(&["eval", "--model", &second, "--no-second"]);
    assert!(err.contains("written over another model's features"), "{err}");
    let err = stderr(&["eval", "--model", &second, "--second", &second]);
    assert!(err.contains("written over another model's features"), "{err}");
    let err = stderr(&["eval", "--model", &first, "--second", &first, "--corpus", "/nonexistent"]);
    assert!(!err.contains("written over") && !err.contains("NER model"), "a standalone model reads as a second pass too: {err}");
    assert!(stderr(&["train", "--bits", "0"]).contains("--bits is how many bits"));
    assert!(stderr(&["train", "--bits", "9"]).contains("a whole number from 1 to 8"));
    assert!(stderr(&["train", "--dropout", "1"]).contains("--dropout is the chance"));
}

#[test]
fn help_and_unknown_options_never_start_work() {
    // `train --help` used to start a full training that rewrote the
    // shipped models: help is printed wherever it stands on the line.
    let out = bin().args(["train", "--help"]).env("MARGINALIA_CORPUS", "/nonexistent").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("usage:"));
    let stderr = |args: &[&str]| {
        let out = bin().args(args).env("MARGINALIA_CORPUS", "/nonexistent").output().unwrap();
        assert!(!out.status.success(), "{args:?} succeeded");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = stderr(&["train", "--epoch", "3"]);
    assert!(err.contains("marginalia train has no option --epoch"), "{err}");
    let err = stderr(&["train", "--epochs", "1O"]);
    assert!(err.contains("--epochs takes a number, not \"1O\""), "{err}");
    let err = stderr(&["train", "--speakers", "--features", "10"]);
    assert!(err.contains("marginalia train --speakers has no option --features"), "{err}");
    let err = stderr(&["analyze", "--jsonl", "--job", "2"]);
    assert!(err.contains("marginalia analyze has no option --job"), "{err}");
    let err = stderr(&["eval", "--out"]);
    assert!(err.contains("marginalia eval has no option --out"), "{err}");
    let err = stderr(&["share", "pull", "--out"]);
    assert!(err.contains("--out needs a value"), "{err}");
}
