//! Decoding: every supported encoding gives the same text, binary data and I/O errors are
//! refused naming the file, the size limit holds, and arbitrary bytes never panic; damaged
//! UTF-8 is repaired with a warning (or refused when strict) instead of being garbled into
//! another encoding, UTF-16 without a byte order mark is found in both byte orders, and the
//! map to file offsets points at each sentence's own bytes.

use std::io::Write;

use bialign::text::decode::{
    decode, decode_report, read_decoded, read_text, Decoded, DEFAULT_MAX_INPUT_BYTES,
    MIN_VALID_PER_INVALID,
};
use bialign::text::normalize::{normalize, normalize_lines};
use bialign::text::Segmenter;
use bialign::{ErrorKind, Options, Pipeline};
use proptest::prelude::*;

use crate::common::samples::{gb18030, utf16, with_bad_bytes};

const SAMPLE: &str =
    "第一段：阿塞拜疆常驻联合国日内瓦办事处代表团谨此向联合国人权事务高级专员办事处提交声明。\n\n\
    第二段包括数字 2021 年 4 月 5 日和标点“引号”、（括号）！\n\n\
    Annex to the note verbale dated 5 April 2021.\n\n\
    Statement of the Ministry of Foreign Affairs — “quoted” text, 4th of April.\n";

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
        ("utf-16le with bom", utf16(SAMPLE, true, true)),
        ("utf-16be with bom", utf16(SAMPLE, false, true)),
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

proptest! {
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

// -------------------------------------------------------------------------------------------
// Damaged UTF-8, cut characters and UTF-16 without a byte order mark. These guard the rule
// that decoding chooses an encoding only on strong evidence: UTF-8 with a few invalid bytes,
// or cut inside its last character, stays UTF-8 (U+FFFD in place of the bad bytes, and a
// warning with their number and the first one's offset; an error with strict decoding)
// instead of becoming windows-1252 or GB18030 garbage or "binary data"; real GB18030 and Big5
// are still found; UTF-16 without a byte order mark is found in both byte orders, Chinese
// too, or refused saying that it looks like UTF-16.
// -------------------------------------------------------------------------------------------

/// An English text with dashes and quotes, UTF-8's usual non-ASCII characters in English.
const EN_DASHES: &str = "The minister said — and this matters — that the “report” was ready.\n";

/// Checks that `bytes` decode as damaged UTF-8 to `want`, with exactly `warnings`, and that
/// strict decoding refuses them with one line naming the file and containing `strict_part`.
fn assert_repaired(label: &str, bytes: &[u8], want: &str, warnings: &[String], strict_part: &str) {
    let d = decode_report(bytes, "x.txt", false).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(d.encoding, "UTF-8", "{label}");
    assert_eq!(d.text, want, "{label}");
    assert_eq!(d.warnings, warnings, "{label}");
    assert_eq!(
        decode(bytes, "x.txt").unwrap(),
        want,
        "{label}: decode drops the warnings"
    );
    let err = decode_report(bytes, "x.txt", true).expect_err(label);
    let msg = err.to_string();
    assert_eq!(err.kind(), ErrorKind::Decode, "{label}: {msg}");
    assert!(msg.starts_with("x.txt: "), "{label}: {msg}");
    assert!(msg.contains(strict_part), "{label}: {msg}");
    assert!(
        msg.ends_with("refused by strict decoding"),
        "{label}: {msg}"
    );
    assert_eq!(msg.lines().count(), 1, "{label}: {msg}");
}

#[test]
fn utf8_with_a_few_bad_bytes_is_read_with_a_warning() {
    let long = SAMPLE.repeat(4);
    let many: Vec<usize> = (0..30).map(|k| 5 + 11 * k).collect();
    // (name, text, characters the bad bytes go before, the bad bytes, byte order mark)
    type Case<'a> = (&'a str, &'a str, Vec<usize>, &'a [u8], bool);
    let cases: [Case; 7] = [
        ("1 bad byte", SAMPLE, vec![10], b"\xFF", false),
        ("3 bad bytes", SAMPLE, vec![3, 40, 100], b"\xFF", false),
        (
            "many bad bytes (30 in 4 samples)",
            &long,
            many,
            b"\xFE",
            false,
        ),
        ("a lone continuation byte", SAMPLE, vec![20], b"\x80", false),
        (
            "a Latin-1 e-acute in English with dashes and quotes",
            EN_DASHES,
            vec![30],
            b"\xE9",
            false,
        ),
        (
            "a cut character inside the text",
            SAMPLE,
            vec![7],
            b"\xE4\xB8",
            false,
        ),
        ("after a byte order mark", SAMPLE, vec![10], b"\xFF", true),
    ];
    for (label, text, at, bad, bom) in cases {
        let (mut bytes, want) = with_bad_bytes(text, &at, bad);
        let first = text
            .char_indices()
            .nth(at[0])
            .map_or(text.len(), |(i, _)| i);
        let first = first + if bom { 3 } else { 0 };
        if bom {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        let n = at.len() * bad.len();
        let what = if n == 1 { "byte" } else { "bytes" };
        let warning = format!(
            "x.txt: {n} invalid UTF-8 {what} replaced by U+FFFD, the first at byte {first}"
        );
        assert_repaired(label, &bytes, &want, &[warning], "invalid UTF-8");
        let d = decode_report(&bytes, "x.txt", false).unwrap();
        assert_eq!((d.bom, d.replaced_bytes), (bom, n), "{label}");
    }
}

#[test]
fn damage_beyond_the_rule_is_not_repaired_as_utf8() {
    let gb = gb18030(SAMPLE);
    let big5_text = "繁體中文的文字，臺灣的書籍與報紙都使用這種字體。\n";
    let big5 = encoding_rs::BIG5.encode(big5_text).0.into_owned();
    // More bad bytes than valid characters: two after each of the first Chinese characters.
    let every: Vec<usize> = (0..60).collect();
    let (worse, _) = with_bad_bytes(SAMPLE, &every, b"\xFF\xFE");
    // GB18030 in which most sequences happen to be valid UTF-8 (谢 is D0 BB, Cyrillic лл in
    // UTF-8): more valid sequences than invalid bytes, but fewer than ten times as many, and
    // the bytes decode cleanly as GB18030, so they are GB18030.
    let thanks = "谢谢谢谢，谢谢谢谢。";
    let gb_like = gb18030(thanks);
    let (bom_worse, _) = with_bad_bytes("中文", &[0, 1], b"\xFF\xFE");
    let bom_worse = [b"\xEF\xBB\xBF".as_slice(), &bom_worse].concat();
    // (name, bytes, the encoding and text wanted, or None for a refusal)
    type Case<'a> = (&'a str, Vec<u8>, Option<(&'a str, &'a str)>);
    let cases: [Case; 5] = [
        ("GB18030 text", gb, Some(("gb18030", SAMPLE))),
        ("Big5 text", big5, Some(("Big5", big5_text))),
        ("more bad bytes than valid characters", worse, None),
        (
            "GB18030 that is mostly valid UTF-8",
            gb_like,
            Some(("gb18030", thanks)),
        ),
        ("after a byte order mark, too many", bom_worse, None),
    ];
    for (label, bytes, want) in cases {
        for strict in [false, true] {
            let got = decode_report(&bytes, "x.txt", strict);
            match (want, got) {
                (Some((enc, text)), Ok(d)) => {
                    assert_eq!((d.encoding, d.text.as_str()), (enc, text), "{label}");
                    assert!(d.warnings.is_empty(), "{label}: {:?}", d.warnings);
                }
                (Some(_), Err(e)) => panic!("{label}: {e}"),
                // Refused, or read as another encoding: never repaired as UTF-8.
                (None, Ok(d)) => {
                    assert_ne!(d.encoding, "UTF-8", "{label}: {:?}", d.text);
                    assert!(d.warnings.is_empty(), "{label}");
                }
                (None, Err(e)) => assert_eq!(e.kind(), ErrorKind::Decode, "{label}: {e}"),
            }
        }
    }
    assert_eq!(MIN_VALID_PER_INVALID, 10);
}

#[test]
fn a_file_cut_inside_its_last_character_warns() {
    let dash = "He said it — ";
    let dash = &dash[..dash.len() - 1];
    let zh = "他来了。她走了。中";
    let emoji = "Smile 😀";
    // (name, bytes, text wanted, bytes cut off the last character)
    let cut = |s: &str, keep: usize| -> Vec<u8> { s.as_bytes()[..s.len() - keep].to_vec() };
    let cases: [(&str, Vec<u8>, &str, usize); 6] = [
        (
            "— cut after 2 of its 3 bytes",
            cut(dash, 1),
            "He said it \u{FFFD}",
            2,
        ),
        (
            "— cut after 1 of its 3 bytes",
            cut(dash, 2),
            "He said it \u{FFFD}",
            1,
        ),
        (
            "中 cut after 2 of its 3 bytes",
            cut(zh, 1),
            "他来了。她走了。\u{FFFD}",
            2,
        ),
        (
            "中 cut after 1 of its 3 bytes",
            cut(zh, 2),
            "他来了。她走了。\u{FFFD}",
            1,
        ),
        (
            "😀 cut after 3 of its 4 bytes",
            cut(emoji, 1),
            "Smile \u{FFFD}",
            3,
        ),
        (
            "after a byte order mark",
            [b"\xEF\xBB\xBF".as_slice(), &cut(zh, 1)].concat(),
            "他来了。她走了。\u{FFFD}",
            2,
        ),
    ];
    for (label, bytes, want, n) in cases {
        let were = if n == 1 {
            "byte was".to_string()
        } else {
            format!("{n} bytes were")
        };
        let warning =
            format!("x.txt: ends inside a UTF-8 character; the last {were} replaced by U+FFFD");
        assert_repaired(
            label,
            &bytes,
            want,
            &[warning],
            "ends inside a UTF-8 character",
        );
    }
}

#[test]
fn utf16_without_a_byte_order_mark_in_both_orders() {
    let zh_only =
        "阿塞拜疆常驻联合国日内瓦办事处代表团谨此向联合国人权事务高级专员办事处提交声明。";
    let zh_lines = "第一段：阿塞拜疆常驻联合国日内瓦办事处代表团。\n第二段：人权理事会第四十七届会议。\n一二三四五六七八九十。\n";
    let en = "Annex to the note verbale dated 5 April 2021 from the Permanent Mission.\n";
    // (name, text, NUL bytes expected in its UTF-16)
    let cases = [
        ("English", en, true),
        ("Chinese without any ASCII (no NUL byte)", zh_only, false),
        (
            "Chinese lines (NUL bytes only in the newlines)",
            zh_lines,
            true,
        ),
        ("Chinese and English paragraphs", SAMPLE, true),
    ];
    for (label, text, nul) in cases {
        for (le, enc) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes = utf16(text, le, false);
            assert_eq!(
                bytes.contains(&0),
                nul,
                "{label} {enc}: the case tests what it says"
            );
            let d = decode_report(&bytes, "x.txt", true)
                .unwrap_or_else(|e| panic!("{label} {enc}: {e}"));
            assert_eq!((d.encoding, d.text.as_str()), (enc, text), "{label}");
            assert!(!d.bom && d.warnings.is_empty(), "{label} {enc}");
        }
    }
}

#[test]
fn utf16_without_a_byte_order_mark_that_does_not_decode_says_so() {
    let zh = "阿塞拜疆常驻联合国日内瓦办事处代表团谨此向联合国人权事务高级专员办事处提交声明。";
    let le = utf16(zh, true, false);
    let be = utf16(zh, false, false);
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("odd length", [le.as_slice(), b"x"].concat(), "UTF-16LE"),
        (
            "unpaired surrogate",
            [&le[..20], b"\x00\xD8".as_slice(), &le[20..]].concat(),
            "UTF-16LE",
        ),
        (
            "unpaired surrogate, big-endian",
            [&be[..20], b"\xDC\x00".as_slice(), &be[20..]].concat(),
            "UTF-16BE",
        ),
    ];
    for (label, bytes, enc) in cases {
        let err = decode_report(&bytes, "x.txt", false).expect_err(label);
        let msg = err.to_string();
        assert_eq!(err.kind(), ErrorKind::Decode, "{label}");
        assert!(
            msg.starts_with(&format!(
                "x.txt: looks like {enc} without a byte order mark"
            )),
            "{label}: {msg}"
        );
    }
}

/// Every sentence's file span, decoded in the file's encoding, is the sentence verbatim.
fn assert_spans_quote_the_file(label: &str, bytes: &[u8], d: &Decoded) {
    let enc = encoding_rs::Encoding::for_label(d.encoding.as_bytes()).expect("a known encoding");
    let mut n = 0;
    for part in Segmenter::new().segment_parts(&d.text, None) {
        for (k, s) in part.sentences().iter().enumerate() {
            let span = d.file_span(s.span.clone());
            let (quoted, _) = enc.decode_without_bom_handling(&bytes[span.clone()]);
            assert_eq!(
                Some(quoted.as_ref()),
                part.verbatim(k),
                "{label}: sentence {k} at {span:?}"
            );
            n += 1;
        }
    }
    assert!(n > 3, "{label}: {n} sentences");
    assert_eq!(d.file_offset(d.text.len()), bytes.len(), "{label}: the end");
}

#[test]
fn file_offsets_quote_each_sentence_from_the_file() {
    let big5_text = "繁體中文的文字。臺灣的書籍與報紙都使用這種字體。他說：“你來了？”她點點頭。\n";
    let (damaged, _) = with_bad_bytes(SAMPLE, &[10, 50], b"\xFF");
    let cases: [(&str, Vec<u8>); 8] = [
        ("UTF-8", SAMPLE.as_bytes().to_vec()),
        (
            "UTF-8 with a byte order mark",
            [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat(),
        ),
        ("damaged UTF-8", damaged),
        ("UTF-16LE with a byte order mark", utf16(SAMPLE, true, true)),
        (
            "UTF-16BE with a byte order mark",
            utf16(SAMPLE, false, true),
        ),
        ("UTF-16LE without one", utf16(SAMPLE, true, false)),
        ("GB18030", gb18030(SAMPLE)),
        ("Big5", encoding_rs::BIG5.encode(big5_text).0.into_owned()),
    ];
    for (label, bytes) in cases {
        let d = decode_report(&bytes, label, false).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_spans_quote_the_file(label, &bytes, &d);
    }
}

#[test]
fn decode_warnings_reach_the_document_and_strict_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let (zh, _) = with_bad_bytes(SAMPLE, &[10], b"\xFF");
    let zh_path = dir.path().join("zh.txt");
    std::fs::write(&zh_path, &zh).unwrap();
    let en_path = dir.path().join("en.txt");
    // Cut inside its last character, the dash.
    let en = "The minister said it — ".as_bytes();
    std::fs::write(&en_path, &en[..en.len() - 2]).unwrap();
    let mut options = Options {
        no_lexicon: true,
        ..Options::default()
    };
    let pipeline = Pipeline::new(&options).unwrap();
    let doc = pipeline.read(&zh_path, Some(&en_path)).unwrap();
    let zh_name = zh_path.display().to_string();
    let en_name = en_path.display().to_string();
    assert!(doc.warnings.len() >= 2, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].starts_with(&format!("{zh_name}: 1 invalid UTF-8 byte replaced")),
        "{:?}",
        doc.warnings
    );
    assert!(
        doc.warnings[1].starts_with(&format!("{en_name}: ends inside a UTF-8 character")),
        "{:?}",
        doc.warnings
    );
    assert!(doc.src.texts().concat().contains('\u{FFFD}'));
    // The same through Options::read_input, as the command line reads before the pipeline.
    let read = options.read_input(&zh_path).unwrap();
    assert_eq!(
        read,
        read_decoded(&zh_path, DEFAULT_MAX_INPUT_BYTES, false).unwrap()
    );
    let read_en = options.read_input(&en_path).unwrap();
    let doc2 = pipeline
        .document_decoded((&read, &zh_name), Some((&read_en, &en_name)))
        .unwrap();
    assert_eq!(doc2.warnings[..2], doc.warnings[..2]);
    // Strict: refused, naming the file.
    options.strict_decoding = true;
    let strict = Pipeline::new(&options).unwrap();
    let err = strict.read(&zh_path, Some(&en_path)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(
        err.to_string().starts_with(&format!("{zh_name}: ")),
        "{err}"
    );
    let err = options.read_input(&en_path).unwrap_err();
    assert!(
        err.to_string().contains("ends inside a UTF-8 character"),
        "{err}"
    );
    // Texts given directly are valid UTF-8: nothing to repair, nothing refused.
    assert_eq!(strict.check_text(SAMPLE, "text").unwrap(), SAMPLE);
    // A damaged dictionary is refused (dictionaries are decoded strictly).
    let dict = dir.path().join("dict.tsv");
    // One bad byte that GB18030 cannot decode either, so that it is damaged UTF-8.
    let damaged = b"father\t\xE7\x88\xB6\xE4\xBA\xB2\nmother\t\xE6\xAF\x8D\xE4\xBA\xB2\xFF\n";
    std::fs::write(&dict, damaged).unwrap();
    assert!(decode_report(damaged, "dict", false).is_ok());
    let mut lex = bialign::Lexicon::empty();
    let err = lex.add_file(&dict).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
}

proptest! {
    /// Whatever the bytes, the map to file offsets is monotone and ends at the end.
    #[test]
    fn file_offsets_are_monotone(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(d) = decode_report(&bytes, "x", false) {
            let mut last = 0;
            for (i, _) in d.text.char_indices() {
                let at = d.file_offset(i);
                prop_assert!(at >= last && at <= bytes.len());
                last = at;
            }
            prop_assert_eq!(d.file_offset(d.text.len()), bytes.len());
        }
    }

    /// Text with a few bytes damaged: when it is read as UTF-8 (without a byte order mark),
    /// the text is the lossy UTF-8 of the bytes, and the warnings say what was replaced.
    #[test]
    fn damaged_utf8_reads_as_lossy_utf8(
        s in "[a-z 中文字。，—“”]{40,120}",
        at in proptest::collection::vec(0usize..40, 1..3),
        bad in prop_oneof![Just(0xFFu8), Just(0x80u8), Just(0xC3u8)],
    ) {
        let mut at = at;
        at.sort_unstable();
        at.dedup();
        let (bytes, _) = with_bad_bytes(&s, &at, &[bad]);
        if let Ok(d) = decode_report(&bytes, "x", false) {
            if d.encoding == "UTF-8" {
                prop_assert_eq!(&d.text, &String::from_utf8_lossy(&bytes));
                prop_assert_eq!(d.replaced_bytes, at.len());
                prop_assert_eq!(d.warnings.len(), 1);
                prop_assert!(decode_report(&bytes, "x", true).is_err());
            }
        }
    }
}
