// Lists the layouts over 20 ms during fresh loads of the sample, with what
// the browser's trace says they waited for (font look-ups among them), ms
// after the first event of the page's main thread. It found that the
// start-up's long tasks on a loaded Linux VM are first-use font look-ups
// (FontCache::GetFontPlatformData, a blocking call to the browser process
// per face and size), not the app's work: docs/performance.md.
// Usage: node scripts/startup-layouts.mjs [dist] [runs]
import { startServer, launch } from '../tests/e2e/harness.mjs';
const dir = process.argv[2] ?? 'dist'; const runs = Number(process.argv[3] ?? 3);
const server = await startServer(dir); const browser = await launch();
// Per run: the longest layout, and the time all its layouts waited on fonts.
const longest = []; const fonts = [];
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext(); const page = await context.newPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'fonts', 'disabled-by-default-fonts', 'base'] });
  await page.goto(server.url);
  await page.locator('.insight-time', { hasText: /^analysed / }).waitFor();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 300))));
  const ev = JSON.parse(await browser.stopTracing()).traceEvents;
  const names = new Map(ev.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = new Set([...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k));
  const m = ev.filter((e) => main.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
  const first = Math.min(...m.map((e) => e.ts));
  console.log(`run ${r}`);
  const layouts = m.filter((e) => e.name === 'Layout');
  longest.push(Math.max(0, ...layouts.map((e) => e.dur / 1000)));
  // The outermost font look-ups only (they nest), inside any layout.
  fonts.push(layouts.reduce((sum, e) => sum + m.filter((k) => k.name === 'FontCache::GetFontPlatformData' && k.ts >= e.ts && k.ts + k.dur <= e.ts + e.dur
    && !m.some((o) => o !== k && o.name === k.name && o.ts <= k.ts && o.ts + o.dur >= k.ts + k.dur)).reduce((a, k) => a + k.dur / 1000, 0), 0));
  for (const e of layouts.filter((e) => e.dur > 20000)) {
    const kids = m.filter((k) => k !== e && k.ts >= e.ts && k.ts + k.dur <= e.ts + e.dur && k.dur > 300);
    const agg = {}; for (const k of kids) agg[k.name] = (agg[k.name] ?? 0) + k.dur / 1000;
    const objects = e.args?.beginData ? `${e.args.beginData.dirtyObjects} of ${e.args.beginData.totalObjects} objects` : '';
    console.log(`  @${((e.ts - first) / 1000).toFixed(0)} ${(e.dur / 1000).toFixed(1)} ms, ${objects}: ` + Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, d]) => `${n} ${d.toFixed(1)}`).join(' | '));
  }
  await context.close();
}
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(0);
console.log(`over ${runs} fresh loads of the sample: longest layout median ${median(longest)} ms (${range(longest)}); layouts waiting on font look-ups median ${median(fonts)} ms (${range(fonts)})`);
await browser.close(); await server.close();
