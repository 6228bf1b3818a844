//! Hostile inputs shared by the library's tests (`tests/it/hostile.rs`) and the command
//! line's (`cli/tests/it/hostile.rs`, which includes this file with `#[path]`): two small
//! documents, UTF-16 and GB18030 encoders, a million-line mixed document, and a folder of
//! hostile samples generated here (never committed as binaries).
//!
//! Only `std` and `encoding_rs`, which both test crates have, may be used here.

use std::path::{Path, PathBuf};

/// A short Chinese document: two paragraphs, four sentences.
pub const ZH_DOC: &str = "我父亲是一个医生。他每天早上去医院。\n\n今天下雨了，我们没有出门。\
                      她说：“你来了？”\n";
/// Its English translation.
pub const EN_DOC: &str = "My father is a doctor. He goes to the hospital every morning.\n\n\
                      It rained today and we did not go out. She said: \"You came?\"\n";

/// A German document of two paragraphs, with enough function words to be told from French
/// (`Lang::identify`).
#[allow(dead_code)]
pub const DE_DOC: &str =
    "Der Hund schläft im Haus, und die Katze trinkt das Wasser.\n\nDer Vogel singt in dem Garten.\n";

/// The French translation of [`DE_DOC`].
#[allow(dead_code)]
pub const FR_DOC: &str =
    "Le chien dort dans la maison, et le chat boit de l'eau.\n\nL'oiseau chante dans le jardin.\n";

/// `s` in UTF-16, little or big endian, with or without a byte order mark.
pub fn utf16(s: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little_endian {
            b"\xFF\xFE"
        } else {
            b"\xFE\xFF"
        });
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

/// `s` in GB18030.
pub fn gb18030(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(s);
    assert!(!unmappable, "GB18030 encodes all of Unicode");
    bytes.into_owned()
}

/// A document of `lines` lines, Chinese and English paragraphs alternating (every line
/// ends with a full stop, and a blank line follows every 7th).
pub fn mixed_lines(lines: usize) -> Vec<u8> {
    let mut s = String::with_capacity(lines * 24);
    for i in 0..lines {
        if (i / 7) % 2 == 0 {
            s.push_str(&format!("第{i}行。\n"));
        } else {
            s.push_str(&format!("Line {i} ends.\n"));
        }
        if i % 7 == 6 {
            s.push('\n');
        }
    }
    s.into_bytes()
}

/// Writes the hostile samples into `dir` and returns their paths.
pub fn write_hostile_samples(dir: &Path) -> Vec<PathBuf> {
    let mut samples: Vec<(&str, Vec<u8>)> = Vec::new();
    let zh = ZH_DOC.as_bytes();
    let long_zh = ZH_DOC.repeat(20);
    // Truncated UTF-8: a multi-byte character cut at the end, and in the middle.
    samples.push(("truncated-utf8-end.txt", zh[..zh.len() - 2].to_vec()));
    samples.push(("truncated-utf8-middle.txt", [&zh[..4], &zh[6..]].concat()));
    // UTF-16 with lone surrogates (high, low, at the end).
    let lone = |before: &str, le: bool, unit: u16, after: &str| -> Vec<u8> {
        let unit = if le {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        [
            utf16(before, le, true),
            unit.to_vec(),
            utf16(after, le, false),
        ]
        .concat()
    };
    samples.push(("utf16-lone-high.txt", lone("他来了", true, 0xD83D, "。")));
    samples.push(("utf16-lone-low.txt", lone("He came", false, 0xDE00, ".")));
    samples.push(("utf16-high-at-end.txt", lone("abc", true, 0xD83D, "")));
    samples.push(("utf16-no-bom-odd.txt", {
        let mut v = utf16("Plain text here.", true, false);
        v.push(b'x');
        v
    }));
    // Byte order marks alone, doubled, and mismatched.
    samples.push(("bom-utf8-only.txt", b"\xEF\xBB\xBF".to_vec()));
    samples.push(("bom-utf16le-only.txt", b"\xFF\xFE".to_vec()));
    samples.push(("bom-utf16be-only.txt", b"\xFE\xFF".to_vec()));
    samples.push((
        "bom-twice.txt",
        [b"\xEF\xBB\xBF\xEF\xBB\xBF".as_slice(), zh].concat(),
    ));
    samples.push((
        "bom-utf16-then-utf8.txt",
        [b"\xFF\xFE".as_slice(), zh].concat(),
    ));
    // NUL bytes.
    samples.push(("nul-only.txt", vec![0; 1000]));
    samples.push(("nul-in-text.txt", [zh, b"\0", zh].concat()));
    samples.push(("nul-at-end.txt", [zh, b"\0"].concat()));
    // Giant lines.
    samples.push(("giant-line-zh.txt", "字".repeat(60_000).into_bytes()));
    samples.push(("giant-line-en.txt", "word ".repeat(20_000).into_bytes()));
    samples.push(("giant-word.txt", "x".repeat(100_000).into_bytes()));
    samples.push(("giant-line-stops.txt", "。".repeat(50_000).into_bytes()));
    samples.push(("giant-line-dots.txt", ". ".repeat(50_000).into_bytes()));
    // Only punctuation.
    samples.push((
        "only-punct-zh.txt",
        "。，、；：？！“”‘’《》（）【】……——\n"
            .repeat(500)
            .into_bytes(),
    ));
    samples.push((
        "only-punct-en.txt",
        ".,;:?!\"'()[]{}...--\n".repeat(500).into_bytes(),
    ));
    // Deep nesting of quotes and brackets, balanced and not.
    samples.push((
        "deep-brackets.txt",
        format!(
            "{}中{}。",
            "（“《【「".repeat(5_000),
            "」】》”）".repeat(5_000)
        )
        .into_bytes(),
    ));
    samples.push((
        "unbalanced-open.txt",
        "《（“他说".repeat(12_000).into_bytes(),
    ));
    samples.push((
        "unbalanced-close.txt",
        "”）》。".repeat(12_000).into_bytes(),
    ));
    samples.push((
        "deep-ascii.txt",
        format!("{}x{}.", "(\"[{'".repeat(5_000), "'}]\")".repeat(5_000)).into_bytes(),
    ));
    // Blank lines.
    samples.push(("blank-lines.txt", "\n".repeat(100_000).into_bytes()));
    samples.push((
        "blank-lines-between.txt",
        format!("第一句。{}第二句。", "\r\n".repeat(100_000)).into_bytes(),
    ));
    samples.push(("only-spaces.txt", " \t\u{3000}".repeat(20_000).into_bytes()));
    // Bidirectional controls and marks.
    samples.push((
        "rtl-marks.txt",
        "\u{202e}他说\u{202c}\u{200f}。\u{200e}He said\u{2067}.\u{2069} مرحبا بالعالم.\n"
            .repeat(200)
            .into_bytes(),
    ));
    // Combining characters: long runs on one base, and on none.
    samples.push((
        "combining.txt",
        format!(
            "a{}. 中{}。\u{301}\u{302}\n",
            "\u{301}".repeat(20_000),
            "\u{302}".repeat(20_000)
        )
        .into_bytes(),
    ));
    samples.push((
        "zalgo.txt",
        "Z\u{336}\u{30c}\u{351}a\u{335}\u{308}l\u{337}g\u{334}o\u{338}. "
            .repeat(2_000)
            .into_bytes(),
    ));
    // Mixed encodings in one file: UTF-8 then GB18030 then UTF-16.
    samples.push((
        "mixed-encodings.txt",
        [zh, &gb18030(ZH_DOC), &utf16(EN_DOC, true, false)].concat(),
    ));
    samples.push(("utf8-then-gbk.txt", [zh, &gb18030(&long_zh)].concat()));
    samples.push((
        "latin1.txt",
        b"caf\xE9 na\xEFve r\xE9sum\xE9. Stra\xDFe.\n".repeat(100),
    ));
    // Random bytes, with and without NUL; every byte value.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = |n: usize, nul: bool| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let b = (x >> 32) as u8;
                if nul || b != 0 {
                    b
                } else {
                    1
                }
            })
            .collect()
    };
    samples.push(("random.bin", rnd(20_000, true)));
    samples.push(("random-no-nul.bin", rnd(20_000, false)));
    samples.push(("all-bytes.bin", (0..=255u8).cycle().take(4096).collect()));
    samples.push((
        "high-bytes.bin",
        (0x80..=0xFFu8).cycle().take(4096).collect(),
    ));
    // Control characters, line separators, odd whitespace.
    samples.push((
        "controls-sparse.txt",
        format!("{long_zh}\u{1b}[31m\u{7}\u{8}\u{7f}\u{1a}").into_bytes(),
    ));
    samples.push((
        "separators.txt",
        "句子一。\u{2028}句子二。\u{2029}Sentence three.\u{85}Sentence four.\u{b}\u{c}"
            .repeat(300)
            .into_bytes(),
    ));
    samples.push((
        "cr-only.txt",
        EN_DOC.replace('\n', "\r").repeat(50).into_bytes(),
    ));
    // Noncharacters, private use, replacement characters, surrogate-like escapes.
    samples.push((
        "nonchars.txt",
        "\u{FFFE}\u{FFFF}\u{FDD0}\u{E000}\u{F8FF}\u{FFFD}\u{10FFFF}。\u{1F600}.\n"
            .repeat(500)
            .into_bytes(),
    ));
    samples.push(("ext-b-only.txt", "𠀀𠀁𠀂𪚥𠮷。".repeat(1_000).into_bytes()));
    samples.push(("emoji-only.txt", "👨‍👩‍👧‍👦🇨🇳👍🏽❤️‍🔥. ".repeat(3_000).into_bytes()));
    // Text that looks like alignment files, for `eval`.
    samples.push((
        "ids-good.align",
        b"[0]:[0]\n[1,2]:[1]\n[]:[2]\n[3]:[]\n".to_vec(),
    ));
    samples.push((
        "ids-huge-bead.align",
        format!(
            "[{}]:[{}]\n",
            (0..20_000)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(","),
            (0..20_000)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )
        .into_bytes(),
    ));
    samples.push((
        "ids-shared-id.align",
        (0..5_000)
            .map(|i| format!("[0]:[{i}]\n"))
            .collect::<String>()
            .into_bytes(),
    ));
    samples.push((
        "ids-overflow.align",
        b"[18446744073709551616]:[0]\n".to_vec(),
    ));
    samples.push((
        "ids-max.align",
        b"[18446744073709551615]:[18446744073709551615]\n".to_vec(),
    ));
    samples.push((
        "ids-garbage.align",
        b"[0:[1]\n:\n[]:[]:[]\n[-1]:[0]\n[a]:[b]\n".to_vec(),
    ));
    samples.push((
        "ids-empty-beads.align",
        b"[]:[]\n[ ]:[ ]\n[,]:[,]\n".to_vec(),
    ));
    let mut paths = Vec::new();
    for (name, bytes) in samples {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("sample written");
        paths.push(path);
    }
    paths
}

/// `text`'s UTF-8 bytes with `bad` inserted before each of the characters numbered in `at`
/// (ascending), and the text that decoding them as damaged UTF-8 gives: U+FFFD in each place.
pub fn with_bad_bytes(text: &str, at: &[usize], bad: &[u8]) -> (Vec<u8>, String) {
    let (mut bytes, mut want) = (Vec::new(), String::new());
    for (k, c) in text.chars().enumerate() {
        if at.contains(&k) {
            bytes.extend_from_slice(bad);
            want.push('\u{FFFD}');
        }
        let mut buf = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        want.push(c);
    }
    (bytes, want)
}
