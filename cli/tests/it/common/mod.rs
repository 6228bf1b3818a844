//! Helpers shared by the modules of the command line's test binary: running `bialign`,
//! where the project's files, the evaluation data and the tools are, how a test says that
//! it skipped, and temporary documents.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The hostile samples, the two small documents and the UTF-16 and GB18030 encoders, shared
/// with the library's tests.
#[path = "../../../../tests/it/common/samples.rs"]
pub mod samples;

/// FIFOs, file modes and the leftovers of a save, shared with the library's tests.
#[cfg(unix)]
#[path = "../../../../tests/it/common/files.rs"]
pub mod files;

use samples::{EN_DOC, ZH_DOC};

// ------------------------------------------------------------------------------ skips

/// How a test says that it skipped, and where the evaluation data are, shared with the
/// library's tests.
#[path = "../../../../tests/it/common/skips.rs"]
pub mod skips;
pub use skips::skip;

// ------------------------------------------------------------------------------ paths

/// The project root: the library package, of which this crate (`cli/`) is a member.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The evaluation set `name` (`mac-dev`, `bible`), or why it is not there.
pub fn find_eval_set(name: &str) -> Result<PathBuf, String> {
    skips::find_eval_set_of(&project_root(), name)
}

/// The evaluation set `name` if its directory exists; otherwise says that `test` skipped,
/// and returns `None`.
pub fn eval_set(test: &str, name: &str) -> Option<PathBuf> {
    find_eval_set(name).map_err(|why| skip(test, &why)).ok()
}

/// The shared tools next to the project (`../shared/tools`, the reference scorer).
pub fn tools_dir() -> PathBuf {
    project_root().join("../shared/tools")
}

/// The bundled seed document of the library (`data/seed_un_note.txt`).
pub fn seed() -> PathBuf {
    project_root().join("data/seed_un_note.txt")
}

// ------------------------------------------------------------------------------ running

/// The `bialign` binary of this crate.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bialign"))
}

/// Runs `bialign ARGS` with nothing on its standard input.
pub fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the bialign binary runs")
}

/// A path as the `&str` argument the binary takes.
pub fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// Standard output, which must be UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Standard error, lossily decoded.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Neither a panic (exit code 101) nor a death by signal.
pub fn assert_no_crash(o: &Output, what: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            o.status.signal().is_none(),
            "{what}: killed by signal {:?}; stderr: {}",
            o.status.signal(),
            stderr(o)
        );
    }
    assert_ne!(
        o.status.code(),
        Some(101),
        "{what}: panicked; stderr: {}",
        stderr(o)
    );
    assert!(o.status.code().is_some(), "{what}: no exit code");
}

/// Runs `bialign ARGS` in `dir` (or the current directory) with `stdin` (or nothing) on its
/// standard input, and waits for it.
pub fn run_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = bin();
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("the bialign binary runs");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // Ignore a broken pipe: bialign may refuse its arguments before reading its input.
    let _ = pipe.write_all(stdin.unwrap_or_default());
    drop(pipe);
    child.wait_with_output().expect("bialign finishes")
}

/// Skips parsing the bundled lexicon where the test is about input handling.
pub const NO_LEX: &str = "--no-lexicon";

/// The reverse direction: English source, Chinese target.
pub const EN_ZH: &[&str] = &["--src-lang", "en", "--tgt-lang", "zh"];

/// The default direction, named (which turns the detection of languages off).
pub const ZH_EN: &[&str] = &["--src-lang", "zh", "--tgt-lang", "en"];

// ------------------------------------------------------------------------------ documents

/// A temporary folder holding a Chinese and an English document.
pub struct Docs {
    pub dir: tempfile::TempDir,
}

impl Docs {
    pub fn new() -> Docs {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("zh.txt"), ZH_DOC).unwrap();
        std::fs::write(dir.path().join("en.txt"), EN_DOC).unwrap();
        Docs { dir }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// Two short document pairs in `dir`, `a.zh`/`a.en` and `b.zh`/`b.en` (two sentences each),
/// for batch jobs.
pub fn write_two_pairs(dir: &Path) {
    std::fs::write(dir.join("a.zh"), "我父亲是一个医生。他每天早上去医院。").unwrap();
    std::fs::write(
        dir.join("a.en"),
        "My father is a doctor. He goes to the hospital every morning.",
    )
    .unwrap();
    std::fs::write(dir.join("b.zh"), "今天下雨了。我们没有出去。").unwrap();
    std::fs::write(dir.join("b.en"), "It rained today. We did not go out.").unwrap();
}

/// The sentences `bialign segment --lang LANG` finds in `file`.
pub fn segment_lines(file: &Path, lang: &str) -> Vec<String> {
    let o = run(&["segment", "--lang", lang, p(file)]);
    assert_no_crash(&o, "segment");
    assert!(o.status.success(), "{}: {}", file.display(), stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

/// The beads of `bialign align --format jsonl ARGS`, checked to cover `n` and `m`
/// sentences; returns the parsed objects.
pub fn align_jsonl(args: &[&str], n: usize, m: usize) -> Vec<serde_json::Value> {
    let mut all = vec!["align", "--format", "jsonl"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert_no_crash(&o, "align");
    assert!(o.status.success(), "{all:?}: {}", stderr(&o));
    let beads: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let (mut i, mut j) = (0u64, 0u64);
    for b in &beads {
        for (side, next) in [("src", &mut i), ("tgt", &mut j)] {
            for id in b[side].as_array().expect("id list") {
                assert_eq!(id.as_u64(), Some(*next), "{all:?}: {b}");
                *next += 1;
            }
        }
        let score = b["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score), "{b}");
    }
    assert_eq!((i, j), (n as u64, m as u64), "{all:?}: coverage");
    beads
}

/// The files of `dir`, sorted (none when it cannot be read).
pub fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}
