// The extension's frame (issue 21): the Marginalia panel for one reader's
// page, run as an extension page inside the content script's closed shadow
// root. The wasm runs here, under the extension's policy (a page's CSP
// cannot stop it) and with the extension's storage (the page cannot read
// it). src/widget/frame.rs is the widget's side; crates/core/src/store/
// relay.rs is the protocol.
//
// The content script that made this frame opens a port named after the
// nonce in this frame's address; no other port is answered: a page script
// cannot open one at all, and another tab's content script does not know
// the nonce.

import init, { mount_frame } from './marginalia-widget.js';
import { loadMarginaliaStorage } from './storage.js';

const VERSION = 1;
const nonce = location.hash.slice(1);
const storage = loadMarginaliaStorage();
const wasm = init({ module_or_path: new URL('./marginalia-widget_bg.wasm', import.meta.url) });

chrome.runtime.onConnect.addListener((port) => {
  if (!nonce || port.name !== `marginalia:${nonce}` || port.sender?.id !== chrome.runtime.id || port.sender?.frameId !== 0) return;
  let frame = null;
  let queued = [];
  const post = (json) => port.postMessage(JSON.parse(json));
  const fail = (why) => {
    document.body.replaceChildren(Object.assign(document.createElement('p'), { className: 'notice error mgl-fail', textContent: why }));
  };
  port.onMessage.addListener(async (msg) => {
    if (msg?.type === 'reread') return remountWhenIdle(msg);
    if (msg?.type !== 'open') {
      if (frame) report(frame.receive(JSON.stringify(msg)));
      else if (queued) queued.push(msg);
      return;
    }
    if (msg.v !== VERSION) return fail('This tab still runs another version of Marginalia. Reload the page, then turn Marginalia on again.');
    try {
      await Promise.all([storage, wasm]);
      frame = mount_frame(msg.snapshot, msg.url, post);
      for (const m of queued) report(frame.receive(JSON.stringify(m)));
      queued = null;
    } catch (e) {
      fail(`Marginalia could not read this page: ${e?.message ?? e}`);
    }
  });
  // The page changed: the widget opens again on the new reading (its notes
  // re-anchor as after a publisher's edit); never under the reader's
  // typing: a note being written is finished first (saving is per change).
  let latest = null;
  let waiting = false;
  const remountWhenIdle = (msg) => {
    latest = msg;
    if (!frame || waiting) return;
    if (document.activeElement?.matches?.('textarea, input, select')) {
      waiting = true;
      document.activeElement.addEventListener('blur', () => { waiting = false; remountWhenIdle(latest); }, { once: true });
      return;
    }
    try {
      frame.destroy(); frame.free();
      frame = mount_frame(latest.snapshot, latest.url, post);
    } catch (e) {
      frame = null;
      fail(`Marginalia could not read this page again: ${e?.message ?? e}`);
    }
  };
  port.onDisconnect.addListener(() => {
    if (frame) { frame.destroy(); frame.free(); frame = null; }
  });
  watchFold(port);
});

/** A refused message is a bug between two parts of one extension: log it. */
function report(why) {
  if (why) console.warn(why);
}

// The panel folds into a tab (src/widget/panel.rs): tell the content script,
// which then makes this frame as small as the tab, so the page is usable.
function watchFold(port) {
  let folded = null;
  const check = () => {
    const tab = document.querySelector('.mgl-tab');
    if ((tab !== null) === folded) return;
    folded = tab !== null;
    const { width, height } = tab?.getBoundingClientRect() ?? {};
    try { port.postMessage({ v: VERSION, type: 'fold', folded, width, height }); } catch { /* the page has gone */ }
  };
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
}
