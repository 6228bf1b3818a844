//! Writers for alignments: index format, TSV, JSONL, TMX, Moses and an HTML review page.
//!
//! [`Output`] bundles an alignment with its sentences, languages and document names and
//! writes any single-file [`Format`] with [`Output::write_to`]; Moses, which needs two
//! files, has [`Output::write_moses`]. The format modules ([`tmx`], [`moses`], [`html`]) can
//! also be used on their own.
//!
//! ```
//! use bialign::export::{Format, Output};
//! use bialign::{Alignment, Bead, Lang};
//!
//! let zh = ["你好。", "谢谢。"];
//! let en = ["Hello.", "Thank you."];
//! let alignment = Alignment {
//!     beads: vec![
//!         Bead { src: 0..1, tgt: 0..1, score: 0.97 },
//!         Bead { src: 1..2, tgt: 1..2, score: 0.42 },
//!     ],
//! };
//! let out = Output::new(&alignment, &zh, &en)
//!     .with_langs(Lang::Zh, Lang::En)
//!     .with_min_score(0.5);
//! let mut tmx = Vec::new();
//! out.write_to(Format::Tmx, &mut tmx)?;
//! let tmx = String::from_utf8(tmx).unwrap();
//! assert!(tmx.contains("<seg>Hello.</seg>"));
//! assert!(!tmx.contains("Thank you.")); // below the minimum score
//! # Ok::<(), bialign::Error>(())
//! ```

pub mod html;
pub mod moses;
pub mod tmx;

use crate::alignment::Alignment;
use crate::chars::{is_cjk, is_non_cjk_quote_or_bracket};
use crate::text::Lang;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An output format for an alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One bead per line in index format: `[0,1]:[0]`, `[2]:[]`.
    Ids,
    /// `source<TAB>target<TAB>score`, one line per non-null bead; sentences of one side are
    /// joined by a space.
    Tsv,
    /// One JSON object per bead, null beads included.
    Jsonl,
    /// TMX 1.4b, one translation unit per non-null bead (see [`tmx`]).
    Tmx,
    /// Moses plain text: two files, one line per non-null bead (see [`moses`]). It cannot be
    /// written to a single output: use [`Output::write_moses`].
    Moses,
    /// A self-contained HTML review page (see [`html`]).
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] = [
        Format::Ids,
        Format::Tsv,
        Format::Jsonl,
        Format::Tmx,
        Format::Moses,
        Format::Html,
    ];

    /// The format's name as accepted by [`FromStr`](std::str::FromStr), e.g. `"tmx"`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ids => "ids",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Tmx => "tmx",
            Format::Moses => "moses",
            Format::Html => "html",
        }
    }

    /// `true` for formats written to two files (Moses).
    pub fn is_two_files(self) -> bool {
        self == Format::Moses
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Format {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        let lower = s.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| {
                crate::Error::config(format!(
                    "unknown format `{lower}` (expected ids, tsv, jsonl, tmx, moses or html)"
                ))
            })
    }
}

/// Everything a writer needs: the alignment, the sentences of both sides, their languages
/// and, optionally, the document names and a minimum confidence.
///
/// Build it with [`Output::new`] and the `with_*` setters (or set the public fields), then
/// call [`write_to`](Output::write_to) or [`write_moses`](Output::write_moses).
#[derive(Clone, Copy, Debug)]
pub struct Output<'a, S: AsRef<str>> {
    /// The alignment to write.
    pub alignment: &'a Alignment,
    /// The source sentences; bead indices refer to them.
    pub src: &'a [S],
    /// The target sentences; bead indices refer to them.
    pub tgt: &'a [S],
    /// The source language (default Chinese).
    pub src_lang: Lang,
    /// The target language (default English).
    pub tgt_lang: Lang,
    /// The source document's name (a file name), shown in TMX props and the HTML page.
    pub src_name: Option<&'a str>,
    /// The target document's name.
    pub tgt_name: Option<&'a str>,
    /// Pairs whose score is below this are left out of the pair formats (TSV, TMX, Moses);
    /// the whole-document formats (ids, JSONL, HTML) keep every bead. `None` keeps all.
    pub min_score: Option<f64>,
    /// The TMX language tag of the source side; `None` for [`tmx::default_tag`].
    pub src_tag: Option<&'a str>,
    /// The TMX language tag of the target side; `None` for [`tmx::default_tag`].
    pub tgt_tag: Option<&'a str>,
}

impl<'a, S: AsRef<str>> Output<'a, S> {
    /// An output of `alignment` over the sentences `src` and `tgt`, Chinese to English,
    /// without document names or minimum score.
    pub fn new(alignment: &'a Alignment, src: &'a [S], tgt: &'a [S]) -> Self {
        Output {
            alignment,
            src,
            tgt,
            src_lang: Lang::Zh,
            tgt_lang: Lang::En,
            src_name: None,
            tgt_name: None,
            min_score: None,
            src_tag: None,
            tgt_tag: None,
        }
    }

    /// Sets the source and target languages.
    pub fn with_langs(mut self, src: Lang, tgt: Lang) -> Self {
        self.src_lang = src;
        self.tgt_lang = tgt;
        self
    }

    /// Sets the document names (file names) of the two sides.
    pub fn with_names(mut self, src: Option<&'a str>, tgt: Option<&'a str>) -> Self {
        self.src_name = src;
        self.tgt_name = tgt;
        self
    }

    /// Leaves pairs scoring below `min_score` out of TSV, TMX and Moses output.
    pub fn with_min_score(mut self, min_score: f64) -> Self {
        self.min_score = Some(min_score);
        self
    }

    /// Sets the TMX language tags (e.g. `zh-TW`, `en-GB`) instead of the defaults.
    pub fn with_tags(mut self, src: Option<&'a str>, tgt: Option<&'a str>) -> Self {
        self.src_tag = src;
        self.tgt_tag = tgt;
        self
    }

    /// Checks that every bead refers to existing sentences.
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error naming the first bead that does not.
    pub fn check(&self) -> crate::Result<()> {
        for (k, b) in self.alignment.beads.iter().enumerate() {
            for (side, range, len) in [
                ("source", &b.src, self.src.len()),
                ("target", &b.tgt, self.tgt.len()),
            ] {
                if !range.is_empty() && range.end > len {
                    return Err(crate::Error::config(format!(
                        "bead {k} ({}) refers to {side} sentence {} but there are only {len}",
                        b.to_ids(),
                        range.end - 1
                    )));
                }
            }
        }
        Ok(())
    }

    /// The TMX options this output implies.
    pub fn tmx_options(&self) -> tmx::TmxOptions {
        let mut o = tmx::TmxOptions::for_langs(self.src_lang, self.tgt_lang);
        if let Some(t) = self.src_tag {
            o.src_lang = t.to_string();
        }
        if let Some(t) = self.tgt_tag {
            o.tgt_lang = t.to_string();
        }
        o.min_score = self.min_score;
        o.src_doc = self.src_name.map(str::to_string);
        o.tgt_doc = self.tgt_name.map(str::to_string);
        o
    }

    /// The HTML options this output implies.
    pub fn html_options(&self) -> html::HtmlOptions {
        html::HtmlOptions {
            src_lang: self.src_lang,
            tgt_lang: self.tgt_lang,
            src_name: self.src_name.map(str::to_string),
            tgt_name: self.tgt_name.map(str::to_string),
            ..html::HtmlOptions::default()
        }
    }

    /// Writes the alignment in `format` to `out`.
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error for [`Format::Moses`] (two files: use
    /// [`write_moses`](Self::write_moses)) or when a bead refers to a sentence that does
    /// not exist ([`check`](Self::check)); an [`Io`](crate::ErrorKind::Io) error (named
    /// `<output>`) when writing fails.
    pub fn write_to(&self, format: Format, out: &mut dyn Write) -> crate::Result<()> {
        self.check()?;
        let io_err = |e| crate::Error::io("<output>", e);
        match format {
            Format::Ids | Format::Jsonl => {
                write_simple(out, format, self.alignment, self.src, self.tgt, None).map_err(io_err)
            }
            Format::Tsv => write_simple(
                out,
                format,
                self.alignment,
                self.src,
                self.tgt,
                self.min_score,
            )
            .map_err(io_err),
            Format::Tmx => tmx::write(out, self.alignment, self.src, self.tgt, &self.tmx_options())
                .map_err(io_err),
            Format::Html => html::write(
                out,
                self.alignment,
                self.src,
                self.tgt,
                &self.html_options(),
            )
            .map_err(io_err),
            Format::Moses => Err(crate::Error::config(
                "the moses format writes two files (one per language); \
                 use Output::write_moses",
            )),
        }
    }

    /// Writes Moses plain text: the source side of every non-null bead (that passes
    /// [`min_score`](Self::min_score)) to `src_out`, its target side to `tgt_out`, one line
    /// each (see [`moses::write`]).
    ///
    /// # Errors
    ///
    /// A [`Config`](crate::ErrorKind::Config) error when a bead refers to a sentence that
    /// does not exist; an [`Io`](crate::ErrorKind::Io) error when writing fails.
    pub fn write_moses(
        &self,
        src_out: &mut dyn Write,
        tgt_out: &mut dyn Write,
    ) -> crate::Result<()> {
        self.check()?;
        moses::write(
            src_out,
            tgt_out,
            self.alignment,
            self.src,
            self.tgt,
            self.min_score,
        )
        .map_err(|e| crate::Error::io("<output>", e))
    }

    /// The two Moses file names for the output prefix `prefix`: `prefix.zh` and
    /// `prefix.en` for Chinese to English (see [`moses::file_names`]).
    pub fn moses_paths(&self, prefix: &Path) -> (PathBuf, PathBuf) {
        moses::file_names(prefix, self.src_lang, self.tgt_lang)
    }
}

/// Whether a pair with `score` passes the minimum `min_score`: always without a minimum;
/// with one, only if `score >= min` (a NaN score never passes).
pub(crate) fn passes(score: f64, min_score: Option<f64>) -> bool {
    match min_score {
        None => true,
        Some(min) => score >= min || min.is_nan(),
    }
}

/// The sentences `range` of one side, joined as every writer joins them: with a space, but
/// without one between two sentences when the first ends and the second starts with a Han
/// character or CJK punctuation (so Chinese sentences are joined directly). An index beyond
/// `sentences` counts as an empty sentence.
pub fn join_sentences<S: AsRef<str>>(sentences: &[S], range: std::ops::Range<usize>) -> String {
    join_side(sentences, &range)
}

/// The sentences of one side of a bead, joined by a space (Chinese sentences without one).
pub(crate) fn join_side<S: AsRef<str>>(sentences: &[S], range: &std::ops::Range<usize>) -> String {
    let mut out = String::new();
    for k in range.clone() {
        let s = sentences.get(k).map(AsRef::as_ref).unwrap_or("");
        let cjk_join = ends_cjk(&out) && starts_cjk(s);
        if !out.is_empty() && !cjk_join {
            out.push(' ');
        }
        out.push_str(s);
    }
    out
}

/// Whether `s` ends in Chinese (a CJK character), looking past the quotes and brackets Chinese
/// shares with English (`……。”` counts).
fn ends_cjk(s: &str) -> bool {
    s.chars()
        .rev()
        .find(|&c| !is_non_cjk_quote_or_bracket(c))
        .is_some_and(is_cjk)
}

/// Whether `s` starts in Chinese, looking past the quotes and brackets it shares with English.
fn starts_cjk(s: &str) -> bool {
    s.chars()
        .find(|&c| !is_non_cjk_quote_or_bracket(c))
        .is_some_and(is_cjk)
}

/// Tabs and line breaks inside a TSV field become spaces, so every record stays one line.
fn tsv_field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The language of a text side guessed from its script (Han characters against Latin
/// letters), or `default` when it has neither.
fn guess_lang<S: AsRef<str>>(sentences: &[S], default: Lang) -> Lang {
    let refs: Vec<&str> = sentences.iter().map(AsRef::as_ref).collect();
    let shares = crate::text::partition::ScriptShares::of(&refs);
    if shares.zh_han == 0 && shares.en_letters == 0 {
        default
    } else if shares.zh_share() >= 0.5 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Writes `alignment` of sentences `src` and `tgt` in `format`.
///
/// Ids, TSV and JSONL are written as they always were. For TMX and HTML the languages are
/// guessed from the script of each side (Chinese when Han characters dominate), without
/// document names or minimum score; use [`Output`] to set them. Moses needs two outputs and
/// gives an [`InvalidInput`](io::ErrorKind::InvalidInput) error here (use
/// [`Output::write_moses`] or [`moses::write`]). A bead index beyond the sentences is
/// written as an empty sentence.
pub fn write<W: Write, S: AsRef<str>, T: AsRef<str>>(
    out: &mut W,
    format: Format,
    alignment: &Alignment,
    src: &[S],
    tgt: &[T],
) -> io::Result<()> {
    match format {
        Format::Ids | Format::Tsv | Format::Jsonl => {
            write_simple(out, format, alignment, src, tgt, None)
        }
        Format::Tmx => {
            let opts =
                tmx::TmxOptions::for_langs(guess_lang(src, Lang::Zh), guess_lang(tgt, Lang::En));
            tmx::write(out, alignment, src, tgt, &opts)
        }
        Format::Html => {
            let opts = html::HtmlOptions {
                src_lang: guess_lang(src, Lang::Zh),
                tgt_lang: guess_lang(tgt, Lang::En),
                ..html::HtmlOptions::default()
            };
            html::write(out, alignment, src, tgt, &opts)
        }
        Format::Moses => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the moses format writes two files (one per language); \
             use export::Output::write_moses or export::moses::write",
        )),
    }
}

/// Ids, TSV (pairs passing `min_score`) and JSONL.
fn write_simple<W: Write + ?Sized, S: AsRef<str>, T: AsRef<str>>(
    out: &mut W,
    format: Format,
    alignment: &Alignment,
    src: &[S],
    tgt: &[T],
    min_score: Option<f64>,
) -> io::Result<()> {
    match format {
        Format::Tsv => {
            for b in alignment.pairs().filter(|b| passes(b.score, min_score)) {
                writeln!(
                    out,
                    "{}\t{}\t{:.3}",
                    tsv_field(&join_side(src, &b.src)),
                    tsv_field(&join_side(tgt, &b.tgt)),
                    b.score
                )?;
            }
            Ok(())
        }
        Format::Jsonl => {
            // Fields in the order of the command-line contract (design notes), which a
            // `json!` map would sort.
            #[derive(serde::Serialize)]
            struct JsonBead {
                src: Vec<usize>,
                tgt: Vec<usize>,
                src_text: String,
                tgt_text: String,
                score: f64,
            }
            for b in &alignment.beads {
                let obj = JsonBead {
                    src: b.src.clone().collect(),
                    tgt: b.tgt.clone().collect(),
                    src_text: join_side(src, &b.src),
                    tgt_text: join_side(tgt, &b.tgt),
                    score: (b.score * 1000.0).round() / 1000.0,
                };
                serde_json::to_writer(&mut *out, &obj).map_err(std::io::Error::from)?;
                writeln!(out)?;
            }
            Ok(())
        }
        // Ids, and the caller routes only these three formats here.
        _ => out.write_all(alignment.to_ids().as_bytes()),
    }
}
