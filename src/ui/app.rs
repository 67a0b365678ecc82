//! The root component: owns the state reducer and composes the app from
//! hooks (effects, in `hooks.rs`, `suggestions.rs`, `analysis.rs`,
//! `autosave.rs`) and commands (`commands.rs`). Storage is read
//! synchronously at start (localStorage is synchronous), in the task
//! before the first render (`shell::read_ahead`), so the first paint
//! already shows the last session.

use std::rc::Rc;

use yew::prelude::*;

use super::article::ArticleView;
use super::autosave::use_autosave;
use super::banners::{notice_view, Banners};
use super::commands::{banner_actions, import_actions, use_commands};
use super::handles::AppHandles;
use super::hooks::{use_derived, use_file_drop, use_reveal_selected, use_reveal_suggestion, use_selection, use_shortcuts, DropTargets};
use super::import_dialog::ImportDialog;
use super::insight::{focused_bar, Insight, InsightBar};
use super::page_line::PageLine;
use super::panel::Panel;
use super::paste::PasteDialog;
use super::share::use_share;
use super::share_dialog::ShareDialog;
use super::reducer::Reduced;
use super::shell::{self, ExportFormat};
use super::suggestions::use_suggestions;
use super::toolbar::Toolbar;
use crate::model::{AnnotationId, SuggestionKey};
use crate::sample::sample_document;
use crate::store::{apply, view, Action, AppState, TextSelection};

/// The state at start: the sample, then whatever storage says (the last
/// article, the library), as `shell::read_ahead` read it.
#[hook]
fn use_store(startup: &Rc<shell::Startup>) -> UseReducerHandle<Reduced> {
    let startup = startup.clone();
    use_reducer(move || {
        let mut s = AppState::new(sample_document());
        for action in startup.actions.take() {
            s = apply(&s, action);
        }
        Reduced(Rc::new(s))
    })
}

/// The state as of this render and the handles hooks and commands share;
/// saving runs from here.
#[hook]
fn use_app_state() -> (Rc<AppState>, AppHandles) {
    let startup = use_memo((), |_| shell::take_startup());
    let state = use_store(&startup);
    let snapshot = Rc::clone(&state.0);
    let latest = use_mut_ref(|| snapshot.clone());
    *latest.borrow_mut() = snapshot.clone();
    let h = AppHandles { kv: startup.kv.clone(), latest, dispatcher: state.dispatcher() };
    use_autosave(&snapshot, h.latest.clone(), h.dispatcher.clone(), h.kv.clone());
    (snapshot, h)
}

/// The application.
#[function_component(App)]
pub fn app() -> Html {
    let (snapshot, h) = use_app_state();
    let state = &snapshot;
    let dispatch = use_callback(h.dispatcher.clone(), |action: Action, d| d.dispatch(action));
    let article_ref = use_node_ref();
    let pasting = use_state(|| false);
    let sharing = use_state(|| false);
    let share = use_share(&h);
    let commands = use_commands(&h, &article_ref, pasting.clone());
    use_selection(&h, &article_ref);
    // The analysis: once per document, in the analysis worker.
    let analysed = super::analysis::use_analysis(state.doc.clone(), true);
    let insight: Rc<Insight> = analysed.insight;
    use_shortcuts(&h, &commands.annotate, insight.clone());
    let suggestions = use_suggestions(&snapshot, insight.clone());
    use_reveal_suggestion(state.ui.focused_suggestion.clone());
    use_reveal_selected(state.ui.selected.clone(), &article_ref);
    let drop = use_file_drop(DropTargets { article: commands.open_file.clone(), annotations: commands.import_file.clone(), text: commands.paste_load.clone() });
    let on_select = use_callback(h.dispatcher.clone(), |id: AnnotationId, d| d.dispatch(Action::SelectAnnotation { id: Some(id) }));
    let on_suggestion = use_callback(h.dispatcher.clone(), |key: SuggestionKey, d| d.dispatch(Action::FocusSuggestion { key: Some(key) }));
    let banner_actions = banner_actions(&h, &commands.export);
    let (on_merge, on_replace) = import_actions(&h);
    let (on_paste_open, on_paste_cancel) = (set_flag(&pasting, true), set_flag(&pasting, false));
    let highlights = use_derived(state, |s| view::highlights(&s.data, &s.anchors));
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    let s = &snapshot;
    let modal_open = *pasting || *sharing || s.ui.pending_import.is_some();
    let (statuses, visible_suggestions) = (suggestions.statuses, suggestions.visible);
    let on_export = commands.export.clone();
    html! {
        <div class="app" ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
            <Toolbar title={AttrValue::from(s.doc.document.title.clone())} save_status={s.save_status()}
                     can_undo={s.history.can_undo()} can_redo={s.history.can_redo()}
                     on_file={commands.open_file} on_import={commands.import_file} on_paste={on_paste_open} on_sample={commands.sample} on_export={on_export.clone()}
                     on_undo={dispatch.reform(|_: ()| Action::Undo)} on_redo={dispatch.reform(|_: ()| Action::Redo)}
                     on_share={set_flag(&sharing, true)} share={s.ui.share.clone()} />
            <Banners state={s.clone()} actions={banner_actions} />
            if let Some(notice) = &s.notice {
                { notice_view(notice, dismiss) }
            }
            <main class="workspace">
                <div class="article-column">
                    <PageLine doc={s.doc.clone()} on_switch={commands.switch_reading.clone()} />
                    <InsightBar insight={insight.clone()} hidden={Rc::new(s.ui.hidden_types.clone())} show_quotes={s.ui.show_quotes}
                                dispatch={dispatch.clone()} on_retry={analysed.retry} />
                    <ArticleView doc={s.doc.clone()} highlights={highlights.clone()} version={s.version}
                                 selected={s.ui.selected.clone()} {on_select} node_ref={article_ref.clone()}
                                 suggestions={visible_suggestions.clone()} held={s.ui.selection.as_ref().map(|t| t.range)}
                                 focused={s.ui.focused_suggestion.clone()} {on_suggestion} />
                </div>
                <Panel state={s.clone()} dispatch={dispatch.clone()} on_open_saved={commands.open_saved} on_delete_saved={commands.delete_saved} on_open_page={commands.open_page} on_delete_page={commands.delete_page}
                       insight={insight.clone()} statuses={statuses.clone()} on_find={commands.find} />
            </main>
            { focused_bar(s, &insight, &statuses, &dispatch) }
            if let (Some(sel), false) = (&s.ui.selection, modal_open) {
                { annotate_pop(sel, &commands.annotate) }
            }
            if *sharing {
                <ShareDialog share={s.ui.share.clone()} on_start={share.start.clone()} on_name={share.rename.clone()} on_close={set_flag(&sharing, false)} />
            }
            if *pasting {
                <PasteDialog on_load={commands.paste_load} on_cancel={on_paste_cancel} />
            }
            if let Some(import) = &s.ui.pending_import {
                <ImportDialog import={import.clone()} current_title={AttrValue::from(s.doc.document.title.clone())}
                    current_count={s.data.annotations.len()} {on_merge} {on_replace}
                    on_backup={on_export.reform(|_: ()| ExportFormat::Native)}
                    on_cancel={dispatch.reform(|_: ()| Action::CancelImport)} />
            }
            if drop.dragging {
                <div class="drop-overlay" aria-hidden="true">
                    <div class="drop-message">{"Drop an article (.txt, .md, .html) to open it, or annotations (.json, .jsonld) to import them"}</div>
                </div>
            }
        </div>
    }
}

/// A callback that opens (`true`) or closes a dialog shown while `flag`.
fn set_flag(flag: &UseStateHandle<bool>, open: bool) -> Callback<()> {
    let flag = flag.clone();
    Callback::from(move |_| flag.set(open))
}

/// The Annotate control above the selection.
fn annotate_pop(sel: &TextSelection, annotate: &Callback<()>) -> Html {
    html! {
        <div class="annotate-pop" style={format!("left: {:.0}px; top: {:.0}px;", sel.rect.left, (sel.rect.top - 46.0).max(0.0))}>
            <button type="button" id="annotate" onmousedown={Callback::from(|e: MouseEvent| e.prevent_default())}
                    onclick={annotate.reform(|_: MouseEvent| ())} title="Annotate the selection (A)">
                {"Annotate"}<kbd>{"A"}</kbd>
            </button>
        </div>
    }
}
