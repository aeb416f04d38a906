//! mutaspec: provider update endpoints, described field by field in a YAML spec, turned
//! into typed Rust requests, validators and error enums.
//!
//! This crate is the one library behind every front: the `mutaspec` binary, the
//! proc-macro and the `build.rs` builder only map their arguments onto it.
//!
//! Pipeline: [`source`] reads and indexes spec files, [`raw`] is the serde model,
//! [`resolve`] turns it into the [`model`] every later stage reads; [`emit`] turns the
//! model into Rust tokens. The fronts: `ops` (the binary's commands), [`expand`] (the
//! proc-macro's library half) and `build` (the `build.rs` builder).
//!
//! Feature `full` (default) adds everything the proc-macro does not need: `render`,
//! `ops`, `build`, `diff`, `eval`, `schema`.

#[cfg(feature = "full")]
pub mod build;
#[cfg(feature = "full")]
pub mod codegen_file;
pub mod diag;
#[cfg(feature = "full")]
pub mod diff;
pub mod emit;
#[cfg(feature = "full")]
pub mod eval;
pub mod expand;
pub mod model;
#[cfg(feature = "full")]
pub mod ops;
pub mod plan;
pub mod raw;
#[cfg(feature = "full")]
pub mod render;
pub mod resolve;
#[cfg(feature = "full")]
pub mod schema;
pub mod source;

pub use diag::{Diagnostic, Severity};
pub use resolve::{load, load_texts, LoadError, Loaded};

/// Checks a spec `pattern:`: the runtime's pattern language decides, so the spec and the
/// generated code cannot disagree.
pub(crate) fn pattern_check(pattern: &str) -> Result<(), String> {
    mutaspec_runtime::pattern::compile_check(pattern).map_err(|e| e.to_string())
}
