//! One batch: the accepted specs generate a crate that passes clippy and rustdoc with
//! `-D warnings`, has no doctest, and whose validators agree with the evaluator on
//! random JSON cases (through a `verdicts` binary generated beside the crate).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use mutaspec_core::eval::{self, Part};
use mutaspec_core::plan;
use serde_json::{json, Value};

use super::gen::{Feature, Rng, PENDING};

/// The rustdoc warnings issue 12 lists (`map<string>` read as HTML, bare URLs, links to
/// nothing), tolerated while `Feature::RustdocHazards` is pending.
const KNOWN_RUSTDOC: &[&str] = &[
    "this URL is not a hyperlink",
    "unclosed HTML tag",
    "unopened HTML tag",
    "unresolved link to",
    "generated ",
];
use super::payloads::Draw;

/// What a batch did.
#[derive(Default, Debug)]
pub struct Report {
    pub generated: usize,
    pub loaded: usize,
    pub compiled: usize,
    pub cases: usize,
    pub refusals: BTreeMap<&'static str, usize>,
    pub failures: Vec<String>,
}

/// Where batches build: one target directory shared by every batch, so only the
/// generated crate is rebuilt.
pub fn target_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/random-specs")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs cargo in `dir`; `Err` with its output when it fails.
fn run_cargo(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Result<String, String> {
    let mut cmd = Command::new(cargo());
    cmd.args(args).current_dir(dir).env("CARGO_TARGET_DIR", target_dir());
    // The test's own flags must not leak into the generated crate's build.
    for k in ["RUSTFLAGS", "RUSTDOCFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS"] {
        cmd.env_remove(k);
    }
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("`cargo {}` failed:\n{text}", args.join(" ")))
    }
}

/// Checks a spec directory end to end into a crate at `root/crate`; `cases` JSON cases
/// per endpoint for the differential (0: none). Returns the failures.
pub fn check_spec(spec: &Path, root: &Path, cases: usize, seed: u64, report: &mut Report) {
    let loaded = match mutaspec_core::load(spec) {
        Ok(l) => l,
        Err(e) => {
            report.failures.push(format!("the batch does not load as a whole:\n{}", e.render()));
            return;
        }
    };
    let krate = root.join("crate");
    let outcome = mutaspec_core::ops::generate(spec, &krate);
    if outcome.exit != 0 {
        report.failures.push(format!("generate failed:\n{}", outcome.stderr));
        return;
    }
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("codegen/runtime");
    let manifest = format!(
        "[package]\nname = \"random_specs\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n[[bin]]\nname = \"verdicts\"\npath = \"verdicts.rs\"\ntest = false\ndoc = false\n\n\
         [dependencies]\nmutaspec-runtime = {{ path = {:?} }}\nserde = \"1\"\nserde_json = \"1\"\n\n{}",
        runtime.display().to_string(),
        mutaspec_core::render::features(&loaded.spec)
    );
    std::fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(krate.join("verdicts.rs"), verdicts_program(&loaded.spec)).unwrap();
    // Reuse the workspace's lock file: the same dependency versions, offline.
    let _ = std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"), krate.join("Cargo.lock"));
    // Until the known rustdoc warnings of issue 12 are fixed, rustdoc runs without
    // `-D warnings` and only warnings of other kinds fail the batch.
    let known_rustdoc = PENDING.contains(&Feature::RustdocHazards);
    let rustdoc_flags = if known_rustdoc { "" } else { "-D warnings" };
    type Step<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
    let steps: [Step<'_>; 3] = [
        ("clippy", &["clippy", "--offline", "--quiet", "--lib", "--", "-D", "warnings"], &[]),
        (
            "rustdoc",
            &["doc", "--offline", "--no-deps", "--lib"],
            &[("RUSTDOCFLAGS", rustdoc_flags)],
        ),
        ("doctests", &["test", "--offline", "--doc"], &[]),
    ];
    for (what, args, envs) in steps {
        match run_cargo(&krate, args, envs) {
            Err(e) => {
                report.failures.push(format!("{what}: {e}"));
                return;
            }
            Ok(out) if what == "rustdoc" => {
                let unknown: Vec<&str> = out
                    .lines()
                    .filter(|l| l.starts_with("warning") || l.starts_with("error"))
                    .filter(|l| !KNOWN_RUSTDOC.iter().any(|k| l.contains(k)))
                    .collect();
                if !unknown.is_empty() {
                    report.failures.push(format!("rustdoc warns: {}\n{out}", unknown.join("; ")));
                    return;
                }
            }
            Ok(out) if what == "doctests" => {
                // `running N tests` for the doctests: none may come from spec text.
                let ran: Vec<&str> = out
                    .lines()
                    .filter(|l| l.starts_with("running ") && !l.starts_with("running 0 tests"))
                    .collect();
                if !ran.is_empty() {
                    report.failures.push(format!("doctests ran in the generated crate:\n{out}"));
                    return;
                }
            }
            Ok(_) => {}
        }
    }
    // Checks that can never fail compile cleanly but are dead code: none is emitted
    // (`min_length: 0` once gave `len() < 0usize`, then `if false`).
    if let Some(dead) = dead_checks(&krate.join("src")) {
        report.failures.push(format!("a check that never fails is emitted: {dead}"));
        return;
    }
    report.compiled += loaded.spec.endpoints().count();
    if cases > 0 {
        differential(&loaded.spec, &krate, cases, seed, report);
    }
}

/// The binary that reads cases (`[[endpoint index, payload, current, settings], ...]`)
/// and prints each verdict of the generated code as one JSON line.
fn verdicts_program(spec: &mutaspec_core::model::Spec) -> String {
    let mut arms = String::new();
    for (i, (api, ep)) in spec.endpoints().enumerate() {
        let m = format!("random_specs::{}::{}", api.name, ep.name);
        let _ = writeln!(
            arms,
            "        {i} => verdict::<{m}::{}, {m}::{}Current, random_specs::{}::ProgramSettings>(p, c, s),",
            ep.request_name(),
            ep.type_prefix,
            api.name
        );
    }
    format!(
        r#"//! Generated by tests/random_specs.rs: the generated validators' verdicts.
use mutaspec_runtime::{{Path, Violations}};
use serde_json::{{json, Value}};

fn verdict<R, C, S>(p: Value, c: Value, s: Value) -> Value
where
    R: serde::de::DeserializeOwned + Generated<C, S>,
    C: serde::de::DeserializeOwned,
    S: serde::de::DeserializeOwned,
{{
    let c: Option<C> = match c {{
        Value::String(ref t) if t == "<none>" => None,
        c => match serde_json::from_value(c) {{
            Ok(c) => Some(c),
            Err(e) => return json!({{"refused": "current", "why": e.to_string()}}),
        }},
    }};
    let s: Option<S> = match s {{
        Value::String(ref t) if t == "<none>" => None,
        s => match serde_json::from_value(s) {{
            Ok(s) => Some(s),
            Err(e) => return json!({{"refused": "settings", "why": e.to_string()}}),
        }},
    }};
    let r: R = match serde_json::from_value(p) {{
        Ok(r) => r,
        Err(e) => return json!({{"refused": "payload", "why": e.to_string()}}),
    }};
    r.verdict(c.as_ref(), s.as_ref())
}}

trait Generated<C, S> {{
    fn verdict(&self, c: Option<&C>, s: Option<&S>) -> Value;
}}

fn main() {{
    let path = std::env::args().nth(1).expect("cases file");
    let cases: Vec<(usize, Value, Value, Value)> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = String::new();
    for (i, p, c, s) in cases {{
        let v = match i {{
{arms}            _ => unreachable!(),
        }};
        out.push_str(&v.to_string());
        out.push('\n');
    }}
    print!("{{out}}");
}}
{impls}"#,
        impls = generated_impls(spec)
    )
}

fn generated_impls(spec: &mutaspec_core::model::Spec) -> String {
    let mut out = String::new();
    for (api, ep) in spec.endpoints() {
        let m = format!("random_specs::{}::{}", api.name, ep.name);
        let _ = writeln!(
            out,
            r#"impl Generated<{m}::{p}Current, random_specs::{a}::ProgramSettings> for {m}::{r} {{
    fn verdict(&self, c: Option<&{m}::{p}Current>, s: Option<&random_specs::{a}::ProgramSettings>) -> Value {{
        let mut collected = Violations::new();
        self.validate_into(&Path::root(), c, s, &mut collected);
        let result: Vec<mutaspec_runtime::Violation> = self.validate_with(c, s).err().map(Violations::into_vec).unwrap_or_default();
        json!({{"violations": result, "collected": collected.into_vec(), "predicate": self.is_valid_with(c, s)}})
    }}
}}"#,
            p = ep.type_prefix,
            a = api.name,
            r = ep.request_name()
        );
    }
    out
}

fn differential(spec: &mutaspec_core::model::Spec, krate: &Path, per_endpoint: usize, seed: u64, report: &mut Report) {
    let mut rng = Rng::new(seed ^ 0xd1ff);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (i, (api, ep)) in spec.endpoints().enumerate() {
        let plan = plan::endpoint(api, ep);
        for _ in 0..per_endpoint {
            let case = Draw { api, ep, rng: &mut rng }.case(&plan);
            let verdict = match eval::evaluate(api, ep, &plan, &case.payload, case.current.as_ref(), case.settings.as_ref()) {
                Ok(v) => json!({ "violations": v }),
                Err(e) => {
                    json!({ "refused": match e.part { Part::Payload => "payload", Part::Current => "current", Part::Settings => "settings" } })
                }
            };
            let none = || json!("<none>");
            let shown = json!({ "payload": case.payload, "current": case.current, "settings": case.settings });
            expected.push((format!("{}::{}", api.name, ep.name), shown, verdict));
            cases.push(json!([
                i,
                case.payload,
                case.current.unwrap_or_else(none),
                case.settings.unwrap_or_else(none)
            ]));
        }
    }
    let file = krate.join("cases.json");
    std::fs::write(&file, serde_json::to_string(&cases).unwrap()).unwrap();
    let out = match run_cargo(
        krate,
        &["run", "--offline", "--quiet", "--bin", "verdicts", "--", file.to_str().unwrap()],
        &[],
    ) {
        Ok(o) => o,
        Err(e) => {
            report.failures.push(format!("verdicts: {e}"));
            return;
        }
    };
    let lines: Vec<Value> = out.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    if lines.len() != expected.len() {
        report.failures.push(format!(
            "verdicts printed {} lines for {} cases:\n{out}",
            lines.len(),
            expected.len()
        ));
        return;
    }
    report.cases += lines.len();
    let mut disagreements = 0;
    for ((name, payload, want), got) in expected.iter().zip(&lines) {
        let problem = match (want.get("refused"), got.get("refused")) {
            (Some(a), Some(b)) if a == b => None,
            // serde refuses a payload with not-updatable attributes, naming those of the
            // first object that has any; the evaluator reports each one as a violation,
            // first (tests/differential.rs also compares the rest, on `spec/`).
            (None, Some(_)) if not_updatable_refused(want, got) => None,
            (None, None) => {
                let v = &got["violations"];
                if v != &got["collected"] {
                    Some("validate_with and validate_into disagree".to_owned())
                } else if got["predicate"] != json!(v.as_array().is_some_and(|a| a.is_empty())) {
                    Some("is_valid_with and validate_into disagree".to_owned())
                } else if v != &want["violations"] {
                    Some("the generated validator and the evaluator disagree".to_owned())
                } else {
                    None
                }
            }
            _ => Some("one side refuses the JSON, the other does not".to_owned()),
        };
        if let Some(p) = problem {
            disagreements += 1;
            if disagreements <= 5 {
                report.failures.push(format!(
                    "differential, {name}: {p}\n  case: {payload}\n  evaluator: {want}\n  generated: {got}"
                ));
            }
        }
    }
    if disagreements > 5 {
        report.failures.push(format!("... {} more disagreements", disagreements - 5));
    }
}

/// The generated type refused the payload for a not-updatable attribute that the
/// evaluator reports first among its violations.
fn not_updatable_refused(want: &Value, got: &Value) -> bool {
    let Some(why) = got.get("why").and_then(Value::as_str) else {
        return false;
    };
    let leading: Vec<&Value> = want["violations"]
        .as_array()
        .map(|v| v.iter().take_while(|x| x["rule"] == "not_updatable").collect())
        .unwrap_or_default();
    // Inside a sensitive value serde's message is replaced, so as not to show the value.
    if why.contains("invalid value for a sensitive field") && !leading.is_empty() {
        return true;
    }
    leading.iter().any(|x| {
        let path = x["path"].as_str().unwrap_or_default();
        // The last segment: `.name`, or `["x-name"]` for a name that is no identifier.
        let last = match path.rfind("[\"").filter(|_| path.ends_with("\"]")) {
            Some(i) => serde_json::from_str::<String>(&path[i + 1..path.len() - 1]).unwrap_or_default(),
            None => path.rsplit('.').next().unwrap_or_default().to_owned(),
        };
        why.contains(&format!("`{last}` is not updatable"))
    })
}

/// The first generated line holding a check that never fails, with its file.
fn dead_checks(dir: &Path) -> Option<String> {
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let p = e.path();
        if p.is_dir() {
            if let Some(d) = dead_checks(&p) {
                return Some(d);
            }
        } else if let Ok(text) = std::fs::read_to_string(&p) {
            if let Some(l) = text
                .lines()
                .find(|l| l.contains("if false") || l.contains("< 0usize") || l.contains("&& false"))
            {
                return Some(format!("{}: {}", p.display(), l.trim()));
            }
        }
    }
    None
}
