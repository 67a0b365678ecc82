// Compares the fresh load of the sample across builds: six rounds, each
// loading every build once in turn (interleaved, so the VM's noise falls on
// all of them alike), and prints per build the medians and ranges of
//   title    navigation start to the article's title painted,
//   analysed navigation start to the worker's answer shown,
//   longest  the longest main-thread task until 100 ms after (0: none over 50 ms),
//   engine   the worker's time for its first analysis.
// Usage: node scripts/startup-compare.mjs dist /tmp/other-dist …
// (each a `trunk build --release` output; docs/performance.md).
import { startServer, launch, openApp, markStartUp } from '../tests/e2e/harness.mjs';
const dirs = process.argv.slice(2).length ? process.argv.slice(2) : ["dist"];
const servers = await Promise.all(dirs.map((d) => startServer(d)));
const browser = await launch();
const res = dirs.map(() => []);
for (let round = 0; round < 6; round++) for (let k = 0; k < dirs.length; k++) {
  const { page } = await openApp(browser, servers[k].url, { init: { fn: markStartUp } });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 100))));
  const m = await page.evaluate(() => window.__marks); const t = await page.evaluate(() => window.__tasks);
  const engine = Number(await page.locator('.insight-bar').getAttribute('data-analysis-ms'));
  res[k].push({ ...m, longest: Math.max(0, ...t), engine });
  await page.context().close();
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
dirs.forEach((d, k) => { const c = (f) => res[k].map((r) => r[f]); console.log(d, ['title', 'analysed', 'longest', 'engine'].map((f) => `${f} ${med(c(f)).toFixed(0)} (${Math.min(...c(f)).toFixed(0)}-${Math.max(...c(f)).toFixed(0)})`).join('  ')); });
await browser.close(); await Promise.all(servers.map((s) => s.close()));
