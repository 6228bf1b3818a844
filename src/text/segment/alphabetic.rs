//! The splitter of every alphabetic language other than English: the rules of the
//! template plus the language's profile (`src/lang/`): a full stop after one of its
//! abbreviations (`z.B.`, `M.`, `т.е.`) or after a single letter (an initial) does not end
//! a sentence unless the next word is one of its sentence starters; a terminator followed by
//! whitespace ends one before a capital, an opener (`« „ ¿ ¡`), a digit, a dash of dialogue,
//! or any letter of a script without capitals (Arabic, Hebrew). `؟` and `۔` are
//! terminators (see `crate::chars::sentence_terminator`); right-to-left marks are
//! whitespace-like format characters and never start a sentence.

use std::ops::Range;

use super::common;
use super::SentenceSplitter;
use crate::chars::{
    is_closer, is_dash, is_format_mark, is_inverted_mark, is_line_break, is_low_quote, is_opener,
    sentence_terminator, Terminator,
};
use crate::lang::{Lang, Profile};

/// Longest word before a full stop that is looked up as an abbreviation, in chars.
const MAX_ABBREVIATION: usize = 12;

/// The splitter of an alphabetic language other than English: its profile's abbreviations
/// and sentence starters decide where a full stop ends a sentence; a terminator before a
/// capital, an opener (`« „ ¿ ¡`), a digit, a dialogue dash or a letter of a script without
/// capitals ends one.
#[derive(Clone, Debug)]
pub struct AlphabeticSplitter {
    profile: &'static Profile,
    max_chars: usize,
}

impl AlphabeticSplitter {
    /// Default maximum sentence length in chars.
    pub const DEFAULT_MAX_CHARS: usize = 1000;

    /// The splitter of `lang`, with its profile's lists (the generic profile of its script
    /// for a language without one).
    pub fn new(lang: Lang) -> Self {
        AlphabeticSplitter {
            profile: lang.profile(),
            max_chars: Self::DEFAULT_MAX_CHARS,
        }
    }

    common::max_chars_methods!(pub);

    fn breaks(&self, text: &str) -> Vec<usize> {
        let mut breaks = Vec::new();
        common::blank_line_breaks(text, &mut breaks);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let Some(kind) = sentence_terminator(c) else {
                continue;
            };
            let mut ideographic = kind == Terminator::Ideographic;
            let mut only_stops = kind == Terminator::FullStop;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                match sentence_terminator(d) {
                    Some(k) => {
                        ideographic |= k == Terminator::Ideographic;
                        only_stops &= k == Terminator::FullStop;
                    }
                    // `“ ‘` right after a terminator close a German quotation.
                    None if is_closer(d) || matches!(d, '“' | '‘') => {}
                    // French sets `» ›` apart with a (no-break) space: `! »`.
                    None if d.is_whitespace() && !is_line_break(d) => {
                        let after = text[j..]
                            .trim_start_matches(|c: char| c.is_whitespace() && !is_line_break(c));
                        match after.chars().next() {
                            Some(q @ ('»' | '›')) => {
                                let k = text.len() - after.len();
                                end = k + q.len_utf8();
                                while chars.peek().is_some_and(|&(p, _)| p < end) {
                                    chars.next();
                                }
                                continue;
                            }
                            _ => break,
                        }
                    }
                    None => break,
                }
                end = j + d.len_utf8();
                chars.next();
            }
            if ideographic {
                breaks.push(end);
                continue;
            }
            let rest = &text[end..];
            if !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let next = rest.trim_start_matches(|c: char| c.is_whitespace() || is_format_mark(c));
            let Some(first) = next.chars().next() else {
                continue;
            };
            let next_word: String = next
                .chars()
                .skip_while(|&c| is_opener(c) || is_low_quote(c) || is_inverted_mark(c))
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let starts = is_opener(first)
                || is_low_quote(first)
                || is_inverted_mark(first)
                || is_dash(first)
                || first.is_numeric()
                || first.is_uppercase()
                || (first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase());
            if !starts {
                continue;
            }
            // After a single full stop: an abbreviation or an initial, unless a starter
            // follows.
            if only_stops && c == '.' && end == i + 1 {
                let word = word_before(text, i);
                let lower = word.to_lowercase();
                let abbreviation = self.profile.is_abbreviation(&lower)
                    || (word.chars().count() == 1 && word.chars().all(char::is_uppercase));
                if abbreviation && !self.profile.is_starter(&next_word.to_lowercase()) {
                    continue;
                }
            }
            breaks.push(end);
        }
        breaks.sort_unstable();
        breaks
    }
}

/// The word before byte `i` (a full stop): letters and inner full stops or hyphens
/// (`z.B`, `c.-à-d`), at most [`MAX_ABBREVIATION`] chars.
fn word_before(text: &str, i: usize) -> &str {
    let mut start = i;
    for (k, c) in text[..i].char_indices().rev() {
        if c.is_alphabetic() || ((c == '.' || c == '-') && k + 1 < start) {
            start = k;
        } else {
            break;
        }
        if text[start..i].chars().count() >= MAX_ABBREVIATION {
            break;
        }
    }
    text[start..i].trim_start_matches(['.', '-'])
}

impl SentenceSplitter for AlphabeticSplitter {
    fn split(&self, paragraph: &str) -> Vec<Range<usize>> {
        let breaks = self.breaks(paragraph);
        common::ranges_from_breaks(paragraph, &breaks, self.max_chars, common::clause_rank)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::splitter_tests;
    use super::*;

    const SAMPLES: &[&str] = &[
        "Das ist z.B. ein Satz. Dr. Müller kam um 10 Uhr. „Komm!“ sagte er. Gut.",
        "M. Dupont est arrivé. « Viens ! » dit-il. C'est-à-dire, etc. Puis il partit.",
        "¿Qué pasa? ¡Nada! El Sr. García llegó. 3. Tercero.",
        "Въ началѣ сотворилъ Богъ небо и землю. Т.е. всё. И сказалъ Богъ: да будетъ свѣтъ.",
        "\u{200F}في البدء خلق الله السماوات والأرض. وكانت الأرض خربة؟ وقال الله ليكن نور۔ ثم",
    ];

    splitter_tests!(de, AlphabeticSplitter::new(Lang::De), SAMPLES);
    splitter_tests!(fr, AlphabeticSplitter::new(Lang::Fr), SAMPLES);
    splitter_tests!(es, AlphabeticSplitter::new(Lang::Es), SAMPLES);
    splitter_tests!(ru, AlphabeticSplitter::new(Lang::Ru), SAMPLES);
    splitter_tests!(ar, AlphabeticSplitter::new(Lang::Ar), SAMPLES);
    splitter_tests!(
        generic_short,
        AlphabeticSplitter::new(Lang::from_code("it").unwrap_or(Lang::De)).with_max_chars(12),
        SAMPLES
    );

    fn sentences(lang: Lang, text: &str) -> Vec<&str> {
        AlphabeticSplitter::new(lang)
            .split(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn each_language_by_its_profile() {
        let cases: &[(&str, Lang, &str, &[&str])] = &[
            (
                "German abbreviations",
                Lang::De,
                "Das ist z.B. ein Satz. Dr. Müller kam. Gut.",
                &["Das ist z.B. ein Satz.", "Dr. Müller kam.", "Gut."],
            ),
            (
                "German quotes",
                Lang::De,
                "Er kam. „Komm!“ Sie ging.",
                &["Er kam.", "„Komm!“", "Sie ging."],
            ),
            (
                "French guillemets and titles",
                Lang::Fr,
                "M. Dupont est arrivé. « Viens ! » Puis il partit.",
                &["M. Dupont est arrivé.", "« Viens ! »", "Puis il partit."],
            ),
            (
                "Spanish inverted marks",
                Lang::Es,
                "¿Qué pasa? ¡Nada! El Sr. García llegó.",
                &["¿Qué pasa?", "¡Nada!", "El Sr. García llegó."],
            ),
            (
                "Russian abbreviations",
                Lang::Ru,
                "Это т.е. всё. См. выше. И он ушёл.",
                &["Это т.е. всё.", "См. выше.", "И он ушёл."],
            ),
            (
                "Arabic question mark, no capitals",
                Lang::Ar,
                "وكانت الأرض خربة؟ وقال الله ليكن نور. ثم",
                &["وكانت الأرض خربة؟", "وقال الله ليكن نور.", "ثم"],
            ),
            (
                "an initial",
                Lang::De,
                "J. S. Bach schrieb. Er starb.",
                &["J. S. Bach schrieb.", "Er starb."],
            ),
            (
                "lower case goes on",
                Lang::Fr,
                "Il dit. et partit.",
                &["Il dit. et partit."],
            ),
        ];
        for (name, lang, text, want) in cases {
            assert_eq!(sentences(*lang, text), *want, "{name}");
        }
    }
}
