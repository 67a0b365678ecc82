//! The side panel: tabs for annotations, labels and the library.

use std::rc::Rc;

use super::shared::Shared;
use yew::prelude::*;

use super::insight::{EntitiesTab, Insight, QuotesTab};
use super::labels::LabelsTab;
pub use super::tab::TabProps;
use super::hooks::use_derived;
use super::later::Later;
use super::library::LibraryTab;
use crate::store::suggest::Status;
use crate::model::{AnnotationId, Label, Timestamp};
use crate::platform::clock::now;
use crate::render::{linkify, NoteSegment};
use crate::store::view::{self, ListItem, Placement};
use crate::store::{Action, AppState, PanelTab};
use crate::text::{CharRange, DocHash};

/// Props of [`Panel`].
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The whole state (the panel is small; it re-renders with the app).
    pub state: Shared<AppState>,
    /// Dispatches actions.
    pub dispatch: Callback<Action>,
    /// Open a saved document.
    pub on_open_saved: Callback<DocHash>,
    /// Delete a saved document.
    pub on_delete_saved: Callback<DocHash>,
    /// Open a copy of a page annotated in place.
    pub on_open_page: Callback<crate::store::page::PageKey>,
    /// Delete the notes of a page annotated in place.
    pub on_delete_page: Callback<crate::store::page::PageKey>,
    /// The analysis of the open document.
    pub insight: Shared<Insight>,
    /// Status of each suggestion.
    pub statuses: Shared<Vec<Status>>,
    /// Find text in the article (keyboard selection); `true` also annotates it.
    pub on_find: Callback<(String, bool)>,
}

fn tab_button(tab: PanelTab, current: PanelTab, label: String, dispatch: &Callback<Action>) -> Html {
    let onclick = dispatch.reform(move |_: MouseEvent| Action::ShowTab { tab });
    let id = format!("tab-{tab:?}").to_lowercase();
    let label = label.replace("Annotations", "Notes");
    html! {
        <button type="button" role="tab" id={id} class={classes!("tab", (tab == current).then_some("active"))}
                aria-selected={(tab == current).to_string()} {onclick}>{ label }</button>
    }
}

/// The side panel.
#[function_component(Panel)]
pub fn panel(props: &PanelProps) -> Html {
    let s = &props.state;
    let tab = s.ui.tab;
    html! {
        <aside class="panel" aria-label="Annotations panel">
            <div class="tabs" role="tablist">
                { tab_button(PanelTab::Annotations, tab, format!("Annotations ({})", s.data.annotations.len()), &props.dispatch) }
                { tab_button(PanelTab::Entities, tab, "Entities".to_string(), &props.dispatch) }
                { tab_button(PanelTab::Quotes, tab, format!("Quotes ({})", props.insight.analysis.quotes.len()), &props.dispatch) }
                { tab_button(PanelTab::Labels, tab, "Labels".to_string(), &props.dispatch) }
                { tab_button(PanelTab::Library, tab, format!("Library ({})", s.library.len() + s.pages.len()), &props.dispatch) }
            </div>
            <div class="tab-body" role="tabpanel">
                <Later>{ match tab {
                    PanelTab::Annotations => html! {
                        <>
                            <FindBox on_find={props.on_find.clone()} />
                            <AnnotationsTab state={s.clone()} dispatch={props.dispatch.clone()} />
                        </>
                    },
                    PanelTab::Labels => html! { <LabelsTab state={s.clone()} dispatch={props.dispatch.clone()} /> },
                    PanelTab::Library => html! {
                        <LibraryTab state={s.clone()} on_open={props.on_open_saved.clone()} on_delete={props.on_delete_saved.clone()}
                                    on_open_page={props.on_open_page.clone()} on_delete_page={props.on_delete_page.clone()} />
                    },
                    PanelTab::Entities => html! {
                        <EntitiesTab insight={props.insight.clone()} statuses={props.statuses.clone()} version={s.version} dispatch={props.dispatch.clone()} />
                    },
                    PanelTab::Quotes => html! {
                        <QuotesTab insight={props.insight.clone()} statuses={props.statuses.clone()} version={s.version} dispatch={props.dispatch.clone()} />
                    },
                } }</Later>
            </div>
        </aside>
    }
}

/// Props of [`FindBox`].
#[derive(Properties, PartialEq)]
struct FindProps {
    on_find: Callback<(String, bool)>,
}

/// Selecting text from the keyboard: type, Enter selects the next match in
/// the article, Ctrl+Enter annotates it.
#[function_component(FindBox)]
fn find_box(props: &FindProps) -> Html {
    let input = use_node_ref();
    let run = |annotate: bool| {
        let (input, on_find) = (input.clone(), props.on_find.clone());
        move || {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                on_find.emit((el.value(), annotate));
            }
        }
    };
    let onkeydown = {
        let (find, annotate) = (run(false), run(true));
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                if e.ctrl_key() || e.meta_key() {
                    annotate();
                } else {
                    find();
                }
            }
        })
    };
    let find_click = {
        let f = run(false);
        Callback::from(move |_: MouseEvent| f())
    };
    let annotate_click = {
        let f = run(true);
        Callback::from(move |_: MouseEvent| f())
    };
    html! {
        <div class="find-box" role="search">
            <input ref={input} type="search" id="find-text" aria-label="Find text in the article to annotate"
                   placeholder="Find text to annotate (Enter: next, Ctrl+Enter: annotate)" {onkeydown} />
            <button type="button" class="secondary small" onclick={find_click}
                    onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}>{"Find"}</button>
            <button type="button" class="small" id="find-annotate" onclick={annotate_click}
                    onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}>{"Annotate"}</button>
        </div>
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// Renders a note with safe links.
pub fn note_html(note: &str) -> Html {
    linkify(note)
        .into_iter()
        .map(|seg| match seg {
            NoteSegment::Text(t) => html! { <>{ t }</> },
            NoteSegment::Link(url) => html! { <a href={url.clone()} target="_blank" rel="noopener noreferrer nofollow">{ url }</a> },
        })
        .collect()
}

/// Annotations listed at first, and added by each "Show more": a list of
/// thousands costs its rendering on every keystroke in a note, and no
/// reader scrolls through thousands (issue 10, item 5).
const LIST_PAGE: usize = 200;

/// Items listed around the selected one beyond the window, so a highlight
/// clicked far down the article opens its editor in the list.
const AROUND_SELECTED: usize = 20;

/// How many of `visible` to list, and the "Show more" handler. The window
/// starts at [`LIST_PAGE`] for each document and always reaches the
/// selected annotation.
#[hook]
fn use_list_window(doc: DocHash, visible: &[&ListItem], selected: Option<&AnnotationId>) -> (usize, Callback<MouseEvent>) {
    // Counted per document, so another document starts at one page.
    let state = use_state(|| (doc.clone(), LIST_PAGE));
    let limit = if state.0 == doc { state.1 } else { LIST_PAGE };
    let selected_at = selected.and_then(|id| visible.iter().position(|i| i.id() == id));
    let shown = selected_at.map_or(limit, |k| limit.max(k + 1 + AROUND_SELECTED));
    let more = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set((doc.clone(), shown + LIST_PAGE)))
    };
    (shown, more)
}

/// The label chips with their counts; clicking one filters the list.
fn label_legend(counts: &[(Label, usize)], filter: &std::collections::BTreeSet<crate::model::LabelId>, dispatch: &Callback<Action>) -> Html {
    counts
        .iter()
        .map(|(label, n)| {
            let id = label.id.clone();
            let pressed = filter.contains(&label.id);
            let onclick = dispatch.reform(move |_: MouseEvent| Action::ToggleLabelFilter { id: id.clone() });
            html! {
                <button type="button" class={classes!("chip", pressed.then_some("pressed"))} aria-pressed={pressed.to_string()}
                        style={format!("--chip: {}", label.color.as_str())} title={format!("Show only {}", label.name)} {onclick}>
                    <span class="swatch" aria-hidden="true"></span>{ label.name.clone() }<span class="count">{ *n }</span>
                </button>
            }
        })
        .collect::<Html>()
}

/// The annotation list, filters and editor.
#[function_component(AnnotationsTab)]
pub fn annotations_tab(props: &TabProps) -> Html {
    let s = &props.state;
    let dispatch = &props.dispatch;
    let items = use_derived(s, |s| view::all_items(&s.data, &s.anchors, &s.doc.document.indexed));
    let visible = view::visible_items(&items, &s.ui);
    let counts = view::label_counts(&s.data);
    let labels = Rc::new(s.data.labels.clone());
    let (shown, show_more) = use_list_window(s.doc.document.hash.clone(), &visible, s.ui.selected.as_ref());

    let legend = label_legend(&counts, &s.ui.label_filter, dispatch);
    let clear = dispatch.reform(|_: MouseEvent| Action::ClearLabelFilter);
    let oninput = dispatch.reform(|e: InputEvent| {
        let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
        Action::SetSearch { query: value }
    });
    let on_active = dispatch.reform(|e: Event| {
        let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
        match crate::model::LabelId::parse(&value) {
            Ok(id) => Action::SetActiveLabel { id },
            Err(_) => Action::DismissNotice,
        }
    });
    let filtered = !s.ui.label_filter.is_empty() || !s.ui.search.trim().is_empty();

    html! {
        <section class="annotations-tab">
            <div class="legend" role="group" aria-label="Labels (click to filter)">
                { legend }
                if !s.ui.label_filter.is_empty() {
                    <button type="button" class="link" onclick={clear}>{"Show all"}</button>
                }
            </div>
            <input type="search" class="search" placeholder="Search notes, quotes and labels" aria-label="Search annotations"
                   value={s.ui.search.clone()} {oninput} />
            <label class="active-label">
                {"New annotations: "}
                <select aria-label="Label for new annotations" onchange={on_active}>
                    { for s.data.labels.iter().map(|l| html! {
                        <option value={l.id.to_string()} selected={l.id == s.ui.active_label}>{ l.name.clone() }</option>
                    }) }
                </select>
            </label>
            if items.is_empty() {
                <p class="empty">{"Select a passage in the article, then press "}<kbd>{"A"}</kbd>{" or click Annotate. Your annotations are listed here in reading order."}</p>
            } else if visible.is_empty() && filtered {
                <p class="empty">{"No annotation matches the filter."}</p>
            }
            <ol class="annotation-list" aria-label="Annotations">
                { for visible.iter().take(shown).map(|item| html! {
                    <AnnotationItem key={item.id().to_string()} item={(*item).clone()}
                        expanded={s.ui.selected.as_ref() == Some(item.id())}
                        labels={labels.clone()}
                        times={item.times()}
                        focus_note={s.ui.focus_note}
                        selection={s.ui.selection.as_ref().map(|t| t.range)}
                        dispatch={dispatch.clone()} />
                }) }
            </ol>
            if visible.len() > shown {
                <button type="button" class="secondary show-more" onclick={show_more}>
                    { format!("Show {} more of {}", (visible.len() - shown).min(LIST_PAGE), visible.len()) }
                </button>
            }
        </section>
    }
}

/// Props of [`AnnotationItem`].
#[derive(Properties, PartialEq)]
struct ItemProps {
    item: ListItem,
    expanded: bool,
    labels: Rc<Vec<Label>>,
    times: (Timestamp, Timestamp),
    focus_note: u64,
    selection: Option<CharRange>,
    dispatch: Callback<Action>,
}

/// One annotation in the list; expanded, it is the editor.
#[function_component(AnnotationItem)]
fn annotation_item(props: &ItemProps) -> Html {
    let item = &props.item;
    let id = item.id().clone();
    let dispatch = &props.dispatch;
    let note_ref = use_node_ref();
    {
        let note_ref = note_ref.clone();
        let expanded = props.expanded;
        use_effect_with((props.focus_note, expanded), move |(_, expanded)| {
            if *expanded {
                if let Some(el) = note_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let select = {
        let (id, expanded) = (id.clone(), props.expanded);
        dispatch.reform(move |_: MouseEvent| Action::SelectAnnotation { id: (!expanded).then(|| id.clone()) })
    };
    let status = match item.placement {
        Placement::Exact | Placement::Shifted => html! {},
        Placement::Moved => html! {
            <span class="badge badge-moved" title="The text changed; found at a new place (how sure, from its quote and context)">
                { format!("moved · {} %", item.score.unwrap_or(0)) }
            </span>
        },
        Placement::Orphan => html! { <span class="badge badge-orphan" title="Not found in this text">{"orphan"}</span> },
    };
    html! {
        <li class={classes!("item", props.expanded.then_some("expanded"), (item.placement == Placement::Orphan).then_some("orphan"))}
            data-id={item.id().to_string()} style={format!("--label: {}", item.label.color.as_str())}>
            <button type="button" class="item-head" aria-expanded={props.expanded.to_string()} onclick={select}>
                <span class="item-meta">
                    <span class="swatch" aria-hidden="true"></span>
                    <span class="item-label">{ item.label.name.clone() }</span>
                    { status }
                </span>
                <q class="item-quote">{ truncate(item.quote(), 180) }</q>
                if !item.note().is_empty() && !props.expanded {
                    <span class="item-note">{ truncate(item.note(), 140) }</span>
                }
            </button>
            if props.expanded {
                { editor(props, note_ref) }
            }
        </li>
    }
}

fn editor(props: &ItemProps, note_ref: NodeRef) -> Html {
    let item = &props.item;
    let dispatch = &props.dispatch;
    let id = item.id().clone();
    let on_label = {
        let id = id.clone();
        dispatch.reform(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            match crate::model::LabelId::parse(&value) {
                Ok(label) => Action::SetLabel { id: id.clone(), label, at: now() },
                Err(_) => Action::DismissNotice,
            }
        })
    };
    let on_note = {
        let id = id.clone();
        dispatch.reform(move |e: InputEvent| {
            let note = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value();
            Action::SetNote { id: id.clone(), note, at: now() }
        })
    };
    let on_note_key = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" || (e.key() == "Enter" && (e.ctrl_key() || e.meta_key())) {
                e.prevent_default();
                dispatch.emit(Action::SelectAnnotation { id: None });
            }
        })
    };
    let on_delete = {
        let id = id.clone();
        dispatch.reform(move |_: MouseEvent| Action::DeleteAnnotation { id: id.clone() })
    };
    let on_accept = {
        let id = id.clone();
        dispatch.reform(move |_: MouseEvent| Action::AcceptMove { id: id.clone(), at: now() })
    };
    let (created, updated) = props.times;
    html! {
        <div class="editor">
            if item.placement == Placement::Orphan {
                <p class="orphan-note">{"This passage is no longer in the text. Select where it belongs now and re-attach it, or keep it as it is: it is never dropped."}</p>
                <ReattachButton id={id.clone()} selection={props.selection} dispatch={dispatch.clone()} />
            }
            if item.placement == Placement::Moved {
                <p class="moved-note">{ format!("The text changed; this annotation was found at a new place ({} % sure).", item.score.unwrap_or(0)) }
                    <button type="button" class="link" onclick={on_accept}>{"Keep the new place"}</button></p>
                if let Some(now) = &item.now {
                    <p class="moved-quote">{"You annotated “"}<span class="was">{ item.quote().to_string() }</span>{"”; the text there now reads “"}<span class="now">{ now.clone() }</span>{"”."}</p>
                }
            }
            <label class="field">{"Label"}
                <select aria-label="Label" onchange={on_label}>
                    { for props.labels.iter().map(|l| html! {
                        <option value={l.id.to_string()} selected={l.id == item.label.id}>{ l.name.clone() }</option>
                    }) }
                </select>
            </label>
            <label class="field">{"Note"}
                <textarea ref={note_ref} aria-label="Note" rows="4" value={item.note().to_string()} placeholder="Write a note (plain text; http links become clickable)"
                          oninput={on_note} onkeydown={on_note_key} />
            </label>
            if linkify(item.note()).iter().any(|s| matches!(s, NoteSegment::Link(_))) {
                <p class="note-preview" aria-label="Links in the note">{ note_html(item.note()) }</p>
            }
            <div class="editor-actions">
                <span class="times">{ format!("Created {} · edited {}", created.to_date(), updated.to_date()) }</span>
                <button type="button" class="danger" onclick={on_delete}>{"Delete"}</button>
            </div>
        </div>
    }
}

/// Props of [`ReattachButton`].
#[derive(Properties, PartialEq)]
struct ReattachProps {
    id: AnnotationId,
    selection: Option<CharRange>,
    dispatch: Callback<Action>,
}

/// Re-attaches an orphan to the current text selection.
#[function_component(ReattachButton)]
fn reattach_button(props: &ReattachProps) -> Html {
    let (id, selection) = (props.id.clone(), props.selection);
    let onclick = props.dispatch.reform(move |_: MouseEvent| match selection {
        Some(range) => Action::Reattach { id: id.clone(), range, at: now() },
        None => Action::ShowTab { tab: PanelTab::Annotations },
    });
    let enabled = selection.is_some();
    html! {
        // mousedown would clear the article selection before the click.
        <button type="button" class="secondary" disabled={!enabled} {onclick}
                onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                title={if enabled { "Attach to the selected text" } else { "Select text in the article first" }}>
            {"Re-attach to selected text"}
        </button>
    }
}
