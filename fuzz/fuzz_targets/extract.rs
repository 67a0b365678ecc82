//! Article extraction (issue 19) over arbitrary HTML: no panic, the
//! article is made of the page's own lines, and the mapped reading (the
//! widget's and the extension's) gives the same article.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        marginalia::fuzz_checks::article_extraction(html);
    }
});
