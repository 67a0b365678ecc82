//! `localStorage` as a [`KeyValue`] store, probed safely.
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

/// The browser's `localStorage`.
#[derive(Clone, Debug)]
pub struct LocalStorage(web_sys::Storage);

impl LocalStorage {
    /// Gets `localStorage`, or why it cannot be used.
    pub fn open() -> Result<LocalStorage, StorageError> {
        let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(s)) => Ok(LocalStorage(s)),
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
    fn call(&self, method: &str, args: &[&JsValue]) -> Result<JsValue, StorageError> {
        let f: Function = Reflect::get(&self.0, &JsValue::from_str(method)).map_err(|e| classify(&e))?.unchecked_into();
        let result = match args {
            [a] => f.call1(&self.0, a),
            [a, b] => f.call2(&self.0, a, b),
            _ => f.call0(&self.0),
        };
        result.map_err(|e| classify(&e))
    }

    /// The value under `key` as a JavaScript string, not copied out.
    fn get_js(&self, key: &str) -> Result<Option<JsString>, StorageError> {
        Ok(self.call("getItem", &[&JsValue::from_str(key)])?.dyn_into::<JsString>().ok())
    }
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get_item(key).map_err(|e| classify(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set_item(key, value).map_err(|e| classify(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove_item(key).map_err(|e| classify(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let n = self.0.length().map_err(|e| classify(&e))?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = self.0.key(i).map_err(|e| classify(&e))? {
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
        // One conversion of the value, compared in the browser (`===`).
        let (key, value) = (JsValue::from_str(key), JsValue::from_str(value));
        self.call("setItem", &[&key, &value])?;
        Ok(self.call("getItem", &[&key])? == value)
    }
}
