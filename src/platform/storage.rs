//! `localStorage` as a [`KeyValue`] store, probed safely.
//!
//! Reading `window.localStorage` itself throws when site data is blocked
//! (gloo-storage's `LocalStorage::raw()` then panics), `setItem` throws
//! `QuotaExceededError` when full (Firefox: `NS_ERROR_DOM_QUOTA_REACHED`),
//! and old Safari private mode throws on every write. Every such case
//! becomes a [`StorageError`] value here.

use wasm_bindgen::JsCast;

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
pub fn classify(e: &wasm_bindgen::JsValue) -> StorageError {
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
}
