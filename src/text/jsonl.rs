//! A segmented text as JSONL, one sentence a line, and the choice of what to segment in a
//! file that may hold both languages: what `bialign segment` prints, and what every other
//! front-end gets for the same input.

use super::decode::Decoded;
use super::{Lang, Segmenter, Text};
use serde::Serialize;

/// One sentence as a JSON record (keys in alphabetical order, as they always were written).
#[derive(Serialize)]
struct SentenceRecord<'a> {
    /// Byte offset of the sentence's end in the text as given.
    end: usize,
    /// The sentence's index in its text (written by [`Text::to_file_jsonl`] only).
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    lang: &'static str,
    para: usize,
    /// For material the clean-up set apart ([`Text::set_aside`]), which has no id: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    set_aside: Option<&'static str>,
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
        self.jsonl(|at| at, false)
    }

    /// The sentences as JSONL for the file `decoded` was decoded from (the text this
    /// `Text` segments): one object a line with `end`, `id`, `lang`, `para`, `start` and
    /// `text`, where `start` and `end` are byte offsets into the file as given (its byte
    /// order mark included; for a file not in UTF-8, offsets of its own bytes, so that
    /// `file[start..end]` decodes to the sentence verbatim) and `id` is the sentence's index
    /// in this text: the index `bialign align` gives it on the side of its language (see
    /// [`Segmenter::segment_parts`]).
    ///
    /// ```
    /// use bialign::text::decode::decode_report;
    /// use bialign::text::{Lang, Segmenter};
    ///
    /// let file = b"\xEF\xBB\xBFHe came. She left.";
    /// let decoded = decode_report(file, "en.txt", false)?;
    /// let text = Segmenter::new().segment(&decoded.text, Lang::En);
    /// let jsonl = text.to_file_jsonl(&decoded);
    /// assert_eq!(
    ///     jsonl.lines().nth(1),
    ///     Some(r#"{"end":21,"id":1,"lang":"en","para":0,"start":12,"text":"She left."}"#)
    /// );
    /// assert_eq!(&file[12..21], b"She left.");
    /// # Ok::<(), bialign::Error>(())
    /// ```
    pub fn to_file_jsonl(&self, decoded: &Decoded) -> String {
        self.jsonl(|at| decoded.file_offset(at), true)
    }

    /// The JSONL records, with offsets mapped by `offset` and with ids or without.
    fn jsonl<'a>(&'a self, offset: impl Fn(usize) -> usize, ids: bool) -> String {
        let mut out = String::new();
        let mut push = |record: SentenceRecord<'_>| {
            // Serialising plain numbers and strings cannot fail.
            if let Ok(line) = serde_json::to_string(&record) {
                out.push_str(&line);
                out.push('\n');
            }
        };
        let mut aside = self.set_aside().iter().peekable();
        let aside_record = |a: &'a super::Aside| SentenceRecord {
            end: offset(a.span.end),
            id: None,
            lang: self.lang().code(),
            para: a.para,
            set_aside: Some(a.reason.reason()),
            start: offset(a.span.start),
            text: &a.text,
        };
        for (id, s) in self.sentences().iter().enumerate() {
            while let Some(a) = aside.next_if(|a| a.before <= id) {
                push(aside_record(a));
            }
            push(SentenceRecord {
                end: offset(s.span.end),
                id: ids.then_some(id),
                lang: self.lang().code(),
                para: s.para,
                set_aside: None,
                start: offset(s.span.start),
                text: &s.text,
            });
        }
        for a in aside {
            push(aside_record(a));
        }
        out
    }
}

impl Segmenter {
    /// Segments a text whose language may not be known: a text holding two languages of
    /// different scripts gives its two parts (only the part of `lang`'s script when `lang`
    /// is given), any other text one part, in `lang` or in the language detected (English
    /// when none is).
    ///
    /// The parts of a text holding two languages come in the order of
    /// [`mixed_scripts`](super::partition::mixed_scripts) (Chinese first, else the language
    /// that comes first), each in `lang` where that is its script, else in the language its
    /// function words name, as `align` of the file names it (a French annex is French),
    /// else in its script's language ([`Lang::of_script`]: a Latin part is English, a
    /// Cyrillic one Russian). A `lang` of neither script gives the second part. A text in
    /// one script other than Han or Latin is detected as its script's language.
    ///
    /// Each part's sentences are numbered from 0 as `bialign align` numbers the side in
    /// that part's language, with the same presplit setting: for a text holding two
    /// languages, as `align` of that file alone (its Chinese part is the `zh` side, its
    /// English part the `en` side, whichever is the source; for two alphabetic scripts, with
    /// the first part's language as the source); for any other text, as `align` of it as
    /// one of two files. (`align` of one file partitions it whatever it holds, so for a text
    /// that is not mixed, its sides there may differ from the one part here.)
    ///
    /// ```
    /// use bialign::text::{Lang, Segmenter};
    ///
    /// let parts = Segmenter::new().segment_parts("Hello there. How are you?", None);
    /// assert_eq!(parts.len(), 1);
    /// assert_eq!(parts[0].lang(), Lang::En);
    ///
    /// let ru = "Постоянное представительство Азербайджана свидетельствует свое уважение \
    ///           Генеральному секретарю. Оно имеет честь препроводить заявление министерства.";
    /// let en = "The Permanent Mission presents its compliments. It has the honour to transmit.";
    /// let doc = format!("{ru}\n\n{ru}\n\n{en}\n\n{en}\n");
    /// let parts = Segmenter::new().segment_parts(&doc, None);
    /// assert_eq!(parts.iter().map(|t| t.lang()).collect::<Vec<_>>(), [Lang::Ru, Lang::En]);
    /// assert_eq!(parts[0].len(), 4);
    /// let fr = Segmenter::new().segment_parts(&doc, Some(Lang::Fr));
    /// assert_eq!((fr.len(), fr[0].lang(), fr[0].len()), (1, Lang::Fr, 4));
    ///
    /// // A French annex is French by its words, as `align` of the file takes it.
    /// let zh = "法国常驻联合国代表团向秘书长致意，并谨转递外交部关于停火的声明，请将其作为大会文件分发。";
    /// let annex = "Le Ministère des affaires étrangères rappelle le cessez-le-feu que les deux \
    ///              parties ont accepté au mois de novembre, et il demande que le texte de la \
    ///              présente note soit distribué comme document du Conseil.";
    /// let doc = format!("{zh}\n\n{zh}\n\n{annex}\n\n{annex}\n");
    /// let parts = Segmenter::new().segment_parts(&doc, None);
    /// assert_eq!(parts.iter().map(|t| t.lang()).collect::<Vec<_>>(), [Lang::Zh, Lang::Fr]);
    /// ```
    pub fn segment_parts(&self, text: &str, lang: Option<Lang>) -> Vec<Text> {
        self.segment_parts_blocks(text, lang, None)
    }

    /// [`Segmenter::segment_parts`] of a document's text whose paragraphs `blocks` describe
    /// (as [`Decoded::blocks`] gives them), for the clean-up.
    pub fn segment_parts_blocks(
        &self,
        text: &str,
        lang: Option<Lang>,
        blocks: Option<&[super::Block]>,
    ) -> Vec<Text> {
        if let Some(scripts) = self.mixed_scripts(text) {
            // As `align` of the file names its parts: by the function words of each
            // script's part, else the script's language.
            let langs = scripts.map(|s| match lang {
                Some(l) if l.script() == s => l,
                _ => Lang::identify_in(text, s).0,
            });
            let (first, second) = self.segment_mixed_between(text, blocks, langs);
            match lang {
                None => vec![first, second],
                Some(l) if l.script() == scripts[0] => vec![first],
                Some(_) => vec![second],
            }
        } else {
            let lang = lang.or_else(|| self.detect_any(text)).unwrap_or(Lang::En);
            vec![self.segment_detect_blocks(text, lang, blocks).0]
        }
    }

    /// [`Segmenter::detect`], but a text mostly in a script other than Han and Latin is
    /// that script's language ([`Lang::of_script`]).
    fn detect_any(&self, text: &str) -> Option<Lang> {
        match super::Script::detect(text) {
            Some(s) if s != super::Script::Han && s != super::Script::Latin => {
                Some(Lang::of_script(s))
            }
            _ => self.detect(text),
        }
    }
}
