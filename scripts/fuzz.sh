#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ (not part of CI).
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 600); targets default to all four: ingest
# (file decoding + HTML/Markdown reduction), import (both importers),
# analyze (the analysis), reanchor (re-anchoring after an edit); model
# (the name tagger's model file) and the others named run when asked. Needs
# nightly and cargo-fuzz, installed here if missing. Each run starts from
# the seeds in fuzz/seeds/<target> and tests/fuzz_cases/<target>; a crash
# is written to fuzz/artifacts/<target>/ — copy it to
# tests/fuzz_cases/<target>/ so `cargo test` replays it, then fix it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ingest import analyze reanchor)

rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

# Seeds: real inputs of each kind, so the fuzzer starts from valid files.
mkdir -p fuzz/seeds/{ingest,import,analyze,reanchor,model}
cp -n crates/core/src/analysis/data/ner.model fuzz/seeds/model/ner.model
cp -n crates/core/src/assets/sample-article.txt fuzz/seeds/analyze/sample.txt
printf '\0' | cat - crates/core/src/assets/sample-article.txt > fuzz/seeds/ingest/sample.html.seed
printf '\1' | cat - README.md > fuzz/seeds/ingest/readme.md.seed
cat > fuzz/seeds/import/native.json <<'JSON'
{"format":"marginalia","formatVersion":1,"offsets":"codepoint","document":{"title":"Talks","text":"Officials in Kyiv said on Monday that talks would resume."},
 "labels":[{"id":"l1","name":"Claim","color":"#ffd54f"}],
 "annotations":[{"id":"a1","label":"l1","note":"check","target":{"start":13,"end":17,"exact":"Kyiv","prefix":"Officials in ","suffix":" said"}}]}
JSON
cat > fuzz/seeds/import/w3c.json <<'JSON'
[{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","body":{"type":"TextualBody","value":"ok"},
  "target":{"selector":[{"type":"TextQuoteSelector","exact":"Kyiv","prefix":"in ","suffix":" said"},{"type":"TextPositionSelector","start":13,"end":17}]}}]
JSON
printf '\3\7%s\0%s' "$(head -c 400 crates/core/src/assets/sample-article.txt)" "$(head -c 500 crates/core/src/assets/sample-article.txt | tail -c 450)" > fuzz/seeds/reanchor/edit.seed

for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "tests/fuzz_cases/$t"
  echo "== $t: ${secs}s"
  # The whole log goes to /tmp/fuzz-$t.log; the summary lines are shown. A
  # target that does not build, or a crash, fails the script (the filter
  # must not hide either: PIPESTATUS holds cargo-fuzz's own status).
  set +e
  cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" "tests/fuzz_cases/$t" -- \
    -max_total_time="$secs" -max_len="${MAX_LEN:-8192}" -timeout=10 -rss_limit_mb=4096 > "/tmp/fuzz-$t.log" 2>&1
  status=$?
  set -e
  grep -E "^#[0-9]+ +(DONE|INITED)|Done [0-9]+ runs|ERROR|panicked|^error" "/tmp/fuzz-$t.log" || true
  if [ "$status" -ne 0 ]; then
    echo "== $t failed (exit $status): see /tmp/fuzz-$t.log" >&2
    exit "$status"
  fi
done
