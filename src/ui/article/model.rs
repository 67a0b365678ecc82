//! The article's view model: each block as runs of text with what covers
//! them (annotation layers, the found entity or quotation, media and post
//! decorations), built from the document, the highlights and the
//! suggestions. Plain data, compared by value, so a block whose inputs did
//! not change renders nothing.

use yew::AttrValue;

use crate::analysis::EntityType;
use crate::model::{AnnotationId, SuggestionKey};
use crate::render::split_runs;
use crate::store::suggest::{Status, Suggestion, SuggestionKind};
use crate::store::view::Highlight;
use crate::store::OpenDoc;
use crate::text::layout::{media_placeholders, Block, BlockKind, MediaRef};
use crate::text::CharRange;

/// What a run stands for, beyond plain text.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Deco {
    Media(MediaRef),
    Author,
    Handle,
    Date,
}

/// One annotation layer on a run.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Layer {
    pub(super) id: AnnotationId,
    pub(super) color: crate::model::Color,
    pub(super) label: String,
    pub(super) note: String,
    pub(super) moved: bool,
}

/// One block, ready to render: its kind and its decorated runs.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct BlockModel {
    pub(super) kind: BlockKind,
    pub(super) range: CharRange,
    /// For posts: runs of the body and of the attribution line separately.
    pub(super) parts: Vec<Vec<RunModel>>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct RunModel {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: AttrValue,
    pub(super) deco: Option<Deco>,
    /// Covering annotations, innermost last.
    pub(super) layers: Vec<Layer>,
    /// IDs of annotations that start in this run (their focus target).
    pub(super) first_of: Vec<AnnotationId>,
    pub(super) selected: bool,
    /// The entity suggestion covering the run (innermost), if shown.
    pub(super) entity: Option<(EntityType, SuggestionKey, bool)>,
    /// The quotation covering the run: key, speaker description, starts here.
    pub(super) quote: Option<(SuggestionKey, AttrValue, bool)>,
    /// The run belongs to the focused suggestion.
    pub(super) focused: bool,
}

pub(super) struct Marks<'a> {
    pub(super) decos: Vec<(CharRange, Deco)>,
    pub(super) highlights: Vec<&'a Highlight>,
    pub(super) suggestions: Vec<&'a (Suggestion, Status)>,
}

fn runs_for(doc: &OpenDoc, range: CharRange, marks: &Marks<'_>, selected: Option<&AnnotationId>, focused: Option<&SuggestionKey>) -> Vec<RunModel> {
    let mut ranges: Vec<CharRange> = marks.decos.iter().map(|(r, _)| *r).collect();
    let n_decos = ranges.len();
    ranges.extend(marks.highlights.iter().map(|h| h.range));
    let n_hl = ranges.len();
    ranges.extend(marks.suggestions.iter().map(|(s, _)| s.range));
    split_runs(range, &ranges)
        .into_iter()
        .map(|run| {
            let deco = run.marks.iter().rfind(|&&i| i < n_decos).map(|&i| marks.decos[i].1.clone());
            let sugg: Vec<&(Suggestion, Status)> = run.marks.iter().filter(|&&i| i >= n_hl).map(|&i| marks.suggestions[i - n_hl]).collect();
            let entity = sugg.iter().rev().find_map(|(sg, _)| match sg.kind {
                SuggestionKind::Entity(t) => Some((t, sg.key.clone(), sg.range.start == run.range.start)),
                SuggestionKind::Quote => None,
            });
            let quote = sugg.iter().find(|(sg, _)| sg.kind == SuggestionKind::Quote).map(|(sg, _)| {
                (sg.key.clone(), AttrValue::from(sg.note.clone()), sg.range.start == run.range.start)
            });
            let focused_here = focused.is_some_and(|f| sugg.iter().any(|(sg, _)| &sg.key == f));
            // Highlights come sorted longest first, so later = innermost.
            let covering: Vec<&Highlight> = run.marks.iter().filter(|&&i| i >= n_decos && i < n_hl).map(|&i| marks.highlights[i - n_decos]).collect();
            let layers: Vec<Layer> = covering
                .iter()
                .map(|h| Layer { id: h.id().clone(), color: h.label.color.clone(), label: h.label.name.clone(), note: h.note().to_string(), moved: h.moved })
                .collect();
            let first_of = covering.iter().filter(|h| h.range.start == run.range.start).map(|h| h.id().clone()).collect();
            let selected = selected.is_some_and(|s| layers.iter().any(|l| &l.id == s));
            RunModel {
                start: run.range.start,
                end: run.range.end,
                text: AttrValue::from(doc.document.indexed.slice(run.range).unwrap_or_default().to_string()),
                deco,
                layers,
                first_of,
                selected,
                entity,
                quote,
                focused: focused_here,
            }
        })
        .collect()
}

fn media_decos(doc: &OpenDoc, range: CharRange) -> Vec<(CharRange, Deco)> {
    let indexed = &doc.document.indexed;
    let Some(text) = indexed.slice(range) else { return Vec::new() };
    let Some(base) = indexed.char_to_byte(range.start) else { return Vec::new() };
    media_placeholders(text)
        .into_iter()
        .filter_map(|(b, m)| {
            let r = indexed.char_range(crate::text::ByteRange::new(base + b.start, base + b.end))?;
            Some((r, Deco::Media(m)))
        })
        .collect()
}

impl BlockModel {
    /// Stands for a block not built yet (the progressive build has not
    /// reached it): never rendered.
    pub(super) fn placeholder() -> BlockModel {
        BlockModel { kind: BlockKind::Paragraph, range: CharRange::new(0, 0), parts: Vec::new() }
    }
}

pub(super) fn block_model(
    doc: &OpenDoc,
    block: &Block,
    highlights: &[&Highlight],
    suggestions: &[(Suggestion, Status)],
    selected: Option<&AnnotationId>,
    focused: Option<&SuggestionKey>,
) -> BlockModel {
    let touching = |r: CharRange| highlights.iter().copied().filter(|h| h.range.overlaps(&r)).collect::<Vec<_>>();
    // Suggestions are sorted by start: only those that can reach the block.
    let first = suggestions.partition_point(|(s, _)| s.range.end <= r_start(block));
    let near = |r: CharRange| suggestions[first..].iter().take_while(|(s, _)| s.range.start < r.end).filter(|(s, _)| s.range.overlaps(&r)).collect::<Vec<_>>();
    let parts = match &block.kind {
        BlockKind::Post(post) => {
            let body = Marks { decos: media_decos(doc, post.body), highlights: touching(post.body), suggestions: near(post.body) };
            let attribution = Marks {
                decos: vec![
                    (post.meta.author_range, Deco::Author),
                    (post.meta.handle_range, Deco::Handle),
                    (post.meta.date_range, Deco::Date),
                ],
                highlights: touching(post.attribution),
                suggestions: near(post.attribution),
            };
            vec![runs_for(doc, post.body, &body, selected, focused), runs_for(doc, post.attribution, &attribution, selected, focused)]
        }
        BlockKind::Media(_) => Vec::new(),
        _ => {
            let marks = Marks { decos: media_decos(doc, block.range), highlights: touching(block.range), suggestions: near(block.range) };
            vec![runs_for(doc, block.range, &marks, selected, focused)]
        }
    };
    BlockModel { kind: block.kind.clone(), range: block.range, parts }
}

fn r_start(block: &Block) -> usize {
    block.range.start
}

