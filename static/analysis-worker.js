// The analysis worker (issue 20): the engine, off the page's thread, in a
// WebAssembly module of its own (src/bin/analysis.rs, built by Trunk as
// marginalia-analysis.js + _bg.wasm beside this file). The page's own
// wasm carries the UI and the store only, so the first screen does not wait
// for the tagger's models, the clusters and the gazetteer.
//
// Messages (src/platform/worker.rs reads them; the request and the answer
// themselves are JSON defined in crates/core/src/analysis/worker.rs):
//   ← the page:  "<request json>"
//                { forget: "<document hash>" }   drop that document's kept
//                                           answers (it was deleted); no reply
//   → the page:  { answer: "<json>", ms, cached }  one per request, in order;
//                                           ms is the engine's time, or the
//                                           cache's when `cached`
//                { failed: "<why>" }        instead, when the engine could
//                                           not start
//                { ready: true, startMs }   once, when the engine is warm
// Starting loads the engine; the first request warms it up (its tables, then
// one short analysis, so V8 has compiled the code an article goes through),
// and requests that need the engine wait for that. A kept answer (below)
// does not: the warm-up's steps hold this thread (the short analysis 20-60
// ms), so they start only once a request has come (`requested`) and the
// engine's bytes are hashed, each in a task of its own (`nextTask`), only
// while no kept answer is being looked up, and not in the second after one
// was sent while the page shows it (`QUIET_AFTER_KEPT_MS`) unless a request
// needs the engine (a heavy reload's kept answer had waited for the
// warm-up: docs/performance.md, "The kept analysis on its way to the page").
//
// Answers are kept (the last KEEP) in this origin's Cache Storage, keyed by
// the SHA-256 of the engine's wasm, the document's hash and the SHA-256 of
// the request, so reopening an
// article (a reload) shows its analysis at once, and a new engine never
// serves an old engine's answer. Where the browser offers no Cache Storage
// or no digest (a page not served securely), nothing is kept.

// When each start-up step ended, in ms since the epoch (the page's
// performance.timeOrigin + now() is on the same clock), and how long each
// warm-up step took: read by the e2e benchmark (tests/e2e/analysis.test.mjs).
// Also when the engine's digest was known (`identity`), the first request
// was handled (`asked`), the warm-up's first step began (`warmFrom`), the
// last kept answer left (`keptSent`) and a request first needed the engine
// (`needed`): the same file's test of the warm-up's waiting reads them, and
// scripts/reload-timeline.mjs prints them.
const at = () => performance.timeOrigin + performance.now();
self.marginaliaStartUp = { script: at(), steps: [] };
const began = performance.now();

/** The name of the answers' cache, and how many answers it keeps. */
const CACHE = 'marginalia-analysis';
const KEEP = 16;

/** The hex SHA-256 of `bytes`, or null where there is no digest. */
async function sha256(bytes) {
  if (!self.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const wasm = new URL('./marginalia-analysis_bg.wasm', import.meta.url);
const glue = import('./marginalia-analysis.js').then((g) => {
  self.marginaliaStartUp.glue = at();
  return g;
});
// The engine's wasm (fetched while the glue loads), and a copy of it read
// for its digest while the original compiles as it streams in.
const download = fetch(wasm).then((response) => {
  if (!response.ok) throw new Error(`${wasm.pathname}: HTTP ${response.status}`);
  return { response, copy: response.clone() };
});
// The engine's identity is its bytes: known once they have arrived, before
// the engine has compiled and warmed up, so a kept answer is served sooner.
const identity = download
  .then(({ copy }) => copy.arrayBuffer())
  .then(sha256)
  .then((digest) => {
    self.marginaliaStartUp.identity = at();
    return digest;
  })
  .catch(() => null);

/** Kept answers being looked up, and the warm-up waiting for none to be. */
let looking = 0;
let waiting = [];
const lookupsDone = () => (looking === 0 ? Promise.resolve() : new Promise((done) => waiting.push(done)));
function lookedUp() {
  looking -= 1;
  if (looking === 0) waiting.splice(0).forEach((done) => done());
}

/**
 * Resolves in a task of its own, so a message that arrived meanwhile is
 * handled first: a request that comes during the warm-up looks up its kept
 * answer between two steps, not after all of them. Awaiting a resolved
 * promise would not let it in: the continuation of an `await` runs before
 * the next message.
 */
const nextTask = () => new Promise((go) => setTimeout(go, 0));

/**
 * How long the warm-up waits after a kept answer was sent, unless a request
 * needs the engine first. The page is then busy showing the answer (reading
 * it, building a long article's blocks: 250-300 ms for 400,000 characters),
 * and the warm-up's tens of milliseconds of the engine running took a core
 * it needed (on two cores, the rest of the browser has the other).
 */
const QUIET_AFTER_KEPT_MS = 1000;
/** Until when (`performance.now()`) the warm-up waits, and how to end the wait early. */
let quietUntil = 0;
let endQuiet = null;

/** Resolves once no kept answer has been sent for QUIET_AFTER_KEPT_MS, or a request needs the engine. */
async function quietOver() {
  while (performance.now() < quietUntil) {
    await new Promise((go) => {
      const timer = setTimeout(go, quietUntil - performance.now());
      endQuiet = () => {
        clearTimeout(timer);
        go();
      };
    });
    endQuiet = null;
  }
}

/**
 * Resolved by the first request. Until one comes the warm-up waits: a page
 * that starts its worker early (a long article) posts its request as soon
 * as it has read the article, but the browser hands a message to a worker
 * that was still starting only when the page's thread is free again, which
 * on a heavy reload was after the warm-up had begun (the request posted at
 * 160-200 ms was handled at 294-321 ms, the warm-up having run from 247 to
 * 309 ms: `node scripts/reload-timeline.mjs`). A kept answer then waited
 * for the whole warm-up.
 */
let firstRequest;
const requested = new Promise((go) => {
  firstRequest = go;
});

/** A request needs the engine: the warm-up waits no longer. */
function engineNeeded() {
  self.marginaliaStartUp.needed ??= at();
  quietUntil = 0;
  endQuiet?.();
}

const engine = Promise.all([glue, download]).then(async ([g, { response }]) => {
  await g.default({ module_or_path: response });
  self.marginaliaStartUp.loaded = at();
  await identity;
  await requested;
  for (let i = 0; i < g.warm_up_steps(); i++) {
    // Between steps, a request that came meanwhile looks up its kept
    // answer before the next step holds the thread.
    await nextTask();
    await lookupsDone();
    await quietOver();
    self.marginaliaStartUp.warmFrom ??= at();
    const t0 = performance.now();
    g.warm_up_step(i);
    self.marginaliaStartUp.steps.push(performance.now() - t0);
  }
  self.marginaliaStartUp.warm = at();
  self.postMessage({ ready: true, startMs: performance.now() - began });
  return g.answer;
});
// A failed start is reported to each request (`handle`), not as an
// unhandled rejection.
engine.catch(() => {});

/** Where kept answers live: `${PREFIX}${engine}/${document hash}/${request digest}`. */
const PREFIX = 'https://marginalia.invalid/analysis/';

/** The document hash a request names (its second field, as serde writes it). */
const docHash = (request) => /^\{"v":\d+,"hash":"([0-9a-z]*)"/.exec(request)?.[1] ?? 'unknown';

/**
 * The answers' cache, opened anew for each use (a handle kept open would
 * still read a cache deleted since, from the page or the browser's own
 * "clear site data"); null where the browser offers no Cache Storage or
 * refuses it (private browsing, a full disk): nothing is kept then.
 */
const answers = () => (self.caches ? caches.open(CACHE) : Promise.resolve(null)).catch(() => null);

/**
 * The cache and the key of `request`'s answer, or null. The request's
 * digest is taken, and the cache opened, while the engine's own digest
 * (`identity`) may still be coming.
 */
async function place(request) {
  try {
    const [id, digest, cache] = await Promise.all([identity, sha256(new TextEncoder().encode(request)), answers()]);
    return id && digest && cache && { cache, key: `${PREFIX}${id}/${docHash(request)}/${digest}` };
  } catch {
    return null; // storage refused (private browsing, a full disk): no cache
  }
}

/** Keeps an answer, and only the last KEEP of them. */
async function keep({ cache, key }, text) {
  try {
    await cache.put(key, new Response(text, { headers: { 'content-type': 'application/json' } }));
    const keys = await cache.keys();
    await Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP)).map((k) => cache.delete(k)));
  } catch {
    // Not kept: the next visit analyses again.
  }
}

/** Drops every kept answer for the document `hash`, whatever the engine. */
async function forget(hash) {
  try {
    const cache = await answers();
    if (!cache) return;
    const keys = await cache.keys();
    await Promise.all(keys.filter((k) => k.url.split('/').at(-2) === hash).map((k) => cache.delete(k)));
  } catch {
    // Nothing kept, or storage refused: nothing to drop.
  }
}

/** Answers one request (never throws: every request gets one message). */
async function handle(request) {
  const t0 = performance.now();
  looking += 1;
  firstRequest();
  let where, hit;
  try {
    where = await place(request);
    hit = where && (await where.cache.match(where.key).then((r) => r?.text()).catch(() => null));
  } finally {
    lookedUp();
  }
  if (hit) {
    self.postMessage({ answer: hit, ms: performance.now() - t0, cached: true });
    self.marginaliaStartUp.keptSent = at();
    quietUntil = performance.now() + QUIET_AFTER_KEPT_MS;
    return;
  }
  engineNeeded();
  let answer;
  try {
    answer = await engine;
  } catch (err) {
    self.postMessage({ failed: `the analysis engine could not start: ${err}` });
    return;
  }
  const t1 = performance.now();
  let text;
  try {
    text = answer(request);
  } catch (err) {
    // A fault in the engine (a bug): the page restarts the worker.
    self.postMessage({ failed: `the analysis engine failed: ${err}` });
    return;
  }
  self.postMessage({ answer: text, ms: performance.now() - t1, cached: false });
  // Only analyses are kept, never errors.
  if (where && text.includes('"result":{"Ok"')) await keep(where, text);
}

// One request at a time, in the order they came: the page pairs each
// answer with its oldest request.
let queue = Promise.resolve();
self.onmessage = (event) => {
  const forgotten = typeof event.data === 'object' ? event.data?.forget : undefined;
  if (typeof forgotten === 'string') {
    queue = queue.then(() => forget(forgotten)).catch(() => {});
    return;
  }
  const request = String(event.data);
  self.marginaliaStartUp.asked ??= at();
  queue = queue.then(() => handle(request)).catch(() => {});
};
