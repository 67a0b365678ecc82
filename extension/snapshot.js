// The content script's reading of the live page (issue 21): one walk of the
// document into the snapshot message the extension's frame reads
// (crates/core/src/text/html/snapshot.rs documents the format), and the
// page's text nodes in the same order, which the content script keeps to
// paint highlights on. Nothing on the page is changed or kept beyond that
// list; only the attributes extraction reads are copied.
(() => {
  const VERSION = 1;
  // Must match KEPT_ATTRS in snapshot.rs.
  const KEPT = ['class', 'id', 'role', 'hidden', 'aria-hidden', 'style', 'href', 'rel', 'itemprop', 'property', 'name', 'content', 'type', 'lang'];
  // Elements whose content is never read as text (the reduction drops them):
  // their children are not sent, except the JSON-LD a script may hold.
  const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'select', 'textarea']);

  /** Whether an element in the body shows nothing (as the widget's host reading decides). */
  function hidden(el, inBody) {
    // Scripts and styles are display: none by nature; what they hold is
    // decided by OPAQUE (a JSON-LD block in the body is still read).
    if (!inBody || OPAQUE.has(el.localName)) return false;
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    return style?.display === 'none';
  }

  function attrsOf(el, isHidden) {
    let out = 0;
    for (const name of KEPT) {
      const v = el.getAttribute(name);
      if (v !== null) (out ||= {})[name] = v;
    }
    if (isHidden) (out ||= {}).hidden = '';
    return out;
  }

  /** The children of `node` the snapshot carries. */
  function kept(node, isHidden) {
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_NODE) return [];
    if (isHidden) return [];
    const name = node.localName;
    if (OPAQUE.has(name)) {
      const ldJson = name === 'script' && (node.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json';
      return ldJson ? [...node.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE) : [];
    }
    return [...node.childNodes].filter((c) => c.nodeType === Node.ELEMENT_NODE || c.nodeType === Node.TEXT_NODE || c.nodeType === Node.CDATA_SECTION_NODE);
  }

  // The limits of crates/core/src/text/html/snapshot.rs (MAX_NODES,
  // MAX_TEXT_BYTES): a page past either is not sent, only said to be too
  // large (text counted in UTF-16 units, at most the bytes of UTF-8).
  const MAX_NODES = 500_000;
  const MAX_TEXT = 5 * 1024 * 1024;

  /**
   * A walk of `doc` that can stop and resume: `step(deadline)` walks until
   * `performance.now()` passes `deadline` and returns whether it is done;
   * `result()` is `{ message, texts }`, the snapshot (JSON text) and the
   * page's text nodes in its order. Each node is written as JSON as it is
   * met, so no step holds the thread for the whole page.
   */
  function walker(doc) {
    const parts = [];
    const texts = [];
    const stack = kept(doc, false).reverse().map((n) => [n, false]);
    let textUnits = 0;
    let tooLarge = null;
    const step = (deadline) => {
      let k = 0;
      while (stack.length && !tooLarge) {
        // Reading the clock costs: look every 256 nodes.
        if ((++k & 255) === 0 && performance.now() > deadline) return false;
        const [node, inBody] = stack.pop();
        if (node.nodeType === Node.ELEMENT_NODE) {
          const isHidden = hidden(node, inBody);
          const kids = kept(node, isHidden);
          parts.push(JSON.stringify([1, node.localName, attrsOf(node, isHidden), kids.length]));
          const below = inBody || node.localName === 'body';
          for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], below]);
        } else {
          parts.push(JSON.stringify([3, node.data]));
          texts.push(node);
          textUnits += node.data.length;
        }
        if (parts.length > MAX_NODES) tooLarge = `more than ${MAX_NODES.toLocaleString('en')} nodes`;
        else if (textUnits > MAX_TEXT) tooLarge = `more than ${MAX_TEXT / 1024 / 1024} MB of text`;
      }
      return true;
    };
    const result = () => (tooLarge
      ? { message: JSON.stringify({ v: VERSION, nodes: [], tooLarge }), texts: [] }
      : { message: `{"v":${VERSION},"nodes":[${parts.join(',')}]}`, texts });
    return { step, result };
  }

  /** `{ message, texts }` in one go (the tests' reading of a saved page). */
  globalThis.marginaliaSnapshot = function marginaliaSnapshot(doc = document) {
    const w = walker(doc);
    w.step(Infinity);
    return w.result();
  };

  /**
   * `{ message, texts }` in slices of `budget` ms, the page's thread given
   * back between them (a long page never freezes it while it is read).
   */
  globalThis.marginaliaSnapshotInSlices = async function marginaliaSnapshotInSlices(doc = document, budget = 12) {
    const w = walker(doc);
    while (!w.step(performance.now() + budget)) await new Promise((ok) => setTimeout(ok, 0));
    return w.result();
  };
})();
