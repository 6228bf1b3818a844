//! Documents end to end: `bialign align` on Word, OpenDocument, HTML and PDF fixtures
//! (tests/fixtures, made by scripts/make-fixtures.sh), pairs in two different formats, the
//! clean-up's set-aside material in JSONL and on --verbose, `--no-cleanup`, XLSX output,
//! and corrupt documents refused with one line naming the file.

use crate::common::{p, project_root, run, stderr, stdout};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    project_root().join("tests/fixtures").join(name)
}

/// The JSONL beads of aligning `src` with `tgt` (with `extra` options), after checking that
/// every sentence index of both sides comes once, in order.
fn beads(src: &str, tgt: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let (s, t) = (fixture(src), fixture(tgt));
    let mut args = vec!["align", "--format", "jsonl", p(&s), p(&t)];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    let beads: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    for side in ["src", "tgt"] {
        let ids: Vec<u64> = beads
            .iter()
            .flat_map(|b| {
                b[side]
                    .as_array()
                    .expect("ids")
                    .iter()
                    .filter_map(|v| v.as_u64())
            })
            .collect();
        assert_eq!(ids, (0..ids.len() as u64).collect::<Vec<_>>(), "{side} ids");
    }
    beads
}

/// The pairs of a JSONL alignment as `(source, target)`.
fn pairs(beads: &[serde_json::Value]) -> Vec<(String, String)> {
    beads
        .iter()
        .filter(|b| b["set_aside"].is_null())
        .map(|b| {
            (
                b["src_text"].as_str().unwrap().to_string(),
                b["tgt_text"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .collect()
}

#[test]
fn word_against_pdf_as_tmx() {
    let (zh, en) = (fixture("un-note.zh.docx"), fixture("un-note.en.pdf"));
    let o = run(&["align", p(&zh), p(&en), "--format", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tmx = stdout(&o);
    assert!(tmx.starts_with("<?xml"), "{tmx}");
    assert!(tmx.contains("<prop type=\"x-bialign-src-doc\">un-note.zh.docx</prop>"));
    assert!(tmx.contains("<prop type=\"x-bialign-tgt-doc\">un-note.en.pdf</prop>"));
    for want in [
        "<seg>人权理事会</seg>",
        "<seg>Human Rights Council</seg>",
        "<seg>这是严重违反国际人道主义法的行为。</seg>",
        "<seg>This is a severe breach of international humanitarian law.</seg>",
    ] {
        assert!(tmx.contains(want), "{want} in {tmx}");
    }
    // Running headers, job numbers, page numbers and the distribution block are set
    // apart: none is in a translation unit.
    for gone in ["A/HRC/47/G/5", "GE.21-04787", "Distr.:", "附件按收到时"] {
        assert!(!tmx.contains(gone), "{gone} in {tmx}");
    }
}

#[test]
fn set_aside_material_is_in_jsonl_with_its_reason() {
    let beads = beads("un-note.zh.pdf", "un-note.en.pdf", &[]);
    let aside: Vec<(String, String)> = beads
        .iter()
        .filter(|b| !b["set_aside"].is_null())
        .map(|b| {
            let text = format!(
                "{}{}",
                b["src_text"].as_str().unwrap(),
                b["tgt_text"].as_str().unwrap()
            );
            (b["set_aside"].as_str().unwrap().to_string(), text)
        })
        .collect();
    let count = |reason: &str| aside.iter().filter(|(r, _)| r == reason).count();
    // Three pages of Chinese, five of English: a running header (the document symbol), a
    // job number and a page number on each, the title block's own symbol, one distribution
    // block, one footnote and its mark each side.
    assert_eq!(count("document symbol"), 3 + 5 + 2, "{aside:#?}");
    assert_eq!(count("job number"), 3 + 5, "{aside:#?}");
    assert_eq!(count("page number"), 3 + 5, "{aside:#?}");
    assert_eq!(count("distribution block"), 2, "{aside:#?}");
    assert_eq!(count("footnote"), 2, "{aside:#?}");
    assert_eq!(count("footnote mark"), 2, "{aside:#?}");
    assert_eq!(aside.len(), 10 + 8 + 8 + 2 + 2 + 2, "{aside:#?}");
    for b in beads.iter().filter(|b| !b["set_aside"].is_null()) {
        assert!(
            b["src"].as_array().unwrap().is_empty() && b["tgt"].as_array().unwrap().is_empty(),
            "{b}"
        );
    }
    let pairs = pairs(&beads);
    assert!(
        pairs.contains(&("议程项目4".into(), "Agenda item 4".into())),
        "{pairs:#?}"
    );
}

#[test]
fn no_cleanup_aligns_everything() {
    let beads = beads("un-note.zh.pdf", "un-note.en.pdf", &["--no-cleanup"]);
    assert!(beads.iter().all(|b| b["set_aside"].is_null()));
    let all: String = beads.iter().map(|b| b.to_string()).collect();
    assert!(all.contains("GE.21-04787(C)") && all.contains("Distr.: General"));
}

#[test]
fn verbose_lists_what_was_set_aside() {
    let (zh, en) = (fixture("rules.zh.docx"), fixture("rules.en.odt"));
    let o = run(&["align", "--verbose", p(&zh), p(&en)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("set aside from") && err.contains("footnote: 参见《图书馆管理办法》。"),
        "{err}"
    );
    assert!(
        err.contains("footnote: See the Library Management Measures."),
        "{err}"
    );
}

#[test]
fn pairs_of_documents_in_two_formats() {
    let cases: &[(&str, &str, &str, (&str, &str))] = &[
        (
            "word and opendocument",
            "rules.zh.docx",
            "rules.en.odt",
            ("第一条为规范图书借阅，保障读者权益，制定本规则。", "Article 1 These rules are made to regulate the lending of books and to protect the rights of readers."),
        ),
        (
            "opendocument and word",
            "rules.zh.odt",
            "rules.en.docx",
            ("(b) 遗失图书的，按原价三倍赔偿。", "(b) A reader who loses a book shall pay three times its price."),
        ),
        (
            "html in gb2312 and in utf-8",
            "news.zh.html",
            "news.en.html",
            ("排雷行动挽救生命。", "Mine action saves lives."),
        ),
        (
            "opendocument and pdf",
            "un-note.zh.pdf",
            "un-note.en.odt",
            ("人权理事会", "Human Rights Council"),
        ),
    ];
    for (label, src, tgt, (s, t)) in cases {
        let pairs = pairs(&beads(src, tgt, &[]));
        assert!(
            pairs.contains(&(s.to_string(), t.to_string())),
            "{label}: {pairs:#?}"
        );
    }
}

#[test]
fn xlsx_from_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("review.xlsx");
    let (zh, en) = (fixture("rules.zh.docx"), fixture("rules.en.docx"));
    let o = run(&["align", p(&zh), p(&en), "-o", p(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive");
    let has = |s: &[u8]| bytes.windows(s.len()).any(|w| w == s);
    assert!(has(b"xl/worksheets/sheet1.xml") && has(b"xl/sharedStrings.xml"));
}

#[test]
fn corrupt_documents_are_one_line_errors_naming_the_file() {
    let en = fixture("un-note.en.pdf");
    for (label, file, says) in [
        ("zip bomb", "corrupt/zip-bomb.docx", "zip bomb"),
        ("truncated", "corrupt/truncated.docx", "truncated"),
        (
            "no document.xml",
            "corrupt/no-document.docx",
            "word/document.xml",
        ),
        (
            "broken xref",
            "corrupt/broken-xref.pdf",
            "not a readable PDF",
        ),
        ("no text layer", "corrupt/no-text.pdf", "OCR"),
    ] {
        let path = fixture(file);
        let o = run(&["align", p(&path), p(&en)]);
        assert_eq!(o.status.code(), Some(1), "{label}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{label}: {err}");
        assert!(
            err.contains(p(&path)) && err.contains(says),
            "{label}: {err}"
        );
        assert!(o.stdout.is_empty(), "{label}");
    }
}

#[test]
fn review_page_shows_set_aside_rows() {
    let (zh, en) = (fixture("un-note.zh.pdf"), fixture("un-note.en.pdf"));
    let o = run(&["align", "--format", "html", p(&zh), p(&en)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    for want in [
        "<tr class=\"null aside\">",
        "set aside: job number",
        "set aside: distribution block",
        "GE.21-04787(C)",
    ] {
        assert!(html.contains(want), "{want}");
    }
    // Each page's job number is a row of its own.
    assert_eq!(html.matches("set aside: job number").count(), 3 + 5);
}
