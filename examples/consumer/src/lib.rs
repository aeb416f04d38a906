//! An example consumer of mutaspec, with the three ways to get the code side by side:
//!
//! - `banking` and `payments`: `include_spec!` expands the spec in place (feature `macro`);
//! - `helix`: the `build.rs` front writes it into `OUT_DIR` (feature `build-rs`; with
//!   `macro` alone, `include_spec!` expands it too);
//! - or all three from the committed generated crate (feature `generated`, with
//!   `--no-default-features`): the same code, compiled from `generated/`.
//!
//! [`ProfileChange`] is the application's own struct: `#[derive(Update)]` checks it
//! against the spec's Update Customer and gives it the generated request's validators.

#[cfg(not(any(feature = "macro", feature = "generated")))]
compile_error!("enable the `macro` feature (default) or `generated`");

// Paths are relative to this crate's Cargo.toml.
#[cfg(all(feature = "macro", not(feature = "generated")))]
mutaspec_macros::include_spec!("../../spec/banking");
#[cfg(all(feature = "macro", not(feature = "generated")))]
mutaspec_macros::include_spec!("../../spec/payments");
#[cfg(all(feature = "macro", not(feature = "build-rs"), not(feature = "generated")))]
mutaspec_macros::include_spec!("../../spec/helix");

// build.rs: mutaspec_core::build::Config::new().spec("../../spec/helix").generate()
#[cfg(all(feature = "build-rs", not(feature = "generated")))]
include!(concat!(env!("OUT_DIR"), "/mutaspec.rs"));

#[cfg(feature = "generated")]
pub use mutaspec_generated::{banking, helix, payments};

#[cfg(feature = "macro")]
mod profile;
#[cfg(feature = "macro")]
pub use profile::ProfileChange;
