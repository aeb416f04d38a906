//! `mutaspec`: the command-line front of the mutaspec library.
//!
//! Each command maps its arguments onto a library call; no generation logic lives here.

mod args;

use std::io::{self, Write};
use std::process::ExitCode;

use args::{Command, Parsed};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(Parsed::Help(text)) => ExitCode::from(emit(&text, "", 0)),
        Ok(Parsed::Run(cmd)) => ExitCode::from(run(cmd)),
        Err(msg) => ExitCode::from(emit("", &format!("error: {msg}\n\nRun `mutaspec --help` for usage.\n"), 2)),
    }
}

fn run(cmd: Command) -> u8 {
    let outcome = match cmd {
        Command::Check { spec, out, options } => mutaspec_core::ops::check_with_options(&spec, &out, &options),
        Command::Generate { spec, out, options } => mutaspec_core::ops::generate_with_options(&spec, &out, &options),
        Command::Schema => mutaspec_core::ops::Outcome {
            exit: 0,
            stdout: mutaspec_core::schema::SCHEMA.to_owned(),
            stderr: String::new(),
        },
        Command::Diff { old, new, options } => mutaspec_core::diff::run(&old, &new, options),
        Command::Validate(options) => mutaspec_core::eval::command::validate(&options, &mut std::io::stdin().lock()),
    };
    emit(&outcome.stdout, &outcome.stderr, outcome.exit)
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
