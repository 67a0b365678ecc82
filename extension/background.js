// The extension's service worker (issue 21): the toolbar button and its
// shortcut (Alt+Shift+M, `_execute_action`) turn Marginalia on or off in the
// current tab; the button's menu opens the Library. It holds no state and
// no notes: the frame on the page and the Library read the extension's
// storage themselves.
//
// Permissions (README, "Browser extension"): `activeTab` + `scripting` put
// the content script into the tab the reader clicked in, and only that tab;
// `storage` + `unlimitedStorage` keep the notes (with each article's text)
// in the extension's own storage; `contextMenus` adds "Open the Library"
// to the button's menu. No host permission: nothing runs on a page the
// reader did not turn Marginalia on for.

const LIBRARY_MENU = 'marginalia-library';

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: LIBRARY_MENU, title: 'Open the Marginalia library', contexts: ['action'] });
});

chrome.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === LIBRARY_MENU) chrome.tabs.create({ url: chrome.runtime.getURL('library.html') });
});

/**
 * Turns Marginalia on or off in `tab`. The first time in a document it
 * injects the content script, which turns itself on; later it finds it
 * there (it is injected once per document) and toggles it.
 */
async function toggle(tab) {
  if (tab.id === undefined) return;
  try {
    const [{ result: present }] = await chrome.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => typeof globalThis.marginaliaToggle === 'function',
    });
    if (present) {
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => globalThis.marginaliaToggle() });
    } else {
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['snapshot.js', 'content.js'] });
    }
    chrome.action.setBadgeText({ tabId: tab.id, text: '' });
  } catch (e) {
    // chrome:// pages, the Web Store and PDF viewers refuse scripts: say so
    // on the button instead of failing silently.
    chrome.action.setBadgeText({ tabId: tab.id, text: '!' });
    chrome.action.setTitle({ tabId: tab.id, title: `Marginalia cannot run on this page (${e?.message ?? e}).` });
  }
}

chrome.action.onClicked.addListener(toggle);
// The end-to-end test cannot click the toolbar: it calls this in the
// service worker (tests/e2e/extension.test.mjs).
globalThis.marginaliaToggleTab = toggle;
