//! `mutaspec validate`'s arguments and help.

use mutaspec_core::eval::command::{Format, Options};

use super::Flags;

pub const HELP: &str = "\
mutaspec validate: check JSON payloads against an endpoint of the spec, without compiling

Usage: mutaspec validate --endpoint NAME [OPTIONS] PAYLOAD...

Each PAYLOAD is a JSON file of a request body; `-` reads standard input. The
checks are those of the generated `validate_with(current, settings)`, decided by
the same plan: same paths, rules, messages and codes, in the same order. Replay
recorded payloads against the old and the new spec to see what a change does.

Options:
      --spec DIR         The spec directory or file [default: spec]
      --endpoint NAME    `api::endpoint`, or an endpoint name only one API has
      --current FILE     JSON of the current resource's root fields by wire name:
                         turns on the set-once, identifying and conditional checks
      --settings FILE    JSON of the program's settings by spec name (a missing
                         one takes the spec's default): turns on setting locks and
                         settings-switched constraints
      --format FORMAT    text or json [default: text]
  -h, --help             Print help

Text output: one line per violation, `PAYLOAD: path: message [rule] (code N)`;
a summary goes to stderr. JSON output: an array with one entry per payload,
{\"payload\", \"valid\", \"violations\": [{\"path\", \"rule\", \"message\", \"code\"}]},
or {\"payload\", \"error\"} for one that could not be evaluated.

A payload the request type refuses to deserialize (a wrong JSON type, an unknown
field, a not-updatable attribute even as null) is invalid: it is reported as one
violation with rule `type` or `not_updatable`, and no other check runs on it.
Exit codes: 0 every payload is valid, 1 some payload is invalid, 2 bad input: the
spec does not load, the endpoint is unknown, a file cannot be read or is not JSON
(a repeated object member included), or --current/--settings do not fit their
type. 2 wins over 1; every payload is still reported.
";

/// `validate --endpoint NAME [--spec DIR] [--current FILE] [--settings FILE] [--format F] PAYLOAD...`
pub fn parse(flags: &mut Flags<'_>) -> Result<Options, String> {
    let spec = flags.path("--spec", "spec")?;
    let endpoint = flags.value("--endpoint")?.ok_or("`validate` needs `--endpoint NAME`")?;
    let current = flags.value("--current")?;
    let settings = flags.value("--settings")?;
    let format = Format::parse(flags.value("--format")?.as_deref().unwrap_or("text"))?;
    let mut payloads = Vec::new();
    for slot in &mut flags.args {
        if let Some(a) = slot.filter(|a| *a == "-" || !a.starts_with('-')) {
            payloads.push(a.to_owned());
            *slot = None;
        }
    }
    let stdin_uses = payloads.iter().chain(&current).chain(&settings).filter(|p| *p == "-").count();
    if stdin_uses > 1 {
        return Err("`-` (standard input) can be given only once".into());
    }
    if payloads.is_empty() {
        return Err("`validate` needs at least one PAYLOAD file (or `-` for standard input)".into());
    }
    Ok(Options {
        spec,
        endpoint,
        current,
        settings,
        format,
        payloads,
    })
}
