//! Sentence edits of a [`Text`]: a sentence split in two, two sentences joined, as a reviewer
//! fixes segmentation errors (`bialign review`). Each edit gives a new `Text`; the one it was
//! made from is unchanged.

use super::{Sentence, Text};
use crate::chars::{is_cjk, is_non_cjk_quote_or_bracket};
use crate::{Error, Result};
use std::ops::Range;

/// Whether two pieces of text joined together need a space between them: always, but when
/// the first ends and the second starts in Chinese (a Han character or CJK punctuation,
/// looking past the quotes and brackets Chinese shares with English), so that Chinese
/// sentences are joined directly. Every writer joins a bead's sentences by this rule.
pub(crate) fn needs_space(before: &str, after: &str) -> bool {
    let ends_cjk = before
        .chars()
        .rev()
        .find(|&c| !is_non_cjk_quote_or_bracket(c))
        .is_some_and(is_cjk);
    let starts_cjk = after
        .chars()
        .find(|&c| !is_non_cjk_quote_or_bracket(c))
        .is_some_and(is_cjk);
    !(ends_cjk && starts_cjk)
}

impl Text {
    /// The name of the text in messages about edits: its language.
    fn edit_name(&self) -> String {
        format!("{} text", self.lang)
    }

    /// A copy of the text with sentence `k` split in two at byte `at` of its (normalised)
    /// text: the first part ends there and the second starts there, both trimmed; both stay
    /// in the sentence's paragraph (and heading), the sentences after it move up by one, and
    /// so does every set-aside piece after it.
    ///
    /// The parts' spans in the original are found by counting the characters that are not
    /// whitespace, which normalisation copies unchanged; a hyphen the normaliser removed at a
    /// line end can put the boundary one character off in the verbatim quote
    /// ([`Text::verbatim`]), never in the text.
    ///
    /// ```
    /// use bialign::text::{Lang, Segmenter};
    ///
    /// let zh = Segmenter::new().segment("他来了她走了。天黑了。", Lang::Zh);
    /// let split = zh.split_sentence(0, "他来了".len())?;
    /// assert_eq!(split.texts(), ["他来了", "她走了。", "天黑了。"]);
    /// assert_eq!(split.verbatim(1), Some("她走了。"));
    /// # Ok::<(), bialign::Error>(())
    /// ```
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error when there is no sentence `k`, when `at`
    /// is not inside its text at a character boundary, or when a part would be empty (only
    /// whitespace).
    pub fn split_sentence(&self, k: usize, at: usize) -> Result<Text> {
        let name = self.edit_name();
        let s = self.sentences.get(k).ok_or_else(|| {
            Error::input(
                name.as_str(),
                format!("has no sentence {k} (it has {})", self.len()),
            )
        })?;
        if at == 0 || at >= s.text.len() || !s.text.is_char_boundary(at) {
            return Err(Error::input(
                name.as_str(),
                format!(
                    "sentence {k} cannot be split at byte {at}: give a character boundary \
                     inside its {} bytes",
                    s.text.len()
                ),
            ));
        }
        let (a, b) = (s.text[..at].trim(), s.text[at..].trim());
        if a.is_empty() || b.is_empty() {
            return Err(Error::input(
                name.as_str(),
                format!("sentence {k} split at byte {at} would leave an empty part"),
            ));
        }
        let (first, second) = self.split_span(&s.span, a);
        let mut out = self.clone();
        out.sentences.splice(
            k..=k,
            [
                Sentence {
                    span: first,
                    text: a.to_string(),
                    para: s.para,
                },
                Sentence {
                    span: second,
                    text: b.to_string(),
                    para: s.para,
                },
            ],
        );
        if let Some(&h) = out.headings.get(k) {
            out.headings.insert(k, h);
        }
        for aside in &mut out.set_aside {
            if aside.before > k {
                aside.before += 1;
            }
        }
        Ok(out)
    }

    /// The spans in the original of a sentence spanning `span` split after the part `first`
    /// of its normalised text: the first ends after as many non-whitespace characters as
    /// `first` has, the second starts at the next one.
    fn split_span(&self, span: &Range<usize>, first: &str) -> (Range<usize>, Range<usize>) {
        let original = self.original.get(span.clone()).unwrap_or("");
        let mut left = first.chars().filter(|c| !c.is_whitespace()).count();
        let mut cut = original.len();
        for (i, c) in original.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            if left == 0 {
                cut = i;
                break;
            }
            left -= 1;
        }
        // The first part ends after its last character, before the whitespace that follows.
        let end = original[..cut].trim_end().len();
        (span.start..span.start + end, span.start + cut..span.end)
    }

    /// A copy of the text with sentences `k` and `k + 1` joined into one (their texts joined
    /// as the writers join a bead's sentences: with a space, without one between Chinese),
    /// in the first one's paragraph, spanning both in the original; a heading when either
    /// was. The sentences after them move down by one, and so does every set-aside piece
    /// after the first (one between the two now comes before the joined sentence).
    ///
    /// ```
    /// use bialign::text::{Lang, Segmenter};
    ///
    /// let en = Segmenter::new().segment("He came. Home. She left.", Lang::En);
    /// let joined = en.join_sentences(0)?;
    /// assert_eq!(joined.texts(), ["He came. Home.", "She left."]);
    /// # Ok::<(), bialign::Error>(())
    /// ```
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error when there is no sentence `k + 1`.
    pub fn join_sentences(&self, k: usize) -> Result<Text> {
        let name = self.edit_name();
        let (Some(a), Some(b)) = (self.sentences.get(k), self.sentences.get(k + 1)) else {
            return Err(Error::input(
                name.as_str(),
                format!(
                    "sentence {k} cannot be joined with the next: the text has {} sentences",
                    self.len()
                ),
            ));
        };
        let mut text = a.text.clone();
        if needs_space(&a.text, &b.text) && !a.text.is_empty() && !b.text.is_empty() {
            text.push(' ');
        }
        text.push_str(&b.text);
        let joined = Sentence {
            span: a.span.start..b.span.end.max(a.span.start),
            text,
            para: a.para,
        };
        let mut out = self.clone();
        out.sentences.splice(k..=k + 1, [joined]);
        if out.headings.len() > k + 1 {
            let h = out.headings[k] || out.headings[k + 1];
            out.headings.splice(k..=k + 1, [h]);
        }
        for aside in &mut out.set_aside {
            if aside.before > k {
                aside.before -= 1;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::text::{Lang, Segmenter};

    #[test]
    fn split_then_join_gives_the_text_back() {
        let zh = Segmenter::new().segment("他来了 她走了。天黑了。\n\n第二段。", Lang::Zh);
        assert_eq!(zh.texts(), ["他来了她走了。", "天黑了。", "第二段。"]);
        let split = zh.split_sentence(0, "他来了".len()).unwrap();
        assert_eq!(
            split.texts(),
            ["他来了", "她走了。", "天黑了。", "第二段。"]
        );
        assert_eq!(split.verbatim(0), Some("他来了"));
        assert_eq!(split.verbatim(1), Some("她走了。"));
        assert_eq!(split.paragraph_numbers(), [0, 0, 0, 1]);
        let joined = split.join_sentences(0).unwrap();
        assert_eq!(joined.texts(), zh.texts());
        assert_eq!(joined.sentences()[0].span, zh.sentences()[0].span);
        assert_eq!(joined.paragraph_numbers(), zh.paragraph_numbers());
    }

    #[test]
    fn english_parts_are_trimmed_and_joined_with_a_space() {
        let en = Segmenter::new().segment("He came home and she left. Night fell.", Lang::En);
        let at = "He came home".len();
        let split = en.split_sentence(0, at).unwrap();
        assert_eq!(
            split.texts(),
            ["He came home", "and she left.", "Night fell."]
        );
        assert_eq!(split.verbatim(1), Some("and she left."));
        assert_eq!(split.join_sentences(0).unwrap().texts(), en.texts());
        // Joining the last two sentences across a paragraph keeps the first's paragraph.
        let two = Segmenter::new().segment("One.\n\nTwo.", Lang::En);
        let j = two.join_sentences(0).unwrap();
        assert_eq!(
            (j.texts(), j.paragraph_numbers()),
            (vec!["One. Two."], vec![0])
        );
    }

    #[test]
    fn bad_edits_are_errors_naming_the_sentence() {
        let zh = Segmenter::new().segment("他来了。天黑了。", Lang::Zh);
        for (at, why) in [
            (0, "boundary"),
            (1, "boundary"),
            (12, "boundary"),
            (99, "boundary"),
        ] {
            let e = zh.split_sentence(0, at).unwrap_err().to_string();
            assert!(e.contains("sentence 0") && e.contains(why), "{at}: {e}");
        }
        assert!(zh
            .split_sentence(5, 3)
            .unwrap_err()
            .to_string()
            .contains("no sentence 5"));
        assert!(zh
            .join_sentences(1)
            .unwrap_err()
            .to_string()
            .contains("2 sentences"));
    }

    #[test]
    fn set_aside_material_follows_the_sentences() {
        let text = "他来了。\n\nGE.21-04787(C)\n\n他来了她走了。\n\nGE.21-04788(C)\n\n天黑了。";
        let zh = Segmenter::new().cleanup(true).segment(text, Lang::Zh);
        let before: Vec<usize> = zh.set_aside().iter().map(|a| a.before).collect();
        assert_eq!(zh.texts(), ["他来了。", "他来了她走了。", "天黑了。"]);
        assert_eq!(before, [1, 2]);
        let split = zh.split_sentence(1, "他来了".len()).unwrap();
        let after: Vec<usize> = split.set_aside().iter().map(|a| a.before).collect();
        assert_eq!(after, [1, 3]);
        let back = split.join_sentences(1).unwrap();
        let again: Vec<usize> = back.set_aside().iter().map(|a| a.before).collect();
        assert_eq!(again, before);
    }
}
