// Profiles typing in a note of a heavy document (400,000 characters of
// real news, PolNeAR's train articles from ../shared/corpus, with 5,000
// annotations; generated text, said so, without the corpus): Chrome's
// sampling profiler over three rounds of 17 keys, the busy time per key of
// each round and the self time by function over all of them. Build with the wasm's names first, into
// another folder (docs/build-size.md, "One copy of the sort"):
//
//   sed 's#data-bin="marginalia-app" data-cargo-profile-release="web" data-wasm-opt="z"#data-bin="marginalia-app" data-cargo-profile-release="web" data-wasm-opt="0" data-keep-debug#' \
//     index.html > index-prof.html
//   trunk build --release --offline --dist /tmp/dist-prof index-prof.html && rm index-prof.html
//   node scripts/profile-keys.mjs /tmp/dist-prof
import { startServer, launch, openApp, waitSaved } from '../tests/e2e/harness.mjs';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const POLNEAR = `${process.env.MARGINALIA_CORPUS ?? '../shared/corpus'}/polnear/train.jsonl`;
const REAL = existsSync(POLNEAR);
const WORDS = ['council', 'harbour', 'minister', 'report', 'market', 'village', 'river', 'station', 'budget', 'school', 'court', 'season'];

/** About `chars` characters of paragraphs under `title`: real news, or generated words. */
function article(title, chars) {
  const paras = [];
  let total = title.length;
  const lines = REAL ? readFileSync(POLNEAR, 'utf8').split('\n').filter((l) => l.trim()) : [];
  const real = lines.flatMap((l) => JSON.parse(l).text.split(/\n+/).map((x) => x.trim()).filter(Boolean));
  for (let n = 0; total < chars && (!REAL || n < real.length); n++) {
    const p = REAL ? real[n] : `Paragraph ${n}: ${Array.from({ length: 30 }, (_, k) => WORDS[(n * 7 + k * 5) % WORDS.length] + (k % 6 === 0 ? ` ${n}-${k}` : '')).join(' ')}.`;
    paras.push(p);
    total += p.length + 1;
  }
  return `${title}\n${paras.join('\n')}`.normalize('NFC');
}

const title = 'Heavy annotated story';
const text = article(title, 400_000);
const source = createHash('sha256').update(text).digest('hex').slice(0, 32);
// Offsets are code points; a regex match's index counts UTF-16 units.
const points = (u) => [...text.slice(0, u)].length;
const annotations = [];
const re = REAL ? /\b[A-Z][a-z]{3,}\b/g : /\b(council|harbour|minister|report|market|village)\b/g;
for (let m; (m = re.exec(text)) && annotations.length < 5000;) {
  if (annotations.length && m.index - annotations.at(-1).unit < 20) continue;
  const start = points(m.index);
  annotations.push({ unit: m.index, id: `h-${annotations.length}`, label: 'l1', note: `note ${annotations.length}`, created: 1, updated: 1,
    target: { source, start, end: start + m[0].length, exact: m[0], prefix: '', suffix: '' } });
}
annotations.forEach((a) => delete a.unit);
const file = { format: 'marginalia', formatVersion: 1, offsets: 'codepoint', document: { title, text }, labels: [{ id: 'l1', name: 'Note', color: '#ffd54f' }], annotations };
console.log(`${REAL ? 'real news text (PolNeAR train)' : `generated text: ${POLNEAR} not found`}, ${text.length} characters, ${annotations.length} annotations`);

const server = await startServer(process.argv[2]);
const browser = await launch();
const { page, context } = await openApp(browser, server.url);
await page.locator('#import-input').setInputFiles({ name: 'heavy.marginalia.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
await page.locator('#import-merge').click();
await page.locator('h1.article-title', { hasText: title }).waitFor();
await waitSaved(page);
await page.reload();
await page.locator('.insight-time', { hasText: /^analysed / }).waitFor();
await page.locator('article.article[data-waiting="0"][data-complete="true"]').waitFor();
await page.locator('.annotation-list li .item-head').first().click();
await page.locator('.annotation-list li.expanded textarea').focus();
for (const k of 'warmup') await page.keyboard.press(k);
await page.waitForTimeout(500);

const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
const self = new Map();
const perKey = [];
const KEYS = 'checkthisclaimnow';
for (let round = 0; round < 3; round++) {
  await cdp.send('Profiler.start');
  for (const k of KEYS) { await page.keyboard.press(k); await page.waitForTimeout(30); }
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
    if (name === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    self.set(name, (self.get(name) ?? 0) + us);
    busy += us;
  });
  perKey.push(busy / 1000 / KEYS.length);
}
const keys = 3 * KEYS.length;
console.log(`busy per key: ${perKey.map((ms) => ms.toFixed(1)).join(', ')} ms over three rounds of ${KEYS.length} keys`);
console.log('self time per key (ms), over all rounds:');
for (const [name, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((us / 1000 / keys).toFixed(2).padStart(7), name.slice(0, 140));
await browser.close();
await server.close();
