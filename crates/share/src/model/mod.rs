//! The annotations of one shared article as a Yjs document (yrs).
//!
//! Layout (root types of the document; every reader's copy has the same):
//!
//! ```text
//! article      Y.Map   schema: 1, hash: DocHash, title, text (the canonical
//!                      text, set once by the reader who shared it)
//! annotations  Y.Map   id → Y.Map { target: Target as JSON, label: id,
//!                                   note: Y.Text, created, updated: ms,
//!                                   rev: who edited last, deleted?: rev }
//! labels       Y.Map   id → Label as JSON with its place in the list
//! dismissed    Y.Map   suggestion key → true
//! ```
//!
//! A note is a `Y.Text`, so two people typing in one note both keep their
//! words. Every other field is last-writer-wins, as a map entry is.
//!
//! **A delete concurrent with an edit**: deleting marks the annotation
//! (`deleted` = the `rev` the deleter saw) instead of removing it. Every
//! edit writes a new `rev`. An annotation is gone only while its
//! `deleted` equals its `rev`: an edit the deleter had not seen gives it a
//! new `rev`, and the annotation comes back, edited, with
//! [`Materialized::restored`] naming it so the reader is told. Nothing
//! anybody typed is lost without a trace: a deleted annotation's text stays
//! in the document (and the saved state) and returns with the next edit.

mod article;
mod read;
mod write;

#[cfg(test)]
mod tests;

use yrs::updates::decoder::Decode;
use yrs::block::ClientID;
use yrs::{Doc, MapRef, Options, ReadTxn, StateVector, Transact, Update};

use crate::error::{ErrorKind, ShareError};

pub use article::SharedArticle;
pub use read::Materialized;

/// Version of this layout, written in `article.schema`.
pub const SCHEMA: i64 = 1;

/// Yjs client ids are integers a JavaScript number holds exactly.
const CLIENT_ID_MASK: u64 = (1 << 53) - 1;

/// Root map of the article's identity and text.
const ARTICLE: &str = "article";
/// Root map of annotations by id.
const ANNOTATIONS: &str = "annotations";
/// Root map of labels by id.
const LABELS: &str = "labels";
/// Root map of dismissed suggestion keys.
const DISMISSED: &str = "dismissed";

/// Field names inside an annotation's map.
mod field {
    pub const TARGET: &str = "target";
    pub const LABEL: &str = "label";
    pub const NOTE: &str = "note";
    pub const CREATED: &str = "created";
    pub const UPDATED: &str = "updated";
    pub const REV: &str = "rev";
    pub const DELETED: &str = "deleted";
}

/// One reader's copy of a shared article's annotations.
pub struct SharedDoc {
    doc: Doc,
    article: MapRef,
    annotations: MapRef,
    labels: MapRef,
    dismissed: MapRef,
    /// Edits made by this copy, for unique `rev` tags.
    edits: u64,
}

impl SharedDoc {
    /// An empty copy whose changes carry `client_id` (random per browser
    /// tab: two copies writing with one id would corrupt the document;
    /// only its low 53 bits are used, as in Yjs).
    pub fn new(client_id: u64) -> SharedDoc {
        let client_id = ClientID::new(client_id & CLIENT_ID_MASK);
        let doc = Doc::with_options(Options { client_id, ..Options::default() });
        let article = doc.get_or_insert_map(ARTICLE);
        let annotations = doc.get_or_insert_map(ANNOTATIONS);
        let labels = doc.get_or_insert_map(LABELS);
        let dismissed = doc.get_or_insert_map(DISMISSED);
        SharedDoc { doc, article, annotations, labels, dismissed, edits: 0 }
    }

    /// A copy restored from [`SharedDoc::encode_state`] (the record's saved
    /// CRDT state), writing with a new `client_id`.
    pub fn restore(client_id: u64, state: &[u8]) -> Result<SharedDoc, ShareError> {
        let shared = SharedDoc::new(client_id);
        shared.apply_update(state).map_err(|_| ShareError::new(ErrorKind::State, "the saved shared state is damaged; it will be fetched again from the room"))?;
        Ok(shared)
    }

    /// This copy's client id.
    pub fn client_id(&self) -> u64 {
        self.doc.client_id().get()
    }

    /// Applies an update from another reader (through the server).
    pub fn apply_update(&self, update: &[u8]) -> Result<(), ShareError> {
        let bad = |_| ShareError::new(ErrorKind::Protocol, "a damaged update arrived from the room and was ignored");
        let update = Update::decode_v1(update).map_err(bad)?;
        self.doc.transact_mut().apply_update(update).map_err(|e| ShareError::new(ErrorKind::Protocol, format!("an update from the room could not be applied: {e}")))
    }

    /// What this copy holds, as a compact vector (Yjs sync step 1).
    pub fn state_vector(&self) -> Vec<u8> {
        use yrs::updates::encoder::Encode;
        self.doc.transact().state_vector().encode_v1()
    }

    /// Everything this copy holds that a peer with `state_vector` lacks
    /// (Yjs sync step 2).
    pub fn diff_since(&self, state_vector: &[u8]) -> Result<Vec<u8>, ShareError> {
        let sv = StateVector::decode_v1(state_vector).map_err(|_| ShareError::new(ErrorKind::Protocol, "a damaged state vector arrived from the room"))?;
        Ok(self.doc.transact().encode_state_as_update_v1(&sv))
    }

    /// The whole state, to save with the record.
    pub fn encode_state(&self) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(&StateVector::default())
    }

    /// A new, unique edit tag of this copy.
    fn next_rev(&mut self) -> String {
        self.edits += 1;
        format!("{}.{}", self.client_id(), self.edits)
    }
}
