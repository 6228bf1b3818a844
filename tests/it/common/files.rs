//! Helpers for the tests of saving files (the library's `save` and the command line's `-o`),
//! shared by both test binaries: FIFOs made with `mkfifo` and read on a thread that never
//! hangs a test, file modes, and the hidden files a save may leave behind.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Makes a FIFO at `path` with the `mkfifo` tool; `Err` says why not (for a skip line).
pub fn mkfifo(path: &Path) -> Result<(), String> {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("mkfifo {} failed: {s}", path.display())),
        Err(e) => Err(format!("no mkfifo tool: {e}")),
    }
}

/// Whether `path` is a FIFO (not followed if a link).
pub fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

/// A thread reading a FIFO to its end.
pub struct FifoReader {
    path: PathBuf,
    rx: mpsc::Receiver<std::io::Result<Vec<u8>>>,
}

impl FifoReader {
    /// Starts reading `path` (opening a FIFO for reading waits for a writer).
    pub fn spawn(path: &Path) -> FifoReader {
        let (tx, rx) = mpsc::channel();
        let p = path.to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(std::fs::read(&p));
        });
        FifoReader {
            path: path.to_path_buf(),
            rx,
        }
    }

    /// What was read, once the writer closed it; `None` when nothing came within
    /// `timeout`: the reader is then let go (the FIFO opened for writing and closed, on a
    /// thread of its own), so that a failing test fails instead of hanging.
    pub fn wait(self, timeout: Duration) -> Option<std::io::Result<Vec<u8>>> {
        match self.rx.recv_timeout(timeout) {
            Ok(read) => Some(read),
            Err(_) => {
                let p = self.path.clone();
                std::thread::spawn(move || std::fs::OpenOptions::new().write(true).open(p));
                None
            }
        }
    }
}

/// The permission bits of `path` (following links).
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

/// The names in `dir` that a save may leave behind: hidden files ending in `.tmp` or
/// `.bak`, sorted.
pub fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.') && (n.ends_with(".tmp") || n.ends_with(".bak")))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Waits until `ready` holds, for at most `timeout`; whether it did.
pub fn wait_until(timeout: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    ready()
}
