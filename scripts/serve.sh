#!/usr/bin/env bash
# Installs what is missing, then serves the app with live reload at
# http://127.0.0.1:8080 (pass --release for the optimised build).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
exec trunk serve --offline "$@"
