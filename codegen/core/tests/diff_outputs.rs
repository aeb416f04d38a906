//! The diff as a whole: snapshots of its three outputs, a spec compared with a reordered
//! and reformatted copy of itself, exit codes, and no panic on any pair of specs.
//!
//! `MUTASPEC_BLESS=1 cargo test -p mutaspec-core --test diff_outputs` rewrites the
//! snapshots in `tests/diff-snapshot/`; review the diff before committing it.

use std::path::{Path, PathBuf};

use mutaspec_core::diff::{self, Format, Options, Severity, Side};
use mutaspec_core::model::Spec;
use serde_yaml::Value;

fn load(dir: &Path) -> Spec {
    match mutaspec_core::load(dir) {
        Ok(l) => l.spec,
        Err(e) => panic!("{} does not load:\n{}", dir.display(), e.render()),
    }
}

fn snapshot(name: &str, actual: &str) {
    let path = Path::new("tests/diff-snapshot").join(name);
    if std::env::var_os("MUTASPEC_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(expected == actual, "{name} differs (MUTASPEC_BLESS=1 to accept):\n{actual}");
}

fn snapshot_changes() -> Vec<diff::Change> {
    let dir = Path::new("tests/diff-snapshot");
    diff::diff(&load(&dir.join("old")), &load(&dir.join("new")))
}

#[test]
fn text_snapshot() {
    snapshot("expected.txt", &diff::render::render(&snapshot_changes(), Format::Text));
}

#[test]
fn markdown_snapshot() {
    snapshot("expected.md", &diff::render::render(&snapshot_changes(), Format::Markdown));
}

#[test]
fn json_snapshot_parses_and_matches_the_changes() {
    let changes = snapshot_changes();
    let text = diff::render::render(&changes, Format::Json);
    snapshot("expected.json", &text);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["schema"], "mutaspec-diff/1");
    assert_eq!(doc["summary"]["total"], changes.len());
    assert_eq!(doc["changes"].as_array().map(Vec::len), Some(changes.len()));
}

#[test]
fn a_shared_type_reports_at_each_path_and_an_inline_rename_is_no_change() {
    let changes = snapshot_changes();
    let zips: Vec<String> = changes
        .iter()
        .filter(|c| c.subject.ends_with("zip"))
        .map(|c| c.scope() + " " + &c.subject)
        .collect();
    assert_eq!(
        zips,
        [
            "shop/update_item shipping.to.zip",
            "shop/update_item shipping.from.zip",
            "shop/update_seller address.zip"
        ]
    );
}

/// Every mapping and sequence in reverse order, re-serialized by serde_yaml (no comments,
/// block style, its own quoting).
fn reversed(v: Value) -> Value {
    match v {
        Value::Mapping(m) => {
            let entries: Vec<(Value, Value)> = m.into_iter().collect();
            Value::Mapping(entries.into_iter().rev().map(|(k, v)| (k, reversed(v))).collect())
        }
        Value::Sequence(s) => Value::Sequence(s.into_iter().rev().map(reversed).collect()),
        other => other,
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read spec dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(p);
        }
    }
}

#[test]
fn reordering_and_reformatting_the_real_spec_reports_nothing() {
    let spec = Path::new("../../spec");
    let tmp = std::env::temp_dir().join(format!("mutaspec-diff-reorder-{}", std::process::id()));
    let mut files = Vec::new();
    yaml_files(spec, &mut files);
    assert!(files.len() >= 3, "the real spec has files");
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read spec file");
        let value: Value = serde_yaml::from_str(&text).expect("parse spec file");
        let out = serde_yaml::to_string(&reversed(value)).expect("serialize");
        assert_ne!(out, text, "{} was not reformatted", f.display());
        let rel = f.strip_prefix(spec).expect("under spec");
        // Reversed directory order too: `zz-` sorts the file first or last, whatever it was.
        let target = tmp.join(format!("zz-{}", rel.display()).replace('/', "-"));
        std::fs::create_dir_all(&tmp).expect("temp dir");
        std::fs::write(target, out).expect("write");
    }
    let (old, new) = (load(spec), mutaspec_core::load(&tmp).map(|l| l.spec));
    let _ = std::fs::remove_dir_all(&tmp);
    let new = new.unwrap_or_else(|e| panic!("the reordered spec does not load:\n{}", e.render()));
    let changes = diff::diff(&old, &new);
    assert!(changes.is_empty(), "{}", diff::render::render(&changes, Format::Text));
    assert!(diff::diff(&new, &old).is_empty());
}

#[test]
fn dotted_and_nested_paths_flow_and_block_style_are_the_same_spec() {
    let head = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items/{id}\nparams: { id: { type: integer } }\n\
                hosts: { production: https://api.example.com }\nauth: { scheme: basic }\nresponse: { status: 204 }\n";
    let dotted = format!(
        "{head}body:\n  configuration.sweep.minBalance: {{ type: decimal, min: \"0\" }}\n  configuration.sweep.enable: boolean\n  \
         cards[].id: string\n"
    );
    let nested = format!(
        "{head}body:\n  cards:\n    type: object[]\n    name: Card\n    fields:\n      id:\n        type: string\n  configuration:\n    \
         name: Config\n    fields:\n      sweep:\n        fields:\n          enable: boolean\n          minBalance:\n            type: decimal\n            \
         min: '0'\n"
    );
    let load = |t: &str| match mutaspec_core::load_texts(&[("s.yaml", t.as_bytes())]) {
        Ok(l) => l.spec,
        Err(e) => panic!("{}", e.render()),
    };
    let (a, b) = (load(&dotted), load(&nested));
    assert_ne!(a, b, "the models differ (inline type names, order)");
    assert!(diff::diff(&a, &b).is_empty(), "{:?}", diff::diff(&a, &b));
}

#[test]
fn the_real_spec_has_no_change_against_itself() {
    let spec = load(Path::new("../../spec"));
    assert!(diff::diff(&spec, &spec).is_empty());
}

#[test]
fn exit_codes_follow_fail_on() {
    let changes = snapshot_changes();
    assert_eq!(diff::exit_code(&changes, Severity::Breaking), 1);
    let infos: Vec<_> = changes.iter().filter(|c| c.severity() == Severity::Info).cloned().collect();
    assert!(!infos.is_empty());
    assert_eq!(diff::exit_code(&infos, Severity::Breaking), 0);
    assert_eq!(diff::exit_code(&infos, Severity::Warning), 0);
    assert_eq!(diff::exit_code(&infos, Severity::Info), 1);
    assert_eq!(diff::exit_code(&[], Severity::Info), 0);
}

#[test]
fn run_reports_a_spec_that_does_not_load_with_exit_code_2() {
    let old = Side::Path(PathBuf::from("tests/diff-snapshot/old"));
    let missing = Side::Path(PathBuf::from("tests/diff-snapshot/missing"));
    let out = diff::run(&old, &missing, Options::default());
    assert_eq!(out.exit, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("the new spec `tests/diff-snapshot/missing` does not load"),
        "{}",
        out.stderr
    );
    let same = diff::run(&old, &old, Options::default());
    assert_eq!((same.exit, same.stdout.as_str()), (0, "no changes\n"));
}

#[test]
fn sides_parse_paths_revisions_and_rev_paths() {
    let spec = Path::new("spec");
    assert_eq!(Side::parse("tests", spec), Side::Path(PathBuf::from("tests")));
    let git = |rev: &str, dir: &str| Side::Git {
        rev: rev.into(),
        dir: PathBuf::from(dir),
    };
    assert_eq!(Side::parse("main", spec), git("main", "spec"));
    assert_eq!(Side::parse("HEAD~1:other/spec", spec), git("HEAD~1", "other/spec"));
    assert_eq!(Side::parse("main:", spec), git("main", "spec"));
}

/// Every pair of specs the tests hold, in both directions: the diff never panics.
#[test]
fn no_panic_on_any_pair_of_specs() {
    let mut specs = vec![load(Path::new("../../spec"))];
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/diff-cases")
        .expect("cases")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for d in dirs {
        specs.push(load(&d.join("old")));
        specs.push(load(&d.join("new")));
    }
    for a in &specs {
        for b in &specs {
            let changes = diff::diff(a, b);
            for f in [Format::Text, Format::Markdown, Format::Json] {
                assert!(!diff::render::render(&changes, f).is_empty());
            }
        }
    }
}

fn load_text(text: &str) -> Spec {
    match mutaspec_core::load_texts(&[("s.yaml", text.as_bytes())]) {
        Ok(l) => l.spec,
        Err(e) => panic!("{}", e.render()),
    }
}

const HEAD: &str = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items/{id}\nparams: { id: { type: integer } }\n\
                    hosts: { production: https://api.example.com }\nauth: { scheme: basic }\nresponse: { status: 204 }\n";

/// A recursive type is followed until it repeats: the change is reported once per path
/// reached before that, and the walk ends.
#[test]
fn recursive_types_terminate() {
    let spec = |max: u32| {
        load_text(&format!(
            "{HEAD}types:\n  Node:\n    fields:\n      label: {{ type: string, max_length: {max} }}\n      children: Node[]\n\
             body:\n  root: Node\n"
        ))
    };
    let changes = diff::diff(&spec(10), &spec(5));
    let subjects: Vec<&str> = changes.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["root.label"]);
}

/// Paths step into array items with `[]` and map values with `{}`; a changed shape is one
/// `type-changed`, without the merge mode its new default brings.
#[test]
fn paths_through_arrays_and_maps_and_one_change_per_reshaped_field() {
    let spec = |t: &str, zip: u32| {
        load_text(&format!(
            "{HEAD}types:\n  Address:\n    fields:\n      zip: {{ type: string, max_length: {zip} }}\n\
             body:\n  homes: Address[]\n  byName: map<Address>\n  main: {t}\n"
        ))
    };
    let changes = diff::diff(&spec("Address", 10), &spec("Address[]", 9));
    let got: Vec<(&str, &str)> = changes.iter().map(|c| (c.rule.id(), c.subject.as_str())).collect();
    assert_eq!(
        got,
        [
            ("constraint-tightened", "homes[].zip"),
            ("constraint-tightened", "byName{}.zip"),
            ("type-changed", "main"),
        ]
    );
    assert_eq!(changes[2].message, "`main` changed type from `Address` to `Address[]`");
}
