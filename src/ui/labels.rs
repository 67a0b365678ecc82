//! The label set: add, rename, recolour, delete unused labels.

use yew::prelude::*;

use super::tab::TabProps;
use crate::model::label::PALETTE;
use crate::model::{Color, LabelId};
use crate::platform::clock::new_label_id;
use crate::store::view::label_counts;
use crate::store::{Action, Notice};

/// The labels tab.
#[function_component(LabelsTab)]
pub fn labels_tab(props: &TabProps) -> Html {
    let s = &props.state;
    let dispatch = &props.dispatch;
    let new_name = use_node_ref();
    let new_color = use_node_ref();
    let rows = label_counts(&s.data)
        .into_iter()
        .map(|(label, used)| {
            let (id1, id2, id3) = (label.id.clone(), label.id.clone(), label.id.clone());
            let on_color = dispatch.reform(move |e: Event| {
                let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                match Color::parse(&v) {
                    Ok(color) => Action::RecolorLabel { id: id1.clone(), color },
                    Err(e) => Action::Notify { notice: Notice::error(e) },
                }
            });
            let on_name = dispatch.reform(move |e: Event| {
                let name = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                Action::RenameLabel { id: id2.clone(), name }
            });
            let on_delete = dispatch.reform(move |_: MouseEvent| Action::DeleteLabel { id: id3.clone() });
            html! {
                <li class="label-row" key={label.id.to_string()}>
                    <input type="color" aria-label={format!("Colour of {}", label.name)} value={label.color.as_str().to_string()} onchange={on_color} />
                    <input type="text" class="label-name" aria-label={format!("Name of {}", label.name)} value={label.name.clone()}
                           maxlength="60" onchange={on_name} />
                    <span class="count" title="Annotations with this label">{ used }</span>
                    <button type="button" class="secondary small" disabled={used > 0 || s.data.labels.len() <= 1}
                            title={if used > 0 { "In use: relabel its annotations first" } else { "Delete this label" }}
                            aria-label={format!("Delete label {}", label.name)} onclick={on_delete}>{"Delete"}</button>
                </li>
            }
        })
        .collect::<Html>();
    let default_color = PALETTE[s.data.labels.len() % PALETTE.len()];
    let add = {
        let (dispatch, new_name, new_color) = (dispatch.clone(), new_name.clone(), new_color.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(name_el) = new_name.cast::<web_sys::HtmlInputElement>() else { return };
            let color = new_color
                .cast::<web_sys::HtmlInputElement>()
                .and_then(|c| Color::parse(&c.value()).ok())
                .or_else(|| Color::parse(PALETTE[0]).ok());
            let Some(color) = color else { return };
            dispatch.emit(Action::AddLabel { id: new_label_id(), name: name_el.value(), color });
            name_el.set_value("");
        })
    };
    let _ = LabelId::parse; // labels are identified by id, never by position
    html! {
        <section class="labels-tab">
            <p class="hint">{"Labels belong to this article. Renaming keeps every annotation; new colours apply at once."}</p>
            <ul class="label-list">{ rows }</ul>
            <form class="add-label" onsubmit={add}>
                <input ref={new_color} type="color" aria-label="Colour of the new label" value={default_color} />
                <input ref={new_name} type="text" aria-label="Name of the new label" placeholder="New label" maxlength="60" />
                <button type="submit">{"Add label"}</button>
            </form>
        </section>
    }
}
