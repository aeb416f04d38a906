//! `--deny warnings` on `generate` and `check`: a warning the spec does not `allow:` fails
//! the run (exit 2, nothing written); the shipped spec allows its documented plain-http
//! staging host, so it passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const PLAIN_HTTP: &str = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\n\
    hosts: { production: http://api.example.com }\nauth: { scheme: basic }\n\
    response: { status: 204 }\nbody:\n  name: string\n";

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mutaspec-deny-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(ROOT).output().expect("run mutaspec")
}

#[test]
fn the_shipped_spec_passes_with_warnings_denied() {
    let out = run(&["check", "--deny", "warnings"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
}

#[test]
fn a_warning_fails_generate_and_check_when_denied() {
    let dir = temp("plain");
    let spec = dir.join("shop.yaml");
    std::fs::write(&spec, PLAIN_HTTP).unwrap();
    let out_dir = dir.join("out");
    let (spec, out_s) = (spec.to_str().unwrap(), out_dir.to_str().unwrap());

    let allowed = run(&["generate", "--spec", spec, "--out", out_s]);
    assert_eq!(allowed.status.code(), Some(0), "{}", String::from_utf8_lossy(&allowed.stderr));
    std::fs::remove_dir_all(&out_dir).unwrap();

    let denied = run(&["generate", "--spec", spec, "--out", out_s, "--deny=warnings"]);
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert_eq!(denied.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("warning[plain-http-host]"), "{stderr}");
    assert!(stderr.contains("error: warnings are denied (`--deny warnings`)"), "{stderr}");
    assert!(!Path::new(&out_dir).exists(), "a denied run writes nothing");

    let check = run(&["check", "--spec", spec, "--out", out_s, "--deny", "warnings"]);
    assert_eq!(check.status.code(), Some(2));

    // Allowed where the spec documents it, the warning is gone and denying passes.
    std::fs::write(
        dir.join("shop.yaml"),
        PLAIN_HTTP.replace("http://api.example.com", "http://api.example.com, allow: [plain-http-host]"),
    )
    .unwrap();
    let ok = run(&["generate", "--spec", spec, "--out", out_s, "--deny", "warnings"]);
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert_eq!(ok.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
}

#[test]
fn deny_takes_only_warnings() {
    let out = run(&["check", "--deny", "errors"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid value 'errors' for '--deny <WHAT>'"), "{stderr}");
    assert!(stderr.contains("[possible values: warnings]"), "{stderr}");
}
