//! Undo and redo over snapshots of the saved data.
//!
//! Snapshots are `Rc`s of immutable [`DocData`], so keeping 200 of them
//! costs only what actually changed between them being cloned once.

use std::rc::Rc;

use crate::model::{AnnotationId, DocData, DocDelta, Timestamp};

/// Most undo steps kept.
pub const MAX_UNDO: usize = 200;

/// Consecutive note edits of one annotation within this many milliseconds
/// are one undo step (typing is not a series of steps).
pub const COALESCE_MS: i64 = 1_500;

/// Undo and redo stacks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    past: Vec<Rc<DocData>>,
    future: Vec<Rc<DocData>>,
    /// The last note edit, for coalescing.
    last_note_edit: Option<(AnnotationId, Timestamp)>,
}

impl History {
    /// Records `before` as an undo step (clearing redo).
    pub fn record(&mut self, before: Rc<DocData>) {
        self.past.push(before);
        if self.past.len() > MAX_UNDO {
            self.past.remove(0);
        }
        self.future.clear();
        self.last_note_edit = None;
    }

    /// Records a note edit, merging it with the previous one when it is the
    /// same annotation within [`COALESCE_MS`].
    pub fn record_note_edit(&mut self, before: Rc<DocData>, id: &AnnotationId, at: Timestamp) {
        let coalesce = matches!(&self.last_note_edit, Some((last, t)) if last == id && at.0 - t.0 <= COALESCE_MS);
        if !coalesce {
            self.record(before);
        }
        self.future.clear();
        self.last_note_edit = Some((id.clone(), at));
    }

    /// Steps back: returns the data to restore, given the current one.
    pub fn undo(&mut self, current: Rc<DocData>) -> Option<Rc<DocData>> {
        let prev = self.past.pop()?;
        self.future.push(current);
        self.last_note_edit = None;
        Some(prev)
    }

    /// Steps forward again.
    pub fn redo(&mut self, current: Rc<DocData>) -> Option<Rc<DocData>> {
        let next = self.future.pop()?;
        self.past.push(current);
        self.last_note_edit = None;
        Some(next)
    }

    /// Another reader's changes (a shared article, issue 22) go into every
    /// step, so undo and redo take back only this reader's own changes and
    /// never another's. An own edit of an annotation another reader has
    /// since changed is no longer undone: theirs is kept.
    pub fn rebase(&mut self, theirs: &DocDelta) {
        for step in self.past.iter_mut().chain(self.future.iter_mut()) {
            *step = Rc::new(theirs.apply(step));
        }
        self.last_note_edit = None;
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}
