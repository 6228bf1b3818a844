//! Bytes in an encoding other than UTF-8 and UTF-16: the detector's guess, GB18030 or Big5,
//! and the map from the decoded text's offsets to the file's.

use encoding_rs::{Encoding, BIG5, GB18030, GBK};

use super::offsets::{MapBuilder, OffsetMap};
use crate::chars::is_common_in_chinese;

/// How many bytes of a non-UTF-8 input the encoding detector looks at.
const DETECT_PREFIX: usize = 4 << 20;

/// Decodes bytes that are not UTF-8: the detector's guess, then GB18030, then Big5; the first
/// that decodes cleanly wins. `Err` lists the encodings tried.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), Vec<&'static str>> {
    let guess = guess_encoding(bytes);
    // chardetng needs more text than a short Chinese file may hold: it takes `谢谢` in GBK
    // for Cyrillic. This is a Chinese-English tool, so a guess that is not a Chinese
    // encoding loses against GB18030 when GB18030 decodes cleanly into plausible Chinese.
    if guess != GBK && guess != GB18030 && guess != BIG5 {
        if let Some(s) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            if plausible_chinese(&s) {
                return Ok((s.into_owned(), GB18030));
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
            return Ok((s.into_owned(), enc));
        }
    }
    Err(tried.iter().map(|e| e.name()).collect())
}

/// Whether `bytes` decode without error as GB18030 or as Big5.
pub(crate) fn decodes_as_chinese(bytes: &[u8]) -> bool {
    [GB18030, BIG5].iter().any(|enc| {
        enc.decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
    })
}

/// The map of offsets of `text`, which is `bytes` decoded cleanly from `enc`.
pub(crate) fn offsets(bytes: &[u8], text: &str, enc: &'static Encoding) -> OffsetMap {
    let fast = if enc.is_single_byte() {
        single_byte_offsets(bytes, text)
    } else if enc == GB18030 {
        gb18030_offsets(bytes, text)
    } else {
        None
    };
    fast.unwrap_or_else(|| decoder_offsets(bytes, enc))
}

/// A single-byte encoding: every byte is one character.
fn single_byte_offsets(bytes: &[u8], text: &str) -> Option<OffsetMap> {
    let mut map = MapBuilder::starting_at(0);
    let mut n = 0usize;
    for c in text.chars() {
        map.push(c.len_utf8(), 1, 1);
        n += 1;
    }
    (n == bytes.len()).then(|| map.finish(bytes.len()))
}

/// GB18030: every byte sequence is one character, of one byte (ASCII, and 0x80 for the
/// euro sign), four (a lead byte then a digit) or two.
fn gb18030_offsets(bytes: &[u8], text: &str) -> Option<OffsetMap> {
    let mut map = MapBuilder::starting_at(0);
    let mut at = 0usize;
    for c in text.chars() {
        let lead = *bytes.get(at)?;
        let len = if lead <= 0x80 {
            1
        } else if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            4
        } else {
            2
        };
        map.push(c.len_utf8(), len, 1);
        at += len;
    }
    (at == bytes.len()).then(|| map.finish(bytes.len()))
}

/// Any encoding: the decoder fed one byte at a time; a byte after which text came out ends
/// a unit.
fn decoder_offsets(bytes: &[u8], enc: &'static Encoding) -> OffsetMap {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut map = MapBuilder::starting_at(0);
    let mut buf = [0u8; 64];
    let mut consumed = 0usize;
    for (i, b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        // The bytes decoded cleanly before, so the result is never `Malformed`; one byte
        // never fills the buffer.
        let (_, _, written) =
            decoder.decode_to_utf8_without_replacement(std::slice::from_ref(b), &mut buf, last);
        consumed += 1;
        if written > 0 {
            map.push(written, consumed, 1);
            consumed = 0;
        }
    }
    map.push(0, consumed, 1);
    map.finish(bytes.len())
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

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, ISO_2022_JP, SHIFT_JIS, WINDOWS_1252};

    /// For every encoding, the offsets of each character's start are those of its bytes:
    /// decoding the bytes from there to the next character's start gives that character.
    #[test]
    fn offsets_point_at_each_characters_bytes() {
        let cases: [(&str, &'static Encoding, &str); 6] = [
            ("gb18030", GB18030, "中文 text, 𠀀 and € 2021年"),
            ("big5", BIG5, "繁體中文 text, 臺灣"),
            ("windows-1252", WINDOWS_1252, "café — naïve"),
            ("shift_jis", SHIFT_JIS, "日本語のテキスト abc"),
            ("euc-jp", EUC_JP, "日本語 text"),
            ("iso-2022-jp", ISO_2022_JP, "abc日本語def"),
        ];
        for (label, enc, text) in cases {
            let (bytes, _, bad) = enc.encode(text);
            assert!(!bad, "{label}");
            let map = offsets(&bytes, text, enc);
            assert_eq!(
                map,
                decoder_offsets(&bytes, enc),
                "{label}: fast and slow paths"
            );
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            for (k, &i) in starts.iter().enumerate() {
                let end = starts.get(k + 1).map_or(text.len(), |&j| j);
                let span = map.file_span(i..end);
                let c = &text[i..end];
                if enc == ISO_2022_JP {
                    // Escapes switch the state: check that the span holds the character.
                    assert!(span.end > span.start, "{label}: {c}");
                    continue;
                }
                let (got, bad) = enc.decode_without_bom_handling(&bytes[span.clone()]);
                assert!(!bad, "{label}: {c} at {span:?}");
                assert_eq!(got, c, "{label}");
            }
            assert_eq!(map.file_offset(text.len()), bytes.len(), "{label}");
        }
    }
}
