//! Seed 003's error table is in the spec byte for byte: every code, every message.

use mutaspec_core::model::ErrorCatalog;

/// The rows of seed 003's table: `(code or range, message + notes as printed)`.
fn seed_rows() -> Vec<(String, String)> {
    let text = std::fs::read_to_string("tests/fixtures/seeds/003_c98104f1cc968f9b.txt").expect("seed 003");
    let table = text.split("CodeMessage (en-US)Notes\n").nth(1).expect("table header");
    let table = table.split("\nLanguage\n").next().expect("table end");
    table
        .lines()
        .map(|line| {
            let digits = line
                .find(|c: char| !c.is_ascii_digit() && c != '-')
                .expect("a message after the code");
            (line[..digits].to_owned(), line[digits..].to_owned())
        })
        .collect()
}

fn catalog() -> ErrorCatalog {
    let loaded = mutaspec_core::load(std::path::Path::new("spec")).unwrap_or_else(|e| panic!("{}", e.render()));
    let api = loaded.spec.apis.iter().find(|a| a.name == "helix").expect("api helix");
    api.errors.clone().expect("helix has an error catalogue")
}

#[test]
fn the_shipped_seed_copy_matches_the_shared_seed_when_present() {
    let shared = std::path::Path::new("../shared/seeds/003_c98104f1cc968f9b.txt");
    if let Ok(original) = std::fs::read(shared) {
        assert_eq!(original, std::fs::read("tests/fixtures/seeds/003_c98104f1cc968f9b.txt").unwrap());
    }
}

#[test]
fn every_row_of_seed_003_is_in_the_spec_byte_for_byte() {
    let rows = seed_rows();
    assert_eq!(rows.len(), 30, "seed 003 has 30 rows");
    let cat = catalog();
    for (code, printed) in &rows {
        if let Some((from, to)) = code.split_once('-') {
            let common = cat.common.as_ref().expect("a common range");
            assert_eq!((common.from.to_string(), common.to.to_string()), (from.to_owned(), to.to_owned()));
            let spec = format!("{}{}", common.message, common.notes.as_deref().unwrap_or(""));
            assert_eq!(&spec, printed, "range {code}");
            continue;
        }
        let c = cat
            .codes
            .iter()
            .find(|c| c.code.to_string() == *code)
            .unwrap_or_else(|| panic!("code {code} missing from the spec"));
        // The seed prints message and notes run together.
        let spec = format!("{}{}", c.message, c.notes.as_deref().unwrap_or(""));
        assert_eq!(&spec, printed, "code {code}");
    }
    assert_eq!(cat.codes.len(), rows.len() - 1, "the spec has codes the seed does not");
}

#[test]
fn server_only_codes_are_the_ones_a_client_cannot_check() {
    let cat = catalog();
    let server: Vec<u32> = cat.codes.iter().filter(|c| c.server_only).map(|c| c.code).collect();
    assert_eq!(server, vec![60303, 60305]);
    let tag = cat.codes.iter().find(|c| c.code == 60303).unwrap();
    assert_eq!(tag.params, vec![("0".to_owned(), "tag".to_owned())]);
}
