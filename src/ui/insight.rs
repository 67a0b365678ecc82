//! What the analysis found, in the UI: the legend bar with type toggles
//! and timing, the suggestion bar (accept or dismiss what is looked at),
//! the Entities tab (groups by type, stepping through mentions) and the
//! Quotes tab ("who said what").

use std::collections::HashMap;
use std::rc::Rc;

use super::shared::Shared;
use yew::prelude::*;

use crate::analysis::{Analysis, EntityType};
use crate::platform::clock::{new_annotation_id, new_label_id, now};
use crate::model::SuggestionKey;
use crate::store::suggest::{self, Status, Suggestion, SuggestionKind};
use crate::store::Action;

/// The analysis of the open document, computed once per document.
#[derive(Debug, PartialEq)]
pub struct Insight {
    /// The analysis.
    pub analysis: Analysis,
    /// Its suggestions, in text order.
    pub suggestions: Vec<Suggestion>,
    /// How long the engine took, in milliseconds (in the worker).
    pub ms: f64,
    /// From the request sent to the answer read back, in milliseconds.
    pub round_trip_ms: f64,
    /// Kept from an earlier visit (the worker's cache), not computed now.
    pub cached: bool,
    /// Not computed yet (the worker has not answered).
    pub pending: bool,
    /// Why there is no analysis: the worker failed twice.
    pub failed: Option<String>,
}

impl Insight {
    /// Nothing yet: the worker has not answered.
    pub fn pending() -> Insight {
        Insight { analysis: Analysis::default(), suggestions: Vec::new(), ms: 0.0, round_trip_ms: 0.0, cached: false, pending: true, failed: None }
    }

    /// No analysis, none asked for.
    pub fn none() -> Insight {
        Insight { pending: false, ..Insight::pending() }
    }

    /// No analysis, and why.
    pub fn failed(why: String) -> Insight {
        Insight { pending: false, failed: Some(why), ..Insight::pending() }
    }
}

/// The action accepting `s`.
pub fn accept(s: &Suggestion) -> Action {
    Action::AcceptSuggestion { id: new_annotation_id(), label_id: new_label_id(), suggestion: Rc::new(s.clone()), at: now() }
}

fn color_style(kind: SuggestionKind) -> String {
    format!("--ent: {}", suggest::type_color(kind).as_str())
}

/// Props of [`InsightBar`].
#[derive(Properties, PartialEq)]
pub struct BarProps {
    /// The analysis.
    pub insight: Shared<Insight>,
    /// Hidden entity types.
    pub hidden: Rc<std::collections::BTreeSet<EntityType>>,
    /// Whether quotations are shown.
    pub show_quotes: bool,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
    /// Asks for the analysis again (after a failure).
    pub on_retry: Callback<()>,
}

/// What the bar says about the analysis: under way, failed (with *Try
/// again*) or how long it took.
fn status(insight: &Insight, on_retry: &Callback<()>) -> Html {
    if let Some(why) = &insight.failed {
        let onclick = on_retry.reform(|_: MouseEvent| ());
        return html! { <>
            <span class="insight-time insight-failed" role="alert">{ format!("Analysis unavailable: {why}.") }</span>
            <button type="button" class="secondary retry-analysis" {onclick}>{"Try again"}</button>
        </> };
    }
    if insight.pending {
        return html! { <span class="insight-time" role="status">{"Analysing…"}</span> };
    }
    if insight.cached {
        let title = "Computed in your browser on an earlier visit and kept there";
        return html! { <span class="insight-time" {title}>{ format!("analysed earlier (read in {:.1} ms)", insight.ms) }</span> };
    }
    let title = format!("Computed in your browser, off the page's thread ({:.1} ms from request to answer)", insight.round_trip_ms);
    html! { <span class="insight-time" {title}>{ format!("analysed in {:.1} ms", insight.ms) }</span> }
}

/// The legend: one toggle per entity type found, one for quotations.
#[function_component(InsightBar)]
pub fn insight_bar(props: &BarProps) -> Html {
    let a = &props.insight.analysis;
    let mut counts: Vec<(EntityType, usize)> = EntityType::ALL.iter().map(|t| (*t, a.entities.iter().filter(|e| e.kind == *t).count())).collect();
    counts.retain(|(_, n)| *n > 0);
    let chips = counts.into_iter().map(|(t, n)| {
        let shown = !props.hidden.contains(&t);
        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::ToggleEntityType { kind: t });
        html! {
            <button type="button" class={classes!("chip", "type-chip", shown.then_some("pressed"))} aria-pressed={shown.to_string()}
                    style={color_style(SuggestionKind::Entity(t))} title={format!("Show or hide {} highlights", t.as_str())} {onclick}>
                <span class="swatch ent-swatch" aria-hidden="true"></span>{ t.as_str() }<span class="count">{ n }</span>
            </button>
        }
    });
    let quotes = a.quotes.len();
    let toggle_quotes = props.dispatch.reform(|_: MouseEvent| Action::ToggleQuotes);
    html! {
        <div class="insight-bar" role="group" aria-label="Found in this article" data-analysis-ms={format!("{:.2}", props.insight.ms)}
             data-round-trip-ms={format!("{:.2}", props.insight.round_trip_ms)} data-cached={props.insight.cached.to_string()}>
            <span class="insight-title">{"Found:"}</span>
            { for chips }
            if quotes > 0 {
                <button type="button" class={classes!("chip", "type-chip", props.show_quotes.then_some("pressed"))}
                        aria-pressed={props.show_quotes.to_string()} style={color_style(SuggestionKind::Quote)} onclick={toggle_quotes}>
                    <span class="swatch quote-swatch" aria-hidden="true"></span>{"Quotes"}<span class="count">{ quotes }</span>
                </button>
            }
            { status(&props.insight, &props.on_retry) }
        </div>
    }
}

/// Props of [`SuggestionBar`].
#[derive(Properties, PartialEq)]
pub struct SuggestionBarProps {
    /// The suggestion looked at.
    pub suggestion: Suggestion,
    /// Its status.
    pub status: Status,
    /// Its group's canonical name and size, for entities.
    pub group: Option<(String, usize)>,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
}

/// The bar for the suggestion being looked at: accept (A) or dismiss (X).
#[function_component(SuggestionBar)]
pub fn suggestion_bar(props: &SuggestionBarProps) -> Html {
    let s = &props.suggestion;
    let kind = match s.kind {
        SuggestionKind::Entity(t) => t.as_str().to_string(),
        SuggestionKind::Quote => "Quotation".to_string(),
    };
    let accept_action = accept(s);
    let on_accept = {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(accept_action.clone()))
    };
    let key = s.key.clone();
    let on_dismiss = props.dispatch.reform(move |_: MouseEvent| Action::DismissSuggestion { key: key.clone() });
    let key2 = s.key.clone();
    let on_restore = props.dispatch.reform(move |_: MouseEvent| Action::RestoreSuggestion { key: key2.clone() });
    let close = props.dispatch.reform(|_: MouseEvent| Action::FocusSuggestion { key: None });
    html! {
        <div class="suggestion-bar" role="region" aria-label="Suggestion" style={color_style(s.kind)}>
            <span class="swatch ent-swatch" aria-hidden="true"></span>
            <strong>{ kind }</strong>
            <q class="suggestion-text">{ s.text.chars().take(120).collect::<String>() }</q>
            if let Some((name, n)) = &props.group {
                <span class="suggestion-meta">{ format!("{name} · {n} mention{}", if *n == 1 { "" } else { "s" }) }</span>
            }
            if !s.note.is_empty() && s.kind == SuggestionKind::Quote {
                <span class="suggestion-meta">{ s.note.clone() }</span>
            }
            { match props.status {
                Status::Open => html! { <>
                    <button type="button" id="accept-suggestion" onclick={on_accept}>{"Accept"}<kbd>{"A"}</kbd></button>
                    <button type="button" class="secondary" id="dismiss-suggestion" onclick={on_dismiss}>{"Dismiss"}<kbd>{"X"}</kbd></button>
                </> },
                Status::Accepted => html! { <span class="badge">{"accepted"}</span> },
                Status::Dismissed => html! { <button type="button" class="secondary" onclick={on_restore}>{"Restore"}</button> },
            } }
            <button type="button" class="notice-close" aria-label="Close suggestion" onclick={close}>{"×"}</button>
        </div>
    }
}

/// Props of the two analysis tabs.
#[derive(Properties, PartialEq)]
pub struct TabProps {
    /// The analysis.
    pub insight: Shared<Insight>,
    /// Status of each suggestion (aligned with `insight.suggestions`).
    pub statuses: Shared<Vec<Status>>,
    /// Changes with `statuses`.
    pub version: u64,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
}

fn status_of<'a>(props: &'a TabProps, key: &SuggestionKey) -> Option<(&'a Suggestion, Status)> {
    let i = props.insight.suggestions.iter().position(|s| &s.key == key)?;
    Some((&props.insight.suggestions[i], props.statuses.get(i).copied().unwrap_or(Status::Open)))
}

/// Entity groups by type; a group's button steps through its mentions.
#[function_component(EntitiesTab)]
pub fn entities_tab(props: &TabProps) -> Html {
    let step = use_state(HashMap::<usize, usize>::new);
    let a = &props.insight.analysis;
    let types = suggest::groups_by_type(a);
    if types.is_empty() {
        return html! { <section class="entities-tab"><p class="empty">{"No names, places, dates or numbers found in this text."}</p></section> };
    }
    html! {
        <section class="entities-tab">
            <p class="hint">{"Click a name to step through its mentions; accept a mention to turn it into an annotation."}</p>
            { for types.into_iter().map(|(t, groups)| html! {
                <div class="entity-type" style={color_style(SuggestionKind::Entity(t))}>
                    <h3><span class="swatch ent-swatch" aria-hidden="true"></span>{ t.as_str() }<span class="count">{ groups.len() }</span></h3>
                    <ul class="group-list">
                        { for groups.into_iter().map(|(g, n)| {
                            let group = &a.groups[g];
                            let mentions: Vec<SuggestionKey> = group.mentions.iter().map(|&m| suggest::key_of(SuggestionKind::Entity(a.entities[m].kind), a.entities[m].range)).collect();
                            let open: Vec<Suggestion> = mentions.iter().filter_map(|k| status_of(props, k)).filter(|(_, st)| *st == Status::Open).map(|(s, _)| s.clone()).collect();
                            let goto = {
                                let (step, dispatch, mentions) = (step.clone(), props.dispatch.clone(), mentions.clone());
                                Callback::from(move |_: MouseEvent| {
                                    let mut map = (*step).clone();
                                    let k = map.entry(g).or_insert(usize::MAX);
                                    *k = k.wrapping_add(1) % mentions.len().max(1);
                                    dispatch.emit(Action::FocusSuggestion { key: mentions.get(*k).cloned() });
                                    step.set(map);
                                })
                            };
                            let accept_all = {
                                let (dispatch, open) = (props.dispatch.clone(), open.clone());
                                Callback::from(move |_: MouseEvent| {
                                    for s in &open {
                                        dispatch.emit(accept(s));
                                    }
                                })
                            };
                            let variants: Vec<String> = {
                                let mut v: Vec<String> = group.mentions.iter().map(|&m| a.entities[m].text.clone()).collect();
                                marginalia_core::order::sort_by(&mut v, |a, b| a.cmp(b));
                                v.dedup();
                                v.retain(|x| *x != group.canonical);
                                v
                            };
                            let at = step.get(&g).map(|k| k % n.max(1) + 1);
                            html! {
                                <li class="group" key={g}>
                                    <button type="button" class="group-name" onclick={goto}
                                            title={format!("Go to the next of {n} mentions")}>
                                        { group.canonical.clone() }<span class="count">{ n }</span>
                                        if let Some(at) = at { <span class="step">{ format!("{at}/{n}") }</span> }
                                    </button>
                                    if !variants.is_empty() {
                                        <span class="variants">{ format!("also: {}", variants.join(", ")) }</span>
                                    }
                                    if !open.is_empty() {
                                        <button type="button" class="secondary small" onclick={accept_all}
                                                aria-label={format!("Accept {} mentions of {}", open.len(), group.canonical)}>
                                            { format!("Accept {}", open.len()) }
                                        </button>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }) }
            <DismissedList insight={props.insight.clone()} statuses={props.statuses.clone()} version={props.version} dispatch={props.dispatch.clone()} />
        </section>
    }
}

/// Dismissed suggestions, restorable.
#[function_component(DismissedList)]
fn dismissed_list(props: &TabProps) -> Html {
    let items: Vec<&Suggestion> = props
        .insight
        .suggestions
        .iter()
        .zip(props.statuses.iter())
        .filter(|(_, st)| **st == Status::Dismissed)
        .map(|(s, _)| s)
        .collect();
    if items.is_empty() {
        return html! {};
    }
    html! {
        <details class="dismissed">
            <summary>{ format!("Dismissed ({})", items.len()) }</summary>
            <ul>
                { for items.into_iter().map(|s| {
                    let key = s.key.clone();
                    let restore = props.dispatch.reform(move |_: MouseEvent| Action::RestoreSuggestion { key: key.clone() });
                    html! { <li key={s.key.as_str()}>{ format!("{} “{}” ", suggest::label_name(s.kind), s.text.chars().take(60).collect::<String>()) }
                        <button type="button" class="link" onclick={restore}>{"restore"}</button></li> }
                }) }
            </ul>
        </details>
    }
}

/// Quotations grouped by speaker.
#[function_component(QuotesTab)]
pub fn quotes_tab(props: &TabProps) -> Html {
    let a = &props.insight.analysis;
    let by = suggest::quotes_by_speaker(a);
    if by.is_empty() {
        return html! { <section class="quotes-tab"><p class="empty">{"No quotations found in this text."}</p></section> };
    }
    html! {
        <section class="quotes-tab">
            <p class="hint">{"Who said what, in the order they are quoted."}</p>
            { for by.into_iter().map(|(speaker, idx)| html! {
                <div class="speaker">
                    <h3>{ if speaker.is_empty() { "No speaker stated".to_string() } else { speaker.clone() } }
                        <span class="count">{ idx.len() }</span></h3>
                    <ol class="quote-list">
                        { for idx.into_iter().map(|i| {
                            let q = &a.quotes[i];
                            let key = suggest::key_of(SuggestionKind::Quote, q.range);
                            let status = status_of(props, &key).map(|(_, st)| st).unwrap_or(Status::Open);
                            let k1 = key.clone();
                            let goto = props.dispatch.reform(move |_: MouseEvent| Action::FocusSuggestion { key: Some(k1.clone()) });
                            let sugg = status_of(props, &key).map(|(s, _)| s.clone());
                            let on_accept = {
                                let d = props.dispatch.clone();
                                Callback::from(move |_: MouseEvent| {
                                    if let Some(s) = &sugg {
                                        d.emit(accept(s));
                                    }
                                })
                            };
                            html! {
                                <li class={classes!("quote-item", (status != Status::Open).then_some("done"))} key={key.as_str()}>
                                    <button type="button" class="quote-go" onclick={goto}>
                                        <q>{ q.text.chars().take(200).collect::<String>() }</q>
                                        if let Some(cue) = &q.cue { <span class="cue">{ cue.clone() }</span> }
                                        if q.scare { <span class="badge">{"scare quote"}</span> }
                                    </button>
                                    { match status {
                                        Status::Open => html! { <button type="button" class="secondary small" onclick={on_accept}>{"Accept"}</button> },
                                        Status::Accepted => html! { <span class="badge">{"accepted"}</span> },
                                        Status::Dismissed => html! { <span class="badge">{"dismissed"}</span> },
                                    } }
                                </li>
                            }
                        }) }
                    </ol>
                </div>
            }) }
        </section>
    }
}

/// The bar of the suggestion looked at, if any.
pub fn focused_bar(s: &crate::store::AppState, insight: &Insight, statuses: &[Status], dispatch: &Callback<Action>) -> Html {
    let Some(focused) = &s.ui.focused_suggestion else { return Html::default() };
    let Some(i) = insight.suggestions.iter().position(|x| &x.key == focused) else { return Html::default() };
    let group = insight.suggestions[i].group.and_then(|g| insight.analysis.groups.get(g)).map(|g| (g.canonical.clone(), g.mentions.len()));
    html! {
        <SuggestionBar suggestion={insight.suggestions[i].clone()} status={statuses.get(i).copied().unwrap_or(Status::Open)}
            {group} dispatch={dispatch.clone()} />
    }
}
