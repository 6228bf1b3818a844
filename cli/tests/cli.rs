//! The command-line contract: exit codes, messages naming the file, and the seed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bialign(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bialign"))
        .args(args)
        .output()
        .expect("the bialign binary runs")
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn segment_seed_parts() {
    let path = seed();
    let zh = bialign(&["segment", "--lang", "zh", path.to_str().unwrap()]);
    assert!(zh.status.success());
    let zh = stdout(&zh);
    let zh: Vec<&str> = zh.lines().collect();
    // The symbol line, the header line, and the note's three sentences.
    assert_eq!(zh.len(), 5, "{zh:#?}");
    assert!(zh[0].starts_with("Distr.: General"));
    assert!(zh[1].starts_with("人权理事会第四十七届会议2021年6月21日"));
    assert!(zh[2].ends_with("的普通照会"));
    assert!(zh[3].contains("国际提高地雷意识") && zh[3].ends_with("的声明(见附件)。"));
    assert!(zh[4].ends_with("下的文件分发。"));
    let en = bialign(&["segment", "--lang", "en", path.to_str().unwrap()]);
    let en = stdout(&en);
    let en: Vec<&str> = en.lines().collect();
    assert_eq!(en.len(), 20, "{en:#?}");
    assert!(en[0].starts_with("Annex to the note verbale"));
    assert!(en[1].starts_with("Statement of the Ministry"));
    assert!(en.iter().any(|s| s.starts_with("85 citizens, including")));
}

#[test]
fn segment_jsonl_spans_quote_the_input() {
    let path = seed();
    let out = bialign(&["segment", "--format", "jsonl", path.to_str().unwrap()]);
    assert!(out.status.success());
    let original = std::fs::read_to_string(&path).unwrap();
    let mut n = 0;
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let verbatim = &original[s..e];
        // The normalised text is the verbatim text with whitespace normalised.
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(verbatim), squeeze(v["text"].as_str().unwrap()));
        assert!(v["lang"] == "zh" || v["lang"] == "en");
        n += 1;
    }
    assert_eq!(n, 25);
}

#[test]
fn encodings_give_identical_sentences() {
    let text = "他说：“你来了？”她点点头。\n\n今天是2021年4月5日。\r\n";
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, text).unwrap();
    files.push(utf8);
    let bom = dir.path().join("bom.txt");
    std::fs::write(&bom, [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()).unwrap();
    files.push(bom);
    let utf16 = dir.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    files.push(utf16);
    let gb = dir.path().join("gb18030.txt");
    let (encoded, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&gb, &*encoded).unwrap();
    files.push(gb);
    let outputs: Vec<String> = files
        .iter()
        .map(|f| {
            let o = bialign(&["segment", "--lang", "zh", f.to_str().unwrap()]);
            assert!(
                o.status.success(),
                "{}: {}",
                f.display(),
                String::from_utf8_lossy(&o.stderr)
            );
            stdout(&o)
        })
        .collect();
    assert_eq!(
        outputs[0],
        "他说：“你来了？”\n她点点头。\n今天是2021年4月5日。\n"
    );
    for (f, o) in files.iter().zip(&outputs) {
        assert_eq!(o, &outputs[0], "{}", f.display());
    }
}

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
        let o = bialign(&args);
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
    let o = bialign(&[
        "align",
        seed().to_str().unwrap(),
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "no partial output file");
    let o = bialign(&[
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
fn eval_matches_the_reference_scorer() {
    let eval = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/mac-dev");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/score_align.py");
    if !eval.exists() || !script.exists() {
        eprintln!("skipped: ../shared/eval or ../shared/tools is absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("001.align");
    let o = bialign(&[
        "align",
        "--presplit",
        "--format",
        "ids",
        eval.join("zh/001").to_str().unwrap(),
        eval.join("en/001").to_str().unwrap(),
        "-o",
        test.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let gold = eval.join("gold/001.align");
    let ours = bialign(&[
        "eval",
        "--gold",
        gold.to_str().unwrap(),
        "--test",
        test.to_str().unwrap(),
    ]);
    let python = Command::new("python3")
        .arg(&script)
        .args([
            "--gold",
            gold.to_str().unwrap(),
            "--test",
            test.to_str().unwrap(),
        ])
        .output();
    let Ok(python) = python else {
        eprintln!("skipped: python3 is absent");
        return;
    };
    let last = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string()
    };
    assert!(last(&ours).starts_with("strict_f1="), "{}", last(&ours));
    assert_eq!(last(&ours), last(&python));
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
        let o = bialign(args);
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
    let o = bialign(&["align", seed]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let pairs: Vec<&str> = out.lines().collect();
    assert_eq!(pairs.len(), 1, "one pair expected: {out}");
    assert!(
        pairs[0].contains("的普通照会\tAnnex to the note verbale dated 5 April 2021"),
        "{out}"
    );
    // The same as asking for it.
    assert_eq!(
        stdout(&bialign(&["align", "--genre", "official", seed])),
        out
    );
    // Literary, as asked, lets the transmission sentence take English sentences too.
    let literary = stdout(&bialign(&["align", "--genre", "literary", seed]));
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
        let o = bialign(&[
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
