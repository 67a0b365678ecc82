// The analysis in the app: highlights, legend and toggles, the panels,
// accepting and dismissing suggestions, and the time it takes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, markStartUp, waitSaved, waitAnalysed, highlightMap, storageValue, docKey, blur, annotate, pasteArticle, selectText, waitKeptState, recordWorkerRequests } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const range = (xs) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;

test('a fresh load paints the sample, then its analysis from the worker (timing printed)', async () => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const { page, problems } = await openApp(browser, server.url, { init: { fn: markStartUp } });
    // Let the page settle so that a long task after the analysis counts too.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 100))));
    const marks = await page.evaluate(() => window.__marks);
    const tasks = await page.evaluate(() => window.__tasks);
    const bar = page.locator('.insight-bar');
    // The worker's start-up, on the page's clock.
    const origin = await page.evaluate(() => performance.timeOrigin);
    const worker = await Promise.all(page.workers().map((w) => w.evaluate(() => self.marginaliaStartUp)));
    const steps = worker.find(Boolean) ?? {};
    const onPage = (k) => (steps[k] ?? NaN) - origin;
    runs.push({ steps: steps.steps ?? [], glue: onPage('glue'), script: onPage('script'), loaded: onPage('loaded'), warm: onPage('warm'), ...marks, longest: Math.max(0, ...tasks), engine: Number(await bar.getAttribute('data-analysis-ms')), trip: Number(await bar.getAttribute('data-round-trip-ms')) });
    assert.ok(marks.title > 0 && marks.analysed >= marks.title);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
  const col = (k) => runs.map((r) => r[k]);
  console.log(`# fresh load of the sample (${runs.length} runs, navigation start to): text painted median ${median(col('title')).toFixed(0)} ms (${range(col('title'))}); highlights painted, the worker's answer shown, median ${median(col('analysed')).toFixed(0)} ms (${range(col('analysed'))}); longest main-thread task during start-up ${range(col('longest'))} ms (0: none over 50 ms)`);
  console.log(`# the worker's start-up (navigation start to): its script running ${range(col('script'))} ms, its glue ${range(col('glue'))} ms, its engine loaded ${range(col('loaded'))} ms, warmed up ${range(col('warm'))} ms`);
  const steps = runs.map((r) => r.steps.map((ms) => ms.toFixed(1)).join(' + ')).join('; ');
  console.log(`# the worker's warm-up steps (tagger model, clusters, gazetteer, speaker model, a short analysis) in ms, per run: ${steps}`);
  console.log(`# the first analysis in the worker (after its start-up and warm-up): engine ${range(col('engine'))} ms, round trip ${range(col('trip'))} ms`);
});

test('the sample article is analysed in the worker (timing printed)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const cold = Number(await page.locator('.insight-bar').getAttribute('data-analysis-ms'));
  // Analyse another article, then the sample again, five times.
  await page.getByRole('button', { name: 'Paste article' }).click();
  await page.locator('#paste-text').fill('Other article\nJoe Biden spoke with Vladimir Putin on Saturday, officials said.');
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.locator('h1.article-title', { hasText: 'Other article' }).waitFor();
  const warm = [];
  const trips = [];
  // Each time computed, not read from the worker's cache of answers.
  const forget = () => page.evaluate(() => caches.delete('marginalia-analysis'));
  for (let i = 0; i < 5; i++) {
    await forget();
    await page.getByRole('button', { name: 'Sample' }).click();
    await page.locator('h1.article-title', { hasText: 'File photo' }).waitFor();
    await waitAnalysed(page);
    assert.equal(await page.locator('.insight-bar').getAttribute('data-cached'), 'false');
    warm.push(Number(await page.locator('.insight-bar').getAttribute('data-analysis-ms')));
    trips.push(Number(await page.locator('.insight-bar').getAttribute('data-round-trip-ms')));
    await page.getByRole('button', { name: 'Paste article' }).click();
    await page.locator('#paste-text').fill(`Other article ${i}\nText.`);
    await page.getByRole('button', { name: 'Open article' }).click();
    await page.locator('h1.article-title', { hasText: `Other article ${i}` }).waitFor();
  }
  console.log(`# analysis of the sample article in the worker (the engine's time: request read, analysis, answer written): first after page load ${cold.toFixed(2)} ms; afterwards median ${median(warm).toFixed(2)} ms (${range(warm)}); round trip to the page median ${median(trips).toFixed(2)} ms (${range(trips)})`);
  assert.ok(cold > 0 && median(warm) > 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('entities, quotations and posts are highlighted; the legend toggles them', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const bar = page.locator('.insight-bar');
  for (const t of ['PERSON', 'PLACE', 'ORG', 'MISC', 'DATE', 'QUANTITY', 'HANDLE', 'URL', 'Quotes']) {
    await bar.getByRole('button', { name: new RegExp(`^${t}`) }).waitFor();
  }
  assert.equal(await page.locator('article.article .ent-person').first().innerText(), 'Antony Blinken');
  assert.ok(await page.locator('article.article .ent-place').count() >= 60);
  // Quotations show their speaker on hover and focus.
  const quote = page.locator('article.article .q[tabindex="0"]').first();
  assert.equal(await quote.getAttribute('data-speaker'), 'Speaker: Antony Blinken (said)');
  await quote.focus();
  assert.match(await quote.getAttribute('aria-label'), /Quotation\. Speaker: Antony Blinken/);
  // Enter looks at it; its paragraph is built again, and the focus stays
  // on it (not back at the page's start).
  const start = await quote.getAttribute('data-start');
  await page.keyboard.press('Enter');
  await page.locator('article.article .q.sugg-focused').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.start), start);
  await page.keyboard.press('Escape');
  // Posts are cards with author, handle and date.
  assert.equal(await page.locator('figure.post-card').count(), 3);
  assert.equal(await page.locator('figure.post-card .post-handle').nth(1).innerText(), '@DmytroKuleba');
  // Toggling a type hides its highlights and shows them again.
  const places = await page.locator('article.article .ent-place').count();
  await bar.getByRole('button', { name: /^PLACE/ }).click();
  assert.equal(await page.locator('article.article .ent-place').count(), 0);
  await bar.getByRole('button', { name: /^PLACE/ }).click();
  assert.equal(await page.locator('article.article .ent-place').count(), places);
  await bar.getByRole('button', { name: /^Quotes/ }).click();
  assert.equal(await page.locator('article.article .q').count(), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('entity groups step through mentions; who said what lists quotations by speaker', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('tab', { name: 'Entities' }).click();
  const blinken = page.locator('.group-name', { hasText: 'Antony Blinken' });
  await blinken.click();
  await page.locator('.suggestion-bar', { hasText: 'Antony Blinken' }).waitFor();
  const first = await page.locator('.sugg-focused').first().innerText();
  await blinken.click();
  await page.locator('.group-name .step', { hasText: '2/' }).waitFor();
  const second = await page.locator('.sugg-focused').first().innerText();
  assert.deepEqual([first, second], ['Antony Blinken', 'Blinken']);
  assert.match(await page.locator('.group', { hasText: 'United States' }).innerText(), /also: U\.S\., US/);
  await page.getByRole('tab', { name: /Quotes/ }).click();
  const speakers = await page.locator('.quotes-tab .speaker h3').allInnerTexts();
  assert.deepEqual(speakers.map((s) => s.replace(/\s+\d+$/, '')), ['Antony Blinken', 'Ned Price', 'Dmytro Kuleba', 'No speaker stated']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('accept a suggestion by click and by key, dismiss one; dismissals are remembered', async () => {
  const { page, problems } = await openApp(browser, server.url);
  // Click an entity, accept with the button.
  await page.locator('article.article .ent-person', { hasText: /^Antony Blinken$/ }).first().click();
  await page.locator('#accept-suggestion').click();
  await page.locator('.annotation-list li .item-label', { hasText: 'PERSON' }).waitFor();
  assert.deepEqual(Object.values(await highlightMap(page)), ['Antony Blinken']);
  // Accept a quotation with the A key: its note names the speaker.
  await page.locator('article.article .q[tabindex="0"]').first().click();
  await blur(page);
  await page.keyboard.press('a');
  await page.locator('.annotation-list li', { hasText: 'temporarily relocating' }).waitFor();
  await page.getByRole('tab', { name: /Notes/ }).click();
  assert.match(await page.locator('.annotation-list li', { hasText: 'temporarily relocating' }).innerText(), /Quote[\s\S]*Speaker: Antony Blinken \(said\)/);
  // Dismiss a place with X; undo brings it back; dismiss again.
  const lvivCount = () => page.evaluate(() => [...document.querySelectorAll('article.article .ent-place')].filter((e) => e.textContent === 'Lviv').length);
  const before = await lvivCount();
  const dismissLviv = async () => {
    await page.locator('article.article .ent-place', { hasText: /^Lviv$/ }).first().click();
    await page.locator('.suggestion-bar', { hasText: 'Lviv' }).waitFor();
    await blur(page);
    await page.keyboard.press('x');
    await page.waitForFunction((n) => [...document.querySelectorAll('article.article .ent-place')].filter((e) => e.textContent === 'Lviv').length === n - 1, before);
  };
  await dismissLviv();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => [...document.querySelectorAll('article.article .ent-place')].filter((e) => e.textContent === 'Lviv').length === n, before);
  await dismissLviv();
  await waitSaved(page);
  const stored = JSON.parse(await storageValue(page, await docKey(page)));
  assert.equal(stored.dismissed.length, 1);
  assert.match(stored.dismissed[0], /^entity:PLACE:/);
  // Remembered with the document.
  await page.reload();
  await waitAnalysed(page);
  assert.equal(await lvivCount(), before - 1);
  await page.getByRole('tab', { name: 'Entities' }).click();
  await page.locator('.dismissed summary', { hasText: 'Dismissed (1)' }).click();
  await page.locator('.dismissed button', { hasText: 'restore' }).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('article.article .ent-place')].filter((e) => e.textContent === 'Lviv').length === n, before);
  // Suggestions and annotations overlap without hiding each other.
  const both = page.locator('article.article mark.ent-person', { hasText: 'Antony Blinken' });
  assert.equal(await both.count(), 1);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a worker that cannot load its engine is retried, then reported with Try again, which recovers', async () => {
  const context = await browser.newContext();
  // The engine's wasm does not arrive (a flaky connection, a blocked file).
  const block = (route) => route.abort();
  await context.route('**/marginalia-analysis_bg.wasm', block);
  const { page, problems } = await openApp(browser, server.url, { context, analysed: false });
  const failed = page.locator('.insight-bar .insight-failed');
  await failed.waitFor();
  assert.match(await failed.innerText(), /^Analysis unavailable: the analysis engine could not start/);
  // The article is there to read and annotate meanwhile.
  assert.ok((await page.locator('article.article p.block').count()) >= 15);
  await context.unroute('**/marginalia-analysis_bg.wasm', block);
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitAnalysed(page);
  assert.ok((await page.locator('article.article .ent-person').count()) > 0);
  // Only the blocked download itself is reported by the browser.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_FAILED/.test(p)), []);
  await context.close();
});

test('an analysis landing while the reader selects keeps the selection; the paragraph gets its highlights when it ends', async () => {
  const context = await browser.newContext();
  // The engine's bytes are held back until the reader has selected.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const hold = async (route) => { await gate; await route.continue(); };
  await context.route('**/marginalia-analysis_bg.wasm', hold);
  const { page, problems } = await openApp(browser, server.url, { context, analysed: false });
  const text = 'closing its embassy';
  await selectText(page, text);
  const marksInSelectedBlock = () => page.evaluate(() => {
    const node = getSelection().anchorNode;
    const block = (node?.nodeType === Node.TEXT_NODE ? node.parentElement : node)?.closest('.block');
    return block ? block.querySelectorAll('.ent-person, .ent-place, .ent-org').length : -1;
  });
  assert.equal(await marksInSelectedBlock(), 0, 'no analysis yet');
  release();
  await waitAnalysed(page);
  await page.locator('article.article[data-waiting="0"]').waitFor();
  // The selection and its Annotate control are still there, on the same words.
  assert.equal(await page.evaluate(() => getSelection().toString()), text);
  assert.ok(await page.locator('#annotate').isVisible());
  assert.ok((await page.locator('article.article .ent-place').count()) > 0, 'other paragraphs are highlighted');
  // The selection ends: its paragraph is rebuilt with its highlights.
  await page.evaluate(() => getSelection().removeAllRanges());
  await page.locator('#annotate').waitFor({ state: 'detached' });
  await page.waitForFunction(() => {
    const block = [...document.querySelectorAll('article.article .block')].find((b) => b.textContent.includes('closing its embassy'));
    return block && block.querySelectorAll('.ent-person, .ent-place, .ent-org').length > 0;
  });
  await context.unroute('**/marginalia-analysis_bg.wasm', hold);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an article opened again is shown with the analysis kept from its first visit (timing printed)', async () => {
  const { page, problems } = await openApp(browser, server.url, { init: { fn: markStartUp } });
  const bar = page.locator('.insight-bar');
  assert.equal(await bar.getAttribute('data-cached'), 'false');
  const first = await page.locator('article.article .ent-person').allInnerTexts();
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await page.locator('.insight-bar .insight-time', { hasText: /^analysed earlier/ }).waitFor();
    assert.equal(await bar.getAttribute('data-cached'), 'true');
    runs.push(await page.evaluate(() => window.__marks.analysed));
    // The same analysis, highlight for highlight.
    assert.deepEqual(await page.locator('article.article .ent-person').allInnerTexts(), first);
  }
  console.log(`# reload of the sample with its kept analysis (${runs.length} runs): navigation start to its highlights painted median ${median(runs).toFixed(0)} ms (${range(runs)})`);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a kept answer is sent before the worker warms up, and the warm-up waits while the page shows it', async () => {
  // The moments read below are the worker's own (`self.marginaliaStartUp`);
  // `node scripts/reload-timeline.mjs` prints them for a heavy reload.
  // The app's own request for the sample is recorded as it is posted.
  const { page, problems } = await openApp(browser, server.url, { init: { fn: recordWorkerRequests } });
  await waitKeptState(page, await page.locator('article.article').getAttribute('data-doc-hash'));
  // A second worker, asked at once for what the first one kept: its request
  // is queued before its script has even run, so before the engine's digest.
  const kept = await page.evaluate(async () => {
    const worker = new Worker('analysis-worker.js?second', { type: 'module' });
    const answer = () => new Promise((ok) => worker.addEventListener('message', function got(e) {
      if (e.data.answer === undefined && e.data.failed === undefined) return; // `ready`
      worker.removeEventListener('message', got);
      ok(e.data);
    }));
    worker.postMessage(window.__requests[0].text);
    const reply = await answer();
    window.__second = { worker, answer };
    return { cached: reply.cached };
  });
  assert.equal(kept.cached, true);
  const second = page.workers().find((w) => w.url().endsWith('?second'));
  assert.ok(second, 'the second worker is listed');
  // A request that needs the engine ends the wait: the warm-up runs, then the analysis.
  const fresh = await page.evaluate(async () => {
    const { worker, answer } = window.__second;
    const request = window.__requests[0].text.replace('"text":"', '"text":"Fresh words. ');
    worker.postMessage(request);
    const reply = await answer();
    return { cached: reply.cached, failed: reply.failed ?? null };
  });
  assert.deepEqual(fresh, { cached: false, failed: null });
  const at = await second.evaluate(() => self.marginaliaStartUp);
  assert.equal(at.steps.length, 5, 'the whole warm-up ran before the fresh analysis');
  // The kept answer left before the warm-up's first step, and the warm-up
  // then waited for the quiet second after it (QUIET_AFTER_KEPT_MS in
  // static/analysis-worker.js) or for the request that needed the engine,
  // whichever came first: without the wait it began right after the answer.
  assert.ok(at.warmFrom > at.asked, 'the warm-up waits for a request');
  assert.ok(at.warmFrom > at.keptSent, 'the kept answer leaves before the warm-up starts');
  const QUIET_AFTER_KEPT_MS = 1000;
  assert.ok(at.warmFrom >= Math.min(at.keptSent + QUIET_AFTER_KEPT_MS, at.needed) - 5,
    `the warm-up waits while the page shows a kept answer (kept ${at.keptSent}, needed ${at.needed}, warm-up from ${at.warmFrom})`);
  await page.evaluate(() => window.__second.worker.terminate());
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('deleting an article from the Library drops its kept analysis too', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const kept = () => page.evaluate(async () => (await (await caches.open('marginalia-analysis')).keys()).map((k) => k.url));
  await pasteArticle(page, 'Forgotten story\nA council met in Leeds with Mayor Tracy Brabin on Monday.');
  await waitAnalysed(page);
  const hash = await page.locator('article.article').getAttribute('data-doc-hash');
  await annotate(page, 'Leeds');
  await waitSaved(page);
  // The answer is kept once the worker has written it.
  await waitKeptState(page, hash, true);
  await page.getByRole('tab', { name: /Library/ }).click();
  await page.getByRole('button', { name: 'Delete Forgotten story' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.locator('.notice', { hasText: 'Deleted from this browser.' }).waitFor();
  await waitKeptState(page, hash, false, 10_000);
  assert.ok(!(await kept()).some((url) => url.includes(`/${hash}/`)), 'the deleted article has no kept analysis');
  // The sample's own kept answer stays.
  assert.ok((await kept()).length >= 1);
  assert.deepEqual(problems, []);
  await page.context().close();
});
