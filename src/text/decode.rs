//! Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark
//! (and plain-ASCII-heavy UTF-16 without one), GB18030/GBK and Big5; binary data is refused.
//!
//! The rules, in order:
//!
//! 1. Empty input is the empty string.
//! 2. A UTF-8 byte order mark (`EF BB BF`) is stripped and the rest must be valid UTF-8.
//! 3. A UTF-16 byte order mark (`FF FE` little-endian, `FE FF` big-endian) selects UTF-16;
//!    the rest must be well-formed UTF-16 without NUL characters.
//! 4. Without a byte order mark, a NUL byte means binary data, except when the NUL bytes all
//!    sit at odd (or all at even) offsets and make up at least a quarter of the code units:
//!    that is UTF-16 without a byte order mark (mostly ASCII text), decoded as such.
//! 5. Valid UTF-8 is taken as UTF-8.
//! 6. Otherwise the encoding is guessed with `chardetng`; the guess is accepted if it decodes
//!    without a single error, else GB18030 (a superset of GBK and GB2312), else Big5. If none
//!    decodes cleanly the input is refused.
//!
//! Whatever the encoding, a text in which more than 5% of the characters are control
//! characters is refused as binary data. Control characters that occur in real text files
//! are not counted: tab, line feed, vertical tab, form feed, carriage return and next line,
//! and also escape (terminal colour codes), backspace (overstruck text), bell and
//! substitute (the DOS end-of-file mark). Random bytes without NUL still have about 10% of
//! counted control characters, so they are refused.

use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE};

use crate::chars::{is_binary_control, is_common_in_chinese};
use crate::{Error, Result};

/// The default largest input accepted by [`read_text`]: 1 GiB.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// The name used in messages for standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// How many bytes of a non-UTF-8 input the encoding detector looks at.
const DETECT_PREFIX: usize = 4 << 20;

/// Decodes `bytes` to a string; `name` (a file name, or `<stdin>`) is used in error messages.
///
/// See the [module documentation](self) for the rules. Never panics.
///
/// # Errors
///
/// A [`Decode`](crate::ErrorKind::Decode) error, naming `name`, when the bytes are binary data
/// or cannot be decoded in any supported encoding.
pub fn decode(bytes: &[u8], name: &str) -> Result<String> {
    if bytes.is_empty() {
        return Ok(String::new());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => checked(s.to_string(), name),
            Err(e) => Err(Error::decode(
                name,
                format!(
                    "invalid UTF-8 at byte offset {} after a UTF-8 byte order mark",
                    e.valid_up_to() + 3
                ),
            )),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, UTF_16LE, 2, name);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, UTF_16BE, 2, name);
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        if let Some(enc) = bomless_utf16(bytes) {
            if let Ok(s) = decode_utf16(bytes, enc, 0, name) {
                return Ok(s);
            }
        }
        return Err(binary_nul(name, nul));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => checked(s.to_string(), name),
        Err(e) => decode_legacy(bytes, e.valid_up_to(), name),
    }
}

/// Reads and decodes a text file, or standard input when `path` is `-`.
///
/// Refuses directories, inputs larger than `limit` bytes (checked on the file's metadata
/// before reading, and while reading, so that standard input and growing files are bounded
/// too) and anything [`decode`] refuses. Standard input is read only up to one byte past the
/// limit, so the size its error reports is that of what was read (the limit plus one).
///
/// # Errors
///
/// [`Io`](crate::ErrorKind::Io) when the file cannot be opened or read or is a directory,
/// [`TooLarge`](crate::ErrorKind::TooLarge) above the limit,
/// [`Decode`](crate::ErrorKind::Decode) when the bytes are not text. Every message names the
/// path.
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    let bytes = read_bytes(path, limit)?;
    let name = if path.as_os_str() == "-" {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    };
    decode(&bytes, &name)
}

/// Reads the raw bytes of a file (or standard input for `-`), enforcing `limit`.
fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        let lock = stdin.lock();
        return read_limited(lock, STDIN_NAME, limit, 0);
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::io(path, std::io::Error::other("is a directory")));
    }
    if meta.len() > limit {
        return Err(Error::too_large(path, meta.len(), limit));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let hint = usize::try_from(meta.len()).unwrap_or(0);
    read_limited(file, &path.display().to_string(), limit, hint)
}

/// Reads at most `limit` bytes from `reader`; more than that is a `TooLarge` error.
fn read_limited(reader: impl Read, name: &str, limit: u64, hint: usize) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(hint.saturating_add(1));
    let mut taken = reader.take(limit.saturating_add(1));
    taken
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(name, e))?;
    let len = buf.len() as u64;
    if len > limit {
        // For a stream only a lower bound of the size is known.
        return Err(Error::too_large(name, len, limit));
    }
    Ok(buf)
}

/// Decodes UTF-16 `data` (without its byte order mark, which was `bom_len` bytes long).
fn decode_utf16(data: &[u8], enc: &'static Encoding, bom_len: usize, name: &str) -> Result<String> {
    for (i, pair) in data.chunks_exact(2).enumerate() {
        if pair == [0, 0] {
            return Err(binary_nul(name, bom_len + 2 * i));
        }
    }
    if data.len() % 2 == 1 {
        return Err(Error::decode(
            name,
            format!(
                "invalid {}: odd number of bytes ({})",
                enc.name(),
                data.len() + bom_len
            ),
        ));
    }
    match enc.decode_without_bom_handling_and_without_replacement(data) {
        Some(s) => checked(s.into_owned(), name),
        None => Err(Error::decode(
            name,
            format!("invalid {} (unpaired surrogate), not text", enc.name()),
        )),
    }
}

/// UTF-16 without a byte order mark: even length, all NUL bytes at odd offsets
/// (little-endian) or all at even offsets (big-endian), at least a quarter of the code units
/// having one.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() % 2 == 1 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = bytes.len() / 2;
    if even == 0 && odd * 4 >= units {
        Some(UTF_16LE)
    } else if odd == 0 && even * 4 >= units {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes bytes that are not UTF-8 (`utf8_error_at` is the offset of the first invalid
/// byte): the detector's guess, then GB18030, then Big5; the first that decodes cleanly wins.
fn decode_legacy(bytes: &[u8], utf8_error_at: usize, name: &str) -> Result<String> {
    let guess = guess_encoding(bytes);
    // chardetng needs more text than a short Chinese file may hold: it takes `谢谢` in GBK
    // for Cyrillic. This is a Chinese-English tool, so a guess that is not a Chinese
    // encoding loses against GB18030 when GB18030 decodes cleanly into plausible Chinese.
    if guess != GBK && guess != GB18030 && guess != BIG5 {
        if let Some(s) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            if plausible_chinese(&s) {
                return checked(s.into_owned(), name);
            }
        }
    }
    let mut tried: Vec<&'static Encoding> = Vec::with_capacity(3);
    for enc in [guess, GB18030, BIG5] {
        // The GBK decoder is the GB18030 decoder; try it once.
        let enc = if enc == GBK { GB18030 } else { enc };
        if tried.contains(&enc) {
            continue;
        }
        tried.push(enc);
        if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return checked(s.into_owned(), name);
        }
    }
    Err(Error::decode(
        name,
        format!(
            "not text: invalid UTF-8 at byte offset {utf8_error_at}, and not decodable as {} either",
            tried
                .iter()
                .map(|e| e.name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

/// Whether at least 90% of the non-ASCII characters of `s` are common Chinese characters
/// (the CJK Unified Ideographs block), CJK or full-width punctuation, or the general
/// punctuation used in Chinese text.
fn plausible_chinese(s: &str) -> bool {
    let (mut non_ascii, mut common) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if is_common_in_chinese(c) {
            common += 1;
        }
    }
    non_ascii > 0 && common * 10 >= non_ascii * 9
}

/// The encoding `chardetng` guesses from (a prefix of) the bytes.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    if bytes.len() <= DETECT_PREFIX {
        det.feed(bytes, true);
    } else {
        // Cut the prefix after an ASCII byte so that no character is cut in two.
        let prefix = &bytes[..DETECT_PREFIX];
        let cut = prefix
            .iter()
            .rposition(|&b| b < 0x80)
            .map_or(DETECT_PREFIX, |i| i + 1);
        det.feed(&bytes[..cut], true);
    }
    det.guess(None, false)
}

/// The error for a NUL byte at `offset`.
fn binary_nul(name: &str, offset: usize) -> Error {
    Error::decode(
        name,
        format!("binary data (NUL byte at offset {offset}), not text"),
    )
}

/// Refuses decoded text with a high share of control characters.
fn checked(s: String, name: &str) -> Result<String> {
    let mut total = 0usize;
    let mut control = 0usize;
    let mut first = None;
    for (i, c) in s.char_indices() {
        total += 1;
        if is_binary_control(c) {
            control += 1;
            if first.is_none() {
                first = Some((i, c));
            }
        }
    }
    if control > 0 && control * 20 > total {
        let detail = first
            .map(|(i, c)| format!(", the first U+{:04X} at offset {i}", c as u32))
            .unwrap_or_default();
        return Err(Error::decode(
            name,
            format!("binary data ({control} of {total} characters are control characters{detail}), not text"),
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const SAMPLE: &str = "第一段：中文文本，包括标点。\n\nSecond paragraph, in English.\n";

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for u in s.encode_utf16() {
            let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn decodes_encodings() {
        let gb = GB18030.encode(SAMPLE).0.into_owned();
        let big5 = BIG5
            .encode("繁體中文的文字，臺灣的書籍與報紙都使用這種字體。")
            .0
            .into_owned();
        let cases: Vec<(&str, Vec<u8>, String)> = vec![
            ("empty", vec![], String::new()),
            ("ascii", b"hello\n".to_vec(), "hello\n".into()),
            ("utf8", SAMPLE.as_bytes().to_vec(), SAMPLE.into()),
            (
                "utf8 bom stripped",
                [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat(),
                SAMPLE.into(),
            ),
            ("utf8 bom only", b"\xEF\xBB\xBF".to_vec(), String::new()),
            ("utf16le bom", utf16(SAMPLE, true, true), SAMPLE.into()),
            ("utf16be bom", utf16(SAMPLE, false, true), SAMPLE.into()),
            ("utf16le bom only", b"\xFF\xFE".to_vec(), String::new()),
            (
                "utf16le no bom ascii",
                utf16("Plain English text.\n", true, false),
                "Plain English text.\n".into(),
            ),
            (
                "utf16be no bom ascii",
                utf16("Plain English text.\n", false, false),
                "Plain English text.\n".into(),
            ),
            ("gb18030", gb, SAMPLE.into()),
            (
                "big5",
                big5,
                "繁體中文的文字，臺灣的書籍與報紙都使用這種字體。".into(),
            ),
            (
                "form feed and tabs are text",
                b"a\tb\x0cc\r\n".to_vec(),
                "a\tb\x0cc\r\n".into(),
            ),
            (
                "terminal colours, overstrike, bell and DOS end of file are text",
                b"\x1b[1mbold\x1b[0m _\x08a\x07\x1a".to_vec(),
                "\u{1b}[1mbold\u{1b}[0m _\u{8}a\u{7}\u{1a}".into(),
            ),
        ];
        for (label, bytes, want) in cases {
            match decode(&bytes, "f.txt") {
                Ok(got) => assert_eq!(got, want, "{label}"),
                Err(e) => panic!("{label}: {e}"),
            }
        }
    }

    #[test]
    fn refuses_binary() {
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            (
                "png header",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec(),
                "NUL byte at offset 8",
            ),
            ("nul in ascii", b"abc\0def".to_vec(), "NUL byte at offset 3"),
            (
                "controls",
                b"\x01\x02\x03\x04 some text".to_vec(),
                "control characters",
            ),
            (
                "nul in utf16",
                [b"\xFF\xFE".as_slice(), b"a\0\0\0b\0"].concat(),
                "NUL byte at offset 4",
            ),
            ("odd utf16", b"\xFF\xFEa\0b".to_vec(), "odd number of bytes"),
            (
                "unpaired surrogate",
                b"\xFF\xFE\x00\xD8a\0".to_vec(),
                "unpaired surrogate",
            ),
            (
                "bad utf8 after bom",
                b"\xEF\xBB\xBFab\xFF".to_vec(),
                "invalid UTF-8 at byte offset 5",
            ),
        ];
        for (label, bytes, part) in cases {
            match decode(&bytes, "bin.dat") {
                Ok(s) => panic!("{label}: decoded as {s:?}"),
                Err(e) => {
                    let msg = e.to_string();
                    assert_eq!(e.kind(), ErrorKind::Decode, "{label}: {msg}");
                    assert!(msg.starts_with("bin.dat: "), "{label}: {msg}");
                    assert!(msg.contains(part), "{label}: {msg}");
                    assert!(!msg.contains('\n'), "{label}: {msg}");
                }
            }
        }
    }

    #[test]
    fn random_bytes_without_nul_are_refused() {
        // A simple deterministic generator; all byte values but 0.
        let mut x: u32 = 0x1234_5678;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x % 255) as u8 + 1
            })
            .collect();
        let err = decode(&bytes, "rand.bin").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    }

    #[test]
    fn short_gbk_is_chinese() {
        // (Some GBK byte strings are also valid UTF-8, such as `谢谢` = `лл`: those are
        // taken as UTF-8, and no rule can tell.)
        for s in ["中文", "你好，世界。", "第一章", "人权理事会"] {
            let gb = GBK.encode(s).0.into_owned();
            assert_eq!(decode(&gb, "x").unwrap(), s, "{s}");
        }
    }

    #[test]
    fn latin1_text_is_accepted() {
        let bytes = b"caf\xE9 au lait, na\xEFve r\xE9sum\xE9.\n";
        assert_eq!(decode(bytes, "x").unwrap(), "café au lait, naïve résumé.\n");
    }
}
