//! UTF-8 with damage: how much of the input is valid UTF-8 and how much is not, and the text
//! with every invalid sequence replaced by one U+FFFD (the WHATWG and `String::from_utf8_lossy`
//! rule: one replacement character for each maximal invalid subsequence).

use super::offsets::{MapBuilder, OffsetMap};

/// What a pass over (supposed) UTF-8 bytes found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Utf8Evidence {
    /// Valid multi-byte sequences (non-ASCII characters).
    pub(crate) multibyte: usize,
    /// Invalid bytes before the end (not counting `tail`).
    pub(crate) invalid: usize,
    /// Offset of the first invalid byte (of `invalid`, or of the tail), from the start of
    /// the bytes scanned.
    pub(crate) first_invalid: Option<usize>,
    /// Bytes at the very end that begin a character and are cut short (0 to 3).
    pub(crate) tail: usize,
}

impl Utf8Evidence {
    /// Scans `bytes`.
    pub(crate) fn scan(bytes: &[u8]) -> Utf8Evidence {
        let mut e = Utf8Evidence::default();
        let mut at = 0usize;
        let mut chunks = bytes.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            let valid = chunk.valid().as_bytes();
            // Every non-ASCII character has exactly one lead byte (0xC2 and up).
            e.multibyte += valid.iter().filter(|&&b| b >= 0xC0).count();
            at += valid.len();
            let bad = chunk.invalid();
            if bad.is_empty() {
                continue;
            }
            if e.first_invalid.is_none() {
                e.first_invalid = Some(at);
            }
            let last = chunks.peek().is_none();
            if last && at + bad.len() == bytes.len() && is_cut_short(bad) {
                e.tail = bad.len();
            } else {
                e.invalid += bad.len();
            }
            at += bad.len();
        }
        e
    }
}

/// Whether `bad` (an invalid chunk at the very end) is the beginning of a character cut
/// short, rather than bytes that can begin no character.
fn is_cut_short(bad: &[u8]) -> bool {
    matches!(std::str::from_utf8(bad), Err(e) if e.error_len().is_none())
}

/// `bytes` as text with each invalid sequence replaced by U+FFFD, and the map from the
/// text's offsets to the file's (`bytes` start at file offset `start`).
pub(crate) fn lossy(bytes: &[u8], start: usize) -> (String, OffsetMap) {
    let mut text = String::with_capacity(bytes.len() + 8);
    let mut map = MapBuilder::starting_at(start);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        map.push(1, 1, chunk.valid().len());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            map.push(
                char::REPLACEMENT_CHARACTER.len_utf8(),
                chunk.invalid().len(),
                1,
            );
        }
    }
    (text, map.finish(start + bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_counts_sequences_and_bytes() {
        let cases: [(&str, &[u8], Utf8Evidence); 6] = [
            ("ascii", b"abc", Utf8Evidence::default()),
            (
                "two characters",
                "a—中".as_bytes(),
                Utf8Evidence {
                    multibyte: 2,
                    ..Utf8Evidence::default()
                },
            ),
            (
                "one bad byte",
                b"a\xFFb\xE4\xB8\xAD",
                Utf8Evidence {
                    multibyte: 1,
                    invalid: 1,
                    first_invalid: Some(1),
                    tail: 0,
                },
            ),
            (
                "cut short at the end",
                b"ab\xE2\x80",
                Utf8Evidence {
                    multibyte: 0,
                    invalid: 0,
                    first_invalid: Some(2),
                    tail: 2,
                },
            ),
            (
                "an impossible byte at the end is not a cut",
                b"ab\xFF",
                Utf8Evidence {
                    multibyte: 0,
                    invalid: 1,
                    first_invalid: Some(2),
                    tail: 0,
                },
            ),
            (
                "a cut character before the end is invalid",
                b"\xE2\x80ab",
                Utf8Evidence {
                    multibyte: 0,
                    invalid: 2,
                    first_invalid: Some(0),
                    tail: 0,
                },
            ),
        ];
        for (label, bytes, want) in cases {
            assert_eq!(Utf8Evidence::scan(bytes), want, "{label}");
        }
    }

    #[test]
    fn lossy_maps_replacements_to_their_bytes() {
        let bytes = b"a\xFF\xFEb\xE4\xB8";
        let (text, map) = lossy(bytes, 3);
        assert_eq!(text, "a\u{FFFD}\u{FFFD}b\u{FFFD}");
        assert_eq!(text, String::from_utf8_lossy(bytes));
        let offsets: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| map.file_offset(i))
            .collect();
        assert_eq!(offsets, [3, 4, 5, 6, 7]);
        assert_eq!(map.file_offset(text.len()), 9);
    }
}
