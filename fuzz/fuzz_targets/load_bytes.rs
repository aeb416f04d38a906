//! The spec loader on arbitrary bytes. See `fuzz/harness.rs`.
#![no_main]

include!("../harness.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| load_bytes(data));
