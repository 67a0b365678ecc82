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
    // Checklist 34: user text is always text.
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
