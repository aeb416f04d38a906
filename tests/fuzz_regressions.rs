//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) and every crash the fuzzers found
//! (`fuzz/regressions/<target>/`) through the fuzz targets' own bodies, on stable, in
//! every test run.

#[allow(dead_code)]
mod harness {
    include!("../fuzz/harness.rs");
}

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(format!("fuzz/{dir}/{target}")) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && !p.ends_with(".keep"))
            .collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "fuzz target {target} panics on {}", file.display());
            n += 1;
        }
    }
    n
}

#[test]
fn load_bytes_corpus_and_regressions() {
    assert!(replay("load_bytes", harness::load_bytes) >= 70);
}

#[test]
fn load_mutated_corpus_and_regressions() {
    assert!(replay("load_mutated", harness::load_mutated) >= 1);
}

#[test]
fn validate_json_corpus_and_regressions() {
    assert!(replay("validate_json", harness::validate_json) >= 8);
}

#[test]
fn context_json_corpus_and_regressions() {
    assert!(replay("context_json", harness::context_json) >= 8);
}
