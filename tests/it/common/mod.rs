//! Helpers shared by the modules of the library's test binary: where the evaluation data and
//! the optional tools are, how a test says that it skipped, and the checks several subjects
//! make (every sentence in exactly one bead).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bialign::Alignment;

// ------------------------------------------------------------------------------ skips

/// Says on standard error that `test` (its full path in this binary, e.g.
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

// ------------------------------------------------------------------------------ paths

/// The project root (the library package).
pub fn project_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The evaluation data directory: `$BIALIGN_EVAL`, else `../shared/eval` next to the project.
pub fn eval_dir() -> PathBuf {
    std::env::var_os("BIALIGN_EVAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("../shared/eval"))
}

/// The evaluation set `name` (`mac-dev`, `bible`) if its directory exists; otherwise says
/// that `test` skipped, and returns `None`.
pub fn eval_set(test: &str, name: &str) -> Option<PathBuf> {
    let dir = eval_dir().join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        let whence = if std::env::var_os("BIALIGN_EVAL").is_some() {
            "BIALIGN_EVAL is set"
        } else {
            "set BIALIGN_EVAL to read it elsewhere"
        };
        skip(
            test,
            &format!(
                "evaluation set {name} not found at {} ({whence})",
                dir.display()
            ),
        );
        None
    }
}

/// The shared tools next to the project (`../shared/tools`, the reference scorer).
pub fn tools_dir() -> PathBuf {
    project_root().join("../shared/tools")
}

/// The bundled seed document (`data/seed_un_note.txt`).
pub fn seed_path() -> PathBuf {
    project_root().join("data/seed_un_note.txt")
}

/// The lines of a one-sentence-per-line file (line i is sentence i).
pub fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

// ------------------------------------------------------------------------------ beads

/// Every sentence of both sides in exactly one bead, in order; beads monotone and never
/// empty on both sides; scores finite in [0, 1].
pub fn check_covers(a: &Alignment, n: usize, m: usize) -> Result<(), String> {
    let (mut i, mut j) = (0usize, 0usize);
    for (k, b) in a.beads.iter().enumerate() {
        if b.src.start != i || b.tgt.start != j {
            return Err(format!(
                "bead {k} {b:?} does not start at ({i}, {j}): sentences skipped or repeated"
            ));
        }
        if b.src.end < b.src.start || b.tgt.end < b.tgt.start {
            return Err(format!("bead {k} {b:?} runs backwards"));
        }
        if b.src.is_empty() && b.tgt.is_empty() {
            return Err(format!("bead {k} is empty on both sides"));
        }
        if !(b.score.is_finite() && (0.0..=1.0).contains(&b.score)) {
            return Err(format!("bead {k} {b:?} has score {}", b.score));
        }
        i = b.src.end;
        j = b.tgt.end;
    }
    if (i, j) != (n, m) {
        return Err(format!(
            "the beads end at ({i}, {j}), the texts have ({n}, {m}) sentences"
        ));
    }
    Ok(())
}

/// [`check_covers`], panicking.
pub fn assert_covers(a: &Alignment, n: usize, m: usize) {
    if let Err(e) = check_covers(a, n, m) {
        panic!("{e}");
    }
}

// ------------------------------------------------------------------------------ tools

/// The first of `candidates` that is a file: absolute paths as they are, names looked up in
/// `PATH`.
pub fn find_program(candidates: &[&str]) -> Option<PathBuf> {
    for c in candidates {
        let p = Path::new(c);
        if p.is_absolute() {
            if p.is_file() {
                return Some(p.to_path_buf());
            }
            continue;
        }
        let path = std::env::var_os("PATH")?;
        for dir in std::env::split_paths(&path) {
            let full = dir.join(c);
            if full.is_file() {
                return Some(full);
            }
        }
    }
    None
}

/// Headless Chromium: `$BIALIGN_CHROMIUM`, else `chromium` or `chromium-browser`.
pub fn chromium() -> Option<PathBuf> {
    std::env::var_os("BIALIGN_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find_program(&["/usr/bin/chromium", "chromium", "chromium-browser"]))
}

/// Whether `python3 --version` runs: `Err` says why not.
pub fn python3() -> Result<(), String> {
    match Command::new("python3").arg("--version").output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!("`python3 --version` failed with {}", out.status)),
        Err(e) => Err(format!("cannot run python3 ({e})")),
    }
}

/// A Python with translate-toolkit: `BIALIGN_PYTHON`, else `python3`; `None` when the
/// import fails.
pub fn toolkit_python() -> Option<PathBuf> {
    let python = std::env::var_os("BIALIGN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let ok = Command::new(&python)
        .args(["-c", "import translate.storage.tmx"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(python)
}
