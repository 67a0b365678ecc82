// Annotating: select, annotate, edit, delete, undo/redo, labels, reload,
// overlapping highlights, orphans, hostile notes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, selectText, annotate, highlightMap, waitSaved, storageValue, docKey, blur } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('select -> annotate -> reload -> still there', async () => {
  const { page, problems } = await openApp(browser, server.url);
  // Keyboard shortcut path.
  await annotate(page, 'Antony Blinken', { note: 'Secretary of State' });
  // Button path.
  await selectText(page, 'Lviv');
  await page.locator('#annotate').click();
  await page.locator('.annotation-list li.expanded textarea').waitFor();
  await waitSaved(page);
  await page.reload();
  await page.locator('article.article mark').first().waitFor();
  const marks = Object.values(await highlightMap(page)).sort();
  assert.deepEqual(marks, ['Antony Blinken', 'Lviv']);
  const notes = await page.locator('.annotation-list .item-note').allInnerTexts();
  assert.deepEqual(notes, ['Secretary of State']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('edit label and note, delete, undo and redo with the keyboard', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const item = await annotate(page, 'temporarily relocating');
  await item.locator('select').selectOption({ label: 'Claim' });
  await item.locator('textarea').fill('Is this confirmed?');
  await waitSaved(page);
  assert.equal(await page.locator('.annotation-list li .item-label').innerText(), 'Claim');
  await item.locator('button.danger').click();
  await page.locator('.annotation-list li').waitFor({ state: 'detached' });
  assert.equal(await page.locator('article.article mark').count(), 0);

  await blur(page);
  await page.keyboard.press('Control+z');
  await page.locator('article.article mark').first().waitFor();
  assert.equal(await page.locator('.annotation-list li .item-label').innerText(), 'Claim');
  await page.locator('.annotation-list li .item-head').click();
  assert.equal(await page.locator('.annotation-list li.expanded textarea').inputValue(), 'Is this confirmed?');
  await blur(page);
  await page.keyboard.press('Control+Shift+z');
  await page.locator('.annotation-list li').waitFor({ state: 'detached' });
  // The toolbar buttons do the same.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('article.article mark').first().waitFor();
  await waitSaved(page);
  await page.reload();
  await page.locator('article.article mark').first().waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('overlapping and nested highlights are both visible; clicking opens the annotation', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await annotate(page, 'closing its embassy in the Ukrainian capital');
  await annotate(page, 'embassy');
  await annotate(page, 'Ukrainian capital of Kyiv');
  const map = await highlightMap(page);
  assert.deepEqual(Object.values(map).sort(), ['Ukrainian capital of Kyiv', 'closing its embassy in the Ukrainian capital', 'embassy']);
  assert.ok(await page.locator('article.article mark.hl-overlap').count() >= 2, 'overlap runs are marked');
  // The innermost annotation wins the click.
  const ids = Object.keys(map);
  const inner = ids.find((id) => map[id] === 'embassy');
  await page.locator('article.article mark', { hasText: /^embassy$/ }).first().click();
  await page.locator(`.annotation-list li.expanded[data-id="${inner}"]`).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('labels: add, rename, recolour; filter and search the list', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('tab', { name: 'Labels' }).click();
  await page.getByLabel('Name of the new label').fill('Source');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByLabel('Name of Source').fill('Primary source');
  await page.getByLabel('Name of Source').press('Enter');
  await page.getByLabel('Colour of Primary source').evaluate((el) => {
    el.value = '#123456';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.getByRole('tab', { name: /Notes/ }).click();
  assert.equal(await page.getByLabel('Label for new annotations').inputValue(), await page.getByLabel('Label for new annotations').locator('option', { hasText: 'Primary source' }).getAttribute('value'));
  await annotate(page, 'Ned Price', { note: 'spokesperson' });
  // The label's colour is the highlight's background as the page paints
  // it (a class per colour, platform/styles.rs, not an inline style).
  const background = await page.locator('article.article mark').first().evaluate((m) => getComputedStyle(m).backgroundColor);
  assert.match(background, /rgba\(18, 52, 86, 0\.38\)/);
  await page.getByLabel('Label for new annotations').selectOption({ label: 'Question' });
  await annotate(page, 'Vladimir Putin', { note: 'who met whom?' });
  await page.locator('.legend .chip', { hasText: 'Primary source' }).click();
  assert.equal(await page.locator('.annotation-list li').count(), 1);
  await page.getByRole('button', { name: 'Show all' }).click();
  await page.getByLabel('Search annotations').fill('WHO MET');
  assert.equal(await page.locator('.annotation-list li').count(), 1);
  assert.match(await page.locator('.annotation-list li').innerText(), /Vladimir Putin/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('hostile text in notes and labels stays text; only http(s) links are links', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const payload = '<img src=x onerror=alert(1)> "><svg onload=alert(1)> {{7*7}} javascript:alert(1) https://example.org/ok';
  const item = await annotate(page, 'Moscow', { note: payload });
  await waitSaved(page);
  assert.equal(await page.locator('article.article img, article.article svg, .panel img, .panel svg').count(), 0);
  const links = await item.locator('.note-preview a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.rel]));
  assert.deepEqual(links, [['https://example.org/ok', 'noopener noreferrer nofollow']]);
  await page.getByRole('tab', { name: 'Labels' }).click();
  await page.getByLabel('Name of the new label').fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByLabel('Name of <script>alert(1)</script>').waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('Unicode offset matrix: emoji, ZWJ, combining marks, CRLF, BOM, CJK, RTL survive reload and export', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const text = '\ufeffUnicode matrix\r\n😀 alpha then 👨🏻‍🚒 bravo and e\u0301 charlie\r\n中文 delta שלום echo';
  await page.locator('#file-input').setInputFiles({ name: 'matrix.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.locator('h1.article-title', { hasText: 'Unicode matrix' }).waitFor();
  for (const w of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) await annotate(page, w);
  await waitSaved(page);
  const stored = JSON.parse(await storageValue(page, await docKey(page)));
  const cps = [...stored.document.text];
  for (const a of stored.annotations) {
    assert.equal(cps.slice(a.target.start, a.target.end).join(''), a.target.exact, 'code point offsets');
  }
  assert.deepEqual(stored.annotations.map((a) => a.target.start), [17, 33, 45, 56, 67]);
  await page.reload();
  await page.locator('article.article mark').first().waitFor();
  assert.deepEqual(Object.values(await highlightMap(page)).sort(), ['alpha', 'bravo', 'charlie', 'delta', 'echo']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('an orphan is kept and can be re-attached to a new selection', async () => {
  const { page, problems } = await openApp(browser, server.url);
  // An imported W3C annotation whose quote is not in this text.
  const w3c = {
    '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation', id: 'urn:marginalia:annotation:lost-1',
    body: [{ type: 'TextualBody', purpose: 'commenting', value: 'where did it go?' }],
    target: { source: 'urn:x', selector: { type: 'TextQuoteSelector', exact: 'a sentence that is not in the article', prefix: '', suffix: '' } },
  };
  await page.locator('#import-input').setInputFiles({ name: 'lost.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(w3c)) });
  await page.locator('#import-merge').click();
  await page.locator('.annotation-list li.orphan').waitFor();
  assert.match(await page.locator('.annotation-list li.orphan').innerText(), /orphan[\s\S]*a sentence that is not in the article/);
  await page.locator('.annotation-list li.orphan .item-head').click();
  await selectText(page, 'Minsk agreement');
  await page.getByRole('button', { name: 'Re-attach to selected text' }).click();
  await page.locator('.annotation-list li.orphan').waitFor({ state: 'detached' });
  assert.deepEqual(Object.values(await highlightMap(page)), ['Minsk agreement']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('keyboard only: find text, select it, annotate it', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.locator('#find-text').focus();
  await page.keyboard.type('lviv');
  await page.keyboard.press('Enter');
  await page.locator('#annotate').waitFor();
  const first = await page.evaluate(() => getSelection().toString());
  const firstStart = await page.evaluate(() => getSelection().anchorNode.parentElement.closest('[data-start]').dataset.start);
  await page.keyboard.press('Enter');
  await page.waitForFunction((prev) => getSelection().anchorNode?.parentElement?.closest('[data-start]')?.dataset.start !== prev, firstStart);
  assert.equal(first, 'Lviv');
  await page.keyboard.press('Control+Enter');
  await page.locator('.annotation-list li').waitFor();
  // The list and the article's marks may render in different frames under
  // load: wait for the mark, not for time.
  await page.locator('article.article mark[data-ids]').first().waitFor();
  assert.deepEqual(Object.values(await highlightMap(page)), ['Lviv']);
  const start = await page.locator('article.article mark').first().getAttribute('data-start');
  assert.notEqual(start, null);
  // The second occurrence was annotated (Enter moved to the next match).
  const occurrences = await page.evaluate(() => [...document.querySelectorAll('article.article [data-start]')].filter((e) => e.textContent === 'Lviv').map((e) => e.dataset.start));
  assert.equal(start, occurrences[1]);
  await page.locator('#find-text').fill('Odesa');
  await page.keyboard.press('Enter');
  await page.locator('.notice-error', { hasText: 'not in this article' }).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});
