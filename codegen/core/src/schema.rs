//! The JSON Schema of the spec format, for editors (`mutaspec schema`).
//!
//! The schema is kept in `schema/mutaspec.schema.json` at the workspace root, where spec
//! files point with `# yaml-language-server: $schema=...`; a test checks that every key
//! the raw model accepts is in it and that it says nothing the raw model rejects.

/// The schema's text.
pub const SCHEMA: &str = include_str!("../../../schema/mutaspec.schema.json");
