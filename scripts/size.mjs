// Prints the size of the release build in dist/: raw and gzipped, per file
// and in total (the figure the README reports).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
let raw = 0, gz = 0;
const rows = [];
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += z;
  rows.push(`${name.padEnd(48)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  gzip ${(z / 1024).toFixed(1).padStart(7)} KB`);
}
console.log(rows.join('\n'));
console.log(`${'total'.padEnd(48)} ${(raw / 1024).toFixed(1).padStart(8)} KB  gzip ${(gz / 1024).toFixed(1).padStart(7)} KB`);
