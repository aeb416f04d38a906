//! `mutaspec`: the command-line front of the mutaspec library.
//!
//! Each command maps its arguments onto a library call; no generation logic lives here.

mod args;

use std::process::ExitCode;

use args::{Command, Parsed};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(Parsed::Help(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Ok(Parsed::Run(cmd)) => ExitCode::from(run(cmd)),
        Err(msg) => {
            eprintln!("error: {msg}\n\nRun `mutaspec --help` for usage.");
            ExitCode::from(2)
        }
    }
}

fn run(cmd: Command) -> u8 {
    let outcome = match cmd {
        Command::Check { spec, out, deny } => mutaspec_core::ops::check_with(&spec, &out, deny),
        Command::Generate { spec, out, deny } => mutaspec_core::ops::generate_with(&spec, &out, deny),
        Command::Schema => mutaspec_core::ops::Outcome {
            exit: 0,
            stdout: mutaspec_core::schema::SCHEMA.to_owned(),
            stderr: String::new(),
        },
        Command::Diff { old, new, options } => mutaspec_core::diff::run(&old, &new, options),
        Command::Validate(options) => mutaspec_core::eval::command::validate(&options, &mut std::io::stdin().lock()),
    };
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    outcome.exit
}
