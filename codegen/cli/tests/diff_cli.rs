//! `mutaspec diff` end to end: the binary against a throwaway git repository holding a
//! copy of the real spec.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::Temp;

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy");
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=mutaspec",
            "-c",
            "user.email=mutaspec@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("run git")
        .status
        .success();
    assert!(ok, "git {args:?} failed");
}

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn mutaspec(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let Output { status, stdout, stderr } = Command::new(BIN)
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .args(args)
        .output()
        .expect("run mutaspec");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// A repository whose one commit holds a copy of the real spec.
fn repo(name: &str) -> Temp {
    let t = Temp::new("diff-cli", name);
    copy_dir(Path::new("../../spec"), &t.0.join("spec"));
    git(&t.0, &["init", "-q"]);
    git(&t.0, &["add", "spec"]);
    git(&t.0, &["commit", "-q", "-m", "spec"]);
    t
}

#[test]
fn base_head_on_a_clean_tree_reports_no_change() {
    if !has_git() {
        return eprintln!("git not found: skipped");
    }
    let t = repo("clean");
    assert_eq!(
        mutaspec(&t.0, &["diff", "--base", "HEAD"]),
        (0, "no changes\n".into(), String::new())
    );
    let (code, md, _) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--format", "markdown", "--fail-on", "info"]);
    assert_eq!((code, md.as_str()), (0, "## mutaspec diff\n\nNo changes for callers.\n"));
}

#[test]
fn base_head_reports_an_edit_with_its_location_and_exit_code() {
    if !has_git() {
        return eprintln!("git not found: skipped");
    }
    let t = repo("edit");
    let file = t.0.join("spec/banking/update_customer.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen(
        "    type: string\n    rule: set_once\n",
        "    type: string\n    rule: not_updatable\n",
        1,
    );
    assert_ne!(text, edited, "the fixture has a set-once externalId");
    std::fs::write(&file, edited).expect("write");
    let (code, out, err) = mutaspec(&t.0, &["diff", "--base", "HEAD"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with(
            "breaking[rule-tightened] banking/update_customer: `externalId` is now not updatable (was set-once): requests can no \
             longer send it\n  --> spec/banking/update_customer.yaml:"
        ),
        "{out}"
    );
    assert!(out.ends_with("1 change: 1 breaking, 0 warnings, 0 info\n"), "{out}");
    // The same comparison through positional sides: a revision and a path.
    assert_eq!(mutaspec(&t.0, &["diff", "HEAD", "spec"]).1, out);
    assert_eq!(mutaspec(&t.0, &["diff", "HEAD:spec", "spec"]).1, out);
    let (code, json, _) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--format", "json"]);
    assert_eq!(code, 1);
    assert!(json.contains("\"rule\": \"rule-tightened\""), "{json}");
}

#[test]
fn unknown_revisions_and_non_repositories_exit_2() {
    if !has_git() {
        return eprintln!("git not found: skipped");
    }
    let t = repo("badrev");
    let (code, out, err) = mutaspec(&t.0, &["diff", "--base", "no-such-rev"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(err, "error: `no-such-rev` is neither an existing path nor a git revision\n");
    let plain = Temp::new("diff-cli", "norepo");
    copy_dir(Path::new("../../spec"), &plain.0.join("spec"));
    let (code, _, err) = mutaspec(&plain.0, &["diff", "--base", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a git repository"), "{err}");
}

#[test]
fn bad_usage_exits_2_and_help_lists_the_options() {
    let here = Path::new(".");
    for args in [
        &["diff"][..],
        &["diff", "a"],
        &["diff", "a", "b", "c"],
        &["diff", "--format", "xml", "a", "b"],
        &["diff", "--fail-on", "fatal", "a", "b"],
        &["diff", "--base", "HEAD", "a"],
        &["diff", "--bogus", "a", "b"],
    ] {
        let (code, out, err) = mutaspec(here, args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
    }
    let (code, help, _) = mutaspec(here, &["diff", "--help"]);
    assert_eq!(code, 0);
    for opt in [
        "--base <REV>",
        "--spec <DIR>",
        "--format <FORMAT>",
        "--fail-on <SEV>",
        "--accept <FILE>",
        "--no-accept",
    ] {
        assert!(help.contains(opt), "{opt}");
    }
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    let dir = Path::new("../core/tests/diff-cases/field-added");
    let (old, new) = (dir.join("old"), dir.join("new"));
    let (old, new) = (old.to_str().expect("utf-8"), new.to_str().expect("utf-8"));
    assert_eq!(mutaspec(Path::new("."), &["diff", old, new]).0, 0);
    assert_eq!(mutaspec(Path::new("."), &["diff", old, new, "--fail-on", "warning"]).0, 0);
    assert_eq!(mutaspec(Path::new("."), &["diff", old, new, "--fail-on", "info"]).0, 1);
}

/// The CI formats and the accept file through the binary: `.mutaspec-accept.yaml` beside
/// `--spec` is read by default, `--no-accept` skips it, `--accept FILE` names another,
/// and a bad one exits 2 with located errors.
#[test]
fn ci_formats_and_accept_files() {
    if !has_git() {
        return eprintln!("git not found: skipped");
    }
    let t = repo("accept");
    let file = t.0.join("spec/banking/update_customer.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen(
        "    type: string\n    rule: set_once\n",
        "    type: string\n    rule: not_updatable\n",
        1,
    );
    std::fs::write(&file, edited).expect("write");
    let (code, gh, _) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--format", "github"]);
    assert_eq!(code, 1);
    assert!(
        gh.starts_with(
            "::error file=spec/banking/update_customer.yaml,line=103,col=3,title=breaking[rule-tightened] \
             banking/update_customer::`externalId` is now not updatable"
        ),
        "{gh}"
    );
    let (code, sarif, _) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--format", "sarif"]);
    assert_eq!(code, 1);
    assert!(sarif.contains("\"version\": \"2.1.0\""), "{sarif}");
    let (code, junit, _) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--format", "junit"]);
    assert_eq!(code, 1);
    assert!(junit.contains("<failure type=\"rule-tightened\""), "{junit}");

    let accept = "accept:\n  - rule: rule-tightened\n    scope: banking/update_customer\n    subject: externalId\n    \
                  reason: the id is set at creation\n";
    std::fs::write(t.0.join(".mutaspec-accept.yaml"), accept).expect("write accept file");
    let (code, out, err) = mutaspec(&t.0, &["diff", "--base", "HEAD"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with("accepted[rule-tightened] banking/update_customer:"), "{out}");
    assert!(
        out.contains("  = accepted (breaking): the id is set at creation (.mutaspec-accept.yaml:2:5)\n"),
        "{out}"
    );
    assert!(out.ends_with("1 change: 0 breaking, 0 warnings, 0 info, 1 accepted\n"), "{out}");
    assert_eq!(mutaspec(&t.0, &["diff", "--base", "HEAD", "--no-accept"]).0, 1);

    std::fs::write(t.0.join("regrade.yaml"), format!("{accept}    severity: warning\n")).expect("write");
    let (code, out, _) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--accept", "regrade.yaml", "--format", "github"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("::warning file=spec/banking/update_customer.yaml,"), "{out}");
    let (code, _, _) = mutaspec(
        &t.0,
        &["diff", "--base", "HEAD", "--accept", "regrade.yaml", "--fail-on", "warning"],
    );
    assert_eq!(code, 1);

    std::fs::write(t.0.join("bad.yaml"), "accept:\n  - rule: rule-tightened\n    scop: x\n").expect("write");
    let (code, out, err) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--accept", "bad.yaml"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("unknown key `scop` in an accept entry\n --> bad.yaml:3:5"), "{err}");
    assert!(err.contains("did you mean `scope`?"), "{err}");
    assert!(err.contains("this accept entry has no `reason:`"), "{err}");
    let (code, _, err) = mutaspec(&t.0, &["diff", "--base", "HEAD", "--accept", "missing.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.yaml"), "{err}");
}
