//! The build.rs front: `helix` generated into `OUT_DIR` (feature `build-rs`).

fn main() {
    #[cfg(feature = "build-rs")]
    mutaspec_core::build::Config::new().spec("../../spec/helix").generate().unwrap();
}
