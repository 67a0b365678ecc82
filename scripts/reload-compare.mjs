// Compares the heavy reload across builds (issue 20): the 400,000
// characters of real news with 5,000 annotations of
// tests/e2e/heavy.test.mjs, imported into each build, then reloaded
// `reloads` times; `rounds` rounds take every build in turn (interleaved,
// so the VM's noise falls on all of them alike). Prints per build the
// medians and ranges, in ms from navigation start, of
//   title     the article's title painted,
//   analysed  its kept analysis shown,
//   complete  every block built with it (`markStartUp`'s marks),
//   longest   the longest main-thread task until then (0: none over 50 ms).
// On this two-core VM one reload's figures move by 100 ms and more: a
// difference under about 30 ms between medians of a dozen reloads is noise.
// Usage: node scripts/reload-compare.mjs ROUNDS RELOADS dist /tmp/other-dist …
import { markStartUp, waitMark } from '../tests/e2e/harness.mjs';
import { POLNEAR, HAVE_REAL, heavyRealFile, compareBuilds } from '../tests/e2e/heavy-article.mjs';

const [rounds = '3', reloads = '3', ...dirs] = process.argv.slice(2);
if (!HAVE_REAL) {
  console.log(`reload-compare: skipped: ${POLNEAR} not found (the corpus lives in ../shared/corpus)`);
  process.exit(0);
}
const builds = dirs.length ? dirs : ['dist'];
const file = heavyRealFile();
const MARKS = ['title', 'analysed', 'complete', 'longest'];
const res = new Map(builds.map((d) => [d, Object.fromEntries(MARKS.map((k) => [k, []]))]));
await compareBuilds(builds, rounds, file, res, async (page, dist) => {
  await page.addInitScript(markStartUp);
  for (let i = 0; i < Number(reloads); i++) {
    await page.reload();
    const marks = await waitMark(page, 'complete');
    const tasks = await page.evaluate(() => window.__tasks);
    for (const k of MARKS) res.get(dist)[k].push(k === 'longest' ? Math.max(0, ...tasks) : marks[k]);
  }
});
