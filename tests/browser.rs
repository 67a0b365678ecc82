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

mod dom {
    use super::*;
    use marginalia::platform::dom::build;
    use marginalia::render::nodes::Nodes;

    /// Recorded nodes build into the elements their markup describes:
    /// nested, values and text sliced at UTF-16 positions (an emoji, an
    /// accent, markup characters as text), names used twice.
    #[wasm_bindgen_test]
    fn builds_what_the_markup_says() {
        let mut n = Nodes::default();
        n.open("p");
        n.attr("class", "block");
        n.attr("data-block", 7);
        n.open("mark");
        n.attr("title", "Café 😀 <b>\"x\"</b>");
        n.text("a😀b & <i>");
        n.close();
        n.open("span");
        n.attr("class", "run");
        n.text("é");
        n.close();
        n.text(" tail");
        n.close();
        let el = build(&n).expect("an element");
        assert_eq!(el.outer_html(), n.markup());
        assert_eq!(el.text_content().as_deref(), Some("a😀b & <i>é tail"));
        assert_eq!(el.query_selector("mark").ok().flatten().and_then(|m| m.get_attribute("title")).as_deref(), Some("Café 😀 <b>\"x\"</b>"));
    }

    #[wasm_bindgen_test]
    fn nothing_opened_builds_nothing() {
        let mut n = Nodes::default();
        n.text("loose");
        assert!(build(&n).is_none());
    }
}

mod file {
    use super::*;
    use marginalia::platform::file::{read_file, ReadError};
    use marginalia::ingest::{IngestError, MAX_FILE_BYTES};

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

/// The browser's DOMParser gives the same reduction as html5ever natively
/// on the shared case table (issue 10, item 3).
mod html {
    use super::*;
    use marginalia::platform::html::BrowserHtml;
    use marginalia::text::html::cases::CASES;
    use marginalia::text::html::HtmlReader;

    fn html_to_text(html: &str) -> marginalia::text::html::Reduced {
        BrowserHtml.read(html)
    }

    #[wasm_bindgen_test]
    fn the_case_table() {
        for (name, input, want) in CASES {
            assert_eq!(html_to_text(input).text, *want, "case {name}: {input}");
        }
    }

    #[wasm_bindgen_test]
    fn parsing_runs_no_script_and_touches_no_page() {
        let before = document().body().expect("body").child_element_count();
        let r = html_to_text("<p>x</p><img src=x onerror=\"document.body.dataset.hit=1\"><script>document.body.dataset.hit=2</script>");
        assert_eq!(r.text, "x\n{image_1}");
        assert_eq!(document().body().expect("body").child_element_count(), before);
        assert_eq!(document().body().expect("body").get_attribute("data-hit"), None);
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

        // Every run's text, and every block's (bare text and runs), is the
        // document's text at its data-start, to its data-end.
        let doc = marginalia::sample::sample_document();
        let runs = root.query_selector_all("article [data-start]:not([data-atomic])").unwrap();
        assert!(runs.length() > 20);
        for i in 0..runs.length() {
            let el: web_sys::Element = runs.get(i).unwrap().dyn_into().unwrap();
            if el.query_selector("[data-atomic]").unwrap().is_some() {
                continue; // a placeholder's text is not the document's
            }
            let start: usize = el.get_attribute("data-start").unwrap().parse().unwrap();
            let text = el.text_content().unwrap();
            let len = text.chars().count();
            assert_eq!(doc.indexed.slice(marginalia::text::CharRange::new(start, start + len)), Some(text.as_str()));
            if let Some(end) = el.get_attribute("data-end") {
                assert_eq!(end.parse::<usize>().ok(), Some(start + len));
            }
        }
        root.remove();
    }
}

mod storage {
    use super::*;
    use marginalia::model::{DocData, Document, Timestamp};
    use marginalia::platform::storage::LocalStorage;
    use marginalia::store::kv::{KeyValue, StorageError};
    use marginalia::store::persist::{self, SaveError};

    fn run_js(code: &str) -> wasm_bindgen::JsValue {
        js_sys::Function::new_no_args(code).call0(&wasm_bindgen::JsValue::NULL).expect("js")
    }

    fn clear() {
        run_js("localStorage.clear()");
    }

    #[wasm_bindgen_test]
    fn round_trip_and_keys() {
        clear();
        let ls = LocalStorage::open().expect("localStorage");
        ls.set("marginalia:test", "😀 value").unwrap();
        assert_eq!(ls.get("marginalia:test").unwrap().as_deref(), Some("😀 value"));
        assert!(ls.keys().unwrap().contains(&"marginalia:test".to_string()));
        ls.remove("marginalia:test").unwrap();
        assert_eq!(ls.get("marginalia:test").unwrap(), None);
        assert_eq!(persist::probe(&ls), Ok(()));
    }

    /// The browser-side slicing agrees with the trait's defaults (what the
    /// in-memory store and every native test use), astral characters too.
    #[wasm_bindgen_test]
    fn head_tail_size_and_verified_set_in_the_browser() {
        clear();
        let ls = LocalStorage::open().expect("localStorage");
        let value = "{\"schema\":1,\"rev\":4,😀 text}";
        assert_eq!(ls.set_verified("marginalia:t", value), Ok(true));
        assert_eq!(ls.head("marginalia:t", 20).unwrap().as_deref(), Some("{\"schema\":1,\"rev\":4,"));
        assert_eq!(ls.tail("marginalia:t", 1).unwrap().as_deref(), Some("}"));
        assert_eq!(ls.size("marginalia:t").unwrap(), Some(value.encode_utf16().count()));
        assert_eq!(ls.head("marginalia:none", 20).unwrap(), None);
        assert_eq!(ls.size("marginalia:none").unwrap(), None);
        clear();
    }

    /// Fills storage with padding until Chromium refuses, returns how many
    /// padding keys were written.
    fn fill_to_quota() -> u32 {
        run_js(
            "let n = 0; for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8]) { const c = 'x'.repeat(size); \
             try { for (;;) localStorage.setItem('pad-' + n++, c); } catch (e) { n--; } } return n;",
        )
        .as_f64()
        .unwrap_or(0.0) as u32
    }

    #[wasm_bindgen_test]
    fn full_quota_is_classified_and_the_old_value_survives() {
        clear();
        let ls = LocalStorage::open().expect("localStorage");
        let doc = Document::from_raw("Title\nBody text about Kyiv.", None);
        let data = DocData::default();
        assert_eq!(persist::save_doc(&ls, &doc, &data, 0, Timestamp(1), false), Ok(1));
        let key = persist::doc_key(&doc.hash);
        let before = ls.get(&key).unwrap();
        assert!(fill_to_quota() > 3);
        // The real browser error is recognised as "full".
        assert_eq!(ls.set("one-more", &"y".repeat(100_000)), Err(StorageError::QuotaExceeded));
        let mut bigger = DocData::default();
        bigger.dismissed.insert(marginalia::model::SuggestionKey::from_saved(&"z".repeat(50_000)));
        let err = persist::save_doc(&ls, &doc, &bigger, 1, Timestamp(2), false).unwrap_err();
        assert!(matches!(err, SaveError::Quota { .. }), "{err:?}");
        assert_eq!(ls.get(&key).unwrap(), before, "previous value intact");
        clear();
    }

    #[wasm_bindgen_test]
    fn a_throwing_local_storage_getter_is_an_error_value() {
        run_js(
            "window.__savedLS = Object.getOwnPropertyDescriptor(window, 'localStorage') || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
             Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('Access is denied', 'SecurityError'); } });",
        );
        let result = LocalStorage::open();
        run_js("Object.defineProperty(window, 'localStorage', window.__savedLS);");
        match result {
            Err(StorageError::Unavailable(why)) => assert!(why.contains("SecurityError"), "{why}"),
            other => panic!("expected Unavailable, got {other:?}"),
        }
        assert!(LocalStorage::open().is_ok(), "restored");
    }

    #[wasm_bindgen_test]
    fn set_item_that_always_throws_fails_the_probe() {
        clear();
        run_js(
            "window.__savedSet = Storage.prototype.setItem; \
             Storage.prototype.setItem = function () { throw new DOMException('quota', 'QuotaExceededError'); };",
        );
        let ls = LocalStorage::open().expect("open works");
        let probe = persist::probe(&ls);
        run_js("Storage.prototype.setItem = window.__savedSet;");
        assert_eq!(probe, Err(StorageError::QuotaExceeded));
    }
}

mod selection {
    use super::*;
    use marginalia::platform::selection::{current_selection, select_range};
    use marginalia::text::{CharRange, IndexedText};

    /// An article of runs as `ui::article` renders them.
    fn article(runs: &[(usize, &str)]) -> web_sys::Element {
        let root = mount_point();
        for (start, text) in runs {
            let span = document().create_element("span").unwrap();
            span.set_attribute("data-start", &start.to_string()).unwrap();
            span.set_text_content(Some(text));
            root.append_child(&span).unwrap();
        }
        root
    }

    fn select(node: &web_sys::Node, from: u32, to_node: &web_sys::Node, to: u32) {
        let range = document().create_range().unwrap();
        range.set_start(node, from).unwrap();
        range.set_end(to_node, to).unwrap();
        let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
        sel.remove_all_ranges().unwrap();
        sel.add_range(&range).unwrap();
    }

    #[wasm_bindgen_test]
    fn utf16_dom_offsets_become_code_points() {
        // "😀 ab" is 4 code points but 5 UTF-16 units; "👨🏻‍🚒" is 4 and 7.
        let text = IndexedText::new("😀 ab👨🏻‍🚒 cd".to_string());
        let root = article(&[(0, "😀 ab"), (4, "👨🏻‍🚒 cd")]);
        let first = root.first_child().unwrap().first_child().unwrap();
        let second = root.last_child().unwrap().first_child().unwrap();
        // Select "ab" .. "c" across the two runs: UTF-16 3..5 and 0..9.
        select(&first, 3, &second, 9);
        let (r, _) = current_selection(&root, &text).expect("selection");
        assert_eq!(text.slice(r), Some("ab👨🏻‍🚒 c"));
        assert_eq!(r, CharRange::new(2, 10));
        // Half of the ZWJ sequence grows to the whole grapheme.
        select(&second, 0, &second, 2);
        let (r, _) = current_selection(&root, &text).expect("selection");
        assert_eq!(text.slice(r), Some("👨🏻‍🚒"));
        // And the keyboard path selects by document range.
        select_range(&root, CharRange::new(9, 11)).expect("select_range");
        let (r, _) = current_selection(&root, &text).expect("selection");
        assert_eq!(text.slice(r), Some("cd"));
        root.remove();
    }

    /// A paragraph as `ui::article::runs` writes it: the holder carries its
    /// range, plain text is bare, runs and an atomic placeholder between.
    fn paragraph() -> (web_sys::Element, web_sys::Element) {
        let root = mount_point();
        let p = document().create_element("p").unwrap();
        p.set_attribute("data-start", "0").unwrap();
        p.set_attribute("data-end", "19").unwrap();
        p.append_with_str_1("Hi 😀 ").unwrap();
        let run = document().create_element("span").unwrap();
        run.set_attribute("data-start", "5").unwrap();
        run.set_text_content(Some("Kyiv"));
        p.append_child(&run).unwrap();
        p.append_with_str_1(" x").unwrap();
        let media = document().create_element("span").unwrap();
        for (k, v) in [("data-start", "11"), ("data-end", "14"), ("data-atomic", "true")] {
            media.set_attribute(k, v).unwrap();
        }
        media.set_text_content(Some("▣ Image"));
        p.append_child(&media).unwrap();
        p.append_with_str_1("tail.").unwrap();
        root.append_child(&p).unwrap();
        (root, p)
    }

    /// A block holder `tag` for `start..end` with `parts`: bare text, or
    /// a run (`Some(run start)`).
    fn block(tag: &str, start: usize, end: usize, parts: &[(Option<usize>, &str)]) -> web_sys::Element {
        let el = document().create_element(tag).unwrap();
        el.set_attribute("data-start", &start.to_string()).unwrap();
        el.set_attribute("data-end", &end.to_string()).unwrap();
        for (run, text) in parts {
            match run {
                Some(at) => {
                    let mark = document().create_element("mark").unwrap();
                    mark.set_attribute("data-start", &at.to_string()).unwrap();
                    mark.set_text_content(Some(text));
                    el.append_child(&mark).unwrap();
                }
                None => el.append_with_str_1(text).unwrap(),
            }
        }
        el
    }

    /// A selection with an end in a block survives the block being built
    /// anew (another tab's annotation landing in it), its direction too,
    /// and one across two blocks survives both being rebuilt; one outside
    /// the article, or a caret, is not held.
    #[wasm_bindgen_test]
    fn a_selection_survives_its_block_built_anew() {
        use marginalia::platform::selection::{hold_selection, restore_selection};
        let text = IndexedText::new("one twö three\nfour five".to_string());
        let root = document().create_element("article").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let (p1, p2) = (block("p", 0, 13, &[(None, "one twö three")]), block("p", 14, 23, &[(None, "four five")]));
        root.append_child(&p1).unwrap();
        root.append_child(&p2).unwrap();
        let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
        // "twö", selected backwards (the anchor at its end).
        let t1 = p1.first_child().unwrap();
        sel.set_base_and_extent(&t1, 7, &t1, 4).unwrap();
        let held = hold_selection(&root).expect("held");
        let p1b = block("p", 0, 13, &[(None, "one "), (Some(4), "twö"), (None, " three")]);
        root.replace_child(&p1b, &p1).unwrap();
        assert_eq!(sel.to_string(), "", "the old element took the selection with it");
        restore_selection(&root, &held);
        assert_eq!(text.slice(current_selection(&root, &text).expect("selection").0), Some("twö"));
        let mark_text = p1b.query_selector("mark").unwrap().unwrap().first_child().unwrap();
        assert!(sel.anchor_node().unwrap().is_same_node(Some(&mark_text)) && sel.anchor_offset() == 3, "still backwards");
        // From "three" into "four", both blocks built anew.
        let (three, four) = (p1b.last_child().unwrap(), p2.first_child().unwrap());
        sel.set_base_and_extent(&three, 1, &four, 4).unwrap();
        let held = hold_selection(&root).expect("held");
        let (p1c, p2b) = (block("p", 0, 13, &[(None, "one twö "), (Some(8), "three")]), block("p", 14, 23, &[(Some(14), "four"), (None, " five")]));
        root.replace_child(&p1c, &p1b).unwrap();
        root.replace_child(&p2b, &p2).unwrap();
        restore_selection(&root, &held);
        assert_eq!(text.slice(current_selection(&root, &text).expect("selection").0), Some("three\nfour"));
        // Nothing rebuilt: the selection stays as it is.
        let one = p1c.first_child().unwrap();
        sel.set_base_and_extent(&one, 0, &one, 3).unwrap();
        let held = hold_selection(&root).expect("held");
        restore_selection(&root, &held);
        assert_eq!(sel.to_string(), "one");
        // A selection outside the article, or a caret, is not held.
        let outside = mount_point();
        outside.set_text_content(Some("elsewhere"));
        let node = outside.first_child().unwrap();
        sel.set_base_and_extent(&node, 0, &node, 4).unwrap();
        assert!(hold_selection(&root).is_none());
        sel.set_base_and_extent(&one, 1, &one, 1).unwrap();
        assert!(hold_selection(&root).is_none());
        root.remove();
        outside.remove();
    }

    /// The document under `paragraph`: "Hi 😀 Kyiv x" + "{i}" (the media's
    /// three code points, standing for `{i}`) + "tail.".
    const PARAGRAPH: &str = "Hi 😀 Kyiv x{i}tail.";

    #[wasm_bindgen_test]
    fn bare_text_counts_from_its_holder() {
        let text = IndexedText::new(PARAGRAPH.to_string());
        let (root, p) = paragraph();
        let nodes = p.child_nodes();
        let (lead, run, mid, tail) = (nodes.get(0).unwrap(), nodes.get(1).unwrap().first_child().unwrap(), nodes.get(2).unwrap(), nodes.get(4).unwrap());
        // From inside the bare lead (after the emoji: UTF-16 5) into the run.
        select(&lead, 5, &run, 2);
        assert_eq!(current_selection(&root, &text).map(|(r, _)| r), Some(CharRange::new(5, 7)));
        select(&lead, 3, &run, 4);
        assert_eq!(text.slice(current_selection(&root, &text).expect("selection").0), Some("😀 Kyiv"));
        // Bare text after a run and after the placeholder.
        select(&mid, 1, &tail, 4);
        assert_eq!(text.slice(current_selection(&root, &text).expect("selection").0), Some("x{i}tail"));
        // Element boundaries: before the run, and after the last child.
        let p_node: &web_sys::Node = p.as_ref();
        select(p_node, 1, p_node, 5);
        assert_eq!(text.slice(current_selection(&root, &text).expect("selection").0), Some("Kyiv x{i}tail."));
        // The keyboard path lands in bare text and in the run alike.
        for (from, to, want) in [(0, 2, "Hi"), (14, 18, "tail"), (3, 9, "😀 Kyiv")] {
            select_range(&root, CharRange::new(from, to)).expect("select_range");
            assert_eq!(text.slice(current_selection(&root, &text).expect("selection").0), Some(want));
        }
        root.remove();
    }

    #[wasm_bindgen_test]
    fn selection_outside_the_article_is_none_and_whitespace_is_trimmed() {
        let text = IndexedText::new("one two".to_string());
        let root = article(&[(0, "one two")]);
        let outside = mount_point();
        outside.set_text_content(Some("elsewhere"));
        let node = outside.first_child().unwrap();
        select(&node, 0, &node, 4);
        assert!(current_selection(&root, &text).is_none());
        let inner = root.first_child().unwrap().first_child().unwrap();
        select(&inner, 3, &inner, 7);
        let (r, _) = current_selection(&root, &text).expect("selection");
        assert_eq!(text.slice(r), Some("two"));
        root.remove();
        outside.remove();
    }
}
