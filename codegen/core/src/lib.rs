//! mutaspec: provider update endpoints, described field by field in a YAML spec, turned
//! into typed Rust requests, validators and error enums.
//!
//! This crate is the one library behind every front: the `mutaspec` binary, the
//! proc-macro and the `build.rs` builder only map their arguments onto it.
//!
//! The stages run one way: reading and indexing spec files, deserializing them into the
//! raw (serde) model, resolving that into the [`model`] every later stage reads, the
//! validation plan of each endpoint, then [`emit`] (Rust tokens) and, with `full`,
//! `eval` (the plan over JSON) and `diff`. Only the model and what the fronts call are
//! public; the stages between are internal.
//!
//! # Public API
//! - [`load()`] and [`load_texts`]: a spec directory, file or in-memory texts resolved into
//!   a [`Loaded`] (the [`model::Spec`], its warnings, its [`Sources`]), or a
//!   [`LoadError`] with every [`Diagnostic`] at once ([`diag`]).
//! - [`model`]: the resolved spec.
//! - [`emit`]: the model as Rust tokens, with the user's [`emit::options::Options`].
//! - [`expand`]: the proc-macro's library half (`include_spec!`, `#[derive(Update)]`).
#![cfg_attr(
    feature = "full",
    doc = r#"- [`ops`]: every command of the `mutaspec` binary as a library call
  ([`ops::generate`], [`ops::check`], [`ops::diff()`], [`ops::validate`],
  [`ops::schema`]), returning what to print and the exit code ([`ops::Outcome`]).
- [`build`]: the `build.rs` front ([`build::Config`]).
- [`render`]: formatting the emitted tokens and writing the generated tree atomically.
- [`diff`]: what a spec change means for callers; [`eval`]: the validation plan carried
  out over JSON; [`schema`]: the JSON Schema of spec files; [`export`]: the spec as an
  OpenAPI 3.1 document."#
)]
//!
//! Feature `full` (default) adds everything the proc-macro does not need: `render`,
//! `ops`, `build`, `diff`, `eval`, `schema`, `export`.

#![deny(missing_docs)]

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
#[cfg(feature = "full")]
pub mod export;
mod load;
pub mod model;
#[cfg(feature = "full")]
pub mod ops;
// Internal (the validation plan of an endpoint, which the emitter and `eval` both read):
// public but hidden only for the tests that hold the two back ends to each other
// (`tests/differential.rs`, `tests/random_specs`, the fuzz harness); not a stable API.
#[doc(hidden)]
pub mod plan;
mod raw;
#[cfg(feature = "full")]
pub mod render;
mod resolve;
#[cfg(feature = "full")]
pub mod schema;
mod source;

pub use diag::{Diagnostic, Severity};
pub use load::{load, load_texts, LoadError, Loaded, Sources, MAX_FILES};
pub use resolve::{MAX_FIELDS, MAX_TYPE_DEPTH};

/// Checks a spec `pattern:`: the runtime's pattern language decides, so the spec and the
/// generated code cannot disagree.
pub(crate) fn pattern_check(pattern: &str) -> Result<(), String> {
    mutaspec_runtime::pattern::compile_check(pattern).map_err(|e| e.to_string())
}
