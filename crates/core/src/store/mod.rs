//! Application state as plain data, changed only by [`apply`]ing an
//! [`Action`]: a domain verb with named fields. The UI dispatches actions
//! and renders the state; saving watches the state from outside (the shell
//! compares [`AppState::version`] with [`SyncState::saved_version`]) and
//! reports back with actions, never from inside `apply`.
//!
//! Saved data ([`DocData`]) and UI state ([`UiState`]) live apart; every
//! change to saved data is undoable.

pub mod history;
pub mod kv;
pub mod outbox;
pub mod persist;
pub mod suggest;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::anchor::{Anchor, Anchorer};
use crate::export::merge::{self, MergeReport};
use crate::export::Incoming;
use crate::model::label::clean_label_name;
use crate::model::{Annotation, AnnotationId, Color, DocData, Document, Label, LabelId, Quarantined, Target, Timestamp};
use crate::text::layout::Layout;
use crate::text::CharRange;
use history::History;
use outbox::{Outbox, OutboxResult};
use persist::{LibraryEntry, SaveError};

pub use history::MAX_UNDO;

/// A document together with its derived reading structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenDoc {
    /// The article.
    pub document: Document,
    /// Its blocks, computed once when it is opened.
    pub layout: Layout,
}

impl OpenDoc {
    /// Lays out `document`.
    pub fn new(document: Document) -> OpenDoc {
        let layout = Layout::of(document.text());
        OpenDoc { document, layout }
    }
}

/// A message shown to the user until dismissed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How it is shown.
    pub tone: Tone,
    /// The message, plain text.
    pub text: String,
}

impl Notice {
    /// An informational message.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { tone: Tone::Info, text: text.into() }
    }
    /// An error message.
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { tone: Tone::Error, text: text.into() }
    }
}

/// Visual weight of a [`Notice`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something happened as asked.
    Info,
    /// Something went wrong; the message says what to do.
    Error,
}

/// Where each annotation landed, with the target it was computed for (so
/// unchanged targets are not anchored again).
pub type AnchorMap = BTreeMap<AnnotationId, (Target, Anchor)>;

/// A rectangle in viewport CSS pixels.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The reader's current text selection in the article.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSelection {
    /// The selected text, snapped to whole graphemes.
    pub range: CharRange,
    /// Where it is on screen (for the Annotate control).
    pub rect: Rect,
}

/// The side panel's tabs.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PanelTab {
    /// The annotation list and editor.
    Annotations,
    /// The label set.
    Labels,
    /// Saved documents.
    Library,
    /// Entity groups found by the analysis.
    Entities,
    /// Quotations grouped by speaker.
    Quotes,
}

/// How an import combines with saved data.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Add what is new (default).
    Merge,
    /// Replace all annotations (after confirmation).
    Replace,
}

/// A validated import waiting for the user's choice.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    /// The file's name, for messages.
    pub file_name: String,
    /// The document the annotations belong to.
    pub document: Document,
    /// What is saved for that document already (when it is not the open one).
    pub existing: Option<(DocData, u64)>,
    /// The readable data.
    pub incoming: Incoming,
    /// Unreadable items with reasons.
    pub skipped: Vec<Quarantined>,
    /// The W3C file named another of our documents than the open one.
    pub other_source: bool,
}

/// UI state: never saved, never undone.
#[derive(Clone, Debug, PartialEq)]
pub struct UiState {
    /// The current text selection in the article.
    pub selection: Option<TextSelection>,
    /// The annotation open in the panel.
    pub selected: Option<AnnotationId>,
    /// Bumped to ask the note editor to take focus.
    pub focus_note: u64,
    /// Labels shown in the list (empty: all).
    pub label_filter: BTreeSet<LabelId>,
    /// Search over notes and quotes.
    pub search: String,
    /// Label given to new annotations.
    pub active_label: LabelId,
    /// The panel tab.
    pub tab: PanelTab,
    /// An import awaiting merge/replace.
    pub pending_import: Option<Rc<PendingImport>>,
    /// Entity types whose highlights are hidden.
    pub hidden_types: BTreeSet<crate::analysis::EntityType>,
    /// Whether quotations are highlighted.
    pub show_quotes: bool,
    /// The suggestion the reader is looking at (its key).
    pub focused_suggestion: Option<String>,
}

/// Where saved data can go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageMode {
    /// Not probed yet.
    Unknown,
    /// localStorage works.
    Available,
    /// localStorage cannot be used: memory only, export to keep work.
    MemoryOnly(String),
}

/// A stored record that could not be read for the open document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorruptRecord {
    /// What was wrong.
    pub reason: String,
    /// Where a copy was kept (None: the copy failed, the raw value is
    /// still in place).
    pub backup_key: Option<String>,
    /// The raw value, for "Export raw".
    pub raw: Rc<str>,
}

/// Why the last save failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveProblem {
    /// Quota exceeded.
    Full,
    /// Storage failed or the write did not stick.
    Failed(String),
}

/// What the persistence layer last reported, as the UI needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncState {
    /// Whether storage works.
    pub storage: StorageMode,
    /// Set when the stored record is from a newer app: no writes at all.
    pub read_only: Option<String>,
    /// The stored revision this state is based on (0: none).
    pub rev: u64,
    /// [`AppState::version`] that is in storage.
    pub saved_version: u64,
    /// Whether this document is kept in storage at all (the untouched
    /// sample is not).
    pub keep: bool,
    /// The last save's failure, until a save succeeds.
    pub problem: Option<SaveProblem>,
    /// Another tab saved this revision while this one had unsaved changes.
    pub conflict: Option<u64>,
    /// The stored record could not be read; writes wait for "Start fresh".
    pub corrupt: Option<CorruptRecord>,
    /// Another tab cleared storage; writes wait for "Save again".
    pub cleared_elsewhere: bool,
    /// Items quarantined when this document was loaded.
    pub skipped_on_load: usize,
    /// Share of the storage quota in use (0..1), when measured.
    pub usage: Option<f32>,
    /// The next save may replace an unreadable stored record (the user
    /// chose "Start fresh" after a backup was kept).
    pub overwrite_next: bool,
}

/// The save indicator's states.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything is in storage.
    Saved,
    /// Changes are waiting for the next save.
    Pending,
    /// The last save failed; see [`SyncState::problem`].
    Failed,
    /// Saving is paused (conflict, corrupt record, cleared storage).
    Paused,
    /// Storage is unavailable: memory only.
    MemoryOnly,
    /// Saved by a newer version: read-only.
    ReadOnly,
}

impl SaveStatus {
    /// The value of the `data-save-state` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            SaveStatus::Saved => "saved",
            SaveStatus::Pending => "saving",
            SaveStatus::Failed => "unsaved",
            SaveStatus::Paused => "paused",
            SaveStatus::MemoryOnly => "memory",
            SaveStatus::ReadOnly => "readonly",
        }
    }
}

impl SyncState {
    fn new(keep: bool) -> SyncState {
        SyncState {
            storage: StorageMode::Unknown,
            read_only: None,
            rev: 0,
            saved_version: 0,
            keep,
            problem: None,
            conflict: None,
            corrupt: None,
            cleared_elsewhere: false,
            skipped_on_load: 0,
            usage: None,
            overwrite_next: false,
        }
    }

    /// Whether the shell may write this document now.
    pub fn can_write(&self) -> bool {
        self.storage == StorageMode::Available
            && self.read_only.is_none()
            && self.conflict.is_none()
            && self.corrupt.is_none()
            && !self.cleared_elsewhere
    }
}

/// What the shell found in storage for a document being opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing saved (or storage unavailable).
    Nothing,
    /// A record.
    Record {
        /// Its data.
        data: DocData,
        /// Its revision.
        rev: u64,
        /// Items quarantined while reading it.
        skipped: usize,
    },
    /// A record from a newer app (shown read-only).
    Newer {
        /// Its schema version.
        schema: u64,
        /// What could be read of it.
        data: Option<DocData>,
    },
    /// An unreadable record.
    Corrupt(CorruptRecord),
}

/// How a document came to be opened.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The bundled sample (kept only once annotated).
    Sample,
    /// Pasted, picked or dropped by the user (kept at once).
    User,
    /// From storage (library or last session).
    Storage,
}

/// Everything the app shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The open article.
    pub doc: Rc<OpenDoc>,
    /// Its saved data.
    pub data: Rc<DocData>,
    /// Bumped on every change to `data` (save trigger, memo key).
    pub version: u64,
    /// Where each annotation landed in `doc`.
    pub anchors: Rc<AnchorMap>,
    /// Undo/redo of `data`.
    pub history: History,
    /// UI state.
    pub ui: UiState,
    /// Persistence status.
    pub sync: SyncState,
    /// The current message.
    pub notice: Option<Notice>,
    /// Saved documents.
    pub library: Rc<Vec<LibraryEntry>>,
    /// Unsaved work of documents that are no longer open, waiting to be
    /// written (see [`outbox`]).
    pub outbox: Outbox,
}

/// What can happen.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the open article (with what storage holds for it).
    OpenDocument {
        /// The article.
        document: Document,
        /// Its stored state.
        stored: Stored,
        /// Where it came from.
        origin: Origin,
    },
    /// Annotate `range` of the open article.
    CreateAnnotation {
        /// New ID (made by the shell).
        id: AnnotationId,
        /// The passage.
        range: CharRange,
        /// Its label.
        label: LabelId,
        /// Its note.
        note: String,
        /// Now.
        at: Timestamp,
    },
    /// Change a note.
    SetNote {
        /// Which annotation.
        id: AnnotationId,
        /// The new note.
        note: String,
        /// Now.
        at: Timestamp,
    },
    /// Change an annotation's label.
    SetLabel {
        /// Which annotation.
        id: AnnotationId,
        /// The new label.
        label: LabelId,
        /// Now.
        at: Timestamp,
    },
    /// Delete an annotation (undoable).
    DeleteAnnotation {
        /// Which one.
        id: AnnotationId,
    },
    /// Attach an annotation (an orphan, typically) to `range`.
    Reattach {
        /// Which one.
        id: AnnotationId,
        /// The new passage.
        range: CharRange,
        /// Now.
        at: Timestamp,
    },
    /// Accept a moved annotation's new place as its stored target.
    AcceptMove {
        /// Which one.
        id: AnnotationId,
        /// Now.
        at: Timestamp,
    },
    /// Undo the last change to saved data.
    Undo,
    /// Redo it.
    Redo,
    /// Add a label.
    AddLabel {
        /// New ID.
        id: LabelId,
        /// Its name.
        name: String,
        /// Its colour.
        color: Color,
    },
    /// Rename a label.
    RenameLabel {
        /// Which label.
        id: LabelId,
        /// The new name.
        name: String,
    },
    /// Recolour a label.
    RecolorLabel {
        /// Which label.
        id: LabelId,
        /// The new colour.
        color: Color,
    },
    /// Delete an unused label.
    DeleteLabel {
        /// Which label.
        id: LabelId,
    },
    /// Choose the label for new annotations.
    SetActiveLabel {
        /// The label.
        id: LabelId,
    },
    /// The reader's selection changed.
    SelectText {
        /// The selection, if any is in the article.
        selection: Option<TextSelection>,
    },
    /// Open an annotation in the panel (or none).
    SelectAnnotation {
        /// Which one.
        id: Option<AnnotationId>,
    },
    /// Show or hide a label in the list.
    ToggleLabelFilter {
        /// The label.
        id: LabelId,
    },
    /// Show all labels.
    ClearLabelFilter,
    /// Search notes and quotes.
    SetSearch {
        /// The query.
        query: String,
    },
    /// Switch the panel tab.
    ShowTab {
        /// The tab.
        tab: PanelTab,
    },
    /// Hold a validated import for the user to confirm.
    PrepareImport {
        /// The import.
        import: Rc<PendingImport>,
    },
    /// Apply the pending import.
    ApplyImport {
        /// Merge or replace.
        mode: ImportMode,
    },
    /// Drop the pending import.
    CancelImport,
    /// Storage was probed.
    StorageProbed {
        /// The result.
        mode: StorageMode,
    },
    /// `version` of document `hash` is now stored as `rev`.
    Saved {
        /// The document written (a save that finishes after the reader
        /// switched documents must not touch the new one's state).
        hash: crate::text::DocHash,
        /// The state version written.
        version: u64,
        /// The new stored revision.
        rev: u64,
        /// When.
        at: Timestamp,
    },
    /// The shell wrote (or failed to write) parked saves of documents that
    /// are no longer open.
    OutboxSaved {
        /// One result per save written.
        results: Vec<OutboxResult>,
        /// When.
        at: Timestamp,
    },
    /// A save of `version` failed.
    SaveFailed {
        /// The state version.
        version: u64,
        /// Why.
        error: SaveError,
    },
    /// Another tab stored revision `rev` of the open document.
    RemoteUpdate {
        /// Its data.
        data: DocData,
        /// Its revision.
        rev: u64,
    },
    /// Another tab cleared storage.
    RemoteCleared,
    /// Resolve a conflict with another tab.
    ResolveConflict {
        /// Their version, to adopt; `None` keeps this tab's and overwrites.
        theirs: Option<(DocData, u64)>,
    },
    /// After a corrupt record or cleared storage: allow writing again.
    ResumeSaving,
    /// The library was read.
    LibraryLoaded {
        /// Its entries.
        entries: Vec<LibraryEntry>,
    },
    /// Storage usage was measured.
    UsageMeasured {
        /// Share of the quota (0..1).
        fraction: f32,
    },
    /// Show a message.
    Notify {
        /// The message.
        notice: Notice,
    },
    /// Hide the current message.
    DismissNotice,
    /// Show or hide one entity type's highlights.
    ToggleEntityType {
        /// The type.
        kind: crate::analysis::EntityType,
    },
    /// Show or hide quotation highlights.
    ToggleQuotes,
    /// Look at a suggestion (or none).
    FocusSuggestion {
        /// Its key.
        key: Option<String>,
    },
    /// Accept a suggestion: annotate its passage with its label (created if
    /// the document has none by that name) and note. One undo step.
    AcceptSuggestion {
        /// New annotation ID.
        id: AnnotationId,
        /// New label ID, used if the label must be created.
        label_id: LabelId,
        /// The suggestion.
        suggestion: Rc<suggest::Suggestion>,
        /// Now.
        at: Timestamp,
    },
    /// Dismiss a suggestion (remembered with the document; undoable).
    DismissSuggestion {
        /// Its key.
        key: String,
    },
    /// Bring back a dismissed suggestion.
    RestoreSuggestion {
        /// Its key.
        key: String,
    },
}

impl AppState {
    /// A state showing `document` with nothing stored.
    pub fn new(document: Document) -> AppState {
        let data = DocData::default();
        let active_label = data.fallback_label();
        let doc = Rc::new(OpenDoc::new(document));
        AppState {
            anchors: Rc::new(BTreeMap::new()),
            doc,
            data: Rc::new(data),
            version: 0,
            history: History::default(),
            ui: UiState {
                selection: None,
                selected: None,
                focus_note: 0,
                label_filter: BTreeSet::new(),
                search: String::new(),
                active_label,
                tab: PanelTab::Annotations,
                pending_import: None,
                hidden_types: BTreeSet::new(),
                show_quotes: true,
                focused_suggestion: None,
            },
            sync: SyncState::new(false),
            notice: None,
            library: Rc::new(Vec::new()),
            outbox: Outbox::default(),
        }
    }

    /// True when saved data changed since the last save.
    pub fn dirty(&self) -> bool {
        self.sync.keep && self.version != self.sync.saved_version
    }

    /// The save indicator.
    pub fn save_status(&self) -> SaveStatus {
        if self.sync.read_only.is_some() {
            SaveStatus::ReadOnly
        } else if matches!(self.sync.storage, StorageMode::MemoryOnly(_)) {
            SaveStatus::MemoryOnly
        } else if self.sync.conflict.is_some() || self.sync.corrupt.is_some() || self.sync.cleared_elsewhere {
            SaveStatus::Paused
        } else if self.sync.problem.is_some() && self.dirty() {
            SaveStatus::Failed
        } else if self.dirty() {
            SaveStatus::Pending
        } else {
            SaveStatus::Saved
        }
    }

    /// Where an annotation is, if placed.
    pub fn anchor_of(&self, id: &AnnotationId) -> Option<Anchor> {
        self.anchors.get(id).map(|(_, a)| a.clone())
    }

    /// Marks the open document as having changes not yet saved.
    fn mark_unsaved(&mut self) {
        self.sync.saved_version = self.version.wrapping_sub(1);
    }

    fn set_data(&mut self, data: DocData) {
        self.data = Rc::new(data);
        self.version += 1;
        self.reanchor();
    }

    fn change_data(&mut self, data: DocData) {
        let before = self.data.clone();
        self.history.record(before);
        self.set_data(data);
    }

    /// Recomputes anchors for annotations whose target changed; keeps the
    /// map itself when none did (a note or label edit), so a keystroke does
    /// not rebuild 5,000 entries (issue 10, item 5).
    fn reanchor(&mut self) {
        let old = &self.anchors;
        let unchanged = old.len() == self.data.annotations.len()
            && self.data.annotations.iter().all(|a| old.get(&a.id).is_some_and(|(t, _)| t == &a.target));
        if unchanged {
            return;
        }
        let anchorer = Anchorer::new(&self.doc.document);
        let map: AnchorMap = self
            .data
            .annotations
            .iter()
            .map(|a| {
                let anchor = match old.get(&a.id) {
                    Some((t, anchor)) if t == &a.target => anchor.clone(),
                    _ => anchorer.anchor(&a.target),
                };
                (a.id.clone(), (a.target.clone(), anchor))
            })
            .collect();
        self.anchors = Rc::new(map);
    }
}

/// Undo and redo alike: puts back the data of a history step, if there is
/// one.
fn restore(s: &mut AppState, step: Option<Rc<DocData>>) {
    if let Some(data) = step {
        s.data = data;
        s.version += 1;
        s.reanchor();
        fix_selection(s);
        s.notice = None;
    }
}

fn with_annotation(data: &DocData, id: &AnnotationId, f: impl FnOnce(&mut Annotation)) -> Option<DocData> {
    let mut next = data.clone();
    let a = next.annotations.iter_mut().find(|a| &a.id == id)?;
    f(a);
    Some(next)
}

fn import_summary(file: &str, report: &MergeReport, invalid: &[Quarantined], mode: ImportMode) -> Notice {
    let mut parts = vec![format!(
        "{} imported from “{file}”{}",
        report.imported + report.updated,
        if mode == ImportMode::Replace { " (replacing the previous annotations)" } else { "" }
    )];
    let skipped = report.skipped() + invalid.len();
    if skipped > 0 {
        let mut reasons = report.skipped_reasons();
        if !invalid.is_empty() {
            let first = invalid.first().map(|q| q.reason.clone()).unwrap_or_default();
            reasons.push(format!("{} unreadable (first: {first})", invalid.len()));
        }
        parts.push(format!("{skipped} skipped: {}", reasons.join("; ")));
    }
    Notice { tone: if invalid.is_empty() { Tone::Info } else { Tone::Error }, text: parts.join(". ") + "." }
}

impl Action {
    /// True for actions that change saved data (refused while read-only).
    pub fn changes_data(&self) -> bool {
        matches!(
            self,
            Action::CreateAnnotation { .. }
                | Action::SetNote { .. }
                | Action::SetLabel { .. }
                | Action::DeleteAnnotation { .. }
                | Action::Reattach { .. }
                | Action::AcceptMove { .. }
                | Action::Undo
                | Action::Redo
                | Action::AddLabel { .. }
                | Action::RenameLabel { .. }
                | Action::RecolorLabel { .. }
                | Action::DeleteLabel { .. }
                | Action::ApplyImport { .. }
                | Action::AcceptSuggestion { .. }
                | Action::DismissSuggestion { .. }
                | Action::RestoreSuggestion { .. }
        )
    }
}

/// The one state transition function.
pub fn apply(state: &AppState, action: Action) -> AppState {
    let mut s = state.clone();
    if action.changes_data() {
        if let Some(why) = &s.sync.read_only {
            s.notice = Some(Notice::error(format!("Read-only: {why}")));
            s.ui.pending_import = None;
            return s;
        }
    }
    match action {
        Action::OpenDocument { document, stored, origin } => open_document(&mut s, document, stored, origin),
        Action::CreateAnnotation { id, range, label, note, at } => {
            let Some(target) = Target::describe(&s.doc.document, range) else { return s };
            if s.data.annotation(&id).is_some() {
                return s;
            }
            let label = if s.data.label(&label).is_some() { label } else { s.data.fallback_label() };
            let mut next = (*s.data).clone();
            next.annotations.push(Annotation { id: id.clone(), target, label, note, created: at, updated: at });
            s.change_data(next);
            s.sync.keep = true;
            s.ui.selected = Some(id);
            s.ui.selection = None;
            s.ui.focus_note += 1;
            s.ui.tab = PanelTab::Annotations;
        }
        Action::SetNote { id, note, at } => {
            use crate::model::annotation::MAX_NOTE_CHARS;
            let cut = note.chars().nth(MAX_NOTE_CHARS).is_some();
            let note: String = note.chars().take(MAX_NOTE_CHARS).collect();
            if cut {
                s.notice = Some(Notice::error(format!(
                    "Notes are at most {} characters; the rest was not kept. Split a long note over several annotations.",
                    crate::text::numbers::group_thousands(MAX_NOTE_CHARS)
                )));
            }
            if s.data.annotation(&id).is_none_or(|a| a.note == note) {
                return s;
            }
            if let Some(next) = with_annotation(&s.data, &id, |a| {
                a.note = note;
                a.updated = at;
            }) {
                let before = s.data.clone();
                s.history.record_note_edit(before, &id, at);
                // A note does not move anything: the anchors stay.
                s.data = Rc::new(next);
                s.version += 1;
            }
        }
        Action::SetLabel { id, label, at } => {
            if s.data.label(&label).is_none() || s.data.annotation(&id).is_none_or(|a| a.label == label) {
                return s;
            }
            if let Some(next) = with_annotation(&s.data, &id, |a| {
                a.label = label.clone();
                a.updated = at;
            }) {
                s.change_data(next);
                s.ui.active_label = label;
            }
        }
        Action::DeleteAnnotation { id } => {
            if s.data.annotation(&id).is_none() {
                return s;
            }
            let mut next = (*s.data).clone();
            next.annotations.retain(|a| a.id != id);
            s.change_data(next);
            if s.ui.selected.as_ref() == Some(&id) {
                s.ui.selected = None;
            }
            s.notice = Some(Notice::info("Annotation deleted. Undo with Ctrl+Z."));
        }
        Action::Reattach { id, range, at } => {
            let Some(target) = Target::describe(&s.doc.document, range) else { return s };
            if let Some(next) = with_annotation(&s.data, &id, |a| {
                a.target = target;
                a.updated = at;
            }) {
                s.change_data(next);
                s.ui.selection = None;
                s.ui.selected = Some(id);
            }
        }
        Action::AcceptMove { id, at } => {
            let Some(range) = s.anchor_of(&id).and_then(|a| a.range()) else { return s };
            let Some(target) = Target::describe(&s.doc.document, range) else { return s };
            if let Some(next) = with_annotation(&s.data, &id, |a| {
                a.target = target;
                a.updated = at;
            }) {
                s.change_data(next);
            }
        }
        Action::Undo => {
            let step = s.history.undo(s.data.clone());
            restore(&mut s, step);
        }
        Action::Redo => {
            let step = s.history.redo(s.data.clone());
            restore(&mut s, step);
        }
        Action::AddLabel { id, name, color } => match clean_label_name(&name) {
            Err(e) => s.notice = Some(Notice::error(e)),
            Ok(_) if s.data.label(&id).is_some() => {}
            Ok(name) if s.data.label_name_taken(&name, None) => {
                s.notice = Some(Notice::error(format!("There is already a label called “{name}”.")));
            }
            Ok(name) => {
                let mut next = (*s.data).clone();
                next.labels.push(Label { id: id.clone(), name, color });
                s.change_data(next);
                s.sync.keep = true;
                s.ui.active_label = id;
            }
        },
        Action::RenameLabel { id, name } => match clean_label_name(&name) {
            Err(e) => s.notice = Some(Notice::error(e)),
            Ok(name) => {
                if s.data.label_name_taken(&name, Some(&id)) {
                    s.notice = Some(Notice::error(format!("There is already a label called “{name}”.")));
                    return s;
                }
                let mut next = (*s.data).clone();
                let Some(l) = next.labels.iter_mut().find(|l| l.id == id) else { return s };
                if l.name == name {
                    return s;
                }
                l.name = name;
                s.change_data(next);
                s.sync.keep = true;
            }
        },
        Action::RecolorLabel { id, color } => {
            let mut next = (*s.data).clone();
            let Some(l) = next.labels.iter_mut().find(|l| l.id == id) else { return s };
            if l.color == color {
                return s;
            }
            l.color = color;
            s.change_data(next);
            s.sync.keep = true;
        }
        Action::DeleteLabel { id } => {
            let used = s.data.annotations.iter().filter(|a| a.label == id).count();
            if used > 0 {
                s.notice = Some(Notice::error(format!("This label is used by {used} annotation(s); relabel them first.")));
                return s;
            }
            if s.data.labels.len() <= 1 || s.data.label(&id).is_none() {
                return s;
            }
            let mut next = (*s.data).clone();
            next.labels.retain(|l| l.id != id);
            s.change_data(next);
            s.sync.keep = true;
            if s.ui.active_label == id {
                s.ui.active_label = s.data.fallback_label();
            }
            s.ui.label_filter.remove(&id);
        }
        Action::SetActiveLabel { id } => {
            if s.data.label(&id).is_some() {
                s.ui.active_label = id;
            }
        }
        Action::SelectText { selection } => s.ui.selection = selection,
        Action::SelectAnnotation { id } => {
            s.ui.selected = id.filter(|id| s.data.annotation(id).is_some());
            if s.ui.selected.is_some() {
                s.ui.tab = PanelTab::Annotations;
            }
        }
        Action::ToggleLabelFilter { id } => {
            if !s.ui.label_filter.remove(&id) {
                s.ui.label_filter.insert(id);
            }
        }
        Action::ClearLabelFilter => s.ui.label_filter.clear(),
        Action::SetSearch { query } => s.ui.search = query.chars().take(200).collect(),
        Action::ShowTab { tab } => s.ui.tab = tab,
        Action::PrepareImport { import } => s.ui.pending_import = Some(import),
        Action::CancelImport => s.ui.pending_import = None,
        Action::ApplyImport { mode } => {
            let Some(import) = s.ui.pending_import.take() else { return s };
            if import.document.hash != s.doc.document.hash {
                let stored = match &import.existing {
                    Some((data, rev)) => Stored::Record { data: data.clone(), rev: *rev, skipped: 0 },
                    None => Stored::Nothing,
                };
                open_document(&mut s, import.document.clone(), stored, Origin::User);
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
        Action::StorageProbed { mode } => s.sync.storage = mode,
        Action::Saved { hash, version, rev, at } => {
            if hash != s.doc.document.hash {
                return s;
            }
            s.sync.overwrite_next = false;
            s.sync.rev = rev;
            s.sync.saved_version = s.sync.saved_version.max(version);
            s.sync.problem = None;
            let entry = LibraryEntry::of(&s.doc.document, &s.data, at);
            s.library = Rc::new(persist::with_entry(&s.library, entry));
        }
        Action::OutboxSaved { results, at } => outbox_saved(&mut s, results, at),
        Action::SaveFailed { version: _, error } => match error {
            SaveError::Conflict { stored_rev } => s.sync.conflict = Some(stored_rev),
            SaveError::NewerSchema(v) => s.sync.read_only = Some(format!("saved by a newer version of Marginalia (schema {v})")),
            SaveError::StoredCorrupt => {
                if s.sync.corrupt.is_none() {
                    s.sync.corrupt = Some(CorruptRecord { reason: "the saved copy could not be read".into(), backup_key: None, raw: Rc::from("") });
                }
            }
            SaveError::Quota { .. } => s.sync.problem = Some(SaveProblem::Full),
            SaveError::Storage(kv::StorageError::QuotaExceeded) => s.sync.problem = Some(SaveProblem::Full),
            other => s.sync.problem = Some(SaveProblem::Failed(other.to_string())),
        },
        Action::RemoteUpdate { data, rev } => {
            if rev <= s.sync.rev {
                return s;
            }
            if s.dirty() {
                // Never drop this tab's unsaved work: ask.
                s.sync.conflict = Some(rev);
            } else {
                adopt(&mut s, data, rev);
                s.notice = Some(Notice::info("Updated with changes made in another tab."));
            }
        }
        Action::RemoteCleared => {
            s.sync.cleared_elsewhere = true;
            s.sync.rev = 0;
        }
        Action::ResolveConflict { theirs } => match theirs {
            Some((data, rev)) => {
                adopt(&mut s, data, rev);
                s.sync.conflict = None;
            }
            None => {
                // Keep mine: the next save overwrites on top of theirs.
                if let Some(rev) = s.sync.conflict.take() {
                    s.sync.rev = rev;
                }
                s.mark_unsaved();
            }
        },
        Action::ResumeSaving => {
            s.sync.overwrite_next = s.sync.corrupt.is_some();
            s.sync.corrupt = None;
            s.sync.cleared_elsewhere = false;
            s.sync.keep = true;
            s.mark_unsaved();
        }
        Action::LibraryLoaded { entries } => s.library = Rc::new(entries),
        Action::UsageMeasured { fraction } => s.sync.usage = Some(fraction),
        Action::Notify { notice } => s.notice = Some(notice),
        Action::DismissNotice => s.notice = None,
        Action::ToggleEntityType { kind } => {
            if !s.ui.hidden_types.remove(&kind) {
                s.ui.hidden_types.insert(kind);
            }
        }
        Action::ToggleQuotes => s.ui.show_quotes = !s.ui.show_quotes,
        Action::FocusSuggestion { key } => s.ui.focused_suggestion = key,
        Action::AcceptSuggestion { id, label_id, suggestion, at } => {
            let Some(target) = Target::describe(&s.doc.document, suggestion.range) else { return s };
            if s.data.annotation(&id).is_some() {
                return s;
            }
            let mut next = (*s.data).clone();
            let label = match next.labels.iter().find(|l| l.name.eq_ignore_ascii_case(&suggestion.label)) {
                Some(l) => l.id.clone(),
                None => {
                    let color = suggest::type_color(suggestion.kind);
                    next.labels.push(Label { id: label_id.clone(), name: suggestion.label.clone(), color });
                    label_id
                }
            };
            next.dismissed.remove(&suggestion.key);
            next.annotations.push(Annotation { id: id.clone(), target, label, note: suggestion.note.clone(), created: at, updated: at });
            s.change_data(next);
            s.sync.keep = true;
            s.ui.focused_suggestion = None;
        }
        Action::DismissSuggestion { key } => {
            if s.data.dismissed.contains(&key) {
                return s;
            }
            let mut next = (*s.data).clone();
            next.dismissed.insert(key);
            s.change_data(next);
            s.sync.keep = true;
            s.ui.focused_suggestion = None;
        }
        Action::RestoreSuggestion { key } => {
            if !s.data.dismissed.contains(&key) {
                return s;
            }
            let mut next = (*s.data).clone();
            next.dismissed.remove(&key);
            s.change_data(next);
        }
    }
    s
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
                    failed.push(format!("“{}” ({e})", p.doc.document.title));
                }
            }
        }
    }
    s.library = Rc::new(library);
    if !failed.is_empty() {
        s.notice = Some(Notice::error(format!(
            "Your latest changes to {} could not be saved. They are kept in this tab: open that article again to retry, or export it.",
            failed.join(", ")
        )));
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
    fix_selection(s);
}

fn fix_selection(s: &mut AppState) {
    if let Some(id) = &s.ui.selected {
        if s.data.annotation(id).is_none() {
            s.ui.selected = None;
        }
    }
    if s.data.label(&s.ui.active_label).is_none() {
        s.ui.active_label = s.data.fallback_label();
    }
}

fn open_document(s: &mut AppState, document: Document, stored: Stored, origin: Origin) {
    let mut outbox = s.outbox.clone();
    // The document being left may have changes its debounced save has not
    // written yet: carry them (checklist: no path that changes the open
    // document may drop a save).
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
    let storage = s.sync.storage.clone();
    let library = s.library.clone();
    let usage = s.sync.usage;
    let mut next = AppState::new(document);
    next.sync.storage = storage;
    next.sync.usage = usage;
    next.library = library;
    next.outbox = outbox;
    next.version = s.version + 1;
    if let Some(p) = parked {
        next.data = p.data;
        next.sync.rev = p.base_rev;
        next.sync.keep = true;
        next.sync.overwrite_next = p.overwrite;
        next.sync.saved_version = next.version - 1;
        next.ui.active_label = next.data.fallback_label();
        next.reanchor();
        *s = next;
        return;
    }
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
                next.notice = Some(Notice::error(format!(
                    "{skipped} saved item(s) of this article could not be read; they are kept aside, not deleted, and included in exports."
                )));
            }
        }
        Stored::Newer { schema, data } => {
            if let Some(data) = data {
                next.data = Rc::new(data);
            }
            next.sync.read_only =
                Some(format!("This article was saved by a newer version of Marginalia (schema {schema}). Update or reload the app; nothing is saved meanwhile."));
            next.sync.keep = false;
            next.sync.saved_version = next.version;
        }
        Stored::Corrupt(c) => {
            next.sync.corrupt = Some(c);
            next.sync.keep = true;
            next.sync.saved_version = next.version;
        }
    }
    next.ui.active_label = next.data.fallback_label();
    next.reanchor();
    *s = next;
}

#[cfg(test)]
mod tests;
