//! The name tagger's model file (`marginalia eval --model FILE` reads any
//! file): an error value or a model that scores without panicking, and
//! whose parts survive being written again.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    marginalia::fuzz_checks::model_file_round_trip(data);
});
