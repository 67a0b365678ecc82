// The extension's content script (issue 21), injected by background.js into
// the tab the reader turned Marginalia on in, after snapshot.js. It runs in
// the extension's isolated world: the page's scripts see none of its
// variables, and it keeps nothing of the reader's in the page.
//
// It is deliberately small. It reads the page once (snapshot.js), opens the
// panel — an extension page (frame.html) in a closed shadow root, where the
// wasm runs under the extension's own policy and storage — and then only
// relays: the reader's selection and the Annotate control go to the frame,
// highlights and "scroll here" come back (crates/core/src/store/relay.rs
// is the protocol; every message is `{v: 1, type, …}`). It never adds,
// removes or changes a node of the page: highlights are CSS Custom
// Highlights, the panel lives in one element appended to <html>.
(() => {
  if (typeof globalThis.marginaliaToggle === 'function') return;
  const VERSION = 1;
  /** The panel's width in CSS pixels (the frame's, while open). */
  const PANEL_WIDTH = 400;
  /** How far above the selection the Annotate control sits, in CSS pixels. */
  const POP_OFFSET = 40;
  /** How long the article must stay unchanged before it is read again
   * (a live blog adds an entry in several mutations; one reading, not ten). */
  const REREAD_AFTER_MS = 800;

  let session = null;
  globalThis.marginaliaToggle = () => {
    if (session) { session.stop(); session = null; } else session = start();
  };

  /**
   * Turns Marginalia on for this page: returns what turns it off. The
   * panel's frame starts loading at once while the page is read in slices
   * (snapshot.js); the frame is sent the snapshot when both are ready.
   */
  function start() {
    const nonce = crypto.randomUUID();
    const page = { texts: [], ordinals: new Map(), ready: false };
    const ui = mountUi(nonce);
    const painted = new Painted();
    const link = { port: null, stopped: false, lastSelection: 'null' };
    const reading = globalThis.marginaliaSnapshotInSlices(document).then(({ message, texts }) => {
      Object.assign(page, { texts, ordinals: new Map(texts.map((node, i) => [node, i])), ready: true });
      return message;
    });

    const send = (msg) => { try { link.port?.postMessage({ v: VERSION, ...msg }); } catch { /* the frame has gone */ } };
    const selected = () => {
      const range = currentRange();
      return { range, point: range && page.ready ? pagePoints(range, page.texts, page.ordinals) : null };
    };
    const follow = () => {
      const { range, point } = selected();
      const rect = point && range.getBoundingClientRect();
      ui.showPop(rect);
      const selection = JSON.stringify(point ?? null);
      if (selection === link.lastSelection && !point) return;
      link.lastSelection = selection;
      send({ type: 'selection', range: point ?? null, rect: rect ? plainRect(rect) : null });
    };
    const onChange = throttled(follow);
    // The selection travels with the request (its own report may still be
    // on its way); the panel then opens the new note's editor.
    ui.onAnnotate = () => {
      const { point } = selected();
      if (!point) return;
      send({ type: 'annotate', range: point });
      document.getSelection()?.removeAllRanges();
      ui.frame.focus();
    };
    // The article changes under the reader (a live blog's new entry, an
    // edit): read the page again and let the frame re-anchor on it. Until
    // the frame has opened on the new reading (its `article` message says
    // so), the old list of text nodes stays — the frame's ranges count in
    // it — and nothing can be annotated: a selection in the changed page
    // must never be measured against the old reading.
    const reread = debounced(REREAD_AFTER_MS, async () => {
      if (link.stopped) return;
      painted.clear();
      Object.assign(page, { ready: false, article: null });
      const { message, texts } = await globalThis.marginaliaSnapshotInSlices(document);
      page.pending = texts;
      send({ type: 'reread', url: pageUrl(), snapshot: message });
    });
    const watch = new MutationObserver((list) => { if (list.some((m) => touchesArticle(m, page, ui.host))) reread(); });
    ui.frame.addEventListener('load', async () => {
      const message = await reading;
      if (link.stopped) return;
      connect(nonce, link, message, { page, ui, painted, follow });
      watch.observe(document, { subtree: true, childList: true, characterData: true });
    }, { once: true });

    // The panel's hint says "press A": on the page too, while something is
    // selected and no field has the keyboard.
    const onKey = (e) => {
      if (e.key !== 'a' || e.ctrlKey || e.metaKey || e.altKey || e.repeat || !currentRange() || editable(e.target)) return;
      e.preventDefault();
      ui.onAnnotate();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('selectionchange', onChange);
    window.addEventListener('scroll', onChange, { capture: true, passive: true });
    window.addEventListener('resize', onChange, { passive: true });
    return {
      stop() {
        link.stopped = true;
        watch.disconnect();
        document.removeEventListener('keydown', onKey, true);
        document.removeEventListener('selectionchange', onChange);
        window.removeEventListener('scroll', onChange, { capture: true });
        window.removeEventListener('resize', onChange);
        try { link.port?.disconnect(); } catch { /* already gone */ }
        painted.clear();
        ui.remove();
      },
    };
  }

  /** Opens the port to the frame, sends it the page, and acts on what it says. */
  function connect(nonce, link, message, { page, ui, painted, follow }) {
    const port = chrome.runtime.connect({ name: `marginalia:${nonce}` });
    link.port = port;
    port.onMessage.addListener((msg) => {
      if (msg?.v !== VERSION) return;
      if (msg.type === 'paint') painted.paint(msg.css, msg.layers, page.texts);
      else if (msg.type === 'reveal') reveal(page.texts[msg.at?.t]);
      else if (msg.type === 'fold') ui.fold(msg.folded, msg.width, msg.height);
      else if (msg.type === 'article') opened(page, msg);
    });
    port.onDisconnect.addListener(() => { painted.clear(); link.port = null; });
    port.postMessage({ v: VERSION, type: 'open', url: pageUrl(), snapshot: message });
    follow();
  }

  /** The frame opened on a reading (the first or a new one): its text nodes are the ones ranges count in now. */
  function opened(page, msg) {
    if (page.pending) {
      Object.assign(page, { texts: page.pending, ordinals: new Map(page.pending.map((node, i) => [node, i])), pending: null, ready: true });
    }
    page.article = { first: msg.first, last: msg.last };
  }

  /** The reader's selection, when it selects something. */
  function currentRange() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    return sel.getRangeAt(0);
  }

  /** A DOM range as a page range `{start: {t, u}, end: {t, u}}`, or null. */
  function pagePoints(range, texts, ordinals) {
    const start = pagePoint(range.startContainer, range.startOffset, texts, ordinals);
    const end = pagePoint(range.endContainer, range.endOffset, texts, ordinals);
    return start && end ? { start, end } : null;
  }

  /**
   * A DOM boundary point as `{t, u}`: in a text node of the snapshot, that
   * node and offset; anywhere else (between elements, in a node the page
   * added later) the start of the first snapshot text node after it.
   */
  function pagePoint(node, offset, texts, ordinals) {
    const t = ordinals.get(node);
    if (t !== undefined) return { t, u: offset };
    const at = document.createRange();
    try { at.setStart(node, offset); } catch { return null; }
    let lo = 0;
    let hi = texts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      let after;
      try { after = at.comparePoint(texts[mid], 0) >= 0; } catch { after = false; }
      if (after) hi = mid; else lo = mid + 1;
    }
    return { t: lo, u: 0 };
  }

  /** Whether typing in `el` is the page's own (a field, an editor). */
  function editable(el) {
    return el instanceof Element && (el.isContentEditable || /^(input|textarea|select)$/.test(el.localName));
  }

  function plainRect(r) {
    return { left: r.left, top: r.top, width: r.width, height: r.height };
  }

  /**
   * Whether mutation `m` changed the article's text: a node between its
   * first and last text node (or holding them) gained or lost children or
   * changed its text. Not the panel's own element, not the rest of the
   * page (ads, clocks, comments), and nothing before the article is known.
   */
  function touchesArticle(m, page, host) {
    if (!page.article || m.target === host || host.contains(m.target)) return false;
    if (m.type === 'childList' && [...m.addedNodes, ...m.removedNodes].every((n) => n === host)) return false;
    const first = page.texts[page.article.first];
    const last = page.texts[page.article.last];
    if (!first?.isConnected || !last?.isConnected) return true;
    const node = m.target;
    const afterFirst = node === first || node.contains(first) || (first.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
    const beforeLast = node === last || node.contains(last) || (last.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING);
    return Boolean(afterFirst && beforeLast);
  }

  /** Calls `f` once things have been quiet for `ms`. */
  function debounced(ms, f) {
    let timer = 0;
    return () => { clearTimeout(timer); timer = setTimeout(f, ms); };
  }

  /** Calls `f` at most once a frame. */
  function throttled(f) {
    let queued = false;
    return () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; f(); });
    };
  }

  function reveal(node) {
    const el = node?.parentElement;
    if (!el) return;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  }

  /** The page's canonical address (the notes' key), else its own. */
  function pageUrl() {
    const href = document.querySelector("link[rel~='canonical']")?.getAttribute('href');
    if (href) {
      try { return new URL(href, location.href).href; } catch { /* not an address */ }
    }
    return location.href;
  }

  /** The highlights this session painted, and their style sheet. */
  class Painted {
    #names = new Set();
    #sheet = null;

    paint(css, layers, texts) {
      if (typeof Highlight !== 'function' || !globalThis.CSS?.highlights) return;
      const names = new Set();
      for (const layer of layers ?? []) {
        const ranges = (layer.ranges ?? []).map((r) => staticRange(r, texts)).filter(Boolean);
        const h = new Highlight(...ranges);
        h.priority = layer.priority ?? 0;
        CSS.highlights.set(layer.name, h);
        names.add(layer.name);
      }
      for (const old of this.#names) if (!names.has(old)) CSS.highlights.delete(old);
      this.#names = names;
      this.#style(css ?? '');
    }

    #style(css) {
      if (!this.#sheet) {
        this.#sheet = new CSSStyleSheet();
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#sheet];
      }
      this.#sheet.replaceSync(css);
    }

    clear() {
      for (const name of this.#names) CSS.highlights?.delete(name);
      this.#names.clear();
      if (this.#sheet) {
        const sheet = this.#sheet;
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        this.#sheet = null;
      }
    }
  }

  /** A page range as a StaticRange over the snapshot's text nodes (cheap: nothing follows the DOM). */
  function staticRange(r, texts) {
    const a = texts[r?.start?.t];
    const b = texts[r?.end?.t];
    if (!a || !b || !a.isConnected || !b.isConnected) return null;
    return new StaticRange({
      startContainer: a, startOffset: Math.min(r.start.u, a.length),
      endContainer: b, endOffset: Math.min(r.end.u, b.length),
    });
  }

  /**
   * The panel and the Annotate control: one element appended to <html>
   * holding a closed shadow root, styled by a constructed sheet (a page's
   * style policy cannot block it, and its CSS cannot reach in).
   */
  function mountUi(nonce) {
    const host = document.createElement('marginalia-extension');
    const shadow = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(UI_CSS);
    shadow.adoptedStyleSheets = [sheet];
    const frame = document.createElement('iframe');
    frame.className = 'panel';
    frame.title = 'Marginalia';
    frame.src = `${chrome.runtime.getURL('frame.html')}#${nonce}`;
    const pop = document.createElement('button');
    pop.type = 'button';
    pop.className = 'pop';
    pop.textContent = 'Annotate';
    pop.title = 'Annotate the selected passage (Marginalia)';
    pop.hidden = true;
    shadow.append(frame, pop);
    document.documentElement.append(host);
    const ui = {
      host,
      frame,
      onAnnotate: () => {},
      showPop(rect) {
        pop.hidden = !rect;
        if (!rect) return;
        pop.style.left = `${Math.max(0, Math.min(rect.left, innerWidth - PANEL_WIDTH - 120))}px`;
        pop.style.top = `${Math.max(0, rect.top - POP_OFFSET)}px`;
      },
      fold(folded, width, height) {
        frame.classList.toggle('folded', !!folded);
        frame.style.width = folded && width ? `${Math.ceil(width)}px` : '';
        frame.style.height = folded && height ? `${Math.ceil(height)}px` : '';
      },
      remove() { host.remove(); },
    };
    // Keep the page's selection: a mousedown on the button would clear it.
    pop.addEventListener('mousedown', (e) => e.preventDefault());
    pop.addEventListener('click', () => ui.onAnnotate());
    return ui;
  }

  const UI_CSS = `
    :host { all: initial !important; }
    .panel {
      position: fixed; top: 0; right: 0; z-index: 2147483646;
      width: ${PANEL_WIDTH}px; max-width: 100vw; height: 100vh; border: 0; margin: 0;
      background: transparent; color-scheme: normal;
      box-shadow: -2px 0 12px rgb(0 0 0 / 0.18);
    }
    .panel.folded { top: 1rem; box-shadow: none; }
    .pop {
      position: fixed; z-index: 2147483647; font: 600 14px/1.2 system-ui, sans-serif;
      padding: 0.45rem 0.8rem; border-radius: 6px; border: 1px solid #1d4ed8;
      background: #1d4ed8; color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
    }
    .pop:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
    .pop[hidden] { display: none; }
  `;

  // Injected means turned on (background.js injects on the first click).
  globalThis.marginaliaToggle();
})();
