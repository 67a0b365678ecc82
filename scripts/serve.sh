#!/usr/bin/env bash
# Installs what is missing, then serves the app at http://127.0.0.1:8080.
# Serves the optimised build (what the README's figures describe); pass
# --dev for the debug build, which rebuilds faster while editing the code.
# Other arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
args=()
release=(--release)
for a in "$@"; do
  case "$a" in
    --dev) release=() ;;
    --release) ;;
    *) args+=("$a") ;;
  esac
done
exec trunk serve --offline "${release[@]}" "${args[@]}"
