//! A block and its runs, recorded as [`Nodes`] for `platform::dom` to
//! build in one go: plain text (a bare text node), a found entity or
//! quotation (`span`), an annotation (`mark`, with its layers' colours), a
//! media placeholder. Every run element and every element holding runs
//! carries its `data-start` (a holder its `data-end` too), from which
//! `platform::selection` counts.
//!
//! Recorded rather than written as `html!`: a long article's blocks are
//! tens of thousands of elements and attributes, and through the virtual
//! DOM each attribute crossed into the browser as a string of its own
//! (docs/performance.md, "Where a heavy reload's time goes"). A block is the unit yew
//! still sees (`BlockView` renders its built element), and is rebuilt
//! whole when its model changes.

use crate::model::SuggestionKey;
use crate::render::nodes::Nodes;
use crate::text::layout::{BlockKind, MediaRef};

use super::model::{BlockModel, Deco, Layer, RunModel};

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

/// The inline style of a highlighted run: outer layers as stacked
/// underlines, and the innermost layer as background unless its colour's
/// class gives it (`colour_classes`: `platform::styles`), so a run under
/// one annotation, nearly every one, has no inline style to parse.
fn layer_style(layers: &[Layer], colour_classes: bool) -> Option<String> {
    let inner = layers.last()?;
    let mut style = match colour_classes {
        true => String::new(),
        false => format!("background-color: {};", inner.color.css_rgba(crate::platform::styles::BACKGROUND_ALPHA)),
    };
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
    (!style.is_empty()).then_some(style)
}

/// What a run shows besides annotations: its classes, the suggestion it
/// belongs to, and a quotation's speaker.
struct RunDecor<'a> {
    /// Space-separated classes.
    classes: String,
    /// Key of the suggestion (entity or quotation) under the run. Its first
    /// run is the first element with that key in the page's order
    /// (`hooks::use_reveal_suggestion`), so no attribute marks it: every
    /// attribute is a DOM call per run, thousands per article (docs/performance.md,
    /// issue 20).
    sugg_key: Option<&'a SuggestionKey>,
    /// The quotation's speaker note.
    speaker: Option<&'a str>,
    /// The first run of a quotation: a keyboard stop showing its speaker.
    quote_start: bool,
}

fn decor(run: &RunModel) -> RunDecor<'_> {
    let deco_class = match run.deco {
        Some(Deco::Author) => Some("post-author"),
        Some(Deco::Handle) => Some("post-handle"),
        Some(Deco::Date) => Some("post-date"),
        _ => None,
    };
    let mut classes = String::from("run");
    for class in [deco_class, run.entity.as_ref().map(|_| "ent")].into_iter().flatten() {
        classes.push(' ');
        classes.push_str(class);
    }
    if let Some((t, _, _)) = &run.entity {
        classes.push_str(" ent-");
        classes.push_str(&t.as_str().to_lowercase());
    }
    if run.quote.is_some() {
        classes.push_str(" q");
    }
    if run.focused {
        classes.push_str(" sugg-focused");
    }
    let sugg_key = run.entity.as_ref().map(|(_, k, _)| k).or_else(|| run.quote.as_ref().map(|(k, _, _)| k));
    RunDecor {
        classes,
        sugg_key,
        speaker: run.quote.as_ref().map(|(_, note, _)| note.as_str()),
        quote_start: run.quote.as_ref().is_some_and(|(_, _, first)| *first),
    }
}

/// The attributes of an element standing for media the text does not
/// include: the document range it covers, selected whole
/// (`platform::selection`), an image named `label` for screen readers.
fn atomic_media(n: &mut Nodes, start: usize, end: usize, label: &str) {
    n.attr("data-start", start);
    n.attr("data-end", end);
    n.attr("data-atomic", "true");
    n.attr("contenteditable", "false");
    n.attr("role", "img");
    n.attr("aria-label", format_args!("{label} (media not included in the text)"));
}

/// A media placeholder inside a run of text: atomic (selected whole), its
/// name for readers and screen readers.
fn write_media(n: &mut Nodes, run: &RunModel, m: &MediaRef) {
    let label = media_label(m);
    n.open("span");
    n.attr("class", "media-inline");
    atomic_media(n, run.start, run.end, &label);
    n.open("span");
    n.attr("aria-hidden", "true");
    n.text(&format!("▣ {label}"));
    n.close();
    n.close();
}

fn write_run(n: &mut Nodes, run: &RunModel) {
    if let Some(Deco::Media(m)) = &run.deco {
        return write_media(n, run, m);
    }
    let d = decor(run);
    match run.layers.last() {
        Some(inner) => write_highlight(n, run, inner, d),
        None => write_plain(n, run, d),
    }
}

/// The attributes a found entity or quotation adds to its run.
fn write_suggestion(n: &mut Nodes, d: &RunDecor<'_>) {
    if let Some(key) = d.sugg_key {
        n.attr("data-sugg", key);
    }
    // The style sheet's tooltip reads `data-speaker` on the quotation's
    // first run, its keyboard stop.
    if let Some(speaker) = d.speaker.filter(|_| d.quote_start) {
        n.attr("data-speaker", speaker);
    }
}

/// A run no annotation covers. Plain text — no entity, quotation or
/// post decoration either, about 40 % of a long article's runs — is a bare
/// text node in its holder (which carries the range: `write_holder`): an
/// element with two attributes each had been a fifth of the DOM calls of
/// a reload (docs/performance.md, issue 20). A found entity or quotation is a `span`;
/// clicking it looks at its suggestion (the article listens for every run:
/// `ArticleView`, `selection::run_target`).
fn write_plain(n: &mut Nodes, run: &RunModel, d: RunDecor<'_>) {
    if run.deco.is_none() && run.entity.is_none() && run.quote.is_none() {
        return n.text(&run.text);
    }
    n.open("span");
    n.attr("class", &d.classes);
    n.attr("data-start", run.start);
    write_suggestion(n, &d);
    if let Some(speaker) = d.speaker {
        // `title` serves the pointer on every run of a quotation.
        n.attr("title", speaker);
        if d.quote_start {
            n.attr("tabindex", "0");
            n.attr("aria-label", format_args!("Quotation. {speaker}"));
        }
    }
    n.text(&run.text);
    n.close();
}

/// The annotations' labels and notes, innermost first, then the speaker
/// of a quotation under them: a highlighted run's `title`.
fn highlight_title(run: &RunModel, speaker: Option<&str>) -> String {
    let mut title = run
        .layers
        .iter()
        .rev()
        .map(|l| if l.note.is_empty() { l.label.clone() } else { format!("{}: {}", l.label, l.note) })
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(sp) = speaker {
        title.push('\n');
        title.push_str(sp);
    }
    title
}

/// A run under one or more annotations: clicking it selects the innermost,
/// the last of its `data-ids` (the article listens: `ArticleView`).
fn write_highlight(n: &mut Nodes, run: &RunModel, inner: &Layer, d: RunDecor<'_>) {
    let colour_classes = crate::platform::styles::work();
    let mut classes = d.classes.clone();
    classes.push_str(" hl");
    if colour_classes {
        classes.push(' ');
        classes.push_str(&crate::platform::styles::colour_class(&inner.color));
    }
    for (on, class) in [(run.selected, " hl-selected"), (inner.moved, " hl-moved"), (run.layers.len() > 1, " hl-overlap")] {
        if on {
            classes.push_str(class);
        }
    }
    n.open("mark");
    n.attr("class", &classes);
    n.attr("data-start", run.start);
    let ids = run.layers.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(" ");
    n.attr("data-ids", &ids);
    write_suggestion(n, &d);
    if let Some(style) = layer_style(&run.layers, colour_classes) {
        n.attr("style", &style);
    }
    n.attr("title", highlight_title(run, d.speaker));
    // The first run of an annotation is its keyboard stop.
    if let Some(first) = run.first_of.last() {
        n.attr("data-first", first);
        n.attr("tabindex", "0");
        n.attr("aria-label", format_args!("{} highlight: {}", inner.label, run.text));
    }
    n.text(&run.text);
    n.close();
}

fn write_runs(n: &mut Nodes, runs: &[RunModel]) {
    for run in runs {
        write_run(n, run);
    }
}

/// An element `tag` holding `runs`, with the document range they cover
/// (`data-start`, `data-end`): its bare text counts from there
/// (`platform::selection`).
fn write_holder(n: &mut Nodes, tag: &'static str, class: &str, runs: &[RunModel]) {
    n.open(tag);
    n.attr("class", class);
    if let (Some(first), Some(last)) = (runs.first(), runs.last()) {
        n.attr("data-start", first.start);
        n.attr("data-end", last.end);
    }
    write_runs(n, runs);
    n.close();
}

/// A media block: a placeholder for a picture or video the text does not
/// include, selected whole.
fn write_media_block(n: &mut Nodes, m: &BlockModel, media: &MediaRef) {
    let label = media_label(media);
    n.open("figure");
    n.attr("class", "media-placeholder block");
    atomic_media(n, m.range.start, m.range.end, &label);
    n.open("div");
    n.attr("class", "media-frame");
    n.attr("aria-hidden", "true");
    for (class, text) in [("media-icon", "▣"), ("media-name", label.as_str())] {
        n.open("span");
        n.attr("class", class);
        n.text(text);
        n.close();
    }
    n.close();
    n.open("figcaption");
    n.attr("aria-hidden", "true");
    n.text("Media placeholder — the picture is not part of the text");
    n.close();
    n.close();
}

/// An embedded post: its body and its attribution line (author, handle,
/// date), each as runs.
fn write_post_block(n: &mut Nodes, m: &BlockModel, author: &str, handle: &str) {
    n.open("figure");
    n.attr("class", "post-card block");
    n.attr("aria-label", format_args!("Post by {author} ({handle})"));
    for (i, (tag, class)) in [("blockquote", "post-body"), ("figcaption", "post-attribution")].into_iter().enumerate() {
        write_holder(n, tag, class, m.parts.get(i).map_or(&[], Vec::as_slice));
    }
    n.close();
}

/// One block as nodes: its element holding its runs (a title or a
/// paragraph carries its range, as every holder of runs does), a post's
/// body and attribution line, or a media placeholder.
pub(super) fn block_nodes(m: &BlockModel) -> Nodes {
    let mut n = Nodes::default();
    let runs = m.parts.first().map_or(&[][..], Vec::as_slice);
    match &m.kind {
        BlockKind::Title => write_holder(&mut n, "h1", "article-title block", runs),
        BlockKind::Paragraph => write_holder(&mut n, "p", "block", runs),
        BlockKind::Media(media) => write_media_block(&mut n, m, media),
        BlockKind::Post(post) => write_post_block(&mut n, m, &post.meta.author, &post.meta.handle),
    }
    n
}
