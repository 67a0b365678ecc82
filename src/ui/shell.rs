//! Glue between the browser and the store: opening documents with what
//! storage holds for them, building exports, reading imports. Functions
//! here return actions; they never change state themselves.

use std::rc::Rc;

use crate::export::import::{ImportFormat, ParsedImport};
use crate::export::message::{DocumentMessage, ExportRequest};
use crate::model::Document;
use crate::platform::clock::now;
use crate::platform::download::download;
use crate::platform::formats;
use crate::platform::storage::LocalStorage;
use crate::store::kv::{KeyValue, StorageError, QUOTA_UNITS};
use crate::store::persist::{self, LoadOutcome};
use crate::store::{Action, AppState, CorruptRecord, Notice, Origin, PendingImport, StorageMode, Stored};

/// The storage handle the app uses: `None` when localStorage is unusable.
pub type Storage = Rc<Option<LocalStorage>>;

/// Opens localStorage and probes it.
pub fn open_storage() -> (Option<LocalStorage>, StorageMode) {
    match LocalStorage::open() {
        Ok(ls) => match persist::probe(&ls) {
            // A full store can still be read; the first save will say so.
            Ok(()) | Err(StorageError::QuotaExceeded) => (Some(ls), StorageMode::Available),
            Err(e) => (None, StorageMode::MemoryOnly(e.to_string())),
        },
        Err(e) => (None, StorageMode::MemoryOnly(e.to_string())),
    }
}

/// What storage holds for `document`, as the store wants it.
pub fn stored_for(kv: Option<&LocalStorage>, document: &Document) -> Stored {
    let Some(kv) = kv else { return Stored::Nothing };
    match persist::load_doc(kv, &document.hash, now()) {
        Ok(LoadOutcome::Loaded(rec)) => Stored::Record { data: rec.data, rev: rec.rev, skipped: rec.skipped },
        Ok(LoadOutcome::NewerSchema { record, schema }) => Stored::Newer { schema, data: record.map(|r| r.data) },
        Ok(LoadOutcome::Corrupt { reason, backup_key, raw }) => Stored::Corrupt(CorruptRecord { reason, backup_key, raw: Rc::from(raw) }),
        Ok(LoadOutcome::Missing) | Err(_) => Stored::Nothing,
    }
}

/// The action that opens `document` with its stored data.
pub fn open_action(kv: Option<&LocalStorage>, document: Document, origin: Origin) -> Action {
    let stored = stored_for(kv, &document);
    Action::OpenDocument { document, stored, origin }
}

/// The action that shows the open page's other reading (the whole page
/// for its article, the article for the whole page), with what storage
/// holds for that reading; `None` for a document that has no other.
pub fn switch_reading_action(kv: Option<&LocalStorage>, state: &AppState) -> Option<Action> {
    let current = &state.doc.document;
    let (text, meta) = current.page.as_ref()?.switched(current.text())?;
    let title = meta.reading_title(&current.title);
    // Both readings were made canonical when the page was read.
    let document = Document::stored(text, Some(&title)).with_page(Some(meta));
    let stored = stored_for(kv, &document);
    Some(Action::SwitchReading { document, stored })
}

/// The Library as storage holds it now: saved documents and the pages
/// annotated in place.
pub fn library_action(kv: &LocalStorage) -> Action {
    Action::LibraryLoaded { entries: persist::library(kv).unwrap_or_default(), pages: crate::store::page::saved_pages(kv).unwrap_or_default() }
}

/// What the app starts from: storage, what it can do, and the actions
/// that restore the last session.
pub struct Startup {
    /// The storage handle.
    pub kv: Storage,
    /// Whether storage works.
    pub mode: StorageMode,
    /// [`startup_actions`], taken once by the first render.
    pub actions: std::cell::RefCell<Vec<Action>>,
}

thread_local! {
    /// What [`read_ahead`] read, until the first render takes it.
    static READ_AHEAD: std::cell::RefCell<Option<Startup>> = const { std::cell::RefCell::new(None) };
}

/// How long the record of the article the last session had open is (UTF-16
/// units of its stored JSON; 0 when there is none or storage cannot be
/// read): a look at its size, not a read of it.
pub fn last_record_size() -> usize {
    let Ok(kv) = LocalStorage::open() else { return 0 };
    let Some(hash) = persist::last_doc(&kv).ok().flatten() else { return 0 };
    kv.size(&persist::doc_key(&hash)).ok().flatten().unwrap_or(0)
}

/// Reads storage and decodes the last session now, in a task before the
/// first render: for a long article with thousands of notes, reading
/// the record and then placing the notes and rendering were one task of
/// over 100 ms (issue 20).
pub fn read_ahead() {
    let startup = read_startup();
    READ_AHEAD.with(|r| *r.borrow_mut() = Some(startup));
}

/// What [`read_ahead`] read, or storage read now (a mount without it).
pub fn take_startup() -> Startup {
    READ_AHEAD.with(|r| r.borrow_mut().take()).unwrap_or_else(read_startup)
}

fn read_startup() -> Startup {
    let (kv, mode) = open_storage();
    let actions = startup_actions(kv.as_ref(), mode.clone());
    Startup { kv: Rc::new(kv), mode, actions: std::cell::RefCell::new(actions) }
}

/// The actions that restore the last session: storage mode, library, and
/// the last opened document (the sample when there is none).
pub fn startup_actions(kv: Option<&LocalStorage>, mode: StorageMode) -> Vec<Action> {
    let mut actions = vec![Action::StorageProbed { mode }];
    let sample = crate::sample::sample_document();
    let Some(kv) = kv else {
        actions.push(Action::OpenDocument { document: sample, stored: Stored::Nothing, origin: Origin::Sample });
        return actions;
    };
    actions.push(library_action(kv));
    let last = persist::last_doc(kv).ok().flatten().filter(|h| *h != sample.hash);
    let mut opened = false;
    if let Some(hash) = last {
        match persist::load_doc(kv, &hash, now()) {
            Ok(LoadOutcome::Loaded(rec)) => {
                actions.push(Action::OpenDocument {
                    document: rec.document,
                    stored: Stored::Record { data: rec.data, rev: rec.rev, skipped: rec.skipped },
                    origin: Origin::Storage,
                });
                opened = true;
            }
            Ok(LoadOutcome::NewerSchema { record: Some(rec), schema }) => {
                actions.push(Action::OpenDocument {
                    document: rec.document,
                    stored: Stored::Newer { schema, data: Some(rec.data) },
                    origin: Origin::Storage,
                });
                opened = true;
            }
            Ok(LoadOutcome::Corrupt { reason, backup_key, raw }) => {
                // The text itself is unreadable: show the sample, and hold
                // every write until the user decides about the copy.
                actions.push(Action::OpenDocument {
                    document: sample.clone(),
                    stored: Stored::Corrupt(CorruptRecord { reason, backup_key, raw: Rc::from(raw) }),
                    origin: Origin::Sample,
                });
                opened = true;
            }
            _ => {}
        }
    }
    if !opened {
        actions.push(open_action(Some(kv), sample, Origin::Sample));
    }
    if let Ok(used) = persist::usage(kv) {
        actions.push(Action::UsageMeasured { fraction: used as f32 / QUOTA_UNITS as f32 });
    }
    actions
}

pub use crate::export::file::{ExportFormat, Exported};

/// Builds an export of the open document here (the embedded widget, which
/// hands it to the host page; the app asks its formats module instead,
/// [`export`]).
pub fn export_content(state: &AppState, format: ExportFormat) -> Exported {
    let anchor_of = |id: &crate::model::AnnotationId| state.anchor_of(id);
    crate::export::file::export(format, &state.doc.document, &state.data, &anchor_of, now())
}

/// What the formats module needs to export the open document.
pub fn export_request(state: &AppState, format: ExportFormat) -> ExportRequest {
    let anchors = state.data.annotations.iter().filter_map(|a| Some((a.id.clone(), state.anchor_of(&a.id)?))).collect();
    ExportRequest { format, document: DocumentMessage::of(&state.doc.document), data: (*state.data).clone(), anchors, now: now() }
}

/// Builds (in the formats module) and downloads an export of the open
/// document; the file's name.
pub async fn export(state: &AppState, format: ExportFormat) -> Result<String, String> {
    let e = formats::export(&export_request(state, format)).await?;
    download(&e.name, &e.mime, &e.content)?;
    Ok(e.name)
}

/// Downloads the raw text of an unreadable stored record.
pub fn export_raw(state: &AppState, raw: &str) -> Result<String, String> {
    let name = format!("marginalia-unreadable-{}.json", state.doc.document.hash);
    download(&name, "application/json", raw)?;
    Ok(name)
}

/// Reads an import file (in the formats module) into a pending import, or
/// a message.
pub async fn prepare_import(kv: Option<&LocalStorage>, state: &AppState, name: &str, bytes: &[u8]) -> Action {
    let parsed = formats::parse_import(bytes, &state.doc.document).await;
    import_action(kv, state, name, parsed)
}

/// The pending import of the file `name` read as `parsed`, or a message.
pub fn import_action(kv: Option<&LocalStorage>, state: &AppState, name: &str, parsed: Result<ParsedImport, String>) -> Action {
    match parsed {
        Err(e) => Action::Notify { notice: Notice::error(format!("Could not import “{name}”: {e}")) },
        Ok(p) => {
            let other = p.document.hash != state.doc.document.hash;
            let existing = match (other, kv) {
                (true, Some(kv)) => match persist::load_doc(kv, &p.document.hash, now()) {
                    Ok(LoadOutcome::Loaded(rec)) => Some((rec.data, rec.rev)),
                    _ => None,
                },
                _ => None,
            };
            let other_source = p.format == ImportFormat::W3c && p.source.as_ref().is_some_and(|s| *s != state.doc.document.hash);
            Action::PrepareImport {
                import: Rc::new(PendingImport {
                    file_name: name.to_string(),
                    document: p.document,
                    existing,
                    incoming: p.incoming,
                    skipped: p.skipped,
                    other_source,
                }),
            }
        }
    }
}

/// Checks that applying the pending import will fit in storage; returns a
/// message when it will not (shared/docs/reliability-checklist.md, item 11: refuse before changing anything).
pub fn import_fits(kv: Option<&LocalStorage>, state: &AppState) -> Result<(), String> {
    let (Some(kv), Some(import)) = (kv, state.ui.pending_import.as_ref()) else { return Ok(()) };
    let base = if import.document.hash == state.doc.document.hash {
        (*state.data).clone()
    } else {
        import.existing.as_ref().map(|(d, _)| d.clone()).unwrap_or_default()
    };
    let (merged, _) = crate::export::merge::merge(&base, &import.incoming);
    let record = persist::encode_record(&import.document, &merged, 1, now());
    let needed = crate::store::kv::utf16_units(&record);
    let key = persist::doc_key(&import.document.hash);
    let current = kv.get(&key).ok().flatten().map_or(0, |v| crate::store::kv::utf16_units(&v));
    let used = persist::usage(kv).map_err(|e| e.to_string())?;
    let free = QUOTA_UNITS.saturating_sub(used) + current;
    if needed > free {
        return Err(format!(
            "This import needs about {} characters of browser storage but only {} are free. Nothing was changed. Export and delete old articles in the Library, then import again.",
            crate::ingest::group_thousands(needed),
            crate::ingest::group_thousands(free)
        ));
    }
    Ok(())
}
