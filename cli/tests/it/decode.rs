//! Damaged input through the command line. These guard that a UTF-8 file with a few invalid
//! bytes, or cut inside its last character, is aligned and segmented as UTF-8 with
//! `bialign: warning: FILE: ...` on standard error (never garbled into windows-1252 or GB18030:
//! `—` reaches the TMX as `—`, not `â€”`), and that `--strict-decoding` refuses it with one
//! line naming the file, in `align`, `segment` and `batch`.

use crate::common::samples::{with_bad_bytes, EN_DOC, ZH_DOC};
use crate::common::{p, run, stderr, stdout, Docs, NO_LEX};

/// The damaged files: (name, bytes, which side they replace, what the warning says).
fn damaged_files() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let (one, _) = with_bad_bytes(ZH_DOC, &[5], b"\xFF");
    let (three, _) = with_bad_bytes(ZH_DOC, &[3, 12, 25], b"\xFF");
    let (latin1, _) = with_bad_bytes(
        &format!("{EN_DOC}She paused — then — “yes”.\n"),
        &[30],
        b"\xE9",
    );
    let cut_dash = format!("{EN_DOC}And then —");
    let cut_dash = cut_dash.as_bytes()[..cut_dash.len() - 1].to_vec();
    let cut_zh = ZH_DOC.trim_end().as_bytes();
    let cut_zh = cut_zh[..cut_zh.len() - 2].to_vec();
    vec![
        (
            "1 bad byte",
            one,
            "zh",
            "1 invalid UTF-8 byte replaced by U+FFFD",
        ),
        (
            "3 bad bytes",
            three,
            "zh",
            "3 invalid UTF-8 bytes replaced by U+FFFD",
        ),
        (
            "a Latin-1 byte in English with dashes",
            latin1,
            "en",
            "1 invalid UTF-8 byte replaced by U+FFFD",
        ),
        (
            "English cut inside its last —",
            cut_dash,
            "en",
            "ends inside a UTF-8 character; the last 2 bytes were replaced",
        ),
        (
            "Chinese cut inside its last character",
            cut_zh,
            "zh",
            "ends inside a UTF-8 character; the last byte was replaced",
        ),
    ]
}

#[test]
fn damaged_utf8_warns_and_strict_decoding_refuses() {
    for (label, bytes, side, warning) in damaged_files() {
        let docs = Docs::new();
        let bad = docs.write(&format!("bad-{side}.txt"), &bytes);
        let (zh, en) = if side == "zh" {
            (bad.clone(), docs.path("en.txt"))
        } else {
            (docs.path("zh.txt"), bad.clone())
        };
        // (`batch` puts the job's place, `jobs.tsv:1: `, before the file's name.)
        let want = format!("{}: {warning}", bad.display());
        let jobs = docs.write(
            "jobs.tsv",
            format!("{}\t{}\tout.tsv\n", p(&zh), p(&en)).as_bytes(),
        );
        let runs: [(&str, Vec<&str>); 3] = [
            ("align", vec!["align", NO_LEX, p(&zh), p(&en)]),
            ("segment", vec!["segment", p(&bad)]),
            ("batch", vec!["batch", NO_LEX, p(&jobs)]),
        ];
        for (what, args) in runs {
            let o = run(&args);
            assert!(o.status.success(), "{label}, {what}: {}", stderr(&o));
            assert!(
                stderr(&o)
                    .lines()
                    .any(|l| l.starts_with("bialign: warning: ") && l.contains(&want)),
                "{label}, {what}: want {want:?} in {}",
                stderr(&o)
            );
            if what != "batch" {
                assert!(stdout(&o).contains('\u{FFFD}'), "{label}, {what}");
            }
            let mut strict = args.clone();
            strict.insert(1, "--strict-decoding");
            let o = run(&strict);
            assert_eq!(o.status.code(), Some(1), "{label}, {what} strict");
            let err = stderr(&o);
            if what == "batch" {
                // The document fails (one line naming the file), the summary counts it.
                assert!(
                    err.lines()
                        .any(|l| l.contains(p(&bad)) && l.contains("refused by strict decoding")),
                    "{label}, {what} strict: {err}"
                );
            } else {
                assert_eq!(err.lines().count(), 1, "{label}, {what} strict: {err}");
                assert!(
                    err.starts_with(&format!("bialign: {}: ", bad.display()))
                        && err.trim_end().ends_with("refused by strict decoding"),
                    "{label}, {what} strict: {err}"
                );
                assert!(o.stdout.is_empty(), "{label}, {what} strict");
            }
        }
    }
}

#[test]
fn dashes_reach_the_tmx_unchanged() {
    let en_text = format!("{EN_DOC}She paused — then — said “yes”.\n");
    let zh_text = format!("{ZH_DOC}她停了一下——然后说：“是的”。\n");
    let (en_bad, _) = with_bad_bytes(&en_text, &[30], b"\xE9");
    let (zh_bad, _) = with_bad_bytes(&zh_text, &[5], b"\xFF");
    // (name, Chinese bytes, English bytes)
    let cases: [(&str, Vec<u8>, Vec<u8>); 3] = [
        (
            "valid UTF-8",
            zh_text.clone().into_bytes(),
            en_text.clone().into_bytes(),
        ),
        (
            "a bad byte in the English",
            zh_text.clone().into_bytes(),
            en_bad,
        ),
        (
            "a bad byte in the Chinese",
            zh_bad,
            en_text.clone().into_bytes(),
        ),
    ];
    for (label, zh, en) in cases {
        let docs = Docs::new();
        let zh = docs.write("zh-dash.txt", zh);
        let en = docs.write("en-dash.txt", en);
        let o = run(&["align", NO_LEX, "--format", "tmx", p(&zh), p(&en)]);
        assert!(o.status.success(), "{label}: {}", stderr(&o));
        let tmx = stdout(&o);
        assert!(
            tmx.contains("She paused — then — said “yes”."),
            "{label}: {tmx}"
        );
        assert!(tmx.contains("她停了一下——然后说"), "{label}: {tmx}");
        assert!(!tmx.contains("â€"), "{label}: garbled: {tmx}");
    }
}
