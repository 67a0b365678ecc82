//! The app's commands: what a click on Open, Import, Export, Sample, a
//! library entry or a banner button does, as a callback that reads the
//! latest state and dispatches actions. `CreateAnnotation` is built here
//! only ([`create_annotation`]).

use yew::prelude::*;

use super::banners::BannerActions;
use super::handles::{error, info, AppHandles};
use super::hooks::page_selection;
use super::shell::{self, ExportFormat};
use crate::ingest::SourceFormat;
use crate::platform::clock::{new_annotation_id, now};
use crate::platform::file::read_file;
use crate::platform::formats;
use crate::platform::selection;
use crate::sample::sample_document;
use crate::store::kv::KeyValue;
use crate::store::page::PageKey;
use crate::store::persist::{self, LoadOutcome};
use crate::store::{Action, AppState, ImportMode, Origin, PanelTab, Stored};
use crate::text::{CharRange, DocHash};

/// A new annotation of `range` with the active label and an empty note.
pub fn create_annotation(s: &AppState, range: CharRange) -> Action {
    Action::CreateAnnotation { id: new_annotation_id(), range, label: s.ui.active_label.clone(), note: String::new(), at: now() }
}

/// The app's commands.
pub struct Commands {
    /// Annotate the current selection.
    pub annotate: Callback<()>,
    /// Find the next match of a query (and annotate it with `true`).
    pub find: Callback<(String, bool)>,
    /// Open an article file.
    pub open_file: Callback<web_sys::File>,
    /// Prepare importing an annotation file.
    pub import_file: Callback<web_sys::File>,
    /// Open the sample article.
    pub sample: Callback<()>,
    /// Open pasted or dropped text.
    pub paste_load: Callback<(String, SourceFormat)>,
    /// Download an export.
    pub export: Callback<ExportFormat>,
    /// Open a saved article.
    pub open_saved: Callback<DocHash>,
    /// Delete a saved article.
    pub delete_saved: Callback<DocHash>,
    /// Open a copy of a page annotated in place.
    pub open_page: Callback<PageKey>,
    /// Delete the notes of a page annotated in place.
    pub delete_page: Callback<PageKey>,
    /// Show the open page's other reading (its article or the whole page).
    pub switch_reading: Callback<()>,
}

/// Annotate the current selection, then let go of it (the app's article
/// and the embedded widget's host page alike).
#[hook]
pub fn use_annotate(h: &AppHandles) -> Callback<()> {
    let h = h.clone();
    use_callback((), move |_: (), _| {
        let s = h.state();
        if let Some(sel) = &s.ui.selection {
            h.send(create_annotation(&s, sel.range));
            selection::clear_selection();
        }
    })
}

/// The commands over `h`; `pasting` closes the paste dialog when pasted
/// text opens.
#[hook]
pub fn use_commands(h: &AppHandles, article_ref: &NodeRef, pasting: UseStateHandle<bool>) -> Commands {
    let annotate = use_annotate(h);
    let find = {
        let (h, article_ref) = (h.clone(), article_ref.clone());
        use_callback((), move |(query, annotate): (String, bool), _| find(&h, &article_ref, query.trim(), annotate))
    };
    let open_file = {
        let h = h.clone();
        use_callback((), move |file: web_sys::File, _| open_article_file(file, h.clone()))
    };
    let import_file = {
        let h = h.clone();
        use_callback((), move |file: web_sys::File, _| prepare_import(file, h.clone()))
    };
    let sample = {
        let h = h.clone();
        use_callback((), move |_: (), _| h.send(shell::open_action(h.kv.as_ref().as_ref(), sample_document(), Origin::Sample)))
    };
    let paste_load = {
        let h = h.clone();
        Callback::from(move |(text, format): (String, SourceFormat)| {
            let (h, pasting) = (h.clone(), pasting.clone());
            // Read by the formats module (loaded when the dialog opened),
            // then opened in a task of its own: reading a long paste (12 ms
            // for 450,000 characters) and replacing the article were one
            // task over 50 ms. The dialog stays until then, so a paste
            // that cannot be read still leaves its text in the dialog.
            wasm_bindgen_futures::spawn_local(async move {
                match formats::ingest_text(&text, format).await {
                    Ok(document) => {
                        gloo::timers::callback::Timeout::new(0, move || {
                            pasting.set(false);
                            h.send(shell::open_action(h.kv.as_ref().as_ref(), document, Origin::User));
                        })
                        .forget();
                    }
                    Err(e) => h.send(error(e)),
                }
            });
        })
    };
    let export = {
        let h = h.clone();
        use_callback((), move |format: ExportFormat, _| {
            let h = h.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match shell::export(&h.state(), format).await {
                    Ok(name) => h.send(info(format!("Downloaded {name}."))),
                    Err(e) => h.send(error(format!("Could not export: {e}"))),
                }
            });
        })
    };
    let open_saved = {
        let h = h.clone();
        use_callback((), move |hash: DocHash, _| open_saved(&h, &hash))
    };
    let switch_reading = {
        let h = h.clone();
        use_callback((), move |_: (), _| {
            if let Some(action) = shell::switch_reading_action(h.kv.as_ref().as_ref(), &h.state()) {
                h.send(action);
            }
        })
    };
    let delete_saved = {
        let h = h.clone();
        use_callback((), move |hash: DocHash, _| delete_saved(&h, &hash))
    };
    let open_page = {
        let h = h.clone();
        use_callback((), move |key: PageKey, _| open_page(&h, &key))
    };
    let delete_page = {
        let h = h.clone();
        use_callback((), move |key: PageKey, _| delete_page(&h, &key))
    };
    Commands { annotate, find, open_file, import_file, sample, paste_load, export, open_saved, delete_saved, open_page, delete_page, switch_reading }
}

/// Keyboard selection: finds the next match of `query` after the current
/// selection and selects it in the article, or annotates it.
fn find(h: &AppHandles, article_ref: &NodeRef, query: &str, annotate: bool) {
    let s = h.state();
    let indexed = &s.doc.document.indexed;
    // Annotating what was just found: the selection already is it.
    if annotate {
        if let Some(sel) = s.ui.selection.as_ref().filter(|sel| indexed.slice(sel.range).is_some_and(|t| t.eq_ignore_ascii_case(query) || query.is_empty())) {
            h.send(create_annotation(&s, sel.range));
            selection::clear_selection();
            return;
        }
    }
    if query.is_empty() {
        return;
    }
    let from = s.ui.selection.as_ref().and_then(|sel| indexed.char_to_byte(sel.range.start + 1)).unwrap_or(0);
    let Some(found) = crate::text::search::find_ci(indexed.as_str(), query, from).and_then(|b| indexed.char_range(b)) else {
        h.send(error(format!("“{query}” is not in this article.")));
        return;
    };
    if annotate {
        h.send(create_annotation(&s, found));
    } else if let Some(root) = article_ref.cast::<web_sys::Element>() {
        selection::select_range(&root, found);
        // Recorded at once (the selectionchange event comes later).
        h.send(Action::SelectText { selection: page_selection(&root, indexed) });
    }
}

/// Reads `file` and opens it as an article.
fn open_article_file(file: web_sys::File, h: AppHandles) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match read_file(file).await {
            Ok(data) => match formats::ingest_file(&data.name, data.mime.as_deref(), &data.bytes).await {
                Ok(document) => shell::open_action(h.kv.as_ref().as_ref(), document, Origin::User),
                Err(e) => error(format!("Could not open “{}”: {e}", data.name)),
            },
            Err(e) => error(e.to_string()),
        };
        h.send(action);
    });
}

/// Reads `file` and prepares importing it.
fn prepare_import(file: web_sys::File, h: AppHandles) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match read_file(file).await {
            Ok(data) => shell::prepare_import(h.kv.as_ref().as_ref(), &h.state(), &data.name, &data.bytes).await,
            Err(e) => error(e.to_string()),
        };
        h.send(action);
    });
}

/// Opens the saved article `hash` (read-only if a newer app saved it).
fn open_saved(h: &AppHandles, hash: &DocHash) {
    let Some(kv) = h.kv.as_ref() else { return };
    match persist::load_doc(kv, hash, now()) {
        Ok(LoadOutcome::Loaded(rec)) => h.send(Action::OpenDocument {
            document: rec.document,
            stored: Stored::Record { data: rec.data, rev: rec.rev, skipped: rec.skipped },
            origin: Origin::Storage,
        }),
        Ok(LoadOutcome::NewerSchema { record: Some(r), .. }) => h.send(shell::open_action(Some(kv), r.document, Origin::Storage)),
        Ok(_) => h.send(error("This saved article could not be read. A copy of its data was kept.")),
        Err(e) => h.send(error(format!("Could not open the saved article: {e}"))),
    }
}

/// Opens a copy of the page record `key` (its saved text and notes) the
/// way an exported file opens: through the import dialog, which says what
/// it holds before anything changes.
fn open_page(h: &AppHandles, key: &PageKey) {
    let Some(kv) = h.kv.as_ref() else { return };
    match kv.get(key.as_str()) {
        Ok(Some(raw)) => {
            let name = h.state().pages.iter().find(|p| &p.key == key).map_or_else(|| "the saved page".to_string(), |p| p.title.clone());
            let h = h.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let action = shell::prepare_import(h.kv.as_ref().as_ref(), &h.state(), &name, raw.as_bytes()).await;
                h.send(action);
            });
        }
        Ok(None) => h.send(error("This page's notes are no longer in this browser.")),
        Err(e) => h.send(error(format!("Could not read this page's notes: {e}"))),
    }
}

/// Deletes the page record `key` (the Library asked first).
fn delete_page(h: &AppHandles, key: &PageKey) {
    let Some(kv) = h.kv.as_ref() else { return };
    match kv.remove(key.as_str()) {
        Ok(()) => {
            h.send(shell::library_action(kv));
            h.send(info("This page's notes were deleted from this browser."));
        }
        Err(e) => h.send(error(format!("Could not delete this page's notes: {e}"))),
    }
}

/// Deletes the saved article `hash`; the sample opens if it was open.
fn delete_saved(h: &AppHandles, hash: &DocHash) {
    let Some(kv) = h.kv.as_ref() else { return };
    if let Err(e) = persist::delete_doc(kv, hash) {
        h.send(error(format!("Could not delete: {e}")));
        return;
    }
    // Its analysis, kept by the worker, goes too.
    if let Ok(worker) = crate::platform::worker::AnalysisWorker::get() {
        worker.forget(hash.as_str());
    }
    h.send(shell::library_action(kv));
    if &h.state().doc.document.hash == hash {
        h.send(shell::open_action(Some(kv), sample_document(), Origin::Sample));
    }
    h.send(info("Deleted from this browser."));
}

/// The buttons of the storage banners.
pub fn banner_actions(h: &AppHandles, export: &Callback<ExportFormat>) -> BannerActions {
    let export_raw = {
        let h = h.clone();
        Callback::from(move |_: ()| {
            let s = h.state();
            if let Some(c) = &s.sync.corrupt {
                match shell::export_raw(&s, &c.raw) {
                    Ok(name) => h.send(info(format!("Downloaded {name}."))),
                    Err(e) => h.send(error(e)),
                }
            }
        })
    };
    let take_theirs = {
        let h = h.clone();
        Callback::from(move |_: ()| {
            let Some(kv) = h.kv.as_ref() else { return };
            match persist::load_doc(kv, &h.state().doc.document.hash, now()) {
                Ok(LoadOutcome::Loaded(rec)) => h.send(Action::ResolveConflict { theirs: Some((rec.data, rec.rev)) }),
                _ => h.send(error("The other tab's version could not be read; yours is kept.")),
            }
        })
    };
    let send = |action: fn() -> Action| {
        let h = h.clone();
        Callback::from(move |_: ()| h.send(action()))
    };
    BannerActions {
        export: export.reform(|_: ()| ExportFormat::Native),
        export_raw,
        resume: send(|| Action::ResumeSaving),
        take_theirs,
        keep_mine: send(|| Action::ResolveConflict { theirs: None }),
        library: send(|| Action::ShowTab { tab: PanelTab::Library }),
    }
}

/// The import dialog's Merge and Replace: applied if the result fits in
/// storage, else cancelled with the reason.
pub fn import_actions(h: &AppHandles) -> (Callback<()>, Callback<()>) {
    let apply_mode = |mode: ImportMode| {
        let h = h.clone();
        Callback::from(move |_: ()| match shell::import_fits(h.kv.as_ref().as_ref(), &h.state()) {
            Ok(()) => h.send(Action::ApplyImport { mode }),
            Err(msg) => {
                h.send(Action::CancelImport);
                h.send(error(msg));
            }
        })
    };
    (apply_mode(ImportMode::Merge), apply_mode(ImportMode::Replace))
}
