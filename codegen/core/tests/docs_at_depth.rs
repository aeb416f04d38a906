//! The generated docs say what a rule below the top level reads: a nested `while:` the
//! state of its own object, a map of objects with rules its current entries by key
//! (`tests/features/state-at-depth/`).

#[test]
fn nested_state_and_map_entries_are_documented() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/features/state-at-depth/spec");
    let spec = match mutaspec_core::load(&dir) {
        Ok(l) => l.spec,
        Err(e) => panic!("the feature spec does not load:\n{}", e.render()),
    };
    let text = mutaspec_core::emit::crate_inline(&spec).to_string();
    for line in [
        "Only while this object's current `verified` is `false`",
        "Only while this object's current `form` is `PHYSICAL` or `VIRTUAL`",
        "Entries: each is checked against the current resource's entry of the same key",
    ] {
        assert!(text.contains(line), "the generated docs lack {line:?}");
    }
}
