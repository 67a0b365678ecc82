//! What is saved in browser storage, and the rules for reading and writing
//! it safely. Pure logic over [`KeyValue`]; the browser shell supplies
//! `localStorage` and decides *when* to save (debounce, flush on hide).
//!
//! Layout (all keys start with `marginalia:`):
//!
//! | key | value |
//! |---|---|
//! | `marginalia:doc:<hash>` | one record per document: schema, revision, text, labels, annotations |
//! | `marginalia:index` | the library: title, date, annotation count per saved document |
//! | `marginalia:last` | hash of the last opened document |
//! | `marginalia:backup:<key>:<ms>` | verbatim copy of a record that could not be read |
//!
//! Guarantees (tldraw's bar): a record is written with one `setItem`, so a
//! crash leaves the old or the new value, never a mix; a write is read back
//! and compared; a record with a newer schema is never written; a record
//! that cannot be read is copied to a backup key and never overwritten
//! silently; a write whose base revision is not the stored one is refused
//! (a stale tab never overwrites newer work).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::kv::{utf16_units, KeyValue, StorageError};
use crate::model::wire::{decode_parts, Contents, Parts};
use crate::model::{DocData, Document, PageMeta, Timestamp};
use crate::text::DocHash;

/// The record schema this build reads and writes: 2 added `document.meta`
/// (a web page's metadata and readings, issue 19); 1 is read as 2 without.
pub const SCHEMA_VERSION: u32 = 2;
/// Namespace of every key.
pub const PREFIX: &str = "marginalia:";
/// The library index key.
pub const INDEX_KEY: &str = "marginalia:index";
/// The last-opened-document key.
pub const LAST_KEY: &str = "marginalia:last";
/// Prefix of backup copies.
pub const BACKUP_PREFIX: &str = "marginalia:backup:";
/// Key used to probe whether storage works.
pub const PROBE_KEY: &str = "marginalia:probe";
/// Prefix of document records.
pub const DOC_PREFIX: &str = "marginalia:doc:";

/// The key of `hash`'s record.
pub fn doc_key(hash: &DocHash) -> String {
    format!("{DOC_PREFIX}{hash}")
}

#[derive(Serialize)]
struct RecordOut<'a> {
    schema: u32,
    rev: u64,
    saved_at: Timestamp,
    #[serde(flatten)]
    contents: Contents<'a>,
}

/// Serialises a record.
pub fn encode_record(doc: &Document, data: &DocData, rev: u64, now: Timestamp) -> String {
    let out = RecordOut { schema: SCHEMA_VERSION, rev, saved_at: now, contents: Contents::of(doc, data) };
    serde_json::to_string(&out).unwrap_or_default()
}

/// A record read back.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedRecord {
    /// The document.
    pub document: Document,
    /// Its data (valid items; unreadable ones in `data.quarantine`).
    pub data: DocData,
    /// The stored revision.
    pub rev: u64,
    /// How many items this load had to quarantine.
    pub skipped: usize,
    /// When it was saved.
    pub saved_at: Timestamp,
}

/// Why a record could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not a record at all.
    Corrupt(String),
    /// Written by a newer version of the app.
    NewerSchema(u64),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::Corrupt(why) => write!(f, "saved data could not be read ({why})"),
            RecordError::NewerSchema(v) => write!(f, "saved by a newer version of Marginalia (schema {v}; this version reads {SCHEMA_VERSION})"),
        }
    }
}

/// Reads the `schema` and `rev` fields of a record.
fn header(v: &Value) -> Result<(u64, u64), RecordError> {
    let obj = v.as_object().ok_or_else(|| RecordError::Corrupt("not an object".into()))?;
    let schema = obj.get("schema").and_then(Value::as_u64).ok_or_else(|| RecordError::Corrupt("no schema version".into()))?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(RecordError::NewerSchema(schema));
    }
    let rev = obj.get("rev").and_then(Value::as_u64).unwrap_or(0);
    Ok((schema, rev))
}

/// Migrates a record of an older schema to the current one, in memory.
/// Schema 1 is the first; there is nothing older to migrate yet, so an
/// older number means the record is not ours.
fn migrate(schema: u64, v: Value) -> Result<Value, RecordError> {
    match schema {
        1 | 2 => Ok(v),
        other => Err(RecordError::Corrupt(format!("unknown schema version {other}"))),
    }
}

/// Decodes a stored record, item by item (see [`crate::model::wire`]).
pub fn decode_record(raw: &str) -> Result<LoadedRecord, RecordError> {
    let v: Value = serde_json::from_str(raw).map_err(|e| RecordError::Corrupt(e.to_string()))?;
    let (schema, rev) = header(&v)?;
    let v = migrate(schema, v)?;
    let doc = v.get("document").ok_or_else(|| RecordError::Corrupt("no document".into()))?;
    let text = doc.get("text").and_then(Value::as_str).ok_or_else(|| RecordError::Corrupt("no document text".into()))?;
    let title = doc.get("title").and_then(Value::as_str);
    // The text is re-hashed: if it was edited outside the app, it is a
    // different document and its annotations re-anchor. The app saved it
    // canonical, so it is not normalised again (`Document::stored`).
    let document = Document::stored(text.to_string(), title).with_page(PageMeta::from_json(doc.get("meta")));
    let decoded = decode_parts(Parts::of(&v));
    let saved_at = Timestamp(v.get("saved_at").and_then(Value::as_i64).unwrap_or(0));
    Ok(LoadedRecord { document, data: decoded.data, rev, skipped: decoded.rejected.len(), saved_at })
}

/// Best-effort reading of a record of a newer schema, to show it read-only:
/// the document text and whatever items still decode.
fn decode_lenient(raw: &str) -> Option<LoadedRecord> {
    let v: Value = serde_json::from_str(raw).ok()?;
    let doc = v.get("document")?;
    let document = Document::stored(doc.get("text")?.as_str()?.to_string(), doc.get("title").and_then(Value::as_str)).with_page(PageMeta::from_json(doc.get("meta")));
    let decoded = decode_parts(Parts::of(&v));
    let rev = v.get("rev").and_then(Value::as_u64).unwrap_or(0);
    Some(LoadedRecord { document, data: decoded.data, rev, skipped: decoded.rejected.len(), saved_at: Timestamp(0) })
}

/// What loading a document's record found.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadOutcome {
    /// No record: a new document.
    Missing,
    /// A usable record.
    Loaded(LoadedRecord),
    /// A record written by a newer app: read-only.
    NewerSchema {
        /// The record as far as it can be read, if at all.
        record: Option<Box<LoadedRecord>>,
        /// Its schema version.
        schema: u64,
    },
    /// A record that could not be read; a copy was kept.
    Corrupt {
        /// What was wrong.
        reason: String,
        /// Where the copy is, if the backup write succeeded.
        backup_key: Option<String>,
        /// The raw value (for "Export raw").
        raw: String,
    },
}

/// Loads `hash`'s record; an unreadable one is copied to a backup key.
pub fn load_doc(kv: &dyn KeyValue, hash: &DocHash, now: Timestamp) -> Result<LoadOutcome, StorageError> {
    let key = doc_key(hash);
    let Some(raw) = kv.get(&key)? else { return Ok(LoadOutcome::Missing) };
    Ok(match decode_record(&raw) {
        Ok(record) => LoadOutcome::Loaded(record),
        Err(RecordError::NewerSchema(schema)) => LoadOutcome::NewerSchema { record: decode_lenient(&raw).map(Box::new), schema },
        Err(RecordError::Corrupt(reason)) => {
            let backup_key = backup(kv, &key, &raw, now);
            LoadOutcome::Corrupt { reason, backup_key, raw }
        }
    })
}

/// Copies `raw` to a fresh backup key; returns it, or `None` if the copy
/// could not be written (the raw value is then still under `key`).
pub fn backup(kv: &dyn KeyValue, key: &str, raw: &str, now: Timestamp) -> Option<String> {
    let backup_key = format!("{BACKUP_PREFIX}{key}:{}", now.0);
    // An identical backup already made (the same corrupt value seen on an
    // earlier load) is enough.
    if let Ok(keys) = kv.keys() {
        for k in keys.iter().filter(|k| k.starts_with(&format!("{BACKUP_PREFIX}{key}:"))) {
            if kv.get(k).ok().flatten().as_deref() == Some(raw) {
                return Some(k.clone());
            }
        }
    }
    kv.set(&backup_key, raw).ok().map(|_| backup_key)
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved revision `stored_rev` since this one loaded.
    Conflict {
        /// The stored revision.
        stored_rev: u64,
    },
    /// The stored record was written by a newer app.
    NewerSchema(u64),
    /// The stored record is unreadable and must not be overwritten.
    StoredCorrupt,
    /// Quota exceeded; `needed` UTF-16 units were to be written.
    Quota {
        /// Size of the record that did not fit.
        needed: usize,
    },
    /// Storage unavailable or failing.
    Storage(StorageError),
    /// The value read back differs from the value written.
    VerifyFailed,
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Conflict { .. } => write!(f, "this article was changed in another tab"),
            SaveError::NewerSchema(_) => write!(f, "a newer version of Marginalia saved this article"),
            SaveError::StoredCorrupt => write!(f, "the saved copy could not be read and is kept as it is"),
            SaveError::Quota { .. } => write!(f, "browser storage is full"),
            SaveError::Storage(e) => e.fmt(f),
            SaveError::VerifyFailed => write!(f, "the browser did not keep what was written"),
        }
    }
}

/// Saves `doc` and `data` as revision `base_rev + 1`, refusing when the
/// stored revision is not `base_rev` (unless `overwrite`). Returns the new
/// revision.
pub fn save_doc(
    kv: &dyn KeyValue,
    doc: &Document,
    data: &DocData,
    base_rev: u64,
    now: Timestamp,
    overwrite: bool,
) -> Result<u64, SaveError> {
    let key = doc_key(&doc.hash);
    let stored_rev = stored_revision(kv, &key, overwrite)?;
    if stored_rev != base_rev && !overwrite {
        return Err(SaveError::Conflict { stored_rev });
    }
    let rev = stored_rev.max(base_rev) + 1;
    let value = encode_record(doc, data, rev, now);
    // Read back (excalidraw#8395): a silent failure becomes visible.
    let kept = kv.set_verified(&key, &value).map_err(|e| match e {
        StorageError::QuotaExceeded => SaveError::Quota { needed: utf16_units(&key) + utf16_units(&value) },
        other => SaveError::Storage(other),
    })?;
    if !kept {
        return Err(SaveError::VerifyFailed);
    }
    // The index is a cache of the records; failing to update it loses
    // nothing (it is rebuilt from the records).
    let _ = upsert_index(kv, LibraryEntry::of(doc, data, now));
    Ok(rev)
}

/// UTF-16 units of a record's head that hold its schema and revision:
/// [`encode_record`] writes `{"schema":S,"rev":R,` first.
const HEAD_UNITS: usize = 64;

/// The revision stored under `key` (0: none), or why it must not be
/// overwritten. A record of ours starts with its schema and revision and
/// ends with `}`, so only its head and last character are read (a
/// 400,000-character record is not copied and parsed to learn one number);
/// anything else is parsed whole, as before.
fn stored_revision(kv: &dyn KeyValue, key: &str, overwrite: bool) -> Result<u64, SaveError> {
    let head = kv.head(key, HEAD_UNITS).map_err(SaveError::Storage)?;
    let Some(head) = head else { return Ok(0) };
    let closed = kv.tail(key, 1).map_err(SaveError::Storage)?.as_deref() == Some("}");
    if let (Some((schema, rev)), true) = (quick_header(&head), closed) {
        if schema > u64::from(SCHEMA_VERSION) {
            return Err(SaveError::NewerSchema(schema));
        }
        return Ok(rev);
    }
    let raw = kv.get(key).map_err(SaveError::Storage)?.unwrap_or_default();
    match serde_json::from_str::<Value>(&raw) {
        Ok(v) => match header(&v) {
            Ok((_, rev)) => Ok(rev),
            Err(RecordError::NewerSchema(s)) => Err(SaveError::NewerSchema(s)),
            Err(RecordError::Corrupt(_)) if !overwrite => Err(SaveError::StoredCorrupt),
            Err(RecordError::Corrupt(_)) => Ok(0),
        },
        Err(_) if !overwrite => Err(SaveError::StoredCorrupt),
        Err(_) => Ok(0),
    }
}

/// `(schema, rev)` from a head that starts exactly as [`encode_record`]
/// writes: `{"schema":S,"rev":R,`.
fn quick_header(head: &str) -> Option<(u64, u64)> {
    let rest = head.strip_prefix("{\"schema\":")?;
    let (schema, rest) = rest.split_once(",\"rev\":")?;
    let (rev, _) = rest.split_once(',')?;
    let digits = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten();
    Some((digits(schema)?, digits(rev)?))
}

/// One saved document in the library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// Its hash.
    pub hash: DocHash,
    /// Its title.
    pub title: String,
    /// Last saved.
    pub updated: Timestamp,
    /// Number of annotations.
    pub annotations: usize,
    /// Length in characters.
    pub chars: usize,
}

impl LibraryEntry {
    /// The entry for `doc` saved with `data` at `now`.
    pub fn of(doc: &Document, data: &DocData, now: Timestamp) -> LibraryEntry {
        LibraryEntry {
            hash: doc.hash.clone(),
            title: doc.title.clone(),
            updated: now,
            annotations: data.annotations.len(),
            chars: doc.indexed.char_len(),
        }
    }
}

/// `docs` with `entry` replacing any entry of the same document, newest
/// first: the library as it is after a save (pure, so the app can show it
/// without reading storage back).
pub fn with_entry(docs: &[LibraryEntry], entry: LibraryEntry) -> Vec<LibraryEntry> {
    let mut docs: Vec<LibraryEntry> = docs.iter().filter(|d| d.hash != entry.hash).cloned().collect();
    docs.push(entry);
    crate::order::sort_by_key(&mut docs, |d| std::cmp::Reverse(d.updated));
    docs
}

#[derive(Serialize, Deserialize)]
struct IndexOut {
    schema: u32,
    docs: Vec<LibraryEntry>,
}

fn read_index(kv: &dyn KeyValue) -> Result<Vec<LibraryEntry>, StorageError> {
    let Some(raw) = kv.get(INDEX_KEY)? else { return Ok(Vec::new()) };
    let Ok(v) = serde_json::from_str::<Value>(&raw) else { return Ok(Vec::new()) };
    let docs = v.get("docs").and_then(Value::as_array).cloned().unwrap_or_default();
    Ok(docs.into_iter().filter_map(|d| serde_json::from_value(d).ok()).collect())
}

fn write_index(kv: &dyn KeyValue, mut docs: Vec<LibraryEntry>) -> Result<(), StorageError> {
    crate::order::sort_by_key(&mut docs, |d| std::cmp::Reverse(d.updated));
    let value = serde_json::to_string(&IndexOut { schema: SCHEMA_VERSION, docs }).unwrap_or_default();
    kv.set(INDEX_KEY, &value)
}

fn upsert_index(kv: &dyn KeyValue, entry: LibraryEntry) -> Result<(), StorageError> {
    write_index(kv, with_entry(&read_index(kv)?, entry))
}

/// The saved documents, newest first. The index is reconciled with the
/// records: entries without a record are left out, records missing from
/// the index (a torn write) are read and listed.
pub fn library(kv: &dyn KeyValue) -> Result<Vec<LibraryEntry>, StorageError> {
    let keys = kv.keys()?;
    let mut docs: Vec<LibraryEntry> = read_index(kv)?.into_iter().filter(|d| keys.contains(&doc_key(&d.hash))).collect();
    for key in keys.iter().filter(|k| k.starts_with(DOC_PREFIX)) {
        let Some(hash) = key.strip_prefix(DOC_PREFIX).and_then(|h| DocHash::parse(h).ok()) else { continue };
        if docs.iter().any(|d| d.hash == hash) {
            continue;
        }
        if let Some(Ok(rec)) = kv.get(key)?.map(|raw| decode_record(&raw)) {
            docs.push(LibraryEntry::of(&rec.document, &rec.data, rec.saved_at));
        }
    }
    crate::order::sort_by_key(&mut docs, |d| std::cmp::Reverse(d.updated));
    Ok(docs)
}

/// Deletes a document's record and library entry.
pub fn delete_doc(kv: &dyn KeyValue, hash: &DocHash) -> Result<(), StorageError> {
    kv.remove(&doc_key(hash))?;
    let mut docs = read_index(kv)?;
    docs.retain(|d| &d.hash != hash);
    write_index(kv, docs)?;
    if kv.get(LAST_KEY)?.as_deref() == Some(hash.as_str()) {
        kv.remove(LAST_KEY)?;
    }
    Ok(())
}

/// The last opened document, if recorded.
pub fn last_doc(kv: &dyn KeyValue) -> Result<Option<DocHash>, StorageError> {
    Ok(kv.get(LAST_KEY)?.and_then(|h| DocHash::parse(&h).ok()))
}

/// Records the last opened document.
pub fn set_last_doc(kv: &dyn KeyValue, hash: &DocHash) -> Result<(), StorageError> {
    if kv.get(LAST_KEY)?.as_deref() == Some(hash.as_str()) {
        return Ok(());
    }
    kv.set(LAST_KEY, hash.as_str())
}

/// Checks that storage can be read and written, as `localStorage` may
/// throw on access or on every write (shared/docs/reliability-checklist.md, items 7 and 8).
pub fn probe(kv: &dyn KeyValue) -> Result<(), StorageError> {
    kv.get(PROBE_KEY)?;
    kv.set(PROBE_KEY, "1").map_err(|e| match e {
        // A full store is still usable for reading; that is reported when
        // a real save fails.
        StorageError::QuotaExceeded => StorageError::QuotaExceeded,
        other => other,
    })?;
    kv.remove(PROBE_KEY)
}

/// Storage used by all keys, in UTF-16 units (what the quota counts).
pub fn usage(kv: &dyn KeyValue) -> Result<usize, StorageError> {
    let mut total = 0;
    for k in kv.keys()? {
        total += utf16_units(&k) + kv.size(&k)?.unwrap_or(0);
    }
    Ok(total)
}

#[cfg(test)]
#[path = "persist_tests.rs"]
mod tests;
