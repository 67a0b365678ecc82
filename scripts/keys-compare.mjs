// Compares typing in a note, or adding annotations, across builds (issue
// 20's keystroke and adding bars): the 400,000 characters of real news
// with 5,000 annotations of tests/e2e/heavy.test.mjs, imported into each
// build and reloaded; then `count` keys typed into the first annotation's
// note, or with `--add`, `count` annotations added (a word selected, the A
// key), `rounds` times with every build in turn (interleaved, so the VM's
// noise falls on all alike). Prints per build the median and range of
//   work   key event to its handlers, reducer and re-render done,
//   frame  key event to the frame after it (`keyCost`).
// The first `WARM_UP` keys of a page are typed unmeasured: they run code
// WebAssembly has not optimised yet.
// Usage: node scripts/keys-compare.mjs [--add] ROUNDS COUNT dist /tmp/other-dist …
import { markStartUp, waitMark, selectText } from '../tests/e2e/harness.mjs';
import { POLNEAR, HAVE_REAL, heavyRealFile, keyCost, compareBuilds } from '../tests/e2e/heavy-article.mjs';

const args = process.argv.slice(2);
const adding = args[0] === '--add';
const [rounds = '3', count = '15', ...dirs] = adding ? args.slice(1) : args;
if (!HAVE_REAL) {
  console.log(`keys-compare: skipped: ${POLNEAR} not found (the corpus lives in ../shared/corpus)`);
  process.exit(0);
}
const WARM_UP = 'warmup';
/** The word selected and annotated (its 4th, 6th, … occurrence), as the heavy test does. */
const WORD = 'Republican';
const builds = dirs.length ? dirs : ['dist'];
const file = heavyRealFile();
const res = new Map(builds.map((d) => [d, { work: [], frame: [] }]));
const record = (dist, cost) => {
  res.get(dist).work.push(cost.work);
  res.get(dist).frame.push(cost.frame);
};

/** Types `count` keys into the first annotation's note. */
async function typeKeys(page, dist) {
  await page.locator('.annotation-list li .item-head').first().click();
  await page.locator('.annotation-list li.expanded textarea').focus();
  for (const k of WARM_UP) await keyCost(page, k);
  for (let i = 0; i < Number(count); i++) record(dist, await keyCost(page, 'abcdefghijklmnopqrstuvwxyz'[i % 26]));
}

/** Adds `count` annotations, each waited for in the list. */
async function addSome(page, dist) {
  for (let i = 0; i < Number(count); i++) {
    await selectText(page, WORD, 3 + 2 * i);
    record(dist, await keyCost(page, 'a'));
    await page.locator('.show-more', { hasText: new RegExp(`of ${5001 + i}$`) }).waitFor();
  }
}

await compareBuilds(builds, rounds, file, res, async (page, dist) => {
  await page.addInitScript(markStartUp);
  await page.reload();
  await waitMark(page, 'complete');
  await (adding ? addSome : typeKeys)(page, dist);
}, 1);
