// The sharing engine's loader (issue 22): the app adds this module script
// only when a reader shares or opens a share link (src/platform/share.rs),
// so the engine (marginalia-share.js + _bg.wasm, about 240 KB gzipped) is
// never part of the first download. It hands the engine's class to the app
// through `window.marginaliaShareEngine` and says so with an event.
import init, { ShareEngine } from './marginalia-share.js';

try {
  await init({ module_or_path: new URL('./marginalia-share_bg.wasm', import.meta.url) });
  window.marginaliaShareEngine = ShareEngine;
  window.dispatchEvent(new Event('marginalia-share-ready'));
} catch (err) {
  window.dispatchEvent(new CustomEvent('marginalia-share-failed', { detail: String(err) }));
}
