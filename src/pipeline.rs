//! [`Pipeline`]: the whole run for one set of [`Options`], from files or texts to written
//! output, so that every front-end (the command line's `align` and `batch`, the Python
//! package, the review server) reads, segments, aligns and writes the same way.

use crate::export::{Format, OutputFile, Writer};
use crate::text::decode::{decode_report, Decoded};
use crate::text::partition::lacks_script;
use crate::text::{Block, Script, Segmenter, Text};
use crate::{
    Aligner, Alignment, Error, FixedBead, Genre, Lang, Lexicon, Options, Realigner, Result,
};
use std::path::Path;
use std::sync::Arc;

/// A text to segment: `(text, name, blocks)`, the blocks describing a document's paragraphs.
type Side<'a> = (&'a str, &'a str, Option<&'a [Block]>);

/// Texts this long in all (bytes) are segmented on two threads when the options allow two.
const PARALLEL_SEGMENT_BYTES: usize = 256 * 1024;

/// Reading, segmenting, aligning and writing with one set of [`Options`].
///
/// It holds the segmenter and two aligners that share one lexicon (user dictionaries are
/// loaded once): one for pairs of texts, one for a text holding both languages (they
/// differ in the genre when [`Options::genre`] is not set). It is immutable and can be
/// shared across threads.
///
/// ```
/// use bialign::{export::Format, Options, Pipeline};
///
/// let pipeline = Pipeline::new(&Options::default())?;
/// let doc = pipeline.document(("我父亲是医生。他每天去医院。", "zh.txt"), Some((
///     "My father is a doctor. He goes to the hospital every day.",
///     "en.txt",
/// )))?;
/// let alignment = pipeline.align(&doc)?;
/// let tsv = pipeline.writer(&doc, &alignment).render(Format::Tsv)?;
/// assert!(String::from_utf8(tsv).unwrap().starts_with("我父亲是医生。\tMy father is a doctor."));
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pipeline {
    options: Options,
    /// The lexicon the options' dictionaries made (`None`: the bundled one), kept so that
    /// [`Pipeline::reconfigure`] need not load them again.
    lexicon: Option<Arc<Lexicon>>,
    segmenter: Segmenter,
    paired: Aligner,
    mixed: Aligner,
    /// The beads of [`Options::fixed`], read when the pipeline was made.
    fixed: Option<Arc<Vec<FixedBead>>>,
}

/// One document pair, segmented: two texts, the names their output shows, and what was
/// noticed on the way (a text that does not look like its language).
#[derive(Debug, Clone)]
pub struct Document {
    /// The source text's sentences.
    pub src: Text,
    /// The target text's sentences.
    pub tgt: Text,
    /// The source document's name (shown in TMX and HTML output).
    pub src_name: Option<String>,
    /// The target document's name.
    pub tgt_name: Option<String>,
    /// Whether one text held both languages.
    pub mixed: bool,
    /// Warnings about the input, one line each, naming the text.
    pub warnings: Vec<String>,
}

impl Pipeline {
    /// A pipeline for `options`, after checking them and loading their dictionaries.
    ///
    /// # Errors
    /// As [`Options::validate`], and when a dictionary cannot be read.
    pub fn new(options: &Options) -> Result<Pipeline> {
        options.validate()?;
        // The bundled lexicon is Chinese-English: another pair's dictionaries stand alone.
        let (sl, tl) = (options.src_lang.lang(), options.tgt_lang.lang());
        let han_en = |a: Lang, b: Lang| a.script() == Script::Han && b == Lang::En;
        let zh_en = han_en(sl, tl) || han_en(tl, sl);
        let lexicon = if options.no_lexicon || !options.dict.is_empty() {
            let mut lex = if options.no_lexicon || !zh_en {
                Lexicon::empty()
            } else {
                (*Lexicon::bundled()).clone()
            };
            for d in &options.dict {
                lex.add_file_limited(d, options.max_input_bytes)?;
            }
            Some(Arc::new(lex))
        } else {
            None
        };
        let fixed = Pipeline::read_fixed(options)?;
        Ok(Pipeline::with_lexicon(options, lexicon, fixed))
    }

    /// The beads of the options' fixed-bead file, if any.
    fn read_fixed(options: &Options) -> Result<Option<Arc<Vec<FixedBead>>>> {
        options
            .fixed
            .as_deref()
            .map(|path| crate::fixed::read_fixed(path, options.max_input_bytes).map(Arc::new))
            .transpose()
    }

    /// The pipeline of `options` (validated) with the lexicon their dictionaries make and
    /// the fixed beads of their file.
    fn with_lexicon(
        options: &Options,
        lexicon: Option<Arc<Lexicon>>,
        fixed: Option<Arc<Vec<FixedBead>>>,
    ) -> Pipeline {
        let genre = |default| options.genre.unwrap_or(default);
        let segmenter = Segmenter::new()
            .presplit(options.presplit)
            .cleanup(!options.no_cleanup);
        Pipeline {
            paired: options.aligner(genre(Genre::Literary), lexicon.clone()),
            mixed: options.aligner(genre(Genre::Official), lexicon.clone()),
            lexicon,
            segmenter,
            options: options.clone(),
            fixed,
        }
    }

    /// A pipeline with this one's options changed by `change`, sharing this one's loaded
    /// dictionaries when the change leaves them alone (`dict`, `no_lexicon` and
    /// `max_input_bytes` unchanged) and loading them otherwise: a front-end that aligns the
    /// same documents one at a time and many at once (one thread each), or texts and lists
    /// of sentences (presplit), keeps one pipeline per variant at the cost of one.
    ///
    /// ```
    /// use bialign::{Options, Pipeline};
    ///
    /// let pipeline = Pipeline::new(&Options::default())?;
    /// let presplit = pipeline.reconfigure(|o| o.presplit = true)?;
    /// let doc = presplit.document(("他来了。她走了。", "zh"), Some(("He came. She left.", "en")))?;
    /// assert_eq!((doc.src.len(), doc.tgt.len()), (1, 1));
    /// assert!(pipeline.reconfigure(|o| o.max_bead = 1).is_err());
    /// # Ok::<(), bialign::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Pipeline::new`] for the changed options.
    pub fn reconfigure(&self, change: impl FnOnce(&mut Options)) -> Result<Pipeline> {
        let mut options = self.options.clone();
        change(&mut options);
        let o = &self.options;
        let same_lexicon = (&options.dict, options.no_lexicon, options.max_input_bytes)
            == (&o.dict, o.no_lexicon, o.max_input_bytes);
        if !same_lexicon {
            return Pipeline::new(&options);
        }
        options.validate()?;
        let fixed = if options.fixed == o.fixed {
            self.fixed.clone()
        } else {
            Pipeline::read_fixed(&options)?
        };
        Ok(Pipeline::with_lexicon(
            &options,
            self.lexicon.clone(),
            fixed,
        ))
    }

    /// The options this pipeline was made with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The segmenter (presplit or not, as the options say).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The aligner for a document: `mixed` when one text held both languages.
    pub fn aligner(&self, mixed: bool) -> &Aligner {
        if mixed {
            &self.mixed
        } else {
            &self.paired
        }
    }

    /// Reads and segments the files `src` and `tgt` (`-` for standard input); without `tgt`,
    /// `src` holds both languages. The documents are named as [`Options::doc_name`] says;
    /// what decoding repaired is in the document's warnings (see
    /// [`Pipeline::document_decoded`]).
    ///
    /// # Errors
    /// When a file cannot be read or decoded (or, with [`Options::strict_decoding`], is
    /// damaged UTF-8) or is over [`Options::max_input_bytes`].
    pub fn read(&self, src: &Path, tgt: Option<&Path>) -> Result<Document> {
        let src_text = self.options.read_input(src)?;
        let tgt_text = tgt.map(|t| self.options.read_input(t)).transpose()?;
        self.document_of_files((src, &src_text), tgt.zip(tgt_text.as_ref()))
    }

    /// [`Pipeline::read`] of files already read (with [`Options::read_input`]): a front-end
    /// that reads its inputs before it builds the pipeline (to report a bad file before
    /// dictionaries load) names and segments them the same way.
    ///
    /// # Errors
    /// As [`Pipeline::document`].
    pub fn document_of_files(
        &self,
        (src, src_text): (&Path, &Decoded),
        tgt: Option<(&Path, &Decoded)>,
    ) -> Result<Document> {
        // Messages name the files as given; the outputs name them as the options say.
        let src_path = src.display().to_string();
        let tgt_path = tgt.map(|(t, _)| t.display().to_string());
        let mut doc = self.document_decoded(
            (src_text, &src_path),
            tgt.map(|(_, text)| text).zip(tgt_path.as_deref()),
        )?;
        doc.src_name = Some(self.options.doc_name(src));
        doc.tgt_name = Some(self.options.doc_name(tgt.map_or(src, |(t, _)| t)));
        Ok(doc)
    }

    /// Checks a text given directly (not read from a file) as a file's bytes are checked:
    /// size limit, binary data refused, byte order mark dropped. `name` is used in messages.
    /// (A `&str` is valid UTF-8, so decoding it repairs nothing and
    /// [`Options::strict_decoding`] refuses nothing more.)
    ///
    /// # Errors
    /// When the text is over [`Options::max_input_bytes`] or is not text.
    pub fn check_text(&self, text: &str, name: &str) -> Result<String> {
        let limit = self.options.max_input_bytes;
        if text.len() as u64 > limit {
            return Err(Error::too_large(name, text.len() as u64, limit));
        }
        decode_report(text.as_bytes(), name, self.options.strict_decoding).map(|d| d.text)
    }

    /// [`Pipeline::document`] of decoded texts (from [`Options::read_input`], say), with
    /// what decoding repaired first among the document's warnings (source, then target).
    ///
    /// # Errors
    /// As [`Pipeline::document`].
    pub fn document_decoded(
        &self,
        (src, src_name): (&Decoded, &str),
        tgt: Option<(&Decoded, &str)>,
    ) -> Result<Document> {
        let mut doc = self.document_blocks(
            (&src.text, src_name, src.blocks()),
            tgt.map(|(t, name)| (t.text.as_str(), name, t.blocks())),
        )?;
        let mut warnings: Vec<String> = src
            .warnings
            .iter()
            .chain(tgt.iter().flat_map(|(t, _)| &t.warnings))
            .cloned()
            .collect();
        warnings.append(&mut doc.warnings);
        doc.warnings = warnings;
        Ok(doc)
    }

    /// Segments a document pair given as `(text, name)`; without `tgt`, `src` holds both
    /// languages and is partitioned. Names are set to those given (for a text holding both
    /// languages, both sides take its name).
    ///
    /// # Errors
    /// An [`Input`](crate::ErrorKind::Input) error naming the text when a side has no
    /// sentence, when a side has no character of its language at all (English given as the
    /// Chinese side; with both sides so, the message says to swap them or give the
    /// languages), or when a single text does not hold both languages.
    pub fn document(&self, src: (&str, &str), tgt: Option<(&str, &str)>) -> Result<Document> {
        self.document_blocks((src.0, src.1, None), tgt.map(|(t, n)| (t, n, None)))
    }

    /// [`Pipeline::document`] of texts `(text, name, blocks)`, the blocks describing a
    /// document's paragraphs for the clean-up.
    fn document_blocks(
        &self,
        (src_text, src_name, src_blocks): Side<'_>,
        tgt: Option<Side<'_>>,
    ) -> Result<Document> {
        let mut warnings = Vec::new();
        let src = (src_text, src_name);
        let mixed = tgt.is_none();
        let (s, t) = match tgt {
            Some((tgt_text, tgt_name, tgt_blocks)) => {
                let tgt = (tgt_text, tgt_name);
                let langs = self.pair_langs(src_text, tgt_text);
                self.check_languages(src, tgt, langs)?;
                self.segment_pair(
                    (src_text, src_name, src_blocks),
                    (tgt_text, tgt_name, tgt_blocks),
                    langs,
                    &mut warnings,
                )
            }
            None => self.segment_mixed(src_text, src_name, src_blocks)?,
        };
        let tgt_name = tgt.map_or(src_name, |(_, n, _)| n);
        for (text, name) in [(&s, src_name), (&t, tgt_name)] {
            if text.is_empty() {
                return Err(Error::input(name, "has no text to align"));
            }
            for a in text.set_aside() {
                crate::diag::debug!(
                    target: "bialign::cleanup",
                    "set aside from {name} ({}, paragraph {}): {}: {}",
                    text.lang(),
                    a.para,
                    a.reason,
                    a.text
                );
            }
        }
        Ok(Document {
            src: s,
            tgt: t,
            src_name: Some(src_name.to_string()),
            tgt_name: Some(tgt_name.to_string()),
            mixed,
            warnings,
        })
    }

    /// The languages of two texts: the options', or with [`Options::detect_langs`] the ones
    /// [`Lang::identify`] finds where it is sure of another (another script, or another
    /// language of the script by its function words; not a mere default of the script).
    /// The options' two the wrong way round, or one language twice, are left to
    /// [`Pipeline::check_languages`] and the aligner to report.
    fn pair_langs(&self, src: &str, tgt: &str) -> (Lang, Lang) {
        let declared = (self.options.src_lang.lang(), self.options.tgt_lang.lang());
        if !self.options.detect_langs {
            return declared;
        }
        let found = |text: &str, given: Lang| match Lang::identify_how(text) {
            Some((lang, by_words)) if lang.script() != given.script() || by_words => lang,
            _ => given,
        };
        let langs = (found(src, declared.0), found(tgt, declared.1));
        if langs.0 == langs.1 || langs == (declared.1, declared.0) {
            declared
        } else {
            langs
        }
    }

    /// The languages of the two sides of a text holding two: the options', or with
    /// [`Options::detect_langs`] the languages of its scripts ([`Lang::identify_in`]).
    /// When the text's two scripts ([`Segmenter::scripts_of_two_parts`]: one paragraph of
    /// each is enough, a cover note of one paragraph) are those of the options' languages,
    /// or when it has too little of a second script to name one, each side keeps its
    /// language unless the function words of its script's part name another (a Chinese
    /// note with a French annex is Chinese and French, not the default English).
    /// Otherwise a side keeps its language where the text has its script and the other
    /// side takes the other script; where it has neither, the first part is the source.
    fn mixed_langs(&self, text: &str) -> (Lang, Lang) {
        let declared = (self.options.src_lang.lang(), self.options.tgt_lang.lang());
        if !self.options.detect_langs {
            return declared;
        }
        let (src, tgt) = declared;
        // As for two files: another language of the script only by its words, not as the
        // script's default. (Two languages of one script are refused by the caller.)
        let by_words = |l: Lang| match Lang::identify_in(text, l.script()) {
            (found, true) => found,
            _ => l,
        };
        let distinct = src.script() != tgt.script();
        // Too little of a second script to tell (a few words): partitioned by the options'
        // scripts. One paragraph is enough: the text is given as holding two languages.
        let Some(scripts) = self.segmenter.scripts_of_two_parts(text) else {
            return if distinct {
                (by_words(src), by_words(tgt))
            } else {
                declared
            };
        };
        let has = |l: Lang| scripts.contains(&l.script());
        if has(src) && has(tgt) && distinct {
            return (by_words(src), by_words(tgt));
        }
        let lang_of = |script: Script| Lang::identify_in(text, script).0;
        let other = |l: Lang| {
            lang_of(if scripts[0] == l.script() {
                scripts[1]
            } else {
                scripts[0]
            })
        };
        match (has(src), has(tgt)) {
            (true, _) => (src, other(src)),
            (false, true) => (other(tgt), tgt),
            (false, false) => (lang_of(scripts[0]), lang_of(scripts[1])),
        }
    }

    /// Refuses a pair whose sides have no character of their languages `(sl, tl)`.
    fn check_languages(
        &self,
        (src, src_name): (&str, &str),
        (tgt, tgt_name): (&str, &str),
        (sl, tl): (Lang, Lang),
    ) -> Result<()> {
        let (src_off, tgt_off) = (lacks_language(src, sl), lacks_language(tgt, tl));
        if src_off && tgt_off && !lacks_script(src, tl) && !lacks_script(tgt, sl) {
            return Err(Error::input(
                src_name,
                format!(
                    "looks like {tl} and {tgt_name} like {sl}: the texts are in the wrong \
                     order; swap them, or give --src-lang {tl} --tgt-lang {sl}"
                ),
            ));
        }
        for (off, name, lang) in [(src_off, src_name, sl), (tgt_off, tgt_name, tl)] {
            if off {
                return Err(Error::input(
                    name,
                    format!(
                        "has no {} at all, so it cannot be the {lang} side; give its \
                         language with --src-lang/--tgt-lang",
                        script_name(lang)
                    ),
                ));
            }
        }
        Ok(())
    }
    /// Segments two texts, in the languages `(sl, tl)`, on two threads when they are long
    /// and the options allow it.
    fn segment_pair(
        &self,
        (src_text, src_name, src_blocks): Side<'_>,
        (tgt_text, tgt_name, tgt_blocks): Side<'_>,
        (sl, tl): (Lang, Lang),
        warnings: &mut Vec<String>,
    ) -> (Text, Text) {
        let o = &self.options;
        let one = |text: &str, lang: Lang, name: &str, blocks| {
            let (segmented, detected) = self.segmenter.segment_detect_blocks(text, lang, blocks);
            (check_lang(text, detected, lang, name), segmented)
        };
        let threads = o
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
        let ((src_warning, src), (tgt_warning, tgt)) =
            if threads >= 2 && src_text.len() + tgt_text.len() >= PARALLEL_SEGMENT_BYTES {
                std::thread::scope(|s| {
                    let tgt = s.spawn(|| one(tgt_text, tl, tgt_name, tgt_blocks));
                    let src = one(src_text, sl, src_name, src_blocks);
                    (
                        src,
                        tgt.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    )
                })
            } else {
                (
                    one(src_text, sl, src_name, src_blocks),
                    one(tgt_text, tl, tgt_name, tgt_blocks),
                )
            };
        warnings.extend(src_warning.into_iter().chain(tgt_warning));
        (src, tgt)
    }

    /// Partitions a text holding both languages into its two sides, in the options'
    /// direction; a text that does not hold both is an error.
    fn segment_mixed(
        &self,
        text: &str,
        name: &str,
        blocks: Option<&[Block]>,
    ) -> Result<(Text, Text)> {
        let (src, tgt) = self.mixed_langs(text);
        if src.script() == tgt.script() {
            return Err(Error::input(
                name,
                format!(
                    "holds both languages, {} and {}, in one script ({:?}): they cannot be \
                     told apart by script; give each language's text as a file of its own",
                    src.name(),
                    tgt.name(),
                    src.script()
                ),
            ));
        }
        // The Han side first, as the partition of Chinese and English always had it (a
        // paragraph that nothing decides goes to it).
        let han_second = tgt.script() == Script::Han;
        let langs = if han_second { [tgt, src] } else { [src, tgt] };
        let (first, second) = self.segmenter.segment_mixed_between(text, blocks, langs);
        if first.is_empty() || second.is_empty() {
            let (has, lacks) = if first.is_empty() {
                (
                    format!("{} {}", second.len(), langs[1].name()),
                    langs[0].name(),
                )
            } else {
                (
                    format!("{} {}", first.len(), langs[0].name()),
                    langs[1].name(),
                )
            };
            return Err(Error::input(
                name,
                format!(
                    "does not hold both languages ({has} sentences, no {lacks}): give the \
                     {lacks} text as a second file"
                ),
            ));
        }
        Ok(if han_second {
            (second, first)
        } else {
            (first, second)
        })
    }

    /// Aligns a document with the aligner its kind calls for, keeping the beads of
    /// [`Options::fixed`] when it names a file.
    ///
    /// # Errors
    /// When the two sides' languages are not a supported pair, and as
    /// [`Pipeline::align_fixed`] for the file's beads (naming the file).
    pub fn align(&self, doc: &Document) -> Result<Alignment> {
        match (&self.fixed, &self.options.fixed) {
            (Some(fixed), Some(path)) => self.align_fixed(doc, fixed).map_err(|e| e.in_file(path)),
            _ => self.aligner(doc.mixed).align(&doc.src, &doc.tgt),
        }
    }

    /// The beads of [`Options::fixed`], read when the pipeline was made (`None` without).
    pub fn fixed(&self) -> Option<&[FixedBead]> {
        self.fixed.as_deref().map(Vec::as_slice)
    }

    /// Aligns a document keeping `fixed` exactly (in the document's direction), with the
    /// aligner its kind calls for ([`Aligner::align_fixed`]).
    ///
    /// # Errors
    /// As [`Aligner::align_fixed`].
    pub fn align_fixed(&self, doc: &Document, fixed: &[FixedBead]) -> Result<Alignment> {
        self.aligner(doc.mixed)
            .align_fixed(&doc.src, &doc.tgt, fixed)
    }

    /// A [`Realigner`] of a document, with the aligner its kind calls for, starting from
    /// the beads of [`Options::fixed`] when it names a file.
    ///
    /// # Errors
    /// As [`Realigner::with_fixed`] (naming the file for its beads).
    pub fn realigner(&self, doc: &Document) -> Result<Realigner> {
        let fixed = self.fixed().unwrap_or_default();
        Realigner::with_fixed(self.aligner(doc.mixed), &doc.src, &doc.tgt, fixed).map_err(|e| {
            match &self.options.fixed {
                Some(path) => e.in_file(path),
                None => e,
            }
        })
    }

    /// A writer of `alignment` over `doc`'s sentences, with its languages, names and the
    /// options' minimum score.
    pub fn writer<'a>(&'a self, doc: &'a Document, alignment: &'a Alignment) -> Writer<'a> {
        let o = &self.options;
        // The tags as given reach the outputs; a bare language takes the writer's default.
        let tag =
            |t: &'a crate::text::LangTag, lang: Lang| t.explicit().filter(|_| t.lang() == lang);
        let tags = (
            tag(&o.src_lang, doc.src.lang()),
            tag(&o.tgt_lang, doc.tgt.lang()),
        );
        let w = Writer::for_sentences(alignment, doc.src.texts(), doc.tgt.texts())
            .with_langs(doc.src.lang(), doc.tgt.lang())
            .with_names(doc.src_name.as_deref(), doc.tgt_name.as_deref())
            .with_tags(tags.0, tags.1)
            .with_set_aside(doc.src.set_aside(), doc.tgt.set_aside());
        match self.options.min_score {
            Some(min) => w.with_min_score(min),
            None => w,
        }
    }

    /// The format for `output`: the options' format, else the one `output`'s extension
    /// names, else TSV.
    pub fn format_for(&self, output: Option<&Path>) -> Format {
        self.options.format_for(output)
    }

    /// Aligns `doc` and renders it in `format`: the files to write (`None` as the path of
    /// output meant for standard output; Moses needs `output` as the prefix of its two
    /// files), and the alignment's [`Tally`](crate::Tally).
    ///
    /// # Errors
    /// When the pair of languages is not supported, or Moses has no `output` prefix.
    pub fn render(
        &self,
        doc: &Document,
        format: Format,
        output: Option<&Path>,
    ) -> Result<(Vec<OutputFile>, crate::Tally)> {
        let alignment = self.align(doc)?;
        let files = self.writer(doc, &alignment).files(format, output)?;
        Ok((files, alignment.tally()))
    }
}

/// Whether a text has visible characters but none of `lang`'s: for Chinese neither a Han
/// character nor a Chinese punctuation mark (a text of digits and `。` is still Chinese
/// enough), for English no Latin letter.
fn lacks_language(text: &str, lang: Lang) -> bool {
    lacks_script(text, lang)
        && !(lang == Lang::Zh && text.chars().any(crate::chars::is_chinese_mark))
}

/// What a text in `lang` is written in, for messages.
fn script_name(lang: Lang) -> &'static str {
    match lang.script() {
        Script::Han => "Chinese characters or punctuation",
        Script::Latin => "Latin letters",
        Script::Cyrillic => "Cyrillic letters",
        Script::Greek => "Greek letters",
        Script::Arabic => "Arabic letters",
        Script::Hebrew => "Hebrew letters",
        _ => "letters of its script",
    }
}

/// A warning when a text is mostly in another language than the one it is declared in
/// (`detected`: the language most of it is written in). A text without any character of
/// its language is refused before this ([`Pipeline::document`]).
fn check_lang(text: &str, detected: Option<Lang>, lang: Lang, name: &str) -> Option<String> {
    if lacks_script(text, lang) {
        return None;
    }
    let zh_en = |l: Lang| l == Lang::Zh || l == Lang::En;
    match detected {
        Some(found) if zh_en(lang) && zh_en(found) && found != lang => Some(format!(
            "{name} looks like {found}, not {lang}; aligning it as {lang}"
        )),
        // Any other language: by its script.
        _ if !zh_en(lang) => match crate::text::Script::detect(text) {
            Some(found) if found != lang.script() => Some(format!(
                "{name} looks like {} text, not {lang}; aligning it as {lang}",
                found.code()
            )),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reconfigured pipeline aligns as one made from the changed options, and shares the
    /// loaded dictionaries unless the change touches them.
    #[test]
    fn reconfigure_is_new_with_the_changed_options() {
        let dir = tempfile::tempdir().unwrap();
        let dict = dir.path().join("names.tsv");
        std::fs::write(&dict, "Wei\t韦\n").unwrap();
        let base = Options {
            dict: vec![dict],
            ..Options::default()
        };
        let pipeline = Pipeline::new(&base).unwrap();
        let zh = "韦小宝来了。他笑了。她走了。";
        let en = "Wei came. He laughed and she left.";
        type Change = fn(&mut Options);
        let cases: [(&str, Change, bool); 4] = [
            ("presplit", |o| o.presplit = true, true),
            ("threads", |o| o.threads = Some(1), true),
            ("max bead", |o| o.max_bead = 3, true),
            ("no lexicon", |o| o.no_lexicon = true, false),
        ];
        for (name, change, shared) in cases {
            let changed = pipeline.reconfigure(change).unwrap();
            let mut options = base.clone();
            change(&mut options);
            assert_eq!(changed.options(), &options, "{name}");
            let fresh = Pipeline::new(&options).unwrap();
            let doc = |p: &Pipeline| p.document((zh, "zh"), Some((en, "en"))).unwrap();
            let (a, b) = (doc(&changed), doc(&fresh));
            assert_eq!(
                changed.align(&a).unwrap(),
                fresh.align(&b).unwrap(),
                "{name}"
            );
            let same = match (&changed.lexicon, &pipeline.lexicon) {
                (Some(x), Some(y)) => Arc::ptr_eq(x, y),
                _ => false,
            };
            assert_eq!(same, shared, "{name}");
        }
        let err = pipeline.reconfigure(|o| o.band = 0).unwrap_err();
        assert_eq!(err.option(), Some("band"));
    }
}
