//! The snapshot message a page's content script sends the extension's
//! frame (issue 21): arbitrary input is refused with an error or read as a
//! tree that extraction and the mapped reduction handle.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(json) = std::str::from_utf8(data) {
        marginalia::fuzz_checks::snapshot_reading(json);
    }
});
