// Diagnosis (issue 20): what makes the worker's first analysis of the sample
// slower than the later ones? Loads the app fresh `runs` times under each
// set of V8 flags given (one browser per set; none: the defaults) and
// prints the engine time of each first analysis, with their median.
//   node scripts/first-analysis-flags.mjs [runs] ['--flag1 --flag2' ...]
// DIST=/tmp/other-dist serves another `trunk build --release` output.
// Figures in docs/performance.md ("Why the first analysis is slower").
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_ARGS, openApp } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const sets = process.argv.slice(3);
if (sets.length === 0) sets.push('');
const server = await startServer(process.env.DIST ?? 'dist');
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const flags of sets) {
  const args = flags ? [...CHROMIUM_ARGS, `--js-flags=${flags}`] : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  const engine = [];
  for (let i = 0; i < runs; i++) {
    const { page } = await openApp(browser, server.url);
    engine.push(Number(await page.locator('.insight-bar').getAttribute('data-analysis-ms')));
    await page.context().close();
  }
  console.log(`${flags || '(default flags)'}: first analysis median ${median(engine).toFixed(1)} ms (${engine.map((x) => x.toFixed(0)).join(' ')})`);
  await browser.close();
}
await server.close();
