// Compares typing in a note across builds (issue 20's keystroke bar): the
// 400,000 characters of real news with 5,000 annotations of
// tests/e2e/heavy.test.mjs, imported into each build and reloaded; then
// `keys` keys typed into the first annotation's note, `rounds` times with
// every build in turn (interleaved, so the VM's noise falls on all alike).
// Prints per build the median and range over all keys of
//   work   key event to its handlers, reducer and re-render done,
//   frame  key event to the frame after it (`keyCost`).
// The first `WARM_UP` keys of a page are typed unmeasured: they run code
// WebAssembly has not optimised yet.
// Usage: node scripts/keys-compare.mjs ROUNDS KEYS dist /tmp/other-dist …
import { markStartUp, waitMark } from '../tests/e2e/harness.mjs';
import { POLNEAR, HAVE_REAL, realArticle, annotatedFile, keyCost, compareBuilds } from '../tests/e2e/heavy-article.mjs';

const [rounds = '3', keys = '15', ...dirs] = process.argv.slice(2);
if (!HAVE_REAL) {
  console.log(`keys-compare: skipped: ${POLNEAR} not found (the corpus lives in ../shared/corpus)`);
  process.exit(0);
}
const WARM_UP = 'warmup';
const builds = dirs.length ? dirs : ['dist'];
const title = 'Heavy annotated story';
const text = realArticle(title, 400_000).normalize('NFC');
const file = annotatedFile(title, text, /\b[A-Z][a-z]{3,}\b/g);
const res = new Map(builds.map((d) => [d, { work: [], frame: [] }]));
await compareBuilds(builds, rounds, file, res, async (page, dist) => {
  await page.addInitScript(markStartUp);
  await page.reload();
  await waitMark(page, 'complete');
  await page.locator('.annotation-list li .item-head').first().click();
  await page.locator('.annotation-list li.expanded textarea').focus();
  for (const k of WARM_UP) await keyCost(page, k);
  for (let i = 0; i < Number(keys); i++) {
    const cost = await keyCost(page, 'abcdefghijklmnopqrstuvwxyz'[i % 26]);
    res.get(dist).work.push(cost.work);
    res.get(dist).frame.push(cost.frame);
  }
}, 1);
