//! The binary's own output: help for every command, and a reader that goes away
//! (`mutaspec diff ... | head`) ending the output quietly with the command's exit code.

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[test]
fn help_works_for_every_command_including_help() {
    for cmd in ["generate", "check", "schema", "diff", "validate", "export", "help", "--help", "-h"] {
        let out = Command::new(BIN).args(["help", cmd]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "help {cmd}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "help {cmd}");
    }
    let out = Command::new(BIN).args(["help", "nonsense"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Runs the binary with standard output (and, with `both`, standard error) on a pipe
/// whose reader is already gone: every write fails with EPIPE.
fn closed_pipe(args: &[&str], both: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(root()).stdin(Stdio::null());
    cmd.stdout(writer.try_clone().unwrap());
    let child = if both {
        cmd.stderr(writer).spawn().unwrap()
    } else {
        drop(writer);
        cmd.stderr(Stdio::piped()).spawn().unwrap()
    };
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_pipe_is_no_panic_and_keeps_the_exit_code() {
    let spec = root().join("spec");
    let spec = spec.to_str().unwrap();
    for (args, code) in [
        (vec!["schema"], 0),
        (vec!["help", "help"], 0),
        (vec!["--help"], 0),
        (vec!["diff", spec, spec], 0),
        (vec!["diff", spec, spec, "--format", "json"], 0),
        (vec!["nonsense"], 2),
    ] {
        let (status, stderr) = closed_pipe(&args, false);
        assert_eq!(status, Some(code), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // `check ... 2>&1 | head -1`: both streams closed.
    let (status, _) = closed_pipe(&["check"], true);
    assert_eq!(status, Some(0), "check with stdout and stderr closed");
    let (status, _) = closed_pipe(&["check", "--spec", "no/such/spec"], true);
    assert_eq!(status, Some(2));
}
