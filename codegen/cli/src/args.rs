//! Command-line arguments, declared with clap: every command, option, default and help
//! text. Usage errors (with clap's did-you-mean), `--help`, `help COMMAND` and
//! `--version` come from clap; what clap cannot say (one `-` only) is checked here.

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// The template of each command's help: a heading paragraph, usage, options, details.
const TEMPLATE: &str = "{before-help}{usage-heading} {usage}\n\n{all-args}{after-help}";

#[derive(Debug, Parser)]
#[command(
    name = "mutaspec",
    version,
    about = "Typed update requests, validators and error enums from a YAML spec",
    before_help = "mutaspec: typed update requests, validators and error enums from a YAML spec",
    help_template = TEMPLATE,
    after_help = "Run `mutaspec help COMMAND` (or `mutaspec COMMAND --help`) for a command's options.\n\
                  Exit codes: 0 success, 1 stale output or changes found, 2 spec errors or bad usage.",
    subcommand_value_name = "COMMAND",
    subcommand_help_heading = "Commands",
    disable_help_subcommand = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Colour: `auto` on a terminal without NO_COLOR (CLICOLOR_FORCE forces it)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto, display_order = 900)]
    pub color: Color,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    // When the output is a terminal, NO_COLOR is unset or CLICOLOR_FORCE is set
    Auto,
    // Always
    Always,
    // Never
    Never,
}

/// What to run.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Regenerate the generated crate (default generated/) from the spec
    #[command(before_help = GENERATE_HEAD, after_help = GENERATE_AFTER, help_template = TEMPLATE)]
    Generate(Generate),
    /// Check the spec and that generated/ is up to date (CI runs this)
    #[command(before_help = CHECK_HEAD, after_help = CHECK_AFTER, help_template = TEMPLATE)]
    Check(Check),
    /// Print the JSON Schema of the spec format (for editors)
    #[command(before_help = SCHEMA_HEAD, after_help = SCHEMA_AFTER, help_template = TEMPLATE)]
    Schema,
    /// Say what a spec change means for callers: breaking, warning, info
    #[command(
        before_help = DIFF_HEAD,
        after_help = DIFF_AFTER,
        help_template = TEMPLATE,
        override_usage = "mutaspec diff [OPTIONS] <OLD> <NEW>\n       mutaspec diff [OPTIONS] --base <REV>"
    )]
    Diff(Diff),
    /// Check JSON payloads against an endpoint, without compiling
    #[command(before_help = VALIDATE_HEAD, after_help = VALIDATE_AFTER, help_template = TEMPLATE)]
    Validate(Validate),
    /// Write spec files from a provider's OpenAPI document, or import it again
    #[command(before_help = IMPORT_HEAD, after_help = IMPORT_AFTER, help_template = TEMPLATE, subcommand_value_name = "FORMAT", subcommand_help_heading = "Formats")]
    Import {
        #[command(subcommand)]
        from: ImportFrom,
    },
    /// Report what a provider's new OpenAPI document changed against the spec
    #[command(before_help = DRIFT_HEAD, after_help = DRIFT_AFTER, help_template = TEMPLATE, subcommand_value_name = "FORMAT", subcommand_help_heading = "Formats")]
    Drift {
        #[command(subcommand)]
        from: DriftFrom,
    },
    /// Write the spec's endpoints as an OpenAPI 3.1 document
    #[command(before_help = EXPORT_HEAD, after_help = EXPORT_AFTER, help_template = TEMPLATE)]
    Export(Export),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(before_help = COMPLETIONS_HEAD, after_help = COMPLETIONS_AFTER, help_template = TEMPLATE)]
    Completions {
        /// The shell to complete for
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print this help, or a command's: `mutaspec help check`
    #[command(before_help = HELP_HEAD, help_template = TEMPLATE)]
    Help {
        /// The command to describe
        #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(COMMANDS))]
        command: Option<String>,
    },
}

/// Every command's name, for `help COMMAND` (a test checks it against the commands).
pub const COMMANDS: [&str; 10] = [
    "generate",
    "check",
    "schema",
    "diff",
    "validate",
    "import",
    "drift",
    "export",
    "completions",
    "help",
];

const HELP_HEAD: &str = "mutaspec help: print the help of mutaspec, or of COMMAND (as `mutaspec COMMAND --help`)";

const GENERATE_HEAD: &str = "mutaspec generate: write the generated crate's sources from the spec";
const GENERATE_AFTER: &str = "\
One file per endpoint (src/<api>/<endpoint>.rs), a module per API, and lib.rs.
Only changed files are rewritten; files for endpoints gone from the spec are
removed. The new tree is written to <out>/.src.mutaspec-new and swapped in at
once, so src/ is always the complete old or new tree, whatever stops the run.
Runs into one --out wait for each other (<out>/.mutaspec.lock). A file without
mutaspec's header is never overwritten or removed. Extra derives and attributes,
replaced types and the runtime's path come from .mutaspec-codegen.yaml beside
--spec (or --codegen FILE), which check reads too.
Exit codes: 0 written (or already up to date), 2 the spec has errors or writing failed.";

const CHECK_HEAD: &str = "mutaspec check: check the spec, and that the generated crate matches it";
const CHECK_AFTER: &str = "\
Diagnostics go to stderr as `file:line:col`, with a hint (or to stdout as JSON
lines with `--message-format json`). A stale file is named, with a short unified
diff; a file without mutaspec's header is named as such (move it out of src/:
generate never replaces it). What an interrupted generate left
(.src.mutaspec-new, .src.mutaspec-old) is reported. Nothing is written; a
running generate on the same --out is waited for (shared lock on
<out>/.mutaspec.lock when that file exists). The codegen file generate reads
(.mutaspec-codegen.yaml beside --spec, or --codegen FILE) is read here too.
Exit codes: 0 valid and up to date, 1 stale, 2 the spec has errors or src/
cannot be read (a symlink, FIFO, socket or device in it).";

const SCHEMA_HEAD: &str = "mutaspec schema: print the JSON Schema of the spec format";
const SCHEMA_AFTER: &str = "\
Spec files point editors at it with a first line such as
  # yaml-language-server: $schema=../../schema/mutaspec.schema.json";

const DIFF_HEAD: &str = "\
mutaspec diff: what a spec change means for callers, change by change

OLD and NEW are each a spec directory or file, a git revision (its --spec
directory), or REV:PATH. `--base main` compares --spec at main with the working
tree. Resolved models are compared, never text: reordering or reformatting a
spec reports nothing.";
const DIFF_AFTER: &str = "\
Each change has a rule id (docs/diff.md lists them with their severity), a
sentence and its place in the new spec. An accept file (--accept, or
.mutaspec-accept.yaml beside --spec) accepts or re-grades reviewed changes:
they still show, marked, but count toward --fail-on only as re-graded.
Exit codes: 0 no change at or above --fail-on, 1 some, 2 a side does not load
or the accept file has errors.";

const VALIDATE_HEAD: &str = "\
mutaspec validate: check JSON payloads against an endpoint of the spec, without compiling

Each PAYLOAD is a JSON file of a request body; `-` reads standard input (`--`
ends the options: `-- --odd-name.json`). The checks are those of the generated
`validate_with(current, settings)`, decided by the same plan: same paths, rules,
messages and codes, in the same order. Replay recorded payloads against the old
and the new spec to see what a change does.";
const VALIDATE_AFTER: &str = "\
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
type. 2 wins over 1; every payload is still reported.";

const EXPORT_HEAD: &str = "\
mutaspec export: write the spec in another format

`mutaspec export openapi` writes an OpenAPI 3.1 document of the spec's endpoints
(all APIs, or --api NAME): paths and operations, parameters, servers, security
schemes, request bodies, shared types in components/schemas, responses and error
bodies, with standard keywords wherever OpenAPI has one (readOnly, writeOnly,
type arrays with \"null\", oneOf, enums, lengths, ranges, patterns, required).";
const EXPORT_AFTER: &str = "\
What OpenAPI cannot say (update rules, while:, transitions, locks, groups, side
effects, codes, versions) goes into x-mutaspec-* extensions; the README (\"Export
to OpenAPI\") lists them. The output is the same bytes for the same spec.
Exit codes: 0 written, 2 the spec has errors, --api names no API, two endpoints
share a method and path (export one API at a time), or --out cannot be written.";

const IMPORT_HEAD: &str = "\
mutaspec import: spec files from a provider's API description
(`mutaspec import openapi FILE`: an OpenAPI 3.0 or 3.1 document, JSON or YAML)

Writes one endpoint file per operation (<spec>/<api>/<endpoint>.yaml) and the
API's shared file (api.yaml): method, path, path parameters, header parameters
as documented headers, servers as hosts, security schemes as auth, the request
body's fields with their types, enums, formats, lengths, ranges, patterns,
required members, readOnly (not sent; output only in shared types) and
nullability (`clear: null`), descriptions as docs, the documented statuses, and
the shared schemas as shared types.";
const IMPORT_AFTER: &str = "\
A document carries no update rules: every field gets the default rule (mutable)
and a `review:` marker; decide each rule from the provider's docs, then remove
the marker. `source:` cites the document, its info.version and the operation.
Importing again into the same directory changes only what the document says:
rules, conditions, locks, error codes and every other key a person added stay
(comments do not). `$ref`s are followed within the document; allOf is merged;
oneOf/anyOf of an object and a string is `T | string`, any other is json.
Exit codes: 0 written, 2 bad usage, a bad document or an operation not found.";

const IMPORT_OPENAPI_HEAD: &str = "mutaspec import openapi: write spec files for operations of an OpenAPI document";

const DRIFT_HEAD: &str = "\
mutaspec drift: what a provider's new API description changed against the spec
(`mutaspec drift openapi FILE`: an OpenAPI 3.0 or 3.1 document, JSON or YAML)

Every endpoint of --spec whose `source:` cites an OpenAPI document is imported
again in memory from FILE, over the spec, and the two are compared as `mutaspec
diff` compares specs: fields added or removed, types, constraints tightened or
loosened, enum values, statuses, hosts and auth, an operation gone.";
const DRIFT_AFTER: &str = "\
The rule ids and severities are those of `mutaspec diff` (docs/diff.md); only
what a document carries can change, so update rules never drift. To take the
change, run `mutaspec import openapi FILE` with the same operations and review
the result with `mutaspec diff`.
Exit codes: 0 no change at or above --fail-on, 1 some, 2 bad usage, a bad
document or a spec that does not load.";

const DRIFT_OPENAPI_HEAD: &str = "mutaspec drift openapi: compare the spec with a provider's new OpenAPI document";

const COMPLETIONS_HEAD: &str = "mutaspec completions: print a completion script for SHELL on standard output";
const COMPLETIONS_AFTER: &str = "\
For example:
  bash: mutaspec completions bash > ~/.local/share/bash-completion/completions/mutaspec
  zsh:  mutaspec completions zsh > ~/.zfunc/_mutaspec   (with ~/.zfunc in $fpath)
  fish: mutaspec completions fish > ~/.config/fish/completions/mutaspec.fish
Exit codes: 0 printed, 2 bad usage.";

/// `--deny`: what to turn into errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    // Every warning the spec does not `allow:`
    Warnings,
}

/// `--message-format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    // Rendered like rustc, on standard error
    #[default]
    Human,
    // One JSON object per diagnostic, then a summary object, one per line on standard output
    Json,
}

/// `generate`'s options.
#[derive(Debug, Args)]
pub struct Generate {
    /// The spec directory or file
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// The generated crate; mutaspec owns its src/
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    /// Fail (exit 2, nothing written) on any warning not `allow:`ed
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
    /// How to print diagnostics
    #[arg(long, value_enum, value_name = "FMT", default_value_t)]
    pub message_format: MessageFormat,
    /// Write a complete crate: also `<out>/Cargo.toml` (package NAME, depending on mutaspec-runtime only), itself a generated file
    #[arg(long = "crate", value_name = "NAME")]
    pub krate: Option<String>,
    /// With --crate: depend on mutaspec-runtime at PATH as well as by version (written as given: relative to --out)
    #[arg(long, value_name = "PATH", requires = "krate")]
    pub runtime_path: Option<String>,
    #[command(flatten)]
    pub codegen: Codegen,
}

/// `check`'s options.
#[derive(Debug, Args)]
pub struct Check {
    /// The spec directory or file
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// The generated crate; its src/ is compared
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    /// Fail (exit 2) on any warning the spec does not `allow:`
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
    /// How to print diagnostics
    #[arg(long, value_enum, value_name = "FMT", default_value_t)]
    pub message_format: MessageFormat,
    /// Also compare `<out>/Cargo.toml` with the one `generate --crate NAME` writes (same --runtime-path)
    #[arg(long = "crate", value_name = "NAME")]
    pub krate: Option<String>,
    /// With --crate: the mutaspec-runtime path dependency
    #[arg(long, value_name = "PATH", requires = "krate")]
    pub runtime_path: Option<String>,
    #[command(flatten)]
    pub codegen: Codegen,
}

/// The codegen file of `generate` and `check` (extra derives and attributes, replaced
/// types, the runtime's path): found beside the spec, so both commands read the same.
#[derive(Debug, Args)]
pub struct Codegen {
    /// A codegen options file (default: .mutaspec-codegen.yaml beside --spec, if present)
    #[arg(long, value_name = "FILE", conflicts_with = "no_codegen")]
    pub codegen: Option<PathBuf>,
    /// Read no codegen file, not even the default one
    #[arg(long)]
    pub no_codegen: bool,
}

impl Codegen {
    /// The file to read, if any: `--codegen`, else the default one beside `spec` when
    /// it exists (a dangling link or unreadable file there counts: its error is shown).
    pub fn file(&self, spec: &std::path::Path) -> Option<PathBuf> {
        match (&self.codegen, self.no_codegen) {
            (Some(file), _) => Some(file.clone()),
            (None, true) => None,
            (None, false) => Some(mutaspec_core::codegen_file::default_path(spec)).filter(|p| p.symlink_metadata().is_ok()),
        }
    }
}

/// `diff`'s options.
#[derive(Debug, Args)]
pub struct Diff {
    /// The old side: a spec directory or file, a git revision, or REV:PATH
    #[arg(value_name = "OLD", required_unless_present = "base", conflicts_with = "base")]
    pub old: Option<String>,
    /// The new side, as OLD
    #[arg(value_name = "NEW", required_unless_present = "base", conflicts_with = "base")]
    pub new: Option<String>,
    /// Compare --spec at git revision REV with the working tree
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// The spec directory or file
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// text, markdown (a pull-request comment), json, github (Actions annotations), sarif or junit
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// The mildest severity that makes the exit code 1
    #[arg(long, value_enum, value_name = "SEV", default_value_t = FailOn::Breaking)]
    pub fail_on: FailOn,
    /// An accept file of reviewed changes (default: .mutaspec-accept.yaml beside --spec, if present)
    #[arg(long, value_name = "FILE", conflicts_with = "no_accept")]
    pub accept: Option<PathBuf>,
    /// Read no accept file, not even the default one
    #[arg(long)]
    pub no_accept: bool,
}

/// `diff --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    // One block per change, rustc-like, with a summary line
    Text,
    // A pull-request comment: grouped by endpoint, breaking first
    #[value(alias = "md")]
    Markdown,
    // A JSON document (`schema: mutaspec-diff/1`)
    Json,
    // GitHub Actions workflow commands: an annotation per change
    Github,
    // A SARIF 2.1.0 log
    Sarif,
    // A JUnit XML report: a suite per endpoint, a case per change
    Junit,
}

/// `diff --fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    // Only breaking changes fail
    Breaking,
    // Breaking changes and warnings fail
    Warning,
    // Any change fails
    Info,
}

/// `validate`'s options.
#[derive(Debug, Args)]
pub struct Validate {
    /// The spec directory or file
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// `api::endpoint`, or an endpoint name only one API has
    #[arg(long, value_name = "NAME")]
    pub endpoint: String,
    /// JSON of the current resource by wire name, in the shape of `<Endpoint>Current`
    /// (nested objects the rules read, keyed array items, `current:` fields): turns on
    /// the set-once, identifying and conditional checks
    #[arg(long, value_name = "FILE")]
    pub current: Option<String>,
    /// JSON of the program's settings by spec name (a missing one takes the spec's
    /// default): turns on setting locks and settings-switched constraints
    #[arg(long, value_name = "FILE")]
    pub settings: Option<String>,
    /// The API version to validate for, one of the API's `versions:` (default: the
    /// latest): fields and enum values outside their `since:`/`until:` are violations
    #[arg(long, value_name = "VERSION")]
    pub api_version: Option<String>,
    /// text or json
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
    /// JSON files of request bodies; `-` reads standard input
    #[arg(value_name = "PAYLOAD", required = true)]
    pub payloads: Vec<String>,
}

/// `export`'s options.
#[derive(Debug, Args)]
pub struct Export {
    /// What to write: `openapi` (an OpenAPI 3.1 document)
    #[arg(value_enum, value_name = "TARGET")]
    pub target: ExportTarget,
    /// The spec directory or file
    #[arg(long, visible_alias = "spec-dir", value_name = "DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// The file to write (default: standard output)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// json or yaml
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Only this API's endpoints
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
}

/// `export TARGET`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    // An OpenAPI 3.1 document
    Openapi,
}

/// `export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    // Pretty-printed JSON
    Json,
    // YAML
    Yaml,
}

/// `import`'s formats.
#[derive(Debug, Subcommand)]
pub enum ImportFrom {
    /// An OpenAPI 3.0 or 3.1 document, JSON or YAML
    #[command(before_help = IMPORT_OPENAPI_HEAD, after_help = IMPORT_AFTER, help_template = TEMPLATE)]
    Openapi(ImportOpenapi),
}

/// `import openapi`'s options.
#[derive(Debug, Args)]
pub struct ImportOpenapi {
    /// The OpenAPI document (JSON or YAML)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// An operationId to import (repeat for several)
    #[arg(long = "operation", value_name = "ID", required_unless_present = "path")]
    pub operations: Vec<String>,
    /// With --path: the operation's HTTP method
    #[arg(long, value_name = "METHOD", requires = "path")]
    pub method: Option<String>,
    /// With --method: the operation's path template, as the document writes it (`/pet/{petId}`)
    #[arg(long, value_name = "PATH", requires = "method")]
    pub path: Option<String>,
    /// The spec directory written into
    #[arg(long = "spec", visible_alias = "spec-dir", value_name = "DIR", default_value = "spec")]
    pub spec_dir: PathBuf,
    /// The API name (default: the snake_case of the document's info.title)
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
}

/// `drift`'s formats.
#[derive(Debug, Subcommand)]
pub enum DriftFrom {
    /// An OpenAPI 3.0 or 3.1 document, JSON or YAML
    #[command(before_help = DRIFT_OPENAPI_HEAD, after_help = DRIFT_AFTER, help_template = TEMPLATE)]
    Openapi(DriftOpenapi),
}

/// `drift openapi`'s options.
#[derive(Debug, Args)]
pub struct DriftOpenapi {
    /// The provider's new OpenAPI document (JSON or YAML)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The spec directory compared
    #[arg(long = "spec", visible_alias = "spec-dir", value_name = "DIR", default_value = "spec")]
    pub spec_dir: PathBuf,
    /// Only the endpoints of this API
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
    /// text, markdown (a pull-request comment) or json
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = DriftFormat::Text)]
    pub format: DriftFormat,
    /// The mildest severity that makes the exit code 1
    #[arg(long, value_enum, value_name = "SEV", default_value_t = FailOn::Breaking)]
    pub fail_on: FailOn,
}

/// `drift --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DriftFormat {
    // One block per change, rustc-like, with a summary line
    Text,
    // A pull-request comment: grouped by endpoint, breaking first
    #[value(alias = "md")]
    Markdown,
    // A JSON document (`schema: mutaspec-diff/1`)
    Json,
}

/// `validate --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    // One line per violation
    Text,
    // A JSON array with one entry per payload
    Json,
}

/// Parses the arguments (the program name first): the parsed command line, or clap's
/// error (which is also how help and the version arrive: [`clap::Error::exit_code`] 0).
pub fn parse(argv: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let cli = Cli::try_parse_from(argv)?;
    if let Some(Command::Validate(v)) = &cli.command {
        let stdin_uses = v.payloads.iter().chain(&v.current).chain(&v.settings).filter(|p| *p == "-").count();
        if stdin_uses > 1 {
            return Err(usage_error(
                ErrorKind::ArgumentConflict,
                "`-` (standard input) can be given only once",
            ));
        }
    }
    Ok(cli)
}

/// A usage error in clap's form (`error: ...`, the usage, a pointer to `--help`).
fn usage_error(kind: ErrorKind, message: &str) -> clap::Error {
    Cli::command().error(kind, message)
}

/// The help `mutaspec help [COMMAND]` prints: the top-level help, or that of
/// `mutaspec COMMAND --help`.
pub fn help(command: Option<&str>) -> clap::builder::StyledStr {
    let Some(name) = command else {
        return Cli::command().render_help();
    };
    match Cli::try_parse_from(["mutaspec", name, "--help"]) {
        Err(e) => e.render(),
        Ok(_) => Cli::command().render_help(),
    }
}

/// The `--color` value given on the command line, read without parsing the rest: for
/// colouring clap's own errors, which arrive when parsing failed. The last one before
/// `--` wins, as with clap; an invalid value counts as `auto`.
pub fn color_in(argv: &[std::ffi::OsString]) -> Color {
    let mut color = Color::Auto;
    let mut args = argv.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(arg) = args.next() {
        let value = match arg {
            "--" => break,
            "--color" => args.next().unwrap_or(""),
            _ => match arg.strip_prefix("--color=") {
                Some(v) => v,
                None => continue,
            },
        };
        color = Color::from_str(value, false).unwrap_or(Color::Auto);
    }
    color
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "mutaspec", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

impl Diff {
    /// Maps the options onto the library's: the two sides and the output options.
    pub fn sides(
        &self,
    ) -> Result<
        (
            mutaspec_core::diff::Side,
            mutaspec_core::diff::Side,
            mutaspec_core::ops::DiffOptions,
        ),
        clap::Error,
    > {
        let d = self;
        use mutaspec_core::diff::{Level, OutputFormat, Side};
        use mutaspec_core::ops::DiffOptions as Options;
        let (old, new) = match (&d.base, &d.old, &d.new) {
            (Some(rev), _, _) => (
                Side::Git {
                    rev: rev.clone(),
                    dir: d.spec.clone(),
                },
                Side::Path(d.spec.clone()),
            ),
            (None, Some(old), Some(new)) => (Side::parse(old, &d.spec), Side::parse(new, &d.spec)),
            // clap requires both without --base; never reached.
            (None, _, _) => {
                return Err(usage_error(
                    ErrorKind::MissingRequiredArgument,
                    "`diff` needs OLD and NEW, or `--base REV`",
                ))
            }
        };
        let format = match d.format {
            DiffFormat::Text => OutputFormat::Text,
            DiffFormat::Markdown => OutputFormat::Markdown,
            DiffFormat::Json => OutputFormat::Json,
            DiffFormat::Github => OutputFormat::Github,
            DiffFormat::Sarif => OutputFormat::Sarif,
            DiffFormat::Junit => OutputFormat::Junit,
        };
        let accept = match (&d.accept, d.no_accept) {
            (Some(file), _) => Some(file.clone()),
            (None, true) => None,
            (None, false) => Some(default_accept(&d.spec)).filter(|p| p.exists()),
        };
        let fail_on = match d.fail_on {
            FailOn::Breaking => Level::Breaking,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        };
        Ok((old, new, Options { format, fail_on, accept }))
    }
}

/// `.mutaspec-accept.yaml` beside `spec`: in the directory that holds the spec
/// directory (or file).
pub fn default_accept(spec: &std::path::Path) -> PathBuf {
    let parent = spec.parent().unwrap_or(std::path::Path::new(""));
    parent.join(mutaspec_core::diff::accept::DEFAULT_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_knows_every_command() {
        let names: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
        assert_eq!(names, COMMANDS);
    }

    #[test]
    fn color_is_read_before_parsing() {
        let argv = |args: &[&str]| -> Vec<std::ffi::OsString> {
            std::iter::once("mutaspec").chain(args.iter().copied()).map(Into::into).collect()
        };
        assert_eq!(color_in(&argv(&["chek"])), Color::Auto);
        assert_eq!(color_in(&argv(&["--color", "always", "chek"])), Color::Always);
        assert_eq!(color_in(&argv(&["chek", "--color=never"])), Color::Never);
        assert_eq!(color_in(&argv(&["--color=never", "--color", "always"])), Color::Always);
        assert_eq!(color_in(&argv(&["--", "--color=always"])), Color::Auto);
        assert_eq!(color_in(&argv(&["--color", "sometimes"])), Color::Auto);
    }
}
