//! `bialign align`: exit codes, one-line messages naming the file, output written only on
//! success, nonsense numbers refused, the genre of a mixed document, and threads.

use crate::common::{run, seed, stdout};

#[test]
fn bad_input_is_one_line_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("picture.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let missing = dir.path().join("missing.txt");
    let seed = seed();
    let cases: [(&str, Vec<&str>); 4] = [
        ("binary", vec!["segment", binary.to_str().unwrap()]),
        ("missing", vec!["segment", missing.to_str().unwrap()]),
        ("directory", vec!["segment", dir.path().to_str().unwrap()]),
        (
            "binary target",
            vec!["align", seed.to_str().unwrap(), binary.to_str().unwrap()],
        ),
    ];
    for (name, args) in cases {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "case {name}: exit status");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "case {name}: one line, got {err}");
        let file = args.last().unwrap();
        assert!(
            err.contains(file),
            "case {name}: message names {file}: {err}"
        );
        assert!(o.stdout.is_empty(), "case {name}: no output");
    }
}

#[test]
fn output_file_is_written_only_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tsv");
    let missing = dir.path().join("missing.txt");
    let o = run(&[
        "align",
        seed().to_str().unwrap(),
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "no partial output file");
    let o = run(&[
        "align",
        seed().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let tsv = std::fs::read_to_string(&out).unwrap();
    assert!(tsv.lines().any(|l| l
        .starts_with("阿塞拜疆常驻联合国日内瓦办事处代表团2021年4月5日致")
        && l.contains("\tAnnex to the note verbale dated 5 April 2021")));
}

#[test]
fn nonsense_numbers_are_refused_with_the_option_named() {
    let seed = seed();
    let seed = seed.to_str().expect("UTF-8 path");
    let cases: &[(&str, &[&str])] = &[
        ("NaN coverage", &["align", "--coverage", "NaN", seed]),
        (
            "infinite weight",
            &["align", "--lexical-weight", "inf", seed],
        ),
        ("bead of 1 sentence", &["align", "--max-bead", "1", seed]),
        ("bead of 11 sentences", &["align", "--max-bead", "11", seed]),
        ("NaN minimum score", &["align", "--min-score", "nan", seed]),
        ("no threads", &["align", "--threads", "0", seed]),
    ];
    for (name, args) in cases {
        let o = run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{name}: usage error expected, got {err}"
        );
        assert!(o.stdout.is_empty(), "{name}: no output expected");
        assert!(
            err.contains(args[1]),
            "{name}: the message names {}: {err}",
            args[1]
        );
    }
}

#[test]
fn mixed_document_defaults_to_the_official_genre() {
    let seed = seed();
    let seed = seed.to_str().expect("UTF-8 path");
    // The README's first command: only the note's heading has a counterpart.
    let o = run(&["align", seed]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let pairs: Vec<&str> = out.lines().collect();
    assert_eq!(pairs.len(), 1, "one pair expected: {out}");
    assert!(
        pairs[0].contains("的普通照会\tAnnex to the note verbale dated 5 April 2021"),
        "{out}"
    );
    // The same as asking for it.
    assert_eq!(stdout(&run(&["align", "--genre", "official", seed])), out);
    // Literary, as asked, lets the transmission sentence take English sentences too.
    let literary = stdout(&run(&["align", "--genre", "literary", seed]));
    assert_ne!(literary, out);
}

#[test]
fn thread_count_does_not_change_the_output() {
    // Long enough that the features and the search share the work between threads.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (mut zh, mut en) = (String::new(), String::new());
    for k in 1..=6000 {
        zh.push_str(&format!("第{k}条：政府和法院的规定。\n"));
        en.push_str(&format!(
            "Article {k}: the rules of the government and the court.\n"
        ));
    }
    let (zp, ep) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
    std::fs::write(&zp, zh).expect("written");
    std::fs::write(&ep, en).expect("written");
    let run = |threads: &str| {
        let o = run(&[
            "align",
            "--threads",
            threads,
            "--presplit",
            "--format",
            "jsonl",
            zp.to_str().expect("UTF-8 path"),
            ep.to_str().expect("UTF-8 path"),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let one = run("1");
    assert_eq!(one, run("3"), "--threads 3 changed the alignment");
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 6000);
}

// ------------------------------------------------------------------ language tags and pairs

/// BCP 47 tags given with --src-lang/--tgt-lang reach the TMX unchanged (a bare `zh` is
/// written `zh-CN`, as before); unsupported or same-language pairs are usage errors that
/// name the flag.
#[test]
fn language_tags_reach_the_tmx_and_bad_pairs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zh = dir.path().join("zh.txt");
    let en = dir.path().join("en.txt");
    std::fs::write(&zh, "他來了。").unwrap();
    std::fs::write(&en, "He came.").unwrap();
    let (zh, en) = (zh.to_str().unwrap(), en.to_str().unwrap());
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("default", &[], &["xml:lang=\"zh-CN\"", "xml:lang=\"en\""]),
        (
            "region",
            &["--src-lang", "zh-TW", "--tgt-lang", "en-GB"],
            &[
                "xml:lang=\"zh-TW\"",
                "xml:lang=\"en-GB\"",
                "srclang=\"zh-TW\"",
            ],
        ),
        (
            "script, in any case",
            &["--src-lang", "ZH-hant"],
            &["xml:lang=\"zh-Hant\""],
        ),
    ];
    for (name, flags, want) in cases {
        let mut args = vec!["align", "--format", "tmx"];
        args.extend_from_slice(flags);
        args.extend([zh, en]);
        let o = run(&args);
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let tmx = stdout(&o);
        for w in *want {
            assert!(tmx.contains(w), "{name}: no {w} in {tmx}");
        }
    }
    let refused: &[(&str, &[&str], &str)] = &[
        (
            "same language",
            &["--src-lang", "en", "--tgt-lang", "en-US"],
            "--tgt-lang",
        ),
        ("not a tag", &["--tgt-lang", "en_GB!"], "--tgt-lang"),
    ];
    for (name, flags, flag) in refused {
        let mut args = vec!["align"];
        args.extend_from_slice(flags);
        args.extend([zh, en]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{name}: a usage error");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(flag), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: no output");
    }
    // Any language is accepted now (issue 17), but a text must be written in its side's
    // script: Chinese given as German is a bad input naming the file, not a usage error.
    let o = run(&["align", "--src-lang", "de", zh, en]);
    assert_eq!(o.status.code(), Some(1), "Chinese as de: an input error");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(zh) && err.contains("de side"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(o.stdout.is_empty(), "Chinese as de: no output");
}

// ------------------------------------------------------------------ what align reports

/// After `align`, one summary line on standard error (pairs, unpaired sentences of each
/// side) unless --quiet; a closed or full standard output is an error saying so, with a
/// non-zero exit, never a panic (for `eval` too).
#[test]
fn summary_line_and_closed_output() {
    let seed = seed();
    let o = run(&["align", seed.to_str().unwrap()]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.trim_end(),
        // The distribution line and a footnote mark are set apart by the clean-up.
        "bialign: 1 pair, 3 unpaired source, 19 unpaired target sentences, 2 set aside \
         (listed by --verbose)"
    );
    let o = run(&["align", "-q", seed.to_str().unwrap()]);
    assert!(o.status.success() && o.stderr.is_empty());
    // /dev/full: every write fails with "no space left".
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        for args in [
            vec!["align", seed.to_str().unwrap()],
            vec!["segment", seed.to_str().unwrap()],
        ] {
            let o = crate::common::bin()
                .args(&args)
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(1), "{args:?}");
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(err.contains("standard output"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
    }
}

/// Numeric options out of their range are usage errors naming the flag (they used to be
/// clamped or taken as they were: `--deletion-prior 2`, `--coverage -5`).
#[test]
fn numbers_out_of_range_are_refused() {
    let seed = seed();
    let cases: &[(&str, &str, &str)] = &[
        ("deletion prior above 0.5", "--deletion-prior", "2"),
        ("negative coverage", "--coverage", "-5"),
        ("coverage 1", "--unit-coverage", "1"),
        ("negative weight", "--lexical-weight", "-1"),
        ("min score above 1", "--min-score", "1.5"),
        ("bead of 11", "--max-bead", "11"),
        ("band 0", "--band", "0"),
        ("refinements 11", "--refinements", "11"),
    ];
    for (name, flag, value) in cases {
        let arg = format!("{flag}={value}");
        let o = run(&["align", &arg, seed.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}: a usage error");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(flag), "{name}: names {flag}: {err}");
        assert!(o.stdout.is_empty(), "{name}: no output");
    }
}

/// A long `align` on a terminal shows a spinner with the last finished stage; a short one,
/// one whose standard error is not a terminal, and one with --quiet show none. The terminal
/// is `script`'s pseudo-terminal; the delay (2 s by default) is set by a hidden flag so that
/// the test does not depend on the machine's speed.
#[test]
fn progress_on_a_terminal() {
    let Some(script) = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    else {
        crate::common::skip("align::progress_on_a_terminal", "no `script` (util-linux)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_bialign");
    let seed = seed();
    let on_terminal = |flags: &str| -> String {
        let log = dir.path().join("typescript");
        let out = dir.path().join("out.tsv");
        let command = format!(
            "{bin} align {flags} {} -o {}",
            seed.display(),
            out.display()
        );
        let o = std::process::Command::new(script)
            .args(["-qec", &command])
            .arg(&log)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned()
    };
    let shown = on_terminal("--progress-after 0");
    assert!(shown.contains("aligning:"), "{shown:?}");
    assert!(shown.contains("done"), "the last finished stage: {shown:?}");
    assert!(shown.contains("unpaired target sentences"), "{shown:?}");
    let quick = on_terminal("");
    assert!(!quick.contains("aligning:"), "a short run: {quick:?}");
    let quiet = on_terminal("--quiet --progress-after 0");
    assert!(
        !quiet.contains("aligning:") && !quiet.contains("pairs"),
        "{quiet:?}"
    );
    // Not a terminal: no spinner, only the summary.
    let o = run(&["align", "--progress-after", "0", seed.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("aligning:"), "{err:?}");
}

/// Without --format, the output file's extension picks the format, as in `batch`; standard
/// output and unknown extensions give TSV.
#[test]
fn format_from_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed();
    let cases: &[(&str, &str)] = &[
        ("pairs.tmx", "<tmx version=\"1.4\">"),
        ("pairs.jsonl", "{\"src\":["),
        ("pairs.html", "<!DOCTYPE html>"),
        ("pairs.ids", "[0]:[]"),
        ("pairs.txt", "\t0.9"),
    ];
    for (name, want) in cases {
        let out = dir.path().join(name);
        let o = run(&[
            "align",
            "-q",
            seed.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(want), "{name}: {text}");
    }
    let o = run(&["align", "-q", seed.to_str().unwrap()]);
    assert!(stdout(&o).contains("\t0.9"), "standard output is TSV");
}
