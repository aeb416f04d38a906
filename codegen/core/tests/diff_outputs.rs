//! The diff as a whole: snapshots of its three outputs, a spec compared with a reordered
//! and reformatted copy of itself, exit codes, and no panic on any pair of specs.
//!
//! `MUTASPEC_BLESS=1 cargo test -p mutaspec-core --test diff_outputs` rewrites the
//! snapshots in `tests/diff-snapshot/`; review the diff before committing it.

use std::path::{Path, PathBuf};

use mutaspec_core::diff::{self, Level, OutputFormat, Side};
use mutaspec_core::model::Spec;
use mutaspec_core::ops::{self, DiffOptions as Options};
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
    snapshot("expected.txt", &diff::render(&snapshot_changes(), OutputFormat::Text));
}

#[test]
fn markdown_snapshot() {
    snapshot("expected.md", &diff::render(&snapshot_changes(), OutputFormat::Markdown));
}

#[test]
fn json_snapshot_parses_and_matches_the_changes() {
    let changes = snapshot_changes();
    let text = diff::render(&changes, OutputFormat::Json);
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
    assert!(changes.is_empty(), "{}", diff::render(&changes, OutputFormat::Text));
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
    assert_eq!(diff::exit_code(&changes, Level::Breaking), 1);
    let infos: Vec<_> = changes.iter().filter(|c| c.severity() == Level::Info).cloned().collect();
    assert!(!infos.is_empty());
    assert_eq!(diff::exit_code(&infos, Level::Breaking), 0);
    assert_eq!(diff::exit_code(&infos, Level::Warning), 0);
    assert_eq!(diff::exit_code(&infos, Level::Info), 1);
    assert_eq!(diff::exit_code(&[], Level::Info), 0);
}

#[test]
fn run_reports_a_spec_that_does_not_load_with_exit_code_2() {
    let old = Side::Path(PathBuf::from("tests/diff-snapshot/old"));
    let missing = Side::Path(PathBuf::from("tests/diff-snapshot/missing"));
    let out = ops::diff(&old, &missing, Options::default());
    assert_eq!(out.exit, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("the new spec `tests/diff-snapshot/missing` does not load"),
        "{}",
        out.stderr
    );
    let same = ops::diff(&old, &old, Options::default());
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
            for f in [
                OutputFormat::Text,
                OutputFormat::Markdown,
                OutputFormat::Json,
                OutputFormat::Github,
                OutputFormat::Sarif,
                OutputFormat::Junit,
            ] {
                assert!(!diff::render(&changes, f).is_empty());
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

#[test]
fn github_snapshot() {
    snapshot("expected.github", &diff::render(&snapshot_changes(), OutputFormat::Github));
}

#[test]
fn sarif_snapshot_is_sarif_2_1_0_with_a_rule_per_rule_id() {
    let changes = snapshot_changes();
    let text = diff::render(&changes, OutputFormat::Sarif);
    snapshot("expected.sarif", &text);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "mutaspec");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), diff::RuleId::ALL.len());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), changes.len());
    for (r, c) in results.iter().zip(&changes) {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], c.rule.id());
        let level = match c.severity() {
            Level::Breaking => "error",
            Level::Warning => "warning",
            Level::Info => "note",
        };
        assert_eq!(r["level"], level);
        assert!(r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    }
}

#[test]
fn junit_snapshot_fails_what_reaches_fail_on() {
    let changes = snapshot_changes();
    let text = diff::render(&changes, OutputFormat::Junit);
    snapshot("expected.junit.xml", &text);
    let breaking = changes.iter().filter(|c| c.severity() == Level::Breaking).count();
    assert_eq!(text.matches("<failure ").count(), breaking);
    assert_eq!(text.matches("<testcase ").count(), changes.len());
    // One suite per API's shared part or endpoint: shop, shop/update_item, shop/update_seller.
    assert_eq!(text.matches("<testsuite ").count(), 3);
    let all = diff::render_with(&changes, OutputFormat::Junit, Level::Info);
    assert_eq!(all.matches("<failure ").count(), changes.len());
}

/// Spec text with `%`, line breaks, `::`, `,`, `<` and `&` (in an error message, and in the
/// file name) reaches the GitHub and JUnit outputs only escaped: it cannot end an
/// annotation, start another workflow command or open an XML element.
#[test]
fn spec_text_cannot_inject_workflow_commands_or_markup() {
    let api = |extra: &str| {
        format!(
            "api: shop\nhosts: {{ production: https://api.example.com }}\nauth: {{ scheme: basic }}\n\
             errors:\n  name: ShopError\n  codes:\n    - code: 70001\n      message: Plain.\n      check: server\n{extra}"
        )
    };
    let evil =
        "    - code: 70002\n      message: \"100% done,\\n::error file=x::pwned\\r\\n</failure><x a='1'>&amp;\"\n      check: server\n";
    let name = "dir,with:odd%/api.yaml";
    let load = |t: String| match mutaspec_core::load_texts(&[(name, t.as_bytes())]) {
        Ok(l) => l.spec,
        Err(e) => panic!("{}", e.render()),
    };
    let changes = diff::diff(&load(api("")), &load(api(evil)));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(
        changes[0].message.contains("::error file=x::pwned"),
        "the message holds the raw text"
    );

    let gh = diff::render(&changes, OutputFormat::Github);
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 2, "one annotation and the summary:\n{gh}");
    assert!(lines.iter().filter(|l| l.starts_with("::")).count() == 1, "{gh}");
    assert_eq!(
        lines[0],
        "::notice file=dir%2Cwith%3Aodd%25/api.yaml,line=10,col=13,title=info[error-added] shop::new error code 70002: \
         `100%25 done, ::error file=x::pwned  </failure><x a='1'>&amp;`"
    );
    // An accept file's reason is free text too, line breaks included.
    let mut accepted = changes.clone();
    accepted[0].accepted = Some(diff::Acceptance {
        severity: Some(Level::Breaking),
        reason: "ok\n::error title=a,b::injected\r\n50%".into(),
        entry: mutaspec_core::diag::Loc::file_start(std::sync::Arc::from(Path::new("a:b,c.yaml"))),
    });
    let gh = diff::render(&accepted, OutputFormat::Github);
    assert_eq!(gh.lines().count(), 2, "{gh}");
    assert!(!gh.contains('\r'));
    assert_eq!(
        gh.lines().next(),
        Some(
            "::error file=dir%2Cwith%3Aodd%25/api.yaml,line=10,col=13,title=breaking[error-added] shop::new error code 70002: \
             `100%25 done, ::error file=x::pwned  </failure><x a='1'>&amp;` (re-graded from info: \
             ok%0A::error title=a,b::injected%0D%0A50%25 (a:b,c.yaml:1:1))"
        )
    );
    let xml = diff::render(&accepted, OutputFormat::Junit);
    assert!(xml.contains("ok&#10;::error title=a,b::injected&#13;&#10;50%"), "{xml}");

    let xml = diff::render_with(&changes, OutputFormat::Junit, Level::Info);
    assert!(!xml.contains("</failure><x"), "{xml}");
    assert!(!xml.contains("<x "), "{xml}");
    assert!(xml.contains("&lt;/failure&gt;&lt;x a=&apos;1&apos;&gt;&amp;amp;"), "{xml}");
    assert!(xml.contains("file=\"dir,with:odd%/api.yaml\""), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 1);

    let sarif: serde_json::Value = serde_json::from_str(&diff::render(&changes, OutputFormat::Sarif)).expect("JSON");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["message"]["text"], changes[0].message.as_str());
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "dir%2Cwith%3Aodd%25/api.yaml"
    );
}

/// A temporary accept file, removed on drop.
struct AcceptFile(PathBuf);

impl AcceptFile {
    fn new(name: &str, text: &str) -> AcceptFile {
        let dir = std::env::temp_dir().join(format!("mutaspec-accept-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("accept.yaml");
        std::fs::write(&path, text).expect("write accept file");
        AcceptFile(path)
    }
}

impl Drop for AcceptFile {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

fn run_with(accept: &AcceptFile, format: OutputFormat, fail_on: Level) -> mutaspec_core::ops::Outcome {
    let side = |s: &str| Side::Path(PathBuf::from(format!("tests/diff-snapshot/{s}")));
    let options = Options {
        format,
        fail_on,
        accept: Some(accept.0.clone()),
    };
    ops::diff(&side("old"), &side("new"), options)
}

/// Every breaking change of the snapshot accepted or re-graded: exit 0, each still shown.
const ACCEPT_ALL_BREAKING: &str = "\
# reviewed in the release of 2.0
accept:
  - rule: error-renumbered
    scope: shop
    reason: 70002 was a duplicate of 70003
  - rule: rule-tightened
    scope: shop/update_item
    subject: externalId
    reason: set at creation since 2.0
  - rule: constraint-tightened
    scope: shop/update_item
    severity: warning
    reason: zip codes have 9 characters at most anyway
  - rule: constraint-tightened
    scope: shop/update_seller
    subject: address.zip
    severity: info
    reason: as for items
";

#[test]
fn accepted_breaking_changes_exit_0_and_still_show() {
    let file = AcceptFile::new("all", ACCEPT_ALL_BREAKING);
    let out = run_with(&file, OutputFormat::Text, Level::Breaking);
    assert_eq!(out.exit, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stderr, "", "no stale entry");
    assert!(out.stdout.contains(
        "accepted[rule-tightened] shop/update_item: `externalId` is now not updatable (was set-once): requests can no longer send it\n  \
         --> tests/diff-snapshot/new/update_item.yaml:10:3\n  = accepted (breaking): set at creation since 2.0 ("
    ), "{}", out.stdout);
    assert!(out.stdout.contains("accept.yaml:6:5)\n"), "the entry's place:\n{}", out.stdout);
    assert!(out
        .stdout
        .contains("warning[constraint-tightened] shop/update_item: constraint on `shipping.to.zip`"));
    assert!(out
        .stdout
        .contains("  = re-graded from breaking: zip codes have 9 characters at most anyway ("));
    assert!(out.stdout.contains("info[constraint-tightened] shop/update_seller"));
    assert!(
        out.stdout.ends_with("10 changes: 0 breaking, 4 warnings, 4 info, 2 accepted\n"),
        "{}",
        out.stdout
    );
    // Re-graded to warnings: they fail --fail-on warning.
    assert_eq!(run_with(&file, OutputFormat::Text, Level::Warning).exit, 1);

    let json = run_with(&file, OutputFormat::Json, Level::Breaking);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["summary"]["accepted"], 2);
    assert_eq!(doc["summary"]["breaking"], 0);
    let accepted: Vec<&serde_json::Value> = doc["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| !c["accepted"].is_null())
        .collect();
    assert_eq!(accepted.len(), 5);
    assert_eq!(accepted[0]["severity"], "breaking", "severity stays the rule id's");

    let sarif = run_with(&file, OutputFormat::Sarif, Level::Breaking);
    assert_eq!(sarif.stdout.matches("\"suppressions\"").count(), 2);
    let junit = run_with(&file, OutputFormat::Junit, Level::Breaking);
    assert_eq!(junit.stdout.matches("<failure ").count(), 0);
    assert_eq!(junit.stdout.matches("<skipped ").count(), 2);
    let github = run_with(&file, OutputFormat::Github, Level::Breaking);
    assert!(!github.stdout.lines().any(|l| l.starts_with("::error ")), "{}", github.stdout);
    assert_eq!(github.stdout.lines().filter(|l| l.starts_with("::warning ")).count(), 4);
}

#[test]
fn a_stale_accept_entry_is_a_located_warning() {
    let file = AcceptFile::new(
        "stale",
        "accept:\n  - rule: rule-tightened\n    scope: shop/update_item\n    subject: externalId\n    reason: reviewed\n\
         \x20 - rule: field-removed\n    scope: shop/update_item\n    subject: gone\n    reason: was never used\n",
    );
    let out = run_with(&file, OutputFormat::Text, Level::Breaking);
    assert_eq!(out.exit, 1, "the other breaking changes still fail");
    assert!(
        out.stderr
            .contains("warning[stale-accept-entry]: stale accept entry: no `field-removed` change in `shop/update_item` on `gone`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("accept.yaml:6:5"), "{}", out.stderr);
    assert!(out.stderr.contains("0 error(s), 1 warning(s)"), "{}", out.stderr);
}

#[test]
fn a_bad_accept_file_is_every_located_error_and_exit_2() {
    let file = AcceptFile::new(
        "bad",
        "accept:\n  - rule: rule-tightend\n    scope: shop/update_item\n    reason: reviewed\n    sevrity: info\n\
         \x20 - rule: field-removed\n    scope: shop\n    severity: fatal\n  - rule: field-added\n    scope: shop\n    reason: ''\n\
         extra: 1\n",
    );
    let out = run_with(&file, OutputFormat::Text, Level::Breaking);
    assert_eq!(out.exit, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let e = &out.stderr;
    for expected in [
        "unknown rule id `rule-tightend`",
        "did you mean `rule-tightened`?",
        "unknown key `sevrity` in an accept entry",
        "did you mean `severity`?",
        "unknown severity `fatal`",
        "this accept entry has no `reason:`",
        "the reason is empty",
        "unknown key `extra` in the accept file",
        "accept.yaml:2:11",
        "accept.yaml:5:5",
        "accept.yaml:8:15",
        "accept.yaml:6:5",
        "accept.yaml:11:13",
        "accept.yaml:12:1",
        "6 error(s), 0 warning(s)",
    ] {
        assert!(e.contains(expected), "missing `{expected}` in:\n{e}");
    }
    let missing = AcceptFile::new("missing", "");
    let gone = missing.0.with_file_name("nope.yaml");
    let options = Options {
        accept: Some(gone),
        ..Options::default()
    };
    let side = Side::Path(PathBuf::from("tests/diff-snapshot/old"));
    let out = ops::diff(&side, &side, options);
    assert_eq!(out.exit, 2);
    assert!(out.stderr.contains("nope.yaml"), "{}", out.stderr);
}
