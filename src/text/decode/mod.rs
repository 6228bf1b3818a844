//! Bytes to text: UTF-8 (with or without a byte order mark, damaged or not), UTF-16 (with a
//! byte order mark or without, in either byte order), GB18030/GBK and Big5; binary data is
//! refused. The encoding is chosen only on strong evidence, and what decoding had to repair
//! is reported, never done silently.
//!
//! The rules, in order:
//!
//! 1. Empty input is the empty string.
//! 2. A UTF-8 byte order mark (`EF BB BF`) is stripped and the rest is UTF-8: valid, or
//!    damaged as rule 6 allows (then repaired with a warning); any other damage is refused.
//! 3. A UTF-16 byte order mark (`FF FE` little-endian, `FE FF` big-endian) selects UTF-16;
//!    the rest must be well-formed UTF-16 without NUL characters.
//! 4. Without a byte order mark, a NUL byte means binary data, unless the bytes look like
//!    UTF-16 without a byte order mark by either of two rules on the bytes at even and at
//!    odd offsets (one of which holds the high bytes of the code units):
//!    * *NUL high bytes* (English or mixed text): an even number of bytes, at least a quarter of the code units have
//!      a NUL byte at one parity, and the other parity has at most an eighth as many (the
//!      low bytes of characters such as 一 U+4E00);
//!    * *Chinese high bytes* (Chinese text, whose only NUL bytes are those of its ASCII
//!      characters and newlines): at least 32 code units; in one byte order at least 90% of
//!      them are ASCII or common in Chinese text (ideographs, CJK and full-width
//!      punctuation), at least 30 points more than in the other order (8-bit text read two
//!      bytes at a time looks like ideographs in both orders); at least a quarter are
//!      ideographs, of which at least a quarter have a low byte of 0x80 or more (the low
//!      bytes of real ideographs spread over all values, ASCII pairs' do not) and at least
//!      a quarter are below U+8000, where the most frequent Chinese characters are
//!      (Shift_JIS read two bytes at a time has its lead bytes 0x88-0x9F as high bytes).
//!      Measured on the same 1.2 million characters as rule 6: no window of 32 code units or
//!      more of GB18030, Big5, UTF-8, Shift_JIS, EUC-KR, EUC-JP, English or Latin-1 text
//!      passes; all 200-character windows of the Chinese in UTF-16 do (95% of those of 16).
//!
//!    Such bytes are decoded as UTF-16, or refused with a message that says they look like
//!    UTF-16 without a byte order mark when they do not decode (odd length, unpaired
//!    surrogate).
//! 5. Valid UTF-8 is taken as UTF-8.
//! 6. **Damaged UTF-8** is taken as UTF-8, each invalid sequence replaced by U+FFFD, with a
//!    warning that gives the number of invalid bytes and the offset of the first, when
//!    either
//!    * the only damage is a character cut short at the very end (a file cut inside its last
//!      character: the rest is valid UTF-8, which rule 5 would take as such), or
//!    * the valid multi-byte sequences number at least [`MIN_VALID_PER_INVALID`] (10) times
//!      the invalid bytes. On 1.2 million characters of Chinese (the mac-dev and Bible
//!      evaluation texts) encoded in GB18030, the valid UTF-8 sequences that occur by chance
//!      number 0.25 per invalid byte on average (Big5: 0.11, Shift_JIS and EUC-KR: 0.11);
//!      in 100,000 random windows of 8 characters or more never more than 2.5, in windows of
//!      4 to 6 characters at most 5 (one invalid byte among 5 lucky characters). Ten is
//!      twice the worst of those and 40 times the average; it lets a Chinese text of 100
//!      characters carry up to 10 bad bytes, and implies at most one bad byte in 20; or
//!    * the valid multi-byte sequences are at least as many as the invalid bytes and the
//!      bytes decode cleanly neither as GB18030 nor as Big5 (an English text with a few
//!      dashes and quotes and one bad byte, which ten to one would leave to windows-1252 and
//!      `—` would become `â€”`). With the Chinese encodings ruled out, what is left are the
//!      single-byte ones, in which a valid multi-byte UTF-8 sequence is an accented letter
//!      followed by one or two of 0x80-0xBF (`Ã©`, `â€”`: UTF-8 misread), not text: in 18 MB
//!      of French, German, Spanish, Portuguese, Italian, Polish, Czech and Turkish messages
//!      (the system's translations) in their Windows code pages there are 67 such sequences
//!      per 646,000 invalid bytes, and at most 0.22 per invalid byte in any window of 200
//!      or 1,000 bytes, so one to one is still five times the worst.
//!
//!    With strict decoding ([`decode_report`]'s `strict`) damaged UTF-8 is an error instead.
//! 7. Bytes that look like Chinese UTF-16 without a byte order mark (rule 4's second rule)
//!    are decoded as such, or refused saying so.
//! 8. Otherwise the encoding is guessed with `chardetng`; the guess is accepted if it decodes
//!    without a single error, else GB18030 (a superset of GBK and GB2312), else Big5. If none
//!    decodes cleanly the input is refused.
//!
//! Whatever the encoding, a text in which more than 5% of the characters are control
//! characters is refused as binary data. Control characters that occur in real text files
//! are not counted: tab, line feed, vertical tab, form feed, carriage return and next line,
//! and also escape (terminal colour codes), backspace (overstruck text), bell and
//! substitute (the DOS end-of-file mark). Random bytes without NUL still have about 10% of
//! counted control characters, so they are refused.
//!
//! The trade-off of rule 6's first case: a Latin-1 file whose only non-ASCII byte is an
//! accented letter at its very end, without a final newline (`caf\xE9`), reads as UTF-8 cut
//! short (`caf\u{FFFD}`, with a warning) rather than as Latin-1.

mod legacy;
mod offsets;
mod utf16;
mod utf8;

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use crate::chars::is_binary_control;
use crate::text::Block;
use crate::{Error, Result};
use offsets::OffsetMap;
use utf16::{Order, Utf16Error};
use utf8::Utf8Evidence;

/// The default largest input accepted by [`read_text`]: 1 GiB.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// The name used in messages for standard input.
pub const STDIN_NAME: &str = "<stdin>";

/// Damaged UTF-8 is read as UTF-8 (with replacement characters and a warning) when its valid
/// multi-byte sequences number at least this many times its invalid bytes (see rule 6 of the
/// [module documentation](self) for why ten).
pub const MIN_VALID_PER_INVALID: usize = 10;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decoded text, with the encoding it was in, what decoding had to repair, and where each of
/// its characters is in the bytes as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without its byte order mark.
    pub text: String,
    /// The encoding, as `encoding_rs` names it: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `gb18030`,
    /// `Big5`, `windows-1252`, ...
    pub encoding: &'static str,
    /// Whether the bytes began with a byte order mark (not part of [`Decoded::text`]).
    pub bom: bool,
    /// How many invalid bytes were replaced by U+FFFD (damaged UTF-8 only; 0 otherwise).
    pub replaced_bytes: usize,
    /// What decoding repaired, one line each, naming the input (`zh.txt: 3 invalid UTF-8
    /// bytes replaced by U+FFFD, the first at byte 1234`). Empty unless something was.
    pub warnings: Vec<String>,
    offsets: OffsetMap,
    /// For a document read by [`crate::read`]: what each paragraph is.
    blocks: Option<Vec<Block>>,
}

impl Decoded {
    /// Text that was its bytes unchanged (valid UTF-8 without a byte order mark).
    fn utf8(text: String) -> Decoded {
        let offsets = OffsetMap::identity(text.len());
        Decoded {
            text,
            encoding: "UTF-8",
            bom: false,
            replaced_bytes: 0,
            warnings: Vec::new(),
            offsets,
            blocks: None,
        }
    }

    /// The text of a document's paragraphs (separated by blank lines), one [`Block`] each.
    /// Its offsets are offsets into this text: a document's bytes are not its text.
    pub(crate) fn of_document(text: String, blocks: Vec<Block>, warnings: Vec<String>) -> Decoded {
        Decoded {
            blocks: Some(blocks),
            warnings,
            ..Decoded::utf8(text)
        }
    }

    /// For a document read by one of the readers of [`crate::read`], what each of its
    /// paragraphs is (one [`Block`] per paragraph of the text, in order); `None` for plain
    /// text.
    pub fn blocks(&self) -> Option<&[Block]> {
        self.blocks.as_deref()
    }

    /// The offset in the bytes as given (byte order mark included, in the original
    /// encoding) of offset `at` of [`Decoded::text`]. The end of the text is the end of the
    /// bytes; an offset that is not the start of a character's bytes (inside a character, or
    /// between two characters that one byte sequence decodes to) gives the start of those
    /// bytes.
    ///
    /// ```
    /// use bialign::text::decode::decode_report;
    ///
    /// let gb = b"\xD6\xD0\xCE\xC4 text"; // "中文 text" in GBK
    /// let d = decode_report(gb, "gb.txt", false)?;
    /// assert_eq!((d.text.as_str(), d.encoding), ("中文 text", "gb18030"));
    /// assert_eq!(d.file_offset(3), 2); // 文
    /// assert_eq!(d.file_span(7..11), 5..9); // text
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn file_offset(&self, at: usize) -> usize {
        self.offsets.file_offset(at)
    }

    /// [`Decoded::file_offset`] of both ends of `span`.
    pub fn file_span(&self, span: Range<usize>) -> Range<usize> {
        self.offsets.file_span(span)
    }
}

/// Decodes `bytes` to text, with the encoding, what decoding repaired and the map of its
/// offsets to the bytes'; `name` (a file name, or `<stdin>`) is used in messages.
///
/// See the [module documentation](self) for the rules. With `strict`, damaged UTF-8 (which
/// is otherwise repaired with a warning) is an error. Never panics.
///
/// ```
/// use bialign::text::decode::decode_report;
///
/// let cut = "He said — and".as_bytes();
/// let d = decode_report(&cut[..10], "en.txt", false)?;
/// assert_eq!(d.text, "He said \u{FFFD}");
/// assert_eq!(
///     d.warnings,
///     ["en.txt: ends inside a UTF-8 character; the last 2 bytes were replaced by U+FFFD"]
/// );
/// assert!(decode_report(&cut[..10], "en.txt", true).is_err());
/// # Ok::<(), bialign::Error>(())
/// ```
///
/// # Errors
///
/// A [`Decode`](crate::ErrorKind::Decode) error, naming `name`, when the bytes are binary
/// data or cannot be decoded in any supported encoding, and with `strict` when they are
/// damaged UTF-8.
pub fn decode_report(bytes: &[u8], name: &str, strict: bool) -> Result<Decoded> {
    if bytes.is_empty() {
        return Ok(Decoded::utf8(String::new()));
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        if let Ok(text) = std::str::from_utf8(rest) {
            return valid_utf8(text, UTF8_BOM.len(), name);
        }
        let evidence = Utf8Evidence::scan(rest);
        if !tolerable(rest, &evidence) {
            return Err(Error::decode(
                name,
                format!(
                    "invalid UTF-8 at byte offset {} after a UTF-8 byte order mark",
                    evidence.first_invalid.unwrap_or(0) + UTF8_BOM.len()
                ),
            ));
        }
        let mut d = damaged_utf8(rest, UTF8_BOM.len(), &evidence, name, strict)?;
        d.bom = true;
        return Ok(d);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16_with_bom(rest, Order::Le, name);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16_with_bom(rest, Order::Be, name);
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return match utf16::detect(bytes) {
            Some(order) => utf16_without_bom(bytes, order, name),
            None => Err(binary_nul(name, nul)),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return valid_utf8(text, 0, name);
    }
    let evidence = Utf8Evidence::scan(bytes);
    if tolerable(bytes, &evidence) {
        return damaged_utf8(bytes, 0, &evidence, name, strict);
    }
    if let Some(order) = utf16::detect(bytes) {
        return utf16_without_bom(bytes, order, name);
    }
    match legacy::decode(bytes) {
        Ok((text, enc)) => {
            checked(&text, name)?;
            let offsets = legacy::offsets(bytes, &text, enc);
            Ok(Decoded {
                text,
                encoding: enc.name(),
                bom: false,
                replaced_bytes: 0,
                warnings: Vec::new(),
                offsets,
                blocks: None,
            })
        }
        Err(tried) => Err(Error::decode(
            name,
            format!(
                "not text: invalid UTF-8 at byte offset {}, and not decodable as {} either",
                evidence.first_invalid.unwrap_or(0),
                tried.join(", ")
            ),
        )),
    }
}

/// Decodes `bytes` to a string; `name` (a file name, or `<stdin>`) is used in error messages.
///
/// [`decode_report`] without strict decoding, keeping only the text: damaged UTF-8 that the
/// rules accept is repaired with U+FFFD and **the warnings saying so are dropped** (use
/// [`decode_report`] to show them, or to refuse such input). Never panics.
///
/// # Errors
///
/// A [`Decode`](crate::ErrorKind::Decode) error, naming `name`, when the bytes are binary data
/// or cannot be decoded in any supported encoding.
pub fn decode(bytes: &[u8], name: &str) -> Result<String> {
    decode_report(bytes, name, false).map(|d| d.text)
}

/// Reads and decodes a text file, or standard input when `path` is `-`: [`read_decoded`]
/// without strict decoding, keeping only the text (the warnings are dropped, as by
/// [`decode`]).
///
/// # Errors
///
/// As [`read_decoded`].
pub fn read_text(path: &Path, limit: u64) -> Result<String> {
    read_decoded(path, limit, false).map(|d| d.text)
}

/// Reads and decodes a text file, or standard input when `path` is `-`, with the report of
/// [`decode_report`] (strict or not); messages name the path as given (`<stdin>` for `-`).
///
/// Refuses directories, inputs larger than `limit` bytes (checked on the file's metadata
/// before reading, and while reading, so that standard input and growing files are bounded
/// too) and anything [`decode_report`] refuses. Standard input is read only up to one byte
/// past the limit, so the size its error reports is that of what was read (the limit plus
/// one).
///
/// # Errors
///
/// [`Io`](crate::ErrorKind::Io) when the file cannot be opened or read or is a directory,
/// [`TooLarge`](crate::ErrorKind::TooLarge) above the limit,
/// [`Decode`](crate::ErrorKind::Decode) when the bytes are not text (or, with `strict`, are
/// damaged UTF-8). Every message names the path.
pub fn read_decoded(path: &Path, limit: u64, strict: bool) -> Result<Decoded> {
    let bytes = read_bytes(path, limit)?;
    decode_report(&bytes, &input_name(path), strict)
}

/// The name of an input in messages: its path as given, `<stdin>` for `-`.
pub(crate) fn input_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        STDIN_NAME.to_string()
    } else {
        path.display().to_string()
    }
}

/// Whether damaged UTF-8 `bytes` (with evidence `e`) are still UTF-8 (rule 6 of the module
/// documentation).
fn tolerable(bytes: &[u8], e: &Utf8Evidence) -> bool {
    let bad = e.invalid + e.tail;
    let cut_only = e.invalid == 0 && e.tail > 0;
    cut_only
        || e.multibyte >= MIN_VALID_PER_INVALID.saturating_mul(bad)
        || (e.multibyte >= bad && !legacy::decodes_as_chinese(bytes))
}

/// Valid UTF-8 `text`, starting at file offset `start` (after a byte order mark: then the
/// flag is set).
fn valid_utf8(text: &str, start: usize, name: &str) -> Result<Decoded> {
    checked(text, name)?;
    let mut d = Decoded::utf8(text.to_string());
    if start > 0 {
        let mut map = offsets::MapBuilder::starting_at(start);
        map.push(1, 1, text.len());
        d.offsets = map.finish(start + text.len());
        d.bom = true;
    }
    Ok(d)
}

/// `data`, tolerably damaged UTF-8 starting at file offset `start`: the text, with warnings
/// for the damage, or the strict refusal of it.
fn damaged_utf8(
    data: &[u8],
    start: usize,
    e: &Utf8Evidence,
    name: &str,
    strict: bool,
) -> Result<Decoded> {
    if strict {
        return Err(Error::decode(
            name,
            format!(
                "{}; refused by strict decoding",
                damage(e, start, false).join(", and it ")
            ),
        ));
    }
    let (text, offsets) = utf8::lossy(data, start);
    checked(&text, name)?;
    let warnings = damage(e, start, true)
        .into_iter()
        .map(|w| format!("{name}: {w}"))
        .collect();
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        bom: false,
        replaced_bytes: e.invalid + e.tail,
        warnings,
        offsets,
        blocks: None,
    })
}

/// What is wrong with damaged UTF-8 (`start`: the file offset of its first byte), one
/// description of the invalid bytes and one of a character cut short at the end, saying that
/// they were `replaced` or not.
fn damage(e: &Utf8Evidence, start: usize, replaced: bool) -> Vec<String> {
    let bytes = |n: usize| if n == 1 { "byte" } else { "bytes" };
    let mut out = Vec::new();
    if e.invalid > 0 {
        out.push(format!(
            "{} invalid UTF-8 {}{}, the first at byte {}",
            e.invalid,
            bytes(e.invalid),
            if replaced { " replaced by U+FFFD" } else { "" },
            e.first_invalid.unwrap_or(0) + start
        ));
    }
    match (e.tail, replaced) {
        (0, _) => {}
        (1, true) => out.push(
            "ends inside a UTF-8 character; the last byte was replaced by U+FFFD".to_string(),
        ),
        (n, true) => out.push(format!(
            "ends inside a UTF-8 character; the last {n} bytes were replaced by U+FFFD"
        )),
        (n, false) => out.push(format!(
            "ends inside a UTF-8 character (the last {n} {})",
            bytes(n)
        )),
    }
    out
}

/// Decodes UTF-16 after its byte order mark.
fn utf16_with_bom(data: &[u8], order: Order, name: &str) -> Result<Decoded> {
    let enc = order.name();
    match utf16::decode(data, order, 2) {
        Ok((text, offsets)) => utf16_text(text, offsets, order, true, name),
        Err(Utf16Error::Nul(at)) => Err(binary_nul(name, at + 2)),
        Err(Utf16Error::OddLength) => Err(Error::decode(
            name,
            format!("invalid {enc}: odd number of bytes ({})", data.len() + 2),
        )),
        Err(Utf16Error::UnpairedSurrogate(at)) => Err(Error::decode(
            name,
            format!(
                "invalid {enc} (unpaired surrogate at byte offset {}), not text",
                at + 2
            ),
        )),
    }
}

/// Decodes bytes that look like UTF-16 without a byte order mark.
fn utf16_without_bom(bytes: &[u8], order: Order, name: &str) -> Result<Decoded> {
    let looks = format!("looks like {} without a byte order mark, but", order.name());
    match utf16::decode(bytes, order, 0) {
        Ok((text, offsets)) => utf16_text(text, offsets, order, false, name),
        Err(Utf16Error::Nul(at)) => Err(binary_nul(name, at)),
        Err(Utf16Error::OddLength) => Err(Error::decode(
            name,
            format!(
                "{looks} has an odd number of bytes ({}), not text",
                bytes.len()
            ),
        )),
        Err(Utf16Error::UnpairedSurrogate(at)) => Err(Error::decode(
            name,
            format!("{looks} has an unpaired surrogate at byte offset {at}, not text"),
        )),
    }
}

fn utf16_text(
    text: String,
    offsets: OffsetMap,
    order: Order,
    bom: bool,
    name: &str,
) -> Result<Decoded> {
    checked(&text, name)?;
    Ok(Decoded {
        text,
        encoding: order.name(),
        bom,
        replaced_bytes: 0,
        warnings: Vec::new(),
        offsets,
        blocks: None,
    })
}

/// Reads the raw bytes of a file (or standard input for `-`), enforcing `limit`.
pub(crate) fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>> {
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

/// The error for a NUL byte at `offset`.
fn binary_nul(name: &str, offset: usize) -> Error {
    Error::decode(
        name,
        format!("binary data (NUL byte at offset {offset}), not text"),
    )
}

/// Refuses decoded text with a high share of control characters.
fn checked(s: &str, name: &str) -> Result<()> {
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
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use encoding_rs::{BIG5, GB18030, GBK};

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
