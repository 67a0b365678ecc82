//! The analysis on any text: no panic, every span inside the text and on
//! code point boundaries, entities in order and not overlapping.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = marginalia::text::normalize(&String::from_utf8_lossy(data));
    marginalia::fuzz_checks::analysis_in_bounds(&text);
});
