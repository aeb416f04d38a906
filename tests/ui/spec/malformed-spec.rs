// Every spec error, each with its file:line:col and hint, on the path.
mutaspec_macros::include_spec!("tests/ui/specs/malformed.yaml");

fn main() {}
