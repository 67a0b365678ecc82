#!/usr/bin/env bash
# Installs everything Marginalia needs to build, serve and test, and nothing
# that is already there: safe to run every time, a few seconds when warm.
#   - apt: chromium, chromium-driver (browser tests)
#   - rustup: the wasm32-unknown-unknown target, clippy
#   - cargo: trunk 0.21.14, wasm-bindgen-cli at exactly Cargo.lock's version
#   - npm: playwright-core, binaryen (wasm-opt 132), @apache-annotator/dom
#   - apt: redis-server (sharing tests), a Java runtime; PyPI: pyspark (the
#     Spark example's test, examples/spark/requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Debian packages ---------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# Java runs Apache Spark for the Spark example's test (examples/spark).
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  say "installing ${missing[*]} with apt"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Rust target and tools ---------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! cargo clippy --version >/dev/null 2>&1; then
  say "adding clippy"
  rustup component add clippy
fi

if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.14$'; then
  say "installing trunk 0.21.14 (a cold build takes 10-25 minutes)"
  cargo install trunk --version 0.21.14 --locked
fi

wb_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
  echo "error: Cargo.lock has no wasm-bindgen entry" >&2; exit 1
fi
if ! grep -q "^wasm_bindgen = \"$wb_version\"$" Trunk.toml; then
  echo "error: Trunk.toml [tools] wasm_bindgen must be \"$wb_version\" (the version in Cargo.lock)" >&2; exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$" \
   || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "installing wasm-bindgen-cli $wb_version"
  # Not --locked: one of its locked dependencies is not served by the registry.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# --- npm packages (from the committed lock file) ----------------------------
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.marginalia-lock ] || [ "$(cat node_modules/.marginalia-lock)" != "$lock_sum" ]; then
  say "installing npm packages from package-lock.json"
  # better-sqlite3 (the sharing server's storage) compiles from source when
  # its prebuilt binary cannot be downloaded; point node-gyp at the installed
  # Node headers so that needs no download either.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.marginalia-lock
fi

# --- PyPI: pyspark, for the Spark example's test ---------------------------
spark_version=$(sed -n 's/^pyspark==//p' examples/spark/requirements.txt)
if ! python3 -c "import sys, pyspark; sys.exit(pyspark.__version__ != '$spark_version')" 2>/dev/null; then
  say "installing pyspark $spark_version"
  python3 -m pip install --quiet --disable-pip-version-check -r examples/spark/requirements.txt \
    || python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages -r examples/spark/requirements.txt
fi

if ! node_modules/.bin/wasm-opt --version | grep -q 'version 132'; then
  echo "error: node_modules/.bin/wasm-opt is not binaryen 132" >&2; exit 1
fi
say "ready"
