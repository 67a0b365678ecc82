// The app's Content Security Policy, in one place.
//
// Run as Trunk's post-build hook (Trunk.toml), it writes the policy into the
// built index.html as a <meta http-equiv> tag, with the SHA-256 of each inline
// script Trunk generated (the loader that imports the wasm-bindgen glue), so
// no 'unsafe-inline' is needed for scripts. The end-to-end server imports
// `policy()` to send the same policy as a header, plus what only a header can
// carry (frame-ancestors).
//
// What the app needs and why:
// - script-src 'self' + the loader's hash; 'wasm-unsafe-eval' to compile the
//   WebAssembly (nothing else is evaluated);
// - style-src 'self' for the stylesheet; style-src-attr 'unsafe-inline'
//   because label colours and the Annotate control's position are style
//   attributes (styles cannot run script);
// - img-src data: for the inline favicon; connect-src 'self' for the wasm
//   fetch (and trunk serve's live-reload socket on the same origin), and
//   ws: wss: for the sharing server the reader names in the Share dialog or
//   that a share link names (issue 22): any host, because it is theirs to
//   choose; nothing is sent there unless they share;
// - worker-src 'self': the analysis worker, from the app's own origin;
// - everything else 'none': no frames, objects, forms, base URL.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** SHA-256 sources (`'sha256-…'`) of the inline scripts in `html`. */
export function inlineScriptHashes(html) {
  const out = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/.test(m[1])) continue;
    out.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return out;
}

/** The policy for a page whose inline scripts have `hashes`. */
export function policy(hashes, { header = false } = {}) {
  const directives = [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    // The analysis worker (static/analysis-worker.js), same origin only.
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  // Ignored (with a console warning) in a <meta> policy: header only.
  if (header) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/**
 * `trunk serve` fills two placeholders of its live-reload script per request,
 * which would change the script's hash after we computed it. The app is
 * always served from one origin (Trunk.toml [serve]), so they are fixed here
 * to what Trunk would put there: this page's host and the root path.
 */
function pinLiveReload(html) {
  return html.replace("'{{__TRUNK_ADDRESS__}}'", 'window.location.host').replace("'{{__TRUNK_WS_BASE__}}'", "'/'");
}

/** Adds the policy to the built `index.html` in `dir` (idempotent). */
export async function writeMeta(dir) {
  const file = join(dir, 'index.html');
  let html = pinLiveReload(await readFile(file, 'utf8'));
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inlineScriptHashes(html))}" />`;
  // Before any script, so it governs all of them.
  const at = html.search(/<meta charset[^>]*>/i);
  if (at < 0) throw new Error(`${file}: no <meta charset> to place the policy after`);
  const end = html.indexOf('>', at) + 1;
  html = `${html.slice(0, end)}\n    ${meta}${html.slice(end)}`;
  await writeFile(file, html);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
  if (!dir) {
    console.error('csp.mjs: set TRUNK_STAGING_DIR or pass the built directory');
    process.exit(2);
  }
  writeMeta(dir).catch((e) => {
    console.error(`csp.mjs: ${e.message}`);
    process.exit(1);
  });
}
