//! Arbitrary JSON against every generated request type and the evaluator. See `fuzz/harness.rs`.
#![no_main]

include!("../harness.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| validate_json(data));
