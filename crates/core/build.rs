//! Front-codes the engine's sorted word lists for embedding
//! (`src/analysis/front_coding.rs` says why and how): the readable lists
//! stay under `src/analysis/data/`, the engine embeds `OUT_DIR/*.fc`.

#[path = "src/analysis/front_coding.rs"]
mod front_coding;

use std::path::PathBuf;

/// Each list and the bytes that separate its items: the gazetteer's items
/// are its lines, the clusters' their words.
const LISTS: &[(&str, &[u8])] = &[("gazetteer", b"\n"), ("clusters", b" \n")];

fn main() {
    println!("cargo:rerun-if-changed=src/analysis/front_coding.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    for (name, separators) in LISTS {
        let source = format!("src/analysis/data/{name}.txt");
        println!("cargo:rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let path = out.join(format!("{name}.fc"));
        std::fs::write(&path, front_coding::encode(&text, separators)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
