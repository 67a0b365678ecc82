// The extension's storage for the wasm (issue 21): `chrome.storage.local`
// made to look synchronous. The frame and the Library call
// `await loadMarginaliaStorage()` before the wasm starts; the wasm's
// `platform::storage::LocalStorage` then finds
// `globalThis.__marginaliaExtensionStorage` and uses it instead of the
// page's `localStorage`:
//
//   data            every key's value (strings), read whole once and kept
//                   current when another tab or the Library changes one
//   write(k, v)     sets data[k] at once and writes it through
//   remove(k)       deletes data[k] at once and removes it
//   error           why the last write the browser refused failed (the wasm
//                   reports it with its next write and clears it)
//
// `unlimitedStorage` lifts chrome.storage.local's 10 MB quota, so a long
// article's record fits; a refusal (a full disk) still reaches the reader.

/** Loads the extension's storage into the global the wasm reads. */
export async function loadMarginaliaStorage() {
  const data = await chrome.storage.local.get(null);
  for (const [k, v] of Object.entries(data)) if (typeof v !== 'string') delete data[k];
  // Writes of this page not yet settled, by key: a change reported for
  // such a key is this page's own (or older than its latest), never read
  // back over the newer value in `data`.
  const pending = new Map();
  const track = (key, write) => {
    pending.set(key, (pending.get(key) ?? 0) + 1);
    write
      .catch((e) => { store.error = failure(e); })
      .finally(() => { const n = pending.get(key) - 1; if (n > 0) pending.set(key, n); else pending.delete(key); });
  };
  const store = {
    data,
    error: null,
    write(key, value) {
      data[key] = value;
      track(key, chrome.storage.local.set({ [key]: value }));
    },
    remove(key) {
      delete data[key];
      track(key, chrome.storage.local.remove(key));
    },
  };
  // Another tab's frame or the Library saved: read its value, so this
  // page never writes back an older copy over it.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    for (const [k, { newValue }] of Object.entries(changes)) {
      if (pending.has(k)) continue;
      if (typeof newValue === 'string') data[k] = newValue;
      else delete data[k];
    }
  });
  globalThis.__marginaliaExtensionStorage = store;
  return store;
}

function failure(e) {
  return `The browser refused to save Marginalia's notes (${e?.message ?? e}). Free some disk space, then change a note to save again.`;
}
