//! The article: blocks rendered as runs of text from data, with highlights.
//!
//! Every run element carries `data-start` (its first code point in the
//! document) and holds exactly the document's text for its range; plain
//! text is a bare text node in its block, which carries `data-start` and
//! `data-end`; so a DOM selection maps back to document offsets (see
//! `platform::selection`). Elements standing in for text they do not show
//! (media placeholders) carry `data-start`, `data-end` and `data-atomic`.
//!
//! Highlights are `<mark>` runs computed from the annotations: where
//! several overlap, the innermost colours the background and each outer one
//! adds an underline, so nested and overlapping annotations stay visible.
//!
//! `model` builds each block's runs, `cache` keeps them between renders and
//! decides what to rebuild, `runs` records a block's elements as data
//! (`render::nodes`) that `platform::dom` builds in one go; this file holds
//! the components and the progressive build of a long article.

mod cache;
mod model;
mod runs;

use std::rc::Rc;

use crate::platform::clock::NextTask;
use super::shared::Shared;
use yew::prelude::*;

use self::cache::{BlockCache, Inputs, GROUP};
use self::model::BlockModel;
use self::runs::block_nodes;
use crate::model::{AnnotationId, SuggestionKey};
use crate::store::suggest::{Status, Suggestion};
use crate::store::view::Highlight;
use crate::text::CharRange;
use crate::store::OpenDoc;

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
    /// The reader's text selection, while there is one (see
    /// `cache::Inputs::held`).
    pub held: Option<CharRange>,
}

/// Props of [`BlockView`].
#[derive(Properties)]
struct BlockProps {
    model: Rc<BlockModel>,
}

impl PartialEq for BlockProps {
    /// Every field; the model by pointer first, then by value (a block
    /// rebuilt with the same content does not re-render).
    fn eq(&self, other: &Self) -> bool {
        // A block whose inputs did not change keeps its model (BlockCache):
        // comparing pointers spares comparing its text.
        Rc::ptr_eq(&self.model, &other.model) || self.model == other.model
    }
}

/// Props of [`BlockGroup`].
#[derive(Properties)]
struct GroupProps {
    blocks: Rc<[Rc<BlockModel>]>,
    /// How many of them are shown yet (the progressive build).
    count: usize,
}

impl PartialEq for GroupProps {
    /// By pointer: a group is rebuilt exactly when one of its blocks is.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.blocks, &other.blocks) && self.count == other.count
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
                <BlockView key={m.range.start} model={Rc::clone(m)} />
            }) }
        </div>
    }
}

/// One block; re-renders only when its own model changes, and then builds
/// its element anew from the recorded nodes (`runs::block_nodes`,
/// `platform::dom`). A keyboard stop focused in the element replaced is
/// focused again in the new one: pressing Enter on a quotation marks it
/// looked at, which rebuilds its block, and the reader's place in the tab
/// order must not go back to the page's start. (A text selection is kept
/// by the article: [`use_kept_selection`].)
#[function_component(BlockView)]
fn block_view(props: &BlockProps) -> Html {
    let shown = use_mut_ref(|| None::<web_sys::Element>);
    let element = crate::platform::dom::build(&block_nodes(&props.model));
    let refocus = shown.borrow().as_ref().and_then(crate::platform::dom::focused_start);
    shown.borrow_mut().clone_from(&element);
    {
        let element = element.clone();
        use_effect(move || {
            if let (Some(el), Some(start)) = (element, refocus) {
                crate::platform::dom::refocus(&el, &start);
            }
        });
    }
    match element {
        Some(el) => Html::VRef(el.into()),
        None => Html::default(),
    }
}

/// Blocks rendered in the first frame of a newly opened article: every
/// block of an ordinary article (the sample has 45), and the first screens
/// of a long one.
const FIRST_BLOCKS: usize = 120;

/// Blocks added per later task (six groups): about 10–15 ms of work, so a
/// 2,000-paragraph article is built without a long task and the reader can
/// read, select and type while it is (issue 10, item 5). Measured by the
/// frames the browser painted during the build (none more than 50 ms apart,
/// as at 96), since blocks are recorded and built in one go
/// (`runs::block_nodes`): analysis shown to every block built 213–264 ms
/// against 257–309 ms at 96; at 384, 202–216 ms but more frames of 33 ms.
/// (When each block was a tree of yew elements, 200 made 45 ms tasks.)
const MORE_BLOCKS: usize = 192;

/// Blocks of the article being left above which the next one starts with
/// none for a task: taking a built block off the page costs about 11 µs
/// (its component's state, its listeners), so when a 450,000-character
/// article (3,000 blocks) was replaced, that and building the next one's
/// first screen made one 55-64 ms task. An article of a few hundred blocks
/// leaves in a few milliseconds, and the next one shows at once.
const LEAVES_ALONE: usize = 600;

/// How many blocks of the document `key` to render: [`FIRST_BLOCKS`] at
/// first, then [`MORE_BLOCKS`] more in each following task ([`NextTask`],
/// so the browser paints and handles input in between) until
/// `total`. After a long article ([`LEAVES_ALONE`]), none in the first
/// task, the one in which the last article leaves the page.
#[hook]
fn use_progressive(key: crate::text::DocHash, total: usize) -> usize {
    // Counted per document: the first render of another document starts
    // afresh, not at the previous document's count.
    let state = use_state(|| (key.clone(), FIRST_BLOCKS));
    let shown = match state.0 == key {
        true => state.1,
        false if state.1 > LEAVES_ALONE => 0,
        false => FIRST_BLOCKS,
    };
    {
        let state = state.clone();
        use_effect_with((key, shown, total), move |(key, shown, total)| {
            let (key, shown, total) = (key.clone(), *shown, *total);
            let more = if shown == 0 { FIRST_BLOCKS } else { shown + MORE_BLOCKS };
            let next = (shown < total).then(|| NextTask::new(move || state.set((key, more))));
            move || drop(next)
        });
    }
    shown
}

/// The first block on screen (the top of the first block group whose
/// bottom is below the top of the viewport), or 0 before the article is in
/// the page: where a slice of rebuilt blocks starts.
fn first_on_screen(article: &NodeRef) -> usize {
    let Some(el) = article.cast::<web_sys::Element>() else { return 0 };
    let groups = el.children();
    (0..groups.length())
        .filter_map(|g| groups.item(g).map(|e| (g as usize, e)))
        .find(|(_, e)| e.get_bounding_client_rect().bottom() > 0.0)
        .map_or(0, |(g, _)| g * GROUP)
}

/// The article's two listeners for all its runs (issue 20: two per run had
/// been thousands of closures to make and register on a long article): a
/// click on a highlight selects its innermost annotation, a click on a
/// found entity or quotation looks at it; on a run that is a keyboard stop,
/// Enter does the same (and Space, on a highlight).
fn run_listeners(on_select: &Callback<AnnotationId>, on_suggestion: &Callback<SuggestionKey>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    use crate::platform::selection::{run_target, RunTarget};
    let emit = {
        let (on_select, on_suggestion) = (on_select.clone(), on_suggestion.clone());
        move |target: RunTarget| match target {
            RunTarget::Annotation(id) => on_select.emit(id),
            RunTarget::Suggestion(key) => on_suggestion.emit(key),
        }
    };
    let on_click = {
        let emit = emit.clone();
        Callback::from(move |e: MouseEvent| run_target(e.target(), false).into_iter().for_each(&emit))
    };
    let on_key = Callback::from(move |e: KeyboardEvent| {
        let Some(target) = run_target(e.target(), true) else { return };
        let activates = match target {
            RunTarget::Annotation(_) => e.key() == "Enter" || e.key() == " ",
            RunTarget::Suggestion(_) => e.key() == "Enter",
        };
        if activates {
            e.prevent_default();
            emit(target);
        }
    });
    (on_click, on_key)
}

/// Keeps a rule for each label colour the highlights use
/// (`platform::styles`), in the render's own task: effects run before the
/// browser paints, so no highlight shows without its background.
#[hook]
fn use_colour_rules(highlights: &Shared<Vec<Highlight>>) {
    use_effect_with(highlights.clone(), |h| crate::platform::styles::ensure(h.0.iter().map(|h| &h.label.color)));
}

/// Keeps the reader's text selection through a render that builds blocks
/// it is in anew (another tab's or a teammate's annotation landing in the
/// paragraph while the reader chooses a passage): held as document offsets
/// before the blocks change and selected again after, if its ends moved
/// (`platform::selection::restore_selection`). Only while the app has the
/// reader selecting in the article (`selecting`): reading the selection
/// makes the browser lay the page out.
#[hook]
fn use_kept_selection(article: &NodeRef, selecting: bool) {
    use crate::platform::selection::{hold_selection, restore_selection};
    let root = article.cast::<web_sys::Element>().filter(|_| selecting);
    let held = root.as_ref().and_then(hold_selection);
    use_effect(move || {
        if let (Some(root), Some(held)) = (root, held) {
            restore_selection(&root, &held);
        }
    });
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
    let held = props.held;
    use_kept_selection(&props.node_ref, held.is_some());
    // The selection matters to the build only while it holds blocks back
    // (`Some`): a drag's every selection change does not rebuild the
    // cache, and its end (`Some(None)`) rebuilds the blocks it held.
    let held_key = cache.borrow().as_ref().is_some_and(|c| c.held_back > 0).then_some(held);
    // Bumped to rebuild the next slice of blocks still showing older
    // suggestions (BlockCache::waiting).
    let slice = use_state(|| 0u32);
    // Blocks are built as they are first shown: a reload builds 120, not
    // two thousand, before its first paint.
    let total = doc.layout.blocks.len();
    let shown = use_progressive(props.doc.document.hash.clone(), total);
    let models = {
        let deps = (doc.document.hash.clone(), props.version, selected.clone(), props.suggestions.clone(), focused.clone(), *slice, shown, held_key);
        let node = props.node_ref.clone();
        use_memo(deps, move |_| {
            let mut cache = cache.borrow_mut();
            let inputs = Inputs { highlights, suggestions, selected, focused, held };
            let next = BlockCache::build(&doc, inputs, cache.as_ref(), || first_on_screen(&node), shown);
            let groups = (next.groups.clone(), next.waiting);
            *cache = Some(next);
            groups
        })
    };
    let (groups, waiting) = (&models.0, models.1);
    {
        // The next slice in a task of its own, so the browser paints and
        // handles input in between.
        let slice = slice.clone();
        use_effect_with((*slice, waiting), move |(_, waiting)| {
            let next = (*waiting > 0).then(|| NextTask::new(move || slice.set(*slice + 1)));
            move || drop(next)
        });
    }
    let (on_click, on_key) = run_listeners(&props.on_select, &props.on_suggestion);
    use_colour_rules(&props.highlights);
    // Keyed by the document: another article replaces the element whole, so
    // the old one's thousands of blocks leave the page in one DOM call
    // instead of one `removeChild` each (taking a 450,000-character
    // article's blocks down went from 40 to 34 ms; the rest is their
    // components' state, which `LEAVES_ALONE` gives a task of its own).
    html! {
        <article key={props.doc.document.hash.to_string()} ref={props.node_ref.clone()} class="article" lang="en" aria-label="Article"
                 data-doc-hash={props.doc.document.hash.to_string()} data-complete={(shown >= total).to_string()}
                 data-waiting={waiting.to_string()} onclick={on_click} onkeydown={on_key}>
            { for groups.iter().enumerate().take_while(|(g, _)| g * GROUP < shown).map(|(g, group)| html! {
                <BlockGroup key={g} blocks={Rc::clone(group)} count={(shown - g * GROUP).min(group.len())} />
            }) }
        </article>
    }
}

