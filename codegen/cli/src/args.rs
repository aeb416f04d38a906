//! Command-line arguments, parsed by hand: few flags, exact errors.

mod validate;

use std::path::PathBuf;

/// What to run.
pub enum Command {
    /// Validate the spec and the freshness of the generated crate (`options`: `--deny
    /// warnings`, `--crate`).
    Check {
        spec: PathBuf,
        out: PathBuf,
        options: mutaspec_core::ops::Options,
    },
    /// Regenerate the generated crate's sources (and with `--crate`, its Cargo.toml).
    Generate {
        spec: PathBuf,
        out: PathBuf,
        options: mutaspec_core::ops::Options,
    },
    /// Print the JSON Schema of the spec format.
    Schema,
    /// Compare two specs' resolved models and classify each change for callers.
    Diff {
        old: mutaspec_core::diff::Side,
        new: mutaspec_core::diff::Side,
        options: mutaspec_core::diff::Options,
    },
    /// Check JSON payloads against an endpoint with the plan's evaluator.
    Validate(mutaspec_core::eval::command::Options),
}

/// The outcome of parsing.
pub enum Parsed {
    /// Print this help text and exit 0.
    Help(String),
    /// Run a command.
    Run(Command),
}

pub const HELP: &str = "\
mutaspec: typed update requests, validators and error enums from a YAML spec

Usage: mutaspec <COMMAND> [OPTIONS]

Commands:
  generate  Regenerate the generated crate (default generated/) from the spec
  check     Check the spec and that generated/ is up to date (CI runs this)
  schema    Print the JSON Schema of the spec format (for editors)
  diff      Say what a spec change means for callers: breaking, warning, info
  validate  Check JSON payloads against an endpoint, without compiling
  help      Print this help, or a command's: `mutaspec help check`

Options:
  -h, --help     Print help
  -V, --version  Print version

Exit codes: 0 success, 1 stale output, 2 spec errors or bad usage.
";

const CHECK_HELP: &str = "\
mutaspec check: check the spec, and that the generated crate matches it

Usage: mutaspec check [--spec DIR] [--out DIR] [--deny warnings] [--crate NAME [--runtime-path PATH]]

Options:
      --spec DIR           The spec directory or file [default: spec]
      --out DIR            The generated crate; its src/ is compared [default: generated]
      --deny warnings      Fail (exit 2) on any warning the spec does not `allow:`
      --crate NAME         Also compare <out>/Cargo.toml with the one `generate --crate
                           NAME` writes (same --runtime-path)
      --runtime-path PATH  With --crate: the mutaspec-runtime path dependency
  -h, --help               Print help

Diagnostics go to stderr as `file:line:col`, with a hint. A stale file is named,
with a short unified diff; a file without mutaspec's header is named as such (move
it out of src/: generate never replaces it). What an interrupted generate left
(.src.mutaspec-new, .src.mutaspec-old) is reported. Nothing is written; a
running generate on the same --out is waited for (shared lock on
<out>/.mutaspec.lock when that file exists).
Exit codes: 0 valid and up to date, 1 stale, 2 the spec has errors or src/
cannot be read (a symlink, FIFO, socket or device in it).
";

const GENERATE_HELP: &str = "\
mutaspec generate: write the generated crate's sources from the spec

Usage: mutaspec generate [--spec DIR] [--out DIR] [--deny warnings] [--crate NAME [--runtime-path PATH]]

Options:
      --spec DIR           The spec directory or file [default: spec]
      --out DIR            The generated crate; mutaspec owns its src/ [default: generated]
      --deny warnings      Fail (exit 2, nothing written) on any warning not `allow:`ed
      --crate NAME         Write a complete crate: also <out>/Cargo.toml (package NAME,
                           depending on mutaspec-runtime only), itself a generated file
      --runtime-path PATH  With --crate: depend on mutaspec-runtime at PATH as well as by
                           version (written as given: relative to --out)
  -h, --help               Print help

One file per endpoint (src/<api>/<endpoint>.rs), a module per API, and lib.rs.
Only changed files are rewritten; files for endpoints gone from the spec are
removed. The new tree is written to <out>/.src.mutaspec-new and swapped in at
once, so src/ is always the complete old or new tree, whatever stops the run.
Runs into one --out wait for each other (<out>/.mutaspec.lock). A file without
mutaspec's header is never overwritten or removed; with --crate, a Cargo.toml
without mutaspec's header refuses the run (exit 2, nothing written).
Exit codes: 0 written (or already up to date), 2 the spec has errors or writing failed.
";

const SCHEMA_HELP: &str = "\
mutaspec schema: print the JSON Schema of the spec format

Usage: mutaspec schema

Spec files point editors at it with a first line such as
  # yaml-language-server: $schema=../../schema/mutaspec.schema.json
";

const DIFF_HELP: &str = "\
mutaspec diff: what a spec change means for callers, change by change

Usage: mutaspec diff OLD NEW [OPTIONS]
       mutaspec diff --base REV [--spec DIR] [OPTIONS]

OLD and NEW are each a spec directory or file, a git revision (its --spec
directory), or REV:PATH. `--base main` compares --spec at main with the working
tree. Resolved models are compared, never text: reordering or reformatting a
spec reports nothing.

Options:
      --base REV       Compare --spec at git revision REV with the working tree
      --spec DIR       The spec directory or file [default: spec]
      --format FORMAT  text, markdown (a pull-request comment) or json [default: text]
      --fail-on SEV    breaking, warning or info: the mildest severity that
                       makes the exit code 1 [default: breaking]
  -h, --help           Print help

Each change has a rule id (docs/diff.md lists them with their severity), a
sentence and its place in the new spec.
Exit codes: 0 no change at or above --fail-on, 1 some, 2 a side does not load.
";

fn help_for(cmd: &str) -> Result<String, String> {
    match cmd {
        "check" => Ok(CHECK_HELP.to_owned()),
        "generate" => Ok(GENERATE_HELP.to_owned()),
        "schema" => Ok(SCHEMA_HELP.to_owned()),
        "diff" => Ok(DIFF_HELP.to_owned()),
        "validate" => Ok(validate::HELP.to_owned()),
        "help" | "-h" | "--help" => Ok(HELP.to_owned()),
        other => Err(format!("unknown command `{other}`")),
    }
}

/// Parses the arguments after the program name.
pub fn parse(argv: &[String]) -> Result<Parsed, String> {
    let Some((cmd, rest)) = argv.split_first() else {
        return Ok(Parsed::Help(HELP.to_owned()));
    };
    match cmd.as_str() {
        "-h" | "--help" => return Ok(Parsed::Help(HELP.to_owned())),
        "-V" | "--version" => return Ok(Parsed::Help(format!("mutaspec {}\n", env!("CARGO_PKG_VERSION")))),
        "help" => return rest.first().map_or_else(|| Ok(HELP.to_owned()), |c| help_for(c)).map(Parsed::Help),
        _ => {}
    }
    if rest.iter().any(|a| a == "-h" || a == "--help") {
        return help_for(cmd).map(Parsed::Help);
    }
    let mut flags = Flags::new(rest);
    let command = match cmd.as_str() {
        "check" => Command::Check {
            spec: flags.path("--spec", "spec")?,
            out: flags.path("--out", "generated")?,
            options: output_options(&mut flags)?,
        },
        "generate" => Command::Generate {
            spec: flags.path("--spec", "spec")?,
            out: flags.path("--out", "generated")?,
            options: output_options(&mut flags)?,
        },
        "schema" => Command::Schema,
        "diff" => diff_command(&mut flags)?,
        "validate" => Command::Validate(validate::parse(&mut flags)?),
        other => return Err(format!("unknown command `{other}`")),
    };
    flags.finish()?;
    Ok(Parsed::Run(command))
}

/// `--deny warnings`, `--crate NAME` and `--runtime-path PATH` of `generate` and `check`.
fn output_options(flags: &mut Flags<'_>) -> Result<mutaspec_core::ops::Options, String> {
    let deny_warnings = deny_warnings(flags)?;
    let krate = match (flags.value("--crate")?, flags.value("--runtime-path")?) {
        (None, None) => None,
        (None, Some(_)) => return Err("`--runtime-path` goes with `--crate NAME`".into()),
        (Some(name), path) => {
            let krate = mutaspec_core::render::Crate::new(&name).map_err(|e| format!("`--crate`: {e}"))?;
            Some(match path {
                Some(path) => krate.runtime_path(path),
                None => krate,
            })
        }
    };
    Ok(mutaspec_core::ops::Options { deny_warnings, krate })
}

/// `--deny warnings`: whether warnings fail the command.
fn deny_warnings(flags: &mut Flags<'_>) -> Result<bool, String> {
    match flags.value("--deny")?.as_deref() {
        None => Ok(false),
        Some("warnings") => Ok(true),
        Some(other) => Err(format!("`--deny` takes `warnings`, not `{other}`")),
    }
}

/// `--flag VALUE` and `--flag=VALUE` options; anything left over is an error.
struct Flags<'a> {
    args: Vec<Option<&'a str>>,
}

impl<'a> Flags<'a> {
    fn new(args: &'a [String]) -> Self {
        Flags {
            args: args.iter().map(|a| Some(a.as_str())).collect(),
        }
    }

    fn value(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut found = None;
        let mut i = 0;
        while i < self.args.len() {
            match self.args[i] {
                Some(a) if a == name => {
                    self.args[i] = None;
                    let v = self
                        .args
                        .get(i + 1)
                        .copied()
                        .flatten()
                        .ok_or_else(|| format!("`{name}` needs a value"))?;
                    self.args[i + 1] = None;
                    if found.replace(v.to_owned()).is_some() {
                        return Err(format!("`{name}` given twice"));
                    }
                    i += 2;
                }
                Some(a) if a.strip_prefix(name).is_some_and(|r| r.starts_with('=')) => {
                    self.args[i] = None;
                    if found.replace(a[name.len() + 1..].to_owned()).is_some() {
                        return Err(format!("`{name}` given twice"));
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        Ok(found)
    }

    fn path(&mut self, name: &str, default: &str) -> Result<PathBuf, String> {
        Ok(PathBuf::from(self.value(name)?.unwrap_or_else(|| default.to_owned())))
    }

    /// Takes the arguments left that are not options, in order.
    fn positionals(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        for slot in &mut self.args {
            if let Some(a) = slot.filter(|a| !a.starts_with('-')) {
                out.push(a.to_owned());
                *slot = None;
            }
        }
        out
    }

    fn finish(self) -> Result<(), String> {
        match self.args.into_iter().flatten().next() {
            Some(a) if a.starts_with('-') => Err(format!("unknown option `{a}`")),
            Some(a) => Err(format!("unexpected argument `{a}`")),
            None => Ok(()),
        }
    }
}

/// `diff OLD NEW` or `diff --base REV`, with `--spec`, `--format`, `--fail-on`.
fn diff_command(flags: &mut Flags<'_>) -> Result<Command, String> {
    use mutaspec_core::diff::{Format, Options, Severity, Side};
    let spec = flags.path("--spec", "spec")?;
    let base = flags.value("--base")?;
    let format = Format::parse(flags.value("--format")?.as_deref().unwrap_or("text"))?;
    let fail_on = Severity::parse(flags.value("--fail-on")?.as_deref().unwrap_or("breaking"))?;
    let (old, new) = match (base, flags.positionals().as_slice()) {
        (Some(rev), []) => (Side::Git { rev, dir: spec.clone() }, Side::Path(spec)),
        (Some(_), _) => return Err("`diff --base REV` compares with the working tree: give no OLD or NEW".into()),
        (None, [old, new]) => (Side::parse(old, &spec), Side::parse(new, &spec)),
        (None, _) => return Err("`diff` needs OLD and NEW, or `--base REV`".into()),
    };
    Ok(Command::Diff {
        old,
        new,
        options: Options { format, fail_on },
    })
}
