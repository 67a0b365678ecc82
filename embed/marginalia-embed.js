// Marginalia's embed script: annotate an article on the page it is
// published on (README, "Embedding").
//
//   <script type="module" src="marginalia-embed.js"></script>
//   <marginalia-annotator for="story"></marginalia-annotator>
//
// or, from a script: const handle = Marginalia.mount(element, options).
//
// This file only wires the page to the widget built from Rust
// (src/widget/mod.rs, loaded from marginalia-widget.js next to this file):
// it defines the one element and the one global, `Marginalia`, and turns
// the widget's changes into DOM events. Everything else — reading the
// article, painting highlights, the panel in its shadow root, saving —
// is the widget's.

import init, { mount as mountWidget } from './marginalia-widget.js';

let loading = null;
/** Loads and compiles the widget once per page, whoever asks first. */
function load() {
  loading ??= init({ module_or_path: new URL('./marginalia-widget_bg.wasm', import.meta.url) });
  return loading;
}

const EVENTS = ['annotationcreated', 'annotationchanged', 'annotationdeleted'];

/**
 * A mounted widget. Events: `annotationcreated`, `annotationchanged`,
 * `annotationdeleted` (`event.detail`: id, label, note, exact, start, end).
 * `ready` resolves once the panel shows; `export()` and `import()` need it.
 */
class MarginaliaHandle extends EventTarget {
  #widget = null;
  #destroyed = false;
  #host;
  #ownsHost;

  constructor(article, options = {}, host = null) {
    super();
    if (!(article instanceof Element)) throw new TypeError('Marginalia.mount needs the article element');
    this.#ownsHost = !host;
    this.#host = host ?? document.createElement('div');
    if (this.#ownsHost) document.body.append(this.#host);
    this.ready = load().then(() => new Promise((resolve) => {
      if (this.#destroyed) return resolve(this);
      const emit = (type, detail) => {
        if (type === 'ready') resolve(this);
        else this.dispatchEvent(new CustomEvent(type, { detail: JSON.parse(detail) }));
      };
      // The analysis worker's script lives beside this one (the widget
      // starts it; on another origin than the page, through a blob: module).
      const withWorker = { analysisWorker: new URL('./analysis-worker.js', import.meta.url).href, ...(options ?? {}) };
      this.#widget = mountWidget(article, this.#host, JSON.stringify(withWorker), emit);
    }));
  }

  #live() {
    if (!this.#widget) throw new Error(this.#destroyed ? 'This Marginalia widget was destroyed.' : 'Marginalia is still starting: await handle.ready first.');
    return this.#widget;
  }

  /** The annotations as 'marginalia' (default), 'w3c' or 'jsonl' text. */
  export(format = 'marginalia') { return this.#live().export(format); }

  /** Adds annotations from a Marginalia or W3C file (text or object); returns how many were read. */
  import(json) { return this.#live().import(typeof json === 'string' ? json : JSON.stringify(json)); }

  /** The article text as the widget reads it (annotation offsets count in it). */
  text() { return this.#live().text(); }

  /** Removes the panel, the highlights and their styles: the page is as it was. */
  destroy() {
    this.#destroyed = true;
    if (this.#widget) { this.#widget.destroy(); this.#widget.free(); this.#widget = null; }
    if (this.#ownsHost) this.#host.remove();
  }
}

/** Options from the element's attributes. */
function optionsOf(el) {
  const labels = el.getAttribute('labels');
  return {
    labels: labels ? labels.split(',').map((s) => s.trim()).filter(Boolean) : [],
    storageKey: el.getAttribute('storage-key') || undefined,
    hideFound: el.hasAttribute('hide-found'),
    readOnly: el.hasAttribute('read-only'),
    collapsed: el.hasAttribute('collapsed'),
  };
}

/**
 * `<marginalia-annotator for="article-id">`: annotates that element. Without
 * `for`, inside an `<article>`: that article. Otherwise the widget finds the
 * article in the page itself (the core's article extraction, issue 19).
 */
class MarginaliaAnnotator extends HTMLElement {
  connectedCallback() {
    const id = this.getAttribute('for');
    const inside = id ? null : this.closest('article');
    const article = id ? document.getElementById(id) : inside ?? document.body;
    if (!article) {
      console.error(`<marginalia-annotator>: no element with id "${id}" to annotate`);
      return;
    }
    const options = optionsOf(this);
    if (!id && !inside) options.findArticle = true;
    this.handle = new MarginaliaHandle(article, options, this);
    for (const type of EVENTS) {
      this.handle.addEventListener(type, (e) => this.dispatchEvent(new CustomEvent(type, { detail: e.detail, bubbles: true, composed: true })));
    }
  }

  disconnectedCallback() {
    this.handle?.destroy();
    this.handle = null;
  }
}

if (!customElements.get('marginalia-annotator')) customElements.define('marginalia-annotator', MarginaliaAnnotator);

globalThis.Marginalia ??= Object.freeze({
  /** Mounts a widget on `article`; see MarginaliaHandle. */
  mount: (article, options) => new MarginaliaHandle(article, options),
  /** Starts loading the widget before the first mount. */
  preload: load,
});
