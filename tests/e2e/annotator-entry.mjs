// Bundled by interop.test.mjs with esbuild into a browser script: the
// independent client (Apache Annotator) that reads our W3C export.
export { createTextQuoteSelectorMatcher, createTextPositionSelectorMatcher, highlightText } from '@apache-annotator/dom';
