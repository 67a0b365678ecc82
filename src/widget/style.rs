//! The widget's style sheets: the app's, the widget's frame and, in the
//! browser extension, the extension frame's. Constructed sheets only, so
//! no `<style>` element is added anywhere and no policy has to allow one.

use wasm_bindgen::JsValue;
use web_sys::{CssStyleSheet, ShadowRoot};

/// The app's style sheet, applied inside the shadow root only.
const APP_CSS: &str = include_str!("../../styles/app.css");
/// The widget's own frame: the floating panel, the fold tab, the control.
const WIDGET_CSS: &str = include_str!("../../styles/widget.css");
/// The extension frame's layout (the panel filling the frame).
const FRAME_CSS: &str = include_str!("../../styles/frame.css");

/// Styles the shadow root: the app's sheet (its `:root` variables on the
/// shadow host instead) and the widget's frame. Constructed sheets, so no
/// `<style>` element and nothing outside the shadow root.
pub fn style_shadow(shadow: &ShadowRoot) {
    let Ok(sheet) = CssStyleSheet::new() else { return };
    let css = format!("{}\n{}", APP_CSS.replace(":root", ":host"), WIDGET_CSS);
    if sheet.replace_sync(&css).is_ok() {
        shadow.set_adopted_style_sheets(&js_sys::Array::of1(&sheet));
    }
}

/// Styles the extension frame's document with the app's sheet, the
/// widget's and the frame's (the extension's policy allows no inline
/// style element).
pub fn style_frame() {
    let Ok(sheet) = CssStyleSheet::new() else { return };
    let css = format!("{APP_CSS}\n{WIDGET_CSS}\n{FRAME_CSS}");
    if sheet.replace_sync(&css).is_ok() {
        let document = gloo::utils::document();
        js_sys::Reflect::set(&document, &JsValue::from_str("adoptedStyleSheets"), &js_sys::Array::of1(&sheet)).ok();
    }
}
