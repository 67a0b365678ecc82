#!/usr/bin/env bash
# Builds the browser extension (README, "Browser extension") from the
# release build Trunk left in dist/: dist/extension/ (load it unpacked) and
# dist/marginalia-extension.zip (the package a store takes).
#
#   trunk build --release --offline && bash scripts/build-extension.sh
#
# The extension's own files are extension/*; the wasm is the widget's
# (the frame), the app's (the Library) and the analysis engine's (their worker), copied under fixed names because
# extension pages load them by name, with no inline loader.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] && [ -f dist/marginalia-widget_bg.wasm ] || {
  echo "build-extension: no release build in dist/: run 'trunk build --release --offline' first" >&2
  exit 2
}
# The one file of each kind Trunk names with a hash.
only() {
  local found=(dist/$1)
  [ ${#found[@]} -eq 1 ] && [ -f "${found[0]}" ] || { echo "build-extension: expected one dist/$1, found: ${found[*]}" >&2; exit 2; }
  echo "${found[0]}"
}
out=dist/extension
rm -rf "$out" dist/marginalia-extension.zip
mkdir -p "$out"
cp extension/manifest.json extension/*.js extension/*.html "$out/"
cp dist/marginalia-widget.js dist/marginalia-widget_bg.wasm "$out/"
# The analysis worker and its engine (the frame and the Library start it).
cp dist/analysis-worker.js dist/marginalia-analysis.js dist/marginalia-analysis_bg.wasm "$out/"
cp "$(only 'marginalia-app-*.js')" "$out/marginalia-app.js"
cp "$(only 'marginalia-app-*_bg.wasm')" "$out/marginalia-app_bg.wasm"
cp "$(only 'app-*.css')" "$out/app.css"
# The app's formats module (opening files, pasting, importing, exporting in
# the Library), loaded on first use by its loader script.
cp dist/formats-loader.js dist/marginalia-formats.js dist/marginalia-formats_bg.wasm "$out/"
# wasm-bindgen's JS snippets, should a build have any: the app's glue
# imports them from ./snippets/.
if [ -d dist/snippets ]; then cp -r dist/snippets "$out/"; fi
(cd "$out" && python3 -m zipfile -c ../marginalia-extension.zip ./*)
echo "build-extension: $out/ and dist/marginalia-extension.zip ($(du -k dist/marginalia-extension.zip | cut -f1) KB)"
