//! The invariants the fuzz targets check (`fuzz/`, run by
//! `scripts/fuzz.sh`), kept in the library so the inputs a fuzzer found are
//! replayed by `cargo test` (`tests/fuzz_regressions.rs`) without nightly.
//!
//! Each check panics with a message naming the broken invariant; a panic is
//! what the fuzzer reports.

use crate::analysis::analyze;
use crate::anchor::{anchor, Anchor};
use crate::export::import::{parse_import, ImportFormat};
use crate::export::native;
use crate::model::{DocData, Document, Timestamp};
use crate::text::{normalize, CharRange};

/// A document made by ingestion holds canonical text: normalising it again
/// changes nothing, and its title is not empty.
pub fn canonical_document(doc: &Document) {
    assert_eq!(normalize(doc.text()), doc.text(), "ingested text is not canonical");
    assert!(!doc.title.is_empty(), "a document has a title");
}

/// The mapped reduction of an HTML page (the embedded widget's reading of a
/// live page) gives the text ingestion gives, and every character it maps
/// points inside a text node the walk read, in tree order.
pub fn mapped_reduction(html: &str) {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{NodeData, RcDom};
    let mut opts = html5ever::ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    let dom = html5ever::parse_document(RcDom::default(), opts).one(html);
    let mapped = crate::text::html::mapped::reduce_mapped(dom.document.clone());
    let plain = crate::text::html::html5::html_to_text(html);
    assert_eq!(mapped.text(), normalize(&plain.text), "the mapped text differs from the plain reduction's");
    let mut last = None;
    for i in 0..mapped.text().chars().count() {
        let Some(o) = mapped.origin(i) else { continue };
        let node = mapped.nodes.get(o.node as usize).expect("origin names a node the walk read");
        let units = match &node.data {
            NodeData::Text { contents } => contents.borrow().encode_utf16().count(),
            _ => panic!("origin in a node that is not text"),
        };
        assert!((o.utf16 as usize) < units, "origin {o:?} past the node's {units} units");
        assert!(last <= Some(o), "origins out of tree order at {i}");
        last = Some(o);
    }
}

/// Article extraction over any HTML: no panic; the plan's subtrees are
/// sorted and disjoint (the reduction can follow it); the article is part
/// of the page (its characters a subsequence of the whole page's, the
/// title line and media placeholders aside); the mapped reduction over the same plan reads the same
/// text; and metadata stays within its limits.
pub fn article_extraction(html: &str) {
    let dom = crate::text::html::html5::parse(html);
    let page = crate::text::html::read_page_tree(dom.document.clone());
    let x = &page.extraction;
    assert!(x.plan.is_ordered(), "the plan's ranges are out of order or overlap");
    if !x.found {
        assert!(x.plan.is_whole(), "no article found, yet the plan leaves something out");
        assert_eq!(page.article, page.whole, "no article found, yet the article differs from the page");
    }
    // The article is the page with parts left out: its characters (the
    // title line, media placeholders and spacing aside) appear in the whole
    // page's, in order.
    let title = page.article.title.as_deref();
    let chars = |text: &str, skip_title: bool| -> Vec<char> {
        let aside = |i: usize, l: &str| (skip_title && i == 0 && Some(l) == title) || crate::text::html::is_media_line(l);
        let lines = text.lines().enumerate().filter(|(i, l)| !aside(*i, l));
        lines.flat_map(|(_, l)| l.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>()).collect()
    };
    let (part, whole) = (chars(&page.article.text, true), chars(&page.whole.text, false));
    let mut rest = whole.iter();
    let missing = part.iter().position(|c| !rest.any(|w| w == c));
    assert!(missing.is_none(), "the article's character {missing:?} is not in the page, in order:\n{:?}\n---\n{:?}", page.article.text, page.whole.text);
    let mapped = crate::text::html::mapped::reduce_mapped_planned(dom.document.clone(), &x.plan);
    assert_eq!(mapped.text(), normalize(&page.article.text), "the mapped article differs from the plain one");
    if let Some(b) = &x.meta.byline {
        assert!(b.chars().count() <= crate::text::html::article::meta::MAX_BYLINE_CHARS, "byline too long");
    }
}

/// A snapshot message from a page (the extension's content script, issue
/// 21): read with an error or a tree; a tree reads as a page does (the
/// extraction invariants hold) and maps every article character to a text
/// node the snapshot holds.
pub fn snapshot_reading(json: &str) {
    use crate::text::html::snapshot::Snapshot;
    let Ok(snap) = Snapshot::parse(json) else { return };
    let page = crate::text::html::read_page_tree(snap.root());
    assert!(page.extraction.plan.is_ordered(), "the plan's ranges are out of order or overlap");
    let mapped = crate::text::html::mapped::reduce_mapped_planned(snap.root(), &page.extraction.plan);
    assert_eq!(mapped.text(), normalize(&page.article.text), "the mapped article differs from the plain one");
    for i in 0..mapped.text().chars().count() {
        if let Some(o) = mapped.origin(i) {
            let node = mapped.nodes.get(o.node as usize).expect("origin names a node the walk read");
            assert!(node.text_ordinal().is_some(), "an origin in a node that is not text");
        }
    }
}

/// Every span the analysis returns lies inside `text` (code points),
/// and entities come in order without overlapping.
pub fn analysis_in_bounds(text: &str) {
    let len = text.chars().count();
    let a = analyze(text);
    let mut last_end = 0;
    for e in &a.entities {
        assert!(e.range.start < e.range.end && e.range.end <= len, "entity {:?} outside 0..{len}", e.range);
        assert!(e.range.start >= last_end, "entities overlap or are out of order at {:?}", e.range);
        last_end = e.range.end;
    }
    for q in &a.quotes {
        assert!(q.range.start <= q.range.end && q.range.end <= len, "quotation {:?} outside 0..{len}", q.range);
    }
    for p in &a.posts {
        assert!(p.range.end <= len && p.body.end <= len, "post {:?} outside 0..{len}", p.range);
    }
}

/// The text every W3C import is read against.
const OPEN_TEXT: &str = "Officials in Kyiv said on Monday that talks would resume.\n\"We are ready,\" the minister said.";

/// Importing `bytes` either fails with an error value or yields annotations
/// inside their document (those whose position refers to it); a Marginalia import exported and imported again
/// gives the same annotations.
pub fn import_round_trip(bytes: &[u8]) {
    let open = Document::new(OPEN_TEXT.to_string(), None);
    let Ok(first) = parse_import(bytes, &open) else { return };
    let len = first.document.text().chars().count();
    for a in first.incoming.annotations.iter().filter(|a| a.target.source == first.document.hash) {
        assert!(a.target.start <= a.target.end && a.target.end <= len, "annotation {:?} outside 0..{len}", a.target.position());
    }
    if first.format != ImportFormat::Native {
        return;
    }
    let data = DocData { labels: first.incoming.labels.clone(), annotations: first.incoming.annotations.clone(), ..DocData::default() };
    let exported = native::export(&first.document, &data, Timestamp(0));
    let second = match parse_import(exported.as_bytes(), &open) {
        Ok(p) => p,
        Err(e) => panic!("an exported import does not import again: {e:?}"),
    };
    assert_eq!(second.document.text(), first.document.text(), "text changed on a round trip");
    assert_eq!(second.incoming.annotations, first.incoming.annotations, "annotations changed on a round trip");
}

/// Splits fuzz input into an original text, an edited text and a range:
/// the first two bytes place the range, the rest is `original\0edited`.
pub fn reanchor_in_bounds(data: &[u8]) {
    let Some(([a, b], rest)) = data.split_first_chunk::<2>().map(|(h, r)| (*h, r)) else { return };
    let rest = String::from_utf8_lossy(rest);
    let (original, edited) = rest.split_once('\0').unwrap_or((&rest, ""));
    let (original, edited) = (Document::new(normalize(original), None), Document::new(normalize(edited), None));
    let len = original.text().chars().count();
    let start = usize::from(a) % (len + 1);
    let end = (start + usize::from(b)).min(len);
    let Some(target) = crate::anchor::describe(&original, CharRange::new(start, end)) else { return };
    let edited_len = edited.text().chars().count();
    match anchor(&edited, &target) {
        Anchor::Exact(r) => {
            assert!(r.end <= edited_len, "exact anchor {r:?} outside 0..{edited_len}");
            assert_eq!(edited.indexed.slice(r), Some(target.exact.as_str()), "an exact anchor's text is its quote");
        }
        Anchor::Moved { range, score, intact } => {
            if intact {
                assert_eq!(edited.indexed.slice(range), Some(target.exact.as_str()), "an intact move's text is its quote");
            }
            assert!(range.start <= range.end && range.end <= edited_len, "moved anchor {range:?} outside 0..{edited_len}");
            assert!((0.0..=1.0).contains(&score), "score {score} outside 0..1");
        }
        Anchor::Orphan => {}
    }
    // The same text anchors exactly.
    assert_eq!(anchor(&original, &target), Anchor::Exact(CharRange::new(start, end)), "a target does not anchor in its own text");
}

/// Reading a name-tagger model file (`marginalia eval --model FILE` reads
/// any file it is given) either fails with an error value or yields a
/// model that scores any features without panicking, and whose parts,
/// written again with 8 bits, read back the same.
pub fn model_file_round_trip(bytes: &[u8]) {
    use crate::analysis::model_file::{decode, encode};
    use crate::analysis::tagger::{Model, L};
    // A file written over a base is read with a small fixed one too.
    let _ = decode(bytes, L, Some(&[0, 7, 1 << 20, u32::MAX - 1]));
    let Ok(parts) = decode(bytes, L, None) else {
        assert!(Model::from_bytes(bytes).is_err(), "the tagger read a file the format rejects");
        return;
    };
    let model = Model::from_bytes(bytes).expect("the tagger reads what the format reads");
    let features: Vec<u32> = parts.keys.iter().copied().take(64).chain([0, 1, u32::MAX]).collect();
    let _ = model.emission(&features);
    let again = encode(&parts, L, 8, None).expect("decoded parts encode");
    assert_eq!(decode(&again, L, None).expect("re-encoded parts decode"), parts, "the parts changed on a round trip");
}
