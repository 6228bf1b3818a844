//! How a test says that it skipped, and where the evaluation data are: shared by the
//! library's and the command line's test binaries (each includes this file), which differ
//! only in where the project root is.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Says on standard error that `test` (its full path in its binary, e.g.
/// `align::mac_dev_accuracy`) skipped all or part of its checks, and why:
/// `skipped: <test>: <reason>`.
///
/// The line is written to the stderr handle directly, not with `eprintln!`, so that libtest's
/// output capture does not swallow it when the test passes; `scripts/test` counts these lines.
pub fn skip(test: &str, reason: &str) {
    // The test threads are named after their test: catch a wrong name here, so that every
    // skip line names a test that exists.
    if let Some(thread) = std::thread::current().name() {
        if thread != "main" {
            assert_eq!(thread, test, "common::skip called with the wrong test name");
        }
    }
    let line = format!("skipped: {test}: {reason}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// The evaluation data directory: `$BIALIGN_EVAL`, else `../shared/eval` next to the project
/// at `root`.
pub fn eval_dir_of(root: &Path) -> PathBuf {
    std::env::var_os("BIALIGN_EVAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/eval"))
}

/// The evaluation set `name` (`mac-dev`, `bible`) of the project at `root`, or why it is not
/// there.
pub fn find_eval_set_of(root: &Path, name: &str) -> Result<PathBuf, String> {
    let dir = eval_dir_of(root).join(name);
    if dir.is_dir() {
        return Ok(dir);
    }
    let whence = if std::env::var_os("BIALIGN_EVAL").is_some() {
        "BIALIGN_EVAL is set"
    } else {
        "set BIALIGN_EVAL to read it elsewhere"
    };
    Err(format!(
        "evaluation set {name} not found at {} ({whence})",
        dir.display()
    ))
}
