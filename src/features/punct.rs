//! How a sentence starts and ends: the punctuation signature used at bead boundaries.
//!
//! In dialogue, which of two neighbouring Chinese sentences a short English line belongs to
//! is decided mostly by punctuation: a bead whose last Chinese sentence ends in `？”` should
//! end with an English sentence ending in `?"`.

use crate::chars::{is_closer, is_closing_quote, is_opening_quote};

/// How a sentence ends: its final punctuation mark, and whether a closing quote follows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EndType(u8);

/// How a sentence starts: with an opening quote or not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StartType(u8);

const END_KINDS: usize = 9;

impl EndType {
    /// Number of distinct end types.
    pub const COUNT: usize = END_KINDS * 2;

    /// The end type of `s`.
    pub fn of(s: &str) -> EndType {
        let mut quoted = false;
        for c in s.chars().rev() {
            if c.is_whitespace() {
                continue;
            }
            if is_closer(c) {
                quoted |= is_closing_quote(c);
                continue;
            }
            let kind = match c {
                '?' | '？' => 0,
                '!' | '！' => 1,
                '.' | '。' | '．' => 2,
                '…' => 3,
                ':' | '：' => 4,
                ',' | '，' | '、' => 5,
                ';' | '；' => 6,
                '—' | '–' | '-' | '～' | '~' => 7,
                _ => 8,
            };
            // `...` is an ellipsis, not a full stop.
            let kind = if kind == 2 && s.trim_end().trim_end_matches(is_closer).ends_with("..") {
                3
            } else {
                kind
            };
            return EndType(kind * 2 + quoted as u8);
        }
        EndType(8 * 2 + quoted as u8)
    }

    /// A dense index in `0..COUNT`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl StartType {
    /// Number of distinct start types.
    pub const COUNT: usize = 2;

    /// The start type of `s`.
    pub fn of(s: &str) -> StartType {
        let first = s.chars().find(|c| !c.is_whitespace());
        StartType(first.is_some_and(is_opening_quote) as u8)
    }

    /// A dense index in `0..COUNT`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_types() {
        let same = [
            ("你来了？”", "Are you here?\""),
            ("好。", "Good."),
            ("他说：", "He said:"),
        ];
        for (zh, en) in same {
            assert_eq!(EndType::of(zh), EndType::of(en), "{zh} / {en}");
        }
        assert_ne!(EndType::of("好。"), EndType::of("好。”"));
        assert_ne!(EndType::of("Wait..."), EndType::of("Wait."));
        assert_eq!(StartType::of("“走吧！”").index(), 1);
        assert_eq!(StartType::of("He left.").index(), 0);
    }
}
