// Annotating together (issue 22): a real Hocuspocus server on 127.0.0.1
// and three Chromium contexts. A shares, B opens the write link, C the
// read-only link; A and B annotate, edit one note while the server is down
// (both offline), and come back: both end with the same annotations and
// both people's words in the note; C sees changes live and cannot make one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launch, openApp, annotate, selectText, pasteArticle, exportAs } from './harness.mjs';
import { startServer as startShareServer, tempDir, freePort } from '../share/harness.mjs';

let app, browser, share, tmp, port;

before(async () => {
  app = await startServer();
  browser = await launch();
  tmp = tempDir();
  port = await freePort();
  share = await startShareServer({ dataFile: path.join(tmp.dir, 'rooms.sqlite'), args: ['--port', String(port)] });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await share?.stop();
  tmp?.remove();
});

const ARTICLE = 'Harbour vote\nThe council approved the harbour plan on Monday, the mayor said.\nCritics said the plan was rushed and too costly.';

/** The ids of the annotations listed in the panel, in list order. */
function listed(page) {
  return page.locator('.annotation-list li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
}

/** Waits until `page` lists `n` annotations. */
async function waitCount(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('.annotation-list li').length === n, n, { timeout: 30_000 });
}

/** Each page's problems (console errors, page errors), for failure messages. */
const problemsOf = new WeakMap();

/** Waits for the room's state in the toolbar (saying what it was instead). */
async function waitShareState(page, state) {
  try {
    await page.locator(`.share-state[data-share-state="${state}"]`).waitFor({ timeout: 30_000 });
  } catch (e) {
    const now = await page.locator('.share-state').innerText().catch(() => 'no share state');
    const log = share.output().split('\n').slice(-15).join('\n');
    throw new Error(`waiting for "${state}", the toolbar says "${now}": ${e.message}\nserver log:\n${log}\npage: ${JSON.stringify(problemsOf.get(page) ?? [])}`);
  }
}

/** The note of the annotation on `quote`, as stored in the page's record. */
function noteOf(page, quote) {
  return page.evaluate((quote) => {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key.startsWith('marginalia:doc:')) continue;
      const rec = JSON.parse(localStorage.getItem(key));
      const a = rec.annotations?.find((x) => x.target.exact === quote);
      if (a) return a.note;
    }
    return null;
  }, quote);
}

/** Opens the note editor of the annotation on `quote` and sets its text. */
async function setNote(page, quote, text) {
  await page.locator('.annotation-list li', { hasText: quote }).first().click();
  const editor = page.locator('.annotation-list li.expanded textarea');
  await editor.waitFor();
  await editor.fill(text);
  await page.evaluate(() => document.activeElement?.blur());
}

/** The annotations of a Marginalia JSON export: [id, quote, note], sorted. */
function exported(text) {
  return JSON.parse(text).annotations.map((a) => [a.id, a.target.exact, a.note]).sort();
}

test('two readers annotate one article together, offline too, and a viewer follows', async () => {
  const a = await openApp(browser, app.url);
  // What A's page said and did with sockets, for a failure's message.
  const diag = [];
  problemsOf.set(a.page, diag);
  a.page.on('console', (m) => diag.push(`console ${m.type()}: ${m.text()}`));
  a.page.on('pageerror', (e) => diag.push(`pageerror: ${e.message}`));
  a.page.on('websocket', (ws) => { diag.push(`websocket ${ws.url()}`); ws.on('close', () => diag.push('websocket closed')); ws.on('socketerror', (e) => diag.push(`socketerror ${e}`)); });
  await pasteArticle(a.page, ARTICLE);
  await annotate(a.page, 'harbour plan', { note: 'Vote was close.' });

  // A shares on the local server and gets the two links.
  await a.page.locator('#share-open').click();
  await a.page.locator('#share-server').fill(share.url);
  await a.page.locator('#share-name').fill('Ann');
  // The note's save finishing re-renders the app: what was typed in the
  // dialog stays (it went back to the default server before the fix, and
  // A then shared on a server that was not there).
  await a.page.locator('[data-save-state="saved"]').waitFor();
  assert.equal(await a.page.locator('#share-server').inputValue(), share.url);
  assert.equal(await a.page.locator('#share-name').inputValue(), 'Ann');
  await a.page.locator('#share-start').click();
  const writeLink = await a.page.locator('#share-write-link').inputValue({ timeout: 30_000 });
  const readLink = await a.page.locator('#share-read-link').inputValue();
  assert.match(writeLink, /#share=1&server=ws%3A%2F%2F127\.0\.0\.1%3A\d+&write=[A-Za-z0-9_-]{22}$/);
  assert.match(readLink, /&read=[A-Za-z0-9_-]{22}$/);
  await a.page.locator('#share-close').click();
  await waitShareState(a.page, 'live');

  // B opens the write link in another browser profile: the article and
  // A's annotation arrive.
  const b = await openApp(browser, writeLink);
  await b.page.locator('h1.article-title', { hasText: 'Harbour vote' }).waitFor({ timeout: 30_000 });
  await waitCount(b.page, 1);
  await waitShareState(b.page, 'live');
  // The key leaves the address bar once the article is open.
  await b.page.waitForFunction(() => !location.hash.includes('share='));
  await b.page.locator('.annotation-list li', { hasText: 'Vote was close.' }).waitFor();

  // C opens the read-only link.
  const c = await openApp(browser, readLink);
  await c.page.locator('h1.article-title', { hasText: 'Harbour vote' }).waitFor({ timeout: 30_000 });
  await waitCount(c.page, 1);
  assert.match(await c.page.locator('.share-state').innerText(), /read-only/);

  // Presence: each sees who else is here, by the name they picked; B
  // renames themself in the dialog.
  await a.page.locator('.share-state[data-share-people*="Reader"]').waitFor({ timeout: 30_000 });
  await b.page.locator('.share-state[data-share-people*="Ann"]').waitFor({ timeout: 30_000 });
  await b.page.locator('#share-open').click();
  await b.page.locator('#share-name').fill('Bo');
  await b.page.locator('#share-name').press('Tab');
  await b.page.locator('#share-close').click();
  await a.page.locator('.share-state[data-share-people*="Bo"]').waitFor({ timeout: 30_000 });
  assert.match(await a.page.locator('.share-state').innerText(), /2 here/);
  // Where the others' selections are: named in the toolbar and painted in
  // the article (a CSS highlight: no node of the article changes).
  await selectText(b.page, 'the harbour plan');
  await a.page.locator('.share-state[data-share-people*="Bo (on “the harbour plan”)"]').waitFor({ timeout: 30_000 });
  await a.page.waitForFunction(() => CSS.highlights.get('marginalia-peers-selections')?.size === 1, null, { timeout: 30_000 });
  assert.equal(await a.page.evaluate(() => [...CSS.highlights.get('marginalia-peers-selections')][0].toString()), 'the harbour plan');
  await b.page.evaluate(() => getSelection().removeAllRanges());

  // Both annotate; each sees the other's, and C sees both live.
  await annotate(b.page, 'the mayor said', { note: 'Which mayor?' });
  await annotate(a.page, 'too costly', { note: 'Costed by whom?' });
  for (const p of [a.page, b.page, c.page]) await waitCount(p, 3);

  // C cannot change anything: the app refuses and says why.
  await selectText(c.page, 'Monday');
  await c.page.keyboard.press('a');
  await c.page.locator('.notice', { hasText: 'read-only' }).waitFor();
  assert.equal(await c.page.locator('.annotation-list li').count(), 3);

  // The server goes down: both are offline, both change the same note and
  // more; their changes wait.
  await share.stop();
  await waitShareState(a.page, 'offline');
  await waitShareState(b.page, 'offline');
  await setNote(a.page, 'harbour plan', 'Vote was close. Ann: ask the clerk.');
  await setNote(b.page, 'harbour plan', 'Bo: 7 to 5. Vote was close.');
  await annotate(b.page, 'Critics said', { note: 'offline note' });
  await a.page.locator('.share-state[data-share-waiting]:not([data-share-waiting="0"])').waitFor();

  // The server comes back on the same data: everything merges.
  share = await startShareServer({ dataFile: path.join(tmp.dir, 'rooms.sqlite'), args: ['--port', String(port)] });
  await waitCount(a.page, 4);
  const merged = 'Bo: 7 to 5. Vote was close. Ann: ask the clerk.';
  for (const p of [a.page, b.page, c.page]) {
    await p.waitForFunction((merged) => Object.keys(localStorage).some((k) => k.startsWith('marginalia:doc:')
      && JSON.parse(localStorage.getItem(k)).annotations?.some((x) => x.note === merged)), merged, { timeout: 30_000 })
      .catch(async () => assert.fail(`note not merged: ${await noteOf(p, 'harbour plan')}`));
  }
  await waitShareState(a.page, 'live');
  await a.page.locator('.share-state[data-share-waiting="0"]').waitFor({ timeout: 30_000 });
  const [ea, eb] = [await exportAs(a.page, 'export-native'), await exportAs(b.page, 'export-native')];
  assert.deepEqual(exported(ea.text), exported(eb.text), 'identical exports');
  assert.equal(exported(ea.text).length, 4);
  assert.deepEqual(await listed(a.page), await listed(b.page));

  // Nothing of the article's notes is in the server's log.
  assert.ok(!share.output().includes('Vote was close'));
  // (B and C were opened at a link, so the harness counts the app's own
  // files as other addresses; and while the server was down, the browser
  // logged each refused reconnection: only those are left out.)
  const expected = (p) => p.startsWith(`request: ${app.url}`) || /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/' failed.*ERR_CONNECTION_REFUSED/.test(p);
  for (const x of [a, b, c]) assert.deepEqual(x.problems.filter((p) => !expected(p)), []);
  for (const x of [a, b, c]) await x.context.close();
});
