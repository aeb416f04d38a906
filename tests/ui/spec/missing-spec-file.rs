// The path is relative to the crate's Cargo.toml; nothing is there.
mutaspec_macros::include_spec!("tests/ui/specs/nowhere");

fn main() {
    let _ = nowhere::update_item::UpdateItemRequest::default();
}
