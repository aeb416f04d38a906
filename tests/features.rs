//! Feature cases: for each capability of the spec format, a spec, payloads, current
//! snapshots and settings, and the exact violations expected (`tests/features/README.md`).
//!
//! Every case runs twice: through the evaluator behind `mutaspec validate`, and through
//! the validators generated from the same spec, compiled in a scratch crate (all
//! features' specs in one crate, one API per feature). Both must find exactly the
//! expected violations, so a case also shows that the two back ends agree on it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

mod common;

const FEATURES: &str = "tests/features";

/// One case of a feature's `cases.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case shows.
    name: String,
    /// `<api>::<endpoint>`.
    endpoint: String,
    /// The request body.
    payload: Value,
    /// The current resource's snapshot (`--current`), if any.
    #[serde(default)]
    current: Option<Value>,
    /// The program settings (`--settings`), if any.
    #[serde(default)]
    settings: Option<Value>,
    /// The violations, in order: `<path> <rule>` or `<path> <rule> <code>`; `.` is the
    /// request itself.
    #[serde(default)]
    expect: Vec<String>,
    /// The payload (or snapshot, or settings) does not fit the generated types: both the
    /// evaluator and serde refuse it before any check runs.
    #[serde(default)]
    refused: bool,
    /// When given: the JSON paths of the fields the payload sends that the provider
    /// ignores (`rule: ignored`), in order: the evaluator's notices and the generated
    /// `ignored_fields()` must both be exactly these.
    #[serde(default)]
    ignored: Option<Vec<String>>,
    /// When given: the side effects sending the payload may trigger, by spec name, in
    /// the API's order: the evaluator's and the generated `side_effects()` (with a
    /// snapshot, `side_effects_with(&current)`) must both be exactly these.
    #[serde(default)]
    effects: Option<Vec<String>>,
    /// When given: the checks not made because the snapshot lacks what they read, as
    /// `<path> <rule> <current field>`: the evaluator's `unchecked` and the generated
    /// `unchecked(current, settings)` must both be exactly these.
    #[serde(default)]
    unchecked: Option<Vec<String>>,
}

struct Feature {
    name: String,
    dir: PathBuf,
    cases: Vec<Case>,
}

fn features() -> Vec<Feature> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(FEATURES)
        .expect("tests/features")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(dir.join("cases.yaml")).unwrap_or_else(|e| panic!("{name}/cases.yaml: {e}"));
        let cases: Vec<Case> = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name}/cases.yaml: {e}"));
        assert!(!cases.is_empty(), "{name}/cases.yaml has no case");
        out.push(Feature { name, dir, cases });
    }
    assert!(!out.is_empty(), "no feature under {FEATURES}");
    out
}

/// A violation as the cases write it.
fn line(path: &str, rule: &str, code: Option<u32>) -> String {
    let path = if path.is_empty() { "." } else { path };
    match code {
        Some(c) => format!("{path} {rule} {c}"),
        None => format!("{path} {rule}"),
    }
}

/// Each feature's spec loads, names one API after the feature, and every case's
/// evaluation finds exactly the expected violations.
#[test]
fn the_evaluator_finds_exactly_the_expected_violations() {
    let mut failures = Vec::new();
    for f in features() {
        let loaded = mutaspec_core::load(&f.dir.join("spec")).unwrap_or_else(|e| panic!("{}:\n{}", f.name, e.render()));
        let api_name = f.name.replace('-', "_");
        for api in &loaded.spec.apis {
            assert_eq!(
                api.name, api_name,
                "feature `{}`: its spec's API must be named `{api_name}`",
                f.name
            );
        }
        for c in &f.cases {
            let Some((api, ep)) = loaded.spec.endpoint(&c.endpoint) else {
                failures.push(format!("{} / {}: no endpoint `{}`", f.name, c.name, c.endpoint));
                continue;
            };
            let plan = mutaspec_core::plan::endpoint(api, ep);
            if let Some(expected) = &c.ignored {
                let ev = mutaspec_core::eval::Evaluator::new(api, ep, &plan, c.current.as_ref(), c.settings.as_ref());
                match ev.and_then(|e| e.ignored(&c.payload)) {
                    Ok(got) if got == *expected => {}
                    other => failures.push(format!("{} / {}: expected ignored {expected:?}, found {other:?}", f.name, c.name)),
                }
            }
            if let Some(expected) = &c.effects {
                let ev = mutaspec_core::eval::Evaluator::new(api, ep, &plan, c.current.as_ref(), c.settings.as_ref());
                match ev.and_then(|e| e.side_effects(&c.payload)) {
                    Ok(got) if got == *expected => {}
                    other => failures.push(format!("{} / {}: expected effects {expected:?}, found {other:?}", f.name, c.name)),
                }
            }
            if let Some(expected) = &c.unchecked {
                let ev = mutaspec_core::eval::Evaluator::new(api, ep, &plan, c.current.as_ref(), c.settings.as_ref());
                match ev.and_then(|e| e.unchecked(&c.payload)) {
                    Ok(got) => {
                        let got: Vec<String> = got.iter().map(|u| format!("{} {} {}", u.path, u.rule.as_str(), u.reads)).collect();
                        if got != *expected {
                            failures.push(format!("{} / {}: expected unchecked {expected:?}, found {got:?}", f.name, c.name));
                        }
                    }
                    Err(e) => failures.push(format!("{} / {}: refused: {e}", f.name, c.name)),
                }
            }
            let found = mutaspec_core::eval::evaluate(api, ep, &plan, &c.payload, c.current.as_ref(), c.settings.as_ref());
            match (found, c.refused) {
                (Ok(v), false) => {
                    let got: Vec<String> = v.iter().map(|x| line(&x.path, x.rule.as_str(), x.code)).collect();
                    if got != c.expect {
                        failures.push(format!("{} / {}: expected {:#?}\nfound {:#?}", f.name, c.name, c.expect, got));
                    }
                }
                (Err(_), true) => {}
                (Ok(v), true) => failures.push(format!("{} / {}: expected a refusal, found {v:?}", f.name, c.name)),
                (Err(e), false) => failures.push(format!("{} / {}: refused: {e}", f.name, c.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A Rust string literal of `v`'s JSON text.
fn json_lit(v: &Value) -> String {
    format!("{:?}", serde_json::to_string(v).unwrap())
}

fn opt_json_lit(v: Option<&Value>) -> String {
    v.map_or_else(|| "None".to_owned(), |v| format!("Some({})", json_lit(v)))
}

/// The generated validators find exactly the expected violations too.
#[test]
fn the_generated_validators_find_exactly_the_expected_violations() {
    let features = features();
    let root = common::temp_dir("features");
    let spec = root.join("spec");
    let krate = root.join("crate");
    for f in &features {
        copy_dir(&f.dir.join("spec"), &spec.join(&f.name));
    }
    let outcome = mutaspec_core::ops::generate(&spec, &krate);
    assert_eq!(outcome.exit, 0, "{}", outcome.stderr);
    common::write_scratch_manifest(&krate, "features", &spec);

    let loaded = mutaspec_core::load(&spec).unwrap_or_else(|e| panic!("{}", e.render()));
    let mut tests = String::from(HARNESS);
    let mut seen = BTreeSet::new();
    for f in &features {
        for (i, c) in f.cases.iter().enumerate() {
            let (api, ep) = loaded.spec.endpoint(&c.endpoint).expect("checked by the evaluator test");
            let module = format!("features::{}::{}", api.name, ep.name);
            let (request, current) = (ep.request_name(), ep.current_name());
            let test = format!("{}_{i}", f.name.replace('-', "_"));
            assert!(seen.insert(test.clone()));
            let expected = if c.refused {
                "None".to_owned()
            } else {
                let lines: Vec<String> = c.expect.iter().map(|l| format!("{l:?}")).collect();
                format!("Some(&[{}][..])", lines.join(", "))
            };
            let _ = writeln!(
                tests,
                "#[test]\nfn {test}() {{\n    check::<{module}::{request}, {module}::{current}, features::{api}::ProgramSettings>({name:?}, {payload}, {current_json}, {settings}, {expected}, <{module}::{request}>::validate_with);\n}}\n",
                api = api.name,
                name = c.name,
                payload = json_lit(&c.payload),
                current_json = opt_json_lit(c.current.as_ref()),
                settings = opt_json_lit(c.settings.as_ref()),
            );
            if let Some(unchecked) = &c.unchecked {
                let lines: Vec<String> = unchecked.iter().map(|l| format!("{l:?}")).collect();
                let _ = writeln!(
                    tests,
                    "#[test]\nfn {test}_unchecked() {{\n    check_unchecked::<{module}::{request}, {module}::{current}, features::{api}::ProgramSettings>({name:?}, {payload}, {current_json}, {settings}, &[{lines}], <{module}::{request}>::unchecked);\n}}\n",
                    api = api.name,
                    name = c.name,
                    payload = json_lit(&c.payload),
                    current_json = opt_json_lit(c.current.as_ref()),
                    settings = opt_json_lit(c.settings.as_ref()),
                    lines = lines.join(", "),
                );
            }
            if let Some(effects) = &c.effects {
                let names: Vec<String> = effects.iter().map(|l| format!("{l:?}")).collect();
                let _ = writeln!(
                    tests,
                    "#[test]\nfn {test}_effects() {{\n    check_effects::<{module}::{request}, {module}::{current}, _>({name:?}, {payload}, {current_json}, &[{names}], <{module}::{request}>::side_effects, <{module}::{request}>::side_effects_with);\n}}\n",
                    name = c.name,
                    payload = json_lit(&c.payload),
                    current_json = opt_json_lit(c.current.as_ref()),
                    names = names.join(", "),
                );
            }
            if let Some(ignored) = &c.ignored {
                let paths: Vec<String> = ignored.iter().map(|l| format!("{l:?}")).collect();
                let _ = writeln!(
                    tests,
                    "#[test]\nfn {test}_ignored() {{\n    check_ignored::<{module}::{request}>({name:?}, {payload}, &[{paths}], <{module}::{request}>::ignored_fields);\n}}\n",
                    name = c.name,
                    payload = json_lit(&c.payload),
                    paths = paths.join(", "),
                );
            }
        }
    }
    fs::create_dir_all(krate.join("tests")).unwrap();
    fs::write(krate.join("tests/cases.rs"), tests).unwrap();
    let out = common::cargo_in(&krate, "features", &["test", "--offline", "--quiet", "--test", "cases"], &[]);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the generated validators disagree with the cases:\n{text}");
    let _ = fs::remove_dir_all(&root);
}

/// The scratch crate's test harness: a case deserialized into the generated types and
/// validated with them.
const HARNESS: &str = r#"//! Generated by tests/features.rs: every feature case through the generated validators.
#![allow(clippy::type_complexity)]

use mutaspec_runtime::serde::de::DeserializeOwned;
use mutaspec_runtime::serde_json;

fn line(v: &mutaspec_runtime::Violation) -> String {
    let path = if v.path.is_empty() { "." } else { v.path.as_str() };
    match v.code {
        Some(c) => format!("{path} {} {c}", v.rule.as_str()),
        None => format!("{path} {}", v.rule.as_str()),
    }
}

fn check<R: DeserializeOwned, C: DeserializeOwned, S: DeserializeOwned>(
    name: &str,
    payload: &str,
    current: Option<&str>,
    settings: Option<&str>,
    expected: Option<&[&str]>,
    validate: fn(&R, Option<&C>, Option<&S>) -> Result<(), mutaspec_runtime::Violations>,
) {
    let body = serde_json::from_str::<R>(payload);
    let current = current.map(serde_json::from_str::<C>).transpose();
    let settings = settings.map(serde_json::from_str::<S>).transpose();
    let (Ok(body), Ok(current), Ok(settings)) = (body, current, settings) else {
        assert!(expected.is_none(), "{name}: the generated types refuse the case");
        return;
    };
    let Some(expected) = expected else {
        panic!("{name}: expected a refusal, the generated types accept the case");
    };
    let found: Vec<String> = match validate(&body, current.as_ref(), settings.as_ref()) {
        Ok(()) => Vec::new(),
        Err(v) => v.iter().map(line).collect(),
    };
    assert_eq!(found, expected, "{name}");
}

fn check_effects<R: DeserializeOwned, C: DeserializeOwned, E: std::fmt::Display>(
    name: &str,
    payload: &str,
    current: Option<&str>,
    expected: &[&str],
    without: fn(&R) -> Vec<E>,
    with: fn(&R, &C) -> Vec<E>,
) {
    let body = serde_json::from_str::<R>(payload).unwrap_or_else(|e| panic!("{name}: {e}"));
    let found = match current {
        None => without(&body),
        Some(c) => with(&body, &serde_json::from_str::<C>(c).unwrap_or_else(|e| panic!("{name}: {e}"))),
    };
    let found: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert_eq!(found, expected, "{name}: side effects");
}

fn check_unchecked<R: DeserializeOwned, C: DeserializeOwned, S: DeserializeOwned>(
    name: &str,
    payload: &str,
    current: Option<&str>,
    settings: Option<&str>,
    expected: &[&str],
    unchecked: fn(&R, Option<&C>, Option<&S>) -> Vec<mutaspec_runtime::Unchecked>,
) {
    let body = serde_json::from_str::<R>(payload).unwrap_or_else(|e| panic!("{name}: {e}"));
    let current = current.map(|c| serde_json::from_str::<C>(c).unwrap_or_else(|e| panic!("{name}: {e}")));
    let settings = settings.map(|s| serde_json::from_str::<S>(s).unwrap_or_else(|e| panic!("{name}: {e}")));
    let found: Vec<String> = unchecked(&body, current.as_ref(), settings.as_ref())
        .iter()
        .map(|u| format!("{} {} {}", u.path, u.rule.as_str(), u.reads))
        .collect();
    assert_eq!(found, expected, "{name}: unchecked");
}

fn check_ignored<R: DeserializeOwned>(name: &str, payload: &str, expected: &[&str], ignored: fn(&R) -> Vec<String>) {
    let body = serde_json::from_str::<R>(payload).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(ignored(&body), expected, "{name}: ignored fields");
}

"#;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            fs::copy(&src, &dst).unwrap();
        }
    }
}
