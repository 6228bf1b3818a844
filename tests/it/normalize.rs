//! Normalisation and its offset map, the partition of mixed documents into their languages,
//! and language detection.

use bialign::text::decode::{read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::normalize::{normalize, normalize_lines, Normalized};
use bialign::text::partition::{is_mixed, partition, script_of};
use bialign::text::Lang;
use proptest::prelude::*;

use crate::common;

#[test]
fn seed_partitions_into_note_and_annex() {
    let original = read_text(&common::seed_path(), DEFAULT_MAX_INPUT_BYTES).unwrap();
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
