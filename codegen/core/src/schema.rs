//! The JSON Schema of the spec format, for editors (`mutaspec schema`).
//!
//! The schema (draft 2020-12) is kept in this package, `schema/mutaspec.schema.json` (so a
//! packaged `mutaspec-core` builds); the workspace root holds a byte-identical copy at the same
//! relative path, where spec files point with `# yaml-language-server: $schema=...`
//! (`tests/schema.rs` checks the copy). It describes one spec
//! file: the mapping of the raw model's `RawFile` at the top, one `$defs` entry per other raw
//! struct, with `additionalProperties: false` wherever the raw model denies unknown keys, and
//! `oneOf` for the "scalar or mapping" values (a field, a lock, a constraint per value type).
//! It also knows what resolution rejects and a schema can say: closed vocabularies (`rule`,
//! `merge`, `format`, ...), the forms of names, and which keys belong in an endpoint file and
//! which in the shared file.
//!
//! `tests/schema.rs` keeps it true: the keys of each raw struct, read from `raw.rs`, are
//! exactly the properties of its place in the schema (with the same required keys), every
//! file of `spec/` validates, and broken specs that mutaspec rejects fail validation too.
//! Edit the JSON here by hand and copy it to the root; when `raw.rs` gains a key or a struct,
//! that test says where.

/// The schema's text.
pub const SCHEMA: &str = include_str!("../schema/mutaspec.schema.json");
