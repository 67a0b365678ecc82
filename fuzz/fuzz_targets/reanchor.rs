//! Re-anchoring after an edit: an annotation described on one text is placed
//! in an edited text inside its bounds, with the quote it claims (exact
//! anchors) or orphaned, never panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    marginalia::fuzz_checks::reanchor_in_bounds(data);
});
