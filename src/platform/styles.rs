//! Label colours as classes (issue 20): a highlight's background comes from
//! a class per colour (`hl-c-ffd54f`) whose rule lives in one constructed
//! style sheet adopted by the page, instead of an inline `style` on every
//! highlighted run. The browser parses each inline style on its own: on
//! the heavy reload (400,000 characters of real news, 5,000 notes), runs
//! without it built in 597–636 ms against 763–799 ms (docs/performance.md,
//! "Where a heavy reload's time goes"). Constructed sheets are CSSOM, not markup,
//! so the app's policy (`style-src 'self'`) needs nothing more.
//!
//! Where the browser cannot construct or adopt a sheet, [`work`] says so
//! and the runs keep their inline style.

use std::cell::RefCell;

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;
use web_sys::CssStyleSheet;

use crate::model::Color;

/// Opacity of a highlight's background (as the inline style had it).
pub const BACKGROUND_ALPHA: f32 = 0.38;

/// The sheet and the colours it has rules for.
struct Sheet {
    sheet: CssStyleSheet,
    colours: Vec<Color>,
}

thread_local! {
    /// `None` until first asked; then the sheet, or `None` inside when the
    /// browser cannot make one.
    static SHEET: RefCell<Option<Option<Sheet>>> = const { RefCell::new(None) };
}

/// The class that gives a run `colour`'s background.
pub fn colour_class(colour: &Color) -> String {
    format!("hl-c-{}", colour.as_str().trim_start_matches('#'))
}

/// A new sheet adopted by the document, or `None` where the browser cannot.
fn adopted_sheet() -> Option<Sheet> {
    let sheet = CssStyleSheet::new().ok()?;
    let doc = gloo::utils::document();
    let key = JsValue::from_str("adoptedStyleSheets");
    let current = Reflect::get(&doc, &key).ok().filter(Array::is_array)?;
    let sheets = Array::from(&current);
    sheets.push(&sheet);
    Reflect::set(&doc, &key, &sheets).ok().filter(|&set| set)?;
    Some(Sheet { sheet, colours: Vec::new() })
}

fn with_sheet<R>(f: impl FnOnce(Option<&mut Sheet>) -> R) -> R {
    SHEET.with(|s| {
        let mut s = s.borrow_mut();
        let sheet = s.get_or_insert_with(adopted_sheet);
        f(sheet.as_mut())
    })
}

/// Whether colours are classes on this page ([`ensure`] can add rules).
pub fn work() -> bool {
    with_sheet(|s| s.is_some())
}

/// Makes sure the sheet has a rule for each of `colours`.
pub fn ensure<'a>(colours: impl IntoIterator<Item = &'a Color>) {
    with_sheet(|s| {
        let Some(s) = s else { return };
        let before = s.colours.len();
        for c in colours {
            // A handful of label colours: a list is enough.
            if !s.colours.contains(c) {
                s.colours.push(c.clone());
            }
        }
        if s.colours.len() == before {
            return;
        }
        // Colours are validated `#rrggbb` (`Color::parse`), so the rules
        // are only ever these; `mark.hl.` outranks the run's own classes
        // (`.run.q`, a quotation's tint), as the inline style did.
        let css: String = s.colours.iter().map(|c| format!("mark.hl.{} {{ background-color: {}; }}\n", colour_class(c), c.css_rgba(BACKGROUND_ALPHA))).collect();
        s.sheet.replace_sync(&css).ok();
    });
}
