//! A segmented text as JSONL, one sentence a line, and the choice of what to segment in a
//! file that may hold both languages: what `bialign segment` prints, and what every other
//! front-end gets for the same input.

use super::{Lang, Segmenter, Text};
use serde::Serialize;

/// One sentence as a JSON record (keys in alphabetical order, as they always were written).
#[derive(Serialize)]
struct SentenceRecord<'a> {
    /// Byte offset of the sentence's end in the text as given.
    end: usize,
    lang: &'static str,
    para: usize,
    /// Byte offset of the sentence's start in the text as given.
    start: usize,
    text: &'a str,
}

impl Text {
    /// The sentences as JSONL: one object a line with `end`, `lang`, `para`, `start` (byte
    /// offsets into the original text) and `text`.
    ///
    /// ```
    /// use bialign::text::{Lang, Segmenter};
    ///
    /// let text = Segmenter::new().segment("他来了。她走了。", Lang::Zh);
    /// assert_eq!(
    ///     text.to_jsonl().lines().next(),
    ///     Some(r#"{"end":12,"lang":"zh","para":0,"start":0,"text":"他来了。"}"#)
    /// );
    /// ```
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for s in self.sentences() {
            let record = SentenceRecord {
                end: s.span.end,
                lang: self.lang().code(),
                para: s.para,
                start: s.span.start,
                text: &s.text,
            };
            // Serialising plain numbers and strings cannot fail.
            if let Ok(line) = serde_json::to_string(&record) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }
}

impl Segmenter {
    /// Segments a text whose language may not be known: a text holding both languages
    /// gives its Chinese and English parts (only the part in `lang` when given), any other
    /// text one part, in `lang` or in the language detected (English when none is).
    ///
    /// ```
    /// use bialign::text::{Lang, Segmenter};
    ///
    /// let parts = Segmenter::new().segment_parts("Hello there. How are you?", None);
    /// assert_eq!(parts.len(), 1);
    /// assert_eq!(parts[0].lang(), Lang::En);
    /// ```
    pub fn segment_parts(&self, text: &str, lang: Option<Lang>) -> Vec<Text> {
        if self.is_mixed(text) {
            let (zh, en) = self.segment_mixed(text);
            match lang {
                Some(Lang::Zh) => vec![zh],
                Some(Lang::En) => vec![en],
                None => vec![zh, en],
            }
        } else {
            let lang = lang.or_else(|| self.detect(text)).unwrap_or(Lang::En);
            vec![self.segment(text, lang)]
        }
    }
}
