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
    match cmd {
        Command::Check { spec, out } => commands::check(&spec, &out),
        Command::Schema => {
            println!("{}", mutaspec_core::schema::SCHEMA.trim_end());
            0
        }
    }
}

mod commands {
    use std::path::Path;

    /// Loads the spec, prints diagnostics; exit 2 on errors.
    pub fn check(spec: &Path, _out: &Path) -> u8 {
        match mutaspec_core::load(spec) {
            Ok(loaded) => {
                if !loaded.warnings.is_empty() {
                    eprint!("{}", loaded.sources.render(&loaded.warnings));
                }
                let n = loaded.spec.endpoints().count();
                eprintln!("spec ok: {} api(s), {n} endpoint(s)", loaded.spec.apis.len());
                0
            }
            Err(e) => {
                eprint!("{}", e.render());
                2
            }
        }
    }
}
