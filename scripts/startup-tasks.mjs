// Lists the main-thread tasks over 45 ms of fresh loads of the sample, with
// what the browser's trace says each was made of (the app's script, lazy
// wasm compilation, layout, paint…), milliseconds after the first event.
// Usage: node scripts/startup-tasks.mjs [dist] [runs]
import { startServer, launch } from '../tests/e2e/harness.mjs';
const dir = process.argv[2] ?? 'dist'; const runs = Number(process.argv[3] ?? 3);
const server = await startServer(dir); const browser = await launch();
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext(); const page = await context.newPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8.wasm'] });
  await page.goto(server.url);
  await page.locator('.insight-time', { hasText: /^analysed / }).waitFor();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 300))));
  const ev = JSON.parse(await browser.stopTracing()).traceEvents;
  const names = new Map(ev.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = [...names].filter(([, n]) => n === 'CrRendererMain').map(([k]) => k);
  const m = ev.filter((e) => main.includes(`${e.pid}:${e.tid}`) && e.ph === 'X');
  const first = Math.min(...m.map((e) => e.ts));
  const out = [];
  for (const t of m.filter((e) => e.name === 'RunTask' && e.dur > 45000)) {
    const kids = m.filter((e) => e !== t && e.name !== 'RunTask' && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur > 1500);
    const agg = {}; for (const k of kids) agg[k.name] = (agg[k.name] ?? 0) + k.dur / 1000;
    out.push(`  @${((t.ts - first) / 1000).toFixed(0)} ${(t.dur / 1000).toFixed(1)}ms: ` + Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 7).map(([n, d]) => `${n} ${d.toFixed(1)}`).join(' | '));
  }
  console.log(`run ${r}\n${out.join('\n')}`);
  await context.close();
}
await browser.close(); await server.close();
