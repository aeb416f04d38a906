//! One side of a diff: a spec directory or file on disk, or the spec directory at a git
//! revision. A revision is read with `git ls-tree` and `git cat-file` into memory and
//! loaded with [`crate::load_texts`]; its files are shown as `REV:path` (from the
//! repository's root), so nothing is written to disk and nothing needs cleaning up. git
//! runs in the spec directory when it exists (so the repository is the spec's), else in
//! the current directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::load::{load, load_texts, LoadError, Loaded, MAX_FILES};

/// Where a spec comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A spec directory or file on disk.
    Path(PathBuf),
    /// The spec directory (or file) `dir` as it is at git revision `rev`.
    Git {
        /// A revision git understands (`main`, `HEAD~1`, a commit id).
        rev: String,
        /// The spec path, relative to the current directory.
        dir: PathBuf,
    },
}

/// Why a side could not be loaded.
#[derive(Debug)]
pub enum SideError {
    /// The spec did not resolve.
    Load(LoadError),
    /// git could not produce the files.
    Git(String),
}

impl Side {
    /// Reads a command-line argument: an existing path; else `REV:path`; else a revision
    /// of `spec` (the `--spec` directory).
    pub fn parse(arg: &str, spec: &Path) -> Side {
        if Path::new(arg).exists() {
            return Side::Path(PathBuf::from(arg));
        }
        match arg.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() => Side::Git {
                rev: rev.to_owned(),
                dir: PathBuf::from(path),
            },
            _ => Side::Git {
                rev: arg.trim_end_matches(':').to_owned(),
                dir: spec.to_path_buf(),
            },
        }
    }

    /// How messages name this side: the path, or `REV:path`.
    pub fn label(&self) -> String {
        match self {
            Side::Path(p) => p.display().to_string(),
            Side::Git { rev, dir } => format!("{rev}:{}", dir.display()),
        }
    }

    /// Loads and resolves the spec.
    pub fn load(&self) -> Result<Loaded, SideError> {
        match self {
            Side::Path(p) => load(p).map_err(SideError::Load),
            Side::Git { rev, dir } => {
                let files = git_files(rev, dir).map_err(SideError::Git)?;
                let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
                load_texts(&refs).map_err(SideError::Load)
            }
        }
    }
}

/// Runs git in `cwd`; its stdout, or a message with git's stderr.
fn git(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .current_dir(cwd)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("git failed").trim();
        Err(first.strip_prefix("fatal: ").unwrap_or(first).to_owned())
    }
}

/// The spec files under `dir` at `rev`, as `(REV:path, bytes)`, in path order.
fn git_files(rev: &str, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let shown = format!("{rev}:{}", dir.display());
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    // Where to run git, and the spec path from there.
    let (cwd, pathspec) = match (dir.is_dir(), dir.parent(), dir.file_name()) {
        (true, _, _) => (dir, Path::new(".")),
        (false, Some(parent), Some(name)) if parent.is_dir() && !parent.as_os_str().is_empty() => (parent, Path::new(name)),
        _ => (Path::new("."), dir),
    };
    let commit = format!("{rev}^{{commit}}");
    git(cwd, &["rev-parse", "--verify", "--quiet", "--end-of-options", &commit]).map_err(|e| {
        if e == "git failed" {
            format!("`{rev}` is neither an existing path nor a git revision")
        } else {
            format!("cannot read git revision `{rev}`: {e}")
        }
    })?;
    let pathspec = pathspec.to_string_lossy();
    let listing = git(cwd, &["ls-tree", "-r", "-z", "--full-name", "--name-only", rev, "--", &pathspec])
        .map_err(|e| format!("cannot list `{shown}`: {e}"))?;
    let mut names: Vec<String> = listing
        .split(|b| *b == 0)
        .filter_map(|n| std::str::from_utf8(n).ok())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .map(str::to_owned)
        .collect();
    names.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    if names.is_empty() {
        return Err(format!("no spec files (`*.yaml`, `*.yml`) in `{shown}`"));
    }
    if names.len() > MAX_FILES {
        return Err(format!("more than {MAX_FILES} spec files in `{shown}`"));
    }
    names
        .into_iter()
        .map(|name| {
            let object = format!("{rev}:{name}");
            let bytes = git(cwd, &["cat-file", "blob", &object]).map_err(|e| format!("cannot read `{object}`: {e}"))?;
            Ok((object, bytes))
        })
        .collect()
}
