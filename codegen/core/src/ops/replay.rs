//! `mutaspec validate`: recorded JSON payloads replayed against a spec directory with
//! the evaluator ([`crate::eval`]), so that a reviewer can compare the verdicts of the old
//! and the new spec without compiling anything.

use std::io::Read;
use std::path::PathBuf;

use mutaspec_runtime::Violation;
use serde_json::{json, Value};

use super::Outcome;
use crate::eval::{json as strict_json, Evaluator, Part, Types};
use crate::load::load;
use crate::model::{Api, Endpoint, Spec};

/// How `validate` prints its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidateFormat {
    /// One line per violation: `PAYLOAD: path: message [rule] (code N)`.
    Text,
    /// A JSON array with one entry per payload, each with its violations.
    Json,
}

/// What `mutaspec validate` was asked.
#[derive(Debug, Clone)]
pub struct ValidateOptions {
    /// The spec directory or file.
    pub spec: PathBuf,
    /// `api::endpoint`, or an endpoint name that only one API has.
    pub endpoint: String,
    /// A JSON file of the current resource's root fields, by wire name.
    pub current: Option<String>,
    /// A JSON file of the program's settings, by spec name.
    pub settings: Option<String>,
    /// The API version to validate for (`--api-version`: one of the API's `versions:`;
    /// the settings' `api_version` member says the same). `None`: the latest.
    pub api_version: Option<String>,
    /// Text or JSON output.
    pub format: ValidateFormat,
    /// The payload files; `-` is standard input.
    pub payloads: Vec<String>,
}

/// The verdict on one payload.
enum Verdict {
    /// Read and evaluated: its violations (none when valid), and its notices (which do
    /// not make it invalid).
    Checked(Vec<Violation>, Notices),
    /// Not evaluated: it cannot be read, is not JSON, or the evaluator failed.
    Bad(String),
}

/// What `mutaspec validate` tells of a payload besides its violations.
#[derive(Default)]
struct Notices {
    /// The paths of the fields it sends that the provider ignores.
    ignored: Vec<String>,
    /// The side effects sending it may trigger, by spec name.
    effects: Vec<String>,
    /// The checks that read a field of the current resource the snapshot lacks.
    unchecked: Vec<crate::eval::Unchecked>,
}

/// Largest payload, current snapshot or settings file read, in bytes.
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// Reads files, and standard input at most once.
struct Inputs<'r> {
    stdin: Option<&'r mut dyn Read>,
}

impl Inputs<'_> {
    /// Reads one JSON input; `hidden` says which objects' repeated members must not be
    /// named (those inside a sensitive field).
    fn read(&mut self, name: &str, hidden: &dyn Fn(&[strict_json::Step]) -> bool) -> Result<Value, String> {
        let text = if name == "-" {
            let Some(stdin) = self.stdin.take() else {
                return Err("standard input can be read only once".to_owned());
            };
            let mut text = String::new();
            stdin
                .take(MAX_INPUT_BYTES + 1)
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            text
        } else {
            let file = std::fs::File::open(name).map_err(|e| format!("cannot read {name}: {e}"))?;
            let mut text = String::new();
            file.take(MAX_INPUT_BYTES + 1)
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read {name}: {e}"))?;
            text
        };
        if text.len() as u64 > MAX_INPUT_BYTES {
            return Err(format!("{} is larger than {} MiB", display_name(name), MAX_INPUT_BYTES >> 20));
        }
        strict_json::parse(&text).map_err(|e| {
            let e = match e.repeated() {
                Some(r) if hidden(&r.at) => e.hide_key(),
                _ => e,
            };
            format!("{} is not valid JSON: {e}", display_name(name))
        })
    }
}

fn display_name(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}

fn fail(message: String) -> Outcome {
    Outcome {
        exit: 2,
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
    }
}

/// `mutaspec validate`: exit 0 when every payload is valid, 1 when one is not (a
/// violation, or a shape the request type refuses), 2 on bad input (the spec does not
/// load, the endpoint is unknown, a file cannot be read or is not JSON, the current
/// snapshot or the settings do not fit their type). `stdin` is read for `-`.
pub fn validate(opts: &ValidateOptions, stdin: &mut dyn Read) -> Outcome {
    let loaded = match load(&opts.spec) {
        Ok(l) => l,
        Err(e) => {
            return Outcome {
                exit: 2,
                stdout: String::new(),
                stderr: e.render(),
            }
        }
    };
    let (api, ep) = match find_endpoint(&loaded.spec, &opts.endpoint) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let name = format!("{}::{}", api.name, ep.name);
    let plan = crate::plan::endpoint(api, ep);
    let mut inputs = Inputs { stdin: Some(stdin) };
    // The payload and the current snapshot hold the body's fields by wire name; the
    // settings hold booleans only.
    let types = Types { api, ep };
    let in_body = |steps: &[strict_json::Step]| types.sensitive_at(&ep.body, steps);
    type Hidden<'h> = &'h dyn Fn(&[strict_json::Step]) -> bool;
    let mut context = |flag: &str, file: &Option<String>, hidden: Hidden<'_>| -> Result<Option<Value>, Outcome> {
        let Some(file) = file else { return Ok(None) };
        inputs.read(file, hidden).map(Some).map_err(|e| fail(format!("{flag}: {e}")))
    };
    let current = match context("--current", &opts.current, &in_body) {
        Ok(c) => c,
        Err(o) => return o,
    };
    let mut settings = match context("--settings", &opts.settings, &|_| false) {
        Ok(s) => s,
        Err(o) => return o,
    };
    if let Some(v) = &opts.api_version {
        let listed: Vec<&str> = api.versions.iter().map(|x| x.name.as_str()).collect();
        if listed.is_empty() {
            return fail(format!("--api-version {v}: API `{}` lists no `versions:`", api.name));
        }
        if api.version_index(v).is_none() {
            return fail(format!(
                "--api-version {v}: not a version of API `{}` (its versions: {})",
                api.name,
                listed.join(", ")
            ));
        }
        // The version is a member of the settings value, as `ProgramSettings::api_version`.
        let mut s = match settings.take() {
            Some(Value::Object(m)) => m,
            Some(other) => return fail(format!("--settings: {} is not a JSON object", crate::eval::describe_kind(&other))),
            None => serde_json::Map::new(),
        };
        s.insert(crate::eval::VERSION_MEMBER.to_owned(), Value::String(v.clone()));
        settings = Some(Value::Object(s));
    }
    let evaluator = match Evaluator::new(api, ep, &plan, current.as_ref(), settings.as_ref()) {
        Ok(e) => e,
        Err(e) => {
            let (flag, file) = match e.part {
                Part::Settings => ("--settings", &opts.settings),
                _ => ("--current", &opts.current),
            };
            let file = display_name(file.as_deref().unwrap_or_default());
            return fail(format!("{flag} {file}: {e} (read as the {} of {name})", e.part));
        }
    };
    let verdicts: Vec<(&str, Verdict)> = opts
        .payloads
        .iter()
        .map(|p| (display_name(p), verdict(&evaluator, &mut inputs, p, &in_body)))
        .collect();
    report(&name, opts.format, &verdicts)
}

/// `api::endpoint`, or a unique endpoint name.
fn find_endpoint<'s>(spec: &'s Spec, name: &str) -> Result<(&'s Api, &'s Endpoint), Outcome> {
    spec.endpoint(name).ok_or_else(|| {
        let all: Vec<String> = spec.endpoints().map(|(a, e)| format!("{}::{}", a.name, e.name)).collect();
        let ambiguous = spec.endpoints().filter(|(_, e)| e.name == name).count() > 1;
        let why = if ambiguous {
            "is ambiguous: name it as api::endpoint"
        } else {
            "is not in the spec"
        };
        fail(format!("endpoint `{name}` {why}; the spec has: {}", all.join(", ")))
    })
}

/// Reads and evaluates one payload. A shape serde refuses is one violation of rule
/// `type` or `not_updatable`: the payload is invalid, not bad input.
fn verdict(evaluator: &Evaluator<'_>, inputs: &mut Inputs<'_>, payload: &str, hidden: &dyn Fn(&[strict_json::Step]) -> bool) -> Verdict {
    match inputs.read(payload, hidden) {
        Err(e) => Verdict::Bad(e),
        Ok(json) => match evaluator.evaluate(&json) {
            Ok(v) => Verdict::Checked(
                v,
                Notices {
                    ignored: evaluator.ignored(&json).unwrap_or_default(),
                    effects: evaluator.side_effects(&json).unwrap_or_default(),
                    unchecked: evaluator.unchecked(&json).unwrap_or_default(),
                },
            ),
            Err(e) if e.is_internal() => Verdict::Bad(format!("{}: {e}", display_name(payload))),
            Err(e) => Verdict::Checked(
                vec![Violation {
                    path: e.path.clone(),
                    rule: e.rule(),
                    message: e.message(),
                    code: None,
                }],
                Notices::default(),
            ),
        },
    }
}

fn report(endpoint: &str, format: ValidateFormat, verdicts: &[(&str, Verdict)]) -> Outcome {
    let (mut valid, mut invalid, mut bad) = (0, 0, 0);
    let mut stdout = String::new();
    let mut stderr = String::new();
    let mut entries = Vec::new();
    for (name, verdict) in verdicts {
        match verdict {
            Verdict::Bad(e) => {
                bad += 1;
                stderr.push_str(&format!("error: {e}\n"));
                entries.push(json!({ "payload": name, "error": e }));
            }
            Verdict::Checked(violations, notices) => {
                let ignored = &notices.ignored;
                if violations.is_empty() {
                    valid += 1;
                } else {
                    invalid += 1;
                }
                for v in violations {
                    stdout.push_str(&text_line(name, v));
                }
                // Fields the provider ignores: a notice each, on stderr, never a violation.
                for path in ignored {
                    let at = if path.is_empty() { "." } else { path.as_str() };
                    stderr.push_str(&format!("note: {name}: {at}: ignored by the provider: sending it has no effect\n"));
                }
                // Side effects it may trigger: a notice each, never a violation.
                for e in &notices.effects {
                    stderr.push_str(&format!("note: {name}: may trigger side effect `{e}`\n"));
                }
                let mut entry = json!({ "payload": name, "valid": violations.is_empty(), "violations": violations });
                if !ignored.is_empty() {
                    entry["ignored"] = json!(ignored);
                }
                if !notices.effects.is_empty() {
                    entry["effects"] = json!(notices.effects);
                }
                // Checks not made for an unknown state: a notice each, never a violation.
                for u in &notices.unchecked {
                    stderr.push_str(&format!(
                        "note: {name}: {}: not checkable without the current `{}` [{}]\n",
                        u.path, u.reads, u.rule
                    ));
                }
                if !notices.unchecked.is_empty() {
                    entry["unchecked"] = json!(notices.unchecked);
                }
                entries.push(entry);
            }
        }
    }
    if format == ValidateFormat::Json {
        stdout = serde_json::to_string_pretty(&entries).unwrap_or_default();
        stdout.push('\n');
    }
    let mut summary = format!("{endpoint}: {} payload(s): {valid} valid, {invalid} invalid", verdicts.len());
    if bad > 0 {
        summary.push_str(&format!(", {bad} not evaluated"));
    }
    stderr.push_str(&summary);
    stderr.push('\n');
    let exit = if bad > 0 { 2 } else { u8::from(invalid > 0) };
    Outcome { exit, stdout, stderr }
}

/// `PAYLOAD: path: message [rule] (code N)`; no path part at the root, no code part
/// without a code.
fn text_line(payload: &str, v: &Violation) -> String {
    let mut line = format!("{payload}: ");
    if !v.path.is_empty() {
        line.push_str(&v.path);
        line.push_str(": ");
    }
    line.push_str(&format!("{} [{}]", v.message, v.rule));
    if let Some(code) = v.code {
        line.push_str(&format!(" (code {code})"));
    }
    line.push('\n');
    line
}
