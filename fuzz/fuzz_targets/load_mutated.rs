//! The spec loader on structure-aware mutations of spec/. See `fuzz/harness.rs`.
#![no_main]

include!("../harness.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| load_mutated(data));
