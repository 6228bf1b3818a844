//! The document readers on the fixtures of tests/fixtures (made by scripts/make-fixtures.sh):
//! the paragraphs each must produce, with their kinds, and the corrupt files each must refuse
//! with a one-line error naming the file.
#![cfg(feature = "documents")]

use bialign::read::{Document, InputFormat};
use bialign::text::BlockKind;
use bialign::ErrorKind;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> bialign::Result<Document> {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("fixture");
    let format = InputFormat::detect(&bytes, &path);
    Document::read(&bytes, name, format, bialign::DEFAULT_MAX_INPUT_BYTES)
}

/// The paragraphs of `name` as `(kind name, text)`.
fn paragraphs(name: &str) -> Vec<(&'static str, String)> {
    read(name)
        .unwrap_or_else(|e| panic!("{e}"))
        .paragraphs
        .into_iter()
        .map(|p| (p.block.kind.name(), p.text))
        .collect()
}

const H: &str = "heading";
const B: &str = "body";
const L: &str = "list_item";
const T: &str = "table_cell";
const F: &str = "footnote";

/// The library rules, as both Word and OpenDocument give them: the tracked change
/// accepted (an insertion kept, a deletion left out), the hidden text and the date field
/// left out, the table's cells, the list, the footnote apart at the end.
fn rules(lang: &str) -> Vec<(&'static str, String)> {
    let zh: &[(&str, &str)] = &[
        (H, "图书馆借阅规则"),
        (B, "第一条 为规范图书借阅，保障读者权益，制定本规则。"),
        (B, "第二条 凡持有有效借书证的读者，均可借阅图书。"),
        (H, "一、借阅期限"),
        (T, "读者类别"),
        (T, "借阅数量"),
        (T, "借阅期限"),
        (T, "学生"),
        (T, "10册"),
        (T, "30天"),
        (T, "教师"),
        (T, "20册"),
        (T, "60天"),
        (B, "第三条 图书逾期未还的，每册每日收取滞纳金0.1元。"),
        (L, "(a) 损坏图书的，照价赔偿；"),
        (L, "(b) 遗失图书的，按原价三倍赔偿。"),
        (B, "第四条 本规则由图书馆负责解释。"),
        (H, "二、附则"),
        (B, "第五条 本规则自发布之日起施行。"),
        (F, "参见《图书馆管理办法》。"),
    ];
    let en: &[(&str, &str)] = &[
        (H, "Library Lending Rules"),
        (B, "Article 1 These rules are made to regulate the lending of books and to protect the rights of readers."),
        (B, "Article 2 Any reader holding a valid library card may borrow books."),
        (H, "I. Loan periods"),
        (T, "Reader category"),
        (T, "Number of books"),
        (T, "Loan period"),
        (T, "Students"),
        (T, "10 books"),
        (T, "30 days"),
        (T, "Teachers"),
        (T, "20 books"),
        (T, "60 days"),
        (B, "Article 3 For each overdue book, a late fee of 0.1 yuan per day is charged."),
        (L, "(a) A reader who damages a book shall pay its price;"),
        (L, "(b) A reader who loses a book shall pay three times its price."),
        (B, "Article 4 The library is responsible for the interpretation of these rules."),
        (H, "II. Final provisions"),
        (B, "Article 5 These rules take effect on the date of their publication."),
        (F, "See the Library Management Measures."),
    ];
    let want = if lang == "zh" { zh } else { en };
    want.iter().map(|&(k, t)| (k, t.to_string())).collect()
}

#[test]
fn word_and_opendocument_paragraphs() {
    for (file, lang) in [
        ("rules.zh.docx", "zh"),
        ("rules.en.docx", "en"),
        ("rules.zh.odt", "zh"),
        ("rules.en.odt", "en"),
    ] {
        assert_eq!(paragraphs(file), rules(lang), "{file}");
    }
}

#[test]
fn word_headers_footers_and_footnotes_are_kept_apart() {
    let got = paragraphs("un-note.zh.docx");
    let kinds = |k: &str| -> Vec<String> {
        got.iter()
            .filter(|(kind, _)| *kind == k)
            .map(|(_, t)| t.clone())
            .collect()
    };
    assert_eq!(kinds("header"), ["A/HRC/47/G/5"]);
    // The page number is a field: left out.
    assert_eq!(kinds("footer"), ["GE.21-04787(C)"]);
    // A custom mark is text of the footnote (and of the body, where it follows the
    // reference).
    assert_eq!(kinds("footnote"), ["*附件按收到时的原样分发。"]);
    assert_eq!(got[0].0, "header");
    assert_eq!(got.last().map(|p| p.0), Some("footer"));
    assert!(got.iter().any(|(k, t)| *k == B
        && t == "常驻代表团谨请联合国人权事务高级专员办事处将本普通照会及其附件*作为人权理事会议程项目4下的文件分发。"));
}

#[test]
fn html_pages() {
    let zh: Vec<(&str, String)> = [
        (H, "联合国秘书长呼吁加强排雷行动"),
        (
            B,
            "2021年4月4日，联合国秘书长在国际提高地雷意识和协助地雷行动日发表致辞。",
        ),
        (
            B,
            "他指出，地雷和战争遗留爆炸物每年造成数千人伤亡， 其中大多数是平民。",
        ),
        (
            B,
            "秘书长呼吁各国加入《禁止杀伤人员地雷公约》，并为排雷行动提供更多资金。",
        ),
        (L, "排雷行动挽救生命。"),
        (L, "排雷行动促进发展。"),
        ("footer", "版权所有 2021 联合国"),
    ]
    .iter()
    .map(|&(k, t)| (k, t.to_string()))
    .collect();
    let cases = [("gb2312 with a navigation bar", "news.zh.html", zh)];
    for (label, file, want) in cases {
        assert_eq!(paragraphs(file), want, "{label}");
    }
    let en = paragraphs("news.en.html");
    assert_eq!(en.len(), 7, "{en:?}");
    assert_eq!(
        en[0],
        (H, "Secretary-General calls for stronger mine action".into())
    );
    assert!(en
        .iter()
        .all(|(_, t)| !t.contains("Home") && !t.contains("visits")));
}

#[test]
fn html_charset_and_hidden_elements() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "declared in http-equiv",
            [b"<html><head><meta http-equiv=Content-Type content='text/html;charset=GBK'></head><p>".as_slice(), &gbk("中文"), b"</p>"].concat(),
            vec!["中文"],
        ),
        (
            "declared charset wins over a utf-8 look",
            b"<html><meta charset=\"windows-1252\"><p>caf\xE9</p>".to_vec(),
            vec!["café"],
        ),
        (
            "hidden, aria-hidden, display none, template",
            b"<html><p>a</p><p hidden>b</p><div aria-hidden=\"true\">c</div><p style=\"display: none\">d</p><template><p>e</p></template><p>f<br>g</p>".to_vec(),
            vec!["a", "f g"],
        ),
        (
            "inline elements stay in their paragraph",
            b"<html><p>one <b>two</b> <a href=x>three</a></p><div>four<p>five</p>six</div>".to_vec(),
            vec!["one two three", "four", "five", "six"],
        ),
    ];
    for (label, bytes, want) in cases {
        let doc = Document::read(&bytes, "page.html", InputFormat::Html, 1 << 20).unwrap();
        let got: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(got, want, "{label}");
    }
}

#[test]
fn pdf_pages_lines_and_paragraphs() {
    let zh = read("un-note.zh.pdf").unwrap();
    let texts: Vec<&str> = zh.paragraphs.iter().map(|p| p.text.as_str()).collect();
    // Chinese through the fonts' ToUnicode maps, lines joined into paragraphs.
    assert!(texts.contains(&"常驻代表团谨请联合国人权事务高级专员办事处将本普通照会及 其附件*作为人权理事会议程项目 4 下的文件分发。"), "{texts:#?}");
    // A paragraph cut by a page break is one paragraph.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("亚美尼亚在非法占领期间") && t.ends_with("合作愿景的实现。")),
        "{texts:#?}"
    );
    let footnotes: Vec<&str> = zh
        .paragraphs
        .iter()
        .filter(|p| p.block.kind == BlockKind::Footnote)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(footnotes, ["*附件按收到时的原样分发。"]);
    let pages: Vec<u32> = zh
        .paragraphs
        .iter()
        .filter_map(|p| p.block.place.page)
        .collect();
    assert_eq!(pages.first(), Some(&1));
    assert_eq!(pages.last(), Some(&3));
    let en = read("un-note.en.pdf").unwrap();
    let texts: Vec<&str> = en.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with(
            "The massive mine contamination of these territories also seriously impedes"
        )),
        "{texts:#?}"
    );
    let headings = en
        .paragraphs
        .iter()
        .filter(|p| matches!(p.block.kind, BlockKind::Heading { .. }))
        .count();
    assert_eq!(headings, 3);
    // Every page has its running header and its footer lines as paragraphs of their own.
    for page in 1..=5 {
        let on: Vec<&str> = en
            .paragraphs
            .iter()
            .filter(|p| p.block.place.page == Some(page))
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(on.first(), Some(&"A/HRC/47/G/5"), "page {page}");
        assert_eq!(
            on[on.len() - 2..],
            ["GE.21-04787(E)", &page.to_string()],
            "page {page}"
        );
    }
}

#[test]
fn corrupt_files_are_refused_naming_the_file() {
    let cases = [
        (
            "truncated zip",
            "corrupt/truncated.docx",
            ErrorKind::Input,
            "damaged or truncated zip",
        ),
        (
            "docx without document.xml",
            "corrupt/no-document.docx",
            ErrorKind::Input,
            "has no word/document.xml",
        ),
        (
            "zip bomb",
            "corrupt/zip-bomb.docx",
            ErrorKind::Input,
            "zip bomb",
        ),
        (
            "broken xref",
            "corrupt/broken-xref.pdf",
            ErrorKind::Input,
            "not a readable PDF",
        ),
        (
            "no text layer",
            "corrupt/no-text.pdf",
            ErrorKind::Input,
            "without a text layer",
        ),
    ];
    for (label, file, kind, says) in cases {
        let err = read(file).expect_err(label);
        let msg = err.to_string();
        assert_eq!(err.kind(), kind, "{label}: {msg}");
        assert!(msg.starts_with(&format!("{file}: ")), "{label}: {msg}");
        assert!(msg.contains(says), "{label}: {msg}");
        assert!(!msg.contains('\n'), "{label}: one line: {msg}");
    }
}

#[test]
fn unpacked_size_is_within_the_input_limit() {
    let path = fixture("rules.zh.docx");
    let bytes = std::fs::read(&path).unwrap();
    let err = Document::read(&bytes, "rules.zh.docx", InputFormat::Docx, 10_000).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
}

#[test]
fn formats_are_detected_from_the_content() {
    let cases = [
        ("rules.zh.docx", InputFormat::Docx),
        ("rules.en.odt", InputFormat::Odt),
        ("news.zh.html", InputFormat::Html),
        ("un-note.en.pdf", InputFormat::Pdf),
        ("corrupt/no-document.docx", InputFormat::Docx),
    ];
    for (file, want) in cases {
        let bytes = std::fs::read(fixture(file)).unwrap();
        // The content decides, whatever the name says.
        assert_eq!(
            InputFormat::detect(&bytes, Path::new("x.txt")),
            want,
            "{file}"
        );
    }
}

#[test]
fn arbitrary_bytes_never_panic_any_reader() {
    let docx = std::fs::read(fixture("rules.zh.docx")).unwrap();
    let pdf = std::fs::read(fixture("un-note.zh.pdf")).unwrap();
    for (format, bytes) in [
        (InputFormat::Docx, &docx),
        (InputFormat::Odt, &docx),
        (InputFormat::Pdf, &pdf),
    ] {
        for cut in (0..bytes.len()).step_by(bytes.len() / 23 + 1) {
            let mut damaged = bytes.clone();
            damaged[cut..(cut + 40).min(bytes.len())].fill(b'#');
            let _ = Document::read(&damaged, "x", format, 1 << 24);
            let _ = Document::read(&bytes[..cut], "x", format, 1 << 24);
        }
    }
}
