//! The resolved spec written in other formats: [`openapi()`], an OpenAPI 3.1 document
//! of the spec's endpoints (`mutaspec export openapi`).
//!
//! What OpenAPI can say goes into its standard keywords; the update semantics it cannot
//! say (update rules, state conditions, transitions, locks, groups, side effects, error
//! codes, versions) into `x-mutaspec-*` extensions, each listed in the README ("Export
//! to OpenAPI"). The output is deterministic: the same spec gives the same bytes.

mod node;
mod openapi;

pub use openapi::{openapi, ExportError, OpenApi, OpenApiOptions};
