//! Helpers shared by the modules of the library's test binary: where the evaluation data and
//! the optional tools are, how a test says that it skipped, the checks several subjects make
//! (every sentence in exactly one bead), independent oracles of the writers' documented
//! conventions (XML-safe text, HTML escaping, one line per pair), the aligners the
//! hostile-input tests share, and the counting allocator of the memory tests.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::OnceLock;

use bialign::text::Lang;
use bialign::{Aligner, Alignment};

#[cfg(unix)]
pub mod files;
pub mod samples;

// ------------------------------------------------------------------------------ skips

pub mod skips;
pub use skips::skip;

// ------------------------------------------------------------------------------ paths

/// The project root (the library package).
pub fn project_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The evaluation data directory: `$BIALIGN_EVAL`, else `../shared/eval` next to the project.
pub fn eval_dir() -> PathBuf {
    skips::eval_dir_of(project_root())
}

/// The evaluation set `name` (`mac-dev`, `bible`) if its directory exists; otherwise says
/// that `test` skipped, and returns `None`.
pub fn eval_set(test: &str, name: &str) -> Option<PathBuf> {
    skips::find_eval_set_of(project_root(), name)
        .map_err(|why| skip(test, &why))
        .ok()
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

// ------------------------------------------------------------------------------ output oracles

// The conventions the writers document, written out from their specifications rather than
// taken from the library, so that the export tests compare the output with something the
// writers do not share.

/// XML 1.0's `Char` production: tab, line feed, carriage return, U+0020 to U+D7FF, U+E000
/// to U+FFFD and U+10000 up.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// The text a TMX or HTML reader gets back for `s`, as `Format::Tmx` documents it: vertical
/// tab and form feed become a space, every other character XML 1.0 forbids is removed.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{B}' | '\u{C}' => Some(' '),
            c if is_xml_char(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// `s` as text of the HTML page: made XML-safe, then `&`, `<`, `>`, `"` and `'` as
/// `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&#39;`.
pub fn html_escape(s: &str) -> String {
    xml_safe(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Every character that some reader takes as a line or field break: tab, line feed, vertical
/// tab, form feed, carriage return, the separators U+001C to U+001E, NEL, and U+2028 and
/// U+2029 (Python's `str.splitlines` splits on all but tab; Rust's `str::lines` on line feed).
pub const LINE_OR_FIELD_BREAKS: [char; 11] = [
    '\t', '\n', '\u{B}', '\u{C}', '\r', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}',
    '\u{2029}',
];

/// `s` on one line, as Moses output documents it: every [`LINE_OR_FIELD_BREAKS`] character
/// replaced by a space.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if LINE_OR_FIELD_BREAKS.contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The text of a TSV field, as `Format::Tsv` documents it: each backslash taken with the
/// character after it as one of the four escapes `\\`, `\t`, `\n` and `\r`; `None` for
/// any other backslash (or one at the end). A field without tabs or line breaks of any kind
/// that this gives back the text from is the only way to write it.
pub fn tsv_unescape(field: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

/// What a TSV reader gets back for `s` once it undoes the escapes: `s` with the line and
/// record separators other than tab, line feed and carriage return written as spaces.
pub fn tsv_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if LINE_OR_FIELD_BREAKS.contains(&c) && !matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// `s` as a field of RFC 4180 CSV, as `Format::Csv` documents it: between double quotes, its
/// own doubled, when it holds a double quote, a comma, CR or LF; else as it is.
pub fn csv_field(s: &str) -> String {
    if s.contains(['"', ',', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

// ------------------------------------------------------------------------------ aligners

/// The default aligners, built once (the bundled lexicon is loaded once).
pub fn zh_en() -> &'static Aligner {
    static A: OnceLock<Aligner> = OnceLock::new();
    A.get_or_init(Aligner::new)
}

pub fn en_zh() -> &'static Aligner {
    static A: OnceLock<Aligner> = OnceLock::new();
    A.get_or_init(|| {
        Aligner::builder()
            .src_lang(Lang::En)
            .tgt_lang(Lang::Zh)
            .build()
    })
}

/// The same search in a narrow band, without lexicon, beads of at most 3 sentences, one
/// pass: for inputs of a hundred thousand sentences in a debug build.
pub fn cheap_aligner() -> Aligner {
    Aligner::builder()
        .band(4)
        .max_band(16)
        .max_bead(3)
        .second_pass(false)
        .lexicon(std::sync::Arc::new(bialign::Lexicon::empty()))
        .build()
}

pub fn same_lang(lang: Lang) -> Aligner {
    Aligner::builder().src_lang(lang).tgt_lang(lang).build()
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

// ------------------------------------------------------------------ counting allocator

/// The system allocator, counting the live bytes of the whole process and their peak once
/// [`peak_bytes`] has switched the counting on.
///
/// A `#[global_allocator]` serves the whole test binary, every module. Process-wide counts
/// see the worker threads the aligner starts for long documents, but also every other test
/// running at the same time: a test that measures memory therefore runs in a process of its
/// own ([`in_own_process`]), and only there is the counting switched on; elsewhere the
/// allocator is the system one plus the load of a flag that is never set.
struct Counting;

/// Set by [`peak_bytes`], in the child process of [`in_own_process`] only.
static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn track(delta: isize) {
    if !COUNTING.load(Ordering::Relaxed) {
        return;
    }
    let now = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the bookkeeping only
// touches three atomics and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        track(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its result with the peak of the bytes held at once while it ran
/// (above what was live before), counting every thread of the process: call it only in a
/// test that runs [`in_own_process`].
///
/// Every allocation and release from the moment the counting is on is counted, so the
/// difference between the peak and the live bytes at the start is exact, as if the whole
/// process had been counted.
pub fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    assert!(
        std::env::var_os(CHILD_ENV).is_some(),
        "peak_bytes outside a process of its own"
    );
    COUNTING.store(true, Ordering::SeqCst);
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = f();
    let peak = PEAK.load(Ordering::SeqCst);
    (out, (peak - base).max(0) as usize)
}

/// Set in the child process of [`in_own_process`].
const CHILD_ENV: &str = "BIALIGN_HOSTILE_CHILD";

/// Runs the test `name` (its full path in this binary, e.g. `hostile::some_test`) again in a
/// process of its own (this test binary with `--exact name`), so that its memory is measured
/// without the other tests'. Returns `true` in that child, which does the work; in the
/// calling test it checks that the child ran the test and passed, passes its output on, and
/// returns `false`.
pub fn in_own_process(name: &str) -> bool {
    if std::env::var_os(CHILD_ENV).is_some() {
        return true;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let o = Command::new(exe)
        .args(["--exact", name, "--test-threads=1", "--nocapture"])
        .env(CHILD_ENV, "1")
        .stdin(Stdio::null())
        .output()
        .expect("the test binary runs");
    let out = String::from_utf8(o.stdout.clone()).expect("UTF-8 output");
    let err = String::from_utf8_lossy(&o.stderr);
    eprint!("{err}");
    assert!(
        o.status.success(),
        "{name} failed in its own process:\n{out}{err}"
    );
    assert!(
        out.contains("1 passed"),
        "{name} did not run in its own process:\n{out}"
    );
    false
}
