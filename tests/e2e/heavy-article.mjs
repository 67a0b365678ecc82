// The heavy articles of issue 20's benchmark, shared by
// tests/e2e/heavy.test.mjs (the figures), scripts/slices-profile.mjs
// (where a reload's time goes) and the compare scripts:
//   - real news text: PolNeAR's train articles from ../shared/corpus, one
//     after another, as a long feature or a live blog is;
//   - generated text (`council harbour minister …`), in which the analysis
//     finds almost nothing;
// and an import file of such a text with 5,000 annotations.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { waitSaved, waitKept, startServer, launch, openApp } from './harness.mjs';

export const CORPUS = process.env.MARGINALIA_CORPUS ?? '../shared/corpus';
export const POLNEAR = `${CORPUS}/polnear/train.jsonl`;
/** Whether the real-text rows can run (the corpus is next to the project). */
export const HAVE_REAL = existsSync(POLNEAR);

const WORDS = ['council', 'harbour', 'minister', 'report', 'market', 'village', 'river', 'station', 'budget', 'school', 'court', 'season'];

/** Real news text: PolNeAR train articles, paragraph by paragraph, until about `chars` characters. */
export function realArticle(title, chars) {
  const paras = [];
  let total = title.length;
  for (const line of readFileSync(POLNEAR, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    for (const p of JSON.parse(line).text.split(/\n+/).map((x) => x.trim()).filter(Boolean)) {
      if (total >= chars) return `${title}\n${paras.join('\n')}`;
      paras.push(p);
      total += p.length + 1;
    }
  }
  return `${title}\n${paras.join('\n')}`;
}

/** A deterministic generated article of about `chars` characters in paragraphs. */
export function generatedArticle(title, chars) {
  const paras = [];
  let n = 0;
  let total = title.length;
  while (total < chars) {
    const words = [];
    for (let k = 0; k < 30; k++) words.push(WORDS[(n * 7 + k * 5) % WORDS.length] + (k % 6 === 0 ? ` ${n}-${k}` : ''));
    const p = `Paragraph ${n}: ${words.join(' ')}.`;
    paras.push(p);
    total += p.length + 1;
    n++;
  }
  return `${title}\n${paras.join('\n')}`;
}

/**
 * An import file (our JSON) of `text` titled `title` with up to `count`
 * annotations, each on its own match of `re` at least 20 code points after
 * the previous one, so they spread over the whole text.
 */
export function annotatedFile(title, text, re, count = 5000) {
  const source = createHash('sha256').update(text).digest('hex').slice(0, 32);
  // Offsets are code points; `m.index` counts UTF-16 units.
  let unit = 0, point = 0;
  const toPoint = (u) => { for (; unit < u; point++) unit += text.codePointAt(unit) > 0xffff ? 2 : 1; return point; };
  const annotations = [];
  const matches = new RegExp(re);
  let m;
  while ((m = matches.exec(text)) && annotations.length < count) {
    const start = toPoint(m.index);
    if (annotations.length && start - annotations[annotations.length - 1].target.end < 20) continue;
    annotations.push({ id: `h-${annotations.length}`, label: 'l1', note: `note ${annotations.length}`, created: 1, updated: 1,
      target: { source, start, end: start + m[0].length, exact: m[0], prefix: '', suffix: '' } });
  }
  return { format: 'marginalia', formatVersion: 1, offsets: 'codepoint', document: { title, text },
    labels: [{ id: 'l1', name: 'Note', color: '#ffd54f' }], annotations };
}

/**
 * The heavy benchmark's real case as an import file: 400,000 characters of
 * real news (`realArticle`, canonical as the app keeps it) with 5,000
 * annotations on capitalised words, as tests/e2e/heavy.test.mjs builds it.
 */
export function heavyRealFile(title = 'Heavy annotated story') {
  return annotatedFile(title, realArticle(title, 400_000).normalize('NFC'), /\b[A-Z][a-z]{3,}\b/g);
}

/**
 * Imports `file` (an `annotatedFile`) into the app open in `page`, merged,
 * and waits until its title is shown, it is saved and the worker has kept
 * its analysis, so a reload measures the kept one. Returns the
 * milliseconds from the file picked to the title shown.
 */
export async function importHeavy(page, file) {
  const t0 = Date.now();
  await page.locator('#import-input').setInputFiles({ name: 'heavy.marginalia.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.locator('#import-merge').click();
  await page.locator('h1.article-title', { hasText: file.document.title }).waitFor();
  const shown = Date.now() - t0;
  await waitSaved(page);
  await waitKept(page);
  return shown;
}

/**
 * What a key press costs: `work`, the main thread's time from the key event
 * until its handlers, the reducer and the re-render are done (a zero-delay
 * timeout set on keydown runs after the input event and its microtasks),
 * and `frame`, from the event to the frame after it (which adds waiting
 * for the next vsync, up to 16.7 ms, and style, layout and paint).
 */
export async function keyCost(page, key) {
  await page.evaluate(() => {
    window.__keyCost = new Promise((ok) => {
      addEventListener('keydown', (e) => {
        const t0 = performance.now();
        let work;
        setTimeout(() => { work = performance.now() - t0; });
        requestAnimationFrame(() => setTimeout(() => ok({ work, frame: performance.now() - e.timeStamp })));
      }, { capture: true, once: true });
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => window.__keyCost);
}

/**
 * For the compare scripts: `rounds` rounds, each taking every build of
 * `builds` (dist folders) in turn, interleaved so the VM's noise falls on
 * all alike; per build a server, a fresh profile with `file` imported, then
 * `visit(page, build)`. Prints per build the median and range of each list
 * in `results.get(build)` (filled by `visit`) with `digits` decimals.
 */
export async function compareBuilds(builds, rounds, file, results, visit, digits = 0) {
  const browser = await launch();
  try {
    for (let r = 0; r < Number(rounds); r++) {
      for (const dist of builds) {
        const server = await startServer(dist);
        const { page, context } = await openApp(browser, server.url);
        try {
          await importHeavy(page, file);
          await visit(page, dist);
        } finally {
          await context.close();
          await server.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  for (const [dist, m] of results) {
    const fmt = (x) => x.toFixed(digits);
    console.log(`${dist}: ` + Object.entries(m).map(([k, xs]) => `${k} ${fmt(median(xs))} (${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`).join('  '));
  }
}
