//! The article: blocks rendered as runs of text from data, with highlights.
//!
//! Every run element carries `data-start` (its first code point in the
//! document) and holds exactly the document's text for its range, so a DOM
//! selection maps back to document offsets (see `platform::selection`).
//! Elements standing in for text they do not show (media placeholders)
//! carry `data-start`, `data-end` and `data-atomic`.
//!
//! Highlights are `<mark>` runs computed from the annotations: where
//! several overlap, the innermost colours the background and each outer one
//! adds an underline, so nested and overlapping annotations stay visible.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use super::shared::Shared;
use yew::prelude::*;

use crate::model::SuggestionKey;
use crate::analysis::EntityType;
use crate::model::AnnotationId;
use crate::render::split_runs;
use crate::store::suggest::{Status, Suggestion, SuggestionKind};
use crate::store::view::Highlight;
use crate::store::OpenDoc;
use crate::text::layout::{media_placeholders, Block, BlockKind, MediaRef};
use crate::text::CharRange;

/// Props of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The open article.
    pub doc: Shared<OpenDoc>,
    /// Highlights of placed annotations.
    pub highlights: Shared<Vec<Highlight>>,
    /// The state version `highlights` were computed for.
    pub version: u64,
    /// The annotation open in the panel.
    pub selected: Option<AnnotationId>,
    /// A highlight was clicked or activated.
    pub on_select: Callback<AnnotationId>,
    /// The article element (for selection mapping).
    pub node_ref: NodeRef,
    /// Analysis suggestions to show (already filtered by type toggles and
    /// dismissals), with their status.
    pub suggestions: Shared<Vec<(Suggestion, Status)>>,
    /// The suggestion being looked at.
    pub focused: Option<SuggestionKey>,
    /// A suggestion was clicked.
    pub on_suggestion: Callback<SuggestionKey>,
}

/// What a run stands for, beyond plain text.
#[derive(Clone, Debug, PartialEq)]
enum Deco {
    Media(MediaRef),
    Author,
    Handle,
    Date,
}

/// One annotation layer on a run.
#[derive(Clone, Debug, PartialEq)]
struct Layer {
    id: AnnotationId,
    color: crate::model::Color,
    label: String,
    note: String,
    moved: bool,
}

/// One block, ready to render: its kind and its decorated runs.
#[derive(Clone, Debug, PartialEq)]
struct BlockModel {
    kind: BlockKind,
    range: CharRange,
    /// For posts: runs of the body and of the attribution line separately.
    parts: Vec<Vec<RunModel>>,
}

#[derive(Clone, Debug, PartialEq)]
struct RunModel {
    start: usize,
    end: usize,
    text: AttrValue,
    deco: Option<Deco>,
    /// Covering annotations, innermost last.
    layers: Vec<Layer>,
    /// IDs of annotations that start in this run (their focus target).
    first_of: Vec<AnnotationId>,
    selected: bool,
    /// The entity suggestion covering the run (innermost), if shown.
    entity: Option<(EntityType, SuggestionKey, bool)>,
    /// The quotation covering the run: key, speaker description, starts here.
    quote: Option<(SuggestionKey, AttrValue, bool)>,
    /// The run belongs to the focused suggestion.
    focused: bool,
}

struct Marks<'a> {
    decos: Vec<(CharRange, Deco)>,
    highlights: Vec<&'a Highlight>,
    suggestions: Vec<&'a (Suggestion, Status)>,
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
                .map(|h| Layer { id: h.id.clone(), color: h.label.color.clone(), label: h.label.name.clone(), note: h.note.clone(), moved: h.moved })
                .collect();
            let first_of = covering.iter().filter(|h| h.range.start == run.range.start).map(|h| h.id.clone()).collect();
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

/// The block models of the last render and what they were built from, so a
/// change that touches one block (a keystroke in a note) rebuilds one block
/// instead of two thousand (issue 10, item 5).
struct BlockCache {
    doc: crate::text::DocHash,
    highlights: Rc<Vec<Highlight>>,
    suggestions: Rc<Vec<(Suggestion, Status)>>,
    focused: Option<SuggestionKey>,
    selected: Option<AnnotationId>,
    /// Per block, indices into `highlights` of those overlapping it.
    buckets: Vec<Vec<usize>>,
    models: Vec<Rc<BlockModel>>,
    /// The models in runs of [`GROUP`], each kept (same `Rc`) while all its
    /// models are.
    groups: Vec<Rc<[Rc<BlockModel>]>>,
}

/// Blocks per [`BlockGroup`]. yew compares a child's props on every render
/// of its parent; grouped, a change to one block (a keystroke in a note)
/// compares the groups by pointer and one group's blocks — about 100
/// comparisons for a 2,000-block article instead of 2,000 (issue 10, item 5:
/// they cost 2 ms of a 16 ms keystroke).
const GROUP: usize = 32;

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
    /// Models for every block of `doc`, reusing those of `prev` whose
    /// highlights, suggestions, selection and focus are unchanged.
    fn build(
        doc: &OpenDoc,
        highlights: Rc<Vec<Highlight>>,
        suggestions: Rc<Vec<(Suggestion, Status)>>,
        selected: Option<AnnotationId>,
        focused: Option<SuggestionKey>,
        prev: Option<&BlockCache>,
    ) -> BlockCache {
        let blocks = &doc.layout.blocks;
        let buckets = highlights_by_block(blocks, &highlights);
        let prev = prev.filter(|p| p.doc == doc.document.hash && Rc::ptr_eq(&p.suggestions, &suggestions) && p.focused == focused && p.buckets.len() == blocks.len());
        let models = blocks
            .iter()
            .zip(&buckets)
            .enumerate()
            .map(|(k, (b, bucket))| {
                let reusable = prev.is_some_and(|p| {
                    let (old, new) = (&p.buckets[k], bucket);
                    let sel_in = |hs: &[Highlight], idx: &[usize], sel: &Option<AnnotationId>| sel.as_ref().is_some_and(|s| idx.iter().any(|&i| &hs[i].id == s));
                    old.len() == new.len()
                        && old.iter().zip(new).all(|(&i, &j)| p.highlights[i] == highlights[j])
                        && sel_in(&p.highlights, old, &p.selected) == sel_in(&highlights, new, &selected)
                        && (!sel_in(&highlights, new, &selected) || p.selected == selected)
                });
                match prev {
                    Some(p) if reusable => Rc::clone(&p.models[k]),
                    _ => {
                        let hs: Vec<&Highlight> = bucket.iter().map(|&i| &highlights[i]).collect();
                        Rc::new(block_model(doc, b, &hs, &suggestions, selected.as_ref(), focused.as_ref()))
                    }
                }
            })
            .collect::<Vec<_>>();
        let groups = group_models(&models, prev);
        BlockCache { doc: doc.document.hash.clone(), highlights, suggestions, focused, selected, buckets, models, groups }
    }
}

fn block_model(
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

fn media_label(m: &MediaRef) -> String {
    let mut kind = m.kind.clone();
    if let Some(first) = kind.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    match m.number {
        Some(n) => format!("{kind} {n}"),
        None => kind,
    }
}

/// The inline style of a highlighted run: innermost layer as background,
/// outer layers as stacked underlines.
fn layer_style(layers: &[Layer]) -> String {
    let Some(inner) = layers.last() else { return String::new() };
    let mut style = format!("background-color: {};", inner.color.css_rgba(0.38));
    let outer: Vec<String> = layers
        .iter()
        .rev()
        .skip(1)
        .take(4)
        .enumerate()
        .map(|(i, l)| format!("inset 0 -{}px 0 {}", 3 * (i + 1), l.color.css_rgba(0.95)))
        .collect();
    if !outer.is_empty() {
        style.push_str(&format!(" box-shadow: {};", outer.join(", ")));
    }
    style
}

/// What a run shows besides annotations: its classes, the suggestion it
/// belongs to, and a quotation's speaker.
struct RunDecor {
    classes: Classes,
    /// Key of the suggestion (entity or quotation) under the run.
    sugg_key: Option<SuggestionKey>,
    /// That key again on the suggestion's first run.
    sugg_first: Option<SuggestionKey>,
    /// The quotation's speaker note.
    speaker: Option<String>,
    /// The first run of a quotation: a keyboard stop showing its speaker.
    quote_start: bool,
}

fn decor(run: &RunModel) -> RunDecor {
    let deco_class = match run.deco {
        Some(Deco::Author) => Some("post-author"),
        Some(Deco::Handle) => Some("post-handle"),
        Some(Deco::Date) => Some("post-date"),
        _ => None,
    };
    let ent_class = run.entity.as_ref().map(|(t, _, _)| format!("ent ent-{}", t.as_str().to_lowercase()));
    let quote_class = run.quote.as_ref().map(|_| "q");
    let sugg_key = run.entity.as_ref().map(|(_, k, _)| k.clone()).or_else(|| run.quote.as_ref().map(|(k, _, _)| k.clone()));
    let sugg_first = run
        .entity
        .as_ref()
        .filter(|(_, _, first)| *first)
        .map(|(_, k, _)| k.clone())
        .or_else(|| run.quote.as_ref().filter(|(_, _, first)| *first).map(|(k, _, _)| k.clone()));
    RunDecor {
        classes: classes!("run", deco_class, ent_class, quote_class, run.focused.then_some("sugg-focused")),
        sugg_key,
        sugg_first,
        speaker: run.quote.as_ref().map(|(_, note, _)| note.to_string()),
        quote_start: run.quote.as_ref().is_some_and(|(_, _, first)| *first),
    }
}

fn render_run(run: &RunModel, on_select: &Callback<AnnotationId>, on_suggestion: &Callback<SuggestionKey>) -> Html {
    if let Some(Deco::Media(m)) = &run.deco {
        return html! {
            <span class="media-inline" data-start={run.start.to_string()} data-end={run.end.to_string()}
                  data-atomic="true" contenteditable="false" role="img"
                  aria-label={format!("{} (media not included in the text)", media_label(m))}>
                <span aria-hidden="true">{"▣ "}{ media_label(m) }</span>
            </span>
        };
    }
    let d = decor(run);
    match run.layers.last() {
        Some(inner) => render_highlight(run, inner, d, on_select),
        None => render_plain(run, d, on_suggestion),
    }
}

/// A run no annotation covers: clicking it looks at its suggestion.
fn render_plain(run: &RunModel, d: RunDecor, on_suggestion: &Callback<SuggestionKey>) -> Html {
    let onclick = d.sugg_key.clone().map(|k| {
        let cb = on_suggestion.clone();
        Callback::from(move |_: MouseEvent| cb.emit(k.clone()))
    });
    let onkeydown = d.sugg_key.clone().filter(|_| d.quote_start).map(|k| {
        let cb = on_suggestion.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                cb.emit(k.clone());
            }
        })
    });
    html! {
        <span class={d.classes} data-start={run.start.to_string()} data-sugg={d.sugg_key.as_ref().map(|k| k.to_string())} data-sugg-first={d.sugg_first.as_ref().map(|k| k.to_string())}
              data-speaker={d.speaker.clone()} title={d.speaker.clone()}
              tabindex={d.quote_start.then_some("0")}
              aria-label={d.quote_start.then(|| format!("Quotation. {}", d.speaker.clone().unwrap_or_default()))}
              {onclick} {onkeydown}>
            { run.text.clone() }
        </span>
    }
}

/// A run under one or more annotations: clicking it selects the innermost.
fn render_highlight(run: &RunModel, inner: &Layer, d: RunDecor, on_select: &Callback<AnnotationId>) -> Html {
    let ids = run.layers.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(" ");
    let mut title = run
        .layers
        .iter()
        .rev()
        .map(|l| if l.note.is_empty() { l.label.clone() } else { format!("{}: {}", l.label, l.note) })
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(sp) = &d.speaker {
        title.push_str(&format!("\n{sp}"));
    }
    let onclick = {
        let (on_select, id) = (on_select.clone(), inner.id.clone());
        Callback::from(move |_: MouseEvent| on_select.emit(id.clone()))
    };
    let onkeydown = {
        let (on_select, id) = (on_select.clone(), inner.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                on_select.emit(id.clone());
            }
        })
    };
    // The first run of an annotation is its keyboard stop.
    let first = run.first_of.last().cloned();
    let tabindex = first.as_ref().map(|_| "0");
    let aria_label = first.as_ref().map(|_| format!("{} highlight: {}", inner.label, run.text));
    html! {
        <mark class={classes!(d.classes, "hl", run.selected.then_some("hl-selected"), inner.moved.then_some("hl-moved"),
                              (run.layers.len() > 1).then_some("hl-overlap"))}
              data-start={run.start.to_string()} data-ids={ids} data-first={first.map(|f| f.to_string())}
              data-sugg={d.sugg_key.map(|k| k.to_string())} data-sugg-first={d.sugg_first.map(|k| k.to_string())} data-speaker={d.speaker}
              style={layer_style(&run.layers)} title={title} tabindex={tabindex} aria-label={aria_label}
              {onclick} {onkeydown}>
            { run.text.clone() }
        </mark>
    }
}

fn render_runs(runs: &[RunModel], on_select: &Callback<AnnotationId>, on_suggestion: &Callback<SuggestionKey>) -> Html {
    runs.iter().map(|r| render_run(r, on_select, on_suggestion)).collect::<Html>()
}

/// Props of [`BlockView`].
#[derive(Properties)]
struct BlockProps {
    model: Rc<BlockModel>,
    on_select: Callback<AnnotationId>,
    on_suggestion: Callback<SuggestionKey>,
}

impl PartialEq for BlockProps {
    /// Every field; the model by pointer first, then by value (a block
    /// rebuilt with the same content does not re-render).
    fn eq(&self, other: &Self) -> bool {
        // A block whose inputs did not change keeps its model (BlockCache):
        // comparing pointers spares comparing its text.
        (Rc::ptr_eq(&self.model, &other.model) || self.model == other.model)
            && self.on_select == other.on_select
            && self.on_suggestion == other.on_suggestion
    }
}

/// Props of [`BlockGroup`].
#[derive(Properties)]
struct GroupProps {
    blocks: Rc<[Rc<BlockModel>]>,
    /// How many of them are shown yet (the progressive build).
    count: usize,
    on_select: Callback<AnnotationId>,
    on_suggestion: Callback<SuggestionKey>,
}

impl PartialEq for GroupProps {
    /// By pointer: a group is rebuilt exactly when one of its blocks is.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.blocks, &other.blocks) && self.count == other.count && self.on_select == other.on_select && self.on_suggestion == other.on_suggestion
    }
}

/// A run of [`GROUP`] blocks in a plain `div`: the browser skips an
/// off-screen group's style and layout as a whole (`content-visibility`
/// on the group, styles/app.css), checking 60 groups per frame instead of
/// 2,000 paragraphs.
#[function_component(BlockGroup)]
fn block_group(props: &GroupProps) -> Html {
    html! {
        <div class="block-group">
            { for props.blocks.iter().take(props.count).map(|m| html! {
                <BlockView key={m.range.start} model={Rc::clone(m)} on_select={props.on_select.clone()} on_suggestion={props.on_suggestion.clone()} />
            }) }
        </div>
    }
}

/// One block; re-renders only when its own model changes.
#[function_component(BlockView)]
fn block_view(props: &BlockProps) -> Html {
    let m = &props.model;
    let start = m.range.start.to_string();
    let sel = &props.on_select;
    let sug = &props.on_suggestion;
    match &m.kind {
        BlockKind::Title => html! {
            <h1 class="article-title block" data-block={start}>{ render_runs(&m.parts[0], sel, sug) }</h1>
        },
        BlockKind::Paragraph => html! {
            <p class="block" data-block={start}>{ render_runs(&m.parts[0], sel, sug) }</p>
        },
        BlockKind::Media(media) => html! {
            <figure class="media-placeholder block" data-block={start.clone()} data-start={start}
                    data-end={m.range.end.to_string()} data-atomic="true" contenteditable="false"
                    role="img" aria-label={format!("{} (media not included in the text)", media_label(media))}>
                <div class="media-frame" aria-hidden="true">
                    <span class="media-icon">{"▣"}</span>
                    <span class="media-name">{ media_label(media) }</span>
                </div>
                <figcaption aria-hidden="true">{"Media placeholder — the picture is not part of the text"}</figcaption>
            </figure>
        },
        BlockKind::Post(post) => html! {
            <figure class="post-card block" data-block={start}
                    aria-label={format!("Post by {} ({})", post.meta.author, post.meta.handle)}>
                <blockquote class="post-body">{ render_runs(&m.parts[0], sel, sug) }</blockquote>
                <figcaption class="post-attribution">{ render_runs(&m.parts[1], sel, sug) }</figcaption>
            </figure>
        },
    }
}

/// Blocks rendered in the first frame of a newly opened article: every
/// block of an ordinary article (the sample has 45), and the first screens
/// of a long one.
const FIRST_BLOCKS: usize = 120;

/// Blocks added per later task (three groups): about 20 ms of work, so a
/// 2,000-paragraph article is built without a long task and the reader can
/// read, select and type while it is (issue 10, item 5). At 200 a task took
/// 45 ms, and input right after a reload waited behind it (reload to
/// interactive 318–612 ms; 318–406 ms at 96).
const MORE_BLOCKS: usize = 96;

/// How many blocks of the document `key` to render: [`FIRST_BLOCKS`] at
/// first, then [`MORE_BLOCKS`] more in each following task (a zero-delay
/// timeout, so the browser paints and handles input in between) until
/// `total`.
#[hook]
fn use_progressive(key: crate::text::DocHash, total: usize) -> usize {
    // Counted per document: the first render of another document starts at
    // FIRST_BLOCKS, not at the previous document's count.
    let state = use_state(|| (key.clone(), FIRST_BLOCKS));
    let shown = if state.0 == key { state.1 } else { FIRST_BLOCKS };
    {
        let state = state.clone();
        use_effect_with((key, shown, total), move |(key, shown, total)| {
            let (key, shown, total) = (key.clone(), *shown, *total);
            let next = (shown < total).then(|| Timeout::new(0, move || state.set((key, shown + MORE_BLOCKS))));
            move || drop(next)
        });
    }
    shown
}

/// The whole article.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleProps) -> Html {
    let doc = props.doc.0.clone();
    let highlights = props.highlights.0.clone();
    let selected = props.selected.clone();
    let suggestions = props.suggestions.0.clone();
    let focused = props.focused.clone();
    let cache = use_mut_ref(|| None::<BlockCache>);
    let models = {
        let deps = (doc.document.hash.clone(), props.version, selected.clone(), props.suggestions.clone(), focused.clone());
        use_memo(deps, move |_| {
            let mut cache = cache.borrow_mut();
            let next = BlockCache::build(&doc, highlights, suggestions, selected, focused, cache.as_ref());
            let groups = (next.groups.clone(), next.models.len());
            *cache = Some(next);
            groups
        })
    };
    let (groups, total) = (&models.0, models.1);
    let shown = use_progressive(props.doc.document.hash.clone(), total);
    html! {
        <article ref={props.node_ref.clone()} class="article" lang="en" aria-label="Article"
                 data-doc-hash={props.doc.document.hash.to_string()} data-complete={(shown >= total).to_string()}>
            { for groups.iter().enumerate().take_while(|(g, _)| g * GROUP < shown).map(|(g, group)| html! {
                <BlockGroup key={g} blocks={Rc::clone(group)} count={(shown - g * GROUP).min(group.len())}
                            on_select={props.on_select.clone()} on_suggestion={props.on_suggestion.clone()} />
            }) }
        </article>
    }
}
