//! UTF-16: decoding (with the map of offsets), and telling UTF-16 without a byte order mark
//! from other bytes.
//!
//! Without a byte order mark, UTF-16 shows in the distribution of the bytes at even and odd
//! offsets: one of the two holds the high bytes of the code units, which text concentrates
//! on a few values. The two rules (NUL high bytes, Chinese high bytes), their thresholds and
//! the measurements behind them are rule 4 of the [parent module's documentation](super).

use super::offsets::{MapBuilder, OffsetMap};
use crate::chars::{is_binary_control, is_common_in_chinese};

/// The fewest code units the Chinese-high-byte rule judges: below this, 8-bit text can look
/// like UTF-16 by chance (Latin-1 did in 5 of 10,000 windows of 16 units, in none of 32).
pub(crate) const MIN_UNITS: usize = 32;

/// A byte order of UTF-16.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// Little-endian: the high byte of each unit at the odd offset.
    Le,
    /// Big-endian: the high byte at the even offset.
    Be,
}

impl Order {
    /// The encoding's name, as `encoding_rs` spells it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Order::Le => "UTF-16LE",
            Order::Be => "UTF-16BE",
        }
    }

    fn unit(self, pair: &[u8]) -> u16 {
        match (self, pair) {
            (Order::Le, &[lo, hi]) => u16::from_le_bytes([lo, hi]),
            (Order::Be, &[hi, lo]) => u16::from_be_bytes([hi, lo]),
            _ => 0,
        }
    }
}

/// Why UTF-16 bytes do not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Utf16Error {
    /// An odd number of bytes.
    OddLength,
    /// A U+0000 code unit (two NUL bytes) at this offset of the data.
    Nul(usize),
    /// An unpaired surrogate at this offset of the data.
    UnpairedSurrogate(usize),
}

/// Decodes UTF-16 `data` in `order`; `start` is the file offset of `data` (after a byte
/// order mark). The text and the map of its offsets to the file's.
pub(crate) fn decode(
    data: &[u8],
    order: Order,
    start: usize,
) -> Result<(String, OffsetMap), Utf16Error> {
    if data.len() % 2 == 1 {
        return Err(Utf16Error::OddLength);
    }
    if let Some(i) = data.chunks_exact(2).position(|p| p == [0, 0]) {
        return Err(Utf16Error::Nul(2 * i));
    }
    let mut text = String::with_capacity(data.len() / 2 * 3);
    let mut map = MapBuilder::starting_at(start);
    let units = data.chunks_exact(2).map(|p| order.unit(p));
    let mut at = 0usize;
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| Utf16Error::UnpairedSurrogate(at))?;
        text.push(c);
        let file = 2 * c.len_utf16();
        map.push(c.len_utf8(), file, 1);
        at += file;
    }
    Ok((text, map.finish(start + data.len())))
}

/// The byte order of UTF-16 without a byte order mark, if `bytes` look like it by either
/// rule (rule 4 of the [parent module](super)). The Chinese-high-byte rule judges an odd
/// length on all but the last byte (which then fails to decode).
pub(crate) fn detect(bytes: &[u8]) -> Option<Order> {
    nul_high_bytes(bytes).or_else(|| chinese_high_bytes(bytes))
}

/// The NUL-high-byte rule (on an even number of bytes only: NUL bytes in an odd number are
/// binary data).
fn nul_high_bytes(bytes: &[u8]) -> Option<Order> {
    if bytes.len() % 2 == 1 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = bytes.len() / 2;
    if odd * 4 >= units && even * 8 <= odd && odd > 0 {
        Some(Order::Le)
    } else if even * 4 >= units && odd * 8 <= even && even > 0 {
        Some(Order::Be)
    } else {
        None
    }
}

/// What the units of one byte order look like.
#[derive(Default)]
struct Profile {
    /// Text characters (ASCII but binary controls, or common in Chinese).
    text: usize,
    /// Ideographs (U+4E00 to U+9FFF).
    han: usize,
    /// Ideographs with a low byte of 0x80 or more.
    han_high_low_byte: usize,
    /// Ideographs below U+8000.
    han_below_8000: usize,
}

fn profile(bytes: &[u8], order: Order) -> Profile {
    let mut p = Profile::default();
    for pair in bytes.chunks_exact(2) {
        let u = order.unit(pair);
        let Some(c) = char::from_u32(u32::from(u)) else {
            continue;
        };
        if (c.is_ascii() && !is_binary_control(c)) || is_common_in_chinese(c) {
            p.text += 1;
        }
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            p.han += 1;
            p.han_high_low_byte += usize::from((u & 0xFF) >= 0x80);
            p.han_below_8000 += usize::from(u < 0x8000);
        }
    }
    p
}

/// The Chinese-high-byte rule.
fn chinese_high_bytes(bytes: &[u8]) -> Option<Order> {
    let units = bytes.len() / 2;
    if units < MIN_UNITS {
        return None;
    }
    let (le, be) = (profile(bytes, Order::Le), profile(bytes, Order::Be));
    let order = if le.text >= be.text {
        Order::Le
    } else {
        Order::Be
    };
    let (p, q) = match order {
        Order::Le => (&le, &be),
        Order::Be => (&be, &le),
    };
    let ok = p.text * 10 >= units * 9
        && (p.text - q.text.min(p.text)) * 10 >= units * 3
        && p.han * 4 >= units
        && p.han_high_low_byte * 4 >= p.han
        && p.han_below_8000 * 4 >= p.han;
    ok.then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, order: Order) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| match order {
                Order::Le => u.to_le_bytes(),
                Order::Be => u.to_be_bytes(),
            })
            .collect()
    }

    const ZH: &str =
        "我父亲是一个医生。他每天早上去医院。今天下雨了，我们没有出门。她说：“你来了？”";

    #[test]
    fn detects_both_orders() {
        let cases = [
            ("english le", "Plain English text, line one.\n", Order::Le),
            ("english be", "Plain English text, line one.\n", Order::Be),
            ("chinese le", ZH, Order::Le),
            ("chinese be", ZH, Order::Be),
            ("chinese with ascii and 一 le", "第一章 2021年\n一二三四五六七八九十百千万亿。\n我父亲是一个医生。他每天早上去医院。\n", Order::Le),
        ];
        for (label, text, order) in cases {
            let bytes = utf16(text, order);
            assert_eq!(detect(&bytes), Some(order), "{label}");
            let (got, map) = decode(&bytes, order, 0).unwrap();
            assert_eq!(got, text, "{label}");
            assert_eq!(map.file_offset(got.len()), bytes.len(), "{label}");
        }
    }

    #[test]
    fn other_bytes_are_not_utf16() {
        let gb = encoding_rs::GB18030.encode(ZH).0.into_owned();
        let big5 = encoding_rs::BIG5
            .encode("繁體中文的文字，臺灣的書籍與報紙都使用這種字體。")
            .0
            .into_owned();
        let latin1 =
            b"caf\xE9 au lait, na\xEFve r\xE9sum\xE9, the Stra\xDFe and more words.\n".to_vec();
        let cases: [(&str, Vec<u8>); 5] = [
            ("utf-8", ZH.as_bytes().to_vec()),
            ("gb18030", gb),
            ("big5", big5),
            ("latin-1", latin1),
            ("short chinese", utf16("我父亲是医生。", Order::Le)),
        ];
        for (label, bytes) in cases {
            assert_eq!(detect(&bytes), None, "{label}");
        }
    }

    #[test]
    fn decode_errors() {
        assert_eq!(decode(b"a\0b", Order::Le, 0), Err(Utf16Error::OddLength));
        assert_eq!(decode(b"a\0\0\0", Order::Le, 0), Err(Utf16Error::Nul(2)));
        assert_eq!(
            decode(b"a\0\x00\xD8b\0", Order::Le, 0),
            Err(Utf16Error::UnpairedSurrogate(2))
        );
    }
}
