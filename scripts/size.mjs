// Prints the size of the release build in dist/: raw and gzipped, per file,
// and the totals the README reports (issue 20's bars are on the first two):
//   - the app's first screen: its page, script, style sheet and the page's
//     wasm (UI and store; no analysis), bar 450 KB gzipped;
//   - the app with everything it loads on its own: the first screen and the
//     analysis worker (its script, glue and the engine's wasm), bar 750 KB;
//   - the embedded widget's (the embed script, its glue and wasm; README
//     "Embedding"), which starts the same worker;
//   - the sharing engine's (loaded only when a reader shares; README
//     "Sharing with a team");
//   - the formats module's (article extraction, Markdown, imports and
//     exports: loaded when a reader first opens a file, pastes, imports
//     or exports; README "Build size");
//   - and the browser extension's zip when it is built.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const totals = { app: [0, 0], worker: [0, 0], widget: [0, 0], share: [0, 0], formats: [0, 0] };
const kb = (n) => (n / 1024).toFixed(1);
const rows = [];
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const z = gzipSync(bytes, { level: 9 }).length;
  const part = /^marginalia-(embed|widget)/.test(name) ? 'widget'
    : /^(marginalia-share|share-loader)/.test(name) ? 'share'
    : /^(marginalia-formats|formats-loader)/.test(name) ? 'formats'
    : /^(marginalia-analysis|analysis-worker)/.test(name) ? 'worker' : 'app';
  totals[part][0] += bytes.length; totals[part][1] += z;
  rows.push(`${name.padEnd(48)} ${kb(bytes.length).padStart(8)} KB  gzip ${kb(z).padStart(7)} KB  (${part})`);
}
console.log(rows.join('\n'));
const sum = (...parts) => parts.reduce(([r, z], p) => [r + totals[p][0], z + totals[p][1]], [0, 0]);
for (const [label, [raw, gz]] of [
  ['first screen (app: HTML, JS, CSS, page wasm)', sum('app')],
  ['analysis worker (script, glue, engine wasm)', sum('worker')],
  ['total (app and its worker)', sum('app', 'worker')],
  ['total (embedded widget, without the worker)', sum('widget')],
  ['sharing engine (loaded when sharing)', sum('share')],
  ['formats module (loaded on open/paste/import/export)', sum('formats')],
]) {
  console.log(`${label.padEnd(48)} ${kb(raw).padStart(8)} KB  gzip ${kb(gz).padStart(7)} KB`);
}
// The browser extension's package (scripts/build-extension.sh), when built:
// already compressed, so its size is what a store downloads.
try {
  const zip = readFileSync(join(dir, 'marginalia-extension.zip'));
  console.log(`${'browser extension (marginalia-extension.zip)'.padEnd(48)} ${kb(zip.length).padStart(8)} KB  (zipped)`);
} catch { /* not built */ }
