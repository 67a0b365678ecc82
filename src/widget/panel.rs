//! The widget's side panel: a header, the current message, the legend of
//! what was found, and the app's own tabs (notes, entities, quotes,
//! labels) — the same components, so keyboard and screen-reader use are
//! the app's. It can be folded into a tab at the page's edge.

use std::rc::Rc;

use yew::prelude::*;

use super::options::Options;
use crate::store::suggest::Status;
use crate::store::{Action, AppState, PanelTab};
use crate::ui::banners::notice_view;
use crate::ui::insight::{EntitiesTab, Insight, InsightBar, QuotesTab};
use crate::ui::labels::LabelsTab;
use crate::ui::panel::AnnotationsTab;
use crate::ui::shared::Shared;

/// Props of [`WidgetPanel`].
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The state.
    pub state: Shared<AppState>,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
    /// The analysis of the host article.
    pub insight: Shared<Insight>,
    /// Status of each suggestion.
    pub statuses: Shared<Vec<Status>>,
    /// The host's options.
    pub options: Rc<Options>,
    /// Asks for the analysis again (after a failure).
    pub on_retry: Callback<()>,
}

/// The tabs the widget shows (the app's library of articles is the app's).
fn tabs(options: &Options) -> Vec<(PanelTab, &'static str)> {
    let mut tabs = vec![(PanelTab::Annotations, "Notes")];
    if !options.hide_found {
        tabs.extend([(PanelTab::Entities, "Entities"), (PanelTab::Quotes, "Quotes")]);
    }
    if !options.read_only {
        tabs.push((PanelTab::Labels, "Labels"));
    }
    tabs
}

fn tab_bar(s: &AppState, options: &Options, dispatch: &Callback<Action>) -> Html {
    let current = s.ui.tab;
    tabs(options)
        .into_iter()
        .map(|(tab, name)| {
            let onclick = dispatch.reform(move |_: MouseEvent| Action::ShowTab { tab });
            let label = match tab {
                PanelTab::Annotations => format!("{name} ({})", s.data.annotations.len()),
                _ => name.to_string(),
            };
            html! {
                <button type="button" role="tab" class={classes!("tab", (tab == current).then_some("active"))}
                        aria-selected={(tab == current).to_string()} {onclick}>{ label }</button>
            }
        })
        .collect()
}

/// The side panel.
#[function_component(WidgetPanel)]
pub fn widget_panel(props: &PanelProps) -> Html {
    let open = use_state(|| !props.options.collapsed);
    let (s, dispatch) = (&props.state, &props.dispatch);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    if !*open {
        return html! {
            <button type="button" class="mgl-tab" aria-expanded="false" onclick={toggle}>
                { format!("Marginalia ({})", s.data.annotations.len()) }
            </button>
        };
    }
    // A tab the host turned off shows the notes instead.
    let shown = tabs(&props.options).into_iter().map(|(t, _)| t).find(|t| *t == s.ui.tab).unwrap_or(PanelTab::Annotations);
    let body = match shown {
        PanelTab::Entities => html! { <EntitiesTab insight={props.insight.clone()} statuses={props.statuses.clone()} version={s.version} dispatch={dispatch.clone()} /> },
        PanelTab::Quotes => html! { <QuotesTab insight={props.insight.clone()} statuses={props.statuses.clone()} version={s.version} dispatch={dispatch.clone()} /> },
        PanelTab::Labels => html! { <LabelsTab state={s.clone()} dispatch={dispatch.clone()} /> },
        _ => html! { <AnnotationsTab state={s.clone()} dispatch={dispatch.clone()} /> },
    };
    html! {
        <aside class="panel mgl-panel" aria-label="Marginalia annotations">
            <header class="mgl-head">
                <span class="brand">{"Marginalia"}</span>
                if props.options.read_only {
                    <span class="mgl-mode">{"read-only"}</span>
                }
                <button type="button" class="notice-close" aria-expanded="true" aria-label="Fold the Marginalia panel" onclick={toggle}>{"×"}</button>
            </header>
            if let Some(n) = &s.notice {
                { notice_view(n, dispatch.reform(|_: MouseEvent| Action::DismissNotice)) }
            }
            if !props.options.hide_found {
                <InsightBar insight={props.insight.clone()} hidden={Rc::new(s.ui.hidden_types.clone())} show_quotes={s.ui.show_quotes}
                            dispatch={dispatch.clone()} on_retry={props.on_retry.clone()} />
            }
            <div class="tabs" role="tablist">{ tab_bar(s, &props.options, dispatch) }</div>
            <div class="tab-body" role="tabpanel">{ body }</div>
        </aside>
    }
}
