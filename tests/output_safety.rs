//! Output safety: whatever stops a run (an I/O error at any step, a crash at any point, a
//! concurrent run, a file written into `src/` meanwhile), `<out>/src` is the complete old
//! or the complete new tree, no file mutaspec did not write is lost, and only regular
//! files are ever opened. `codegen/cli/tests/stress.rs` does the same with the real
//! binary and SIGKILL.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

mod common;

use common::{read_tree, temp_dir};
use mutaspec_core::ops;
use mutaspec_core::render::{self, Files, Options, Point, HEADER_MARK, OLD_DIR, STAGE_DIR};
use proptest::prelude::*;

type Tree = BTreeMap<PathBuf, Vec<u8>>;

/// Every entry below `dir` (None when `dir` is absent); a non-regular entry as a marker.
fn snapshot(dir: &Path) -> Option<Tree> {
    fs::symlink_metadata(dir).ok()?;
    let mut out = Tree::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let ft = e.file_type().unwrap();
            let rel = p.strip_prefix(dir).unwrap().to_path_buf();
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() {
                out.insert(rel, fs::read(&p).unwrap());
            } else {
                out.insert(rel, b"<not a regular file>".to_vec());
            }
        }
    }
    Some(out)
}

fn as_tree(files: &Files) -> Tree {
    files.iter().map(|(p, t)| (p.clone(), t.clone().into_bytes())).collect()
}

fn spec_files(spec: &str) -> Files {
    let loaded = mutaspec_core::load(Path::new(spec)).unwrap_or_else(|e| panic!("{}", e.render()));
    render::render_crate(&loaded.spec).unwrap()
}

/// The real spec's files (old) and the same with every file changed and one gone (new).
fn old_and_new() -> (Files, Files) {
    let old = spec_files("spec");
    let mut new = old.clone();
    for text in new.values_mut() {
        text.push_str("// changed\n");
    }
    let gone = new.keys().nth(1).unwrap().clone();
    new.remove(&gone);
    (old, new)
}

/// A crash: the hook panics with this, and nothing after the point runs.
struct Crash;

fn quiet_crashes() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if info.payload().downcast_ref::<Crash>().is_none() {
                default(info);
            }
        }));
    });
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    Fail(Point),
    Crash(Point),
}

/// Runs `write_with`; `None` for a crash.
fn run(out: &Path, files: &Files, fault: Option<Fault>, two_renames: bool) -> Option<Result<render::TreeChanges, render::WriteError>> {
    quiet_crashes();
    let mut hook = |at: Point| match fault {
        Some(Fault::Fail(p)) if p == at => Err(io::Error::other("injected failure")),
        Some(Fault::Crash(p)) if p == at => panic::panic_any(Crash),
        _ => Ok(()),
    };
    let options = Options {
        inject: Some(&mut hook),
        two_renames,
        ..Options::default()
    };
    panic::catch_unwind(AssertUnwindSafe(|| render::write_with(out, files, options))).ok()
}

fn points(n: usize) -> Vec<Point> {
    let mut v: Vec<Point> = (0..n).map(Point::Stage).collect();
    v.extend([Point::Rename(0), Point::Rename(1), Point::Swapped, Point::Cleanup]);
    v
}

const NOTES: &str = "NOTES.md";

fn setup(tag: &str, files: &Files) -> PathBuf {
    let out = temp_dir(tag);
    render::write(&out, files).unwrap();
    fs::write(out.join(NOTES), "hand-written, beside src\n").unwrap();
    out
}

#[test]
fn a_failed_step_anywhere_leaves_the_old_tree_and_no_left_overs() {
    let (old, new) = old_and_new();
    for two_renames in [false, true] {
        for at in points(new.len()) {
            let out = setup("fail-step", &old);
            let result = run(&out, &new, Some(Fault::Fail(at)), two_renames).expect("no crash");
            let src = snapshot(&out.join("src")).unwrap();
            match at {
                // A cleanup failure comes after the swap: the new tree is in place, exit 0.
                Point::Cleanup => {
                    let plan = result.unwrap_or_else(|e| panic!("{at:?}: {e}"));
                    assert_eq!(src, as_tree(&new), "{at:?}");
                    assert!(
                        plan.notes.iter().any(|n| n.contains("the new tree is in place")),
                        "{:?}",
                        plan.notes
                    );
                }
                Point::Swapped => {
                    result.unwrap();
                    assert_eq!(src, as_tree(&new));
                }
                Point::Rename(1) if !two_renames => {
                    result.unwrap();
                    assert_eq!(src, as_tree(&new));
                }
                _ => {
                    assert!(result.is_err(), "{at:?} two_renames={two_renames}");
                    assert_eq!(src, as_tree(&old), "{at:?} two_renames={two_renames}");
                    assert!(!out.join(STAGE_DIR).exists() && !out.join(OLD_DIR).exists(), "{at:?}");
                }
            }
            assert_eq!(fs::read_to_string(out.join(NOTES)).unwrap(), "hand-written, beside src\n");
            let _ = fs::remove_dir_all(&out);
        }
    }
}

#[test]
fn a_crash_anywhere_leaves_a_complete_tree_or_one_the_next_run_puts_back() {
    let (old, new) = old_and_new();
    for two_renames in [false, true] {
        for at in points(new.len()) {
            let out = setup("crash", &old);
            let crashed = run(&out, &new, Some(Fault::Crash(at)), two_renames).is_none();
            // Points a mode does not pass through.
            let unreached = if two_renames {
                at == Point::Swapped
            } else {
                at == Point::Rename(1)
            };
            assert_eq!(crashed, !unreached, "{at:?} two_renames={two_renames}");
            let src = snapshot(&out.join("src"));
            match &src {
                Some(t) => assert!(*t == as_tree(&old) || *t == as_tree(&new), "{at:?}: src is neither tree"),
                // Only the two-rename fallback has an instant without `src`; the old
                // tree is then complete beside it.
                None => {
                    assert!(two_renames && at == Point::Rename(1), "{at:?}: src missing");
                    assert_eq!(snapshot(&out.join(OLD_DIR)).unwrap(), as_tree(&old));
                    let outcome = ops::check(Path::new("spec"), &out);
                    assert!(
                        outcome.stderr.contains("is missing: a `mutaspec generate` was interrupted")
                            && outcome.stderr.contains("it puts the previous tree back first"),
                        "{}",
                        outcome.stderr
                    );
                    assert_eq!(outcome.exit, 1);
                }
            }
            if out.join(STAGE_DIR).exists() || out.join(OLD_DIR).exists() {
                let outcome = ops::check(Path::new("spec"), &out);
                assert!(outcome.stderr.contains("interrupted"), "{at:?}: {}", outcome.stderr);
            }
            // The next run recovers and finishes; the next that writes leaves nothing behind.
            render::write(&out, &new).unwrap_or_else(|e| panic!("{at:?}: {e}"));
            assert_eq!(snapshot(&out.join("src")).unwrap(), as_tree(&new), "{at:?}");
            render::write(&out, &old).unwrap_or_else(|e| panic!("{at:?}: {e}"));
            assert_eq!(snapshot(&out.join("src")).unwrap(), as_tree(&old), "{at:?}");
            assert!(!out.join(STAGE_DIR).exists() && !out.join(OLD_DIR).exists(), "{at:?}");
            assert_eq!(fs::read_to_string(out.join(NOTES)).unwrap(), "hand-written, beside src\n");
            let _ = fs::remove_dir_all(&out);
        }
    }
}

#[test]
fn a_file_written_into_src_while_the_run_stages_is_kept_in_place() {
    let (old, new) = old_and_new();
    for two_renames in [false, true] {
        let out = setup("racing-file", &old);
        let mine = out.join("src/banking/mine.rs");
        let mut hook = |at: Point| {
            if at == Point::Stage(2) {
                fs::write(&mine, "// my own module\n").unwrap();
            }
            Ok(())
        };
        let options = Options {
            inject: Some(&mut hook),
            two_renames,
            ..Options::default()
        };
        let err = render::write_with(&out, &new, options).unwrap_err();
        assert!(err.to_string().contains("was created while the run was writing"), "{err}");
        assert_eq!(fs::read_to_string(&mine).unwrap(), "// my own module\n");
        let mut expected = as_tree(&old);
        expected.insert("banking/mine.rs".into(), b"// my own module\n".to_vec());
        assert_eq!(snapshot(&out.join("src")).unwrap(), expected);
        assert!(!out.join(STAGE_DIR).exists() && !out.join(OLD_DIR).exists());
        let _ = fs::remove_dir_all(&out);
    }
}

#[test]
fn a_file_written_into_the_replaced_tree_after_the_swap_is_kept() {
    let (old, new) = old_and_new();
    let out = setup("late-file", &old);
    let late = out.join(STAGE_DIR).join("banking/late.rs");
    let mut hook = |at: Point| {
        if at == Point::Cleanup {
            // After the exchange the replaced tree sits at the staging path.
            fs::write(&late, "// written through an old handle\n").unwrap();
        }
        Ok(())
    };
    let options = Options {
        inject: Some(&mut hook),
        ..Options::default()
    };
    let plan = render::write_with(&out, &new, options).unwrap();
    assert_eq!(snapshot(&out.join("src")).unwrap(), as_tree(&new));
    assert_eq!(fs::read_to_string(&late).unwrap(), "// written through an old handle\n");
    assert!(plan.notes.iter().any(|n| n.contains("late.rs")), "{:?}", plan.notes);
    // Nothing else of the replaced tree stays.
    assert_eq!(snapshot(&out.join(STAGE_DIR)).unwrap().len(), 1);
    // The next writing run refuses until the file is moved, and removes nothing of it.
    let err = render::write(&out, &old).unwrap_err();
    assert!(err.to_string().contains("move it out"), "{err}");
    assert!(late.exists());
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn concurrent_runs_into_one_output_exclude_each_other() {
    let (old, new) = old_and_new();
    let out = setup("concurrent", &old);
    for _ in 0..5 {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|i| {
                    let files = if i % 2 == 0 { &old } else { &new };
                    let out = &out;
                    s.spawn(move || render::write(out, files))
                })
                .collect();
            for h in handles {
                h.join().unwrap().unwrap();
            }
        });
        let src = snapshot(&out.join("src")).unwrap();
        assert!(src == as_tree(&old) || src == as_tree(&new), "src is neither tree");
        assert!(!out.join(STAGE_DIR).exists() && !out.join(OLD_DIR).exists());
    }
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn a_run_that_writes_nothing_touches_no_left_over() {
    let (old, _) = old_and_new();
    let out = setup("untouched", &old);
    for dir in [STAGE_DIR, OLD_DIR] {
        fs::create_dir_all(out.join(dir)).unwrap();
        fs::write(out.join(dir).join("draft.rs"), "// mine\n").unwrap();
    }
    let before = read_tree(&out);
    let plan = render::write(&out, &old).unwrap();
    assert!(plan.is_clean());
    assert_eq!(read_tree(&out), before, "a run that writes nothing changed <out>");
    assert_eq!(plan.notes.len(), 2, "{:?}", plan.notes);
    for dir in [STAGE_DIR, OLD_DIR] {
        assert_eq!(fs::read_to_string(out.join(dir).join("draft.rs")).unwrap(), "// mine\n");
    }
    let check = ops::check(Path::new("spec"), &out);
    assert_eq!(check.exit, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains(&format!("warning: {}", out.join(OLD_DIR).display())),
        "{}",
        check.stderr
    );
    // A writing run refuses to clear them, and keeps them.
    let (_, new) = old_and_new();
    let err = render::write(&out, &new).unwrap_err();
    assert!(err.to_string().contains("mutaspec did not write it; move it out"), "{err}");
    assert_eq!(snapshot(&out.join("src")).unwrap(), as_tree(&old));
    for dir in [STAGE_DIR, OLD_DIR] {
        assert_eq!(fs::read_to_string(out.join(dir).join("draft.rs")).unwrap(), "// mine\n");
    }
    let _ = fs::remove_dir_all(&out);
}

/// Runs `f` in a thread and fails the test if it does not end: a hang is a failure, not
/// a stuck CI job. (Only a bound, never a measured duration.)
fn finishes<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("{what} hangs"))
}

#[cfg(unix)]
#[test]
fn fifos_sockets_and_devices_in_src_are_refused_never_opened() {
    let root = temp_dir("special");
    let mut made = Vec::new();
    let fifo = |p: &Path| std::process::Command::new("mkfifo").arg(p).status().is_ok_and(|s| s.success());
    let device = |p: &Path| {
        std::process::Command::new("mknod")
            .arg(p)
            .args(["c", "1", "5"])
            .status()
            .is_ok_and(|s| s.success())
    };
    let socket = |p: &Path| std::os::unix::net::UnixListener::bind(p).map(std::mem::forget).is_ok();
    type Maker<'a> = &'a dyn Fn(&Path) -> bool;
    let makers: [(&str, Maker); 3] = [("a FIFO", &fifo), ("a character device", &device), ("a socket", &socket)];
    for (i, (kind, make)) in makers.into_iter().enumerate() {
        for at in ["lib.rs", "banking/extra.rs"] {
            let out = root.join(format!("out-{i}-{}", at.len()));
            assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
            let target = out.join("src").join(at);
            let _ = fs::remove_file(&target);
            if !make(&target) {
                eprintln!("cannot create {kind} here (not root?): skipped");
                continue;
            }
            made.push(kind);
            for (name, command) in [
                ("generate", ops::generate as fn(&Path, &Path) -> ops::Outcome),
                ("check", ops::check),
            ] {
                let o = out.clone();
                let outcome = finishes(name, move || command(Path::new("spec"), &o));
                assert_eq!(outcome.exit, 2, "{name} {kind}: {}", outcome.stderr);
                assert!(
                    outcome.stderr.contains(&format!("{}: is {kind}", target.display())),
                    "{name} {kind}: {}",
                    outcome.stderr
                );
            }
        }
    }
    assert!(made.contains(&"a FIFO") && made.contains(&"a socket"), "{made:?}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn check_names_a_foreign_file_with_advice_that_works() {
    let out = temp_dir("foreign-advice");
    assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
    let mine = out.join("src/banking/mine.rs");
    fs::write(&mine, "// my own code\n").unwrap();
    let outcome = ops::check(Path::new("spec"), &out);
    assert_eq!(outcome.exit, 1);
    assert!(
        outcome.stderr.contains(&format!("not written by mutaspec: {}", mine.display())),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stderr.contains("move them out of"), "{}", outcome.stderr);
    assert!(!outcome.stderr.contains("my own code"), "a foreign file's text is not diffed");
    // Following the advice works.
    fs::rename(&mine, out.join("mine.rs")).unwrap();
    assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
    assert_eq!(ops::check(Path::new("spec"), &out).exit, 0);
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn a_huge_stale_file_gets_a_bounded_diff() {
    let out = temp_dir("huge-diff");
    assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
    let lib = out.join("src/lib.rs");
    let mut text = fs::read_to_string(&lib).unwrap();
    for i in 0..60_000 {
        text.push_str(&format!("// line {i}\n"));
    }
    fs::write(&lib, &text).unwrap();
    let outcome = ops::check(Path::new("spec"), &out);
    assert_eq!(outcome.exit, 1);
    assert!(outcome.stderr.contains("... (diff cut here)"), "{}", outcome.stderr);
    assert!(outcome.stderr.lines().count() < 200, "{} lines", outcome.stderr.lines().count());
    // Over the read bound: named, not read whole.
    text.push_str(&"x".repeat(2 << 20));
    fs::write(&lib, &text).unwrap();
    let outcome = ops::check(Path::new("spec"), &out);
    assert!(
        outcome.stderr.contains("over 1024 KiB on disk; no diff shown"),
        "{}",
        outcome.stderr
    );
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn a_missing_file_is_shown_from_its_first_line() {
    let out = temp_dir("diff-added");
    assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
    let gone = out.join("src/helix/update_customer.rs");
    fs::remove_file(&gone).unwrap();
    let outcome = ops::check(Path::new("spec"), &out);
    assert!(
        outcome.stderr.contains(&format!("missing: {}", gone.display())),
        "{}",
        outcome.stderr
    );
    assert!(outcome.stderr.contains("@@ -0,0 +1,"), "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains(&format!("+{HEADER_MARK} from helix/update_customer.yaml")),
        "{}",
        outcome.stderr
    );
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn a_stale_report_shows_each_change_with_its_line_numbers() {
    let out = temp_dir("diff-lines");
    assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
    let lib = out.join("src/lib.rs");
    let text = fs::read_to_string(&lib).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len();
    lines[n - 1] = "// edited last line";
    fs::write(&lib, lines.join("\n") + "\n").unwrap();
    let outcome = ops::check(Path::new("spec"), &out);
    let hunk = format!("@@ -{},3 +{},3 @@", n - 2, n - 2);
    assert!(outcome.stderr.contains(&hunk), "{hunk}\n{}", outcome.stderr);
    assert!(outcome.stderr.contains("-// edited last line"), "{}", outcome.stderr);
    assert!(!outcome.stderr.contains("diff cut"), "{}", outcome.stderr);
    let _ = fs::remove_dir_all(&out);
}

// --- Property: any output-directory state, any fault ---------------------------------------

/// Small synthetic trees keep each case cheap; the layout is the generated crate's.
fn synthetic(tag: &str, names: &[&str]) -> Files {
    names
        .iter()
        .map(|n| {
            (
                PathBuf::from(n),
                format!("{HEADER_MARK} {tag}. Do not edit by hand:\n// {n}\nfn {tag}() {{}}\n"),
            )
        })
        .collect()
}

const NAMES: [&str; 5] = ["lib.rs", "a/mod.rs", "a/x.rs", "b/mod.rs", "b/y.rs"];

/// One file's state in a directory.
#[derive(Debug, Clone)]
enum Entry {
    Old,
    New,
    /// A write cut short: in the staging directory, the first bytes of a generated file
    /// under its `.mutaspec-part` name; elsewhere a short headless file (someone else's).
    Partial(usize),
    /// Not written by mutaspec.
    Foreign,
}

fn entry() -> impl Strategy<Value = Option<Entry>> {
    prop_oneof![
        2 => Just(None),
        2 => Just(Some(Entry::Old)),
        1 => Just(Some(Entry::New)),
        1 => (0usize..40).prop_map(|n| Some(Entry::Partial(n))),
        1 => Just(Some(Entry::Foreign)),
    ]
}

fn dir_state() -> impl Strategy<Value = Option<Vec<Option<Entry>>>> {
    prop_oneof![1 => Just(None), 3 => proptest::collection::vec(entry(), NAMES.len()).prop_map(Some)]
}

fn fault() -> impl Strategy<Value = Option<Fault>> {
    let point = prop_oneof![
        (0usize..4).prop_map(Point::Stage),
        (0usize..2).prop_map(Point::Rename),
        Just(Point::Swapped),
        Just(Point::Cleanup),
    ];
    prop_oneof![
        1 => Just(None),
        2 => point.clone().prop_map(|p| Some(Fault::Fail(p))),
        2 => point.prop_map(|p| Some(Fault::Crash(p))),
    ]
}

fn plant(dir: &Path, partial_is_foreign: bool, state: &[Option<Entry>], old: &Files, new: &Files, foreign: &mut Vec<(PathBuf, Vec<u8>)>) {
    fs::create_dir_all(dir).unwrap();
    for (name, e) in NAMES.iter().zip(state) {
        let rel = PathBuf::from(name);
        let bytes = match e {
            None => continue,
            Some(Entry::Old) => old
                .get(&rel)
                .map_or_else(|| format!("{HEADER_MARK} old extra\n"), Clone::clone)
                .into_bytes(),
            Some(Entry::New) => new
                .get(&rel)
                .map_or_else(|| format!("{HEADER_MARK} new extra\n"), Clone::clone)
                .into_bytes(),
            Some(Entry::Partial(n)) => (if partial_is_foreign { "" } else { HEADER_MARK })
                .as_bytes()
                .iter()
                .chain(b"// abc")
                .take(*n)
                .copied()
                .collect(),
            Some(Entry::Foreign) => format!("// hand-written {name}\n").into_bytes(),
        };
        // Elsewhere than in the staging directory, a short headless file is someone
        // else's (an empty file included).
        // In the staging directory, the file a write cut short left (`*.mutaspec-part`).
        let rel = if matches!(e, Some(Entry::Partial(_))) && !partial_is_foreign {
            PathBuf::from(format!("{name}.mutaspec-part"))
        } else {
            rel
        };
        if matches!(e, Some(Entry::Foreign)) || (partial_is_foreign && matches!(e, Some(Entry::Partial(_)))) {
            foreign.push((rel.clone(), bytes.clone()));
        }
        fs::create_dir_all(dir.join(&rel).parent().unwrap()).unwrap();
        fs::write(dir.join(&rel), bytes).unwrap();
    }
}

proptest! {
    // PROPTEST_CASES=N runs more cases.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_output_state_and_fault_end_in_a_complete_tree_losing_nothing(
        src in dir_state(),
        stage in dir_state(),
        old_dir in dir_state(),
        fault in fault(),
        two_renames in any::<bool>(),
    ) {
        let old = synthetic("old", &NAMES[..4]);
        let new = synthetic("new", &NAMES[1..]);
        let out = temp_dir("prop");
        let mut foreign = Vec::new();
        for (name, state) in [("src", &src), (STAGE_DIR, &stage), (OLD_DIR, &old_dir)] {
            if let Some(state) = state {
                plant(&out.join(name), name != STAGE_DIR, state, &old, &new, &mut foreign);
            }
        }
        fs::write(out.join(NOTES), "mine").unwrap();
        let before_src = snapshot(&out.join("src")).or_else(|| snapshot(&out.join(OLD_DIR)));
        let result = run(&out, &new, fault, two_renames);
        let after = snapshot(&out.join("src"));

        // Nothing mutaspec did not write is lost or changed.
        for (rel, bytes) in &foreign {
            let kept = ["src", STAGE_DIR, OLD_DIR].iter().any(|d| fs::read(out.join(d).join(rel)).is_ok_and(|b| b == *bytes));
            prop_assert!(kept, "{} lost", rel.display());
        }
        prop_assert_eq!(fs::read_to_string(out.join(NOTES)).unwrap(), "mine");

        // `src` is the new tree after a success; else the tree it was, or the new one
        // (a crash after the swap); absent only as the two-rename fallback's crash left it.
        match (&result, &after) {
            (Some(Ok(_)), Some(t)) => prop_assert_eq!(t, &as_tree(&new)),
            (Some(Ok(_)), None) => prop_assert!(false, "success without src"),
            (_, Some(t)) => prop_assert!(Some(t) == before_src.as_ref() || *t == as_tree(&new), "src is neither tree: {:?}", t.keys().collect::<Vec<_>>()),
            (_, None) => prop_assert!(
                before_src.is_none() || (result.is_none() && two_renames && snapshot(&out.join(OLD_DIR)) == before_src),
                "src missing"
            ),
        }

        // Once the hand-written files are moved away, a plain run always completes.
        for (rel, _) in &foreign {
            for d in ["src", STAGE_DIR, OLD_DIR] {
                let _ = fs::remove_file(out.join(d).join(rel));
            }
        }
        let plan = render::write(&out, &new);
        prop_assert!(plan.is_ok(), "{}", plan.unwrap_err());
        prop_assert_eq!(snapshot(&out.join("src")).unwrap(), as_tree(&new));
        let _ = fs::remove_dir_all(&out);
    }
}
