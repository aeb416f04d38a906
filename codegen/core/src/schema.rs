//! The JSON Schema of the spec format, for editors (`mutaspec schema`).
//!
//! The schema (draft 2020-12) is kept in `schema/mutaspec.schema.json` at the workspace root,
//! where spec files point with `# yaml-language-server: $schema=...`. It describes one spec
//! file: the mapping of [`crate::raw::RawFile`] at the top, one `$defs` entry per other raw
//! struct, with `additionalProperties: false` wherever the raw model denies unknown keys, and
//! `oneOf` for the "scalar or mapping" values (a field, a lock, a constraint per value type).
//! It also knows what resolution rejects and a schema can say: closed vocabularies (`rule`,
//! `merge`, `format`, ...), the forms of names, and which keys belong in an endpoint file and
//! which in the shared file.
//!
//! `tests/schema.rs` keeps it true: the keys of each raw struct, read from `raw.rs`, are
//! exactly the properties of its place in the schema (with the same required keys), every
//! file of `spec/` validates, and broken specs that mutaspec rejects fail validation too.
//! Edit the JSON by hand; when `raw.rs` gains a key or a struct, that test says where.

/// The schema's text.
pub const SCHEMA: &str = include_str!("../../../schema/mutaspec.schema.json");
