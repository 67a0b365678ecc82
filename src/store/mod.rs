//! Application state as plain data, changed only by [`apply`]ing an
//! [`Action`]: a domain verb with named fields. The UI dispatches actions
//! and renders the state; saving watches the state from outside, never from
//! inside `apply`.

use std::rc::Rc;

use crate::model::Document;
use crate::text::layout::Layout;

/// A document together with its derived reading structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenDoc {
    /// The article.
    pub document: Document,
    /// Its blocks, computed once when it is opened.
    pub layout: Layout,
}

impl OpenDoc {
    /// Lays out `document`.
    pub fn new(document: Document) -> OpenDoc {
        let layout = Layout::of(document.text());
        OpenDoc { document, layout }
    }
}

/// A message shown to the user until dismissed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How it is shown.
    pub tone: Tone,
    /// The message, plain text.
    pub text: String,
}

/// Visual weight of a [`Notice`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something happened as asked.
    Info,
    /// Something went wrong; the message says what to do.
    Error,
}

/// Everything the app shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The open article.
    pub doc: Rc<OpenDoc>,
    /// The current message, if any.
    pub notice: Option<Notice>,
}

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the open article.
    OpenDocument {
        /// The new article.
        document: Document,
    },
    /// Show a message.
    Notify {
        /// The message.
        notice: Notice,
    },
    /// Hide the current message.
    DismissNotice,
}

impl AppState {
    /// A state showing `document`.
    pub fn new(document: Document) -> AppState {
        AppState { doc: Rc::new(OpenDoc::new(document)), notice: None }
    }
}

/// The one state transition function.
pub fn apply(state: &AppState, action: Action) -> AppState {
    let mut next = state.clone();
    match action {
        Action::OpenDocument { document } => {
            next.doc = Rc::new(OpenDoc::new(document));
            next.notice = None;
        }
        Action::Notify { notice } => next.notice = Some(notice),
        Action::DismissNotice => next.notice = None,
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_replaces_document_and_clears_notice() {
        let s = AppState::new(Document::from_raw("A\nB", None));
        let s = apply(&s, Action::Notify { notice: Notice { tone: Tone::Error, text: "x".into() } });
        assert!(s.notice.is_some());
        let s = apply(&s, Action::OpenDocument { document: Document::from_raw("C\nD", None) });
        assert_eq!(s.doc.document.title, "C");
        assert!(s.notice.is_none());
    }
}
