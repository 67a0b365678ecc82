//! Web entry point (built by Trunk for wasm32). The analysis runs in the
//! worker's own module (`src/bin/analysis.rs`), never in this one.

#[cfg(target_arch = "wasm32")]
fn main() {
    marginalia::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("marginalia-app is the web app: build and serve it with `trunk serve` (see README.md).");
    std::process::exit(2);
}
