//! Decode, normalise and partition, end to end.

use std::io::Write;
use std::path::Path;

use bialign::text::decode::{decode, read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::normalize::{normalize, normalize_lines, Normalized};
use bialign::text::partition::{is_mixed, partition, script_of};
use bialign::text::Lang;
use bialign::ErrorKind;
use proptest::prelude::*;

const SAMPLE: &str =
    "第一段：阿塞拜疆常驻联合国日内瓦办事处代表团谨此向联合国人权事务高级专员办事处提交声明。\n\n\
    第二段包括数字 2021 年 4 月 5 日和标点“引号”、（括号）！\n\n\
    Annex to the note verbale dated 5 April 2021.\n\n\
    Statement of the Ministry of Foreign Affairs — “quoted” text, 4th of April.\n";

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out: Vec<u8> = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn same_text_in_every_encoding() {
    let (gb, _, had_errors) = encoding_rs::GB18030.encode(SAMPLE);
    assert!(!had_errors);
    let encodings: Vec<(&str, Vec<u8>)> = vec![
        ("utf-8", SAMPLE.as_bytes().to_vec()),
        (
            "utf-8 with bom",
            [&[0xEF, 0xBB, 0xBF][..], SAMPLE.as_bytes()].concat(),
        ),
        ("utf-16le with bom", utf16(SAMPLE, true)),
        ("utf-16be with bom", utf16(SAMPLE, false)),
        ("gb18030", gb.into_owned()),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (label, bytes) in encodings {
        assert_eq!(decode(&bytes, label).unwrap(), SAMPLE, "{label}");
        let path = dir.path().join(label.replace(' ', "_"));
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            read_text(&path, DEFAULT_MAX_INPUT_BYTES).unwrap(),
            SAMPLE,
            "{label} from a file"
        );
    }
}

#[test]
fn binary_data_is_refused_naming_the_file() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend((0u8..=255).cycle().take(300));
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let random: Vec<u8> = (0..2000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let random_no_nul: Vec<u8> = random.iter().map(|&b| b.max(1)).collect();
    let dir = tempfile::tempdir().unwrap();
    for (label, bytes) in [
        ("image.png", png),
        ("random.bin", random),
        ("random_no_nul.bin", random_no_nul),
    ] {
        let err = decode(&bytes, label).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{label}: {err}");
        let msg = err.to_string();
        assert!(msg.contains(label), "{msg}");
        assert!(msg.contains("not text"), "{msg}");
        assert_eq!(msg.lines().count(), 1, "{msg}");

        let path = dir.path().join(label);
        std::fs::write(&path, &bytes).unwrap();
        let err = read_text(&path, DEFAULT_MAX_INPUT_BYTES).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }
}

#[test]
fn io_errors_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_text(dir.path(), DEFAULT_MAX_INPUT_BYTES).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    let msg = err.to_string();
    assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
    assert!(msg.contains("is a directory"), "{msg}");

    let missing = dir.path().join("missing.txt");
    let err = read_text(&missing, DEFAULT_MAX_INPUT_BYTES).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(err.to_string().contains("missing.txt"), "{err}");
}

#[test]
fn too_large_is_refused() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(&[b'a'; 100]).unwrap();
    f.flush().unwrap();
    let err = read_text(f.path(), 99).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    let msg = err.to_string();
    assert!(msg.contains(&f.path().display().to_string()), "{msg}");
    assert!(msg.contains("100") && msg.contains("99"), "{msg}");
    assert_eq!(read_text(f.path(), 100).unwrap(), "a".repeat(100));
}

#[test]
fn empty_file_is_empty_text() {
    let f = tempfile::NamedTempFile::new().unwrap();
    assert_eq!(read_text(f.path(), DEFAULT_MAX_INPUT_BYTES).unwrap(), "");
    assert!(normalize("").is_empty());
    assert!(normalize_lines("").is_empty());
}

#[test]
fn seed_partitions_into_note_and_annex() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seed_un_note.txt");
    let original = read_text(&path, DEFAULT_MAX_INPUT_BYTES).unwrap();
    let n = normalize(&original);
    check_map(&original, &n).unwrap();
    let paras: Vec<&str> = n.paragraph_texts().collect();
    assert!(is_mixed(&paras));
    let langs = partition(&paras);
    let zh: Vec<&str> = paras
        .iter()
        .zip(&langs)
        .filter(|(_, &l)| l == Lang::Zh)
        .map(|(p, _)| *p)
        .collect();
    let en: Vec<&str> = paras
        .iter()
        .zip(&langs)
        .filter(|(_, &l)| l == Lang::En)
        .map(|(p, _)| *p)
        .collect();
    assert_eq!(
        zh,
        vec![
            "Distr.: General 9 April 2021 Chinese Original: English",
            "人权理事会第四十七届会议2021年6月21日至7月9日议程项目4需要理事会注意的人权状况",
            "阿塞拜疆常驻联合国日内瓦办事处代表团2021年4月5日致联合国人权事务高级专员办事处的普通照会",
            "阿塞拜疆共和国常驻联合国日内瓦办事处和日内瓦其他国际组织代表团谨此向联合国人权事务高级专员办事处提交阿塞拜疆共和国外交部于4月4日国际提高地雷意识和协助地雷行动日发表的声明(见附件)。",
            "常驻代表团谨请联合国人权事务高级专员办事处将本普通照会及其附件* 作为人权理事会议程项目4下的文件分发。",
        ]
    );
    // The Chinese part comes first, then the English part.
    assert!(langs[..5].iter().all(|&l| l == Lang::Zh));
    assert_eq!(en.len(), 12);
    assert!(en[0].starts_with("Annex to the note verbale dated 5 April 2021"));
    assert!(en[1].starts_with("Statement of the Ministry of Foreign Affairs"));
    assert!(en[11].starts_with("We urge Armenia"));
    assert!(en[11].ends_with("uphold accountability."));
    // The English paragraphs are single lines of the file, unchanged.
    for p in &en {
        assert!(original.lines().any(|l| l == *p), "{p}");
    }
    // Quoting a normalised paragraph from the original.
    let i = paras.iter().position(|p| p.contains("国际提高")).unwrap();
    let span = n.original_span(n.paragraphs()[i].clone());
    let quoted = &original[span];
    assert!(quoted.starts_with("阿塞拜疆共和国常驻"));
    assert!(quoted.contains("谨此 向"));
    assert!(quoted.contains("国际提 高地雷意识"));
    assert!(quoted.ends_with("(见附件)。"));
    assert_eq!(script_of(paras[0]), Some(Lang::En));
}

#[test]
fn presplit_line_numbers_match() {
    let text = "第一行\n\n  third line \r\nfourth\n";
    let n = normalize_lines(text);
    let paras: Vec<&str> = n.paragraph_texts().collect();
    assert_eq!(paras, vec!["第一行", "", "third line", "fourth"]);
    let span = n.original_span(n.paragraphs()[2].clone());
    assert_eq!(&text[span], "third line");
}

/// Independent check of the offset map: every non-whitespace character of the normalised
/// text maps to the same character of the original; every whitespace character to a
/// non-empty run of whitespace; spans are in order; the original text between spans is
/// whitespace or line-end hyphens.
fn check_map(original: &str, n: &Normalized) -> Result<(), String> {
    let is_ws = |c: char| c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}';
    let mut last = 0;
    for (p, c) in n.text().char_indices() {
        let span = n.original_span(p..p + c.len_utf8());
        let piece = original
            .get(span.clone())
            .ok_or(format!("{c:?} at {p}: {span:?} not on char boundaries"))?;
        let ok = if is_ws(c) {
            !piece.is_empty() && piece.chars().all(is_ws)
        } else {
            piece.chars().eq([c])
        };
        if !ok {
            return Err(format!("{c:?} at {p} maps to {piece:?}"));
        }
        if span.start < last {
            return Err(format!("{c:?} at {p}: span {span:?} before {last}"));
        }
        let gap = &original[last..span.start];
        if !gap.chars().all(|g| is_ws(g) || g == '-') {
            return Err(format!("{c:?} at {p}: dropped {gap:?}"));
        }
        if gap.contains('-') && !gap.contains(['\n', '\r', '\u{2028}']) {
            return Err(format!(
                "{c:?} at {p}: dropped hyphen without line break {gap:?}"
            ));
        }
        last = span.end;
    }
    if !original[last..].chars().all(is_ws) {
        return Err(format!("dropped tail {:?}", &original[last..]));
    }
    for r in n.paragraphs() {
        let span = n.original_span(r.clone());
        if original.get(span.clone()).is_none() {
            return Err(format!(
                "paragraph {r:?}: span {span:?} not on char boundaries"
            ));
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn normalize_never_panics_and_map_holds(s in "\\PC*|(.|\n|\r|\u{3000}|\u{2028}| |-|中)*") {
        let n = normalize(&s);
        prop_assert!(check_map(&s, &n).is_ok(), "{:?}", check_map(&s, &n));
        let paras: Vec<&str> = n.paragraph_texts().collect();
        prop_assert_eq!(partition(&paras).len(), paras.len());
        let n = normalize_lines(&s);
        prop_assert!(check_map(&s, &n).is_ok(), "{:?}", check_map(&s, &n));
    }

    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = decode(&bytes, "x");
    }

    #[test]
    fn utf8_round_trips(s in "\\PC*") {
        let s = s.trim_start_matches('\u{FEFF}');
        // Text with a large share of control characters is refused as binary by design.
        if let Ok(d) = decode(s.as_bytes(), "x") {
            prop_assert_eq!(d, s);
        }
    }
}

#[test]
fn detect_needs_chinese_text_to_say_chinese() {
    let seg = bialign::text::Segmenter::new();
    // A one-letter English text once counted as Chinese (0 >= 2 / 3 in integers).
    assert_eq!(seg.detect("a"), Some(Lang::En));
    assert_eq!(seg.detect("Hello there."), Some(Lang::En));
    assert_eq!(seg.detect("一"), Some(Lang::Zh));
    assert_eq!(seg.detect("他说 OK。"), Some(Lang::Zh));
    assert_eq!(seg.detect("42 ..."), None);
}

#[test]
fn segment_detect_is_segment_and_detect() {
    let texts = [
        "a",
        "Hello there. How are you?",
        "我父亲是医生。他每天早上去医院。",
        "他说 OK。\n\nThe end.",
        "42 ...",
        "",
    ];
    for presplit in [false, true] {
        let seg = bialign::text::Segmenter::new().presplit(presplit);
        for text in texts {
            for lang in [Lang::Zh, Lang::En] {
                let (segmented, detected) = seg.segment_detect(text, lang);
                assert_eq!(detected, seg.detect(text), "{text:?}");
                assert_eq!(
                    segmented.texts(),
                    seg.segment(text, lang).texts(),
                    "{text:?} as {lang}, presplit {presplit}"
                );
            }
        }
    }
}
