//! Arbitrary JSON as `--settings` / `--current`: generated types and evaluator agree. See `fuzz/harness.rs`.
#![no_main]

include!("../harness.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| context_json(data));
