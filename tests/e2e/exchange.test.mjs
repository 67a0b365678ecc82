// Export and import: the three formats, a fresh profile getting the same
// highlights back, validation of bad files, merge/replace, quota on import,
// and Apache Annotator (an independent client) reading our W3C export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { startServer, launch, openApp, annotate, waitSaved, highlightMap, exportAs, storageValue, docKey } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const EMOJI_ARTICLE = 'Emoji check 😀\n👨🏻‍🚒 The firefighter said "we are ready" in Kyiv.\nLater, 🏳️‍🌈 crowds met in Lviv and e\u0301cole children sang.';

/** Opens the emoji article and makes three annotations with notes and labels. */
async function annotatedPage(context) {
  const opened = await openApp(browser, server.url, { context });
  const { page } = opened;
  await page.locator('#file-input').setInputFiles({ name: 'emoji.txt', mimeType: 'text/plain', buffer: Buffer.from(EMOJI_ARTICLE) });
  await page.locator('h1.article-title', { hasText: 'Emoji check' }).waitFor();
  await annotate(page, 'we are ready', { note: 'quote 😀' });
  await page.getByLabel('Label for new annotations').selectOption({ label: 'PLACE' });
  await annotate(page, 'Kyiv');
  await annotate(page, 'Lviv', { note: 'second city' });
  await waitSaved(page);
  return opened;
}

function readFile(name, text, mimeType = 'application/json') {
  return { name, mimeType, buffer: Buffer.from(text) };
}

test('export each format: content and code point offsets', async () => {
  const { page, context, problems } = await annotatedPage();
  const native = await exportAs(page, 'export-native');
  assert.match(native.name, /^emoji-check\.marginalia\.json$/);
  const n = JSON.parse(native.text);
  assert.equal(n.format, 'marginalia');
  assert.equal(n.formatVersion, 1);
  assert.equal(n.offsets, 'codepoint');
  assert.equal(n.document.text, EMOJI_ARTICLE.normalize('NFC'));
  assert.equal(n.annotations.length, 3);

  const w3c = await exportAs(page, 'export-w3c');
  assert.match(w3c.name, /\.w3c\.jsonld$/);
  const c = JSON.parse(w3c.text);
  assert.equal(c['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(c.type, 'AnnotationCollection');
  assert.equal(c.total, 3);
  const cps = [...n.document.text];
  for (const a of c.first.items) {
    assert.equal(a.type, 'Annotation');
    const [quote, pos] = a.target.selector;
    assert.equal(quote.type, 'TextQuoteSelector');
    assert.equal(pos.type, 'TextPositionSelector');
    assert.equal(cps.slice(pos.start, pos.end).join(''), quote.exact, 'TextPositionSelector counts code points');
    assert.ok(a.body.some((b) => b.purpose === 'tagging'));
  }
  assert.deepEqual(c.first.items.map((a) => a.target.selector[0].exact), ['we are ready', 'Kyiv', 'Lviv']);
  assert.deepEqual(c.first.items[0].body[0], { type: 'TextualBody', purpose: 'commenting', value: 'quote 😀', format: 'text/plain' });

  const jsonl = await exportAs(page, 'export-jsonl');
  assert.match(jsonl.name, /\.ner\.jsonl$/);
  const lines = jsonl.text.trimEnd().split('\n');
  assert.equal(lines.length, 1);
  const line = JSON.parse(lines[0]);
  assert.equal(line.text, n.document.text);
  assert.deepEqual(line.spans.map((s) => [cps.slice(s.start, s.end).join(''), s.label]), [['we are ready', 'Note'], ['Kyiv', 'PLACE'], ['Lviv', 'PLACE']]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('import into a fresh browser profile gives the same highlights (native and W3C)', async () => {
  const { page, context } = await annotatedPage();
  const native = await exportAs(page, 'export-native');
  const w3c = await exportAs(page, 'export-w3c');
  const original = await highlightMap(page);
  await context.close();

  for (const [file, type] of [[readFile('backup.marginalia.json', native.text), 'native'], [readFile('anns.w3c.jsonld', w3c.text, 'application/ld+json'), 'w3c']]) {
    const fresh = await openApp(browser, server.url);
    if (type === 'w3c') {
      // W3C carries no text: open the same article first.
      await fresh.page.locator('#file-input').setInputFiles({ name: 'emoji.txt', mimeType: 'text/plain', buffer: Buffer.from(EMOJI_ARTICLE) });
      await fresh.page.locator('h1.article-title', { hasText: 'Emoji check' }).waitFor();
    }
    await fresh.page.locator('#import-input').setInputFiles(file);
    await fresh.page.locator('#import-merge').click();
    await fresh.page.locator('.notice', { hasText: '3 imported' }).waitFor();
    assert.deepEqual(await highlightMap(fresh.page), original, `${type}: same ids, same passages`);
    // Importing the same file again duplicates nothing.
    await fresh.page.locator('#import-input').setInputFiles(file);
    await fresh.page.locator('#import-merge').click();
    await fresh.page.locator('.notice', { hasText: '0 imported' }).waitFor();
    assert.match(await fresh.page.locator('.notice').innerText(), /3 skipped: 3 already present/);
    assert.equal(await fresh.page.locator('.annotation-list li').count(), 3);
    assert.deepEqual(fresh.problems, []);
    await fresh.context.close();
  }
});

test('bad files are refused with a specific message and change nothing', async () => {
  const { page, context, problems } = await annotatedPage();
  const key = await docKey(page);
  const before = await storageValue(page, key);
  const cases = [
    [{ name: 'photo.json', mimeType: 'application/json', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) }, 'not JSON'],
    [readFile('package.json', '{"name":"x","version":"1.0.0","dependencies":{}}'), 'package.json file, not an export'],
    [readFile('future.json', '{"format":"marginalia","formatVersion":7,"document":{"text":"x"}}'), 'newer version of Marginalia'],
    [readFile('deep.json', '['.repeat(5000) + ']'.repeat(5000)), 'nested too deeply'],
  ];
  for (const [file, message] of cases) {
    await page.locator('#import-input').setInputFiles(file);
    await page.locator('.notice-error', { hasText: message }).waitFor();
    assert.equal(await page.locator('.modal').count(), 0);
  }
  assert.equal(await storageValue(page, key), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a partly invalid file imports the valid items and reports the rest', async () => {
  const { page, context, problems } = await openApp(browser, server.url);
  const words = ['Kyiv', 'Lviv', 'Poland', 'Moscow', 'Crimea', 'Belarus', 'Donbas', 'Minsk', 'Britain', 'Ukraine'];
  const items = [];
  for (let i = 0; i < 100; i++) {
    items.push({ type: 'Annotation', id: `urn:marginalia:annotation:bulk-${i}`,
      body: [{ type: 'TextualBody', purpose: 'commenting', value: `mention ${i}` }, { type: 'TextualBody', purpose: 'tagging', value: 'PLACE' }],
      target: { source: 'urn:x', selector: { type: 'TextQuoteSelector', exact: words[i % 10], prefix: '', suffix: '' } } });
  }
  items[7].target = {};
  items[42].target.selector = { type: 'TextPositionSelector', start: 9, end: 2 };
  items[77] = 'not an annotation';
  const file = readFile('bulk.jsonld', JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items }));
  await page.locator('#import-input').setInputFiles(file);
  await page.locator('.modal .skipped', { hasText: '3 item(s) cannot be read' }).waitFor();
  await page.locator('#import-merge').click();
  await page.locator('.notice', { hasText: '97 imported' }).waitFor();
  assert.match(await page.locator('.notice').innerText(), /3 skipped/);
  assert.equal(await page.locator('.annotation-list li').count(), 97);
  assert.deepEqual(problems, []);
  await context.close();
});

test('replace needs a second confirmation and offers a backup first', async () => {
  const { page, context, problems } = await annotatedPage();
  const w3c = await exportAs(page, 'export-w3c');
  const one = JSON.parse(w3c.text);
  one.first.items = one.first.items.slice(0, 1);
  await annotate(page, 'crowds');
  await page.locator('#import-input').setInputFiles(readFile('one.jsonld', JSON.stringify(one), 'application/ld+json'));
  await page.getByRole('button', { name: 'Replace…' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download backup' }).click()]);
  assert.match(download.suggestedFilename(), /\.marginalia\.json$/);
  await page.getByRole('button', { name: 'Replace all annotations' }).click();
  await page.locator('.notice', { hasText: 'replacing' }).waitFor();
  assert.equal(await page.locator('.annotation-list li').count(), 1);
  await page.keyboard.press('Control+z');
  await page.locator('.annotation-list li').nth(3).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an import that cannot fit in storage is refused before anything changes', async () => {
  const { page, context, problems } = await annotatedPage();
  const key = await docKey(page);
  const native = JSON.parse((await exportAs(page, 'export-native')).text);
  for (let i = 0; i < 40; i++) native.annotations.push({ ...native.annotations[0], id: `big-${i}`, note: 'n'.repeat(3000) });
  const before = await storageValue(page, key);
  await page.evaluate(() => {
    let n = 0;
    for (const size of [1 << 20, 1 << 16, 1 << 12]) {
      const chunk = 'x'.repeat(size);
      try { for (;;) localStorage.setItem(`pad-${n++}`, chunk); } catch { n--; }
    }
  });
  await page.locator('#import-input').setInputFiles(readFile('big.marginalia.json', JSON.stringify(native)));
  await page.locator('#import-merge').click();
  await page.locator('.notice-error', { hasText: 'are free. Nothing was changed' }).waitFor();
  assert.equal(await page.locator('.annotation-list li').count(), 3);
  assert.equal(await storageValue(page, key), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Apache Annotator highlights the same passages from our W3C export', async () => {
  const { page, context } = await annotatedPage();
  const ours = await highlightMap(page);
  const collection = JSON.parse((await exportAs(page, 'export-w3c')).text);
  const text = JSON.parse((await exportAs(page, 'export-native')).text).document.text;
  await context.close();

  const bundle = await build({
    entryPoints: [new URL('./annotator-entry.mjs', import.meta.url).pathname],
    bundle: true, format: 'iife', globalName: 'ApacheAnnotator', write: false, platform: 'browser', logLevel: 'silent',
  });
  const clean = await browser.newContext();
  const other = await clean.newPage();
  // A page of the same origin that is not the app (a 404, without the app's
  // Content Security Policy, which would rightly refuse this inline script).
  await other.goto(`${server.url}interop-blank`);
  await other.setContent('<!doctype html><meta charset="utf-8"><div id="doc" style="white-space: pre-wrap"></div>');
  await other.addScriptTag({ content: bundle.outputFiles[0].text });
  const theirs = await other.evaluate(async ([text, items]) => {
    const scope = document.getElementById('doc');
    scope.textContent = text;
    const { createTextQuoteSelectorMatcher, createTextPositionSelectorMatcher, highlightText } = window.ApacheAnnotator;
    const out = {};
    for (const a of items) {
      const [quote, position] = a.target.selector;
      const range = document.createRange();
      range.selectNodeContents(scope);
      const byQuote = [];
      for await (const m of createTextQuoteSelectorMatcher(quote)(range)) byQuote.push(m.toString());
      const byPosition = [];
      for await (const m of createTextPositionSelectorMatcher(position)(range)) {
        byPosition.push(m.toString());
        highlightText(m, 'mark');
      }
      out[a.id.replace('urn:marginalia:annotation:', '')] = { byQuote, byPosition };
    }
    return { out, marks: [...document.querySelectorAll('mark')].map((m) => m.textContent) };
  }, [text, collection.first.items]);
  for (const [id, passage] of Object.entries(ours)) {
    assert.deepEqual(theirs.out[id], { byQuote: [passage], byPosition: [passage] }, id);
  }
  assert.deepEqual(theirs.marks, ['we are ready', 'Kyiv', 'Lviv']);
  await clean.close();
});
