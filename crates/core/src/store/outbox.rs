//! Unsaved work that must outlive a document switch.
//!
//! Saving is debounced (`ui::autosave`), so a change made moments before the
//! reader opens another article would otherwise be dropped with the state
//! it lived in. Instead, every path that replaces the open document goes
//! through [`Outbox::park`] (called by the reducer's `open_document`): if the
//! document being left has unsaved changes, a [`PendingSave`] of it is
//! carried in [`AppState::outbox`](super::AppState::outbox) until the shell
//! writes it and reports back with `Action::OutboxSaved`.
//!
//! Because this is part of the pure state, no event path can forget it:
//! sample, paste, file, drop, import, library and startup all end in the same
//! `OpenDocument` transition. Re-opening a parked document before its save
//! landed takes the parked data back ([`Outbox::unpark`]) rather than the older copy
//! in storage.

use std::rc::Rc;

use super::persist::SaveError;
use super::OpenDoc;
use crate::model::DocData;
use crate::text::DocHash;

/// Sequence number of a parked save: the shell writes each one once.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SaveSeq(pub u64);

/// A document's unsaved state, waiting to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingSave {
    /// Order of parking; the shell skips sequences it already wrote.
    pub seq: SaveSeq,
    /// The document (shared with the state it was parked from).
    pub doc: Rc<OpenDoc>,
    /// Its data as last edited.
    pub data: Rc<DocData>,
    /// The stored revision that data is based on.
    pub base_rev: u64,
    /// Whether the save may replace an unreadable stored record.
    pub overwrite: bool,
}

impl PendingSave {
    /// The document's hash.
    pub fn hash(&self) -> &DocHash {
        &self.doc.document.hash
    }
}

/// The result of writing one parked save.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxResult {
    /// Which save.
    pub seq: SaveSeq,
    /// The new stored revision, or why it failed.
    pub outcome: Result<u64, SaveError>,
}

/// The parked saves, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outbox {
    items: Vec<PendingSave>,
    next_seq: u64,
}

impl Outbox {
    /// The parked saves, oldest first.
    pub fn items(&self) -> &[PendingSave] {
        &self.items
    }

    /// True when nothing waits to be written.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The newest parked sequence (0 when none was ever parked): a memo key.
    pub fn last_seq(&self) -> SaveSeq {
        SaveSeq(self.next_seq)
    }

    /// Parks `doc`'s state; an older parked save of the same document is
    /// replaced (its data is older than this one's).
    pub fn park(&mut self, doc: Rc<OpenDoc>, data: Rc<DocData>, base_rev: u64, overwrite: bool) {
        self.next_seq += 1;
        let seq = SaveSeq(self.next_seq);
        self.items.retain(|p| p.hash() != &doc.document.hash);
        self.items.push(PendingSave { seq, doc, data, base_rev, overwrite });
    }

    /// Takes the parked save of `hash` back out, if there is one.
    pub fn unpark(&mut self, hash: &DocHash) -> Option<PendingSave> {
        let i = self.items.iter().position(|p| p.hash() == hash)?;
        Some(self.items.remove(i))
    }

    /// Removes the save `seq` (written or given up); returns it.
    pub fn settle(&mut self, seq: SaveSeq) -> Option<PendingSave> {
        let i = self.items.iter().position(|p| p.seq == seq)?;
        Some(self.items.remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn open(text: &str) -> Rc<OpenDoc> {
        Rc::new(OpenDoc::new(Document::from_raw(text, None)))
    }

    #[test]
    fn parking_replaces_an_older_save_of_the_same_document() {
        let (a, b) = (open("A\nalpha"), open("B\nbeta"));
        let mut o = Outbox::default();
        o.park(a.clone(), Rc::new(DocData::default()), 1, false);
        o.park(b.clone(), Rc::new(DocData::default()), 0, false);
        o.park(a.clone(), Rc::new(DocData::default()), 2, false);
        let seen: Vec<(u64, u64)> = o.items().iter().map(|p| (p.seq.0, p.base_rev)).collect();
        assert_eq!(seen, vec![(2, 0), (3, 2)], "A's second park replaced its first, order kept");
        assert_eq!(o.last_seq(), SaveSeq(3));
    }

    #[test]
    fn unpark_and_settle_remove_one_save() {
        let (a, b) = (open("A\nalpha"), open("B\nbeta"));
        let mut o = Outbox::default();
        o.park(a.clone(), Rc::new(DocData::default()), 0, false);
        o.park(b.clone(), Rc::new(DocData::default()), 0, false);
        assert_eq!(o.unpark(&a.document.hash).map(|p| p.seq), Some(SaveSeq(1)));
        assert!(o.unpark(&a.document.hash).is_none());
        assert!(o.settle(SaveSeq(7)).is_none());
        assert!(o.settle(SaveSeq(2)).is_some());
        assert!(o.is_empty());
    }
}
