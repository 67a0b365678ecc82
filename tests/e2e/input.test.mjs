// What the user gave is what opens (issue 10): pasted text is never
// second-guessed as HTML, and HTML files are read by the WHATWG rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const DIV_TEXT = 'Web developers split over new layout rules\nThe proposal would change how a `<div>` element is laid out by default.\nCritics say older sites would break.';

test('pasted text that mentions a tag keeps every character (item 2)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Paste article' }).click();
  await page.locator('#paste-text').fill(DIV_TEXT);
  // The dialog says what will open, and that the text is read as written.
  await page.locator('#paste-preview', { hasText: 'and 2 paragraphs' }).waitFor();
  assert.match(await page.locator('#paste-preview').innerText(), /“Web developers split over new layout rules”/);
  await page.locator('#paste-html-hint').waitFor();
  assert.ok(await page.locator('#paste-format-plain').isChecked());
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.locator('h1.article-title', { hasText: 'Web developers split over new layout rules' }).waitFor();
  await page.locator('article.article p.block', { hasText: 'Critics say older sites would break.' }).waitFor();
  const paras = await page.locator('article.article p.block').allInnerTexts();
  assert.deepEqual(paras, DIV_TEXT.split('\n').slice(1));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('HTML source opens as a page only when the user chooses it', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Paste article' }).click();
  await page.locator('#paste-text').fill('<h1>Chosen HTML</h1><p>One <b>bold</b> paragraph.</p>');
  await page.locator('#paste-format-html').check();
  await page.locator('#paste-preview', { hasText: '“Chosen HTML” and 1 paragraph' }).waitFor();
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.locator('h1.article-title', { hasText: 'Chosen HTML' }).waitFor();
  await page.locator('article.article p.block', { hasText: 'One bold paragraph.' }).waitFor();
  assert.deepEqual(await page.locator('article.article p.block').allInnerTexts(), ['One bold paragraph.']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a paste carrying a web page offers its formatting', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await page.getByRole('button', { name: 'Paste article' }).click();
  await page.locator('#paste-text').evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'Copied page One paragraph.');
    dt.setData('text/html', '<h1>Copied page</h1><p>One paragraph.</p><script>alert(1)</script>');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.locator('#paste-format-clipboard').waitFor();
  assert.ok(await page.locator('#paste-format-clipboard').isChecked());
  await page.locator('#paste-preview', { hasText: '“Copied page” and 1 paragraph' }).waitFor();
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.locator('h1.article-title', { hasText: 'Copied page' }).waitFor();
  // The title can be painted a task before the paragraphs' text reads
  // back (a suite run read ''): wait for the state, then compare.
  await page.locator('article.article p.block', { hasText: 'One paragraph.' }).waitFor();
  assert.deepEqual(await page.locator('article.article p.block').allInnerTexts(), ['One paragraph.']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('an <embed> in an HTML file does not swallow the rest of the page (item 3)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  const html = '<h1>Embed test</h1><p>Before the video <embed src="clip.swf"> and after it.</p><p>The next paragraph.</p>';
  await page.locator('#file-input').setInputFiles({ name: 'embed.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await page.locator('h1.article-title', { hasText: 'Embed test' }).waitFor();
  await page.locator('article.article p.block', { hasText: 'The next paragraph.' }).waitFor();
  assert.deepEqual(await page.locator('article.article p.block').allInnerTexts(), ['Before the video and after it.', 'The next paragraph.']);
  assert.deepEqual(problems, []);
  await page.context().close();
});

// Files in and out are read by the formats module (README "Build size"),
// which the first screen does not download.
test('the formats module loads on first use; when it cannot, Open says why and the next try works', async () => {
  const context = await browser.newContext();
  const fetched = [];
  context.on('request', (r) => fetched.push(r.url()));
  // Its wasm does not arrive (a flaky connection, a blocked file).
  const block = (route) => route.abort();
  await context.route('**/marginalia-formats_bg.wasm', block);
  const { page, problems } = await openApp(browser, server.url, { context });
  assert.deepEqual(fetched.filter((u) => /formats/.test(u)), [], 'the first screen loads no part of the formats module');
  const file = { name: 'harbour.txt', mimeType: 'text/plain', buffer: Buffer.from('Harbour reopens\nThe harbour reopened on Monday, officials said.') };
  await page.locator('#file-input').setInputFiles(file);
  const notice = page.locator('.notice-error', { hasText: 'Could not open “harbour.txt”' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /could not be loaded.*Check the connection and try again/s);
  assert.notEqual(await page.locator('h1.article-title').innerText(), 'Harbour reopens');
  // A second try while it still cannot load says so again (and throws
  // nothing from the first try's listeners).
  await page.locator('.notice-error .notice-close').click();
  await notice.waitFor({ state: 'detached' });
  await page.locator('#file-input').setInputFiles(file);
  await notice.waitFor();
  // The connection is back: the same file opens.
  await context.unroute('**/marginalia-formats_bg.wasm', block);
  await page.locator('#file-input').setInputFiles(file);
  await page.locator('h1.article-title', { hasText: 'Harbour reopens' }).waitFor();
  // Only the blocked download itself is reported by the browser.
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|net::ERR_FAILED/.test(p)), []);
  await context.close();
});
