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
    // The header line and the note's three sentences: the distribution line is set apart
    // by the clean-up, as `align` sets it apart (`--no-cleanup` keeps it).
    assert_eq!(zh.len(), 4, "{zh:#?}");
    assert!(zh[0].starts_with("人权理事会第四十七届会议2021年6月21日"));
    assert!(zh[1].ends_with("的普通照会"));
    assert!(zh[2].contains("国际提高地雷意识") && zh[2].ends_with("的声明(见附件)。"));
    assert!(zh[3].ends_with("附件作为人权理事会议程项目4下的文件分发。"));
    let all = run(&[
        "segment",
        "--no-cleanup",
        "--lang",
        "zh",
        path.to_str().unwrap(),
    ]);
    let all = stdout(&all);
    let all: Vec<&str> = all.lines().collect();
    assert_eq!(all.len(), 5, "{all:#?}");
    assert!(all[0].starts_with("Distr.: General"));
    assert!(all[4].ends_with("附件* 作为人权理事会议程项目4下的文件分发。"));
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
        // The normalised text is the verbatim text with whitespace normalised (and the
        // footnote mark `*`, which is a record of its own, taken out).
        let mark = v["set_aside"] == "footnote mark";
        let squeeze = |t: &str| {
            t.chars()
                .filter(|&c| !c.is_whitespace() && (mark || c != '*'))
                .collect::<String>()
        };
        assert_eq!(squeeze(verbatim), squeeze(v["text"].as_str().unwrap()));
        assert!(v["lang"] == "zh" || v["lang"] == "en");
        n += 1;
    }
    // 24 sentences, the distribution line and the footnote mark.
    assert_eq!(n, 26);
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

// ------------------------------------------------------------------------------------------
// Offsets and ids of `segment --format jsonl`. These guard that `start` and `end` count the
// bytes of the file as given (a byte order mark included, the original bytes of a file not
// in UTF-8), so that the file's bytes at [start, end) are the sentence, and that each
// record's `id` is the index `align` gives the same sentence on the side of its language,
// for a plain pair and for a mixed file, presplit or not, in both directions.
// ------------------------------------------------------------------------------------------

/// The records of `bialign segment --format jsonl ARGS`.
fn segment_records(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["segment", "--format", "jsonl"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert!(
        o.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn segment_offsets_count_the_bytes_of_the_file() {
    let text =
        "他说：“你来了？”她点点头。\n\n今天是2021年4月5日。Then he left — quietly.\r\n最后一句。\n";
    let (damaged, _) = crate::common::samples::with_bad_bytes(text, &[4], b"\xFF");
    // (name, file bytes, its encoding)
    let cases: [(&str, Vec<u8>, &'static encoding_rs::Encoding); 7] = [
        ("UTF-8", text.as_bytes().to_vec(), encoding_rs::UTF_8),
        (
            "UTF-8 with a byte order mark",
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            encoding_rs::UTF_8,
        ),
        ("damaged UTF-8", damaged, encoding_rs::UTF_8),
        ("GB18030", gb18030(text), encoding_rs::GB18030),
        (
            "UTF-16LE with a byte order mark",
            utf16(text, true, true),
            encoding_rs::UTF_16LE,
        ),
        (
            "UTF-16BE with a byte order mark",
            utf16(text, false, true),
            encoding_rs::UTF_16BE,
        ),
        (
            "UTF-16LE without one",
            utf16(text, true, false),
            encoding_rs::UTF_16LE,
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (label, bytes, enc) in cases {
        let path = dir.path().join("in.txt");
        std::fs::write(&path, &bytes).unwrap();
        let records = segment_records(&["--lang", "zh", path.to_str().unwrap()]);
        assert_eq!(records.len(), 5, "{label}: {records:?}");
        let mut last_end = 0;
        for (k, r) in records.iter().enumerate() {
            let (start, end) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(
                last_end <= start && start < end && end <= bytes.len(),
                "{label}: {r}"
            );
            last_end = end;
            let (quoted, _) = enc.decode_without_bom_handling(&bytes[start..end]);
            assert_eq!(
                squeeze(&quoted),
                squeeze(r["text"].as_str().unwrap()),
                "{label}: sentence {k} at {start}..{end}"
            );
            assert_eq!(r["id"].as_u64(), Some(k as u64), "{label}");
        }
    }
}

/// A Russian cover note and its English annex, two paragraphs each.
const RU_EN_NOTE: &str = "\
Постоянное представительство Азербайджана при Организации Объединенных Наций \
свидетельствует свое уважение Генеральному секретарю и имеет честь препроводить заявление.

Постоянное представительство просит распространить настоящее письмо и заявление в качестве \
документа Совета по правам человека. Заявление прилагается.

A/75/870

Annex to the note verbale dated 5 April 2021 from the Permanent Mission of Azerbaijan to \
the United Nations addressed to the Secretary-General.

Statement of the Ministry of Foreign Affairs of the Republic of Azerbaijan. The Ministry \
recalls the ceasefire agreed by both sides in November.
";

#[test]
fn segment_ids_are_the_ids_align_gives() {
    let docs = crate::common::Docs::new();
    let (zh, en) = (docs.path("zh.txt"), docs.path("en.txt"));
    let seed = seed();
    let ru_en = docs.write("note.txt", RU_EN_NOTE);
    let (zh, en, seed, ru_en) = (
        zh.to_str().unwrap(),
        en.to_str().unwrap(),
        seed.to_str().unwrap(),
        ru_en.to_str().unwrap(),
    );
    let en_zh = ["--src-lang", "en", "--tgt-lang", "zh"];
    let ru_en_langs = ["--src-lang", "ru", "--tgt-lang", "en"];
    let en_ru_langs = ["--src-lang", "en", "--tgt-lang", "ru"];
    // (name, align's arguments, the files `segment` reads for the source and the target,
    // the source and target languages, presplit)
    type Case<'a> = (&'a str, Vec<&'a str>, [&'a str; 2], [&'a str; 2], bool);
    let cases: [Case; 9] = [
        ("a plain pair", vec![zh, en], [zh, en], ["zh", "en"], false),
        (
            "a plain pair, presplit",
            vec!["--presplit", zh, en],
            [zh, en],
            ["zh", "en"],
            true,
        ),
        (
            "a plain pair, English first",
            [&en_zh[..], &[en, zh]].concat(),
            [en, zh],
            ["en", "zh"],
            false,
        ),
        (
            "the mixed seed",
            vec![seed],
            [seed, seed],
            ["zh", "en"],
            false,
        ),
        (
            "the mixed seed, presplit",
            vec!["--presplit", seed],
            [seed, seed],
            ["zh", "en"],
            true,
        ),
        (
            "the mixed seed, English first",
            [&en_zh[..], &[seed]].concat(),
            [seed, seed],
            ["en", "zh"],
            false,
        ),
        (
            "a Russian note with an English annex",
            [&ru_en_langs[..], &[ru_en]].concat(),
            [ru_en, ru_en],
            ["ru", "en"],
            false,
        ),
        (
            "a Russian note with an English annex, presplit",
            [&ru_en_langs[..], &["--presplit", ru_en]].concat(),
            [ru_en, ru_en],
            ["ru", "en"],
            true,
        ),
        (
            "a Russian note with an English annex, English first",
            [&en_ru_langs[..], &[ru_en]].concat(),
            [ru_en, ru_en],
            ["en", "ru"],
            false,
        ),
    ];
    for (label, args, [src_file, tgt_file], [src_lang, tgt_lang], presplit) in cases {
        // Sentence texts by id, per side, from `segment`.
        let side = |file: &str, lang: &str| -> Vec<String> {
            let mut a = vec!["--lang", lang, file];
            if presplit {
                a.insert(0, "--presplit");
            }
            // What the clean-up set apart has no id, in `segment` as in `align`.
            let records: Vec<serde_json::Value> = segment_records(&a)
                .into_iter()
                .filter(|r| r["set_aside"].is_null())
                .collect();
            for (k, r) in records.iter().enumerate() {
                assert_eq!(r["id"].as_u64(), Some(k as u64), "{label}: {r}");
                assert_eq!(r["lang"], lang, "{label}: {r}");
            }
            records
                .iter()
                .map(|r| r["text"].as_str().unwrap().to_string())
                .collect()
        };
        let (src, tgt) = (side(src_file, src_lang), side(tgt_file, tgt_lang));
        let mut all = vec!["--no-lexicon"];
        all.extend_from_slice(&args);
        let beads = crate::common::align_jsonl(&all, src.len(), tgt.len());
        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        // Set-aside records hold no sentence.
        for b in beads.iter().filter(|b| b["set_aside"].is_null()) {
            for (key, texts) in [("src", &src), ("tgt", &tgt)] {
                let ids: Vec<usize> = b[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap() as usize)
                    .collect();
                let joined: String = ids.iter().map(|&i| texts[i].as_str()).collect();
                assert_eq!(
                    squeeze(&joined),
                    squeeze(b[&format!("{key}_text")].as_str().unwrap()),
                    "{label}: {key} {ids:?}"
                );
            }
        }
        // Without `--lang`, a mixed file's records are its Chinese (or Russian) part, then
        // its English part, each numbered from 0: the same ids.
        if src_file == tgt_file {
            let mut a = vec![src_file];
            if presplit {
                a.insert(0, "--presplit");
            }
            let both: Vec<serde_json::Value> = segment_records(&a)
                .into_iter()
                .filter(|r| r["set_aside"].is_null())
                .collect();
            let first = if src_lang == "en" { tgt_lang } else { src_lang };
            assert_eq!(both[0]["lang"], first, "{label}: the first part");
            for r in &both {
                let id = r["id"].as_u64().unwrap() as usize;
                let texts = if r["lang"] == src_lang { &src } else { &tgt };
                assert_eq!(r["text"].as_str(), Some(texts[id].as_str()), "{label}: {r}");
            }
            assert_eq!(both.len(), src.len() + tgt.len(), "{label}");
        }
    }
}
