// Where a heavy reload's time goes after the analysis is shown (issue 20):
// the 400,000 characters of real news with 5,000 annotations of
// tests/e2e/heavy.test.mjs, imported, then reloaded `runs` times; each
// reload prints navigation start to the analysis shown, to every block
// built and highlighted (each marked in the page as it happens:
// `markStartUp` in tests/e2e/harness.mjs), the time between, and the
// longest gaps between the frames the page painted meanwhile (a slice of
// the build that does not fit a frame shows as a 33 or 50 ms gap). With
// `--profile`, the last reload is sampled by V8's profiler and the
// functions with the most time, their own and with what they call, are
// printed: build with symbols first (docs/build-size.md:
// `data-keep-debug`, wasm-opt 0) or the page's wasm functions have no names.
//   node scripts/slices-profile.mjs [dist] [runs] [--profile]
import { startServer, launch, openApp, markStartUp, waitMark } from '../tests/e2e/harness.mjs';
import { POLNEAR, HAVE_REAL, heavyRealFile, importHeavy } from '../tests/e2e/heavy-article.mjs';

const args = process.argv.slice(2).filter((a) => a !== '--profile');
const profile = process.argv.includes('--profile');
const [dist = 'dist', runs = '4'] = args;
if (!HAVE_REAL) {
  console.log(`slices-profile: skipped: ${POLNEAR} not found (the corpus lives in ../shared/corpus)`);
  process.exit(0);
}

/** The `n` functions with the most samples in `p` (a V8 CPU profile), self and inclusive. */
function top(p, n) {
  const nodes = new Map(p.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const per = p.timeDeltas.reduce((a, b) => a + b, 0) / p.timeDeltas.length / 1000;
  const own = new Map(), all = new Map();
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  for (const id of p.samples) {
    add(own, nodes.get(id).callFrame.functionName || '(anonymous)', per);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const name = nodes.get(x).callFrame.functionName || '(anonymous)';
      if (!seen.has(name)) { seen.add(name); add(all, name, per); }
    }
  }
  const list = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(0).padStart(6)} ms  ${k.slice(0, 120)}`).join('\n');
  return `own time:\n${list(own)}\nwith what it calls:\n${list(all)}`;
}

const file = heavyRealFile();
const server = await startServer(dist);
const browser = await launch();
try {
  const { page } = await openApp(browser, server.url);
  await importHeavy(page, file);
  await page.addInitScript(markStartUp);
  // Every frame's time, to see the slices' frames.
  await page.addInitScript(() => {
    window.__frames = [];
    const frame = (t) => { window.__frames.push(t); requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  });
  const slices = [];
  for (let r = 0; r < Number(runs); r++) {
    const sample = profile && r === Number(runs) - 1;
    await page.reload();
    await waitMark(page, 'title');
    const cdp = sample ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // As they happened, marked in the page (`markStartUp`), not when a poll saw them.
    const { analysed: shown, complete: full } = await waitMark(page, 'complete');
    slices.push(full - shown);
    const frames = await page.evaluate(() => window.__frames);
    const gaps = frames.slice(1).map((t, i) => [t, t - frames[i]]).filter(([t]) => t >= shown && t <= full + 20).map(([, g]) => g).sort((a, b) => b - a);
    console.log(`reload ${r + 1}: analysis shown ${shown.toFixed(0)} ms, every block highlighted ${full.toFixed(0)} ms, between ${(full - shown).toFixed(0)} ms in ${gaps.length} frames (longest gaps ${gaps.slice(0, 3).map((g) => g.toFixed(0)).join(', ')} ms)`);
    if (cdp) console.log(top((await cdp.send('Profiler.stop')).profile, 25));
  }
  const sorted = [...slices].sort((a, b) => a - b);
  console.log(`${dist}: analysis shown to every block highlighted, median ${sorted[sorted.length >> 1].toFixed(0)} ms (${sorted[0].toFixed(0)}-${sorted[sorted.length - 1].toFixed(0)}) over ${slices.length} reloads`);
} finally {
  await browser.close();
  await server.close();
}
