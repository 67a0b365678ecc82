// Where a heavy reload's time goes, moment by moment (issue 20): the
// 400,000 characters of real news with 5,000 annotations of
// tests/e2e/heavy.test.mjs, imported, then reloaded `reloads` times. Each
// reload prints, in ms from navigation start, the page's moments (marked
// in the page as they happen: `markStartUp` in tests/e2e/harness.mjs) and
// the analysis worker's (`self.marginaliaStartUp` in
// static/analysis-worker.js, on the same clock):
//   page    title painted, request posted to the worker, analysis shown,
//           every block built (complete)
//   worker  script running, glue loaded, engine compiled, its digest
//           known, first request handled, kept answer sent, warm-up begun
//           and ended (`-` for a moment that did not happen yet)
// It is how the kept answer was found waiting behind the warm-up (docs/performance.md,
// "The kept analysis on its way to the page").
//   node scripts/reload-timeline.mjs [dist] [reloads]
import { startServer, launch, openApp, markStartUp, recordWorkerRequests, waitMark } from '../tests/e2e/harness.mjs';
import { POLNEAR, HAVE_REAL, heavyRealFile, importHeavy } from '../tests/e2e/heavy-article.mjs';

const [dist = 'dist', reloads = '4'] = process.argv.slice(2);
if (!HAVE_REAL) {
  console.log(`reload-timeline: skipped: ${POLNEAR} not found (the corpus lives in ../shared/corpus)`);
  process.exit(0);
}

const WORKER = ['script', 'glue', 'loaded', 'identity', 'asked', 'keptSent', 'warmFrom', 'warm'];
const server = await startServer(dist);
const browser = await launch();
try {
  const { page } = await openApp(browser, server.url);
  await importHeavy(page, heavyRealFile());
  await page.addInitScript(markStartUp);
  await page.addInitScript(recordWorkerRequests);
  for (let r = 1; r <= Number(reloads); r++) {
    await page.reload();
    const marks = await waitMark(page, 'complete');
    const posted = await page.evaluate(() => window.__requests[0]?.at);
    const origin = await page.evaluate(() => performance.timeOrigin);
    const moments = (await Promise.all(page.workers().map((w) => w.evaluate(() => self.marginaliaStartUp).catch(() => null)))).find(Boolean) ?? {};
    const ms = (x) => (x === undefined ? '-' : x.toFixed(0));
    const worker = WORKER.map((k) => `${k} ${ms(moments[k] === undefined ? undefined : moments[k] - origin)}`).join(', ');
    console.log(`reload ${r}: page: title ${ms(marks.title)}, posted ${ms(posted)}, analysed ${ms(marks.analysed)}, complete ${ms(marks.complete)} | worker: ${worker}`);
  }
} finally {
  await browser.close();
  await server.close();
}
