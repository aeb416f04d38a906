//! What the binary's test files share.

use std::path::PathBuf;

/// A temporary directory, emptied when made and removed on drop.
pub struct Temp(pub PathBuf);

impl Temp {
    /// `<tmp>/mutaspec-<suite>-<name>-<pid>`, empty.
    pub fn new(suite: &str, name: &str) -> Temp {
        let dir = std::env::temp_dir().join(format!("mutaspec-{suite}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Temp(dir)
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
