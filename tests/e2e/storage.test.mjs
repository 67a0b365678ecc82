// Storage failure modes (reliability checklist A-D): corrupt records,
// newer schema, unavailable storage, full quota, two tabs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, annotate, selectText, waitSaved, storageValue, docKey, highlightMap, exportAs } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The sample article's hash, read from a throwaway page. */
async function sampleHash() {
  const { page } = await openApp(browser, server.url);
  const hash = await page.locator('article.article').getAttribute('data-doc-hash');
  await page.context().close();
  return hash;
}

test('corrupt stored JSON: banner, raw value kept, never overwritten until "Start fresh"', async () => {
  const hash = await sampleHash();
  const key = `marginalia:doc:${hash}`;
  const corrupt = '{"ann":[';
  const { page, problems } = await openApp(browser, server.url, {
    init: { fn: ([key, value]) => {
      if (!sessionStorage.getItem('seeded')) { localStorage.setItem(key, value); sessionStorage.setItem('seeded', '1'); }
    }, arg: [key, corrupt] },
  });
  await page.locator('[data-banner="corrupt"]').waitFor();
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('marginalia:backup:')));
  assert.equal(backups.length, 1);
  assert.equal(await storageValue(page, backups[0]), corrupt);
  // Edit, then force the save paths (hide/close): the key is not touched.
  await annotate(page, 'Kyiv');
  await page.locator('[data-save-state="paused"]').waitFor();
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.equal(await storageValue(page, key), corrupt);
  // Export raw offers the unreadable value as a file.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export raw' }).click()]);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  assert.equal(Buffer.concat(chunks).toString(), corrupt);
  // Start fresh: now the record is written, and the backup remains.
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await waitSaved(page);
  const stored = JSON.parse(await storageValue(page, key));
  assert.equal(stored.annotations.length, 1);
  assert.equal(await storageValue(page, backups[0]), corrupt);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('wrong-shape items are set aside, valid ones load, nothing is deleted', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await annotate(page, 'Kyiv');
  await annotate(page, 'Lviv');
  await waitSaved(page);
  const key = await docKey(page);
  await page.evaluate((key) => {
    const r = JSON.parse(localStorage.getItem(key));
    r.annotations.push({ id: 'bad', target: 'x' }, { ...r.annotations[0], id: 'neg', target: { ...r.annotations[0].target, start: -4 } });
    localStorage.setItem(key, JSON.stringify(r));
  }, key);
  await page.reload();
  await page.locator('.notice-error', { hasText: '2 saved item(s)' }).waitFor();
  assert.equal(await page.locator('article.article mark').count(), 2);
  await annotate(page, 'Poland');
  await waitSaved(page);
  const stored = JSON.parse(await storageValue(page, key));
  assert.equal(stored.annotations.length, 3);
  assert.equal(stored.quarantine.length, 2, 'unreadable items are saved back, not dropped');
  const exported = JSON.parse((await exportAs(page, 'export-native')).text);
  assert.equal(exported.quarantine.length, 2, 'and travel in the backup export');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a record saved by a newer version opens read-only and is never written', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await annotate(page, 'Kyiv');
  await waitSaved(page);
  const key = await docKey(page);
  const newer = await page.evaluate((key) => {
    const r = JSON.parse(localStorage.getItem(key));
    r.schema = 99;
    localStorage.setItem(key, JSON.stringify(r));
    return localStorage.getItem(key);
  }, key);
  await page.reload();
  await page.locator('[data-banner="readonly"]').waitFor();
  assert.equal(await page.locator('[data-save-state]').getAttribute('data-save-state'), 'readonly');
  assert.equal(await page.locator('article.article mark').count(), 1, 'shown as far as it can be read');
  await selectText(page, 'Lviv');
  await page.keyboard.press('a');
  await page.locator('.notice-error', { hasText: 'Read-only' }).waitFor();
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.equal(await storageValue(page, key), newer);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('localStorage that throws: the app works in memory with a persistent banner', async () => {
  const { page, problems } = await openApp(browser, server.url, {
    init: { fn: () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied for this document.', 'SecurityError'); } });
    } },
  });
  await page.locator('[data-banner="memory"]').waitFor();
  assert.equal(await page.locator('[data-save-state]').getAttribute('data-save-state'), 'memory');
  await annotate(page, 'Kyiv', { note: 'still works' });
  assert.equal(await page.locator('article.article mark').count(), 1);
  const { text } = await exportAs(page, 'export-native');
  assert.equal(JSON.parse(text).annotations[0].note, 'still works');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('setItem that always throws (old Safari private mode) is detected by the probe', async () => {
  const { page, problems } = await openApp(browser, server.url, {
    init: { fn: () => {
      Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    } },
  });
  await annotate(page, 'Kyiv');
  await page.locator('[data-save-state="unsaved"]').waitFor();
  await page.locator('[data-banner="full"]').waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('full quota: "not saved" shown, earlier work intact after reload, export still works', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await annotate(page, 'Antony Blinken', { note: 'saved before the disk filled' });
  await waitSaved(page);
  const key = await docKey(page);
  const before = await storageValue(page, key);
  // Fill storage to within about 1 KiB of the quota with padding keys.
  const pads = await page.evaluate(() => {
    let n = 0;
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 10]) {
      const chunk = 'x'.repeat(size);
      try { for (;;) localStorage.setItem(`pad-${n++}`, chunk); } catch { n--; }
    }
    return n;
  });
  assert.ok(pads > 3);
  await annotate(page, 'Ned Price', { note: 'y'.repeat(4000) });
  await page.locator('[data-save-state="unsaved"]').waitFor();
  await page.locator('[data-banner="full"]').waitFor();
  assert.equal(await storageValue(page, key), before, 'previous value intact');
  const { text } = await exportAs(page, 'export-native');
  assert.equal(JSON.parse(text).annotations.length, 2, 'export has the unsaved work');
  // Closing now asks first (only in this state); reload anyway.
  let prompted = false;
  page.removeAllListeners('dialog');
  page.on('dialog', (d) => { if (d.type() === 'beforeunload') prompted = true; d.accept(); });
  await page.reload();
  await page.locator('article.article mark').first().waitFor();
  assert.ok(prompted, 'beforeunload prompt while saving fails');
  assert.deepEqual(Object.values(await highlightMap(page)), ['Antony Blinken']);
  assert.deepEqual(problems.filter((p) => !p.startsWith('dialog')), []);
  await page.context().close();
});

test('two tabs: edits show up in the other tab; a stale tab never overwrites newer work', async () => {
  const context = await browser.newContext();
  const a = await openApp(browser, server.url, { context });
  const b = await openApp(browser, server.url, { context });
  await annotate(a.page, 'Kyiv', { note: 'from tab A' });
  await waitSaved(a.page);
  await b.page.locator('article.article mark').first().waitFor();
  await b.page.locator('.notice', { hasText: 'another tab' }).waitFor();
  assert.deepEqual(Object.values(await highlightMap(b.page)), ['Kyiv']);
  await annotate(b.page, 'Lviv');
  await waitSaved(b.page);
  await a.page.locator('article.article mark', { hasText: 'Lviv' }).waitFor();

  // Stale write (checklist 20): storage moves ahead without telling tab A.
  const key = await docKey(a.page);
  const ahead = await a.page.evaluate((key) => {
    const r = JSON.parse(localStorage.getItem(key));
    r.rev += 2;
    r.annotations = r.annotations.slice(0, 1);
    localStorage.setItem(key, JSON.stringify(r)); // no storage event in this tab
    return localStorage.getItem(key);
  }, key);
  await annotate(a.page, 'Poland');
  await a.page.locator('[data-banner="conflict"]').waitFor();
  assert.equal(await storageValue(a.page, key), ahead, 'storage stays at the newer revision');
  // The user chooses: keep mine overwrites on top of the newer revision.
  await a.page.getByRole('button', { name: 'Keep mine' }).click();
  await waitSaved(a.page);
  const stored = JSON.parse(await storageValue(a.page, key));
  assert.equal(stored.rev, JSON.parse(ahead).rev + 1);
  assert.equal(stored.annotations.length, 3);

  // Unsaved edit + another tab's newer revision at the same moment: ask.
  await a.page.evaluate((key) => {
    const r = JSON.parse(localStorage.getItem(key));
    const ta = document.querySelector('.annotation-list li.expanded textarea');
    ta.value = 'typing here';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true }));
    r.rev += 1;
    r.annotations = [];
    const raw = JSON.stringify(r);
    localStorage.setItem(key, raw);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: raw, storageArea: localStorage }));
  }, key);
  await a.page.locator('[data-banner="conflict"]').waitFor();
  assert.equal(await a.page.locator('article.article mark').count() > 0, true, 'my work is still shown');
  await a.page.getByRole('button', { name: 'Load their version' }).click();
  await a.page.locator('article.article mark').first().waitFor({ state: 'detached' });
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);

  // Another tab clears storage: this tab does not silently re-save.
  await annotate(b.page, 'Moscow');
  await waitSaved(b.page);
  await a.page.evaluate(() => { localStorage.clear(); window.dispatchEvent(new StorageEvent('storage', { key: null })); });
  await a.page.locator('[data-banner="cleared"]').waitFor();
  assert.equal(await storageValue(a.page, key), null);
  await a.page.getByRole('button', { name: 'Save it again' }).click();
  await waitSaved(a.page);
  assert.notEqual(await storageValue(a.page, key), null);
  await context.close();
});

test('a passage the reader is selecting stays selected when another tab annotates its paragraph', async () => {
  // Another tab's annotation rebuilds the paragraph's element here; the
  // reader's selection in it had collapsed with the old element.
  const context = await browser.newContext();
  const a = await openApp(browser, server.url, { context });
  const b = await openApp(browser, server.url, { context });
  await selectText(a.page, 'temporarily relocating');
  const backward = await a.page.evaluate(() => {
    // Extended leftwards from its end, as shift+arrow keys would.
    const s = getSelection();
    const r = s.getRangeAt(0);
    s.setBaseAndExtent(r.endContainer, r.endOffset, r.startContainer, r.startOffset);
    return s.anchorOffset !== r.startOffset || s.anchorNode !== r.startContainer;
  });
  assert.ok(backward, 'the selection runs backwards');
  await annotate(b.page, 'western Ukraine', { note: 'from tab B' });
  await waitSaved(b.page);
  await a.page.locator('.notice', { hasText: 'another tab' }).waitFor();
  await a.page.locator('article.article mark[data-ids]', { hasText: 'western' }).waitFor();
  const kept = await a.page.evaluate(() => {
    const s = getSelection();
    return { text: s.toString(), backward: s.rangeCount > 0 && s.anchorNode === s.getRangeAt(0).endContainer && s.anchorOffset === s.getRangeAt(0).endOffset };
  });
  assert.deepEqual(kept, { text: 'temporarily relocating', backward: true });
  await a.page.locator('#annotate').waitFor();
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await context.close();
});

test('a page that crashes in the middle of its work leaves a whole record: the last saved or the newer one (checklist 16)', async () => {
  const context = await browser.newContext();
  const { page } = await openApp(browser, server.url, { context });
  await annotate(page, 'Kyiv', { note: 'first' });
  await waitSaved(page);
  const key = await docKey(page);
  const saved = await storageValue(page, key);
  // A second edit, then the renderer is killed at once: no pagehide flush,
  // no beforeunload, wherever the debounced save had got to.
  await annotate(page, 'Lviv', { note: 'second' });
  const cdp = await context.newCDPSession(page);
  cdp.send('Page.crash').catch(() => {}); // never answers: the page is gone
  await page.waitForEvent('crash');
  const { page: again, problems } = await openApp(browser, server.url, { context });
  const after = await storageValue(again, key);
  const record = JSON.parse(after); // a torn write would not parse
  const notes = record.annotations.map((a) => a.note);
  assert.ok(after === saved || record.rev > JSON.parse(saved).rev, 'the saved record, or a newer revision of it');
  assert.ok(notes.includes('first'), `the saved work is there: ${notes}`);
  console.log(`# crash mid-work (checklist 16): the ${after === saved ? 'last saved' : 'newer'} record survived, whole`);
  await again.locator('article.article mark[data-ids]', { hasText: 'Kyiv' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('reload right after an edit keeps the edit (flush on pagehide)', async () => {
  const { page, problems } = await openApp(browser, server.url);
  await annotate(page, 'Donbas region', { note: 'typed just before reload' });
  await page.reload();
  await page.locator('article.article mark').first().waitFor();
  await page.locator('.annotation-list li .item-note', { hasText: 'typed just before reload' }).waitFor();
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('200 edits are saved in a few writes, and the last one is kept (checklist 18)', async () => {
  const { page, problems } = await openApp(browser, server.url, {
    init: {
      fn: () => {
        // Count writes of document records.
        window.__docWrites = 0;
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (String(k).startsWith('marginalia:doc:')) window.__docWrites += 1;
          return set.call(this, k, v);
        };
      },
    },
  });
  await annotate(page, 'Antony Blinken');
  await waitSaved(page);
  const editor = page.locator('.annotation-list li.expanded textarea');
  const before = await page.evaluate(() => window.__docWrites);
  const started = Date.now();
  // 200 keystrokes, each a change of the note.
  await editor.pressSequentially('x'.repeat(200), { delay: 20 });
  const elapsed = Date.now() - started;
  await waitSaved(page);
  const writes = (await page.evaluate(() => window.__docWrites)) - before;
  // At most one write per 300 ms window while typing, plus the final flush.
  const bound = Math.ceil(elapsed / 300) + 2;
  console.log(`# ${200} edits in ${elapsed} ms -> ${writes} record writes (bound ${bound})`);
  assert.ok(writes >= 1 && writes <= bound, `${writes} writes for 200 edits in ${elapsed} ms`);
  const key = await docKey(page);
  const saved = JSON.parse(await storageValue(page, key));
  assert.equal(saved.annotations[0].note, 'x'.repeat(200));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('another tab running a newer version writes: this tab stops writing and says why (checklist 21)', async () => {
  const context = await browser.newContext();
  const a = await openApp(browser, server.url, { context });
  const b = await openApp(browser, server.url, { context });
  await annotate(a.page, 'Kyiv');
  await waitSaved(a.page);
  const key = await docKey(a.page);
  // Tab B stands in for a newer app: it writes the record with a newer
  // schema (tab A hears it through the storage event).
  const newer = await b.page.evaluate((key) => {
    const r = JSON.parse(localStorage.getItem(key));
    r.schema = 99;
    r.rev += 1;
    localStorage.setItem(key, JSON.stringify(r));
    return localStorage.getItem(key);
  }, key);
  await a.page.locator('[data-banner="readonly"]').waitFor();
  assert.equal(await a.page.locator('[data-save-state]').getAttribute('data-save-state'), 'readonly');
  // Tab A refuses further edits rather than overwrite the newer record.
  await selectText(a.page, 'Lviv');
  await a.page.keyboard.press('a');
  await a.page.locator('.notice-error', { hasText: 'Read-only' }).waitFor();
  await a.page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.equal(await storageValue(a.page, key), newer);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await context.close();
});
