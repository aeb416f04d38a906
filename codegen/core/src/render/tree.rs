//! File-system primitives of the output directory: bounded reads of regular files only,
//! the advisory lock, atomic exchange, and removal that spares files mutaspec did not
//! write.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::{io_err, WriteError, HEADER_MARK};

/// What an entry of the output tree is, from its `symlink_metadata` (never followed).
pub(super) fn kind_name(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_char_device() {
            return "a character device";
        }
    }
    if ft.is_symlink() {
        "a symlink"
    } else if ft.is_dir() {
        "a directory"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "neither a file nor a directory"
    }
}

/// The refusal for anything in the output tree that is not a regular file or directory.
pub(super) fn not_regular(path: &Path, ft: &fs::FileType) -> WriteError {
    WriteError::Refused {
        path: path.to_path_buf(),
        why: format!(
            "is {}; only regular files and directories belong in the generated tree, and mutaspec never opens anything else: remove it",
            kind_name(ft)
        ),
    }
}

/// Opens `path` for reading if it is a regular file: a symlink is not followed, a FIFO
/// or device is not waited on (`O_NONBLOCK`), and the opened handle's own type decides.
pub(super) fn open_regular(path: &Path) -> Result<(File, Metadata), WriteError> {
    let before = fs::symlink_metadata(path).map_err(io_err(path))?;
    if !before.file_type().is_file() {
        return Err(not_regular(path, &before.file_type()));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(io_err(path))?;
    let meta = file.metadata().map_err(io_err(path))?;
    if !meta.file_type().is_file() {
        return Err(not_regular(path, &meta.file_type()));
    }
    Ok((file, meta))
}

/// At most `limit` bytes of a regular file, and whether there are more.
pub(super) fn read_bounded(path: &Path, limit: usize) -> Result<(Vec<u8>, bool), WriteError> {
    let (file, _) = open_regular(path)?;
    read_handle(path, file, limit)
}

fn read_handle(path: &Path, file: File, limit: usize) -> Result<(Vec<u8>, bool), WriteError> {
    let mut buf = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut buf).map_err(io_err(path))?;
    let more = buf.len() > limit;
    buf.truncate(limit);
    Ok((buf, more))
}

/// Whether a file starting with `head` is one mutaspec wrote.
pub(super) fn has_header(head: &[u8]) -> bool {
    head.starts_with(HEADER_MARK.as_bytes())
}

/// The suffix of a file being staged until it is complete: a write cut short leaves a
/// file of this name (any prefix of a generated file, empty at worst), never a headless
/// file under a generated file's name.
pub(super) const PART: &str = ".mutaspec-part";

/// Whether mutaspec wrote (or began to write) the file at `path` starting with `head`.
fn ours(path: &Path, head: &[u8]) -> bool {
    has_header(head)
        || (path.file_name().is_some_and(|n| n.to_string_lossy().ends_with(PART)) && (HEADER_MARK.as_bytes().starts_with(head)))
}

/// Whether something (a file, a directory, a dangling symlink) is at `path`.
pub(super) fn present(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// The advisory lock on one output directory, released on drop.
pub(super) struct Lock {
    _file: Option<File>,
}

impl Lock {
    pub(super) fn held(&self) -> bool {
        self._file.is_some()
    }
}

/// The lock file's path: `<out>/.mutaspec.lock`, created by the first writing run and
/// left in place (removing it would let two runs lock two different files).
pub fn lock_path(out: &Path) -> PathBuf {
    out.join(".mutaspec.lock")
}

fn open_lock(path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    if create {
        options.write(true).create(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Takes `<out>/.mutaspec.lock`: exclusive for a writing run (creating the file), shared
/// for `check` (only when the file exists: `check` writes nothing). `on_wait` is told
/// before waiting for another run.
pub(super) fn lock(out: &Path, exclusive: bool, on_wait: &mut dyn FnMut(&Path)) -> Result<Lock, WriteError> {
    let path = lock_path(out);
    let opened = match open_lock(&path, exclusive) {
        // A read-only `<out>`: lock the file if it is there (a lock needs no write
        // access), else go on unlocked; a run with something to write fails anyway.
        Err(e) if exclusive && matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem) => {
            open_lock(&path, false)
        }
        other => other,
    };
    let file = match opened {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Lock { _file: None }),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let meta = file.metadata().map_err(io_err(&path))?;
    if !meta.file_type().is_file() {
        return Err(not_regular(&path, &meta.file_type()));
    }
    let attempt = if exclusive { file.try_lock() } else { file.try_lock_shared() };
    match attempt {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            on_wait(&path);
            let waited = if exclusive { file.lock() } else { file.lock_shared() };
            waited.map_err(io_err(&path))?;
        }
        // A file system without locks: run unlocked rather than not at all.
        Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => return Ok(Lock { _file: None }),
        Err(fs::TryLockError::Error(e)) => return Err(io_err(&path)(e)),
    }
    Ok(Lock { _file: Some(file) })
}

/// Swaps two directories in one step (Linux `renameat2(RENAME_EXCHANGE)`). `Unsupported`
/// where the platform or the file system cannot.
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    {
        renameat2(a, b, libc::RENAME_EXCHANGE)
    }
    #[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
    {
        let _ = (a, b);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Writes `text` to `part`, which must not exist yet (a `*.mutaspec-part` name: a write
/// cut short never leaves a headless file that could be someone else's).
pub(super) fn write_part(part: &Path, text: &str) -> Result<(), WriteError> {
    use std::io::Write;
    let mut file = OpenOptions::new().write(true).create_new(true).open(part).map_err(io_err(part))?;
    file.write_all(text.as_bytes()).map_err(io_err(part))
}

/// Renames `from` to `to`, failing if `to` exists (atomically on Linux).
pub(super) fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    {
        match renameat2(from, to, libc::RENAME_NOREPLACE) {
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {}
            other => return other,
        }
    }
    if present(to) {
        return Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} exists", to.display())));
    }
    fs::rename(from, to)
}

#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn renameat2(a: &Path, b: &Path, flags: libc::c_uint) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput));
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: two valid NUL-terminated paths, relative to the working directory.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), flags) };
    if r == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        // Kernel or file system without the flag.
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Err(io::ErrorKind::Unsupported.into()),
        _ => Err(e),
    }
}

/// The files below `dir` that mutaspec did not write: not regular, not headed, or a
/// symlink. Nothing is followed or removed.
pub(super) fn foreign_files(dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let mut out = Vec::new();
    walk(dir, &mut |path, ft| {
        if ft.is_file() {
            let head = read_bounded(path, HEADER_MARK.len()).map(|(b, _)| b).unwrap_or_default();
            if !has_header(&head) {
                out.push(path.to_path_buf());
            }
        } else {
            out.push(path.to_path_buf());
        }
        Ok(())
    })?;
    Ok(out)
}

/// Removes what mutaspec wrote (or began to write) below `dir`, then the directories left
/// empty, `dir` included. Returns the entries it kept: files without the header (unless
/// named `*.mutaspec-part` and holding a prefix of one), symlinks, FIFOs and the like
/// are never removed.
pub(super) fn remove_ours(dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
    let meta = fs::symlink_metadata(dir).map_err(io_err(dir))?;
    if !meta.is_dir() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut kept = Vec::new();
    walk(dir, &mut |path, ft| {
        let remove = ft.is_file() && read_bounded(path, HEADER_MARK.len()).is_ok_and(|(head, _)| ours(path, &head));
        if remove {
            fs::remove_file(path).map_err(io_err(path))?;
        } else {
            kept.push(path.to_path_buf());
        }
        Ok(())
    })?;
    remove_empty_dirs(dir)?;
    Ok(kept)
}

/// Calls `f` on every non-directory entry below `dir` (depth first, sorted, symlinks not
/// followed).
fn walk(dir: &Path, f: &mut dyn FnMut(&Path, &fs::FileType) -> Result<(), WriteError>) -> Result<(), WriteError> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(io_err(dir))?
        .map(|e| e.map_err(io_err(dir)))
        .collect::<Result<_, _>>()?;
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let ft = entry.file_type().map_err(io_err(&path))?;
        if ft.is_dir() {
            walk(&path, f)?;
        } else {
            f(&path, &ft)?;
        }
    }
    Ok(())
}

/// Removes `dir` and the directories below it that are empty; non-empty ones stay.
fn remove_empty_dirs(dir: &Path) -> Result<(), WriteError> {
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        if entry.file_type().map_err(io_err(&entry.path()))?.is_dir() {
            remove_empty_dirs(&entry.path())?;
        }
    }
    match fs::remove_dir(dir) {
        Ok(()) => Ok(()),
        Err(_) if fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) => Ok(()),
        Err(e) => Err(io_err(dir)(e)),
    }
}

/// Whether `target` (just hard-linked from the handle's file) is that very file.
#[cfg(unix)]
pub(super) fn same_file(target: &Path, meta: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(target).is_ok_and(|m| m.is_file() && m.dev() == meta.dev() && m.ino() == meta.ino())
}

#[cfg(not(unix))]
pub(super) fn same_file(target: &Path, meta: &Metadata) -> bool {
    fs::symlink_metadata(target).is_ok_and(|m| m.is_file() && m.len() == meta.len())
}

/// Reads a regular file for comparison with `expected`: whether its bytes are exactly
/// those, and whether it has mutaspec's header. Reads at most `expected.len() + 1` bytes.
pub(super) fn compare(path: &Path, expected: &[u8]) -> Result<(bool, bool, Metadata), WriteError> {
    let (file, meta) = open_regular(path)?;
    let (bytes, more) = read_handle(path, file, expected.len().max(HEADER_MARK.len()))?;
    Ok((!more && bytes == expected, has_header(&bytes), meta))
}
