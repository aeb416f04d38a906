// include_spec! takes the spec path as a string literal.
mutaspec_macros::include_spec!(tests / ui / specs / shop);

fn main() {}
