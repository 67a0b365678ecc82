# Sourced by the other scripts: tool paths for Trunk and the browser tests.
# wasm-opt comes from npm's binaryen@132 (Debian's binaryen 108 cannot parse
# what rustc 1.95 emits).
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
