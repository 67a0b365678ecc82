// The embedded widget (issue 12) on the demo host page (examples/embed.html):
// highlights painted with zero mutations of the host article, annotations
// kept across a reload, re-anchoring on an edited article, exchange with the
// app in both directions, two widgets on one page, destroy(), and the
// start-up figures (script to highlights, longest main-thread task).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startServer, launch, openApp, highlightMap, exportAs } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server, browser, demo;
before(async () => {
  server = await startServer();
  browser = await launch();
  demo = await readFile('dist/examples/embed.html', 'utf8');
});
after(async () => { await browser?.close(); await server?.close(); });

const DEMO = 'examples/embed.html';

/**
 * Opens a host page (the demo, or `html` served in its place) with a
 * MutationObserver on every `article` from before any script runs, and
 * waits until the first widget has painted entity highlights.
 */
async function openHost({ context, html, wait = true } = {}) {
  const ctx = context ?? (await browser.newContext());
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
    window.__mutations = [];
    document.addEventListener('DOMContentLoaded', () => {
      for (const a of document.querySelectorAll('article')) {
        new MutationObserver((ms) => window.__mutations.push(...ms.map((m) => `${m.type} ${m.target.nodeName}`)))
          .observe(a, { subtree: true, childList: true, attributes: true, characterData: true });
      }
    });
  });
  if (html) await page.route(`**/${DEMO}`, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(server.url + DEMO);
  if (wait) await waitPainted(page);
  return { page, context: ctx, problems };
}

/** Waits until widget `n` has painted its found entities. */
function waitPainted(page, n = 1) {
  return page.waitForFunction((n) => CSS.highlights.has(`marginalia${n}-ent-person`), n);
}

/** Texts of the ranges of every highlight layer: { name: [text, …] }. */
function layers(page) {
  return page.evaluate(() => Object.fromEntries([...CSS.highlights].map(([name, h]) => [name, [...h].map((r) => r.toString())])));
}

/** Selects the `nth` occurrence of `text` inside `#id` with a DOM range over its text nodes. */
async function selectInHost(page, text, { id = 'story', nth = 0 } = {}) {
  const ok = await page.evaluate(([text, id, nth]) => {
    const walker = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT);
    const map = [];
    let full = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) map.push([n, i]);
      full += n.data;
    }
    let at = -1;
    for (let k = 0; k <= nth; k++) { at = full.indexOf(text, at + 1); if (at < 0) return false; }
    // A reader selects what is on screen.
    map[at][0].parentElement.scrollIntoView({ block: 'center' });
    const r = document.createRange();
    r.setStart(...map[at]);
    const [en, eo] = map[at + text.length - 1];
    r.setEnd(en, eo + 1);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    return true;
  }, [text, id, nth]);
  assert.ok(ok, `“${text}” is in #${id}`);
}

/** Annotates `text` with the Annotate control of the widget on `#id` and writes `note`. */
async function annotateInHost(page, text, { id = 'story', note, widget = 'marginalia-annotator' } = {}) {
  const host = page.locator(widget).first();
  const before = await host.locator('.annotation-list li').count();
  await selectInHost(page, text, { id });
  await host.locator('.mgl-annotate').click();
  await host.locator('.annotation-list li').nth(before).waitFor();
  if (note !== undefined) await host.locator('.annotation-list li.expanded textarea').fill(note);
}

/**
 * Annotates the demo page in a page of `context` with `[passage, note]`
 * pairs, waits until the last note is saved, and closes that page: the
 * record a later visit finds.
 */
async function saveNotes(context, notes) {
  const { page } = await openHost({ context });
  for (const [text, note] of notes) await annotateInHost(page, text, { note });
  await page.waitForFunction((note) => JSON.stringify(localStorage).includes(note), notes.at(-1)[1]);
  await page.close();
}

/** The record the widget saved for the demo page. */
function savedRecord(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('marginalia:page:'));
    return key ? JSON.parse(localStorage.getItem(key)) : null;
  });
}

test('demo page: entities, quotations and a new annotation painted with zero mutations of the article', async () => {
  const { page, context, problems } = await openHost();
  const painted = await layers(page);
  assert.ok(painted['marginalia1-ent-person'].includes('Fiona MacLeod'), JSON.stringify(painted));
  assert.ok(painted['marginalia1-ent-quantity'].includes('1,200 people'));
  assert.ok(painted['marginalia1-quote'].some((q) => q.startsWith('Without the ferry')));
  // Hidden content and the article's script are not read.
  const text = await page.evaluate(() => document.querySelector('marginalia-annotator').handle.text());
  assert.ok(!text.includes('twelve ferries') && !text.includes('publisher'), text);
  assert.ok(text.includes('{image_1}') && text.includes('@IslayFerryUsers'));

  await annotateInHost(page, 'laying it up from December to March', { note: 'check the dates' });
  await page.waitForFunction(() => CSS.highlights.has('marginalia1-selected'));
  assert.deepEqual((await layers(page))['marginalia1-selected'], ['laying it up from December to March']);
  // Outside a field, A annotates the host selection (the app's shortcut).
  const items = page.locator('marginalia-annotator .annotation-list li');
  const note = page.locator('marginalia-annotator .annotation-list li.expanded textarea');
  await note.blur();
  await selectInHost(page, 'Transport Scotland');
  // The widget hears of the selection in a later task (selectionchange):
  // press A once its Annotate control shows, as a reader would.
  await page.locator('marginalia-annotator .mgl-annotate').waitFor();
  await page.keyboard.press('a');
  await items.nth(1).waitFor();
  // Ctrl+Z in the panel's note (inside the shadow root) is the field's own
  // undo, not the annotation undo, though the event reaches the window
  // retargeted to the shadow host.
  await note.click();
  await page.keyboard.press('Control+z');
  assert.equal(await items.count(), 2, 'Ctrl+Z in a note did not undo the new annotation');
  const events = await page.evaluate(() => window.__mutations.length);
  assert.equal(events, 0, 'no mutation of the host article');
  // The host page's own styles are untouched: the widget added no <style> or <link>.
  assert.equal(await page.evaluate(() => document.querySelectorAll('style, link[rel=stylesheet]').length), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('select, annotate, reload: the annotation and its note come back on the same passage', async () => {
  const { page, context, problems } = await openHost();
  const created = page.evaluate(() => new Promise((ok) => document.querySelector('marginalia-annotator').addEventListener('annotationcreated', (e) => ok(e.detail), { once: true })));
  await annotateInHost(page, 'Transport Scotland said it would study the vote', { note: 'who at Transport Scotland?' });
  const detail = await created;
  assert.equal(detail.exact, 'Transport Scotland said it would study the vote');
  await page.waitForFunction(() => JSON.stringify(localStorage).includes('who at Transport Scotland?'));
  const record = await savedRecord(page);
  assert.equal(record.annotations[0].label, record.labels.find((l) => l.name === 'Claim').id, 'the host page’s first label');

  await page.reload();
  await waitPainted(page);
  await page.waitForFunction(() => CSS.highlights.has('marginalia1-note-0'));
  assert.deepEqual((await layers(page))['marginalia1-note-0'], ['Transport Scotland said it would study the vote']);
  const item = page.locator('marginalia-annotator .annotation-list li').first();
  await item.click();
  assert.equal(await page.locator('marginalia-annotator .annotation-list li.expanded textarea').inputValue(), 'who at Transport Scotland?');
  assert.equal(await page.evaluate(() => window.__mutations.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the demo page in two tabs: each tab\'s note is kept, neither save overwrites the other', async () => {
  const context = await browser.newContext();
  const [a, b] = [await openHost({ context }), await openHost({ context })];
  await annotateInHost(a.page, 'Transport Scotland', { note: 'tab-a-note' });
  await a.page.waitForFunction(() => JSON.stringify(localStorage).includes('tab-a-note'));
  // Tab B opened before tab A's save: its own save merges instead of replacing.
  await annotateInHost(b.page, 'parish hall', { note: 'tab-b-note' });
  await b.page.waitForFunction(() => JSON.stringify(localStorage).includes('tab-b-note'));
  const record = await savedRecord(b.page);
  assert.deepEqual(record.annotations.map((x) => x.note).sort(), ['tab-a-note', 'tab-b-note']);
  await b.page.locator('marginalia-annotator .annotation-list li', { hasText: 'Transport Scotland' }).waitFor();
  assert.deepEqual([...a.problems, ...b.problems], []);
  await context.close();
});

test('an edited article: annotations move with their passage or are kept as orphans', async () => {
  const context = await browser.newContext();
  await saveNotes(context, [['fish merchant', 'moves'], ['parish hall', 'goes away']]);

  // The publisher adds a sentence before one passage and rewrites the other.
  const edited = demo
    .replace('Angus Reid, a fish merchant', 'Updated on Sunday with more reaction. Angus Reid, a local fish merchant')
    .replace('a meeting in the parish hall', 'a packed public meeting');
  const { page, problems } = await openHost({ context, html: edited });
  await page.waitForFunction(() => CSS.highlights.has('marginalia1-note-0'));
  assert.deepEqual((await layers(page))['marginalia1-note-0'], ['fish merchant']);
  const host = page.locator('marginalia-annotator');
  await host.locator('.notice', { hasText: 'has changed since your notes were saved' }).waitFor();
  await host.locator('.annotation-list li .badge-moved').waitFor();
  await host.locator('.annotation-list li.orphan', { hasText: 'parish hall' }).waitFor();
  assert.equal(await host.locator('.annotation-list li').count(), 2, 'nothing lost');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an edited passage: the panel says how sure its new place is and shows the old words beside the new', async () => {
  const context = await browser.newContext();
  await saveNotes(context, [['fish merchant', 'which shop?']]);

  // The publisher changes the annotated words; the context around them stays.
  const edited = demo.replace('a fish merchant in the town', 'a fish trader in the town');
  const { page, problems } = await openHost({ context, html: edited });
  await page.waitForFunction(() => CSS.highlights.has('marginalia1-note-0'));
  assert.deepEqual((await layers(page))['marginalia1-note-0'], ['fish trader']);
  const host = page.locator('marginalia-annotator');
  const badge = host.locator('.annotation-list li .badge-moved');
  assert.match(await badge.textContent(), /^moved · \d{1,3} %$/);
  await host.locator('.annotation-list li').first().click();
  const said = host.locator('.annotation-list li.expanded .moved-quote');
  assert.equal(await said.locator('.was').textContent(), 'fish merchant');
  assert.equal(await said.locator('.now').textContent(), 'fish trader');
  assert.equal(await page.evaluate(() => window.__mutations.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('exchange: a widget export opens in the app on the same passages, and an app export imports into the widget', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const { page, problems } = await openHost({ context });
  await annotateInHost(page, 'Caledonian Maritime Assets', { note: 'owner' });
  await annotateInHost(page, 'four months', { note: 'how long exactly?' });
  const exported = await page.evaluate(() => document.querySelector('marginalia-annotator').handle.export('marginalia'));

  const app = await openApp(browser, server.url, { context });
  await app.page.locator('#import-input').setInputFiles({ name: 'ferry.marginalia.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await app.page.locator('#import-merge').click();
  await app.page.locator('.notice', { hasText: '2 imported' }).waitFor();
  const inApp = await highlightMap(app.page);
  assert.deepEqual(Object.values(inApp).sort(), ['Caledonian Maritime Assets', 'four months']);

  // The reverse: the app adds one, exports, and the widget imports it.
  const fromApp = JSON.parse((await exportAs(app.page, 'export-native')).text);
  const start = fromApp.document.text.indexOf('Angus Reid');
  fromApp.annotations.push({ ...fromApp.annotations[0], id: 'from-app', note: 'added in the app',
    target: { ...fromApp.annotations[0].target, start, end: start + 'Angus Reid'.length, exact: 'Angus Reid', prefix: '', suffix: '' } });
  const read = await page.evaluate((json) => document.querySelector('marginalia-annotator').handle.import(json), JSON.stringify(fromApp));
  assert.equal(read, 3);
  await page.locator('marginalia-annotator .annotation-list li', { hasText: 'Angus Reid' }).waitFor();
  assert.equal(await page.locator('marginalia-annotator .annotation-list li').count(), 3, 'the two already there are not doubled');
  assert.deepEqual(problems, []);
  assert.deepEqual(app.problems, []);
  await context.close();
});

test('two widgets on one page keep their own highlights and records', async () => {
  const second = '<article id="brief"><h2>In brief</h2><p>Oban harbour master Ewan Grant said repairs start in March.</p></article>'
    + '<marginalia-annotator for="brief" labels="Lead"></marginalia-annotator>';
  const html = demo.replace('</main>', `${second}</main>`);
  const { page, context, problems } = await openHost({ html });
  await waitPainted(page, 2);
  const painted = await layers(page);
  assert.ok(painted['marginalia2-ent-person'].includes('Ewan Grant'));
  assert.ok(!painted['marginalia1-ent-person'].includes('Ewan Grant'));
  await annotateInHost(page, 'repairs start in March', { id: 'brief', widget: 'marginalia-annotator[for=brief]', note: 'second' });
  await page.waitForFunction(() => CSS.highlights.has('marginalia2-note-0'));
  const after = await layers(page);
  assert.deepEqual(after['marginalia2-note-0'], ['repairs start in March']);
  assert.ok(!Object.keys(after).some((n) => n.startsWith('marginalia1-note')), 'the first widget has no annotation');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('marginalia:page:')));
  assert.deepEqual(keys, ['marginalia:page:https://coastal-ledger.example/2026/11/harbour-ferry-vote#brief']);
  assert.equal(await page.evaluate(() => window.__mutations.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('read-only: saved annotations show, nothing can be added or changed, nothing is written', async () => {
  const context = await browser.newContext();
  await saveNotes(context, [['parish hall', 'kept']]);
  const html = demo.replace('<marginalia-annotator for="story"', '<marginalia-annotator for="story" read-only hide-found');
  const { page, problems } = await openHost({ context, html, wait: false });
  await page.waitForFunction(() => CSS.highlights.has('marginalia1-note-0'));
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  assert.deepEqual((await layers(page))['marginalia1-note-0'], ['parish hall']);
  assert.ok(!Object.keys(await layers(page)).some((n) => n.includes('ent-')), 'hide-found paints no entities');
  await selectInHost(page, 'Transport Scotland');
  assert.equal(await page.locator('marginalia-annotator .mgl-annotate').count(), 0, 'no Annotate control');
  await page.keyboard.press('a');
  await page.locator('marginalia-annotator .notice', { hasText: 'read-only' }).waitFor();
  assert.equal(await page.locator('marginalia-annotator .annotation-list li').count(), 1);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Marginalia.mount and destroy(): the page is left exactly as it was', async () => {
  const html = demo.replace(/<marginalia-annotator[^>]*><\/marginalia-annotator>/, '');
  const { page, context, problems } = await openHost({ html, wait: false });
  await page.waitForFunction(() => window.Marginalia);
  const before = await page.evaluate(() => document.documentElement.outerHTML);
  const seen = await page.evaluate(async () => {
    const handle = Marginalia.mount(document.getElementById('story'), { labels: ['Claim'], hideFound: true });
    await handle.ready;
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    const during = { shadowHosts: document.querySelectorAll('body > div').length, sheets: document.adoptedStyleSheets.length };
    handle.destroy();
    return { during, after: { highlights: CSS.highlights.size, sheets: document.adoptedStyleSheets.length } };
  });
  assert.deepEqual(seen, { during: { shadowHosts: 1, sheets: 1 }, after: { highlights: 0, sheets: 0 } });
  // Told to hide what is found, the widget starts no analysis worker and
  // downloads no engine.
  assert.equal(page.workers().length, 0);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), before);
  assert.equal(await page.evaluate(() => window.__mutations.length), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`${colorScheme} scheme: the panel in its shadow root has no axe violations, with a note open and the Entities tab`, async () => {
    // axe is evaluated through the DevTools protocol, which the page's policy does not govern.
    const context = await browser.newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
    const { page, problems } = await openHost({ context });
    await annotateInHost(page, 'Fiona MacLeod', { note: 'chair since 2019?' });
    await page.evaluate(AXE);
    const rules = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } };
    const notes = await page.evaluate((r) => window.axe.run('marginalia-annotator', r), rules);
    await page.locator('marginalia-annotator').getByRole('tab', { name: 'Entities' }).click();
    await page.locator('marginalia-annotator .entity-type').first().waitFor();
    const entities = await page.evaluate((r) => window.axe.run('marginalia-annotator', r), rules);
    const found = [...notes.violations, ...entities.violations].map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(found, [], `${colorScheme}: axe violations in the widget`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('benchmark: embed start-up on the demo page (script to highlights, longest task)', async () => {
  const runs = [];
  const RUNS = 5;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url + DEMO);
    await waitPainted(page);
    runs.push(await page.evaluate(() => {
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('marginalia-embed.js'));
      return { toHighlights: performance.now() - script.startTime, longest: Math.max(0, ...window.__tasks) };
    }));
    await context.close();
  }
  const range = (k) => `${Math.min(...runs.map((r) => r[k])).toFixed(0)}–${Math.max(...runs.map((r) => r[k])).toFixed(0)} ms`;
  console.log(`# embed start-up (${RUNS} runs): script load to highlights ${range('toHighlights')}, longest main-thread task ${range('longest')}`);
});

test('without `for`, the widget finds the article in the host page (zero mutations)', async () => {
  // The element stands beside the article, not in it: nothing names the story.
  const html = demo.replace('<marginalia-annotator for="story"', '<marginalia-annotator');
  assert.notEqual(html, demo);
  const { page, context, problems } = await openHost({ html });
  const text = await page.evaluate(() => document.querySelector('marginalia-annotator').handle.text());
  assert.ok(text.startsWith('Harbour town votes to keep its ferry\n'), text);
  assert.ok(text.includes('PORT ELLEN, Scotland') && text.includes('Fiona MacLeod') && text.includes('{image_1}'), text);
  for (const furniture of ['The Coastal Ledger', 'Weather', 'Corrections', 'twelve ferries']) {
    assert.ok(!text.includes(furniture), `“${furniture}” left out: ${text}`);
  }
  const painted = await layers(page);
  assert.ok(painted['marginalia1-ent-person'].includes('Fiona MacLeod'), JSON.stringify(painted));
  await annotateInHost(page, 'laying it up from December to March', { note: 'found without for' });
  await page.waitForFunction(() => CSS.highlights.has('marginalia1-selected'));
  assert.equal(await page.evaluate(() => window.__mutations.length), 0, 'the host article is untouched');
  assert.deepEqual(problems, []);
  await context.close();
});
