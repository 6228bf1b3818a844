//! Decoding: every supported encoding gives the same text, binary data and I/O errors are
//! refused naming the file, the size limit holds, and arbitrary bytes never panic.

use std::io::Write;

use bialign::text::decode::{decode, read_text, DEFAULT_MAX_INPUT_BYTES};
use bialign::text::normalize::{normalize, normalize_lines};
use bialign::ErrorKind;
use proptest::prelude::*;

use crate::common::samples::utf16;

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
