//! The output-safety stress test: random SIGKILLs of the real binary, concurrent runs
//! (one of them sometimes killed, a `check` among them), injected rename, staging and
//! cleanup failures and crashes, and hand-written files created in `src/` while a run
//! writes. After each step `<out>/src` is byte for byte the tree of one spec or the
//! other, a hand-written file beside it is intact, and no hand-written file is lost.
//!
//! `MUTASPEC_STRESS_ITERS` (default 40, about 20 s on two cores) sets the number of
//! steps, `MUTASPEC_STRESS_SEED` the seed (fixed by default, so a failure replays).
//! Timings only pick kill instants; nothing asserts on a duration.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use mutaspec_core::render::{self, Options, Point, OLD_DIR, STAGE_DIR};

const BIN: &str = env!("CARGO_BIN_EXE_mutaspec");

type Tree = BTreeMap<PathBuf, Vec<u8>>;

/// xorshift64*: a fixed seed gives a fixed sequence of steps.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn snapshot(dir: &Path) -> Option<Tree> {
    fs::symlink_metadata(dir).ok()?;
    let mut out = Tree::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&p).unwrap());
            }
        }
    }
    Some(out)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

struct Crash;

/// Two specs and their trees.
struct Specs {
    paths: [PathBuf; 2],
    files: [render::Files; 2],
    trees: [Tree; 2],
}

fn spawn_generate(spec: &Path, out: &Path) -> Child {
    Command::new(BIN)
        .arg("generate")
        .arg("--spec")
        .arg(spec)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> (Option<i32>, String) {
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const NOTES: &str = "hand-written beside src\n";

#[test]
fn kills_faults_races_and_concurrent_runs_leave_one_tree_or_the_other() {
    let iters = env_u64("MUTASPEC_STRESS_ITERS", 40);
    let mut rng = Rng(env_u64("MUTASPEC_STRESS_SEED", 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let root = std::env::temp_dir().join(format!("mutaspec-stress-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let spec_b = root.join("spec-b");
    copy_dir(&repo.join("spec"), &spec_b);
    fs::remove_file(spec_b.join("banking/update_account.yaml")).unwrap();
    let load = |p: &Path| {
        let loaded = mutaspec_core::load(p).unwrap_or_else(|e| panic!("{}", e.render()));
        render::render_crate(&loaded.spec).unwrap()
    };
    let files = [load(&repo.join("spec")), load(&spec_b)];
    let trees = files
        .clone()
        .map(|f| f.into_iter().map(|(p, t)| (p, t.into_bytes())).collect::<Tree>());
    assert_ne!(trees[0], trees[1]);
    let specs = Specs {
        paths: [repo.join("spec"), spec_b],
        files,
        trees,
    };
    let out = root.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("NOTES.md"), NOTES).unwrap();
    assert_eq!(finish(spawn_generate(&specs.paths[0], &out)).0, Some(0));
    // How long one run takes here, to spread the kills over a whole run.
    let start = Instant::now();
    assert_eq!(finish(spawn_generate(&specs.paths[1], &out)).0, Some(0));
    let span = start.elapsed().as_micros() as u64 * 6 / 5 + 1;

    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if info.payload().downcast_ref::<Crash>().is_none() {
            default_hook(info);
        }
    }));

    let mut counts = [0u32; 4];
    // After a crash of the two-rename swap between its renames, until a run gets far
    // enough to put the old tree back (a kill may come first).
    let mut src_may_be_missing = false;
    for step in 0..iters {
        let kind = rng.below(4) as usize;
        counts[kind] += 1;
        let which = rng.below(2) as usize;
        match kind {
            // A run killed at a random instant.
            0 => {
                let child = spawn_generate(&specs.paths[which], &out);
                std::thread::sleep(Duration::from_micros(rng.below(span)));
                kill(child);
            }
            // Concurrent runs of both specs, one perhaps killed, and a `check`.
            1 => {
                let n = 2 + rng.below(3) as usize;
                let children: Vec<Child> = (0..n).map(|_| spawn_generate(&specs.paths[rng.below(2) as usize], &out)).collect();
                let check = Command::new(BIN)
                    .arg("check")
                    .arg("--spec")
                    .arg(&specs.paths[1])
                    .arg("--out")
                    .arg(&out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                let victim = (rng.below(2) == 0).then(|| rng.below(n as u64) as usize);
                if victim.is_some() {
                    std::thread::sleep(Duration::from_micros(rng.below(span * n as u64)));
                }
                for (i, child) in children.into_iter().enumerate() {
                    if Some(i) == victim {
                        kill(child);
                    } else {
                        let (code, stderr) = finish(child);
                        assert_eq!(code, Some(0), "step {step}: a concurrent run failed:\n{stderr}");
                    }
                }
                let (code, stderr) = finish(check);
                // Spec B's tree lacks no file of spec A's: `missing` would be a half tree.
                assert!(
                    matches!(code, Some(0 | 1)) && !stderr.contains("missing:"),
                    "step {step}: check saw:\n{stderr}"
                );
            }
            // An injected failure or crash at a random point, either swap.
            2 => {
                let point = match rng.below(4) {
                    0 => Point::Stage(rng.below(specs.files[which].len() as u64) as usize),
                    1 => Point::Rename(rng.below(2) as usize),
                    2 => Point::Swapped,
                    _ => Point::Cleanup,
                };
                let crash = rng.below(2) == 0;
                let two_renames = rng.below(2) == 0;
                let mut hook = |at: Point| {
                    if at != point {
                        Ok(())
                    } else if crash {
                        panic::panic_any(Crash)
                    } else {
                        Err(io::Error::other("injected"))
                    }
                };
                let options = Options {
                    inject: Some(&mut hook),
                    two_renames,
                    ..Options::default()
                };
                let _ = panic::catch_unwind(AssertUnwindSafe(|| render::write_with(&out, &specs.files[which], options)));
                src_may_be_missing |= crash && two_renames;
            }
            // A hand-written file created in src/ while a run writes.
            _ => {
                let child = spawn_generate(&specs.paths[which], &out);
                std::thread::sleep(Duration::from_micros(rng.below(span)));
                let rel = PathBuf::from(format!("banking/hand-{step}.rs"));
                let text = format!("// mine, step {step}\n");
                let created = fs::write(out.join("src").join(&rel), &text).is_ok();
                let (code, stderr) = finish(child);
                assert!(matches!(code, Some(0 | 2)), "step {step}: {stderr}");
                if created {
                    let found: Vec<PathBuf> = ["src", STAGE_DIR, OLD_DIR]
                        .iter()
                        .map(|d| out.join(d).join(&rel))
                        .filter(|p| fs::read_to_string(p).is_ok_and(|t| t == text))
                        .collect();
                    assert_eq!(found.len(), 1, "step {step}: the hand-written file is lost or doubled:\n{stderr}");
                    // With an atomic exchange it is always back where it was written.
                    if cfg!(target_os = "linux") {
                        assert_eq!(found[0], out.join("src").join(&rel), "step {step}:\n{stderr}");
                    }
                    fs::remove_file(&found[0]).unwrap();
                }
            }
        }
        src_may_be_missing &= verify(&out, &specs, step, src_may_be_missing);
    }
    // Two clean runs: the tree of each, and nothing left over.
    for i in [1, 0] {
        let (code, stderr) = finish(spawn_generate(&specs.paths[i], &out));
        assert_eq!(code, Some(0), "{stderr}");
    }
    assert_eq!(snapshot(&out.join("src")).unwrap(), specs.trees[0]);
    assert!(!out.join(STAGE_DIR).exists() && !out.join(OLD_DIR).exists());
    let check = Command::new(BIN)
        .arg("check")
        .arg("--spec")
        .arg(&specs.paths[0])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    eprintln!("stress: {iters} steps (kills, concurrent, injected, racing files): {counts:?}");
    let _ = fs::remove_dir_all(&root);
}

fn kill(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// `src` is one tree or the other, byte for byte; the file beside it is intact; left-over
/// directories hold only what mutaspec wrote. Returns whether `src` is missing.
fn verify(out: &Path, specs: &Specs, step: u64, src_may_be_missing: bool) -> bool {
    assert_eq!(fs::read_to_string(out.join("NOTES.md")).unwrap(), NOTES, "step {step}");
    let is_one = |t: &Tree| *t == specs.trees[0] || *t == specs.trees[1];
    let missing = match snapshot(&out.join("src")) {
        Some(t) => {
            assert!(is_one(&t), "step {step}: src is neither tree: {:?}", t.keys().collect::<Vec<_>>());
            false
        }
        None => {
            assert!(src_may_be_missing, "step {step}: src is missing");
            let old = snapshot(&out.join(OLD_DIR)).expect("the old tree beside it");
            assert!(is_one(&old), "step {step}: the old tree is incomplete");
            true
        }
    };
    for dir in [STAGE_DIR, OLD_DIR] {
        for (rel, bytes) in snapshot(&out.join(dir)).unwrap_or_default() {
            let part = rel.to_string_lossy().ends_with(".mutaspec-part");
            assert!(
                part || bytes.starts_with(render::HEADER_MARK.as_bytes()),
                "step {step}: {dir}/{} is not mutaspec's",
                rel.display()
            );
        }
    }
    missing
}
