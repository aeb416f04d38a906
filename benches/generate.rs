//! Generation speed: load + resolve + emit + format, for `spec/` and for synthetic specs
//! of 100 and 1,000 endpoints (see `synth.rs`). Linear scaling means
//! time(1,000) / time(100) stays near 10. `format_synthetic` is the floor of this
//! design: parsing (`syn::parse_file`) and pretty-printing (`prettyplease`) the final
//! text of the same spec alone; `generate_synthetic` / `format_synthetic` in one run says
//! how much the rest of generation costs over formatting.
//!
//! Run: `cargo bench --bench generate`.

mod synth;

use std::path::Path;

fn main() {
    if let Ok(dir) = std::env::var("MUTASPEC_SYNTH_DIR") {
        for (path, text) in synth::endpoints(1000) {
            let p = Path::new(&dir).join(path);
            std::fs::create_dir_all(p.parent().expect("a parent")).expect("create the directory");
            std::fs::write(&p, text).expect("write the spec");
        }
    }
    divan::main();
}

fn render(files: &[(String, String)]) -> usize {
    rendered(files).len()
}

fn rendered(files: &[(String, String)]) -> mutaspec_core::render::Files {
    let texts: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    let loaded = mutaspec_core::load_texts(&texts).unwrap_or_else(|e| panic!("{}", e.render()));
    mutaspec_core::render::render_crate(&loaded.spec).expect("renders")
}

fn spec_dir() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![Path::new("spec").to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("spec/").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push((p.display().to_string(), std::fs::read_to_string(&p).expect("a spec file")));
            }
        }
    }
    files.sort();
    files
}

#[divan::bench(sample_count = 20)]
fn generate_spec_dir(b: divan::Bencher) {
    let files = spec_dir();
    b.bench(|| render(divan::black_box(&files)));
}

#[divan::bench(args = [100, 1000], sample_count = 5)]
fn generate_synthetic(b: divan::Bencher, n: usize) {
    let files = synth::endpoints(n);
    b.bench(|| render(divan::black_box(&files)));
}

/// Formatting alone: parse and pretty-print the generated text of the same spec (the
/// floor of generation, which formats its output once).
#[divan::bench(args = [100, 1000], sample_count = 5)]
fn format_synthetic(b: divan::Bencher, n: usize) {
    let texts: Vec<String> = rendered(&synth::endpoints(n)).into_values().collect();
    b.bench(|| {
        divan::black_box(&texts)
            .iter()
            .map(|t| prettyplease::unparse(&syn::parse_file(t).expect("generated code parses")).len())
            .sum::<usize>()
    });
}

/// The loading half alone (read, index, deserialize, resolve, check).
#[divan::bench(args = [100, 1000], sample_count = 5)]
fn load_synthetic(b: divan::Bencher, n: usize) {
    let files = synth::endpoints(n);
    let texts: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    b.bench(|| {
        mutaspec_core::load_texts(divan::black_box(&texts))
            .map(|l| l.spec.apis.len())
            .unwrap_or(0)
    });
}
