// Nothing lost (issue 10): work done just before switching articles is
// saved, and the Library shows what is saved as soon as it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launch, openApp, annotate, waitSaved, pasteArticle as paste, savedRecords } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a note typed just before opening the sample is saved (item 1)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await paste(page, 'Quick switch story\nThe minister visited Lagos on Monday.');
  await annotate(page, 'Lagos', { note: 'city' });
  // Well inside the 300 ms save delay.
  await page.getByRole('button', { name: 'Sample' }).click();
  await page.locator('h1.article-title', { hasText: 'Quick switch story' }).waitFor({ state: 'detached' });
  await waitSaved(page);
  assert.deepEqual((await savedRecords(page))['Quick switch story'], [['Lagos', 'city']]);
  // And it is really there for the next visit.
  await page.reload();
  await page.getByRole('tab', { name: /Library/ }).click();
  assert.match(await page.locator('.library-tab li', { hasText: 'Quick switch story' }).innerText(), /1 annotation\b/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('ten imports in a row each keep their article and annotation (item 1)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  for (let i = 0; i < 10; i++) {
    const text = `Imported story ${i}\nA reporter in Oslo wrote piece number ${i}.`;
    const source = createHash('sha256').update(text).digest('hex').slice(0, 32);
    const file = {
      format: 'marginalia', formatVersion: 1, offsets: 'codepoint',
      document: { title: `Imported story ${i}`, text },
      labels: [{ id: 'l1', name: 'Note', color: '#ffd54f' }],
      annotations: [{ id: `imp-${i}`, label: 'l1', note: `n${i}`, created: 1, updated: 1,
        target: { source, start: text.indexOf('Oslo'), end: text.indexOf('Oslo') + 4, exact: 'Oslo', prefix: '', suffix: '' } }],
    };
    await page.locator('#import-input').setInputFiles({ name: `s${i}.marginalia.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.locator('#import-merge').click();
    await page.locator('h1.article-title', { hasText: `Imported story ${i}` }).waitFor();
    await page.locator('.notice', { hasText: '1 imported' }).waitFor();
  }
  await waitSaved(page);
  const saved = await savedRecords(page);
  for (let i = 0; i < 10; i++) assert.deepEqual(saved[`Imported story ${i}`], [['Oslo', `n${i}`]], `story ${i}`);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the Library tab counts a saved article at once (item 4)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('tab', { name: 'Library (0)' }).waitFor();
  await paste(page, 'Library story\nA council met in Leeds.');
  await annotate(page, 'Leeds');
  await waitSaved(page);
  await page.getByRole('tab', { name: 'Library (1)' }).click();
  await page.locator('.library-tab li', { hasText: 'Library story' }).waitFor();
  assert.match(await page.locator('.library-tab li', { hasText: 'Library story' }).innerText(), /1 annotation/);
  assert.deepEqual(problems, []);
  await page.context().close();
});
