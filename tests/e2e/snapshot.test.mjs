// The extension's content-script reading of a live page (issue 21,
// extension/snapshot.js): each dev page is loaded in Chromium with its
// scripts and every request blocked, read into a snapshot message, and the
// article the core reads from that message (`marginalia extract
// --snapshot`) is compared with the one read from the saved HTML.
// Without ../shared/corpus the test says so in one line and skips.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { launch } from './harness.mjs';

const PAGES = process.env.MARGINALIA_CORPUS ? `${process.env.MARGINALIA_CORPUS}/web-pages` : '../shared/corpus/web-pages';
const HAVE = existsSync(PAGES);
if (!HAVE) console.log(`# snapshot.test.mjs skipped: ${PAGES} not found (the saved web pages live in ../shared/corpus)`);

let browser;
before(async () => { if (HAVE) browser = await launch(); });
after(async () => { await browser?.close(); });

test('a live page read by the content script gives the article of its saved HTML', { skip: !HAVE }, async () => {
  const serializer = await readFile('extension/snapshot.js', 'utf8');
  const names = readdirSync(PAGES).filter((n) => existsSync(`${PAGES}/${n}/source.html`)).sort();
  const dir = mkdtempSync(`${tmpdir()}/marginalia-snap-`);
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  // Only the page itself loads; its own scripts never run.
  await page.route('**/*', (r) => (r.request().url().endsWith('/page.html') ? r.continue() : r.abort()));
  const files = [];
  for (const name of names) {
    const html = await readFile(`${PAGES}/${name}/source.html`);
    await page.unroute('**/page.html').catch(() => {});
    await page.route('**/page.html', (r) => r.fulfill({ status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'" } }));
    await page.goto('http://127.0.0.1:9/page.html', { waitUntil: 'domcontentloaded' });
    const message = await page.evaluate(`${serializer}; globalThis.marginaliaSnapshot(document).message`);
    // The content script reads in slices of a few ms (1 ms here, so a
    // page takes many): the same message as one walk.
    if (files.length % 10 === 0) {
      const sliced = await page.evaluate(`${serializer}; globalThis.marginaliaSnapshotInSlices(document, 1).then((r) => r.message)`);
      assert.equal(sliced, message, `${name}: the sliced reading differs`);
    }
    const file = `${dir}/${name}.json`;
    writeFileSync(file, message);
    files.push(file);
  }
  await context.close();
  const run = (args) => {
    const r = spawnSync('target/release/marginalia', ['extract', ...args], { maxBuffer: 1 << 28, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  };
  const live = run(['--snapshot', ...files]);
  const saved = run(names.map((n) => `${PAGES}/${n}/source.html`));
  const differ = names.filter((_, i) => live[i].text !== saved[i].text || live[i].title !== saved[i].title);
  console.log(`# snapshot: ${names.length - differ.length}/${names.length} live pages read by the content script give the saved page's article${differ.length ? ` (differ: ${differ.join(', ')})` : ''}`);
  assert.ok(differ.length <= Math.floor(names.length * 0.05), `differ: ${differ.join(', ')}`);
});
