//! Reducer for the sync family: what saving, other tabs and storage report
//! back. The shell does the writing; these actions record the outcome.

use std::rc::Rc;

use crate::model::{DocData, Timestamp};
use crate::store::kv;
use crate::store::outbox::OutboxResult;
use crate::store::persist::{self, LibraryEntry, SaveError};
use crate::store::{messages, Action, AppState, CorruptRecord, Notice, SaveProblem};

/// Applies an action of the sync family (others are ignored).
pub(super) fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::StorageProbed { mode } => s.sync.storage = mode,
        Action::Saved { hash, version, rev, at } => {
            if hash != s.doc.document.hash {
                return;
            }
            s.sync.overwrite_next = false;
            s.sync.rev = rev;
            s.sync.saved_version = s.sync.saved_version.max(version);
            s.sync.problem = None;
            let entry = LibraryEntry::of(&s.doc.document, &s.data, at);
            s.library = Rc::new(persist::with_entry(&s.library, entry));
        }
        Action::OutboxSaved { results, at } => outbox_saved(s, results, at),
        Action::SaveFailed { version: _, error } => save_failed(s, error),
        Action::RemoteUpdate { data, rev } => {
            if rev <= s.sync.rev {
                return;
            }
            if s.dirty() {
                // Never drop this tab's unsaved work: ask.
                s.sync.conflict = Some(rev);
            } else {
                adopt(s, data, rev);
                s.notice = Some(Notice::info(messages::UPDATED_ELSEWHERE));
            }
        }
        Action::MergedElsewhere { data } => {
            let rev = s.sync.rev;
            adopt(s, data, rev);
            s.notice = Some(Notice::info(messages::UPDATED_ELSEWHERE));
        }
        Action::RemoteCleared => {
            s.sync.cleared_elsewhere = true;
            s.sync.rev = 0;
        }
        Action::ResolveConflict { theirs: Some((data, rev)) } => {
            adopt(s, data, rev);
            s.sync.conflict = None;
        }
        Action::ResolveConflict { theirs: None } => {
            // Keep mine: the next save overwrites on top of theirs.
            if let Some(rev) = s.sync.conflict.take() {
                s.sync.rev = rev;
            }
            s.mark_unsaved();
        }
        Action::ResumeSaving => {
            s.sync.overwrite_next = s.sync.corrupt.is_some();
            s.sync.corrupt = None;
            s.sync.cleared_elsewhere = false;
            s.sync.keep = true;
            s.mark_unsaved();
        }
        Action::LibraryLoaded { entries, pages } => {
            s.library = Rc::new(entries);
            s.pages = Rc::new(pages);
        }
        Action::UsageMeasured { fraction } => s.sync.usage = Some(fraction),
        _ => {}
    }
}

fn save_failed(s: &mut AppState, error: SaveError) {
    match error {
        SaveError::Conflict { stored_rev } => s.sync.conflict = Some(stored_rev),
        SaveError::NewerSchema(v) => s.sync.read_only = Some(messages::newer_schema_short(v)),
        SaveError::StoredCorrupt => {
            if s.sync.corrupt.is_none() {
                s.sync.corrupt = Some(CorruptRecord { reason: messages::STORED_COPY_UNREADABLE.into(), backup_key: None, raw: Rc::from("") });
            }
        }
        SaveError::Quota { .. } | SaveError::Storage(kv::StorageError::QuotaExceeded) => s.sync.problem = Some(SaveProblem::Full),
        other => s.sync.problem = Some(SaveProblem::Failed(other.to_string())),
    }
}

/// Records what happened to parked saves: written ones leave the outbox
/// and update the library; failed ones stay parked (re-opening the article
/// takes them back) and the reader is told.
fn outbox_saved(s: &mut AppState, results: Vec<OutboxResult>, at: Timestamp) {
    let mut library = (*s.library).clone();
    let mut failed = Vec::new();
    for r in results {
        match r.outcome {
            Ok(_) => {
                if let Some(p) = s.outbox.settle(r.seq) {
                    library = persist::with_entry(&library, LibraryEntry::of(&p.doc.document, &p.data, at));
                }
            }
            Err(e) => {
                if let Some(p) = s.outbox.items().iter().find(|p| p.seq == r.seq) {
                    failed.push(messages::outbox_failed_item(&p.doc.document.title, &e.to_string()));
                }
            }
        }
    }
    s.library = Rc::new(library);
    if !failed.is_empty() {
        s.notice = Some(Notice::error(messages::outbox_failed(&failed)));
    }
}

/// Takes another tab's data as this tab's saved state.
fn adopt(s: &mut AppState, data: DocData, rev: u64) {
    let before = s.data.clone();
    s.history.record(before);
    s.set_data(data);
    s.sync.rev = rev;
    s.sync.saved_version = s.version;
    s.sync.problem = None;
    s.fix_selection();
}
