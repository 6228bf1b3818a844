//! Round trips of every output format with hostile text, and the TMX and HTML outputs in real
//! consumers (translate-toolkit, headless Chromium) when those are installed.

use bialign::export::{join_sentences, Format, Writer, HIGH_CONFIDENCE, MEDIUM_CONFIDENCE};
use bialign::{Alignment, Bead, ErrorKind, Lang};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{
    self, csv_field, html_escape, is_xml_char, lines, one_line, tsv_text, tsv_unescape, xml_safe,
};

// ------------------------------------------------------------------------------ fixtures

fn bead(src: std::ops::Range<usize>, tgt: std::ops::Range<usize>, score: f64) -> Bead {
    Bead { src, tgt, score }
}

/// The sentences as owned strings.
fn owned(sentences: &[&str]) -> Vec<String> {
    sentences.iter().map(|s| s.to_string()).collect()
}

/// Chinese source sentences, English target sentences and an alignment of every bead type,
/// full of text that breaks careless writers.
fn hostile() -> (Vec<String>, Vec<String>, Alignment) {
    let zh = owned(&[
        "第一句：<b>粗体</b> & “引号” 'single' \"double\"。",
        "CDATA 结束符 ]]> 与 ]]&gt; 字面量。",
        "控制字符\u{1}\u{7}\u{8}\u{B}\u{C}\u{1F}以及\u{7F}\u{85}结束。",
        "扩展B：𠀀𠀁𪚥，表情😀👩‍👩‍👧‍👦🇨🇳。",
        "",
        "含\t制表符\n换行\r\n回车\r和\u{2028}行分隔\u{2029}段分隔。",
        &"长".repeat(100_000),
        "RTL: \u{202E}עברית\u{202C} \u{200F}مرحبا\u{200E} 结束。",
        "<script>alert('x')</script> &amp; &#13; &lt; <!-- -->",
        "\u{FFFE}\u{FFFF}非字符\u{FFFD}。",
        "孤立句，无对应。",
        "最后一句。",
        "真的。",
    ]);
    let en = owned(&[
        "First: <b>bold</b> & \"quotes\" 'single'.",
        "CDATA end ]]> and literal ]]&gt;.",
        "Controls\u{0}\u{1}\u{1B}[31m red \u{7F} done.",
        "Emoji 😀 and 𠀀 in English.",
        "",
        "Tabs\there,\nnewlines\r\nand CR\r too.",
        &"x".repeat(100_000),
        "Right-to-left \u{200F}mark\u{200E} and \u{202B}embedding\u{202C}.",
        "Unmatched ' and \" quotes </td></tr></table> --> <!-- ]]>",
        "A target-only sentence.",
        "Two-target A.",
        "Two-target B.",
        "Final sentence.",
    ]);
    let alignment = Alignment {
        beads: vec![
            bead(0..1, 0..1, 0.95),
            bead(1..2, 1..2, 0.91),
            bead(2..3, 2..3, 0.6),
            bead(3..4, 3..4, 0.4999),
            bead(4..5, 4..5, 0.0),
            bead(5..6, 5..6, 1.0),
            bead(6..7, 6..7, 0.9),
            bead(7..9, 7..9, 0.55),
            bead(9..9, 9..10, 0.8),
            bead(9..10, 10..12, 0.7),
            bead(10..11, 12..12, 0.3),
            bead(11..13, 12..13, 0.99),
        ],
    };
    (zh, en, alignment)
}

/// The (source text, target text, score) of every non-null bead.
fn expected_pairs(zh: &[String], en: &[String], a: &Alignment) -> Vec<(String, String, f64)> {
    a.pairs()
        .map(|b| {
            (
                join_sentences(zh, b.src.clone()),
                join_sentences(en, b.tgt.clone()),
                b.score,
            )
        })
        .collect()
}

fn render(out: &Writer<'_>, format: Format) -> String {
    let mut buf = Vec::new();
    out.write_to(format, &mut buf).expect("writing to a Vec");
    String::from_utf8(buf).expect("output is UTF-8")
}

/// The CSS class of a bead's row on the review page, as `Format::Html` documents it: `null`
/// for a null bead, else `high` from `HIGH_CONFIDENCE`, `medium` from `MEDIUM_CONFIDENCE`
/// and `low` below (a NaN score is low).
fn row_class(b: &Bead) -> &'static str {
    if b.src.is_empty() || b.tgt.is_empty() {
        "null"
    } else if b.score >= HIGH_CONFIDENCE {
        "high"
    } else if b.score >= MEDIUM_CONFIDENCE {
        "medium"
    } else {
        "low"
    }
}

// ------------------------------------------------------------------------------ joining

#[test]
fn sides_are_joined_with_a_space_except_between_chinese_sentences() {
    let (zh, en, _) = hostile();
    assert_eq!(join_sentences(&zh, 11..13), "最后一句。真的。");
    assert_eq!(join_sentences(&en, 10..12), "Two-target A. Two-target B.");
    assert_eq!(join_sentences(&en, 12..12), "");
    // A Chinese sentence followed by one starting with Latin text keeps the space.
    assert!(join_sentences(&zh, 7..9).contains("结束。 <script>"));
    // Curly quotes are shared with English: Chinese on both sides of them still joins.
    let quoted = ["“你来了？”", "她问。", "“好。”", "(OK)"];
    assert_eq!(join_sentences(&quoted, 0..3), "“你来了？”她问。“好。”");
    assert_eq!(join_sentences(&quoted, 2..4), "“好。” (OK)");
}

// ------------------------------------------------------------------------------ TMX

#[derive(Debug, Default)]
struct Tu {
    props: Vec<(String, String)>,
    tuvs: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct Tmx {
    version: String,
    header: HashMap<String, String>,
    tus: Vec<Tu>,
}

fn attrs(e: &quick_xml::events::BytesStart<'_>) -> HashMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 name"),
                a.unescape_value().expect("valid value").into_owned(),
            )
        })
        .collect()
}

/// Parses a TMX document with quick-xml's reader (end tags checked), resolving character
/// and entity references, without trimming any text.
fn parse_tmx(xml: &str) -> Tmx {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut tmx = Tmx::default();
    let mut text: Option<String> = None;
    let mut prop_type = String::new();
    let mut lang = String::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"tmx" => tmx.version = attrs(&e)["version"].clone(),
                    b"tu" => tmx.tus.push(Tu::default()),
                    b"prop" => {
                        prop_type = attrs(&e)["type"].clone();
                        text = Some(String::new());
                    }
                    b"tuv" => lang = attrs(&e)["xml:lang"].clone(),
                    b"seg" => text = Some(String::new()),
                    _ => {}
                }
            }
            Event::Empty(e) => match e.name().as_ref() {
                b"header" => tmx.header = attrs(&e),
                b"seg" => tmx
                    .tus
                    .last_mut()
                    .expect("seg inside tu")
                    .tuvs
                    .push((lang.clone(), String::new())),
                _ => {}
            },
            Event::Text(e) => {
                if let Some(t) = text.as_mut() {
                    t.push_str(&e.xml10_content().expect("UTF-8 text"));
                }
            }
            Event::GeneralRef(e) => {
                let t = text.as_mut().expect("references only inside seg and prop");
                if e.is_char_ref() {
                    t.push(e.resolve_char_ref().expect("valid").expect("a char"));
                } else {
                    let name = e.decode().expect("UTF-8 name");
                    t.push_str(
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("a predefined entity"),
                    );
                }
            }
            Event::CData(_) => panic!("the writer does not use CDATA"),
            Event::End(e) => {
                depth -= 1;
                let tu = tmx.tus.last_mut();
                match e.name().as_ref() {
                    b"seg" => tu
                        .expect("seg inside tu")
                        .tuvs
                        .push((lang.clone(), text.take().unwrap_or_default())),
                    b"prop" => tu
                        .expect("prop inside tu")
                        .props
                        .push((prop_type.clone(), text.take().unwrap_or_default())),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    tmx
}

fn prop<'t>(tu: &'t Tu, kind: &str) -> Option<&'t str> {
    tu.props
        .iter()
        .find(|(k, _)| k == kind)
        .map(|(_, v)| v.as_str())
}

#[test]
fn tmx_round_trips_hostile_text() {
    let (zh, en, a) = hostile();
    let out =
        Writer::new(&a, &zh, &en).with_names(Some("报告 <zh>&.txt"), Some("report \"en\".txt"));
    let xml = render(&out, Format::Tmx);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
    assert!(xml.chars().all(is_xml_char), "only XML 1.0 characters");
    assert!(!xml.contains("<script>"));

    let tmx = parse_tmx(&xml);
    assert_eq!(tmx.version, "1.4");
    let h = &tmx.header;
    assert_eq!(h["creationtool"], "bialign");
    assert_eq!(h["creationtoolversion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(h["datatype"], "plaintext");
    assert_eq!(h["segtype"], "sentence");
    assert_eq!(h["adminlang"], "en");
    assert_eq!(h["srclang"], "zh-CN");
    assert_eq!(h["o-tmf"], "bialign");

    let expected = expected_pairs(&zh, &en, &a);
    assert_eq!(tmx.tus.len(), expected.len());
    assert_eq!(tmx.tus.len(), a.pairs().count());
    for (tu, (s, t, score)) in tmx.tus.iter().zip(&expected) {
        assert_eq!(tu.tuvs.len(), 2);
        assert_eq!(tu.tuvs[0].0, "zh-CN");
        assert_eq!(tu.tuvs[1].0, "en");
        // Exactly the text, modulo the documented change of XML-forbidden characters.
        assert_eq!(tu.tuvs[0].1, xml_safe(s));
        assert_eq!(tu.tuvs[1].1, xml_safe(t));
        let got: f64 = prop(tu, "x-bialign-score")
            .expect("score prop")
            .parse()
            .expect("a number");
        assert!((got - score).abs() <= 0.0005, "{got} vs {score}");
        assert_eq!(prop(tu, "x-bialign-src-doc"), Some("报告 <zh>&.txt"));
        assert_eq!(prop(tu, "x-bialign-tgt-doc"), Some("report \"en\".txt"));
    }
    // Carriage returns, tabs and newlines survive the XML parser's line-end handling.
    assert_eq!(
        tmx.tus[5].tuvs[1].1,
        "Tabs\there,\nnewlines\r\nand CR\r too."
    );
    assert_eq!(tmx.tus[6].tuvs[0].1.chars().count(), 100_000);
    // The documented replacement: VT and FF become spaces, other controls disappear.
    assert_eq!(tmx.tus[2].tuvs[0].1, "控制字符  以及\u{7F}\u{85}结束。");
    assert_eq!(tmx.tus[2].tuvs[1].1, "Controls[31m red \u{7F} done.");
}

#[test]
fn tmx_options_min_score_tags_and_no_doc_props() {
    let (zh, en, a) = hostile();
    let out = Writer::new(&a, &zh, &en)
        .with_min_score(0.5)
        .with_tags(Some("zh-TW"), Some("en-GB"));
    let tmx = parse_tmx(&render(&out, Format::Tmx));
    let kept: Vec<f64> = a
        .pairs()
        .filter(|b| b.score >= 0.5)
        .map(|b| b.score)
        .collect();
    assert_eq!(tmx.tus.len(), kept.len());
    assert_eq!(tmx.tus.len(), 8);
    assert_eq!(tmx.header["srclang"], "zh-TW");
    for (tu, score) in tmx.tus.iter().zip(&kept) {
        assert_eq!(tu.tuvs[0].0, "zh-TW");
        assert_eq!(tu.tuvs[1].0, "en-GB");
        assert_eq!(tu.props.len(), 1, "no document props without names");
        assert_eq!(
            prop(tu, "x-bialign-score"),
            Some(format!("{score:.3}").as_str())
        );
    }

    // English to Chinese, with only the source document's name: the default tags follow
    // the languages.
    let m = a.mirrored();
    let out = Writer::new(&m, &en, &zh)
        .with_langs(Lang::En, Lang::Zh)
        .with_names(Some("e"), None);
    let tmx = parse_tmx(&render(&out, Format::Tmx));
    assert_eq!(tmx.header["srclang"], "en");
    assert_eq!(tmx.tus[0].tuvs[0], ("en".to_string(), xml_safe(&en[0])));
    assert_eq!(tmx.tus[0].tuvs[1].0, "zh-CN");
    assert_eq!(prop(&tmx.tus[0], "x-bialign-src-doc"), Some("e"));
    assert_eq!(prop(&tmx.tus[0], "x-bialign-tgt-doc"), None);
    // Without languages or tags, a writer is Chinese (`zh-CN`) to English (`en`).
    let tmx = parse_tmx(&render(&Writer::new(&a, &zh, &en), Format::Tmx));
    assert_eq!(tmx.header["srclang"], "zh-CN");
    assert_eq!(
        (tmx.tus[0].tuvs[0].0.as_str(), tmx.tus[0].tuvs[1].0.as_str()),
        ("zh-CN", "en")
    );
}

#[test]
fn empty_alignment_gives_valid_documents() {
    let a = Alignment::default();
    let none: Vec<String> = Vec::new();
    let out = Writer::new(&a, &none, &none);
    let tmx = parse_tmx(&render(&out, Format::Tmx));
    assert!(tmx.tus.is_empty());
    let page = render(&out, Format::Html);
    parse_html(&page);
    assert!(page.contains("</html>"));
    assert_eq!(render(&out, Format::Ids), "");
    assert_eq!(render(&out, Format::Jsonl), "");
}

// ------------------------------------------------------------------------------ JSONL, TSV, ids

#[test]
fn jsonl_round_trips_with_null_beads() {
    let (zh, en, a) = hostile();
    let text = render(&Writer::new(&a, &zh, &en), Format::Jsonl);
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    assert_eq!(
        lines.len(),
        a.beads.len(),
        "one line per bead, null beads included"
    );
    for (line, b) in lines.iter().zip(&a.beads) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON object per line");
        let ids = |k: &str| -> Vec<usize> {
            v[k].as_array()
                .expect("array")
                .iter()
                .map(|x| x.as_u64().expect("index") as usize)
                .collect()
        };
        assert_eq!(ids("src"), b.src.clone().collect::<Vec<_>>());
        assert_eq!(ids("tgt"), b.tgt.clone().collect::<Vec<_>>());
        // JSON escapes everything: the text comes back exactly, control characters included.
        assert_eq!(v["src_text"], join_sentences(&zh, b.src.clone()));
        assert_eq!(v["tgt_text"], join_sentences(&en, b.tgt.clone()));
        let score = v["score"].as_f64().expect("score");
        assert!((score - b.score).abs() <= 0.0005);
    }
}

#[test]
fn tsv_has_one_line_per_pair() {
    let (zh, en, a) = hostile();
    let text = render(&Writer::new(&a, &zh, &en), Format::Tsv);
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    assert_eq!(lines.len(), a.pairs().count());
    for (line, (s, t, score)) in lines.iter().zip(expected_pairs(&zh, &en, &a)) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line:?}");
        // The documented escapes, undone, give the text (other separators as spaces).
        assert_eq!(tsv_unescape(fields[0]), Some(tsv_text(&s)), "{line:?}");
        assert_eq!(tsv_unescape(fields[1]), Some(tsv_text(&t)), "{line:?}");
        assert_eq!(fields[2], format!("{score:.3}"));
    }
    // The minimum score applies to TSV too.
    let text = render(&Writer::new(&a, &zh, &en).with_min_score(0.9), Format::Tsv);
    assert_eq!(
        text.lines().count(),
        a.pairs().filter(|b| b.score >= 0.9).count()
    );
}

// ------------------------------------------------------------------------------ TSV and CSV
//
// These guard issue 14: a pair is one record for every reader of TSV and CSV, whatever its
// text. TSV lines split with Python's `str.splitlines` (which also breaks on VT, FF,
// U+001C-U+001E, NEL, U+2028 and U+2029) are one per bead and undo to the text; CSV read with
// Python's `csv` module gives one row per bead with the exact texts.

/// Sentences made of everything that breaks table readers: every line, record and field
/// separator, quotes, commas, backslashes (escape-like ones too), emoji, right-to-left text
/// and control characters, but no NUL (which older Python `csv` modules refuse).
fn separators() -> (Vec<String>, Vec<String>, Alignment) {
    let zh = owned(&[
        "制表\t符，逗号,引号\"双\"与'单'。",
        "换行\n回车\r二者\r\n垂直\u{B}换页\u{C}结束。",
        "文件\u{1C}组\u{1D}记录\u{1E}下一行\u{85}行\u{2028}段\u{2029}分隔。",
        "反斜杠\\、\\t、\\n、\\\\ 与结尾的\\",
        "表情😀👩‍👩‍👧‍👦🇨🇳，RTL：\u{202E}עברית\u{202C} \u{200F}مرحبا\u{200E}。",
        "控制\u{1}\u{7}\u{8}\u{1B}[31m\u{1F}\u{7F}字符。",
        "",
        "\"整句在引号里，\"",
        "孤立句。",
        "最后一句。",
        "真的,\t完了\\",
    ]);
    let en = owned(&[
        "Tab\there, comma, \"double\" and 'single' quotes.",
        "LF\nCR\rCRLF\r\nVT\u{B}FF\u{C}end.",
        "FS\u{1C}GS\u{1D}RS\u{1E}NEL\u{85}LS\u{2028}PS\u{2029}end.",
        "Backslashes \\, \\t, \\n, \\\\ and a trailing one \\",
        "Emoji 😀👩‍👩‍👧‍👦🇨🇳, RTL \u{202B}embedding\u{202C} \u{200F}mark\u{200E}.",
        "Controls\u{1}\u{7}\u{8}\u{1B}[31m\u{1F}\u{7F} done.",
        "",
        "\"",
        "A target-only sentence, \"quoted\".",
        "Last, \"one\".",
        "Really\r\n\"done\",\\",
    ]);
    let alignment = Alignment {
        beads: vec![
            bead(0..1, 0..1, 0.95),
            bead(1..2, 1..2, 0.2),
            bead(2..3, 2..3, 0.6),
            bead(3..4, 3..4, 1.0),
            bead(4..5, 4..5, 0.5),
            bead(5..6, 5..6, 0.49),
            bead(6..7, 6..7, 0.0),
            bead(7..8, 7..8, 0.9),
            bead(8..9, 8..8, 0.3),
            bead(9..9, 8..9, 0.8),
            bead(9..11, 9..11, 0.7),
        ],
    };
    (zh, en, alignment)
}

/// Runs the Python program `script` with `args`, and parses its standard output as JSON.
fn python_json(script: &str, args: &[&Path]) -> serde_json::Value {
    let out = Command::new("python3")
        .args(["-c", script])
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from python")
}

/// The records Python read, each as its fields.
fn records(v: &serde_json::Value) -> Vec<Vec<String>> {
    v.as_array()
        .expect("a list of records")
        .iter()
        .map(|r| {
            r.as_array()
                .expect("a record is a list")
                .iter()
                .map(|f| f.as_str().expect("a field is a string").to_string())
                .collect()
        })
        .collect()
}

#[test]
fn tsv_has_one_line_per_bead_and_undoes_to_the_text_in_rust() {
    let (zh, en, a) = separators();
    let out = Writer::new(&a, &zh, &en);
    let text = render(&out, Format::Tsv);
    let pairs = expected_pairs(&zh, &en, &a);
    assert_eq!(pairs.len(), 9);
    // Every record ends with a line feed, and no other line feed is written.
    assert!(text.ends_with('\n'));
    assert_eq!(text.matches('\n').count(), pairs.len());
    assert_eq!(text.lines().count(), pairs.len());
    // Exactly two tabs a record, and no other separator of any reader.
    assert_eq!(text.matches('\t').count(), 2 * pairs.len());
    assert!(
        !text
            .chars()
            .any(|c| !matches!(c, '\t' | '\n') && common::LINE_OR_FIELD_BREAKS.contains(&c)),
        "a separator inside a field"
    );
    for (line, (s, t, score)) in text.lines().zip(&pairs) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line:?}");
        assert_eq!(
            tsv_unescape(fields[0]).as_ref(),
            Some(&tsv_text(s)),
            "{line:?}"
        );
        assert_eq!(
            tsv_unescape(fields[1]).as_ref(),
            Some(&tsv_text(t)),
            "{line:?}"
        );
        assert_eq!(fields[2], format!("{score:.3}"));
    }
    // The four escapes, and the other separators as spaces, on a sentence with all of them.
    let line = text.lines().nth(1).expect("a second record");
    assert_eq!(
        line,
        "换行\\n回车\\r二者\\r\\n垂直 换页 结束。\tLF\\nCR\\rCRLF\\r\\nVT FF end.\t0.200"
    );
    let line = text.lines().nth(3).expect("a fourth record");
    assert!(
        line.starts_with("反斜杠\\\\、\\\\t、\\\\n、\\\\\\\\ 与结尾的\\\\\t"),
        "{line:?}"
    );
    // The minimum score: one record per pair that passes.
    let text = render(&out.clone().with_min_score(0.5), Format::Tsv);
    let kept = a.pairs().filter(|b| b.score >= 0.5).count();
    assert_eq!(text.matches('\n').count(), kept);
    assert_eq!(kept, 6);
}

const TSV_READER: &str = r#"
import json, re, sys
ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    text = f.read()
records = []
for line in text.splitlines():
    fields = line.split("\t")
    records.append([re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], x) for x in fields])
print(json.dumps(records))
"#;

#[test]
fn tsv_lines_split_by_python_are_one_record_per_bead() {
    if let Err(why) = common::python3() {
        common::skip(
            "export::tsv_lines_split_by_python_are_one_record_per_bead",
            &why,
        );
        return;
    }
    let (zh, en, a) = separators();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pairs.tsv");
    Writer::new(&a, &zh, &en)
        .save(Format::Tsv, &path)
        .expect("save");
    let got = records(&python_json(TSV_READER, &[&path]));
    let pairs = expected_pairs(&zh, &en, &a);
    assert_eq!(got.len(), pairs.len(), "one record per bead: {got:?}");
    for (r, (s, t, score)) in got.iter().zip(&pairs) {
        assert_eq!(r.len(), 3, "{r:?}");
        assert_eq!(r[0], tsv_text(s));
        assert_eq!(r[1], tsv_text(t));
        assert_eq!(r[2], format!("{score:.3}"));
    }
}

const CSV_READER: &str = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f, strict=True))
print(json.dumps(rows))
"#;

#[test]
fn csv_read_by_python_gives_the_exact_texts_one_row_per_bead() {
    let (zh, en, a) = separators();
    let out = Writer::new(&a, &zh, &en);
    let text = render(&out, Format::Csv);
    // Exactly RFC 4180 as written out here: every record, the last one too, ends with CRLF;
    // the minimum score applies.
    let csv = |min: f64| -> String {
        a.pairs()
            .filter(|b| b.score >= min)
            .map(|b| {
                format!(
                    "{},{},{:.3}\r\n",
                    csv_field(&join_sentences(&zh, b.src.clone())),
                    csv_field(&join_sentences(&en, b.tgt.clone())),
                    b.score
                )
            })
            .collect()
    };
    assert_eq!(text, csv(0.0));
    assert_eq!(
        render(&out.clone().with_min_score(0.5), Format::Csv),
        csv(0.5)
    );
    assert!(text.ends_with("\r\n"));
    assert!(text.starts_with(concat!(
        "\"制表\t符，逗号,引号\"\"双\"\"与'单'。\",",
        "\"Tab\there, comma, \"\"double\"\" and 'single' quotes.\",0.950\r\n"
    )));
    // A field without a quote, comma, CR or LF is written as it is.
    assert!(text.contains(concat!(
        "\r\n表情😀👩‍👩‍👧‍👦🇨🇳，RTL：\u{202E}עברית\u{202C} \u{200F}مرحبا\u{200E}。,",
        "\"Emoji"
    )));
    assert!(text.contains("\r\n,,0.000\r\n"), "two empty sentences");

    if let Err(why) = common::python3() {
        common::skip(
            "export::csv_read_by_python_gives_the_exact_texts_one_row_per_bead",
            &why,
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pairs.csv");
    assert_eq!(Format::from_extension(&path), Some(Format::Csv));
    out.save(Format::Csv, &path).expect("save");
    let got = records(&python_json(CSV_READER, &[&path]));
    let pairs = expected_pairs(&zh, &en, &a);
    assert_eq!(got.len(), pairs.len(), "one row per bead: {got:?}");
    for (r, (s, t, score)) in got.iter().zip(&pairs) {
        assert_eq!(r, &[s.clone(), t.clone(), format!("{score:.3}")]);
    }
    // The hostile fixture of the other formats too (its NUL left out).
    let (zh, en, a) = hostile();
    let zh: Vec<String> = zh.iter().map(|s| s.replace('\0', "")).collect();
    let en: Vec<String> = en.iter().map(|s| s.replace('\0', "")).collect();
    let path = dir.path().join("hostile.csv");
    Writer::new(&a, &zh, &en)
        .save(Format::Csv, &path)
        .expect("save");
    let got = records(&python_json(CSV_READER, &[&path]));
    let pairs = expected_pairs(&zh, &en, &a);
    assert_eq!(got.len(), pairs.len());
    for (r, (s, t, score)) in got.iter().zip(&pairs) {
        assert_eq!(r, &[s.clone(), t.clone(), format!("{score:.3}")]);
    }
}

#[test]
fn ids_round_trip_through_the_eval_parser() {
    let (zh, en, a) = hostile();
    let text = render(&Writer::new(&a, &zh, &en).with_min_score(0.99), Format::Ids);
    let parsed = bialign::eval::parse_alignment(&text, "test.align").expect("parses");
    let want: Vec<(Vec<usize>, Vec<usize>)> = a
        .beads
        .iter()
        .map(|b| (b.src.clone().collect(), b.tgt.clone().collect()))
        .collect();
    assert_eq!(
        parsed, want,
        "every bead, the minimum score does not apply to ids"
    );
}

/// `export::write`, a second writer that guessed the languages from the scripts, is gone;
/// what its test checked holds of the one `Writer`: every route to one output gives the same
/// bytes, the languages decide the TMX tags, and Moses is refused as a single output.
#[test]
fn every_route_to_a_single_output_gives_the_same_bytes() {
    let (zh, en, a) = hostile();
    let out = Writer::new(&a, &zh, &en);
    for f in Format::ALL.into_iter().filter(|f| !f.is_two_files()) {
        if f == Format::Xlsx && !cfg!(feature = "xlsx") {
            // Built without the writer (`-p bialign` alone): refused, saying why.
            let err = out.files(f, None).expect_err("no xlsx writer");
            assert!(err.to_string().contains("xlsx"), "{err}");
            continue;
        }
        let files = out.files(f, None).expect("files");
        assert_eq!(files.len(), 1, "{f}");
        assert_eq!(files[0].path, None, "{f}: standard output");
        if !f.is_binary() {
            assert_eq!(
                String::from_utf8(files[0].bytes.clone()).expect("UTF-8"),
                render(&out, f),
                "{f}"
            );
        }
        assert_eq!(out.render(f).expect("render"), files[0].bytes, "{f}");
    }
    // The mirrored alignment, English to Chinese, written with its languages.
    let m = a.mirrored();
    let mirrored = Writer::new(&m, &en, &zh).with_langs(Lang::En, Lang::Zh);
    let tmx = parse_tmx(&render(&mirrored, Format::Tmx));
    assert_eq!(tmx.header["srclang"], "en");
    assert_eq!(tmx.tus[0].tuvs[1].0, "zh-CN");
    let err = out.render(Format::Moses).expect_err("two files");
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[test]
fn formats_parse_and_errors_are_typed() {
    for (name, f) in [
        ("ids", Format::Ids),
        ("tsv", Format::Tsv),
        ("csv", Format::Csv),
        ("jsonl", Format::Jsonl),
        ("tmx", Format::Tmx),
        ("moses", Format::Moses),
        ("html", Format::Html),
        ("TMX", Format::Tmx),
    ] {
        assert_eq!(name.parse::<Format>().expect("known"), f);
        assert_eq!(f.to_string(), name.to_ascii_lowercase());
    }
    let err = "xliff".parse::<Format>().expect_err("unknown");
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("xliff"));

    let (zh, en, a) = hostile();
    let err = Writer::new(&a, &zh, &en)
        .write_to(Format::Moses, &mut Vec::new())
        .expect_err("moses needs two writers");
    assert_eq!(err.kind(), ErrorKind::Config);
    let short = &en[..3];
    let err = Writer::new(&a, &zh, short)
        .write_to(Format::Tmx, &mut Vec::new())
        .expect_err("a bead beyond the sentences");
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("target sentence 3"), "{err}");
}

// ------------------------------------------------------------------------------ Moses

#[test]
fn moses_files_stay_parallel() {
    let (zh, en, a) = hostile();
    let out = Writer::new(&a, &zh, &en);
    let (mut s, mut t) = (Vec::new(), Vec::new());
    out.write_moses(&mut s, &mut t).expect("write");
    let (s, t) = (
        String::from_utf8(s).expect("UTF-8"),
        String::from_utf8(t).expect("UTF-8"),
    );
    let pairs = expected_pairs(&zh, &en, &a);
    for (file, side) in [(&s, 0), (&t, 1)] {
        assert!(file.ends_with('\n'));
        let lines: Vec<&str> = file.split_terminator('\n').collect();
        assert_eq!(lines.len(), a.pairs().count());
        // No character that any line splitter (Python's splitlines included) breaks on.
        assert!(!file
            .trim_end_matches('\n')
            .chars()
            .any(|c| c != '\n' && common::LINE_OR_FIELD_BREAKS.contains(&c)));
        assert_eq!(file.lines().count(), lines.len());
        for (line, p) in lines.iter().zip(&pairs) {
            let want = if side == 0 { &p.0 } else { &p.1 };
            assert_eq!(*line, one_line(want));
        }
    }
    assert!(s.contains("含 制表符 换行  回车 和 行分隔 段分隔。"));

    let out = out.with_min_score(0.95);
    let (mut s, mut t) = (Vec::new(), Vec::new());
    out.write_moses(&mut s, &mut t).expect("write");
    assert_eq!(s.iter().filter(|&&b| b == b'\n').count(), 3);
    assert_eq!(t.iter().filter(|&&b| b == b'\n').count(), 3);

    assert_eq!(
        out.moses_paths(Path::new("dir/out")),
        (PathBuf::from("dir/out.zh"), PathBuf::from("dir/out.en"))
    );
    assert_eq!(
        Writer::new(&a, &zh, &en)
            .with_langs(Lang::En, Lang::Zh)
            .moses_paths(Path::new("o")),
        (PathBuf::from("o.en"), PathBuf::from("o.zh"))
    );
}

// ------------------------------------------------------------------------------ HTML

/// Parses the page as XML (it is polyglot markup), checking that every element is closed,
/// and returns the texts of the sentence spans of each table row, by row.
fn parse_html(page: &str) -> Vec<(String, Vec<String>)> {
    let body = page
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("doctype first");
    let mut reader = Reader::from_str(body);
    reader.config_mut().trim_text(false);
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_tbody = false;
    let mut span: Option<String> = None;
    let mut stack: Vec<Vec<u8>> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed markup") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_vec();
                let a = attrs(&e);
                match name.as_slice() {
                    b"tbody" => in_tbody = true,
                    b"tr" if in_tbody => rows.push((a["class"].clone(), Vec::new())),
                    b"span" if in_tbody && a.get("class").map(String::as_str) == Some("x") => {
                        span = Some(String::new());
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::End(e) => {
                assert_eq!(stack.pop().as_deref(), Some(e.name().as_ref()));
                match e.name().as_ref() {
                    b"tbody" => in_tbody = false,
                    b"span" => {
                        if let Some(t) = span.take() {
                            rows.last_mut().expect("span in a row").1.push(t);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(e) => {
                if let Some(t) = span.as_mut() {
                    t.push_str(&e.xml10_content().expect("UTF-8"));
                }
            }
            Event::GeneralRef(e) => {
                let name = e.decode().expect("UTF-8").into_owned();
                let c = if e.is_char_ref() {
                    e.resolve_char_ref()
                        .expect("valid")
                        .expect("char")
                        .to_string()
                } else {
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .expect("only XML's predefined entities")
                        .to_string()
                };
                if let Some(t) = span.as_mut() {
                    t.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    rows
}

/// The rows of one table of the review page's summary: (header, first cell), in page order,
/// as written (escaped).
type SummaryRows = Vec<(String, String)>;

/// The rows of the page's summary: (label, value) of the counts table and (bead type, count)
/// of the bead types table.
fn page_summary(page: &str) -> (SummaryRows, SummaryRows) {
    let start = page.find("<div id=\"summary\">").expect("a summary");
    let end = start + page[start..].find("</div>").expect("the summary's end");
    let (mut counts, mut shapes) = (Vec::new(), Vec::new());
    for line in page[start..end].lines() {
        if line.ends_with("</th></tr>") {
            continue; // a table's header row
        }
        let (row, into) = if let Some(r) = line.strip_prefix("<tr class=\"shape\"><th>") {
            (r, &mut shapes)
        } else if let Some(r) = line.strip_prefix("<tr><th>") {
            (r, &mut counts)
        } else {
            continue;
        };
        let row = row.strip_suffix("</td></tr>").expect("a row ends its cell");
        let (label, rest) = row.split_once("</th><td>").expect("a header and a cell");
        let value = rest.split("</td><td>").next().unwrap_or_default();
        into.push((label.to_string(), value.to_string()));
    }
    (counts, shapes)
}

#[test]
fn html_page_shows_every_sentence_escaped_with_summary_and_svg() {
    let (zh, en, a) = hostile();
    let out = Writer::new(&a, &zh, &en).with_names(Some("<zh>.txt"), Some("en&.txt"));
    let page = render(&out, Format::Html);
    // Self-contained: one inline script (the keys), no external resource.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains("<script>//<![CDATA[\n"));
    assert_eq!(
        page.matches("]]>").count(),
        1,
        "the script's CDATA section ends once"
    );
    assert_eq!(page.matches("http://").count(), 1, "only the SVG namespace");
    assert!(page.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(!page.contains("https://"));
    assert!(!page.contains(" src="));
    assert!(!page.contains("<link"));
    assert!(page.contains("&lt;zh&gt;.txt") && page.contains("en&amp;.txt"));
    assert!(page.chars().all(is_xml_char));

    // Every sentence, escaped, in its row, in order, with its index.
    for s in zh.iter().chain(&en) {
        assert!(
            page.contains(&html_escape(s)),
            "{:?}",
            s.chars().take(40).collect::<String>()
        );
    }
    assert_eq!(
        html_escape("<a href=\"x\">&'"),
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    );
    let tag = ["<a href=\"x\">&'"];
    let one = Alignment {
        beads: vec![bead(0..1, 0..1, 1.0)],
    };
    assert!(render(&Writer::new(&one, &tag, &tag), Format::Html)
        .contains("<span class=\"x\">&lt;a href=&quot;x&quot;&gt;&amp;&#39;</span>"));
    let rows = parse_html(&page);
    assert_eq!(rows.len(), a.beads.len());
    for ((class, texts), b) in rows.iter().zip(&a.beads) {
        assert_eq!(class, row_class(b));
        let want: Vec<String> = b
            .src
            .clone()
            .map(|i| xml_safe(&zh[i]).replace("\r\n", "\n").replace('\r', "\n"))
            .chain(
                b.tgt
                    .clone()
                    .map(|j| xml_safe(&en[j]).replace("\r\n", "\n").replace('\r', "\n")),
            )
            .collect();
        assert_eq!(texts, &want);
    }
    assert!(page.contains("<span class=\"i\">12</span>"));
    assert_eq!(page.matches("no counterpart</td>").count(), 2);
    assert_eq!(page.matches("<tr id=\"b").count(), a.beads.len());
    for class in ["high", "medium", "low", "null"] {
        assert!(page.contains(&format!("class=\"{class}\"")), "{class}");
    }

    // The summary, as the page shows it.
    let (counts, page_shapes) = page_summary(&page);
    let count = |label: &str| -> &str {
        counts
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no summary row {label:?} in {counts:?}"))
    };
    assert_eq!(
        (
            count("Beads"),
            count("Pairs (non-null beads)"),
            count("Source sentences without counterpart"),
            count("Target sentences without counterpart")
        ),
        ("12", "10", "1", "1")
    );
    let shapes: Vec<String> = page_shapes
        .iter()
        .map(|(k, n)| format!("{k}:{n}"))
        .collect();
    assert_eq!(
        shapes,
        ["1-1:7", "1-2:1", "2-1:1", "2-2:1", "1-0:1", "0-1:1"]
    );
    assert_eq!(
        [
            count(&format!("Pairs with confidence \u{2265} {HIGH_CONFIDENCE}")),
            count(&format!(
                "Pairs with confidence {MEDIUM_CONFIDENCE} to {HIGH_CONFIDENCE}"
            )),
            count(&format!("Pairs with confidence &lt; {MEDIUM_CONFIDENCE}")),
        ],
        ["5", "3", "2"]
    );
    // Bead types counted here, not by the page.
    let mut by_shape: HashMap<(usize, usize), usize> = HashMap::new();
    for b in &a.beads {
        *by_shape.entry((b.src.len(), b.tgt.len())).or_default() += 1;
    }
    assert_eq!(by_shape.len(), page_shapes.len());
    for ((x, y), n) in &by_shape {
        assert!(page.contains(&format!("<th>{x}-{y}</th><td>{n}</td>")));
    }
    let mean = a.pairs().map(|b| b.score).sum::<f64>() / a.pairs().count() as f64;
    assert!(page.contains(&format!("<td>{mean:.3}</td>")));
    assert_eq!(count("Mean confidence of pairs"), format!("{mean:.3}"));
    assert!(page.contains(&format!(
        "<th>Source sentences (zh)</th><td>{}</td>",
        zh.len()
    )));
    assert!(page.contains(&format!(
        "<th>Target sentences (en)</th><td>{}</td>",
        en.len()
    )));

    // The picture: one path per class, unaligned stretches shaded.
    let svg = &page[page.find("<svg").expect("svg")..page.find("</svg>").expect("end")];
    for class in ["high", "medium", "low", "null", "gaps"] {
        assert!(svg.contains(&format!("<path class=\"{class}\"")), "{class}");
    }
}

#[test]
fn html_page_for_ten_thousand_beads_stays_plain() {
    let n = 10_000;
    let zh: Vec<String> = (0..n).map(|i| format!("第{i}句。")).collect();
    let en: Vec<String> = (0..n).map(|i| format!("Sentence {i}.")).collect();
    let beads = (0..n)
        .map(|i| {
            if i % 50 == 7 {
                bead(i..i + 1, i..i, 0.2)
            } else {
                bead(i..i + 1, i..i + 1, (i % 10) as f64 / 10.0)
            }
        })
        .collect();
    let a = Alignment { beads };
    let started = Instant::now();
    let page = render(&Writer::new(&a, &zh, &en), Format::Html);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(page.matches("<tr id=\"b").count(), n);
    // About 200 bytes a row, one path per class in the picture.
    assert!(page.len() < 400 * n, "{} bytes", page.len());
    assert_eq!(page.matches("<path").count(), 5);
}

// ------------------------------------------------------------------------------ Chromium

/// Runs `cmd` with stdout to `stdout_file`, killing it after `limit`.
fn run_with_limit(
    cmd: &mut Command,
    stdout_file: &Path,
    limit: Duration,
) -> std::process::ExitStatus {
    let file = std::fs::File::create(stdout_file).expect("create stdout file");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(Stdio::null())
        .spawn()
        .expect("start the program");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A decoded 8-bit RGB or RGBA PNG: width, height and the pixels as RGB.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let mut pos = 8;
    let (mut width, mut height, mut channels) = (0u32, 0u32, 0usize);
    let mut idat = Vec::new();
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().expect("4 bytes")) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = &bytes[pos + 8..pos + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(data[0..4].try_into().expect("4 bytes"));
                height = u32::from_be_bytes(data[4..8].try_into().expect("4 bytes"));
                assert_eq!(data[8], 8, "bit depth 8");
                channels = match data[9] {
                    2 => 3,
                    6 => 4,
                    other => panic!("colour type {other}"),
                };
                assert_eq!(data[12], 0, "not interlaced");
            }
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .expect("zlib data");
    let stride = width as usize * channels;
    assert_eq!(raw.len(), (stride + 1) * height as usize);
    let mut prev = vec![0u8; stride];
    let mut pixels = Vec::with_capacity(width as usize * height as usize);
    for row in raw.chunks(stride + 1) {
        let filter = row[0];
        let mut cur = row[1..].to_vec();
        for i in 0..stride {
            let a = if i >= channels {
                cur[i - channels] as i16
            } else {
                0
            };
            let b = prev[i] as i16;
            let c = if i >= channels {
                prev[i - channels] as i16
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                other => panic!("filter {other}"),
            };
            cur[i] = cur[i].wrapping_add(pred as u8);
        }
        for px in cur.chunks(channels) {
            pixels.push([px[0], px[1], px[2]]);
        }
        prev = cur;
    }
    (width, height, pixels)
}

fn small_review_alignment() -> (Vec<String>, Vec<String>, Alignment) {
    let zh = owned(&[
        "2021 年 4 月 5 日阿塞拜疆常驻联合国日内瓦办事处代表团致人权事务高级专员办事处的普通照会。",
        "阿塞拜疆共和国常驻联合国日内瓦办事处和其他国际组织代表团向联合国人权事务高级专员办事处致意。",
        "谨此转递阿塞拜疆共和国外交部关于国际提高地雷意识和协助地雷行动日的声明。",
        "请将本照会及其附件作为人权理事会第四十七届会议的文件分发。",
        "他说：“我们必须继续努力。”",
        "附件*",
        "这是一个很长的句子，用来检查表格中的文字是否会正确换行，而不会撑破页面的布局，也不会遮挡旁边的英文列。",
        "<标签> & “引号”。",
    ]);
    let en = owned(&[
        "Note verbale dated 5 April 2021 from the Permanent Mission of Azerbaijan to the United Nations Office at Geneva addressed to the Office of the High Commissioner for Human Rights.",
        "The Permanent Mission presents its compliments to the Office of the High Commissioner.",
        "Statement of the Ministry of Foreign Affairs on the International Day for Mine Awareness.",
        "He said: \"We must keep working.\"",
        "Annex to the note verbale.",
        "This sentence has no counterpart in the Chinese text at all.",
        "This is a long sentence that checks that text wraps inside the table cell instead of breaking the layout of the page.",
        "<tag> & \"quotes\".",
    ]);
    let a = Alignment {
        beads: vec![
            bead(0..1, 0..1, 0.97),
            bead(1..2, 1..2, 0.93),
            bead(2..3, 2..3, 0.71),
            bead(3..4, 3..3, 0.88),
            bead(4..5, 3..4, 0.95),
            bead(5..6, 4..5, 0.42),
            bead(6..6, 5..6, 0.8),
            bead(6..7, 6..7, 0.91),
            bead(7..8, 7..8, 0.62),
        ],
    };
    (zh, en, a)
}

#[test]
fn html_page_renders_in_headless_chromium() {
    let Some(chromium) = common::chromium() else {
        common::skip(
            "export::html_page_renders_in_headless_chromium",
            "Chromium not found (install the Debian package `chromium` or set BIALIGN_CHROMIUM)",
        );
        return;
    };
    let (zh, en, a) = small_review_alignment();
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("review.html");
    let out = Writer::new(&a, &zh, &en)
        .with_names(Some("A_HRC_47_G_5.zh.txt"), Some("A_HRC_47_G_5.en.txt"));
    std::fs::write(&page, render(&out, Format::Html)).expect("write page");
    let url = format!("file://{}", page.display());
    let shot = dir.path().join("shot.png");
    // Keep a copy for people who want to look at it.
    let keep = std::env::var_os("BIALIGN_KEEP_SCREENSHOT").map(PathBuf::from);

    let chrome = |profile: &str| {
        let mut cmd = Command::new(&chromium);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join(profile).display()
        ));
        cmd
    };

    // Tall enough for the whole table: at 900 pixels the red row was the last one on
    // screen, and a layout a line taller (a font substituted while the machine was busy)
    // once pushed it out of the shot in `.ci/run`.
    let status = run_with_limit(
        chrome("profile-shot")
            .arg(format!("--screenshot={}", shot.display()))
            .arg("--window-size=1280,1400")
            .arg(&url),
        &dir.path().join("shot.out"),
        Duration::from_secs(120),
    );
    assert!(status.success(), "chromium --screenshot failed: {status}");
    let png = std::fs::read(&shot).expect("the screenshot exists");
    if let Some(k) = &keep {
        std::fs::write(k, &png).expect("keep screenshot");
    }
    assert!(png.len() > 5_000, "screenshot of {} bytes", png.len());
    let (w, h, pixels) = decode_png(&png);
    assert_eq!((w, h), (1280, 1400));
    let near = |p: &[u8; 3], q: [u8; 3]| p.iter().zip(q).all(|(&a, b)| a.abs_diff(b) <= 6);
    let count = |q: [u8; 3]| pixels.iter().filter(|p| near(p, q)).count();
    let white = count([255, 255, 255]);
    assert!(white < pixels.len() * 97 / 100, "the page is almost blank");
    // The row colours of the table: green, yellow, red and grey backgrounds are on screen.
    for (name, rgb) in [
        ("green", [0xdc, 0xf2, 0xe0]),
        ("yellow", [0xfd, 0xf3, 0xc4]),
        ("red", [0xf9, 0xd6, 0xd2]),
        ("grey", [0xe4, 0xe4, 0xe4]),
    ] {
        assert!(count(rgb) > 500, "no {name} table rows in the screenshot");
    }

    let dom_file = dir.path().join("dom.html");
    let status = run_with_limit(
        chrome("profile-dom").arg("--dump-dom").arg(&url),
        &dom_file,
        Duration::from_secs(120),
    );
    assert!(status.success(), "chromium --dump-dom failed: {status}");
    let dom = std::fs::read_to_string(&dom_file).expect("DOM dump");
    assert_eq!(
        dom.matches("<tr id=\"b").count(),
        a.beads.len(),
        "rows in the rendered DOM"
    );
    assert!(dom.contains("<svg"));
    assert!(dom.contains("&lt;tag&gt; &amp; \"quotes\"."));
    assert!(dom.contains("no counterpart"));
}

// ------------------------------------------------------------------------------ translate-toolkit

const TMX_READER: &str = r#"
import json, sys
from translate.storage.tmx import tmxfile
from translate.misc.xml_helpers import getXMLlang
with open(sys.argv[1], "rb") as f:
    store = tmxfile(f)
units = []
for u in store.units:
    units.append([[getXMLlang(n), u.getNodeText(n)] for n in u.getlanguageNodes()])
print(json.dumps({"units": units}))
"#;

/// Why the translate-toolkit checks skip.
const TOOLKIT_MISSING: &str = "translate-toolkit not importable (pip install translate-toolkit, \
                               or set BIALIGN_PYTHON to a Python that has it)";

/// Loads `tmx` with translate-toolkit and returns each unit's (language, text) pairs.
fn toolkit_units(python: &Path, tmx: &str) -> Vec<Vec<(String, String)>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.tmx");
    std::fs::write(&path, tmx).expect("write TMX");
    let out = Command::new(python)
        .args(["-c", TMX_READER])
        .arg(&path)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "translate-toolkit could not load the TMX: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON from python");
    v["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            u.as_array()
                .expect("tuvs")
                .iter()
                .map(|t| {
                    (
                        t[0].as_str().unwrap_or_default().to_string(),
                        t[1].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn tmx_loads_in_translate_toolkit() {
    let Some(python) = common::toolkit_python() else {
        common::skip("export::tmx_loads_in_translate_toolkit", TOOLKIT_MISSING);
        return;
    };
    let (zh, en, a) = hostile();
    let out = Writer::new(&a, &zh, &en).with_names(Some("zh.txt"), Some("en.txt"));
    let units = toolkit_units(&python, &render(&out, Format::Tmx));
    let expected = expected_pairs(&zh, &en, &a);
    assert_eq!(units.len(), expected.len());
    for (u, (s, t, _)) in units.iter().zip(&expected) {
        assert_eq!(u.len(), 2);
        assert_eq!(u[0], ("zh-CN".to_string(), xml_safe(s)));
        assert_eq!(u[1], ("en".to_string(), xml_safe(t)));
    }
}

/// The acceptance test of issue 4 on real data: each mac-dev chapter aligned by bialign
/// loads in translate-toolkit with one unit per non-null bead and the aligned texts.
#[test]
fn mac_dev_tmx_loads_in_translate_toolkit() {
    let test = "export::mac_dev_tmx_loads_in_translate_toolkit";
    let Some(root) = common::eval_set(test, "mac-dev") else {
        return;
    };
    let Some(python) = common::toolkit_python() else {
        common::skip(test, TOOLKIT_MISSING);
        return;
    };
    let aligner = bialign::Aligner::new();
    let mut names: Vec<_> = std::fs::read_dir(root.join("zh"))
        .expect("mac-dev/zh")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    for name in names {
        let zh = lines(&root.join("zh").join(&name));
        let en = lines(&root.join("en").join(&name));
        let a = aligner
            .align_sentences(&zh, &en)
            .expect("a supported pair aligns");
        let label = name.to_string_lossy().into_owned();
        let out = Writer::new(&a, &zh, &en).with_names(Some(&label), Some(&label));
        let units = toolkit_units(&python, &render(&out, Format::Tmx));
        let expected = expected_pairs(&zh, &en, &a);
        assert_eq!(units.len(), a.pairs().count(), "{label}");
        for (u, (s, t, _)) in units.iter().zip(&expected) {
            assert_eq!(u[0].1, xml_safe(s), "{label}");
            assert_eq!(u[1].1, xml_safe(t), "{label}");
        }
    }
}

/// The review spreadsheet: a header and one row per bead and per set-aside paragraph,
/// with the sentences, the score, a note, and a fill per confidence band.
#[cfg(feature = "xlsx")]
#[test]
fn xlsx_rows_scores_notes_and_fills() {
    use bialign::text::{Lang as L, Segmenter};
    use std::io::Read;
    let zh = Segmenter::new()
        .cleanup(true)
        .segment("GE.21-04787(C)\n\n你好。\n\n谢谢。\n\n再见。", L::Zh);
    let en = ["Hello.", "Thank you."];
    let a = Alignment {
        beads: vec![
            Bead {
                src: 0..1,
                tgt: 0..1,
                score: 0.97,
            },
            Bead {
                src: 1..2,
                tgt: 1..2,
                score: 0.6,
            },
            Bead {
                src: 2..3,
                tgt: 2..2,
                score: 0.8,
            },
        ],
    };
    let texts = zh.texts();
    let bytes = Writer::new(&a, &texts, &en)
        .with_set_aside(zh.set_aside(), &[])
        .render(Format::Xlsx)
        .expect("xlsx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut s)
            .expect("UTF-8");
        s
    };
    let strings = part("xl/sharedStrings.xml");
    for want in [
        "Source (zh)",
        "Target (en)",
        "你好。",
        "Hello.",
        "谢谢。",
        "Thank you.",
        "再见。",
        "no target counterpart",
        "GE.21-04787(C)",
        "set aside: job number",
    ] {
        assert!(strings.contains(want), "{want} in {strings}");
    }
    let sheet = part("xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 1 + 1 + 3, "{sheet}");
    assert!(
        sheet.contains("<v>0.97</v>") && sheet.contains("<v>0.6</v>"),
        "{sheet}"
    );
    let styles = part("xl/styles.xml");
    for fill in ["FFC6EFCE", "FFFFEB9C", "FFE4E4E4"] {
        assert!(styles.contains(fill), "{fill} in {styles}");
    }
    assert_eq!(
        Format::from_extension(std::path::Path::new("r.XLSX")),
        Some(Format::Xlsx)
    );
}

/// Right-to-left text (Arabic with its comma and question mark, Hebrew, the RTL marks
/// U+200F, U+202B..U+202C and U+2067..U+2069): the review page gives every text cell
/// `dir="auto"`, so that a browser lays each side out in its own direction, and the page,
/// TMX and XLSX carry the text exactly as it was.
#[test]
fn right_to_left_text_is_shown_auto_and_carried_unchanged() {
    let ar = owned(&[
        "\u{200F}مرحبا بكم في الأمم المتحدة، يا أصدقاء؟",
        "\u{202B}القرار 75/1\u{202C} اعتمد.",
        "שלום \u{2067}עולם\u{2069}.",
    ]);
    let en = owned(&[
        "Welcome to the United Nations, friends?",
        "Resolution 75/1 was adopted.",
    ]);
    let spans = [(0..1, 0..1), (1..2, 1..2), (2..3, 2..2)];
    let beads = spans.into_iter().map(|(s, t)| bead(s, t, 0.9)).collect();
    let a = Alignment { beads };
    let out = Writer::new(&a, &ar, &en).with_langs(Lang::Ar, Lang::En);

    let page = render(&out, Format::Html);
    let texts: Vec<String> = parse_html(&page).into_iter().flat_map(|(_, t)| t).collect();
    let mut want: Vec<String> = Vec::new();
    for b in &a.beads {
        want.extend(ar[b.src.clone()].iter().cloned());
        want.extend(en[b.tgt.clone()].iter().cloned());
    }
    assert_eq!(texts, want, "the page shows every sentence as written");
    let cells = |lang: &str| {
        page.matches(&format!("<td lang=\"{lang}\" dir=\"auto\">"))
            .count()
    };
    assert_eq!(
        (cells("ar"), cells("en")),
        (3, 2),
        "every text cell has dir=\"auto\""
    );
    assert!(
        !page.contains("<td lang=\"ar\">"),
        "no text cell without a direction"
    );

    let tmx = parse_tmx(&render(&out, Format::Tmx));
    let segs: Vec<(String, String)> = tmx.tus.iter().flat_map(|tu| tu.tuvs.clone()).collect();
    let mut want: Vec<(String, String)> = Vec::new();
    for b in a
        .beads
        .iter()
        .filter(|b| !b.src.is_empty() && !b.tgt.is_empty())
    {
        want.push(("ar".into(), ar[b.src.start].clone()));
        want.push(("en".into(), en[b.tgt.start].clone()));
    }
    assert_eq!(segs, want, "TMX carries the marks unchanged");

    #[cfg(feature = "xlsx")]
    {
        let bytes = out.render(Format::Xlsx).expect("xlsx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
        let mut strings = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .expect("shared strings")
            .read_to_string(&mut strings)
            .expect("UTF-8");
        for s in &ar {
            assert!(strings.contains(s.as_str()), "{s:?} in {strings}");
        }
    }
}
