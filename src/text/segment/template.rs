//! A template for the sentence splitter of a new language: a minimal splitter that keeps the
//! contract of [`SentenceSplitter`], to be copied and grown. It is compiled and tested with
//! the crate, so it keeps up with the machinery it uses, but it is not in the table of
//! [`super::splitter`] (no language uses it).
//!
//! To add a language `xx`:
//!
//! 1. copy this file to `src/text/segment/xx.rs` and rename `TemplateSplitter` to
//!    `XxSplitter`; add `mod xx;` and `pub use xx::XxSplitter;` to `segment/mod.rs`;
//! 2. add the line `Lang::Xx => Arc::new(XxSplitter::new()),` to the table in
//!    [`super::splitter`] (once `Lang` has the language);
//! 3. change [`TemplateSplitter::breaks`] to the conventions of the language, taking every
//!    character class from `crate::chars` (add the ones it lacks there, not here);
//! 4. keep the `splitter_tests!` line at the end of the file (with samples of the language):
//!    it checks the contract on samples, hostile strings and arbitrary text, and says how to
//!    fix what fails; add a table of named cases to `tests/segment_cases.rs`.
//!
//! The rules of the template: a sentence ends after a [terminator](crate::chars::sentence_terminator)
//! and the closing quotes and brackets that follow it, when whitespace follows (not inside
//! `3.5`, `U.S.` or `www.un.org`), or right after an ideographic one (`。！？`, which need no
//! space); a blank line always ends one. A sentence longer than
//! [`TemplateSplitter::max_chars`] is cut again at the best clause boundary (`;`, then `,`,
//! then whitespace, then anywhere: `common::clause_rank`; a language with other clause marks
//! gives its own ranking function instead), by the guard shared by all splitters.

// Only the tests use the template: it is not in the table of splitters.
#![cfg_attr(not(test), allow(dead_code))]

use std::ops::Range;

use super::common;
use super::SentenceSplitter;
use crate::chars::{is_closer, sentence_terminator, Terminator};

/// A minimal sentence splitter: see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TemplateSplitter {
    max_chars: usize,
}

impl Default for TemplateSplitter {
    fn default() -> Self {
        Self::new()
    }
}

impl TemplateSplitter {
    /// Default maximum sentence length in chars.
    pub(crate) const DEFAULT_MAX_CHARS: usize = 1000;

    /// A splitter with the default options.
    pub(crate) fn new() -> Self {
        TemplateSplitter {
            max_chars: Self::DEFAULT_MAX_CHARS,
        }
    }

    common::max_chars_methods!(pub(crate));

    /// Byte offsets where a new sentence may start, sorted (repeats are allowed: the shared
    /// machinery drops empty pieces). Every offset must be a char boundary.
    fn breaks(&self, text: &str) -> Vec<usize> {
        let mut breaks = Vec::new();
        common::blank_line_breaks(text, &mut breaks);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let Some(kind) = sentence_terminator(c) else {
                continue;
            };
            // The run: more terminators (`?!`, `...`) and the closing quotes and brackets
            // after them (`."`, `!)`).
            let mut ideographic = kind == Terminator::Ideographic;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                match sentence_terminator(d) {
                    Some(k) => ideographic |= k == Terminator::Ideographic,
                    None if is_closer(d) => {}
                    None => break,
                }
                end = j + d.len_utf8();
                chars.next();
            }
            if ideographic || text[end..].starts_with(char::is_whitespace) {
                breaks.push(end);
            }
        }
        breaks.sort_unstable();
        breaks
    }
}

impl SentenceSplitter for TemplateSplitter {
    fn split(&self, paragraph: &str) -> Vec<Range<usize>> {
        let breaks = self.breaks(paragraph);
        // Trims the pieces, drops empty ones and cuts runaway sentences.
        common::ranges_from_breaks(paragraph, &breaks, self.max_chars, common::clause_rank)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::splitter_tests;
    use super::*;

    const SAMPLES: &[&str] = &[
        "This is one sentence. This is another! And a third?",
        "\"Quoted.\" Then more... and an ellipsis. Pi is 3.14, see www.un.org.",
        "他来了。她走了。",
    ];

    splitter_tests!(template, TemplateSplitter::new(), SAMPLES);
    splitter_tests!(
        template_short,
        TemplateSplitter::new().with_max_chars(12),
        SAMPLES
    );

    fn sentences(text: &str) -> Vec<&str> {
        TemplateSplitter::new()
            .split(text)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_after_terminators_and_closers() {
        assert_eq!(
            sentences("One. \"Two!\" Three? 3.5 is a number. 他来了。她走了。"),
            [
                "One.",
                "\"Two!\"",
                "Three?",
                "3.5 is a number.",
                "他来了。",
                "她走了。"
            ]
        );
        assert_eq!(sentences("Blank\n\nline"), ["Blank", "line"]);
        assert_eq!(sentences("  "), Vec::<&str>::new());
    }

    #[test]
    fn runaway_sentences_are_cut_at_clauses() {
        let s = TemplateSplitter::new().with_max_chars(20);
        assert_eq!(s.max_chars(), 20);
        let text = "first clause here, second clause here; third one";
        let pieces: Vec<&str> = s.split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            pieces,
            ["first clause here,", "second clause here;", "third one"]
        );
    }
}
