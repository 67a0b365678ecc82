// The analysis engine's time on the sample article, run after run, in
// Node (V8, as in Chromium) without a browser or a page competing for the
// cores: how the first analysis compares with the later ones as V8 moves
// the engine's functions from its baseline compiler (Liftoff) to its
// optimising one (TurboFan) (issue 20's "first analysis ≤ 10 ms"; docs/performance.md,
// "Why the first analysis is slower").
// Usage: node scripts/engine-tiers.mjs [dist] [runs] [processes]   (after `trunk build --release`)
// The sample article is real news with names and quotations. The worker's
// warm-up steps run once per process, so they are timed in `processes`
// fresh Node processes (default 6) and printed as ranges.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const runs = Number(process.argv[3] ?? 30);
const processes = Number(process.argv[4] ?? 6);
// Set in the fresh processes that only time the warm-up.
const warmUpOnly = process.env.ENGINE_TIERS_WARM_UP_ONLY === '1';
const engine = await import(`${dist}/marginalia-analysis.js`);
await engine.default({ module_or_path: readFileSync(`${dist}/marginalia-analysis_bg.wasm`) });
const text = readFileSync(new URL('../crates/core/src/assets/sample-article.txt', import.meta.url), 'utf8');
const hash = createHash('sha256').update(text).digest('hex').slice(0, 32);
// The protocol's version, as the engine says it when asked with none.
const { v } = JSON.parse(engine.answer(JSON.stringify({ v: 0, hash, text: '', byline: null })));
const request = JSON.stringify({ v, hash, text, byline: null });
// Each step timed (the name models, the clusters, the gazetteer, the
// speaker model, a short analysis: `analysis::WARM_UP`).
const steps = [];
for (let i = 0; i < engine.warm_up_steps(); i++) {
  const start = performance.now();
  engine.warm_up_step(i);
  steps.push(performance.now() - start);
}
if (warmUpOnly) {
  console.log(JSON.stringify(steps));
  process.exit(0);
}
// Each fresh process's steps, this one's first.
const samples = [steps];
for (let p = 1; p < processes; p++) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), dist], { env: { ...process.env, ENGINE_TIERS_WARM_UP_ONLY: '1' } });
  samples.push(JSON.parse(out.toString()));
}
const range = (xs) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
const sums = samples.map((s) => s.reduce((a, b) => a + b, 0));
const perStep = steps.map((_, i) => range(samples.map((s) => s[i])));
console.log(`warm-up (the worker's steps), ${samples.length} processes: ${range(sums)} ms (${perStep.join(' + ')})`);
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const answer = engine.answer(request);
  times.push(performance.now() - t0);
  if (!answer.includes('"Ok"')) throw new Error(`the engine did not analyse: ${answer.slice(0, 200)}`);
}
const sorted = [...times.slice(-10)].sort((a, b) => a - b);
console.log(`sample article, ms per run: ${times.map((t) => t.toFixed(1)).join(' ')}`);
console.log(`first ${times[0].toFixed(1)} ms; last ten ${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)} ms, median ${sorted[5].toFixed(1)} ms`);
