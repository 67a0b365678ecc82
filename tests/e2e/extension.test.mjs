// The browser extension (issue 21), loaded unpacked from dist/extension
// (scripts/build-extension.sh) into Debian's Chromium, on pages served
// from localhost:
//
// - a news page of our own whose policy allows no WebAssembly: turned on,
//   its entities are painted inside the article only; a passage is
//   selected on the page and annotated through the page's Annotate
//   control and the panel; the note survives a reload; nothing of the page
//   is changed, and nothing a page script can read holds the note; turned
//   off, the page is as it was; the Library lists the page;
// - with ../shared/corpus, saved publishers' pages (their own scripts
//   blocked): each turned on, its highlights fall inside the expected
//   article, and the time from the toggle to the first highlights is
//   printed.
//
// A toolbar click cannot be made in headless Chromium: the test calls the
// click's handler in the service worker, and grants the test server's host
// permission, which the click's `activeTab` grant stands for.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness.mjs';

const BUILT = 'dist/extension';
const PAGES = process.env.MARGINALIA_CORPUS ? `${process.env.MARGINALIA_CORPUS}/web-pages` : '../shared/corpus/web-pages';
const HAVE_PAGES = existsSync(PAGES);
if (!HAVE_PAGES) console.log(`# extension.test.mjs: the saved-pages case skipped: ${PAGES} not found (the saved web pages live in ../shared/corpus)`);
/** How many of the saved pages the corpus case opens (evenly spaced over
 * those whose article has at least MIN_ARTICLE characters: a page with
 * two sentences may name no one). */
const CORPUS_PAGES = 8;
const MIN_ARTICLE = 3000;

/** A news page of our own (no corpus text): a headline, a byline, menus, an article, comments. */
const STORY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour plan approved | The Coastal Ledger</title>
<link rel="canonical" href="/news/harbour-plan"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article id="story"><h1>Harbour plan approved after long debate</h1><p class="byline">By Maria Lindqvist</p>
<p>The city council of Bergen approved the harbour plan on Tuesday after a debate that lasted nine hours, Mayor Henrik Dahl said.</p>
<p>"This is the most important decision we have made in a decade," Dahl told reporters outside the town hall.</p>
<p>The plan, drawn up by Norconsult and the Port Authority, will cost 4.2 billion crowns and create 1,200 jobs by 2030.</p>
<p>Critics including Greenpeace Norway said the expansion would harm the fjord. "The council has ignored the science," said Ingrid Solberg, a marine biologist at the University of Bergen.</p>
<p>Work is due to start in March, according to the council's timetable, and the first berth should open in Oslo's rival port a year later.</p>
</article></main>
<aside class="comments"><h2>Comments</h2><p>Great news for the town! Posted by reader42</p></aside>
<footer>Contact us · Privacy · Terms</footer></body></html>`;

/** The same story after the publisher's edit (a word added before the annotated passage). */
const STORY_EDITED = STORY.replace('a debate that lasted nine hours', 'a heated debate that lasted nearly nine hours');

/**
 * What the test watches in every served page's own world (installed before
 * the page's scripts, as a script of the site would be): every DOM
 * mutation after the page has loaded, and every long task.
 */
function instrument() {
  if (!location.protocol.startsWith('http')) return;
  window.__seen = { mutations: [], tasks: [], messages: [], violations: [] };
  // A site listening for what the extension might post to the page.
  addEventListener('message', (e) => window.__seen.messages.push(String(e.data)), true);
  document.addEventListener('securitypolicyviolation', (e) => window.__seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  const describe = (m) => ({ type: m.type, target: m.target.nodeName, added: [...m.addedNodes].map((n) => n.nodeName), removed: [...m.removedNodes].map((n) => n.nodeName) });
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver((list) => { for (const m of list) window.__seen.mutations.push(describe(m)); })
      .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__seen.tasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
}

/** Everything a script of the site can read that might hold a note. */
function probe(page) {
  return page.evaluate(() => {
    const storage = (s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`).join('\n');
    const host = document.querySelector('marginalia-extension');
    return {
      text: [storage(localStorage), storage(sessionStorage), document.cookie, document.documentElement.outerHTML, document.body.innerText, [...CSS.highlights.keys()].join(',')].join('\n'),
      shadowOpen: host?.shadowRoot !== null && host?.shadowRoot !== undefined,
    };
  });
}

/** The test's server: the story (and its edited version), and the saved pages under /saved/<name>/. */
async function serve() {
  const state = { edited: false };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    // A strict policy: scripts from the page's own origin only, so no
    // 'wasm-unsafe-eval' and no inline script; no inline style either.
    const strict = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";
    if (path === '/news/harbour-plan') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': strict }).end(state.edited ? STORY_EDITED : STORY);
    if (path === '/huge') {
      // A hostile page (checklist 40, shared/docs/reliability-checklist.md):
      // 120,000 paragraphs, 240,000 nodes, 6 MB of text.
      const para = '<p>' + 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(1) + '</p>';
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': strict }).end(`<!doctype html><title>Huge</title><article>${para.repeat(120_000)}</article>`);
    }
    const saved = path.match(/^\/saved\/([\w.-]+)\/$/);
    if (saved && HAVE_PAGES && existsSync(`${PAGES}/${saved[1]}/source.html`)) {
      // The same policy: the publisher's own scripts are not here (their
      // relative addresses answer 404) and no other origin's may run.
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'self'" }).end(readFileSync(`${PAGES}/${saved[1]}/source.html`));
    }
    res.writeHead(404).end('not found');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, state, close: () => new Promise((ok) => server.close(ok)) };
}

let server;
let context;
let worker;
let extensionId;

before(async () => {
  assert.ok(existsSync(`${BUILT}/manifest.json`), `${BUILT} missing: run scripts/build-extension.sh after trunk build --release`);
  server = await serve();
  // The built extension, with the test server's host permission (what a
  // toolbar click's activeTab grant gives for that tab).
  const dir = mkdtempSync(`${tmpdir()}/marginalia-ext-`);
  cpSync(BUILT, `${dir}/ext`, { recursive: true });
  const manifest = JSON.parse(readFileSync(`${dir}/ext/manifest.json`, 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  writeFileSync(`${dir}/ext/manifest.json`, JSON.stringify(manifest));
  context = await chromium.launchPersistentContext(`${dir}/profile`, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: false,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}/ext`, `--load-extension=${dir}/ext`, '--disable-features=DisableLoadExtensionCommandLineSwitch'],
    ignoreDefaultArgs: ['--disable-extensions'],
  });
  // Nothing leaves the machine: the saved pages' images, fonts and ads are refused.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.abort());
  await context.addInitScript(instrument);
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
});

after(async () => {
  await context?.close();
  await server?.close();
});

/** Clicks the toolbar button for `page` (see the file's comment). */
async function toggle(page) {
  const url = page.url();
  await worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === url);
    if (!tab) throw new Error(`no tab at ${url}`);
    await globalThis.marginaliaToggleTab(tab);
  }, url);
}

/**
 * The extension's frame on `page`, once its panel is there (attached, not
 * necessarily visible: a saved page whose scripts are blocked may keep its
 * anti-flicker `html { display: none }`, which hides everything on it).
 */
async function panel(page) {
  let frame = null;
  await waitFor(() => (frame = page.frames().find((f) => f.url().startsWith(`chrome-extension://`) && f.url().includes('/frame.html'))) ?? null);
  await frame.locator('.mgl-panel').waitFor({ state: 'attached' });
  return frame;
}

/** Polls `f` (async) until it returns a truthy value. */
async function waitFor(f, what = 'condition', timeout = 30_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** The page's highlights that paint something: name -> the text of each range. */
function painted(page) {
  return page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      if (h.size === 0) continue;
      out[name] = [...h].map((r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x.toString(); });
    }
    return out;
  });
}

/**
 * Selects a passage of the article by a DOM range (as a drag would): the
 * first occurrence of `text`, or, without it, a few words from a long text
 * node that holds a painted entity (so the passage is in the article the
 * extension found) and whose words are in `article`, the expected text.
 * Returns the passage and where it is.
 */
function select(page, { text, article }) {
  return page.evaluate(({ text, article }) => {
    const norm = (t) => t.replace(/\s+/g, ' ');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const painted = new Set([...CSS.highlights.values()].flatMap((h) => [...h].map((r) => r.startContainer)));
    for (const n of text ? nodes : nodes.filter((n) => painted.has(n))) {
      let at;
      let len;
      if (text) {
        at = n.data.indexOf(text);
        len = text.length;
      } else {
        if (n.data.trim().length < 80) continue;
        at = n.data.indexOf(' ', 20) + 1;
        const end = n.data.indexOf(' ', at + 24);
        len = end - at;
        if (at <= 0 || end < 0 || !article.includes(norm(n.data.slice(at, end)))) continue;
      }
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + len);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      const b = r.getBoundingClientRect();
      return { passage: norm(r.toString()), left: b.left, top: b.top };
    }
    throw new Error(`no passage to select${text ? `: ${text}` : ''}`);
  }, { text, article });
}

/** Clicks the page's Annotate control by the selection (it lives in a closed shadow root: by its place). */
async function clickAnnotate(page, at) {
  const pop = await waitFor(() => page.evaluate(({ left, top }) => {
    const x = Math.max(0, Math.min(left, innerWidth - 520)) + 12;
    const y = Math.max(0, top - 40) + 10;
    return document.elementFromPoint(x, y)?.localName === 'marginalia-extension' ? { x, y } : null;
  }, at), 'the Annotate control');
  await page.mouse.click(pop.x, pop.y);
}

/** The extension's stored values, as one string. */
async function stored() {
  return worker.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
}

/**
 * Turns Marginalia on in `page` and waits for the first highlights; returns
 * the frame, the highlights, the time from the click to them and the
 * longest task on the page's main thread meanwhile (0: none over 50 ms).
 */
async function turnOn(page) {
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await toggle(page);
  const frame = await panel(page);
  const highlights = await waitFor(async () => { const p = await painted(page); return Object.keys(p).length ? p : null; }, 'highlights');
  const ms = Date.now() - t0;
  const tasks = await page.evaluate((since) => window.__seen.tasks.filter((t) => t.start + t.ms >= since).map((t) => t.ms), since);
  return { frame, highlights, ms, longest: Math.max(0, ...tasks) };
}

/**
 * The whole round on one page: annotate the selected passage with `note`
 * (through the page's control, or the A key), check what the page can see,
 * turn off, reload, turn on: the note is back on its passage.
 */
async function annotateRound(page, { frame, passage, note, via, edit }) {
  if (via === 'key') await page.keyboard.press('a'); else await clickAnnotate(page, passage);
  const editor = frame.locator('.annotation-list li.expanded textarea');
  await editor.waitFor();
  await editor.fill(note);
  await waitFor(async () => (await stored()).includes(note), 'the note saved in the extension storage');
  await waitFor(async () => Object.values(await painted(page)).flat().some((t) => t.replace(/\s+/g, ' ') === passage.passage), 'the annotation painted');

  // Nothing of the page changed but the panel's one element, and nothing
  // a page script can read holds the note.
  const seen = await probe(page);
  assert.ok(!seen.text.includes(note), 'a page script cannot read the note');
  assert.deepEqual(await page.evaluate(() => window.__seen.messages), [], 'nothing is posted to the page');
  assert.equal(seen.shadowOpen, false, 'the panel is in a closed shadow root');
  const mutations = await page.evaluate(() => window.__seen.mutations);
  assert.deepEqual(mutations, [{ type: 'childList', target: 'HTML', added: ['MARGINALIA-EXTENSION'], removed: [] }]);

  await turnOff(page);
  edit?.();
  await page.reload();
  const again = await turnOn(page);
  await again.frame.locator('.annotation-list li', { hasText: note }).waitFor({ state: 'attached' });
  await waitFor(async () => Object.values(await painted(page)).flat().some((t) => t.replace(/\s+/g, ' ') === passage.passage), 'the annotation painted after a reload');
  return again;
}

/** Turns Marginalia off and checks the page is as it was. */
async function turnOff(page) {
  await toggle(page);
  await waitFor(() => page.evaluate(() => CSS.highlights.size === 0 && document.adoptedStyleSheets.length === 0 && !document.querySelector('marginalia-extension')), 'the page as it was');
  const mutations = await page.evaluate(() => window.__seen.mutations);
  assert.deepEqual(mutations.at(-1), { type: 'childList', target: 'HTML', added: [], removed: ['MARGINALIA-EXTENSION'] });
}

test('on a page that forbids WebAssembly: painted, annotated, kept, private, re-anchored, and gone when off', async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Nothing the extension does leaves the machine.
  const away = (r) => { if (!/^(http:\/\/127\.0\.0\.1|chrome-extension:)/.test(r.url())) problems.push(`request: ${r.url()}`); };
  context.on('request', away);
  server.state.edited = false;
  await page.goto(`${server.url}/news/harbour-plan`);
  const on = await turnOn(page);
  console.log(`# extension: our story (strict CSP): click to first highlights ${on.ms} ms; longest page task meanwhile ${on.longest ? `${on.longest} ms` : 'none over 50 ms'}`);
  const texts = Object.values(on.highlights).flat();
  for (const who of ['Henrik Dahl', 'Bergen', 'Greenpeace Norway']) assert.ok(texts.some((t) => t.includes(who)), `${who} painted: ${JSON.stringify(on.highlights)}`);
  for (const t of texts) assert.ok(!/Home|Sport|reader42|Privacy/.test(t), `only the article is painted: ${t}`);

  // Folded, the panel leaves the page usable; unfolded, it is back.
  const covered = () => page.evaluate(() => document.elementFromPoint(innerWidth - 150, innerHeight / 2)?.localName === 'marginalia-extension');
  assert.ok(await covered(), 'the open panel sits at the right edge');
  await on.frame.getByRole('button', { name: 'Fold the Marginalia panel' }).click();
  await waitFor(async () => !(await covered()), 'the folded panel');
  await on.frame.locator('.mgl-tab').click();
  await waitFor(covered, 'the unfolded panel');

  // A page script posts what the content script would say to every frame
  // it can reach and to itself: the panel takes none of it.
  await select(page, { text: 'Port Authority' });
  await page.evaluate(() => {
    const forged = [{ v: 1, type: 'annotate', range: { start: { t: 9, u: 0 }, end: { t: 9, u: 5 } } }, { v: 1, type: 'open', url: 'https://evil.example/', snapshot: '{"v":1,"nodes":[]}' }];
    for (let i = 0; i < window.frames.length; i++) for (const m of forged) window.frames[i].postMessage(m, '*');
    for (const m of forged) window.postMessage(m, '*');
  });
  await page.waitForFunction(() => window.__seen.messages.length === 2);
  assert.equal(await on.frame.locator('.annotation-list li').count(), 0, 'a forged message annotates nothing');
  await page.evaluate(() => { window.__seen.messages = []; getSelection().removeAllRanges(); });

  // The publisher edits the story before the reload: the note moves with its passage.
  const passage = await select(page, { text: 'nine hours' });
  const again = await annotateRound(page, { frame: on.frame, passage, note: 'secret-note-7731 the debate length', via: 'pop', edit: () => { server.state.edited = true; } });
  await again.frame.getByText('This article has changed since your notes were saved', { exact: false }).waitFor({ state: 'attached' });
  // The article changes under the reader (checklist 39,
  // shared/docs/reliability-checklist.md): a new entry on top and an edit
  // further down. The page is read again, the new entry painted, the note
  // still on its passage.
  await page.evaluate(() => {
    const story = document.querySelector('#story');
    const entry = document.createElement('p');
    entry.textContent = 'Update: the ferry operator in Stavanger welcomed the decision on Wednesday.';
    story.insertBefore(entry, story.querySelector('p.byline').nextSibling);
    const critics = [...story.querySelectorAll('p')].find((p) => p.textContent.startsWith('Critics'));
    critics.firstChild.data = critics.firstChild.data.replace('Critics including', 'Several critics, among them');
  });
  await waitFor(async () => Object.values(await painted(page)).flat().includes('Stavanger'), 'the new entry painted');
  await waitFor(async () => Object.values(await painted(page)).flat().includes('nine hours'), 'the note on its passage after the change');
  await again.frame.locator('.annotation-list li', { hasText: 'secret-note-7731' }).waitFor({ state: 'attached' });
  await turnOff(page);
  assert.deepEqual(await page.evaluate(() => window.__seen.violations), [], 'no policy violation (Trusted Types required)');
  context.off('request', away);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on saved publishers\' pages: the article painted, a note kept across a reload, nothing of the page touched', { skip: !HAVE_PAGES }, async () => {
  const long = readdirSync(PAGES).filter((n) => existsSync(`${PAGES}/${n}/expected.txt`) && readFileSync(`${PAGES}/${n}/expected.txt`, 'utf8').length >= MIN_ARTICLE).sort();
  // Evenly spaced over the set first, the rest after, in case some cannot be used.
  const spaced = Array.from({ length: Math.min(CORPUS_PAGES, long.length) }, (_, i) => long[Math.floor((i * long.length) / CORPUS_PAGES)]);
  const order = [...new Set([...spaced, ...long])];
  const names = [];
  const times = [];
  const tasks = [];
  for (const name of order) {
    if (names.length === CORPUS_PAGES) break;
    const article = readFileSync(`${PAGES}/${name}/expected.txt`, 'utf8').replace(/\s+/g, ' ');
    const page = await context.newPage();
    await page.goto(`${server.url}/saved/${name}/`, { waitUntil: 'domcontentloaded' });
    // A page that hides itself until its (blocked) scripts run shows
    // nothing to select: not a page a reader sees.
    if (await page.evaluate(() => getComputedStyle(document.documentElement).display === 'none' || getComputedStyle(document.body).display === 'none')) {
      console.log(`# extension: ${name} skipped: it stays hidden without its own scripts`);
      await page.close();
      continue;
    }
    try {
      const on = await turnOn(page);
      times.push(on.ms);
      tasks.push(on.longest);
      const texts = Object.values(on.highlights).flat().map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
      const outside = texts.filter((t) => !article.includes(t));
      assert.ok(outside.length <= Math.ceil(texts.length * 0.02), `painted outside the article: ${outside.slice(0, 5).join(' | ')}`);
      const passage = await select(page, { article });
      await annotateRound(page, { frame: on.frame, passage, note: `secret-${name}-note`, via: 'key' });
      await turnOff(page);
    } catch (e) {
      await page.screenshot({ path: `/tmp/extension-${name}.png` }).catch(() => {});
      throw new Error(`${name}: ${e.message}`);
    }
    names.push(name);
    await page.close();
  }
  times.sort((a, b) => a - b);
  console.log(`# extension: ${names.length} saved pages (${names.join(', ')}; script-src 'self'): click to first highlights median ${times[times.length >> 1]} ms, range ${times[0]}-${times.at(-1)} ms; longest page task during start-up ${Math.max(...tasks) || 'none over 50'} ms`);
});

test('one article in two tabs: both tabs\' notes are kept, neither overwrites the other', async () => {
  server.state.edited = false;
  const url = `${server.url}/news/harbour-plan`;
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) await p.goto(url);
  // Two tabs of one address: the toolbar click goes to the tab it was made in.
  const toggleIn = (page, index) => worker.evaluate(async ([url, index]) => {
    const tabs = (await chrome.tabs.query({})).filter((t) => t.url === url);
    await globalThis.marginaliaToggleTab(tabs[index]);
  }, [url, index]);
  const onIn = async (page, index) => {
    await toggleIn(page, index);
    const frame = await panel(page);
    await waitFor(async () => Object.keys(await painted(page)).length > 0, 'highlights');
    return frame;
  };
  const [fa, fb] = [await onIn(a, 0), await onIn(b, 1)];
  const write = async (page, frame, text, note) => {
    await select(page, { text });
    await page.keyboard.press('a');
    const editor = frame.locator('.annotation-list li.expanded textarea');
    await editor.waitFor();
    await editor.fill(note);
    await waitFor(async () => (await stored()).includes(note), `${note} saved`);
  };
  await write(a, fa, 'Port Authority', 'tab-a-note');
  await write(b, fb, 'University of Bergen', 'tab-b-note');
  const all = await stored();
  assert.ok(all.includes('tab-a-note') && all.includes('tab-b-note'), 'both notes are in storage');
  await fb.locator('.annotation-list li', { hasText: 'Port Authority' }).waitFor({ state: 'attached' });
  for (const p of [a, b]) await p.close();
});

test('a page too large to read: a clear message, and the page keeps responding', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/huge`);
  const since = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await toggle(page);
  const frame = await waitFor(() => page.frames().find((f) => f.url().includes('/frame.html')) ?? null, 'the frame');
  const why = frame.locator('.mgl-fail');
  await why.waitFor({ state: 'attached', timeout: 60_000 });
  const ms = Date.now() - t0;
  assert.match(await why.innerText(), /too large/);
  const tasks = await page.evaluate((since) => window.__seen.tasks.filter((t) => t.start + t.ms >= since).map((t) => Math.round(t.ms)), since);
  console.log(`# extension: 240,000-node page: refused with a message in ${ms} ms; longest page task meanwhile ${Math.max(0, ...tasks) || 'none over 50'} ms (${tasks.length} over 50 ms)`);
  await turnOff(page);
  await page.close();
});

test('the Library lists the pages annotated with the extension, exports them and deletes one', async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`chrome-extension://${extensionId}/library.html`);
  await page.locator('#tab-library').click();
  const item = page.locator('.library-page', { hasText: 'Harbour plan approved' });
  await item.waitFor();
  assert.match(await item.innerText(), /[1-9]\d* annotations?/);
  assert.equal(await item.locator('a').getAttribute('href'), `${server.url}/news/harbour-plan`);
  if (HAVE_PAGES) assert.ok((await page.locator('.library-page').count()) >= 1 + CORPUS_PAGES, 'every annotated page is listed');
  await item.getByRole('button', { name: /Open a copy/ }).click();
  await page.locator('#import-merge').click();
  await page.locator('article.article h1.article-title', { hasText: 'Harbour plan approved' }).waitFor();
  await page.locator('summary', { hasText: 'Export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-w3c').click()]);
  const exported = readFileSync(await download.path(), 'utf8');
  assert.ok(exported.includes('secret-note-7731'), 'the W3C export holds the note');
  // Deleting a page's notes from the Library asks first, then removes its record.
  await page.locator('#tab-library').click();
  const story = page.locator('.library-page', { hasText: 'Harbour plan approved' });
  await story.getByRole('button', { name: /Delete the notes on/ }).click();
  await story.getByRole('button', { name: 'Delete', exact: true }).click();
  await story.waitFor({ state: 'detached' });
  const pageKeys = () => worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('marginalia:page:')));
  await waitFor(async () => !(await pageKeys()).some((k) => k.includes('/news/harbour-plan')), 'the page record removed from the extension storage');
  assert.deepEqual(problems, []);
  await page.close();
});
