//! Test harness package: the workspace-wide integration tests live in `tests/`.
