//! `mutaspec`: the command-line front of the mutaspec library.
//!
//! Each command maps its arguments onto a library call; no generation logic lives here.

mod args;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

use args::{Cli, Color, Command};
use mutaspec_core::ops::{self, MessageFormat, Outcome};

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let code = match args::parse(&argv) {
        Ok(cli) => run(cli),
        Err(e) => {
            // Help and the version (exit 0) go to stdout, usage errors (exit 2) to stderr.
            let color = args::color_in(&argv);
            let to_stderr = e.use_stderr();
            let text = styled(&e.render(), colored(color, to_stderr));
            let exit = u8::try_from(e.exit_code()).unwrap_or(2);
            if to_stderr {
                emit("", &text, exit)
            } else {
                emit(&text, "", exit)
            }
        }
    };
    ExitCode::from(code)
}

/// Whether to colour what goes to standard error (`to_stderr`) or standard output:
/// `auto` asks anstream, which looks at the terminal, NO_COLOR, CLICOLOR(_FORCE) and TERM.
fn colored(choice: Color, to_stderr: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let choice = if to_stderr {
                anstream::AutoStream::choice(&io::stderr())
            } else {
                anstream::AutoStream::choice(&io::stdout())
            };
            // Never for a non-terminal unless CLICOLOR_FORCE is set; NO_COLOR wins.
            choice != anstream::ColorChoice::Never
        }
    }
}

/// clap's styled text, with its ANSI codes or without any.
fn styled(text: &clap::builder::StyledStr, color: bool) -> String {
    if color {
        text.ansi().to_string()
    } else {
        text.to_string()
    }
}

fn run(cli: Cli) -> u8 {
    let Some(command) = cli.command else {
        return emit(&styled(&args::help(None), colored(cli.color, false)), "", 0);
    };
    let color = colored(cli.color, true);
    let options = |deny: Option<args::Deny>,
                   format: args::MessageFormat,
                   krate: Option<String>,
                   runtime_path: Option<String>,
                   codegen: Option<std::path::PathBuf>|
     -> Result<ops::Options, String> {
        let krate = match krate {
            None => None,
            Some(name) => {
                let krate = mutaspec_core::render::Crate::new(&name).map_err(|e| format!("`--crate`: {e}"))?;
                Some(match runtime_path {
                    Some(path) => krate.runtime_path(path),
                    None => krate,
                })
            }
        };
        Ok(ops::Options {
            deny_warnings: deny.is_some(),
            message_format: match format {
                args::MessageFormat::Human => MessageFormat::Human,
                args::MessageFormat::Json => MessageFormat::Json,
            },
            color,
            krate,
            codegen,
        })
    };
    let usage = |e: String| emit("", &format!("error: {e}\n\nFor more information, try '--help'.\n"), 2);
    let outcome = match command {
        Command::Check(c) => match options(c.deny, c.message_format, c.krate, c.runtime_path, c.codegen.file(&c.spec)) {
            Ok(o) => ops::check_opts(&c.spec, &c.out, o),
            Err(e) => return usage(e),
        },
        Command::Generate(g) => match options(g.deny, g.message_format, g.krate, g.runtime_path, g.codegen.file(&g.spec)) {
            Ok(o) => ops::generate_opts(&g.spec, &g.out, o),
            Err(e) => return usage(e),
        },
        Command::Schema => ops::schema(),
        Command::Completions { shell } => text_outcome(args::completions(shell)),
        Command::Help { command } => text_outcome(styled(&args::help(command.as_deref()), colored(cli.color, false))),
        Command::Diff(d) => match d.sides() {
            Ok((old, new, options)) => ops::diff(&old, &new, options),
            Err(e) => return emit("", &styled(&e.render(), colored(cli.color, true)), 2),
        },
        Command::Validate(v) => {
            let options = ops::ValidateOptions {
                spec: v.spec,
                endpoint: v.endpoint,
                current: v.current,
                settings: v.settings,
                api_version: v.api_version,
                format: match v.format {
                    args::ValidateFormat::Text => ops::ValidateFormat::Text,
                    args::ValidateFormat::Json => ops::ValidateFormat::Json,
                },
                payloads: v.payloads,
            };
            ops::validate(&options, &mut io::stdin().lock())
        }
        Command::Import {
            from: args::ImportFrom::Openapi(i),
        } => import_openapi(i),
        Command::Drift {
            from: args::DriftFrom::Openapi(d),
        } => drift_openapi(d),
        Command::Export(x) => {
            let args::ExportTarget::Openapi = x.target;
            ops::export_openapi(&ops::ExportOptions {
                spec: x.spec,
                out: x.out,
                format: match x.format {
                    args::ExportFormat::Json => ops::ExportFormat::Json,
                    args::ExportFormat::Yaml => ops::ExportFormat::Yaml,
                },
                api: x.api,
                color,
            })
        }
    };
    emit(&outcome.stdout, &outcome.stderr, outcome.exit)
}

/// `import openapi`: the spec files written, or the document's errors (exit 2).
fn import_openapi(i: args::ImportOpenapi) -> Outcome {
    use mutaspec_openapi::Selector;
    let fail = |stderr: String| Outcome {
        exit: 2,
        stdout: String::new(),
        stderr,
    };
    let doc = match mutaspec_openapi::read(&i.file) {
        Ok(d) => d,
        Err(e) => return fail(format!("{e}\n")),
    };
    let mut selectors: Vec<Selector> = i.operations.into_iter().map(Selector::Id).collect();
    if let (Some(m), Some(p)) = (i.method, i.path) {
        selectors.push(Selector::MethodPath(m, p));
    }
    let api = i.api.unwrap_or_else(|| mutaspec_openapi::api_name(&doc));
    match mutaspec_openapi::import(&doc, &selectors, &api, &i.spec_dir) {
        Ok(done) => {
            let mut stdout = String::new();
            for (path, existed) in &done.files {
                stdout.push_str(&format!("{} {}\n", if *existed { "updated" } else { "wrote" }, path.display()));
            }
            for note in &done.notes {
                stdout.push_str(&format!("note: {note}\n"));
            }
            stdout.push_str(&format!(
                "imported {} operation(s) of {} (info.version {}): review each field marked `review:`, then run `mutaspec check`\n",
                selectors.len(),
                doc.name,
                doc.version
            ));
            text_outcome(stdout)
        }
        Err(e) => fail(e),
    }
}

/// `drift openapi`: the changes the document makes to the spec, as `diff` prints them.
fn drift_openapi(d: args::DriftOpenapi) -> Outcome {
    use mutaspec_core::diff::{Level, OutputFormat};
    let fail = |stderr: String| Outcome {
        exit: 2,
        stdout: String::new(),
        stderr,
    };
    let doc = match mutaspec_openapi::read(&d.file) {
        Ok(d) => d,
        Err(e) => return fail(format!("{e}\n")),
    };
    let format = match d.format {
        args::DriftFormat::Text => OutputFormat::Text,
        args::DriftFormat::Markdown => OutputFormat::Markdown,
        args::DriftFormat::Json => OutputFormat::Json,
    };
    let fail_on = match d.fail_on {
        args::FailOn::Breaking => Level::Breaking,
        args::FailOn::Warning => Level::Warning,
        args::FailOn::Info => Level::Info,
    };
    match mutaspec_openapi::drift_report(&doc, &d.spec_dir, d.api.as_deref(), format, fail_on) {
        Ok((stdout, exit)) => Outcome {
            exit,
            stdout,
            stderr: String::new(),
        },
        Err(e) => fail(e),
    }
}

fn text_outcome(stdout: String) -> Outcome {
    Outcome {
        exit: 0,
        stdout,
        stderr: String::new(),
    }
}

/// Prints both texts and returns the exit code. A reader that went away (`| head`) is no
/// error: the output stops there and the code stays the command's, as with cargo. Any
/// other failure to write standard output is reported on stderr, with exit 2.
fn emit(stdout: &str, stderr: &str, exit: u8) -> u8 {
    let wrote = write_all(&mut io::stdout().lock(), stdout);
    // stderr is written even when stdout's reader left: they may be different pipes.
    let _ = write_all(&mut io::stderr().lock(), stderr);
    match wrote {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
            2
        }
        _ => exit,
    }
}

fn write_all(w: &mut dyn Write, text: &str) -> io::Result<()> {
    w.write_all(text.as_bytes())?;
    w.flush()
}
