//! Derived data: pure functions of the state that the views render. The UI
//! memoises them on [`AppState::version`](super::AppState::version).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::{AnchorMap, UiState};
use crate::anchor::Anchor;
use crate::model::{Annotation, AnnotationId, DocData, Label, LabelId};
use crate::text::offsets::IndexedText;
use crate::text::CharRange;

/// Where an annotation stands.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// At its stored position.
    Exact,
    /// Found at another position with its quote and context as stored
    /// (text added or cut before it): where it was, for the reader.
    Shifted,
    /// Re-anchored elsewhere or to an edited quote.
    Moved,
    /// Not placed.
    Orphan,
}

/// One row of the annotation list.
#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    /// The annotation, shared with the saved data: a list of 5,000 rows is
    /// rebuilt on every change, and copying each row's quote and note was
    /// a millisecond or two of every keystroke. Compared by pointer first.
    pub annotation: Rc<Annotation>,
    /// Its place in the text, unless orphaned.
    pub range: Option<CharRange>,
    /// How it was placed.
    pub placement: Placement,
    /// How sure a moved annotation's new place is (0..1), as a percentage
    /// the reader reads.
    pub score: Option<u8>,
    /// The text at its new place, when that is not the stored quote (the
    /// publisher edited the passage): shown beside the old quote.
    pub now: Option<String>,
    /// The label.
    pub label: Rc<Label>,
}

impl ListItem {
    /// The annotation's id.
    pub fn id(&self) -> &AnnotationId {
        &self.annotation.id
    }

    /// The quoted text as stored (what the reader annotated).
    pub fn quote(&self) -> &str {
        &self.annotation.target.exact
    }

    /// The note.
    pub fn note(&self) -> &str {
        &self.annotation.note
    }

    /// When it was made and last edited.
    pub fn times(&self) -> (crate::model::Timestamp, crate::model::Timestamp) {
        (self.annotation.created, self.annotation.updated)
    }
}

/// A highlight to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    /// The passage.
    pub range: CharRange,
    /// The annotation, shared with the saved data (its id, and its note
    /// for the accessible name and tooltip): no copy per highlight per change.
    pub annotation: Rc<Annotation>,
    /// Its label.
    pub label: Rc<Label>,
    /// Re-anchored elsewhere.
    pub moved: bool,
}

impl Highlight {
    /// The annotation's id.
    pub fn id(&self) -> &AnnotationId {
        &self.annotation.id
    }

    /// Its note.
    pub fn note(&self) -> &str {
        &self.annotation.note
    }
}

fn placement(anchor: Option<&Anchor>) -> Placement {
    match anchor {
        Some(Anchor::Exact(_)) => Placement::Exact,
        Some(Anchor::Moved { intact: true, .. }) => Placement::Shifted,
        Some(Anchor::Moved { .. }) => Placement::Moved,
        _ => Placement::Orphan,
    }
}

/// Each label of `data` once, shared by every item that uses it: a list of
/// 5,000 annotations clones 5,000 pointers, not 15,000 strings, on every
/// change (issue 10, item 5).
struct SharedLabels<'a> {
    data: &'a DocData,
    labels: Vec<Rc<Label>>,
}

impl<'a> SharedLabels<'a> {
    fn new(data: &'a DocData) -> Self {
        SharedLabels { data, labels: data.labels.iter().cloned().map(Rc::new).collect() }
    }

    fn of(&self, id: &LabelId) -> Rc<Label> {
        match self.data.labels.iter().position(|l| &l.id == id) {
            Some(k) => Rc::clone(&self.labels[k]),
            None => Rc::new(crate::model::wire::recovered_label(id, 0)),
        }
    }
}

/// The list row of annotation `a`, its label shared from `labels`.
fn item_of(a: &Rc<Annotation>, anchors: &AnchorMap, text: &IndexedText, labels: &SharedLabels<'_>) -> ListItem {
    let anchor = anchors.get(&a.id).map(|(_, an)| an);
    ListItem {
        annotation: Rc::clone(a),
        range: anchor.and_then(Anchor::range),
        placement: placement(anchor),
        score: match anchor {
            Some(Anchor::Moved { score, intact: false, .. }) => Some((score * 100.0).round().clamp(0.0, 100.0) as u8),
            _ => None,
        },
        now: anchor
            .and_then(Anchor::range)
            .and_then(|r| text.slice(r))
            .filter(|now| *now != a.target.exact)
            .map(str::to_string),
        label: labels.of(&a.label),
    }
}

/// The list's order: by place, orphans last; ties by id. Compared by
/// reference: a key that clones the id would allocate n log n strings on
/// every change.
pub fn item_order(a: &ListItem, b: &ListItem) -> std::cmp::Ordering {
    let at = |i: &ListItem| i.range.map_or((usize::MAX, usize::MAX), |r| (r.start, r.end));
    at(a).cmp(&at(b)).then_with(|| a.id().cmp(b.id()))
}

/// Every annotation in document order (orphans last), unfiltered; `text`
/// is the open document's.
pub fn all_items(data: &DocData, anchors: &AnchorMap, text: &IndexedText) -> Vec<ListItem> {
    let labels = SharedLabels::new(data);
    let mut items: Vec<ListItem> = data.annotations.iter().map(|a| item_of(a, anchors, text, &labels)).collect();
    crate::order::sort_by(&mut items, item_order);
    items
}

/// The rows of annotations `added` to `data` since `rows` were derived
/// from it (with no other change but notes), placed in `rows` where
/// [`all_items`] would place them.
pub fn with_items_added(rows: &mut Vec<ListItem>, added: &[Rc<Annotation>], data: &DocData, anchors: &AnchorMap, text: &IndexedText) {
    let labels = SharedLabels::new(data);
    for a in added {
        let row = item_of(a, anchors, text, &labels);
        let at = rows.partition_point(|r| item_order(r, &row).is_lt());
        rows.insert(at, row);
    }
}

/// The list as filtered by label and search (case-insensitive, over notes,
/// quotes and label names).
pub fn visible_items<'a>(items: &'a [ListItem], ui: &UiState) -> Vec<&'a ListItem> {
    let query = ui.search.trim().to_lowercase();
    items
        .iter()
        .filter(|i| ui.label_filter.is_empty() || ui.label_filter.contains(&i.label.id))
        .filter(|i| {
            query.is_empty()
                || i.note().to_lowercase().contains(&query)
                || i.quote().to_lowercase().contains(&query)
                || i.label.name.to_lowercase().contains(&query)
        })
        .collect()
}

/// The highlight of annotation `a`, if it is placed.
fn highlight_of(a: &Rc<Annotation>, anchors: &AnchorMap, labels: &SharedLabels<'_>) -> Option<Highlight> {
    let (_, anchor) = anchors.get(&a.id)?;
    Some(Highlight { range: anchor.range()?, annotation: Rc::clone(a), label: labels.of(&a.label), moved: matches!(anchor, Anchor::Moved { .. }) })
}

/// The highlights' order, stable among equals: longest first, then by
/// start.
fn highlight_key(h: &Highlight) -> (std::cmp::Reverse<usize>, usize) {
    (std::cmp::Reverse(h.range.len()), h.range.start)
}

/// Highlights for every placed annotation, shortest last (so the innermost
/// of nested highlights is drawn on top).
pub fn highlights(data: &DocData, anchors: &AnchorMap) -> Vec<Highlight> {
    let labels = SharedLabels::new(data);
    let mut out: Vec<Highlight> = data.annotations.iter().filter_map(|a| highlight_of(a, anchors, &labels)).collect();
    crate::order::sort_by_key(&mut out, highlight_key);
    out
}

/// The highlights of annotations `added` to `data` (the last ones of its
/// list) since `rows` were derived from it, placed in `rows` where
/// [`highlights`] would place them: after every highlight with the same
/// key, as its stable sort keeps the data's order.
pub fn with_highlights_added(rows: &mut Vec<Highlight>, added: &[Rc<Annotation>], data: &DocData, anchors: &AnchorMap) {
    let labels = SharedLabels::new(data);
    for h in added.iter().filter_map(|a| highlight_of(a, anchors, &labels)) {
        let at = rows.partition_point(|r| highlight_key(r) <= highlight_key(&h));
        rows.insert(at, h);
    }
}

/// Annotation count per label, in label order.
pub fn label_counts(data: &DocData) -> Vec<(Label, usize)> {
    let mut counts: BTreeMap<&LabelId, usize> = BTreeMap::new();
    for a in &data.annotations {
        *counts.entry(&a.label).or_default() += 1;
    }
    data.labels.iter().map(|l| (l.clone(), counts.get(&l.id).copied().unwrap_or(0))).collect()
}
