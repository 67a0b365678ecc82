// The formats module's loader (issue 20): the app adds this module script
// when a reader first opens a file, pastes, imports or exports
// (src/platform/formats.rs), so article extraction, Markdown and the file
// formats (marginalia-formats.js + _bg.wasm) are not part of the first
// download. It hands the module's functions to the app through
// `window.marginaliaFormats` and says so with an event.
import init, * as formats from './marginalia-formats.js';

try {
  await init({ module_or_path: new URL('./marginalia-formats_bg.wasm', import.meta.url) });
  window.marginaliaFormats = {
    ingestText: formats.ingestText,
    describeText: formats.describeText,
    ingestFile: formats.ingestFile,
    exportFile: formats.exportFile,
    parseImport: formats.parseImport,
  };
  window.dispatchEvent(new Event('marginalia-formats-ready'));
} catch (err) {
  window.dispatchEvent(new CustomEvent('marginalia-formats-failed', { detail: String(err) }));
}
