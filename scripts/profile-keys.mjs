// Profiles typing in a note of a heavy document (400,000 characters of
// generated text, 5,000 annotations): Chrome's sampling profiler over 17
// keys, self time by function. Build with the wasm's names first, into
// another folder (README "Quality and speed"):
//
//   sed 's#data-bin="marginalia-app" data-cargo-profile-release="web" data-wasm-opt="z"#data-bin="marginalia-app" data-cargo-profile-release="web" data-wasm-opt="0" data-keep-debug#' \
//     index.html > index-prof.html
//   trunk build --release --offline --dist /tmp/dist-prof index-prof.html && rm index-prof.html
//   node scripts/profile-keys.mjs /tmp/dist-prof
import { startServer, launch, openApp, waitSaved } from '../tests/e2e/harness.mjs';
import { createHash } from 'node:crypto';
const WORDS = ['council', 'harbour', 'minister', 'report', 'market', 'village', 'river', 'station', 'budget', 'school', 'court', 'season'];
function article(title, chars) {
  const paras = []; let n = 0; let total = title.length;
  while (total < chars) { const words = []; for (let k = 0; k < 30; k++) words.push(WORDS[(n * 7 + k * 5) % WORDS.length] + (k % 6 === 0 ? ` ${n}-${k}` : '')); const p = `Paragraph ${n}: ${words.join(' ')}.`; paras.push(p); total += p.length + 1; n++; }
  return `${title}\n${paras.join('\n')}`;
}
const title = 'Heavy annotated story';
const text = article(title, 400_000).normalize('NFC');
const source = createHash('sha256').update(text).digest('hex').slice(0, 32);
const annotations = []; const re = /\b(council|harbour|minister|report|market|village)\b/g; let m;
while ((m = re.exec(text)) && annotations.length < 5000) { const start = m.index; if (annotations.length && start - annotations[annotations.length - 1].target.end < 20) continue;
  annotations.push({ id: `h-${annotations.length}`, label: 'l1', note: `note ${annotations.length}`, created: 1, updated: 1, target: { source, start, end: start + m[0].length, exact: m[0], prefix: '', suffix: '' } }); }
const file = { format: 'marginalia', formatVersion: 1, offsets: 'codepoint', document: { title, text }, labels: [{ id: 'l1', name: 'Note', color: '#ffd54f' }], annotations };
const server = await startServer(process.argv[2]); const browser = await launch();
const { page, context } = await openApp(browser, server.url);
await page.locator('#import-input').setInputFiles({ name: 'heavy.marginalia.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
await page.locator('#import-merge').click();
await page.locator('h1.article-title', { hasText: title }).waitFor();
await waitSaved(page);
await page.reload();
await page.locator('.insight-time', { hasText: /^analysed / }).waitFor();
await page.locator('article.article[data-waiting="0"][data-complete="true"]').waitFor();
await page.locator('.annotation-list li .item-head').first().click();
const editor = page.locator('.annotation-list li.expanded textarea');
await editor.focus();
for (const k of 'warmup') await page.keyboard.press(k);
await page.waitForTimeout(500);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 }); await cdp.send('Profiler.start');
for (const k of 'checkthisclaimnow') { await page.keyboard.press(k); await page.waitForTimeout(30); }
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map(); const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`; if (k === '(idle)') return; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; });
console.log('busy ms over 17 keys', (total / 1000).toFixed(1));
for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((v / 1000).toFixed(2).padStart(8), k.slice(0, 140));
await browser.close(); await server.close();
