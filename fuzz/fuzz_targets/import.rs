//! Both importers (Marginalia JSON and W3C Web Annotation): no panic, every
//! imported annotation lies inside its document, and exporting an import
//! and importing that again gives the same annotations.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    marginalia::fuzz_checks::import_round_trip(data);
});
