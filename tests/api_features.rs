//! A cargo feature per API in the generated crate (issue #14): `lib.rs` puts each API's
//! module behind the feature of its name, the manifest `generate --crate` writes declares
//! them all on by default, and this repository's hand-written `generated/Cargo.toml`
//! carries the same table. `scripts/feature-matrix.sh` builds the crate with none, each
//! one and all of them (clippy and rustdoc with `-D warnings`).

use std::path::Path;

use mutaspec_core::render;

fn spec() -> mutaspec_core::model::Spec {
    mutaspec_core::load(Path::new("spec"))
        .unwrap_or_else(|e| panic!("{}", e.render()))
        .spec
}

#[test]
fn the_manifest_declares_one_feature_per_api_all_on_by_default() {
    let features = render::features(&spec());
    assert_eq!(
        features,
        "[features]\n\
         # One per API: each compiles that API's module. All on by default.\n\
         default = [\"banking\", \"helix\", \"payments\"]\n\
         banking = []\n\
         helix = []\n\
         payments = []\n"
    );
    let manifest = render::Crate::new("provider-api").unwrap().manifest(&spec());
    assert!(manifest.ends_with(&format!("\n\n{features}")), "{manifest}");
}

#[test]
fn the_committed_generated_manifest_carries_the_features_of_spec() {
    let manifest = std::fs::read_to_string("generated/Cargo.toml").unwrap();
    assert!(
        manifest.ends_with(&render::features(&spec())),
        "generated/Cargo.toml must end with the `[features]` table of `render::features` for spec/ \
         (one feature per API); it ends:\n{}",
        &manifest[manifest.len().saturating_sub(300)..]
    );
}

#[test]
fn each_api_module_is_behind_its_feature_and_nothing_else_is() {
    let lib: syn::File = syn::parse_file(&std::fs::read_to_string("generated/src/lib.rs").unwrap()).unwrap();
    let mut gated = Vec::new();
    for item in &lib.items {
        let syn::Item::Mod(m) = item else {
            panic!("lib.rs holds only the API modules, found {}", quote::quote!(#item));
        };
        let cfgs: Vec<String> = m
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .map(|a| a.meta.require_list().unwrap().tokens.to_string())
            .collect();
        assert_eq!(cfgs, [format!("feature = \"{}\"", m.ident)], "module {}", m.ident);
        gated.push(m.ident.to_string());
    }
    let apis: Vec<String> = spec().apis.iter().map(|a| a.name.clone()).collect();
    assert_eq!(gated, apis);
    // An API's module names no other API's: it compiles alone.
    for api in &apis {
        for file in std::fs::read_dir(Path::new("generated/src").join(api)).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for other in apis.iter().filter(|o| *o != api) {
                assert!(!text.contains(&format!("crate::{other}")), "{api} names crate::{other}");
            }
        }
    }
}

/// The macro's inline tree lands in a consumer's crate, whose features are its own: no
/// gate there.
#[test]
fn the_inline_tree_has_no_feature_gate() {
    let inline = mutaspec_core::emit::crate_inline(&spec()).to_string();
    assert!(!inline.contains("feature"), "{}", &inline[..200]);
}
