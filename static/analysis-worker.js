// The analysis worker (issue 20): the engine, off the page's thread, in a
// WebAssembly module of its own (src/bin/analysis.rs, built by Trunk as
// marginalia-analysis.js + _bg.wasm beside this file). The page's own
// wasm carries the UI and the store only, so the first screen does not wait
// for the tagger's models, the clusters and the gazetteer.
//
// Messages (src/platform/worker.rs reads them; the request and the answer
// themselves are JSON defined in crates/core/src/analysis/worker.rs):
//   ← the page:  "<request json>"
//   → the page:  { answer: "<json>", ms }   one per request, in order; ms is
//                                           the engine's time
//                { failed: "<why>" }        instead, when the engine could
//                                           not start
//                { ready: true, startMs }   once, when the engine is warm
// Starting warms the engine up (its tables, then one short analysis, so V8
// has compiled the code an article goes through); requests wait for it.

// When each start-up step ended, in ms since the epoch (the page's
// performance.timeOrigin + now() is on the same clock), and how long each
// warm-up step took: read by the e2e benchmark (tests/e2e/analysis.test.mjs).
const at = () => performance.timeOrigin + performance.now();
self.marginaliaStartUp = { script: at(), steps: [] };
const began = performance.now();

const engine = import('./marginalia-analysis.js').then(async (glue) => {
  self.marginaliaStartUp.glue = at();
  await glue.default({ module_or_path: new URL('./marginalia-analysis_bg.wasm', import.meta.url) });
  self.marginaliaStartUp.loaded = at();
  for (let i = 0; i < glue.warm_up_steps(); i++) {
    const t0 = performance.now();
    glue.warm_up_step(i);
    self.marginaliaStartUp.steps.push(performance.now() - t0);
  }
  self.marginaliaStartUp.warm = at();
  self.postMessage({ ready: true, startMs: performance.now() - began });
  return glue.answer;
});

self.onmessage = async (event) => {
  let answer;
  try {
    answer = await engine;
  } catch (err) {
    self.postMessage({ failed: `the analysis engine could not start: ${err}` });
    return;
  }
  const t0 = performance.now();
  const text = answer(String(event.data));
  self.postMessage({ answer: text, ms: performance.now() - t0 });
};
