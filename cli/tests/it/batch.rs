//! `bialign batch`: job files and JSONL give what single `bialign align` runs give, whatever
//! the number of threads; a bad document is reported and the others are still aligned.

use std::path::{Path, PathBuf};

use crate::common::{self, p, run, run_in, seed, stderr, write_two_pairs};

/// The mac-dev chapters of the evaluation data, or why they are not there.
fn find_mac_dev() -> Result<PathBuf, String> {
    let dir = common::find_eval_set("mac-dev")?;
    if dir.join("zh/001").exists() {
        Ok(dir)
    } else {
        Err(format!("no chapter zh/001 in {}", dir.display()))
    }
}

const CHAPTERS: [&str; 6] = ["001", "002", "003", "004", "005", "006"];
/// One output format a chapter, chosen by the output's extension.
const FORMATS: [(&str, &str); 6] = [
    ("tsv", "tsv"),
    ("tmx", "tmx"),
    ("jsonl", "jsonl"),
    ("align", "ids"),
    ("html", "html"),
    ("TMX", "tmx"),
];

/// A job file for the six mac-dev chapters (absolute paths) writing below `out`.
fn chapter_jobs(eval: &Path, out: &Path) -> String {
    CHAPTERS
        .iter()
        .zip(FORMATS)
        .map(|(c, (ext, _))| {
            format!(
                "{}\t{}\t{}\n",
                p(&eval.join("zh").join(c)),
                p(&eval.join("en").join(c)),
                p(&out.join(format!("{c}.{ext}")))
            )
        })
        .collect()
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn job_file_gives_the_same_bytes_as_single_runs() {
    let eval = match find_mac_dev() {
        Ok(dir) => dir,
        Err(why) => {
            common::skip("batch::job_file_gives_the_same_bytes_as_single_runs", &why);
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batch");
    let jobs = dir.path().join("jobs.tsv");
    std::fs::write(
        &jobs,
        format!("# the six chapters\n\n{}", chapter_jobs(&eval, &out)),
    )
    .unwrap();
    let o = run(&["batch", "--presplit", "--threads", "2", p(&jobs)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("6 documents, 0 failed\n"),
        "{}",
        stderr(&o)
    );
    for (c, (ext, format)) in CHAPTERS.iter().zip(FORMATS) {
        let single = dir.path().join(format!("single-{c}.{ext}"));
        let o = run(&[
            "align",
            "--presplit",
            "--format",
            format,
            p(&eval.join("zh").join(c)),
            p(&eval.join("en").join(c)),
            "-o",
            p(&single),
        ]);
        assert!(o.status.success(), "{c}: {}", stderr(&o));
        let batch = read(&out.join(format!("{c}.{ext}")));
        assert!(!batch.is_empty(), "{c}: empty output");
        assert!(batch == read(&single), "chapter {c} ({format}) differs");
    }
}

#[test]
fn one_thread_and_two_threads_give_identical_outputs() {
    let dir = tempfile::tempdir().unwrap();
    // The seed (one file holding both languages) in several formats, and the mac-dev
    // chapters when they are there: documents of very different sizes.
    let mut jobs = String::new();
    for ext in ["tsv", "csv", "tmx", "jsonl", "ids", "html"] {
        jobs.push_str(&format!("{}\t\tseed.{ext}\n", p(&seed())));
    }
    match find_mac_dev() {
        Ok(eval) => jobs.push_str(&chapter_jobs(&eval, Path::new("mac"))),
        Err(why) => common::skip(
            "batch::one_thread_and_two_threads_give_identical_outputs",
            &format!("{why}; only the seed's outputs are compared"),
        ),
    }
    let n = jobs.lines().count();
    let runs: Vec<PathBuf> = ["1", "2"]
        .iter()
        .map(|threads| {
            let run_dir = dir.path().join(format!("threads-{threads}"));
            std::fs::create_dir(&run_dir).unwrap();
            std::fs::write(run_dir.join("jobs.tsv"), &jobs).unwrap();
            let o = run(&["batch", "--threads", threads, p(&run_dir.join("jobs.tsv"))]);
            assert!(o.status.success(), "{threads} threads: {}", stderr(&o));
            assert!(stderr(&o).contains(&format!("{n} documents, 0 failed")));
            run_dir
        })
        .collect();
    let mut compared = 0;
    for line in jobs.lines() {
        let out = line.rsplit('\t').next().unwrap();
        let (one, two) = (read(&runs[0].join(out)), read(&runs[1].join(out)));
        assert!(!one.is_empty(), "{out}: empty output");
        assert!(one == two, "{out} differs between 1 and 2 threads");
        compared += 1;
    }
    assert_eq!(compared, n);
}

#[test]
fn a_missing_file_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write_two_pairs(&docs);
    std::fs::copy(seed(), docs.join("seed.txt")).unwrap();
    // Relative paths: resolved against the job file's directory, not the current one.
    let jobs = "a.zh\ta.en\tout/a.tmx\n\
                missing.zh\tb.en\tout/missing.tsv\n\
                # a comment\n\
                b.zh\tb.en\tout/b.jsonl\n\
                seed.txt\t\tout/seed.tsv\n";
    std::fs::write(docs.join("jobs.tsv"), jobs).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let o = run_in(
        Some(&elsewhere),
        &["batch", "--threads", "2", "../docs/jobs.tsv"],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.last(),
        Some(&"bialign: 4 documents, 1 failed"),
        "{err}"
    );
    let failures: Vec<&&str> = lines.iter().filter(|l| l.contains("missing.zh")).collect();
    assert_eq!(failures.len(), 1, "one line names the missing file: {err}");
    assert!(failures[0].starts_with("bialign: ") && failures[0].contains("jobs.tsv:2"));
    let out = docs.join("out");
    assert!(
        !out.join("missing.tsv").exists(),
        "no output for the failed document"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a.tmx", "b.jsonl", "seed.tsv"],
        "no temporary files left"
    );
    // The same bytes as single runs from the job file's directory.
    for (args, file) in [
        (vec!["--format", "tmx", "a.zh", "a.en"], "a.tmx"),
        (vec!["--format", "jsonl", "b.zh", "b.en"], "b.jsonl"),
        (vec!["seed.txt"], "seed.tsv"),
    ] {
        let single = run_in(Some(&docs), &[&["align"], &args[..]].concat(), None);
        assert!(single.status.success(), "{file}: {}", stderr(&single));
        assert!(single.stdout == read(&out.join(file)), "{file} differs");
    }
    let tmx = String::from_utf8(read(&out.join("a.tmx"))).unwrap();
    assert!(tmx.contains("a.zh") && tmx.contains("<seg>My father is a doctor.</seg>"));
}

#[test]
fn jsonl_keeps_input_order_and_reports_bad_lines() {
    let docs = [
        (
            "我父亲是一个医生。他每天早上去医院。",
            "My father is a doctor. He goes to the hospital every morning.",
        ),
        (
            "今天下雨了。我们没有出去。",
            "It rained today. We did not go out.",
        ),
        (
            "他说：“你来了？”她点点头。",
            "\"You came?\" he said. She nodded.",
        ),
    ];
    let line = |id: &str, (zh, en): (&str, &str)| {
        serde_json::json!({ "id": id, "src": zh, "tgt": en }).to_string()
    };
    let input = [
        line("first", docs[0]),
        "{not json".to_string(),
        line("second", docs[1]),
        String::new(),
        r#"{"id":"no-src","tgt":"Hello."}"#.to_string(),
        line("third", docs[2]),
        serde_json::json!({ "id": 4, "src": std::fs::read_to_string(seed()).unwrap() }).to_string(),
    ]
    .join("\n");
    let o = run_in(
        None,
        &["batch", "--threads", "2", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.ends_with("bialign: 6 documents, 2 failed\n"), "{err}");
    assert!(err.contains("bialign: <stdin>:2: "), "{err}");
    assert!(err.contains("bialign: <stdin>:5: "), "{err}");
    let out = String::from_utf8(o.stdout).unwrap();
    let results: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let ids: Vec<&serde_json::Value> = results.iter().map(|r| &r["id"]).collect();
    assert_eq!(
        ids,
        [
            &serde_json::json!("first"),
            &serde_json::Value::Null,
            &serde_json::json!("second"),
            &serde_json::json!("no-src"),
            &serde_json::json!("third"),
            &serde_json::json!(4),
        ]
    );
    assert_eq!(results[1]["line"], 2);
    assert!(results[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("<stdin>:2: "));
    assert_eq!(results[3]["line"], 5);
    assert!(results[3]["error"].as_str().unwrap().contains("src"));
    // Each result holds the beads `bialign align --format jsonl` writes for the same texts.
    let dir = tempfile::tempdir().unwrap();
    let singles = [(0, docs[0]), (2, docs[1]), (4, docs[2])];
    for (k, (zh, en)) in singles {
        let (zp, ep) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
        std::fs::write(&zp, zh).unwrap();
        std::fs::write(&ep, en).unwrap();
        let single = run(&["align", "--format", "jsonl", p(&zp), p(&ep)]);
        assert!(single.status.success());
        let beads: Vec<serde_json::Value> = String::from_utf8(single.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(!beads.is_empty());
        assert_eq!(results[k]["beads"], serde_json::Value::from(beads), "{zh}");
    }
    // The seed, without "tgt": one text holding both languages, partitioned.
    let seed_beads = results[5]["beads"].as_array().unwrap();
    assert!(seed_beads.iter().any(|b| b["tgt_text"]
        .as_str()
        .unwrap()
        .starts_with("Annex to the note verbale")
        && !b["src"].as_array().unwrap().is_empty()));
}

#[test]
fn jsonl_with_a_format_embeds_that_output() {
    let input = r#"{"id":"x","src":"你好。","tgt":"Hello."}"#;
    let o = run_in(
        None,
        &["batch", "--format", "tmx", "-"],
        Some(input.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "x");
    assert_eq!(v["format"], "tmx");
    let tmx = v["output"].as_str().unwrap();
    assert!(
        tmx.contains("<seg>Hello.</seg>") && tmx.contains("<seg>你好。</seg>"),
        "{tmx}"
    );
    // Moses needs two files: refused with one line, before anything is aligned.
    let o = run_in(
        None,
        &["batch", "--format", "moses", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn an_unreadable_job_file_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = dir.path().join("no-such-jobs.tsv");
    let o = run(&["batch", p(&jobs)]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("bialign: ") && err.contains("no-such-jobs.tsv"),
        "{err}"
    );
}
