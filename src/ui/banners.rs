//! Messages: persistent banners about storage (why work is not being
//! saved and what the user can do about it; derived from [`SyncState`],
//! they stay until the situation is resolved) and the current notice
//! ([`notice_view`], shared by the app and the embedded widget).


use super::shared::Shared;
use yew::prelude::*;

use crate::store::{AppState, Notice, SaveProblem, StorageMode, Tone};

/// What the banners' buttons do.
#[derive(Clone, PartialEq)]
pub struct BannerActions {
    /// Download the lossless export.
    pub export: Callback<()>,
    /// Download an unreadable stored value.
    pub export_raw: Callback<()>,
    /// Allow saving over an unreadable record / after another tab cleared storage.
    pub resume: Callback<()>,
    /// Take the other tab's version.
    pub take_theirs: Callback<()>,
    /// Keep this tab's version.
    pub keep_mine: Callback<()>,
    /// Show the library.
    pub library: Callback<()>,
}

/// Props of [`Banners`].
#[derive(Properties, PartialEq)]
pub struct BannersProps {
    /// The state.
    pub state: Shared<AppState>,
    /// Button handlers.
    pub actions: BannerActions,
}

fn button(label: &str, cb: &Callback<()>, class: &'static str) -> Html {
    let onclick = cb.reform(|_: MouseEvent| ());
    html! { <button type="button" class={class} {onclick}>{ label.to_string() }</button> }
}

/// The storage banners.
#[function_component(Banners)]
pub fn banners(props: &BannersProps) -> Html {
    let s = &props.state;
    let a = &props.actions;
    let mut out: Vec<Html> = Vec::new();
    let banner = |kind: &'static str, id: &'static str, text: String, buttons: Html| {
        html! {
            <div class={classes!("banner", kind)} role="alert" data-banner={id}>
                <span class="banner-text">{ text }</span>
                <span class="banner-actions">{ buttons }</span>
            </div>
        }
    };
    if let StorageMode::MemoryOnly(why) = &s.sync.storage {
        out.push(banner(
            "banner-error",
            "memory",
            format!("Not saving — browser storage is unavailable ({why}). Your work lives only in this tab: export it to keep it."),
            button("Export JSON", &a.export, "small"),
        ));
    }
    if let Some(why) = &s.sync.read_only {
        out.push(banner("banner-warn", "readonly", why.clone(), html! {}));
    }
    if let Some(c) = &s.sync.corrupt {
        let kept = match &c.backup_key {
            Some(k) => format!("a copy was kept under “{k}”"),
            None => "it was left untouched".to_string(),
        };
        out.push(banner(
            "banner-error",
            "corrupt",
            format!("Saved data could not be read ({}); {kept}. Nothing is saved until you choose.", c.reason),
            html! { <>{ button("Export raw", &a.export_raw, "small") }{ button("Start fresh", &a.resume, "small secondary") }</> },
        ));
    }
    if s.sync.conflict.is_some() {
        out.push(banner(
            "banner-warn",
            "conflict",
            "This article was changed in another tab while you were editing here. Which version do you want?".to_string(),
            html! { <>{ button("Load their version", &a.take_theirs, "small") }{ button("Keep mine", &a.keep_mine, "small secondary") }</> },
        ));
    }
    if s.sync.cleared_elsewhere {
        out.push(banner(
            "banner-warn",
            "cleared",
            "Saved data was cleared in another tab. Your work here is not saved.".to_string(),
            button("Save it again", &a.resume, "small"),
        ));
    }
    match &s.sync.problem {
        Some(SaveProblem::Full) if s.dirty() => out.push(banner(
            "banner-error",
            "full",
            "Not saved — browser storage is full. What was saved before is intact. Export your work, or delete old articles in the Library.".to_string(),
            html! { <>{ button("Export JSON", &a.export, "small") }{ button("Library", &a.library, "small secondary") }</> },
        )),
        Some(SaveProblem::Failed(why)) if s.dirty() => out.push(banner(
            "banner-error",
            "failed",
            format!("Not saved — {why}. Export your work to keep it."),
            button("Export JSON", &a.export, "small"),
        )),
        _ => {}
    }
    if let Some(f) = s.sync.usage {
        if f >= 0.7 && s.sync.problem.is_none() {
            out.push(banner(
                "banner-warn",
                "near-full",
                format!("Browser storage is {:.0}% full. Export important work and delete articles you no longer need.", f * 100.0),
                button("Library", &a.library, "small secondary"),
            ));
        }
    }
    html! { <div class="banners">{ for out }</div> }
}

/// The current message, with its close button.
pub fn notice_view(notice: &Notice, dismiss: Callback<MouseEvent>) -> Html {
    html! {
        <div class={classes!("notice", matches!(notice.tone, Tone::Error).then_some("notice-error"))}
             role={if notice.tone == Tone::Error { "alert" } else { "status" }}>
            <span class="notice-text">{ notice.text.clone() }</span>
            <button class="notice-close" aria-label="Dismiss message" onclick={dismiss}>{"×"}</button>
        </div>
    }
}
