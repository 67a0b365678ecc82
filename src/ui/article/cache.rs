//! The block models of the last render and what they were built from, so a
//! change rebuilds the blocks it touches: a keystroke in a note one block,
//! accepting a suggestion the blocks holding it, and a new analysis (every
//! block with a found name) a slice of blocks per task, the visible ones
//! first (issue 20), instead of two thousand in one long task.

use std::rc::Rc;

use super::model::{block_model, BlockModel};
use crate::model::{AnnotationId, SuggestionKey};
use crate::store::suggest::{Status, Suggestion};
use crate::store::view::Highlight;
use crate::store::OpenDoc;
use crate::text::layout::Block;
use crate::text::CharRange;

/// For each block, the highlights that overlap it, in the order of
/// `highlights` (longest first): one pass over the highlights with a binary
/// search over the block starts, instead of every block scanning every
/// highlight (5,000 annotations on 2,000 paragraphs cost 10 million
/// overlap tests per keystroke; issue 10, item 5).
fn highlights_by_block(blocks: &[Block], highlights: &[Highlight]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for (i, h) in highlights.iter().enumerate() {
        let first = blocks.partition_point(|b| b.range.end <= h.range.start);
        for (k, b) in blocks.iter().enumerate().skip(first) {
            if b.range.start >= h.range.end {
                break;
            }
            if b.range.overlaps(&h.range) {
                out[k].push(i);
            }
        }
    }
    out
}

/// Whether `a` and `b` are highlights over the same passages in the same
/// order (so over the same blocks).
fn same_places(a: &[Highlight], b: &[Highlight]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.range == y.range)
}

/// What the blocks are built from (beyond the document).
pub(super) struct Inputs {
    /// Highlights of placed annotations.
    pub(super) highlights: Rc<Vec<Highlight>>,
    /// The suggestions shown, sorted by start, with their status.
    pub(super) suggestions: Rc<Vec<(Suggestion, Status)>>,
    /// The annotation open in the panel.
    pub(super) selected: Option<AnnotationId>,
    /// The suggestion looked at.
    pub(super) focused: Option<SuggestionKey>,
    /// The reader's text selection while it lasts: a block under it whose
    /// suggestions alone changed keeps its model (and its text nodes, which
    /// the browser's selection is made of) until the selection ends. An
    /// analysis landing while the reader selects must not take the
    /// selection away.
    pub(super) held: Option<CharRange>,
}

/// What one block's model was built from, beyond its highlights: the
/// suggestion list and the part of it over the block, and the focused
/// suggestion when it is one of those.
struct Built {
    suggestions: Rc<Vec<(Suggestion, Status)>>,
    span: (usize, usize),
    focus_here: Option<SuggestionKey>,
}

impl Built {
    fn of(inputs: &Inputs, block: &Block) -> Built {
        let span = span_over(&inputs.suggestions, block);
        let here = &inputs.suggestions[span.0..span.1];
        let focus_here = inputs.focused.clone().filter(|f| here.iter().any(|(s, _)| &s.key == f));
        Built { suggestions: inputs.suggestions.clone(), span, focus_here }
    }

    /// Whether `now` shows the block the same suggestions as this.
    fn same_suggestions(&self, now: &Built) -> bool {
        Rc::ptr_eq(&self.suggestions, &now.suggestions) && self.span == now.span
            || self.suggestions[self.span.0..self.span.1] == now.suggestions[now.span.0..now.span.1]
    }
}

/// The suggestions over `block`, as a range of indices (they are sorted by
/// start, and by end among those that can reach it).
fn span_over(suggestions: &[(Suggestion, Status)], block: &Block) -> (usize, usize) {
    let first = suggestions.partition_point(|(s, _)| s.range.end <= block.range.start);
    let n = suggestions[first..].iter().take_while(|(s, _)| s.range.start < block.range.end).count();
    (first, first + n)
}

/// How a block's model compares with what it would be built from now.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Fresh {
    /// Unchanged: reuse it.
    Yes,
    /// Only the suggestions over it changed (a new analysis): rebuilt in
    /// this render's slice or a later one, shown as it was meanwhile.
    Suggestions,
    /// Its annotations, selection or focus changed: rebuilt now.
    No,
}

/// How many blocks whose suggestions changed are rebuilt per render: with
/// their re-render, about 10–15 ms of work (as the progressive build's
/// slices, `MORE_BLOCKS`), so a new analysis of a 2,000-paragraph article
/// is never one long task (issue 20: 279–480 ms before).
pub(super) const SLICE_BLOCKS: usize = 192;

/// The first slice after a new analysis is smaller: about a screen of
/// blocks from the first one on screen. It is the render the answer lands
/// in, when the code that builds highlighted blocks often runs for the
/// first time (V8 compiles it then): on the sample article, whose 45
/// blocks all fit one [`SLICE_BLOCKS`] slice, that render was a task of
/// 36–52 ms at start-up, against issue 20's 50 ms bar. The rest follow in
/// the next tasks.
pub(super) const FIRST_SLICE_BLOCKS: usize = 24;

/// The block models of the last render and what they were built from, so a
/// change rebuilds only the blocks it touches (issue 10, item 5; issue 20).
pub(super) struct BlockCache {
    doc: crate::text::DocHash,
    inputs: Inputs,
    /// Per block, indices into `highlights` of those overlapping it.
    buckets: Rc<Vec<Vec<usize>>>,
    /// The index in `highlights` of the selected annotation's.
    selected_at: Option<usize>,
    /// What each block's model was built from; `None` for a block not
    /// built yet (past the progressive build's count).
    built: Vec<Option<Rc<Built>>>,
    /// Per block, its model ([`BlockCache::placeholder`] until built).
    pub(super) models: Vec<Rc<BlockModel>>,
    /// The one model standing for every block not built yet (never shown).
    placeholder: Rc<BlockModel>,
    /// The models in runs of [`GROUP`], each kept (same `Rc`) while all its
    /// models are.
    pub(super) groups: Vec<Rc<[Rc<BlockModel>]>>,
    /// Blocks still showing older suggestions: a later render rebuilds them.
    pub(super) waiting: usize,
    /// Blocks showing older suggestions because the reader's selection is
    /// on them: rebuilt when it ends.
    pub(super) held_back: usize,
}

/// Blocks per [`BlockGroup`]. yew compares a child's props on every render
/// of its parent; grouped, a change to one block (a keystroke in a note)
/// compares the groups by pointer and one group's blocks — about 100
/// comparisons for a 2,000-block article instead of 2,000 (issue 10, item 5:
/// they cost 2 ms of a 16 ms keystroke).
pub(super) const GROUP: usize = 32;

/// `models` in runs of [`GROUP`], reusing `prev`'s run where every model in
/// it is the same `Rc`.
fn group_models(models: &[Rc<BlockModel>], prev: Option<&BlockCache>) -> Vec<Rc<[Rc<BlockModel>]>> {
    models
        .chunks(GROUP)
        .enumerate()
        .map(|(g, chunk)| {
            let old = prev.and_then(|p| p.groups.get(g));
            match old {
                Some(o) if o.len() == chunk.len() && o.iter().zip(chunk).all(|(a, b)| Rc::ptr_eq(a, b)) => Rc::clone(o),
                _ => Rc::from(chunk),
            }
        })
        .collect()
}

impl BlockCache {
    /// How block `k`'s model in this cache compares with one built from
    /// `inputs` (its highlights `bucket`, the selected highlight's index
    /// `selected_at`, its `built` now).
    fn fresh(&self, k: usize, inputs: &Inputs, bucket: &[usize], selected_at: Option<usize>, now: &Rc<Built>) -> Fresh {
        let (old, hs) = (&self.buckets[k], &inputs.highlights);
        let holds = |idx: &[usize], at: Option<usize>| at.is_some_and(|at| idx.contains(&at));
        let selected_here = holds(bucket, selected_at);
        let marks_same = old.len() == bucket.len()
            && old.iter().zip(bucket).all(|(&i, &j)| self.inputs.highlights[i] == hs[j])
            && holds(old, self.selected_at) == selected_here
            && (!selected_here || self.inputs.selected == inputs.selected);
        let Some(built) = &self.built[k] else { return Fresh::No };
        if !marks_same {
            Fresh::No
        } else if Rc::ptr_eq(built, now) {
            Fresh::Yes
        } else if built.focus_here != now.focus_here {
            Fresh::No
        } else if built.same_suggestions(now) {
            Fresh::Yes
        } else {
            Fresh::Suggestions
        }
    }

    /// Per block, the highlights over it: `prev`'s when the highlights are
    /// in the same places (a note edited, one annotation swapped for
    /// another), found afresh otherwise.
    fn buckets(blocks: &[Block], highlights: &[Highlight], prev: Option<&BlockCache>) -> Rc<Vec<Vec<usize>>> {
        match prev {
            Some(p) if same_places(&p.inputs.highlights, highlights) => Rc::clone(&p.buckets),
            _ => Rc::new(highlights_by_block(blocks, highlights)),
        }
    }

    /// Per block, what its model is built from now: `prev`'s when the
    /// suggestions and the focused one are the same (a keystroke, a new
    /// annotation) and the block was built from them (not a block still
    /// waiting for its slice), worked out afresh otherwise.
    fn built_now(blocks: &[Block], inputs: &Inputs, prev: Option<&BlockCache>) -> Vec<Rc<Built>> {
        let same = prev.filter(|p| Rc::ptr_eq(&p.inputs.suggestions, &inputs.suggestions) && p.inputs.focused == inputs.focused);
        let current = |built: &&Rc<Built>| Rc::ptr_eq(&built.suggestions, &inputs.suggestions);
        blocks
            .iter()
            .enumerate()
            .map(|(k, b)| match same.and_then(|p| p.built[k].as_ref()).filter(current) {
                Some(built) => Rc::clone(built),
                None => Rc::new(Built::of(inputs, b)),
            })
            .collect()
    }

    /// Models for the first `limit` blocks of `doc` (those the progressive
    /// build shows; the rest stay [`BlockCache::placeholder`]s), reusing
    /// those of `prev` that are unchanged. Of the blocks whose suggestions
    /// alone changed, at most [`FIRST_SLICE_BLOCKS`] are rebuilt in the
    /// first render after they changed and [`SLICE_BLOCKS`] in each next
    /// one, starting at
    /// block `from()` (the first on screen: asked only then, since it reads
    /// the page's layout); the rest keep their model and are counted in
    /// `waiting`.
    pub(super) fn build(doc: &OpenDoc, inputs: Inputs, prev: Option<&BlockCache>, from: impl FnOnce() -> usize, limit: usize) -> BlockCache {
        let blocks = &doc.layout.blocks;
        let prev = prev.filter(|p| p.doc == doc.document.hash && p.buckets.len() == blocks.len());
        let buckets = Self::buckets(blocks, &inputs.highlights, prev);
        let selected_at = inputs.selected.as_ref().and_then(|s| inputs.highlights.iter().position(|h| h.id() == s));
        let now = Self::built_now(blocks, &inputs, prev);
        let fresh: Vec<Fresh> = (0..blocks.len()).map(|k| prev.map_or(Fresh::No, |p| p.fresh(k, &inputs, &buckets[k], selected_at, &now[k]))).collect();
        let held = |k: usize| inputs.held.is_some_and(|r| blocks[k].range.overlaps(&r));
        let deferred: Vec<bool> = fresh.iter().enumerate().map(|(k, f)| *f == Fresh::Suggestions && k < limit && !held(k)).collect();
        // A slice already under way (`waiting`) goes on at full size.
        let max = if prev.is_some_and(|p| p.waiting > 0) { SLICE_BLOCKS } else { FIRST_SLICE_BLOCKS };
        let rebuild_now = if deferred.contains(&true) { crate::render::this_slice(&deferred, from(), max) } else { deferred };
        let placeholder = prev.map_or_else(|| Rc::new(BlockModel::placeholder()), |p| Rc::clone(&p.placeholder));
        let (mut waiting, mut held_back, mut built, mut models) = (0, 0, Vec::with_capacity(blocks.len()), Vec::with_capacity(blocks.len()));
        for (k, (block, now)) in blocks.iter().zip(now).enumerate() {
            let keep = match (prev, fresh[k]) {
                (Some(p), Fresh::Yes) => Some(p),
                (Some(p), Fresh::Suggestions) if !rebuild_now[k] => {
                    if held(k) {
                        held_back += usize::from(k < limit);
                    } else {
                        waiting += usize::from(k < limit);
                    }
                    Some(p)
                }
                _ => None,
            };
            if let Some(p) = keep {
                built.push(p.built[k].clone());
                models.push(Rc::clone(&p.models[k]));
            } else if k < limit {
                let hs: Vec<&Highlight> = buckets[k].iter().map(|&i| &inputs.highlights[i]).collect();
                models.push(Rc::new(block_model(doc, block, &hs, &inputs.suggestions, inputs.selected.as_ref(), inputs.focused.as_ref())));
                built.push(Some(now));
            } else {
                models.push(Rc::clone(&placeholder));
                built.push(None);
            }
        }
        let groups = group_models(&models, prev);
        BlockCache { doc: doc.document.hash.clone(), inputs, buckets, selected_at, built, models, placeholder, groups, waiting, held_back }
    }
}

#[cfg(test)]
mod tests {
    // By its full path: the architecture test reads `super` as the
    // article module, which uses this one (a cycle that is not one).
    use crate::ui::article::cache::*;
    use crate::model::{AnnotationId, Timestamp};
    use crate::store::derived::Derived;
    use crate::store::suggest;
    use crate::store::{apply, view, Action, AppState};

    fn id(s: &str) -> AnnotationId {
        AnnotationId::parse(s).unwrap()
    }

    /// The sample's paragraphs three times over (more blocks than the
    /// first slice), with an annotation at the start of blocks 2, 5 and 9.
    fn annotated() -> AppState {
        let text = crate::sample::sample_document().text().to_string();
        let body = text.split_once('\n').map_or(text.as_str(), |(_, body)| body);
        let doc = crate::model::Document::from_raw(&format!("Three times\n{body}\n{body}\n{body}"), None);
        let mut s = AppState::new(doc);
        for k in [2, 5, 9] {
            let start = s.doc.layout.blocks[k].range.start;
            let (range, label) = (CharRange::new(start, start + 3), s.ui.active_label.clone());
            s = apply(&s, Action::CreateAnnotation { id: id(&format!("a{k}")), range, label, note: String::new(), at: Timestamp(1) });
        }
        s
    }

    /// The sample's analysis as the article shows it.
    fn analysed(s: &AppState) -> Rc<Vec<(Suggestion, Status)>> {
        let all = suggest::suggestions(&crate::analysis::analyze(s.doc.document.text()));
        let statuses = suggest::statuses(&all, &s.data);
        Rc::new(all.into_iter().zip(statuses).collect())
    }

    fn inputs(s: &AppState, highlights: &Derived<Highlight>, suggestions: &Rc<Vec<(Suggestion, Status)>>) -> Inputs {
        Inputs { highlights: highlights.rows().clone(), suggestions: suggestions.clone(), selected: s.ui.selected.clone(), focused: None, held: None }
    }

    fn highlights(prev: Option<&Derived<Highlight>>, s: &AppState) -> Derived<Highlight> {
        Derived::refresh(prev, &s.doc, &s.data, &s.anchors, || view::highlights(&s.data, &s.anchors))
    }

    fn build(s: &AppState, inputs: Inputs, prev: Option<&BlockCache>) -> BlockCache {
        BlockCache::build(&s.doc, inputs, prev, || 0, usize::MAX)
    }

    /// Which blocks got a model of their own in `next`.
    fn rebuilt(prev: &BlockCache, next: &BlockCache) -> Vec<usize> {
        (0..next.models.len()).filter(|&k| !Rc::ptr_eq(&prev.models[k], &next.models[k])).collect()
    }

    fn assert_as_fresh(s: &AppState, cache: &BlockCache, inputs: Inputs) {
        let fresh = build(s, inputs, None);
        assert!(cache.models.iter().zip(&fresh.models).all(|(a, b)| a == b), "the kept models are what a fresh build gives");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_note_edit_rebuilds_its_block_alone() {
        let s = annotated();
        let found = analysed(&s);
        let h = highlights(None, &s);
        let c = build(&s, inputs(&s, &h, &found), None);
        let t = apply(&s, Action::SetNote { id: id("a5"), note: "checked".into(), at: Timestamp(2) });
        let h2 = highlights(Some(&h), &t);
        let next = build(&t, inputs(&t, &h2, &found), Some(&c));
        assert_eq!(rebuilt(&c, &next), vec![5]);
        assert_as_fresh(&t, &next, inputs(&t, &h2, &found));
    }

    /// A new analysis is built in slices; a keystroke between two slices
    /// does not leave the blocks still waiting with the old suggestions.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn a_keystroke_between_slices_leaves_no_block_behind() {
        let s = annotated();
        let (none, found) = (Rc::new(Vec::new()), analysed(&s));
        let h = highlights(None, &s);
        let before = build(&s, inputs(&s, &h, &none), None);
        let first = build(&s, inputs(&s, &h, &found), Some(&before));
        assert!(first.waiting > 0, "the sample's {} blocks take more than the first slice", s.doc.layout.blocks.len());
        let t = apply(&s, Action::SetNote { id: id("a2"), note: "x".into(), at: Timestamp(2) });
        let h2 = highlights(Some(&h), &t);
        let mut cache = build(&t, inputs(&t, &h2, &found), Some(&first));
        for _ in 0..10 {
            if cache.waiting == 0 {
                break;
            }
            cache = build(&t, inputs(&t, &h2, &found), Some(&cache));
        }
        assert_eq!(cache.waiting, 0);
        assert_as_fresh(&t, &cache, inputs(&t, &h2, &found));
    }

    /// Selecting another annotation rebuilds the blocks of the one left
    /// and the one selected.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn selecting_rebuilds_the_two_blocks_it_touches() {
        let s = apply(&annotated(), Action::SelectAnnotation { id: Some(id("a2")) });
        let found = analysed(&s);
        let h = highlights(None, &s);
        let c = build(&s, inputs(&s, &h, &found), None);
        let t = apply(&s, Action::SelectAnnotation { id: Some(id("a9")) });
        let next = build(&t, inputs(&t, &highlights(Some(&h), &t), &found), Some(&c));
        assert_eq!(rebuilt(&c, &next), vec![2, 9]);
    }
}
