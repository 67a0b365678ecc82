//! Everything a widget instance knows that does not change while it is
//! mounted: the page it annotates (its article's text, where it paints),
//! the options, where it saves, and the bridge to the JavaScript handle.

use std::rc::Rc;

use super::bridge::Bridge;
use super::options::Options;
use super::surface::Surface;
use crate::model::DocData;
use crate::platform::clock::now;
use crate::platform::storage::LocalStorage;
use crate::store::kv::KeyValue;
use crate::store::page::{self, PageKey};
use crate::store::{messages, persist, Action, AppState, Notice, Origin, Stored};

/// A mounted widget's fixed context.
pub struct WidgetCtx {
    /// The annotated page (its article is read, never changed).
    pub surface: Rc<dyn Surface>,
    /// What the host page chose.
    pub options: Options,
    /// Where the page's record is saved.
    pub key: PageKey,
    /// `localStorage` (the extension's storage in the extension), when
    /// usable.
    pub kv: Option<LocalStorage>,
    /// Shared with the JavaScript handle.
    pub bridge: Bridge,
    /// Set when storage holds a record that could neither be read nor
    /// copied aside: writing would destroy it, so nothing is written.
    pub writes_held: std::cell::Cell<bool>,
}

/// Shared, compared by identity (one context per mount).
#[derive(Clone)]
pub struct Ctx(pub Rc<WidgetCtx>);

impl PartialEq for Ctx {
    fn eq(&self, other: &Ctx) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Ctx {
    type Target = WidgetCtx;
    fn deref(&self) -> &WidgetCtx {
        &self.0
    }
}

impl WidgetCtx {
    /// The state the widget opens with: the host article with what is saved
    /// for this page, re-anchored on today's text.
    pub fn initial_state(&self) -> AppState {
        let document = self.surface.document().clone();
        let (stored, notice) = self.load();
        let mut s = AppState::new(document.clone());
        s = crate::store::apply(&s, Action::OpenDocument { document, stored, origin: Origin::Storage });
        if self.options.read_only {
            // The store refuses every change to saved data while this is set.
            s.sync.read_only = Some(messages::PAGE_READ_ONLY.to_string());
        }
        let painter_note = self.surface.paint_problem().map(Notice::info);
        if let Some(notice) = notice.or(painter_note) {
            s = crate::store::apply(&s, Action::Notify { notice });
        }
        s
    }

    /// What storage holds for this page, and what to tell the reader about
    /// it. An unreadable record is copied aside before anything can
    /// overwrite it (nothing lost).
    fn load(&self) -> (Stored, Option<Notice>) {
        let initial: DocData = page::initial_data(&self.options.labels);
        let fresh = Stored::Record { data: initial.clone(), rev: 0, skipped: 0 };
        let Some(kv) = &self.kv else { return (fresh, None) };
        let raw = match kv.get(self.key.as_str()) {
            Ok(Some(raw)) => raw,
            Ok(None) => return (fresh, None),
            Err(e) => {
                self.writes_held.set(true);
                return (fresh, Some(Notice::error(messages::page_unreadable(&e.to_string(), None))));
            }
        };
        match page::restore(&raw, self.surface.document(), &initial) {
            Ok(r) => {
                let notice = r.text_changed.then(|| Notice::info(messages::page_text_changed()));
                (Stored::Record { data: r.data, rev: 1, skipped: 0 }, notice)
            }
            Err(e) => {
                let copy = persist::backup(kv, self.key.as_str(), &raw, now());
                self.writes_held.set(copy.is_none());
                (fresh, Some(Notice::error(messages::page_unreadable(&e.to_string(), copy.as_deref()))))
            }
        }
    }
}
