//! [`Options`]: every option of an alignment run, once, as the front-ends offer it.
//!
//! The command line's `align` and `batch` flags, the Python keyword arguments and a review
//! session's settings all have these names, defaults and valid ranges; a front-end parses
//! its own syntax into an `Options`, calls [`Options::validate`] (or
//! [`Pipeline::new`](crate::Pipeline::new), which validates) and never repeats a default or
//! a range.

use crate::export::Format;
use crate::text::decode::Decoded;
use crate::text::LangTag;
use crate::{AlignerBuilder, Error, Genre, Lang, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Largest input accepted by default, in bytes (1 GiB).
pub const DEFAULT_MAX_INPUT_BYTES: u64 = crate::text::decode::DEFAULT_MAX_INPUT_BYTES;

/// Every option of one alignment run: reading, segmenting, aligning and writing.
///
/// Field names are the command line's option names with `_` for `-` (`max_bead` is
/// `--max-bead`), and [`Options::default`] holds every default. It is a serde type with
/// unknown fields refused, so a front-end may also take it as JSON.
///
/// ```
/// use bialign::{Genre, Options};
///
/// let mut options = Options::default();
/// options.genre = Some(Genre::Official);
/// options.max_bead = 4;
/// options.validate()?;
///
/// options.max_bead = 11;
/// let err = options.validate().unwrap_err();
/// assert_eq!(err.option(), Some("max_bead"));
/// # Ok::<(), bialign::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Inputs are already one sentence per line (line i is sentence i).
    pub presplit: bool,
    /// Language of the source text, a BCP 47 tag (default `zh`); the tag reaches the
    /// outputs unchanged ([`LangTag`]).
    pub src_lang: LangTag,
    /// Language of the target text (default `en`).
    pub tgt_lang: LangTag,
    /// Take `src_lang` and `tgt_lang` as guesses (default): a text that
    /// [`Lang::identify`](crate::Lang::identify) finds in another script, or in another
    /// language by its function words (`der`, `le`, `и`), is aligned in that language, so
    /// that Russian and English files align without naming their languages. Not when the
    /// two found are the two given the wrong way round (that is refused, as the texts are
    /// then in the wrong order), nor when both are found to be the same language. A text
    /// holding both languages is partitioned by script, and each part takes the language
    /// its script's function words name (a Chinese note with a French annex is Chinese
    /// and French). The command line and Python turn it off when a language is named.
    pub detect_langs: bool,
    /// Output format; `None`: TSV, or the output file's extension where there is one
    /// ([`Format::for_output`]).
    pub format: Option<Format>,
    /// Pairs below this confidence are left out of the pair formats (TSV, CSV, TMX, Moses).
    pub min_score: Option<f64>,
    /// The genre preset; `None`: official for one text holding both languages (a UN-style
    /// document), literary for two texts.
    pub genre: Option<Genre>,
    /// Never let a bead cross a paragraph boundary (implied by the official genre).
    pub hard_paragraphs: bool,
    /// Largest bead, as the total number of sentences on both sides
    /// ([`AlignerBuilder::MAX_BEAD`]).
    pub max_bead: usize,
    /// Largest bead of the first pass, which only guides the later ones
    /// ([`AlignerBuilder::MAX_BEAD`]; at most `max_bead` is used).
    pub first_pass_bead: usize,
    /// Half-width of the first search band, in sentences (at least 1).
    pub band: usize,
    /// Largest half-width the band may widen to (at least 1).
    pub max_band: usize,
    /// Skip the second pass with re-estimated parameters.
    pub no_second_pass: bool,
    /// Lay the first band along the length diagonal only, without anchors.
    pub no_anchors: bool,
    /// Rounds of re-estimation and realignment ([`AlignerBuilder::REFINEMENTS`]); `None`:
    /// one, or none with `no_second_pass`.
    pub refinements: Option<usize>,
    /// Weight of lexical evidence (at least 0; `None`: [`AlignerBuilder::DEFAULT_LEXICAL_WEIGHT`]).
    pub lexical_weight: Option<f64>,
    /// Weight of boundary punctuation agreement (at least 0).
    pub punctuation_weight: Option<f64>,
    /// Weight of the agreement of opening words between alphabetic texts (at least 0;
    /// [`AlignerBuilder::opening_weight`]).
    pub opening_weight: Option<f64>,
    /// Cost of each pair of evidence out of order in a bead, between alphabetic texts (at
    /// least 0; [`AlignerBuilder::order_weight`]).
    pub order_weight: Option<f64>,
    /// Expected coverage of English content words by translations
    /// ([`AlignerBuilder::COVERAGE`]).
    pub coverage: Option<f64>,
    /// Weight of Chinese-side lexical evidence relative to English-side evidence (at least 0).
    pub unit_weight: Option<f64>,
    /// Expected coverage of Chinese content words by translations
    /// ([`AlignerBuilder::COVERAGE`]).
    pub unit_coverage: Option<f64>,
    /// Prior probability of a sentence without counterpart, per side
    /// ([`AlignerBuilder::DELETION_PRIOR`]; `None`: the genre's).
    pub deletion_prior: Option<f64>,
    /// Counting noise of the length model (at least 0; `None`:
    /// [`AlignerBuilder::DEFAULT_LENGTH_NOISE`]).
    pub length_noise: Option<f64>,
    /// Weight of the evidence against deleting a sentence that its neighbours' other side
    /// translates (at least 0; `None`: [`AlignerBuilder::DEFAULT_DELETION_EVIDENCE`]).
    pub deletion_evidence: Option<f64>,
    /// Weight of whether each sentence of a bead shares a translated word with its other
    /// side, for pairs without a bundled lexicon (at least 0; `None`:
    /// [`AlignerBuilder::DEFAULT_SENTENCE_EVIDENCE`]).
    pub sentence_evidence: Option<f64>,
    /// Additional dictionaries, for any pair (TSV `word<TAB>translation|translation` or
    /// hunalign's `word @ translation`; see [`Lexicon::add_text`](crate::Lexicon::add_text)).
    pub dict: Vec<PathBuf>,
    /// Do not use the bundled lexicon.
    pub no_lexicon: bool,
    /// Do not match capitalised English words against the pinyin of Chinese characters.
    pub no_pinyin: bool,
    /// Do not learn word pairs from the first pass for the second.
    pub no_learned_lexicon: bool,
    /// Learn the word pairs once only, from the first pass (no second round from the beads
    /// of a search with the first round's pairs, which runs where the bundled lexicon does
    /// not apply).
    pub no_relearn: bool,
    /// Learn pairs with jieba's Chinese words instead of Han n-grams (needs the `jieba`
    /// feature; an ablation, not the default).
    pub jieba: bool,
    /// Keep the starting parameters in the later passes.
    pub no_reestimate: bool,
    /// Score whether a quotation left open after a bead is open on both sides (off by
    /// default).
    pub quote_state: bool,
    /// Keep Chinese speaker tags (`韦小宝道：`) in the length even where the translation
    /// drops them.
    pub no_speaker_tags: bool,
    /// Largest input accepted, in bytes (a file, a text, a dictionary).
    pub max_input_bytes: u64,
    /// Refuse damaged UTF-8 input (a few invalid bytes, or a last character cut short)
    /// instead of reading it with U+FFFD in place of the invalid bytes and a warning (see
    /// [`decode_report`](crate::text::decode::decode_report)).
    pub strict_decoding: bool,
    /// Most threads one alignment uses (at least 1); `None`: the cores, at most 4.
    pub threads: Option<usize>,
    /// Name documents in the output (TMX, HTML) by their path as given, not by their file
    /// name alone.
    pub full_paths: bool,
    /// Align everything: set nothing apart (no UN-style clean-up of running headers and
    /// footers, page numbers, document symbols, job numbers, the distribution block,
    /// footnotes and footnote marks; see [`Segmenter::cleanup`](crate::text::Segmenter::cleanup)).
    pub no_cleanup: bool,
    /// Do not take the enumerators sentences start with (`1.`, `(a)`, `第一条` and
    /// `Article 1`) as evidence ([`AlignerBuilder::structure`]).
    pub no_structure: bool,
    /// A file of beads to keep exactly (the JSONL or ids format the writers produce, told
    /// apart by content; see [`parse_fixed`](crate::parse_fixed)): the rest is aligned
    /// around them ([`Aligner::align_fixed`](crate::Aligner::align_fixed)).
    pub fixed: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            presplit: false,
            src_lang: LangTag::from(Lang::Zh),
            tgt_lang: LangTag::from(Lang::En),
            detect_langs: true,
            format: None,
            min_score: None,
            genre: None,
            hard_paragraphs: false,
            max_bead: AlignerBuilder::DEFAULT_MAX_BEAD,
            first_pass_bead: AlignerBuilder::DEFAULT_FIRST_PASS_BEAD,
            band: AlignerBuilder::DEFAULT_BAND,
            max_band: AlignerBuilder::DEFAULT_MAX_BAND,
            no_second_pass: false,
            no_anchors: false,
            refinements: None,
            lexical_weight: None,
            punctuation_weight: None,
            opening_weight: None,
            order_weight: None,
            coverage: None,
            unit_weight: None,
            unit_coverage: None,
            deletion_prior: None,
            deletion_evidence: None,
            sentence_evidence: None,
            length_noise: None,
            dict: Vec::new(),
            no_lexicon: false,
            no_pinyin: false,
            no_learned_lexicon: false,
            no_relearn: false,
            jieba: false,
            no_reestimate: false,
            quote_state: false,
            no_speaker_tags: false,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            strict_decoding: false,
            threads: None,
            full_paths: false,
            no_cleanup: false,
            no_structure: false,
            fixed: None,
        }
    }
}

/// `Err` naming `option` unless `ok`.
fn require(ok: bool, option: &'static str, what: impl FnOnce() -> String) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_option(option, what()))
    }
}

/// Checks an optional number against a range of valid values.
fn in_range(
    value: Option<f64>,
    option: &'static str,
    range: std::ops::RangeInclusive<f64>,
) -> Result<()> {
    match value {
        None => Ok(()),
        Some(v) => require(v.is_finite() && range.contains(&v), option, || {
            format!(
                "must be a number from {} to {}, not {v}",
                range.start(),
                range.end()
            )
        }),
    }
}

/// Checks an optional weight: a finite number, at least 0.
fn weight(value: Option<f64>, option: &'static str) -> Result<()> {
    in_range(value, option, 0.0..=f64::MAX).map_err(|_| {
        Error::invalid_option(option, "must be a finite number, at least 0".to_string())
    })
}

impl Options {
    /// The name of every option, in the order of [`Options`]' fields: the keys of its JSON
    /// form, and the names [`Options::set`] takes (a test checks the list against serde's).
    pub const NAMES: [&'static str; 42] = [
        "presplit",
        "src_lang",
        "tgt_lang",
        "detect_langs",
        "format",
        "min_score",
        "genre",
        "hard_paragraphs",
        "max_bead",
        "first_pass_bead",
        "band",
        "max_band",
        "no_second_pass",
        "no_anchors",
        "refinements",
        "lexical_weight",
        "punctuation_weight",
        "opening_weight",
        "order_weight",
        "coverage",
        "unit_weight",
        "unit_coverage",
        "deletion_prior",
        "length_noise",
        "deletion_evidence",
        "sentence_evidence",
        "dict",
        "no_lexicon",
        "no_pinyin",
        "no_learned_lexicon",
        "no_relearn",
        "jieba",
        "no_reestimate",
        "quote_state",
        "no_speaker_tags",
        "max_input_bytes",
        "strict_decoding",
        "threads",
        "full_paths",
        "no_cleanup",
        "no_structure",
        "fixed",
    ];

    /// Sets the option `name` (a field name, as in [`Options::NAMES`]) from a JSON value of
    /// the field's type: `true`, `4`, `0.5`, `"official"`, `null` for an option without a
    /// value, a list of paths for `dict`. A front-end whose options come by name (Python's
    /// keyword arguments, a JSON settings file) sets them one by one and then calls
    /// [`Options::validate`], which checks ranges.
    ///
    /// ```
    /// use bialign::{Genre, Options};
    /// use serde_json::json;
    ///
    /// let mut options = Options::default();
    /// options.set("genre", json!("official"))?;
    /// options.set("max_bead", json!(4))?;
    /// assert_eq!((options.genre, options.max_bead), (Some(Genre::Official), 4));
    ///
    /// let err = options.set("max_bead", json!("four")).unwrap_err();
    /// assert_eq!(err.option(), Some("max_bead"));
    /// assert!(options.set("max_beads", json!(4)).is_err());
    /// # Ok::<(), bialign::Error>(())
    /// ```
    ///
    /// # Errors
    /// A [`Config`](crate::ErrorKind::Config) error for a name that is no option, and one
    /// whose [`Error::option`] is `name` for a value of the wrong type (the options are then
    /// unchanged).
    pub fn set(&mut self, name: &str, value: serde_json::Value) -> Result<()> {
        let Some(&option) = Self::NAMES.iter().find(|&&n| n == name) else {
            let hint = Self::NAMES
                .iter()
                .find(|&&n| n == name.replace('-', "_"))
                .map_or(String::new(), |n| format!(" (did you mean `{n}`?)"));
            return Err(Error::config(format!("unknown option `{name}`{hint}")));
        };
        let mut fields = match serde_json::to_value(&*self) {
            Ok(serde_json::Value::Object(fields)) => fields,
            // A struct of plain fields always serialises to an object.
            _ => return Err(Error::config("options cannot be serialised")),
        };
        fields.insert(option.to_string(), value);
        *self = serde_json::from_value(serde_json::Value::Object(fields))
            .map_err(|e| Error::invalid_option(option, e.to_string()))?;
        Ok(())
    }

    /// Checks every option against its valid range, and the options against each other.
    ///
    /// # Errors
    /// A [`Config`](crate::ErrorKind::Config) error whose [`Error::option`] names the first
    /// option that is out of range (or the first of two that conflict).
    pub fn validate(&self) -> Result<()> {
        require(!self.jieba || cfg!(feature = "jieba"), "jieba", || {
            "needs bialign built with the `jieba` feature".into()
        })?;
        let range = AlignerBuilder::MAX_BEAD;
        require(range.contains(&self.max_bead), "max_bead", || {
            format!(
                "must be from {} to {}, not {}",
                range.start(),
                range.end(),
                self.max_bead
            )
        })?;
        require(
            range.contains(&self.first_pass_bead),
            "first_pass_bead",
            || {
                format!(
                    "must be from {} to {}, not {}",
                    range.start(),
                    range.end(),
                    self.first_pass_bead
                )
            },
        )?;
        require(self.band >= 1, "band", || "must be at least 1".into())?;
        require(self.max_band >= 1, "max_band", || {
            "must be at least 1".into()
        })?;
        if let Some(r) = self.refinements {
            let range = AlignerBuilder::REFINEMENTS;
            require(range.contains(&r), "refinements", || {
                format!("must be from {} to {}, not {r}", range.start(), range.end())
            })?;
            require(!self.no_second_pass, "refinements", || {
                "cannot be used with no_second_pass".into()
            })?;
        }
        weight(self.lexical_weight, "lexical_weight")?;
        weight(self.punctuation_weight, "punctuation_weight")?;
        weight(self.opening_weight, "opening_weight")?;
        weight(self.order_weight, "order_weight")?;
        weight(self.unit_weight, "unit_weight")?;
        weight(self.deletion_evidence, "deletion_evidence")?;
        weight(self.sentence_evidence, "sentence_evidence")?;
        weight(self.length_noise, "length_noise")?;
        in_range(self.coverage, "coverage", AlignerBuilder::COVERAGE)?;
        in_range(
            self.unit_coverage,
            "unit_coverage",
            AlignerBuilder::COVERAGE,
        )?;
        in_range(
            self.deletion_prior,
            "deletion_prior",
            AlignerBuilder::DELETION_PRIOR,
        )?;
        in_range(self.min_score, "min_score", 0.0..=1.0)?;
        if let Some(n) = self.threads {
            require(n >= 1, "threads", || "must be at least 1".into())?;
        }
        require(
            self.src_lang.lang() != self.tgt_lang.lang(),
            "tgt_lang",
            || {
                format!(
                    "the source and target languages must differ (both are {})",
                    self.src_lang.lang()
                )
            },
        )
    }

    /// The name the outputs give a document read from `path`: its file name (`-` is
    /// `<stdin>`), or with [`full_paths`](Options::full_paths) the path as given.
    ///
    /// ```
    /// use bialign::Options;
    /// use std::path::Path;
    ///
    /// let mut options = Options::default();
    /// assert_eq!(options.doc_name(Path::new("corpus/zh/report.txt")), "report.txt");
    /// options.full_paths = true;
    /// assert_eq!(options.doc_name(Path::new("corpus/zh/report.txt")), "corpus/zh/report.txt");
    /// ```
    pub fn doc_name(&self, path: &std::path::Path) -> String {
        if path.as_os_str() == "-" {
            return crate::text::decode::STDIN_NAME.to_string();
        }
        match path.file_name() {
            Some(name) if !self.full_paths => name.to_string_lossy().into_owned(),
            _ => path.display().to_string(),
        }
    }

    /// Reads and decodes an input file (`-`: standard input) as these options say: at most
    /// [`Options::max_input_bytes`], damaged UTF-8 refused with
    /// [`Options::strict_decoding`], else repaired with the warnings in the result.
    ///
    /// # Errors
    /// As [`read_decoded`](crate::text::decode::read_decoded).
    pub fn read_input(&self, path: &Path) -> Result<Decoded> {
        crate::read::read_input(path, self.max_input_bytes, self.strict_decoding)
    }

    /// The format for `output`: [`format`](Self::format) when set, else the one `output`'s
    /// extension names, else TSV ([`Format::for_output`]).
    pub fn format_for(&self, output: Option<&std::path::Path>) -> Format {
        self.format.unwrap_or_else(|| Format::for_output(output))
    }

    /// The files a run with these options writes for the output `output` in `format`:
    /// `output`, or Moses' two named by the languages
    /// ([`Format::output_paths`]); known before anything is read, so that a front-end can
    /// refuse an output that is an input first
    /// ([`refuse_overwriting_inputs`](crate::export::refuse_overwriting_inputs)).
    ///
    /// ```
    /// use bialign::export::Format;
    /// use bialign::Options;
    /// use std::path::{Path, PathBuf};
    ///
    /// let mut options = Options::default();
    /// options.src_lang = "en".parse()?;
    /// options.tgt_lang = "zh".parse()?;
    /// assert_eq!(
    ///     options.output_paths(Format::Moses, Path::new("p")),
    ///     [PathBuf::from("p.en"), PathBuf::from("p.zh")]
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn output_paths(&self, format: Format, output: &std::path::Path) -> Vec<PathBuf> {
        format.output_paths(output, self.src_lang.lang(), self.tgt_lang.lang())
    }

    /// The aligner these options describe for a document of one `genre`, sharing `lexicon`
    /// (`None`: the bundled one).
    pub(crate) fn aligner(
        &self,
        genre: Genre,
        lexicon: Option<std::sync::Arc<crate::Lexicon>>,
    ) -> crate::Aligner {
        let mut b = crate::Aligner::builder();
        if let Some(n) = self.threads {
            b = b.threads(n);
        }
        // The preset first: the options after it override its settings.
        b = b.genre(genre);
        if self.hard_paragraphs {
            b = b.hard_paragraphs(true);
        }
        b = b
            .src_lang(self.src_lang.lang())
            .tgt_lang(self.tgt_lang.lang())
            .max_bead(self.max_bead)
            .first_pass_bead(self.first_pass_bead)
            .band(self.band)
            .max_band(self.max_band)
            .second_pass(!self.no_second_pass)
            .anchors(!self.no_anchors)
            .pinyin_names(!self.no_pinyin)
            .structure(!self.no_structure)
            .learn_lexicon(!self.no_learned_lexicon)
            .relearn(!self.no_relearn)
            .reestimate(!self.no_reestimate)
            .quote_state(self.quote_state)
            .speaker_tags(!self.no_speaker_tags);
        #[cfg(feature = "jieba")]
        {
            b = b.jieba_words(self.jieba);
        }
        if let Some(r) = self.refinements {
            b = b.refinements(r);
        }
        type Setter = fn(AlignerBuilder, f64) -> AlignerBuilder;
        let numbers: [(Option<f64>, Setter); 11] = [
            (self.lexical_weight, AlignerBuilder::lexical_weight),
            (self.punctuation_weight, AlignerBuilder::punctuation_weight),
            (self.opening_weight, AlignerBuilder::opening_weight),
            (self.order_weight, AlignerBuilder::order_weight),
            (self.coverage, AlignerBuilder::coverage),
            (self.deletion_prior, AlignerBuilder::deletion_prior),
            (self.unit_weight, AlignerBuilder::unit_weight),
            (self.unit_coverage, AlignerBuilder::unit_coverage),
            (self.deletion_evidence, AlignerBuilder::deletion_evidence),
            (self.sentence_evidence, AlignerBuilder::sentence_evidence),
            (self.length_noise, AlignerBuilder::length_noise),
        ];
        for (value, set) in numbers {
            if let Some(v) = value {
                b = set(b, v);
            }
        }
        if let Some(lex) = lexicon {
            b = b.lexicon(lex);
        }
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::Options;
    use serde_json::{json, Value};

    #[test]
    fn names_are_the_serialised_fields() {
        let Ok(Value::Object(fields)) = serde_json::to_value(Options::default()) else {
            panic!("options serialise to an object");
        };
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        let mut names = Options::NAMES.to_vec();
        let mut sorted = keys.clone();
        names.sort_unstable();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }

    #[test]
    fn set_by_name() {
        // (name, value, whether it is accepted, the field as JSON afterwards)
        let cases = [
            ("presplit", json!(true), true, json!(true)),
            ("max_bead", json!(4), true, json!(4)),
            ("min_score", json!(0.5), true, json!(0.5)),
            ("min_score", json!(null), true, json!(null)),
            ("genre", json!("official"), true, json!("official")),
            ("format", json!("tmx"), true, json!("tmx")),
            ("src_lang", json!("zh-TW"), true, json!("zh-TW")),
            (
                "dict",
                json!(["a.tsv", "b.txt"]),
                true,
                json!(["a.tsv", "b.txt"]),
            ),
            ("max_bead", json!("four"), false, json!(6)),
            ("max_bead", json!(-1), false, json!(6)),
            ("max_bead", json!(4.5), false, json!(6)),
            ("presplit", json!(1), false, json!(false)),
            ("genre", json!("poetry"), false, json!(null)),
            ("src_lang", json!("xx!"), false, json!("zh")),
        ];
        for (name, value, ok, after) in cases {
            let mut options = Options::default();
            let result = options.set(name, value.clone());
            assert_eq!(result.is_ok(), ok, "{name} = {value}: {result:?}");
            if let Err(e) = result {
                assert_eq!(e.option(), Some(name), "{name} = {value}: {e}");
            }
            let fields = serde_json::to_value(&options).unwrap();
            assert_eq!(fields[name], after, "{name} = {value}");
        }
    }

    #[test]
    fn unknown_names_are_refused() {
        let mut options = Options::default();
        for (name, message) in [
            (
                "max-bead",
                "unknown option `max-bead` (did you mean `max_bead`?)",
            ),
            ("beads", "unknown option `beads`"),
            ("", "unknown option ``"),
        ] {
            let err = options.set(name, json!(1)).unwrap_err();
            assert_eq!(err.option(), None);
            assert!(err.to_string().ends_with(message), "{err}");
        }
        assert_eq!(options, Options::default());
    }
}
