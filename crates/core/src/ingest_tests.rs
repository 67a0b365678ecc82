//! Tests of `ingest`.

use super::*;
use crate::text::html::html5::Html5ever;

#[test]
fn paste_and_file_of_same_article_have_same_hash() {
    let pasted = ingest_text("Title\nCafé in Kyiv.", SourceFormat::Plain, None, &Html5ever).unwrap();
    let file = ingest_file("a.txt", None, "\u{feff}Title\r\nCafe\u{301} in Kyiv.\r\n".as_bytes(), &Html5ever).unwrap();
    assert_eq!(pasted.text(), file.text());
    assert_eq!(pasted.hash, file.hash);
}

#[test]
fn decoding_table() {
    assert_eq!(decode_bytes(b"plain").unwrap(), "plain");
    assert_eq!(decode_bytes(&[0xef, 0xbb, 0xbf, b'a']).unwrap(), "\u{feff}a");
    assert_eq!(decode_bytes(&[0x93, b'q', 0x94, 0xe9]).unwrap(), "“q”é");
    assert_eq!(decode_bytes(&[0xff, 0xfe, b'h', 0, b'i', 0]).unwrap(), "hi");
    assert_eq!(decode_bytes(&[0xfe, 0xff, 0, b'h', 0, b'i']).unwrap(), "hi");
    assert_eq!(decode_bytes(&[0x89, b'P', b'N', b'G', 0, 0]), Err(IngestError::NotText));
}

#[test]
fn formats() {
    assert_eq!(detect_format(Some("a.HTML"), None, ""), SourceFormat::Html);
    assert_eq!(detect_format(Some("a.md"), None, "<p>x</p>"), SourceFormat::Markdown);
    assert_eq!(detect_format(Some("a.txt"), None, "<p>x</p>"), SourceFormat::Plain);
    assert_eq!(detect_format(None, Some("text/html; charset=utf-8"), ""), SourceFormat::Html);
    assert_eq!(detect_format(Some("noext"), None, "<!doctype html><p>x"), SourceFormat::Html);
    let doc = ingest_file("story.html", None, b"<h1>Head</h1><script>alert(1)</script><p>Body &amp; more</p>", &Html5ever).unwrap();
    assert_eq!(doc.text(), "Head\nBody & more");
    assert_eq!(doc.title, "Head");
}

/// Issue 10, item 2: plain text that mentions a tag was read as HTML and
/// lost characters and line breaks.
#[test]
fn text_that_mentions_a_tag_stays_text() {
    let raw = "Web developers split over new layout rules\nThe proposal would change how a `<div>` element is laid out by default.\nCritics say older sites would break.";
    for mention in ["<div", "<p>", "<meta", "<body", "<h1"] {
        let text = raw.replace("<div", mention);
        assert_eq!(detect_format(None, None, &text), SourceFormat::Plain, "{mention}");
        assert_eq!(detect_format(Some("notes"), Some("text/plain"), &text), SourceFormat::Plain, "{mention}");
    }
    let doc = ingest_text(raw, SourceFormat::Plain, None, &Html5ever).unwrap();
    assert_eq!(doc.title, "Web developers split over new layout rules");
    assert!(doc.text().contains("a `<div>` element"));
    assert_eq!(describe(&doc), "“Web developers split over new layout rules” and 2 paragraphs (151 characters)");
}

#[test]
fn limits_and_errors() {
    assert_eq!(ingest_text("  \n\n ", SourceFormat::Plain, None, &Html5ever), Err(IngestError::Empty));
    assert_eq!(ingest_text("<script>x</script>", SourceFormat::Html, None, &Html5ever), Err(IngestError::Empty));
    let long = "a".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(ingest_text(&long, SourceFormat::Plain, None, &Html5ever), Err(IngestError::TextTooLong { chars: MAX_TEXT_CHARS + 1 }));
    let huge = vec![b'a'; MAX_FILE_BYTES + 1];
    assert!(matches!(ingest_file("x.txt", None, &huge, &Html5ever), Err(IngestError::FileTooLarge { .. })));
    // Messages say what to do, with readable numbers.
    let msg = IngestError::TextTooLong { chars: 1_234_567 }.to_string();
    assert!(msg.contains("1,234,567") && msg.contains("500,000"), "{msg}");
}

#[test]
fn titles() {
    let one_line = ingest_file("my-story_final.txt", None, b"Just one paragraph.", &Html5ever).unwrap();
    assert_eq!(one_line.title, "my story final");
    let titled = ingest_text("Headline\nBody", SourceFormat::Plain, Some("f.txt"), &Html5ever).unwrap();
    assert_eq!(titled.title, "Headline");
    assert_eq!(ingest_text("trailing\n\n\n", SourceFormat::Plain, None, &Html5ever).unwrap().text(), "trailing");
}

#[test]
fn a_whole_page_opens_as_its_article_and_a_fragment_as_itself() {
    // Six paragraphs: over the 500 characters the strictest pass must keep
    // (`article::MIN_ARTICLE_CHARS`), so the menu is left out as unlikely.
    let story: String = (1..=6).map(|k| format!("<p>Paragraph {k} of the story, with words, commas, and enough length to read as prose here.</p>")).collect();
    let page = format!("\u{feff}<!doctype html><html><head><title>Story | Site</title></head><body><nav><a>Menu</a></nav><div class=menu><p>Sections: world, sport, and the rest of them, listed.</p></div><article>{story}</article></body></html>");
    let doc = ingest_text(&page, SourceFormat::Html, None, &Html5ever).expect("a page");
    let meta = doc.page.as_deref().expect("a page keeps its meta");
    assert!(meta.found && meta.alternate.as_deref().is_some_and(|w| w.contains("Sections")));
    assert!(!doc.text().contains("Sections") && doc.text().contains("Paragraph 5"));
    assert!(!doc.text().contains('\u{feff}'));
    // A fragment, even with many bytes before its first tag, is no page.
    let fragment = format!("{}<p>Just a paragraph.</p>", "é".repeat(3000));
    assert!(ingest_text(&fragment, SourceFormat::Html, None, &Html5ever).expect("text").page.is_none());
}

#[test]
fn a_page_snapshot_holds_what_a_saved_page_may() {
    assert_eq!(crate::text::html::snapshot::MAX_TEXT_BYTES, MAX_FILE_BYTES);
}
