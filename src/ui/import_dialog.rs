//! Confirming an import: what the file holds, what cannot be read, and
//! merge (default) or replace (after a second confirmation, with a backup
//! offered first).


use super::shared::Shared;
use yew::prelude::*;

use crate::store::PendingImport;

/// Props of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// The import.
    pub import: Shared<PendingImport>,
    /// Title of the open article.
    pub current_title: AttrValue,
    /// Annotations the open article has now.
    pub current_count: usize,
    /// Merge.
    pub on_merge: Callback<()>,
    /// Replace.
    pub on_replace: Callback<()>,
    /// Download a backup first.
    pub on_backup: Callback<()>,
    /// Cancel.
    pub on_cancel: Callback<()>,
}

/// The import dialog.
#[function_component(ImportDialog)]
pub fn import_dialog(props: &ImportDialogProps) -> Html {
    let confirm_replace = use_state(|| false);
    let imp = &props.import;
    let other_doc = imp.document.title != props.current_title.as_str() || imp.existing.is_some();
    let n = imp.incoming.annotations.len();
    let onkeydown = {
        let cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                cancel.emit(());
            }
        })
    };
    let merge = props.on_merge.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let backup = props.on_backup.reform(|_: MouseEvent| ());
    let replace = props.on_replace.reform(|_: MouseEvent| ());
    let ask_replace = {
        let c = confirm_replace.clone();
        Callback::from(move |_: MouseEvent| c.set(true))
    };
    html! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="import-title" {onkeydown}>
                <h2 id="import-title">{ format!("Import “{}”", imp.file_name) }</h2>
                <p>{ format!("{n} annotation{} for “{}”.", if n == 1 { "" } else { "s" }, imp.document.title) }
                   if other_doc { {" That article will be opened."} } </p>
                if imp.other_source {
                    <p class="hint">{"These annotations were made on a different version of the text; they are placed by their quotes, and any that cannot be found are kept as orphans."}</p>
                }
                if !imp.skipped.is_empty() {
                    <div class="skipped">
                        <p><strong>{ format!("{} item(s) cannot be read and will be skipped:", imp.skipped.len()) }</strong></p>
                        <ul>{ for imp.skipped.iter().take(5).map(|q| html! { <li>{ q.reason.clone() }</li> }) }</ul>
                        if imp.skipped.len() > 5 { <p class="hint">{ format!("…and {} more.", imp.skipped.len() - 5) }</p> }
                    </div>
                }
                <p class="hint">{"Merge adds what is new and keeps everything you have; annotations already present are not duplicated."}</p>
                if *confirm_replace {
                    <div class="replace-confirm" role="alert">
                        <p>{ format!("Replace removes the {} annotation(s) of the open article first. Download a backup before replacing?", props.current_count) }</p>
                        <div class="modal-actions">
                            <button type="button" class="secondary" onclick={backup}>{"Download backup"}</button>
                            <button type="button" class="danger" onclick={replace}>{"Replace all annotations"}</button>
                        </div>
                    </div>
                }
                <div class="modal-actions">
                    <button type="button" class="secondary" onclick={cancel}>{"Cancel"}</button>
                    if !*confirm_replace && !other_doc {
                        <button type="button" class="secondary" onclick={ask_replace}>{"Replace…"}</button>
                    }
                    <button type="button" id="import-merge" onclick={merge}>{"Merge"}</button>
                </div>
            </div>
        </div>
    }
}
