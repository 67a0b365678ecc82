//! The line above an article opened from a web page: what the page says
//! about it (byline, date, site) and what extraction did ("Article found:
//! 14 paragraphs; 38 blocks of page furniture left out"), with the switch
//! between the article and the whole page (issue 19: nothing silently
//! lost). The wording is the core's (`PageMeta::header_line`,
//! `PageMeta::status`), tested natively.

use yew::prelude::*;

use super::shared::Shared;
use crate::model::Reading;
use crate::store::OpenDoc;
use crate::text::layout::BlockKind;

/// Props of [`PageLine`].
#[derive(Properties, PartialEq)]
pub struct PageLineProps {
    /// The open document (compared by pointer: a new one is a new line).
    pub doc: Shared<OpenDoc>,
    /// Show the other reading.
    pub on_switch: Callback<()>,
}

/// The page line; nothing for a document that was not a web page.
#[function_component(PageLine)]
pub fn page_line(props: &PageLineProps) -> Html {
    let Some(page) = props.doc.document.page.as_deref() else { return html! {} };
    let paragraphs = props.doc.layout.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Post(_))).count();
    let (status, button) = page.status(paragraphs);
    let onclick = props.on_switch.reform(|_: MouseEvent| ());
    let reading = match page.reading {
        Reading::Article => "article",
        Reading::Whole => "whole",
    };
    html! {
        <header class="page-line" data-reading={reading}>
            if let Some(line) = page.header_line() {
                <p class="page-meta">{ line }</p>
            }
            <p class="page-status" role="status">
                <span>{ status }</span>
                if let Some(label) = button {
                    { " " }<button type="button" class="link-button" id="switch-reading" {onclick}>{ label }</button>
                }
            </p>
        </header>
    }
}
