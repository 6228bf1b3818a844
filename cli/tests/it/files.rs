//! Nothing clobbered (issue 14, "Writing files"): what `-o` and batch outputs do with FIFOs,
//! devices, symbolic links, planted links at predictable temporary names and permissions;
//! outputs that are inputs refused before any work (align, segment, Moses prefixes, batch
//! jobs); SIGTERM and SIGINT during a run leave no temporary file and the old target as it
//! was. The library's side (`export::save`, `refuse_overwriting_inputs`) is in
//! `tests/it/save.rs`.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use crate::common::files::{is_fifo, leftovers, mkfifo, mode, wait_until, FifoReader};
use crate::common::{
    assert_no_crash, bin, p, run, run_in, skip, stderr, write_two_pairs, Docs, NO_LEX,
};

const TIMEOUT: Duration = Duration::from_secs(60);

/// Every file below `dir` (not following links) with its bytes, or the link's target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.file_type().is_symlink() {
            let to = std::fs::read_link(&path).unwrap();
            all.insert(path, to.into_os_string().into_encoded_bytes());
        } else if meta.is_dir() {
            all.extend(snapshot(&path));
        } else if meta.is_file() {
            all.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    all
}

/// What `args` prints on standard output, which must succeed.
fn printed(args: &[&str]) -> Vec<u8> {
    let o = run(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    o.stdout
}

// ------------------------------------------------- special files are written in place

/// Guards point 1: a FIFO as `-o` is written in place (a reader gets what standard output
/// would) and stays a FIFO, for `align` and `segment`.
#[test]
fn a_fifo_as_output_is_written_in_place() {
    let docs = Docs::new();
    let fifo = docs.path("out.fifo");
    if let Err(why) = mkfifo(&fifo) {
        skip("files::a_fifo_as_output_is_written_in_place", &why);
        return;
    }
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let cases: [(&str, Vec<&str>); 3] = [
        ("align", vec!["align", NO_LEX, p(&zh), p(&en)]),
        (
            "align tmx",
            vec!["align", NO_LEX, "--format", "tmx", p(&zh), p(&en)],
        ),
        ("segment", vec!["segment", p(&zh)]),
    ];
    for (name, args) in cases {
        let want = printed(&args);
        let reader = FifoReader::spawn(&fifo);
        let o = run(&[&args[..], &["-o", p(&fifo)]].concat());
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let got = reader.wait(TIMEOUT).expect("the reader got an end");
        assert_eq!(got.unwrap(), want, "{name}");
        assert!(is_fifo(&fifo), "{name}: still a FIFO");
        assert!(leftovers(docs.dir.path()).is_empty(), "{name}");
    }
}

/// Guards point 1: `/dev/null` as `-o` stays the device; `/dev/stdout` as `-o` writes to
/// standard output, whether a pipe or a file it was redirected to (`>` or `>>`), in place:
/// never a file made in `/dev` or `/proc`, nor one renamed over the redirected file.
#[test]
fn dev_null_and_dev_stdout_as_output() {
    use std::os::unix::fs::FileTypeExt;
    let docs = Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let null = Path::new("/dev/null");
    if !std::fs::metadata(null).is_ok_and(|m| m.file_type().is_char_device()) {
        skip(
            "files::dev_null_and_dev_stdout_as_output",
            "no /dev/null device",
        );
        return;
    }
    for args in [
        vec!["align", NO_LEX, p(&zh), p(&en), "-o", "/dev/null"],
        vec!["segment", p(&zh), "-o", "/dev/null"],
    ] {
        let o = run(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        let m = std::fs::metadata(null).unwrap();
        assert!(
            m.file_type().is_char_device(),
            "{args:?}: /dev/null replaced"
        );
    }
    assert!(leftovers(Path::new("/dev")).is_empty());
    if Path::new("/dev/stdout").exists() {
        for args in [
            vec!["align", NO_LEX, p(&zh), p(&en)],
            vec!["segment", p(&zh)],
        ] {
            let want = printed(&args);
            let got = printed(&[&args[..], &["-o", "/dev/stdout"]].concat());
            assert_eq!(got, want, "{args:?}");
            // Standard output redirected to a file, as `>` and `>>` do: the file gets the
            // output in place (the same file, appended to), not a new file renamed over it.
            for (redirect, before) in [(">", ""), (">>", "kept\n")] {
                use std::os::unix::fs::MetadataExt;
                let file = docs.write("redirected.txt", before);
                let inode = std::fs::metadata(&file).unwrap().ino();
                let opened = std::fs::OpenOptions::new()
                    .write(true)
                    .append(redirect == ">>")
                    .truncate(redirect == ">")
                    .open(&file)
                    .unwrap();
                let o = bin()
                    .args(&args)
                    .args(["-o", "/dev/stdout"])
                    .stdin(Stdio::null())
                    .stdout(opened)
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{redirect}: {}", stderr(&o));
                let mut expected = before.as_bytes().to_vec();
                expected.extend_from_slice(&want);
                assert_eq!(
                    std::fs::read(&file).unwrap(),
                    expected,
                    "{args:?} {redirect}"
                );
                assert_eq!(std::fs::metadata(&file).unwrap().ino(), inode, "{redirect}");
                assert!(leftovers(docs.dir.path()).is_empty(), "{redirect}");
            }
        }
    }
}

// ------------------------------------------------------------- symbolic links followed

/// Guards point 1: `-o` a symbolic link writes the file it points to and leaves the link a
/// link (also for a relative link into another folder, and a dangling one).
#[test]
fn a_symlinked_output_gets_the_output_and_the_link_stays() {
    let docs = Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    std::fs::create_dir(docs.path("real")).unwrap();
    std::fs::write(docs.path("real/pairs.tsv"), "old\n").unwrap();
    let want = printed(&["align", NO_LEX, p(&zh), p(&en)]);
    for (name, link, points_to, real) in [
        (
            "absolute",
            "abs.tsv",
            docs.path("real/pairs.tsv"),
            "real/pairs.tsv",
        ),
        (
            "relative",
            "rel.tsv",
            PathBuf::from("real/pairs.tsv"),
            "real/pairs.tsv",
        ),
        (
            "dangling",
            "dangling.tsv",
            PathBuf::from("real/new.tsv"),
            "real/new.tsv",
        ),
    ] {
        let link = docs.path(link);
        symlink(&points_to, &link).unwrap();
        std::fs::write(docs.path("real/pairs.tsv"), "old\n").unwrap();
        let o = run(&["align", NO_LEX, p(&zh), p(&en), "-o", p(&link)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let meta = std::fs::symlink_metadata(&link).unwrap();
        assert!(meta.file_type().is_symlink(), "{name}: the link stays");
        assert_eq!(std::fs::read_link(&link).unwrap(), points_to, "{name}");
        assert_eq!(std::fs::read(docs.path(real)).unwrap(), want, "{name}");
        assert!(leftovers(docs.dir.path()).is_empty(), "{name}");
        assert!(leftovers(&docs.path("real")).is_empty(), "{name}");
    }
}

// ------------------------------------------- temporary files are new, unpredictable

/// Guards point 2: bialign used to write `.out.tsv.<pid>.tmp` beside the output, a name an
/// attacker sharing the folder could plant a symbolic link at, to have the output written
/// over any file. Links planted for a range of plausible process ids, and for the child's
/// own id as soon as it is known (before it writes: it still loads the lexicon), redirect
/// nothing: the victim keeps its bytes, the output is a regular file.
#[test]
fn planted_links_at_predictable_temporary_names_redirect_nothing() {
    let docs = Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let victim = docs.write("victim.txt", "precious\n");
    let out = docs.path("out.tsv");
    let plant = |pid: u32| {
        let _ = symlink(&victim, docs.path(&format!(".out.tsv.{pid}.tmp")));
    };
    let me = std::process::id();
    for pid in me..me + 2000 {
        plant(pid);
    }
    let want = printed(&["align", p(&zh), p(&en)]);
    for round in ["new output", "replaced output"] {
        let child = spawn(bin().args(["align", p(&zh), p(&en), "-o", p(&out)])).unwrap();
        plant(child.id());
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{round}: {}", stderr(&o));
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "precious\n",
            "{round}"
        );
        let meta = std::fs::symlink_metadata(&out).unwrap();
        assert!(meta.is_file(), "{round}: a regular file");
        assert_eq!(std::fs::read(&out).unwrap(), want, "{round}");
    }
}

// ------------------------------------------------------------------ permissions kept

/// Guards point 3: an output replaced by `-o` keeps its mode (0o640 stays 0o640), for
/// `align`, `segment` and both Moses files; a new output gets the mode any new file gets.
#[test]
fn permissions_of_a_replaced_output_are_kept() {
    let docs = Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let prefix = docs.path("moses");
    let cases: [(&str, Vec<&str>, Vec<PathBuf>); 3] = [
        (
            "align",
            vec!["align", NO_LEX, p(&zh), p(&en), "-o"],
            vec![docs.path("pairs.tsv")],
        ),
        (
            "segment",
            vec!["segment", p(&zh), "-o"],
            vec![docs.path("lines.txt")],
        ),
        (
            "moses",
            vec!["align", NO_LEX, "--format", "moses", p(&zh), p(&en), "-o"],
            vec![docs.path("moses.zh"), docs.path("moses.en")],
        ),
    ];
    for (name, args, outputs) in cases {
        let target = if name == "moses" {
            p(&prefix)
        } else {
            p(&outputs[0])
        };
        for (k, out) in outputs.iter().enumerate() {
            std::fs::write(out, "old\n").unwrap();
            let bits = [0o640, 0o604][k];
            std::fs::set_permissions(out, std::fs::Permissions::from_mode(bits)).unwrap();
        }
        let o = run(&[&args[..], &[target]].concat());
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        for (k, out) in outputs.iter().enumerate() {
            assert_ne!(std::fs::read(out).unwrap(), b"old\n", "{name}: written");
            assert_eq!(mode(out), [0o640, 0o604][k], "{name}: {:o}", mode(out));
        }
    }
    let reference = docs.write("reference", "");
    let new = docs.path("new.tsv");
    let o = run(&["align", NO_LEX, p(&zh), p(&en), "-o", p(&new)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mode(&new), mode(&reference));
    assert!(leftovers(docs.dir.path()).is_empty());
}

// ----------------------------------------------------------- Moses: both files or none

/// Guards point 3: when the second Moses file cannot be written (its name is a link into a
/// folder that does not exist), the first keeps its previous contents and nothing is left.
#[test]
fn a_failed_moses_write_keeps_the_previous_files() {
    let docs = Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let prefix = docs.path("moses");
    std::fs::write(docs.path("moses.zh"), "old zh\n").unwrap();
    symlink("no/such/folder/moses.en", docs.path("moses.en")).unwrap();
    let before = snapshot(docs.dir.path());
    let moses = ["align", NO_LEX, "--format", "moses"];
    let o = run(&[&moses[..], &[p(&zh), p(&en), "-o", p(&prefix)]].concat());
    assert_no_crash(&o, "moses");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("moses.en"), "{err}");
    assert_eq!(snapshot(docs.dir.path()), before, "nothing changed");
    assert!(leftovers(docs.dir.path()).is_empty());
}

// ---------------------------------------------------------- an output that is an input

/// Guards point 4: `-o` naming an input, by any path to it, is refused before any work: one
/// line naming the output and the input, exit 1, nothing written and every file as it was.
/// The refusal comes before reading (a binary input as its own output is refused as an
/// output, not as undecodable) and before the lexicon is loaded.
#[test]
fn an_output_that_is_an_input_is_refused_before_any_work() {
    let docs = Docs::new();
    let d = docs.dir.path();
    let dir_name = d.file_name().unwrap().to_str().unwrap().to_string();
    std::fs::create_dir(docs.path("sub")).unwrap();
    symlink(docs.path("zh.txt"), docs.path("link.txt")).unwrap();
    std::fs::hard_link(docs.path("en.txt"), docs.path("hard.txt")).unwrap();
    docs.write("dict.tsv", "father\t父亲\n");
    docs.write("corpus.zh", crate::common::samples::ZH_DOC);
    docs.write("corpus.en", crate::common::samples::EN_DOC);
    docs.write("picture.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let up = format!("../{dir_name}/zh.txt");
    // `align zh.txt en.txt -o OUT`: (name, OUT, the input named in the message).
    let same_file: [(&str, &str, &str); 7] = [
        ("the source", "zh.txt", "zh.txt"),
        ("the target", "en.txt", "en.txt"),
        ("with ./", "./zh.txt", "zh.txt"),
        ("through ../dir", &up, "zh.txt"),
        ("from a subfolder", "sub/../en.txt", "en.txt"),
        ("a symbolic link to it", "link.txt", "zh.txt"),
        ("a hard link to it", "hard.txt", "en.txt"),
    ];
    let mut cases: Vec<(&str, Vec<&str>, &str)> = same_file
        .iter()
        .map(|&(name, out, input)| (name, vec!["align", "zh.txt", "en.txt", "-o", out], input))
        .collect();
    let moses = ["align", "--format", "moses"];
    let en_zh = ["--src-lang", "en", "--tgt-lang", "zh"];
    cases.extend([
        (
            "a mixed document",
            vec!["align", "zh.txt", "-o", "zh.txt"],
            "zh.txt",
        ),
        (
            "a dictionary",
            vec![
                "align", "--dict", "dict.tsv", "zh.txt", "en.txt", "-o", "dict.tsv",
            ],
            "dict.tsv",
        ),
        (
            "a Moses prefix of the inputs",
            [&moses[..], &["corpus.zh", "corpus.en", "-o", "corpus"]].concat(),
            "corpus.zh",
        ),
        (
            "a Moses prefix, one side",
            [&moses[..], &["zh.txt", "corpus.en", "-o", "./corpus"]].concat(),
            "corpus.en",
        ),
        (
            "a Moses prefix, reversed",
            [&moses[..], &en_zh, &["en.txt", "corpus.zh", "-o", "corpus"]].concat(),
            "corpus.zh",
        ),
        (
            "segment",
            vec!["segment", "zh.txt", "-o", "zh.txt"],
            "zh.txt",
        ),
        (
            "segment through a link",
            vec!["segment", "zh.txt", "-o", "link.txt"],
            "zh.txt",
        ),
        (
            "before reading",
            vec!["segment", "picture.png", "-o", "./picture.png"],
            "picture.png",
        ),
    ]);
    for (name, args, input) in cases {
        let before = snapshot(d);
        let o = run_in(Some(d), &args, None);
        assert_no_crash(&o, name);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains("would overwrite the input"), "{name}: {err}");
        assert!(err.contains(input), "{name}: {err}");
        assert!(err.contains(args.last().unwrap()), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}");
        assert_eq!(snapshot(d), before, "{name}: files changed");
        assert!(leftovers(d).is_empty(), "{name}");
    }
    // Not an input: written as usual (a Moses prefix of other files, standard output).
    for args in [
        vec![
            "align", NO_LEX, "--format", "moses", "zh.txt", "en.txt", "-o", "corpus2",
        ],
        vec!["segment", "zh.txt", "-o", "-"],
    ] {
        let o = run_in(Some(d), &args, None);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
}

/// Guards point 4 for `batch`: a job whose output is another job's input, the job file
/// itself, or the same file as an earlier job's output (spelt otherwise, or through a
/// linked folder) is refused before any work, alone: the other jobs run, every input and
/// the job file are unchanged, and the exit status is 1.
#[test]
fn batch_jobs_that_would_clobber_are_refused() {
    // (name, job lines, the lines refused with what their message says)
    type Case<'a> = (&'a str, &'a str, &'a [(usize, &'a str)]);
    let cases: [Case; 5] = [
        (
            "output is another job's input",
            "a.zh\ta.en\tb.zh\nb.zh\tb.en\tout/b.tsv\n",
            &[(1, "an input of")],
        ),
        (
            "output is an earlier job's input",
            "a.zh\ta.en\tout/a.tsv\nb.zh\tb.en\ta.en\n",
            &[(2, "an input of")],
        ),
        (
            "output is the job file",
            "a.zh\ta.en\tout/a.tsv\nb.zh\tb.en\t./jobs.tsv\n",
            &[(2, "would overwrite the input")],
        ),
        (
            "the same output, spelt otherwise",
            "a.zh\ta.en\tout/x.tsv\nb.zh\tb.en\t./out/../out/x.tsv\n",
            &[(2, "the same output file as")],
        ),
        (
            "the same output through a linked folder",
            "a.zh\ta.en\tout/x.tsv\nb.zh\tb.en\tlinked/x.tsv\n",
            &[(2, "the same output file as")],
        ),
    ];
    for (name, jobs, refused) in cases {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write_two_pairs(d);
        std::fs::write(d.join("jobs.tsv"), jobs).unwrap();
        std::fs::create_dir(d.join("out")).unwrap();
        symlink("out", d.join("linked")).unwrap();
        let before = snapshot(d);
        let o = run_in(Some(d), &["batch", NO_LEX, "jobs.tsv"], None);
        assert_no_crash(&o, name);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        let total = jobs.lines().count();
        let summary = format!("bialign: {total} documents, {} failed", refused.len());
        assert_eq!(err.lines().last(), Some(summary.as_str()), "{name}: {err}");
        for (line, says) in refused {
            let place = format!("jobs.tsv:{line}: ");
            let msg = err.lines().find(|l| l.contains(&place));
            let msg = msg.unwrap_or_else(|| panic!("{name}: line {line} refused: {err}"));
            assert!(msg.contains(says), "{name}: {msg}");
        }
        // Every input as it was; the job that was not refused wrote its output.
        let after = snapshot(d);
        for (path, bytes) in &before {
            assert_eq!(after.get(path), Some(bytes), "{name}: {}", path.display());
        }
        assert_eq!(after.len(), before.len() + total - refused.len(), "{name}");
        assert!(leftovers(d).is_empty() && leftovers(&d.join("out")).is_empty());
    }
}

// ------------------------------------------------------- stopped by SIGTERM or SIGINT

/// Sends `signal` (`TERM`, `INT`) to `child` with the `kill` tool; `Err` when there is none.
fn kill(child: &Child, signal: &str) -> Result<(), String> {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .map_err(|e| format!("no kill tool: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("kill -{signal} failed: {status}"))
    }
}

/// Waits for `child` for at most `TIMEOUT`, then kills it (a hung test fails, it does not
/// hang the suite).
fn wait_or_kill(mut child: Child) -> Output {
    let done = wait_until(TIMEOUT, || child.try_wait().is_ok_and(|s| s.is_some()));
    if !done {
        let _ = child.kill();
    }
    child.wait_with_output().unwrap()
}

/// Whether this test process ignores SIGINT, as a non-interactive shell's `&` makes it
/// (Linux's `/proc/self/status`).
fn sigint_ignored_here() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let mask = s.lines().find_map(|l| l.strip_prefix("SigIgn:"))?;
            u64::from_str_radix(mask.trim(), 16).ok()
        })
        .is_some_and(|mask| mask & (1 << 1) != 0)
}

/// Starts `cmd` with nothing on its standard input, its outputs piped.
fn spawn(cmd: &mut Command) -> std::io::Result<Child> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
}

/// The arguments of a long alignment of `zh` and `en` (from [`long_inputs`]) to `out`.
fn long_align<'a>(zh: &'a Path, en: &'a Path, out: &'a Path) -> [&'a str; 8] {
    [
        "align",
        "--presplit",
        NO_LEX,
        "-q",
        p(zh),
        p(en),
        "-o",
        p(out),
    ]
}

/// A long alignment's inputs (presplit, several seconds in a debug build).
fn long_inputs(docs: &Docs) -> (PathBuf, PathBuf) {
    let (mut zh, mut en) = (String::new(), String::new());
    for k in 0..20_000u32 {
        let n = 3 + (k * 7919) % 17;
        zh.push_str(&"我父亲是一个医生"[..3 * (1 + n as usize % 8)]);
        zh.push_str(&"他每天早上去医院".repeat(1 + n as usize % 3));
        zh.push_str("。\n");
        for w in 0..n {
            en.push_str(&format!("word{} ", (k * 31 + w * 17) % 500));
        }
        en.push_str("end.\n");
    }
    (docs.write("long.zh", zh), docs.write("long.en", en))
}

/// Guards point 2's command-line side: SIGTERM (exit 143) or SIGINT (exit 130) during a
/// long alignment with `-o` leaves no temporary file in the folder and the old target as
/// it was; and caught mid-write (a Moses pair whose second file is a FIFO without a reader:
/// the first file's temporary file is written, then the writer waits), the temporary file
/// is removed and the first file keeps its previous contents.
#[test]
fn a_signal_mid_run_leaves_no_temporary_file_and_the_old_target() {
    const TEST: &str = "files::a_signal_mid_run_leaves_no_temporary_file_and_the_old_target";
    let docs = Docs::new();
    let (zh, en) = long_inputs(&docs);
    let out = docs.write("out.tsv", "old\n");
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        if signal == "INT" && sigint_ignored_here() {
            // The child inherits the ignored signal and keeps it ignored (the next test).
            skip(
                TEST,
                "SIGINT is ignored by the tests (started in the background?)",
            );
            continue;
        }
        let child = spawn(bin().args(long_align(&zh, &en, &out))).unwrap();
        // Time to install its handler and start aligning, not to finish.
        std::thread::sleep(Duration::from_millis(500));
        if let Err(why) = kill(&child, signal) {
            skip(TEST, &why);
            let _ = wait_or_kill(child);
            return;
        }
        let o = wait_or_kill(child);
        assert_eq!(o.status.code(), Some(code), "SIG{signal}: {}", stderr(&o));
        assert_eq!(std::fs::read(&out).unwrap(), b"old\n", "SIG{signal}");
        assert!(leftovers(docs.dir.path()).is_empty(), "SIG{signal}");
    }

    let folder = docs.path("moses");
    std::fs::create_dir(&folder).unwrap();
    let fifo = folder.join("p.en");
    if let Err(why) = mkfifo(&fifo) {
        skip(TEST, &why);
        return;
    }
    std::fs::write(folder.join("p.zh"), "old zh\n").unwrap();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let moses = ["align", NO_LEX, "--format", "moses", p(&zh), p(&en), "-o"];
    let child = spawn(bin().args(moses).arg(folder.join("p"))).unwrap();
    let mid_write = wait_until(TIMEOUT, || !leftovers(&folder).is_empty());
    let killed = kill(&child, "TERM");
    let o = wait_or_kill(child);
    killed.unwrap();
    assert!(
        mid_write,
        "the temporary file of p.zh appeared: {}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(143), "{}", stderr(&o));
    assert!(leftovers(&folder).is_empty(), "{:?}", leftovers(&folder));
    assert_eq!(std::fs::read(folder.join("p.zh")).unwrap(), b"old zh\n");
    assert!(is_fifo(&fifo));
}

/// Guards the other side of point 2's handler: a SIGINT that was ignored when bialign
/// started (`nohup`, a background job of a script) stays ignored; SIGTERM still stops it
/// cleanly.
#[test]
fn an_ignored_sigint_stays_ignored() {
    const TEST: &str = "files::an_ignored_sigint_stays_ignored";
    let docs = Docs::new();
    let (zh, en) = long_inputs(&docs);
    let out = docs.write("out.tsv", "old\n");
    let spawned = spawn(
        Command::new("sh")
            .arg("-c")
            .arg("trap '' INT; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_bialign"))
            .args(long_align(&zh, &en, &out)),
    );
    let Ok(mut child) = spawned else {
        skip(TEST, "no sh");
        return;
    };
    std::thread::sleep(Duration::from_millis(500));
    if let Err(why) = kill(&child, "INT") {
        skip(TEST, &why);
        let _ = wait_or_kill(child);
        return;
    }
    std::thread::sleep(Duration::from_millis(300));
    let running = child.try_wait().unwrap().is_none();
    kill(&child, "TERM").unwrap();
    let o = wait_or_kill(child);
    assert!(running, "stopped by an ignored SIGINT: {:?}", o.status);
    assert_eq!(o.status.code(), Some(143), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), b"old\n");
    assert!(leftovers(docs.dir.path()).is_empty());
}

/// Moses names its two files by the languages, and languages not named are detected: a
/// prefix whose detected names are the inputs (`x` for `x.de` and `x.fr`) is refused, by
/// `align` and by a `batch` job, with the inputs as they were; another prefix is written.
#[test]
fn moses_files_named_by_detected_languages_never_overwrite_inputs() {
    let docs = Docs::new();
    let de = docs.write("x.de", crate::common::samples::DE_DOC);
    let fr = docs.write("x.fr", crate::common::samples::FR_DOC);
    let prefix = docs.path("x");
    let jobs = docs.write(
        "jobs.tsv",
        format!("{}\t{}\t{}\n", p(&de), p(&fr), p(&prefix)),
    );
    let moses = ["--format", "moses"];
    let align = [
        &["align", NO_LEX, "-o", p(&prefix)][..],
        &moses,
        &[p(&de), p(&fr)],
    ]
    .concat();
    let batch = [&["batch", NO_LEX][..], &moses, &[p(&jobs)]].concat();
    for args in [align, batch] {
        let before = snapshot(docs.dir.path());
        let o = run(&args);
        assert_no_crash(&o, args[0]);
        assert_eq!(o.status.code(), Some(1), "{}: {}", args[0], stderr(&o));
        assert!(stderr(&o).contains("would overwrite"), "{}", stderr(&o));
        assert_eq!(
            snapshot(docs.dir.path()),
            before,
            "{}: nothing written",
            args[0]
        );
    }

    let other = docs.path("y");
    let o = run(&[
        &["align", NO_LEX, "-o", p(&other)][..],
        &moses,
        &[p(&de), p(&fr)],
    ]
    .concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(docs.path("y.de").exists() && docs.path("y.fr").exists());
}
