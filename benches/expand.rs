//! The proc-macro's own work, in process: `include_spec!` of each API of `spec/` (load,
//! resolve, emit the inline tree) and the expansion's text, against which
//! `scripts/measure-expansion.sh` measures compiling that output. (In a real expansion
//! the tokens also cross the proc-macro bridge; the script's figure includes that.)
//!
//! Run: `cargo bench --bench expand`. With `MUTASPEC_EXPAND_OUT=FILE`, writes the
//! expansions of the three `include_spec!` calls of examples/consumer to FILE first.

use std::path::Path;

use quote::quote;

const APIS: [&str; 3] = ["spec/banking", "spec/payments", "spec/helix"];

fn main() {
    if let Ok(out) = std::env::var("MUTASPEC_EXPAND_OUT") {
        // Printed tokens lose their spans: rustc lints the braces of the printed text as
        // written by hand, which it does not do for a macro's output.
        let mut text =
            String::from("// The expansions of include_spec! for spec/banking, spec/payments and spec/helix.\n#![allow(unused_braces)]\n");
        for api in APIS {
            text.push_str(&expand(api).to_string());
            text.push('\n');
        }
        std::fs::write(&out, text).expect("write the expansion");
    }
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn expand(api: &str) -> proc_macro2::TokenStream {
    mutaspec_core::expand::include_spec_in(quote! { #api }, root())
}

/// The three `include_spec!` calls of the example consumer, one after the other.
#[divan::bench(sample_count = 20)]
fn include_spec_three_apis() -> usize {
    APIS.iter().map(|api| expand(divan::black_box(api)).into_iter().count()).sum()
}

/// The text of the expansion, as rustc receives it through the bridge (a measure of
/// its size: tokens are converted one by one).
#[divan::bench(sample_count = 20)]
fn include_spec_to_string() -> usize {
    APIS.iter().map(|api| expand(divan::black_box(api)).to_string().len()).sum()
}

/// The loading half alone (read, parse, resolve, check): the rest of an expansion is
/// emitting the inline tree.
#[divan::bench(sample_count = 20)]
fn load_three_apis() -> usize {
    APIS.iter()
        .map(|api| mutaspec_core::load(&root().join(divan::black_box(api))).map_or(0, |l| l.spec.apis.len()))
        .sum()
}
