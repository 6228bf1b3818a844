//! Whole texts: decoded input, normalised and split into paragraphs and sentences.

use super::block::{Block, SetAside};
use super::cleanup::{classify, footnote_marks, Aside};
use super::normalize::{normalize, normalize_lines, Normalized};
use super::partition::{
    is_mixed, mixed_scripts, partition_between, script_between, script_of, scripts_of_two_parts,
};
use super::segment::{self, EnSplitter, SentenceSplitter, ZhSplitter};
use super::{Lang, Script};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

mod edit;
pub(crate) use edit::needs_space;

/// One sentence of a [`Text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range of the sentence in the original (decoded) input: `&text.original()[span]`
    /// quotes it verbatim, line breaks and stray spaces included.
    pub span: Range<usize>,
    /// The normalised sentence (wrapped lines joined, spaces between Han characters dropped),
    /// used for matching and for output.
    pub text: String,
    /// Index of the paragraph of the input the sentence belongs to.
    pub para: usize,
}

/// A text in one language, split into sentences.
#[derive(Clone, Debug)]
pub struct Text {
    lang: Lang,
    original: Arc<str>,
    sentences: Vec<Sentence>,
    /// Whether paragraph numbers say something (not for presplit input, where every line is
    /// its own paragraph).
    paragraphs: bool,
    /// What the clean-up set apart, in order.
    set_aside: Vec<Aside>,
    /// Per sentence, whether it is (in) a heading, for a document whose reader said so;
    /// empty otherwise.
    headings: Vec<bool>,
}

impl Text {
    /// The language of the text.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The original (decoded) input the sentences point into. For a part of a mixed
    /// document this is the whole document.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The sentences, in order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// Whether the text has no sentences.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// The normalised sentence texts.
    pub fn texts(&self) -> Vec<&str> {
        self.sentences.iter().map(|s| s.text.as_str()).collect()
    }

    /// For each sentence, the number of paragraph breaks before it (0 for every sentence of
    /// presplit input, whose lines say nothing about paragraphs). The aligner uses them to
    /// keep beads inside paragraphs.
    pub fn paragraph_numbers(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.sentences.len());
        let mut k = 0u32;
        for (i, s) in self.sentences.iter().enumerate() {
            if self.paragraphs && i > 0 && s.para != self.sentences[i - 1].para {
                k += 1;
            }
            out.push(k);
        }
        out
    }

    /// What the clean-up set apart from the sentences ([`Segmenter::cleanup`]), in order:
    /// running headers and footers, page numbers, document symbols, job numbers, the
    /// distribution block, footnotes and footnote marks.
    pub fn set_aside(&self) -> &[Aside] {
        &self.set_aside
    }

    /// Whether sentence `k` is (in) a heading of a document (its reader said so: a Word or
    /// OpenDocument heading style, an HTML `h1`-`h6`, larger text in a PDF).
    pub fn is_heading(&self, k: usize) -> bool {
        self.headings.get(k).copied().unwrap_or(false)
    }

    /// Sentence `k` quoted verbatim from the input.
    pub fn verbatim(&self, k: usize) -> Option<&str> {
        self.sentences
            .get(k)
            .and_then(|s| self.original.get(s.span.clone()))
    }
}

/// Turns decoded text into [`Text`]s: normalisation, partition of mixed documents, and
/// sentence splitting with one splitter per language: the default splitter of the language
/// (the table in [`super::segment`]) unless the builder was given another one.
///
/// ```
/// use bialign::text::{Lang, Segmenter};
///
/// let seg = Segmenter::new();
/// let text = seg.segment("他来了。她走了。", Lang::Zh);
/// assert_eq!(text.texts(), ["他来了。", "她走了。"]);
/// ```
#[derive(Clone, Default)]
pub struct Segmenter {
    /// Splitters given to the builder, by language (one entry a language at most).
    splitters: Vec<(Lang, Arc<dyn SentenceSplitter>)>,
    presplit: bool,
    cleanup: bool,
}

impl fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let custom: Vec<Lang> = self.splitters.iter().map(|&(lang, _)| lang).collect();
        f.debug_struct("Segmenter")
            .field("custom_splitters", &custom)
            .field("presplit", &self.presplit)
            .field("cleanup", &self.cleanup)
            .finish()
    }
}

impl Segmenter {
    /// A segmenter with the default splitters.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// Treats input as already split: line `i` is sentence `i` (empty lines included), as in
    /// evaluation sets.
    pub fn presplit(mut self, on: bool) -> Segmenter {
        self.presplit = on;
        self
    }

    /// Sets apart what is not the document's own text (off by default): running headers and
    /// footers, page numbers, UN document symbols and job numbers, the distribution block,
    /// footnotes and footnote marks ([`Text::set_aside`]; the rules are those of
    /// `text::cleanup`, in DESIGN.md). Presplit input is never cleaned up (line `i` stays
    /// sentence `i`).
    pub fn cleanup(mut self, on: bool) -> Segmenter {
        self.cleanup = on;
        self
    }

    /// Uses this Chinese splitter.
    pub fn zh_splitter(self, splitter: ZhSplitter) -> Segmenter {
        self.splitter(Lang::Zh, splitter)
    }

    /// Uses this English splitter.
    pub fn en_splitter(self, splitter: EnSplitter) -> Segmenter {
        self.splitter(Lang::En, splitter)
    }

    /// Uses `splitter` for the text in `lang` (instead of the language's default).
    pub fn splitter(mut self, lang: Lang, splitter: impl SentenceSplitter + 'static) -> Segmenter {
        self.splitters.retain(|&(l, _)| l != lang);
        self.splitters.push((lang, Arc::new(splitter)));
        self
    }

    /// The splitter for `lang`: the builder's, or the language's default.
    fn splitter_for(&self, lang: Lang) -> Arc<dyn SentenceSplitter> {
        match self.splitters.iter().find(|&&(l, _)| l == lang) {
            Some((_, s)) => Arc::clone(s),
            None => segment::splitter(lang),
        }
    }

    /// Segments a text that is in `lang` as a whole.
    pub fn segment(&self, original: &str, lang: Lang) -> Text {
        self.segment_detect_blocks(original, lang, None).0
    }

    /// Whether `original` holds substantial text in both languages (see
    /// [`super::partition::is_mixed`]).
    pub fn is_mixed(&self, original: &str) -> bool {
        let norm = self.normalize(original);
        let paras: Vec<&str> = norm.paragraph_texts().collect();
        is_mixed(&paras)
    }

    /// The language most of `original` is written in, if it has any letters at all.
    pub fn detect(&self, original: &str) -> Option<Lang> {
        detect_in(&self.normalize(original))
    }

    /// The scripts of the two languages `original` holds, if it holds two languages of
    /// different scripts substantially (see [`super::partition::mixed_scripts`]): Chinese
    /// and English as [`Segmenter::is_mixed`] tells them, or any other two scripts.
    pub fn mixed_scripts(&self, original: &str) -> Option<[Script; 2]> {
        let norm = self.normalize(original);
        let paras: Vec<&str> = norm.paragraph_texts().collect();
        mixed_scripts(&paras)
    }

    /// The scripts of the two parts of `original`, given as holding two languages (see
    /// [`super::partition::scripts_of_two_parts`]: one paragraph of a script is enough).
    pub fn scripts_of_two_parts(&self, original: &str) -> Option<[Script; 2]> {
        let norm = self.normalize(original);
        let paras: Vec<&str> = norm.paragraph_texts().collect();
        scripts_of_two_parts(&paras)
    }

    /// [`Segmenter::segment`] and [`Segmenter::detect`] together, normalising `original` once:
    /// the text segmented as `lang`, and the language most of it is written in.
    pub fn segment_detect(&self, original: &str, lang: Lang) -> (Text, Option<Lang>) {
        self.segment_detect_blocks(original, lang, None)
    }

    /// [`Segmenter::segment_detect`] of a document's text whose paragraphs `blocks`
    /// describe (one each, as [`Decoded::blocks`](super::decode::Decoded::blocks) gives
    /// them), for the clean-up.
    pub fn segment_detect_blocks(
        &self,
        original: &str,
        lang: Lang,
        blocks: Option<&[Block]>,
    ) -> (Text, Option<Lang>) {
        let original: Arc<str> = original.into();
        let norm = self.normalize(&original);
        let detected = detect_in(&norm);
        let paragraphs: Vec<usize> = (0..norm.len()).collect();
        let aside = self.set_apart(&norm, blocks);
        (
            self.build(original, &norm, lang, &paragraphs, (&aside, blocks)),
            detected,
        )
    }

    /// Splits a document holding both languages into its Chinese and its English part, by
    /// paragraph (see [`super::partition::partition`]); every paragraph goes to exactly one
    /// part. Returns `(chinese, english)`.
    pub fn segment_mixed(&self, original: &str) -> (Text, Text) {
        self.segment_mixed_blocks(original, None)
    }

    /// [`Segmenter::segment_mixed`] of a document's text whose paragraphs `blocks`
    /// describe, for the clean-up.
    pub fn segment_mixed_blocks(&self, original: &str, blocks: Option<&[Block]>) -> (Text, Text) {
        self.segment_mixed_between(original, blocks, [Lang::Zh, Lang::En])
    }

    /// [`Segmenter::segment_mixed_blocks`] of a document holding two languages of different
    /// scripts, `langs` (see [`partition_between`]; a paragraph without a letter of
    /// either goes with its neighbours, or to `langs[0]`): the parts in the order of `langs`.
    /// Two languages of one script cannot be told apart this way: everything is `langs[0]`.
    pub fn segment_mixed_between(
        &self,
        original: &str,
        blocks: Option<&[Block]>,
        langs: [Lang; 2],
    ) -> (Text, Text) {
        let original: Arc<str> = original.into();
        let norm = self.normalize(&original);
        let paras: Vec<&str> = norm.paragraph_texts().collect();
        let scripts = langs.map(Lang::script);
        let parts = if scripts[0] == scripts[1] {
            vec![0; paras.len()]
        } else if self.presplit {
            paras
                .iter()
                .map(|p| script_between(p, scripts).unwrap_or(0))
                .collect()
        } else {
            partition_between(&paras, scripts)
        };
        let pick = |part: usize| -> Vec<usize> {
            (0..parts.len()).filter(|&i| parts[i] == part).collect()
        };
        let aside = self.set_apart(&norm, blocks);
        let first = self.build(
            original.clone(),
            &norm,
            langs[0],
            &pick(0),
            (&aside, blocks),
        );
        let second = self.build(original, &norm, langs[1], &pick(1), (&aside, blocks));
        (first, second)
    }

    /// What the clean-up sets apart, per paragraph (nothing when it is off or the input is
    /// presplit).
    fn set_apart(&self, norm: &Normalized, blocks: Option<&[Block]>) -> Vec<Option<SetAside>> {
        if !self.cleanup || self.presplit {
            return Vec::new();
        }
        let paras: Vec<&str> = norm.paragraph_texts().collect();
        classify(&paras, blocks)
    }

    fn normalize(&self, original: &str) -> Normalized {
        if self.presplit {
            normalize_lines(original)
        } else {
            normalize(original)
        }
    }

    fn build(
        &self,
        original: Arc<str>,
        norm: &Normalized,
        lang: Lang,
        paras: &[usize],
        (aside, blocks): (&[Option<SetAside>], Option<&[Block]>),
    ) -> Text {
        let splitter = self.splitter_for(lang);
        let blocks = blocks.filter(|b| b.len() == norm.len());
        let heading = |p: usize| {
            blocks.is_some_and(|b| matches!(b[p].kind, super::BlockKind::Heading { .. }))
        };
        let mut sentences = Vec::new();
        let mut set_aside = Vec::new();
        for &p in paras {
            let Some(range) = norm.paragraphs().get(p).cloned() else {
                continue;
            };
            let para = &norm.text()[range.clone()];
            if self.presplit {
                // One line, one sentence, even when empty.
                sentences.push(Sentence {
                    span: norm.original_span(range.clone()),
                    text: para.to_string(),
                    para: p,
                });
                continue;
            }
            if let Some(reason) = aside.get(p).copied().flatten() {
                set_aside.push(Aside {
                    text: para.to_string(),
                    span: norm.original_span(range.clone()),
                    para: p,
                    reason,
                    before: sentences.len(),
                });
                continue;
            }
            let marks = if self.cleanup {
                footnote_marks(para)
            } else {
                Vec::new()
            };
            for r in splitter.split(para) {
                let abs = range.start + r.start..range.start + r.end;
                let inside: Vec<&std::ops::Range<usize>> = marks
                    .iter()
                    .filter(|m| m.start >= r.start && m.end <= r.end)
                    .collect();
                if inside.is_empty() {
                    sentences.push(Sentence {
                        span: norm.original_span(abs),
                        text: para[r].to_string(),
                        para: p,
                    });
                    continue;
                }
                // The sentence without its marks (a sentence that is only marks is none).
                let mut text = String::with_capacity(r.len());
                let mut at = r.start;
                for m in &inside {
                    push_joined(&mut text, &para[at..m.start]);
                    at = m.end;
                }
                push_joined(&mut text, &para[at..r.end]);
                if !text.trim().is_empty() {
                    sentences.push(Sentence {
                        span: norm.original_span(abs),
                        text: text.trim().to_string(),
                        para: p,
                    });
                }
                for m in inside {
                    let abs = range.start + m.start..range.start + m.end;
                    set_aside.push(Aside {
                        text: para[m.clone()].to_string(),
                        span: norm.original_span(abs),
                        para: p,
                        reason: SetAside::FootnoteMark,
                        before: sentences.len(),
                    });
                }
            }
        }
        let headings = if sentences.iter().any(|s| heading(s.para)) {
            sentences.iter().map(|s| heading(s.para)).collect()
        } else {
            Vec::new()
        };
        Text {
            lang,
            original,
            sentences,
            paragraphs: !self.presplit,
            set_aside,
            headings,
        }
    }
}

/// Appends `piece` to a sentence whose footnote mark was taken out before it: the space
/// after the mark goes too between Chinese characters (`附件* 作为` reads `附件作为`), as the
/// normaliser drops spaces there.
fn push_joined(text: &mut String, piece: &str) {
    let cjk_before = text.chars().next_back().is_some_and(crate::chars::is_cjk);
    let mut rest = piece.chars();
    let cjk_after = rest.next() == Some(' ') && rest.next().is_some_and(crate::chars::is_cjk);
    text.push_str(if cjk_before && cjk_after {
        &piece[1..]
    } else {
        piece
    });
}

/// The language most of a normalised text is written in, if it has any letters at all.
fn detect_in(norm: &Normalized) -> Option<Lang> {
    let (mut zh, mut en) = (0usize, 0usize);
    for p in norm.paragraph_texts() {
        match script_of(p) {
            Some(Lang::Zh) => zh += p.len(),
            Some(_) => en += p.len(),
            None => {}
        }
    }
    match (zh, en) {
        (0, 0) => None,
        // Chinese takes 3 bytes a character and about a third of the characters.
        (z, e) if z > 0 && 3 * z >= e => Some(Lang::Zh),
        _ => Some(Lang::En),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_splitters_replace_the_table_per_language() {
        let zh = "我……我不知道。";
        let en = "One. Two.";
        let default = Segmenter::new();
        assert_eq!(default.segment(zh, Lang::Zh).texts(), ["我……我不知道。"]);
        let ellipsis = Segmenter::new().zh_splitter(ZhSplitter::new().with_ellipsis_breaks(true));
        assert_eq!(
            ellipsis.segment(zh, Lang::Zh).texts(),
            ["我……", "我不知道。"]
        );
        // English keeps its default splitter.
        assert_eq!(ellipsis.segment(en, Lang::En).texts(), ["One.", "Two."]);
        // The last splitter given for a language wins.
        let tiny = ellipsis
            .en_splitter(EnSplitter::new().with_max_chars(2))
            .en_splitter(EnSplitter::new());
        assert_eq!(tiny.segment(en, Lang::En).texts(), ["One.", "Two."]);
        assert_eq!(
            format!("{tiny:?}"),
            "Segmenter { custom_splitters: [Lang(zh-Hani), Lang(en-Latn)], presplit: false, cleanup: false }"
        );
    }
}
