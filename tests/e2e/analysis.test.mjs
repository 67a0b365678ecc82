// The analysis in the app: highlights, legend and toggles, the panels,
// accepting and dismissing suggestions, and the time it takes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, waitSaved, highlightMap, storageValue, docKey, blur } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the sample article is analysed in the browser (timing printed)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const cold = Number(await page.locator('.insight-bar').getAttribute('data-analysis-ms'));
  // Analyse another article, then the sample again: the engine's code is
  // compiled and its tables are loaded, as for every article after the first.
  await page.getByRole('button', { name: 'Paste article' }).click();
  await page.locator('#paste-text').fill('Other article\nJoe Biden spoke with Vladimir Putin on Saturday, officials said.');
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.locator('h1.article-title', { hasText: 'Other article' }).waitFor();
  const warm = [];
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: 'Sample' }).click();
    await page.locator('h1.article-title', { hasText: 'File photo' }).waitFor();
    warm.push(Number(await page.locator('.insight-bar').getAttribute('data-analysis-ms')));
    await page.getByRole('button', { name: 'Paste article' }).click();
    await page.locator('#paste-text').fill(`Other article ${i}\nText.`);
    await page.getByRole('button', { name: 'Open article' }).click();
    await page.locator('h1.article-title', { hasText: `Other article ${i}` }).waitFor();
  }
  warm.sort((a, b) => a - b);
  console.log(`# browser analysis of the sample article: first after page load ${cold.toFixed(2)} ms (includes WebAssembly compilation of the engine); afterwards median ${warm[2].toFixed(2)} ms (min ${warm[0].toFixed(2)}, max ${warm[4].toFixed(2)})`);
  assert.ok(cold > 0 && warm[2] > 0);
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
  await page.locator('article.article mark').first().waitFor();
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
