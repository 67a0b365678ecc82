//! Browser-layer tests: run in headless Chromium by wasm-bindgen-test
//! (`cargo test --target wasm32-unknown-unknown --test browser`). Only code
//! that touches browser APIs is tested here; the pure core is tested
//! natively.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn make_file(bytes: &[u8], name: &str, mime: &str) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options).expect("File constructor")
}

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("document")
}

/// A fresh element in the page to mount a component in.
fn mount_point() -> web_sys::Element {
    let div = document().create_element("div").expect("div");
    document().body().expect("body").append_child(&div).expect("append");
    div
}

mod file {
    use super::*;
    use marginalia::platform::file::{read_file, ReadError};
    use marginalia::text::ingest::{IngestError, MAX_FILE_BYTES};

    #[wasm_bindgen_test]
    async fn reads_bytes_name_and_type() {
        let bytes = "Title\r\nCafe\u{301} 😀".as_bytes();
        let data = read_file(make_file(bytes, "story.txt", "text/plain")).await.expect("read");
        assert_eq!(data.bytes, bytes);
        assert_eq!(data.name, "story.txt");
        assert_eq!(data.mime.as_deref(), Some("text/plain"));
    }

    #[wasm_bindgen_test]
    async fn refuses_an_oversized_file_before_reading() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        let err = read_file(make_file(&big, "big.txt", "text/plain")).await.unwrap_err();
        assert_eq!(err, ReadError::Ingest(IngestError::FileTooLarge { bytes: MAX_FILE_BYTES + 1 }));
        assert!(err.to_string().contains("too large"));
    }

    #[wasm_bindgen_test]
    async fn missing_type_is_none() {
        let data = read_file(make_file(b"x", "noext", "")).await.expect("read");
        assert_eq!(data.mime, None);
    }
}

mod app {
    use super::*;
    use marginalia::ui::App;

    #[wasm_bindgen_test]
    async fn renders_the_sample_article() {
        let root = mount_point();
        yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;

        let title = root.query_selector("h1.article-title").unwrap().expect("title");
        assert_eq!(title.text_content().unwrap(), marginalia::sample::SAMPLE_ARTICLE.lines().next().unwrap());
        let posts = root.query_selector_all("figure.post-card").unwrap();
        assert_eq!(posts.length(), 3);
        // The media placeholder is shown as a media block, not raw braces.
        let text = root.text_content().unwrap();
        assert!(!text.contains("{image_1}"));
        assert!(root.query_selector("figure.media-placeholder").unwrap().is_some());

        // Every run's text is the document's text at its data-start.
        let doc = marginalia::sample::sample_document();
        let runs = root.query_selector_all("span.run[data-start]").unwrap();
        assert!(runs.length() > 20);
        for i in 0..runs.length() {
            let el: web_sys::Element = runs.get(i).unwrap().dyn_into().unwrap();
            let start: usize = el.get_attribute("data-start").unwrap().parse().unwrap();
            let text = el.text_content().unwrap();
            let len = text.chars().count();
            assert_eq!(doc.indexed.slice(marginalia::text::CharRange::new(start, start + len)), Some(text.as_str()));
        }
        root.remove();
    }
}
