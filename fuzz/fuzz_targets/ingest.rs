//! File decoding and HTML/Markdown/plain reduction (HTML through html5ever,
//! the parser the native side uses): no panic, and what comes out is
//! canonical text a document can be made of; for HTML, the mapped
//! reduction agrees and maps inside the tree.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marginalia::text::html::html5::Html5ever;
use marginalia::ingest::ingest_file;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["story.html", "story.md", "story.txt", "story"][usize::from(pick) % 4];
    if let Ok(doc) = ingest_file(name, None, bytes, &Html5ever) {
        marginalia::fuzz_checks::canonical_document(&doc);
    }
    // The embedded widget's reading of a page, with its map to the tree.
    if let (0, Ok(html)) = (pick % 4, std::str::from_utf8(bytes)) {
        marginalia::fuzz_checks::mapped_reduction(html);
    }
});
