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

  /** `{ message, texts }`: the snapshot (JSON text) and the page's text nodes in its order. */
  globalThis.marginaliaSnapshot = function marginaliaSnapshot(doc = document) {
    const nodes = [];
    const texts = [];
    const stack = kept(doc, false).reverse().map((n) => [n, false]);
    while (stack.length) {
      const [node, inBody] = stack.pop();
      if (node.nodeType === Node.ELEMENT_NODE) {
        const isHidden = hidden(node, inBody);
        const kids = kept(node, isHidden);
        nodes.push([1, node.localName, attrsOf(node, isHidden), kids.length]);
        const below = inBody || node.localName === 'body';
        for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], below]);
      } else {
        nodes.push([3, node.data]);
        texts.push(node);
      }
    }
    return { message: JSON.stringify({ v: VERSION, nodes }), texts };
  };
})();
