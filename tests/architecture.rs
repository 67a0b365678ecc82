//! The dependency rule (ARCHITECTURE.md): the pure core never imports
//! browser crates. Cargo already keeps those crates out of native builds;
//! this test also keeps them out of the core's source on wasm32.

use std::fs;
use std::path::Path;

/// Core modules: plain Rust, tested natively.
const CORE: &[&str] = &["crates/core/src"];

/// Identifiers that would mean a browser dependency.
const BROWSER: &[&str] = &["web_sys", "js_sys", "wasm_bindgen", "gloo", "yew"];

fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("read_dir").flatten() {
            rust_files(&entry.path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn core_modules_do_not_import_browser_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in CORE {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() >= 5, "core files not found: {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for krate in BROWSER {
                let used = code.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == *krate);
                if used {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "the pure core imports browser crates:\n{}", offences.join("\n"));
}

#[test]
fn the_core_crate_has_no_browser_dependency() {
    // Cargo enforces the rule: what is not a dependency cannot be imported.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = fs::read_to_string(root.join("crates/core/Cargo.toml")).expect("crates/core/Cargo.toml");
    let deps: Vec<&str> = manifest
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split('=').next())
        .map(str::trim)
        .collect();
    for krate in ["yew", "web-sys", "js-sys", "wasm-bindgen", "wasm-bindgen-futures", "gloo"] {
        assert!(!deps.contains(&krate), "crates/core/Cargo.toml depends on the browser crate {krate}");
    }
}

#[test]
fn app_code_never_injects_markup() {
    // shared/docs/reliability-checklist.md, item 34: user text is always text.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates/core/src"), &mut files);
    let banned = ["inner_html", "from_html_unchecked", "set_inner_html", "VRaw", "outer_html", "insert_adjacent_html"];
    let mut offences = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            if banned.iter().any(|b| line.contains(b)) {
                offences.push(format!("{}:{}", file.display(), n + 1));
            }
        }
    }
    assert!(offences.is_empty(), "markup injection in app code: {offences:?}");
}

/// The core's modules from the bottom layer up: a module may use only
/// those before it (ARCHITECTURE.md). `fuzz_checks` sits on top.
const CORE_LAYERS: &[&str] = &["text", "model", "ingest", "sample", "anchor", "analysis", "export", "render", "store", "fuzz_checks"];

/// The web crate's modules, bottom up: `platform` uses neither `ui` nor
/// `widget`; `ui` never uses `widget` (the widget is a shell over the
/// app's pieces, compiled only into its own build).
const SHELL_LAYERS: &[&str] = &["platform", "ui", "widget"];

/// The module path (`["analysis", "quotes", "doc"]`) of a file under `root`.
fn module_path(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).expect("under root").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// Every `crate::`/`super::`/`self::` path named in `code` (comments
/// removed), resolved to an absolute module path; grouped imports
/// (`use super::{doc, rules::Frame}`) give one path per item.
fn paths_named(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts = ["crate::", "super::", "self::"].iter().find(|p| bytes[i..].starts_with(p.as_bytes()) && (i == 0 || !ident(bytes[i - 1])));
        let Some(_) = starts else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j < bytes.len() && (ident(bytes[j]) || bytes[j..].starts_with(b"::")) {
            j += if bytes[j..].starts_with(b"::") { 2 } else { 1 };
        }
        let path = code[i..j].trim_end_matches(':');
        let group: Vec<&str> = if bytes.get(j) == Some(&b'{') {
            let end = code[j..].find('}').map_or(j, |e| j + e);
            code[j + 1..end].split(',').map(|s| s.trim().split("::").next().unwrap_or("").trim()).filter(|s| !s.is_empty()).collect()
        } else {
            vec![""]
        };
        for item in group {
            // `self` is the file's own module, `super` its parent.
            let mut abs: Vec<String> = here.to_vec();
            for seg in path.split("::").chain((!item.is_empty()).then_some(item)) {
                match seg {
                    "crate" => abs.clear(),
                    "super" => {
                        abs.pop();
                    }
                    "self" => {}
                    s => abs.push(s.to_string()),
                }
            }
            out.push(abs);
        }
        i = j.max(i + 1);
    }
    out
}

/// The file a module path names: its longest prefix that is a file.
fn file_of(root: &Path, path: &[String]) -> Option<std::path::PathBuf> {
    (1..=path.len()).rev().find_map(|n| {
        let base = path[..n].iter().fold(root.to_path_buf(), |p, s| p.join(s));
        [base.with_extension("rs"), base.join("mod.rs")].into_iter().find(|f| f.is_file())
    })
}

fn code_of(file: &Path) -> String {
    let text = fs::read_to_string(file).expect("read");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The import edges between the files under `root` (file → file it names),
/// and the layer-order offences of the core's files.
fn import_edges(root: &Path, layers: &[&str]) -> (Vec<(std::path::PathBuf, std::path::PathBuf)>, Vec<String>) {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut edges = Vec::new();
    let mut offences = Vec::new();
    for file in &files {
        let here = module_path(root, file);
        let layer = here.first().and_then(|m| layers.iter().position(|l| l == m));
        for path in paths_named(&code_of(file), &here) {
            let used = path.first().and_then(|m| layers.iter().position(|l| l == m));
            if let (Some(layer), Some(used)) = (layer, used) {
                if used > layer {
                    offences.push(format!("{} uses {} (a higher layer)", file.display(), path.join("::")));
                }
            }
            if let Some(target) = file_of(root, &path).filter(|t| t != file && !t.ends_with("lib.rs")) {
                edges.push((file.clone(), target));
            }
        }
    }
    (edges, offences)
}

/// A file that reaches itself through the edges, if any.
fn file_in_a_cycle(edges: &[(std::path::PathBuf, std::path::PathBuf)]) -> Option<std::path::PathBuf> {
    edges.iter().map(|(from, _)| from).find(|start| {
        let mut stack = vec![(*start).clone()];
        let mut seen = std::collections::HashSet::new();
        while let Some(f) = stack.pop() {
            for (_, to) in edges.iter().filter(|(from, _)| *from == f) {
                if to == *start {
                    return true;
                }
                if seen.insert(to.clone()) {
                    stack.push(to.clone());
                }
            }
        }
        false
    }).cloned()
}

#[test]
fn core_modules_use_only_lower_layers_and_files_form_no_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (core_edges, offences) = import_edges(&root.join("crates/core/src"), CORE_LAYERS);
    assert!(!core_edges.is_empty(), "no imports found: the test reads nothing");
    assert!(offences.is_empty(), "layer order broken:\n{}", offences.join("\n"));
    assert_eq!(file_in_a_cycle(&core_edges), None, "an import cycle in the core");
    let (shell_edges, shell_offences) = import_edges(&root.join("src"), SHELL_LAYERS);
    assert!(shell_offences.is_empty(), "web crate layer order broken:\n{}", shell_offences.join("\n"));
    assert_eq!(file_in_a_cycle(&shell_edges), None, "an import cycle in the web crate");
}

/// The page's wasm (the app, the widget, the extension's frame) never runs
/// the analysis: only `src/bin/analysis.rs`, the worker's engine, reaches
/// it (issue 20; ARCHITECTURE.md, "Analysis"). One call from the page's
/// code would link the models, clusters and gazetteer into the first
/// screen's download again (+630 KB gzipped) and put the analysis back on
/// the page's thread, with nothing else failing.
#[test]
fn only_the_worker_runs_the_analysis() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates/core/src"), &mut files);
    let engine = root.join("crates/core/src/analysis");
    let allowed = [root.join("src/bin/analysis.rs"), root.join("crates/core/src/fuzz_checks.rs")];
    let entry_points = ["analyze(", "analyze_document(", "analyze_with(", "analyze_indexed(", "WARM_UP", "warm_up(", "worker::answer(", "shipped_model(", "PerceptronTagger"];
    let mut offences = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&engine) && !allowed.contains(f)) {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "tests.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        // Unit tests sit at the end of a file, after `#[cfg(test)]`.
        let code = code_of(file);
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            if let Some(e) = entry_points.iter().find(|e| line.contains(*e)) {
                offences.push(format!("{}:{}: {e}", file.display(), n + 1));
            }
        }
    }
    assert!(offences.is_empty(), "the analysis is run outside its worker's engine (src/bin/analysis.rs): {offences:?}");
}
