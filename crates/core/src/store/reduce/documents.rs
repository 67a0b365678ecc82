//! Reducer for the documents family: opening an article (carrying the
//! unsaved work of the one left) and importing annotations into it.

use std::rc::Rc;

use crate::export::merge::{self, MergeReport};
use crate::export::Incoming;
use crate::model::{Document, Quarantined};
use crate::store::{messages, Action, AppState, ImportMode, Notice, Origin, StorageMode, Stored, Tone};

/// Applies an action of the documents family (others are ignored).
pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::OpenDocument { document, stored, origin } => open_document(s, document, stored, origin),
        Action::SwitchReading { document, stored } => switch_reading(s, document, stored),
        Action::PrepareImport { import } => s.ui.pending_import = Some(import),
        Action::CancelImport => s.ui.pending_import = None,
        Action::ApplyImport { mode } => apply_import(s, mode),
        _ => {}
    }
}

fn apply_import(s: &mut AppState, mode: ImportMode) {
    let Some(import) = s.ui.pending_import.take() else { return };
    if import.document.hash != s.doc.document.hash {
        let stored = match &import.existing {
            Some((data, rev)) => Stored::Record { data: data.clone(), rev: *rev, skipped: 0 },
            None => Stored::Nothing,
        };
        open_document(s, import.document.clone(), stored, Origin::User);
    }
    let (next, report) = match mode {
        ImportMode::Merge => merge::merge(&s.data, &import.incoming),
        ImportMode::Replace => merge::replace(&s.data, &import.incoming),
    };
    if next != *s.data {
        s.change_data(next);
    }
    s.sync.keep = true;
    s.notice = Some(import_summary(&import.file_name, &report, &import.skipped, mode));
}

fn import_summary(file: &str, report: &MergeReport, invalid: &[Quarantined], mode: ImportMode) -> Notice {
    let mut parts = vec![messages::imported(report.imported + report.updated, file, mode == ImportMode::Replace)];
    let skipped = report.skipped() + invalid.len();
    if skipped > 0 {
        let mut reasons = report.skipped_reasons();
        if !invalid.is_empty() {
            let first = invalid.first().map(|q| q.reason.clone()).unwrap_or_default();
            reasons.push(messages::import_unreadable(invalid.len(), &first));
        }
        parts.push(messages::import_skipped(skipped, &reasons));
    }
    Notice { tone: if invalid.is_empty() { Tone::Info } else { Tone::Error }, text: parts.join(". ") + "." }
}

/// Opens `document`: the article left behind parks its unsaved changes in
/// the outbox, and one re-opened takes its parked changes back.
fn open_document(s: &mut AppState, document: Document, stored: Stored, origin: Origin) {
    let mut outbox = s.outbox.clone();
    // The document being left may have changes its debounced save has not
    // written yet: carry them (no path that changes the open document may
    // drop a save).
    if s.dirty() && s.sync.storage == StorageMode::Available && s.sync.read_only.is_none() {
        outbox.park(s.doc.clone(), s.data.clone(), s.sync.rev, s.sync.overwrite_next);
    }
    // Re-opening a document whose save is still parked: the parked data is
    // newer than the stored copy.
    let parked = match &stored {
        Stored::Nothing => outbox.unpark(&document.hash),
        Stored::Record { rev, .. } if outbox.items().iter().any(|p| p.hash() == &document.hash && p.base_rev >= *rev) => outbox.unpark(&document.hash),
        _ => None,
    };
    let mut next = AppState::new(document);
    next.sync.storage = s.sync.storage.clone();
    next.sync.usage = s.sync.usage;
    next.library = s.library.clone();
    next.pages = s.pages.clone();
    next.outbox = outbox;
    next.version = s.version + 1;
    match parked {
        Some(p) => {
            next.data = p.data;
            next.sync.rev = p.base_rev;
            next.sync.keep = true;
            next.sync.overwrite_next = p.overwrite;
            next.sync.saved_version = next.version - 1;
        }
        None => take_stored(&mut next, stored, origin),
    }
    next.ui.active_label = next.data.fallback_label();
    next.reanchor();
    *s = next;
}

/// Opens the other reading of the open page and brings the annotations
/// along: merged into what that reading had saved (nothing of either is
/// lost), saved at once, re-anchored on its text. The reading left keeps
/// its record, so switching back finds everything too.
fn switch_reading(s: &mut AppState, document: Document, stored: Stored) {
    if s.sync.read_only.is_some() {
        s.notice = Some(Notice::error(messages::read_only_switch()));
        return;
    }
    let carried = Incoming { labels: s.data.labels.clone(), annotations: s.data.annotations.clone(), dismissed: s.data.dismissed.clone() };
    open_document(s, document, stored, Origin::User);
    // The other reading was saved by a newer app: it opens read-only, as
    // it would from the library, and the annotations stay in this one.
    if s.sync.read_only.is_some() {
        return;
    }
    let (merged, _) = merge::merge(&s.data, &carried);
    // Not an undoable change: undo would take the reader's own work out
    // of this reading.
    if merged != *s.data {
        s.set_data(merged);
    }
    s.sync.keep = true;
}

/// What storage held for the article being opened becomes its state.
fn take_stored(next: &mut AppState, stored: Stored, origin: Origin) {
    match stored {
        Stored::Nothing => {
            next.sync.keep = origin == Origin::User;
            // A user's article is saved at once, so it survives a reload.
            next.sync.saved_version = if next.sync.keep { next.version - 1 } else { next.version };
        }
        Stored::Record { data, rev, skipped } => {
            next.data = Rc::new(data);
            next.sync.rev = rev;
            next.sync.keep = true;
            next.sync.skipped_on_load = skipped;
            next.sync.saved_version = next.version;
            if skipped > 0 {
                next.notice = Some(Notice::error(messages::unreadable_items(skipped)));
            }
        }
        Stored::Newer { schema, data } => {
            if let Some(data) = data {
                next.data = Rc::new(data);
            }
            next.sync.read_only = Some(messages::newer_schema(schema));
            next.sync.keep = false;
            next.sync.saved_version = next.version;
        }
        Stored::Corrupt(c) => {
            next.sync.corrupt = Some(c);
            next.sync.keep = true;
            next.sync.saved_version = next.version;
        }
    }
}
