//! Saving a generated file to the user's downloads.

use wasm_bindgen::JsCast;

/// Offers `content` as a download named `file_name` with MIME type `mime`.
///
/// Uses a detached `<a download>` element that is never inserted into the
/// page, so the DOM yew owns is untouched.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| super::file::describe_js_error(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| super::file::describe_js_error(&e))?;
    let anchor = document
        .create_element("a")
        .map_err(|e| super::file::describe_js_error(&e))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "could not create a link")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke on the next turn: revoking synchronously can cancel the download.
    let revoke_url = url.clone();
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&revoke_url);
    })
    .forget();
    Ok(())
}
