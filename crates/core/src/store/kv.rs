//! The key-value storage interface the persistence logic is written
//! against. The browser's `localStorage` implements it in
//! `platform::storage`; [`MemoryStore`] implements it for tests, with a
//! simulated quota, failure switches and sharing between "tabs".

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why a storage operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// Storage cannot be used at all (blocked site data, private mode, or
    /// the `localStorage` getter throws).
    Unavailable(String),
    /// The write does not fit in the quota; the old value is intact.
    QuotaExceeded,
    /// Anything else the browser reported.
    Other(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "browser storage is unavailable ({why})"),
            StorageError::QuotaExceeded => write!(f, "browser storage is full"),
            StorageError::Other(why) => write!(f, "browser storage failed ({why})"),
        }
    }
}

/// String keys to string values, as `localStorage`.
pub trait KeyValue {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`; on error the previous value is intact.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (no error if absent).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    /// All keys.
    fn keys(&self) -> Result<Vec<String>, StorageError>;

    /// The value's first `units` UTF-16 units (all of it when shorter). A
    /// store that can slice without handing over the whole value overrides
    /// this: `localStorage` slices in the browser, so reading a record's
    /// header does not copy its megabyte of text into the wasm heap.
    fn head(&self, key: &str, units: usize) -> Result<Option<String>, StorageError> {
        Ok(self.get(key)?.map(|v| String::from_utf16_lossy(&v.encode_utf16().take(units).collect::<Vec<_>>())))
    }

    /// The value's last `units` UTF-16 units (all of it when shorter).
    fn tail(&self, key: &str, units: usize) -> Result<Option<String>, StorageError> {
        Ok(self.get(key)?.map(|v| {
            let all: Vec<u16> = v.encode_utf16().collect();
            String::from_utf16_lossy(&all[all.len().saturating_sub(units)..])
        }))
    }

    /// The value's size in UTF-16 units (what the quota counts), if any.
    fn size(&self, key: &str) -> Result<Option<usize>, StorageError> {
        Ok(self.get(key)?.map(|v| utf16_units(&v)))
    }

    /// Stores `value` and reads it back: `Ok(false)` when what the store
    /// holds afterwards is not `value` (a silent failure, excalidraw#8395).
    fn set_verified(&self, key: &str, value: &str) -> Result<bool, StorageError> {
        self.set(key, value)?;
        Ok(self.get(key)?.as_deref() == Some(value))
    }
}

/// Storage size of a string the way browsers count it: UTF-16 code units
/// (Chromium's 10 MiB quota is 2 bytes per unit).
pub fn utf16_units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Chromium's localStorage quota in UTF-16 units (10 MiB at 2 bytes each);
/// Firefox allows half of it. Used for the near-full warning.
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

#[derive(Debug, Default)]
struct MemoryInner {
    map: BTreeMap<String, String>,
    quota: Option<usize>,
    unavailable: bool,
    set_fails: bool,
    writes: usize,
}

/// An in-memory [`KeyValue`] for tests. Clones share the same storage, like
/// two tabs of one origin.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore(Rc<RefCell<MemoryInner>>);

impl MemoryStore {
    /// Empty storage without a quota.
    pub fn new() -> Self {
        Self::default()
    }
    /// Limits the total size (keys plus values, UTF-16 units).
    pub fn with_quota(units: usize) -> Self {
        let s = Self::default();
        s.0.borrow_mut().quota = Some(units);
        s
    }
    /// Makes every operation fail as when `localStorage` throws.
    pub fn set_unavailable(&self, on: bool) {
        self.0.borrow_mut().unavailable = on;
    }
    /// Makes every `set` fail (old Safari private mode).
    pub fn set_writes_fail(&self, on: bool) {
        self.0.borrow_mut().set_fails = on;
    }
    /// How many successful writes happened.
    pub fn writes(&self) -> usize {
        self.0.borrow().writes
    }
    /// Current size in UTF-16 units.
    pub fn used(&self) -> usize {
        self.0.borrow().map.iter().map(|(k, v)| utf16_units(k) + utf16_units(v)).sum()
    }
    /// A raw write that bypasses quota and failure switches (test setup).
    pub fn put_raw(&self, key: &str, value: &str) {
        self.0.borrow_mut().map.insert(key.to_string(), value.to_string());
    }
    /// A raw read (test assertions).
    pub fn raw(&self, key: &str) -> Option<String> {
        self.0.borrow().map.get(key).cloned()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let inner = self.0.borrow();
        if inner.unavailable {
            return Err(StorageError::Unavailable("SecurityError: access is denied".into()));
        }
        Ok(inner.map.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut inner = self.0.borrow_mut();
        if inner.unavailable {
            return Err(StorageError::Unavailable("SecurityError: access is denied".into()));
        }
        if inner.set_fails {
            return Err(StorageError::QuotaExceeded);
        }
        if let Some(quota) = inner.quota {
            let old = inner.map.get(key).map_or(0, |v| utf16_units(key) + utf16_units(v));
            let used: usize = inner.map.iter().map(|(k, v)| utf16_units(k) + utf16_units(v)).sum();
            if used - old + utf16_units(key) + utf16_units(value) > quota {
                return Err(StorageError::QuotaExceeded);
            }
        }
        inner.map.insert(key.to_string(), value.to_string());
        inner.writes += 1;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        let mut inner = self.0.borrow_mut();
        if inner.unavailable {
            return Err(StorageError::Unavailable("SecurityError: access is denied".into()));
        }
        inner.map.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let inner = self.0.borrow();
        if inner.unavailable {
            return Err(StorageError::Unavailable("SecurityError: access is denied".into()));
        }
        Ok(inner.map.keys().cloned().collect())
    }
}
