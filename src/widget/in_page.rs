//! The embedded widget's page: the host article read in place, painted
//! with the CSS Custom Highlight API, its selection followed from the
//! document's events.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use web_sys::Element;

use super::surface::{Following, PageEvents, Surface};
use crate::model::Document;
use crate::platform::highlights::Painter;
use crate::platform::host::{host_selection, HostText};
use crate::platform::selection::scroll_into_view;
use crate::store::paint::{style_sheet, Layer};
use crate::store::TextSelection;
use crate::text::CharRange;

/// The host page the widget runs in.
pub struct InPage {
    /// The host article (read, never changed).
    pub article: Element,
    /// Its text and the map back to its nodes.
    pub host: HostText,
    /// Paints highlights, or why it cannot in this browser.
    pub painter: Result<Painter, String>,
}

impl Surface for InPage {
    fn document(&self) -> &Document {
        &self.host.document
    }

    fn paint_problem(&self) -> Option<String> {
        self.painter.as_ref().err().cloned()
    }

    fn paint(&self, layers: &[Layer]) {
        let Ok(painter) = &self.painter else { return };
        painter.set_styles(&style_sheet(layers, |n| painter.name(n)));
        for layer in layers {
            let ranges: Vec<_> = layer.ranges.iter().filter_map(|r| self.host.dom_range(*r)).collect();
            painter.paint(&layer.name, &ranges, layer.priority);
        }
    }

    fn reveal(&self, range: CharRange) {
        let element = self.host.dom_range(range).and_then(|r| r.start_container().ok()).and_then(|n| n.parent_element());
        if let Some(el) = element {
            scroll_into_view(&el);
        }
    }

    fn clear(&self) {
        if let Ok(p) = &self.painter {
            p.clear();
        }
    }

    /// Scrolling moves the selection on screen, so it is read again then.
    fn follow(self: Rc<Self>, events: PageEvents) -> Following {
        let read = Rc::new(move || {
            let found = host_selection(&self.article, &self.host).map(|(range, rect)| TextSelection { range, rect });
            (events.selection)(found);
        });
        let on_select = {
            let read = read.clone();
            EventListener::new(&gloo::utils::document(), "selectionchange", move |_| read())
        };
        let passive = EventListenerOptions::run_in_capture_phase();
        let on_scroll = EventListener::new_with_options(&gloo::utils::window(), "scroll", passive, move |_| read());
        Box::new((on_select, on_scroll))
    }

    fn has_own_control(&self) -> bool {
        false
    }
}
