//! `bialign segment`: the seed's parts, spans that quote the input, and every encoding giving
//! the same sentences.

use crate::common::samples::{gb18030, utf16};
use crate::common::{run, seed, stdout};

#[test]
fn segment_seed_parts() {
    let path = seed();
    let zh = run(&["segment", "--lang", "zh", path.to_str().unwrap()]);
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
    let en = run(&["segment", "--lang", "en", path.to_str().unwrap()]);
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
    let out = run(&["segment", "--format", "jsonl", path.to_str().unwrap()]);
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
    let utf16_le = dir.path().join("utf16.txt");
    std::fs::write(&utf16_le, utf16(text, true, true)).unwrap();
    files.push(utf16_le);
    let gb = dir.path().join("gb18030.txt");
    std::fs::write(&gb, gb18030(text)).unwrap();
    files.push(gb);
    let outputs: Vec<String> = files
        .iter()
        .map(|f| {
            let o = run(&["segment", "--lang", "zh", f.to_str().unwrap()]);
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
