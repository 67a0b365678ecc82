//! The article: blocks rendered as runs of text from data.
//!
//! Every run element carries `data-start` (its first code point in the
//! document) and holds exactly the document's text for its range, so a DOM
//! selection maps back to document offsets (see `platform::selection`).
//! Elements standing in for text they do not show (media placeholders)
//! carry `data-start` and `data-end` and `data-atomic`.

use std::rc::Rc;

use yew::prelude::*;

use crate::render::split_runs;
use crate::store::OpenDoc;
use crate::text::layout::{media_placeholders, Block, BlockKind, MediaRef};
use crate::text::CharRange;

/// Props of [`ArticleView`].
#[derive(Properties)]
pub struct ArticleProps {
    /// The open article.
    pub doc: Rc<OpenDoc>,
}

impl PartialEq for ArticleProps {
    fn eq(&self, other: &Self) -> bool {
        // Same document object: nothing to re-render.
        Rc::ptr_eq(&self.doc, &other.doc)
    }
}

/// What a run stands for, beyond plain text.
#[derive(Clone, Debug, PartialEq)]
enum Deco {
    Media(MediaRef),
    Author,
    Handle,
    Date,
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
}

fn runs_for(doc: &OpenDoc, range: CharRange, decos: &[(CharRange, Deco)]) -> Vec<RunModel> {
    let ranges: Vec<CharRange> = decos.iter().map(|(r, _)| *r).collect();
    split_runs(range, &ranges)
        .into_iter()
        .map(|run| RunModel {
            start: run.range.start,
            end: run.range.end,
            text: AttrValue::from(doc.document.indexed.slice(run.range).unwrap_or_default().to_string()),
            // Decorations never overlap each other; the innermost wins.
            deco: run.marks.last().map(|&i| decos[i].1.clone()),
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

fn block_model(doc: &OpenDoc, block: &Block) -> BlockModel {
    let parts = match &block.kind {
        BlockKind::Post(post) => {
            let body = runs_for(doc, post.body, &media_decos(doc, post.body));
            let decos = vec![
                (post.meta.author_range, Deco::Author),
                (post.meta.handle_range, Deco::Handle),
                (post.meta.date_range, Deco::Date),
            ];
            vec![body, runs_for(doc, post.attribution, &decos)]
        }
        BlockKind::Media(_) => Vec::new(),
        _ => vec![runs_for(doc, block.range, &media_decos(doc, block.range))],
    };
    BlockModel { kind: block.kind.clone(), range: block.range, parts }
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

fn render_run(run: &RunModel) -> Html {
    match &run.deco {
        Some(Deco::Media(m)) => html! {
            <span class="media-inline" data-start={run.start.to_string()} data-end={run.end.to_string()}
                  data-atomic="true" contenteditable="false" role="img"
                  aria-label={format!("{} (media not included in the text)", media_label(m))}>
                <span aria-hidden="true">{"▣ "}{ media_label(m) }</span>
            </span>
        },
        deco => {
            let class = match deco {
                Some(Deco::Author) => "run post-author",
                Some(Deco::Handle) => "run post-handle",
                Some(Deco::Date) => "run post-date",
                _ => "run",
            };
            html! { <span class={class} data-start={run.start.to_string()}>{ run.text.clone() }</span> }
        }
    }
}

fn render_runs(runs: &[RunModel]) -> Html {
    runs.iter().map(render_run).collect::<Html>()
}

/// Props of [`BlockView`].
#[derive(Properties, PartialEq)]
struct BlockProps {
    model: BlockModel,
}

/// One block; re-renders only when its own model changes.
#[function_component(BlockView)]
fn block_view(props: &BlockProps) -> Html {
    let m = &props.model;
    let start = m.range.start.to_string();
    match &m.kind {
        BlockKind::Title => html! {
            <h1 class="article-title block" data-block={start}>{ render_runs(&m.parts[0]) }</h1>
        },
        BlockKind::Paragraph => html! {
            <p class="block" data-block={start}>{ render_runs(&m.parts[0]) }</p>
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
                <blockquote class="post-body">{ render_runs(&m.parts[0]) }</blockquote>
                <figcaption class="post-attribution">{ render_runs(&m.parts[1]) }</figcaption>
            </figure>
        },
    }
}

/// The whole article.
#[function_component(ArticleView)]
pub fn article_view(props: &ArticleProps) -> Html {
    let doc = props.doc.clone();
    let models = use_memo(doc.document.hash.clone(), move |_| {
        doc.layout.blocks.iter().map(|b| block_model(&doc, b)).collect::<Vec<_>>()
    });
    html! {
        <article class="article" lang="en" aria-label="Article" data-doc-hash={props.doc.document.hash.to_string()}>
            { for models.iter().map(|m| html! { <BlockView key={m.range.start} model={m.clone()} /> }) }
        </article>
    }
}
