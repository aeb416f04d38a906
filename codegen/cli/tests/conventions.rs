//! The command-line conventions a Rust user expects (issue 18): did-you-mean on usage
//! errors, `--` ending options, `--color`, shell completions, help for every command, and
//! `--message-format json` diagnostics (a snapshot of the schema).
//!
//! `MUTASPEC_BLESS=1 cargo test -p mutaspec-cli --test conventions` rewrites the snapshot
//! in `tests/snapshots/`; review the diff before committing it.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::Temp;

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
/// A bad spec with a warning and an error: both severities in one run.
const BAD: &str = "tests/bad-specs/plain-http-host.yaml";

/// Runs the binary in the workspace root, with no colour variables from the caller's
/// environment, plus `env`.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(ROOT);
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("run mutaspec")
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_misspelt_command_or_option_gets_a_did_you_mean_and_exit_2() {
    for (args, needles) in [
        (&["chek"][..], &["error: unrecognized subcommand 'chek'", "'check'"][..]),
        (&["genrate"], &["'generate'"]),
        (&["help", "chek"], &["a similar value exists: 'check'"]),
        (
            &["check", "--spce", "spec"],
            &["unexpected argument '--spce'", "a similar argument exists: '--spec'"],
        ),
        (&["generate", "--dny", "warnings"], &["a similar argument exists: '--deny'"]),
        (
            &["diff", "--fial-on", "info", "a", "b"],
            &["a similar argument exists: '--fail-on'"],
        ),
        (
            &["check", "--message-format", "jsno"],
            &["invalid value 'jsno'", "a similar value exists: 'json'"],
        ),
        (&["--colour", "never", "check"], &["a similar argument exists: '--color'"]),
    ] {
        let out = run(args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        for needle in needles {
            assert!(stderr.contains(needle), "{args:?}: no {needle:?} in\n{stderr}");
        }
    }
}

#[test]
fn double_dash_ends_the_options() {
    let t = Temp::new("conventions", "dashdash");
    std::fs::write(t.0.join("--weird.json"), r#"{"customerId": 1, "gender": "X"}"#).unwrap();
    let spec = Path::new(ROOT).join("spec");
    let spec = spec.to_str().unwrap();
    let validate = |extra: &[&str]| {
        Command::new(BIN)
            .args(["validate", "--spec", spec, "--endpoint", "helix::update_customer"])
            .args(extra)
            .current_dir(&t.0)
            .output()
            .unwrap()
    };
    // Without `--`, the name is an unknown option, and clap says how to pass it.
    let out = validate(&["--weird.json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("unexpected argument '--weird.json'"), "{stderr}");
    assert!(stderr.contains("use '-- --weird.json'"), "{stderr}");
    // After `--` it is a payload: read, and its violation reported under its name.
    let out = validate(&["--", "--weird.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "--weird.json: gender: Gender is invalid. Valid values are: 'M', 'F', and 'U'. [enum] (code 60302)\n"
    );
    // Options before `--` still count; `--format` after it would be a payload.
    let out = validate(&["--format", "json", "--", "--weird.json"]);
    assert!(text(&out.stdout).contains("\"payload\": \"--weird.json\""), "{}", text(&out.stdout));
}

/// The command names the top-level help lists.
fn listed_commands() -> Vec<String> {
    let help = text(&run(&["--help"]).stdout);
    let section = help.split("Commands:\n").nth(1).expect("a Commands section");
    section
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect()
}

#[test]
fn help_works_for_every_command_in_every_form() {
    let commands = listed_commands();
    assert_eq!(
        commands,
        [
            "generate",
            "check",
            "schema",
            "diff",
            "validate",
            "import",
            "drift",
            "export",
            "completions",
            "help"
        ],
        "the commands the help lists"
    );
    for cmd in &commands {
        let by_help = run(&["help", cmd]);
        assert_eq!(by_help.status.code(), Some(0), "help {cmd}: {}", text(&by_help.stderr));
        let help = text(&by_help.stdout);
        assert!(help.starts_with(&format!("mutaspec {cmd}: ")), "help {cmd}:\n{help}");
        assert!(help.contains(&format!("Usage: mutaspec {cmd}")), "help {cmd}:\n{help}");
        for flag in ["--help", "-h"] {
            let out = run(&[cmd, flag]);
            assert_eq!(out.status.code(), Some(0), "{cmd} {flag}");
            assert_eq!(text(&out.stdout), help, "`{cmd} {flag}` is `help {cmd}`");
        }
    }
    // `mutaspec` alone, `help`, `--help` and `-h` print the top-level help.
    let top = text(&run(&["--help"]).stdout);
    assert!(top.starts_with("mutaspec: "), "{top}");
    for args in [&[][..], &["help"], &["-h"]] {
        let out = run(args);
        assert_eq!((out.status.code(), text(&out.stdout)), (Some(0), top.clone()), "{args:?}");
    }
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), format!("mutaspec {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_print_a_script_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains("mutaspec"), "{shell}");
        for word in ["generate", "check", "validate", "message-format", "color"] {
            assert!(script.contains(word), "{shell}: no `{word}` in the script");
        }
    }
    let bash = text(&run(&["completions", "bash"]).stdout);
    assert!(bash.contains("complete -F _mutaspec"), "{bash}");
    for cmd in listed_commands() {
        assert!(bash.contains(&format!("mutaspec,{cmd})")), "bash completes `{cmd}`");
    }
    let out = run(&["completions", "nushell"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("[possible values: bash, elvish, fish, powershell, zsh]"));
}

const ESC: char = '\u{1b}';

#[test]
fn color_always_never_and_auto() {
    let plain = run(&["check", "--spec", BAD]);
    let plain_err = text(&plain.stderr);
    assert_eq!(plain.status.code(), Some(2));
    assert!(!plain_err.contains(ESC), "auto, not a terminal: no colour\n{plain_err}");
    assert!(plain_err.starts_with("warning[plain-http-host]: "), "{plain_err}");

    let always = run(&["check", "--spec", BAD, "--color", "always"]);
    assert_eq!(always.status.code(), Some(2));
    let coloured = text(&always.stderr);
    assert!(
        coloured.starts_with("\u{1b}[1;33mwarning[plain-http-host]\u{1b}[0m"),
        "{coloured:?}"
    );
    assert!(coloured.contains("\u{1b}[1;31merror[bad-host]\u{1b}[0m"), "{coloured:?}");
    assert!(
        coloured.contains("\u{1b}[1;34m-->\u{1b}[0m \u{1b}[1;34mtests/bad-specs/plain-http-host.yaml:13:12"),
        "{coloured:?}"
    );
    assert_eq!(strip_ansi(&coloured), plain_err, "colour only wraps the plain text");

    // `never` wins over CLICOLOR_FORCE; `auto` follows CLICOLOR_FORCE, unless NO_COLOR.
    let never = run_env(&["--color=never", "check", "--spec", BAD], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(text(&never.stderr), plain_err);
    let forced = run_env(&["check", "--spec", BAD], &[("CLICOLOR_FORCE", "1")]);
    assert_eq!(text(&forced.stderr), coloured);
    let no_color = run_env(&["check", "--spec", BAD], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(text(&no_color.stderr), plain_err);

    // clap's own messages follow --color too.
    let usage = run(&["--color", "always", "chek"]);
    assert!(text(&usage.stderr).contains(ESC), "{}", text(&usage.stderr));
    assert!(!text(&run(&["--color", "never", "chek"]).stderr).contains(ESC));
    let help = run(&["help", "check", "--color", "always"]);
    assert!(text(&help.stdout).contains(ESC));
    assert!(!text(&run(&["help", "check"]).stdout).contains(ESC));
    // A bad value is a usage error with the values listed.
    let bad = run(&["--color", "sometimes", "check"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("[possible values: auto, always, never]"));
}

/// Takes out SGR sequences (`ESC [ ... m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == ESC {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

const FIELDS: [&str; 12] = [
    "reason",
    "severity",
    "code",
    "message",
    "file",
    "line",
    "column",
    "end_line",
    "end_column",
    "hint",
    "labels",
    "rendered",
];
const SUMMARY_FIELDS: [&str; 6] = ["reason", "command", "success", "exit_code", "errors", "warnings"];

fn keys(v: &serde_json::Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
    k.sort();
    k
}

fn sorted(fields: &[&str]) -> Vec<String> {
    let mut k: Vec<String> = fields.iter().map(|s| (*s).to_owned()).collect();
    k.sort();
    k
}

#[test]
fn message_format_json_matches_the_snapshot_and_the_schema() {
    let out = run(&["check", "--spec", BAD, "--message-format", "json", "--color", "always"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(
        out.stderr.is_empty(),
        "JSON mode: the diagnostics are on stdout only\n{}",
        text(&out.stderr)
    );
    assert!(!stdout.contains(ESC), "JSON is never coloured");

    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/message-format-json.jsonl");
    if std::env::var_os("MUTASPEC_BLESS").is_some() {
        std::fs::write(&snapshot, &stdout).expect("write the snapshot");
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(stdout, expected, "differs from {} (MUTASPEC_BLESS=1 to accept)", snapshot.display());

    // One object per line: the diagnostics with every documented field, then the summary.
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect();
    let (summary, diags) = lines.split_last().expect("a summary line");
    assert_eq!(diags.len(), 2);
    for d in diags {
        assert_eq!(keys(d), sorted(&FIELDS), "{d}");
        assert_eq!(d["reason"], "diagnostic");
        assert!(d["end_column"].as_u64() > d["column"].as_u64());
    }
    assert_eq!(keys(summary), sorted(&SUMMARY_FIELDS));
    assert_eq!(
        summary,
        &serde_json::json!({"reason": "summary", "command": "check", "success": false, "exit_code": 2, "errors": 1, "warnings": 1})
    );
    // `rendered` is the human form, block for block.
    let human = text(&run(&["check", "--spec", BAD]).stderr);
    let rendered: String = diags.iter().map(|d| format!("{}\n", d["rendered"].as_str().unwrap())).collect();
    assert_eq!(format!("{rendered}1 error(s), 1 warning(s)\n"), human);

    // `generate` reports the same way and writes nothing.
    let t = Temp::new("conventions", "json-generate");
    let out_dir = t.0.join("out");
    let gen = run(&[
        "generate",
        "--spec",
        BAD,
        "--out",
        out_dir.to_str().unwrap(),
        "--message-format=json",
    ]);
    assert_eq!(gen.status.code(), Some(2));
    assert_eq!(
        text(&gen.stdout),
        stdout.replace("\"command\":\"check\"", "\"command\":\"generate\"")
    );
    assert!(!out_dir.exists());
}

/// A label's fields (`labels` of a diagnostic), in their order.
const LABEL_FIELDS: [&str; 6] = ["file", "line", "column", "end_line", "end_column", "message"];

#[test]
fn message_format_json_carries_secondary_labels() {
    const LABELED: &str = "tests/bad-specs/labels-across-files";
    let out = run(&["check", "--spec", LABELED, "--message-format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/message-format-json-labels.jsonl");
    if std::env::var_os("MUTASPEC_BLESS").is_some() {
        std::fs::write(&snapshot, &stdout).expect("write the snapshot");
    }
    let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(stdout, expected, "differs from {} (MUTASPEC_BLESS=1 to accept)", snapshot.display());
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (_, diags) = lines.split_last().expect("a summary line");
    assert_eq!(diags.len(), 2);
    for d in diags {
        assert_eq!(keys(d), sorted(&FIELDS), "{d}");
        let labels = d["labels"].as_array().expect("an array");
        assert_eq!(labels.len(), 1, "{d}");
        assert_eq!(keys(&labels[0]), sorted(&LABEL_FIELDS));
        // In another file than the primary location, and quoted in `rendered` under `:::`.
        assert_ne!(labels[0]["file"], d["file"]);
        let at = format!(
            " ::: {}:{}:{}\n",
            labels[0]["file"].as_str().unwrap(),
            labels[0]["line"],
            labels[0]["column"]
        );
        assert!(d["rendered"].as_str().unwrap().contains(&at), "{d}");
    }
    let human = text(&run(&["check", "--spec", LABELED]).stderr);
    let rendered: String = diags.iter().map(|d| format!("{}\n", d["rendered"].as_str().unwrap())).collect();
    assert_eq!(format!("{rendered}2 error(s), 0 warning(s)\n"), human);
}

#[test]
fn message_format_json_on_a_clean_spec_and_denied_warnings() {
    let out = run(&["check", "--message-format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "{\"reason\":\"summary\",\"command\":\"check\",\"success\":true,\"exit_code\":0,\"errors\":0,\"warnings\":0}\n"
    );
    // A warning denied: the warning as JSON, the refusal on stderr, a failed summary.
    let t = Temp::new("conventions", "json-deny");
    let spec = t.0.join("shop.yaml");
    std::fs::write(
        &spec,
        "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\n\
         hosts: { production: http://api.example.com }\nauth: { scheme: basic }\n\
         response: { status: 204 }\nbody:\n  name: string\n",
    )
    .unwrap();
    let (spec, out_dir) = (spec.to_str().unwrap(), t.0.join("out"));
    let args = [
        "generate",
        "--spec",
        spec,
        "--out",
        out_dir.to_str().unwrap(),
        "--message-format",
        "json",
    ];
    let allowed = run(&args);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    let lines: Vec<serde_json::Value> = text(&allowed.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (&lines[0]["severity"], &lines[0]["code"]),
        (&"warning".into(), &"plain-http-host".into())
    );
    assert_eq!((&lines[1]["success"], &lines[1]["warnings"]), (&true.into(), &1.into()));
    let denied = run(&[&args[..], &["--deny", "warnings"]].concat());
    assert_eq!(denied.status.code(), Some(2));
    assert!(
        text(&denied.stderr).contains("error: warnings are denied"),
        "{}",
        text(&denied.stderr)
    );
    let last = text(&denied.stdout)
        .lines()
        .last()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap());
    assert_eq!(last.as_ref().map(|s| &s["success"]), Some(&false.into()));
}
