//! `localStorage` as a [`KeyValue`] store, probed safely — or, in the
//! browser extension, the extension's own storage (`chrome.storage.local`)
//! in the same shape ([`LocalStorage::open`] says which).
//!
//! Reading `window.localStorage` itself throws when site data is blocked
//! (gloo-storage's `LocalStorage::raw()` then panics), `setItem` throws
//! `QuotaExceededError` when full (Firefox: `NS_ERROR_DOM_QUOTA_REACHED`),
//! and old Safari private mode throws on every write. Every such case
//! becomes a [`StorageError`] value here.

use js_sys::{Function, JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::file::describe_js_error;
use crate::store::kv::{KeyValue, StorageError};

/// The browser's `localStorage`, or the extension's storage.
#[derive(Clone, Debug)]
pub struct LocalStorage(Backend);

#[derive(Clone, Debug)]
enum Backend {
    Local(web_sys::Storage),
    Extension(Mirror),
}

/// The global the extension's pages set before the wasm starts
/// (`extension/storage.js`): `{data, write(key, value), remove(key), error}`.
const EXTENSION_STORE: &str = "__marginaliaExtensionStorage";

/// The extension's storage as a synchronous store: `chrome.storage.local`
/// is asynchronous, so `extension/storage.js` reads it whole before the
/// wasm starts into the global's `data` (and keeps `data` current when
/// another tab or the Library changes it), and every change here is
/// written through `write` / `remove`, which update `data` at once. A write
/// the browser refused later sets `error`, which the next write reports, so
/// the reader hears of it (the store saves again on the next change).
///
/// Why not the frame's own `localStorage`: the frame runs inside other
/// sites' pages, where Chromium partitions an iframe's storage by the top
/// site, so the Library page would never see it; and it keeps notes out of
/// anything a site can reach.
#[derive(Clone, Debug)]
struct Mirror {
    global: JsValue,
}

impl Mirror {
    /// The extension's store, when this page is one of the extension's.
    fn open() -> Option<Mirror> {
        let global = Reflect::get(&js_sys::global(), &JsValue::from_str(EXTENSION_STORE)).ok().filter(JsValue::is_object)?;
        Reflect::get(&global, &JsValue::from_str("data")).ok().filter(JsValue::is_object)?;
        Some(Mirror { global })
    }

    /// The current content (`storage.js` may replace the object).
    fn data(&self) -> Result<js_sys::Object, StorageError> {
        let data = Reflect::get(&self.global, &JsValue::from_str("data")).map_err(|e| classify(&e))?;
        data.dyn_into::<js_sys::Object>().map_err(|_| StorageError::Unavailable("the extension's storage was not loaded".into()))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(js_sys::Object::keys(&self.data()?).iter().filter_map(|k| k.as_string()).collect())
    }

    /// Calls the global's `method(args…)`, then reports (and clears) an
    /// earlier write's failure.
    fn call(&self, method: &str, args: &[&JsValue]) -> Result<(), StorageError> {
        let key = JsValue::from_str("error");
        let earlier = Reflect::get(&self.global, &key).ok().and_then(|e| e.as_string());
        let f: Function = Reflect::get(&self.global, &JsValue::from_str(method)).map_err(|e| classify(&e))?.unchecked_into();
        let result = match args {
            [a, b] => f.call2(&self.global, a, b),
            [a] => f.call1(&self.global, a),
            _ => f.call0(&self.global),
        };
        result.map_err(|e| classify(&e))?;
        match earlier {
            Some(why) => {
                Reflect::set(&self.global, &key, &JsValue::NULL).ok();
                Err(StorageError::Other(why))
            }
            None => Ok(()),
        }
    }
}

impl LocalStorage {
    /// Gets `localStorage` (in the extension: the extension's storage), or
    /// why it cannot be used.
    pub fn open() -> Result<LocalStorage, StorageError> {
        if let Some(m) = Mirror::open() {
            return Ok(LocalStorage(Backend::Extension(m)));
        }
        let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(s)) => Ok(LocalStorage(Backend::Local(s))),
            Ok(None) => Err(StorageError::Unavailable("this browser has no localStorage".into())),
            Err(e) => Err(StorageError::Unavailable(describe_js_error(&e))),
        }
    }
}

/// Classifies a thrown storage error.
pub fn classify(e: &JsValue) -> StorageError {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        let name = ex.name();
        // 22: QUOTA_EXCEEDED_ERR (Chromium, WebKit); 1014: Firefox.
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || ex.code() == 22 || ex.code() == 1014 {
            return StorageError::QuotaExceeded;
        }
        if name == "SecurityError" || name == "InvalidAccessError" {
            return StorageError::Unavailable(format!("{name}: {}", ex.message()));
        }
    }
    StorageError::Other(describe_js_error(e))
}

impl LocalStorage {
    /// `localStorage[method](args…)` with JavaScript values in and out, so
    /// a large value is never converted to a Rust string on the way.
    fn call(ls: &web_sys::Storage, method: &str, args: &[&JsValue]) -> Result<JsValue, StorageError> {
        let f: Function = Reflect::get(ls, &JsValue::from_str(method)).map_err(|e| classify(&e))?.unchecked_into();
        let result = match args {
            [a] => f.call1(ls, a),
            [a, b] => f.call2(ls, a, b),
            _ => f.call0(ls),
        };
        result.map_err(|e| classify(&e))
    }

    /// The value under `key` as a JavaScript string, not copied out.
    fn get_js(&self, key: &str) -> Result<Option<JsString>, StorageError> {
        let value = match &self.0 {
            Backend::Local(ls) => Self::call(ls, "getItem", &[&JsValue::from_str(key)])?,
            Backend::Extension(m) => Reflect::get(&m.data()?.into(), &JsValue::from_str(key)).map_err(|e| classify(&e))?,
        };
        Ok(value.dyn_into::<JsString>().ok())
    }
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        match &self.0 {
            Backend::Local(ls) => ls.get_item(key).map_err(|e| classify(&e)),
            Backend::Extension(_) => Ok(self.get_js(key)?.map(String::from)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        match &self.0 {
            Backend::Local(ls) => ls.set_item(key, value).map_err(|e| classify(&e)),
            Backend::Extension(m) => m.call("write", &[&JsValue::from_str(key), &JsValue::from_str(value)]),
        }
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        match &self.0 {
            Backend::Local(ls) => ls.remove_item(key).map_err(|e| classify(&e)),
            Backend::Extension(m) => m.call("remove", &[&JsValue::from_str(key)]),
        }
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let ls = match &self.0 {
            Backend::Local(ls) => ls,
            Backend::Extension(m) => return m.keys(),
        };
        let n = ls.length().map_err(|e| classify(&e))?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = ls.key(i).map_err(|e| classify(&e))? {
                keys.push(k);
            }
        }
        Ok(keys)
    }

    // The browser slices and measures: only the part asked for crosses into
    // the wasm heap (a record holds the whole article; a save read it three
    // times over before, issue 10, item 5).
    fn head(&self, key: &str, units: usize) -> Result<Option<String>, StorageError> {
        Ok(self.get_js(key)?.map(|v| String::from(v.slice(0, units as u32))))
    }

    fn tail(&self, key: &str, units: usize) -> Result<Option<String>, StorageError> {
        Ok(self.get_js(key)?.map(|v| {
            let len = v.length();
            String::from(v.slice(len.saturating_sub(units as u32), len))
        }))
    }

    fn size(&self, key: &str) -> Result<Option<usize>, StorageError> {
        Ok(self.get_js(key)?.map(|v| v.length() as usize))
    }

    fn set_verified(&self, key: &str, value: &str) -> Result<bool, StorageError> {
        let Backend::Local(ls) = &self.0 else {
            self.set(key, value)?;
            return Ok(true);
        };
        // One conversion of the value, compared in the browser (`===`).
        let (key, value) = (JsValue::from_str(key), JsValue::from_str(value));
        Self::call(ls, "setItem", &[&key, &value])?;
        Ok(Self::call(ls, "getItem", &[&key])? == value)
    }
}
