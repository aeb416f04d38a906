//! How spec files are found and read: nothing in the spec tree is skipped silently, and
//! only regular files are read, with a size bound checked before the read.

mod common;

use std::fs;
use std::path::Path;

use common::temp_dir;

const ENDPOINT: &str = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\n\
    hosts: { production: https://api.example.com }\nauth: { scheme: basic }\n\
    response: { status: 204 }\nbody:\n  name: string\n";

/// `(id, file shown, line, col)` of every error of loading `dir`.
fn errors(dir: &Path) -> Vec<(&'static str, String)> {
    let err = match mutaspec_core::load(dir) {
        Ok(_) => panic!("{} loaded", dir.display()),
        Err(e) => e,
    };
    err.diagnostics
        .iter()
        .filter(|d| d.severity == mutaspec_core::Severity::Error)
        .map(|d| (d.id, format!("{}", d.loc)))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_symlinked_spec_file_is_an_error_at_its_path() {
    let dir = temp_dir("symlink-file");
    let elsewhere = temp_dir("symlink-file-target");
    fs::write(dir.join("update_item.yaml"), ENDPOINT).unwrap();
    fs::write(elsewhere.join("other.yaml"), ENDPOINT.replace("update_item", "update_other")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("other.yaml"), dir.join("update_other.yaml")).unwrap();
    let got = errors(&dir);
    assert_eq!(
        got,
        [("symlink-in-spec", format!("{}:1:1", dir.join("update_other.yaml").display()))]
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_directory_is_an_error_at_its_path() {
    let dir = temp_dir("symlink-dir");
    let elsewhere = temp_dir("symlink-dir-target");
    fs::write(dir.join("update_item.yaml"), ENDPOINT).unwrap();
    fs::write(elsewhere.join("other.yaml"), ENDPOINT.replace("update_item", "update_other")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.join("more")).unwrap();
    let err = mutaspec_core::load(&dir).expect_err("a symlink fails the load");
    let text = err.render();
    assert!(text.contains("error[symlink-in-spec]: a symbolic link (to `"), "{text}");
    assert!(text.contains("= hint: replace the link"), "{text}");
    assert_eq!(errors(&dir), [("symlink-in-spec", format!("{}:1:1", dir.join("more").display()))]);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_opening_it() {
    let dir = temp_dir("fifo");
    fs::write(dir.join("update_item.yaml"), ENDPOINT).unwrap();
    let fifo = dir.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    // In the tree, and named directly: opening either would block until a writer comes.
    assert_eq!(errors(&dir), [("not-a-regular-file", format!("{}:1:1", fifo.display()))]);
    assert_eq!(errors(&fifo), [("not-a-regular-file", format!("{}:1:1", fifo.display()))]);
}

#[cfg(unix)]
#[test]
fn a_device_named_as_the_spec_is_refused() {
    assert_eq!(errors(Path::new("/dev/zero")), [("not-a-regular-file", "/dev/zero:1:1".to_owned())]);
}

#[test]
fn a_huge_sparse_file_is_refused_by_its_size_before_it_is_read() {
    let dir = temp_dir("sparse");
    let big = dir.join("big.yaml");
    let f = fs::File::create(&big).unwrap();
    f.set_len(4 << 30).unwrap();
    drop(f);
    let err = mutaspec_core::load(&dir).expect_err("too large");
    assert_eq!(err.diagnostics.len(), 1);
    assert_eq!(err.diagnostics[0].id, "file-too-large");
    assert!(err.diagnostics[0].message.contains("4294967296 bytes"), "{}", err.diagnostics[0]);
    fs::remove_file(&big).unwrap();
}
