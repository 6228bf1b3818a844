//! `bialign align --fixed FILE`: beads given as JSONL or ids are kept exactly, in both
//! directions; a bad file is one line naming it; `batch` refuses the flag.

use crate::common::{p, run, stderr, stdout};

const ZH: &str = "我父亲是医生。\n他每天去医院。\n今天下雨了。\n我们没有出门。\n";
const EN: &str = "My father is a doctor.\nHe goes to the hospital every day.\nIt rained today and we did not go out.\n";

#[test]
fn fixed_beads_are_kept_from_jsonl_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
    std::fs::write(&zh, ZH).unwrap();
    std::fs::write(&en, EN).unwrap();
    let align = |extra: &[&str], src: &str, tgt: &str| {
        let mut args = vec!["align", "--presplit", "--format", "ids", src, tgt];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{extra:?}: {}", stderr(&o));
        stdout(&o)
    };
    let free = align(&[], p(&zh), p(&en));
    // The file says: Chinese 1 has no counterpart, and 2 and 3 are English 2 together; and
    // the first pair as it is.
    let cases = [
        ("fixed.ids", "[0]:[0]\n[1]:[]\n"),
        ("fixed.jsonl", "{\"src\":[0],\"tgt\":[0],\"src_text\":\"\",\"score\":0.9}\n{\"src\":[1],\"tgt\":[],\"at\":1}\n"),
        ("bare.ids", "0:0\n1:\n"),
    ];
    for (name, text) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let got = align(&["--fixed", p(&file)], p(&zh), p(&en));
        assert!(
            got.starts_with("[0]:[0]\n[1]:[]\n"),
            "{name}: {got} (without: {free})"
        );
        // The other direction, with the file's beads seen from the English side.
        let mirrored = dir.path().join(format!("mirrored-{name}"));
        std::fs::write(&mirrored, "[0]:[0]\n[]:[1]\n").unwrap();
        let back = run(&[
            "align",
            "--presplit",
            "--format",
            "ids",
            "--src-lang",
            "en",
            "--tgt-lang",
            "zh",
            "--fixed",
            p(&mirrored),
            p(&en),
            p(&zh),
        ]);
        assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
        let flipped: String = got
            .lines()
            .map(|l| {
                let (s, t) = l.split_once(':').unwrap();
                format!("{t}:{s}\n")
            })
            .collect();
        assert_eq!(stdout(&back), flipped, "{name}: mirror image");
    }
}

#[test]
fn bad_fixed_files_are_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, en) = (dir.path().join("zh.txt"), dir.path().join("en.txt"));
    std::fs::write(&zh, ZH).unwrap();
    std::fs::write(&en, EN).unwrap();
    let cases = [
        (
            "overlap.ids",
            "[0,1]:[0]\n[1]:[1]\n",
            "fixed beads 0 and 1 overlap: src 0..2 and 1..2",
        ),
        (
            "range.ids",
            "[9]:[0]\n",
            "fixed bead 0 is out of range: src 9..10, but the source text has 4 sentences",
        ),
        (
            "order.ids",
            "[0]:[2]\n[1]:[0]\n",
            "fixed beads 0 and 1 are not in order",
        ),
        ("syntax.ids", "[0]:[0]\n[zero]:[1]\n", ":2: "),
        ("unplaced.ids", "[0]:[0]\n[2]:[]\n", "no neighbouring bead"),
    ];
    for (name, text, want) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let o = run(&["align", "--presplit", "--fixed", p(&file), p(&zh), p(&en)]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.contains(p(&file)) && err.contains(want),
            "{name}: {err}"
        );
        assert!(o.stdout.is_empty(), "{name}");
    }
    let missing = dir.path().join("missing.ids");
    let o = run(&["align", "--fixed", p(&missing), p(&zh), p(&en)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(p(&missing)));
    // The fixed file is an input: it is never the output.
    let file = dir.path().join("fixed.ids");
    std::fs::write(&file, "[0]:[0]\n").unwrap();
    let o = run(&["align", "--fixed", p(&file), "-o", p(&file), p(&zh), p(&en)]);
    assert_ne!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "[0]:[0]\n");
    let jobs = dir.path().join("jobs.tsv");
    std::fs::write(
        &jobs,
        format!(
            "{}\t{}\t{}\n",
            p(&zh),
            p(&en),
            p(&dir.path().join("out.tsv"))
        ),
    )
    .unwrap();
    let o = run(&["batch", "--fixed", p(&file), p(&jobs)]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("--fixed"), "{}", stderr(&o));
}
