//! Application state as plain data, changed only by [`apply`]ing an
//! [`Action`]: a domain verb with named fields. Each action belongs to a
//! [`Family`] whose reducer (`store/reduce/<family>.rs`) handles it; every
//! sentence shown to the reader is in [`messages`]. The UI dispatches actions
//! and renders the state; saving watches the state from outside (the shell
//! compares [`AppState::version`] with [`SyncState::saved_version`]) and
//! reports back with actions, never from inside `apply`.
//!
//! Saved data ([`DocData`]) and UI state ([`UiState`]) live apart; every
//! change to saved data is undoable.

pub mod derived;
pub mod history;
pub mod kv;
pub mod messages;
pub mod outbox;
pub mod page;
pub mod paint;
pub mod persist;
pub mod concurrent;
pub mod relay;
pub mod share;
mod reduce;
pub mod suggest;
pub mod view;

pub use reduce::apply;

use crate::model::SuggestionKey;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::anchor::{Anchor, Anchorer};
use crate::export::Incoming;
use crate::model::{Annotation, AnnotationId, Color, DocData, Document, LabelId, Quarantined, Timestamp};
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

/// Where each annotation landed, with the annotation it was computed for
/// (so unchanged targets are not anchored again). The annotation is the
/// saved data's own `Rc`, not a copy of its target: rebuilding the map
/// for one new annotation had copied 5,000 targets with their contexts,
/// 3 ms of adding one (issue 20), and comparing the targets on every
/// keystroke is mostly a pointer comparison now.
pub type AnchorMap = BTreeMap<AnnotationId, (Rc<Annotation>, Anchor)>;

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
    pub focused_suggestion: Option<SuggestionKey>,
    /// The shared room this article is in, if any (issue 22).
    pub share: Option<Rc<share::ShareView>>,
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
    /// Pages annotated in place (the widget's and the extension's records).
    pub pages: Rc<Vec<page::SavedPage>>,
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
    /// Show the open page the other way (its article, or the whole page):
    /// `document` is that reading, `stored` what storage holds for it. The
    /// annotations go with the reader and re-anchor there (issue 19).
    SwitchReading {
        /// The other reading of the open page.
        document: Document,
        /// Its stored state.
        stored: Stored,
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
    /// A page's save found another tab's save and merged it in
    /// ([`concurrent::catch_up`]): the merged data becomes the open one.
    MergedElsewhere {
        /// The merged data.
        data: DocData,
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
    /// Other readers changed the shared article (issue 22): their changes,
    /// not an undo step of this reader's.
    SharedChanges {
        /// What changed.
        delta: crate::model::DocDelta,
        /// Annotations kept because someone edited them while another
        /// reader deleted them.
        restored: Vec<AnnotationId>,
    },
    /// This reader joined a shared room for the open article: the room's
    /// data merged with what they had (newer copies win, nothing of
    /// theirs dropped); what they alone had goes to the room next.
    JoinedRoom {
        /// The room's data.
        data: DocData,
    },
    /// The shared room's state changed (`None`: not shared).
    ShareState {
        /// What the toolbar shows.
        view: Option<share::ShareView>,
    },
    /// The library was read.
    LibraryLoaded {
        /// Its entries.
        entries: Vec<LibraryEntry>,
        /// The pages annotated in place.
        pages: Vec<page::SavedPage>,
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
        key: Option<SuggestionKey>,
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
        key: SuggestionKey,
    },
    /// Bring back a dismissed suggestion.
    RestoreSuggestion {
        /// Its key.
        key: SuggestionKey,
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
                share: None,
            },
            sync: SyncState::new(false),
            notice: None,
            library: Rc::new(Vec::new()),
            pages: Rc::new(Vec::new()),
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

    /// Drops a selection of an annotation that is gone and an active label
    /// that is gone.
    fn fix_selection(&mut self) {
        if let Some(id) = &self.ui.selected {
            if self.data.annotation(id).is_none() {
                self.ui.selected = None;
            }
        }
        if self.data.label(&self.ui.active_label).is_none() {
            self.ui.active_label = self.data.fallback_label();
        }
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
        // Anchored for the same target: the same annotation, or one whose
        // note alone changed since.
        let same_target = |was: &Rc<Annotation>, a: &Rc<Annotation>| Rc::ptr_eq(was, a) || was.target == a.target;
        let unchanged = old.len() == self.data.annotations.len()
            && self.data.annotations.iter().all(|a| old.get(&a.id).is_some_and(|(was, _)| same_target(was, a)));
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
                    Some((was, anchor)) if same_target(was, a) => anchor.clone(),
                    _ => anchorer.anchor(&a.target),
                };
                (a.id.clone(), (Rc::clone(a), anchor))
            })
            .collect();
        self.anchors = Rc::new(map);
    }
}

/// The families of [`Action`], one reducer each (`store/reduce/`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Family {
    /// Opening articles and importing annotations.
    Documents,
    /// Creating, editing, deleting annotations; undo and redo.
    Annotations,
    /// The document's labels.
    Labels,
    /// The analysis' suggestions and what is shown of them.
    Suggestions,
    /// Outcomes of saving, other tabs and storage.
    Sync,
    /// Selection, filters, search, tabs, messages (nothing saved).
    View,
    /// A shared room: others' changes and the connection's state.
    Share,
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

    /// The family whose reducer handles this action (see `reduce/`).
    pub fn family(&self) -> Family {
        match self {
            Action::OpenDocument { .. } | Action::SwitchReading { .. } | Action::PrepareImport { .. } | Action::ApplyImport { .. } | Action::CancelImport => {
                Family::Documents
            }
            Action::CreateAnnotation { .. }
            | Action::SetNote { .. }
            | Action::SetLabel { .. }
            | Action::DeleteAnnotation { .. }
            | Action::Reattach { .. }
            | Action::AcceptMove { .. }
            | Action::Undo
            | Action::Redo => Family::Annotations,
            Action::AddLabel { .. } | Action::RenameLabel { .. } | Action::RecolorLabel { .. } | Action::DeleteLabel { .. } | Action::SetActiveLabel { .. } => {
                Family::Labels
            }
            Action::AcceptSuggestion { .. }
            | Action::DismissSuggestion { .. }
            | Action::RestoreSuggestion { .. }
            | Action::FocusSuggestion { .. }
            | Action::ToggleEntityType { .. }
            | Action::ToggleQuotes => Family::Suggestions,
            Action::StorageProbed { .. }
            | Action::Saved { .. }
            | Action::OutboxSaved { .. }
            | Action::SaveFailed { .. }
            | Action::RemoteUpdate { .. }
            | Action::MergedElsewhere { .. }
            | Action::RemoteCleared
            | Action::ResolveConflict { .. }
            | Action::ResumeSaving
            | Action::LibraryLoaded { .. }
            | Action::UsageMeasured { .. } => Family::Sync,
            Action::SelectText { .. }
            | Action::SelectAnnotation { .. }
            | Action::ToggleLabelFilter { .. }
            | Action::ClearLabelFilter
            | Action::SetSearch { .. }
            | Action::ShowTab { .. }
            | Action::Notify { .. }
            | Action::DismissNotice => Family::View,
            Action::SharedChanges { .. } | Action::JoinedRoom { .. } | Action::ShareState { .. } => Family::Share,
        }
    }
}

#[cfg(test)]
mod tests;
