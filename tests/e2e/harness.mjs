// Shared end-to-end helpers: a static server for dist/, a headless Chromium
// (Debian's, through playwright-core) and an app page that fails the test on
// any console error, uncaught exception or request leaving localhost.
import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { inlineScriptHashes, policy } from '../../scripts/csp.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on an ephemeral localhost port. */
export async function startServer(dir = 'dist') {
  const root = normalize(dir);
  const server = http.createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      await stat(file);
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      // The app page is served with the policy a host should send (the
      // built page also carries it as a <meta>): README "Security".
      if (extname(file) === '.html') headers['content-security-policy'] = policy(inlineScriptHashes(body.toString('utf8')), { header: true });
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-quic',
];

/** Launches Debian's Chromium. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens the app in a new context and waits until the article is rendered.
 * Returns { page, context, problems } where problems collects console
 * errors, page errors and non-local requests.
 */
export async function openApp(browser, url, { context: existing, init, analysed = true } = {}) {
  const context = existing ?? (await browser.newContext({ acceptDownloads: true }));
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss().catch(() => {}); });
  // Every Content Security Policy violation is a problem too.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (init) await page.addInitScript(init.fn, init.arg);
  await page.goto(url);
  await page.locator('article.article h1.article-title').waitFor();
  if (analysed) await waitAnalysed(page);
  return { page, context, problems };
}

/**
 * Waits until the analysis worker's answer for the open article is shown
 * (the insight bar says how long it took): the text is painted first, its
 * entities and quotations when the worker answers.
 */
export async function waitAnalysed(page) {
  await page.locator('.insight-bar .insight-time', { hasText: /^analysed / }).waitFor();
}

/**
 * `problems` less the policy's reports about HTML the user opened: the app
 * parses it with DOMParser, whose inert document inherits the page's
 * Content Security Policy, so inline handlers (`onerror=`) and `<base>` in
 * it are reported as *blocked* (src/platform/html.rs). Anything else stays.
 */
export function exceptBlockedInParsedHtml(problems) {
  const parsed = /script-src-attr|base-uri|Executing inline event handler|Setting the document's base URI/;
  return problems.filter((p) => !parsed.test(p));
}

/** The visible text of the article. */
export function articleText(page) {
  return page.locator('article.article').innerText();
}

/**
 * Selects the `nth` occurrence of `text` in the article by building a DOM
 * Range over the rendered runs (as a mouse drag would), and waits for the
 * Annotate control.
 */
export async function selectText(page, text, nth = 0) {
  const found = await page.evaluate(([text, nth]) => {
    // A mouse selection moves focus out of any field first.
    document.activeElement?.blur();
    // Every text node of the article — in runs, or bare in a paragraph —
    // but a media placeholder's label.
    const article = document.querySelector('article.article');
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest('[data-atomic]') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let full = '';
    const map = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) map.push([node, i]);
      full += node.data;
    }
    let at = -1;
    for (let k = 0; k <= nth; k++) { at = full.indexOf(text, at + 1); if (at < 0) return false; }
    const [sn, so] = map[at];
    const [en, eo] = map[at + text.length - 1];
    const r = document.createRange();
    r.setStart(sn, so);
    r.setEnd(en, eo + 1);
    const s = getSelection();
    s.removeAllRanges();
    s.addRange(r);
    return true;
  }, [text, nth]);
  if (!found) throw new Error(`text not in article: ${text}`);
  await page.locator('#annotate').waitFor();
}

/** Selects `text` and annotates it with the A shortcut; returns the new item. */
export async function annotate(page, text, { nth = 0, note } = {}) {
  const before = await page.locator('.annotation-list li').count();
  await selectText(page, text, nth);
  await page.keyboard.press('a');
  await page.locator('.annotation-list li').nth(before).waitFor({ state: 'attached' });
  const editor = page.locator('.annotation-list li.expanded textarea');
  await editor.waitFor();
  if (note !== undefined) await editor.fill(note);
  return page.locator('.annotation-list li.expanded');
}

/** Map of annotation id -> the highlighted text of its marks, in order. */
export function highlightMap(page) {
  return page.evaluate(() => {
    const out = {};
    for (const m of document.querySelectorAll('article.article mark[data-ids]')) {
      for (const id of m.dataset.ids.split(' ')) out[id] = (out[id] ?? '') + m.textContent;
    }
    return out;
  });
}

/** Moves focus out of any field (as clicking the page background does). */
export function blur(page) {
  return page.evaluate(() => document.activeElement?.blur());
}

/** Opens `text` through the Paste dialog (as plain text) and waits for its title. */
export async function pasteArticle(page, text) {
  await page.getByRole('button', { name: 'Paste article' }).click();
  await page.locator('#paste-text').fill(text);
  await page.getByRole('button', { name: 'Open article' }).click();
  await page.locator('h1.article-title', { hasText: text.split('\n')[0] }).waitFor();
}

/** Every saved record: { title: [[quote, note], ...] }. */
export function savedRecords(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key.startsWith('marginalia:doc:')) continue;
      const rec = JSON.parse(localStorage.getItem(key));
      out[rec.document.title] = rec.annotations.map((a) => [a.target.exact, a.note]);
    }
    return out;
  });
}

/** Waits until everything is saved. */
export async function waitSaved(page) {
  await page.locator('[data-save-state="saved"]').waitFor();
}

/**
 * Waits until the analysis worker's Cache Storage holds (`kept`) or no
 * longer holds an answer for the document `hash`, polling inside the page,
 * where the look is a promise. Not `waitForFunction`: it takes a
 * predicate's promise itself for a truthy value and returns at once, so
 * these waits had waited for nothing.
 */
export async function waitKeptState(page, hash, kept = true, timeout = 60_000) {
  const reached = await page.evaluate(async ([hash, kept, timeout]) => {
    const until = performance.now() + timeout;
    const has = async () => (await (await caches.open('marginalia-analysis')).keys()).some((k) => k.url.split('/').at(-2) === hash);
    while (performance.now() < until) {
      if ((await has()) === kept) return true;
      await new Promise((next) => setTimeout(next, 50));
    }
    return false;
  }, [hash, kept, timeout]);
  if (!reached) throw new Error(`the analysis of ${hash} was ${kept ? 'not kept' : 'still kept'} after ${timeout} ms`);
}

/**
 * Waits until the analysis worker has kept the open article's answer in
 * Cache Storage (static/analysis-worker.js keeps it after sending it), so
 * a reload finds it: a benchmark that reloaded before then measured a new
 * analysis in one reload of three.
 */
export async function waitKept(page) {
  await waitKeptState(page, await page.locator('article.article').getAttribute('data-doc-hash'));
}

/** Clicks an export format and returns the downloaded file's name and text. */
export async function exportAs(page, id) {
  await page.locator('.menu > summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${id}`).click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** The stored value of a localStorage key. */
export function storageValue(page, key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** The localStorage key of the open document's record. */
export async function docKey(page) {
  return `marginalia:doc:${await page.locator('article.article').getAttribute('data-doc-hash')}`;
}

/**
 * Waits until `markStartUp` has marked `name` (`title`, `analysed`,
 * `complete`) in the page, and returns the marks. It reads one property
 * each frame: a locator's `waitFor` runs Playwright's selector engine,
 * which walks every element of the page (it looks into shadow roots) — on
 * a 20,000-element article, 44–50 ms of the page's own thread in one
 * reload's profile, inside the figure being measured.
 */
export async function waitMark(page, name) {
  await page.waitForFunction((n) => window.__marks?.[n] > 0, name, { polling: 'raf', timeout: 60_000 });
  return page.evaluate(() => window.__marks);
}

/**
 * Marks, in the page, when the title is first painted, when the analysis is
 * first shown and when every block is built with it (`complete`: the
 * article's `data-waiting="0"` and `data-complete="true"`), in ms from
 * navigation start, and every long task. Read in the page, not by polling
 * from the test: Playwright's `waitFor` polls at growing intervals (up to
 * 500 ms), which had added 36–510 ms to a heavy reload's figure.
 */
export function markStartUp() {
  window.__marks = {};
  window.__tasks = [];
  new PerformanceObserver((l) => window.__tasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  const seen = () => {
    const now = performance.now();
    if (!window.__marks.title && document.querySelector('article.article h1.article-title')) window.__marks.title = now;
    if (!window.__marks.analysed && /^analysed /.test(document.querySelector('.insight-bar .insight-time')?.textContent ?? '')) window.__marks.analysed = now;
    // Complete counts once the analysis is shown: blocks built before it
    // are rebuilt with it.
    if (!window.__marks.complete && window.__marks.analysed && document.querySelector('article.article[data-waiting="0"][data-complete="true"]')) window.__marks.complete = now;
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-waiting', 'data-complete'] });
}

/**
 * Records, in the page, every request the page posts to a worker (the
 * analysis worker's requests are strings): `window.__requests`, each
 * `{ at, text }`, `at` in ms from navigation start. For a page's init
 * script, like `markStartUp`.
 */
export function recordWorkerRequests() {
  window.__requests = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (typeof message === 'string') window.__requests.push({ at: performance.now(), text: message });
    return post.call(this, message);
  };
}
