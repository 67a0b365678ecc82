//! A block's runs as elements: plain text, a found entity or quotation
//! (`span`), an annotation (`mark`, with its layers' colours), a media
//! placeholder; every run carries its `data-start`.

use yew::prelude::*;

use super::model::{Deco, Layer, RunModel};
use crate::model::SuggestionKey;
use crate::text::layout::MediaRef;

pub(super) fn media_label(m: &MediaRef) -> String {
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
pub(super) struct RunDecor {
    pub(super) classes: Classes,
    /// Key of the suggestion (entity or quotation) under the run. Its first
    /// run is the first element with that key in the page's order
    /// (`hooks::use_reveal_suggestion`), so no attribute marks it: every
    /// attribute is a DOM call per run, thousands per article (README,
    /// issue 20).
    pub(super) sugg_key: Option<SuggestionKey>,
    /// The quotation's speaker note.
    pub(super) speaker: Option<String>,
    /// The first run of a quotation: a keyboard stop showing its speaker.
    pub(super) quote_start: bool,
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
    RunDecor {
        classes: classes!("run", deco_class, ent_class, quote_class, run.focused.then_some("sugg-focused")),
        sugg_key,
        speaker: run.quote.as_ref().map(|(_, note, _)| note.to_string()),
        quote_start: run.quote.as_ref().is_some_and(|(_, _, first)| *first),
    }
}

fn render_run(run: &RunModel) -> Html {
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
        Some(inner) => render_highlight(run, inner, d),
        None => render_plain(run, d),
    }
}

/// A run no annotation covers: clicking it looks at its suggestion (the
/// article listens for every run: `ArticleView`, `selection::run_target`).
fn render_plain(run: &RunModel, d: RunDecor) -> Html {
    html! {
        <span class={d.classes} data-start={run.start.to_string()} data-sugg={d.sugg_key.as_ref().map(|k| k.to_string())}
              // The style sheet's tooltip reads `data-speaker` on the
              // quotation's first run, its keyboard stop; `title` serves the
              // pointer on every run.
              data-speaker={d.speaker.clone().filter(|_| d.quote_start)} title={d.speaker.clone()}
              tabindex={d.quote_start.then_some("0")}
              aria-label={d.quote_start.then(|| format!("Quotation. {}", d.speaker.clone().unwrap_or_default()))}>
            { run.text.clone() }
        </span>
    }
}

/// A run under one or more annotations: clicking it selects the innermost,
/// the last of its `data-ids` (the article listens: `ArticleView`).
fn render_highlight(run: &RunModel, inner: &Layer, d: RunDecor) -> Html {
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
    let colour_classes = crate::platform::styles::work();
    let colour_class = colour_classes.then(|| crate::platform::styles::colour_class(&inner.color));
    // The first run of an annotation is its keyboard stop.
    let first = run.first_of.last().cloned();
    let tabindex = first.as_ref().map(|_| "0");
    let aria_label = first.as_ref().map(|_| format!("{} highlight: {}", inner.label, run.text));
    html! {
        <mark class={classes!(d.classes, "hl", colour_class, run.selected.then_some("hl-selected"), inner.moved.then_some("hl-moved"),
                              (run.layers.len() > 1).then_some("hl-overlap"))}
              data-start={run.start.to_string()} data-ids={ids} data-first={first.map(|f| f.to_string())}
              data-sugg={d.sugg_key.map(|k| k.to_string())} data-speaker={d.speaker.filter(|_| d.quote_start)}
              style={layer_style(&run.layers, colour_classes)} title={title} tabindex={tabindex} aria-label={aria_label}>
            { run.text.clone() }
        </mark>
    }
}

pub(super) fn render_runs(runs: &[RunModel]) -> Html {
    runs.iter().map(render_run).collect::<Html>()
}

