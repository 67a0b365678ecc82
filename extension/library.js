// The extension's Library (issue 21): the Marginalia app as an extension
// page, on the extension's storage, so it lists every page the reader
// annotated with the extension (Library tab, "Pages you annotated") beside
// the articles opened in it, and exports or imports them as the app does.
// The extension's policy allows no inline script: this file is the loader
// Trunk writes inline into the app's index.html.
import init from './marginalia-app.js';
import { loadMarginaliaStorage } from './storage.js';

await loadMarginaliaStorage();
await init({ module_or_path: new URL('./marginalia-app_bg.wasm', import.meta.url) });
