//! Broken and hostile input (issue 6): bialign never panics, never hangs, never drops a
//! sentence, and says clearly what was wrong.
//!
//! * invariants of the library on arbitrary text pairs (proptest) and on very unequal sides;
//! * the command line's one-line errors naming the file, with no partial output;
//! * inputs that must work (empty, whitespace, giant lines, control characters, rare
//!   scripts, CRLF, GB18030, UTF-16, a "Chinese" text without Chinese);
//! * resource limits: a million lines through decode, segmentation and alignment, with
//!   memory measured by a counting allocator in a process of its own (never by the wall
//!   clock);
//! * byte-identical output on repeated runs, in every format;
//! * a folder of hostile samples, generated here (never committed as binaries), run through
//!   `bialign align`, `segment` and `eval`: no exit code 101, no death by signal.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::OnceLock;

use bialign::text::decode::{decode, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::{Lang, Segmenter};
use bialign::{Aligner, Alignment};
use proptest::prelude::*;

// ------------------------------------------------------------------ counting allocator

/// The system allocator, counting the live bytes of the whole process and their peak.
///
/// Process-wide counts see the worker threads the aligner starts for long documents, but
/// also every other test running at the same time: a test that measures memory therefore
/// runs in a process of its own ([`in_own_process`]).
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn track(delta: isize) {
    let now = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; the bookkeeping only
// touches two atomics and never allocates.
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
fn peak_bytes<T>(f: impl FnOnce() -> T) -> (T, usize) {
    assert!(
        std::env::var_os(CHILD_ENV).is_some(),
        "peak_bytes outside a process of its own"
    );
    let base = LIVE.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let out = f();
    let peak = PEAK.load(Ordering::SeqCst);
    (out, (peak - base).max(0) as usize)
}

/// Set in the child process of [`in_own_process`].
const CHILD_ENV: &str = "BIALIGN_HOSTILE_CHILD";

/// Runs the test `name` again in a process of its own (this test binary with `--exact
/// name`), so that its memory is measured without the other tests'. Returns `true` in that
/// child, which does the work; in the calling test it checks that the child ran the test
/// and passed, passes its output on, and returns `false`.
fn in_own_process(name: &str) -> bool {
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
    let (out, err) = (stdout(&o), stderr(&o));
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

// ---------------------------------------------------------------------------- helpers

/// The default aligners, built once (the bundled lexicon is loaded once).
fn zh_en() -> &'static Aligner {
    static A: OnceLock<Aligner> = OnceLock::new();
    A.get_or_init(Aligner::new)
}

fn en_zh() -> &'static Aligner {
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
fn cheap_aligner() -> Aligner {
    Aligner::builder()
        .band(4)
        .max_band(16)
        .max_bead(3)
        .second_pass(false)
        .lexicon(std::sync::Arc::new(bialign::Lexicon::empty()))
        .build()
}

fn same_lang(lang: Lang) -> Aligner {
    Aligner::builder().src_lang(lang).tgt_lang(lang).build()
}

/// Every sentence of both sides in exactly one bead, in order; beads monotone and never
/// empty on both sides; scores finite in [0, 1].
fn check_covers(a: &Alignment, n: usize, m: usize) -> Result<(), String> {
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

fn assert_covers(a: &Alignment, n: usize, m: usize) {
    if let Err(e) = check_covers(a, n, m) {
        panic!("{e}");
    }
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bialign"))
}

fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the bialign binary runs")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Neither a panic (exit code 101) nor a death by signal.
fn assert_no_crash(o: &Output, what: &str) {
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

fn utf16(s: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little_endian {
            b"\xFF\xFE"
        } else {
            b"\xFE\xFF"
        });
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

fn gb18030(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(s);
    assert!(!unmappable, "GB18030 encodes all of Unicode");
    bytes.into_owned()
}

/// Skips parsing the bundled lexicon where the test is about input handling.
const NO_LEX: &str = "--no-lexicon";

/// The reverse direction: English source, Chinese target.
const EN_ZH: &[&str] = &["--src-lang", "en", "--tgt-lang", "zh"];

const ZH_DOC: &str = "我父亲是一个医生。他每天早上去医院。\n\n今天下雨了，我们没有出门。\
                      她说：“你来了？”\n";
const EN_DOC: &str = "My father is a doctor. He goes to the hospital every morning.\n\n\
                      It rained today and we did not go out. She said: \"You came?\"\n";

/// A temporary folder holding a Chinese and an English document.
struct Docs {
    dir: tempfile::TempDir,
}

impl Docs {
    fn new() -> Docs {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("zh.txt"), ZH_DOC).unwrap();
        std::fs::write(dir.path().join("en.txt"), EN_DOC).unwrap();
        Docs { dir }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// The sentences `bialign segment --lang LANG` finds in `file`.
fn segment_lines(file: &Path, lang: &str) -> Vec<String> {
    let o = run(&["segment", "--lang", lang, p(file)]);
    assert_no_crash(&o, "segment");
    assert!(o.status.success(), "{}: {}", file.display(), stderr(&o));
    stdout(&o).lines().map(str::to_string).collect()
}

/// The beads of `bialign align --format jsonl ARGS`, checked to cover `n` and `m`
/// sentences; returns the parsed objects.
fn align_jsonl(args: &[&str], n: usize, m: usize) -> Vec<serde_json::Value> {
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

// ---------------------------------------------------------- library invariants (proptest)

/// One sentence: Chinese, English, numbers, rare scripts and symbols, arbitrary Unicode,
/// empty or blank.
fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[一二三人大中国你我他她说了的是在有这个们来到时地为子上年着就那和要也得里后\
              医生院父亲今天下雨出门。，？！；：“”‘’《》（）、…—]{1,40}",
        4 => "[a-zA-Z]{1,10}( [a-zA-Z]{1,10}){0,12}[.?!]?",
        1 => "[0-9一二三四五六七八九十百千万年月日.,:%/-]{1,20}",
        1 => "[😀👍🏽🇨🇳\u{200d}\u{fe0f}𠀀𠮷𪚥\u{301}\u{202e}\u{200f}абвгд ا ب ت한국어ひらがなカタカナ\u{1F600}-\u{1F64F}]{1,20}",
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => "[ \t\u{3000}\u{a0}]{0,3}",
        1 => "[.。!！?？\"“”()（）《》…—-]{1,12}",
    ]
}

fn side(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 0..max)
}

fn check_both_directions(zh: &[String], en: &[String]) -> Result<(), TestCaseError> {
    let a = zh_en().align_sentences(zh, en);
    check_covers(&a, zh.len(), en.len()).map_err(TestCaseError::fail)?;
    let b = en_zh().align_sentences(en, zh);
    check_covers(&b, en.len(), zh.len()).map_err(TestCaseError::fail)?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Arbitrary pairs, either side possibly empty.
    #[test]
    fn arbitrary_pairs_are_covered(zh in side(20), en in side(20)) {
        check_both_directions(&zh, &en)?;
    }

    /// One side only.
    #[test]
    fn one_side_only_is_covered(text in side(30)) {
        let none: Vec<String> = Vec::new();
        check_both_directions(&text, &none)?;
        check_both_directions(&none, &text)?;
    }

    /// The same text on both sides, in every pairing of languages.
    #[test]
    fn identical_texts_are_covered(text in side(20)) {
        check_both_directions(&text, &text)?;
        for lang in [Lang::Zh, Lang::En] {
            let a = same_lang(lang).align_sentences(&text, &text);
            check_covers(&a, text.len(), text.len()).map_err(TestCaseError::fail)?;
        }
    }

    /// Two different texts in the same language.
    #[test]
    fn same_language_pairs_are_covered(a in side(15), b in side(15)) {
        for lang in [Lang::Zh, Lang::En] {
            let al = same_lang(lang).align_sentences(&a, &b);
            check_covers(&al, a.len(), b.len()).map_err(TestCaseError::fail)?;
        }
    }

    /// Running text through the segmenter (paragraph and presplit mode, and as a mixed
    /// document) and the aligner; the same input gives the same alignment twice.
    #[test]
    fn segmented_text_is_covered(
        zh in prop::collection::vec(sentence(), 0..12),
        en in prop::collection::vec(sentence(), 0..12),
        sep in prop::sample::select(vec!["", " ", "\n", "\n\n", "\r\n", "\u{2029}"]),
        presplit: bool,
    ) {
        let seg = Segmenter::new().presplit(presplit);
        let (zt, et) = (zh.join(sep), en.join(sep));
        let z = seg.segment(&zt, Lang::Zh);
        let e = seg.segment(&et, Lang::En);
        let a = zh_en().align(&z, &e);
        check_covers(&a, z.len(), e.len()).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&a, &zh_en().align(&z, &e), "not deterministic");
        let b = en_zh().align(&e, &z);
        check_covers(&b, e.len(), z.len()).map_err(TestCaseError::fail)?;
        let (mz, me) = seg.segment_mixed(&format!("{zt}\n\n{et}"));
        let c = zh_en().align(&mz, &me);
        check_covers(&c, mz.len(), me.len()).map_err(TestCaseError::fail)?;
        for t in [&z, &e, &mz, &me] {
            for k in 0..t.len() {
                prop_assert!(t.verbatim(k).is_some(), "span of sentence {} off", k);
            }
        }
    }
}

/// One sentence against 10,000 (and none against 10,000), both ways.
#[test]
fn one_sentence_against_ten_thousand() {
    let many_en: Vec<String> = (0..10_000)
        .map(|i| format!("This is English sentence number {i} about the weather."))
        .collect();
    let many_zh: Vec<String> = (0..10_000)
        .map(|i| format!("这是关于天气的第{i}个中文句子。"))
        .collect();
    let one_zh = ["今天天气很好。".to_string()];
    let one_en = ["The weather is fine today.".to_string()];
    let none: [String; 0] = [];
    assert_covers(&zh_en().align_sentences(&one_zh, &many_en), 1, 10_000);
    assert_covers(&zh_en().align_sentences(&many_zh, &one_en), 10_000, 1);
    assert_covers(&en_zh().align_sentences(&one_en, &many_zh), 1, 10_000);
    assert_covers(&en_zh().align_sentences(&many_en, &one_zh), 10_000, 1);
    assert_covers(&zh_en().align_sentences(&none, &many_en), 0, 10_000);
    assert_covers(&en_zh().align_sentences(&many_en, &none), 10_000, 0);
}

// ------------------------------------------------------------------ command-line errors

/// Runs `args` (which must write to `out` with `-o`) and checks the error contract: a
/// non-zero exit that is not a panic, one line on stderr naming `file`, nothing on stdout,
/// and no output file (nor temporary file) left in `out`'s folder.
fn assert_clean_error(args: &[&str], file: &str, out: &Path, what: &str) {
    let dir = out.parent().expect("output folder");
    let before: Vec<_> = listing(dir);
    let o = run(args);
    assert_no_crash(&o, what);
    assert!(!o.status.success(), "{what}: succeeded: {args:?}");
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{what}: one line, got {err:?}");
    assert!(err.contains(file), "{what}: {err:?} does not name {file}");
    assert!(o.stdout.is_empty(), "{what}: output on stdout");
    assert!(!out.exists(), "{what}: partial output {}", out.display());
    assert_eq!(listing(dir), before, "{what}: files left behind");
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Every way a named bad file is refused, as source, as target, alone (a mixed document)
/// and for `segment`, with `-o` in each case.
fn assert_refused(docs: &Docs, bad: &Path, extra: &[&str], what: &str) {
    let out_dir = docs.path("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let out = out_dir.join("result.tsv");
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let bad_s = p(bad);
    // Only one case with the bundled lexicon: parsing it costs more than the rest.
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            "as source".into(),
            vec!["align", "--no-lexicon", bad_s, p(&en)],
        ),
        ("as target".into(), vec!["align", p(&zh), bad_s]),
        ("alone".into(), vec!["align", "--no-lexicon", bad_s]),
        (
            "reverse direction".into(),
            [&["align", NO_LEX][..], EN_ZH, &[p(&en), bad_s]].concat(),
        ),
        ("segment".into(), vec!["segment", bad_s]),
    ];
    for (name, mut args) in cases {
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-o", p(&out)]);
        assert_clean_error(&args, bad_s, &out, &format!("{what}, {name}"));
    }
    // Moses writes two files: neither may appear.
    let prefix = out_dir.join("moses");
    let mut args = vec![
        "align",
        "--no-lexicon",
        "--format",
        "moses",
        p(&zh),
        bad_s,
        "-o",
        p(&prefix),
    ];
    args.extend_from_slice(extra);
    assert_clean_error(&args, bad_s, &prefix, &format!("{what}, moses"));
}

#[test]
fn missing_file_is_refused() {
    let docs = Docs::new();
    assert_refused(&docs, &docs.path("no such file.txt"), &[], "missing file");
}

#[test]
fn directory_is_refused() {
    let docs = Docs::new();
    let dir = docs.path("a folder");
    std::fs::create_dir(&dir).unwrap();
    assert_refused(&docs, &dir, &[], "directory");
}

/// A file that cannot be read. Permission bits do not stop root, so as root the file is
/// read by a `bialign` without capabilities (`setpriv`); and `/proc/self/mem`, whose read
/// at offset 0 fails with EIO for everyone, is a read error after a successful open.
#[test]
fn unreadable_file_is_refused() {
    let docs = Docs::new();
    let locked = docs.write("locked.txt", ZH_DOC);
    let mut tried = 0;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            // Not root: the permission bits are enough.
            assert_refused(&docs, &locked, &[], "unreadable file");
            tried += 1;
        } else if setpriv_works() {
            let out = docs.path("out.tsv");
            let en = docs.path("en.txt");
            for args in [
                vec!["segment", p(&locked), "-o", p(&out)],
                vec!["align", p(&locked), p(&en), "-o", p(&out)],
                vec!["align", p(&en), p(&locked), "-o", p(&out)],
            ] {
                let dir = docs.dir.path();
                let before = listing(dir);
                let o = Command::new("setpriv")
                    .args(["--inh-caps=-all", "--bounding-set=-all", "--"])
                    .arg(env!("CARGO_BIN_EXE_bialign"))
                    .args(&args)
                    .stdin(Stdio::null())
                    .output()
                    .expect("setpriv runs");
                assert_no_crash(&o, "unreadable file");
                assert!(!o.status.success(), "{args:?} succeeded");
                let err = stderr(&o);
                assert_eq!(err.lines().count(), 1, "{err:?}");
                assert!(err.contains(p(&locked)), "{err:?}");
                assert!(
                    err.contains("ermission denied"),
                    "{err:?} says why the file cannot be read"
                );
                assert!(!out.exists());
                assert_eq!(listing(dir), before);
            }
            tried += 1;
        } else {
            eprintln!(
                "note: running as root without a working `setpriv`: the permission case \
                 cannot be made unreadable; the /proc/self/mem case below still runs"
            );
        }
    }
    let mem = Path::new("/proc/self/mem");
    if mem.exists() {
        assert_refused(&docs, mem, &[], "read error (EIO)");
        tried += 1;
    }
    if tried == 0 {
        eprintln!(
            "skipped: no way to make a file unreadable here (root without setpriv, and no \
             /proc/self/mem)"
        );
    }
}

#[cfg(unix)]
fn setpriv_works() -> bool {
    Command::new("setpriv")
        .args(["--inh-caps=-all", "--bounding-set=-all", "--", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn binary_data_is_refused() {
    let docs = Docs::new();
    let png = docs.write(
        "picture.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\x08\x06",
    );
    assert_refused(&docs, &png, &[], "binary (PNG)");
    // An executable-like blob: text with NUL bytes scattered through it.
    let mut elf = b"\x7fELF\x02\x01\x01".to_vec();
    elf.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let elf = docs.write("program", elf);
    assert_refused(&docs, &elf, &[], "binary (ELF-like)");
    // No NUL byte, but control characters everywhere.
    let ctl: Vec<u8> = (0..2000u32).map(|i| (i % 31 + 1) as u8).collect();
    let ctl = docs.write("controls.bin", ctl);
    assert_refused(&docs, &ctl, &[], "binary (control characters)");
}

#[test]
fn undecodable_bytes_are_refused() {
    let docs = Docs::new();
    let cases: [(&str, Vec<u8>); 4] = [
        (
            "bad-utf8-after-bom.txt",
            [
                b"\xEF\xBB\xBF".as_slice(),
                "中文".as_bytes(),
                b"\xC0\xAF end",
            ]
            .concat(),
        ),
        (
            "lone-surrogate.txt",
            [
                utf16("abc", true, true),
                vec![0x00, 0xD8],
                utf16("def", true, false),
            ]
            .concat(),
        ),
        (
            "odd-utf16.txt",
            [utf16("text", false, true), vec![0x41]].concat(),
        ),
        ("gb18030-truncated.txt", b"\x81\x30\x81".to_vec()),
    ];
    for (name, bytes) in cases {
        let f = docs.write(name, bytes);
        assert_refused(&docs, &f, &[], name);
    }
}

#[test]
fn file_over_the_limit_is_refused() {
    assert_eq!(
        DEFAULT_MAX_INPUT_BYTES,
        1 << 30,
        "the default limit is 1 GiB"
    );
    for sub in ["align", "segment"] {
        let help = run(&[sub, "--help"]);
        assert!(
            stdout(&help).contains("[default: 1073741824]"),
            "{sub} --help shows the 1 GiB default: {}",
            stdout(&help)
        );
    }
    let docs = Docs::new();
    let big = docs.write("big.txt", "这是一个句子。".repeat(10));
    let size = std::fs::metadata(&big).unwrap().len();
    let limit = (size - 1).to_string();
    assert_refused(
        &docs,
        &big,
        &["--max-input-bytes", &limit],
        "over the limit",
    );
    // At the limit exactly, it is accepted.
    let exact = size.to_string();
    let o = run(&["segment", "--max-input-bytes", &exact, p(&big)]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The message says what the limit is.
    let o = run(&["segment", "--max-input-bytes", &limit, p(&big)]);
    assert!(stderr(&o).contains(&limit), "{}", stderr(&o));
    // Standard input is bounded too.
    let mut child = bin()
        .args(["segment", "--max-input-bytes", "10", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        let _ = stdin.write_all("一二三四五六七八九十".as_bytes());
    }
    let o = child.wait_with_output().unwrap();
    assert_no_crash(&o, "stdin over the limit");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("<stdin>"), "{}", stderr(&o));
    // The default limit: a sparse file one byte over 1 GiB is refused before it is read.
    let huge = docs.path("huge.txt");
    let f = std::fs::File::create(&huge).unwrap();
    if f.set_len((1 << 30) + 1).is_ok() {
        drop(f);
        assert_refused(&docs, &huge, &[], "over the default limit");
    } else {
        eprintln!("note: cannot make a sparse 1 GiB file here; the default limit is untested");
    }
}

/// Output that cannot be written: a one-line error naming it, and nothing left behind (not
/// even Moses' first file when its second cannot be written); a bad option is refused
/// before any input is read, even for an empty input.
#[test]
fn output_errors_leave_nothing_behind() {
    let docs = Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let out_dir = docs.path("out");
    std::fs::create_dir(&out_dir).unwrap();
    // The Moses target-side file is a directory: the source-side file must go too.
    std::fs::create_dir(out_dir.join("moses.en")).unwrap();
    let prefix = out_dir.join("moses");
    let args = [
        "align",
        NO_LEX,
        "--format",
        "moses",
        p(&zh),
        p(&en),
        "-o",
        p(&prefix),
    ];
    let before = listing(&out_dir);
    let o = run(&args);
    assert_no_crash(&o, "moses");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains("moses.en"), "{err:?}");
    assert_eq!(listing(&out_dir), before, "files left behind");
    // An output folder that does not exist.
    let nowhere = docs.path("no/such/folder/out.tsv");
    let o = run(&["align", NO_LEX, p(&zh), p(&en), "-o", p(&nowhere)]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains(p(&nowhere)), "{err:?}");
    // An unknown segment format, even with nothing to write.
    let empty = docs.write("empty.txt", "");
    let o = run(&["segment", "--format", "bogus", p(&empty)]);
    assert_no_crash(&o, "segment format");
    assert!(!o.status.success(), "an unknown format is an error");
    assert_eq!(stderr(&o).lines().count(), 1);
}

// ------------------------------------------------------------------ inputs that must work

#[test]
fn empty_and_whitespace_files_give_empty_alignments() {
    let docs = Docs::new();
    let empty = docs.write("empty.txt", "");
    let blank = docs.write(
        "blank.txt",
        " \n\t\n\u{3000}\r\n\u{a0}  \n\n\u{2029}\u{200b}\n",
    );
    let zh = docs.path("zh.txt");
    let en = docs.path("en.txt");
    let n_zh = segment_lines(&zh, "zh").len();
    let n_en = segment_lines(&en, "en").len();
    for f in [&empty, &blank] {
        for fmt in ["tsv", "ids", "jsonl", "tmx", "html"] {
            let o = run(&["align", NO_LEX, "--format", fmt, p(f), p(f)]);
            assert!(o.status.success(), "{}: {}", f.display(), stderr(&o));
            if matches!(fmt, "tsv" | "ids" | "jsonl") {
                assert!(o.stdout.is_empty(), "{fmt}: {}", stdout(&o));
            }
            assert!(!stderr(&o).contains("panick"));
        }
        let o = run(&["segment", p(f)]);
        assert!(o.status.success() && o.stdout.is_empty(), "{}", stdout(&o));
        align_jsonl(&[p(f), p(&en)], 0, n_en);
        align_jsonl(&[NO_LEX, p(&zh), p(f)], n_zh, 0);
        align_jsonl(&[NO_LEX, p(f)], 0, 0);
    }
    // Presplit: line i is sentence i, blank lines included.
    align_jsonl(&[NO_LEX, "--presplit", p(&empty), p(&empty)], 0, 0);
    align_jsonl(&[NO_LEX, "--presplit", p(&blank), p(&empty)], 7, 0);
    // Byte order marks alone are empty files too.
    for bom in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"] {
        let f = docs.write("bom.txt", bom);
        align_jsonl(&[NO_LEX, p(&f), p(&en)], 0, n_en);
    }
}

/// A single line of 10 MB without a full stop, in each language: segmented losslessly into
/// sentences of bounded length; the Chinese one is aligned against a short English text.
#[test]
fn ten_megabyte_line_without_full_stop() {
    let docs = Docs::new();
    let ten_mb = 10 << 20;
    let zh_unit = "我们没有看见那个人在路上走过来的时候";
    let en_unit = "and the rain kept falling on the roofs of the town ";
    let zh_line = zh_unit.repeat(ten_mb / zh_unit.len() + 1);
    let en_line = en_unit.repeat(ten_mb / en_unit.len() + 1);
    let zh = docs.write("zh-line.txt", &zh_line);
    let en = docs.write("en-line.txt", &en_line);
    let mut counts = Vec::new();
    for (file, text, lang) in [(&zh, &zh_line, "zh"), (&en, &en_line, "en")] {
        let o = run(&["segment", "--lang", lang, "--format", "jsonl", p(file)]);
        assert!(o.status.success(), "{lang}: {}", stderr(&o));
        // The spans tile the line: only whitespace between them.
        let mut at = 0usize;
        let mut n = 0usize;
        for line in stdout(&o).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let (start, end) = (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            );
            assert!(
                text[at..start].trim().is_empty(),
                "{lang}: text lost before {start}"
            );
            assert!(
                end - start <= 10_000,
                "{lang}: a sentence of {} bytes",
                end - start
            );
            at = end;
            n += 1;
        }
        assert!(text[at..].trim().is_empty(), "{lang}: text lost at the end");
        assert!(n > 1, "{lang}: the line is split");
        counts.push(n);
    }
    // Aligned (the English line's 10,000 sentences against a short text are no harder
    // for the search than the 10,000 of `one_sentence_against_ten_thousand`).
    let short_en = docs.path("en.txt");
    let n_en = segment_lines(&short_en, "en").len();
    align_jsonl(&[NO_LEX, p(&zh), p(&short_en)], counts[0], n_en);
}

#[test]
fn control_characters_without_nul_are_text() {
    let docs = Docs::new();
    // ESC sequences, bell, backspace, DEL, DOS end-of-file and C1 controls, sparse as they
    // are in real files.
    let zh_text = "他说\u{1b}[1m你好\u{1b}[0m。今天下雨了\u{7}。我们没有出门\u{7f}。\n\n\
                   这是第二段\u{8}，有一些控制字符。这是一个很长的句子，里面没有任何特别的东西，\
                   只是为了让控制字符所占的比例小一些。\u{85}第三句话在这里。\u{1a}";
    let en_text = "He said hello\u{1b}[0m. It rained today\u{7}. We did not go out\u{7f}.\n\n\
                   This is the second paragraph\u{8}, with some control characters. This is a \
                   long sentence with nothing special in it, only there to keep the share of \
                   control characters low. The third sentence is here.\u{1a}";
    let zh = docs.write("zh-ctl.txt", zh_text);
    let en = docs.write("en-ctl.txt", en_text);
    let zs = segment_lines(&zh, "zh");
    let es = segment_lines(&en, "en");
    assert!(zs.len() >= 4, "{zs:?}");
    assert!(es.len() >= 4, "{es:?}");
    assert!(
        zs.iter().any(|s| s.contains('\u{1b}')),
        "control characters kept"
    );
    let beads = align_jsonl(&[p(&zh), p(&en)], zs.len(), es.len());
    assert!(beads
        .iter()
        .any(|b| b["src_text"].as_str().unwrap().contains('\u{7}')));
}

#[test]
fn mixed_scripts_emoji_and_extension_b() {
    let docs = Docs::new();
    let zh_text = "𠀀𠮷𪚥是扩展B区的汉字。👨‍👩‍👧‍👦一家人🇨🇳来到了Москва和القاهرة。\n\
                   她用한국어和日本語（ひらがな、カタカナ）说了“こんにちは”👍🏽！\n\
                   e\u{301}te\u{301}和\u{202e}右到左\u{202c}的文字\u{200f}也在这里。";
    let en_text = "The characters 𠀀𠮷𪚥 are in extension B. 👨‍👩‍👧‍👦 The family 🇨🇳 came to \
                   Москва and القاهرة.\nShe said “こんにちは” in 한국어 and Japanese 👍🏽!\n\
                   e\u{301}te\u{301} and \u{202e}right to left\u{202c} text\u{200f} are here too.";
    let zh = docs.write("zh-mixed.txt", zh_text);
    let en = docs.write("en-mixed.txt", en_text);
    let zs = segment_lines(&zh, "zh");
    let es = segment_lines(&en, "en");
    assert!(zs.len() >= 3 && es.len() >= 3, "{zs:?} {es:?}");
    // Nothing is lost or altered: every character of the input is in the output.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squeeze(&zs.concat()), squeeze(zh_text));
    assert_eq!(squeeze(&es.concat()), squeeze(en_text));
    let beads = align_jsonl(&[p(&zh), p(&en)], zs.len(), es.len());
    let all: String = beads
        .iter()
        .map(|b| b["src_text"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(all.contains("𠀀𠮷𪚥") && all.contains("👨‍👩‍👧‍👦"));
    // And through every other encoding the same.
    for (name, bytes) in [
        ("gb.txt", gb18030(zh_text)),
        ("u16le.txt", utf16(zh_text, true, true)),
        ("u16be.txt", utf16(zh_text, false, true)),
    ] {
        let f = docs.write(name, bytes);
        assert_eq!(segment_lines(&f, "zh"), zs, "{name}");
    }
}

#[test]
fn crlf_and_cr_line_endings() {
    let docs = Docs::new();
    let lf_zh = docs.write("lf-zh.txt", ZH_DOC);
    let lf_en = docs.write("lf-en.txt", EN_DOC);
    let crlf_zh = docs.write("crlf-zh.txt", ZH_DOC.replace('\n', "\r\n"));
    let crlf_en = docs.write("crlf-en.txt", EN_DOC.replace('\n', "\r\n"));
    let cr_en = docs.write("cr-en.txt", EN_DOC.replace('\n', "\r"));
    assert_eq!(segment_lines(&crlf_zh, "zh"), segment_lines(&lf_zh, "zh"));
    assert_eq!(segment_lines(&crlf_en, "en"), segment_lines(&lf_en, "en"));
    assert_eq!(segment_lines(&cr_en, "en"), segment_lines(&lf_en, "en"));
    let ids = |z: &Path, e: &Path| stdout(&run(&["align", NO_LEX, "--format", "ids", p(z), p(e)]));
    assert_eq!(ids(&crlf_zh, &crlf_en), ids(&lf_zh, &lf_en));
    // Presplit: CRLF lines are the same lines, no stray `\r` in the sentences.
    let lines = docs.write("lines.txt", "第一行。\r\n第二行。\r\n\r\n第四行。\r\n");
    let o = run(&["segment", "--presplit", "--lang", "zh", p(&lines)]);
    assert_eq!(stdout(&o), "第一行。\n第二行。\n\n第四行。\n");
    let tsv = stdout(&run(&["align", NO_LEX, "--presplit", p(&lines), p(&lines)]));
    assert!(!tsv.contains('\r'), "{tsv:?}");
}

#[test]
fn no_chinese_aligned_as_chinese_warns_and_aligns() {
    let docs = Docs::new();
    let en = docs.path("en.txt");
    let n = segment_lines(&en, "zh").len();
    let m = segment_lines(&en, "en").len();
    let cyrillic = docs.write(
        "russian.txt",
        "Сегодня шёл дождь. Мы не выходили из дома.\n\nОна сказала: «Ты пришёл?»\n",
    );
    let digits = docs.write("numbers.txt", "1. 2. 3.\n\n2021-04-05 12:00\n");
    for (zh, n) in [
        (en.clone(), n),
        (cyrillic.clone(), segment_lines(&cyrillic, "zh").len()),
        (digits.clone(), segment_lines(&digits, "zh").len()),
    ] {
        let o = run(&["align", NO_LEX, "--format", "jsonl", p(&zh), p(&en)]);
        assert!(o.status.success(), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("warning") && err.contains(p(&zh)),
            "{}: a warning naming the file: {err:?}",
            zh.display()
        );
        align_jsonl(&[NO_LEX, p(&zh), p(&en)], n, m);
    }
    // The reverse direction: a "Chinese" target without Chinese.
    let o = run(&[&["align", NO_LEX][..], EN_ZH, &[p(&en), p(&cyrillic)]].concat());
    assert!(o.status.success());
    assert!(stderr(&o).contains(p(&cyrillic)), "{}", stderr(&o));
    // A real Chinese text gives no warning.
    let o = run(&["align", p(&docs.path("zh.txt")), p(&en)]);
    assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn gb18030_and_utf16_inputs() {
    let docs = Docs::new();
    // Four-byte GB18030 sequences (outside GBK) included.
    let text = format!("{ZH_DOC}𠀀是一个罕见的字。€与😀也在这里。\n");
    let utf8 = docs.write("utf8.txt", &text);
    let want = segment_lines(&utf8, "zh");
    let n = want.len();
    let m = segment_lines(&docs.path("en.txt"), "en").len();
    let en = docs.path("en.txt");
    let want_ids = stdout(&run(&["align", "--format", "ids", p(&utf8), p(&en)]));
    for (name, bytes) in [
        ("gb18030.txt", gb18030(&text)),
        ("utf16le.txt", utf16(&text, true, true)),
        ("utf16be.txt", utf16(&text, false, true)),
    ] {
        let f = docs.write(name, bytes);
        assert_eq!(segment_lines(&f, "zh"), want, "{name}");
        align_jsonl(&[NO_LEX, p(&f), p(&en)], n, m);
        if name == "gb18030.txt" {
            let ids = stdout(&run(&["align", "--format", "ids", p(&f), p(&en)]));
            assert_eq!(ids, want_ids, "{name}");
        }
    }
    // English in UTF-16 without a byte order mark.
    let en16 = docs.write("en16.txt", utf16(EN_DOC, true, false));
    assert_eq!(
        segment_lines(&en16, "en"),
        segment_lines(&docs.path("en.txt"), "en")
    );
}

// ------------------------------------------------------------------------ resource limits

/// `peaks` are the memory peaks for an input and for one `scale` times larger: the second
/// may be at most 1.5 times `scale` the first (a quadratic structure grows `scale`
/// squared).
fn assert_linear(peaks: &[usize], scale: f64, what: &str) {
    let growth = peaks[1] as f64 / peaks[0] as f64;
    assert!(
        growth < scale * 1.5,
        "memory for {scale}x the {what} grew {growth:.1}x"
    );
}

/// A document of `lines` lines, Chinese and English paragraphs alternating (every line
/// ends with a full stop, and a blank line follows every 7th).
fn mixed_lines(lines: usize) -> Vec<u8> {
    let mut s = String::with_capacity(lines * 24);
    for i in 0..lines {
        if (i / 7) % 2 == 0 {
            s.push_str(&format!("第{i}行。\n"));
        } else {
            s.push_str(&format!("Line {i} ends.\n"));
        }
        if i % 7 == 6 {
            s.push('\n');
        }
    }
    s.into_bytes()
}

/// A million lines go through decode, normalisation, partition and segmentation (paragraph
/// and presplit mode). Memory stays proportional to the input: measured against a tenth of
/// it, a quadratic structure would grow 100 times, a linear one 10 times.
#[test]
fn million_lines_segment_in_linear_memory() {
    if !in_own_process("million_lines_segment_in_linear_memory") {
        return;
    }
    let seg = Segmenter::new();
    let pre = Segmenter::new().presplit(true);
    let mut peaks = Vec::new();
    for lines in [100_000usize, 1_000_000] {
        let bytes = mixed_lines(lines);
        let ((zh, en, presplit), peak) = peak_bytes(|| {
            let text = decode(&bytes, "million.txt").expect("text");
            let (zh, en) = seg.segment_mixed(&text);
            let counts = (zh.len(), en.len());
            drop((zh, en));
            let t = pre.segment(&text, Lang::Zh);
            (counts.0, counts.1, t.len())
        });
        // Every line is a sentence, and a paragraph (it ends with a full stop).
        assert_eq!(zh + en, lines, "{lines}: one sentence per line");
        assert!(zh > 0 && en > 0);
        // Presplit: every line is a sentence, blank ones included.
        assert_eq!(presplit, lines + lines / 7, "{lines}: presplit lines");
        let per_byte = peak as f64 / bytes.len() as f64;
        eprintln!(
            "{lines} lines, {} bytes: peak {peak} bytes ({per_byte:.1} per input byte)",
            bytes.len()
        );
        assert!(per_byte < 64.0, "{per_byte:.1} bytes per input byte");
        peaks.push(peak);
    }
    assert_linear(&peaks, 10.0, "lines");
}

/// A million lines aligned against three, the band bounded: memory grows linearly (10x
/// the lines, at most ~10x the memory) and stays at a few hundred bytes a line. A cheap
/// configuration (no lexicon, beads of at most 3 sentences, one pass) keeps this within
/// the CI budget of a debug build; the band and the search are the default code.
#[test]
fn million_lines_against_a_few_align_in_linear_memory() {
    if !in_own_process("million_lines_against_a_few_align_in_linear_memory") {
        return;
    }
    let aligner = cheap_aligner();
    let few_en = ["It rained.", "We stayed at home.", "The end."];
    let mut peaks = Vec::new();
    for n in [100_000usize, 1_000_000] {
        let zh: Vec<String> = (0..n).map(|i| format!("第{i}句。")).collect();
        let (a, peak) = peak_bytes(|| aligner.align_sentences(&zh, &few_en));
        assert_covers(&a, n, few_en.len());
        eprintln!("align {n} x 3: peak {peak} bytes ({} per line)", peak / n);
        assert!(peak / n < 4096, "{} bytes per line", peak / n);
        peaks.push(peak);
    }
    assert_linear(&peaks, 10.0, "lines");
}

/// Two long texts of very different lengths, with the default model (bundled lexicon, two
/// passes) in a bounded band: memory grows with the band's area, not with n x m.
#[test]
fn long_unequal_texts_stay_in_the_band() {
    if !in_own_process("long_unequal_texts_stay_in_the_band") {
        return;
    }
    let aligner = Aligner::builder().band(8).max_band(32).build();
    let mut peaks = Vec::new();
    for n in [1_000usize, 4_000] {
        let zh: Vec<String> = (0..n).map(|i| format!("这是第{i}个句子。")).collect();
        let en: Vec<String> = (0..n / 5)
            .map(|i| format!("This is sentence {i}."))
            .collect();
        let (a, peak) = peak_bytes(|| aligner.align_sentences(&zh, &en));
        assert_covers(&a, n, n / 5);
        eprintln!("align {n} x {}: peak {peak} bytes", n / 5);
        peaks.push(peak);
    }
    assert_linear(&peaks, 4.0, "sentences");
}

/// The command line segments a million-line file, and aligns a 20,000-line one against a
/// short file with a bounded band (the million lines are aligned through the library
/// above), both under a 2 GiB address-space limit (`ulimit -v`): running out of memory
/// would kill it.
#[test]
fn million_line_file_through_the_command_line() {
    let docs = Docs::new();
    let big = docs.write("million.txt", mixed_lines(1_000_000));
    let mut s = String::new();
    for i in 0..20_000 {
        s.push_str(&format!("第{i}行\n"));
    }
    let lines = docs.write("lines.txt", s);
    let small = docs.write("small.txt", "Line one.\nLine two.\n");
    let out = docs.path("out.ids");
    let limited = |args: &[&str]| -> Output {
        if Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 2097152")
            .status()
            .is_ok_and(|s| s.success())
        {
            let mut cmd = Command::new("sh");
            cmd.arg("-c")
                .arg("ulimit -v 2097152 && exec \"$0\" \"$@\"")
                .arg(env!("CARGO_BIN_EXE_bialign"))
                .args(args);
            cmd.stdin(Stdio::null()).output().expect("sh runs")
        } else {
            eprintln!("note: no `sh` with `ulimit -v`: running without a memory limit");
            run(args)
        }
    };
    let o = limited(&["segment", p(&big), "-o", p(&out)]);
    assert_no_crash(&o, "segment a million lines");
    assert!(o.status.success(), "{}", stderr(&o));
    let n = std::fs::read_to_string(&out).unwrap().lines().count();
    assert_eq!(n, 1_000_000);
    let o = limited(&[
        "align",
        "--presplit",
        "--no-lexicon",
        "--format",
        "ids",
        "--band",
        "4",
        "--max-band",
        "16",
        "--max-bead",
        "3",
        "--no-second-pass",
        p(&lines),
        p(&small),
        "-o",
        p(&out),
    ]);
    assert_no_crash(&o, "align 20,000 lines");
    assert!(o.status.success(), "{}", stderr(&o));
    let ids = std::fs::read_to_string(&out).unwrap();
    let beads = bialign::eval::parse_alignment(&ids, "out.ids").unwrap();
    let n: usize = beads.iter().map(|b| b.0.len()).sum();
    let m: usize = beads.iter().map(|b| b.1.len()).sum();
    assert_eq!((n, m), (20_000, 2));
}

// ---------------------------------------------------------------------------- determinism

/// The same input gives byte-identical output on repeated runs (each a new process, so
/// with new hash seeds): every format, with and without the bundled lexicon, and
/// `segment`.
#[test]
fn output_is_byte_identical_across_runs() {
    let docs = Docs::new();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt");
    let zh = docs.path("zh.txt");
    let en = docs.path("en.txt");
    let runs = |args: &[&str]| -> Vec<Vec<u8>> {
        (0..2)
            .map(|_| {
                let o = run(args);
                assert!(o.status.success(), "{args:?}: {}", stderr(&o));
                o.stdout
            })
            .collect()
    };
    let mut cases: Vec<Vec<&str>> = Vec::new();
    // The whole model (the writers only format what it gives: checked below).
    for fmt in ["jsonl", "tsv"] {
        cases.push(vec!["align", "--format", fmt, p(&seed)]);
    }
    cases.push(vec!["align", "--format", "ids", p(&zh), p(&en)]);
    // Every writer.
    for fmt in ["tsv", "jsonl", "ids", "tmx", "html"] {
        cases.push(vec!["align", NO_LEX, "--format", fmt, p(&seed)]);
        cases.push(
            [
                &["align", NO_LEX, "--format", fmt][..],
                EN_ZH,
                &[p(&en), p(&zh)],
            ]
            .concat(),
        );
    }
    cases.push(vec!["segment", p(&seed)]);
    cases.push(vec!["segment", "--format", "jsonl", p(&seed)]);
    for args in cases {
        let outs = runs(&args);
        assert!(!outs[0].is_empty(), "{args:?}");
        assert_eq!(outs[0], outs[1], "{args:?} differs between runs");
    }
    // Moses: two files.
    let read_moses = |tag: &str| -> Vec<Vec<u8>> {
        let prefix = docs.path(tag);
        let o = run(&["align", "--format", "moses", p(&seed), "-o", p(&prefix)]);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut files: Vec<PathBuf> = listing(docs.dir.path())
            .into_iter()
            .filter(|f| f.file_name().unwrap().to_string_lossy().starts_with(tag))
            .collect();
        files.sort();
        assert_eq!(files.len(), 2, "{files:?}");
        files.iter().map(|f| std::fs::read(f).unwrap()).collect()
    };
    assert_eq!(read_moses("run1"), read_moses("run2"));
}

// ----------------------------------------------------------------------- eval of garbage

/// The reference scorer's `_precision`, link by link: `(distinct candidates, strict, lax)`.
fn naive_hits(
    reference: &[bialign::eval::Bead],
    candidates: &[bialign::eval::Bead],
) -> (usize, usize, usize) {
    use std::collections::HashSet;
    let distinct = |beads: &[bialign::eval::Bead]| -> Vec<bialign::eval::Bead> {
        let mut seen = HashSet::new();
        beads
            .iter()
            .filter(|(s, t)| !s.is_empty() || !t.is_empty())
            .filter(|b| seen.insert((*b).clone()))
            .cloned()
            .collect()
    };
    let (reference, candidates) = (distinct(reference), distinct(candidates));
    let links: HashSet<(usize, usize)> = reference
        .iter()
        .flat_map(|(s, t)| s.iter().flat_map(move |&a| t.iter().map(move |&b| (a, b))))
        .collect();
    let (mut strict, mut lax) = (0, 0);
    for c in &candidates {
        if reference.contains(c) {
            strict += 1;
            lax += 1;
        } else if c
            .0
            .iter()
            .any(|&a| c.1.iter().any(|&b| links.contains(&(a, b))))
        {
            lax += 1;
        }
    }
    (candidates.len(), strict, lax)
}

fn bead_strategy() -> impl Strategy<Value = bialign::eval::Bead> {
    (
        prop::collection::vec(0usize..8, 0..4),
        prop::collection::vec(0usize..8, 0..4),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `evaluate` gives the reference scorer's counts on arbitrary (garbage) alignments:
    /// repeated ids, ids out of order, duplicate and empty beads.
    #[test]
    fn eval_counts_match_the_reference_definition(
        gold in prop::collection::vec(bead_strategy(), 0..12),
        test in prop::collection::vec(bead_strategy(), 0..12),
    ) {
        let c = bialign::eval::evaluate(&gold, &test);
        prop_assert_eq!(
            (c.precision_total, c.precision_strict, c.precision_lax),
            naive_hits(&gold, &test)
        );
        let both = |b: &&bialign::eval::Bead| !b.0.is_empty() && !b.1.is_empty();
        let g: Vec<_> = gold.iter().filter(both).cloned().collect();
        let t: Vec<_> = test.iter().filter(both).cloned().collect();
        prop_assert_eq!((c.recall_total, c.recall_strict, c.recall_lax), naive_hits(&t, &g));
    }
}

/// A bead of 20,000 x 20,000 ids (400 million implied links) and an id shared by 20,000
/// beads are scored in memory proportional to the files.
#[test]
fn eval_of_huge_beads_stays_linear() {
    if !in_own_process("eval_of_huge_beads_stays_linear") {
        return;
    }
    use bialign::eval::{evaluate, Bead};
    let n = 20_000usize;
    let all: Vec<usize> = (0..n).collect();
    let gold: Vec<Bead> = vec![(all.clone(), all.clone())];
    let test: Vec<Bead> = (0..n).map(|i| (vec![i], vec![i])).collect();
    let (c, peak) = peak_bytes(|| evaluate(&gold, &test));
    assert_eq!(
        (c.precision_total, c.precision_strict, c.precision_lax),
        (n, 0, n)
    );
    assert_eq!((c.recall_total, c.recall_strict, c.recall_lax), (1, 0, 1));
    assert!(peak < 64 << 20, "{peak} bytes");
    let shared_gold: Vec<Bead> = (0..n).map(|k| (vec![0], vec![k])).collect();
    let shared_test: Vec<Bead> = (0..n).map(|k| (vec![0], vec![n + k])).collect();
    let (c, peak) = peak_bytes(|| evaluate(&shared_gold, &shared_test));
    assert_eq!((c.precision_total, c.precision_lax), (n, 0));
    assert!(peak < 64 << 20, "{peak} bytes");
}

// ------------------------------------------------------------------ folder of hostile samples

/// Writes the hostile samples into `dir` and returns their paths.
fn write_hostile_samples(dir: &Path) -> Vec<PathBuf> {
    let mut samples: Vec<(&str, Vec<u8>)> = Vec::new();
    let zh = ZH_DOC.as_bytes();
    let long_zh = ZH_DOC.repeat(20);
    // Truncated UTF-8: a multi-byte character cut at the end, and in the middle.
    samples.push(("truncated-utf8-end.txt", zh[..zh.len() - 2].to_vec()));
    samples.push(("truncated-utf8-middle.txt", [&zh[..4], &zh[6..]].concat()));
    // UTF-16 with lone surrogates (high, low, at the end).
    let lone = |before: &str, le: bool, unit: u16, after: &str| -> Vec<u8> {
        let unit = if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        [
            utf16(before, le, true),
            unit.to_vec(),
            utf16(after, le, false),
        ]
        .concat()
    };
    samples.push(("utf16-lone-high.txt", lone("他来了", true, 0xD83D, "。")));
    samples.push(("utf16-lone-low.txt", lone("He came", false, 0xDE00, ".")));
    samples.push(("utf16-high-at-end.txt", lone("abc", true, 0xD83D, "")));
    samples.push(("utf16-no-bom-odd.txt", {
        let mut v = utf16("Plain text here.", true, false);
        v.push(b'x');
        v
    }));
    // Byte order marks alone, doubled, and mismatched.
    samples.push(("bom-utf8-only.txt", b"\xEF\xBB\xBF".to_vec()));
    samples.push(("bom-utf16le-only.txt", b"\xFF\xFE".to_vec()));
    samples.push(("bom-utf16be-only.txt", b"\xFE\xFF".to_vec()));
    samples.push((
        "bom-twice.txt",
        [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), zh].concat(),
    ));
    samples.push((
        "bom-utf16-then-utf8.txt",
        [b"\xFF\xFE".as_slice(), zh].concat(),
    ));
    // NUL bytes.
    samples.push(("nul-only.txt", vec![0; 1000]));
    samples.push(("nul-in-text.txt", [zh, b"\0", zh].concat()));
    samples.push(("nul-at-end.txt", [zh, b"\0"].concat()));
    // Giant lines.
    samples.push(("giant-line-zh.txt", "字".repeat(60_000).into_bytes()));
    samples.push(("giant-line-en.txt", "word ".repeat(20_000).into_bytes()));
    samples.push(("giant-word.txt", "x".repeat(100_000).into_bytes()));
    samples.push(("giant-line-stops.txt", "。".repeat(50_000).into_bytes()));
    samples.push(("giant-line-dots.txt", ". ".repeat(50_000).into_bytes()));
    // Only punctuation.
    samples.push((
        "only-punct-zh.txt",
        "。，、；：？！“”‘’《》（）【】……——\n"
            .repeat(500)
            .into_bytes(),
    ));
    samples.push((
        "only-punct-en.txt",
        ".,;:?!\"'()[]{}...--\n".repeat(500).into_bytes(),
    ));
    // Deep nesting of quotes and brackets, balanced and not.
    samples.push((
        "deep-brackets.txt",
        format!(
            "{}中{}。",
            "（“《【「".repeat(5_000),
            "」】》”）".repeat(5_000)
        )
        .into_bytes(),
    ));
    samples.push((
        "unbalanced-open.txt",
        "《（“他说".repeat(12_000).into_bytes(),
    ));
    samples.push((
        "unbalanced-close.txt",
        "”）》。".repeat(12_000).into_bytes(),
    ));
    samples.push((
        "deep-ascii.txt",
        format!("{}x{}.", "(\"[{'".repeat(5_000), "'}]\")".repeat(5_000)).into_bytes(),
    ));
    // Blank lines.
    samples.push(("blank-lines.txt", "\n".repeat(100_000).into_bytes()));
    samples.push((
        "blank-lines-between.txt",
        format!("第一句。{}第二句。", "\r\n".repeat(100_000)).into_bytes(),
    ));
    samples.push(("only-spaces.txt", " \t\u{3000}".repeat(20_000).into_bytes()));
    // Bidirectional controls and marks.
    samples.push((
        "rtl-marks.txt",
        "\u{202e}他说\u{202c}\u{200f}。\u{200e}He said\u{2067}.\u{2069} مرحبا بالعالم.\n"
            .repeat(200)
            .into_bytes(),
    ));
    // Combining characters: long runs on one base, and on none.
    samples.push((
        "combining.txt",
        format!(
            "a{}. 中{}。\u{301}\u{302}\n",
            "\u{301}".repeat(20_000),
            "\u{302}".repeat(20_000)
        )
        .into_bytes(),
    ));
    samples.push((
        "zalgo.txt",
        "Z\u{336}\u{30c}\u{351}a\u{335}\u{308}l\u{337}g\u{334}o\u{338}. "
            .repeat(2_000)
            .into_bytes(),
    ));
    // Mixed encodings in one file: UTF-8 then GB18030 then UTF-16.
    samples.push((
        "mixed-encodings.txt",
        [zh, &gb18030(ZH_DOC), &utf16(EN_DOC, true, false)].concat(),
    ));
    samples.push(("utf8-then-gbk.txt", [zh, &gb18030(&long_zh)].concat()));
    samples.push((
        "latin1.txt",
        b"caf\xE9 na\xEFve r\xE9sum\xE9. Stra\xDFe.\n".repeat(100),
    ));
    // Random bytes, with and without NUL; every byte value.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = |n: usize, nul: bool| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let b = (x >> 32) as u8;
                if nul || b != 0 {
                    b
                } else {
                    1
                }
            })
            .collect()
    };
    samples.push(("random.bin", rnd(20_000, true)));
    samples.push(("random-no-nul.bin", rnd(20_000, false)));
    samples.push(("all-bytes.bin", (0..=255u8).cycle().take(4096).collect()));
    samples.push((
        "high-bytes.bin",
        (0x80..=0xFFu8).cycle().take(4096).collect(),
    ));
    // Control characters, line separators, odd whitespace.
    samples.push((
        "controls-sparse.txt",
        format!("{long_zh}\u{1b}[31m\u{7}\u{8}\u{7f}\u{1a}").into_bytes(),
    ));
    samples.push((
        "separators.txt",
        "句子一。\u{2028}句子二。\u{2029}Sentence three.\u{85}Sentence four.\u{b}\u{c}"
            .repeat(300)
            .into_bytes(),
    ));
    samples.push((
        "cr-only.txt",
        EN_DOC.replace('\n', "\r").repeat(50).into_bytes(),
    ));
    // Noncharacters, private use, replacement characters, surrogate-like escapes.
    samples.push((
        "nonchars.txt",
        "\u{FFFE}\u{FFFF}\u{FDD0}\u{E000}\u{F8FF}\u{FFFD}\u{10FFFF}。\u{1F600}.\n"
            .repeat(500)
            .into_bytes(),
    ));
    samples.push(("ext-b-only.txt", "𠀀𠀁𠀂𪚥𠮷。".repeat(1_000).into_bytes()));
    samples.push(("emoji-only.txt", "👨‍👩‍👧‍👦🇨🇳👍🏽❤️‍🔥. ".repeat(3_000).into_bytes()));
    // Text that looks like alignment files, for `eval`.
    samples.push((
        "ids-good.align",
        b"[0]:[0]\n[1,2]:[1]\n[]:[2]\n[3]:[]\n".to_vec(),
    ));
    samples.push((
        "ids-huge-bead.align",
        format!(
            "[{}]:[{}]\n",
            (0..20_000)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(","),
            (0..20_000)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )
        .into_bytes(),
    ));
    samples.push((
        "ids-shared-id.align",
        (0..5_000)
            .map(|i| format!("[0]:[{i}]\n"))
            .collect::<String>()
            .into_bytes(),
    ));
    samples.push((
        "ids-overflow.align",
        b"[18446744073709551616]:[0]\n".to_vec(),
    ));
    samples.push((
        "ids-max.align",
        b"[18446744073709551615]:[18446744073709551615]\n".to_vec(),
    ));
    samples.push((
        "ids-garbage.align",
        b"[0:[1]\n:\n[]:[]:[]\n[-1]:[0]\n[a]:[b]\n".to_vec(),
    ));
    samples.push((
        "ids-empty-beads.align",
        b"[]:[]\n[ ]:[ ]\n[,]:[,]\n".to_vec(),
    ));
    let mut paths = Vec::new();
    for (name, bytes) in samples {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("sample written");
        paths.push(path);
    }
    paths
}

/// Every sample through the library: decode, and when it is text, segment in both
/// languages and modes and as a mixed document, and align: against a short text with the
/// default aligners (bundled lexicon), and presplit or against itself with the cheap one
/// (the same search in a narrow band, without the lexicon, to keep within the CI budget).
#[test]
fn hostile_samples_through_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let zh_text = Segmenter::new().segment(ZH_DOC, Lang::Zh);
    let en_text = Segmenter::new().segment(EN_DOC, Lang::En);
    let cheap = cheap_aligner();
    for path in write_hostile_samples(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = decode(&bytes, &name) else {
            continue;
        };
        for presplit in [false, true] {
            let seg = Segmenter::new().presplit(presplit);
            let z = seg.segment(&text, Lang::Zh);
            let e = seg.segment(&text, Lang::En);
            let check = |a: &Alignment, n: usize, m: usize| {
                if let Err(err) = check_covers(a, n, m) {
                    panic!("{name} (presplit {presplit}): {err}");
                }
            };
            if presplit {
                check(&cheap.align(&z, &en_text), z.len(), en_text.len());
                check(&cheap.align(&e, &zh_text), e.len(), zh_text.len());
            } else {
                check(&zh_en().align(&z, &en_text), z.len(), en_text.len());
                check(&en_zh().align(&e, &zh_text), e.len(), zh_text.len());
                check(&cheap.align(&z, &e), z.len(), e.len());
                let (mz, me) = seg.segment_mixed(&text);
                check(&cheap.align(&mz, &me), mz.len(), me.len());
            }
            let _ = seg.detect(&text);
            let _ = seg.is_mixed(&text);
        }
    }
}

/// Every sample through the command line: `align` (as source, as target in the other
/// direction, alone as a mixed document), `segment` and `eval` (as gold and as test). No
/// panic, no signal, and every failure is one line.
#[test]
fn hostile_samples_through_the_command_line() {
    let docs = Docs::new();
    let samples_dir = docs.path("samples");
    std::fs::create_dir(&samples_dir).unwrap();
    let samples = write_hostile_samples(&samples_dir);
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let good = docs.write("good.align", "[0]:[0]\n[1]:[1]\n[2,3]:[2]\n");
    let out = docs.path("out.txt");
    // A small dictionary keeps the lexical code paths busy without parsing the bundled
    // lexicon on every run (the library test above uses the bundled one, and so do a few
    // runs here).
    let dict = docs.write("dict.tsv", "father\t父亲\nrain\t雨\nhospital\t医院\n");
    let check = |args: &[&str], what: &str| {
        let o = run(args);
        assert_no_crash(&o, what);
        if o.status.success() {
            return;
        }
        let err = stderr(&o);
        assert_eq!(
            err.lines().count(),
            1,
            "{what}: {args:?}: one line, got {err:?}"
        );
        assert!(err.starts_with("bialign: "), "{what}: {err:?}");
    };
    for (k, s) in samples.iter().enumerate() {
        let name = s.file_name().unwrap().to_string_lossy().into_owned();
        let sp = p(s);
        let fast = [NO_LEX, "--dict", p(&dict)];
        let mut runs: Vec<Vec<&str>> = vec![
            vec!["segment", sp],
            vec![
                "segment",
                "--lang",
                "zh",
                "--format",
                "jsonl",
                "--presplit",
                sp,
            ],
            [&["align", sp, p(&en)][..], &fast].concat(),
            [&["align", "--presplit"][..], EN_ZH, &[sp, p(&zh)], &fast].concat(),
            [&["align", "--format", "jsonl", sp][..], &fast].concat(),
            vec!["eval", "--gold", sp, "--test", p(&good)],
            vec!["eval", "--gold", sp, "--test", sp],
        ];
        // One sample in twelve with the bundled lexicon, in turn in each format.
        if k % 12 == 0 {
            let fmt = ["tmx", "html", "tsv", "jsonl"][(k / 12) % 4];
            runs.push(vec!["align", "--format", fmt, p(&zh), sp, "-o", p(&out)]);
        }
        for args in runs {
            check(&args, &name);
        }
    }
    // Folders of garbage alignment files for `eval`.
    let test_dir = docs.path("test-alignments");
    std::fs::create_dir(&test_dir).unwrap();
    for s in &samples {
        std::fs::copy(s, test_dir.join(s.file_name().unwrap())).unwrap();
    }
    check(
        &["eval", "--gold", p(&samples_dir), "--test", p(&test_dir)],
        "eval folders",
    );
    check(
        &["eval", "--gold", p(&test_dir), "--test", p(&zh)],
        "eval folder against a file",
    );
    check(
        &["eval", "--gold", p(&good), "--test", p(&samples_dir)],
        "eval file against a folder",
    );
}
