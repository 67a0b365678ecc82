// Issue 10: the class of bug in item 1 (work lost when actions come fast),
// hunted with seeded random sequences of user actions — annotate, edit a
// note, delete, undo, open another article, import, reload — with random
// short pauses between them (the pauses are the point: they land actions
// inside and outside the save delay). A plain model says what each
// article's annotations must be; after a final reload, storage and the
// screen must hold exactly that.
//
// Seeds: E2E_SEEDS="1,2,3" (default below); a failure prints its seed and
// the actions so far, so it can be replayed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, launch, openApp, annotate, waitSaved, pasteArticle as paste, savedRecords } from './harness.mjs';

const SEEDS = (process.env.E2E_SEEDS ?? '11,29').split(',').map(Number);
const STEPS = Number(process.env.E2E_STEPS ?? 22);
/** Longest pause between two actions: past the 300 ms save delay. */
const MAX_PAUSE_MS = 420;

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** mulberry32: a small seeded generator. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Articles the sequence moves between, each with words that occur once. */
const PASTED = {
  A: { text: 'Harbour vote story\nThe council in Bergen approved the harbour plan after Maria Lind spoke against delays. Fishermen in Tromso welcomed it.', words: ['Bergen', 'harbour', 'Lind', 'delays', 'Fishermen', 'Tromso'] },
  B: { text: 'Rail strike story\nDrivers in Leeds walked out on Friday while managers in York stayed. Passengers crowded the Manchester platforms.', words: ['Leeds', 'Friday', 'managers', 'York', 'Passengers', 'Manchester'] },
};
const IMPORTED = { title: 'Imported mine story', text: 'Imported mine story\nMiners near Kiruna found ore under the lake, the company said.', word: 'Kiruna', note: 'from file' };

/** Every saved record with annotations, sorted: { title: [[quote, note], ...] }
 *  (an article whose annotations were all deleted may keep an empty record). */
async function nonEmptyRecords(page) {
  const out = {};
  for (const [title, anns] of Object.entries(await savedRecords(page))) if (anns.length) out[title] = anns.sort();
  return out;
}

/** The model: per article title, its annotations; one undo stack for the open article. */
class Model {
  constructor() { this.docs = {}; this.open = null; this.past = []; this.lastEdit = null; }
  current() { return (this.docs[this.open] ??= []); }
  opened(title) { this.open = title; this.current(); this.past = []; this.lastEdit = null; }
  /** One undo step; `edited` names the annotation whose note changed. */
  change(fn, edited = null) { this.past.push(structuredClone(this.current())); fn(this.current()); this.lastEdit = edited; }
  undo() { const prev = this.past.pop(); if (prev) this.docs[this.open] = prev; this.lastEdit = null; }
  expected() {
    const out = {};
    for (const [title, anns] of Object.entries(this.docs)) if (anns.length) out[title] = anns.map((a) => [a.quote, a.note]).sort();
    return out;
  }
}

async function importFile(page) {
  const { title, text, word, note } = IMPORTED;
  const source = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const start = text.indexOf(word);
  const file = {
    format: 'marginalia', formatVersion: 1, offsets: 'codepoint', document: { title, text },
    labels: [{ id: 'l1', name: 'Note', color: '#ffd54f' }],
    annotations: [{ id: 'imp-1', label: 'l1', note, created: 1, updated: 1, target: { source, start, end: start + word.length, exact: word, prefix: '', suffix: '' } }],
  };
  await page.locator('#import-input').setInputFiles({ name: 'mine.marginalia.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('#import-merge').click();
  await page.locator('h1.article-title', { hasText: title }).waitFor();
  await page.locator('.notice', { hasText: '1 imported' }).waitFor();
}

/** Expands the `k`th annotation of the list (by position) and returns it. */
async function expand(page, k) {
  const item = page.locator('.annotation-list li').nth(k);
  if (!(await item.evaluate((el) => el.classList.contains('expanded')))) await item.locator('.item-head').click();
  await item.locator('textarea').waitFor();
  return item;
}

/** The actions, each `(page, model, r) => description | null` (null: not possible now). */
function actions(sampleWords) {
  const free = (model) => {
    const words = model.open in PASTED_BY_TITLE ? PASTED_BY_TITLE[model.open].words : model.open === IMPORTED.title ? ['Miners', 'lake'] : sampleWords;
    return words.filter((w) => !model.current().some((a) => a.quote === w));
  };
  return [
    [30, async (page, model, r) => {
      const words = free(model);
      if (!words.length) return null;
      const w = words[Math.floor(r() * words.length)];
      await annotate(page, w);
      model.change((anns) => anns.push({ quote: w, note: '' }));
      return `annotate ${w}`;
    }],
    [18, async (page, model, r) => {
      const anns = model.current();
      if (!anns.length) return null;
      // Positions in the list follow the text; the model's order is by creation.
      const k = Math.floor(r() * anns.length);
      const item = await expand(page, k);
      const quote = (await item.locator('.item-quote').innerText()).trim();
      // Consecutive edits of one note within 1.5 s are one undo step in
      // the app; the model does not time them, so it does not make them.
      if (model.lastEdit === quote) return null;
      const note = `note ${Math.floor(r() * 1000)}`;
      await item.locator('textarea').fill(note);
      model.change((list) => { list.find((a) => a.quote === quote).note = note; }, quote);
      return `edit ${quote} -> ${note}`;
    }],
    [10, async (page, model, r) => {
      const anns = model.current();
      if (!anns.length) return null;
      const item = await expand(page, Math.floor(r() * anns.length));
      const quote = (await item.locator('.item-quote').innerText()).trim();
      const before = await page.locator('.annotation-list li').count();
      await item.getByRole('button', { name: 'Delete' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('.annotation-list li').length === n, before - 1);
      model.change((list) => list.splice(list.findIndex((a) => a.quote === quote), 1));
      return `delete ${quote}`;
    }],
    [14, async (page, model) => {
      await page.evaluate(() => document.activeElement?.blur());
      const expected = model.past.length ? model.past[model.past.length - 1].length : model.current().length;
      await page.keyboard.press('Control+z');
      await page.waitForFunction((n) => document.querySelectorAll('.annotation-list li').length === n, expected);
      model.undo();
      return 'undo';
    }],
    [18, async (page, model, r) => {
      const choices = ['sample', 'A', 'B'].filter((c) => (c === 'sample' ? model.sampleTitle : PASTED[c].text.split('\n')[0]) !== model.open);
      const c = choices[Math.floor(r() * choices.length)];
      if (c === 'sample') {
        await page.getByRole('button', { name: 'Sample' }).click();
        await page.locator('h1.article-title', { hasText: model.sampleTitle }).waitFor();
        model.opened(model.sampleTitle);
      } else {
        await paste(page, PASTED[c].text);
        model.opened(PASTED[c].text.split('\n')[0]);
      }
      return `open ${c}`;
    }],
    [5, async (page, model) => {
      if (model.imported) return null;
      await importFile(page);
      model.imported = true;
      model.opened(IMPORTED.title);
      model.docs[IMPORTED.title] = [{ quote: IMPORTED.word, note: IMPORTED.note }];
      return 'import';
    }],
    [5, async (page, model) => {
      await page.reload();
      await page.locator('article.article h1.article-title').waitFor();
      model.opened(model.open); // the history does not survive a reload
      return 'reload';
    }],
  ];
}

const PASTED_BY_TITLE = Object.fromEntries(Object.values(PASTED).map((p) => [p.text.split('\n')[0], p]));

function pick(list, r) {
  const total = list.reduce((s, [w]) => s + w, 0);
  let x = r() * total;
  for (const [w, fn] of list) { if ((x -= w) < 0) return fn; }
  return list[list.length - 1][1];
}

for (const seed of SEEDS) {
  test(`random user actions, seed ${seed}: storage and screen match the model after a reload`, async () => {
    const r = rng(seed);
    const { page, context, problems } = await openApp(browser, server.url);
    const model = new Model();
    model.sampleTitle = await page.locator('h1.article-title').innerText();
    model.opened(model.sampleTitle);
    const sampleWords = ['Kyiv', 'Blinken', 'Embassy', 'Belarus'];
    const list = actions(sampleWords);
    const log = [];
    try {
      while (log.length < STEPS) {
        const done = await pick(list, r)(page, model, r);
        if (!done) continue;
        log.push(done);
        await page.waitForTimeout(Math.floor(r() * MAX_PAUSE_MS));
      }
      await page.reload();
      await page.locator('article.article h1.article-title').waitFor();
      await waitSaved(page);
      assert.deepEqual(await nonEmptyRecords(page), model.expected(), 'storage');
      const shown = await page.locator('.annotation-list li .item-quote').allInnerTexts();
      const want = (model.docs[model.open] ?? []).map((a) => a.quote).sort();
      assert.deepEqual(shown.map((q) => q.trim()).sort(), want, 'annotations listed for the open article');
      assert.equal(await page.locator('article.article mark.hl').count() >= want.length, true, 'highlights shown');
      assert.deepEqual(problems, []);
    } catch (e) {
      e.message = `seed ${seed}, after: ${log.join('; ')}\n${e.message}`;
      throw e;
    } finally {
      await context.close();
    }
  });
}
