//! How a sentence starts and ends: the punctuation signature used at bead boundaries.
//!
//! In dialogue, which of two neighbouring Chinese sentences a short English line belongs to
//! is decided mostly by punctuation: a bead whose last Chinese sentence ends in `？”` should
//! end with an English sentence ending in `?"`.

use crate::chars::{
    is_clause_comma, is_closer, is_closing_quote, is_opening_quote, is_speech_verb_end,
    is_tag_colon, quote_effect, QuoteEffect,
};

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
                '?' | '？' | '؟' => 0,
                '!' | '！' => 1,
                '.' | '。' | '．' | '۔' => 2,
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

/// Whether `s` is punctuation alone, with no letter and no digit: not a sentence but a
/// piece its splitter cut off the one before (the closing bracket of a parenthesis, `）`,
/// on a line of its own in the Chinese Union Version).
pub fn is_bare(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// For each sentence in order, whether a quotation is still open after it: opened (or
/// toggled by a straight quote) and not closed, counting from the first sentence.
pub fn quote_open_after<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Vec<bool> {
    let mut open = false;
    sentences
        .into_iter()
        .map(|s| {
            for c in s.chars() {
                match quote_effect(c) {
                    Some(QuoteEffect::Open) => open = true,
                    Some(QuoteEffect::Close) => open = false,
                    Some(QuoteEffect::Toggle) => open = !open,
                    None => {}
                }
            }
            open
        })
        .collect()
}

/// Most characters of a speaker tag (name or pronoun, adverb, speech verb, colon).
const MAX_TAG: usize = 8;

/// The speaker tag of a Chinese sentence, as a byte range of `s`: the name or pronoun and
/// speech verb before a colon and an opening quote (`韦小宝道：“……”`; after a comma, only
/// what follows it: `小玄子一怔，道：`), or after the last closing quote (`“……”他说。`).
/// `None` when the sentence has no tag of at most [`MAX_TAG`] characters.
pub fn speaker_tag(s: &str) -> Option<std::ops::Range<usize>> {
    let trimmed = s.trim_end();
    // Before the first opening quote.
    if let Some(q) = s.find(is_opening_quote) {
        let head = &s[..q];
        let mut cs = head
            .char_indices()
            .rev()
            .skip_while(|(_, c)| c.is_whitespace());
        if let Some((colon, c)) = cs.next() {
            if is_tag_colon(c) {
                if let Some((_, v)) = cs.clone().find(|(_, c)| !c.is_whitespace()) {
                    if is_speech_verb_end(v) {
                        let start = head[..colon].rfind(is_clause_comma).map_or(0, |k| {
                            k + head[k..].chars().next().map_or(1, char::len_utf8)
                        });
                        let tag = start..q;
                        if tag_chars(&s[tag.clone()]) <= MAX_TAG
                            && !s[tag.clone()].contains(is_closing_quote)
                        {
                            return Some(tag);
                        }
                    }
                }
            }
        }
    }
    // After the last closing quote, for a sentence that opens with a quotation.
    if s.trim_start().starts_with(is_opening_quote) {
        let q = trimmed.rfind(is_closing_quote)?;
        let after = q + trimmed[q..].chars().next().map_or(1, char::len_utf8);
        let tail = &trimmed[after..];
        let body = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
        let last = body.chars().next_back()?;
        let chars = tag_chars(tail);
        if is_speech_verb_end(last) && chars <= MAX_TAG && !tail.contains(is_opening_quote) {
            return Some(after..s.len());
        }
    }
    None
}

/// Non-space characters of a tag.
fn tag_chars(t: &str) -> usize {
    t.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_open_across_sentences() {
        let zh = ["他说：“你来了。", "坐下吧。”", "好。"];
        assert_eq!(quote_open_after(zh), [true, false, false]);
        let en = ["\"Come in.", "Sit down.\"", "He sat."];
        assert_eq!(quote_open_after(en), [true, false, false]);
        assert_eq!(quote_open_after(["It's ‘fine’."]), [false]);
    }

    #[test]
    fn speaker_tags() {
        fn tag(s: &str) -> Option<&str> {
            speaker_tag(s).map(|r| &s[r])
        }
        assert_eq!(tag("韦小宝道：“谁说不会？”"), Some("韦小宝道："));
        assert_eq!(tag("那男孩问道：“你叫什么名字？”"), Some("那男孩问道："));
        assert_eq!(tag("小玄子一怔，道：“好，咱们打个彩头。"), Some("道："));
        assert_eq!(tag("那男孩哈哈大笑，说道：“服了么？”"), Some("说道："));
        assert_eq!(tag("“你好。”他说。"), Some("他说。"));
        assert_eq!(tag("“你好。”"), None);
        assert_eq!(tag("他来了。"), None);
        // Narration before a quotation is not a tag.
        assert_eq!(tag("他把信放在桌上：“看吧。”"), None);
        // Too long to be a speaker tag.
        assert_eq!(tag("那个从北京来的老先生慢慢地说道：“好。”"), None);
    }

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
        for (s, bare) in [
            ("）", true),
            ("）」", true),
            (" — ", true),
            ("", true),
            ("A.", false),
            ("3)", false),
            ("他。", false),
        ] {
            assert_eq!(is_bare(s), bare, "{s:?}");
        }
    }
}
