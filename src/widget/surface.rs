//! The page a widget annotates, as its hooks see it: the article's text,
//! somewhere to paint, the reader's selection. Two pages implement it:
//! the host page the widget runs in ([`super::in_page::InPage`]), and a
//! page the browser extension's frame annotates from outside through the
//! content script's messages ([`super::frame::Relayed`]).

use std::any::Any;
use std::rc::Rc;

use crate::model::Document;
use crate::store::paint::Layer;
use crate::store::TextSelection;
use crate::text::CharRange;

/// What the page reports to the widget.
#[derive(Clone)]
pub struct PageEvents {
    /// The reader's selection in the article changed (or went away).
    pub selection: Rc<dyn Fn(Option<TextSelection>)>,
    /// The reader pressed the page's own Annotate control, with the
    /// article's characters selected then (when any).
    pub annotate: Rc<dyn Fn(Option<CharRange>)>,
}

/// Keeps the page reporting while it lives; dropping it stops the reports.
pub type Following = Box<dyn Any>;

/// An annotated page.
pub trait Surface {
    /// The article's text as a document.
    fn document(&self) -> &Document;
    /// Why highlights cannot be painted here, when they cannot.
    fn paint_problem(&self) -> Option<String>;
    /// Paints `layers`, replacing what was painted before.
    fn paint(&self, layers: &[Layer]);
    /// Brings the passage at `range` into view.
    fn reveal(&self, range: CharRange);
    /// Removes every highlight: the page is as it was.
    fn clear(&self);
    /// Starts reporting the reader's actions on the page to `events`.
    fn follow(self: Rc<Self>, events: PageEvents) -> Following;
    /// True when the page shows its own Annotate control by the selection
    /// (the panel then shows none).
    fn has_own_control(&self) -> bool;
}
