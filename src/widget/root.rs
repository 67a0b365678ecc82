//! The widget's root component: the app's store and reducer opened on the
//! host article, the app's panel tabs and keyboard shortcuts, and the
//! widget's own effects. It renders inside the widget's shadow root only;
//! the host article is painted, never rendered.

use std::rc::Rc;

use yew::prelude::*;
use yew::AppHandle;

use super::context::{Ctx, WidgetCtx};
use super::hooks::{use_host_selection, use_page_save, use_paint, use_reveal};
use super::panel::WidgetPanel;
use crate::store::{Action, AppState, TextSelection};
use crate::ui::analysis::use_analysis;
use crate::ui::handles::AppHandles;
use crate::ui::hooks::use_shortcuts;
use crate::ui::commands::use_annotate;
use crate::ui::insight::focused_bar;
use crate::ui::reducer::Reduced;
use crate::ui::suggestions::use_suggestions;

/// Props of [`WidgetRoot`].
#[derive(Properties, PartialEq)]
pub struct RootProps {
    /// The mount's context.
    pub ctx: Ctx,
}

/// The handles the app's hooks take, for the widget's state (the app's
/// keyboard shortcuts run unchanged on the host page).
#[hook]
fn use_handles(ctx: &Ctx, state: &UseReducerHandle<Reduced>) -> AppHandles {
    let kv = {
        let kv = ctx.kv.clone();
        use_memo((), move |_| kv)
    };
    let latest = use_mut_ref(|| state.0.clone());
    *latest.borrow_mut() = state.0.clone();
    AppHandles { kv, latest, dispatcher: state.dispatcher() }
}

/// The widget.
#[function_component(WidgetRoot)]
pub fn widget_root(props: &RootProps) -> Html {
    let ctx = &props.ctx;
    let state = {
        let ctx = ctx.clone();
        use_reducer(move || Reduced(Rc::new(ctx.initial_state())))
    };
    let snapshot: Rc<AppState> = state.0.clone();
    let h = use_handles(ctx, &state);
    ctx.bridge.publish(&h);
    let dispatch = use_callback(h.dispatcher.clone(), |action: Action, d| d.dispatch(action));
    let analysed = use_analysis(snapshot.doc.clone(), !ctx.options.hide_found);
    let insight = analysed.insight;
    let annotate = use_annotate(&h);
    use_shortcuts(&h, &annotate, insight.clone());
    let suggestions = use_suggestions(&snapshot, insight.clone());
    use_page_save(ctx, &snapshot);
    use_paint(ctx, &snapshot, suggestions.visible.clone());
    use_host_selection(ctx, &annotate);
    use_reveal(ctx, &snapshot, suggestions.visible.clone());
    let s = &snapshot;
    let pop = match (&s.ui.selection, ctx.options.read_only || ctx.surface.has_own_control()) {
        (Some(sel), false) => annotate_pop(sel, &annotate),
        _ => Html::default(),
    };
    html! {
        <div class="mgl-root">
            <WidgetPanel state={s.clone()} dispatch={dispatch.clone()} insight={insight.clone()}
                         statuses={suggestions.statuses.clone()} options={Rc::new(ctx.options.clone())} on_retry={analysed.retry} />
            { focused_bar(s, &insight, &suggestions.statuses, &dispatch) }
            { pop }
        </div>
    }
}

/// Renders the widget's root for `ctx` into a new element at the end of
/// `parent`, and tells the host it is ready.
pub fn render_in(parent: &web_sys::Node, ctx: &Rc<WidgetCtx>) -> Option<AppHandle<WidgetRoot>> {
    let container = gloo::utils::document().create_element("div").ok()?;
    parent.append_child(&container).ok()?;
    let props = RootProps { ctx: Ctx(ctx.clone()) };
    let app = yew::Renderer::<WidgetRoot>::with_root_and_props(container, props).render();
    ctx.bridge.emit("ready", "{}");
    Some(app)
}

/// The Annotate control just above the selection (viewport coordinates:
/// the control is `position: fixed`, the selection read again on scroll).
fn annotate_pop(sel: &TextSelection, annotate: &Callback<()>) -> Html {
    let onclick = annotate.reform(|_: MouseEvent| ());
    // Keep the host's selection: a mousedown on the button would clear it.
    let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
    let style = format!("left: {:.0}px; top: {:.0}px;", sel.rect.left.max(0.0), (sel.rect.top - 44.0).max(0.0));
    html! {
        <div class="annotate-pop mgl-pop" {style}>
            <button type="button" class="mgl-annotate" {onmousedown} {onclick} title="Annotate the selected passage">{"Annotate"}</button>
        </div>
    }
}
