#!/usr/bin/env bash
# Starts Marginalia's collaboration server (scripts/share-server.mjs), first
# installing the npm packages from package-lock.json if they are missing.
#   bash scripts/share-server.sh [--host H] [--port P] [--data FILE] [--redis H:P] ...
#   bash scripts/share-server.sh --help      lists every flag
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/@hocuspocus/server ]; then
  echo "[share-server] installing npm packages from package-lock.json" >&2
  npm ci --no-audit --no-fund
fi
exec node scripts/share-server.mjs "$@"
