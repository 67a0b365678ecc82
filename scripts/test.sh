#!/usr/bin/env bash
# The whole test suite, in three layers (README "Tests"):
#   1. native:  clippy with the workspace lints (both targets), rustdoc with
#               warnings denied, then cargo test --workspace (pure core
#               crate, CLI, architecture rule)
#   2. browser: wasm-bindgen-test in headless Chromium (platform + UI layer),
#               and the UI layer's unit tests (wasm, in Node)
#   3. e2e:     Playwright (playwright-core) driving Chromium against the
#               release build served on localhost; the sharing server's tests;
#               the Spark example (examples/spark) against one process
# Usage: scripts/test.sh [native|browser|e2e]...   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

layers=("$@")
[ ${#layers[@]} -eq 0 ] && layers=(native browser e2e)
start=$(date +%s)
for layer in "${layers[@]}"; do
  t0=$(date +%s)
  case "$layer" in
    native)
      echo "== 1/3 lints (clippy, both targets) and native tests (cargo test)"
      cargo clippy --locked --workspace --all-targets -- -D warnings
      cargo clippy --locked --target wasm32-unknown-unknown -p marginalia --lib --bins --test browser --test wasm_bench -- -D warnings
      # The UI layer's unit tests (cfg(test), run in the browser layer).
      cargo clippy --locked --target wasm32-unknown-unknown -p marginalia --lib --profile test -- -D warnings
      # The embedded widget's shell (src/widget, cargo feature `widget`).
      cargo clippy --locked --target wasm32-unknown-unknown -p marginalia --features widget --lib --bins -- -D warnings
      # The sharing engine (src/bin/share.rs, cargo feature `share`).
      cargo clippy --locked --target wasm32-unknown-unknown -p marginalia --features share --bin marginalia-share -- -D warnings
      # The API docs (`///`, `//!`): a link to a private, missing or
      # ambiguous item fails like a lint, and so does a warning of cargo's
      # own (an "output filename collision", two targets documented into
      # one folder, once failed CI at random).
      doc_log=$(RUSTDOCFLAGS="-D warnings" cargo doc --locked --workspace --no-deps 2>&1) \
        || { echo "$doc_log"; exit 1; }
      if grep -q '^warning' <<<"$doc_log"; then
        echo "$doc_log"; echo "cargo doc warned: fix the warning above" >&2; exit 1
      fi
      cargo test --locked --workspace --all-targets
      ;;
    browser)
      echo "== 2/3 browser tests (wasm-bindgen-test, headless Chromium)"
      WASM_BINDGEN_TEST_TIMEOUT=180 cargo test --locked --target wasm32-unknown-unknown --test browser
      # The UI layer's own unit tests (the article's block cache): the UI
      # builds only for wasm, so they run there (in Node; no page needed).
      cargo test --locked --target wasm32-unknown-unknown -p marginalia --lib
      # The analysis benchmark compiled to wasm (optimised): prints a figure.
      WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --locked --release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture \
        | grep -E "set-up|wasm analysis|test result" || true
      ;;
    e2e)
      echo "== 3/3 end-to-end tests (Playwright + Chromium, release build)"
      trunk build --release --offline
      # The browser extension from that build (extension.test.mjs loads it).
      bash scripts/build-extension.sh
      # The command line, for the app-and-CLI parity test (pages.test.mjs).
      cargo build --locked --release --bin marginalia
      node scripts/size.mjs
      # The Spark example on local[2] gives what one process gives.
      python3 examples/spark/test_spark.py
      node --test --test-concurrency=1 tests/e2e/
      # The sharing server (Hocuspocus, Redis) and the Rust client against it.
      node --test --test-concurrency=1 tests/share/
      ;;
    *) echo "unknown layer: $layer (use native, browser or e2e)" >&2; exit 2 ;;
  esac
  echo "== $layer passed in $(( $(date +%s) - t0 ))s"
done
echo "== all requested layers passed in $(( $(date +%s) - start ))s"
